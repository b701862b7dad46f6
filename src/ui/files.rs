//! Files in the browser: downloading text as a file and reading a chosen or dropped file.

use wasm_bindgen::JsCast;

/// Offers `text` as a download named `name`.
pub fn download(name: &str, text: &str, mime: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = document.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(name);
        a.set_attribute("hidden", "").ok();
        if let Some(body) = document.body() {
            body.append_child(&a).ok();
            a.click();
            a.remove();
        }
    }
    // Revoke later: some browsers read the URL after click() returns.
    let revoke = url.clone();
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&revoke);
    })
    .forget();
}

/// `voronka-YYYY-MM-DD.json` for today.
pub fn export_name(today: chrono::NaiveDate) -> String {
    format!("voronka-{}.json", super::format::iso_date(today))
}

/// Reads a file's bytes, refusing files larger than `max_bytes` before reading them.
pub async fn read_bytes(file: web_sys::File, max_bytes: usize) -> Result<Vec<u8>, FileError> {
    let size = file.size() as usize;
    if size > max_bytes {
        return Err(FileError::TooLarge(size));
    }
    // The bytes, copied into wasm in one piece: a JS string would be re-encoded to UTF-8 on
    // the way in (a tenth of an import of 10,000 deals).
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| FileError::Unreadable)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Windows-1251 text through the browser's `TextDecoder` (no table in the wasm).
pub fn decode_windows_1251(bytes: &[u8]) -> Option<String> {
    web_sys::TextDecoder::new_with_label("windows-1251")
        .ok()?
        .decode_with_u8_array(bytes)
        .ok()
}

/// Whether a chosen file is a CSV table rather than a Voronka JSON file: by its name, else by
/// its first character (a JSON file starts with `{`).
pub fn is_csv(name: &str, first_bytes: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".json") {
        return false;
    }
    if [".csv", ".tsv", ".txt"].iter().any(|e| lower.ends_with(e)) {
        return true;
    }
    let body = first_bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(first_bytes);
    body.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b != b'{')
}

/// Why a file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    /// Too large to import (bytes).
    TooLarge(usize),
    /// The browser could not read it.
    Unreadable,
}

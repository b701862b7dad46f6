//! Bytes to text: a UTF-8 byte-order mark, else valid UTF-8, else Windows-1251 (what older
//! Russian Bitrix24 installations write, without a mark).

/// The encoding a file was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (with or without a byte-order mark).
    Utf8,
    /// Windows-1251 (Cyrillic).
    Windows1251,
}

/// Decodes `bytes`. `windows_1251` decodes the legacy encoding (the browser's `TextDecoder`
/// in the app, `encoding_rs` in tests); `None` from it means the bytes are not text at all.
pub fn decode(
    bytes: &[u8],
    windows_1251: impl FnOnce(&[u8]) -> Option<String>,
) -> Option<(String, Encoding)> {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    if let Some(rest) = bytes.strip_prefix(BOM) {
        return Some((String::from_utf8_lossy(rest).into_owned(), Encoding::Utf8));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Some((text.to_string(), Encoding::Utf8)),
        Err(_) => windows_1251(bytes).map(|text| (text, Encoding::Windows1251)),
    }
}

/// Windows-1251 through `encoding_rs`, outside the browser.
#[cfg(not(target_arch = "wasm32"))]
pub fn windows_1251_native(bytes: &[u8]) -> Option<String> {
    let (text, _, _) = encoding_rs::WINDOWS_1251.decode(bytes);
    Some(text.into_owned())
}

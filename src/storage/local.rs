//! The browser's localStorage behind the core's [`KeyValue`] interface.

use voronka_core::storage::kv::{KeyValue, KvError};

/// The browser's localStorage.
#[derive(Clone)]
pub struct LocalKv(web_sys::Storage);

/// Key written and removed to find out whether storage accepts writes at all.
const PROBE_KEY: &str = "voronka.probe";

impl LocalKv {
    /// The window's localStorage, if the browser allows it: reading `window.localStorage`
    /// may throw (a SecurityError in third-party frames and some privacy modes) or give
    /// `null`, and a storage whose every method throws is no storage either. A full storage
    /// still counts: it can be read, and saving says it is full.
    pub fn open() -> Result<LocalKv, KvError> {
        let storage = web_sys::window()
            .ok_or_else(|| KvError::Unavailable("no window".into()))?
            .local_storage()
            .map_err(|e| KvError::Unavailable(format!("{e:?}")))?
            .ok_or_else(|| KvError::Unavailable("localStorage is null".into()))?;
        let kv = LocalKv(storage);
        match kv.set(PROBE_KEY, "1") {
            Ok(()) | Err(KvError::Quota) => {}
            Err(e) => return Err(e),
        }
        kv.0.remove_item(PROBE_KEY)
            .map_err(|e| KvError::Unavailable(format!("{e:?}")))?;
        kv.0.length()
            .map_err(|e| KvError::Unavailable(format!("{e:?}")))?;
        Ok(kv)
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The Storage object, seen through a `getItem` that returns the JS string itself.
    type RawStorage;
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item_raw(
        this: &RawStorage,
        key: &str,
    ) -> Result<Option<js_sys::JsString>, wasm_bindgen::JsValue>;
}

/// Whether a thrown value is a quota error, however the browser names it.
fn is_quota_error(error: &wasm_bindgen::JsValue) -> bool {
    use wasm_bindgen::JsCast;
    match error.dyn_ref::<web_sys::DomException>() {
        Some(e) => {
            matches!(e.code(), 22 | 1014)
                || matches!(
                    e.name().as_str(),
                    "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED"
                )
        }
        None => false,
    }
}

impl KeyValue for LocalKv {
    fn get(&self, key: &str) -> Option<String> {
        self.0.get_item(key).ok().flatten()
    }

    fn set(&self, key: &str, value: &str) -> Result<(), KvError> {
        self.0.set_item(key, value).map_err(|e| {
            if is_quota_error(&e) {
                KvError::Quota
            } else {
                KvError::Unavailable(format!("{e:?}"))
            }
        })
    }

    fn remove(&self, key: &str) {
        // A key that cannot be removed stays: collected at a later save, never named again.
        self.0.remove_item(key).ok();
    }

    fn get_prefix(&self, key: &str, chars: usize) -> Option<String> {
        use wasm_bindgen::JsCast;
        let text = self
            .0
            .unchecked_ref::<RawStorage>()
            .get_item_raw(key)
            .ok()
            .flatten()?;
        // Sliced in JS: only the prefix crosses into wasm (UTF-16 units; the header is ASCII).
        String::from(text.slice(0, chars as u32)).into()
    }

    fn units_of(&self, key: &str) -> usize {
        // The string's JS length (UTF-16 units), without converting it to UTF-8.
        use wasm_bindgen::JsCast;
        self.0
            .unchecked_ref::<RawStorage>()
            .get_item_raw(key)
            .ok()
            .flatten()
            .map_or(0, |s| s.length() as usize)
    }

    fn keys(&self) -> Vec<String> {
        let len = self.0.length().unwrap_or(0);
        (0..len)
            .filter_map(|i| self.0.key(i).ok().flatten())
            .collect()
    }
}

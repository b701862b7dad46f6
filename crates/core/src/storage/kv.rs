//! A small key-value interface, so that the persistence logic runs (and is tested) natively
//! against an in-memory store with a quota, and in the browser against localStorage (the
//! app's `storage::local`).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Chromium's localStorage quota per origin, in UTF-16 code units (keys included).
pub const QUOTA_UNITS: usize = 5_242_880;

/// Why a write failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KvError {
    /// The origin's storage is full (every browser's quota error).
    Quota,
    /// Storage is unavailable or refused the write for another reason.
    Unavailable(String),
}

/// The operations persistence needs.
pub trait KeyValue {
    /// The value under `key`.
    fn get(&self, key: &str) -> Option<String>;
    /// Writes `value` under `key`.
    fn set(&self, key: &str, value: &str) -> Result<(), KvError>;
    /// Removes `key`.
    fn remove(&self, key: &str);
    /// Every key.
    fn keys(&self) -> Vec<String>;
    /// The first `chars` characters of the value under `key` (the manifest's header, read on
    /// every save without copying the whole manifest into the program).
    fn get_prefix(&self, key: &str, chars: usize) -> Option<String> {
        self.get(key).map(|v| v.chars().take(chars).collect())
    }
    /// The size of the value under `key` in UTF-16 units (0 when absent). Measuring storage
    /// must not copy every value into the program: localStorage overrides this.
    fn units_of(&self, key: &str) -> usize {
        self.get(key).map_or(0, |v| units(&v))
    }
}

/// Size of a string as localStorage counts it: UTF-16 code units.
pub fn units(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// Units used by every key of the origin (ours and any other app's).
pub fn used_units(kv: &dyn KeyValue) -> usize {
    kv.keys().iter().map(|k| units(k) + kv.units_of(k)).sum()
}

/// An in-memory store with a quota, for tests. Clones share the same data, like two tabs.
#[derive(Clone, Default)]
pub struct MemoryKv {
    data: Rc<RefCell<BTreeMap<String, String>>>,
    quota: Rc<RefCell<Option<usize>>>,
}

impl MemoryKv {
    /// A store that refuses writes beyond `quota` units.
    pub fn with_quota(quota: usize) -> MemoryKv {
        let kv = MemoryKv::default();
        *kv.quota.borrow_mut() = Some(quota);
        kv
    }

    /// Changes the quota (e.g. to free room in a test).
    pub fn set_quota(&self, quota: Option<usize>) {
        *self.quota.borrow_mut() = quota;
    }
}

impl KeyValue for MemoryKv {
    fn get(&self, key: &str) -> Option<String> {
        self.data.borrow().get(key).cloned()
    }

    fn set(&self, key: &str, value: &str) -> Result<(), KvError> {
        if let Some(quota) = *self.quota.borrow() {
            let data = self.data.borrow();
            let others: usize = data
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| units(k) + units(v))
                .sum();
            if others + units(key) + units(value) > quota {
                return Err(KvError::Quota);
            }
        }
        self.data
            .borrow_mut()
            .insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&self, key: &str) {
        self.data.borrow_mut().remove(key);
    }

    fn keys(&self) -> Vec<String> {
        self.data.borrow().keys().cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_store_enforces_its_quota_and_is_shared_by_clones() {
        let kv = MemoryKv::with_quota(10);
        kv.set("a", "12345").unwrap();
        assert_eq!(kv.set("b", "123456"), Err(KvError::Quota));
        kv.set("a", "1234567").unwrap();
        let other_tab = kv.clone();
        assert_eq!(other_tab.get("a").as_deref(), Some("1234567"));
        assert_eq!(used_units(&other_tab), 8);
        kv.set_quota(None);
        kv.set("b", &"x".repeat(100)).unwrap();
        assert_eq!(units("я𝄞"), 3);
    }
}

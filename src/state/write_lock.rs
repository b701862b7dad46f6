//! One exclusive Web Lock (`navigator.locks`) shared by every tab of the origin: every write
//! to storage runs inside it, so two tabs' saves never interleave (tabs run in separate
//! processes, and localStorage has no compare-and-set). Where the browser has no Web Locks
//! (none current: Chromium 69+, Firefox 96+, Safari 15.4+), the work runs at once and the
//! save protocol's own checks and read-back keep the data readable (`docs/RELIABILITY.md`).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The lock's name.
pub const LOCK_NAME: &str = "voronka.write";

#[wasm_bindgen]
extern "C" {
    /// `navigator.locks`.
    type LockManager;
    #[wasm_bindgen(method, catch, js_name = request)]
    fn request(
        this: &LockManager,
        name: &str,
        callback: &js_sys::Function,
    ) -> Result<js_sys::Promise, JsValue>;
}

fn manager() -> Option<LockManager> {
    let navigator = web_sys::window()?.navigator();
    let locks = js_sys::Reflect::get(&navigator, &JsValue::from_str("locks")).ok()?;
    (!locks.is_undefined() && !locks.is_null()).then(|| locks.unchecked_into())
}

/// Whether the browser has Web Locks.
pub fn available() -> bool {
    manager().is_some()
}

/// Runs `f` while holding the write lock: later, once every other tab's write is done. The
/// work inside is synchronous (localStorage is), so the lock is released as `f` returns.
/// Without Web Locks, or when the browser refuses the request, `f` runs at once.
pub fn with_write_lock(f: impl FnOnce() + 'static) {
    let Some(locks) = manager() else {
        f();
        return;
    };
    // Shared so that a refused request can still run the work itself.
    let work = std::rc::Rc::new(std::cell::Cell::new(Some(Box::new(f) as Box<dyn FnOnce()>)));
    let granted = work.clone();
    let callback = Closure::once_into_js(move |_lock: JsValue| {
        if let Some(f) = granted.take() {
            f();
        }
    });
    match locks.request(LOCK_NAME, callback.unchecked_ref()) {
        Ok(promise) => {
            let refused = work;
            let on_error = Closure::<dyn FnMut(JsValue)>::new(move |_error: JsValue| {
                if let Some(f) = refused.take() {
                    f();
                }
            });
            // The promise settles once; the small closure is left to the browser.
            drop(promise.catch(&on_error));
            on_error.forget();
        }
        Err(_) => {
            if let Some(f) = work.take() {
                f();
            }
        }
    }
}

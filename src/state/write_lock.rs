//! One exclusive Web Lock (`navigator.locks`) shared by every tab of the origin: every write
//! to storage runs inside it, so two tabs' writes never interleave (tabs run in separate
//! processes, and localStorage has no compare-and-set).
//!
//! The lock alone is not enough in Chromium: each renderer process reads localStorage from
//! its own copy, which learns of another tab's writes asynchronously, so a tab granted the
//! lock may still see the storage as it was before the previous holder wrote (measured: 27
//! of 400 locked increments of one counter lost across two tabs). Every locked write
//! therefore ends by counting itself: the count goes to localStorage (`voronka.writes`,
//! written last, so a copy that shows it shows every write before it) and then to
//! IndexedDB, which every process reads consistently. The next holder reads the count from
//! IndexedDB and waits until its own copy of localStorage shows it before it reads
//! anything. Without Web Locks (none current: Chromium 69+, Firefox 96+, Safari 15.4+) or
//! IndexedDB, the work runs at once and the save protocol's own checks and read-back keep
//! the data readable (`docs/RELIABILITY.md`).

use wasm_bindgen::prelude::*;

/// The lock's name.
pub const LOCK_NAME: &str = "voronka.write";

/// The localStorage key holding the count of locked writes.
pub const WRITES_KEY: &str = "voronka.writes";

#[wasm_bindgen(inline_js = r#"
const LOCK = 'voronka.write';
const WRITES = 'voronka.writes';
// How long a tab waits for another tab's writes to reach its copy of localStorage. They
// arrive within milliseconds; the limit only matters when the count was lost (localStorage
// cleared by hand), and then the write goes ahead and the count starts again.
const CATCH_UP_MS = 1500;

let database = null;
function openDatabase() {
  database ??= new Promise((resolve) => {
    // A database that neither opens nor fails must not hold the lock: go on without it.
    setTimeout(() => resolve(null), 3000);
    try {
      const request = indexedDB.open('voronka', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('meta');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(null);
      request.onblocked = () => resolve(null);
    } catch (e) {
      resolve(null);
    }
  });
  return database;
}

function transact(db, mode, step) {
  return new Promise((resolve) => {
    try {
      const tx = db.transaction('meta', mode);
      const request = step(tx.objectStore('meta'));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = tx.onabort = () => resolve(undefined);
    } catch (e) {
      resolve(undefined);
    }
  });
}

function localCount() {
  try {
    return Number(localStorage.getItem(WRITES)) || 0;
  } catch (e) {
    return 0;
  }
}

// Resolves once this tab's copy of localStorage shows write `count`. The `storage` event
// brings it even to a hidden tab, whose timers the browser slows down; polling covers a
// browser that does not fire it for a key this tab never read.
function caughtUp(count) {
  if (localCount() >= count) return Promise.resolve();
  const start = performance.now();
  return new Promise((resolve) => {
    let timer = 0;
    const check = () => {
      if (localCount() >= count || performance.now() - start > CATCH_UP_MS) {
        removeEventListener('storage', check);
        clearTimeout(timer);
        resolve();
      } else {
        clearTimeout(timer);
        timer = setTimeout(check, 1);
      }
    };
    addEventListener('storage', check);
    check();
  });
}

async function locked(work) {
  const db = await openDatabase();
  const count = db ? Number(await transact(db, 'readonly', (s) => s.get('writes'))) || 0 : 0;
  await caughtUp(count);
  work();
  if (!db) return;
  const next = Math.max(count, localCount()) + 1;
  try {
    // Fixed width: rewriting the count never needs more room (a full storage refuses growth).
    localStorage.setItem(WRITES, String(next).padStart(15, '0'));
  } catch (e) {
    return;
  }
  await transact(db, 'readwrite', (s) => s.put(next, 'writes'));
}

function request(work) {
  if (!navigator.locks) return locked(work);
  try {
    return navigator.locks.request(LOCK, () => locked(work));
  } catch (e) {
    return locked(work);
  }
}

// A panic inside `work` is already reported by the panic hook; the rejection is only
// observed so that the console does not repeat it as unhandled.
export function withWriteLock(work) {
  request(work).catch(() => {});
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = withWriteLock)]
    fn with_write_lock_js(work: &JsValue);
}

/// Whether the browser has Web Locks.
pub fn available() -> bool {
    web_sys::window().is_some_and(|w| {
        js_sys::Reflect::get(&w.navigator(), &JsValue::from_str("locks"))
            .is_ok_and(|locks| !locks.is_undefined() && !locks.is_null())
    })
}

/// Runs `f` while holding the write lock: later, once every other tab's write is done and
/// has reached this tab's copy of localStorage. The work inside is synchronous (localStorage
/// is); the lock is released once the write is counted.
pub fn with_write_lock(f: impl FnOnce() + 'static) {
    with_write_lock_js(&Closure::once_into_js(f));
}

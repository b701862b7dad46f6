//! Which tab syncs: the holder of one Web Lock, held until the tab closes; the next tab in
//! line takes over then. Without Web Locks every tab syncs (the server's revisions keep two
//! tabs' pushes from overwriting each other; a repeated push is recognised).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function holdTeamLock(granted) {
  if (!navigator.locks) { granted(); return; }
  navigator.locks.request('voronka.team-sync', () => {
    granted();
    return new Promise(() => {});
  }).catch(() => granted());
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = holdTeamLock)]
    fn hold_team_lock(granted: &JsValue);
}

/// Calls `granted` once this tab holds the sync lock.
pub fn request(granted: impl FnOnce() + 'static) {
    hold_team_lock(&Closure::once_into_js(granted));
}

//! User preferences kept in localStorage (separately from the workspace data). Reading or
//! writing them never fails the app: where storage is blocked they are simply not remembered.

/// Key of the remembered UI language.
pub const LANG_KEY: &str = "voronka.lang";
/// Key of the board's remembered direction.
pub const BOARD_DIRECTION_KEY: &str = "voronka.board.direction";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// A remembered value (stored as JSON, as earlier versions did through gloo-storage).
fn get<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    let text = storage()?.get_item(key).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Remembers a value. A failure (storage blocked or full) only means it is not remembered:
/// the app goes on with the choice made.
fn set<T: serde::Serialize>(key: &str, value: &T) {
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(value)) {
        storage.set_item(key, &text).ok();
    }
}

/// The remembered UI language code, if any.
pub fn stored_lang() -> Option<String> {
    get(LANG_KEY)
}

/// Remembers the UI language.
pub fn store_lang(code: &str) {
    set(LANG_KEY, &code);
}

/// The board's remembered direction id, if any.
pub fn board_direction() -> Option<u32> {
    get(BOARD_DIRECTION_KEY)
}

/// Remembers the board's direction.
pub fn store_board_direction(id: u32) {
    set(BOARD_DIRECTION_KEY, &id);
}

/// Key of the Today view's remembered owner filter (`null`: everyone).
pub const TODAY_OWNER_KEY: &str = "voronka.today.owner";

/// The Today view's remembered owner filter: `None` when never chosen, `Some(None)` for
/// everyone.
pub fn today_owner() -> Option<Option<u32>> {
    get(TODAY_OWNER_KEY)
}

/// Remembers the Today view's owner filter.
pub fn store_today_owner(owner: Option<u32>) {
    set(TODAY_OWNER_KEY, &owner);
}

/// The browser's preferred languages, most preferred first.
pub fn browser_languages() -> Vec<String> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    let navigator = window.navigator();
    let mut langs: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if langs.is_empty() {
        langs.extend(navigator.language());
    }
    langs
}

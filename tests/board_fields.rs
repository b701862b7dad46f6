//! The board's fields contract (`ui::board::fields`): `board.js` takes a card's and a
//! column's fields apart in the same order, under the same names, as Rust packs them. Fails
//! when a field is added, removed or moved on one side only.

use voronka::ui::board::fields::{CARD, COLUMN};

/// The names of the array destructured from `packed.split('\u001f')` in `function name`.
fn destructured(js: &str, function: &str) -> Vec<String> {
    let start = js
        .find(&format!("function {function}("))
        .unwrap_or_else(|| panic!("board.js has no function {function}"));
    let body = &js[start..];
    let open = body.find("const [").expect("a destructuring of the fields") + "const [".len();
    let close = body[open..].find(']').expect("its end") + open;
    let after = &body[close..close + 40.min(body.len() - close)];
    assert!(
        after.contains("packed.split('\\u001f')"),
        "{function} splits the packed fields: {after}"
    );
    body[open..close]
        .split(',')
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
        .collect()
}

#[test]
fn board_js_takes_the_fields_as_rust_names_them() {
    let js = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/ui/board/board.js"
    ))
    .unwrap();
    assert_eq!(destructured(&js, "fill_card"), CARD, "a card's fields");
    assert_eq!(
        destructured(&js, "sync_column"),
        COLUMN,
        "a column's fields"
    );
}

#[test]
fn the_check_reads_a_destructuring() {
    let js =
        "function fill_card(card, packed) {\n  const [a, b,\n    c] = packed.split('\\u001f');\n}";
    assert_eq!(destructured(js, "fill_card"), ["a", "b", "c"]);
}

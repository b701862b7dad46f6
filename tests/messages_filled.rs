//! Every message whose values are written in at run time (`msg!` and the count messages'
//! `plural!`, which replace `{name}` in a plain text) names exactly the values its call gives,
//! in both languages: leptos_i18n checked this when it did the interpolation; this test checks
//! it now, by reading the locale files and every such call in `src/`.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every text of a locale file by its dotted key.
fn texts(lang: &str) -> BTreeMap<String, String> {
    fn walk(prefix: &str, v: &Value, out: &mut BTreeMap<String, String>) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    let key = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    walk(&key, v, out);
                }
            }
            Value::String(s) => {
                out.insert(prefix.to_string(), s.clone());
            }
            other => panic!("{prefix}: not a text: {other}"),
        }
    }
    let file = std::fs::read_to_string(format!("locales/{lang}.json")).expect("a locale file");
    let mut out = BTreeMap::new();
    walk(
        "",
        &serde_json::from_str(&file).expect("valid JSON"),
        &mut out,
    );
    out
}

/// The `{name}` places of a text (not leptos_i18n's `{{ name }}`).
fn places(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'{' && b.get(i + 1) != Some(&b'{') && (i == 0 || b[i - 1] != b'{') {
            if let Some(len) = text[i + 1..].find('}') {
                let name = &text[i + 1..i + 1 + len];
                if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    out.insert(name.to_string());
                }
            }
        }
        i += 1;
    }
    out
}

/// The arguments of each call of `name!(` in `source`, split at the top level's commas.
fn calls(source: &str, name: &str) -> Vec<Vec<String>> {
    let open = format!("{name}!(");
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find(&open) {
        let body = &rest[at + open.len()..];
        // Part of a longer name (`msg!(` inside `xmsg!(`): not this macro.
        if rest[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            rest = body;
            continue;
        }
        let (mut depth, mut quoted, mut args, mut current) = (1, false, Vec::new(), String::new());
        let mut chars = body.char_indices();
        let mut end = body.len();
        while let Some((i, c)) = chars.next() {
            if quoted {
                if c == '\\' {
                    chars.next();
                } else if c == '"' {
                    quoted = false;
                }
                current.push(c);
                continue;
            }
            match c {
                '"' => quoted = true,
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i;
                        break;
                    }
                }
                ',' if depth == 1 => {
                    args.push(current.trim().to_string());
                    current.clear();
                    continue;
                }
                _ => {}
            }
            current.push(c);
        }
        if !current.trim().is_empty() {
            args.push(current.trim().to_string());
        }
        out.push(args);
        rest = &body[end..];
    }
    out
}

/// The names given to a call: `name = value` arguments after the context and the key.
fn given(args: &[String]) -> BTreeSet<String> {
    args.iter()
        .skip(2)
        .map(|a| a.split('=').next().expect("a name").trim().to_string())
        .collect()
}

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            // Without comments: a doc comment may show a call with placeholder names.
            let text: String = std::fs::read_to_string(&path)
                .expect("a source file")
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .map(|l| format!("{l}\n"))
                .collect();
            out.push((path.display().to_string(), text));
        }
    }
}

#[test]
fn every_written_in_message_gets_exactly_the_values_it_names() {
    let langs = [("en", texts("en")), ("ru", texts("ru"))];
    let mut files = Vec::new();
    sources(Path::new("src"), &mut files);
    let mut checked = 0;
    for (file, source) in &files {
        // `msg!(i18n, key, a = …)` and `msg_in!(locale, key, a = …)`: one text per language.
        let messages = calls(source, "msg")
            .into_iter()
            .chain(calls(source, "msg_in"));
        for args in messages.filter(|a| a.len() >= 2 && !a[0].starts_with('$')) {
            let key = args[1].replace(char::is_whitespace, "");
            for (lang, texts) in &langs {
                let text = texts
                    .get(&key)
                    .unwrap_or_else(|| panic!("{file}: no {lang} text for {key}"));
                assert_eq!(
                    places(text),
                    given(&args),
                    "{file}: {key} in {lang}: {text}"
                );
            }
            checked += 1;
        }
        // `plural!(locale, count, key, a = …)`: one text per plural form; each form names only
        // values the call gives, and together they use every value given.
        for args in calls(source, "plural")
            .into_iter()
            .filter(|a| a.len() >= 3 && !a[0].starts_with('$'))
        {
            let key = args[2].replace(char::is_whitespace, "");
            let gives: BTreeSet<String> = args
                .iter()
                .skip(3)
                .map(|a| a.split('=').next().unwrap().trim().to_string())
                .collect();
            for (lang, texts) in &langs {
                let mut used = BTreeSet::new();
                for form in ["one", "few", "many", "other"] {
                    let text = texts
                        .get(&format!("{key}.{form}"))
                        .unwrap_or_else(|| panic!("{file}: no {lang} {key}.{form}"));
                    let names = places(text);
                    assert!(
                        names.is_subset(&gives),
                        "{file}: {key}.{form} in {lang} names a value not given: {text}"
                    );
                    used.extend(names);
                }
                assert_eq!(
                    used, gives,
                    "{file}: {key} in {lang} leaves a given value unused"
                );
            }
            checked += 1;
        }
    }
    assert!(
        checked > 100,
        "only {checked} calls found: the scan of src/ is broken"
    );
}

#[test]
fn no_text_mixes_the_two_ways_of_naming_a_value() {
    for lang in ["en", "ru"] {
        for (key, text) in texts(lang) {
            assert!(
                !text.contains("{{") || places(&text).is_empty(),
                "{key} in {lang} mixes {{{{ name }}}} and {{name}}: {text}"
            );
        }
    }
}

//! The house's layering, checked on the sources: no import cycle between the files of a folder
//! (`domain`, `crm`, `storage`, `state`, each `ui` folder) nor between the `ui` folders, no
//! view that reads storage, and the views' dialect (`docs/ARCHITECTURE.md`): `When` for
//! Leptos's `Show`, `tr!` / `msg!` / `counts::*` for leptos_i18n's `t!`, `<For>` only where a
//! keyed list needs it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, with its module path (`domain::apply`, `ui::board::card`).
fn modules(dir: &Path) -> BTreeMap<String, String> {
    fn walk(dir: &Path, prefix: &[String], out: &mut BTreeMap<String, String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_string_lossy().to_string();
            if path.is_dir() {
                let mut next = prefix.to_vec();
                next.push(name);
                walk(&path, &next, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let mut module = prefix.to_vec();
                if name != "mod" && name != "lib" && name != "main" {
                    module.push(name);
                }
                out.insert(module.join("::"), fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, &[], &mut out);
    out
}

/// The paths a file names: `crate::a::b`, `super::c`, and `use` groups (`use super::{d, e}`),
/// written as absolute module paths; comments are left out.
fn references(module: &str, text: &str) -> Vec<Vec<String>> {
    // `super` is the module's parent: a file's folder, a folder's (mod.rs) enclosing folder.
    let own: Vec<String> = module
        .split("::")
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    let parent = own[..own.len().saturating_sub(1)].to_vec();
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !code.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let rest = &code[i..];
        let start = ["crate::", "super::"]
            .iter()
            .find(|p| rest.starts_with(**p));
        let boundary = i == 0
            || !(bytes[i - 1].is_ascii_alphanumeric()
                || bytes[i - 1] == b'_'
                || bytes[i - 1] == b':');
        let Some(start) = start.filter(|_| boundary) else {
            i += 1;
            continue;
        };
        let mut base = if *start == "crate::" {
            Vec::new()
        } else {
            parent.clone()
        };
        let mut j = start.len();
        let mut tail = &rest[j..];
        // `super::super::…`
        while let Some(t) = tail.strip_prefix("super::") {
            base.pop();
            j += 7;
            tail = t;
        }
        let mut path = base.clone();
        let take = |s: &str| {
            s.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect::<String>()
        };
        loop {
            if tail.starts_with('{') {
                // One level of a `use` group: each part is a path of its own.
                let close = tail.find('}').unwrap_or(tail.len());
                for part in tail[1..close].split(',') {
                    let mut p = path.clone();
                    p.extend(
                        part.trim()
                            .split("::")
                            .map(|s| take(s.trim()))
                            .filter(|s| !s.is_empty()),
                    );
                    out.push(p);
                }
                j += close;
                path.clear();
                break;
            }
            let word = take(tail);
            if word.is_empty() {
                break;
            }
            path.push(word.clone());
            j += word.len();
            tail = &rest[j..];
            match tail.strip_prefix("::") {
                Some(t) => {
                    j += 2;
                    tail = t;
                }
                None => break,
            }
        }
        if !path.is_empty() {
            out.push(path);
        }
        i += j.max(1);
    }
    out
}

/// The longest known module a path names (the file it reaches into).
fn module_of(path: &[String], known: &BTreeSet<String>) -> Option<String> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].join("::"))
        .find(|m| known.contains(m))
}

/// Module → the modules it refers to, among `known`. A folder's `mod.rs` counts by its own
/// code, not by what it declares or re-exports, and a path into a folder's re-exports is no
/// dependency on one of its files (the name is defined in one of them or above).
fn graph(crate_dir: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let files = modules(crate_dir);
    let known: BTreeSet<String> = files.keys().cloned().collect();
    let folders: BTreeSet<String> = files
        .keys()
        .filter(|m| {
            files
                .keys()
                .any(|other| other.starts_with(&format!("{m}::")))
                || m.is_empty()
        })
        .cloned()
        .collect();
    let mut out = BTreeMap::new();
    for (module, text) in &files {
        let own_code: String = if folders.contains(module) {
            text.lines()
                .filter(|l| {
                    let l = l.trim_start();
                    !(l.starts_with("pub mod ")
                        || l.starts_with("mod ")
                        || l.starts_with("pub use ")
                        || l.starts_with("pub(crate) use "))
                })
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            text.clone()
        };
        let deps: BTreeSet<String> = references(module, &own_code)
            .iter()
            .filter_map(|p| module_of(p, &known))
            .filter(|m| m != module && !folders.contains(m))
            .collect();
        out.insert(module.clone(), deps);
    }
    out
}

/// The cycles (strongly connected parts of more than one node) of a graph.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Tarjan's algorithm.
    struct State<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        let graph = s.graph;
        for w in graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !graph.contains_key(w) {
                continue;
            }
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[w].min(s.low[v]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.index[w].min(s.low[v]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut part = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                part.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if part.len() > 1 {
                part.sort();
                s.out.push(part);
            }
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.out
}

/// The folder a module's file is in (`ui::board` for `ui::board::card`).
fn folder(module: &str) -> String {
    module
        .rsplit_once("::")
        .map_or(String::new(), |(f, _)| f.to_string())
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn no_file_of_a_folder_imports_another_that_imports_it_back() {
    let mut found = Vec::new();
    for dir in [root().join("crates/core/src"), root().join("src")] {
        let g = graph(&dir);
        // Files of one folder only.
        let within: BTreeMap<String, BTreeSet<String>> = g
            .iter()
            .map(|(m, deps)| {
                let same: BTreeSet<String> = deps
                    .iter()
                    .filter(|d| folder(d) == folder(m))
                    .cloned()
                    .collect();
                (m.clone(), same)
            })
            .collect();
        found.extend(cycles(&within));
    }
    assert!(found.is_empty(), "import cycles between files: {found:?}");
}

#[test]
fn no_ui_folder_imports_another_that_imports_it_back() {
    let g = graph(&root().join("src"));
    let ui_folders: BTreeSet<String> = g
        .keys()
        .filter_map(|m| {
            let parts: Vec<&str> = m.split("::").collect();
            (parts.len() >= 3 && parts[0] == "ui").then(|| format!("ui::{}", parts[1]))
        })
        .collect();
    // A ui folder (`ui::board`, its mod.rs and files); the files directly in ui/ are shared
    // by all and left out.
    let top = |m: &str| {
        let parts: Vec<&str> = m.split("::").collect();
        let folder = parts.get(1).map(|p| format!("ui::{p}"));
        folder.filter(|f| parts[0] == "ui" && ui_folders.contains(f))
    };
    let mut folders: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, deps) in &g {
        let Some(from) = top(m) else { continue };
        let entry = folders.entry(from.clone()).or_default();
        entry.extend(deps.iter().filter_map(|d| top(d)).filter(|d| *d != from));
    }
    assert_eq!(cycles(&folders), Vec::<Vec<String>>::new(), "{folders:?}");
}

#[test]
fn no_view_reads_storage() {
    let views = modules(&root().join("src/ui"));
    let readers: Vec<&String> = views
        .iter()
        .filter(|(_, text)| {
            text.lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .any(|l| l.contains("crate::storage") || l.contains("voronka_core::storage"))
        })
        .map(|(m, _)| m)
        .collect();
    assert!(
        readers.is_empty(),
        "views that read storage (go through state): {readers:?}"
    );
}

#[test]
fn views_speak_the_house_dialect() {
    // `<For>` keeps rows keyed where a list's rows are edited in place: the board's columns and
    // Today's rows. Elsewhere a list is drawn with `collect_view`.
    let keyed = ["board", "today"];
    for (module, text) in modules(&root().join("src/ui")) {
        let code: Vec<&str> = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect();
        let has = |needle: &str| code.iter().any(|l| l.contains(needle));
        if module != "when" {
            assert!(
                !has("<Show"),
                "ui::{module}: Leptos's Show (use ui::when::When)"
            );
        }
        assert!(
            !has(" t!(") && !has("(t!(") && !has("{t!("),
            "ui::{module}: leptos_i18n's t! (use tr! or msg!)"
        );
        if module != "modal" {
            assert!(
                !has("class=\"form-actions\""),
                "ui::{module}: a dialog's buttons in DialogActions"
            );
        }
        if has("<For ") || has("<For\t") || code.iter().any(|l| l.trim_end().ends_with("<For")) {
            assert!(
                keyed.contains(&module.as_str()),
                "ui::{module}: <For> outside a keyed list"
            );
        }
    }
}

#[test]
fn the_checker_sees_a_cycle_and_a_storage_reader() {
    // The checks above can fail: a made-up pair of files that import each other is a cycle.
    let mut g = BTreeMap::new();
    let refs_a = references("domain::a", "use super::b::X;");
    let refs_b = references("domain::b", "fn f() { crate::domain::a::y(); }");
    assert_eq!(
        refs_a,
        vec![vec!["domain".to_string(), "b".into(), "X".into()]]
    );
    let known: BTreeSet<String> = ["domain::a", "domain::b"].map(String::from).into();
    g.insert(
        "domain::a".to_string(),
        refs_a.iter().filter_map(|p| module_of(p, &known)).collect(),
    );
    g.insert(
        "domain::b".to_string(),
        refs_b.iter().filter_map(|p| module_of(p, &known)).collect(),
    );
    assert_eq!(
        cycles(&g),
        vec![vec!["domain::a".to_string(), "domain::b".to_string()]]
    );
    let grouped = references("ui::board::card", "use super::{column, drag::Drag};");
    assert_eq!(grouped.len(), 2);
    assert_eq!(grouped[1], ["ui", "board", "drag", "Drag"]);
}

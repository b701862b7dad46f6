//! Case folding for matching names and searching, without the standard library's Unicode case
//! tables (which `str::to_lowercase` links into the wasm): ASCII, Latin-1 and Latin
//! Extended-A letters, Greek and Cyrillic. Letters of other scripts are kept as they are, which
//! only makes a search or a name match case-sensitive for them.

/// The lower-case form of one letter of the scripts above; any other character unchanged.
pub fn fold_char(c: char) -> char {
    let u = c as u32;
    let lower = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => u + 0x20,
        // Latin Extended-A: upper and lower case alternate (even upper) in most of the block.
        0x100..=0x137 | 0x14A..=0x177 if u.is_multiple_of(2) => u + 1,
        0x139..=0x148 | 0x179..=0x17E if u % 2 == 1 => u + 1,
        0x178 => 0xFF,
        // Greek capitals (no final sigma: Σ folds to σ, as in searching).
        0x391..=0x3A1 | 0x3A3..=0x3AB => u + 0x20,
        0x386 => 0x3AC,
        0x388..=0x38A => u + 0x25,
        0x38C => 0x3CC,
        0x38E..=0x38F => u + 0x3F,
        // Cyrillic: Ѐ–Џ, А–Я, then the pairs of Ѡ–ҁ, Ҋ–ӿ (even upper), Ӏ.
        0x400..=0x40F => u + 0x50,
        0x410..=0x42F => u + 0x20,
        0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x52F if u.is_multiple_of(2) => u + 1,
        0x4C1..=0x4CE if u % 2 == 1 => u + 1,
        0x4C0 => 0x4CF,
        _ => u,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// The whole text folded, letter by letter.
pub fn fold_case(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Whether two texts are the same once folded (names matched regardless of case), without
/// building either folded text.
pub fn same_folded(a: &str, b: &str) -> bool {
    a.chars().map(fold_char).eq(b.chars().map(fold_char))
}

/// Whether `text`, folded, contains `folded_needle` (already folded, as the board's search
/// keeps it), without building the folded text: the board runs this over every deal of a
/// column on each change while a search is on.
pub fn contains_folded(text: &str, folded_needle: &str) -> bool {
    if folded_needle.is_empty() {
        return true;
    }
    text.char_indices().any(|(i, _)| {
        let mut rest = text[i..].chars().map(fold_char);
        folded_needle.chars().all(|n| rest.next() == Some(n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_comparison_and_search_agree_with_folding_first() {
        let texts = [
            "",
            "Ёлка",
            "ёЛКА",
            "Ivan Petrov",
            "ÉCOLE",
            "école",
            "Поставка — СИБИРЬ",
            "ab",
        ];
        let needles = [
            "",
            "ёлка",
            "петров",
            "petrov",
            "сибирь",
            "école",
            "b",
            "ab",
            "abc",
            "x",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(
                    same_folded(a, b),
                    fold_case(a) == fold_case(b),
                    "{a:?} {b:?}"
                );
            }
            for n in needles {
                assert_eq!(
                    contains_folded(a, n),
                    fold_case(a).contains(n),
                    "{a:?} {n:?}"
                );
            }
        }
        assert!(contains_folded("ООО «Ромашка»", "ромашк"));
        assert!(!contains_folded("Ромашка", "ромашки"));
    }

    /// Every letter of the covered blocks folds as the standard library lowercases it (where
    /// that is one character).
    #[test]
    // The standard library's case mapping is the yardstick here (not linked into the wasm).
    #[allow(clippy::disallowed_methods)]
    fn agrees_with_the_standard_library_on_the_covered_scripts() {
        let blocks = [0x20..0x250u32, 0x370..0x400, 0x400..0x530];
        for c in blocks.into_iter().flatten().filter_map(char::from_u32) {
            let mut std_lower = c.to_lowercase();
            let (one, more) = (std_lower.next(), std_lower.next());
            if more.is_some()
                || (0x180..0x250).contains(&(c as u32))
                || (0x370..0x386).contains(&(c as u32))
                || (0x3CF..0x400).contains(&(c as u32))
            {
                continue;
            }
            assert_eq!(fold_char(c), one.unwrap_or(c), "{c:?} U+{:04X}", c as u32);
        }
        assert_eq!(fold_case("ЁЛКА Ivan ÉCOLE Ωmega"), "ёлка ivan école ωmega");
    }
}

//! Compact text for localStorage: DEFLATE (miniz_oxide), then 15 bits per UTF-16 code unit.
//! localStorage counts UTF-16 units, so this stores about 1.9 bytes of compressed data per
//! unit, where plain JSON stores one byte. Every produced unit lies in U+0020–U+801F: no
//! control characters and no surrogates, so any browser keeps the string as is.
//!
//! Text written since checksums were added starts with [`CHECKED_MARK`] and the Adler-32 of
//! the uncompressed bytes (zlib's checksum, from miniz_oxide): a flipped bit anywhere is
//! refused as damage instead of loading as different data. Text without the mark (written
//! before) is still read.

use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::decompress_to_vec_with_limit;

/// Compression level: 3 is several times faster than the default and nearly as small.
const LEVEL: u8 = 3;
const OFFSET: u32 = 0x20;
/// The largest inflated payload accepted (a guard against corrupted or hostile input).
pub const MAX_INFLATED: usize = 256 * 1024 * 1024;

/// Why packed text could not be read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodecError {
    /// A unit outside the alphabet, or a wrong length header.
    BadText,
    /// The compressed stream is broken.
    BadStream,
    /// The data does not match its checksum.
    BadSum,
}

/// The first unit of checksummed text. Unchecked text starts with the high half of its
/// length, which never reaches this value (lengths stay below [`MAX_INFLATED`]).
pub const CHECKED_MARK: char = '\u{801F}';

/// Compresses `data` and packs it into text, with its checksum.
pub fn pack(data: &[u8]) -> String {
    let sum = miniz_oxide::mz_adler32_oxide(1, data);
    let mut out = String::new();
    out.push(CHECKED_MARK);
    push_unit(&mut out, sum >> 30);
    push_unit(&mut out, (sum >> 15) & 0x7FFF);
    push_unit(&mut out, sum & 0x7FFF);
    out.push_str(&to_text(&compress_to_vec(data, LEVEL)));
    out
}

/// Reverses [`pack`]; checks the checksum when the text has one.
pub fn unpack(text: &str) -> Result<Vec<u8>, CodecError> {
    let (expected, body) = match text.strip_prefix(CHECKED_MARK) {
        Some(rest) => {
            let mut units = Units(rest.as_bytes());
            let mut sum: u32 = 0;
            for _ in 0..3 {
                let v = units.next().ok_or(CodecError::BadText)?;
                if !(OFFSET..OFFSET + 0x8000).contains(&v) {
                    return Err(CodecError::BadText);
                }
                sum = (sum << 15) | (v - OFFSET);
            }
            (Some(sum), units.rest())
        }
        None => (None, text),
    };
    let bytes = from_text(body)?;
    let data =
        decompress_to_vec_with_limit(&bytes, MAX_INFLATED).map_err(|_| CodecError::BadStream)?;
    match expected {
        Some(sum) if sum != miniz_oxide::mz_adler32_oxide(1, &data) => Err(CodecError::BadSum),
        _ => Ok(data),
    }
}

/// The Adler-32 of some text, for checksums of JSON kept beside the shards.
pub fn checksum(text: &str) -> u32 {
    miniz_oxide::mz_adler32_oxide(1, text.as_bytes())
}

/// Bytes to text, 15 bits a unit; the first two units hold the byte count (30 bits).
fn to_text(bytes: &[u8]) -> String {
    let len = bytes.len() as u32;
    let mut out = String::with_capacity(bytes.len() * 8 / 15 + 4);
    push_unit(&mut out, len >> 15);
    push_unit(&mut out, len & 0x7FFF);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            push_unit(&mut out, (acc >> bits) & 0x7FFF);
        }
    }
    if bits > 0 {
        push_unit(&mut out, (acc << (15 - bits)) & 0x7FFF);
    }
    out
}

fn push_unit(out: &mut String, value: u32) {
    out.push(char::from_u32(value + OFFSET).expect("U+0020..U+801F are scalar values"));
}

fn from_text(text: &str) -> Result<Vec<u8>, CodecError> {
    let mut units = Units(text.as_bytes()).map(|v| {
        if (OFFSET..OFFSET + 0x8000).contains(&v) {
            Ok(v - OFFSET)
        } else {
            Err(CodecError::BadText)
        }
    });
    let high = units.next().ok_or(CodecError::BadText)??;
    let low = units.next().ok_or(CodecError::BadText)??;
    let len = ((high << 15) | low) as usize;
    // Each unit carries 15 bits: a length beyond what the text can hold is corruption (and
    // must not reserve memory for it).
    if len > MAX_INFLATED || len > text.len() * 2 {
        return Err(CodecError::BadText);
    }
    let mut out = Vec::with_capacity(len);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for unit in units {
        // Every unit after the last byte is damage (it would also overflow `acc`).
        if out.len() == len {
            return Err(CodecError::BadText);
        }
        acc = (acc << 15) | unit?;
        bits += 15;
        while bits >= 8 && out.len() < len {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    if out.len() == len {
        Ok(out)
    } else {
        Err(CodecError::BadText)
    }
}

/// The code points of UTF-8 text, decoded without the checks `str::chars` repeats (the text
/// is a `str`, so already valid): a fifth of loading was spent here.
struct Units<'a>(&'a [u8]);

impl<'a> Units<'a> {
    /// What is left, as text (the iterator only ever stops on a character boundary).
    fn rest(&self) -> &'a str {
        std::str::from_utf8(self.0).unwrap_or("")
    }
}

impl Iterator for Units<'_> {
    type Item = u32;

    #[inline]
    fn next(&mut self) -> Option<u32> {
        let (&b0, rest) = self.0.split_first()?;
        let (value, len) = match b0 {
            0x00..=0x7F => (u32::from(b0), 1),
            0xC0..=0xDF => ((u32::from(b0) & 0x1F) << 6 | cont(rest, 0), 2),
            0xE0..=0xEF => (
                (u32::from(b0) & 0x0F) << 12 | cont(rest, 0) << 6 | cont(rest, 1),
                3,
            ),
            _ => (
                (u32::from(b0) & 0x07) << 18
                    | cont(rest, 0) << 12
                    | cont(rest, 1) << 6
                    | cont(rest, 2),
                4,
            ),
        };
        self.0 = &self.0[len.min(self.0.len())..];
        Some(value)
    }
}

#[inline]
fn cont(bytes: &[u8], i: usize) -> u32 {
    bytes.get(i).map_or(0, |&b| u32::from(b & 0x3F))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_and_unpacks_any_bytes() {
        for len in [0usize, 1, 2, 14, 15, 16, 29, 30, 31, 1000, 70_001] {
            let data: Vec<u8> = (0..len).map(|i| (i * 7919 % 251) as u8).collect();
            assert_eq!(from_text(&to_text(&data)).unwrap(), data, "len {len}");
            assert_eq!(unpack(&pack(&data)).unwrap(), data);
        }
    }

    #[test]
    fn text_stays_in_the_safe_alphabet_and_is_compact() {
        let json = r#"{"title":"Поставка оборудования","amount":125000000}"#.repeat(200);
        let text = pack(json.as_bytes());
        assert!(text.chars().all(|c| (0x20..0x8020).contains(&(c as u32))));
        assert!(
            text.chars().count() * 20 < json.chars().count(),
            "repetitive JSON shrinks a lot"
        );
    }

    #[test]
    fn units_decode_every_utf8_length_like_chars() {
        let text = "a\u{7f}\u{80}я\u{7ff}\u{800}\u{801f}\u{ffff}\u{10000}𝄞";
        let ours: Vec<u32> = Units(text.as_bytes()).collect();
        let std: Vec<u32> = text.chars().map(|c| c as u32).collect();
        assert_eq!(ours, std);
    }

    #[test]
    fn text_without_a_checksum_from_earlier_versions_still_unpacks() {
        let data = b"written before checksums".repeat(10);
        let old = to_text(&compress_to_vec(&data, LEVEL));
        assert_eq!(unpack(&old).unwrap(), data);
        assert!(pack(&data).starts_with(CHECKED_MARK));
    }

    #[test]
    fn every_single_bit_flip_is_detected() {
        let data: String = (0..120)
            .map(|i| format!("Deal {i}: Подготовить слайды {}; ", i * 7919 % 1000))
            .collect();
        let text = pack(data.as_bytes());
        let units: Vec<char> = text.chars().collect();
        let mut flips = 0;
        for (i, unit) in units.iter().enumerate() {
            for bit in 0..15 {
                let value = (*unit as u32) ^ (1 << bit);
                let Some(c) = char::from_u32(value) else {
                    continue;
                };
                let mut damaged = units.clone();
                damaged[i] = c;
                let damaged: String = damaged.into_iter().collect();
                flips += 1;
                assert!(
                    unpack(&damaged).map_or(true, |d| d == data.as_bytes()),
                    "unit {i}, bit {bit} loaded as different data"
                );
            }
        }
        assert!(flips > 5_000, "{flips} flips tried");
    }

    #[test]
    fn broken_text_is_an_error_not_a_panic() {
        let text = pack(b"hello hello hello");
        assert_eq!(unpack("\u{1}\u{2}"), Err(CodecError::BadText));
        assert_eq!(unpack(""), Err(CodecError::BadText));
        let truncated: String = text.chars().take(text.chars().count() - 2).collect();
        assert!(unpack(&truncated).is_err());
        let mut garbled: Vec<char> = text.chars().collect();
        garbled[3] = '\u{7000}';
        assert!(unpack(&garbled.into_iter().collect::<String>()).is_err());
        // A length header claiming far more than the text holds.
        assert_eq!(unpack("\u{120}\u{20}\u{20}"), Err(CodecError::BadText));
    }
}

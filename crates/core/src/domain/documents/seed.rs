//! The templates a new workspace starts with — each kind in Russian and in English, the offer
//! and the contract also per segment (a business client signs as a company, a private client
//! as a person, with a consumer's rights) — and the page a document prints on.

use super::kind::DocumentKind;
use crate::domain::direction::Segment;
use crate::domain::Lang;

/// The print stylesheet every document carries: A4 margins, the lines' header repeated on each
/// page, rows never cut, places for signatures and the stamp.
pub const PRINT_CSS: &str = include_str!("seed/print.css");

macro_rules! seed {
    ($($part:literal),+) => {
        concat!($(include_str!(concat!("seed/", $part, ".html"))),+)
    };
}

/// The seed template of `kind` in `lang` for a direction of `segment` (a direction without one
/// gets the business one).
pub fn template(kind: DocumentKind, lang: Lang, segment: Option<Segment>) -> &'static str {
    let private = segment == Some(Segment::B2c);
    match (kind, lang, private) {
        (DocumentKind::Invoice, Lang::Ru, _) => seed!("invoice.ru"),
        (DocumentKind::Invoice, Lang::En, _) => seed!("invoice.en"),
        (DocumentKind::Act, Lang::Ru, _) => seed!("act.ru.head", "lines.ru", "act.ru.tail"),
        (DocumentKind::Act, Lang::En, _) => seed!("act.en.head", "lines.en", "act.en.tail"),
        (DocumentKind::Offer, Lang::Ru, false) => {
            seed!("offer.b2b.ru.head", "lines.ru", "offer.ru.tail")
        }
        (DocumentKind::Offer, Lang::Ru, true) => {
            seed!("offer.b2c.ru.head", "lines.ru", "offer.ru.tail")
        }
        (DocumentKind::Offer, Lang::En, false) => {
            seed!("offer.b2b.en.head", "lines.en", "offer.en.tail")
        }
        (DocumentKind::Offer, Lang::En, true) => {
            seed!("offer.b2c.en.head", "lines.en", "offer.en.tail")
        }
        (DocumentKind::Contract, Lang::Ru, false) => {
            seed!("contract.b2b.ru.head", "lines.ru", "contract.b2b.ru.tail")
        }
        (DocumentKind::Contract, Lang::Ru, true) => {
            seed!("contract.b2c.ru.head", "lines.ru", "contract.b2c.ru.tail")
        }
        (DocumentKind::Contract, Lang::En, false) => {
            seed!("contract.b2b.en.head", "lines.en", "contract.b2b.en.tail")
        }
        (DocumentKind::Contract, Lang::En, true) => {
            seed!("contract.b2c.en.head", "lines.en", "contract.b2c.en.tail")
        }
    }
}

/// A rendered document as a self-contained HTML page: what is printed, saved as PDF by the
/// browser, downloaded, and kept on the deal as issued.
pub fn page(title: &str, body: &str, lang: Lang) -> String {
    let lang = match lang {
        Lang::Ru => "ru",
        Lang::En => "en",
    };
    format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>{PRINT_CSS}</style></head><body>\n{body}\n</body></html>\n",
        escape(title)
    )
}

/// `text` safe inside HTML.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

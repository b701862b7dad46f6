//! What a template sees: a document's fields, already formatted for print in the document's
//! language, under the names [`FIELDS`] lists.

use super::format;
use super::kind::{DocumentKind, DocumentNumber};
use super::lines::{totals, Discount, Line, LineError, Vat, VatMode};
use super::party::Requisites;
use super::words::amount_in_words;
use crate::domain::{Currency, Lang};
use chrono::NaiveDate;
use minijinja::Value;

/// The deal a document is made from, as its fields print.
#[derive(Clone, Debug, Default)]
pub struct DealFacts {
    /// The deal's title.
    pub title: String,
    /// The responsible employee's name.
    pub owner: String,
    /// The direction's name.
    pub direction: String,
    /// The contact person at the client.
    pub contact: String,
}

/// Everything a document is made of.
#[derive(Clone, Debug)]
pub struct DocumentInput<'a> {
    /// Its kind.
    pub kind: DocumentKind,
    /// Its number.
    pub number: DocumentNumber,
    /// Its date.
    pub date: NaiveDate,
    /// The language it is written in (the template's).
    pub lang: Lang,
    /// The deal's currency.
    pub currency: Currency,
    /// Whether the prices hold their VAT.
    pub vat_mode: VatMode,
    /// The workspace's own company.
    pub seller: &'a Requisites,
    /// The client.
    pub buyer: &'a Requisites,
    /// The deal.
    pub deal: &'a DealFacts,
    /// The deal's lines.
    pub lines: &'a [Line],
}

/// Every field a template may name, dotted: what the editor's list of placeholders offers and
/// what a template is checked against. Inside `{% for line in lines %}` a line's fields are
/// `line.n`, `line.name` … as [`LINE_FIELDS`] lists.
pub const FIELDS: &[&str] = &[
    "document.kind",
    "document.title",
    "document.number",
    "document.date",
    "document.year",
    "seller.name",
    "seller.inn",
    "seller.kpp",
    "seller.ogrn",
    "seller.address",
    "seller.bank",
    "seller.bik",
    "seller.correspondent_account",
    "seller.account",
    "seller.iban",
    "seller.swift",
    "seller.director",
    "seller.director_title",
    "seller.accountant",
    "seller.phone",
    "seller.email",
    "buyer.name",
    "buyer.inn",
    "buyer.kpp",
    "buyer.ogrn",
    "buyer.address",
    "buyer.bank",
    "buyer.bik",
    "buyer.correspondent_account",
    "buyer.account",
    "buyer.iban",
    "buyer.swift",
    "buyer.director",
    "buyer.director_title",
    "buyer.accountant",
    "buyer.phone",
    "buyer.email",
    "deal.title",
    "deal.owner",
    "deal.direction",
    "deal.contact",
    "lines",
    "count",
    "totals.amount",
    "totals.discount",
    "totals.has_discount",
    "totals.vat",
    "totals.vat_included",
    "totals.exempt",
    "totals.vat_by_rate",
    "totals.total",
    "amount_in_words",
    "currency.code",
    "currency.symbol",
    "currency.short",
];

/// A line's fields inside the loop over `lines`.
pub const LINE_FIELDS: &[&str] = &[
    "n", "name", "unit", "quantity", "price", "discount", "amount", "vat_rate", "vat", "total",
];

/// A document's title as printed: «Счёт на оплату № 12 от 4 декабря 2026 г.» is made of it.
pub fn title(kind: DocumentKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (DocumentKind::Offer, Lang::Ru) => "Коммерческое предложение",
        (DocumentKind::Invoice, Lang::Ru) => "Счёт на оплату",
        (DocumentKind::Contract, Lang::Ru) => "Договор",
        (DocumentKind::Act, Lang::Ru) => "Акт выполненных работ (оказанных услуг)",
        (DocumentKind::Offer, Lang::En) => "Quote",
        (DocumentKind::Invoice, Lang::En) => "Invoice",
        (DocumentKind::Contract, Lang::En) => "Contract",
        (DocumentKind::Act, Lang::En) => "Delivery note",
    }
}

/// The fields of `input` for a template, or the first line whose figures cannot stand.
pub fn context(input: &DocumentInput) -> Result<Value, (usize, LineError)> {
    let lang = input.lang;
    let figures = totals(input.lines, input.vat_mode)?;
    let money = |m| format::amount(m, lang);
    let lines: Vec<Value> = input
        .lines
        .iter()
        .zip(&figures.lines)
        .enumerate()
        .map(|(i, (line, f))| {
            map([
                ("n", Value::from(i + 1)),
                ("name", Value::from(line.name.as_str())),
                ("unit", Value::from(line.unit.as_str())),
                (
                    "quantity",
                    Value::from(format::quantity(line.quantity, lang)),
                ),
                ("price", Value::from(money(line.price))),
                ("discount", Value::from(discount(line.discount, lang))),
                ("amount", Value::from(money(f.amount))),
                ("vat_rate", Value::from(vat_rate(line.vat, lang))),
                ("vat", Value::from(money(f.vat))),
                ("total", Value::from(money(f.total))),
            ])
        })
        .collect();
    let by_rate: Vec<Value> = figures
        .vat_by_rate
        .iter()
        .map(|&(rate, sum)| {
            map([
                ("rate", Value::from(vat_rate(Vat::Rate(rate), lang))),
                ("amount", Value::from(money(sum))),
            ])
        })
        .collect();
    let totals = map([
        ("amount", Value::from(money(figures.amount))),
        ("discount", Value::from(money(figures.discount))),
        ("has_discount", Value::from(figures.discount.0 != 0)),
        ("vat", Value::from(money(figures.vat))),
        (
            "vat_included",
            Value::from(input.vat_mode == VatMode::Included),
        ),
        ("exempt", Value::from(figures.exempt)),
        ("vat_by_rate", Value::from(by_rate)),
        ("total", Value::from(money(figures.total))),
    ]);
    let document = map([
        ("kind", Value::from(input.kind.key())),
        ("title", Value::from(title(input.kind, lang))),
        ("number", Value::from(input.number.seq)),
        ("date", Value::from(format::date(input.date, lang))),
        ("year", Value::from(input.number.year)),
    ]);
    let deal = map([
        ("title", Value::from(input.deal.title.as_str())),
        ("owner", Value::from(input.deal.owner.as_str())),
        ("direction", Value::from(input.deal.direction.as_str())),
        ("contact", Value::from(input.deal.contact.as_str())),
    ]);
    let currency = map([
        ("code", Value::from(input.currency.code())),
        ("symbol", Value::from(input.currency.symbol())),
        ("short", Value::from(currency_short(input.currency, lang))),
    ]);
    Ok(map([
        ("document", document),
        ("seller", party(input.seller)),
        ("buyer", party(input.buyer)),
        ("deal", deal),
        ("count", Value::from(lines.len())),
        ("lines", Value::from(lines)),
        ("totals", totals),
        (
            "amount_in_words",
            Value::from(amount_in_words(figures.total, input.currency, lang)),
        ),
        ("currency", currency),
    ]))
}

/// A map value from its pairs.
fn map<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    Value::from(
        pairs
            .into_iter()
            .collect::<std::collections::BTreeMap<&str, Value>>(),
    )
}

/// A party's requisites under the names of [`FIELDS`].
fn party(r: &Requisites) -> Value {
    map([
        ("name", Value::from(r.name.as_str())),
        ("inn", Value::from(r.inn.as_str())),
        ("kpp", Value::from(r.kpp.as_str())),
        ("ogrn", Value::from(r.ogrn.as_str())),
        ("address", Value::from(r.address.as_str())),
        ("bank", Value::from(r.bank.as_str())),
        ("bik", Value::from(r.bik.as_str())),
        (
            "correspondent_account",
            Value::from(r.correspondent_account.as_str()),
        ),
        ("account", Value::from(r.account.as_str())),
        ("iban", Value::from(r.iban.as_str())),
        ("swift", Value::from(r.swift.as_str())),
        ("director", Value::from(r.director.as_str())),
        ("director_title", Value::from(r.director_title.as_str())),
        ("accountant", Value::from(r.accountant.as_str())),
        ("phone", Value::from(r.phone.as_str())),
        ("email", Value::from(r.email.as_str())),
    ])
}

/// «22 %» / «Без НДС»; "22%" / "No VAT".
fn vat_rate(vat: Vat, lang: Lang) -> String {
    match (vat, lang) {
        (Vat::Exempt, Lang::Ru) => "Без НДС".to_owned(),
        (Vat::Exempt, Lang::En) => "No VAT".to_owned(),
        (Vat::Rate(r), Lang::Ru) => format!("{r}\u{a0}%"),
        (Vat::Rate(r), Lang::En) => format!("{r}%"),
    }
}

/// A line's discount as printed: `12,5 %`, an amount, or nothing.
fn discount(discount: Discount, lang: Lang) -> String {
    match discount {
        Discount::None => String::new(),
        Discount::Amount(m) => format::amount(m, lang),
        Discount::Percent(bp) => {
            let whole = bp / 100;
            let part = bp % 100;
            let point = if lang == Lang::Ru { ',' } else { '.' };
            let number = if part == 0 {
                whole.to_string()
            } else {
                let digits = format!("{part:02}");
                format!("{whole}{point}{}", digits.trim_end_matches('0'))
            };
            match lang {
                Lang::Ru => format!("{number}\u{a0}%"),
                Lang::En => format!("{number}%"),
            }
        }
    }
}

/// The currency as a Russian invoice abbreviates it after an amount: «руб.», «долл. США»,
/// «евро»; its code in English.
fn currency_short(currency: Currency, lang: Lang) -> &'static str {
    match (currency, lang) {
        (Currency::Rub, Lang::Ru) => "руб.",
        (Currency::Usd, Lang::Ru) => "долл. США",
        (Currency::Eur, Lang::Ru) => "евро",
        (c, Lang::En) => c.code(),
    }
}

use super::*;
use crate::domain::direction::Segment;
use crate::domain::documents::context::{context, DealFacts, DocumentInput};
use crate::domain::documents::kind::{DocumentKind, DocumentNumber};
use crate::domain::documents::lines::{Discount, Line, Quantity, Vat, VatMode};
use crate::domain::documents::party::Requisites;
use crate::domain::documents::seed;
use crate::domain::{Currency, Lang, Money};
use chrono::NaiveDate;

fn seller() -> Requisites {
    Requisites {
        name: "ООО «Ромашка»".into(),
        inn: "7707083893".into(),
        kpp: "773601001".into(),
        address: "Москва, ул. Вавилова, 19".into(),
        bank: "ПАО Сбербанк".into(),
        bik: "044525225".into(),
        correspondent_account: "30101810400000000225".into(),
        account: "40702810038000001230".into(),
        director: "Иванов И. И.".into(),
        director_title: "Генеральный директор".into(),
        accountant: "Петрова А. А.".into(),
        ..Requisites::default()
    }
}

fn buyer() -> Requisites {
    Requisites {
        name: "ООО «Альфа»".into(),
        inn: "7736207543".into(),
        ..Requisites::default()
    }
}

fn line(name: &str, qty: i64, price: i64, discount: Discount, vat: Vat) -> Line {
    Line {
        name: name.into(),
        unit: "шт.".into(),
        quantity: Quantity(qty),
        price: Money(price),
        discount,
        vat,
    }
}

/// Three lines: one with a 10 % discount, two VAT rates.
fn three_lines() -> Vec<Line> {
    vec![
        line(
            "Монтаж",
            2000,
            1_500_000,
            Discount::Percent(1000),
            Vat::Rate(22),
        ),
        line("Кабель", 12_500, 12_000, Discount::None, Vat::Rate(22)),
        line("Книга", 1000, 50_000, Discount::None, Vat::Rate(10)),
    ]
}

fn render_with(kind: DocumentKind, lang: Lang, mode: VatMode, lines: &[Line]) -> String {
    let (s, b, deal) = (
        seller(),
        buyer(),
        DealFacts {
            title: "Монтаж в офисе".into(),
            owner: "Анна".into(),
            ..DealFacts::default()
        },
    );
    let input = DocumentInput {
        kind,
        number: DocumentNumber {
            year: 2026,
            seq: 12,
        },
        date: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
        lang,
        currency: Currency::Rub,
        vat_mode: mode,
        seller: &s,
        buyer: &b,
        deal: &deal,
        lines,
    };
    let ctx = context(&input).unwrap();
    render(seed::template(kind, lang, Some(Segment::B2b)), ctx).unwrap()
}

/// The sample a template is checked against: the three lines.
fn sample() -> Value {
    let (s, b, deal) = (seller(), buyer(), DealFacts::default());
    let lines = three_lines();
    context(&DocumentInput {
        kind: DocumentKind::Invoice,
        number: DocumentNumber { year: 2026, seq: 1 },
        date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        lang: Lang::Ru,
        currency: Currency::Rub,
        vat_mode: VatMode::Included,
        seller: &s,
        buyer: &b,
        deal: &deal,
        lines: &lines,
    })
    .unwrap()
}

#[test]
fn the_russian_invoice_has_the_standard_layout() {
    let html = render_with(
        DocumentKind::Invoice,
        Lang::Ru,
        VatMode::Included,
        &three_lines(),
    );
    // 2 × 15 000 − 10 % = 27 000; 12,5 × 120 = 1 500; 500: 29 000 in all.
    for expected in [
        "Счёт на оплату № 12 от 4 декабря 2026 г.",
        "БИК</td><td>044525225",
        "ООО «Альфа»",
        "<td class=\"num\">27\u{a0}000,00</td>",
        "Итого:</td><td class=\"num\">29\u{a0}000,00",
        "В том числе НДС 22\u{a0}%:",
        "В том числе НДС 10\u{a0}%:",
        "Всего наименований 3, на сумму 29\u{a0}000,00 руб.",
        "Двадцать девять тысяч рублей 00 копеек",
        "Генеральный директор",
        "М.П.",
    ] {
        assert!(html.contains(expected), "{expected} missing from\n{html}");
    }
}

#[test]
fn vat_on_top_is_added_and_exempt_lines_say_so() {
    let html = render_with(
        DocumentKind::Invoice,
        Lang::Ru,
        VatMode::OnTop,
        &three_lines(),
    );
    assert!(html.contains("<tr><td>НДС 22\u{a0}%:"), "{html}");
    assert!(!html.contains("В том числе"));
    let exempt = vec![line(
        "Консультация",
        1000,
        100_000,
        Discount::None,
        Vat::Exempt,
    )];
    let html = render_with(DocumentKind::Invoice, Lang::Ru, VatMode::Included, &exempt);
    assert!(html.contains("Без налога (НДС)"));
    assert!(!html.contains("НДС 22"));
}

#[test]
fn every_seed_template_renders_in_both_languages_and_segments() {
    for kind in DocumentKind::ALL {
        for lang in [Lang::Ru, Lang::En] {
            for segment in [Some(Segment::B2b), Some(Segment::B2c), None] {
                let source = seed::template(kind, lang, segment);
                check(source, sample())
                    .unwrap_or_else(|e| panic!("{kind:?} {lang:?} {segment:?}: {e:?}"));
            }
        }
        let en = render_with(kind, Lang::En, VatMode::Included, &three_lines());
        // Every kind states the total and says it in words.
        let words = crate::domain::documents::words::amount_in_words(
            Money(2_900_000),
            Currency::Rub,
            Lang::En,
        );
        assert!(
            en.contains("29,000.00") && en.contains(&words),
            "{kind:?}: {en}"
        );
    }
}

#[test]
fn values_are_escaped() {
    let lines = vec![line(
        "<script>alert(1)</script> & Co",
        1000,
        100,
        Discount::None,
        Vat::Rate(22),
    )];
    let html = render_with(DocumentKind::Invoice, Lang::Ru, VatMode::Included, &lines);
    assert!(!html.contains("<script>"));
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt; &amp; Co"),
        "{html}"
    );
}

#[test]
fn an_unknown_field_is_named_with_its_line_even_in_a_branch_not_taken() {
    let source = "<p>{{ seller.name }}</p>\n{% if false %}\n{{ seller.innn }}\n{% endif %}";
    let e = check(source, sample()).unwrap_err();
    assert_eq!(e.problem, Problem::UnknownField);
    assert_eq!(e.line, Some(3));
    assert_eq!(e.name.as_deref(), Some("seller.innn"));
    let e = check("{{ totals.total }}\nb\n{{ total }}", sample()).unwrap_err();
    assert_eq!(
        (e.problem, e.line, e.name.as_deref()),
        (Problem::UnknownField, Some(3), Some("total"))
    );
}

#[test]
fn a_line_field_misspelt_inside_the_loop_is_caught_by_the_sample() {
    let source = "{% for line in lines %}\n<td>{{ line.nmae }}</td>\n{% endfor %}";
    let e = check(source, sample()).unwrap_err();
    assert_eq!(e.problem, Problem::UnknownField);
    assert_eq!(e.line, Some(2));
}

#[test]
fn a_broken_loop_is_a_syntax_error_on_its_line() {
    let source = "<table>\n{% for line in lines %}\n<tr><td>{{ line.name }}</td></tr>\n</table>";
    let e = render(source, sample()).unwrap_err();
    assert_eq!(e.problem, Problem::Syntax);
    assert!(e.line.is_some_and(|l| l >= 2), "{e:?}");
    let e = check("{{ seller.name }\n", sample()).unwrap_err();
    assert_eq!((e.problem, e.line), (Problem::Syntax, Some(1)));
}

#[test]
fn an_unknown_filter_is_reported() {
    let e = check("x\n{{ seller.name | shout }}", sample()).unwrap_err();
    assert_eq!((e.problem, e.line), (Problem::UnknownFilter, Some(2)));
}

#[test]
fn a_runaway_template_stops() {
    let source = "{% for a in range(10000) %}{% for b in range(10000) %}x{% endfor %}{% endfor %}";
    let e = render(source, sample()).unwrap_err();
    assert_eq!(e.problem, Problem::TooMuchWork);
}

#[test]
fn five_hundred_lines_render_within_the_fuel() {
    let lines: Vec<Line> = (0..500)
        .map(|i| line(&format!("Позиция {i} с очень длинным названием, которое переносится на следующую строку таблицы счёта"), 1000, 10_000 + i, Discount::None, Vat::Rate(22)))
        .collect();
    let html = render_with(DocumentKind::Invoice, Lang::Ru, VatMode::Included, &lines);
    assert_eq!(html.matches("<tr><td class=\"num\">").count(), 500);
    assert!(html.contains("Всего наименований 500"));
    let page = seed::page("Счёт № 12", &html, Lang::Ru);
    assert!(
        page.starts_with("<!doctype html>")
            && page.contains("thead { display: table-header-group; }")
    );
}

//! Deals out as CSV that Excel opens (UTF-8 with a byte-order mark, `;`) and that the import
//! reads back into the same deals: the column names are the ones it knows, in the UI's
//! language.

use super::columns::VORONKA_ID;
use super::formula::safe;
use crate::domain::{Deal, Lang, StageKind, Workspace};

/// The header row, in `lang`.
pub fn headers(lang: Lang) -> [&'static str; 17] {
    let id = match lang {
        Lang::Ru => VORONKA_ID[0],
        Lang::En => VORONKA_ID[1],
    };
    match lang {
        Lang::Ru => [
            id,
            "Название сделки",
            "Направление",
            "Стадия сделки",
            "Статус",
            "Сумма",
            "Валюта",
            "Ответственный",
            "Компания",
            "Контакт",
            "Телефон",
            "E-mail",
            "Дата создания",
            "Предполагаемая дата закрытия",
            "Дата закрытия",
            "Причина проигрыша",
            "Комментарий",
        ],
        Lang::En => [
            id,
            "Deal Name",
            "Pipeline",
            "Stage",
            "Status",
            "Income",
            "Currency",
            "Responsible",
            "Company",
            "Contact",
            "Phone",
            "E-mail",
            "Created",
            "Assumed close date",
            "Close date",
            "Loss reason",
            "Comment",
        ],
    }
}

fn status(kind: StageKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (StageKind::Open, Lang::Ru) => "В работе",
        (StageKind::Won, Lang::Ru) => "Выиграна",
        (StageKind::Lost, Lang::Ru) => "Проиграна",
        (StageKind::Open, Lang::En) => "Open",
        (StageKind::Won, Lang::En) => "Won",
        (StageKind::Lost, Lang::En) => "Lost",
    }
}

/// Every deal of `ws` in board order: directions as listed, stages in order, each column
/// from the top.
pub fn board_order(ws: &Workspace) -> impl Iterator<Item = &Deal> {
    ws.directions()
        .flat_map(|d| d.stages.iter())
        .flat_map(|s| ws.column(s.id).iter())
        .filter_map(|id| ws.deal(*id))
}

/// `deals` of `ws` as CSV text, starting with a byte-order mark.
pub fn export<'a>(ws: &Workspace, deals: impl IntoIterator<Item = &'a Deal>, lang: Lang) -> String {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .quote_style(csv::QuoteStyle::Necessary)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(64 * 1024));
    // Writing into a Vec cannot fail.
    writer.write_record(headers(lang)).expect("write to memory");
    for deal in deals {
        let cells = row(ws, deal, lang);
        let cells: Vec<_> = cells.iter().map(|c| safe(c)).collect();
        writer
            .write_record(cells.iter().map(|c| c.as_bytes()))
            .expect("write to memory");
    }
    let bytes = writer.into_inner().unwrap_or_default();
    let mut text = String::with_capacity(bytes.len() + 3);
    text.push('\u{feff}');
    text.push_str(&String::from_utf8(bytes).unwrap_or_default());
    text
}

fn row(ws: &Workspace, deal: &Deal, lang: Lang) -> [String; 17] {
    let (direction, stage) = ws
        .stage(deal.stage)
        .map_or((String::new(), None), |(d, s)| (d.name.clone(), Some(s)));
    let kind = stage.map_or(StageKind::Open, |s| s.kind);
    let currency = deal
        .source
        .as_ref()
        .and_then(|s| s.currency.clone())
        .unwrap_or_else(|| ws.currency().code().to_string());
    let date_time = |at: crate::domain::Stamp| {
        let f = match lang {
            Lang::Ru => "%d.%m.%Y %H:%M:%S",
            Lang::En => "%Y-%m-%d %H:%M:%S",
        };
        at.datetime().format(f).to_string()
    };
    let day = |d: chrono::NaiveDate| match lang {
        Lang::Ru => d.format("%d.%m.%Y").to_string(),
        Lang::En => d.format("%Y-%m-%d").to_string(),
    };
    [
        deal.id.0.to_string(),
        deal.title.clone(),
        direction,
        stage.map_or(String::new(), |s| s.name.clone()),
        status(kind, lang).to_string(),
        amount(deal.amount.0, lang),
        currency,
        ws.employee(deal.owner)
            .map_or(String::new(), |e| e.name.clone()),
        deal.client.company.clone(),
        deal.client.contact.clone(),
        deal.client.phone.clone(),
        deal.client.email.clone(),
        date_time(deal.created_at),
        deal.expected_close.map_or(String::new(), day),
        deal.closed_at.map_or(String::new(), date_time),
        deal.loss_reason.clone().unwrap_or_default(),
        deal.notes.clone(),
    ]
}

/// Any table as CSV the way [`export`] writes deals: UTF-8 with a BOM, `;` between cells,
/// CRLF line ends, formula-like cells made safe. The Analytics view exports its tables so.
pub fn table(head: &[String], rows: &[Vec<String>]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .quote_style(csv::QuoteStyle::Necessary)
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(Vec::with_capacity(4096));
    for record in std::iter::once(head).chain(rows.iter().map(Vec::as_slice)) {
        // Writing into a Vec cannot fail.
        writer
            .write_record(record.iter().map(|c| {
                if is_number(c) {
                    c.clone()
                } else {
                    safe(c).into_owned()
                }
            }))
            .expect("write to memory");
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8(bytes).unwrap_or_default())
}

/// A plain number (`-20`, `12,5`, `1250000.50`): a spreadsheet reads it as one, so it needs no
/// guard against formulas, and a guarded `'-20` would turn a negative NPS into text.
fn is_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let mut parts = digits.splitn(2, [',', '.']);
    let whole = parts.next().unwrap_or_default();
    let ok = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    ok(whole) && parts.next().is_none_or(ok)
}

/// Minor units as `1250000,50` (Russian Excel reads a comma) or `1250000.50`.
pub fn amount(minor: i64, lang: Lang) -> String {
    let sep = match lang {
        Lang::Ru => ',',
        Lang::En => '.',
    };
    format!("{}{sep}{:02}", minor / 100, (minor % 100).abs())
}

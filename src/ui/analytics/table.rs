//! A section's table as data: what the `<table>` shows and what its CSV holds, built from the
//! domain's figures by each section and drawn by [`DataTable`].

use crate::domain::{Currency, DealId, Money};
use crate::i18n::*;
use crate::ui::format;
use crate::ui::text::msg;
use leptos::prelude::*;

/// One cell: the text shown and the value written to CSV (a plain number where it is one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// As shown.
    pub text: String,
    /// As exported.
    pub csv: String,
    /// Right-aligned (a number).
    pub num: bool,
}

fn decimal(locale: Locale) -> char {
    match locale {
        Locale::ru => ',',
        Locale::en => '.',
    }
}

/// Tenths as `12,5` / `12.5`.
pub fn tenths_text(locale: Locale, tenths: i64) -> String {
    let sign = if tenths < 0 { "-" } else { "" };
    let t = tenths.abs();
    format!("{sign}{}{}{}", t / 10, decimal(locale), t % 10)
}

impl Cell {
    /// A name or any text.
    pub fn text(text: impl Into<String>) -> Cell {
        let text = text.into();
        Cell {
            csv: text.clone(),
            text,
            num: false,
        }
    }

    /// A count.
    pub fn count(locale: Locale, n: usize) -> Cell {
        Cell {
            text: format::integer(locale, n as i64),
            csv: n.to_string(),
            num: true,
        }
    }

    /// An amount: `1 250 000 ₽` shown, `1250000,00` exported.
    pub fn money(locale: Locale, currency: Currency, m: Money) -> Cell {
        Cell {
            text: format::money(locale, currency, m),
            csv: crate::crm::export::amount(m.0, format::content_lang(locale)),
            num: true,
        }
    }

    /// A share in basis points as a whole percent (rounded half up), `—` when there is none.
    pub fn percent(locale: Locale, bp: Option<u64>) -> Cell {
        match bp {
            Some(bp) => {
                let whole = (bp + 50) / 100;
                Cell {
                    text: format::percent(locale, whole),
                    csv: whole.to_string(),
                    num: true,
                }
            }
            None => Cell::missing(),
        }
    }

    /// Days from tenths of a day, `—` when there are none.
    pub fn days(locale: Locale, tenths: Option<i64>) -> Cell {
        match tenths {
            Some(t) => Cell {
                text: tenths_text(locale, t),
                csv: tenths_text(locale, t),
                num: true,
            },
            None => Cell::missing(),
        }
    }

    /// A signed whole number (NPS): `−20` shown with a minus sign, `-20` exported.
    pub fn signed(locale: Locale, n: Option<i32>) -> Cell {
        match n {
            Some(n) => Cell {
                text: format::integer(locale, i64::from(n)),
                csv: n.to_string(),
                num: true,
            },
            None => Cell::missing(),
        }
    }

    /// Nothing to show: a dash on screen, an empty CSV cell.
    pub fn missing() -> Cell {
        Cell {
            text: "—".into(),
            csv: String::new(),
            num: true,
        }
    }

    /// A number replaced by a word ("no plan"), kept as such in CSV.
    pub fn note(text: impl Into<String>) -> Cell {
        Cell {
            num: true,
            ..Cell::text(text)
        }
    }
}

/// One row: its cells (the first one names it) and the deals behind it, if it lists any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// A stable key for tests (`data-key`): a stage id, a reason, an employee id, `won`.
    pub key: String,
    /// The cells, the name first.
    pub cells: Vec<Cell>,
    /// The deals a click on the name lists.
    pub deals: Option<Vec<DealId>>,
    /// A total row (the company, all responses).
    pub total: bool,
    /// An inactive employee's row.
    pub inactive: bool,
}

impl Row {
    /// A row named by its first cell.
    pub fn new(key: impl Into<String>, cells: Vec<Cell>) -> Row {
        Row {
            key: key.into(),
            cells,
            deals: None,
            total: false,
            inactive: false,
        }
    }

    /// The row lists these deals on a click.
    pub fn listing(mut self, deals: Vec<DealId>) -> Row {
        self.deals = Some(deals);
        self
    }

    /// Marks a total row.
    pub fn total(mut self) -> Row {
        self.total = true;
        self
    }

    /// Marks an inactive employee's row.
    pub fn inactive(mut self, inactive: bool) -> Row {
        self.inactive = inactive;
        self
    }
}

/// A table: a name for tests and files, a caption, the header and the rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// `data-table` and the CSV's part name: `funnel`, `lost`, `reasons`…
    pub name: &'static str,
    /// What the table is (its `<caption>`).
    pub caption: String,
    /// Column names.
    pub head: Vec<String>,
    /// The rows.
    pub rows: Vec<Row>,
}

/// The tables of a section as one CSV: with several tables, each starts with its caption.
pub fn csv(tables: &[Table]) -> String {
    let mut lines: Vec<Vec<String>> = Vec::new();
    for t in tables {
        if tables.len() > 1 {
            lines.push(vec![t.caption.clone()]);
        }
        lines.push(t.head.clone());
        lines.extend(
            t.rows
                .iter()
                .map(|r| r.cells.iter().map(|c| c.csv.clone()).collect()),
        );
    }
    let (head, rows) = lines
        .split_first()
        .map_or((&[][..], &[][..]), |(h, r)| (h.as_slice(), r));
    crate::crm::export::table(head, rows)
}

/// What a click on a row's name asks for: the list of its deals under a title.
pub type OpenList = Callback<(String, Vec<DealId>)>;

/// A table drawn as HTML: `<th>` headers, the row's name in a row header (a button when the
/// row lists deals), numbers right-aligned; it scrolls inside its section on a narrow screen.
/// `plain_caption`: the caption repeats the title above, so it is there only for screen
/// readers.
#[component]
pub fn DataTable(
    table: Table,
    on_open: OpenList,
    #[prop(optional)] plain_caption: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let Table {
        name,
        caption,
        head,
        rows,
    } = table;
    view! {
        <div class="table-scroll analytics-table-wrap">
            <table class="analytics-table" data-table=name>
                <caption class:visually-hidden=plain_caption>{caption}</caption>
                <thead>
                    <tr>
                        {head
                            .into_iter()
                            .map(|h| view! { <th scope="col">{h}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            let mut cells = row.cells.into_iter();
                            let first = cells.next().map(|c| c.text).unwrap_or_default();
                            let name_cell = match row.deals {
                                Some(deals) if !deals.is_empty() => {
                                    let what = first.clone();
                                    let label = msg!(i18n, analytics.deals.show, what = what);
                                    view! {
                                        <button
                                            type="button"
                                            class="link-button"
                                            data-action="show-deals"
                                            aria-label=label
                                            on:click=move |_| on_open.run((what.clone(), deals.clone()))
                                        >
                                            {first}
                                        </button>
                                    }
                                        .into_any()
                                }
                                _ => view! { <span>{first}</span> }.into_any(),
                            };
                            view! {
                                <tr
                                    data-key=row.key
                                    class:total=row.total
                                    class:inactive=row.inactive
                                >
                                    <th scope="row">{name_cell}</th>
                                    {cells
                                        .map(|c| view! { <td class:num=c.num>{c.text}</td> })
                                        .collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

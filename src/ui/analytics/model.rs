//! Each section's figures turned into what the view draws: blocks of a heading, lines, a
//! chart and tables, in the UI's language. Pure (no DOM), so tested natively like the domain.

use super::chart::{share, Bar, Part};
use super::table::{tenths_text, Cell, Row, Table};
use crate::domain::analytics::forecast::{Forecast, ForecastRow};
use crate::domain::analytics::funnel::Funnel;
use crate::domain::analytics::nps::{Nps, NpsTally};
use crate::domain::analytics::outcomes::{Outcomes, Tally};
use crate::domain::analytics::stays::Stays;
use crate::domain::{DirectionId, EmployeeId, Workspace};
use crate::i18n::*;
use crate::ui::counts;
use crate::ui::text::msg_in;

/// A table's column names: `heads!(locale, analytics.stays => [stage, stays])`.
macro_rules! heads {
    ($locale:expr, $a:ident . $b:ident => [$($key:ident),+ $(,)?]) => {
        vec![$(td_string!($locale, $a.$b.$key).to_string()),+]
    };
}

/// A chart: its caption, bars, and whether it is a funnel (centred bars).
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// What it shows.
    pub label: String,
    /// The bars.
    pub bars: Vec<Bar>,
    /// Centred bars.
    pub funnel: bool,
}

/// A part of a section: for one direction, or the whole section.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// The direction's name when the section shows several.
    pub heading: Option<String>,
    /// Lines of figures above the chart ("12 deals created in the period").
    pub lines: Vec<String>,
    /// "No deals in this period." instead of the chart and tables.
    pub empty: Option<String>,
    /// The chart.
    pub charts: Vec<Chart>,
    /// The tables.
    pub tables: Vec<Table>,
}

impl Chart {
    /// Bars from the left edge.
    fn bars(label: String, bars: Vec<Bar>) -> Chart {
        Chart {
            label,
            bars,
            funnel: false,
        }
    }
}

impl Block {
    /// A block with one chart.
    fn new(heading: Option<String>, lines: Vec<String>, chart: Chart, tables: Vec<Table>) -> Block {
        Block {
            heading,
            lines,
            empty: None,
            charts: vec![chart],
            tables,
        }
    }

    fn empty(heading: Option<String>, text: String) -> Block {
        Block {
            heading,
            lines: Vec::new(),
            empty: Some(text),
            charts: Vec::new(),
            tables: Vec::new(),
        }
    }
}

/// Names from the workspace, in the UI's language.
struct Names<'a> {
    ws: &'a Workspace,
    locale: Locale,
}

impl Names<'_> {
    fn stage(&self, id: crate::domain::StageId) -> String {
        self.ws
            .stage(id)
            .map_or_else(String::new, |(_, s)| s.name.clone())
    }

    fn direction(&self, id: DirectionId) -> String {
        self.ws
            .direction(id)
            .map_or_else(String::new, |d| d.name.clone())
    }

    /// The employee's name, "(inactive)" after it when deactivated.
    fn employee(&self, id: EmployeeId) -> (String, bool) {
        match self.ws.employee(id) {
            Some(e) if e.active => (e.name.clone(), false),
            Some(e) => (
                msg_in!(self.locale, analytics.inactive, name = e.name),
                true,
            ),
            None => (String::new(), false),
        }
    }

    fn money(&self, m: crate::domain::Money) -> Cell {
        Cell::money(self.locale, self.ws.currency(), m)
    }
}

fn bp(v: Option<u32>) -> Option<u64> {
    v.map(u64::from)
}

fn no_deals(locale: Locale) -> String {
    td_string!(locale, analytics.no_deals).to_string()
}

/// Whether a section shows several directions (and so a heading per direction).
fn heading(n: &Names, several: bool, d: DirectionId) -> Option<String> {
    several.then(|| n.direction(d))
}

/// The conversion funnel, one block per direction.
pub fn funnel(ws: &Workspace, locale: Locale, funnels: &[(DirectionId, Funnel)]) -> Vec<Block> {
    let n = Names { ws, locale };
    let several = funnels.len() > 1;
    funnels
        .iter()
        .map(|(d, f)| {
            let heading = heading(&n, several, *d);
            if f.cohort == 0 {
                return Block::empty(heading, no_deals(locale));
            }
            let won_label = td_string!(locale, analytics.funnel.won).to_string();
            let mut bars: Vec<Bar> = f
                .rows
                .iter()
                .map(|r| {
                    Bar::single(
                        n.stage(r.stage),
                        share(r.reached as f64, f.cohort as f64),
                        "part-stage",
                        Cell::count(locale, r.reached).text,
                    )
                })
                .collect();
            bars.push(Bar::single(
                won_label.clone(),
                share(f.won as f64, f.cohort as f64),
                "part-won",
                Cell::count(locale, f.won).text,
            ));
            let previous_of_won = f.rows.last().map_or(f.cohort, |r| r.reached);
            let mut rows: Vec<Row> = f
                .rows
                .iter()
                .map(|r| {
                    Row::new(
                        r.stage.0.to_string(),
                        vec![
                            Cell::text(n.stage(r.stage)),
                            Cell::count(locale, r.reached),
                            Cell::percent(locale, bp(r.of_cohort_bp)),
                            Cell::percent(locale, bp(r.of_previous_bp)),
                            Cell::missing(),
                        ],
                    )
                    .listing(r.deals.clone())
                })
                .collect();
            rows.push(
                Row::new(
                    "won",
                    vec![
                        Cell::text(won_label),
                        Cell::count(locale, f.won),
                        Cell::percent(locale, bp(f.won_bp)),
                        Cell::percent(
                            locale,
                            bp(crate::domain::analytics::share_bp(f.won, previous_of_won)),
                        ),
                        n.money(f.won_sum),
                    ],
                )
                .listing(f.won_deals.clone())
                .total(),
            );
            let mut tables = vec![Table {
                name: "funnel",
                caption: td_string!(locale, analytics.funnel.title).to_string(),
                head: heads!(locale, analytics.funnel => [stage, reached, of_cohort, of_previous, sum]),
                rows,
            }];
            if !f.lost.is_empty() {
                tables.push(Table {
                    name: "lost",
                    caption: td_string!(locale, analytics.funnel.lost_caption).to_string(),
                    head: heads!(locale, analytics.funnel => [lost_at, count, sum]),
                    rows: f
                        .lost
                        .iter()
                        .map(|l| {
                            let name = l.stage.map_or_else(
                                || td_string!(locale, analytics.funnel.before_any).to_string(),
                                |s| n.stage(s),
                            );
                            Row::new(
                                l.stage.map_or("none".to_string(), |s| s.0.to_string()),
                                vec![
                                    Cell::text(name),
                                    Cell::count(locale, l.count),
                                    n.money(l.sum),
                                ],
                            )
                            .listing(l.deals.clone())
                        })
                        .collect(),
                });
            }
            Block {
                lines: vec![
                    counts::funnel_cohort(locale, f.cohort),
                    counts::funnel_open(locale, f.open),
                ],
                empty: None,
                charts: vec![Chart {
                    label: msg_in!(locale, analytics.funnel.chart, direction = n.direction(*d)),
                    bars,
                    funnel: true,
                }],
                tables,
                heading,
            }
        })
        .collect()
}

fn days(locale: Locale, tenths: i64) -> String {
    msg_in!(
        locale,
        analytics.days_unit,
        days = tenths_text(locale, tenths)
    )
}

/// Time in stage, one block per direction.
pub fn stays(ws: &Workspace, locale: Locale, stays: &[(DirectionId, Stays)]) -> Vec<Block> {
    let n = Names { ws, locale };
    let several = stays.len() > 1;
    stays
        .iter()
        .map(|(d, s)| {
            let heading = heading(&n, several, *d);
            let ended: usize = s.rows.iter().map(|r| r.stays).sum();
            let now: usize = s.rows.iter().map(|r| r.now).sum();
            if ended == 0 && now == 0 && s.won == 0 {
                return Block::empty(heading, no_deals(locale));
            }
            let longest = s
                .rows
                .iter()
                .filter_map(|r| r.median_tenths)
                .max()
                .unwrap_or(0);
            let bars = s
                .rows
                .iter()
                .map(|r| {
                    Bar::single(
                        n.stage(r.stage),
                        share(r.median_tenths.unwrap_or(0) as f64, longest as f64),
                        "part-stage",
                        r.median_tenths
                            .map_or_else(|| "—".to_string(), |t| days(locale, t)),
                    )
                })
                .collect();
            let rows = s
                .rows
                .iter()
                .map(|r| {
                    Row::new(
                        r.stage.0.to_string(),
                        vec![
                            Cell::text(n.stage(r.stage)),
                            Cell::count(locale, r.stays),
                            Cell::days(locale, r.median_tenths),
                            Cell::days(locale, r.mean_tenths),
                            Cell::percent(locale, bp(r.late_bp)),
                            Cell::count(locale, r.now),
                            Cell::days(locale, r.now_median_tenths),
                        ],
                    )
                })
                .collect();
            let cycle = match s.cycle_median_tenths {
                Some(t) => format!(
                    "{} {}",
                    msg_in!(locale, analytics.stays.cycle, days = days(locale, t)),
                    counts::cycle_deals(locale, s.won)
                ),
                None => td_string!(locale, analytics.stays.no_cycle).to_string(),
            };
            let mut lines = Vec::new();
            if ended == 0 {
                lines.push(no_deals(locale));
            }
            lines.push(cycle);
            Block::new(
                heading,
                lines,
                Chart::bars(
                    msg_in!(locale, analytics.stays.chart, direction = n.direction(*d)),
                    bars,
                ),
                vec![Table {
                    name: "stays",
                    caption: td_string!(locale, analytics.stays.title).to_string(),
                    head: heads!(locale, analytics.stays => [stage, stays, median, mean, late, now, now_median]),
                    rows,
                }],
            )
        })
        .collect()
}

fn tally_cells(n: &Names, t: &Tally) -> Vec<Cell> {
    vec![
        Cell::count(n.locale, t.won),
        n.money(t.won_sum),
        Cell::count(n.locale, t.lost),
        n.money(t.lost_sum),
        Cell::percent(n.locale, bp(t.win_rate_bp())),
        t.average_won().map_or_else(Cell::missing, |m| n.money(m)),
    ]
}

/// Won and lost: the totals, the loss reasons, the employees.
pub fn outcomes(ws: &Workspace, locale: Locale, o: &Outcomes) -> Vec<Block> {
    let n = Names { ws, locale };
    let t = &o.total;
    if t.won + t.lost == 0 {
        return vec![Block::empty(None, no_deals(locale))];
    }
    let closed = (t.won + t.lost) as f64;
    let won_lost = Bar {
        label: td_string!(locale, analytics.outcomes.chart_won_lost).to_string(),
        parts: vec![
            Part {
                share: share(t.won as f64, closed),
                class: "part-won",
            },
            Part {
                share: share(t.lost as f64, closed),
                class: "part-lost",
            },
        ],
        value: format!(
            "{} / {}",
            Cell::count(locale, t.won).text,
            Cell::count(locale, t.lost).text
        ),
        marker: None,
    };
    let no_reason = td_string!(locale, analytics.outcomes.no_reason).to_string();
    let reason_name = |r: &str| {
        if r.trim().is_empty() {
            no_reason.clone()
        } else {
            r.to_string()
        }
    };
    let reason_bars: Vec<Bar> = o
        .reasons
        .iter()
        .map(|r| {
            Bar::single(
                reason_name(&r.reason),
                share(r.count as f64, t.lost as f64),
                "part-lost",
                Cell::percent(locale, bp(r.share_bp)).text,
            )
        })
        .collect();
    let labels = heads!(locale, analytics.outcomes => [won_deals, won_sum, lost_deals, lost_sum, win_rate, average]);
    let values = [
        Cell::count(locale, t.won),
        n.money(t.won_sum),
        Cell::count(locale, t.lost),
        n.money(t.lost_sum),
        Cell::percent(locale, bp(t.win_rate_bp())),
        t.average_won().map_or_else(Cell::missing, |m| n.money(m)),
    ];
    let keys = ["won", "won-sum", "lost", "lost-sum", "win-rate", "average"];
    let summary = Table {
        name: "outcomes",
        caption: td_string!(locale, analytics.outcomes.title).to_string(),
        head: heads!(locale, analytics.outcomes => [figure, value]),
        rows: keys
            .into_iter()
            .zip(labels)
            .zip(values)
            .map(|((key, label), value)| Row::new(key, vec![Cell::text(label), value]))
            .collect(),
    };
    let mut tables = vec![summary];
    if !o.reasons.is_empty() {
        tables.push(Table {
            name: "reasons",
            caption: td_string!(locale, analytics.outcomes.reasons_caption).to_string(),
            head: heads!(locale, analytics.outcomes => [reason, deals, sum, share]),
            rows: o
                .reasons
                .iter()
                .map(|r| {
                    Row::new(
                        r.reason.clone(),
                        vec![
                            Cell::text(reason_name(&r.reason)),
                            Cell::count(locale, r.count),
                            n.money(r.sum),
                            Cell::percent(locale, bp(r.share_bp)),
                        ],
                    )
                    .listing(r.deals.clone())
                })
                .collect(),
        });
    }
    tables.push(Table {
        name: "employees",
        caption: td_string!(locale, analytics.outcomes.employees_caption).to_string(),
        head: heads!(locale, analytics.outcomes => [employee, won, won_sum, lost, lost_sum, win_rate, average]),
        rows: o
            .employees
            .iter()
            .map(|(e, tally)| {
                let (name, inactive) = n.employee(*e);
                let mut cells = vec![Cell::text(name)];
                cells.extend(tally_cells(&n, tally));
                Row::new(e.0.to_string(), cells)
                    .listing(tally.deals.clone())
                    .inactive(inactive)
            })
            .collect(),
    });
    let mut charts = vec![Chart::bars(
        td_string!(locale, analytics.outcomes.chart_won_lost).to_string(),
        vec![won_lost],
    )];
    if !reason_bars.is_empty() {
        charts.push(Chart::bars(
            td_string!(locale, analytics.outcomes.chart).to_string(),
            reason_bars,
        ));
    }
    vec![Block {
        heading: None,
        lines: Vec::new(),
        empty: None,
        charts,
        tables,
    }]
}

fn forecast_cells(n: &Names, r: &ForecastRow) -> Vec<Cell> {
    let no_plan = || Cell::note(td_string!(n.locale, analytics.forecast.no_plan).to_string());
    let target = r.target();
    vec![
        target.map_or_else(no_plan, |t| n.money(t)),
        n.money(r.won),
        n.money(r.weighted),
        n.money(r.forecast),
        match target {
            Some(_) => Cell::percent(n.locale, r.of_plan_bp),
            None => Cell::missing(),
        },
        r.gap.map_or_else(Cell::missing, |g| n.money(g)),
        r.deals_to_close_gap.map_or_else(Cell::missing, |d| {
            Cell::count(n.locale, usize::try_from(d).unwrap_or(usize::MAX))
        }),
    ]
}

/// The forecast against the plan: a row per employee (with a plan or figures, or active) and
/// the company.
pub fn forecast(ws: &Workspace, locale: Locale, f: &Forecast) -> Vec<Block> {
    let n = Names { ws, locale };
    let shown: Vec<&(EmployeeId, ForecastRow)> = f
        .employees
        .iter()
        .filter(|(e, r)| {
            ws.employee(*e)
                .is_some_and(|e| Workspace::shows_forecast(e, r))
        })
        .collect();
    let scale = std::iter::once(&f.company)
        .chain(shown.iter().map(|(_, r)| r))
        .map(|r| {
            let plan = r.plan.map_or(0, |p| p.target.amount.0);
            plan.max(r.forecast.0).max(0) as f64
        })
        .fold(0.0, f64::max);
    let bar = |label: String, r: &ForecastRow| Bar {
        label,
        parts: vec![
            Part {
                share: share(r.won.0 as f64, scale),
                class: "part-won",
            },
            Part {
                share: share(r.weighted.0 as f64, scale),
                class: "part-weighted",
            },
        ],
        value: match r.of_plan_bp {
            Some(bp) => Cell::percent(locale, Some(bp)).text,
            None => td_string!(locale, analytics.forecast.no_plan).to_string(),
        },
        marker: r
            .plan
            .filter(|p| p.target.amount.0 > 0)
            .map(|p| share(p.target.amount.0 as f64, scale)),
    };
    let company = td_string!(locale, analytics.forecast.company).to_string();
    let mut bars: Vec<Bar> = shown
        .iter()
        .map(|(e, r)| bar(n.employee(*e).0, r))
        .collect();
    bars.push(bar(company.clone(), &f.company));
    let mut rows: Vec<Row> = shown
        .iter()
        .map(|(e, r)| {
            let (name, inactive) = n.employee(*e);
            let mut cells = vec![Cell::text(name)];
            cells.extend(forecast_cells(&n, r));
            Row::new(e.0.to_string(), cells).inactive(inactive)
        })
        .collect();
    let mut cells = vec![Cell::text(company)];
    cells.extend(forecast_cells(&n, &f.company));
    rows.push(Row::new("company", cells).total());
    vec![Block::new(
        None,
        Vec::new(),
        Chart::bars(
            td_string!(locale, analytics.forecast.chart).to_string(),
            bars,
        ),
        vec![Table {
            name: "forecast",
            caption: td_string!(locale, analytics.forecast.title).to_string(),
            head: heads!(locale, analytics.forecast => [employee, plan, won, weighted, forecast, of_plan, gap, deals_to_gap]),
            rows,
        }],
    )]
}

fn nps_cells(locale: Locale, t: &NpsTally) -> Vec<Cell> {
    vec![
        Cell::signed(locale, t.score()),
        Cell::count(locale, t.promoters),
        Cell::count(locale, t.passives),
        Cell::count(locale, t.detractors),
        Cell::count(locale, t.responses()),
    ]
}

fn nps_bar(locale: Locale, label: String, t: &NpsTally) -> Bar {
    let all = t.responses() as f64;
    Bar {
        label,
        parts: vec![
            Part {
                share: share(t.promoters as f64, all),
                class: "part-promoters",
            },
            Part {
                share: share(t.passives as f64, all),
                class: "part-passives",
            },
            Part {
                share: share(t.detractors as f64, all),
                class: "part-detractors",
            },
        ],
        value: Cell::signed(locale, t.score()).text,
        marker: None,
    }
}

/// NPS: all responses, by direction, by employee.
pub fn nps(ws: &Workspace, locale: Locale, nps: &Nps) -> Vec<Block> {
    let n = Names { ws, locale };
    if nps.total.responses() == 0 {
        return vec![Block::empty(
            None,
            td_string!(locale, analytics.nps.none).to_string(),
        )];
    }
    let all = td_string!(locale, analytics.nps.all).to_string();
    let head = |first: String| {
        let mut h = vec![first];
        h.extend(
            heads!(locale, analytics.nps => [score, promoters, passives, detractors, responses]),
        );
        h
    };
    let row = |key: String, name: String, t: &NpsTally| {
        let mut cells = vec![Cell::text(name)];
        cells.extend(nps_cells(locale, t));
        Row::new(key, cells)
    };
    let mut bars = vec![nps_bar(locale, all.clone(), &nps.total)];
    bars.extend(
        nps.directions
            .iter()
            .map(|(d, t)| nps_bar(locale, n.direction(*d), t)),
    );
    let mut by_direction = vec![row("all".into(), all, &nps.total).total()];
    by_direction.extend(
        nps.directions
            .iter()
            .map(|(d, t)| row(d.0.to_string(), n.direction(*d), t)),
    );
    let by_employee = nps
        .employees
        .iter()
        .map(|(e, t)| {
            let (name, inactive) = n.employee(*e);
            row(e.0.to_string(), name, t).inactive(inactive)
        })
        .collect();
    vec![Block::new(
        None,
        Vec::new(),
        Chart::bars(td_string!(locale, analytics.nps.chart).to_string(), bars),
        vec![
            Table {
                name: "nps-directions",
                caption: td_string!(locale, analytics.nps.by_direction).to_string(),
                head: head(td_string!(locale, analytics.nps.direction).to_string()),
                rows: by_direction,
            },
            Table {
                name: "nps-employees",
                caption: td_string!(locale, analytics.nps.by_employee).to_string(),
                head: head(td_string!(locale, analytics.nps.employee).to_string()),
                rows: by_employee,
            },
        ],
    )]
}

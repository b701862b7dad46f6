//! A deterministic demo generator: the same seed always gives the same workspace. It builds
//! the workspace through commands, so every generated deal obeys every rule.

use super::command::Command;
use super::deal::{Client, DealDraft};
use super::ids::{DealId, DirectionId, EmployeeId, StageId};
use super::money::{Currency, Money};
use super::period::{Period, PeriodKind};
use super::plan::PlanTarget;
use super::stage::StageKind;
use super::templates::Template;
use super::time::Stamp;
use super::workspace::Workspace;
use super::Lang;
use chrono::{Duration, NaiveDate};
use std::collections::BTreeMap;

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoConfig {
    /// Seed of the random sequence.
    pub seed: u64,
    /// Number of employees.
    pub employees: usize,
    /// Number of deals, spread over the 12 months before `now`.
    pub deals: usize,
    /// The moment the demo is generated at: nothing in it happens later, and the current
    /// month, quarter and year always hold deals created, moved, won and lost.
    pub now: Stamp,
    /// Language of names, notes and templates.
    pub lang: Lang,
}

impl DemoConfig {
    /// The demo the app offers on its start screen: 5 reps, 300 deals, the same seed always.
    pub fn app(now: Stamp, lang: Lang) -> DemoConfig {
        DemoConfig {
            seed: 2026,
            employees: 5,
            deals: 300,
            now,
            lang,
        }
    }
}

/// SplitMix64: tiny, fast and good enough for demo data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// `count` different notes: a note drawn twice is replaced by the next one in the list. As
/// many numbers are drawn as for `count` picks, so the rest of the demo stays the same.
fn distinct_notes(rng: &mut Rng, notes: &[&'static str], count: usize) -> Vec<&'static str> {
    let mut chosen: Vec<&'static str> = Vec::with_capacity(count);
    for _ in 0..count {
        let mut i = rng.below(notes.len() as u64) as usize;
        while chosen.contains(&notes[i]) {
            i = (i + 1) % notes.len();
        }
        chosen.push(notes[i]);
    }
    chosen
}

const FIRST_RU_F: [&str; 6] = ["Анна", "Мария", "Ольга", "Елена", "Наталья", "Татьяна"];
const FIRST_RU_M: [&str; 6] = ["Иван", "Дмитрий", "Сергей", "Алексей", "Павел", "Михаил"];
const LAST_RU: [&str; 6] = [
    "Смирнов",
    "Петров",
    "Козлов",
    "Волков",
    "Новиков",
    "Морозов",
];
const FIRST_EN: [&str; 12] = [
    "Anna", "John", "Mary", "David", "Olivia", "Sam", "Emma", "Alex", "Nora", "Paul", "Tina",
    "Mike",
];
const LAST_EN: [&str; 6] = ["Smith", "Parker", "Cole", "Wolf", "Newman", "Frost"];
const COMPANY_RU: [&str; 12] = [
    "Альфа",
    "Вектор",
    "Сибирь-Трейд",
    "Гранит",
    "Меридиан",
    "Северсталь-Сервис",
    "Орбита",
    "Технопарк",
    "Волга-Логистик",
    "Светоч",
    "Уралмаш-Снаб",
    "Пионер",
];
/// The Russian demo companies' e-mail domains (before `.example`), in Latin letters.
const COMPANY_RU_DOMAIN: [&str; 12] = [
    "alfa",
    "vector",
    "sibir-trade",
    "granit",
    "meridian",
    "severstal-service",
    "orbita",
    "technopark",
    "volga-logistic",
    "svetoch",
    "uralmash-snab",
    "pioneer",
];
const COMPANY_EN: [&str; 12] = [
    "Alpha",
    "Vector",
    "Northwind",
    "Granite",
    "Meridian",
    "Bluebird",
    "Orbit",
    "Techpark",
    "Riverline",
    "Beacon",
    "Ironworks",
    "Pioneer",
];
const PRODUCT_RU: [&str; 8] = [
    "Поставка оборудования",
    "Внедрение CRM",
    "Годовое обслуживание",
    "Обучение отдела продаж",
    "Аудит процессов",
    "Лицензии на ПО",
    "Монтаж и настройка",
    "Консультация",
];
const PRODUCT_EN: [&str; 8] = [
    "Equipment supply",
    "CRM roll-out",
    "Yearly service",
    "Sales team training",
    "Process audit",
    "Software licences",
    "Installation",
    "Consulting",
];
const NOTES_RU: [&str; 8] = [
    "Клиент просил перезвонить после обеда, решение принимает финансовый директор.",
    "Сравнивают нас с двумя конкурентами, главное для них — сроки поставки и гарантия.",
    "Бюджет утверждён на квартал, но нужен счёт до конца месяца.",
    "На встрече были трое: закупки, юрист и руководитель направления.",
    "Просили скидку за объём; согласовали 5 % при оплате вперёд.",
    "Отправили образцы документов, ждём комментарии юристов.",
    "Контакт меняется: с понедельника вопросы ведёт новый менеджер по закупкам.",
    "Интересуются расширенной гарантией и обучением персонала.",
];
const NOTES_EN: [&str; 8] = [
    "The client asked us to call back after lunch; the CFO makes the decision.",
    "They compare us with two competitors; delivery time and warranty matter most.",
    "The budget is approved for the quarter, but they need the invoice by month end.",
    "Three people were at the meeting: purchasing, legal and the head of the unit.",
    "They asked for a volume discount; we agreed on 5% for payment in advance.",
    "Sent sample documents, waiting for the lawyers' comments.",
    "The contact changes: a new purchasing manager takes over from Monday.",
    "They are interested in an extended warranty and staff training.",
];

fn person_name(rng: &mut Rng, lang: Lang, female: bool) -> String {
    match lang {
        Lang::Ru => {
            let first = rng.pick(if female { &FIRST_RU_F } else { &FIRST_RU_M });
            let last = rng.pick(&LAST_RU);
            format!("{first} {last}{}", if female { "а" } else { "" })
        }
        Lang::En => format!("{} {}", rng.pick(&FIRST_EN), rng.pick(&LAST_EN)),
    }
}

fn at_day(day: NaiveDate, rng: &mut Rng) -> Stamp {
    Stamp::at_midnight(day).plus_minutes(rng.range(9 * 60, 18 * 60))
}

/// A moment between `from` and `to` (both included): in working hours (9:00–18:00) of the
/// days between them when the span holds any, else anywhere in it (a span of minutes after
/// midnight on the 1st still gets its share of the demo).
fn moment_in(rng: &mut Rng, from: Stamp, to: Stamp) -> Stamp {
    let mut spans: Vec<(Stamp, i64)> = Vec::new();
    let mut day = from.date();
    while day <= to.date() {
        let open = Stamp::at_midnight(day).plus_minutes(9 * 60).max(from);
        let close = Stamp::at_midnight(day).plus_minutes(18 * 60).min(to);
        if close >= open {
            spans.push((open, close.0 - open.0 + 1));
        }
        day += Duration::days(1);
    }
    let total: i64 = spans.iter().map(|s| s.1).sum();
    if total == 0 {
        return Stamp(from.0 + rng.below((to.0 - from.0 + 1).max(1) as u64) as i64);
    }
    let mut pick = rng.below(total as u64) as i64;
    for (open, len) in spans {
        if pick < len {
            return open.plus_minutes(pick);
        }
        pick -= len;
    }
    to
}

/// How a deal's story ends, when the generator wants a given ending (see [`recent_ending`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ending {
    /// Still in its first stage, created a moment ago.
    Created,
    /// Moved on to a later open stage, still open.
    Moved,
    /// Won.
    Won,
    /// Lost.
    Lost,
}

/// One step of a deal's story, `after` minutes from its creation.
#[derive(Clone, Debug)]
enum Step {
    /// A checklist item of the stage's task ticked.
    Tick(StageId, String),
    /// The stage's task done.
    Done(StageId),
    /// Moved to a stage (a lost one with its reason).
    Move(StageId, Option<String>),
    /// The won client's NPS recorded.
    Nps(u8),
}

/// A deal's stage as the story needs it: id, task or not, checklist items.
type StoryStage = (StageId, bool, Vec<String>);

/// A deal's story in time relative to its creation: the stages it passes, the task work on
/// each, and how it ends. Free (`ending: None`): each stage rolls 9 % lost, 3 % stalled,
/// else on, the last open stage on to won. With an ending, the rolls lead there.
fn story(
    rng: &mut Rng,
    open: &[StoryStage],
    won: StageId,
    lost: StageId,
    reasons: &[String],
    ending: Option<Ending>,
) -> Vec<(i64, Step)> {
    let mut steps = Vec::new();
    let (stop_at, end_kind) = match ending {
        None => (None, None),
        Some(Ending::Created) => return steps,
        // A later open stage to stop in, or the open stage to be lost from.
        Some(Ending::Moved) => (
            Some(1 + rng.below((open.len() - 1).max(1) as u64) as usize),
            None,
        ),
        Some(Ending::Lost) => (
            Some(rng.below(open.len() as u64) as usize),
            Some(Ending::Lost),
        ),
        Some(Ending::Won) => (None, Some(Ending::Won)),
    };
    let mut after = 0;
    let mut i = 0;
    loop {
        if ending == Some(Ending::Moved) && Some(i) == stop_at {
            return steps;
        }
        let (stage, has_task, items) = &open[i];
        after += rng.range(1, 12) * 1440;
        if *has_task {
            let ticked: Vec<&String> = items.iter().filter(|_| rng.chance(80)).collect();
            for item in &ticked {
                steps.push((after, Step::Tick(*stage, (*item).clone())));
            }
            // A rep who ticked every item has done the task; one who has not, has not.
            let done = if items.is_empty() {
                rng.chance(85)
            } else {
                ticked.len() == items.len()
            };
            if done {
                steps.push((after, Step::Done(*stage)));
            }
        }
        let roll = rng.below(100);
        let lose = match end_kind {
            Some(Ending::Lost) => Some(i) == stop_at,
            Some(_) => false,
            None => roll < 9,
        };
        let stall = ending.is_none() && (9..12).contains(&roll) && i + 1 < open.len();
        if lose {
            steps.push((after, Step::Move(lost, Some(rng.pick(reasons).clone()))));
            return steps;
        }
        if stall {
            return steps;
        }
        if i + 1 == open.len() {
            steps.push((after, Step::Move(won, None)));
            if rng.chance(70) {
                steps.push((after, Step::Nps(rng.range(5, 10) as u8)));
            }
            return steps;
        }
        i += 1;
        steps.push((after, Step::Move(open[i].0, None)));
    }
}

/// Deals of the demo whose story is pinned to the current month, so that the month, its
/// quarter and its year show deals created, moved, won and lost whatever the day: without
/// them, on the 2nd of a month the history (whose deals take weeks to close) has hardly
/// reached it. The last `RECENT` deals: created, moved, won, lost, in turn.
const RECENT: [Ending; 13] = [
    Ending::Created,
    Ending::Won,
    Ending::Moved,
    Ending::Lost,
    Ending::Created,
    Ending::Won,
    Ending::Moved,
    Ending::Created,
    Ending::Won,
    Ending::Moved,
    Ending::Lost,
    Ending::Created,
    Ending::Moved,
];

/// The pinned ending of deal `n` of `deals` (see [`RECENT`]), if any.
fn recent_ending(n: usize, deals: usize) -> Option<Ending> {
    let first = deals.saturating_sub(RECENT.len());
    (n >= first).then(|| RECENT[n - first])
}

/// Generates a demo workspace: the seed's four directions, `employees` reps with monthly
/// plans, and `deals` deals with realistic histories over the 12 months before `now`, the
/// current month always among them; nothing in it happens after `now`.
pub fn generate(config: &DemoConfig) -> Workspace {
    let lang = config.lang;
    let currency = match lang {
        Lang::Ru => Currency::Rub,
        Lang::En => Currency::Usd,
    };
    let mut ws = Workspace::new(currency, lang);
    let mut rng = Rng(config.seed ^ 0x5EED_F00D);
    let apply = |ws: &mut Workspace, c: Command| ws.apply(&c).expect("demo commands are valid");

    let mut directions: Vec<DirectionId> = Vec::new();
    for template in Template::ALL {
        if let super::outcome::Outcome::DirectionCreated(id) = apply(
            &mut ws,
            Command::CreateDirectionFromTemplate { template, lang },
        ) {
            directions.push(id);
        }
    }

    let mut employees: Vec<EmployeeId> = Vec::new();
    for i in 0..config.employees.max(1) {
        let mut name = person_name(&mut rng, lang, i % 2 == 0);
        if ws
            .employees()
            .any(|e| crate::text::same_folded(&e.name, &name))
        {
            name = format!("{name} {}", i + 1);
        }
        if let super::outcome::Outcome::EmployeeAdded(id) =
            apply(&mut ws, Command::AddEmployee { name })
        {
            employees.push(id);
        }
    }

    let scale: i64 = if currency == Currency::Rub { 1 } else { 80 };
    let now = config.now;
    let today = now.date();
    let start = today - Duration::days(365);
    let month_start = Stamp::at_midnight(Period::containing(today, PeriodKind::Month).start());
    let (companies, products, notes) = match lang {
        Lang::Ru => (&COMPANY_RU, &PRODUCT_RU, &NOTES_RU),
        Lang::En => (&COMPANY_EN, &PRODUCT_EN, &NOTES_EN),
    };
    let reasons = ws.loss_reasons().to_vec();
    for n in 0..config.deals {
        let d = directions[(rng.below(10) as usize).min(9) * directions.len() / 10];
        let b2b = ws
            .direction(d)
            .is_some_and(|dir| dir.name.starts_with("B2B"));
        let created_day = start + Duration::days(rng.below(365) as i64);
        let mut created = at_day(created_day, &mut rng);
        let company_index = rng.below(companies.len() as u64) as usize;
        let company = companies[company_index];
        let domain = match lang {
            Lang::Ru => COMPANY_RU_DOMAIN[company_index].to_string(),
            Lang::En => company.to_ascii_lowercase(),
        };
        let amount = if b2b {
            rng.range(50, 2_000) * 1_000
        } else {
            rng.range(3, 150) * 1_000
        };
        let owner = *rng.pick(&employees);
        let female_contact = rng.chance(50);
        let mut draft = DealDraft {
            title: format!("{} — {company}", rng.pick(products)),
            client: Client {
                company: match lang {
                    Lang::Ru => format!("ООО «{company}»"),
                    Lang::En => format!("{company} Ltd"),
                },
                contact: person_name(&mut rng, lang, female_contact),
                phone: format!(
                    "+7 9{:02} {:03}-{:02}-{:02}",
                    rng.below(100),
                    rng.below(1000),
                    rng.below(100),
                    rng.below(100)
                ),
                email: format!("sales{}@{domain}.example", n % 97),
            },
            amount: Money::major(amount / scale),
            owner: Some(owner),
            expected_close: None,
            loss_reason: None,
            nps: None,
            notes: if rng.chance(60) {
                let count = rng.range(1, 3) as usize;
                distinct_notes(&mut rng, notes, count).join(" ")
            } else {
                String::new()
            },
        };
        let Some(dir) = ws.direction(d) else { continue };
        let kind_of = |k: StageKind| dir.stages.iter().find(|s| s.kind == k).map(|s| s.id);
        let (Some(won), Some(lost)) = (kind_of(StageKind::Won), kind_of(StageKind::Lost)) else {
            continue;
        };
        let open: Vec<StoryStage> = dir
            .stages
            .iter()
            .filter(|s| s.kind == StageKind::Open)
            .map(|s| {
                let items = s.task.as_ref().map(|t| t.checklist.clone());
                (s.id, s.task.is_some(), items.unwrap_or_default())
            })
            .collect();
        let ending = recent_ending(n, config.deals);
        let steps = story(&mut rng, &open, won, lost, &reasons, ending);
        // A pinned story ends at a moment of this month (and never after now).
        if ending.is_some() {
            let length = steps.last().map_or(0, |s| s.0);
            created = Stamp(moment_in(&mut rng, month_start, now).0 - length);
        }
        let close_in = rng.range(14, 90);
        draft.expected_close = Some(created.date() + Duration::days(close_in));
        let Ok(super::outcome::Outcome::DealCreated(deal)) = ws.apply(&Command::CreateDeal {
            draft,
            stage: open[0].0,
            at: created,
        }) else {
            continue;
        };
        for (after, step) in steps {
            let at = created.plus_minutes(after);
            if at > now {
                break;
            }
            let command = match step {
                Step::Tick(stage, item) => Command::SetChecklistItem {
                    deal,
                    stage,
                    item,
                    checked: true,
                },
                Step::Done(stage) => Command::SetTaskDone {
                    deal,
                    stage,
                    done: true,
                },
                Step::Move(to_stage, loss_reason) => Command::MoveDeal {
                    deal,
                    to_stage,
                    index: ws.column(to_stage).len(),
                    confirm_unfinished: true,
                    loss_reason,
                    at,
                },
                Step::Nps(score) => {
                    let Some(mut draft) = ws.deal(deal).map(|d| d.draft()) else {
                        continue;
                    };
                    draft.nps = Some(score);
                    Command::EditDeal { deal, draft }
                }
            };
            move_on(&mut ws, command);
        }
    }
    set_plans(&mut ws, &employees, today, &mut rng);
    ws
}

/// Monthly plans near what each rep wins: a past month's plan is its wins give or take a
/// quarter (a rep's average month when nothing was won, so that month shows 0 %), the
/// current month's is what its wins so far promise at the month's pace (counted as at least
/// half the month, so that the first days' wins do not set the month's plan) and never below
/// most of the rep's average, and the next month's is the rep's average. So every gauge lands
/// in a believable range.
fn set_plans(ws: &mut Workspace, employees: &[EmployeeId], today: NaiveDate, rng: &mut Rng) {
    let won_stages: Vec<StageId> = ws
        .directions()
        .flat_map(|d| d.stages.iter())
        .filter(|s| s.kind == StageKind::Won)
        .map(|s| s.id)
        .collect();
    let current = Period::containing(today, PeriodKind::Month);
    let first = Period::containing(today - Duration::days(365), PeriodKind::Month);
    let round = |m: i64| Money::major((m / 10_000).max(1) * 10_000);
    for &e in employees {
        let mut per_month: BTreeMap<Period, (i64, u32)> = BTreeMap::new();
        for deal in ws
            .deals()
            .filter(|d| d.owner == e && won_stages.contains(&d.stage))
        {
            if let Some(at) = deal.closed_at {
                let entry = per_month
                    .entry(Period::containing(at.date(), PeriodKind::Month))
                    .or_default();
                entry.0 += deal.amount.0 / 100;
                entry.1 += 1;
            }
        }
        let months = 12;
        let total: i64 = per_month.values().map(|v| v.0).sum();
        let count: u32 = per_month.values().map(|v| v.1).sum();
        let average = (total / months).max(10_000);
        let average_count = (count / months as u32).max(1);
        let mut month = first;
        while month <= current.next() {
            let (won, won_count) = per_month.get(&month).copied().unwrap_or_default();
            let factor = rng.range(80, 125);
            let (amount, deals) = if month == current {
                let pace = i64::from(month.elapsed_bp(today).max(5_000));
                let promised = won * 10_000 / pace;
                (promised.max(average * 8 / 10), won_count.max(average_count))
            } else if won > 0 && month < current {
                (won.clamp(average / 2, average * 2), won_count.max(1))
            } else {
                (average, average_count)
            };
            let target = PlanTarget {
                amount: round(amount * factor / 100),
                deals: Some(deals),
            };
            let command = Command::SetPlan {
                employee: e,
                period: month,
                target: Some(target),
            };
            ws.apply(&command)
                .expect("a plan for an existing employee is valid");
            month = month.next();
        }
    }
}

/// Applies a generated command; a refusal only means the demo skips that step.
fn move_on(ws: &mut Workspace, command: Command) {
    let _ = ws.apply(&command);
}

/// The deal ids of a workspace in id order (handy for tests and benchmarks).
pub fn deal_ids(ws: &Workspace) -> Vec<DealId> {
    ws.deals().map(|d| d.id).collect()
}

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
    /// Number of deals, spread over the 12 months before `today`.
    pub deals: usize,
    /// The day the demo is generated for.
    pub today: NaiveDate,
    /// Language of names, notes and templates.
    pub lang: Lang,
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

/// Generates a demo workspace: the seed's four directions, `employees` reps with monthly
/// plans, and `deals` deals with realistic histories over the last 12 months.
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
        if let super::command::Outcome::DirectionCreated(id) = apply(
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
        if let super::command::Outcome::EmployeeAdded(id) =
            apply(&mut ws, Command::AddEmployee { name })
        {
            employees.push(id);
        }
    }

    let scale: i64 = if currency == Currency::Rub { 1 } else { 80 };
    let start = config.today - Duration::days(365);
    let (companies, products, notes) = match lang {
        Lang::Ru => (&COMPANY_RU, &PRODUCT_RU, &NOTES_RU),
        Lang::En => (&COMPANY_EN, &PRODUCT_EN, &NOTES_EN),
    };
    let today_end = Stamp::at_midnight(config.today).plus_minutes(18 * 60);
    for n in 0..config.deals {
        let d = directions[(rng.below(10) as usize).min(9) * directions.len() / 10];
        let b2b = ws
            .direction(d)
            .is_some_and(|dir| dir.name.starts_with("B2B"));
        let created_day = start + Duration::days(rng.below(365) as i64);
        let mut at = at_day(created_day, &mut rng);
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
        let draft = DealDraft {
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
            expected_close: Some(created_day + Duration::days(rng.range(14, 90))),
            loss_reason: None,
            nps: None,
            notes: if rng.chance(60) {
                let count = rng.range(1, 3) as usize;
                distinct_notes(&mut rng, notes, count).join(" ")
            } else {
                String::new()
            },
        };
        let stages: Vec<(StageId, StageKind, bool, Vec<String>)> = ws
            .direction(d)
            .map(|dir| {
                dir.stages
                    .iter()
                    .map(|s| {
                        let items = s
                            .task
                            .as_ref()
                            .map(|t| t.checklist.clone())
                            .unwrap_or_default();
                        (s.id, s.kind, s.task.is_some(), items)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let first = stages[0].0;
        let Ok(super::command::Outcome::DealCreated(deal)) = ws.apply(&Command::CreateDeal {
            draft,
            stage: first,
            at,
        }) else {
            continue;
        };
        // Walk the open stages; stop while still open, or end won or lost.
        let open: Vec<_> = stages.iter().filter(|s| s.1 == StageKind::Open).collect();
        let won = stages.iter().find(|s| s.1 == StageKind::Won).map(|s| s.0);
        let lost = stages.iter().find(|s| s.1 == StageKind::Lost).map(|s| s.0);
        let mut i = 0;
        loop {
            let (stage, _, has_task, items) = open[i];
            let next_at = at.plus_minutes(rng.range(1, 12) * 1440);
            if next_at > today_end {
                break;
            }
            if *has_task {
                let ticked: Vec<&String> = items.iter().filter(|_| rng.chance(80)).collect();
                for item in &ticked {
                    move_on(
                        &mut ws,
                        Command::SetChecklistItem {
                            deal,
                            stage: *stage,
                            item: (*item).clone(),
                            checked: true,
                        },
                    );
                }
                // A rep who ticked every item has done the task; one who has not, has not.
                let done = if items.is_empty() {
                    rng.chance(85)
                } else {
                    ticked.len() == items.len()
                };
                if done {
                    move_on(
                        &mut ws,
                        Command::SetTaskDone {
                            deal,
                            stage: *stage,
                            done: true,
                        },
                    );
                }
            }
            at = next_at;
            let roll = rng.below(100);
            let (target, reason) = if roll < 9 {
                (lost, Some(rng.pick(ws.loss_reasons()).clone()))
            } else if roll < 12 && i + 1 < open.len() {
                break; // stalls in this stage
            } else if i + 1 == open.len() {
                (won, None)
            } else {
                i += 1;
                (Some(open[i].0), None)
            };
            let Some(target) = target else { break };
            let index = ws.column(target).len();
            move_on(
                &mut ws,
                Command::MoveDeal {
                    deal,
                    to_stage: target,
                    index,
                    confirm_unfinished: true,
                    loss_reason: reason,
                    at,
                },
            );
            if target != open[i].0 {
                if Some(target) == won && rng.chance(70) {
                    if let Some(mut draft) = ws.deal(deal).map(|d| d.draft()) {
                        draft.nps = Some(rng.range(5, 10) as u8);
                        move_on(&mut ws, Command::EditDeal { deal, draft });
                    }
                }
                break;
            }
        }
    }
    set_plans(&mut ws, &employees, config.today, &mut rng);
    ws
}

/// Monthly plans near what each rep wins: a past month's plan is its wins give or take a
/// quarter (a rep's average month when nothing was won, so that month shows 0 %), the
/// current month's is what its wins so far promise at the month's pace, and the next
/// month's is the rep's average. So every gauge lands in a believable range.
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
                let pace = i64::from(month.elapsed_bp(today).max(1_000));
                let promised = won * 10_000 / pace;
                (promised.max(average * 6 / 10), won_count.max(average_count))
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

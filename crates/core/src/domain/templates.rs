//! The seed's four directions as templates, with their stages and stage tasks, in Russian and
//! English. Repeat and B2C deals skip the steps that only new business clients need.

use super::direction::{Audience, Classification, Complexity, Segment, Touches};
use super::stage::{default_color, StageKind, StageSpec, StageTask};
use super::Lang;
use serde::{Deserialize, Serialize};

/// One of the seed's example directions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Template {
    /// «B2B Новые клиенты».
    B2bNew,
    /// «B2B Постоянные клиенты».
    B2bRepeat,
    /// «B2C Новые клиенты».
    B2cNew,
    /// «B2C Постоянные клиенты».
    B2cRepeat,
}

impl Template {
    /// All four, in the seed's order.
    pub const ALL: [Template; 4] = [
        Template::B2bNew,
        Template::B2bRepeat,
        Template::B2cNew,
        Template::B2cRepeat,
    ];
}

/// A direction ready to be created.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirectionTemplate {
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Classification.
    pub classification: Classification,
    /// Stages in order.
    pub stages: Vec<StageSpec>,
}

/// The classic steps of a deal (the seed's list), each with its task.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Presentation,
    Offer,
    Feedback,
    CustomOffer,
    Contract,
    Payment,
    Delivery,
    ClosingDocs,
    Nps,
}

struct StepText {
    name: [&'static str; 2],
    task: [&'static str; 2],
    what: [&'static str; 2],
    checklist: &'static [[&'static str; 2]],
    due_days: u16,
    probability: u8,
    color: &'static str,
}

fn step_text(step: Step) -> StepText {
    match step {
        Step::Presentation => StepText {
            name: ["Presentation", "Презентация"],
            task: ["Prepare and give the presentation", "Подготовить и провести презентацию"],
            what: [
                "Agree on a date, show the product or service and learn the client's needs.",
                "Согласовать дату, показать товар или услугу и выяснить потребности клиента.",
            ],
            checklist: &[
                ["Agree on the date", "Согласовать дату"],
                ["Prepare the slides", "Подготовить слайды"],
                ["Give the presentation", "Провести презентацию"],
            ],
            due_days: 5,
            probability: 10,
            color: "#6c8cff",
        },
        Step::Offer => StepText {
            name: ["Commercial offer", "Общее КП"],
            task: ["Prepare and send the commercial offer", "Подготовить и направить коммерческое предложение"],
            what: [
                "Send the general offer with prices and terms.",
                "Направить общее коммерческое предложение с ценами и условиями.",
            ],
            checklist: &[],
            due_days: 3,
            probability: 20,
            color: "#5aa0f0",
        },
        Step::Feedback => StepText {
            name: ["Feedback and objections", "Обратная связь / возражения"],
            task: ["Get feedback", "Получить обратную связь"],
            what: [
                "Call the client, write down the objections and answer each of them.",
                "Созвониться с клиентом, записать возражения и ответить на каждое.",
            ],
            checklist: &[
                ["Write down the objections", "Записать возражения"],
                ["Answer the objections", "Ответить на возражения"],
            ],
            due_days: 7,
            probability: 35,
            color: "#4bb3c8",
        },
        Step::CustomOffer => StepText {
            name: ["Individual offer", "Индивидуальное КП"],
            task: ["Prepare and send the individual offer", "Подготовить и направить индивидуальное КП"],
            what: [
                "Tailor the offer to what the client said and send it.",
                "Учесть ответы клиента в предложении и направить его.",
            ],
            checklist: &[],
            due_days: 5,
            probability: 50,
            color: "#44b58f",
        },
        Step::Contract => StepText {
            name: ["Contract and invoice", "Договор и счёт"],
            task: ["Prepare, send and sign the contract", "Подготовить, направить и подписать договор"],
            what: [
                "Agree on the terms, sign the contract and issue the invoice.",
                "Согласовать условия, подписать договор и выставить счёт.",
            ],
            checklist: &[
                ["Send the contract", "Направить договор"],
                ["Sign the contract", "Подписать договор"],
                ["Issue the invoice", "Выставить счёт"],
            ],
            due_days: 7,
            probability: 70,
            color: "#7cb342",
        },
        Step::Payment => StepText {
            name: ["Payment", "Оплата"],
            task: ["Receive the payment", "Получить оплату"],
            what: [
                "Check that the invoice is paid in full.",
                "Проверить, что счёт оплачен полностью.",
            ],
            checklist: &[],
            due_days: 10,
            probability: 90,
            color: "#c0a030",
        },
        Step::Delivery => StepText {
            name: ["Delivery", "Оказание услуги / отгрузка"],
            task: [
                "Track the delivery of the service or goods",
                "Контроль выполнения срока оказания услуги / отгрузки товара",
            ],
            what: [
                "Make sure the service is delivered or the goods shipped on time.",
                "Проследить, чтобы услуга была оказана или товар отгружен в срок.",
            ],
            checklist: &[],
            due_days: 14,
            probability: 95,
            color: "#e0913a",
        },
        Step::ClosingDocs => StepText {
            name: ["Closing documents", "Закрывающие документы"],
            task: ["Prepare the closing documents", "Оформить закрывающие документы"],
            what: [
                "Send the acts and invoices and get them signed.",
                "Направить акты и счета-фактуры и получить подписанные экземпляры.",
            ],
            checklist: &[],
            due_days: 5,
            probability: 98,
            color: "#d9735b",
        },
        Step::Nps => StepText {
            name: ["NPS survey", "Замер NPS"],
            task: ["Measure the client's NPS", "Замерить NPS клиента"],
            what: [
                "Ask how likely the client is to recommend us (0–10) and record the score.",
                "Спросить, с какой вероятностью клиент порекомендует нас (0–10), и записать оценку.",
            ],
            checklist: &[],
            due_days: 3,
            probability: 100,
            color: "#a070d0",
        },
    }
}

fn steps(template: Template) -> &'static [Step] {
    use Step::*;
    match template {
        Template::B2bNew => &[
            Presentation,
            Offer,
            Feedback,
            CustomOffer,
            Contract,
            Payment,
            Delivery,
            ClosingDocs,
            Nps,
        ],
        Template::B2bRepeat => &[CustomOffer, Contract, Payment, Delivery, ClosingDocs, Nps],
        Template::B2cNew => &[Presentation, Offer, Feedback, Payment, Delivery, Nps],
        Template::B2cRepeat => &[Offer, Payment, Delivery, Nps],
    }
}

fn pick(texts: [&'static str; 2], lang: Lang) -> String {
    texts[lang as usize].to_string()
}

/// The template's direction in `lang`: its stages, then «Won» and «Lost».
pub fn direction_template(template: Template, lang: Lang) -> DirectionTemplate {
    let (name, description, classification) = match template {
        Template::B2bNew => (
            ["B2B New clients", "B2B Новые клиенты"],
            [
                "Companies buying from us for the first time: the full cycle.",
                "Компании, которые покупают впервые: полный цикл сделки.",
            ],
            (
                Segment::B2b,
                Complexity::Complex,
                Touches::Many,
                Audience::New,
            ),
        ),
        Template::B2bRepeat => (
            ["B2B Repeat clients", "B2B Постоянные клиенты"],
            [
                "Companies that already bought: no presentation, straight to the offer.",
                "Компании, которые уже покупали: без презентации, сразу к предложению.",
            ],
            (
                Segment::B2b,
                Complexity::Medium,
                Touches::Several,
                Audience::Repeat,
            ),
        ),
        Template::B2cNew => (
            ["B2C New clients", "B2C Новые клиенты"],
            [
                "Private clients buying for the first time: no contract or closing documents.",
                "Частные клиенты, покупающие впервые: без договора и закрывающих документов.",
            ],
            (
                Segment::B2c,
                Complexity::Medium,
                Touches::Several,
                Audience::New,
            ),
        ),
        Template::B2cRepeat => (
            ["B2C Repeat clients", "B2C Постоянные клиенты"],
            [
                "Private clients buying again: the shortest path.",
                "Частные клиенты, покупающие снова: самый короткий путь.",
            ],
            (
                Segment::B2c,
                Complexity::Simple,
                Touches::Few,
                Audience::Repeat,
            ),
        ),
    };
    let mut stages: Vec<StageSpec> = steps(template)
        .iter()
        .map(|&step| {
            let t = step_text(step);
            StageSpec {
                name: pick(t.name, lang),
                kind: StageKind::Open,
                color: t.color.to_string(),
                probability: Some(t.probability),
                stale_after_days: Some(t.due_days * 2),
                task: Some(StageTask {
                    title: pick(t.task, lang),
                    description: pick(t.what, lang),
                    checklist: t.checklist.iter().map(|&c| pick(c, lang)).collect(),
                    due_days: Some(t.due_days),
                }),
            }
        })
        .collect();
    stages.extend(closing_stages(lang));
    let (segment, complexity, touches, audience) = classification;
    DirectionTemplate {
        name: pick(name, lang),
        description: pick(description, lang),
        classification: Classification {
            segment: Some(segment),
            complexity: Some(complexity),
            touches: Some(touches),
            audience: Some(audience),
        },
        stages,
    }
}

/// «Won» and «Lost», which end every direction made here.
fn closing_stages(lang: Lang) -> [StageSpec; 2] {
    [
        StageSpec {
            probability: Some(100),
            ..StageSpec::new(&pick(["Won", "Успешно"], lang), StageKind::Won)
        },
        StageSpec {
            probability: Some(0),
            color: default_color(StageKind::Lost).to_string(),
            ..StageSpec::new(&pick(["Lost", "Провалено"], lang), StageKind::Lost)
        },
    ]
}

/// A blank direction's stages in `lang`: one open stage («New»), then «Won» and «Lost» — the
/// fewest a direction may have, for the team to build on.
pub fn blank_stages(lang: Lang) -> Vec<StageSpec> {
    let mut stages = vec![StageSpec::new(
        &pick(["New", "Новая"], lang),
        StageKind::Open,
    )];
    stages.extend(closing_stages(lang));
    stages
}

/// The loss reasons a new workspace starts with.
pub fn default_loss_reasons(lang: Lang) -> Vec<String> {
    [
        ["Too expensive", "Дорого"],
        ["Chose a competitor", "Выбрали конкурента"],
        ["No budget", "Нет бюджета"],
        ["No response", "Не выходит на связь"],
        ["Need is gone", "Потребность пропала"],
    ]
    .into_iter()
    .map(|r| pick(r, lang))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate;

    #[test]
    fn every_template_is_a_valid_direction_in_both_languages() {
        for lang in [Lang::En, Lang::Ru] {
            for template in Template::ALL {
                let t = direction_template(template, lang);
                validate::stage_order(t.stages.iter().map(|s| s.kind)).unwrap();
                for spec in &t.stages {
                    validate::stage_spec(spec).unwrap();
                    if spec.kind == StageKind::Open {
                        assert!(spec
                            .task
                            .as_ref()
                            .is_some_and(|task| !task.title.is_empty()));
                    }
                }
            }
        }
    }

    #[test]
    fn a_blank_direction_is_the_fewest_valid_stages() {
        for (lang, names) in [
            (Lang::En, ["New", "Won", "Lost"]),
            (Lang::Ru, ["Новая", "Успешно", "Провалено"]),
        ] {
            let stages = blank_stages(lang);
            validate::stage_order(stages.iter().map(|s| s.kind)).unwrap();
            assert_eq!(
                stages.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
                names
            );
            assert!(stages
                .iter()
                .all(|s| validate::stage_spec(s).is_ok() && s.task.is_none()));
        }
    }

    #[test]
    fn repeat_and_b2c_directions_skip_steps() {
        let len = |t| direction_template(t, Lang::Ru).stages.len();
        assert!(len(Template::B2bRepeat) < len(Template::B2bNew));
        assert!(len(Template::B2cNew) < len(Template::B2bNew));
        assert!(len(Template::B2cRepeat) < len(Template::B2cNew));
        let ru = direction_template(Template::B2bNew, Lang::Ru);
        assert_eq!(ru.name, "B2B Новые клиенты");
        assert_eq!(
            ru.stages[0].task.as_ref().unwrap().title,
            "Подготовить и провести презентацию"
        );
        assert_eq!(ru.stages[8].name, "Замер NPS");
    }
}

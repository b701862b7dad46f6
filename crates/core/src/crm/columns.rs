//! What each column of a CRM export means: Voronka's deal fields, the header names the known
//! CRMs use for them (in Russian and English), and which CRM a header row comes from.

/// A deal field a column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DealField {
    /// Not imported.
    Ignore,
    /// The deal's ID in the source CRM: rows with the same ID are one deal (product rows).
    SourceId,
    /// Title.
    Title,
    /// Amount (summed over a deal's rows).
    Amount,
    /// Currency of the amount.
    Currency,
    /// Direction (pipeline) name.
    Direction,
    /// Stage name.
    Stage,
    /// Open / won / lost.
    Status,
    /// Responsible employee's name.
    Owner,
    /// Company.
    Company,
    /// Contact person.
    Contact,
    /// Phone.
    Phone,
    /// E-mail.
    Email,
    /// Creation date.
    Created,
    /// Expected close date.
    ExpectedClose,
    /// Closed: yes/no, or the date it was closed.
    Closed,
    /// Loss reason.
    LossReason,
    /// Notes.
    Notes,
}

impl DealField {
    /// Every field, in the order the mapping screen offers them.
    pub const ALL: [DealField; 18] = [
        DealField::Ignore,
        DealField::SourceId,
        DealField::Title,
        DealField::Amount,
        DealField::Currency,
        DealField::Direction,
        DealField::Stage,
        DealField::Status,
        DealField::Owner,
        DealField::Company,
        DealField::Contact,
        DealField::Phone,
        DealField::Email,
        DealField::Created,
        DealField::ExpectedClose,
        DealField::Closed,
        DealField::LossReason,
        DealField::Notes,
    ];

    /// A stable key (for the mapping screen's `<select>` values and test ids).
    pub fn key(self) -> &'static str {
        match self {
            DealField::Ignore => "ignore",
            DealField::SourceId => "id",
            DealField::Title => "title",
            DealField::Amount => "amount",
            DealField::Currency => "currency",
            DealField::Direction => "direction",
            DealField::Stage => "stage",
            DealField::Status => "status",
            DealField::Owner => "owner",
            DealField::Company => "company",
            DealField::Contact => "contact",
            DealField::Phone => "phone",
            DealField::Email => "email",
            DealField::Created => "created",
            DealField::ExpectedClose => "expected_close",
            DealField::Closed => "closed",
            DealField::LossReason => "loss_reason",
            DealField::Notes => "notes",
        }
    }

    /// The field with this key.
    pub fn from_key(key: &str) -> Option<DealField> {
        DealField::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// The CRM a file was exported from, told by its header names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// Bitrix24 deals list.
    Bitrix24,
    /// amoCRM / Kommo.
    AmoCrm,
    /// Pipedrive.
    Pipedrive,
    /// Voronka's own CSV export.
    Voronka,
    /// Any other CSV.
    Unknown,
}

impl Source {
    /// The name kept on imported deals and shown in the preview.
    pub fn name(self) -> &'static str {
        match self {
            Source::Bitrix24 => "Bitrix24",
            Source::AmoCrm => "amoCRM",
            Source::Pipedrive => "Pipedrive",
            Source::Voronka => "Voronka",
            Source::Unknown => "CSV",
        }
    }
}

/// Voronka's own export names its ID column so; nothing else does.
pub const VORONKA_ID: [&str; 2] = ["ID в Воронке", "Voronka ID"];

/// Lower case, single spaces, no `*` of required columns or surrounding quotes.
pub fn normalize(header: &str) -> String {
    crate::text::fold_case(
        &header
            .trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '"')
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The CRM whose export has these headers.
pub fn detect_source(headers: &[String]) -> Source {
    let names: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    let has = |n: &str| names.iter().any(|h| h == n);
    if VORONKA_ID.iter().any(|v| has(&normalize(v))) {
        Source::Voronka
    } else if names
        .iter()
        .any(|h| h.starts_with("deal - ") || h.starts_with("сделка - "))
    {
        Source::Pipedrive
    } else if [
        "бюджет",
        "этап сделки",
        "воронка",
        "основной контакт",
        "budget",
        "lead name",
    ]
    .iter()
    .any(|n| has(n))
    {
        Source::AmoCrm
    } else if [
        "стадия сделки",
        "название сделки",
        "deal name",
        "сделка закрыта",
        "ответственный",
    ]
    .iter()
    .any(|n| has(n))
        || (has("stage") && has("income"))
    {
        Source::Bitrix24
    } else {
        Source::Unknown
    }
}

/// The field a header names in any of the known exports, or [`DealField::Ignore`].
pub fn field_for(header: &str) -> DealField {
    let h = normalize(header);
    if VORONKA_ID.iter().any(|v| normalize(v) == h) {
        return DealField::SourceId;
    }
    KNOWN
        .iter()
        .find(|(_, names)| names.contains(&h.as_str()))
        .map_or(DealField::Ignore, |(field, _)| *field)
}

/// Header names by field, normalized: Bitrix24 (RU, EN), amoCRM/Kommo, Pipedrive (EN, RU),
/// and Voronka's own export (which uses Bitrix24's names where it can).
const KNOWN: &[(DealField, &[&str])] = &[
    (
        DealField::SourceId,
        &["id", "deal - id", "сделка - id", "id сделки"],
    ),
    (
        DealField::Title,
        &[
            "название сделки",
            "deal name",
            "deal - title",
            "сделка - название",
            "lead name",
            "название",
            "title",
        ],
    ),
    (
        DealField::Amount,
        &[
            "сумма",
            "income",
            "бюджет",
            "budget",
            "deal - value",
            "сделка - стоимость",
            "сделка - сумма",
            "amount",
            "value",
        ],
    ),
    (
        DealField::Currency,
        &["валюта", "currency", "deal - currency", "сделка - валюта"],
    ),
    (
        DealField::Direction,
        &[
            "направление",
            "pipeline",
            "воронка",
            "deal - pipeline",
            "сделка - воронка",
        ],
    ),
    (
        DealField::Stage,
        &[
            "стадия сделки",
            "stage",
            "этап сделки",
            "этап",
            "стадия",
            "deal - stage",
            "сделка - этап",
        ],
    ),
    (
        DealField::Status,
        &["статус", "status", "deal - status", "сделка - статус"],
    ),
    (
        DealField::Owner,
        &[
            "ответственный",
            "responsible",
            "responsible user",
            "deal - owner",
            "сделка - владелец",
            "owner",
        ],
    ),
    (
        DealField::Company,
        &[
            "компания",
            "company",
            "organization - name",
            "организация - название",
            "deal - organization",
            "сделка - организация",
        ],
    ),
    (
        DealField::Contact,
        &[
            "контакт",
            "contact",
            "основной контакт",
            "main contact",
            "person - name",
            "контактное лицо - имя",
            "deal - contact person",
            "сделка - контактное лицо",
        ],
    ),
    (
        DealField::Phone,
        &[
            "телефон",
            "phone",
            "рабочий телефон",
            "work phone",
            "person - phone",
            "контактное лицо - телефон",
        ],
    ),
    (
        DealField::Email,
        &[
            "e-mail",
            "email",
            "рабочий e-mail",
            "work e-mail",
            "person - email",
            "контактное лицо - электронная почта",
            "электронная почта",
        ],
    ),
    (
        DealField::Created,
        &[
            "дата создания",
            "created",
            "created date",
            "deal - deal created",
            "сделка - сделка создана",
        ],
    ),
    (
        DealField::ExpectedClose,
        &[
            "предполагаемая дата закрытия",
            "assumed close date",
            "deal - expected close date",
            "сделка - ожидаемая дата закрытия",
            "expected close date",
        ],
    ),
    (
        DealField::Closed,
        &[
            "сделка закрыта",
            "closed",
            "дата закрытия",
            "close date",
            "deal - deal closed on",
            "deal - won time",
            "deal - close time",
            "сделка - сделка закрыта",
        ],
    ),
    (
        DealField::LossReason,
        &[
            "причина проигрыша",
            "loss reason",
            "deal - lost reason",
            "сделка - причина потери",
            "причина отказа",
        ],
    ),
    (
        DealField::Notes,
        &["комментарий", "comment", "comments", "примечание", "notes"],
    ),
];

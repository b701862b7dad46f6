//! From a mapped table to the batch an import applies: every row read or skipped with its
//! reason, rows of one source ID merged (Bitrix24 writes a row per product), the pipelines,
//! stages and people the deals need, and what the preview shows.

use super::columns::DealField;
use super::formula::unescape;
use super::mapping::{closed_flag, DirectionTarget, EmployeeTarget, Mapping, StageTarget};
use super::table::Table;
use super::values::{self, ValueError};
use crate::domain::{
    validate, Client, DealDraft, DealSource, DomainError, EmployeeRef, Field, ImportBatch,
    ImportedDeal, Money, NewDirection, NewStage, StageKind, StageRef, StageSpec, Stamp, Workspace,
};
use std::collections::{HashMap, HashSet};

/// Names the import gives what the file leaves unnamed, in the user's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Defaults {
    /// An open stage of a new direction when the file names none.
    pub open_stage: String,
    /// The won stage a new direction gets when the file has none.
    pub won_stage: String,
    /// The lost stage a new direction gets when the file has none.
    pub lost_stage: String,
    /// The employee for rows without a responsible person, when the workspace has none.
    pub no_owner: String,
    /// The loss reason of lost deals whose file gives none.
    pub loss_reason: String,
    /// Label of a phone kept in the notes because it is not a phone number Voronka accepts.
    pub phone_label: String,
    /// The same for an e-mail.
    pub email_label: String,
}

/// What is wrong with a skipped row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    /// More or fewer fields than the header.
    FieldCount {
        /// Fields in the header.
        expected: usize,
        /// Fields in the row.
        found: usize,
    },
    /// The amount is not a number.
    NotANumber(String),
    /// The amount is below zero.
    Negative(String),
    /// The date is in no known format.
    NotADate(String),
    /// No title, company or contact to name the deal by.
    NoTitle,
    /// A value Voronka cannot keep (too long, too large).
    Refused(DomainError),
}

/// A row left out, where and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skip {
    /// The row's line in the file.
    pub line: u64,
    /// The column's header, when one column is at fault.
    pub column: Option<String>,
    /// What is wrong.
    pub problem: RowProblem,
}

/// One deal as the preview shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreviewDeal {
    /// Title.
    pub title: String,
    /// Amount as entered.
    pub amount: Money,
    /// The currency, when it is not the workspace's.
    pub foreign_currency: Option<String>,
    /// Direction name.
    pub direction: String,
    /// Stage name.
    pub stage: String,
    /// Open, won or lost.
    pub kind: StageKind,
    /// Owner's name.
    pub owner: String,
    /// Company.
    pub company: String,
}

/// An import ready to confirm.
#[derive(Clone, Debug, Default)]
pub struct ImportPlan {
    /// What the import command adds.
    pub batch: ImportBatch,
    /// Data rows in the file.
    pub rows: usize,
    /// Rows left out, in file order.
    pub skipped: Vec<Skip>,
    /// Rows added to an earlier row's deal of the same ID (product rows).
    pub merged_rows: usize,
    /// Deals whose source ID is already in the workspace.
    pub duplicates: usize,
    /// Deals whose amount is in another currency than the workspace's.
    pub foreign_currency: usize,
    /// Stages created (in new directions and in existing ones).
    pub new_stages: usize,
    /// The first deals, as they will become.
    pub preview: Vec<PreviewDeal>,
    /// The deals the workspace would hold afterwards, when that is more than it can
    /// ([`validate::MAX_DEALS`]): the import is then refused before it is confirmed.
    pub too_many: Option<usize>,
}

/// Where a deal's stage comes from before the batch's references are known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum StageKey {
    /// A stage choice of the mapping.
    Choice(usize),
    /// A stage of this kind the import adds to new direction `d` (the file has none).
    Auto(usize, StageKind),
    /// An existing stage.
    Existing(crate::domain::StageId),
}

struct RowDeal {
    line: u64,
    draft: DealDraft,
    employee: usize,
    stage: StageKey,
    reached: Option<StageKey>,
    created_at: Stamp,
    closed_at: Option<Stamp>,
    source: Option<DealSource>,
    duplicate: bool,
}

/// Reads every row of `table` as `mapping` says, into an import of `ws`. `now` dates deals
/// the file gives no creation date.
pub fn plan(
    table: &Table,
    mapping: &Mapping,
    ws: &Workspace,
    defaults: &Defaults,
    now: Stamp,
) -> ImportPlan {
    let mut out = ImportPlan {
        rows: table.rows.len(),
        ..ImportPlan::default()
    };
    let already: HashSet<(&str, &str)> = ws
        .deals()
        .filter_map(|d| d.source.as_deref())
        .map(|s| (s.system.as_str(), s.id.as_str()))
        .collect();
    let system = mapping.source.name();
    let mut deals: Vec<RowDeal> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let reader = RowReader::new(table, mapping, ws, defaults, now);
    for row in 0..table.rows.len() {
        let line = table.lines[row];
        let found = table.rows[row].len();
        if found != table.headers.len() {
            out.skipped.push(Skip {
                line,
                column: None,
                problem: RowProblem::FieldCount {
                    expected: table.headers.len(),
                    found,
                },
            });
            continue;
        }
        let id = reader.text(row, DealField::SourceId);
        if let Some(&first) = (!id.is_empty()).then(|| by_id.get(&id)).flatten() {
            match reader.amount(row) {
                Ok(amount) => {
                    let deal: &mut RowDeal = &mut deals[first];
                    deal.draft.amount += amount;
                    out.merged_rows += 1;
                }
                Err(skip) => out.skipped.push(skip),
            }
            continue;
        }
        match reader.read(row, line) {
            Ok(mut deal) => {
                if !id.is_empty() {
                    deal.source = Some(DealSource {
                        system: system.to_string(),
                        id: id.clone(),
                        currency: deal.source.and_then(|s| s.currency),
                    });
                    deal.duplicate = already.contains(&(system, id.as_str()));
                    by_id.insert(id, deals.len());
                }
                deals.push(deal);
            }
            Err(skip) => out.skipped.push(skip),
        }
    }
    // Checked once merged: the sum of a deal's product rows must fit too.
    deals.retain(|deal| match deal.draft.check() {
        Ok(()) => true,
        Err(e) => {
            out.skipped.push(Skip {
                line: deal.line,
                column: column_of(&e).and_then(|f| reader.header(f)),
                problem: RowProblem::Refused(e),
            });
            false
        }
    });
    out.skipped.sort_by_key(|s| s.line);
    out.duplicates = deals.iter().filter(|d| d.duplicate).count();
    if mapping.skip_duplicates {
        deals.retain(|d| !d.duplicate);
    }
    out.foreign_currency = deals
        .iter()
        .filter(|d| d.source.as_ref().is_some_and(|s| s.currency.is_some()))
        .count();
    Builder::new(mapping, ws, defaults).build(deals, &mut out);
    let total = ws.deal_count() + out.batch.deals.len();
    out.too_many = (total > validate::MAX_DEALS).then_some(total);
    out
}

/// The field a refusal is about.
fn column_of(e: &DomainError) -> Option<DealField> {
    let field = match e {
        DomainError::Empty(f) | DomainError::Invalid(f) | DomainError::AmountTooLarge(f) => *f,
        DomainError::TooLong { field, .. } => *field,
        DomainError::NegativeAmount => Field::DealAmount,
        _ => return None,
    };
    Some(match field {
        Field::DealTitle => DealField::Title,
        Field::DealAmount => DealField::Amount,
        Field::ClientCompany => DealField::Company,
        Field::ClientContact => DealField::Contact,
        Field::ClientPhone => DealField::Phone,
        Field::ClientEmail => DealField::Email,
        Field::LossReason => DealField::LossReason,
        _ => DealField::Notes,
    })
}

/// Reads the cells of one row.
struct RowReader<'a> {
    table: &'a Table,
    mapping: &'a Mapping,
    ws: &'a Workspace,
    defaults: &'a Defaults,
    now: Stamp,
    stage_of: HashMap<(usize, String), usize>,
    direction_of: HashMap<String, usize>,
    employee_of: HashMap<String, usize>,
}

impl<'a> RowReader<'a> {
    fn new(
        table: &'a Table,
        mapping: &'a Mapping,
        ws: &'a Workspace,
        defaults: &'a Defaults,
        now: Stamp,
    ) -> Self {
        RowReader {
            table,
            mapping,
            ws,
            defaults,
            now,
            stage_of: mapping
                .stages
                .iter()
                .enumerate()
                .map(|(i, s)| ((s.direction, crate::text::fold_case(&s.name)), i))
                .collect(),
            direction_of: mapping
                .directions
                .iter()
                .enumerate()
                .map(|(i, d)| (crate::text::fold_case(&d.name), i))
                .collect(),
            employee_of: mapping
                .employees
                .iter()
                .enumerate()
                .map(|(i, e)| (crate::text::fold_case(&e.name), i))
                .collect(),
        }
    }

    fn header(&self, field: DealField) -> Option<String> {
        self.mapping
            .column(field)
            .map(|c| self.table.headers[c].clone())
    }

    /// The cell of `field` (see [`Table::cell`]).
    fn text(&self, row: usize, field: DealField) -> String {
        self.mapping
            .column(field)
            .map_or("", |c| self.table.cell(row, c))
            .to_string()
    }

    fn skip(&self, row: usize, field: DealField, problem: RowProblem) -> Skip {
        Skip {
            line: self.table.lines[row],
            column: self.header(field),
            problem,
        }
    }

    fn amount(&self, row: usize) -> Result<Money, Skip> {
        let cell = self.text(row, DealField::Amount);
        if cell.is_empty() {
            return Ok(Money::ZERO);
        }
        values::amount(&cell).map_err(|e| {
            let problem = match e {
                ValueError::Negative => RowProblem::Negative(cell.clone()),
                _ => RowProblem::NotANumber(cell.clone()),
            };
            self.skip(row, DealField::Amount, problem)
        })
    }

    fn date(&self, row: usize, field: DealField) -> Result<Option<Stamp>, Skip> {
        let cell = self.text(row, field);
        if cell.is_empty() {
            return Ok(None);
        }
        values::stamp(&cell, self.mapping.date_order)
            .map(Some)
            .map_err(|_| self.skip(row, field, RowProblem::NotADate(cell)))
    }

    fn read(&self, row: usize, line: u64) -> Result<RowDeal, Skip> {
        let amount = self.amount(row)?;
        let created_at = self.date(row, DealField::Created)?.unwrap_or(self.now);
        let expected_close = self.date(row, DealField::ExpectedClose)?.map(Stamp::date);
        let closed_cell = self.text(row, DealField::Closed);
        let (closed, closed_at) = match values::yes_no(&closed_cell) {
            Some(flag) => (flag, None),
            None => {
                let at = self.date(row, DealField::Closed)?;
                (at.is_some(), at)
            }
        };
        debug_assert_eq!(closed, closed_flag(&closed_cell));
        let status = values::status(&self.text(row, DealField::Status));
        let mut client = Client {
            company: self.text(row, DealField::Company),
            contact: self.text(row, DealField::Contact),
            phone: self.text(row, DealField::Phone),
            email: self.text(row, DealField::Email),
        };
        let mut notes = self
            .mapping
            .column(DealField::Notes)
            .and_then(|c| self.table.rows[row].get(c))
            .map_or(String::new(), |n| unescape(n.trim_end()).to_string());
        // A phone or e-mail Voronka would refuse is kept in the notes rather than lost.
        if validate::phone(&client.phone).is_err() {
            let phone = std::mem::take(&mut client.phone);
            push_line(&mut notes, &self.defaults.phone_label, &phone);
        }
        if validate::email(&client.email).is_err() {
            let email = std::mem::take(&mut client.email);
            push_line(&mut notes, &self.defaults.email_label, &email);
        }
        let mut title = self.text(row, DealField::Title);
        if title.is_empty() {
            title = [&client.company, &client.contact]
                .into_iter()
                .find(|t| !t.is_empty())
                .cloned()
                .ok_or_else(|| self.skip(row, DealField::Title, RowProblem::NoTitle))?;
        }
        let currency_cell = self.text(row, DealField::Currency);
        let foreign = match values::currency(&currency_cell) {
            _ if currency_cell.is_empty() => None,
            Some(c) if c == self.ws.currency() => None,
            Some(c) => Some(c.code().to_string()),
            None => Some(currency_cell.clone()),
        };
        let loss_reason = Some(self.text(row, DealField::LossReason))
            .filter(|r| !r.is_empty())
            .unwrap_or_else(|| self.defaults.loss_reason.clone());
        if let Err(e) = validate::loss_reason(Some(&loss_reason)) {
            return Err(self.skip(row, DealField::LossReason, RowProblem::Refused(e)));
        }
        let id = self.text(row, DealField::SourceId);
        if let Err(e) = validate::max_len(Field::Notes, &id, validate::MAX_NAME) {
            return Err(self.skip(row, DealField::SourceId, RowProblem::Refused(e)));
        }
        // The mapping lists every name the rows have (it is refreshed from the same cells).
        let lookup = |map: &HashMap<_, usize>, key| map.get(&key).copied().unwrap_or(0);
        let direction = lookup(
            &self.direction_of,
            crate::text::fold_case(&self.text(row, DealField::Direction)),
        );
        let stage_choice = self
            .stage_of
            .get(&(
                direction,
                crate::text::fold_case(&self.text(row, DealField::Stage)),
            ))
            .copied()
            .unwrap_or(0);
        let employee = lookup(
            &self.employee_of,
            crate::text::fold_case(&self.text(row, DealField::Owner)),
        );
        let (stage, reached) = self.place(direction, stage_choice, status, closed);
        Ok(RowDeal {
            line,
            draft: DealDraft {
                title,
                client,
                amount,
                owner: None,
                expected_close,
                loss_reason: Some(loss_reason),
                nps: None,
                notes,
            },
            employee,
            stage,
            reached,
            created_at,
            closed_at,
            source: foreign.map(|currency| DealSource {
                system: String::new(),
                id: String::new(),
                currency: Some(currency),
            }),
            duplicate: false,
        })
    }

    /// The stage a row's deal ends in, and the open stage it had reached when the file says
    /// it was won or lost from there.
    fn place(
        &self,
        direction: usize,
        choice: usize,
        status: Option<StageKind>,
        closed: bool,
    ) -> (StageKey, Option<StageKey>) {
        let kind = self.kind_of(choice);
        let wanted = match (kind, status) {
            (StageKind::Open, Some(k)) => k,
            (StageKind::Open, None) if closed => StageKind::Lost,
            _ => kind,
        };
        if wanted == kind {
            return (StageKey::Choice(choice), None);
        }
        let mapped = self
            .mapping
            .stages
            .iter()
            .enumerate()
            .find(|(i, s)| s.direction == direction && self.kind_of(*i) == wanted)
            .map(|(i, _)| StageKey::Choice(i));
        let closing = mapped.unwrap_or_else(|| match self.mapping.directions[direction].target {
            DirectionTarget::Existing(d) => self
                .ws
                .direction(d)
                .and_then(|d| d.first_of_kind(wanted))
                .map_or(StageKey::Auto(direction, wanted), |s| {
                    StageKey::Existing(s.id)
                }),
            DirectionTarget::New => StageKey::Auto(direction, wanted),
        });
        (closing, Some(StageKey::Choice(choice)))
    }

    fn kind_of(&self, choice: usize) -> StageKind {
        match self.mapping.stages[choice].target {
            StageTarget::New(kind) => kind,
            StageTarget::Existing(id) => self.ws.stage(id).map_or(StageKind::Open, |(_, s)| s.kind),
        }
    }
}

fn push_line(notes: &mut String, label: &str, value: &str) {
    if !notes.is_empty() {
        notes.push('\n');
    }
    notes.push_str(label);
    notes.push_str(": ");
    notes.push_str(value);
}

/// Turns the deals' stage keys into the batch's directions, stages and references.
struct Builder<'a> {
    mapping: &'a Mapping,
    ws: &'a Workspace,
    defaults: &'a Defaults,
}

impl<'a> Builder<'a> {
    fn new(mapping: &'a Mapping, ws: &'a Workspace, defaults: &'a Defaults) -> Self {
        Builder {
            mapping,
            ws,
            defaults,
        }
    }

    fn direction_of(&self, key: StageKey) -> Option<usize> {
        match key {
            StageKey::Choice(i) => Some(self.mapping.stages[i].direction),
            StageKey::Auto(d, _) => Some(d),
            StageKey::Existing(_) => None,
        }
    }

    fn build(&self, deals: Vec<RowDeal>, out: &mut ImportPlan) {
        // Stage keys in the order the file first shows them.
        let mut used: Vec<StageKey> = Vec::new();
        let mut seen: HashSet<StageKey> = HashSet::new();
        for deal in &deals {
            for key in deal.reached.iter().chain([&deal.stage]) {
                if seen.insert(*key) {
                    used.push(*key);
                }
            }
        }
        let mut refs: HashMap<StageKey, StageRef> = HashMap::new();
        let mut new_direction_index: HashMap<usize, usize> = HashMap::new();
        let batch = &mut out.batch;
        // New directions: their stages open first (in file order), then won, then lost; a
        // kind the file lacks is added so that the direction is complete.
        for (d, choice) in self.mapping.directions.iter().enumerate() {
            if choice.target != DirectionTarget::New {
                continue;
            }
            let mut keys: Vec<StageKey> = used
                .iter()
                .copied()
                .filter(|k| self.direction_of(*k) == Some(d) && !matches!(k, StageKey::Existing(_)))
                .collect();
            if keys.is_empty() {
                continue;
            }
            for kind in [StageKind::Open, StageKind::Won, StageKind::Lost] {
                if !keys.iter().any(|k| self.key_kind(*k) == kind) {
                    keys.push(StageKey::Auto(d, kind));
                }
            }
            keys.sort_by_key(|k| rank(self.key_kind(*k)));
            let index = batch.directions.len();
            new_direction_index.insert(d, index);
            let stages = keys
                .iter()
                .enumerate()
                .map(|(s, k)| {
                    refs.insert(
                        *k,
                        StageRef::OfNewDirection {
                            direction: index,
                            stage: s,
                        },
                    );
                    StageSpec::new(&self.stage_name(*k), self.key_kind(*k))
                })
                .collect();
            batch.directions.push(NewDirection {
                name: if choice.name.is_empty() {
                    self.mapping.source.name().to_string()
                } else {
                    choice.name.clone()
                },
                stages,
            });
        }
        for key in &used {
            if refs.contains_key(key) {
                continue;
            }
            let r = match *key {
                StageKey::Existing(id) => StageRef::Existing(id),
                StageKey::Choice(i) => match self.mapping.stages[i].target {
                    StageTarget::Existing(id) => StageRef::Existing(id),
                    StageTarget::New(kind) => {
                        let DirectionTarget::Existing(direction) =
                            self.mapping.directions[self.mapping.stages[i].direction].target
                        else {
                            unreachable!("stages of new directions have their references")
                        };
                        batch.stages.push(NewStage {
                            direction,
                            spec: StageSpec::new(&self.stage_name(*key), kind),
                        });
                        StageRef::Added(batch.stages.len() - 1)
                    }
                },
                StageKey::Auto(..) => unreachable!("only new directions get added stages"),
            };
            refs.insert(*key, r);
        }
        out.new_stages = batch
            .directions
            .iter()
            .map(|d| d.stages.len())
            .sum::<usize>()
            + batch.stages.len();

        let mut employee_refs: HashMap<usize, EmployeeRef> = HashMap::new();
        let mut taken: HashSet<String> = self
            .ws
            .employees()
            .map(|e| crate::text::fold_case(&e.name))
            .collect();
        for deal in deals {
            let owner = *employee_refs.entry(deal.employee).or_insert_with(|| {
                let choice = &self.mapping.employees[deal.employee];
                match choice.target {
                    EmployeeTarget::Existing(id) => EmployeeRef::Existing(id),
                    EmployeeTarget::New => {
                        let base = if choice.name.is_empty() {
                            self.defaults.no_owner.clone()
                        } else {
                            choice.name.clone()
                        };
                        let name = unique(&base, &mut taken);
                        batch.employees.push(name);
                        EmployeeRef::New(batch.employees.len() - 1)
                    }
                }
            });
            if out.preview.len() < 5 {
                out.preview.push(self.preview(&deal, batch, &owner));
            }
            batch.deals.push(ImportedDeal {
                draft: deal.draft,
                owner,
                stage: refs[&deal.stage],
                reached: deal.reached.map(|k| refs[&k]),
                created_at: deal.created_at,
                closed_at: deal.closed_at,
                source: deal
                    .source
                    .filter(|s| !s.id.is_empty() || s.currency.is_some()),
            });
        }
    }

    fn key_kind(&self, key: StageKey) -> StageKind {
        match key {
            StageKey::Choice(i) => match self.mapping.stages[i].target {
                StageTarget::New(kind) => kind,
                StageTarget::Existing(id) => {
                    self.ws.stage(id).map_or(StageKind::Open, |(_, s)| s.kind)
                }
            },
            StageKey::Auto(_, kind) => kind,
            StageKey::Existing(id) => self.ws.stage(id).map_or(StageKind::Open, |(_, s)| s.kind),
        }
    }

    fn stage_name(&self, key: StageKey) -> String {
        let named = match key {
            StageKey::Choice(i) => self.mapping.stages[i].name.clone(),
            StageKey::Existing(id) => {
                return self
                    .ws
                    .stage(id)
                    .map_or(String::new(), |(_, s)| s.name.clone())
            }
            StageKey::Auto(..) => String::new(),
        };
        if !named.is_empty() {
            return named;
        }
        match self.key_kind(key) {
            StageKind::Open => self.defaults.open_stage.clone(),
            StageKind::Won => self.defaults.won_stage.clone(),
            StageKind::Lost => self.defaults.lost_stage.clone(),
        }
    }

    fn preview(&self, deal: &RowDeal, batch: &ImportBatch, owner: &EmployeeRef) -> PreviewDeal {
        let direction = match self.direction_of(deal.stage) {
            Some(d) => match self.mapping.directions[d].target {
                DirectionTarget::Existing(id) => self
                    .ws
                    .direction(id)
                    .map_or(String::new(), |d| d.name.clone()),
                DirectionTarget::New => batch
                    .directions
                    .iter()
                    .rev()
                    .find(|nd| nd.name == self.mapping.directions[d].name)
                    .map_or_else(
                        || self.mapping.source.name().to_string(),
                        |nd| nd.name.clone(),
                    ),
            },
            None => match deal.stage {
                StageKey::Existing(id) => self
                    .ws
                    .stage(id)
                    .map_or(String::new(), |(d, _)| d.name.clone()),
                _ => String::new(),
            },
        };
        PreviewDeal {
            title: deal.draft.title.clone(),
            amount: deal.draft.amount,
            foreign_currency: deal.source.as_ref().and_then(|s| s.currency.clone()),
            direction,
            stage: self.stage_name(deal.stage),
            kind: self.key_kind(deal.stage),
            owner: match owner {
                EmployeeRef::Existing(id) => self
                    .ws
                    .employee(*id)
                    .map_or(String::new(), |e| e.name.clone()),
                EmployeeRef::New(n) => batch.employees[*n].clone(),
            },
            company: deal.draft.client.company.clone(),
        }
    }
}

fn rank(kind: StageKind) -> u8 {
    match kind {
        StageKind::Open => 0,
        StageKind::Won => 1,
        StageKind::Lost => 2,
    }
}

/// `base`, or `base (2)`… — a name no one in `taken` has; takes it.
fn unique(base: &str, taken: &mut HashSet<String>) -> String {
    let mut name = base.to_string();
    let mut n = 2;
    while taken.contains(&crate::text::fold_case(&name)) {
        name = format!("{base} ({n})");
        n += 1;
    }
    taken.insert(crate::text::fold_case(&name));
    name
}

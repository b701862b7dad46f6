//! The mapping screen's model: what each column fills, and where each pipeline, stage and
//! responsible person of the file goes. [`Mapping::propose`] presets everything from the
//! header names and the workspace; the user's changes go through the setters, which keep the
//! rest consistent.

use super::columns::{self, DealField, Source};
use super::table::Table;
use super::values::{self, DateOrder};
use crate::domain::{DirectionId, EmployeeId, StageId, StageKind, Workspace};
use std::collections::HashMap;

/// Where a pipeline of the file goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectionTarget {
    /// A new direction, named as in the file (or after the source when the file names none).
    New,
    /// A direction the workspace has.
    Existing(DirectionId),
}

/// Where a stage of the file goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StageTarget {
    /// A new stage of this kind.
    New(StageKind),
    /// A stage of the target direction.
    Existing(StageId),
}

/// Who a responsible person of the file becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmployeeTarget {
    /// A new employee of that name.
    New,
    /// An employee the workspace has.
    Existing(EmployeeId),
}

/// A pipeline name found in the file (`""` when the file names none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirectionChoice {
    /// As in the file.
    pub name: String,
    /// Where it goes.
    pub target: DirectionTarget,
}

/// A stage name found in the file, within one of its pipelines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageChoice {
    /// Index into [`Mapping::directions`].
    pub direction: usize,
    /// As in the file (`""` when the file names none).
    pub name: String,
    /// Where it goes.
    pub target: StageTarget,
}

/// A responsible person found in the file (`""` for rows without one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmployeeChoice {
    /// As in the file.
    pub name: String,
    /// Who it becomes.
    pub target: EmployeeTarget,
}

/// Everything the user decides before an import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    /// The CRM the headers come from.
    pub source: Source,
    /// The field of each column.
    pub columns: Vec<DealField>,
    /// How dates with slashes are read.
    pub date_order: DateOrder,
    /// Whether the file's slash dates could be read either way (the choice is then shown).
    pub date_order_ambiguous: bool,
    /// The file's pipelines.
    pub directions: Vec<DirectionChoice>,
    /// The file's stages, by pipeline.
    pub stages: Vec<StageChoice>,
    /// The file's responsible people.
    pub employees: Vec<EmployeeChoice>,
    /// Leave out deals whose source ID an earlier import already brought in.
    pub skip_duplicates: bool,
    /// What the rows of each stage say about its kind, for presets.
    votes: Vec<KindVotes>,
}

impl Mapping {
    /// The preset mapping of `table` into `ws`.
    pub fn propose(table: &Table, ws: &Workspace) -> Mapping {
        let source = columns::detect_source(&table.headers);
        let mut used = Vec::new();
        let columns = table
            .headers
            .iter()
            .map(|h| {
                let field = columns::field_for(h);
                // Two columns for one field (Pipedrive's "Deal - Won time" and "Lost time"
                // aside): the first one wins, the other starts ignored.
                if field != DealField::Ignore && used.contains(&field) {
                    DealField::Ignore
                } else {
                    used.push(field);
                    field
                }
            })
            .collect();
        let mut mapping = Mapping {
            source,
            columns,
            date_order: DateOrder::DayFirst,
            date_order_ambiguous: false,
            directions: Vec::new(),
            stages: Vec::new(),
            employees: Vec::new(),
            skip_duplicates: true,
            votes: Vec::new(),
        };
        mapping.refresh(table, ws);
        mapping
    }

    /// The first column filling `field`.
    pub fn column(&self, field: DealField) -> Option<usize> {
        self.columns.iter().position(|f| *f == field)
    }

    /// Sets what column `index` fills and presets what depends on it.
    pub fn set_column(&mut self, index: usize, field: DealField, table: &Table, ws: &Workspace) {
        if let Some(f) = self.columns.get_mut(index) {
            *f = field;
            self.refresh(table, ws);
        }
    }

    /// Sends pipeline `index` to `target` and presets its stages for it.
    pub fn set_direction(&mut self, index: usize, target: DirectionTarget, ws: &Workspace) {
        let Some(choice) = self.directions.get_mut(index) else {
            return;
        };
        choice.target = target;
        for (stage, votes) in self.stages.iter_mut().zip(&self.votes) {
            if stage.direction == index {
                stage.target = preset_stage(ws, target, &stage.name, votes);
            }
        }
    }

    /// Recomputes the pipelines, stages and people from the mapped columns, keeping the
    /// choices already made for names still there.
    pub fn refresh(&mut self, table: &Table, ws: &Workspace) {
        let direction_col = self.column(DealField::Direction);
        let stage_col = self.column(DealField::Stage);
        let owner_col = self.column(DealField::Owner);
        let status_col = self.column(DealField::Status);
        let closed_col = self.column(DealField::Closed);
        let cell = |row: usize, col: Option<usize>| col.map_or("", |c| table.cell(row, c));

        let mut directions: Vec<DirectionChoice> = Vec::new();
        let mut direction_index: HashMap<String, usize> = HashMap::new();
        let mut stages: Vec<(usize, String)> = Vec::new();
        let mut stage_index: HashMap<(usize, String), usize> = HashMap::new();
        let mut stats: Vec<KindVotes> = Vec::new();
        let mut employees: Vec<String> = Vec::new();
        let mut employee_index: HashMap<String, usize> = HashMap::new();
        for row in 0..table.rows.len() {
            let d_name = cell(row, direction_col);
            let d = *direction_index
                .entry(crate::text::fold_case(d_name))
                .or_insert_with(|| {
                    directions.push(DirectionChoice {
                        name: d_name.to_string(),
                        target: DirectionTarget::New,
                    });
                    directions.len() - 1
                });
            let s_name = cell(row, stage_col);
            let s = *stage_index
                .entry((d, crate::text::fold_case(s_name)))
                .or_insert_with(|| {
                    stages.push((d, s_name.to_string()));
                    stats.push(KindVotes::default());
                    stages.len() - 1
                });
            stats[s].count(
                values::status(cell(row, status_col)),
                closed_col.map(|c| closed_flag(table.cell(row, c))),
            );
            let e_name = cell(row, owner_col);
            employee_index
                .entry(crate::text::fold_case(e_name))
                .or_insert_with(|| {
                    employees.push(e_name.to_string());
                    employees.len() - 1
                });
        }

        // Keep earlier choices for the same names.
        for d in &mut directions {
            d.target = self
                .directions
                .iter()
                .find(|old| crate::text::same_folded(&old.name, &d.name))
                .map(|old| old.target)
                .unwrap_or_else(|| preset_direction(ws, &d.name));
        }
        self.votes = stats;
        let old_stages = std::mem::take(&mut self.stages);
        let old_directions = std::mem::take(&mut self.directions);
        self.stages = stages
            .into_iter()
            .enumerate()
            .map(|(i, (d, name))| {
                let target = directions[d].target;
                let kept = old_stages.iter().find(|old| {
                    crate::text::same_folded(&old.name, &name)
                        && old_directions.get(old.direction).is_some_and(|od| {
                            crate::text::same_folded(&od.name, &directions[d].name)
                                && od.target == target
                        })
                });
                StageChoice {
                    direction: d,
                    target: kept.map_or_else(
                        || preset_stage(ws, target, &name, &self.votes[i]),
                        |k| k.target,
                    ),
                    name,
                }
            })
            .collect();
        self.directions = directions;
        let old_employees = std::mem::take(&mut self.employees);
        self.employees = employees
            .into_iter()
            .map(|name| EmployeeChoice {
                target: old_employees
                    .iter()
                    .find(|old| crate::text::same_folded(&old.name, &name))
                    .map_or_else(|| preset_employee(ws, &name), |old| old.target),
                name,
            })
            .collect();

        let order = [
            DealField::Created,
            DealField::ExpectedClose,
            DealField::Closed,
        ]
        .into_iter()
        .filter_map(|f| self.column(f))
        .find_map(|c| values::slash_order((0..table.rows.len()).map(|r| table.cell(r, c))));
        let has_slashes = [
            DealField::Created,
            DealField::ExpectedClose,
            DealField::Closed,
        ]
        .into_iter()
        .filter_map(|f| self.column(f))
        .any(|c| (0..table.rows.len()).any(|r| table.cell(r, c).contains('/')));
        match order {
            Some(o) => {
                self.date_order = o;
                self.date_order_ambiguous = false;
            }
            None => {
                if has_slashes && !self.date_order_ambiguous {
                    // US portals write month first; others rarely use slashes at all.
                    self.date_order = DateOrder::MonthFirst;
                }
                self.date_order_ambiguous = has_slashes;
            }
        }
    }
}

/// Whether a `Closed` cell says closed: yes, or a date.
pub fn closed_flag(cell: &str) -> bool {
    values::yes_no(cell).unwrap_or_else(|| !cell.trim().is_empty())
}

/// How the rows of one stage describe it: counts of explicit statuses and closed flags.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct KindVotes {
    rows: usize,
    open: usize,
    won: usize,
    lost: usize,
    closed: usize,
}

impl KindVotes {
    fn count(&mut self, status: Option<StageKind>, closed: Option<bool>) {
        self.rows += 1;
        match status {
            Some(StageKind::Open) => self.open += 1,
            Some(StageKind::Won) => self.won += 1,
            Some(StageKind::Lost) => self.lost += 1,
            None => {}
        }
        if closed == Some(true) {
            self.closed += 1;
        }
    }

    /// The kind the rows' explicit statuses agree on; open when they are mixed (Pipedrive
    /// keeps the stage a deal was won or lost in); `None` when no row has a status.
    fn by_status(&self) -> Option<StageKind> {
        if self.open + self.won + self.lost == 0 {
            None
        } else if self.won == self.rows {
            Some(StageKind::Won)
        } else if self.lost == self.rows {
            Some(StageKind::Lost)
        } else {
            Some(StageKind::Open)
        }
    }

    /// Every row is marked closed.
    fn all_closed(&self) -> bool {
        self.rows > 0 && self.closed == self.rows
    }
}

fn preset_direction(ws: &Workspace, name: &str) -> DirectionTarget {
    if name.is_empty() {
        return DirectionTarget::New;
    }
    ws.directions()
        .find(|d| crate::text::same_folded(&d.name, name))
        .map_or(DirectionTarget::New, |d| DirectionTarget::Existing(d.id))
}

/// A stage's preset: the target direction's stage of that name, else a new stage of the kind
/// the rows' statuses agree on, else the one its name says («Сделка успешна»), else lost when
/// every row is closed (with nothing saying it was won), else open.
fn preset_stage(
    ws: &Workspace,
    direction: DirectionTarget,
    name: &str,
    votes: &KindVotes,
) -> StageTarget {
    let kind = votes
        .by_status()
        .or_else(|| values::stage_kind_by_name(name))
        .unwrap_or(if votes.all_closed() {
            StageKind::Lost
        } else {
            StageKind::Open
        });
    if let DirectionTarget::Existing(id) = direction {
        if let Some(d) = ws.direction(id) {
            if let Some(s) = d
                .stages
                .iter()
                .find(|s| crate::text::same_folded(&s.name, name))
            {
                return StageTarget::Existing(s.id);
            }
            if name.is_empty() {
                if let Some(s) = d.first_of_kind(kind) {
                    return StageTarget::Existing(s.id);
                }
            }
        }
    }
    StageTarget::New(kind)
}

fn preset_employee(ws: &Workspace, name: &str) -> EmployeeTarget {
    let found = if name.is_empty() {
        ws.employees().find(|e| e.active)
    } else {
        ws.employees()
            .find(|e| crate::text::same_folded(&e.name, name))
    };
    found.map_or(EmployeeTarget::New, |e| EmployeeTarget::Existing(e.id))
}

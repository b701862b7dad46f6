//! The workspace as CouchDB documents, one per entity with a stable id, and back:
//! `settings` (currency, loss reasons, the directions' order, the team's zone and who is who),
//! `employee:<id>`, `direction:<id>` (with its stages), `plan:<employee>:<period>` and
//! `deal:<id>` (with its stage history, its rank in the column and its owner's user name, which
//! the server's roles check reads).

use super::ranks;
use crate::domain::{
    Deal, DealId, Direction, Employee, EmployeeId, IdSlot, Period, PeriodKind, PlanRecord,
    StageChange, StageKind, Workspace, WorkspaceData,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Documents by id: each body is a JSON object without `_id` and `_rev`.
pub type Docs = BTreeMap<String, Value>;

/// The id of the team's settings document.
pub const SETTINGS: &str = "settings";

/// What a team shares besides its entities: the zone its periods are counted in and which
/// user name is which employee.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TeamSettings {
    /// The team's time zone (IANA name, e.g. `Europe/Moscow`): every stamp of a team's
    /// workspace is a wall-clock moment in it, and plans and analytics count its days.
    #[serde(default)]
    pub zone: String,
    /// Each user name and the employee it signs in as.
    #[serde(default)]
    pub members: BTreeMap<String, EmployeeId>,
}

impl TeamSettings {
    /// The user name an employee signs in with, if any.
    pub fn user_of(&self, employee: EmployeeId) -> Option<&str> {
        self.members
            .iter()
            .find(|(_, &e)| e == employee)
            .map(|(user, _)| user.as_str())
    }
}

/// A deal's document id.
pub fn deal_doc(id: DealId) -> String {
    format!("deal:{}", id.0)
}

/// The deal a document id names, if it names one.
pub fn deal_of_doc(id: &str) -> Option<DealId> {
    id.strip_prefix("deal:")?.parse().ok().map(DealId)
}

/// The deal whose document is `id` exactly as [`deal_doc`] writes it (`deal:7`, not
/// `deal:007`): the id a workspace's own documents have.
pub fn own_deal_doc(id: &str) -> Option<DealId> {
    deal_of_doc(id).filter(|d| deal_doc(*d) == id)
}

fn period_key(p: Period) -> String {
    let kind = match p.kind {
        PeriodKind::Month => "m",
        PeriodKind::Quarter => "q",
        PeriodKind::HalfYear => "h",
        PeriodKind::Year => "y",
    };
    format!("{}{}{}", p.year, kind, p.index)
}

fn with_type(value: Value, kind: &str) -> Value {
    let mut object = match value {
        Value::Object(object) => object,
        _ => Map::new(),
    };
    object.insert("type".into(), Value::from(kind));
    Value::Object(object)
}

fn body<T: Serialize>(value: &T, kind: &str) -> Value {
    with_type(
        serde_json::to_value(value).expect("entities serialize"),
        kind,
    )
}

/// The ranks of deals as a set of documents has them (what was last synced).
pub fn known_ranks<'a>(
    docs: impl Iterator<Item = (&'a String, &'a Value)>,
) -> HashMap<DealId, f64> {
    docs.filter_map(|(id, body)| Some((deal_of_doc(id)?, body.get("rank")?.as_f64()?)))
        .collect()
}

/// Every document of `ws` for a team with `team`'s settings; a deal's rank is kept from
/// `ranks` (what was last synced) unless its place in the column changed.
pub fn docs_of(ws: &Workspace, team: &TeamSettings, ranks: &HashMap<DealId, f64>) -> Docs {
    let mut docs = structure_docs(ws, team);
    for (_, column) in ws.columns_in_order() {
        let column_ranks = ranks::assign(&column, ranks);
        for (id, rank) in column.iter().zip(column_ranks) {
            let Some(deal) = ws.deal(*id) else { continue };
            docs.insert(deal_doc(deal.id), deal_body(deal, rank, team));
        }
    }
    docs
}

/// The documents of `ws` that are not deals: the settings, employees, directions and plans
/// (a few hundred at most, so they are made anew each time).
pub fn structure_docs(ws: &Workspace, team: &TeamSettings) -> Docs {
    let mut docs = Docs::new();
    let order: Vec<u32> = ws.directions().map(|d| d.id.0).collect();
    let mut settings = serde_json::json!({
        "type": "settings",
        "currency": ws.currency(),
        "loss_reasons": ws.loss_reasons(),
        "direction_order": order,
        "zone": team.zone,
        "members": team.members,
    });
    // Only once entered: a team's settings document stays as it was until then.
    if !ws.company().is_empty() {
        settings["company"] = serde_json::json!(ws.company());
    }
    docs.insert(SETTINGS.into(), settings);
    for e in ws.employees() {
        docs.insert(format!("employee:{}", e.id.0), body(e, "employee"));
    }
    for d in ws.directions() {
        docs.insert(format!("direction:{}", d.id.0), body(d, "direction"));
    }
    for (employee, period, target) in ws.plans() {
        let record = PlanRecord {
            employee,
            period,
            amount: target.amount,
            deals: target.deals,
        };
        docs.insert(
            format!("plan:{}:{}", employee.0, period_key(period)),
            body(&record, "plan"),
        );
    }
    docs
}

/// A deal's document at `rank` in its column, with its owner's user name.
pub fn deal_body(deal: &Deal, rank: f64, team: &TeamSettings) -> Value {
    let mut doc = body(deal, "deal");
    let object = doc.as_object_mut().expect("a deal is an object");
    object.insert("rank".into(), Value::from(rank));
    if let Some(user) = team.user_of(deal.owner) {
        object.insert("owner_user".into(), Value::from(user));
    }
    doc
}

/// Whether a document from the server can be taken in: of a known kind, readable as its
/// entity, with amounts in range. What is not is ignored and reported, never applied.
pub fn readable(id: &str, body: &Value) -> bool {
    let kind = body.get("type").and_then(Value::as_str);
    let amount_ok = |v: Option<&Value>| {
        v.and_then(Value::as_i64)
            .is_some_and(|a| (0..=crate::domain::validate::MAX_AMOUNT).contains(&a))
    };
    match kind {
        Some("settings") => id == SETTINGS && parse::<SettingsDoc>(body).is_some(),
        Some("employee") => id.starts_with("employee:") && parse::<Employee>(body).is_some(),
        Some("direction") => id.starts_with("direction:") && parse::<Direction>(body).is_some(),
        Some("plan") => {
            id.starts_with("plan:")
                && parse::<PlanRecord>(body).is_some()
                && amount_ok(body.get("amount"))
        }
        Some("deal") => {
            deal_of_doc(id)
                .is_some_and(|d| body.get("id").and_then(Value::as_u64) == Some(u64::from(d.0)))
                && parse::<Deal>(body).is_some()
                && amount_ok(body.get("amount"))
        }
        _ => false,
    }
}

/// A workspace built from documents, and the documents it could not show.
#[derive(Clone, Debug)]
pub struct Assembled {
    /// The workspace.
    pub ws: Workspace,
    /// The team's settings.
    pub team: TeamSettings,
    /// Documents left out (unreadable, or naming what no longer exists and cannot be
    /// repaired): kept on the server and in the replica, never deleted from here.
    pub held: BTreeSet<String>,
}

/// Why documents could not be assembled at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AssembleError {
    /// The database has no readable settings document: not a team database of Voronka.
    #[error("no settings document")]
    NoSettings,
    /// The documents break a rule the repairs do not cover.
    #[error("documents do not form a workspace: {0}")]
    Invalid(String),
}

#[derive(Deserialize)]
struct SettingsDoc {
    currency: crate::domain::Currency,
    #[serde(default)]
    loss_reasons: Vec<String>,
    #[serde(default)]
    direction_order: Vec<u32>,
    #[serde(default)]
    company: crate::domain::documents::party::Requisites,
    #[serde(flatten)]
    team: TeamSettings,
}

fn parse<T: for<'de> Deserialize<'de>>(body: &Value) -> Option<T> {
    serde_json::from_value(body.clone()).ok()
}

/// Builds the workspace from `docs`, keeping this browser's id counter (raised above every
/// id) and slot. A deal whose stage is gone goes back to the last stage of its history that
/// still exists (else its direction's first open stage, else the first direction's), as a
/// deleted stage's deals go no further on; names made twice by two people get a number;
/// what still breaks a rule is held aside, never dropped.
pub fn assemble(
    docs: &Docs,
    counter: u32,
    slot: Option<IdSlot>,
) -> Result<Assembled, AssembleError> {
    let settings: SettingsDoc = docs
        .get(SETTINGS)
        .and_then(parse)
        .ok_or(AssembleError::NoSettings)?;
    let mut held = BTreeSet::new();
    let mut employees: Vec<(String, Employee)> = Vec::new();
    let mut directions: Vec<(String, Direction)> = Vec::new();
    let mut plans: Vec<(String, PlanRecord)> = Vec::new();
    let mut deals: Vec<(String, Deal, f64)> = Vec::new();
    for (id, body) in docs {
        let kind = body.get("type").and_then(Value::as_str).unwrap_or("");
        let ok = match kind {
            "settings" => true,
            "employee" => parse(body)
                .map(|e| employees.push((id.clone(), e)))
                .is_some(),
            "direction" => parse(body)
                .map(|d| directions.push((id.clone(), d)))
                .is_some(),
            "plan" => parse(body).map(|p| plans.push((id.clone(), p))).is_some(),
            "deal" => parse::<Deal>(body)
                .map(|d| {
                    let rank = body.get("rank").and_then(Value::as_f64).unwrap_or(0.0);
                    deals.push((id.clone(), d, rank));
                })
                .is_some(),
            // Documents of other kinds (an id slot, the design document) are not entities.
            _ => !id.starts_with("deal:"),
        };
        if !ok {
            held.insert(id.clone());
        }
    }
    number_duplicates(employees.iter_mut().map(|(_, e)| &mut e.name));
    let position: HashMap<u32, usize> = settings
        .direction_order
        .iter()
        .enumerate()
        .map(|(i, &d)| (d, i))
        .collect();
    directions.sort_by_key(|(_, d)| (position.get(&d.id.0).copied().unwrap_or(usize::MAX), d.id));
    number_duplicates(directions.iter_mut().map(|(_, d)| &mut d.name));

    let mut data = WorkspaceData {
        currency: settings.currency,
        loss_reasons: settings.loss_reasons,
        company: settings.company,
        employees: Vec::new(),
        directions: Vec::new(),
        deals: Vec::new(),
        plans: Vec::new(),
        next_id: counter,
        id_slot: slot,
    };
    let mut paths: Vec<(String, String)> = Vec::new();
    for (i, (id, e)) in employees.into_iter().enumerate() {
        paths.push((format!("employees[{i}]"), id));
        data.employees.push(e);
    }
    for (i, (id, d)) in directions.into_iter().enumerate() {
        paths.push((format!("directions[{i}]"), id));
        data.directions.push(d);
    }
    let employees: HashSet<EmployeeId> = data.employees.iter().map(|e| e.id).collect();
    for (id, p) in plans {
        if employees.contains(&p.employee) {
            paths.push((format!("plans[{}]", data.plans.len()), id));
            data.plans.push(p);
        } else {
            held.insert(id);
        }
    }
    let mut placed: Vec<(usize, usize, f64, String, Deal)> = Vec::new();
    let fallback_owner = data.employees.iter().find(|e| e.active).map(|e| e.id);
    for (id, mut deal, rank) in deals {
        if !place(&mut deal, &data.directions, &data.loss_reasons) {
            held.insert(id);
            continue;
        }
        if !employees.contains(&deal.owner) {
            match fallback_owner {
                Some(owner) => deal.owner = owner,
                None => {
                    held.insert(id);
                    continue;
                }
            }
        }
        let (d, s) = stage_position(&data.directions, &deal).expect("placed deals have a stage");
        placed.push((d, s, rank, id, deal));
    }
    placed.sort_by(|a, b| {
        (a.0, a.1)
            .cmp(&(b.0, b.1))
            .then(a.2.total_cmp(&b.2))
            .then(a.4.id.cmp(&b.4.id))
    });
    for (i, (_, _, _, id, deal)) in placed.into_iter().enumerate() {
        paths.push((format!("deals[{i}]"), id));
        data.deals.push(deal);
    }
    data.next_id = data.next_id.max(crate::domain::data::max_id(&data) + 1);

    // What still breaks a rule: hold that document aside and build again.
    for _ in 0..64 {
        match Workspace::from_data(data.clone()) {
            Ok(ws) => {
                let team = settings.team.clone();
                return Ok(Assembled { ws, team, held });
            }
            Err(e) => {
                let Some((prefix, doc)) = paths
                    .iter()
                    .filter(|(p, _)| e.path == *p || e.path.starts_with(&format!("{p}.")))
                    .max_by_key(|(p, _)| p.len())
                    .cloned()
                else {
                    return Err(AssembleError::Invalid(e.to_string()));
                };
                held.insert(doc);
                remove_at(&mut data, &prefix);
                paths = reindex(paths, &prefix);
            }
        }
    }
    Err(AssembleError::Invalid(
        "too many documents break a rule".into(),
    ))
}

/// Drops the entity at `prefix` (`deals[3]`) from `data`.
fn remove_at(data: &mut WorkspaceData, prefix: &str) {
    let Some((list, index)) = split_path(prefix) else {
        return;
    };
    match list {
        "employees" => drop_index(&mut data.employees, index),
        "directions" => drop_index(&mut data.directions, index),
        "plans" => drop_index(&mut data.plans, index),
        "deals" => drop_index(&mut data.deals, index),
        _ => {}
    }
}

fn drop_index<T>(list: &mut Vec<T>, index: usize) {
    if index < list.len() {
        list.remove(index);
    }
}

fn split_path(prefix: &str) -> Option<(&str, usize)> {
    let (list, rest) = prefix.split_once('[')?;
    Some((list, rest.trim_end_matches(']').parse().ok()?))
}

/// The paths after removing `removed`: later entries of its list move up by one.
fn reindex(paths: Vec<(String, String)>, removed: &str) -> Vec<(String, String)> {
    let Some((list, gone)) = split_path(removed) else {
        return paths;
    };
    paths
        .into_iter()
        .filter(|(p, _)| p != removed)
        .map(|(p, doc)| match split_path(&p) {
            Some((l, i)) if l == list && i > gone => (format!("{l}[{}]", i - 1), doc),
            _ => (p, doc),
        })
        .collect()
}

/// `Name`, `Name (2)`, …: two people may make the same name offline.
fn number_duplicates<'a>(names: impl Iterator<Item = &'a mut String>) {
    let mut seen: HashSet<String> = HashSet::new();
    for name in names {
        let mut candidate = name.clone();
        let mut n = 2;
        while !seen.insert(crate::text::fold_case(&candidate)) {
            candidate = format!("{name} ({n})");
            n += 1;
        }
        *name = candidate;
    }
}

fn stage_position(directions: &[Direction], deal: &Deal) -> Option<(usize, usize)> {
    let d = directions.iter().position(|d| d.id == deal.direction)?;
    let s = directions[d]
        .stages
        .iter()
        .position(|s| s.id == deal.stage)?;
    Some((d, s))
}

/// Puts a deal whose stage or direction is gone where the rules send it, and makes its
/// close date, loss reason and history agree with the stage it ends in. `false` when no
/// direction is left to take it.
pub(super) fn place(deal: &mut Deal, directions: &[Direction], loss_reasons: &[String]) -> bool {
    let owner_of = |stage| directions.iter().find(|d| d.stage(stage).is_some());
    if let Some(direction) = owner_of(deal.stage) {
        deal.direction = direction.id;
    } else {
        let back = deal
            .history
            .iter()
            .rev()
            .map(|h| h.to)
            .find(|&s| owner_of(s).is_some_and(|d| d.id == deal.direction));
        let first_open = |d: &Direction| d.first_open_stage().map(|s| s.id);
        let target = back
            .map(|s| (deal.direction, s))
            .or_else(|| {
                let own = directions.iter().find(|d| d.id == deal.direction)?;
                Some((own.id, first_open(own)?))
            })
            .or_else(|| {
                let first = directions.iter().find(|d| !d.archived)?;
                Some((first.id, first_open(first)?))
            });
        let Some((direction, stage)) = target else {
            return false;
        };
        let at = deal.history.last().map_or(deal.created_at, |h| h.at);
        deal.history.push(StageChange {
            from: Some(deal.stage),
            to: stage,
            at,
        });
        deal.direction = direction;
        deal.stage = stage;
    }
    let kind = directions
        .iter()
        .find_map(|d| d.stage(deal.stage))
        .map_or(StageKind::Open, |s| s.kind);
    let at = deal.history.last().map_or(deal.created_at, |h| h.at);
    if kind.is_closed() {
        deal.closed_at.get_or_insert(at);
    } else {
        deal.closed_at = None;
    }
    if kind == StageKind::Lost {
        if deal.loss_reason.is_none() {
            deal.loss_reason = Some(loss_reasons.first().cloned().unwrap_or_else(|| "—".into()));
        }
    } else {
        deal.loss_reason = None;
    }
    if deal.history.last().is_some_and(|h| h.to != deal.stage) {
        let from = deal.history.last().map(|h| h.to);
        deal.history.push(StageChange {
            from,
            to: deal.stage,
            at,
        });
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::{self, DemoConfig};
    use crate::domain::{Command, Lang, Stamp};

    fn demo_ws() -> Workspace {
        demo::generate(&DemoConfig::app(Stamp(29_000_000), Lang::En))
    }

    #[test]
    fn a_workspace_survives_the_round_trip_through_documents() {
        let ws = demo_ws();
        let docs = docs_of(&ws, &TeamSettings::default(), &HashMap::new());
        let back = assemble(&docs, ws.next_id(), None).unwrap();
        assert!(back.held.is_empty());
        assert_eq!(back.ws.to_data(), ws.to_data());
    }

    #[test]
    fn a_deal_in_a_deleted_stage_goes_back_to_its_last_stage_still_there() {
        let ws = demo_ws();
        let mut docs = docs_of(&ws, &TeamSettings::default(), &HashMap::new());
        let deal = ws
            .deals()
            .find(|d| d.history.len() >= 2 && d.closed_at.is_none())
            .unwrap();
        let direction = ws.direction(deal.direction).unwrap().clone();
        // Another browser deleted the deal's stage (and moved nothing: it did not know).
        let mut edited = direction.clone();
        edited.stages.retain(|s| s.id != deal.stage);
        docs.insert(
            format!("direction:{}", direction.id.0),
            body(&edited, "direction"),
        );
        let back = assemble(&docs, ws.next_id(), None).unwrap();
        let kept = back.ws.deal(deal.id).expect("the deal is kept");
        assert_ne!(kept.stage, deal.stage);
        assert_eq!(kept.direction, deal.direction);
        assert_eq!(back.ws.deal_count(), ws.deal_count());
    }

    #[test]
    fn an_unreadable_deal_document_is_held_not_dropped_silently() {
        let ws = demo_ws();
        let mut docs = docs_of(&ws, &TeamSettings::default(), &HashMap::new());
        docs.insert(
            "deal:999999".into(),
            serde_json::json!({"type": "deal", "title": 5}),
        );
        let back = assemble(&docs, ws.next_id(), None).unwrap();
        assert!(back.held.contains("deal:999999"));
        assert_eq!(back.ws.deal_count(), ws.deal_count());
    }

    #[test]
    fn a_deal_with_a_negative_amount_is_held_and_the_rest_assembled() {
        let ws = demo_ws();
        let mut docs = docs_of(&ws, &TeamSettings::default(), &HashMap::new());
        let first = ws.deals().next().unwrap().id;
        docs.get_mut(&deal_doc(first)).unwrap()["amount"] = Value::from(-5);
        let back = assemble(&docs, ws.next_id(), None).unwrap();
        assert!(back.held.contains(&deal_doc(first)));
        assert_eq!(back.ws.deal_count(), ws.deal_count() - 1);
    }

    #[test]
    fn two_directions_named_alike_offline_both_stay_numbered() {
        let mut ws = demo_ws();
        let name = ws.directions().next().unwrap().name.clone();
        let mut docs = docs_of(&ws, &TeamSettings::default(), &HashMap::new());
        let first = ws.directions().next().unwrap().clone();
        let mut twin = first.clone();
        ws.apply(&Command::RenameDirection {
            direction: first.id,
            name: "tmp".into(),
        })
        .unwrap();
        twin.id = crate::domain::DirectionId(ws.next_id() + 7);
        twin.stages = Vec::new();
        for (i, mut s) in first.stages.iter().cloned().enumerate() {
            s.id = crate::domain::StageId(ws.next_id() + 8 + i as u32);
            twin.stages.push(s);
        }
        docs.insert(format!("direction:{}", twin.id.0), body(&twin, "direction"));
        let back = assemble(&docs, ws.next_id(), None).unwrap();
        let names: Vec<_> = back.ws.directions().map(|d| d.name.clone()).collect();
        assert!(names.contains(&name));
        assert!(names.contains(&format!("{name} (2)")));
    }
}

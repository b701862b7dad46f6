//! The CSV import: a file of another CRM read into a table, its mapping onto deal fields,
//! directions, stages and employees (preset, editable), the preview with every count and
//! skipped row, and one confirm that adds it all as one undoable step (or replaces the
//! workspace after a backup download).

mod mapping;
mod summary;

use crate::crm::plan::{self, Defaults, ImportPlan};
use crate::crm::{self, CsvError, Encoding, Mapping, Source, Table};
use crate::domain::Workspace;
use crate::i18n::*;
use crate::state::clock;
use crate::state::store::Store;
use crate::ui::files;
use crate::ui::text::msg;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use std::sync::Arc;

/// The CSV file being mapped. One per import card, made once (so that its signals have an
/// owner) and filled by each file; [`CsvSession::clear`] lets the file's rows go.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CsvSession {
    /// The file's name.
    pub name: StoredValue<String>,
    /// How its bytes were read.
    pub encoding: StoredValue<Encoding>,
    /// Its rows.
    pub table: StoredValue<Arc<Table>>,
    /// What the user decided so far.
    pub mapping: RwSignal<Mapping>,
    /// Replace the workspace instead of adding to it.
    pub replace: RwSignal<bool>,
    /// The import as the mapping stands.
    pub plan: RwSignal<Arc<ImportPlan>>,
}

impl CsvSession {
    /// An empty session.
    pub fn new() -> CsvSession {
        CsvSession {
            name: StoredValue::new(String::new()),
            encoding: StoredValue::new(Encoding::Utf8),
            table: StoredValue::new(Arc::new(Table::default())),
            mapping: RwSignal::new(Mapping::propose(&Table::default(), &Workspace::default())),
            replace: RwSignal::new(false),
            plan: RwSignal::new(Arc::new(ImportPlan::default())),
        }
    }

    /// Reads `bytes` (decoding Windows-1251 in the browser when they are not UTF-8) and
    /// presets the mapping against the workspace.
    pub fn open(
        &self,
        name: String,
        bytes: &[u8],
        store: Store,
        i18n: I18nContext<Locale>,
    ) -> Result<(), CsvError> {
        if bytes.len() > crm::MAX_CSV_BYTES {
            return Err(CsvError::TooLarge(bytes.len()));
        }
        let (text, encoding) =
            crm::decode(bytes, files::decode_windows_1251).ok_or(CsvError::NotText)?;
        let table = crm::table::parse(&text)?;
        let mapping = store.ws().with_untracked(|ws| Mapping::propose(&table, ws));
        self.name.set_value(name);
        self.encoding.set_value(encoding);
        self.table.set_value(Arc::new(table));
        self.replace.set(false);
        self.mapping.set(mapping);
        self.replan(store, i18n);
        Ok(())
    }

    /// Lets the file's rows and plan go (after the screen that showed them is gone).
    pub fn clear(&self) {
        let session = *self;
        set_timeout(
            move || {
                session.table.set_value(Arc::new(Table::default()));
                session.plan.set(Arc::new(ImportPlan::default()));
                session
                    .mapping
                    .set(Mapping::propose(&Table::default(), &Workspace::default()));
            },
            std::time::Duration::ZERO,
        );
    }

    /// Plans the import again as the mapping and the workspace now stand.
    pub fn replan(&self, store: Store, i18n: I18nContext<Locale>) {
        let table = self.table.get_value();
        let defaults = defaults(i18n);
        let now = clock::now();
        let plan = self.mapping.with_untracked(|mapping| {
            if self.replace.get_untracked() {
                plan::plan(&table, mapping, &empty_like(store, i18n), &defaults, now)
            } else {
                store
                    .ws()
                    .with_untracked(|ws| plan::plan(&table, mapping, ws, &defaults, now))
            }
        });
        self.plan.set(Arc::new(plan));
    }

    /// Changes the mapping, then plans again.
    pub fn edit(
        &self,
        store: Store,
        i18n: I18nContext<Locale>,
        change: impl FnOnce(&mut Mapping, &Table, &Workspace),
    ) {
        let table = self.table.get_value();
        let replace = self.replace.get_untracked();
        let base = replace.then(|| empty_like(store, i18n));
        self.mapping.update(|m| match &base {
            Some(ws) => change(m, &table, ws),
            None => store.ws().with_untracked(|ws| change(m, &table, ws)),
        });
        self.replan(store, i18n);
    }

    /// Switches between adding and replacing: directions, stages and people are matched
    /// again against what the import will meet.
    pub fn set_replace(&self, replace: bool, store: Store, i18n: I18nContext<Locale>) {
        self.replace.set(replace);
        let table = self.table.get_value();
        let rematch = |base: &Workspace| {
            self.mapping.update(|m| {
                let mut fresh = Mapping::propose(&table, base);
                fresh.columns = m.columns.clone();
                fresh.date_order = m.date_order;
                fresh.skip_duplicates = m.skip_duplicates;
                fresh.refresh(&table, base);
                *m = fresh;
            })
        };
        if replace {
            rematch(&empty_like(store, i18n));
        } else {
            store.ws().with_untracked(rematch);
        }
        self.replan(store, i18n);
    }
}

/// An empty workspace in the current one's currency and the UI's language: what a replacing
/// import starts from.
pub fn empty_like(store: Store, i18n: I18nContext<Locale>) -> Workspace {
    let lang = crate::ui::format::content_lang(i18n.get_locale_untracked());
    Workspace::new(store.ws().with_untracked(Workspace::currency), lang)
}

/// The names an import gives what the file leaves unnamed, in the UI's language.
pub fn defaults(i18n: I18nContext<Locale>) -> Defaults {
    Defaults {
        open_stage: t_string!(i18n, csv.defaults.open_stage).to_string(),
        won_stage: t_string!(i18n, csv.defaults.won_stage).to_string(),
        lost_stage: t_string!(i18n, csv.defaults.lost_stage).to_string(),
        no_owner: t_string!(i18n, csv.defaults.no_owner).to_string(),
        loss_reason: t_string!(i18n, csv.defaults.loss_reason).to_string(),
        phone_label: t_string!(i18n, csv.defaults.phone_label).to_string(),
        email_label: t_string!(i18n, csv.defaults.email_label).to_string(),
    }
}

/// The source as the preview names it.
fn source_name(i18n: I18nContext<Locale>, source: Source) -> String {
    match source {
        Source::Unknown => t_string!(i18n, csv.source_unknown).to_string(),
        Source::Voronka => t_string!(i18n, csv.source_voronka).to_string(),
        other => other.name().to_string(),
    }
}

/// The mapping screen: what the file is, its columns, its pipelines, stages and people, and
/// the summary with the confirm button.
#[component]
pub fn CsvPanel(
    session: CsvSession,
    store: Store,
    /// Adds or replaces; called with the session when the user confirms.
    on_confirm: Callback<CsvSession>,
    /// Drops the file.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = msg!(i18n, csv.heading, name = session.name.get_value());
    let about = move || {
        let encoding = match session.encoding.get_value() {
            Encoding::Utf8 => "UTF-8",
            Encoding::Windows1251 => "Windows-1251",
        };
        let source = session.mapping.with(|m| m.source);
        let rows = crate::ui::counts::csv(
            i18n.get_locale(),
            crate::ui::counts::CsvCount::Rows,
            session.plan.with(|p| p.rows),
        );
        format!(
            "{} {rows}.",
            msg!(
                i18n,
                csv.source,
                source = source_name(i18n, source),
                encoding = encoding
            )
        )
    };
    view! {
        <div class="csv-import" data-testid="csv-import">
            <h3 class="csv-heading">{heading}</h3>
            <p class="muted" data-testid="csv-source">
                {about}
            </p>
            <mapping::Columns session=session store=store />
            <mapping::Targets session=session store=store />
            <summary::Summary
                session=session
                store=store
                on_confirm=on_confirm
                on_cancel=on_cancel
            />
        </div>
    }
}

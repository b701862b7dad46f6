//! The Data view: how full storage is, persistent storage, export, import (file picker and
//! drop zone, validated, previewed and confirmed, with the replaced workspace kept for
//! download), recovery copies and starting over.

use crate::i18n::*;
use crate::ui::text::tr;
use leptos::prelude::*;

mod cards;
mod company;
mod csv;
pub mod export;
mod import;
mod install;
mod recovery;
mod team;
mod team_zone;

/// The Data view.
#[component]
pub fn DataView() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="view data-view" data-view="data">
            <h1 class="view-title">{tr!(i18n, views.data_title)}</h1>
            <div class="data-grid">
                <cards::SummaryCard />
                <cards::StorageCard />
                <team::TeamCard />
                <company::CompanyCard />
                <cards::ExportCard />
                <import::ImportAndRecovery />
                <install::InstallCard />
                <cards::StartOverCard />
            </div>
        </section>
    }
}

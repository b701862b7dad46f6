//! First launch: how to start — a demo, the seed's four directions, or blank.

use crate::i18n::*;
use crate::state::store::{use_store, StartChoice};
use crate::ui::text::tr;
use leptos::prelude::*;

/// Three choices, each a large button with a line of explanation.
#[component]
pub fn StartChooser() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let choose = move |choice: StartChoice| {
        store.start(
            choice,
            crate::ui::format::content_lang(i18n.get_locale_untracked()),
            t_string!(i18n, start.me),
        )
    };
    let option = move |choice: StartChoice, id: &'static str| {
        let (title, desc) = match choice {
            StartChoice::Demo => (
                t_string!(i18n, start.demo),
                t_string!(i18n, start.demo_desc),
            ),
            StartChoice::Templates => (
                t_string!(i18n, start.templates),
                t_string!(i18n, start.templates_desc),
            ),
            StartChoice::Blank => (
                t_string!(i18n, start.blank),
                t_string!(i18n, start.blank_desc),
            ),
        };
        view! {
            <li>
                <button
                    type="button"
                    class="start-option"
                    data-start=id
                    on:click=move |_| choose(choice)
                >
                    <span class="start-option-title">{title}</span>
                    <span class="start-option-desc">{desc}</span>
                </button>
            </li>
        }
    };
    view! {
        <section class="view start" data-view="start">
            <h1 class="view-title">{tr!(i18n, start.title)}</h1>
            <p class="view-lead">{tr!(i18n, start.lead)}</p>
            <ul class="start-options">
                {move || {
                    view! {
                        {option(StartChoice::Demo, "demo")}
                        {option(StartChoice::Templates, "templates")}
                        {option(StartChoice::Blank, "blank")}
                    }
                }}
            </ul>
        </section>
    }
}

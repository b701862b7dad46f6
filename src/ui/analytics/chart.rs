//! The charts: horizontal SVG bars in the style of the gauges, one row per stage, reason or
//! person, each bar made of parts (stacked) with an optional marker (a plan). The numbers are
//! in the table beside; the chart is hidden from screen readers, which read the table.

use crate::ui::format::fixed2;
use leptos::prelude::*;

/// One bar's part: its length as a share of the chart's scale and its look.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    /// Length, 0.0 to 1.0 of the scale.
    pub share: f64,
    /// CSS class (`part-won`, `part-weighted`, `part-promoters`…).
    pub class: &'static str,
}

/// One bar: a label, its parts, its value as text, a marker.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// The row's name.
    pub label: String,
    /// The parts, laid end to end.
    pub parts: Vec<Part>,
    /// The value shown after the bar.
    pub value: String,
    /// A mark across the bar (the plan), 0.0 to 1.0 of the scale.
    pub marker: Option<f64>,
}

impl Bar {
    /// A bar of one part.
    pub fn single(label: String, share: f64, class: &'static str, value: String) -> Bar {
        Bar {
            label,
            parts: vec![Part { share, class }],
            value,
            marker: None,
        }
    }
}

/// `part / whole` as a share for a bar (0 when the whole is 0), clamped to 0..1.
pub fn share(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        (part / whole).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// Horizontal bars; `centered` draws a funnel (each bar centred on the axis).
#[component]
pub fn Bars(
    /// The bars, top to bottom.
    bars: Vec<Bar>,
    /// What the chart shows (the figure's caption).
    label: String,
    /// Centre the bars (a funnel).
    #[prop(optional)]
    centered: bool,
) -> impl IntoView {
    view! {
        <figure class="chart" class:funnel-chart=centered>
            <figcaption class="visually-hidden">{label}</figcaption>
            {bars
                .into_iter()
                .map(|bar| {
                    let total: f64 = bar.parts.iter().map(|p| p.share).sum::<f64>().min(1.0);
                    let mut x = if centered { (1.0 - total) * 50.0 } else { 0.0 };
                    let parts = bar
                        .parts
                        .into_iter()
                        .map(|p| {
                            let w = (p.share * 100.0).max(0.0);
                            let rect = view! {
                                <rect
                                    class=format!("bar-part {}", p.class)
                                    x=fixed2(x)
                                    y="0"
                                    width=fixed2(w)
                                    height="10"
                                    rx="1"
                                />
                            };
                            x += w;
                            rect
                        })
                        .collect_view();
                    let marker = bar
                        .marker
                        .map(|m| {
                            let mx = fixed2((m * 100.0).clamp(0.5, 99.5));
                            view! {
                                <line class="bar-marker" x1=mx.clone() x2=mx y1="-1" y2="11" />
                            }
                        });
                    view! {
                        <div class="bar-row" aria-hidden="true">
                            <span class="bar-label">{bar.label}</span>
                            <svg
                                class="bar"
                                viewBox="0 -1 100 12"
                                preserveAspectRatio="none"
                                focusable="false"
                            >
                                <rect
                                    class="bar-track"
                                    x="0"
                                    y="0"
                                    width="100"
                                    height="10"
                                    rx="1"
                                />
                                {parts}
                                {marker}
                            </svg>
                            <span class="bar-value">{bar.value}</span>
                        </div>
                    }
                })
                .collect_view()}
        </figure>
    }
}

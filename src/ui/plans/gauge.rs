//! A plan gauge: an SVG half-ring filled to the percent done, a second ring for what goes
//! past 100 %, a tick for where the plan should be by today, and a clear "no plan" state.

use crate::ui::format::{fixed2, sin_cos};
use leptos::prelude::*;

/// Radius and centre of the arc in the SVG's 120×70 box.
const R: f64 = 50.0;
const CX: f64 = 60.0;
const CY: f64 = 62.0;

/// The point at `fraction` (0–1) along the half-ring, from its left end over the top.
pub fn arc_point(fraction: f64) -> (f64, f64) {
    let angle = std::f64::consts::PI * (1.0 - fraction.clamp(0.0, 1.0));
    let (sin, cos) = sin_cos(angle);
    (CX + R * cos, CY - R * sin)
}

/// The SVG path of the arc from 0 to `fraction`, radius `r` (empty for 0).
pub fn arc_path(fraction: f64, r: f64) -> String {
    if fraction <= 0.0 {
        return String::new();
    }
    let angle = std::f64::consts::PI * (1.0 - fraction.clamp(0.0, 1.0));
    let (sin, cos) = sin_cos(angle);
    let (x, y) = (CX + r * cos, CY - r * sin);
    format!(
        "M {} {} A {r} {r} 0 0 1 {} {}",
        fixed2(CX - r),
        fixed2(CY),
        fixed2(x),
        fixed2(y),
        r = fixed2(r)
    )
}

/// What a gauge shows.
#[derive(Clone, Debug, PartialEq)]
pub struct GaugeData {
    /// Whose plan.
    pub name: String,
    /// Percent done in basis points; `None` for no plan.
    pub percent_bp: Option<u64>,
    /// Where the plan should be by today, basis points.
    pub pace_bp: u32,
    /// "1 200 000 ₽ of 2 000 000 ₽", or the won amount alone without a plan.
    pub amounts: String,
    /// "3 of 5 deals", if a number of deals was planned.
    pub deals: Option<String>,
    /// "Expected by today: 45%".
    pub pace_label: String,
    /// The accessible label.
    pub label: String,
    /// The big figure: the percent done in the locale's form (`40%`, `40 %`), or "No plan".
    pub percent_text: String,
}

/// The gauge; `on_open` runs when it is clicked (to list the won deals).
#[component]
pub fn Gauge(data: GaugeData, #[prop(optional)] on_open: Option<Callback<()>>) -> impl IntoView {
    let percent = data.percent_bp.map(|bp| bp as f64 / 10_000.0);
    let main = percent.map_or(0.0, |p| p.min(1.0));
    let over = percent.map_or(0.0, |p| (p - 1.0).clamp(0.0, 1.0));
    let pace = f64::from(data.pace_bp) / 10_000.0;
    let (px, py) = arc_point(pace);
    let (ix, iy) = (CX + (px - CX) * 0.78, CY + (py - CY) * 0.78);
    let percent_text = data.percent_text.clone();
    let state = match data.percent_bp {
        None => "no-plan",
        Some(bp) if bp > 10_000 => "over",
        Some(10_000) => "done",
        Some(_) => "under",
    };
    let behind = data
        .percent_bp
        .is_some_and(|bp| bp < u64::from(data.pace_bp));
    view! {
        <button
            type="button"
            class="gauge"
            data-state=state
            data-percent=data.percent_bp.map(|bp| (bp / 100).to_string()).unwrap_or_default()
            class:behind=behind
            on:click=move |_| {
                if let Some(cb) = on_open {
                    cb.run(());
                }
            }
        >
            // The name and percent are read from this line; the drawn ones are for the eye.
            <span class="gauge-name" aria-hidden="true">
                {data.name.clone()}
            </span>
            <span class="visually-hidden">{data.label.clone()}</span>
            <svg class="gauge-svg" viewBox="0 0 120 70" role="img" aria-hidden="true">
                <path class="gauge-track" d=arc_path(1.0, R)></path>
                <path class="gauge-fill" data-part="fill" d=arc_path(main, R)></path>
                <path class="gauge-over" data-part="over" d=arc_path(over, R - 9.0)></path>
                {data
                    .percent_bp
                    .is_some()
                    .then(|| {
                        view! {
                            <line
                                class="gauge-pace"
                                data-part="pace"
                                x1=fixed2(ix)
                                y1=fixed2(iy)
                                x2=fixed2(px)
                                y2=fixed2(py)
                            ></line>
                        }
                    })}
                <text class="gauge-percent" x="60" y="58" text-anchor="middle">
                    {percent_text}
                </text>
            </svg>
            <span class="gauge-amounts" data-part="amounts">
                {data.amounts.clone()}
            </span>
            {data.deals.clone().map(|d| view! { <span class="gauge-deals">{d}</span> })}
            {data
                .percent_bp
                .is_some()
                .then(|| view! { <span class="gauge-pace-label">{data.pace_label.clone()}</span> })}
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arcs_start_left_and_end_right() {
        assert_eq!(arc_path(0.0, R), "");
        assert_eq!(
            arc_path(1.0, R),
            "M 10.00 62.00 A 50.00 50.00 0 0 1 110.00 62.00"
        );
        assert_eq!(
            arc_path(0.5, R),
            "M 10.00 62.00 A 50.00 50.00 0 0 1 60.00 12.00"
        );
        let (x, y) = arc_point(0.25);
        assert!((x - 24.64).abs() < 0.01 && (y - 26.64).abs() < 0.01);
    }
}

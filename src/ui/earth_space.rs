//! The Earth-vs-space panel (C8): what the same compute costs on the ground and in orbit,
//! term by term from the level's parameters (each a link to the codex), the waits that
//! the world's state adds, both totals over the game with the crossover marked against
//! the claim's date, and what-if sliders that change the assumptions in the panel and
//! replay the next ten years from now under them in the background
//! ([`crate::whatif`]), drawn dashed beside the game's own record. No order is given.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui_plot::{Legend, Line, Plot, PlotPoints, VLine};

use super::codex::CodexWindow;
use crate::i18n::Tr;
use crate::sim::chips::ChipStock;
use crate::sim::clock::Date;
use crate::sim::compare::{Costs, Waits, per_gpu_year, waits};
use crate::sim::costs::{Learning, launch_usd_per_kg, satellite_usd_per_kw, solar_usd_per_w};
use crate::sim::datacenters::GroundCompute;
use crate::sim::derived::yield_multipliers;
use crate::sim::energy::Grid;
use crate::sim::limits::Limits;
use crate::sim::orbit::Orbit;
use crate::sim::orders::Policies;
use crate::sim::params::{P, Params};
use crate::sim::projects::Queues;
use crate::sim::record::{Figure, Sample, TimeSeries};
use crate::whatif::{Foreseen, WHAT_IF_YEARS, WhatIfAsked, WhatIfFuture};

/// C8's claim: space is the cheapest place for AI by January 2029.
pub const CLAIMED_PARITY_YEAR: f64 = 2029.0;

/// The first time space became the cheaper place and stayed so to the end of the record,
/// as a decimal year; `None` if the ground is cheaper now. A record that starts with
/// space cheaper gives its first year.
pub fn crossover(samples: &[Sample]) -> Option<f64> {
    let cheaper = |s: &Sample| s.get(Figure::SpaceUsdPerGpuYr) < s.get(Figure::GroundUsdPerGpuYr);
    if !samples.last().is_some_and(cheaper) {
        return None;
    }
    let last_dearer = samples.iter().rposition(|s| !cheaper(s));
    Some(match last_dearer {
        Some(i) => samples[i + 1].year(),
        None => samples[0].year(),
    })
}

/// The Earth-vs-space window: whether it is open.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct EarthSpaceWindow {
    /// Whether it is open.
    pub open: bool,
}

/// The panel's what-if values, starting from the level's.
#[derive(Debug, Clone, Default)]
pub(super) struct WhatIf {
    params: Option<Params>,
    ground_years: Option<f64>,
    /// The assumptions whose future was asked for last (empty: none).
    asked: Vec<(P, f64)>,
}

/// A wait in words: none, days, or months.
fn months(tr: &Tr, years: f64) -> String {
    if years <= 0.0 {
        tr.t("es-none")
    } else if years < 2.0 / 12.0 {
        tr.args("es-days", &[("n", format!("{:.0}", years * 365.0))])
    } else {
        tr.args("orders-months", &[("n", format!("{:.0}", years * 12.0))])
    }
}

/// One side's GPU-year term by term, each with its link to the codex, and the total.
fn table(
    ui: &mut egui::Ui,
    codex: &mut CodexWindow,
    tr: &Tr,
    (title, side): (&str, &str),
    terms: &[crate::sim::compare::Term],
) {
    ui.vertical(|ui| {
        ui.strong(title);
        egui::Grid::new(side).striped(true).show(ui, |ui| {
            for t in terms {
                ui.label(tr.t(&format!(
                    "term-{side}-{}",
                    t.param.def().name.replace('_', "-")
                )));
                ui.label(format!("${:.0}", t.usd));
                super::codex::link(ui, codex, tr, t.param.def().name);
                ui.end_row();
            }
            ui.strong(tr.t("es-gpu-year"));
            ui.strong(format!("${:.0}", terms.iter().map(|t| t.usd).sum::<f64>()));
            ui.end_row();
        });
    });
}

/// What the Earth-vs-space window reads and writes.
#[derive(SystemParam)]
pub(super) struct EarthSpaceParams<'w, 's> {
    contexts: EguiContexts<'w, 's>,
    window: ResMut<'w, EarthSpaceWindow>,
    codex: ResMut<'w, CodexWindow>,
    what_if: Local<'s, WhatIf>,
    params: Res<'w, Params>,
    grid: Res<'w, Grid>,
    ground: Res<'w, GroundCompute>,
    queues: Res<'w, Queues>,
    stock: Res<'w, ChipStock>,
    limits: Res<'w, Limits>,
    policies: Res<'w, Policies>,
    learning: Res<'w, Learning>,
    series: Res<'w, TimeSeries>,
    tr: Res<'w, Tr>,
    future: Option<Res<'w, WhatIfFuture>>,
    asks: MessageWriter<'w, WhatIfAsked>,
}

/// The Earth-vs-space window, while it is open; closing it forgets the what-ifs.
pub(super) fn earth_space_window(mut p: EarthSpaceParams) -> Result {
    if !p.window.open {
        if !p.what_if.asked.is_empty() {
            p.asks.write(WhatIfAsked(Vec::new()));
        }
        *p.what_if = WhatIf::default();
        return Ok(());
    }
    let ctx = p.contexts.ctx_mut()?.clone();
    let w: Waits = waits(
        &p.params,
        &p.grid,
        &p.ground,
        &p.queues,
        &p.stock,
        &p.limits,
        p.policies.launch_orbit,
    );
    let mut open = true;
    egui::Window::new(p.tr.t("es-title"))
        .id(egui::Id::new("earth_vs_space"))
        .open(&mut open)
        .default_size([600.0, 560.0])
        .show(&ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| contents(ui, &mut p, w));
        });
    p.window.open = open;
    Ok(())
}

/// The window's contents: today's costs and the verdict, the record with its crossover,
/// both sides term by term, the figures behind them, and the what-ifs.
fn contents(ui: &mut egui::Ui, p: &mut EarthSpaceParams, w: Waits) {
    let tr = &*p.tr;
    let orbit = p.policies.launch_orbit;
    let now: Costs = per_gpu_year(&p.params, &p.learning, w, orbit, p.grid.climate);
    let orbit_name = super::orbit(tr, orbit);
    verdict(ui, tr, &now, &orbit_name, (w, &*p.queues));
    let asked = &p.what_if.asked;
    let future = p.future.as_deref().filter(|_| !asked.is_empty());
    record(ui, tr, &p.series, future.and_then(|f| f.done.as_ref()));
    if let Some(f) = future {
        what_if_status(ui, tr, f);
    }
    ui.separator();
    let codex = &mut *p.codex;
    ui.horizontal_top(|ui| {
        table(
            ui,
            codex,
            tr,
            (&tr.t("es-on-ground"), "ground"),
            &now.ground,
        );
        ui.add_space(24.0);
        let title = tr.args("es-in-orbit", &[("orbit", orbit_name.clone())]);
        table(ui, codex, tr, (&title, "space"), &now.space);
    });
    ui.weak(tr.t("es-how"));
    figures_behind(ui, tr, &p.params, &p.learning);
    ui.separator();
    let climate = p.grid.climate;
    let what_if = &mut *p.what_if;
    let sim = (&*p.params, &*p.learning);
    let changes = what_ifs(ui, tr, what_if, sim, w, (orbit, &orbit_name, climate));
    if changes != what_if.asked {
        what_if.asked = changes.clone();
        p.asks.write(WhatIfAsked(changes));
    }
}

/// Where the what-if's future stands: being played, played (how long it took), or why it
/// could not be.
fn what_if_status(ui: &mut egui::Ui, tr: &Tr, f: &WhatIfFuture) {
    let years = format!("{WHAT_IF_YEARS:.0}");
    if let Some(e) = &f.error {
        ui.colored_label(egui::Color32::from_rgb(230, 159, 0), e);
    } else if f.busy() || f.done.as_ref().is_none_or(|d| d.changes != f.asked) {
        ui.weak(tr.args("es-future-playing", &[("years", years)]));
    } else if let Some(d) = &f.done {
        ui.weak(tr.args(
            "es-future-played",
            &[("years", years), ("secs", format!("{:.2}", d.secs))],
        ));
    }
}

/// A GPU-year now on the ground and in orbit, which is cheaper and by how much, and the
/// waits behind the costs.
fn verdict(
    ui: &mut egui::Ui,
    tr: &Tr,
    now: &Costs,
    orbit_name: &str,
    (w, queues): (Waits, &Queues),
) {
    let (g, s) = (now.ground_total(), now.space_total());
    let verdict = if s < g {
        tr.args(
            "es-space-cheaper",
            &[("pct", format!("{:.0}", (1.0 - s / g) * 100.0))],
        )
    } else {
        tr.args(
            "es-ground-cheaper",
            &[("pct", format!("{:.0}", (1.0 - g / s) * 100.0))],
        )
    };
    ui.heading(tr.args(
        "es-now",
        &[
            ("ground", format!("{g:.0}")),
            ("orbit", orbit_name.to_string()),
            ("space", format!("{s:.0}")),
            ("verdict", verdict),
        ],
    ));
    ui.label(tr.args(
        "es-waits",
        &[
            ("ground", months(tr, w.ground_years)),
            ("gw", format!("{:.1}", queues.turbines_waiting_gw)),
            ("launch", months(tr, w.space_years)),
        ],
    ));
}

/// Since when space has been the cheaper place (or that the ground still is), against
/// C8's date, and both costs over the game with the crossover and the claimed date marked.
fn record(ui: &mut egui::Ui, tr: &Tr, series: &TimeSeries, future: Option<&Foreseen>) {
    let cross = crossover(&series.samples);
    let claimed = Date::from_decimal_year(CLAIMED_PARITY_YEAR).to_string();
    match cross {
        Some(y) => ui.label(tr.args(
            "es-space-since",
            &[
                ("date", Date::from_decimal_year(y).to_string()),
                ("claimed", claimed),
            ],
        )),
        None => ui.label(tr.args("es-ground-still", &[("claimed", claimed)])),
    };
    Plot::new("earth_vs_space")
        .height(150.0)
        .legend(Legend::default())
        .show(ui, |plot| {
            for (i, (name, f)) in [
                (
                    tr.t("es-line-ground"),
                    (|s: &Sample| s.get(Figure::GroundUsdPerGpuYr)) as fn(&Sample) -> f64,
                ),
                (tr.t("es-line-space"), |s: &Sample| {
                    s.get(Figure::SpaceUsdPerGpuYr)
                }),
            ]
            .into_iter()
            .enumerate()
            {
                let pts: Vec<[f64; 2]> = series.samples.iter().map(|s| [s.year(), f(s)]).collect();
                let (color, marker) = super::look::line_mark(i);
                let marks = super::look::marker_points(&pts);
                plot.line(
                    Line::new(name.clone(), PlotPoints::from(pts))
                        .color(color)
                        .width(2.0),
                );
                if let Some(fut) = future {
                    let ahead: Vec<[f64; 2]> =
                        fut.samples.iter().map(|s| [s.year(), f(s)]).collect();
                    plot.line(
                        Line::new(
                            tr.args("es-line-what-if", &[("line", name.clone())]),
                            PlotPoints::from(ahead),
                        )
                        .color(color)
                        .width(2.0)
                        .style(egui_plot::LineStyle::dashed_loose()),
                    );
                }
                plot.points(
                    egui_plot::Points::new(name, PlotPoints::from(marks))
                        .shape(marker)
                        .color(color)
                        .radius(4.0),
                );
            }
            if let Some(y) = cross {
                plot.vline(VLine::new(tr.t("es-crossover"), y));
            }
            plot.vline(VLine::new(tr.t("es-parity-claimed"), CLAIMED_PARITY_YEAR));
        });
}

/// The figures behind the costs: the yield in orbit against the ground, and how far the
/// costs that learn have come down.
fn figures_behind(ui: &mut egui::Ui, tr: &Tr, params: &Params, learning: &Learning) {
    let per_kg = format!("{:.0}", launch_usd_per_kg(params, learning));
    let m = yield_multipliers(params);
    ui.label(tr.args(
        "es-yield",
        &[
            ("sso", format!("{:.1}", m.sso)),
            ("leo", format!("{:.1}", m.leo)),
            ("kg", per_kg.clone()),
            ("wkg", format!("{:.0}", params.get(P::SatelliteWPerKg))),
        ],
    ));
    ui.label(tr.args(
        "es-learn",
        &[
            ("flights", format!("{:.0}", learning.flights)),
            ("kg", per_kg),
            ("kg0", format!("{:.0}", params.get(P::LaunchUsdPerKg))),
            (
                "pct",
                format!("{:.0}", params.get(P::LaunchLearning) * 100.0),
            ),
            (
                "floor",
                format!("{:.0}", params.get(P::LaunchFloorUsdPerKg)),
            ),
            ("orbit", format!("{:.1}", learning.orbit_gw)),
            (
                "kw",
                format!("{:.0}", satellite_usd_per_kw(params, learning)),
            ),
            (
                "kw0",
                format!("{:.0}", params.get(P::SatelliteCostUsdPerKw)),
            ),
            ("solar", format!("{:.1}", learning.ground_solar_gw)),
            ("w", format!("{:.2}", solar_usd_per_w(params, learning))),
            ("w0", format!("{:.2}", params.get(P::SolarCostUsdPerW))),
        ],
    ));
}

/// The assumptions the what-if sliders move, with their ranges and whether the slider is
/// logarithmic.
const WHAT_IF_KEYS: [(P, f64, f64, bool); 7] = [
    (P::LaunchUsdPerKg, 300.0, 3000.0, true),
    (P::LaunchLearning, 0.05, 0.3, false),
    (P::SatelliteCostUsdPerKw, 5_000.0, 100_000.0, true),
    (P::GasUsdPerMmbtu, 2.0, 10.0, false),
    (P::SatelliteWPerKg, 20.0, 500.0, false),
    (P::TurbineCostUsdPerKw, 300.0, 5_000.0, false),
    (P::CostOfCapital, 0.0, 0.3, false),
];

/// The what-if sliders: the assumptions, and the wait for power on the ground, changed in
/// this window only, with the costs they give; reset goes back to the level's.
fn what_ifs(
    ui: &mut egui::Ui,
    tr: &Tr,
    what_if: &mut WhatIf,
    (params, learning): (&Params, &Learning),
    w: Waits,
    (orbit, orbit_name, climate): (Orbit, &str, crate::sim::datacenters::Climate),
) -> Vec<(P, f64)> {
    ui.strong(tr.t("es-what-if"));
    let p = what_if.params.get_or_insert_with(|| params.clone());
    for (key, lo, hi, log) in WHAT_IF_KEYS {
        let mut v = p.get(key);
        let d = key.def();
        if ui
            .add(
                egui::Slider::new(&mut v, lo..=hi)
                    .logarithmic(log)
                    .text(format!("{} ({})", d.name, super::unit(tr, d.unit))),
            )
            .changed()
        {
            p.set(key, v);
        }
    }
    let wait_years = what_if.ground_years.get_or_insert(w.ground_years);
    ui.add(egui::Slider::new(wait_years, 0.0..=4.0).text(tr.t("es-wait-slider")));
    let ground_years = *wait_years;
    let p = what_if.params.as_ref().unwrap_or(params);
    let alt = per_gpu_year(p, learning, Waits { ground_years, ..w }, orbit, climate);
    ui.label(tr.args(
        "es-with-these",
        &[
            ("ground", format!("{:.0}", alt.ground_total())),
            ("orbit", orbit_name.to_string()),
            ("space", format!("{:.0}", alt.space_total())),
        ],
    ));
    if ui.button(tr.t("es-reset")).clicked() {
        what_if.params = None;
        what_if.ground_years = None;
    }
    // The assumptions the sliders moved away from the game's: the future's.
    what_if.params.as_ref().map_or_else(Vec::new, |mine| {
        WHAT_IF_KEYS
            .iter()
            .map(|(key, ..)| (*key, mine.get(*key)))
            .filter(|(key, v)| *v != params.get(*key))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(year: f64, ground: f64, space: f64) -> Sample {
        let mut s = Sample::default();
        s.values[Figure::Year as usize] = year;
        s.values[Figure::GroundUsdPerGpuYr as usize] = ground;
        s.values[Figure::SpaceUsdPerGpuYr as usize] = space;
        s
    }

    #[test]
    fn the_crossover_is_when_space_became_cheaper_for_good() {
        assert_eq!(crossover(&[]), None);
        assert_eq!(crossover(&[s(2026.0, 1.0, 2.0), s(2027.0, 1.0, 2.0)]), None);
        assert_eq!(
            crossover(&[
                s(2026.0, 1.0, 2.0),
                s(2027.0, 3.0, 2.0),
                s(2028.0, 3.0, 2.0)
            ]),
            Some(2027.0)
        );
        // A dip back to the ground counts from the last switch.
        assert_eq!(
            crossover(&[
                s(2026.0, 3.0, 2.0),
                s(2027.0, 1.0, 2.0),
                s(2028.0, 3.0, 2.0)
            ]),
            Some(2028.0)
        );
        assert_eq!(crossover(&[s(2026.0, 3.0, 2.0)]), Some(2026.0));
    }
}

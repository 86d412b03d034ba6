//! The Earth-vs-space panel (C8): what the same compute costs on the ground and in orbit,
//! term by term from the level's parameters (each a link to the codex), the waits that
//! the world's state adds, both totals over the game with the crossover marked against
//! the claim's date, and what-if sliders that change the assumptions in the panel only.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui_plot::{Legend, Line, Plot, PlotPoints, VLine};

use super::{UiState, codex_link};
use crate::sim::chips::ChipStock;
use crate::sim::clock::Date;
use crate::sim::compare::{Costs, Waits, per_gpu_year, waits};
use crate::sim::costs::{Learning, launch_usd_per_kg, satellite_usd_per_kw, solar_usd_per_w};
use crate::sim::datacenters::GroundCompute;
use crate::sim::derived::space_vs_ground_yield;
use crate::sim::energy::Grid;
use crate::sim::limits::Limits;
use crate::sim::orbit::Orbit;
use crate::sim::orders::Policies;
use crate::sim::params::{P, Params};
use crate::sim::projects::Queues;
use crate::sim::record::{Figure, Sample, TimeSeries};

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

/// The panel's what-if values, starting from the level's.
#[derive(Debug, Clone, Default)]
pub(super) struct WhatIf {
    params: Option<Params>,
    ground_years: Option<f64>,
}

fn months(years: f64) -> String {
    if years <= 0.0 {
        "none".into()
    } else if years < 2.0 / 12.0 {
        format!("{:.0} days", years * 365.0)
    } else {
        format!("{:.0} months", years * 12.0)
    }
}

fn table(
    ui: &mut egui::Ui,
    ui_state: &mut UiState,
    title: &str,
    terms: &[crate::sim::compare::Term],
) {
    ui.vertical(|ui| {
        ui.strong(title);
        egui::Grid::new(title).striped(true).show(ui, |ui| {
            for t in terms {
                ui.label(t.what);
                ui.label(format!("${:.0}", t.usd));
                codex_link(ui, ui_state, t.param.def().name);
                ui.end_row();
            }
            ui.strong("a GPU-year");
            ui.strong(format!("${:.0}", terms.iter().map(|t| t.usd).sum::<f64>()));
            ui.end_row();
        });
    });
}

pub(super) fn earth_space_window(
    mut contexts: EguiContexts,
    mut ui_state: ResMut<UiState>,
    mut what_if: Local<WhatIf>,
    params: Res<Params>,
    state: (
        Res<Grid>,
        Res<GroundCompute>,
        Res<Queues>,
        Res<ChipStock>,
        Res<Limits>,
        Res<Policies>,
        Res<Learning>,
    ),
    series: Res<TimeSeries>,
) -> Result {
    if !ui_state.earth_space {
        *what_if = WhatIf::default();
        return Ok(());
    }
    let (grid, ground, queues, stock, limits, policies, learning) = state;
    let ctx = contexts.ctx_mut()?;
    let w: Waits = waits(&params, &grid, &ground, &queues, &stock, &limits);
    let mut open = true;
    egui::Window::new("Earth vs space")
        .open(&mut open)
        .default_size([600.0, 560.0])
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                let orbit = policies.launch_orbit;
                let now: Costs = per_gpu_year(&params, &learning, w, orbit);
                let (g, s) = (now.ground_total(), now.space_total());
                let verdict = if s < g {
                    format!("space is {:.0}% cheaper", (1.0 - s / g) * 100.0)
                } else {
                    format!("the ground is {:.0}% cheaper", (1.0 - g / s) * 100.0)
                };
                ui.heading(format!(
                    "A GPU-year now: ground ${g:.0} · {orbit:?} ${s:.0} — {verdict}"
                ));
                ui.label(format!(
                    "Waits the world adds: new ground power {} (turbines behind {:.1} GW on order, or a solar farm's study, permits and build); a launch {}.",
                    months(w.ground_years),
                    queues.turbines_waiting_gw,
                    months(w.space_years)
                ));
                let cross = crossover(&series.samples);
                match cross {
                    Some(y) => ui.label(format!(
                        "Space has been the cheaper place since {} (C8 claims by {}).",
                        Date::from_decimal_year(y),
                        Date::from_decimal_year(CLAIMED_PARITY_YEAR)
                    )),
                    None => ui.label(format!(
                        "The ground is still cheaper (C8 claims space by {}).",
                        Date::from_decimal_year(CLAIMED_PARITY_YEAR)
                    )),
                };
                Plot::new("earth_vs_space")
                    .height(150.0)
                    .legend(Legend::default())
                    .show(ui, |plot| {
                        for (name, f) in [
                            ("ground, $/GPU-year", (|s: &Sample| s.get(Figure::GroundUsdPerGpuYr)) as fn(&Sample) -> f64),
                            ("space, $/GPU-year", |s: &Sample| s.get(Figure::SpaceUsdPerGpuYr)),
                        ] {
                            let pts: Vec<[f64; 2]> =
                                series.samples.iter().map(|s| [s.year(), f(s)]).collect();
                            plot.line(Line::new(name, PlotPoints::from(pts)));
                        }
                        if let Some(y) = cross {
                            plot.vline(VLine::new("crossover", y));
                        }
                        plot.vline(VLine::new("C8: parity claimed", CLAIMED_PARITY_YEAR));
                    });
                ui.separator();
                ui.horizontal_top(|ui| {
                    table(ui, &mut ui_state, "On the ground", &now.ground);
                    ui.add_space(24.0);
                    table(ui, &mut ui_state, &format!("In {orbit:?}"), &now.space);
                });
                ui.label(format!(
                    "Yield: a solar watt in SSO makes {:.1}x what it makes on the ground, {:.1}x in LEO (C7). Launch: ${:.0}/kg at {:.0} W/kg of satellite.",
                    space_vs_ground_yield(&params, Orbit::Sso),
                    space_vs_ground_yield(&params, Orbit::Leo),
                    launch_usd_per_kg(&params, &learning),
                    params.get(P::SatelliteWPerKg)
                ));
                ui.label(format!(
                    "Costs learn (Wright's law, X3–X4): after {:.0} flights, ${:.0}/kg (from ${:.0}, -{:.0}% a doubling, floor ${:.0}); after {:.1} GW launched, satellites ${:.0}/kW (from ${:.0}); after {:.1} GW of ground solar built, ${:.2}/W (from ${:.2}).",
                    learning.flights,
                    launch_usd_per_kg(&params, &learning),
                    params.get(P::LaunchUsdPerKg),
                    params.get(P::LaunchLearning) * 100.0,
                    params.get(P::LaunchFloorUsdPerKg),
                    learning.orbit_gw,
                    satellite_usd_per_kw(&params, &learning),
                    params.get(P::SatelliteCostUsdPerKw),
                    learning.ground_solar_gw,
                    solar_usd_per_w(&params, &learning),
                    params.get(P::SolarCostUsdPerW),
                ));
                ui.separator();
                ui.strong("What if (this panel only; the level's values are unchanged)");
                let p = what_if.params.get_or_insert_with(|| params.clone());
                for (key, lo, hi, log) in [
                    (P::LaunchUsdPerKg, 300.0, 3000.0, true),
                    (P::LaunchLearning, 0.05, 0.3, false),
                    (P::SatelliteCostUsdPerKw, 5_000.0, 100_000.0, true),
                    (P::GasUsdPerMmbtu, 2.0, 10.0, false),
                    (P::SatelliteWPerKg, 20.0, 500.0, false),
                    (P::TurbineCostUsdPerKw, 300.0, 5_000.0, false),
                    (P::CostOfCapital, 0.0, 0.3, false),
                ] {
                    let mut v = p.get(key);
                    let d = key.def();
                    if ui
                        .add(
                            egui::Slider::new(&mut v, lo..=hi)
                                .logarithmic(log)
                                .text(format!("{} ({})", d.name, d.unit)),
                        )
                        .changed()
                    {
                        p.set(key, v);
                    }
                }
                let wait_years = what_if.ground_years.get_or_insert(w.ground_years);
                ui.add(
                    egui::Slider::new(wait_years, 0.0..=4.0)
                        .text("years waiting for ground power"),
                );
                let wait_years = *wait_years;
                let p = what_if.params.as_ref().unwrap_or(&params);
                let alt = per_gpu_year(
                    p,
                    &learning,
                    Waits {
                        ground_years: wait_years,
                        ..w
                    },
                    orbit,
                );
                ui.label(format!(
                    "With these: ground ${:.0} · {orbit:?} ${:.0} a GPU-year.",
                    alt.ground_total(),
                    alt.space_total()
                ));
                if ui.button("back to the level's values").clicked() {
                    what_if.params = None;
                    what_if.ground_years = None;
                }
            });
        });
    ui_state.earth_space = open;
    Ok(())
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

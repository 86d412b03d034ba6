//! The codex: every parameter in use with its value, unit and claim, the claim's words
//! from `MODEL.md`, and the derived figures where the claims and physics meet.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::UiState;
use crate::level::CurrentLevel;
use crate::sim::datacenters::Climate;
use crate::sim::derived;
use crate::sim::orbit::Orbit;
use crate::sim::params::{CATALOGUE, P, Params};

/// The model, shipped with the game so every number can show its source.
const MODEL: &str = include_str!("../../assets/codex/MODEL.md");

/// A claim, constant or extension (`X<n>`) row of `MODEL.md`: (id, the rest of its table row).
pub fn claim_rows() -> Vec<(&'static str, String)> {
    MODEL
        .lines()
        .filter(|l| l.starts_with("|C") || l.starts_with("|K") || l.starts_with("|X"))
        .filter_map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').collect();
            let id = cells.first()?.trim();
            let text = cells[1..]
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty() && *c != "—")
                .collect::<Vec<_>>()
                .join(" · ")
                // The default font has no check marks.
                .replace('✓', "(checks out)")
                .replace('✗', "(off)");
            Some((id, text))
        })
        .collect()
}

/// The claim's words for `id`, if `MODEL.md` has it.
pub fn claim_text(id: &str) -> Option<String> {
    claim_rows()
        .into_iter()
        .find(|(i, _)| *i == id)
        .map(|(_, t)| t)
}

/// Derived figures: what the game computes, next to what the claim said.
pub fn derived_rows(params: &Params) -> Vec<(&'static str, String, &'static str)> {
    vec![
        (
            "C7",
            format!(
                "{:.1}x in a dawn–dusk orbit, {:.1}x in low orbit",
                derived::space_vs_ground_yield(params, Orbit::Sso),
                derived::space_vs_ground_yield(params, Orbit::Leo)
            ),
            "claim: about 5x; both rated at 1,000 W/m² and hot cells derated (X8), less; less again where the orbit passes through Earth's shadow",
        ),
        (
            "X9",
            format!(
                "GEO: {:.1} km/s at Isp {:.0} s is a mass ratio of {:.2}: {:.0} t of propellant in low orbit for {:.0} t, {:.1} tanker loads (the game flies {:.0}); SSO carries {:.0}% of LEO's payload",
                params.get(P::GeoDeltaVKmS),
                params.get(P::ShipIspS),
                derived::geo_mass_ratio(params),
                derived::geo_propellant_t(params),
                params.get(P::PayloadT),
                derived::geo_tanker_loads(params),
                params.get(P::GeoTankerFlights).round(),
                params.get(P::SsoPayloadFraction) * 100.0
            ),
            "rocket equation: no orbit is free; GEO's sunlight costs its tankers",
        ),
        (
            "X11",
            {
                let (refine, throw) = derived::lunar_kwh_per_kg(params);
                format!(
                    "{refine:.1} kWh/kg to refine + {throw:.2} kWh/kg to throw; a flat lunar panel averages {:.2} of noon over the day",
                    crate::sim::moon::lunar_day_mean_sine()
                )
            },
            "the driver's ½v² is the small term; the Moon's night stops the refinery without storage",
        ),
        (
            "C15",
            format!(
                "{:.2} kW of generation per GPU on a hot site; 330k GPUs need {:.2} GW",
                derived::generation_per_gpu_kw(params, Climate::Hot),
                derived::generation_for_gpus_gw(params, 330_000.0)
            ),
            "claim: 330,000 GB300s need about 1 GW (checks out)",
        ),
        (
            "C20",
            format!(
                "{:.0} flights a ship a year",
                derived::flights_per_ship_per_year(params)
            ),
            "claim: 10,000 flights need 20–30 ships; the arithmetic says about 34 (slightly off)",
        ),
        (
            "C23",
            format!(
                "{:.2e} of the Sun's output reaches Earth",
                derived::earth_share_of_sunlight()
            ),
            "claim: one five-hundred-millionth (2e-9) — 4.4x too high (off)",
        ),
        (
            "C24",
            format!(
                "a millionth of the Sun is {:.2e} times today's electricity",
                derived::millionth_of_sun_over_world_electricity()
            ),
            "claim: 100,000x — the ratio is about 1e8 (off)",
        ),
        (
            "C25",
            format!(
                "rocket methane {:.0} MJ/kg vs mass driver {:.1} MJ/kg: {:.0}x",
                derived::launch_energy_mj_per_kg(params),
                crate::sim::moon::driver_mj_per_kg(params),
                derived::rocket_over_driver_energy(params)
            ),
            "the Moon launches for about a hundredth of the energy",
        ),
        (
            "K16",
            format!(
                "a millionth of the Sun is Kardashev {:.2}",
                derived::kardashev(crate::sim::constants::SUN_LUMINOSITY_W * 1e-6)
            ),
            "today's world: 0.73",
        ),
    ]
}

/// The walls this game has hit, beside the argument's order (power → launch → chips),
/// saying where the model disagrees and why, in the sim's own figures.
pub fn walls_text(walls: &crate::sim::limits::Walls) -> Vec<String> {
    use crate::sim::limits::{ARGUMENT, against_argument};
    let argument: Vec<&str> = ARGUMENT.iter().map(|w| w.label()).collect();
    let mut out = vec![format!(
        "The argument (MODEL.md section 5): growth hits {} in that order.",
        argument.join(", then ")
    )];
    if walls.history.is_empty() {
        out.push("This game: no wall yet (the first shows after 60 days).".into());
        return out;
    }
    out.push(format!("This game: {}.", walls.summary()));
    for e in &walls.history {
        out.push(format!("{} from {:.2}: {}.", e.wall.label(), e.year, e.why));
    }
    out.push(match against_argument(&walls.sequence()) {
        Ok(()) => "So far the walls come in the argument's order.".into(),
        Err((a, b)) => format!(
            "Here the model disagrees with the argument: {a} came before {b}. The figures above \
             say why: when {a} bound, {b} still had room.",
            a = a.label(),
            b = b.label()
        ),
    });
    out
}

fn walls_section(ui: &mut egui::Ui, walls: &crate::sim::limits::Walls) {
    ui.heading("The walls so far");
    for (i, line) in walls_text(walls).into_iter().enumerate() {
        if i == 0 {
            ui.weak(line);
        } else {
            ui.label(line);
        }
    }
}

pub(super) fn codex_window(
    mut contexts: EguiContexts,
    params: Res<Params>,
    level: Option<Res<CurrentLevel>>,
    walls: Option<Res<crate::sim::limits::Walls>>,
    mut ui_state: ResMut<UiState>,
    branches: Option<NonSend<crate::branch::Branches>>,
) -> Result {
    if !ui_state.codex {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let mut open = true;
    let overridden: Vec<P> = level
        .as_ref()
        .map(|l| l.0.overridden.clone())
        .unwrap_or_default();
    let assumptions = level
        .as_ref()
        .map(|l| crate::report::assumption_diff(&l.0, None))
        .unwrap_or_default();
    let mut filter = std::mem::take(&mut ui_state.codex_filter);
    egui::Window::new("Codex")
        .open(&mut open)
        .default_size([640.0, 520.0])
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label("search");
                ui.text_edit_singleline(&mut filter);
            });
            let f = filter.to_lowercase();
            egui::ScrollArea::vertical().show(ui, |ui| {
                if let Some(walls) = &walls
                    && f.is_empty()
                {
                    walls_section(ui, walls);
                    ui.separator();
                }
                if f.is_empty() && !assumptions.is_empty() {
                    ui.heading("This level's assumptions");
                    ui.weak(
                        "What the level sets away from the model's defaults (terawatt diff LEVEL).",
                    );
                    egui::Grid::new("assumptions").striped(true).show(ui, |ui| {
                        for h in ["parameter", "claim", "default", "here", "range"] {
                            ui.strong(h);
                        }
                        ui.end_row();
                        for r in &assumptions {
                            ui.label(r.name);
                            ui.label(r.claim);
                            ui.label(format!("{}", r.default));
                            ui.colored_label(
                                egui::Color32::from_rgb(255, 200, 80),
                                format!("{} {}", r.first, r.unit),
                            );
                            ui.weak(format!("{}–{}", r.range.0, r.range.1));
                            ui.end_row();
                        }
                    });
                    ui.separator();
                }
                // Each branch's assumptions, beside the level's value.
                let branched: Vec<(String, Vec<(P, f64)>)> = branches
                    .iter()
                    .flat_map(|b| b.list.iter())
                    .map(|b| (b.name.clone(), b.changes()))
                    .filter(|(_, c)| !c.is_empty())
                    .collect();
                if f.is_empty() && !branched.is_empty() {
                    ui.heading("The branches' assumptions");
                    egui::Grid::new("branch_assumptions")
                        .striped(true)
                        .show(ui, |ui| {
                            for h in [
                                "branch",
                                "parameter",
                                "claim",
                                "default",
                                "the game",
                                "branch",
                                "range",
                            ] {
                                ui.strong(h);
                            }
                            ui.end_row();
                            for (name, changes) in &branched {
                                for (p, v) in changes {
                                    let d = p.def();
                                    ui.label(name);
                                    ui.label(d.name);
                                    ui.label(d.claim);
                                    ui.label(format!("{}", d.default));
                                    ui.label(format!("{} {}", params.get(*p), d.unit));
                                    ui.colored_label(
                                        egui::Color32::from_rgb(140, 200, 255),
                                        format!("{v} {}", d.unit),
                                    );
                                    ui.weak(format!("{}–{}", d.min, d.max));
                                    ui.end_row();
                                }
                            }
                        });
                    ui.separator();
                }
                ui.heading("Where the claims and physics meet");
                for (id, figure, note) in derived_rows(&params) {
                    if !f.is_empty() && !format!("{id} {figure} {note}").to_lowercase().contains(&f)
                    {
                        continue;
                    }
                    ui.horizontal_wrapped(|ui| {
                        ui.strong(id);
                        ui.label(figure);
                    });
                    ui.weak(note);
                }
                ui.separator();
                ui.heading("Parameters");
                for (i, d) in CATALOGUE.iter().enumerate() {
                    let claim = claim_text(d.claim).unwrap_or_default();
                    let hay = format!("{} {} {} {}", d.name, d.claim, d.doc, claim).to_lowercase();
                    if !f.is_empty() && !hay.contains(&f) {
                        continue;
                    }
                    let key = crate::sim::params::ALL[i];
                    let set_by_level = overridden.contains(&key);
                    ui.horizontal_wrapped(|ui| {
                        ui.strong(d.name);
                        ui.label(format!("= {} {}", params.get(key), d.unit));
                        if set_by_level {
                            ui.colored_label(
                                egui::Color32::from_rgb(255, 200, 80),
                                "set by this level",
                            );
                        }
                        ui.weak(format!(
                            "(default {}, range {}–{})",
                            d.default, d.min, d.max
                        ));
                    });
                    ui.label(d.doc);
                    ui.weak(format!("{}: {claim}", d.claim));
                    ui.add_space(4.0);
                }
            });
        });
    ui_state.codex_filter = filter;
    ui_state.codex = open;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parameter_has_its_claim_in_the_model() {
        for d in CATALOGUE {
            assert!(
                claim_text(d.claim).is_some(),
                "{} cites {}, not in MODEL.md",
                d.name,
                d.claim
            );
        }
        assert!(claim_text("C15").unwrap().contains("330"));
    }
}

//! The codex: every parameter in use with its value, unit and claim, the claim's words
//! from the shipped `assets/codex/MODEL.md`, and the derived figures where the claims and
//! physics meet.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use crate::i18n::{Lang, Tr};
use crate::level::CurrentLevel;
use crate::sim::datacenters::Climate;
use crate::sim::derived;
use crate::sim::orbit::Orbit;
use crate::sim::params::{CATALOGUE, P, ParamDef, Params};

/// The codex window: whether it is open, and what it searches for.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct CodexWindow {
    /// Whether it is open.
    pub open: bool,
    /// The search text.
    pub filter: String,
}

impl CodexWindow {
    /// Opens the codex searching for `search`.
    pub fn open_on(&mut self, search: &str) {
        self.open = true;
        self.filter = search.to_string();
    }
}

/// A small "?" that opens the codex on `search` (a parameter's name, a claim id or a
/// word), with the search as its hover text.
pub(crate) fn link(ui: &mut egui::Ui, codex: &mut CodexWindow, tr: &Tr, search: &str) {
    let hover = tr.args("codex-link", &[("search", search.to_string())]);
    let r = ui.small_button("?").on_hover_text(&hover);
    super::speech::name(&r, hover);
    if r.clicked() {
        codex.open_on(search);
    }
}

/// The model, shipped with the game so every number can show its source.
const MODEL: &str = include_str!("../../assets/codex/MODEL.md");

/// A claim, constant or added cost (`X<n>`) row of `assets/codex/MODEL.md`: (id, the
/// rest of its row).
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

/// The claim's words for `id`, if `assets/codex/MODEL.md` has it.
pub fn claim_text(id: &str) -> Option<String> {
    claim_rows()
        .into_iter()
        .find(|(i, _)| *i == id)
        .map(|(_, t)| t)
}

/// Derived figures in `lang`: (the claim or constant, the figure, the note), the words from
/// the codex message files (`derived-<n>-figure`, `derived-<n>-note`).
pub fn derived_rows_in(params: &Params, lang: Lang) -> Vec<(&'static str, String, String)> {
    let w = crate::i18n::words();
    space_figures(params)
        .into_iter()
        .chain(earth_and_sun_figures(params))
        .chain(orbit_figures(params))
        .chain(moon_and_robot_figures(params))
        .enumerate()
        .map(|(n, (id, values))| {
            let names = ["a", "b", "c", "d", "e", "f", "g", "h"];
            let args: Vec<(&str, String)> = names.iter().copied().zip(values).collect();
            (
                id,
                w.args_in(lang, &format!("derived-{n}-figure"), &args),
                w.args_in(lang, &format!("derived-{n}-note"), &[]),
            )
        })
        .collect()
}

/// The derived figures of space and the Moon (C7, X9, X11), each claim's values in the
/// order its message uses them.
fn space_figures(params: &Params) -> [(&'static str, Vec<String>); 3] {
    let (refine, throw) = derived::lunar_kwh_per_kg(params);
    [
        ("C7", {
            let m = derived::yield_multipliers(params);
            vec![
                format!("{:.1}", m.sso),
                format!("{:.1}", m.leo),
                format!("{:.1}", m.sso_vs_seed),
                format!("{:.1}", m.leo_vs_seed),
                format!("{:.0}", derived::SEED_CAPACITY_FACTOR * 100.0),
            ]
        }),
        (
            "X9",
            vec![
                format!("{:.1}", params.get(P::GeoDeltaVKmS)),
                format!("{:.0}", params.get(P::ShipIspS)),
                format!("{:.2}", derived::geo_mass_ratio(params)),
                format!("{:.0}", derived::geo_propellant_t(params)),
                format!("{:.0}", params.get(P::PayloadT)),
                format!("{:.1}", derived::geo_tanker_loads(params)),
                format!("{:.0}", params.get(P::GeoTankerFlights).round()),
                format!("{:.0}", params.get(P::SsoPayloadFraction) * 100.0),
            ],
        ),
        (
            "X11",
            vec![
                format!("{refine:.1}"),
                format!("{throw:.2}"),
                format!("{:.2}", crate::sim::moon::lunar_day_mean_sine()),
            ],
        ),
    ]
}

/// The eclipse in low orbit against a dawn–dusk orbit, with no storage in either: a
/// satellite's mass per GPU and per GPU computing around the clock, and its arrays' fading
/// (K6, K9), each value in the order its message uses them.
fn orbit_figures(params: &Params) -> [(&'static str, Vec<String>); 1] {
    let (dark, period) = derived::leo_eclipse_minutes();
    [(
        "K6",
        vec![
            format!("{dark:.0}"),
            format!("{period:.0}"),
            format!("{:.0}", Orbit::Leo.sunlit_fraction() * 100.0),
            format!("{:.1}", crate::sim::launch::satellite_kg_per_gpu(params)),
            format!(
                "{:.1}",
                derived::satellite_kg_per_gpu_computing(params, Orbit::Leo)
            ),
            format!("{:.0}", Orbit::Sso.sunlit_fraction() * 100.0),
            format!(
                "{:.1}",
                derived::satellite_kg_per_gpu_computing(params, Orbit::Sso)
            ),
            format!("{:.1}", params.get(P::ArrayDegradation) * 100.0),
        ],
    )]
}

/// What the Moon's works take by either route, landed or made there (X10, X11), and the
/// public grid's night robots charge from (C46), each value in the order its message uses
/// them.
fn moon_and_robot_figures(params: &Params) -> [(&'static str, Vec<String>); 2] {
    let w = derived::lunar_works_cost(params);
    let (offpeak_gw, robots) = derived::offpeak_robots(params);
    let (power_usd, labour_usd) = derived::robot_year_power_and_labour_usd(params);
    [
        (
            "X10",
            vec![
                format!("{:.0}", w.mass_t),
                format!("{:.0}", params.get(P::MassDriverTPerTH)),
                format!("{:.0}", w.landings),
                format!("{:.0}", w.flights),
                format!("{:.1}", w.robot_hours / 1e6),
                format!("{:.0}", w.soil_t),
                format!("{:.0}", w.refining_gwh),
            ],
        ),
        (
            "C46",
            vec![
                format!("{:.0}", params.get(P::EdgeOffpeakShare) * 100.0),
                format!("{:.0}", params.get(P::PublicGridGw)),
                format!("{offpeak_gw:.0}"),
                format!("{:.0}", robots / 1e6),
                format!("{:.0}", params.get(P::OffpeakUsdPerKwh) * 100.0),
                format!("{power_usd:.0}"),
                format!("{labour_usd:.0}"),
                format!("{:.0}", params.get(P::RobotLifeYears)),
            ],
        ),
    ]
}

/// The derived figures of the ground, the flights and the Sun (C15, C20, C23, C24, C25,
/// K16), each claim's values in the order its message uses them.
fn earth_and_sun_figures(params: &Params) -> [(&'static str, Vec<String>); 6] {
    [
        (
            "C15",
            vec![
                format!(
                    "{:.2}",
                    derived::generation_per_gpu_kw(params, Climate::Hot)
                ),
                format!("{:.2}", derived::generation_for_gpus_gw(params, 330_000.0)),
            ],
        ),
        (
            "C20",
            vec![format!("{:.0}", derived::flights_per_ship_per_year(params))],
        ),
        (
            "C23",
            vec![format!("{:.2e}", derived::earth_share_of_sunlight())],
        ),
        (
            "C24",
            vec![format!(
                "{:.2e}",
                derived::millionth_of_sun_over_world_electricity()
            )],
        ),
        (
            "C25",
            vec![
                format!("{:.0}", derived::launch_energy_mj_per_kg(params)),
                format!("{:.1}", crate::sim::moon::driver_mj_per_kg(params)),
                format!("{:.0}", derived::rocket_over_driver_energy(params)),
            ],
        ),
        (
            "K16",
            vec![format!(
                "{:.2}",
                derived::kardashev(crate::sim::constants::SUN_LUMINOSITY_W * 1e-6)
            )],
        ),
    ]
}

/// The walls this game has hit, beside the argument's order (power → launch → chips),
/// saying where the model disagrees and why, in the sim's own figures.
pub fn walls_text(walls: &crate::sim::limits::Walls) -> Vec<String> {
    walls_text_in(walls, crate::i18n::words())
}

/// [`walls_text`] in `tr`'s language.
pub fn walls_text_in(walls: &crate::sim::limits::Walls, tr: &Tr) -> Vec<String> {
    use crate::sim::limits::{ARGUMENT, against_argument};
    let argument: Vec<String> = ARGUMENT.iter().map(|w| super::wall(tr, *w)).collect();
    let mut out = vec![tr.args(
        "codex-argument",
        &[("walls", argument.join(&tr.t("walls-then")))],
    )];
    out.push(tr.t("codex-walls-how"));
    if walls.history.is_empty() {
        out.push(tr.t("codex-no-wall"));
        return out;
    }
    out.push(tr.args(
        "codex-this-game",
        &[("walls", super::walls_summary(tr, walls))],
    ));
    for e in &walls.history {
        out.push(tr.args(
            "codex-wall-from",
            &[
                ("wall", super::wall(tr, e.wall)),
                ("year", format!("{:.2}", e.year)),
                ("why", e.why.get(tr.lang).to_string()),
            ],
        ));
    }
    out.push(match against_argument(&walls.sequence()) {
        Ok(()) => tr.t("codex-in-order"),
        Err((a, b)) => tr.args(
            "codex-disagrees",
            &[("a", super::wall(tr, a)), ("b", super::wall(tr, b))],
        ),
    });
    out
}

/// The walls this game has hit, beside the argument's order.
fn walls_section(ui: &mut egui::Ui, tr: &Tr, walls: &crate::sim::limits::Walls) {
    ui.heading(tr.t("codex-walls"));
    for (i, line) in walls_text_in(walls, tr).into_iter().enumerate() {
        if i == 0 {
            ui.weak(line);
        } else {
            ui.label(line);
        }
    }
}

/// The codex window, while it is open: the search, then (with no search) the walls and
/// the assumptions the level and the branches change, then the derived figures and every
/// parameter that match the search.
pub(super) fn codex_window(
    mut contexts: EguiContexts,
    params: Res<Params>,
    level: Option<Res<CurrentLevel>>,
    walls: Option<Res<crate::sim::limits::Walls>>,
    mut window: ResMut<CodexWindow>,
    branches: Option<NonSend<crate::branch::Branches>>,
    tr: Res<Tr>,
) -> Result {
    if !window.open {
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
    let mut filter = std::mem::take(&mut window.filter);
    egui::Window::new(tr.t("codex-title"))
        .id(egui::Id::new("codex"))
        .open(&mut open)
        .default_size([640.0, 520.0])
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label(tr.t("codex-search"));
                // Named by its label, for a screen reader.
                let _ = ui.text_edit_singleline(&mut filter).labelled_by(label.id);
            });
            let f = filter.to_lowercase();
            egui::ScrollArea::vertical().show(ui, |ui| {
                if f.is_empty() {
                    if let Some(walls) = &walls {
                        walls_section(ui, &tr, walls);
                        ui.separator();
                    }
                    level_assumptions(ui, &tr, &assumptions);
                    branch_assumptions(ui, &tr, &params, branches.as_deref());
                }
                derived_section(ui, &tr, &params, &f);
                ui.separator();
                ui.heading(tr.t("codex-parameters"));
                for (i, d) in CATALOGUE.iter().enumerate() {
                    let key = crate::sim::params::ALL[i];
                    parameter_entry(ui, &tr, &params, (d, key), overridden.contains(&key), &f);
                }
            });
        });
    window.filter = filter;
    window.open = open;
    Ok(())
}

/// The assumptions the level sets away from the model's defaults, if it sets any.
fn level_assumptions(ui: &mut egui::Ui, tr: &Tr, assumptions: &[crate::report::DiffRow]) {
    if assumptions.is_empty() {
        return;
    }
    ui.heading(tr.t("codex-level-assumptions"));
    ui.weak(tr.t("codex-level-assumptions-note"));
    egui::Grid::new("assumptions").striped(true).show(ui, |ui| {
        for h in [
            "codex-h-parameter",
            "codex-h-claim",
            "codex-h-default",
            "codex-h-here",
            "codex-h-range",
        ] {
            ui.strong(tr.t(h));
        }
        ui.end_row();
        for r in assumptions {
            ui.label(r.name);
            ui.label(r.claim);
            ui.label(format!("{}", r.default));
            ui.colored_label(
                egui::Color32::from_rgb(255, 200, 80),
                format!("{} {}", r.first, super::unit(tr, r.unit)),
            );
            ui.weak(format!("{}–{}", r.range.0, r.range.1));
            ui.end_row();
        }
    });
    ui.separator();
}

/// Each branch's assumptions beside the game's value, if a branch changes any.
fn branch_assumptions(
    ui: &mut egui::Ui,
    tr: &Tr,
    params: &Params,
    branches: Option<&crate::branch::Branches>,
) {
    let branched: Vec<(String, Vec<(P, f64)>)> = branches
        .iter()
        .flat_map(|b| b.list.iter())
        .map(|b| (b.name.clone(), b.changes()))
        .filter(|(_, c)| !c.is_empty())
        .collect();
    if branched.is_empty() {
        return;
    }
    ui.heading(tr.t("codex-branch-assumptions"));
    egui::Grid::new("branch_assumptions")
        .striped(true)
        .show(ui, |ui| {
            for h in [
                "codex-h-branch",
                "codex-h-parameter",
                "codex-h-claim",
                "codex-h-default",
                "codex-h-game",
                "codex-h-branch",
                "codex-h-range",
            ] {
                ui.strong(tr.t(h));
            }
            ui.end_row();
            for (name, changes) in &branched {
                for (p, v) in changes {
                    let d = p.def();
                    ui.label(name);
                    ui.label(d.name);
                    ui.label(d.claim);
                    ui.label(format!("{}", d.default));
                    ui.label(format!("{} {}", params.get(*p), super::unit(tr, d.unit)));
                    ui.colored_label(
                        egui::Color32::from_rgb(140, 200, 255),
                        format!("{v} {}", super::unit(tr, d.unit)),
                    );
                    ui.weak(format!("{}–{}", d.min, d.max));
                    ui.end_row();
                }
            }
        });
    ui.separator();
}

/// The derived figures whose claim, figure or note holds the search `f` (all of them with
/// no search).
fn derived_section(ui: &mut egui::Ui, tr: &Tr, params: &Params, f: &str) {
    ui.heading(tr.t("codex-derived"));
    for (id, figure, note) in derived_rows_in(params, tr.lang) {
        if !f.is_empty() && !format!("{id} {figure} {note}").to_lowercase().contains(f) {
            continue;
        }
        ui.horizontal_wrapped(|ui| {
            ui.strong(id);
            ui.label(figure);
        });
        ui.weak(note);
    }
}

/// A parameter, if the search `f` finds it in its name, claim or words (in English, this
/// language and the seed's): its value (marked when the level sets it), default and
/// range, what it is, and its claim's words.
fn parameter_entry(
    ui: &mut egui::Ui,
    tr: &Tr,
    params: &Params,
    (d, key): (&ParamDef, P),
    set_by_level: bool,
    f: &str,
) {
    let claim = claim_text(d.claim).unwrap_or_default();
    let doc = tr.t(&format!("param-{}", d.name.replace('_', "-")));
    let claim_here = tr.t(&format!("claim-{}", d.claim.to_lowercase()));
    let seed = crate::i18n::seed_words(d.claim);
    let hay = format!(
        "{} {} {} {} {doc} {claim_here} {}",
        d.name,
        d.claim,
        d.doc,
        claim,
        seed.unwrap_or_default()
    )
    .to_lowercase();
    if !f.is_empty() && !hay.contains(f) {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.strong(d.name);
        ui.label(format!("= {} {}", params.get(key), super::unit(tr, d.unit)));
        if set_by_level {
            ui.colored_label(
                egui::Color32::from_rgb(255, 200, 80),
                tr.t("codex-set-by-level"),
            );
        }
        ui.weak(tr.args(
            "codex-default-range",
            &[
                ("default", d.default.to_string()),
                ("min", d.min.to_string()),
                ("max", d.max.to_string()),
            ],
        ));
    });
    ui.label(doc);
    if tr.lang == Lang::En {
        ui.weak(format!("{}: {claim}", d.claim));
    } else {
        // The claim in this language, the seed's own words, and the English form beside
        // them.
        ui.weak(format!("{}: {claim_here}", d.claim));
        if let Some(words) = seed {
            ui.label(
                egui::RichText::new(tr.args("codex-seed", &[("words", words.to_string())]))
                    .italics(),
            );
        }
        ui.weak(format!("EN: {claim}"));
    }
    ui.add_space(4.0);
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
        // The English claim in the message files is MODEL.md's own words.
        for d in CATALOGUE {
            let words = crate::i18n::words().t(&format!("claim-{}", d.claim.to_lowercase()));
            assert!(
                claim_text(d.claim).unwrap().contains(&words),
                "{}: `{words}` is not MODEL.md's text",
                d.claim
            );
        }
    }
}

//! What binds now (with a button to the order that relieves it), the inspector, the
//! goals, the lesson, the level's messages, and the charts.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui_plot::{Legend, Line, Plot, PlotPoints};

use super::{Tab, UiState};
use crate::i18n::Tr;
use crate::level::script::{GoalState, MessageLog, PointAt, Script};
use crate::screen::Selection;
use crate::sim::chips::FabKind;
use crate::sim::datacenters::GroundDatacenter;
use crate::sim::launch::{Flight, LaunchSite, Pad, Ship};
use crate::sim::limits::{Constraint, Limits};
use crate::sim::moon::LunarBase;
use crate::sim::orbit::OrbitalDatacenter;
use crate::sim::record::{Figure, Sample, TimeSeries};
use crate::sim::robots::RobotFactory;

/// The order (tab and action) that relieves a constraint, if one does.
fn relief(c: Constraint) -> Option<(Tab, &'static str)> {
    Some(match c {
        Constraint::Power | Constraint::Turbines | Constraint::Permits => {
            (Tab::Build, "build:turbines")
        }
        Constraint::Datacenters => (Tab::Build, "build:datacenter"),
        Constraint::BurnInPower => (Tab::Build, "build:solar_farm"),
        Constraint::Logic | Constraint::Memory => (Tab::Build, "build:fab"),
        Constraint::Capital => (Tab::Research, "research:ipo"),
        Constraint::Ships | Constraint::Tankers => (Tab::Build, "build:ship"),
        Constraint::Pads => (Tab::Build, "build:pad"),
        Constraint::Payload => (Tab::Policies, "policy:space_share"),
        Constraint::Mining => (Tab::Policies, "policy:robots_to_moon"),
        Constraint::Works => (Tab::Build, "build:lunar_works"),
        Constraint::MassDriver => (Tab::Build, "build:mass_driver"),
        Constraint::LunarPower => (Tab::Policies, "policy:lunar_reinvest"),
        Constraint::FactoryLines => (Tab::Build, "build:robot_factory"),
        Constraint::Methane | Constraint::Demand | Constraint::NotStarted => return None,
    })
}

pub(super) fn side_panel(
    mut contexts: EguiContexts,
    limits: Res<Limits>,
    walls: Res<crate::sim::limits::Walls>,
    selection: Res<Selection>,
    mut ui_state: ResMut<UiState>,
    sites: Query<&LaunchSite>,
    pads: Query<&Pad>,
    ships: Query<&Ship>,
    halls: Query<&GroundDatacenter>,
    cohorts: Query<&OrbitalDatacenter>,
    flights: Query<&Flight>,
    bases: Query<&LunarBase>,
    factories: Query<&RobotFactory>,
    clock: Res<crate::sim::clock::GameClock>,
    mut closeups: MessageWriter<crate::screen::CloseupRequest>,
    tr: Res<Tr>,
) -> Result {
    use crate::screen::{CloseupRequest, SceneKind};
    if ui_state.panels_hidden {
        ui_state.right_w = 0.0;
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let mut root = super::region(ctx, ui_state.top_h, ui_state.bottom_h, "right_region");
    if ui_state.right_folded {
        let (w, open) = super::strip(&mut root, "binds_strip", false, &tr.t("binds-show"));
        ui_state.right_w = w;
        ui_state.right_folded = !open;
        return Ok(());
    }
    let panel = egui::Panel::right("binds")
        .default_size(320.0)
        .show(&mut root, |ui| {
            ui.horizontal(|ui| {
                if super::fold_button(ui, false, &tr, &tr.t("binds-fold")) {
                    ui_state.right_folded = true;
                }
                ui.heading(tr.t("binds-title"));
            });
            ui.horizontal_wrapped(|ui| {
                ui.label(tr.t("binds-wall"));
                match walls.now {
                    Some(w) => {
                        ui.colored_label(
                            egui::Color32::from_rgb(255, 120, 80),
                            super::wall(&tr, w),
                        );
                    }
                    None => {
                        ui.weak(tr.t("binds-wall-unknown"));
                    }
                }
                if walls.history.len() > 1 {
                    ui.weak(format!("({})", super::walls_summary(&tr, &walls)))
                        .on_hover_text(tr.t("binds-walls-hover"));
                }
            });
            for b in &limits.bindings {
                ui.horizontal_wrapped(|ui| {
                    ui.strong(super::chain(&tr, b.chain));
                    ui.colored_label(
                        egui::Color32::from_rgb(255, 170, 90),
                        super::constraint(&tr, b.constraint),
                    );
                    if let Some((tab, action)) = relief(b.constraint)
                        && ui
                            .small_button(tr.t("binds-fix"))
                            .on_hover_text(
                                tr.args("binds-fix-hover", &[("action", action.to_string())]),
                            )
                            .clicked()
                    {
                        ui_state.tab = tab;
                        ui_state.highlight = Some(action);
                        if matches!(b.constraint, Constraint::Memory) {
                            ui_state.fab_kind = FabKind::Memory;
                        } else if matches!(b.constraint, Constraint::Logic) {
                            ui_state.fab_kind = FabKind::Logic;
                        }
                    }
                });
                ui.weak(b.detail.get(tr.lang));
            }
            ui.separator();
            ui.heading(tr.t("inspector-title"));
            let Some(e) = selection.entity else {
                ui.weak(tr.t("inspector-hint"));
                return;
            };
            let si = |x: f64| tr.num(x);
            if let Ok(s) = sites.get(e) {
                let n_pads = pads.iter().filter(|p| p.site == e).count();
                let n_ships = ships.iter().filter(|p| p.site == e).count();
                ui.strong(&s.name);
                ui.label(format!("{:.2}° N, {:.2}° E", s.lat_deg, s.lon_deg));
                ui.label(tr.args(
                    "inspector-pads-ships",
                    &[("pads", n_pads.to_string()), ("ships", n_ships.to_string())],
                ));
                ui.label(tr.args(
                    "inspector-methane",
                    &[
                        ("t", format!("{:.0}", s.methane_t)),
                        ("cap", format!("{:.0}", s.methane_capacity_t)),
                        ("day", format!("{:.0}", s.methane_t_per_day)),
                    ],
                ));
                if ui.button(tr.t("inspector-closeup-pad")).clicked() {
                    closeups.write(CloseupRequest::Open(SceneKind::Pad(e)));
                }
            } else if let Ok(h) = halls.get(e) {
                ui.strong(&h.name);
                ui.label(tr.t(&format!("climate-{:?}", h.climate).to_lowercase()));
                ui.label(tr.args(
                    "inspector-slots",
                    &[("gpus", si(h.gpus)), ("slots", si(h.gpu_slots))],
                ));
                ui.label(tr.args(
                    "inspector-powered",
                    &[("on", si(h.gpus_powered)), ("dark", si(h.unpowered()))],
                ));
            } else if let Ok(c) = cohorts.get(e) {
                ui.strong(tr.args(
                    "inspector-satellites",
                    &[("orbit", super::orbit(&tr, c.orbit))],
                ));
                ui.label(tr.args(
                    "inspector-working",
                    &[("on", si(c.gpus)), ("failed", si(c.failed))],
                ));
                ui.label(tr.args(
                    "inspector-arrays",
                    &[
                        ("gw", format!("{:.2}", c.solar_gw)),
                        ("pct", format!("{:.1}", c.orbit.sunlit_fraction() * 100.0)),
                    ],
                ));
                ui.label(tr.args(
                    "inspector-age",
                    &[("years", format!("{:.1}", c.age_years(clock.tick)))],
                ));
            } else if let Ok(f) = flights.get(e) {
                ui.strong(tr.t("inspector-flight"));
                ui.label(tr.args(
                    "inspector-phase",
                    &[
                        (
                            "phase",
                            tr.t(&format!("phase-{:?}", f.phase).to_lowercase()),
                        ),
                        ("pct", format!("{:.0}", f.progress() * 100.0)),
                    ],
                ));
                ui.label(super::payload(&tr, &f.payload));
            } else if let Ok(b) = bases.get(e) {
                ui.strong(tr.t("inspector-base"));
                ui.label(tr.args(
                    "inspector-mined",
                    &[
                        ("soil", si(b.mined_t)),
                        ("si", si(b.silicon_t)),
                        ("al", si(b.aluminium_t)),
                    ],
                ));
                ui.label(tr.args(
                    "inspector-thrown",
                    &[
                        ("gw", format!("{:.2}", b.thrown_gw)),
                        ("kits", si(b.kits_t)),
                    ],
                ));
                ui.label(tr.t(if b.daylight {
                    "inspector-lunar-day"
                } else {
                    "inspector-lunar-night"
                }));
                ui.label(tr.args(
                    "inspector-limited",
                    &[("by", tr.t(&format!("lunar-{:?}", b.limit).to_lowercase()))],
                ));
                if ui.button(tr.t("inspector-closeup-driver")).clicked() {
                    closeups.write(CloseupRequest::Open(SceneKind::Driver));
                }
            } else if let Ok(f) = factories.get(e) {
                ui.strong(&f.name);
                ui.label(tr.args("inspector-lines", &[("n", format!("{:.1}", f.lines))]));
                if ui.button(tr.t("inspector-closeup-factory")).clicked() {
                    closeups.write(CloseupRequest::Open(SceneKind::Factory));
                }
            } else {
                ui.weak(tr.t("inspector-gone"));
            }
        });
    ui_state.right_w = panel.response.rect.width();
    Ok(())
}

/// A panel or chart a lesson names, in words: its message if the game has one, else the
/// name as the level wrote it.
fn named(tr: &Tr, prefix: &str, name: &str) -> String {
    let key = format!("{prefix}-{name}");
    if tr.has(&key) {
        tr.t(&key)
    } else {
        name.to_string()
    }
}

pub(super) fn bottom_panel(
    mut contexts: EguiContexts,
    script: Res<Script>,
    log: Res<MessageLog>,
    mut ui_state: ResMut<UiState>,
    tr: Res<Tr>,
) -> Result {
    if ui_state.panels_hidden {
        ui_state.bottom_h = 0.0;
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let mut root = super::region(ctx, ui_state.top_h, 0.0, "bottom_region");
    let bottom = egui::Panel::bottom("story")
        .default_size(120.0)
        .resizable(true)
        .show(&mut root, |ui| {
            ui.columns(3, |cols| {
                cols[0].heading(tr.t("story-goals"));
                for (g, st) in &script.goals {
                    let (mark, color) = match st {
                        GoalState::Open => ("○", egui::Color32::LIGHT_GRAY),
                        GoalState::Reached(_) => ("✔", egui::Color32::from_rgb(140, 220, 140)),
                        GoalState::Failed(_) => ("✖", egui::Color32::from_rgb(240, 120, 100)),
                    };
                    cols[0].colored_label(color, format!("{mark} {}", g.text.get(tr.lang)));
                }
                cols[1].heading(tr.t("story-lesson"));
                match script.lesson.get(script.step) {
                    Some(step) => {
                        cols[1].label(tr.args(
                            "story-step",
                            &[
                                ("n", (script.step + 1).to_string()),
                                ("of", script.lesson.len().to_string()),
                            ],
                        ));
                        cols[1].label(step.text.get(tr.lang));
                        let at = match &step.point_at {
                            PointAt::Nothing => String::new(),
                            PointAt::Panel(p) => {
                                tr.args("story-look-panel", &[("p", named(&tr, "panel", p))])
                            }
                            PointAt::Entity(e) => tr.args("story-look", &[("e", e.clone())]),
                            PointAt::Chart(c) => {
                                tr.args("story-look-chart", &[("c", named(&tr, "chartname", c))])
                            }
                        };
                        cols[1].weak(at);
                    }
                    None if !script.lesson.is_empty() => {
                        cols[1].label(tr.t("story-lesson-done"));
                    }
                    None => {
                        cols[1].weak(tr.t("story-no-lesson"));
                    }
                }
                cols[2].heading(tr.t("story-messages"));
                egui::ScrollArea::vertical()
                    .stick_to_bottom(true)
                    .show(&mut cols[2], |ui| {
                        for (d, t) in &log.entries {
                            ui.label(format!("{d}: {}", t.get(tr.lang)));
                        }
                    });
            });
        });
    ui_state.bottom_h = bottom.response.rect.height();
    Ok(())
}

/// A chart line: its label, the recorded figure it draws (sweep bands are matched by the
/// figure's column), a factor applied to the figure, and whether it is an installed peak
/// rating (drawn dashed, and only when the peaks are asked for: the solid lines are all
/// means, so they compare like with like).
type Series = (&'static str, Figure, f64, bool);

/// The colours of a chart's lines, in order: a branch draws its line in the game's colour,
/// dashed.
const LINE_COLORS: [egui::Color32; 6] = [
    egui::Color32::from_rgb(255, 196, 64),
    egui::Color32::from_rgb(96, 170, 255),
    egui::Color32::from_rgb(120, 220, 120),
    egui::Color32::from_rgb(240, 110, 110),
    egui::Color32::from_rgb(200, 140, 255),
    egui::Color32::from_rgb(90, 220, 220),
];

/// Every chart: its title and its lines.
pub const CHARTS: [(&str, &[Series]); 7] = [
    (
        "Power, GW (means; dashed: installed peak)",
        &[
            ("ground solar", Figure::GroundSolarOutputGw, 1.0, false),
            ("turbines", Figure::TurbineOutputGw, 1.0, false),
            ("batteries", Figure::BatteryGw, 1.0, false),
            ("orbit", Figure::OrbitPowerGw, 1.0, false),
            ("robots draw", Figure::RobotPowerGw, 1.0, false),
            ("ground solar (peak)", Figure::GroundSolarGw, 1.0, true),
            ("turbines (nameplate)", Figure::TurbinesGw, 1.0, true),
            ("lunar solar (peak)", Figure::LunarSolarGw, 1.0, true),
        ],
    ),
    (
        "Compute, GPUs",
        &[
            ("ground (mean powered)", Figure::GroundGpus, 1.0, false),
            ("orbit", Figure::OrbitGpus, 1.0, false),
            ("unpowered (mean)", Figure::UnpoweredGpus, 1.0, false),
        ],
    ),
    (
        "Flights a year",
        &[("flights", Figure::FlightsPerYear, 1.0, false)],
    ),
    (
        "Robots",
        &[
            ("robots", Figure::Robots, 1.0, false),
            ("with power to work", Figure::WorkingRobots, 1.0, false),
        ],
    ),
    (
        "A GPU-year, $ (C8: Earth vs space)",
        &[
            ("ground", Figure::GroundUsdPerGpuYr, 1.0, false),
            ("space", Figure::SpaceUsdPerGpuYr, 1.0, false),
        ],
    ),
    (
        "Costs that learn (Wright's law: X3 and X4)",
        &[
            ("launch $/kg", Figure::LaunchUsdPerKg, 1.0, false),
            ("satellite $/kW", Figure::SatelliteUsdPerKw, 1.0, false),
            ("ground solar $/kW", Figure::SolarUsdPerW, 1000.0, false),
        ],
    ),
    (
        "Capital, $ and Kardashev",
        &[
            ("capital", Figure::CapitalUsd, 1.0, false),
            ("Kardashev x1e12", Figure::Kardashev, 1e12, false),
        ],
    ),
];

/// The charts' series as CSV: the decimal year, then one column per line of every chart
/// (peaks included only when `peaks`), in the values shown (not their logarithms).
pub fn charts_csv(series: &TimeSeries, peaks: bool) -> String {
    let mut out = String::from("year");
    for (title, lines) in CHARTS {
        let chart = title.split(',').next().unwrap_or(title);
        for (name, _, _, peak) in lines {
            if peaks || !peak {
                out.push_str(&format!(",{chart}: {name}"));
            }
        }
    }
    out.push('\n');
    for s in &series.samples {
        out.push_str(&format!("{:.4}", s.year()));
        for (_, lines) in CHARTS {
            for (_, f, k, peak) in lines {
                if peaks || !peak {
                    out.push_str(&format!(",{}", s.get(*f) * k));
                }
            }
        }
        out.push('\n');
    }
    out
}

/// The sweep bands files the charts can draw, and the one chosen.
#[derive(Resource, Debug, Default)]
pub struct Spread {
    files: Vec<std::path::PathBuf>,
    chosen: Option<(std::path::PathBuf, Result<crate::sweep::Bands, String>)>,
}

impl Spread {
    /// The charts open with this bands file chosen.
    pub fn chosen(path: std::path::PathBuf) -> Self {
        let bands = crate::store::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|t| crate::sweep::parse_bands(&t));
        Self {
            files: Vec::new(),
            chosen: Some((path, bands)),
        }
    }
}

/// `*.csv` in `<saves>/sweeps/`, where `terawatt sweep --bands` output can be put.
fn sweep_files(dir: &crate::save::SaveDir) -> Vec<std::path::PathBuf> {
    crate::store::list(&dir.0.join("sweeps"), "csv")
}

fn file_name(p: &std::path::Path) -> String {
    p.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// How long a series took to double over the last game year of samples, years; `None`
/// when it did not grow (or there is less than a month of record).
pub fn doubling_years(samples: &[Sample], f: Figure) -> Option<f64> {
    let last = samples.last()?;
    let first = samples.iter().find(|s| s.year() >= last.year() - 1.0)?;
    let (t, a, b) = (last.year() - first.year(), first.get(f), last.get(f));
    if t < 1.0 / 12.0 || a <= 0.0 || b <= a {
        return None;
    }
    let rate = (b / a).ln() / t;
    Some(std::f64::consts::LN_2 / rate)
}

pub(super) fn charts_window(
    mut contexts: EguiContexts,
    series: Res<TimeSeries>,
    mut ui_state: ResMut<UiState>,
    dir: Res<crate::save::SaveDir>,
    level: Option<Res<crate::level::CurrentLevel>>,
    clock: Res<crate::sim::clock::GameClock>,
    mut exported: Local<Option<Result<String, String>>>,
    mut spread: ResMut<Spread>,
    branches: Option<NonSend<crate::branch::Branches>>,
    tr: Res<Tr>,
) -> Result {
    if !ui_state.charts {
        spread.files.clear();
        return Ok(());
    }
    if spread.files.is_empty() {
        spread.files = sweep_files(&dir);
        // A file chosen from elsewhere (`shot --spread`) is listed too.
        if let Some(p) = spread.chosen.as_ref().map(|(p, _)| p.clone())
            && !spread.files.contains(&p)
        {
            spread.files.push(p);
        }
    }
    let ctx = contexts.ctx_mut()?;
    let mut open = true;
    let mut log_scale = ui_state.log_scale;
    let mut peaks = ui_state.chart_peaks;
    egui::Window::new(tr.t("charts-title"))
        .id(egui::Id::new("charts"))
        .open(&mut open)
        .default_size([620.0, 520.0])
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.checkbox(&mut log_scale, tr.t("charts-log"));
                ui.checkbox(&mut peaks, tr.t("charts-peaks"))
                    .on_hover_text(tr.t("charts-peaks-hover"));
                if ui
                    .button(tr.t("charts-export"))
                    .on_hover_text(tr.t("charts-export-hover"))
                    .clicked()
                {
                    let id = level.as_ref().map_or("game", |l| l.0.level.id.as_str());
                    let path = dir
                        .0
                        .join("exports")
                        .join(format!("charts-{id}-day{}.csv", clock.tick / 24));
                    *exported = Some(
                        crate::store::export(&path, &charts_csv(&series, peaks))
                            .map(|place| tr.args("charts-wrote", &[("path", place)]))
                            .map_err(|e| format!("{}: {e}", path.display())),
                    );
                }
            });
            if !spread.files.is_empty() {
                ui.horizontal(|ui| {
                    ui.label(tr.t("charts-spread"));
                    let current = spread
                        .chosen
                        .as_ref()
                        .map_or(tr.t("charts-none"), |(p, _)| file_name(p));
                    let mut pick: Option<Option<std::path::PathBuf>> = None;
                    egui::ComboBox::from_id_salt("spread")
                        .selected_text(current)
                        .show_ui(ui, |ui| {
                            if ui
                                .selectable_label(spread.chosen.is_none(), tr.t("charts-none"))
                                .clicked()
                            {
                                pick = Some(None);
                            }
                            for f in &spread.files {
                                if ui.selectable_label(false, file_name(f)).clicked() {
                                    pick = Some(Some(f.clone()));
                                }
                            }
                        });
                    if let Some(p) = pick {
                        spread.chosen = p.map(|p| {
                            let bands = crate::store::read_to_string(&p)
                                .map_err(|e| e.to_string())
                                .and_then(|t| crate::sweep::parse_bands(&t));
                            (p, bands)
                        });
                    }
                });
                if let Some((p, Err(e))) = &spread.chosen {
                    ui.colored_label(
                        egui::Color32::from_rgb(240, 120, 100),
                        format!("{}: {e}", p.display()),
                    );
                }
            }
            let bands = match &spread.chosen {
                Some((_, Ok(b))) => Some(b),
                _ => None,
            };
            match &*exported {
                Some(Ok(t)) => {
                    ui.weak(t);
                }
                Some(Err(e)) => {
                    ui.colored_label(egui::Color32::from_rgb(240, 120, 100), e);
                }
                None => {}
            }
            egui::ScrollArea::vertical().show(ui, |ui| {
                for (ci, (title, lines)) in CHARTS.iter().enumerate() {
                    ui.strong(tr.t(&format!("chart-{ci}")));
                    Plot::new(title)
                        .height(150.0)
                        .legend(Legend::default())
                        .show(ui, |plot| {
                            let scale = |v: f64| if log_scale { v.max(1e-3).log10() } else { v };
                            for (li, (_, figure, k, peak)) in lines.iter().enumerate() {
                                let name = tr.t(&format!("chart-{ci}-{li}"));
                                let Some(b) = bands else { continue };
                                if *peak && !peaks {
                                    continue;
                                }
                                let Some([lo, _, hi]) = b.figures.get(figure.column()) else {
                                    continue;
                                };
                                let years = &b.years;
                                // The least and the most across the runs, as two faint lines
                                // under one legend entry (a filled band would need a convex
                                // shape).
                                for edge in [lo, hi] {
                                    let pts: Vec<[f64; 2]> = years
                                        .iter()
                                        .zip(edge)
                                        .map(|(y, v)| [*y, scale(*v * k)])
                                        .collect();
                                    plot.line(
                                        Line::new(
                                            tr.args("charts-sweep", &[("name", name.clone())]),
                                            PlotPoints::from(pts),
                                        )
                                        .color(egui::Color32::from_rgba_unmultiplied(
                                            150, 180, 255, 110,
                                        ))
                                        .style(egui_plot::LineStyle::dashed_dense()),
                                    );
                                }
                            }
                            for (i, (_, f, k, peak)) in lines.iter().enumerate() {
                                if *peak && !peaks {
                                    continue;
                                }
                                let name = tr.t(&format!("chart-{ci}-{i}"));
                                let color = LINE_COLORS[i % LINE_COLORS.len()];
                                // Each branch: the same colour, dashed, from its fork on.
                                for b in branches.iter().flat_map(|b| b.list.iter()) {
                                    let theirs = b.world().resource::<TimeSeries>();
                                    let pts: Vec<[f64; 2]> = theirs
                                        .samples
                                        .iter()
                                        .filter(|s| s.tick >= b.fork_tick)
                                        .map(|s| [s.year(), scale(s.get(*f) * k)])
                                        .collect();
                                    plot.line(
                                        Line::new(
                                            format!("{name} — {}", b.name),
                                            PlotPoints::from(pts),
                                        )
                                        .color(color)
                                        .style(egui_plot::LineStyle::Dashed { length: 8.0 }),
                                    );
                                }
                                let pts: Vec<[f64; 2]> = series
                                    .samples
                                    .iter()
                                    .map(|s| [s.year(), scale(s.get(*f) * k)])
                                    .collect();
                                let label = match doubling_years(&series.samples, *f) {
                                    Some(d) if log_scale => tr.args(
                                        "charts-doubles",
                                        &[("name", name.clone()), ("years", format!("{d:.1}"))],
                                    ),
                                    _ => name.clone(),
                                };
                                let mut line = Line::new(label, PlotPoints::from(pts)).color(color);
                                if *peak {
                                    line = line.style(egui_plot::LineStyle::dashed_loose());
                                }
                                plot.line(line);
                            }
                        });
                }
            });
        });
    ui_state.log_scale = log_scale;
    ui_state.chart_peaks = peaks;
    ui_state.charts = open;
    Ok(())
}

#[cfg(test)]
mod chart_tests {
    use super::*;

    #[test]
    fn doubling_time_and_csv() {
        let samples: Vec<Sample> = (0..=24)
            .map(|m| {
                let mut s = Sample::default();
                s.values[Figure::Year as usize] = 2026.0 + f64::from(m) / 12.0;
                s.values[Figure::Robots as usize] = 1000.0 * 2f64.powf(f64::from(m) / 12.0 / 0.5);
                s
            })
            .collect();
        let d = doubling_years(&samples, Figure::Robots).unwrap();
        assert!((d - 0.5).abs() < 1e-9, "{d}");
        assert_eq!(doubling_years(&samples, Figure::CapitalUsd), None);
        let mut series = TimeSeries::default();
        series.samples = samples;
        assert!(!charts_csv(&series, false).contains("(peak)"));
        let csv = charts_csv(&series, true);
        let mut lines = csv.lines();
        let header = lines.next().unwrap();
        assert!(header.starts_with("year,Power: ground solar,"));
        assert!(header.contains("Power: ground solar (peak)"));
        assert!(header.contains("Robots: robots"));
        let cols = header.split(',').count();
        assert_eq!(lines.clone().count(), 25);
        for l in lines {
            assert_eq!(l.split(',').count(), cols);
        }
    }
}

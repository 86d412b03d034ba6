//! Overlays drawn over the scene: orbit rings, energy flows, rings around what binds,
//! the launch cadence at high warp, labels, and the scale legend.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::layout::{ViewScale, ViewTime, surface_point};
use super::satellites::SatelliteCensus;
use super::{FLIGHT_BLUR_TICKS_PER_FRAME, Overlays, Selection, SimLink, ViewSystems};
use crate::sim::clock::{GameClock, SimSpeed};
use crate::sim::energy::Grid;
use crate::sim::launch::{LaunchSite, LaunchStats};
use crate::sim::limits::{Chain, Constraint, Limits};
use crate::sim::moon::{LunarBase, MassDriver};
use crate::sim::orbit::{Orbit, OrbitCompute};

/// Draws the gizmo overlays each frame, and the labels and legend in the interface's pass.
pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, draw_overlays.in_set(ViewSystems::Overlay))
        // A close-up has its own HUD, and the title menu covers the world: the labels and
        // legend would float over them.
        .add_systems(
            EguiPrimaryContextPass,
            labels_and_legend.run_if(in_state(crate::screen::Screen::World)),
        );
}

const GROUND: Color = Color::srgb(1.0, 0.85, 0.2);
const LUNAR: Color = Color::srgb(0.3, 0.9, 1.0);
const BIND: Color = Color::srgb(1.0, 0.15, 0.1);

/// What the overlays show of the simulation: its pace, energy, orbits, limits, launches
/// and drivers.
#[derive(SystemParam)]
struct OverlaySim<'w, 's> {
    speed: Res<'w, SimSpeed>,
    grid: Res<'w, Grid>,
    orbit: Res<'w, OrbitCompute>,
    limits: Res<'w, Limits>,
    stats: Res<'w, LaunchStats>,
    sites: Query<'w, 's, &'static LaunchSite>,
    drivers: Query<'w, 's, &'static MassDriver>,
}

/// A circle of radius `r` round Earth's centre, square to `normal`.
fn ring(gizmos: &mut Gizmos, normal: Vec3, r: f32, color: Color) {
    let rot = Quat::from_rotation_arc(Vec3::Z, normal.normalize_or(Vec3::Y));
    gizmos.circle(Isometry3d::new(Vec3::ZERO, rot), r, color);
}

/// Orbit rings, energy flows and rings around what binds, as the overlays are toggled,
/// and the launch cadence at high warp.
fn draw_overlays(
    overlays: Res<Overlays>,
    view: Res<ViewTime>,
    scale: Res<ViewScale>,
    sim: OverlaySim,
    motion: Option<Res<crate::screen::ReducedMotion>>,
    mut gizmos: Gizmos,
) {
    let rot = view.earth_rotation();
    draw_orbit_rings(&mut gizmos, &sim.orbit, view.sun_dir(), *scale);
    let grid_pt = rot * surface_point(sim.grid.lat_deg, sim.grid.lon_deg);
    if overlays.energy {
        draw_energy_flows(&mut gizmos, &sim, &view, *scale, grid_pt);
    }
    if overlays.limits {
        draw_bindings(&mut gizmos, &sim, &view, *scale, grid_pt);
    }
    // At high warp single flights blur: a ring pulses at each site with the cadence.
    if sim.speed.ticks_per_frame() > FLIGHT_BLUR_TICKS_PER_FRAME && !sim.speed.paused {
        let per_year = sim.stats.flights_last_year() as f32;
        // Under reduced motion the ring holds still, half grown.
        let beat = if motion.is_some_and(|m| m.0) {
            0.5
        } else {
            (view.anim_s as f32 * (0.5 + per_year.max(1.0).log10())).fract()
        };
        for s in &sim.sites {
            let p = rot * surface_point(s.lat_deg, s.lon_deg);
            gizmos.circle(
                Isometry3d::new(p * 1.01, Quat::from_rotation_arc(Vec3::Z, p)),
                0.02 + 0.08 * beat,
                Color::srgba(1.0, 0.7, 0.3, 1.0 - beat),
            );
        }
    }
}

/// Orbit rings where there are satellites (the dawn–dusk ring faces the Sun at `sun`).
fn draw_orbit_rings(gizmos: &mut Gizmos, orbit: &OrbitCompute, sun: Vec3, scale: ViewScale) {
    for o in Orbit::ALL {
        if orbit.gpus[o as usize] <= 0.0 && orbit.solar_gw[o as usize] <= 0.0 {
            continue;
        }
        let r = scale.orbit_radius(o);
        let c = Color::srgba(0.6, 0.7, 1.0, 0.25);
        match o {
            Orbit::Leo | Orbit::Geo => ring(gizmos, Vec3::Y, r, c),
            Orbit::Sso => ring(gizmos, sun, r, c),
        }
    }
}

/// Sunlight falling on the dawn–dusk ring, the ground's power to its halls (at `grid_pt`)
/// and the Moon's payloads to orbit.
fn draw_energy_flows(
    gizmos: &mut Gizmos,
    sim: &OverlaySim,
    view: &ViewTime,
    scale: ViewScale,
    grid_pt: Vec3,
) {
    let sun = view.sun_dir();
    if sim.orbit.solar_gw[Orbit::Sso as usize] > 0.0 {
        let r = scale.orbit_radius(Orbit::Sso);
        let u = sun.cross(Vec3::Y).normalize_or(Vec3::Z);
        for k in 0..8 {
            let a = k as f32 * std::f32::consts::TAU / 8.0;
            let p = (u * a.cos() + sun.cross(u) * a.sin()) * r;
            gizmos.arrow(
                p + sun * 0.6,
                p + sun * 0.08,
                Color::srgba(1.0, 0.9, 0.4, 0.3),
            );
        }
    }
    if sim.grid.load_gw > 0.0 {
        let up = grid_pt;
        gizmos.line(
            up * 1.0,
            up * (1.05 + 0.03 * (sim.grid.load_gw as f32).ln_1p()),
            GROUND,
        );
    }
    if sim.drivers.iter().any(|d| d.thrown_t_per_h > 0.0) {
        let moon = view.moon_position(scale);
        let target = moon.normalize() * scale.orbit_radius(Orbit::Sso);
        gizmos.arrow(moon - moon.normalize() * scale.moon_radius(), target, LUNAR);
    }
}

/// Rings around what binds each chain: the ground grid (at `grid_pt`), the launch sites,
/// the Moon's base.
fn draw_bindings(
    gizmos: &mut Gizmos,
    sim: &OverlaySim,
    view: &ViewTime,
    scale: ViewScale,
    grid_pt: Vec3,
) {
    let rot = view.earth_rotation();
    for b in &sim.limits.bindings {
        if matches!(b.constraint, Constraint::NotStarted | Constraint::Demand) {
            continue;
        }
        match b.chain {
            Chain::GroundCompute => {
                gizmos.circle(
                    Isometry3d::new(grid_pt * 1.01, Quat::from_rotation_arc(Vec3::Z, grid_pt)),
                    0.12,
                    BIND,
                );
            }
            Chain::Launches => {
                for s in &sim.sites {
                    let p = rot * surface_point(s.lat_deg, s.lon_deg);
                    gizmos.circle(
                        Isometry3d::new(p * 1.01, Quat::from_rotation_arc(Vec3::Z, p)),
                        0.07,
                        BIND,
                    );
                }
            }
            Chain::LunarOutput => {
                let moon = view.moon_position(scale);
                let p = moon - moon.normalize() * scale.moon_radius() * 1.02;
                gizmos.circle(
                    Isometry3d::new(p, Quat::from_rotation_arc(Vec3::Z, -moon.normalize())),
                    scale.moon_radius() * 0.5,
                    BIND,
                );
            }
            Chain::OrbitalCompute | Chain::Robots => {}
        }
    }
}

/// The legend's figures: the clock, the scale, the satellites and the flights.
#[derive(SystemParam)]
struct LegendFigures<'w> {
    clock: Res<'w, GameClock>,
    speed: Res<'w, SimSpeed>,
    scale: Res<'w, ViewScale>,
    census: Res<'w, SatelliteCensus>,
    stats: Res<'w, LaunchStats>,
}

/// Things with names over them, and what tells sites and the base apart.
#[derive(SystemParam)]
struct Named<'w, 's> {
    named: Query<
        'w,
        's,
        (
            &'static Name,
            &'static GlobalTransform,
            Option<&'static SimLink>,
        ),
    >,
    sites: Query<'w, 's, &'static LaunchSite>,
    bases: Query<'w, 's, &'static LunarBase>,
}

/// Names over things, the scale legend, and what is selected.
fn labels_and_legend(
    mut contexts: EguiContexts,
    overlays: Res<Overlays>,
    view: Res<ViewTime>,
    legend: LegendFigures,
    selection: Res<Selection>,
    cams: Query<(&Camera, &GlobalTransform), With<Camera3d>>,
    named: Named,
    watch: Option<Res<crate::level::watch::LevelWatch>>,
    tr: Res<crate::i18n::Tr>,
    covered: Res<crate::screen::Covered>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some((camera, cam_t)) = cams.iter().next() else {
        return Ok(());
    };
    if overlays.labels {
        let eye = Eye {
            ctx,
            camera,
            cam_t,
            covered: &covered,
        };
        paint_labels(&eye, &tr, &named, &view, *legend.scale);
    }
    show_legend(ctx, &tr, &legend);
    if let Some(watch) = watch {
        show_level_watch(ctx, &tr, &watch);
    }
    if let Some(sel) = selection.entity
        && let Some((name, ..)) = named
            .named
            .iter()
            .find(|(_, _, l)| l.is_some_and(|l| l.0 == sel))
    {
        egui::Area::new(egui::Id::new("selected"))
            .anchor(egui::Align2::CENTER_TOP, [0.0, 40.0])
            .show(ctx, |ui| {
                ui.colored_label(
                    egui::Color32::WHITE,
                    tr.args("legend-selected", &[("name", name.to_string())]),
                );
            });
    }
    Ok(())
}

/// Where labels are painted from: the interface, the world camera, and the panels that
/// cover the window's edges.
struct Eye<'a> {
    ctx: &'a egui::Context,
    camera: &'a Camera,
    cam_t: &'a GlobalTransform,
    covered: &'a crate::screen::Covered,
}

impl Eye<'_> {
    /// Paints `text` in `color` by the point `pos`, if the camera sees it (not on Earth's
    /// far side) and it is over the world, not over a panel.
    fn paint_label(&self, painter: &egui::Painter, pos: Vec3, text: &str, color: egui::Color32) {
        let to_cam = self.cam_t.translation() - pos;
        // Skip things on Earth's far side.
        if pos.length() < 1.2 && pos.normalize_or_zero().dot(to_cam.normalize_or_zero()) < 0.0 {
            return;
        }
        // Only over the world: not over the panels that cover the window's edges.
        let size = self.ctx.content_rect().size();
        if let Ok(p) = self.camera.world_to_viewport(self.cam_t, pos)
            && self.covered.shows(p, bevy::math::Vec2::new(size.x, size.y))
        {
            painter.text(
                egui::pos2(p.x + 6.0, p.y - 6.0),
                egui::Align2::LEFT_BOTTOM,
                text,
                egui::FontId::proportional(13.0),
                color,
            );
        }
    }
}

/// Names over named things (sites in orange, the rest in blue) and over the Moon's base.
fn paint_labels(eye: &Eye, tr: &crate::i18n::Tr, named: &Named, view: &ViewTime, scale: ViewScale) {
    let painter = eye.ctx.layer_painter(egui::LayerId::background());
    for (name, t, link) in &named.named {
        let is_site = link.is_some_and(|l| named.sites.get(l.0).is_ok());
        let color = if is_site {
            egui::Color32::from_rgb(255, 190, 120)
        } else {
            egui::Color32::from_rgb(200, 215, 255)
        };
        let name = match name.as_str() {
            "Earth" => tr.t("body-earth"),
            "Moon" => tr.t("body-moon"),
            other => other.to_string(),
        };
        eye.paint_label(&painter, t.translation(), &name, color);
    }
    if !named.bases.is_empty() {
        let moon = view.moon_position(scale);
        eye.paint_label(
            &painter,
            moon - moon.normalize() * scale.moon_radius(),
            &tr.t("body-base"),
            egui::Color32::from_rgb(150, 230, 255),
        );
    }
}

/// The legend above the interface's bottom panel, between its side panels: the date and
/// warp, the scale, what a drawn satellite stands for, the flights, the keys.
fn show_legend(ctx: &egui::Context, tr: &crate::i18n::Tr, legend: &LegendFigures) {
    let (clock, speed, scale) = (&legend.clock, &legend.speed, &legend.scale);
    let (census, stats) = (&legend.census, &legend.stats);
    egui::Area::new(egui::Id::new("legend"))
        // Under the windows, which open over the world.
        .order(egui::Order::Background)
        .anchor(egui::Align2::CENTER_BOTTOM, [0.0, -140.0])
        .show(ctx, |ui| {
            ui.style_mut().visuals.override_text_color = Some(egui::Color32::from_gray(210));
            ui.label(tr.args(
                "legend-clock",
                &[
                    ("date", clock.date().to_string()),
                    (
                        "state",
                        tr.t(if speed.paused {
                            "legend-paused"
                        } else {
                            "legend-running"
                        }),
                    ),
                    ("warp", speed.ticks_per_frame().to_string()),
                ],
            ));
            if scale.true_scale {
                ui.label(tr.t("legend-true-scale"));
            } else {
                ui.label(tr.args(
                    "legend-readable-scale",
                    &[("x", format!("{:.1}", scale.moon_squeeze()))],
                ));
            }
            ui.label(tr.args(
                "legend-satellites",
                &[
                    ("gpus", format!("{:.0}", census.gpus_per_drawn)),
                    ("leo", census.drawn[0].to_string()),
                    ("sso", census.drawn[1].to_string()),
                    ("geo", census.drawn[2].to_string()),
                    ("dark", census.dark.iter().sum::<usize>().to_string()),
                ],
            ));
            ui.label(tr.args(
                "legend-flights",
                &[("n", stats.flights_last_year().to_string())],
            ));
            ui.label(tr.t("legend-keys"));
        });
}

/// The level file being watched: its errors, or that it changed and a restart takes it.
fn show_level_watch(
    ctx: &egui::Context,
    tr: &crate::i18n::Tr,
    watch: &crate::level::watch::LevelWatch,
) {
    if let Some(errors) = &watch.errors {
        egui::Window::new(tr.t("watch-errors"))
            .id(egui::Id::new("level_errors"))
            .anchor(egui::Align2::CENTER_TOP, [0.0, 10.0])
            .collapsible(false)
            .show(ctx, |ui| {
                ui.colored_label(egui::Color32::from_rgb(255, 120, 100), errors.to_string());
                ui.label(tr.t("watch-errors-note"));
            });
    } else if let Some(level) = &watch.pending {
        egui::Window::new(tr.t("watch-changed"))
            .id(egui::Id::new("level_changed"))
            .anchor(egui::Align2::CENTER_TOP, [0.0, 10.0])
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(tr.args("watch-changed-ok", &[("file", level.file.clone())]));
                ui.label(tr.t("watch-changed-restart"));
            });
    }
}

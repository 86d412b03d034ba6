//! Overlays drawn over the scene: orbit rings, energy flows, rings around what binds,
//! the launch cadence at high warp, labels, and the scale legend.

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

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, draw_overlays.in_set(ViewSystems::Overlay))
        .add_systems(EguiPrimaryContextPass, (labels_and_legend,));
}

const GROUND: Color = Color::srgb(1.0, 0.85, 0.2);
const LUNAR: Color = Color::srgb(0.3, 0.9, 1.0);
const BIND: Color = Color::srgb(1.0, 0.15, 0.1);

fn ring(gizmos: &mut Gizmos, normal: Vec3, r: f32, color: Color) {
    let rot = Quat::from_rotation_arc(Vec3::Z, normal.normalize_or(Vec3::Y));
    gizmos.circle(Isometry3d::new(Vec3::ZERO, rot), r, color);
}

fn draw_overlays(
    overlays: Res<Overlays>,
    view: Res<ViewTime>,
    scale: Res<ViewScale>,
    speed: Res<SimSpeed>,
    grid: Res<Grid>,
    orbit: Res<OrbitCompute>,
    limits: Res<Limits>,
    stats: Res<LaunchStats>,
    sites: Query<&LaunchSite>,
    drivers: Query<&MassDriver>,
    mut gizmos: Gizmos,
) {
    let sun = view.sun_dir();
    let rot = view.earth_rotation();
    // Orbit rings where there are satellites.
    for o in Orbit::ALL {
        if orbit.gpus[o as usize] <= 0.0 && orbit.solar_gw[o as usize] <= 0.0 {
            continue;
        }
        let r = scale.orbit_radius(o);
        let c = Color::srgba(0.6, 0.7, 1.0, 0.25);
        match o {
            Orbit::Leo | Orbit::Geo => ring(&mut gizmos, Vec3::Y, r, c),
            Orbit::Sso => ring(&mut gizmos, sun, r, c),
        }
    }
    let grid_pt = rot * surface_point(grid.lat_deg, grid.lon_deg);
    if overlays.energy {
        // Sunlight falling on the dawn–dusk ring, and the ground's power to its halls.
        if orbit.solar_gw[Orbit::Sso as usize] > 0.0 {
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
        if grid.load_gw > 0.0 {
            let up = grid_pt;
            gizmos.line(
                up * 1.0,
                up * (1.05 + 0.03 * (grid.load_gw as f32).ln_1p()),
                GROUND,
            );
        }
        if drivers.iter().any(|d| d.thrown_t_per_h > 0.0) {
            let moon = view.moon_position(*scale);
            let target = moon.normalize() * scale.orbit_radius(Orbit::Sso);
            gizmos.arrow(moon - moon.normalize() * scale.moon_radius(), target, LUNAR);
        }
    }
    if overlays.limits {
        for b in &limits.bindings {
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
                    for s in &sites {
                        let p = rot * surface_point(s.lat_deg, s.lon_deg);
                        gizmos.circle(
                            Isometry3d::new(p * 1.01, Quat::from_rotation_arc(Vec3::Z, p)),
                            0.07,
                            BIND,
                        );
                    }
                }
                Chain::LunarOutput => {
                    let moon = view.moon_position(*scale);
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
    // At high warp single flights blur: a ring pulses at each site with the cadence.
    if speed.ticks_per_frame() > FLIGHT_BLUR_TICKS_PER_FRAME && !speed.paused {
        let per_year = stats.flights_last_year() as f32;
        let beat = (view.anim_s as f32 * (0.5 + per_year.max(1.0).log10())).fract();
        for s in &sites {
            let p = rot * surface_point(s.lat_deg, s.lon_deg);
            gizmos.circle(
                Isometry3d::new(p * 1.01, Quat::from_rotation_arc(Vec3::Z, p)),
                0.02 + 0.08 * beat,
                Color::srgba(1.0, 0.7, 0.3, 1.0 - beat),
            );
        }
    }
}

/// Names over things, the scale legend, and what is selected.
fn labels_and_legend(
    mut contexts: EguiContexts,
    overlays: Res<Overlays>,
    scale: Res<ViewScale>,
    view: Res<ViewTime>,
    clock: Res<GameClock>,
    speed: Res<SimSpeed>,
    census: Res<SatelliteCensus>,
    stats: Res<LaunchStats>,
    selection: Res<Selection>,
    cams: Query<(&Camera, &GlobalTransform), With<Camera3d>>,
    named: Query<(&Name, &GlobalTransform, Option<&SimLink>)>,
    sites: Query<&LaunchSite>,
    bases: Query<&LunarBase>,
    watch: Option<Res<crate::level::watch::LevelWatch>>,
    screen: Res<crate::screen::Screen>,
    (tr, covered): (Res<crate::i18n::Tr>, Res<crate::screen::Covered>),
) -> Result {
    // A close-up has its own HUD, and the title menu covers the world: the labels and
    // legend would float over them.
    if !screen.in_world() {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let Some((camera, cam_t)) = cams.iter().next() else {
        return Ok(());
    };
    if overlays.labels {
        let painter = ctx.layer_painter(egui::LayerId::background());
        let label = |pos: Vec3, text: &str, color: egui::Color32| {
            let to_cam = cam_t.translation() - pos;
            // Skip things on Earth's far side.
            if pos.length() < 1.2 && pos.normalize_or_zero().dot(to_cam.normalize_or_zero()) < 0.0 {
                return;
            }
            // Only over the world: not over the panels that cover the window's edges.
            let size = ctx.content_rect().size();
            if let Ok(p) = camera.world_to_viewport(cam_t, pos)
                && covered.shows(p, bevy::math::Vec2::new(size.x, size.y))
            {
                painter.text(
                    egui::pos2(p.x + 6.0, p.y - 6.0),
                    egui::Align2::LEFT_BOTTOM,
                    text,
                    egui::FontId::proportional(13.0),
                    color,
                );
            }
        };
        for (name, t, link) in &named {
            let is_site = link.is_some_and(|l| sites.get(l.0).is_ok());
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
            label(t.translation(), &name, color);
        }
        if !bases.is_empty() {
            let moon = view.moon_position(*scale);
            label(
                moon - moon.normalize() * scale.moon_radius(),
                &tr.t("body-base"),
                egui::Color32::from_rgb(150, 230, 255),
            );
        }
    }
    // Above the interface's bottom panel, between its side panels.
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
    if let Some(watch) = watch {
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
    if let Some(sel) = selection.entity
        && let Some((name, ..)) = named.iter().find(|(_, _, l)| l.is_some_and(|l| l.0 == sel))
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

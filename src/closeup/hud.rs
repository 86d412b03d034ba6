//! The close-ups' heads-up display: one window with the open scene's panel (the pad's
//! flight, the driver's throws, the factory floor's lines), each with the simulation's
//! own figures under a separator, then the physics' speed and the way back.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use bevy_rapier3d::prelude::*;

use super::driver::{self, DriverScene, Fate, Thrown};
use super::factory::FactoryScene;
use super::pad::PadScene;
use super::{CloseupClock, G0};
use crate::i18n::Tr;
use crate::screen::{CloseupRequest, SceneKind, Screen};
use crate::sim::launch::{LaunchSite, LaunchStats, Pad};
use crate::sim::moon::MassDriver;
use crate::sim::orders::Policies;
use crate::sim::params::{P, Params};
use crate::sim::robots::RobotWorkforce;

/// The physics' pace: its step, its steps a frame and the frame's real time.
#[derive(SystemParam)]
pub(super) struct Pace<'w> {
    clock: Res<'w, CloseupClock>,
    mode: Res<'w, TimestepMode>,
    time: Res<'w, Time<bevy::time::Real>>,
}

impl Pace<'_> {
    /// Scene seconds a real second, at this frame rate.
    fn speed(&self) -> f32 {
        super::step_secs(&self.mode) * self.clock.steps_per_frame as f32
            / self.time.delta_secs().max(1e-3)
    }
}

/// The scenes' states.
#[derive(SystemParam)]
pub(super) struct Scenes<'w> {
    pad: Res<'w, PadScene>,
    driver: Res<'w, DriverScene>,
    factory: Res<'w, FactoryScene>,
}

/// The simulation's figures the panels show next to the scenes'.
#[derive(SystemParam)]
pub(super) struct SimFigures<'w, 's> {
    params: Res<'w, Params>,
    drivers: Query<'w, 's, &'static MassDriver>,
    sites: Query<'w, 's, &'static LaunchSite>,
    pads: Query<'w, 's, &'static Pad>,
    stats: Res<'w, LaunchStats>,
    robots: Res<'w, RobotWorkforce>,
    policies: Res<'w, Policies>,
}

/// The scenes' bodies as rapier moves them.
#[derive(SystemParam)]
pub(super) struct Bodies<'w, 's> {
    all: Query<'w, 's, (&'static Transform, &'static Velocity)>,
    thrown: Query<'w, 's, (&'static Transform, &'static Velocity, &'static Thrown)>,
}

/// `x` with `d` decimals.
fn format_fixed(x: f64, d: usize) -> String {
    format!("{x:.d$}")
}

/// The HUD of the open close-up: its scene's panel, the physics' speed and the button
/// back to the world.
pub(super) fn hud(
    mut contexts: EguiContexts,
    screen: Res<State<Screen>>,
    tr: Res<Tr>,
    pace: Pace,
    scenes: Scenes,
    sim: SimFigures,
    bodies: Bodies,
    mut requests: MessageWriter<CloseupRequest>,
) -> Result {
    let Some(kind) = screen.closeup() else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?;
    let speed = pace.speed();
    egui::Window::new(tr.t("hud-title"))
        .id(egui::Id::new("closeup_hud"))
        .anchor(egui::Align2::LEFT_BOTTOM, [12.0, -12.0])
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            match kind {
                SceneKind::Pad(site) => show_pad_panel(ui, &tr, site, &scenes.pad, &sim, &bodies),
                SceneKind::Driver => show_driver_panel(ui, &tr, &scenes.driver, &sim, &bodies),
                SceneKind::Factory => show_factory_panel(ui, &tr, &scenes.factory, &sim),
            }
            ui.label(tr.args("hud-physics", &[("x", format_fixed(f64::from(speed), 1))]));
            if ui.button(tr.t("hud-back")).clicked() {
                requests.write(CloseupRequest::Close);
            }
        });
    Ok(())
}

/// The pad's panel: the site, the flight's phase and figures, then the sim's pad.
fn show_pad_panel(
    ui: &mut egui::Ui,
    tr: &Tr,
    site: Entity,
    s: &PadScene,
    sim: &SimFigures,
    bodies: &Bodies,
) {
    let name = sim
        .sites
        .get(site)
        .map_or(tr.t("hud-launch-site"), |l| l.name.clone());
    ui.heading(tr.args("hud-pad-title", &[("name", name)]));
    ui.label(format!(
        "{} — T+{:.0} s",
        tr.t(&format!("pad-{:?}", s.phase).to_lowercase()),
        s.t
    ));
    show_flight_labels(ui, tr, s, bodies);
    show_pad_sim_labels(ui, tr, site, sim);
}

/// The booster's height, speed, propellant and thrust, then the staging and the catch
/// once they have happened.
fn show_flight_labels(ui: &mut egui::Ui, tr: &Tr, s: &PadScene, bodies: &Bodies) {
    if let Some((t, v)) = s.booster.and_then(|b| bodies.all.get(b).ok()) {
        ui.label(tr.args(
            "hud-booster",
            &[
                (
                    "km",
                    format_fixed(
                        f64::from((t.translation.y - s.spec.standing_y()) / 1000.0),
                        1,
                    ),
                ),
                ("ms", format!("{:+.0}", v.linear.y)),
                ("t", format_fixed(f64::from(s.prop_kg) / 1000.0, 0)),
                ("mn", format_fixed(f64::from(s.thrust_n) / 1e6, 1)),
            ],
        ));
    }
    if let Some((t, h, v)) = s.staging {
        ui.label(tr.args(
            "hud-staged",
            &[
                ("t", format_fixed(f64::from(t), 0)),
                ("km", format_fixed(f64::from(h) / 1000.0, 1)),
                ("ms", format_fixed(f64::from(v), 0)),
                ("apogee", format_fixed(f64::from(s.apogee_m) / 1000.0, 0)),
            ],
        ));
    }
    if let Some((t, h, v, left)) = s.catch {
        ui.colored_label(
            egui::Color32::from_rgb(120, 220, 120),
            tr.args(
                "hud-caught",
                &[
                    ("t", format_fixed(f64::from(t), 0)),
                    ("m", format!("{h:+.2}")),
                    ("ms", format_fixed(f64::from(v), 2)),
                    ("left", format_fixed(f64::from(left) / 1000.0, 0)),
                ],
            ),
        );
    }
}

/// The sim's pad at `site`: the turnarounds, when a pad is free, the flights of the last
/// year, and the tankers a flight to the launch orbit takes.
fn show_pad_sim_labels(ui: &mut egui::Ui, tr: &Tr, site: Entity, sim: &SimFigures) {
    let (params, stats) = (&sim.params, &sim.stats);
    let free_in = sim
        .pads
        .iter()
        .filter(|p| p.site == site)
        .map(|p| p.busy_h)
        .fold(f64::INFINITY, f64::min);
    ui.separator();
    ui.label(tr.args(
        "hud-pad-sim",
        &[
            ("ship", format_fixed(params.get(P::ShipTurnaround), 0)),
            ("pad", format_fixed(params.get(P::PadTurnaround), 0)),
            (
                "free",
                format_fixed(if free_in.is_finite() { free_in } else { 0.0 }, 0),
            ),
            ("flights", stats.flights_last_year().to_string()),
        ],
    ));
    let tankers = crate::sim::launch::tankers_to(params, sim.policies.launch_orbit);
    let target = crate::i18n::orbit(tr, sim.policies.launch_orbit);
    ui.label(if tankers > 0.0 {
        tr.args(
            "hud-tankers",
            &[
                ("orbit", target),
                ("n", format_fixed(tankers, 0)),
                ("so_far", stats.tanker_flights.to_string()),
                ("depot", format_fixed(stats.depot_loads, 0)),
            ],
        )
    } else {
        tr.args(
            "hud-no-tankers",
            &[
                ("orbit", target),
                (
                    "moon",
                    format_fixed(params.get(P::MoonTankerFlights).round(), 0),
                ),
                ("so_far", stats.tanker_flights.to_string()),
            ],
        )
    });
    ui.weak(tr.t("hud-pad-note"));
}

/// The driver's panel: the track and its energy, the sled, the payload in flight and the
/// throws so far, then the sim's drivers.
fn show_driver_panel(
    ui: &mut egui::Ui,
    tr: &Tr,
    s: &DriverScene,
    sim: &SimFigures,
    bodies: &Bodies,
) {
    ui.heading(tr.t("closeups-driver"));
    show_track_labels(ui, tr, s, &sim.params);
    ui.label(tr.args(
        "hud-sled",
        &[("ms", format_fixed(f64::from(s.sled_speed), 0))],
    ));
    if let Some((t, v, th)) = bodies
        .thrown
        .iter()
        .filter(|(_, _, th)| th.fate == Fate::Flying)
        .last()
    {
        let r = t.translation.length();
        let e = 0.5 * v.linear.length_squared() - driver::MOON_GM / r;
        ui.label(tr.args(
            "hud-payload",
            &[
                (
                    "km",
                    format_fixed(f64::from((r - driver::MOON_RADIUS_M) / 1000.0), 0),
                ),
                (
                    "kms",
                    format_fixed(f64::from(v.linear.length()) / 1000.0, 2),
                ),
                ("min", format_fixed(f64::from(th.age_s) / 60.0, 0)),
                ("mj", format!("{:+.2}", e / 1e6)),
                (
                    "fate",
                    tr.t(if e >= 0.0 { "hud-leaves" } else { "hud-falls" }),
                ),
            ],
        ));
    }
    ui.label(tr.args(
        "hud-thrown",
        &[
            ("n", s.throws.to_string()),
            ("escaped", s.escaped.to_string()),
            ("fell", s.fell_back.to_string()),
        ],
    ));
    let rate: f64 = sim.drivers.iter().map(|d| d.thrown_t_per_h).sum();
    let cap: f64 = sim.drivers.iter().map(|d| d.capacity_t_per_h).sum();
    ui.separator();
    ui.label(tr.args(
        "hud-driver-sim",
        &[
            ("rate", format_fixed(rate, 1)),
            ("cap", format_fixed(cap, 1)),
            (
                "n",
                format_fixed(rate * 1000.0 / f64::from(s.spec.payload_kg), 0),
            ),
            ("kg", format_fixed(f64::from(s.spec.payload_kg), 0)),
        ],
    ));
    ui.weak(tr.t("hud-driver-note"));
}

/// The track's length, acceleration, angle and exit speed against escape speed; the
/// energy a kilogram takes, against refining it.
fn show_track_labels(ui: &mut egui::Ui, tr: &Tr, s: &DriverScene, params: &Params) {
    ui.label(tr.args(
        "hud-track",
        &[
            ("km", format_fixed(f64::from(s.spec.track_m()) / 1000.0, 1)),
            ("g", format_fixed(f64::from(s.spec.accel_m_s2 / G0), 0)),
            ("deg", format_fixed(f64::from(driver::ELEVATION_DEG), 0)),
            (
                "exit",
                format_fixed(f64::from(s.spec.exit_speed_m_s) / 1000.0, 2),
            ),
            (
                "escape",
                format_fixed(f64::from(driver::escape_speed()) / 1000.0, 2),
            ),
        ],
    ));
    ui.label(tr.args(
        "hud-energy",
        &[
            (
                "motion",
                format_fixed(f64::from(s.spec.kinetic_j_per_kg()) / 1e6, 2),
            ),
            (
                "electric",
                format_fixed(f64::from(s.spec.electric_j_per_kg()) / 1e6, 2),
            ),
            ("pct", format_fixed(f64::from(s.spec.efficiency) * 100.0, 0)),
        ],
    ));
    ui.label(tr.args(
        "hud-refining",
        &[
            ("kwh", format_fixed(params.get(P::RefiningKwhPerKg), 1)),
            ("mj", format_fixed(params.get(P::RefiningKwhPerKg) * 3.6, 0)),
            (
                "x",
                format_fixed(
                    params.get(P::RefiningKwhPerKg) * 3.6e6 / f64::from(s.spec.electric_j_per_kg()),
                    0,
                ),
            ),
        ],
    ));
}

/// The factory floor's panel: its lines, the scale of a drawn robot and a scene second,
/// a line's output and cost, how the lines grew, then the sim's robots.
fn show_factory_panel(ui: &mut egui::Ui, tr: &Tr, s: &FactoryScene, sim: &SimFigures) {
    ui.heading(tr.t("closeups-factory"));
    ui.label(tr.args(
        "hud-lines",
        &[
            ("lines", s.lines.to_string()),
            ("pct", format_fixed(s.site_done() * 100.0, 0)),
            ("builders", s.builders.to_string()),
        ],
    ));
    ui.label(tr.args(
        "hud-factory-scale",
        &[
            ("drawn", format_fixed(s.rates.robots_per_drawn, 0)),
            ("hours", format_fixed(s.rates.hours_per_second, 0)),
            ("pct", format_fixed(s.rates.to_new_lines * 100.0, 0)),
        ],
    ));
    ui.label(tr.args(
        "hud-line-makes",
        &[
            ("n", format!("{:.2e}", s.rates.robots_per_line_year)),
            ("cost", format_fixed(s.rates.line_robot_years, 0)),
        ],
    ));
    if let (Some(first), Some(last)) = (s.history.first(), s.history.last())
        && last.1 > first.1
    {
        let years = (last.0 - first.0) * s.rates.hours_per_second / 8_760.0;
        ui.label(tr.args(
            "hud-lines-grew",
            &[
                ("from", first.1.to_string()),
                ("to", last.1.to_string()),
                ("years", format_fixed(years, 1)),
            ],
        ));
    }
    ui.separator();
    ui.label(tr.args(
        "hud-robots-sim",
        &[
            ("n", format!("{:.3e}", sim.robots.robots)),
            ("hour", format!("{:.3e}", sim.robots.made_per_hour)),
        ],
    ));
}

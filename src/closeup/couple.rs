//! The close-ups follow the simulation: the pad launches with the sim's flights from its
//! site, the driver takes the level's figures, and the factory floor runs at the sim's
//! rates.

use bevy::prelude::*;
use bevy_rapier3d::prelude::*;

use super::driver::DriverScene;
use super::factory::{FactoryRates, FactoryScene};
use super::pad::{self, PadPhase, PadScene};
use super::view::Closeup;
use super::{CloseupClock, G0};
use crate::screen::{SceneKind, Screen};
use crate::sim::launch::{Pad, Ship};
use crate::sim::params::{P, Params};
use crate::sim::robots::RobotWorkforce;

/// The pad launches with the sim's flights from its site and restacks when the sim's pad
/// there is free again.
pub(super) fn couple_pad(
    mut commands: Commands,
    time: Res<Time<bevy::time::Real>>,
    mut closeup: ResMut<Closeup>,
    screen: Res<State<Screen>>,
    mut scene: ResMut<PadScene>,
    ships: Query<&Ship>,
    pads: Query<&Pad>,
) {
    let Some(SceneKind::Pad(site)) = screen.closeup() else {
        return;
    };
    let flown: u64 = ships
        .iter()
        .filter(|s| s.site == site)
        .map(|s| u64::from(s.flights))
        .sum();
    let before = closeup.site_flights.replace(flown);
    // One flight at a time is shown; the rest fly in the sim meanwhile.
    if before.is_some_and(|b| flown > b) && scene.waiting == 0 {
        scene.waiting = 1;
    }
    if matches!(scene.phase, PadPhase::Caught | PadPhase::Lost) {
        closeup.caught_for += time.delta_secs();
        let free = pads.iter().any(|p| p.site == site && p.busy_h <= 0.0);
        if closeup.caught_for > 3.0 && free {
            closeup.caught_for = 0.0;
            commands.queue(pad::restack);
        }
    }
}

/// The driver's figures follow the level's parameters; the sled runs in real time and a
/// payload's flight of hours at a minute of game time a frame.
pub(super) fn couple_driver(
    params: Res<Params>,
    mut scene: ResMut<DriverScene>,
    mut mode: ResMut<TimestepMode>,
    mut clock: ResMut<CloseupClock>,
) {
    let flying = scene.throws > scene.escaped + scene.fell_back;
    let (dt, steps) = if flying { (1.0, 60) } else { (1.0 / 60.0, 1) };
    if super::step_secs(&mode) != dt {
        *mode = TimestepMode::Fixed { dt, substeps: 1 };
    }
    clock.steps_per_frame = steps;
    if !params.is_changed() {
        return;
    }
    scene.spec.accel_m_s2 = (params.get(P::MassDriverAccelG) * f64::from(G0)) as f32;
    scene.spec.exit_speed_m_s = (params.get(P::MassDriverExitSpeedKmS) * 1000.0) as f32;
    scene.spec.efficiency = params.get(P::MassDriverEfficiency) as f32;
}

/// The floor runs at the sim's rates: a line's output, the share of robots that build
/// lines, and a line's cost. A drawn robot stands for enough robots that the floor makes
/// about three a second.
pub(super) fn couple_factory(
    params: Res<Params>,
    robots: Res<RobotWorkforce>,
    policies: Res<crate::sim::orders::Policies>,
    mut scene: ResMut<FactoryScene>,
) {
    // The sim's own rate for a line, so the floor compounds as the game does.
    let per_line = crate::sim::robots::line_robots_per_year(&params, &robots).max(1e-9);
    let hours_per_second = 168.0;
    let per_second = f64::from(scene.lines) * per_line * hours_per_second / 8_760.0;
    let drawn = (per_second / 3.0).max(1.0);
    // Round to one significant figure so the legend stays readable.
    let mag = 10f64.powf(drawn.log10().floor());
    scene.rates = FactoryRates {
        robots_per_line_year: per_line,
        to_new_lines: policies.robots_to_factories,
        line_robot_years: params.get(P::FactoryBuildRobotYears),
        robots_per_drawn: (drawn / mag).round().max(1.0) * mag,
        hours_per_second,
    };
}

//! Builders for headless apps, shared by the tests, the benchmarks and the command line.

use bevy::prelude::*;

use crate::level::{CheckedLevel, load_file, parse_level, spawn_level};
use crate::sim::SimPlugin;
use crate::sim::clock::SimSpeed;
use crate::sim::orders::{Order, Ordered};

/// A headless app (no window, no GPU) with no level yet, paused: for loading a save into
/// a fresh world (entity ids then match those of the game that was saved).
pub fn bare_app() -> App {
    bare_app_with(|_| {})
}

/// [`bare_app`] with more plugins added by `extra` before the app is finished (the UI
/// harness adds the asset server and the level picker's loader).
pub fn bare_app_with(extra: impl FnOnce(&mut App)) -> App {
    let mut app = App::new();
    app.add_plugins(MinimalPlugins)
        .add_plugins((SimPlugin, crate::level::plugin));
    extra(&mut app);
    app.finish();
    app.cleanup();
    app.world_mut().resource_mut::<SimSpeed>().paused = true;
    app
}

/// A headless app (no window, no GPU) playing `level`, paused at its first hour.
pub fn sim_app(level: &CheckedLevel) -> App {
    sim_app_with(level, |_| {})
}

/// [`sim_app`] with more plugins (see [`bare_app_with`]).
pub fn sim_app_with(level: &CheckedLevel, extra: impl FnOnce(&mut App)) -> App {
    let mut app = bare_app_with(extra);
    spawn_level(app.world_mut(), level);
    app.world_mut().resource_mut::<SimSpeed>().paused = true;
    app
}

/// Parses a level from text, panicking with its errors: for tests of valid levels.
pub fn level(src: &str) -> CheckedLevel {
    parse_level("test.ron", src).unwrap_or_else(|e| panic!("{e}"))
}

/// Loads a level file, panicking with its errors: for tests of shipped levels.
pub fn level_file(path: &str) -> CheckedLevel {
    load_file(std::path::Path::new(path)).unwrap_or_else(|e| panic!("{e}"))
}

/// Runs exactly `ticks` game hours in one frame.
pub fn advance(app: &mut App, ticks: u64) {
    app.world_mut().resource_mut::<SimSpeed>().run_once(ticks);
    app.update();
}

/// Runs `ticks` game hours in frames of `per_frame` ticks each.
pub fn advance_in_frames(app: &mut App, ticks: u64, per_frame: u64) {
    let mut left = ticks;
    while left > 0 {
        let n = left.min(per_frame.max(1));
        advance(app, n);
        left -= n;
    }
}

/// Gives an order as the player would, and applies it (no time passes).
pub fn order(app: &mut App, order: Order) {
    app.world_mut().write_message(Ordered(order));
    app.update();
}

/// `level` with `k` times the entities, for measuring how the tick cost grows: every site,
/// hall, fab and constellation `k` times (sites spread in longitude), with `k` times the
/// capital, robots, factory lines and chip supply so the copies grow alike.
pub fn scaled(level: &CheckedLevel, k: usize) -> CheckedLevel {
    use crate::sim::params::P;
    let mut out = level.clone();
    let k = k.max(1);
    let w = &mut out.level.world;
    let copies = |i: usize, name: &str| {
        if i == 0 {
            name.to_string()
        } else {
            format!("{name} {}", i + 1)
        }
    };
    let mut sites = Vec::new();
    let mut halls = Vec::new();
    for i in 0..k {
        for s in &level.level.world.sites {
            let mut s = s.clone();
            s.name = copies(i, &s.name);
            s.lon_deg = (s.lon_deg + 360.0 * i as f64 / k as f64 + 180.0).rem_euclid(360.0) - 180.0;
            sites.push(s);
        }
        for h in &level.level.world.datacenters {
            let mut h = h.clone();
            h.name = copies(i, &h.name);
            halls.push(h);
        }
    }
    w.sites = sites;
    w.datacenters = halls;
    w.fabs = w
        .fabs
        .iter()
        .cycle()
        .take(w.fabs.len() * k)
        .cloned()
        .collect();
    w.orbit = w
        .orbit
        .iter()
        .cycle()
        .take(w.orbit.len() * k)
        .cloned()
        .collect();
    let f = k as f64;
    w.capital_usd *= f;
    w.solar_gw *= f;
    w.battery_gwh *= f;
    w.turbines_gw *= f;
    w.robots.robots *= f;
    w.robots.factory_lines *= f;
    for p in [P::LogicSupplyPerYr, P::MemorySupplyPerYr] {
        let v = out.params.get(p);
        out.params.set(p, v * f);
    }
    out
}

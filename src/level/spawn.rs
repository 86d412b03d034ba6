//! Starts a checked level: turns its starting world into the sim's [`Start`] and hands it
//! to [`crate::sim::world::reset`] (the sim resets and spawns its own world), then sets up
//! the level's own state: its script, messages and the level itself.

use bevy::prelude::*;

use super::check::CheckedLevel;
use super::schema::WorldSpec;
use super::script::{MessageLog, Script};
use crate::sim::launch::LaunchSite;
use crate::sim::world::{Part, Start};

/// The level in play.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct CurrentLevel(pub CheckedLevel);

/// A snapshot holds the level as its file's name, its text and the seed played; reading it
/// back checks the text again, so the level is exactly the one that was played.
impl serde::Serialize for CurrentLevel {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        LevelText {
            file: self.0.file.clone(),
            source: self.0.source.clone(),
            seed: self.0.level.seed,
        }
        .serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for CurrentLevel {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = LevelText::deserialize(d)?;
        let mut level = super::check::parse_level(&text.file, &text.source).map_err(|e| {
            serde::de::Error::custom(format!("the level `{}` does not check: {e}", text.file))
        })?;
        level.level.seed = text.seed;
        Ok(CurrentLevel(level))
    }
}

/// [`CurrentLevel`] as a snapshot holds it.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename = "CurrentLevel", deny_unknown_fields)]
struct LevelText {
    file: String,
    source: String,
    seed: u64,
}

/// The sim's parts of a level's starting world.
pub fn parts(w: &WorldSpec) -> Vec<Part> {
    let mut parts = vec![
        Part::Solar(w.solar_gw),
        Part::Batteries(w.battery_gwh),
        Part::Turbines(w.turbines_gw),
    ];
    parts.extend(w.datacenters.iter().map(|dc| Part::Datacenter {
        name: dc.name.clone(),
        gpu_slots: dc.gpu_slots,
        gpus: dc.gpus,
    }));
    parts.extend(w.fabs.iter().map(|f| Part::Fab {
        kind: f.kind,
        phase: f.phase,
        months_in_phase: f.months_in_phase,
    }));
    parts.extend(w.sites.iter().map(|s| Part::Site {
        site: LaunchSite {
            name: s.name.clone(),
            lat_deg: s.lat_deg,
            lon_deg: s.lon_deg,
            methane_t: s.methane_t,
            methane_capacity_t: s.methane_capacity_t,
            methane_t_per_day: s.methane_t_per_day,
            sso: s.sso,
        },
        pads: s.pads,
        ships: s.ships,
    }));
    parts.extend(w.orbit.iter().map(|c| Part::Constellation {
        orbit: c.orbit,
        solar_gw: c.solar_gw,
        gpus: c.gpus,
    }));
    if let Some(m) = &w.moon {
        parts.push(Part::Moon {
            robots: m.robots,
            solar_gw: m.solar_gw,
            battery_gwh: m.battery_gwh,
            works_gw_per_yr: m.works_gw_per_yr,
            mass_driver_t_per_h: m.mass_driver_t_per_h,
        });
    }
    parts.push(Part::RobotFactory(w.robots.factory_lines));
    parts
}

/// The sim's starting world for `level`.
pub fn start(level: &CheckedLevel) -> Start {
    let w = &level.level.world;
    Start {
        date: level.start,
        seed: level.level.seed,
        params: level.params.clone(),
        grid_deg: (w.grid.lat_deg, w.grid.lon_deg),
        grid_climate: w.grid.climate(),
        capital_usd: w.capital_usd,
        research: w.research.clone(),
        policies: w.policies.clone(),
        locked: w.locked.clone(),
        orders: level.orders.clone(),
        robots: w.robots.robots,
        parts: parts(w),
        daily_draw: super::script::level_uses_chance(&level.level),
    }
}

/// Replaces the simulation world with `level`'s starting world, and starts its script.
pub fn spawn_level(world: &mut World, level: &CheckedLevel) {
    crate::sim::world::reset(world, &start(level));
    // A new start is free of any teacher's lock (a save or code puts its own back).
    world.insert_resource(crate::lock::TeacherLock::default());
    world.insert_resource(Script::start(&level.level));
    world.insert_resource(MessageLog::default());
    world.insert_resource(CurrentLevel(level.clone()));
}

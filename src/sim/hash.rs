//! A digest of the whole simulation state, to prove determinism: same level and seed,
//! same state, at any warp.

use std::fmt::Write;

use bevy::prelude::*;

use super::chips::{ChipStock, Fab};
use super::clock::GameClock;
use super::datacenters::{GroundCompute, GroundDatacenter};
use super::economy::Capital;
use super::energy::{Grid, PowerPlant};
use super::launch::{Deliveries, Flight, LaunchSite, LaunchStats, Pad, Ship};
use super::limits::Limits;
use super::moon::{LunarBase, LunarMine, LunarWorks, MassDriver};
use super::orbit::{OrbitCompute, OrbitalDatacenter};
use super::orders::Policies;
use super::params::Params;
use super::projects::{Project, Queues};
use super::record::TimeSeries;
use super::research::Research;
use super::rng::SimRng;
use super::robots::{RobotFactory, RobotWorkforce};

fn dump_resource<R: Resource + std::fmt::Debug>(world: &World, out: &mut String) {
    if let Some(r) = world.get_resource::<R>() {
        let _ = writeln!(out, "{r:?}");
    }
}

fn dump_components<C: Component + std::fmt::Debug>(world: &mut World, out: &mut String) {
    let mut q = world.query::<(Entity, &C)>();
    let mut rows: Vec<(Entity, String)> =
        q.iter(world).map(|(e, c)| (e, format!("{c:?}"))).collect();
    rows.sort_by_key(|(e, _)| *e);
    for (e, c) in rows {
        let _ = writeln!(out, "{e:?} {c}");
    }
}

/// Every sim resource and component as text, in a fixed order (floats print exactly).
pub fn state_dump(world: &mut World) -> String {
    let mut out = String::new();
    dump_resource::<GameClock>(world, &mut out);
    dump_resource::<Params>(world, &mut out);
    dump_resource::<Policies>(world, &mut out);
    dump_resource::<Research>(world, &mut out);
    dump_resource::<Capital>(world, &mut out);
    dump_resource::<Grid>(world, &mut out);
    dump_resource::<ChipStock>(world, &mut out);
    dump_resource::<GroundCompute>(world, &mut out);
    dump_resource::<OrbitCompute>(world, &mut out);
    dump_resource::<LaunchStats>(world, &mut out);
    dump_resource::<Deliveries>(world, &mut out);
    dump_resource::<RobotWorkforce>(world, &mut out);
    dump_resource::<Queues>(world, &mut out);
    dump_resource::<Limits>(world, &mut out);
    dump_resource::<TimeSeries>(world, &mut out);
    if let Some(rng) = world.get_resource::<SimRng>() {
        let _ = writeln!(out, "rng {} {}", rng.seed, rng.rng.get_word_pos());
    }
    dump_components::<PowerPlant>(world, &mut out);
    dump_components::<GroundDatacenter>(world, &mut out);
    dump_components::<Fab>(world, &mut out);
    dump_components::<LaunchSite>(world, &mut out);
    dump_components::<Pad>(world, &mut out);
    dump_components::<Ship>(world, &mut out);
    dump_components::<Flight>(world, &mut out);
    dump_components::<OrbitalDatacenter>(world, &mut out);
    dump_components::<LunarBase>(world, &mut out);
    dump_components::<LunarMine>(world, &mut out);
    dump_components::<LunarWorks>(world, &mut out);
    dump_components::<MassDriver>(world, &mut out);
    dump_components::<RobotFactory>(world, &mut out);
    dump_components::<Project>(world, &mut out);
    out
}

/// FNV-1a digest of [`state_dump`].
pub fn state_hash(world: &mut World) -> u64 {
    state_dump(world)
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
}

//! Builds the simulation world from a checked level: resets every sim resource, despawns
//! the old world and spawns the level's sites, plants, halls, fabs, satellites, base and
//! factories.

use bevy::prelude::*;

use super::check::CheckedLevel;
use super::script::{GoalState, MessageLog, Script};
use crate::sim::chips::{ChipStock, Fab};
use crate::sim::clock::{GameClock, SimSpeed};
use crate::sim::constants::HOURS_PER_MONTH;
use crate::sim::datacenters::{GroundCompute, GroundDatacenter};
use crate::sim::economy::Capital;
use crate::sim::energy::{Grid, PlantKind, PowerPlant};
use crate::sim::launch::{Deliveries, Flight, LaunchSite, LaunchStats, Pad, Ship};
use crate::sim::limits::Limits;
use crate::sim::moon::{LunarBase, LunarMine, LunarWorks, MassDriver};
use crate::sim::orbit::{OrbitCompute, OrbitalDatacenter};
use crate::sim::orders::{Locks, OrderLog, Ordered, ScriptedOrders};
use crate::sim::projects::{Project, ProjectSeq, Queues};
use crate::sim::record::TimeSeries;
use crate::sim::research::Research;
use crate::sim::rng::SimRng;
use crate::sim::robots::{RobotFactory, RobotWorkforce};

/// The level in play.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct CurrentLevel(pub CheckedLevel);

fn despawn_all<C: Component>(world: &mut World) {
    let entities: Vec<Entity> = world
        .query_filtered::<Entity, With<C>>()
        .iter(world)
        .collect();
    for e in entities {
        world.despawn(e);
    }
}

/// Replaces the simulation world with `level`'s starting world.
pub fn spawn_level(world: &mut World, level: &CheckedLevel) {
    despawn_all::<PowerPlant>(world);
    despawn_all::<GroundDatacenter>(world);
    despawn_all::<Fab>(world);
    despawn_all::<Flight>(world);
    despawn_all::<Ship>(world);
    despawn_all::<Pad>(world);
    despawn_all::<LaunchSite>(world);
    despawn_all::<OrbitalDatacenter>(world);
    despawn_all::<LunarBase>(world);
    despawn_all::<LunarMine>(world);
    despawn_all::<LunarWorks>(world);
    despawn_all::<MassDriver>(world);
    despawn_all::<RobotFactory>(world);
    despawn_all::<Project>(world);
    // Orders given to the old world do not carry over to the new one.
    if let Some(mut pending) = world.get_resource_mut::<Messages<Ordered>>() {
        pending.clear();
    }

    let w = &level.level.world;
    let params = level.params.clone();
    world.insert_resource(GameClock {
        tick: 0,
        start: level.start,
    });
    // Keep the player's pause and warp; drop ticks pending from the old world.
    let old = world
        .get_resource::<SimSpeed>()
        .cloned()
        .unwrap_or_default();
    let mut speed = SimSpeed::default();
    speed.paused = old.paused;
    speed.warp = old.warp;
    world.insert_resource(speed);
    world.insert_resource(SimRng::seeded(level.level.seed));
    world.insert_resource(Grid::at(w.grid.lat_deg, w.grid.lon_deg));
    world.insert_resource(ChipStock::default());
    world.insert_resource(crate::sim::chips::ChipSupply::default());
    world.insert_resource(crate::sim::costs::Learning::default());
    world.insert_resource(GroundCompute::default());
    world.insert_resource(OrbitCompute::default());
    world.insert_resource(LaunchStats::default());
    world.insert_resource(Deliveries::default());
    world.insert_resource(Queues::default());
    world.insert_resource(ProjectSeq::default());
    world.insert_resource(Limits::default());
    world.insert_resource(TimeSeries::default());
    world.insert_resource(Capital {
        usd: w.capital_usd,
        ..default()
    });
    let mut research = Research::default();
    for t in &w.research {
        research.grant(*t);
    }
    world.insert_resource(research);
    world.insert_resource(w.policies.clone());
    let mut locked = w.locked.clone();
    locked.sort();
    world.insert_resource(Locks { locked });
    world.insert_resource(OrderLog::default());
    world.insert_resource(ScriptedOrders {
        pending: level.orders.iter().cloned().collect(),
    });
    world.insert_resource(RobotWorkforce {
        robots: w.robots.robots,
        ..default()
    });

    if w.solar_gw > 0.0 {
        world.spawn(PowerPlant {
            kind: PlantKind::Solar {
                peak_gw: w.solar_gw,
            },
        });
    }
    if w.battery_gwh > 0.0 {
        world.spawn(PowerPlant {
            kind: PlantKind::Battery {
                capacity_gwh: w.battery_gwh,
                charge_gwh: w.battery_gwh,
            },
        });
    }
    if w.turbines_gw > 0.0 {
        world.spawn(PowerPlant {
            kind: PlantKind::Turbines { gw: w.turbines_gw },
        });
    }
    for dc in &w.datacenters {
        let mut hall = GroundDatacenter::new(dc.name.clone(), dc.climate, dc.gpu_slots);
        hall.gpus = dc.gpus;
        world.spawn(hall);
    }
    for f in &w.fabs {
        let mut fab = Fab::new(f.kind, f.phase, &params);
        fab.hours_in_phase = f.months_in_phase * HOURS_PER_MONTH;
        world.spawn(fab);
    }
    for s in &w.sites {
        let site = world
            .spawn(LaunchSite {
                name: s.name.clone(),
                lat_deg: s.lat_deg,
                lon_deg: s.lon_deg,
                methane_t: s.methane_t.min(s.methane_capacity_t),
                methane_capacity_t: s.methane_capacity_t,
                methane_t_per_day: s.methane_t_per_day,
                sso: s.sso,
            })
            .id();
        for _ in 0..s.pads {
            world.spawn(Pad::free_at(site));
        }
        for _ in 0..s.ships {
            world.spawn(Ship::ready_at(site));
        }
    }
    for c in &w.orbit {
        world.spawn(OrbitalDatacenter {
            orbit: c.orbit,
            month: 0,
            solar_gw: c.solar_gw,
            gpus: c.gpus,
            untested: 0.0,
            failed: 0.0,
            first_tick: 0,
        });
    }
    if let Some(m) = &w.moon {
        world.spawn(LunarBase {
            solar_gw: m.solar_gw,
            battery_gwh: m.battery_gwh,
            charge_gwh: m.battery_gwh,
            ..default()
        });
        world.spawn(LunarMine { robots: m.robots });
        world.spawn(LunarWorks {
            cells_gw_per_yr: m.works_gw_per_yr,
        });
        world.spawn(MassDriver {
            capacity_t_per_h: m.mass_driver_t_per_h,
            thrown_t_per_h: 0.0,
        });
    }
    if w.robots.factory_lines > 0.0 {
        world.spawn(RobotFactory {
            name: "Robot factory".into(),
            lines: w.robots.factory_lines,
        });
    }
    world.insert_resource(params);
    let l = &level.level;
    world.insert_resource(Script {
        events: l.events.iter().map(|e| (e.clone(), false, false)).collect(),
        goals: l
            .goals
            .iter()
            .map(|g| (g.clone(), GoalState::Open))
            .collect(),
        lesson: l.lessons.clone(),
        step: 0,
        rival: l.rival.clone(),
        outcome: None,
        today_draw: 1.0,
    });
    world.insert_resource(MessageLog::default());
    world.insert_resource(CurrentLevel(level.clone()));
}

//! The floor for the ECS tick: the same per-entity hourly updates — methane, pads, ships,
//! flights, plants, halls, orbital cohorts — as plain Rust over vectors, with the same
//! kernels the systems call (`LaunchSite::hour`, `Flight::hour`, `PlantTally::add`,
//! `GroundDatacenter::power`, `OrbitalDatacenter::age_hour`, …). `terawatt bench` and
//! `cargo bench` compare an ECS tick with an hour of this loop on the same world.
//!
//! It leaves out the decisions (launches, purchases, orders, limits, records, the script):
//! those are a handful of sums an hour in the ECS as well, so the ratio measures what the
//! ECS's scheduling and queries cost over a bare loop.

use std::collections::HashMap;

use bevy::prelude::*;

use super::clock::GameClock;
use super::datacenters::{GroundDatacenter, load_kw_per_gpu};
use super::energy::{Grid, PlantTally, PowerPlant, solar_factor};
use super::launch::{Flight, FlightStep, LaunchSite, Pad, Payload, Ship};
use super::orbit::{AgeRates, OrbitalDatacenter};
use super::params::{P, Params};

/// A copy of the world's entities as vectors, stepped an hour at a time.
#[derive(Debug, Clone)]
pub struct Floor {
    clock: GameClock,
    params: Params,
    grid: Grid,
    sites: Vec<LaunchSite>,
    pads: Vec<Pad>,
    ships: Vec<Ship>,
    flights: Vec<(Flight, usize)>,
    plants: Vec<PowerPlant>,
    halls: Vec<GroundDatacenter>,
    cohorts: Vec<OrbitalDatacenter>,
}

/// What an hour of the floor added up to (so the work cannot be optimised away).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FloorHour {
    /// Satellite GPUs delivered.
    pub delivered_gpus: f64,
    /// Flights landed.
    pub landed: u32,
    /// Ground GPUs powered.
    pub ground_powered: f64,
    /// Orbital GPUs working, by orbit.
    pub orbit_gpus: [f64; 3],
    /// GPUs failed in orbit this hour.
    pub failed: f64,
}

impl Floor {
    /// Copies the world's entities.
    pub fn from_world(world: &mut World) -> Self {
        let ships: Vec<(Entity, Ship)> = world
            .query::<(Entity, &Ship)>()
            .iter(world)
            .map(|(e, s)| (e, s.clone()))
            .collect();
        let index: HashMap<Entity, usize> = ships
            .iter()
            .enumerate()
            .map(|(i, (e, _))| (*e, i))
            .collect();
        let flights = world
            .query::<&Flight>()
            .iter(world)
            .filter_map(|f| index.get(&f.ship).map(|&i| (f.clone(), i)))
            .collect();
        Self {
            clock: world.resource::<GameClock>().clone(),
            params: world.resource::<Params>().clone(),
            grid: world.resource::<Grid>().clone(),
            sites: cloned(world),
            pads: cloned(world),
            ships: ships.into_iter().map(|(_, s)| s).collect(),
            flights,
            plants: cloned(world),
            halls: cloned(world),
            cohorts: cloned(world),
        }
    }

    /// Entities in the copy.
    pub fn entities(&self) -> usize {
        self.sites.len()
            + self.pads.len()
            + self.ships.len()
            + self.flights.len()
            + self.plants.len()
            + self.halls.len()
            + self.cohorts.len()
    }

    /// What is in the copy, in words.
    pub fn census(&self) -> String {
        format!(
            "{} sites, {} pads, {} ships, {} flights, {} plants, {} halls, {} cohorts",
            self.sites.len(),
            self.pads.len(),
            self.ships.len(),
            self.flights.len(),
            self.plants.len(),
            self.halls.len(),
            self.cohorts.len()
        )
    }

    /// One game hour.
    pub fn hour(&mut self) -> FloorHour {
        let mut out = FloorHour::default();
        let tick = self.clock.tick;
        for s in &mut self.sites {
            s.hour();
        }
        for p in &mut self.pads {
            p.hour();
        }
        for s in &mut self.ships {
            s.hour();
        }
        let turnaround = self.params.get(P::ShipTurnaround);
        let mut i = 0;
        while i < self.flights.len() {
            let (flight, ship) = &mut self.flights[i];
            match flight.hour(tick) {
                FlightStep::Flying => i += 1,
                FlightStep::Delivered(p) => {
                    if let Payload::Satellites { gpus, unburned, .. } = p {
                        out.delivered_gpus += gpus + unburned;
                    }
                    i += 1;
                }
                FlightStep::Landed(flown) => {
                    self.ships[*ship].land(flown as f64, turnaround);
                    out.landed += 1;
                    self.flights.swap_remove(i);
                }
            }
        }
        let mut tally = PlantTally::default();
        for p in &self.plants {
            tally.add(&p.kind);
        }
        let sun = solar_factor(
            &self.grid,
            &self.params,
            self.clock.date().day_of_year(),
            self.clock.hour_utc(),
        );
        tally.set_grid(&mut self.grid, &self.params, sun);
        let mut left = self.grid.available_gw();
        let gw_per_gpu = load_kw_per_gpu(&self.params, self.grid.climate) * 1e-6;
        for h in &mut self.halls {
            h.power(&mut left, gw_per_gpu, false);
            out.ground_powered += h.gpus_powered;
        }
        let rates = AgeRates::new(&self.params);
        for c in &mut self.cohorts {
            let (early, worn) = c.age_hour(&rates);
            out.failed += early + worn;
            out.orbit_gpus[c.orbit.index()] += c.gpus;
        }
        self.clock.tick += 1;
        out
    }
}

fn cloned<C: Component + Clone>(world: &mut World) -> Vec<C> {
    world.query::<&C>().iter(world).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::orbit::OrbitCompute;
    use crate::testing::{advance, level_file, sim_app};

    /// The floor steps the same numbers as the ECS: after a day from the same world, the
    /// orbital GPUs agree (the ECS also receives new satellites, which the floor only
    /// counts, so compare a world with no flights in the air).
    #[test]
    fn the_floor_ages_cohorts_as_the_ecs_does() {
        let mut level = level_file("levels/sandbox.ron");
        level.level.world.sites.clear();
        let mut app = sim_app(&level);
        advance(&mut app, 100);
        let mut floor = Floor::from_world(app.world_mut());
        assert!(floor.entities() > 0);
        let mut last = FloorHour::default();
        for _ in 0..24 {
            last = floor.hour();
        }
        advance(&mut app, 24);
        let ecs = app.world().resource::<OrbitCompute>().gpus;
        for (i, (e, f)) in ecs.iter().zip(last.orbit_gpus).enumerate() {
            let rel = (e - f).abs() / e.max(1.0);
            assert!(rel < 1e-12, "orbit {i}: ECS {e} vs floor {f}");
        }
        assert!(last.ground_powered > 0.0);
    }
}

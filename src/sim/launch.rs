//! Launch: Earth launch sites with pads and methane, a reusable Starship fleet with its
//! turnaround, and flights in progress that a view can draw (C19, C20, K7).

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::chips::ChipStock;
use super::constants::{HOURS_PER_DAY, KG_PER_T, W_PER_GW};
use super::economy::Capital;
use super::moon::LunarBuild;
use super::orbit::{Orbit, OrbitCompute};
use super::params::{P, Params};
use super::robots::RobotWorkforce;
use super::state::Policies;

mod flights;

use super::registry::SimEntity;
use flights::{fly_flights, launch_ready_ships};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        super::SimTick,
        (
            launch_ships.in_set(super::EarthSystems::Launch),
            move_flights.in_set(super::SimSystems::Flights),
        ),
    );
}

/// Sites make methane, pads and ships turn around ([`turn_around`]); ready ships launch
/// ([`launch_ready_ships`]).
#[expect(
    clippy::too_many_arguments,
    reason = "one rule's inputs, passed by the tick"
)]
fn launch_ships(
    mut commands: Commands,
    clock: Res<super::clock::GameClock>,
    params: Res<Params>,
    policies: Res<Policies>,
    orbit: Res<OrbitCompute>,
    learning: Res<super::costs::Learning>,
    mut stats: ResMut<LaunchStats>,
    mut capital: ResMut<Capital>,
    mut stock: ResMut<ChipStock>,
    mut rng: ResMut<super::rng::SimRng>,
    mut workforce: ResMut<RobotWorkforce>,
    mut builds: Query<(Entity, &mut LunarBuild)>,
    mut sites: SiteQuery,
    mut pads: Query<(Entity, &mut Pad)>,
    mut ships: Query<(Entity, &mut Ship)>,
) {
    turn_around(&clock, &mut stats, &mut sites, &mut pads, &mut ships);
    launch_ready_ships(
        &mut commands,
        &clock,
        &params,
        &policies,
        &mut stats,
        (&mut capital, &mut rng),
        &mut stock,
        (&mut workforce, &mut builds),
        &orbit,
        &learning,
        &mut sites,
        &mut pads,
        &mut ships,
    );
}

/// Flights climb, deploy and return ([`fly_flights`]).
fn move_flights(
    mut commands: Commands,
    clock: Res<super::clock::GameClock>,
    params: Res<Params>,
    research: Res<super::research::Research>,
    mut deliveries: ResMut<Deliveries>,
    mut stats: ResMut<LaunchStats>,
    mut flights: Query<(Entity, &mut Flight)>,
    mut ships: Query<(Entity, &mut Ship)>,
) {
    fly_flights(
        &mut commands,
        &clock,
        &params,
        &research,
        &mut deliveries,
        &mut stats,
        &mut flights,
        &mut ships,
    );
}

/// An Earth launch site.
#[derive(Component, Debug, Clone, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Component, Debug, PartialEq)]
#[require(SimEntity)]
pub struct LaunchSite {
    /// Its name, e.g. "Starbase".
    pub name: String,
    /// Latitude, degrees north.
    pub lat_deg: f64,
    /// Longitude, degrees east.
    pub lon_deg: f64,
    /// Methane in the tanks, t.
    pub methane_t: f64,
    /// Tank capacity, t.
    pub methane_capacity_t: f64,
    /// Methane made or delivered a day, t/day.
    pub methane_t_per_day: f64,
    /// X9: whether ships from here reach a dawn–dusk sun-synchronous orbit: a launch
    /// corridor north or south over open sea (Vandenberg has one; Starbase and the Cape
    /// launch east over the Gulf and the Atlantic, and a dogleg past inhabited coasts is
    /// not allowed). Latitude is not the test: any site below 82° can reach 97.6°.
    pub sso: bool,
}

/// A launch pad at a site.
#[derive(Component, Debug, Clone, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Component, Debug, PartialEq)]
#[require(SimEntity)]
pub struct Pad {
    /// Its site.
    #[entities]
    #[serde(with = "super::snapshot::entity")]
    pub site: Entity,
    /// Hours until it can launch again.
    pub busy_h: f64,
}

impl Pad {
    /// A free pad at `site`.
    pub fn free_at(site: Entity) -> Self {
        Self { site, busy_h: 0.0 }
    }

    /// One hour of turnaround.
    pub fn hour(&mut self) {
        self.busy_h = (self.busy_h - 1.0).max(0.0);
    }
}

impl LaunchSite {
    /// Whether its ships can fly to `orbit` (X9): SSO only with a corridor.
    pub fn reaches(&self, orbit: Orbit) -> bool {
        orbit != Orbit::Sso || self.sso
    }

    /// One hour of methane production, up to the tanks' capacity.
    pub fn hour(&mut self) {
        self.methane_t =
            (self.methane_t + self.methane_t_per_day / HOURS_PER_DAY).min(self.methane_capacity_t);
    }
}

/// A ship's state in its cycle.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Reflect)]
#[reflect(Debug, PartialEq)]
pub enum ShipState {
    /// On the ground, ready to fly.
    Ready,
    /// In flight.
    Flying,
    /// Back, being turned around; hours left.
    Turnaround {
        /// Hours left.
        hours_left: f64,
    },
}

/// A Starship.
#[derive(Component, Debug, Clone, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Component, Debug, PartialEq)]
#[require(SimEntity)]
pub struct Ship {
    /// Its home site.
    #[entities]
    #[serde(with = "super::snapshot::entity")]
    pub site: Entity,
    /// Where it is in its cycle.
    pub state: ShipState,
    /// Flights flown.
    pub flights: u32,
}

impl Ship {
    /// A new ship, ready at `site`.
    pub fn ready_at(site: Entity) -> Self {
        Self {
            site,
            state: ShipState::Ready,
            flights: 0,
        }
    }

    /// One hour of turnaround: ready when no hours are left.
    pub fn hour(&mut self) {
        if let ShipState::Turnaround { hours_left } = self.state {
            self.state = if hours_left <= 1.0 {
                ShipState::Ready
            } else {
                ShipState::Turnaround {
                    hours_left: hours_left - 1.0,
                }
            };
        }
    }

    /// Lands after `flown` hours: turned around for what is left of `turnaround_h`.
    pub fn land(&mut self, flown: f64, turnaround_h: f64) {
        let left = turnaround_h - flown;
        self.state = if left >= 1.0 {
            ShipState::Turnaround { hours_left: left }
        } else {
            ShipState::Ready
        };
    }
}

/// A flight's phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Reflect)]
#[reflect(Debug, PartialEq)]
pub enum FlightPhase {
    /// Climbing from the pad.
    Ascent,
    /// On its way, deploying or landing its payload.
    Deploy,
    /// Coming home.
    Return,
}

/// What a flight carries.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Reflect)]
#[reflect(Debug, PartialEq)]
pub enum Payload {
    /// An orbital datacenter's worth of satellites.
    Satellites {
        /// Their orbit.
        orbit: Orbit,
        /// Burned-in GPUs.
        gpus: f64,
        /// GPUs that skipped burn-in.
        unburned: f64,
        /// Solar arrays, GW.
        solar_gw: f64,
    },
    /// Robots for the Moon.
    Robots {
        /// How many.
        count: f64,
    },
    /// Works and mass-driver equipment for the Moon, made on Earth (issue 28).
    MoonCargo {
        /// Mass, t.
        tonnes: f64,
    },
    /// Propellant for the depot in low orbit, that refuels a ship bound for GEO or the
    /// Moon (X9, X10).
    Tanker {
        /// Propellant delivered, t.
        propellant_t: f64,
    },
}

/// A flight in progress.
#[derive(Component, Debug, Clone, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Component, Debug, PartialEq)]
#[require(SimEntity)]
pub struct Flight {
    /// The site it left from.
    #[entities]
    #[serde(with = "super::snapshot::entity")]
    pub site: Entity,
    /// The ship.
    #[entities]
    #[serde(with = "super::snapshot::entity")]
    pub ship: Entity,
    /// Its payload.
    pub payload: Payload,
    /// Its phase.
    pub phase: FlightPhase,
    /// Hours spent in the phase.
    pub hours_in_phase: f64,
    /// Hours the phase lasts.
    pub phase_hours: f64,
    /// Hours the deploy phase lasts (to orbit or to the Moon and back).
    pub deploy_hours: f64,
    /// The tick it launched.
    pub launched_tick: u64,
}

/// What an hour did to a flight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FlightStep {
    /// Still flying.
    Flying,
    /// Its payload arrived this hour.
    Delivered(Payload),
    /// It landed this hour, after so many hours.
    Landed(u64),
}

impl Flight {
    /// Progress through the current phase, 0–1.
    pub fn progress(&self) -> f64 {
        (self.hours_in_phase / self.phase_hours).clamp(0.0, 1.0)
    }

    /// One hour of flight at `tick`. A flight launched this very tick starts next hour.
    pub fn hour(&mut self, tick: u64) -> FlightStep {
        if self.launched_tick == tick {
            return FlightStep::Flying;
        }
        self.hours_in_phase += 1.0;
        if self.hours_in_phase < self.phase_hours {
            return FlightStep::Flying;
        }
        self.hours_in_phase = 0.0;
        match self.phase {
            FlightPhase::Ascent => {
                self.phase = FlightPhase::Deploy;
                self.phase_hours = self.deploy_hours;
                FlightStep::Flying
            }
            FlightPhase::Deploy => {
                self.phase = FlightPhase::Return;
                self.phase_hours = 1.0;
                FlightStep::Delivered(self.payload)
            }
            FlightPhase::Return => FlightStep::Landed(tick - self.launched_tick),
        }
    }
}

/// Payloads that arrived and are not yet taken in; the orbit and the Moon empty it.
#[derive(Resource, Debug, Clone, Serialize, Deserialize, Default, PartialEq, Reflect)]
#[reflect(Resource, Default, Debug, PartialEq)]
pub struct Deliveries {
    /// Satellites that reached their orbit.
    pub satellites: Vec<Payload>,
    /// Robots that landed on the Moon.
    pub moon_robots: f64,
    /// Works and driver equipment that landed on the Moon, t.
    pub moon_cargo_t: f64,
    /// Solar arrays thrown by the lunar mass driver and caught in the launch orbit, GW
    /// rated.
    pub lunar_solar_gw: f64,
}

/// Days of launch history kept for the rolling flights-per-year figure.
const HISTORY_DAYS: usize = 365;

/// Launch figures.
#[derive(Resource, Debug, Clone, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Resource, Default, Debug, PartialEq)]
pub struct LaunchStats {
    /// Flights ever launched.
    pub flights: u64,
    /// Of them, to the Moon.
    pub moon_flights: u64,
    /// Methane burned, t.
    pub methane_burned_t: f64,
    /// Satellites and compute put in Earth orbit, t (not Moon cargo, not propellant).
    pub mass_to_orbit_t: f64,
    /// Of the flights ever launched, tankers.
    pub tanker_flights: u64,
    /// Cargo landers left on the Moon, with no lunar oxygen to fly home on (X10).
    pub landers_left: u64,
    /// Works and driver equipment landed on the Moon, t (all time).
    pub moon_cargo_t: f64,
    /// Tanker loads waiting in the depot in low orbit, flights' worth.
    pub depot_loads: f64,
    /// Orbital power claimed by compute-only flights still on their way, GW, by orbit:
    /// two flights cannot count on the same spare watts.
    pub claimed_gw: [f64; 3],
    /// Launches per day over the last year (a ring).
    daily: Vec<u32>,
    /// Launches in the ring.
    last_year: u64,
    /// Of them, to the Moon, per day (a ring).
    moon_daily: Vec<u32>,
    /// Moon launches in the ring.
    moon_last_year: u64,
    /// Why ready ships stayed on the ground this tick, if they did.
    pub held_by: Option<LaunchHold>,
    /// X16: flights lost with their ship and payload, all time.
    #[serde(default)]
    pub ships_lost: u64,
}

impl Default for LaunchStats {
    fn default() -> Self {
        Self {
            flights: 0,
            moon_flights: 0,
            methane_burned_t: 0.0,
            mass_to_orbit_t: 0.0,
            tanker_flights: 0,
            landers_left: 0,
            moon_cargo_t: 0.0,
            depot_loads: 0.0,
            claimed_gw: [0.0; 3],
            ships_lost: 0,
            daily: vec![0; HISTORY_DAYS],
            last_year: 0,
            moon_daily: vec![0; HISTORY_DAYS],
            moon_last_year: 0,
            held_by: None,
        }
    }
}

impl LaunchStats {
    /// Flights in the last 365 days.
    pub fn flights_last_year(&self) -> u64 {
        self.last_year
    }

    /// Of the flights in the last 365 days, those to the Moon.
    pub fn moon_flights_last_year(&self) -> u64 {
        self.moon_last_year
    }

    fn count(&mut self, tick: u64, to_moon: bool) {
        let day = (tick / 24) as usize % HISTORY_DAYS;
        self.daily[day] += 1;
        self.last_year += 1;
        self.flights += 1;
        if to_moon {
            self.moon_daily[day] += 1;
            self.moon_last_year += 1;
            self.moon_flights += 1;
        }
    }

    fn new_day(&mut self, tick: u64) {
        let day = (tick / 24) as usize % HISTORY_DAYS;
        self.last_year -= u64::from(self.daily[day]);
        self.daily[day] = 0;
        self.moon_last_year -= u64::from(self.moon_daily[day]);
        self.moon_daily[day] = 0;
    }
}

/// Why a ready ship did not fly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Reflect)]
#[reflect(Debug, PartialEq)]
pub enum LaunchHold {
    /// Every pad was busy.
    Pads,
    /// Not enough methane at the site.
    Methane,
    /// Nothing to carry.
    Payload,
    /// No capital for the flight.
    Capital,
    /// No site of a ready ship reaches the launch orbit (X9).
    Orbit,
}

/// GPUs one compute-only flight carries to `orbit`, to dock onto bare lunar-made arrays
/// there: its payload over each GPU's module and its share of the docking hardware.
pub fn compute_only_load(params: &Params, orbit: Orbit) -> f64 {
    payload_t_to(params, orbit) * KG_PER_T
        / (params.get(P::ComputeKgPerGpu) + params.get(P::DockingKgPerGpu))
}

/// X9: payload one flight puts in `orbit`, t: LEO the full payload; SSO its share (the
/// plane change); GEO the full payload once the ship is refuelled by its tankers.
pub fn payload_t_to(params: &Params, orbit: Orbit) -> f64 {
    match orbit {
        Orbit::Leo | Orbit::Geo => params.get(P::PayloadT),
        Orbit::Sso => params.get(P::PayloadT) * params.get(P::SsoPayloadFraction),
    }
}

/// X9: tanker flights a flight to `orbit` needs first.
pub fn tankers_to(params: &Params, orbit: Orbit) -> f64 {
    match orbit {
        Orbit::Leo | Orbit::Sso => 0.0,
        Orbit::Geo => params.get(P::GeoTankerFlights).round(),
    }
}

/// X9: hours a flight to `orbit` takes, up and back.
pub fn flight_hours_to(params: &Params, orbit: Orbit) -> f64 {
    match orbit {
        Orbit::Leo | Orbit::Sso => params.get(P::FlightHours),
        Orbit::Geo => params.get(P::GeoFlightHours),
    }
}

/// K9: mass of a whole satellite (arrays, radiators, bus and compute) per GPU, kg, in any
/// orbit: sized so that its arrays power the GPU in full sun. No orbit carries storage, so
/// the GPU computes only while the satellite is lit (K6): 62% of the time in low orbit.
pub fn satellite_kg_per_gpu(params: &Params) -> f64 {
    super::orbit::orbital_kw_per_gpu(params) * 1e3 / params.get(P::SatelliteWPerKg)
}

/// GPUs one satellite flight puts in `orbit`, and their arrays, GW rated (X8): sized for
/// the GPUs' draw in full sun.
pub fn satellite_load_to(params: &Params, orbit: Orbit) -> (f64, f64) {
    let gpus = payload_t_to(params, orbit) * KG_PER_T / satellite_kg_per_gpu(params);
    let rated_gw = gpus * super::orbit::orbital_kw_per_gpu(params) * 1e3
        / W_PER_GW
        / super::orbit::sunlit_gw_per_rated_gw(params);
    (gpus, rated_gw)
}

/// X9: launch cost per GPU delivered to `orbit` at today's price (X3), $: the cargo
/// flight and its tankers, over the GPUs one satellite flight carries there.
pub fn launch_usd_per_gpu(params: &Params, learning: &super::costs::Learning, orbit: Orbit) -> f64 {
    let flights = 1.0 + tankers_to(params, orbit);
    flights * super::costs::flight_cost_usd(params, learning)
        / satellite_load_to(params, orbit).0.max(1e-9)
}

/// GPUs one satellite flight carries at the satellite's power in full sunlight, and that
/// power in GW: the nominal load, whatever the orbit.
pub fn satellite_load(params: &Params) -> (f64, f64) {
    let watts = params.get(P::PayloadT) * KG_PER_T * params.get(P::SatelliteWPerKg);
    let gpus = watts / (params.get(P::GpuPowerKw) * 1e3 * params.get(P::RackOverhead));
    (gpus, watts / W_PER_GW)
}

/// Launch sites, with whether an event has taken each out of service.
pub(super) type SiteQuery<'w, 's> =
    Query<'w, 's, (Entity, &'static mut LaunchSite, Has<super::Disabled>)>;

/// Sites make methane, pads and ships turn around (the Earth phase).
pub(super) fn turn_around(
    clock: &super::clock::GameClock,
    stats: &mut LaunchStats,
    sites: &mut SiteQuery,
    pads: &mut Query<(Entity, &mut Pad)>,
    ships: &mut Query<(Entity, &mut Ship)>,
) {
    // `for_each` walks each table densely (a `for` loop steps a cursor per entity).
    sites.iter_mut().for_each(|(_, mut s, _)| s.hour());
    if clock.tick.is_multiple_of(24) {
        stats.new_day(clock.tick);
    }
    pads.iter_mut().for_each(|(_, mut pad)| pad.hour());
    ships.iter_mut().for_each(|(_, mut ship)| ship.hour());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::alone::hour;

    /// The launch rules alone, Emergence's way: the tick's order, this domain's plugin, one
    /// site with a pad and a ship, GPUs waiting for a flight and capital to fly them; no
    /// level, no orbit to receive them, no other domain.
    fn launch_alone() -> (App, Entity, Entity) {
        let mut app = crate::sim::alone::app(plugin);
        app.init_resource::<Policies>()
            .init_resource::<OrbitCompute>()
            .init_resource::<crate::sim::costs::Learning>()
            .init_resource::<crate::sim::research::Research>()
            .init_resource::<LaunchStats>()
            .init_resource::<crate::sim::rng::SimRng>()
            .init_resource::<Deliveries>()
            .init_resource::<RobotWorkforce>()
            .insert_resource(ChipStock {
                launch_queue_gpus: 1e6,
                ..default()
            })
            .insert_resource(Capital {
                usd: 1e12,
                ..default()
            });
        let world = app.world_mut();
        let site = world
            .spawn(LaunchSite {
                name: "Starbase".into(),
                lat_deg: 26.0,
                lon_deg: -97.2,
                methane_t: 100_000.0,
                methane_capacity_t: 100_000.0,
                methane_t_per_day: 10_000.0,
                sso: false,
            })
            .id();
        world.spawn(Pad::free_at(site));
        let ship = world.spawn(Ship::ready_at(site)).id();
        (app, site, ship)
    }

    /// A ready ship with a free pad, methane, a payload and the money launches in the hour;
    /// its flight reaches orbit, delivers what it carried and comes home.
    #[test]
    fn a_ready_ship_alone_launches_delivers_and_comes_home() {
        let (mut app, site, ship) = launch_alone();
        hour(&mut app);
        let world = app.world_mut();
        assert_eq!(world.query::<&Flight>().iter(world).count(), 1);
        assert_eq!(world.get::<Ship>(ship).unwrap().state, ShipState::Flying);
        assert!(
            world.resource::<Capital>().usd < 1e12,
            "the flight was free"
        );
        assert!(world.get::<LaunchSite>(site).unwrap().methane_t < 100_000.0);
        let carried = 1e6 - world.resource::<ChipStock>().launch_queue_gpus;
        assert!(carried > 0.0, "nothing loaded");
        let mut delivered = 0.0;
        for _ in 0..24 * 30 {
            hour(&mut app);
            let world = app.world_mut();
            for p in world.resource_mut::<Deliveries>().satellites.drain(..) {
                if let Payload::Satellites { gpus, unburned, .. } = p {
                    delivered += gpus + unburned;
                }
            }
            if world.get::<Ship>(ship).unwrap().state != ShipState::Flying {
                break;
            }
        }
        let world = app.world_mut();
        assert_ne!(world.get::<Ship>(ship).unwrap().state, ShipState::Flying);
        assert_eq!(world.query::<&Flight>().iter(world).count(), 0);
        assert!(
            (delivered - carried).abs() < 1e-6 * carried,
            "{delivered} of {carried}"
        );
    }
}

//! Launch: Earth launch sites with pads and methane, a reusable Starship fleet with its
//! turnaround, and flights in progress that a view can draw (C19, C20, K7).

use std::collections::VecDeque;

use bevy::platform::collections::HashMap;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::chips::ChipStock;
use super::constants::{HOURS_PER_DAY, KG_PER_T, W_PER_GW};
use super::economy::Capital;
use super::orbit::{Orbit, OrbitCompute};
use super::orders::Policies;
use super::params::{P, Params};
use super::robots::RobotWorkforce;
use super::registry::SimEntity;

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
    mut workforce: ResMut<RobotWorkforce>,
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
        &mut capital,
        &mut stock,
        &mut workforce,
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
#[derive(Component, Debug, Clone, PartialEq)]
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
#[derive(Component, Debug, Clone, PartialEq)]
#[require(SimEntity)]
pub struct Pad {
    /// Its site.
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
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
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
#[derive(Component, Debug, Clone, PartialEq)]
#[require(SimEntity)]
pub struct Ship {
    /// Its home site.
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FlightPhase {
    /// Climbing from the pad.
    Ascent,
    /// On its way, deploying or landing its payload.
    Deploy,
    /// Coming home.
    Return,
}

/// What a flight carries.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
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
    /// Propellant for the depot in low orbit, that refuels a ship bound for GEO or the
    /// Moon (X9, X10).
    Tanker {
        /// Propellant delivered, t.
        propellant_t: f64,
    },
}

/// A flight in progress.
#[derive(Component, Debug, Clone, PartialEq)]
#[require(SimEntity)]
pub struct Flight {
    /// The site it left from.
    pub site: Entity,
    /// The ship.
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
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct Deliveries {
    /// Satellites that reached their orbit.
    pub satellites: Vec<Payload>,
    /// Robots that landed on the Moon.
    pub moon_robots: f64,
    /// Solar arrays thrown by the lunar mass driver and caught in the launch orbit, GW
    /// rated.
    pub lunar_solar_gw: f64,
}

/// Days of launch history kept for the rolling flights-per-year figure.
const HISTORY_DAYS: usize = 365;

/// Launch figures.
#[derive(Resource, Debug, Clone, PartialEq)]
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
            depot_loads: 0.0,
            claimed_gw: [0.0; 3],
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

/// GPUs one flight carries when the orbit already has spare (lunar) solar power.
pub fn compute_only_load(params: &Params) -> f64 {
    params.get(P::PayloadT) * KG_PER_T / params.get(P::ComputeKgPerGpu)
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

/// K9: mass of a whole satellite (arrays, radiators, bus and compute) per GPU in `orbit`,
/// kg: sized so that its arrays' average output over the orbit powers the GPU.
pub fn satellite_kg_per_gpu(params: &Params, orbit: Orbit) -> f64 {
    super::orbit::orbital_kw_per_gpu(params) * 1e3
        / (params.get(P::SatelliteWPerKg) * orbit.sunlit_fraction())
}

/// GPUs one satellite flight puts in `orbit`, and their arrays, GW rated (X8).
pub fn satellite_load_to(params: &Params, orbit: Orbit) -> (f64, f64) {
    let gpus = payload_t_to(params, orbit) * KG_PER_T / satellite_kg_per_gpu(params, orbit);
    let rated_gw = gpus * super::orbit::orbital_kw_per_gpu(params) * 1e3
        / W_PER_GW
        / orbit.output_per_rated_gw(params);
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

/// Ready ships at sites in service launch the longer backlog, as far as pads, methane,
/// the depot and capital allow (the Earth phase).
#[expect(
    clippy::too_many_arguments,
    reason = "one rule's inputs, passed by the tick"
)]
pub(super) fn launch_ready_ships(
    commands: &mut Commands,
    clock: &super::clock::GameClock,
    params: &Params,
    policies: &Policies,
    stats: &mut LaunchStats,
    capital: &mut Capital,
    stock: &mut ChipStock,
    robots: &mut RobotWorkforce,
    orbit: &OrbitCompute,
    learning: &super::costs::Learning,
    sites: &mut SiteQuery,
    pads: &mut Query<(Entity, &mut Pad)>,
    ships: &mut Query<(Entity, &mut Ship)>,
) {
    stats.held_by = None;
    // Most hours no ship is ready: then there is nothing to price or load.
    if !ships.iter().any(|(_, s)| s.state == ShipState::Ready) {
        return;
    }
    let methane = params.get(P::MethanePerFlightT);
    // X3, X4: today's flight and satellite prices, learnt from what has flown.
    let flight_cost = super::costs::flight_cost_usd(params, learning);
    let sat_usd_per_kw = super::costs::satellite_usd_per_kw(params, learning);
    let target = policies.launch_orbit;
    let (gpus_per_flight, solar_gw_per_flight) = satellite_load_to(params, target);
    let robots_per_flight = (params.get(P::PayloadT) / params.get(P::RobotMassT)).floor();
    let payload_t = payload_t_to(params, target);
    let compute_only = payload_t * KG_PER_T / params.get(P::ComputeKgPerGpu);
    let kw_per_gpu = super::orbit::orbital_kw_per_gpu(params);
    let sat_tankers = tankers_to(params, target);
    let moon_tankers = params.get(P::MoonTankerFlights).round();
    // Spare power in the launch orbit not yet claimed by a compute-only flight, GW.
    let mut spare_gw =
        (orbit.spare_gw(target, kw_per_gpu) - stats.claimed_gw[target.index()]).max(0.0);
    // Free pads by site, in query order, found once a tick (not once a ship: with many
    // ships and pads that search was quadratic). Only looked up, never iterated, so the
    // map's order cannot change the game. Bevy's fast hasher.
    let mut free: HashMap<Entity, VecDeque<Entity>> = HashMap::default();
    for (pad_e, pad) in pads.iter() {
        if pad.busy_h <= 0.0 {
            free.entry(pad.site).or_default().push_back(pad_e);
        }
    }
    for (ship_e, mut ship) in ships.iter_mut() {
        if ship.state != ShipState::Ready {
            continue;
        }
        let Ok((site_e, mut site, false)) = sites.get_mut(ship.site) else {
            continue;
        };
        let Some(&pad_e) = free.get(&site_e).and_then(|q| q.front()) else {
            stats.held_by.get_or_insert(LaunchHold::Pads);
            continue;
        };
        if site.methane_t < methane {
            stats.held_by.get_or_insert(LaunchHold::Methane);
            continue;
        }
        // Fly whichever payload has the longer backlog, counted in flights.
        let sat_backlog = (stock.launch_queue_gpus + stock.launch_queue_unburned) / gpus_per_flight;
        let moon_backlog = robots.moon_queue / robots_per_flight.max(1.0);
        let to_moon =
            moon_backlog >= 1.0 && robots_per_flight >= 1.0 && moon_backlog >= sat_backlog;
        let sats_ready = stock.launch_queue_gpus + stock.launch_queue_unburned >= gpus_per_flight;
        if !to_moon && sats_ready && !site.reaches(target) {
            stats.held_by.get_or_insert(LaunchHold::Orbit);
            continue;
        }
        let tankers_needed = if to_moon {
            moon_tankers
        } else if sats_ready {
            sat_tankers
        } else {
            0.0
        };
        let payload = if (to_moon || sats_ready) && stats.depot_loads < tankers_needed {
            // The depot is short: this ship flies propellant up first (X9, X10).
            Payload::Tanker {
                propellant_t: params.get(P::PayloadT),
            }
        } else if to_moon {
            robots.moon_queue -= robots_per_flight;
            Payload::Robots {
                count: robots_per_flight,
            }
        } else if sats_ready {
            // With spare lunar-made power in the orbit, carry compute only: more GPUs a
            // flight, claiming the power it will draw.
            let spare_gpus = spare_gw * 1e6 / kw_per_gpu;
            let (load, solar_gw) = if spare_gpus >= compute_only {
                (
                    compute_only.min(stock.launch_queue_gpus + stock.launch_queue_unburned),
                    0.0,
                )
            } else {
                (gpus_per_flight, solar_gw_per_flight)
            };
            if solar_gw <= 0.0 {
                spare_gw -= load * kw_per_gpu / 1e6;
            }
            let burned = stock.launch_queue_gpus.min(load);
            let unburned = load - burned;
            stock.launch_queue_gpus -= burned;
            stock.launch_queue_unburned -= unburned;
            Payload::Satellites {
                orbit: target,
                gpus: burned,
                unburned,
                solar_gw,
            }
        } else {
            stats.held_by.get_or_insert(LaunchHold::Payload);
            continue;
        };
        // The flight, and the satellites' arrays, radiators and bus it carries.
        // A compute-only flight has no arrays of its own (it runs on spare power), but its
        // GPUs still need radiators and a bus: priced per kW they draw, never free (X4).
        let cost = flight_cost
            + match payload {
                Payload::Satellites {
                    solar_gw,
                    gpus,
                    unburned,
                    ..
                } => {
                    let kw = if solar_gw > 0.0 {
                        solar_gw * 1e6
                    } else {
                        (gpus + unburned) * kw_per_gpu
                    };
                    kw * sat_usd_per_kw
                }
                _ => 0.0,
            };
        if capital.usd < cost {
            // Put the payload back: nothing flew.
            match payload {
                Payload::Robots { count } => robots.moon_queue += count,
                Payload::Satellites {
                    gpus,
                    unburned,
                    solar_gw,
                    ..
                } => {
                    stock.launch_queue_gpus += gpus;
                    stock.launch_queue_unburned += unburned;
                    if solar_gw <= 0.0 {
                        spare_gw += (gpus + unburned) * kw_per_gpu / 1e6;
                    }
                }
                Payload::Tanker { .. } => {}
            }
            stats.held_by.get_or_insert(LaunchHold::Capital);
            continue;
        }
        capital.spend(cost);
        site.methane_t -= methane;
        stats.methane_burned_t += methane;
        if let Some(q) = free.get_mut(&site_e) {
            q.pop_front();
        }
        if let Ok((_, mut pad)) = pads.get_mut(pad_e) {
            pad.busy_h = params.get(P::PadTurnaround);
        }
        ship.state = ShipState::Flying;
        ship.flights += 1;
        stats.count(clock.tick, matches!(payload, Payload::Robots { .. }));
        let deploy_hours = match payload {
            Payload::Robots { .. } => (params.get(P::MoonFlightHours) - 2.0).max(1.0),
            Payload::Satellites { orbit, .. } => (flight_hours_to(params, orbit) - 2.0).max(1.0),
            Payload::Tanker { .. } => (params.get(P::FlightHours) - 2.0).max(1.0),
        };
        match payload {
            Payload::Satellites {
                orbit,
                gpus,
                unburned,
                solar_gw,
            } => {
                stats.mass_to_orbit_t += payload_t_to(params, orbit);
                stats.depot_loads -= tankers_to(params, orbit);
                if solar_gw <= 0.0 {
                    stats.claimed_gw[orbit.index()] += (gpus + unburned) * kw_per_gpu / 1e6;
                }
            }
            Payload::Robots { .. } => stats.depot_loads -= moon_tankers,
            Payload::Tanker { .. } => {
                stats.depot_loads += 1.0;
                stats.tanker_flights += 1;
            }
        }
        stats.depot_loads = stats.depot_loads.max(0.0);
        commands.spawn(Flight {
            site: site_e,
            ship: ship_e,
            payload,
            phase: FlightPhase::Ascent,
            hours_in_phase: 0.0,
            phase_hours: 1.0,
            deploy_hours,
            launched_tick: clock.tick,
        });
    }
}

/// Flights climb, deploy and return; what they carried is delivered.
#[expect(
    clippy::too_many_arguments,
    reason = "one rule's inputs, passed by the tick"
)]
pub(super) fn fly_flights(
    commands: &mut Commands,
    clock: &super::clock::GameClock,
    params: &Params,
    research: &super::research::Research,
    deliveries: &mut Deliveries,
    stats: &mut LaunchStats,
    flights: &mut Query<(Entity, &mut Flight)>,
    ships: &mut Query<(Entity, &mut Ship)>,
) {
    let kw_per_gpu = super::orbit::orbital_kw_per_gpu(params);
    for (e, mut f) in flights.iter_mut() {
        match f.hour(clock.tick) {
            FlightStep::Flying => {}
            FlightStep::Delivered(
                p @ Payload::Satellites {
                    orbit,
                    gpus,
                    unburned,
                    solar_gw,
                },
            ) => {
                if solar_gw <= 0.0 {
                    // Arrived: its draw is now counted by the orbit, not claimed.
                    let c = &mut stats.claimed_gw[orbit.index()];
                    *c = (*c - (gpus + unburned) * kw_per_gpu / 1e6).max(0.0);
                }
                deliveries.satellites.push(p);
            }
            FlightStep::Delivered(Payload::Robots { count }) => {
                deliveries.moon_robots += count;
                // X10: without oxygen made on the Moon the lander cannot refuel; it stays.
                if !research.has(super::research::Tech::LunarOxygen) {
                    stats.landers_left += 1;
                    commands.entity(f.ship).despawn();
                    commands.entity(e).despawn();
                }
            }
            FlightStep::Delivered(Payload::Tanker { .. }) => {}
            FlightStep::Landed(flown) => {
                if let Ok((_, mut ship)) = ships.get_mut(f.ship) {
                    ship.land(flown as f64, params.get(P::ShipTurnaround));
                }
                commands.entity(e).despawn();
            }
        }
    }
}

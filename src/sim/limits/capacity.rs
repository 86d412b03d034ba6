//! Launch capacity: flights a year by each launch constraint (ships, pads, methane,
//! payload), measured every tick, and the ship cycles and burn-in share it is counted by.

use bevy::prelude::*;

use super::{Limits, Sites, serves};
use crate::sim::chips::ChipStock;
use crate::sim::constants::{HOURS_PER_DAY, HOURS_PER_YEAR};
use crate::sim::datacenters::GroundCompute;
use crate::sim::launch::{LaunchStats, Pad, Ship, satellite_load_to, tankers_to};
use crate::sim::params::{P, Params};
use crate::sim::robots::RobotWorkforce;
use crate::sim::state::Policies;

/// Hours from one launch of a ship to its next: its turnaround, or the flight itself when
/// that is longer (a Moon round trip), and the hour it waits on the pad after landing.
pub fn ship_cycle_h(params: &Params, to_moon: bool) -> f64 {
    let flown = if to_moon {
        params.get(P::MoonFlightHours)
    } else {
        params.get(P::FlightHours)
    };
    params.get(P::ShipTurnaround).max(flown + 1.0)
}

/// The share of the GPUs leaving burn-in now, 0–1: burn-in runs on ground power, and a
/// batch with part of its power takes longer. 1 when burn-in is off or empty.
pub fn burn_in_throughput(
    policies: &Policies,
    params: &Params,
    stock: &ChipStock,
    ground: &GroundCompute,
) -> f64 {
    if policies.burn_in && params.get(P::BurnInDays) > 0.0 && stock.burning_in() > 0.0 {
        ground.burn_in_powered.clamp(0.0, 1.0)
    } else {
        1.0
    }
}

/// What one flight carries to the launch orbit or the Moon, and the flights each takes
/// with its tankers (X9, X10).
struct FlightLoads {
    /// GPUs one satellite flight carries.
    gpus_per_flight: f64,
    /// Flights one satellite load takes: itself and its tankers.
    sat_flights_each: f64,
    /// Flights one Moon landing takes: itself and its tankers.
    moon_flights_each: f64,
    /// Robots one Moon flight carries (at least one).
    robots_per_flight: f64,
}

/// Flight capacity a year by ships, pads, methane and payload, every tick: GPU purchases
/// read it (through the previous tick's value). Each is what that constraint alone
/// allows, counted like the flights flown (over a 365-day window): ships by their real
/// cycle for the mix of payloads flown (a Moon round trip ties a ship up for days), pads
/// by their turnaround, methane and payload by the greater of what the coming year can
/// supply and what the last year did — payload through the power the burn-in has.
#[expect(
    clippy::too_many_arguments,
    reason = "one rule's inputs, passed by the tick"
)]
pub(super) fn measure_launch_capacity(
    params: &Params,
    policies: &Policies,
    stock: &ChipStock,
    ground: &GroundCompute,
    (robots, cargo_t): (&RobotWorkforce, f64),
    stats: &LaunchStats,
    sites: &Sites,
    pads: &Query<(Entity, &Pad)>,
    ships: &Query<(Entity, &Ship)>,
    limits: &mut Limits,
) {
    let loads = flight_loads(params, policies);
    let (sat_flights, moon_flights) =
        flights_wanted(params, policies, stock, (robots, cargo_t), limits, &loads);
    let cycle = mixed_ship_cycle(params, stats, sat_flights, moon_flights);
    // Only sites that reach the target orbit count (X9: SSO needs a corridor), unless
    // none does (then the chain reads as not started).
    let orbit = policies.launch_orbit;
    let any_reaches = sites.iter().any(|s| serves(s, orbit));
    // With every site in service and reaching the orbit (most games), all ships and pads
    // count, without a lookup each.
    let all_count = !any_reaches || sites.iter().all(|s| serves(s, orbit));
    let counts = |site: Entity| all_count || sites.get(site).is_ok_and(|s| serves(s, orbit));
    let flown = stats.flights_last_year() as f64;
    let (by_ships, by_pads) =
        ships_and_pads_capacity(params, pads, ships, all_count, &counts, cycle, flown);
    let by_methane = methane_capacity(params, sites, &counts, flown);
    let waiting = (stock.launch_queue_gpus + stock.launch_queue_unburned) / loads.gpus_per_flight
        * loads.sat_flights_each
        + robots.moon_queue / loads.robots_per_flight * loads.moon_flights_each
        + cargo_t / params.get(P::PayloadT) * loads.moon_flights_each;
    let by_payload = (sat_flights + moon_flights).max(flown + waiting);
    limits.launch_capacity_per_yr = [by_ships, by_pads, by_methane, by_payload];
    let burn = burn_in_throughput(policies, params, stock, ground);
    limits.burn_in_power_day += (burn - limits.burn_in_power_day) / 24.0;
}

/// What one flight carries to the launch orbit and to the Moon, and the flights each
/// takes.
fn flight_loads(params: &Params, policies: &Policies) -> FlightLoads {
    let (gpus_per_flight, _) = satellite_load_to(params, policies.launch_orbit);
    // Every flight to GEO or the Moon takes its tanker flights with it (X9, X10).
    let sat_flights_each = 1.0 + tankers_to(params, policies.launch_orbit);
    let moon_flights_each = 1.0 + params.get(P::MoonTankerFlights).round();
    let robots_per_flight = (params.get(P::PayloadT) / params.get(P::RobotMassT))
        .floor()
        .max(1.0);
    FlightLoads {
        gpus_per_flight,
        sat_flights_each,
        moon_flights_each,
        robots_per_flight,
    }
}

/// Flights a year the payloads want, (to orbit, to the Moon): the GPUs trusted to fly in
/// a year and those waiting, the robots bound for the Moon and those waiting, the lunar
/// works' and drivers' equipment waiting (`cargo_t`), each load with its tanker flights.
fn flights_wanted(
    params: &Params,
    policies: &Policies,
    stock: &ChipStock,
    (robots, cargo_t): (&RobotWorkforce, f64),
    limits: &Limits,
    loads: &FlightLoads,
) -> (f64, f64) {
    // GPUs trusted to fly a year: with burn-in on, what leaves burn-in at the power it
    // has now (each GPU needs its burn-in hours powered); else what the chips make.
    let made_for_space = if policies.burn_in && params.get(P::BurnInDays) > 0.0 {
        let need_h = params.get(P::BurnInDays) * HOURS_PER_DAY;
        stock
            .burn_in
            .iter()
            .map(|b| b.gpus * b.space_share)
            .sum::<f64>()
            * limits.burn_in_power_day.clamp(0.0, 1.0)
            / need_h
    } else {
        stock.supply_gpus_per_hour * policies.space_share
    };
    let sat_flights =
        (made_for_space * HOURS_PER_YEAR + stock.launch_queue_gpus + stock.launch_queue_unburned)
            / loads.gpus_per_flight
            * loads.sat_flights_each;
    let moon_flights = ((robots.made_per_hour * HOURS_PER_YEAR * policies.robots_to_moon
        + robots.moon_queue)
        / loads.robots_per_flight
        + cargo_t / params.get(P::PayloadT))
        * loads.moon_flights_each;
    (sat_flights, moon_flights)
}

/// A ship's cycle, hours, for the mix of payloads: the Moon's share of flights as flown
/// over the last year (ships fly whichever payload has the longer backlog), else by what
/// waits to fly.
fn mixed_ship_cycle(
    params: &Params,
    stats: &LaunchStats,
    sat_flights: f64,
    moon_flights: f64,
) -> f64 {
    let moon_share = if stats.flights_last_year() > 0 {
        stats.moon_flights_last_year() as f64 / stats.flights_last_year() as f64
    } else if sat_flights + moon_flights > 0.0 {
        moon_flights / (sat_flights + moon_flights)
    } else {
        0.0
    };
    (1.0 - moon_share) * ship_cycle_h(params, false) + moon_share * ship_cycle_h(params, true)
}

/// Flights a year by ships and by pads: what those here now can fly, or what the last year
/// flew when there were more (landers left on the Moon, X10). Only those at sites that
/// `counts` count, unless `all_count`.
fn ships_and_pads_capacity(
    params: &Params,
    pads: &Query<(Entity, &Pad)>,
    ships: &Query<(Entity, &Ship)>,
    all_count: bool,
    counts: &impl Fn(Entity) -> bool,
    cycle: f64,
    flown: f64,
) -> (f64, f64) {
    // Launches one ship (or pad) can make in a 365-day window, the window the flights
    // flown are counted over: a launch at its start and one every cycle after.
    let window = 365.0 * HOURS_PER_DAY;
    let per_window = |cycle_h: f64| (window / cycle_h).ceil();
    let (ships_n, pads_n) = if all_count {
        (ships.iter().len(), pads.iter().len())
    } else {
        (
            ships.iter().filter(|(_, s)| counts(s.site)).count(),
            pads.iter().filter(|(_, p)| counts(p.site)).count(),
        )
    };
    let by_ships = (ships_n as f64 * per_window(cycle)).max(flown);
    let by_pads = (pads_n as f64 * per_window(params.get(P::PadTurnaround))).max(flown);
    (by_ships, by_pads)
}

/// Flights a year by methane: the greater of what the coming year can supply (production
/// or supply, plus what is on hand) and what the last year did supply (the flights flown
/// on it, plus what is left on hand). So a year that flew more than today's rates allow —
/// from a stock built up before — never reads as flying more than was possible. Payload
/// is counted the same way.
fn methane_capacity(
    params: &Params,
    sites: &Sites,
    counts: &impl Fn(Entity) -> bool,
    flown: f64,
) -> f64 {
    let per_flight = params.get(P::MethanePerFlightT);
    let used = || {
        sites
            .iter()
            .filter(|&(e, _, out)| !out && counts(e))
            .map(|(_, s, _)| s)
    };
    let on_hand: f64 = used().map(|s| s.methane_t).sum::<f64>() / per_flight;
    (used().map(|s| s.methane_t_per_day).sum::<f64>() * 365.0 / per_flight + on_hand)
        .max(flown + on_hand)
}

//! Flights: ready ships launch the longer backlog, as far as pads, methane, the depot and
//! capital allow; flights climb, deploy and return, and what they carried is delivered.

use std::collections::VecDeque;

use bevy::platform::collections::HashMap;
use bevy::prelude::*;

use super::{
    Deliveries, Flight, FlightPhase, FlightStep, LaunchHold, LaunchSite, LaunchStats, Pad, Payload,
    Ship, ShipState, SiteQuery, compute_only_load, flight_hours_to, payload_t_to,
    satellite_load_to, tankers_to,
};
use crate::sim::chips::ChipStock;
use crate::sim::clock::GameClock;
use crate::sim::costs::{Learning, flight_cost_usd, satellite_usd_per_kw};
use crate::sim::economy::Capital;
use crate::sim::moon::LunarBuild;
use crate::sim::orbit::{Orbit, OrbitCompute, orbital_kw_per_gpu};
use crate::sim::params::{P, Params};
use crate::sim::research::{Research, Tech};
use crate::sim::rng::SimRng;
use crate::sim::robots::RobotWorkforce;
use crate::sim::state::Policies;

/// What every launch this hour is priced and loaded by: today's prices (X3, X4), what one
/// flight carries to the launch orbit and the Moon, and their tanker flights (X9, X10).
struct LaunchTerms {
    /// Methane one flight burns, t.
    methane: f64,
    /// A flight's price today, $.
    flight_cost: f64,
    /// Satellites' price today, $/kW.
    sat_usd_per_kw: f64,
    /// The launch orbit.
    target: Orbit,
    /// GPUs one satellite flight carries there.
    gpus_per_flight: f64,
    /// The arrays those satellites carry, GW rated.
    solar_gw_per_flight: f64,
    /// Robots one Moon flight carries.
    robots_per_flight: f64,
    /// Works and driver equipment ordered for the Moon and not yet loaded, t: each cargo
    /// flight this hour takes its load.
    cargo_t: f64,
    /// Tonnes one cargo flight lands on the Moon.
    cargo_per_flight: f64,
    /// GPUs one compute-only flight carries (no arrays of its own: it docks onto bare
    /// lunar-made arrays).
    compute_only: f64,
    /// Power one GPU draws in orbit, kW.
    kw_per_gpu: f64,
    /// Tanker flights a satellite flight needs first.
    sat_tankers: f64,
    /// Tanker flights a Moon flight needs first.
    moon_tankers: f64,
    /// Power in sunlight of the launch orbit's open bare arrays not yet claimed by a
    /// compute-only flight, GW: each compute-only flight this hour claims its share.
    spare_gw: f64,
}

/// Ready ships at sites in service launch the longer backlog, as far as pads, methane,
/// the depot and capital allow (the Earth phase).
#[expect(
    clippy::too_many_arguments,
    reason = "one rule's inputs, passed by the tick"
)]
pub(super) fn launch_ready_ships(
    commands: &mut Commands,
    clock: &GameClock,
    params: &Params,
    policies: &Policies,
    stats: &mut LaunchStats,
    (capital, rng): (&mut Capital, &mut SimRng),
    stock: &mut ChipStock,
    (robots, builds): (&mut RobotWorkforce, &mut Query<(Entity, &mut LunarBuild)>),
    orbit: &OrbitCompute,
    learning: &Learning,
    sites: &mut SiteQuery,
    pads: &mut Query<(Entity, &mut Pad)>,
    ships: &mut Query<(Entity, &mut Ship)>,
) {
    stats.held_by = None;
    // Most hours no ship is ready: then there is nothing to price or load.
    if !ships.iter().any(|(_, s)| s.state == ShipState::Ready) {
        return;
    }
    let mut terms = launch_terms(params, policies, stats, orbit, learning);
    terms.cargo_t = builds.iter().map(|(_, b)| b.to_ship_t()).sum();
    let cargo_waiting = terms.cargo_t;
    let mut free = free_pads(pads);
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
        if site.methane_t < terms.methane {
            stats.held_by.get_or_insert(LaunchHold::Methane);
            continue;
        }
        let loaded = load_payload(params, &mut terms, stats.depot_loads, stock, robots, &site);
        let payload = match loaded {
            Ok(payload) => payload,
            Err(hold) => {
                stats.held_by.get_or_insert(hold);
                continue;
            }
        };
        let cost = flight_cost(&terms, payload);
        if capital.usd < cost {
            unload_payload(payload, &mut terms, stock, robots);
            stats.held_by.get_or_insert(LaunchHold::Capital);
            continue;
        }
        capital.spend(cost);
        site.methane_t -= terms.methane;
        stats.methane_burned_t += terms.methane;
        if let Some(q) = free.get_mut(&site_e) {
            q.pop_front();
        }
        if let Ok((_, mut pad)) = pads.get_mut(pad_e) {
            pad.busy_h = params.get(P::PadTurnaround);
        }
        ship.state = ShipState::Flying;
        ship.flights += 1;
        count_launch(clock, params, &terms, stats, payload);
        if lost_in_flight(params, rng) {
            lose_flight(params, &mut terms, stats, payload);
            commands.entity(ship_e).despawn();
            continue;
        }
        commands.spawn(Flight {
            site: site_e,
            ship: ship_e,
            payload,
            phase: FlightPhase::Ascent,
            hours_in_phase: 0.0,
            phase_hours: 1.0,
            deploy_hours: deploy_hours(params, payload),
            launched_tick: clock.tick,
        });
    }
    ship_cargo(builds, cargo_waiting - terms.cargo_t);
}

/// X16: whether a flight is lost, one seeded draw a flight (none when the rate is 0, so a
/// level without failures keeps the generator for its weather).
fn lost_in_flight(params: &Params, rng: &mut SimRng) -> bool {
    use rand::RngExt;
    let rate = params.get(P::LaunchFailureRate);
    rate > 0.0 && rng.rng.random::<f64>() < rate
}

/// A flight lost on its way up, with its ship: it flew (counted, paid, its methane burned)
/// but delivers nothing. What it carried is gone: the GPUs, the robots, the tanker's load;
/// works equipment is still owed to its lunar build and waits for another flight.
fn lose_flight(
    params: &Params,
    terms: &mut LaunchTerms,
    stats: &mut LaunchStats,
    payload: Payload,
) {
    stats.ships_lost += 1;
    match payload {
        Payload::Satellites {
            orbit,
            gpus,
            unburned,
            solar_gw,
        } => {
            stats.mass_to_orbit_t = (stats.mass_to_orbit_t - payload_t_to(params, orbit)).max(0.0);
            if solar_gw <= 0.0 {
                let c = &mut stats.claimed_gw[orbit.index()];
                *c = (*c - (gpus + unburned) * terms.kw_per_gpu / 1e6).max(0.0);
            }
        }
        Payload::MoonCargo { tonnes } => terms.cargo_t += tonnes,
        Payload::Tanker { .. } => stats.depot_loads = (stats.depot_loads - 1.0).max(0.0),
        Payload::Robots { .. } => {}
    }
}

/// Marks `tonnes` loaded this hour as shipped, to the lunar builds in the order they were
/// ordered.
fn ship_cargo(builds: &mut Query<(Entity, &mut LunarBuild)>, mut tonnes: f64) {
    if tonnes <= 0.0 {
        return;
    }
    let mut order: Vec<(u64, Entity)> = builds.iter().map(|(e, b)| (b.seq, e)).collect();
    order.sort_unstable();
    for (_, e) in order {
        if let Ok((_, mut b)) = builds.get_mut(e) {
            let take = b.to_ship_t().min(tonnes);
            b.shipped_t += take;
            tonnes -= take;
        }
    }
}

/// This hour's launch terms: prices, loads and tankers for the launch orbit, and the
/// open bare arrays' power there.
fn launch_terms(
    params: &Params,
    policies: &Policies,
    stats: &LaunchStats,
    orbit: &OrbitCompute,
    learning: &Learning,
) -> LaunchTerms {
    let methane = params.get(P::MethanePerFlightT);
    // X3, X4: today's flight and satellite prices, learnt from what has flown.
    let flight_cost = flight_cost_usd(params, learning);
    let sat_usd_per_kw = satellite_usd_per_kw(params, learning);
    let target = policies.launch_orbit;
    let (gpus_per_flight, solar_gw_per_flight) = satellite_load_to(params, target);
    let robots_per_flight = (params.get(P::PayloadT) / params.get(P::RobotMassT)).floor();
    // A lander refuelled in low orbit by its tankers lands a full payload (X10).
    let cargo_per_flight = params.get(P::PayloadT);
    let compute_only = compute_only_load(params, target);
    let kw_per_gpu = orbital_kw_per_gpu(params);
    let sat_tankers = tankers_to(params, target);
    let moon_tankers = params.get(P::MoonTankerFlights).round();
    let spare_gw = (orbit.dockable_gw(target, params) - stats.claimed_gw[target.index()]).max(0.0);
    LaunchTerms {
        methane,
        flight_cost,
        sat_usd_per_kw,
        target,
        gpus_per_flight,
        solar_gw_per_flight,
        robots_per_flight,
        cargo_t: 0.0,
        cargo_per_flight,
        compute_only,
        kw_per_gpu,
        sat_tankers,
        moon_tankers,
        spare_gw,
    }
}

/// Free pads by site, in query order, found once a tick (not once a ship: with many ships
/// and pads that search was quadratic). Only looked up, never iterated, so the map's order
/// cannot change the game. Bevy's fast hasher.
fn free_pads(pads: &Query<(Entity, &mut Pad)>) -> HashMap<Entity, VecDeque<Entity>> {
    let mut free: HashMap<Entity, VecDeque<Entity>> = HashMap::default();
    for (pad_e, pad) in pads.iter() {
        if pad.busy_h <= 0.0 {
            free.entry(pad.site).or_default().push_back(pad_e);
        }
    }
    free
}

/// What a ready ship at `site` flies: whichever payload has the longer backlog, counted in
/// flights, or propellant for the depot first when it is short (X9, X10). The payload is
/// taken from its queue; `Err` says why the ship stays, and nothing is taken.
fn load_payload(
    params: &Params,
    terms: &mut LaunchTerms,
    depot_loads: f64,
    stock: &mut ChipStock,
    robots: &mut RobotWorkforce,
    site: &LaunchSite,
) -> Result<Payload, LaunchHold> {
    // Fly whichever payload has the longer backlog, counted in flights.
    let sat_backlog =
        (stock.launch_queue_gpus + stock.launch_queue_unburned) / terms.gpus_per_flight;
    let robot_backlog = robots.moon_queue / terms.robots_per_flight.max(1.0);
    let robots_ready = robot_backlog >= 1.0 && terms.robots_per_flight >= 1.0;
    // Works and driver equipment flies as it waits: the last load of an order may be part
    // of a payload.
    let cargo_backlog = terms.cargo_t / terms.cargo_per_flight.max(1e-9);
    let cargo_ready = terms.cargo_t > 1e-9;
    let moon_backlog = robot_backlog + cargo_backlog;
    let to_moon = (robots_ready || cargo_ready) && moon_backlog >= sat_backlog;
    // Equipment ordered flies before robots sent by the policy: an order waits on it.
    let cargo_first = cargo_ready;
    let sats_ready = stock.launch_queue_gpus + stock.launch_queue_unburned >= terms.gpus_per_flight;
    if !to_moon && sats_ready && !site.reaches(terms.target) {
        return Err(LaunchHold::Orbit);
    }
    let tankers_needed = if to_moon {
        terms.moon_tankers
    } else if sats_ready {
        terms.sat_tankers
    } else {
        0.0
    };
    if (to_moon || sats_ready) && depot_loads < tankers_needed {
        // The depot is short: this ship flies propellant up first (X9, X10).
        Ok(Payload::Tanker {
            propellant_t: params.get(P::PayloadT),
        })
    } else if to_moon && cargo_first {
        let tonnes = terms.cargo_t.min(terms.cargo_per_flight);
        terms.cargo_t -= tonnes;
        Ok(Payload::MoonCargo { tonnes })
    } else if to_moon {
        robots.moon_queue -= terms.robots_per_flight;
        Ok(Payload::Robots {
            count: terms.robots_per_flight,
        })
    } else if sats_ready {
        Ok(load_satellites(terms, stock))
    } else {
        Err(LaunchHold::Payload)
    }
}

/// Satellites from the launch queue, burned-in GPUs first. With open bare (lunar-made)
/// arrays in the orbit, carry compute-only modules that dock onto them: more GPUs a flight,
/// claiming the power they will draw. The watts failed GPUs leave on their satellites are
/// never open (C9).
fn load_satellites(terms: &mut LaunchTerms, stock: &mut ChipStock) -> Payload {
    let spare_gpus = terms.spare_gw * 1e6 / terms.kw_per_gpu;
    let (load, solar_gw) = if spare_gpus >= terms.compute_only {
        (
            terms
                .compute_only
                .min(stock.launch_queue_gpus + stock.launch_queue_unburned),
            0.0,
        )
    } else {
        (terms.gpus_per_flight, terms.solar_gw_per_flight)
    };
    if solar_gw <= 0.0 {
        terms.spare_gw -= load * terms.kw_per_gpu / 1e6;
    }
    let burned = stock.launch_queue_gpus.min(load);
    let unburned = load - burned;
    stock.launch_queue_gpus -= burned;
    stock.launch_queue_unburned -= unburned;
    Payload::Satellites {
        orbit: terms.target,
        gpus: burned,
        unburned,
        solar_gw,
    }
}

/// The flight, and the satellites' arrays, radiators and bus it carries. A compute-only
/// flight has no arrays of its own (it docks onto bare lunar arrays), but its GPUs still
/// need radiators and a bus: priced per kW they draw, never free (X4).
fn flight_cost(terms: &LaunchTerms, payload: Payload) -> f64 {
    terms.flight_cost
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
                    (gpus + unburned) * terms.kw_per_gpu
                };
                kw * terms.sat_usd_per_kw
            }
            _ => 0.0,
        }
}

/// Puts a payload that did not fly back in its queue, and the power it claimed back in
/// the orbit's spare.
fn unload_payload(
    payload: Payload,
    terms: &mut LaunchTerms,
    stock: &mut ChipStock,
    robots: &mut RobotWorkforce,
) {
    match payload {
        Payload::Robots { count } => robots.moon_queue += count,
        Payload::MoonCargo { tonnes } => terms.cargo_t += tonnes,
        Payload::Satellites {
            gpus,
            unburned,
            solar_gw,
            ..
        } => {
            stock.launch_queue_gpus += gpus;
            stock.launch_queue_unburned += unburned;
            if solar_gw <= 0.0 {
                terms.spare_gw += (gpus + unburned) * terms.kw_per_gpu / 1e6;
            }
        }
        Payload::Tanker { .. } => {}
    }
}

/// Counts a launch: the day's flights, the mass put in orbit, the depot's loads it takes
/// or brings, and the orbital power a compute-only flight claims until it arrives.
fn count_launch(
    clock: &GameClock,
    params: &Params,
    terms: &LaunchTerms,
    stats: &mut LaunchStats,
    payload: Payload,
) {
    stats.count(
        clock.tick,
        matches!(payload, Payload::Robots { .. } | Payload::MoonCargo { .. }),
    );
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
                stats.claimed_gw[orbit.index()] += (gpus + unburned) * terms.kw_per_gpu / 1e6;
            }
        }
        Payload::Robots { .. } | Payload::MoonCargo { .. } => {
            stats.depot_loads -= terms.moon_tankers;
        }
        Payload::Tanker { .. } => {
            stats.depot_loads += 1.0;
            stats.tanker_flights += 1;
        }
    }
    stats.depot_loads = stats.depot_loads.max(0.0);
}

/// Hours a flight spends on its way, between its hour of ascent and its hour of return.
fn deploy_hours(params: &Params, payload: Payload) -> f64 {
    match payload {
        Payload::Robots { .. } | Payload::MoonCargo { .. } => {
            (params.get(P::MoonFlightHours) - 2.0).max(1.0)
        }
        Payload::Satellites { orbit, .. } => (flight_hours_to(params, orbit) - 2.0).max(1.0),
        Payload::Tanker { .. } => (params.get(P::FlightHours) - 2.0).max(1.0),
    }
}

/// Flights climb, deploy and return; what they carried is delivered.
#[expect(
    clippy::too_many_arguments,
    reason = "one rule's inputs, passed by the tick"
)]
pub(super) fn fly_flights(
    commands: &mut Commands,
    clock: &GameClock,
    params: &Params,
    research: &Research,
    deliveries: &mut Deliveries,
    stats: &mut LaunchStats,
    flights: &mut Query<(Entity, &mut Flight)>,
    ships: &mut Query<(Entity, &mut Ship)>,
) {
    let kw_per_gpu = orbital_kw_per_gpu(params);
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
            FlightStep::Delivered(p @ (Payload::Robots { .. } | Payload::MoonCargo { .. })) => {
                match p {
                    Payload::Robots { count } => deliveries.moon_robots += count,
                    Payload::MoonCargo { tonnes } => {
                        deliveries.moon_cargo_t += tonnes;
                        stats.moon_cargo_t += tonnes;
                    }
                    _ => {}
                }
                // X10: without oxygen made on the Moon the lander cannot refuel; it stays.
                if !research.has(Tech::LunarOxygen) {
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

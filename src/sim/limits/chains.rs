//! What binds each growth chain now ([`Binding`]), in words and numbers: ground compute,
//! launches, orbital compute, lunar output and robots.

use bevy::prelude::*;

use super::{Binding, Chain, Constraint, Limits, Sites, chip_constraint, f, n0, serves};
use crate::sim::chips::{AssemblyLimit, ChipStock};
use crate::sim::clock::GameClock;
use crate::sim::constants::HOURS_PER_YEAR;
use crate::sim::datacenters::{Climate, GroundCompute, load_kw_per_gpu};
use crate::sim::economy::Capital;
use crate::sim::launch::{LaunchHold, LaunchStats};
use crate::sim::moon::{LunarBase, LunarLimit};
use crate::sim::params::{P, Params};
use crate::sim::projects::Queues;
use crate::sim::research::{Research, Tech};
use crate::sim::robots::RobotWorkforce;
use crate::sim::state::Policies;
use crate::text::{Text, count, text};

/// Limits are read by people, not by rules: finding them once a game day (and whenever
/// none are known yet) keeps their text off the hot path of fast warps.
#[expect(
    clippy::too_many_arguments,
    reason = "one rule's inputs, passed by the tick"
)]
pub(super) fn find_limits(
    clock: &GameClock,
    params: &Params,
    policies: &Policies,
    ground: &GroundCompute,
    stock: &ChipStock,
    queues: &Queues,
    capital: &Capital,
    stats: &LaunchStats,
    robots: &RobotWorkforce,
    (bases, plant_missing_t): (&Query<&LunarBase>, f64),
    sites: &Sites,
    research: &Research,
    climate: Climate,
    limits: &mut Limits,
) {
    if clock.tick % 24 != 23 && !limits.bindings.is_empty() {
        return;
    }
    let mut out = Vec::with_capacity(5);
    let gpu_per_yr = stock.gpus_per_hour * HOURS_PER_YEAR;
    let burn = limits.burn_in_power_day;
    let ground_b = ground_binding(params, climate, ground, stock, queues, (burn, gpu_per_yr));
    out.push(ground_b);
    let launch_b = launch_binding(policies, capital, stats, sites, limits);
    out.push(launch_b.clone());
    out.push(orbital_binding(policies, stock, gpu_per_yr, launch_b));
    let lunar_b = lunar_binding(
        params,
        policies,
        stats,
        robots,
        (bases, plant_missing_t),
        research,
    );
    out.push(lunar_b);
    out.push(robots_binding(params, robots));
    limits.bindings = out;
}

/// Ground compute: fabs short of power (X15), a burn-in short of power, GPUs without power
/// (and what power waits on), GPUs waiting for a datacenter slot, else the chips.
fn ground_binding(
    params: &Params,
    climate: Climate,
    ground: &GroundCompute,
    stock: &ChipStock,
    queues: &Queues,
    (burn, gpu_per_yr): (f64, f64),
) -> Binding {
    let unpowered = ground.unpowered();
    if stock.fab_load_gw < 0.99 * stock.fab_wanted_gw {
        Binding {
            chain: Chain::GroundCompute,
            constraint: Constraint::Power,
            detail: text(
                "detail-fab-power",
                &[
                    ("gw", f(stock.fab_wanted_gw, 2)),
                    ("pct", n0(stock.fab_load_gw / stock.fab_wanted_gw * 100.0)),
                    ("gpus", count(stock.fab_dark_gpus_per_hour * HOURS_PER_YEAR)),
                ],
            ),
        }
    } else if burn < 0.99 && stock.burning_in() > 0.0 {
        Binding {
            chain: Chain::GroundCompute,
            constraint: Constraint::BurnInPower,
            detail: text(
                "detail-burn-in",
                &[
                    ("gpus", count(stock.burning_in())),
                    ("pct", n0(burn * 100.0)),
                ],
            ),
        }
    } else if unpowered > 0.5 {
        unpowered_binding(params, climate, queues, unpowered)
    } else if stock.ground_waiting_gpus + stock.ground_waiting_unburned > 0.5 {
        Binding {
            chain: Chain::GroundCompute,
            constraint: Constraint::Datacenters,
            detail: text(
                "detail-wait-slot",
                &[(
                    "gpus",
                    count(stock.ground_waiting_gpus + stock.ground_waiting_unburned),
                )],
            ),
        }
    } else {
        Binding {
            chain: Chain::GroundCompute,
            constraint: chip_constraint(stock),
            detail: text("detail-assembled", &[("gpus", count(gpu_per_yr))]),
        }
    }
}

/// Ground compute with `unpowered` GPUs dark, in halls cooled for `climate`: the power
/// they lack at peak, and whether it waits on turbines, on panels, on the interconnect
/// studies, or on nothing but being built.
fn unpowered_binding(
    params: &Params,
    climate: Climate,
    queues: &Queues,
    unpowered: f64,
) -> Binding {
    let short_gw = unpowered * load_kw_per_gpu(params, climate) * 1e-6;
    let (constraint, why) = if queues.turbines_waiting_gw > 0.0 {
        (
            Constraint::Turbines,
            text(
                "detail-turbines-wait",
                &[
                    ("gw", f(queues.turbines_waiting_gw, 1)),
                    ("rate", f(queues.turbine_delivery_gw_per_yr, 1)),
                ],
            ),
        )
    } else if queues.panels_waiting_gw > 0.0 {
        (
            Constraint::Panels,
            text(
                "detail-panels-wait",
                &[
                    ("gw", f(queues.panels_waiting_gw, 1)),
                    ("rate", f(queues.panel_supply_gw_per_yr, 0)),
                ],
            ),
        )
    } else if queues.studying > 0 {
        (
            Constraint::Permits,
            text(
                "detail-permits-wait",
                &[
                    ("n", queues.studying.to_string().into()),
                    ("gw", f(queues.study_gw, 1)),
                    ("rate", f(queues.study_gw_per_yr, 0)),
                ],
            ),
        )
    } else {
        (Constraint::Power, Text::default())
    };
    Binding {
        chain: Chain::GroundCompute,
        constraint,
        detail: text(
            "detail-unpowered",
            &[
                ("gpus", count(unpowered)),
                ("gw", f(short_gw, 2)),
                ("why", why),
            ],
        ),
    }
}

/// Launches: flight capacity a year by each constraint (measured every tick), the least
/// of them binding, unless no ship, no site for the orbit, or no capital holds them.
fn launch_binding(
    policies: &Policies,
    capital: &Capital,
    stats: &LaunchStats,
    sites: &Sites,
    limits: &Limits,
) -> Binding {
    let burn = limits.burn_in_power_day;
    let [by_ships, by_pads, by_methane, by_payload] = limits.launch_capacity_per_yr;
    if by_ships == 0.0 {
        Binding {
            chain: Chain::Launches,
            constraint: Constraint::NotStarted,
            detail: text("detail-no-ships", &[]),
        }
    } else if stats.held_by == Some(LaunchHold::Orbit)
        && !sites.iter().any(|s| serves(s, policies.launch_orbit))
    {
        Binding {
            chain: Chain::Launches,
            constraint: Constraint::NotStarted,
            detail: text(
                "detail-no-site",
                &[(
                    "orbit",
                    text(
                        &format!("orbit-{:?}", policies.launch_orbit).to_lowercase(),
                        &[],
                    ),
                )],
            ),
        }
    } else if stats.held_by == Some(LaunchHold::Capital) {
        Binding {
            chain: Chain::Launches,
            constraint: Constraint::Capital,
            detail: text(
                "detail-capital",
                &[("usd", format!("{:.3e}", capital.usd).into())],
            ),
        }
    } else {
        let caps = [
            (by_ships, Constraint::Ships),
            (by_pads, Constraint::Pads),
            (by_methane, Constraint::Methane),
            (by_payload, Constraint::Payload),
        ];
        let (cap, mut constraint) =
            caps.into_iter()
                .fold((f64::INFINITY, Constraint::Ships), |a, b| {
                    if b.0 < a.0 { b } else { a }
                });
        // Payload that waits on burn-in's power is bound by that power.
        if constraint == Constraint::Payload && burn < 0.99 {
            constraint = Constraint::BurnInPower;
        }
        Binding {
            chain: Chain::Launches,
            constraint,
            detail: text(
                "detail-flights",
                &[
                    ("cap", n0(cap)),
                    ("ships", n0(by_ships)),
                    ("pads", n0(by_pads)),
                    ("methane", n0(by_methane)),
                    ("payload", n0(by_payload)),
                    ("flown", stats.flights_last_year().to_string().into()),
                ],
            ),
        }
    }
}

/// Orbital compute: the chips if payload binds the launches, else what binds the launches
/// (`launch`).
fn orbital_binding(
    policies: &Policies,
    stock: &ChipStock,
    gpu_per_yr: f64,
    launch: Binding,
) -> Binding {
    if launch.constraint == Constraint::Payload && stock.limit != AssemblyLimit::Demand {
        Binding {
            chain: Chain::OrbitalCompute,
            constraint: chip_constraint(stock),
            detail: text(
                "detail-to-orbit",
                &[
                    ("gpus", count(gpu_per_yr * policies.space_share)),
                    ("pct", n0(policies.space_share * 100.0)),
                ],
            ),
        }
    } else {
        Binding {
            chain: Chain::OrbitalCompute,
            ..launch
        }
    }
}

/// Lunar output: what limits the base, if there is one.
fn lunar_binding(
    params: &Params,
    policies: &Policies,
    stats: &LaunchStats,
    robots: &RobotWorkforce,
    (bases, plant_missing_t): (&Query<&LunarBase>, f64),
    research: &Research,
) -> Binding {
    match bases.iter().next() {
        None => Binding {
            chain: Chain::LunarOutput,
            constraint: Constraint::NotStarted,
            detail: text("detail-no-base", &[]),
        },
        Some(base) => Binding {
            chain: Chain::LunarOutput,
            constraint: match base.limit {
                // Short of soil while robots wait on Earth for a landing: the landing's
                // tanker flights bind (X10).
                LunarLimit::Mining
                    if robots.moon_queue >= params.get(P::PayloadT) / params.get(P::RobotMassT) =>
                {
                    Constraint::Tankers
                }
                LunarLimit::Mining => Constraint::Mining,
                LunarLimit::Works => Constraint::Works,
                LunarLimit::MassDriver => Constraint::MassDriver,
                LunarLimit::Power => Constraint::LunarPower,
            },
            detail: lunar_detail(params, policies, stats, (base, plant_missing_t), research),
        },
    }
}

/// What the lunar base has thrown and where it lands, in words: the kits caught after
/// their capture burn, the orbit they reach, the landers left without lunar oxygen, and
/// the works and driver equipment still to land or make.
fn lunar_detail(
    params: &Params,
    policies: &Policies,
    stats: &LaunchStats,
    (base, plant_missing_t): (&LunarBase, f64),
    research: &Research,
) -> Text {
    text(
        "detail-lunar",
        &[
            ("thrown", f(base.thrown_gw, 3)),
            (
                "caught",
                f(base.thrown_gw * params.get(P::CaptureMassFraction), 3),
            ),
            (
                "orbit",
                text(
                    &format!(
                        "orbit-{:?}",
                        crate::sim::orbit::lunar_kit_orbit(policies, research)
                    )
                    .to_lowercase(),
                    &[],
                ),
            ),
            ("pct", n0(params.get(P::CaptureMassFraction) * 100.0)),
            (
                "aero",
                if research.has(Tech::Aerobraking) {
                    Text::default()
                } else {
                    text("detail-lunar-aero", &[])
                },
            ),
            ("kits", n0(base.kits_t)),
            ("landers", stats.landers_left.to_string().into()),
            (
                "oxygen",
                if research.has(Tech::LunarOxygen) {
                    Text::default()
                } else {
                    text("detail-lunar-oxygen", &[])
                },
            ),
            (
                "plant",
                if plant_missing_t > 0.0 {
                    text("detail-lunar-plant", &[("t", n0(plant_missing_t))])
                } else {
                    Text::default()
                },
            ),
        ],
    )
}

/// Robots: power to work comes first (X1), then power for new ones (the policy, C46),
/// chips for them (X2), then capital, demand or the factory lines.
fn robots_binding(params: &Params, robots: &RobotWorkforce) -> Binding {
    if robots.robots > 0.5 && robots.working < 0.99 {
        Binding {
            chain: Chain::Robots,
            constraint: Constraint::Power,
            detail: text(
                "detail-robot-power",
                &[
                    ("pct", n0(robots.working * 100.0)),
                    ("robots", count(robots.robots)),
                    ("drawn", f(robots.power_gw, 2)),
                    (
                        "wanted",
                        f(robots.robots * params.get(P::RobotPowerKw) * 1e-6, 2),
                    ),
                ],
            ),
        }
    } else if robots.power_bound {
        // The policy makes robots only for the power on hand: the public grid's night
        // spare (C46) and the own grid's.
        let public = crate::sim::robots::offpeak_gw(params);
        Binding {
            chain: Chain::Robots,
            constraint: Constraint::Power,
            detail: text(
                "detail-robot-power-room",
                &[
                    ("robots", count(robots.robots)),
                    ("gw", f(public + robots.grid_room_gw, 2)),
                    ("public", f(public, 2)),
                    ("pct", n0(params.get(P::EdgeOffpeakShare) * 100.0)),
                ],
            ),
        }
    } else if robots.chip_bound {
        Binding {
            chain: Chain::Robots,
            constraint: Constraint::Logic,
            detail: text(
                "detail-robot-chips",
                &[
                    ("n", count(robots.made_per_hour * HOURS_PER_YEAR)),
                    ("dies", params.get(P::RobotLogicDies).to_string().into()),
                ],
            ),
        }
    } else {
        Binding {
            chain: Chain::Robots,
            constraint: if robots.capital_bound {
                Constraint::Capital
            } else if robots.demand_bound {
                Constraint::Demand
            } else {
                Constraint::FactoryLines
            },
            detail: text(
                "detail-robots",
                &[
                    ("n", count(robots.made_per_hour * HOURS_PER_YEAR)),
                    ("cap", f(robots.capability(), 2)),
                ],
            ),
        }
    }
}

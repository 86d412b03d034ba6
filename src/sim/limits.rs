//! The limiting factor of each growth chain: which constraint binds right now, and by how
//! much. This is the game's central question ("find what binds growth now").

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::chips::{AssemblyLimit, ChipStock};
use super::constants::HOURS_PER_YEAR;
use super::datacenters::{Climate, GroundCompute, load_kw_per_gpu};
use super::economy::Capital;
use super::launch::{LaunchSite, LaunchStats, Pad, Ship, satellite_load_to, tankers_to};
use super::moon::{LunarBase, LunarLimit};
use super::orbit::Orbit;
use super::orders::Policies;
use super::params::{P, Params};
use super::projects::Queues;
use super::robots::RobotWorkforce;
use crate::text::{Text, count, text};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(super::SimTick, find_what_binds.in_set(super::AccountSystems::Limits));
}

/// What the limits read of the world, besides the resources.
#[derive(bevy::ecs::system::SystemParam)]
struct Fleet<'w, 's> {
    sites: Sites<'w, 's>,
    pads: Query<'w, 's, (Entity, &'static Pad)>,
    ships: Query<'w, 's, (Entity, &'static Ship)>,
    bases: Query<'w, 's, &'static LunarBase>,
}

/// What binds each growth chain now: the launch capacity ([`measure_launch_capacity`]),
/// the limits ([`find_limits`]) and the wall ([`find_wall`]).
fn find_what_binds(
    clock: Res<super::clock::GameClock>,
    params: Res<Params>,
    policies: Res<Policies>,
    (stock, ground, workforce, stats): (
        Res<ChipStock>,
        Res<GroundCompute>,
        Res<RobotWorkforce>,
        Res<LaunchStats>,
    ),
    (queues, capital, research, orbit): (
        Res<Queues>,
        Res<Capital>,
        Res<super::research::Research>,
        Res<super::orbit::OrbitCompute>,
    ),
    fleet: Fleet,
    mut limits: ResMut<Limits>,
    mut walls: ResMut<Walls>,
) {
    let Fleet {
        sites,
        pads,
        ships,
        bases,
    } = fleet;
    measure_launch_capacity(
        &params,
        &policies,
        &stock,
        &ground,
        &workforce,
        &stats,
        &sites,
        &pads,
        &ships,
        &mut limits,
    );
    find_limits(
        &clock,
        &params,
        &policies,
        &ground,
        &stock,
        &queues,
        &capital,
        &stats,
        &workforce,
        &bases,
        &sites,
        &research,
        &mut limits,
    );
    find_wall(&clock, &stock, &ground, &orbit, &limits, &mut walls);
}

/// A growth chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Chain {
    /// GPUs powered on the ground.
    GroundCompute,
    /// GPUs powered in orbit.
    OrbitalCompute,
    /// Flights a year.
    Launches,
    /// Solar kits the Moon throws.
    LunarOutput,
    /// Robots made.
    Robots,
}

impl Chain {
    /// Every chain, in display order.
    pub const ALL: [Chain; 5] = [
        Chain::GroundCompute,
        Chain::OrbitalCompute,
        Chain::Launches,
        Chain::LunarOutput,
        Chain::Robots,
    ];

    /// Its English name as data: sweep rows and comparisons key on it (the interface's
    /// words, in each language, are in the message files).
    pub fn label(self) -> &'static str {
        match self {
            Chain::GroundCompute => "ground compute",
            Chain::OrbitalCompute => "orbital compute",
            Chain::Launches => "launches",
            Chain::LunarOutput => "lunar output",
            Chain::Robots => "robots",
        }
    }
}

/// A constraint that can bind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Constraint {
    /// Generation: GPUs wait without power.
    Power,
    /// Turbines wait on the blade casters.
    Turbines,
    /// Solar waits in the interconnect study queue or for permits.
    Permits,
    /// Datacenter slots.
    Datacenters,
    /// Burn-in: new GPUs need ground power for their burn-in before they are trusted.
    BurnInPower,
    /// Logic dies.
    Logic,
    /// Memory stacks.
    Memory,
    /// Capital.
    Capital,
    /// Ships and their turnaround.
    Ships,
    /// Launch pads.
    Pads,
    /// Methane.
    Methane,
    /// Payload: not enough GPUs sent to orbit.
    Payload,
    /// Robots digging lunar soil.
    Mining,
    /// Lunar works capacity.
    Works,
    /// Mass-driver throughput.
    MassDriver,
    /// Lunar power (the night).
    LunarPower,
    /// Robot factory lines.
    FactoryLines,
    /// Nothing more is wanted now (every robot has work, every GPU a home).
    Demand,
    /// Landings wait on their tanker flights (X10).
    Tankers,
    /// The chain has not started (no base, no ships).
    NotStarted,
}

impl Constraint {
    /// Its English name as data: sweep rows and comparisons key on it (the interface's
    /// words, in each language, are in the message files).
    pub fn label(self) -> &'static str {
        match self {
            Constraint::Power => "power",
            Constraint::Turbines => "turbines",
            Constraint::Permits => "permits",
            Constraint::Datacenters => "datacenters",
            Constraint::BurnInPower => "burn-in power",
            Constraint::Logic => "logic",
            Constraint::Memory => "memory",
            Constraint::Capital => "capital",
            Constraint::Ships => "ships",
            Constraint::Pads => "pads",
            Constraint::Methane => "methane",
            Constraint::Payload => "payload",
            Constraint::Mining => "mining",
            Constraint::Works => "works",
            Constraint::MassDriver => "mass driver",
            Constraint::LunarPower => "lunar power",
            Constraint::FactoryLines => "factory lines",
            Constraint::Demand => "demand",
            Constraint::Tankers => "tankers",
            Constraint::NotStarted => "not started",
        }
    }
}

/// What binds one chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Binding {
    /// The chain.
    pub chain: Chain,
    /// The constraint that binds.
    pub constraint: Constraint,
    /// By how much, in words and numbers, in every language.
    pub detail: Text,
}

/// What binds each chain now.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct Limits {
    /// One binding per chain, in [`Chain::ALL`] order.
    pub bindings: Vec<Binding>,
    /// Flight capacity a year by each launch constraint: ships, pads, methane, payload.
    pub launch_capacity_per_yr: [f64; 4],
    /// The share of its power the burn-in had, smoothed over about a day (the sun comes
    /// and goes; a single hour would swing the binding).
    pub burn_in_power_day: f64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            bindings: Vec::new(),
            launch_capacity_per_yr: [0.0; 4],
            burn_in_power_day: 1.0,
        }
    }
}

impl Limits {
    /// The binding of `chain`.
    pub fn of(&self, chain: Chain) -> Option<&Binding> {
        self.bindings.iter().find(|b| b.chain == chain)
    }
}

/// The wall growth hits now, the argument's shape (`MODEL.md` section 5): where the chips
/// the fabs make end up. Dark on the ground: power. Piled up because the flights are full:
/// launch. Nearly all of them running: the chips themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Wall {
    /// New GPUs sit dark on the ground (or in a burn-in short of power).
    Power,
    /// The ground is full of dark GPUs and the flights to orbit cannot take more.
    Launch,
    /// Most chips made run: logic or memory supply is what holds growth back.
    Chips,
    /// There is no money to buy the chips.
    Capital,
    /// Chips pile up with no datacenter slot and no flight wanted (the player's policy).
    Homes,
}

/// Days a window of the wall covers, and days a new wall must hold before it counts.
const WALL_DAYS: usize = 30;
/// Share of the chips made that must be running for the chips to be the wall.
const CHIPS_RUNNING: f64 = 0.7;

/// A wall growth hit: when it began, and why, in the sim's own figures.
#[derive(Debug, Clone, PartialEq)]
pub struct WallEntry {
    /// The decimal year it began (the first of the 30 days that showed it).
    pub year: f64,
    /// The wall.
    pub wall: Wall,
    /// What the 30 days showed, in every language.
    pub why: Text,
}

/// The walls growth has hit so far, found once a game day from the last 30 days.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct Walls {
    /// The wall now (`None` until 60 days have passed).
    pub now: Option<Wall>,
    /// Each wall in order.
    pub history: Vec<WallEntry>,
    /// Chips made so far, GPU-equivalents (the fabs' supply, hour by hour).
    pub made: f64,
    /// Daily samples: (chips made so far, GPUs running, GPUs dark for want of power).
    days: std::collections::VecDeque<(f64, f64, f64)>,
    /// A new wall waiting to hold for 30 days, with its start and its days.
    candidate: Option<(WallEntry, usize)>,
}

/// The argument's walls, in its order (`MODEL.md` section 5).
pub const ARGUMENT: [Wall; 3] = [Wall::Power, Wall::Launch, Wall::Chips];

impl Walls {
    /// The walls in order, each once where it repeats (power, launch, power → power, launch).
    pub fn sequence(&self) -> Vec<Wall> {
        let mut out: Vec<Wall> = Vec::new();
        for e in &self.history {
            if out.last() != Some(&e.wall) {
                out.push(e.wall);
            }
        }
        out
    }
}

/// How a game's walls stand against the argument's power → launch → chips: `Ok` when the
/// argument's walls that were hit came in its order, else the first pair out of order
/// (the later wall of the argument came first).
pub fn against_argument(seq: &[Wall]) -> Result<(), (Wall, Wall)> {
    let rank = |w: &Wall| ARGUMENT.iter().position(|a| a == w);
    let mut last: Option<(usize, Wall)> = None;
    for w in seq {
        let Some(r) = rank(w) else { continue };
        if let Some((lr, lw)) = last
            && r < lr
        {
            return Err((lw, *w));
        }
        if last.is_none_or(|(lr, _)| r > lr) {
            last = Some((r, *w));
        }
    }
    Ok(())
}

/// Launch sites, each with whether an event has taken it out of service.
pub(super) type Sites<'w, 's> = Query<'w, 's, (Entity, &'static LaunchSite, Has<super::Disabled>)>;

/// A site in service that reaches `orbit`.
fn serves((_, site, out): (Entity, &LaunchSite, bool), orbit: Orbit) -> bool {
    !out && site.reaches(orbit)
}

/// Where the last 30 days' chips went: see [`Wall`].
pub(super) fn find_wall(
    clock: &super::clock::GameClock,
    stock: &ChipStock,
    ground: &GroundCompute,
    orbit: &super::orbit::OrbitCompute,
    limits: &Limits,
    walls: &mut Walls,
) {
    walls.made += stock.supply_gpus_per_hour;
    if clock.tick % 24 != 23 {
        return;
    }
    // Chips on their way to run count as running: a burn-in with its power, and GPUs
    // waiting for flights that have room.
    let launch_bound = limits
        .of(Chain::Launches)
        .is_some_and(|b| !matches!(b.constraint, Constraint::Payload | Constraint::BurnInPower));
    let queued = stock.launch_queue_gpus + stock.launch_queue_unburned;
    let (burn_short, burn_ok) = if limits.burn_in_power_day < 0.99 {
        (stock.burning_in(), 0.0)
    } else {
        (0.0, stock.burning_in())
    };
    let running =
        ground.powered + orbit.total_powered() + burn_ok + if launch_bound { 0.0 } else { queued };
    let dark = ground.unpowered() + burn_short;
    let made = walls.made;
    walls.days.push_back((made, running, dark));
    if walls.days.len() <= WALL_DAYS {
        return;
    }
    let (made0, running0, dark0) = walls.days.pop_front().unwrap_or_default();
    let made = made - made0;
    if made <= 0.0 {
        return;
    }
    let grew = (running - running0).max(0.0);
    let darkened = (dark - dark0).max(0.0);
    let lost = (made - grew).max(0.0);
    let capital = stock.limit == AssemblyLimit::Capital;
    let wall = if grew >= CHIPS_RUNNING * made && !capital {
        Wall::Chips
    } else if capital {
        Wall::Capital
    } else if darkened >= 0.5 * lost || (ground.unpowered() > 0.5 && !launch_bound) {
        Wall::Power
    } else if launch_bound && ground.unpowered() > 0.5 {
        Wall::Launch
    } else {
        Wall::Homes
    };
    // Why, in words: only a wall that starts a new candidate keeps it (most days the wall
    // is the one there was), so the text is made only then.
    let why = || {
        let launch_detail = || {
            limits.of(Chain::Launches).map_or(Text::default(), |b| {
                text(
                    "why-launches",
                    &[
                        (
                            "by",
                            text(
                                &format!("constraint-{:?}", b.constraint).to_lowercase(),
                                &[],
                            ),
                        ),
                        ("detail", b.detail.clone()),
                    ],
                )
            })
        };
        let ran = text(
            "why-ran",
            &[
                ("made", count(made)),
                ("pct", n0((grew / made * 100.0).min(100.0))),
            ],
        );
        match wall {
            Wall::Chips => {
                let chip = text(
                    &format!("constraint-{:?}", chip_constraint(stock)).to_lowercase(),
                    &[],
                );
                text(
                    "why-chips",
                    &[("ran", ran), ("chip", chip), ("launches", launch_detail())],
                )
            }
            Wall::Capital => text("why-capital", &[("ran", ran)]),
            Wall::Power => text("why-power", &[("ran", ran), ("dark", count(darkened))]),
            Wall::Launch => text(
                "why-launch",
                &[
                    ("ran", ran),
                    ("dark", count(ground.unpowered())),
                    ("launches", launch_detail()),
                ],
            ),
            Wall::Homes => text("why-homes", &[("ran", ran)]),
        }
    };
    let now = walls.now;
    let candidate = match walls.candidate.take() {
        _ if now == Some(wall) => None,
        Some((e, days)) if e.wall == wall => Some((e, days + 1)),
        _ => Some((
            WallEntry {
                year: clock.decimal_year() - WALL_DAYS as f64 / 365.0,
                wall,
                why: why(),
            },
            1,
        )),
    };
    match candidate {
        Some((e, days)) if days >= WALL_DAYS => {
            walls.now = Some(e.wall);
            walls.history.push(e);
        }
        c => walls.candidate = c,
    }
}

fn chip_constraint(stock: &ChipStock) -> Constraint {
    match stock.limit {
        AssemblyLimit::Logic => Constraint::Logic,
        AssemblyLimit::Memory => Constraint::Memory,
        AssemblyLimit::Capital => Constraint::Capital,
        AssemblyLimit::Demand => Constraint::Datacenters,
    }
}

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
    robots: &RobotWorkforce,
    stats: &LaunchStats,
    sites: &Sites,
    pads: &Query<(Entity, &Pad)>,
    ships: &Query<(Entity, &Ship)>,
    limits: &mut Limits,
) {
    let (gpus_per_flight, _) = satellite_load_to(params, policies.launch_orbit);
    // Every flight to GEO or the Moon takes its tanker flights with it (X9, X10).
    let sat_flights_each = 1.0 + tankers_to(params, policies.launch_orbit);
    let moon_flights_each = 1.0 + params.get(P::MoonTankerFlights).round();
    let robots_per_flight = (params.get(P::PayloadT) / params.get(P::RobotMassT))
        .floor()
        .max(1.0);
    // GPUs trusted to fly a year: with burn-in on, what leaves burn-in at the power it
    // has now (each GPU needs its burn-in hours powered); else what the chips make.
    let made_for_space = if policies.burn_in && params.get(P::BurnInDays) > 0.0 {
        let need_h = params.get(P::BurnInDays) * super::constants::HOURS_PER_DAY;
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
            / gpus_per_flight
            * sat_flights_each;
    let moon_flights = (robots.made_per_hour * HOURS_PER_YEAR * policies.robots_to_moon
        + robots.moon_queue)
        / robots_per_flight
        * moon_flights_each;
    // The Moon's share of flights: as flown over the last year (ships fly whichever
    // payload has the longer backlog), else by what waits to fly.
    let moon_share = if stats.flights_last_year() > 0 {
        stats.moon_flights_last_year() as f64 / stats.flights_last_year() as f64
    } else if sat_flights + moon_flights > 0.0 {
        moon_flights / (sat_flights + moon_flights)
    } else {
        0.0
    };
    let cycle =
        (1.0 - moon_share) * ship_cycle_h(params, false) + moon_share * ship_cycle_h(params, true);
    // Launches one ship (or pad) can make in a 365-day window, the window the flights
    // flown are counted over: a launch at its start and one every cycle after.
    let window = 365.0 * super::constants::HOURS_PER_DAY;
    let per_window = |cycle_h: f64| (window / cycle_h).ceil();
    // Only sites that reach the target orbit count (X9: SSO needs a corridor), unless
    // none does (then the chain reads as not started).
    let orbit = policies.launch_orbit;
    let any_reaches = sites.iter().any(|s| serves(s, orbit));
    // With every site in service and reaching the orbit (most games), all ships and pads
    // count, without a lookup each.
    let all_count = !any_reaches || sites.iter().all(|s| serves(s, orbit));
    let counts = |site: Entity| all_count || sites.get(site).is_ok_and(|s| serves(s, orbit));
    // Ships and pads: what those here now can fly, or what the last year flew when there
    // were more (landers left on the Moon, X10).
    let flown = stats.flights_last_year() as f64;
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
    // Methane and payload: the greater of what the coming year can supply (production or
    // supply, plus what is on hand) and what the last year did supply (the flights flown
    // on it, plus what is left on hand). So a year that flew more than today's rates allow
    // — from a stock built up before — never reads as flying more than was possible.
    let per_flight = params.get(P::MethanePerFlightT);
    let used = || {
        sites
            .iter()
            .filter(|&(e, _, out)| !out && counts(e))
            .map(|(_, s, _)| s)
    };
    let on_hand: f64 = used().map(|s| s.methane_t).sum::<f64>() / per_flight;
    let by_methane = (used().map(|s| s.methane_t_per_day).sum::<f64>() * 365.0 / per_flight
        + on_hand)
        .max(flown + on_hand);
    let waiting = (stock.launch_queue_gpus + stock.launch_queue_unburned) / gpus_per_flight
        * sat_flights_each
        + robots.moon_queue / robots_per_flight * moon_flights_each;
    let by_payload = (sat_flights + moon_flights).max(flown + waiting);
    limits.launch_capacity_per_yr = [by_ships, by_pads, by_methane, by_payload];
    let burn = burn_in_throughput(policies, params, stock, ground);
    limits.burn_in_power_day += (burn - limits.burn_in_power_day) / 24.0;
}

/// Limits are read by people, not by rules: finding them once a game day (and whenever
/// none are known yet) keeps their text off the hot path of fast warps.
#[expect(
    clippy::too_many_arguments,
    reason = "one rule's inputs, passed by the tick"
)]
pub(super) fn find_limits(
    clock: &super::clock::GameClock,
    params: &Params,
    policies: &Policies,
    ground: &GroundCompute,
    stock: &ChipStock,
    queues: &Queues,
    capital: &Capital,
    stats: &LaunchStats,
    robots: &RobotWorkforce,
    bases: &Query<&LunarBase>,
    sites: &Sites,
    research: &super::research::Research,
    limits: &mut Limits,
) {
    if clock.tick % 24 != 23 && !limits.bindings.is_empty() {
        return;
    }
    let mut out = Vec::with_capacity(5);
    let gpu_per_yr = stock.gpus_per_hour * HOURS_PER_YEAR;

    // Ground compute.
    let unpowered = ground.unpowered();
    let burn = limits.burn_in_power_day;
    let ground_b = if burn < 0.99 && stock.burning_in() > 0.0 {
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
        let short_gw = unpowered * load_kw_per_gpu(params, Climate::Temperate) * 1e-6;
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
        } else if queues.study_waiting + queues.studying > 0 {
            (
                Constraint::Permits,
                text(
                    "detail-permits-wait",
                    &[(
                        "n",
                        (queues.study_waiting + queues.studying).to_string().into(),
                    )],
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
    };
    out.push(ground_b);

    // Launches: flight capacity a year by each constraint (measured every tick).
    let [by_ships, by_pads, by_methane, by_payload] = limits.launch_capacity_per_yr;
    let launch_b = if by_ships == 0.0 {
        Binding {
            chain: Chain::Launches,
            constraint: Constraint::NotStarted,
            detail: text("detail-no-ships", &[]),
        }
    } else if stats.held_by == Some(super::launch::LaunchHold::Orbit)
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
    } else if stats.held_by == Some(super::launch::LaunchHold::Capital) {
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
    };
    let launch_constraint = launch_b.constraint;
    out.push(launch_b.clone());

    // Orbital compute: chips if payload binds the launches, else the launches.
    let orbital_b =
        if launch_constraint == Constraint::Payload && stock.limit != AssemblyLimit::Demand {
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
                ..launch_b
            }
        };
    out.push(orbital_b);

    // Lunar output.
    let lunar_b = match bases.iter().next() {
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
            detail: text(
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
                                super::orbit::lunar_kit_orbit(policies, research)
                            )
                            .to_lowercase(),
                            &[],
                        ),
                    ),
                    ("pct", n0(params.get(P::CaptureMassFraction) * 100.0)),
                    (
                        "aero",
                        if research.has(super::research::Tech::Aerobraking) {
                            Text::default()
                        } else {
                            text("detail-lunar-aero", &[])
                        },
                    ),
                    ("kits", n0(base.kits_t)),
                    ("landers", stats.landers_left.to_string().into()),
                    (
                        "oxygen",
                        if research.has(super::research::Tech::LunarOxygen) {
                            Text::default()
                        } else {
                            text("detail-lunar-oxygen", &[])
                        },
                    ),
                ],
            ),
        },
    };
    out.push(lunar_b);

    // Robots.
    // Robots: power to work comes first (X1), then chips for new ones (X2).
    let robots_b = if robots.robots > 0.5 && robots.working < 0.99 {
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
    };
    out.push(robots_b);
    limits.bindings = out;
}

/// `x` with `digits` decimals, as a message argument.
fn f(x: f64, digits: usize) -> Text {
    format!("{x:.digits$}").into()
}

/// `x` rounded to a whole number, as a message argument.
fn n0(x: f64) -> Text {
    f(x, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walls_are_read_against_the_argument_in_order() {
        use Wall::*;
        assert_eq!(against_argument(&[]), Ok(()));
        assert_eq!(against_argument(&[Power, Launch, Chips]), Ok(()));
        // Walls the argument skips, or does not name, do not break its order.
        assert_eq!(against_argument(&[Power, Homes, Chips]), Ok(()));
        assert_eq!(against_argument(&[Capital, Power, Chips, Capital]), Ok(()));
        assert_eq!(
            against_argument(&[Power, Chips, Launch]),
            Err((Chips, Launch))
        );
        assert_eq!(against_argument(&[Launch, Power]), Err((Launch, Power)));
        // Coming back to an earlier wall is out of order too.
        assert_eq!(
            against_argument(&[Power, Launch, Power]),
            Err((Launch, Power))
        );
    }
}

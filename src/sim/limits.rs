//! The limiting factor of each growth chain: which constraint binds right now, and by how
//! much. This is the game's central question ("find what binds growth now").

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::chips::{AssemblyLimit, ChipStock};
use super::datacenters::GroundCompute;
use super::economy::Capital;
use super::launch::{LaunchSite, LaunchStats, Pad, Ship};
use super::moon::LunarBase;
use super::orbit::Orbit;
use super::params::Params;
use super::projects::Queues;
use super::robots::RobotWorkforce;
use super::state::Policies;
use crate::text::Text;

mod capacity;
mod chains;
mod wall;

pub use capacity::{burn_in_throughput, ship_cycle_h};

use capacity::measure_launch_capacity;
use chains::find_limits;
use wall::find_wall;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        super::SimTick,
        find_what_binds.in_set(super::AccountSystems::Limits),
    );
}

/// What the limits read of the world, besides the resources.
#[derive(bevy::ecs::system::SystemParam)]
struct Fleet<'w, 's> {
    sites: Sites<'w, 's>,
    pads: Query<'w, 's, (Entity, &'static Pad)>,
    ships: Query<'w, 's, (Entity, &'static Ship)>,
    bases: Query<'w, 's, &'static LunarBase>,
    builds: Query<'w, 's, &'static super::moon::LunarBuild>,
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
    grid: Res<super::energy::Grid>,
    mut limits: ResMut<Limits>,
    mut walls: ResMut<Walls>,
) {
    let Fleet {
        sites,
        pads,
        ships,
        bases,
        builds,
    } = fleet;
    // Lunar works and driver ordered: tonnes to fly, and tonnes not yet on the Moon.
    let (cargo_t, plant_missing_t) = builds.iter().fold((0.0, 0.0), |(c, m), b| {
        (c + b.to_ship_t(), m + b.missing_t())
    });
    measure_launch_capacity(
        &params,
        &policies,
        &stock,
        &ground,
        (&workforce, cargo_t),
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
        (&bases, plant_missing_t),
        &sites,
        &research,
        grid.climate,
        &mut limits,
    );
    let (gpus_per_flight, _) = super::launch::satellite_load_to(&params, policies.launch_orbit);
    let flights = wall::Flights::new(&limits, &stock, gpus_per_flight);
    // GPUs the ground's spare power could run now, after the fabs and the halls' load.
    let spare_gw = (grid.available_gw() - stock.fab_load_gw - ground.load_gw).max(0.0);
    let kw = super::datacenters::load_kw_per_gpu(&params, grid.climate).max(1e-9);
    let spare_power_gpus = spare_gw * 1e6 / kw;
    find_wall(
        &clock,
        (&stock, &ground, &orbit),
        &limits,
        (flights, spare_power_gpus),
        &mut walls,
    );
}

/// A growth chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Reflect)]
#[reflect(Debug, PartialEq)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Reflect)]
#[reflect(Debug, PartialEq)]
pub enum Constraint {
    /// Generation: GPUs wait without power.
    Power,
    /// Turbines wait on the blade casters.
    Turbines,
    /// Solar waits in the interconnect study queue or for permits.
    Permits,
    /// Solar past its permits waits for panels (C42).
    Panels,
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
    /// The chip budget the player set: GPUs wait for the year's budget, not for capital.
    ChipBudget,
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
            Constraint::Panels => "panels",
            Constraint::Datacenters => "datacenters",
            Constraint::BurnInPower => "burn-in power",
            Constraint::Logic => "logic",
            Constraint::Memory => "memory",
            Constraint::Capital => "capital",
            Constraint::ChipBudget => "chip budget",
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

/// The orders and policies that relieve a constraint, by action name
/// ([`crate::sim::orders::Order::action`]), the most direct first: what the "fix" button
/// points at. Honest: each one moves the constraint it is listed under (turbines waiting
/// on the casters are relieved by casting or by other power, not by more turbines; burn-in
/// power by the burn-in policy before more power; methane by a methane plant).
pub fn reliefs(c: Constraint) -> &'static [&'static str] {
    match c {
        Constraint::Power => &["build:turbines", "build:solar_farm", "policy:space_share"],
        Constraint::Turbines => &["research:inhouse_casting", "build:solar_farm"],
        Constraint::Permits | Constraint::Panels => &["build:turbines", "build:batteries"],
        Constraint::Datacenters => &["build:datacenter", "policy:space_share"],
        Constraint::BurnInPower => &["policy:burn_in", "build:turbines"],
        Constraint::Logic | Constraint::Memory => {
            &["policy:chip_orders", "build:fab", "research:terafab"]
        }
        Constraint::Capital => &["policy:chip_budget", "research:ipo"],
        Constraint::ChipBudget => &["policy:chip_budget"],
        Constraint::Ships | Constraint::Tankers => &["build:ship"],
        Constraint::Pads => &["build:pad"],
        Constraint::Methane => &["build:methane_plant"],
        Constraint::Payload => &["policy:space_share"],
        Constraint::Mining => &["policy:robots_to_moon"],
        Constraint::Works => &["build:lunar_works"],
        Constraint::MassDriver => &["build:mass_driver"],
        Constraint::LunarPower => &["policy:lunar_reinvest"],
        Constraint::FactoryLines => &["policy:robots_to_factories", "build:robot_factory"],
        Constraint::Demand | Constraint::NotStarted => &[],
    }
}

/// What binds one chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reflect)]
#[reflect(Clone, Debug, PartialEq)]
pub struct Binding {
    /// The chain.
    pub chain: Chain,
    /// The constraint that binds.
    pub constraint: Constraint,
    /// By how much, in words and numbers, in every language. Not reflected: a [`Text`]
    /// holds its languages' words in `OnceLock` caches.
    #[reflect(ignore)]
    #[serde(with = "crate::text::exact")]
    pub detail: Text,
}

/// What binds each chain now.
#[derive(Resource, Debug, Clone, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Resource, Default, Debug, PartialEq)]
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

/// The wall growth hits now, the argument's shape (`docs/model.md`): where the chips
/// the fabs make end up. Dark on the ground: power. Piled up because the flights are full:
/// launch (the flights at capacity with a queue waiting). Nearly all of those on offer
/// running: the chips themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Reflect)]
#[reflect(Debug, PartialEq)]
pub enum Wall {
    /// New GPUs sit dark on the ground (or in a burn-in short of power).
    Power,
    /// The ground is full of dark GPUs and the flights to orbit cannot take more.
    Launch,
    /// Most chips made run: logic or memory supply is what holds growth back.
    Chips,
    /// There is no money to buy the chips.
    Capital,
    /// Chips pile up with no datacenter slot and no flight wanted, or the player buys
    /// fewer than are on offer with power to spare (the player's policy).
    Homes,
}

/// A wall growth hit: when it began, and why, in the sim's own figures.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Clone, Debug, PartialEq)]
pub struct WallEntry {
    /// The decimal year it began (the first of the 30 days that showed it).
    pub year: f64,
    /// The wall.
    pub wall: Wall,
    /// What the 30 days showed, in every language. Not reflected: a [`Text`] holds its
    /// languages' words in `OnceLock` caches.
    #[reflect(ignore)]
    #[serde(with = "crate::text::exact")]
    pub why: Text,
}

/// The walls growth has hit so far, found once a game day from the last 30 days.
#[derive(Resource, Debug, Clone, Serialize, Deserialize, Default, PartialEq, Reflect)]
#[reflect(Resource, Default, Debug, PartialEq)]
pub struct Walls {
    /// The wall now (`None` until 60 days have passed).
    pub now: Option<Wall>,
    /// Each wall in order.
    pub history: Vec<WallEntry>,
    /// Chips on offer so far, GPU-equivalents (the foundries' supply and our fabs' output
    /// at full power, hour by hour, whatever share the player buys).
    pub made: f64,
    /// Of those, the chips our fabs could not make for want of power (X15): they count as
    /// made and dark, the power wall's.
    pub fab_dark: f64,
    /// Daily samples: (chips made so far, GPUs running, GPUs dark for want of power).
    days: std::collections::VecDeque<(f64, f64, f64)>,
    /// A new wall waiting to hold for 30 days, with its start and its days.
    candidate: Option<(WallEntry, usize)>,
}

/// The argument's walls, in its order (`docs/model.md`, the shape of the argument).
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

/// The constraint that holds the chips' assembly back, as a binding names it.
fn chip_constraint(stock: &ChipStock) -> Constraint {
    match stock.limit {
        AssemblyLimit::Logic => Constraint::Logic,
        AssemblyLimit::Memory => Constraint::Memory,
        AssemblyLimit::Capital => Constraint::Capital,
        AssemblyLimit::Budget => Constraint::ChipBudget,
        AssemblyLimit::Demand => Constraint::Datacenters,
    }
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

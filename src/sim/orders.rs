//! Player orders: how the player changes the world (a level's script goes through
//! `world::SimEffect`).
//!
//! An [`Ordered`] message is applied by [`apply_orders`] once a frame (also while paused):
//! it is paid and started, or refused with an [`OrderRefused`] that says why.

use std::collections::VecDeque;

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::chips::{Fab, FabKind, FabPhase};
use super::clock::GameClock;
use super::economy::Capital;
use super::launch::LaunchSite;
use super::moon::{LunarBase, LunarBuild, LunarMine, LunarPlant, lunar_route};
use super::orbit::Orbit;
use super::params::{P, Params};
use super::projects::{Project, ProjectSeq, Stage};
use super::research::{Research, Tech};
use super::rng::{SlipOf, slip_factor};

mod check;

pub use super::state::{Locks, Policies};
pub use check::{OrderCheck, check_order, cost_usd, ship_cost_usd, solar_land_gw};

pub(super) fn plugin(app: &mut App) {
    app.add_message::<Ordered>();
    app.add_message::<OrderRefused>();
    app.add_message::<OrderAccepted>();
    app.add_systems(super::SimOrders, apply_orders);
    app.add_systems(
        super::SimTick,
        apply_due_orders
            .run_if(orders_due)
            .in_set(super::SimSystems::Orders),
    );
}

/// Something the player can build.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reflect)]
#[reflect(Debug, PartialEq)]
pub enum BuildKind {
    /// Ground solar: interconnect study, permit, panels, then build (C16, C4, C42), on land
    /// it takes for good (C3). Peak GW.
    SolarFarm {
        /// Peak power, GW.
        gw: f64,
    },
    /// Grid batteries. GWh.
    Batteries {
        /// Storage, GWh.
        gwh: f64,
    },
    /// Gas turbines behind the meter: they wait on the blade casters. GW.
    Turbines {
        /// Power, GW.
        gw: f64,
    },
    /// A ground datacenter hall with slots for `gpus` GPUs, on the grid's site and cooled
    /// for its climate (C13): the climate is the site's, not the order's. An order written
    /// before this rule (a save's, a level's) may still name a `climate`; it is read and
    /// ignored (`terawatt check` notes it in a level).
    Datacenter {
        /// GPU slots.
        gpus: f64,
    },
    /// A fab that climbs its five-year phases.
    Fab {
        /// Logic or memory.
        kind: FabKind,
    },
    /// One more Starship at a launch site.
    Ship {
        /// The site's name.
        site: String,
    },
    /// One more pad at a launch site.
    Pad {
        /// The site's name.
        site: String,
    },
    /// A methane plant at a launch site, tonnes a day more of the site's production (X17).
    MethanePlant {
        /// The site's name.
        site: String,
        /// Production it adds, t/day.
        t_per_day: f64,
    },
    /// One more robot factory line.
    RobotFactory,
    /// More lunar solar-cell and radiator works, GW of cells a year.
    LunarWorks {
        /// Capacity, GW of cells a year.
        gw_per_yr: f64,
    },
    /// More mass-driver throughput, t/h.
    MassDriver {
        /// Throughput, t/h.
        t_per_h: f64,
    },
}

/// A standing policy the player sets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reflect)]
#[reflect(Debug, PartialEq)]
pub enum Policy {
    /// C9: run new GPUs on the ground before they fly.
    BurnIn(bool),
    /// Share of ready GPUs sent to orbit (0–1).
    SpaceShare(f64),
    /// C30: share of new robots that build robot factories (0–1).
    RobotsToFactories(f64),
    /// Share of new robots shipped to the Moon's mines (0–1).
    RobotsToMoon(f64),
    /// Make robots for Earth only as far as power waits for them (C46, X1).
    RobotsNeedPower(bool),
    /// The orbit new satellites go to.
    LaunchOrbit(Orbit),
    /// Share of lunar cells kept to grow the base's own solar (0–1).
    LunarReinvest(f64),
    /// Share of the chips on offer that we buy (0–1).
    ChipOrders(f64),
    /// Most we spend on GPUs a year, $/yr (capital it leaves stays on hand).
    ChipBudget(f64),
}

/// Any order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reflect)]
#[reflect(Debug, PartialEq)]
pub enum Order {
    /// Build something.
    Build(BuildKind),
    /// Start research.
    Research(Tech),
    /// Change a policy.
    Policy(Policy),
    /// A what-if: set a model parameter (by its catalogue name) to a value within its
    /// range, from now on. Branches ([`crate::branch`]) are made of these; a game that
    /// holds one is a what-if game and cannot win its level.
    Assume {
        /// The parameter's catalogue name (`terawatt params`).
        param: String,
        /// Its new value, in the catalogue's unit.
        value: f64,
    },
}

impl Order {
    /// The action's name, as a level locks it: `build:ship`, `research:ipo`, `policy:burn_in`.
    pub fn action(&self) -> &'static str {
        match self {
            Order::Build(b) => match b {
                BuildKind::SolarFarm { .. } => "build:solar_farm",
                BuildKind::Batteries { .. } => "build:batteries",
                BuildKind::Turbines { .. } => "build:turbines",
                BuildKind::Datacenter { .. } => "build:datacenter",
                BuildKind::Fab { .. } => "build:fab",
                BuildKind::Ship { .. } => "build:ship",
                BuildKind::Pad { .. } => "build:pad",
                BuildKind::MethanePlant { .. } => "build:methane_plant",
                BuildKind::RobotFactory => "build:robot_factory",
                BuildKind::LunarWorks { .. } => "build:lunar_works",
                BuildKind::MassDriver { .. } => "build:mass_driver",
            },
            Order::Research(t) => match t {
                Tech::InhouseCasting => "research:inhouse_casting",
                Tech::SteelHulls => "research:steel_hulls",
                Tech::ThinFilmCells => "research:thin_film_cells",
                Tech::TeraFab => "research:terafab",
                Tech::Hand => "research:hand",
                Tech::Ipo => "research:ipo",
                Tech::LunarOxygen => "research:lunar_oxygen",
                Tech::Aerobraking => "research:aerobraking",
            },
            Order::Policy(p) => match p {
                Policy::BurnIn(_) => "policy:burn_in",
                Policy::SpaceShare(_) => "policy:space_share",
                Policy::RobotsToFactories(_) => "policy:robots_to_factories",
                Policy::RobotsToMoon(_) => "policy:robots_to_moon",
                Policy::RobotsNeedPower(_) => "policy:robots_need_power",
                Policy::LaunchOrbit(_) => "policy:launch_orbit",
                Policy::LunarReinvest(_) => "policy:lunar_reinvest",
                Policy::ChipOrders(_) => "policy:chip_orders",
                Policy::ChipBudget(_) => "policy:chip_budget",
            },
            Order::Assume { .. } => "assume",
        }
    }

    /// The parameter and value of an [`Order::Assume`] with a known name.
    pub fn assumption(&self) -> Option<(P, f64)> {
        match self {
            Order::Assume { param, value } => P::from_name(param).map(|p| (p, *value)),
            _ => None,
        }
    }
}

/// The player gives an order.
#[derive(Message, Debug, Clone, PartialEq)]
pub struct Ordered(pub Order);

/// An order was paid and started.
#[derive(Message, Debug, Clone, PartialEq)]
pub struct OrderAccepted {
    /// The order.
    pub order: Order,
    /// What it cost, $.
    pub cost_usd: f64,
}

/// An order was refused, and why.
#[derive(Message, Debug, Clone, PartialEq)]
pub struct OrderRefused {
    /// The order.
    pub order: Order,
    /// Why.
    pub reason: Refusal,
}

/// Why an order was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Refusal {
    /// Not enough capital.
    #[error("not enough capital: it costs ${need_usd:.3e}, you have ${have_usd:.3e}")]
    Capital {
        /// Cost, $.
        need_usd: f64,
        /// Capital on hand, $.
        have_usd: f64,
    },
    /// The level has locked this action.
    #[error("locked in this level")]
    Locked,
    /// The teacher's lock locks this action.
    #[error("locked by the teacher")]
    TeacherLocked,
    /// No launch site of that name.
    #[error("no launch site named `{0}`")]
    UnknownSite(String),
    /// Lunar orders need a lunar base.
    #[error("there is no lunar base yet")]
    NoLunarBase,
    /// Lunar works and drivers are built with mass on the Moon: landed from a launch site,
    /// or made by the base's robots from lunar material (issue 28).
    #[error(
        "no launch site to land its equipment and no robots on the Moon to make it from lunar material"
    )]
    NoLunarRoute,
    /// An amount that is zero, negative, not a number or too large.
    #[error("the amount must be a positive number up to {max}")]
    InvalidAmount {
        /// The largest amount accepted.
        max: f64,
    },
    /// A share outside 0–1, or shares that add up past 1.
    #[error("shares must lie between 0 and 1 and add up to at most 1")]
    InvalidShare,
    /// Research already done or under way.
    #[error("already researched or under way")]
    AlreadyResearched,
    /// X9: no launch site has a corridor to that orbit.
    #[error(
        "no launch site can reach {0:?}: a sun-synchronous orbit needs a corridor north or south over open sea"
    )]
    OrbitUnreachable(Orbit),
    /// A what-if names no parameter, or a value outside its range.
    #[error("{0}")]
    InvalidAssumption(String),
    /// C3: the land for ground solar is taken by what is built and planned.
    #[error(
        "no land left: {planned_gw:.1} GW of solar built or planned, the land holds {most_gw:.1} GW"
    )]
    Land {
        /// Ground solar in service and in projects, peak GW.
        planned_gw: f64,
        /// What the land holds, peak GW.
        most_gw: f64,
    },
}

// The locks name actions as orders name them: this reading of an order lives with the
// orders, so that `state` imports nothing of them.
impl Locks {
    /// Whether the teacher's lock refuses `order` from the player.
    pub fn teacher_locks(&self, order: &Order) -> bool {
        self.teacher.iter().any(|a| a == order.action())
    }
}

/// Everything an order needs to be checked and started.
#[derive(SystemParam)]
pub struct OrderDesk<'w, 's> {
    commands: Commands<'w, 's>,
    params: ResMut<'w, Params>,
    learning: Res<'w, super::costs::Learning>,
    clock: Res<'w, GameClock>,
    locks: Res<'w, Locks>,
    capital: ResMut<'w, Capital>,
    research: ResMut<'w, Research>,
    policies: ResMut<'w, Policies>,
    seq: ResMut<'w, ProjectSeq>,
    rng: Res<'w, super::rng::SimRng>,
    grid: Res<'w, super::energy::Grid>,
    queues: ResMut<'w, super::projects::Queues>,
    sites: Query<'w, 's, (Entity, &'static LaunchSite)>,
    bases: Query<'w, 's, Entity, With<LunarBase>>,
    mines: Query<'w, 's, &'static LunarMine>,
    refused: MessageWriter<'w, OrderRefused>,
    accepted: MessageWriter<'w, OrderAccepted>,
}

impl OrderDesk<'_, '_> {
    /// Checks `order`, pays and starts it, or refuses it; reports either as a message.
    pub fn handle(&mut self, order: &Order) -> Result<f64, Refusal> {
        let outcome = self.check_and_start(order);
        match &outcome {
            Ok(cost_usd) => {
                self.accepted.write(OrderAccepted {
                    order: order.clone(),
                    cost_usd: *cost_usd,
                });
            }
            Err(reason) => {
                self.refused.write(OrderRefused {
                    order: order.clone(),
                    reason: reason.clone(),
                });
            }
        }
        outcome
    }

    /// Robots at work on the Moon.
    fn lunar_robots(&self) -> f64 {
        self.mines.iter().map(|m| m.robots).sum()
    }

    fn check_and_start(&mut self, order: &Order) -> Result<f64, Refusal> {
        let sites: Vec<(&str, bool)> = self
            .sites
            .iter()
            .map(|(_, s)| (s.name.as_str(), s.sso))
            .collect();
        let cost = check_order(
            order,
            &OrderCheck {
                params: &self.params,
                learning: &self.learning,
                research: &self.research,
                policies: &self.policies,
                locks: &self.locks,
                capital_usd: self.capital.usd,
                sites: &sites,
                has_lunar_base: !self.bases.is_empty(),
                lunar_robots: self.lunar_robots(),
                solar_gw: self.grid.solar_peak_gw + self.queues.solar_planned_gw,
            },
        )?;
        let site = match order {
            Order::Build(
                BuildKind::Ship { site: s }
                | BuildKind::Pad { site: s }
                | BuildKind::MethanePlant { site: s, .. },
            ) => self
                .sites
                .iter()
                .find(|(_, x)| x.name == *s)
                .map(|(e, _)| e),
            _ => None,
        };
        let route = lunar_route(!self.sites.is_empty(), self.lunar_robots());
        self.capital.spend(cost);
        // Its land is taken now: the next order this frame sees it before the project does.
        if let Order::Build(BuildKind::SolarFarm { gw }) = order {
            self.queues.solar_planned_gw += gw;
        }
        match order {
            Order::Build(b) => start_build(
                b.clone(),
                (site, route),
                &mut self.commands,
                &self.params,
                &self.clock,
                (&mut self.seq, self.rng.seed),
            ),
            Order::Research(t) => {
                let slip = slip_factor(
                    self.rng.seed,
                    SlipOf::Research(t.index()),
                    self.params.get(P::ScheduleSlipSigma),
                );
                self.research.start(*t, slip);
            }
            Order::Policy(p) => match *p {
                Policy::BurnIn(on) => self.policies.burn_in = on,
                Policy::SpaceShare(x) => self.policies.space_share = x,
                Policy::RobotsToFactories(x) => self.policies.robots_to_factories = x,
                Policy::RobotsToMoon(x) => self.policies.robots_to_moon = x,
                Policy::RobotsNeedPower(on) => self.policies.robots_need_power = on,
                Policy::LaunchOrbit(o) => self.policies.launch_orbit = o,
                Policy::LunarReinvest(x) => self.policies.lunar_reinvest = x,
                Policy::ChipOrders(x) => self.policies.chip_orders = x,
                Policy::ChipBudget(x) => self.policies.chip_budget_usd_per_yr = x,
            },
            Order::Assume { .. } => {
                if let Some((p, v)) = order.assumption() {
                    self.params.assume(p, v);
                }
            }
        }
        Ok(cost)
    }
}

/// Orders a level gives at set ticks, soonest first.
#[derive(Resource, Debug, Clone, Serialize, Deserialize, Default, PartialEq, Reflect)]
#[reflect(Resource, Default, Debug, PartialEq)]
pub struct ScriptedOrders {
    /// (tick, order), sorted by tick.
    pub pending: VecDeque<(u64, Order)>,
}

impl ScriptedOrders {
    /// Whether the next order is due at `tick` (or was due before it).
    pub fn due(&self, tick: u64) -> bool {
        self.pending.front().is_some_and(|(t, _)| *t <= tick)
    }
}

/// The player's orders so far, with the tick each was given at: with the level and its
/// seed, they reproduce a game (saves and replays are this log).
#[derive(Resource, Debug, Clone, Serialize, Deserialize, Default, PartialEq, Reflect)]
#[reflect(Resource, Default, Debug, PartialEq)]
pub struct OrderLog {
    /// (tick, order), in the order given.
    pub orders: Vec<(u64, Order)>,
}

/// Applies the player's orders once a frame, before the ticks, and logs them.
pub fn apply_orders(
    mut orders: MessageReader<Ordered>,
    mut log: ResMut<OrderLog>,
    mut desk: OrderDesk,
) {
    for Ordered(order) in orders.read() {
        // Refused before the log, so the log replays the same game with or without it.
        if desk.locks.teacher_locks(order) {
            desk.refused.write(OrderRefused {
                order: order.clone(),
                reason: Refusal::TeacherLocked,
            });
            continue;
        }
        log.orders.push((desk.clock.tick, order.clone()));
        let _ = desk.handle(order);
    }
}

/// Whether a scripted order is due this tick: the desk that applies them is many resources
/// to fetch, so [`apply_due_orders`] runs only then.
fn orders_due(clock: Res<GameClock>, scripted: Res<ScriptedOrders>) -> bool {
    scripted.due(clock.tick)
}

/// Applies the scripted orders due at the start of their tick (see
/// [`apply_scripted_orders`]).
pub(super) fn apply_due_orders(mut scripted: ResMut<ScriptedOrders>, mut desk: OrderDesk) {
    apply_scripted_orders(&mut scripted, &mut desk);
}

/// Applies scripted orders at the start of their tick — the same moment a player's order
/// given at that game time applies, so a replay reproduces a game.
fn apply_scripted_orders(scripted: &mut ScriptedOrders, desk: &mut OrderDesk) {
    let now = desk.clock.tick;
    while scripted.due(now) {
        if let Some((_, order)) = scripted.pending.pop_front() {
            let _ = desk.handle(&order);
        }
    }
}

/// Starts a paid build: a fab starts its own phases; lunar works and drivers become lunar
/// builds, their equipment landed or made on the Moon by `route`; the rest become projects.
fn start_build(
    kind: BuildKind,
    (site, route): (Option<Entity>, Option<super::moon::LunarRoute>),
    commands: &mut Commands,
    params: &Params,
    clock: &GameClock,
    (seq, seed): (&mut ProjectSeq, u64),
) {
    let sigma = params.get(P::ScheduleSlipSigma);
    let plant = match kind {
        BuildKind::Fab { kind } => {
            let mut fab = Fab::new(kind, FabPhase::Build, params);
            fab.slip = slip_factor(seed, SlipOf::Fab(seq.take_next()), sigma);
            commands.spawn(fab);
            return;
        }
        BuildKind::LunarWorks { gw_per_yr } => Some(LunarPlant::Works { gw_per_yr }),
        BuildKind::MassDriver { t_per_h } => Some(LunarPlant::Driver { t_per_h }),
        _ => None,
    };
    if let Some(plant) = plant {
        // The check refused the order without a route.
        if let Some(route) = route {
            commands.spawn(LunarBuild::new(seq.take_next(), plant, route, params));
        }
        return;
    }
    let months = |k| params.hours_of_months(k);
    let (stage, hours_left) = match &kind {
        BuildKind::SolarFarm { gw } => {
            (Stage::Study { gw_left: *gw }, months(P::InterconnectStudy))
        }
        BuildKind::Turbines { gw } => (Stage::AwaitTurbines { gw_left: *gw }, 0.0),
        BuildKind::Batteries { .. } => (Stage::Build, months(P::BatteryBuild)),
        BuildKind::Datacenter { .. } => (Stage::Build, months(P::DatacenterBuild)),
        BuildKind::Ship { .. } => (Stage::Build, months(P::ShipBuild)),
        BuildKind::Pad { .. } => (Stage::Build, months(P::PadBuild)),
        BuildKind::MethanePlant { .. } => (Stage::Build, months(P::MethanePlantBuild)),
        BuildKind::RobotFactory => (Stage::Build, months(P::RobotFactoryBuild)),
        BuildKind::Fab { .. } | BuildKind::LunarWorks { .. } | BuildKind::MassDriver { .. } => {
            unreachable!("fabs and lunar builds returned above")
        }
    };
    let n = seq.take_next();
    commands.spawn(Project {
        seq: n,
        kind,
        site,
        stage,
        hours_left,
        ordered_tick: clock.tick,
        slip: slip_factor(seed, SlipOf::Project(n), sigma),
    });
}
/// Every action name a level may lock.
pub fn all_actions() -> Vec<&'static str> {
    use super::chips::FabKind;
    use super::orbit::Orbit;
    use super::research::Tech;
    let mut orders = vec![
        Order::Build(BuildKind::SolarFarm { gw: 1.0 }),
        Order::Build(BuildKind::Batteries { gwh: 1.0 }),
        Order::Build(BuildKind::Turbines { gw: 1.0 }),
        Order::Build(BuildKind::Datacenter { gpus: 1.0 }),
        Order::Build(BuildKind::Fab {
            kind: FabKind::Logic,
        }),
        Order::Build(BuildKind::Ship {
            site: String::new(),
        }),
        Order::Build(BuildKind::Pad {
            site: String::new(),
        }),
        Order::Build(BuildKind::RobotFactory),
        Order::Build(BuildKind::MethanePlant {
            site: String::new(),
            t_per_day: 1.0,
        }),
        Order::Build(BuildKind::LunarWorks { gw_per_yr: 1.0 }),
        Order::Build(BuildKind::MassDriver { t_per_h: 1.0 }),
        Order::Policy(Policy::BurnIn(true)),
        Order::Policy(Policy::SpaceShare(0.0)),
        Order::Policy(Policy::RobotsToFactories(0.0)),
        Order::Policy(Policy::RobotsToMoon(0.0)),
        Order::Policy(Policy::RobotsNeedPower(true)),
        Order::Policy(Policy::LaunchOrbit(Orbit::Sso)),
        Order::Policy(Policy::LunarReinvest(0.0)),
        Order::Policy(Policy::ChipOrders(1.0)),
        Order::Policy(Policy::ChipBudget(1e9)),
        Order::Assume {
            param: String::new(),
            value: 0.0,
        },
    ];
    orders.extend(Tech::ALL.into_iter().map(Order::Research));
    orders.iter().map(Order::action).collect()
}

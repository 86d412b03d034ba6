//! The rules of the world: a headless, deterministic simulation of the model, `docs/model.md`.
//!
//! One tick is one game hour. The [`SimTick`] schedule holds every rule as a system, in the
//! order of the phases of [`SimSystems`]; [`SimOrders`] applies the player's
//! orders once a frame, even while the game is paused. A driver in `PreUpdate` runs
//! `SimOrders` once and then `SimTick` as many times as the warp asks — a whole number of
//! ticks per frame, so the same level and seed give the same state at the same game time
//! at any warp.
//!
//! Nothing outside `sim/` mutates these components and resources: views read them; the
//! player changes them through [`orders::Ordered`] messages, a level's script through
//! [`world::SimEffect`]s, and what replaces the world through the sim's own functions
//! ([`world::reset`], [`state::set_teacher_lock`]). Each type of the sim's state is
//! registered once, in one list run by [`SimPlugin`] (`add_sim_state`, with the
//! `registry::SimApp` extension), which
//! initialises it, tells [`world::reset`] how to reset it and puts it in the state dump
//! ([`hash`]); every sim entity carries [`registry::SimEntity`]. Its arithmetic is portable:
//! transcendentals go through [`math`], so an hour gives the same bits on every machine.
#![deny(clippy::disallowed_methods)]

use bevy::ecs::schedule::{ScheduleLabel, SingleThreadedExecutor};
use bevy::prelude::*;
use serde::{Deserialize, Serialize};

pub mod chips;
pub mod clock;
pub mod compare;
pub mod constants;
pub mod costs;
pub mod datacenters;
pub mod derived;
pub mod economy;
pub mod energy;
pub mod floor;
pub mod hash;
pub mod launch;
pub mod limits;
pub mod math;
pub mod memo;
pub mod moon;
pub mod orbit;
pub mod orders;
pub mod params;
pub mod projects;
pub mod record;
pub mod registry;
pub mod research;
pub mod rng;
pub mod robots;
pub mod snapshot;
pub mod state;
pub mod world;

use registry::SimApp;

/// The rules' version. A save and a share code carry it beside the stamp of the state they
/// hold (its canonical hash), so a game opened under other rules says so: it plays on, but
/// it is not the same game. Bump it whenever the rules change what a game becomes — a
/// system, a formula, a parameter's default or range, the order of the tick, or a part of
/// the state added, removed or changed in shape — anything that changes the canonical hash
/// a game reaches at the same hour from the same level, seed and orders.
pub const RULES_VERSION: u32 = 3;

/// One game hour of rules. Run by the driver, or directly in tests and benchmarks.
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct SimTick;

/// The player's orders, applied once a frame before the ticks (also while paused).
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct SimOrders;

/// The order of a tick (`docs/model.md`, the hour), declared once here: the phases of the hour,
/// chained. Each domain's plugin puts its rules' systems in the phase they belong to (and,
/// where a phase holds several domains, in that phase's step: [`EarthSystems`],
/// [`SpaceSystems`], [`AccountSystems`]). A phase's commands apply at the sync point Bevy puts
/// before the next phase, so a rule sees what earlier phases spawned or despawned.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SimSystems {
    /// Orders due this tick (scripted, or replayed from a save) apply first, and only when
    /// one is due.
    Orders,
    /// Research, permits, interconnect studies, turbine deliveries and construction count
    /// down.
    Queues,
    /// On Earth ([`EarthSystems`]): generation hour by hour (sun, batteries, turbines); fabs
    /// climb their phases and logic and memory become GPUs; burn-in, then ground
    /// datacenters power what generation allows; methane, pads and ships turn around, ready
    /// ships launch.
    Earth,
    /// Flights climb, deploy and return.
    Flights,
    /// What the flights and the mass driver delivered joins the orbit.
    Arrivals,
    /// In space and on the Moon ([`SpaceSystems`]): orbital datacenters yield by their
    /// sunlit fraction and fail without repair; lunar soil becomes cells and radiators and
    /// the mass driver throws them; robots build robots, and factories.
    Space,
    /// The books ([`AccountSystems`]): learning curves; compute earns revenue in tiered
    /// markets; what binds each growth chain now; the recorder samples the key figures;
    /// the day's draw.
    Accounts,
    /// The level's script: events, goals, lessons (see `level::script`), reading the
    /// recorder's sample of this tick.
    Script,
    /// What the script asked of the sim ([`world::SimEffect`]) applies, in its order; the
    /// clock moves on one hour.
    Effects,
}

impl SimSystems {
    /// The phases, in the order they run.
    pub const ALL: [SimSystems; 9] = [
        SimSystems::Orders,
        SimSystems::Queues,
        SimSystems::Earth,
        SimSystems::Flights,
        SimSystems::Arrivals,
        SimSystems::Space,
        SimSystems::Accounts,
        SimSystems::Script,
        SimSystems::Effects,
    ];
}

/// The steps of [`SimSystems::Earth`], in order.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EarthSystems {
    /// Plants generate: sun and weather, batteries, turbines (`energy`).
    Generate,
    /// Fabs climb their phases; logic and memory become GPUs (`chips`).
    Chips,
    /// Burn-in, installation, and the halls draw what the grid gives (`datacenters`).
    Halls,
    /// Robots draw their power (`robots`).
    Robots,
    /// The grid settles: batteries, curtailment, gas burned (`energy`).
    Settle,
    /// Methane, pads and ships turn around; ready ships launch (`launch`).
    Launch,
}

/// The steps of [`SimSystems::Space`], in order.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpaceSystems {
    /// Orbital GPUs age and share their orbit's power (`orbit`).
    Orbit,
    /// The lunar base mines, refines, builds and throws (`moon`).
    Moon,
    /// Robots grow more capable and build robots and factories (`robots`).
    Robots,
}

/// The steps of [`SimSystems::Accounts`], in order.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccountSystems {
    /// Learning curves move with what was built and flown (`costs`).
    Learn,
    /// Compute earns revenue; research is paid (`economy`).
    Earn,
    /// What binds each growth chain now, and the wall (`limits`).
    Limits,
    /// The recorder's sample (`record`).
    Record,
    /// The day's draw (`rng`).
    Draw,
}

/// The driver that runs the orders and this frame's ticks in `PreUpdate`: what runs
/// beside the game (branches) orders itself around it.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SimDrive;

/// Marks a datacenter or launch site that an event has taken out of service: the hall
/// gets no power, the site launches nothing.
#[derive(
    Component, Debug, Clone, Serialize, Deserialize, Copy, PartialEq, Eq, Default, Reflect,
)]
#[reflect(Component, Default, Debug, PartialEq)]
#[require(registry::SimEntity)]
pub struct Disabled;

/// The headless simulation: every rule, no rendering. Add a level with
/// [`crate::level::spawn_level`] (or [`crate::testing::sim_app`]).
pub struct SimPlugin;

impl Plugin for SimPlugin {
    fn build(&self, app: &mut App) {
        tick_schedule(app);
        app.init_schedule(SimOrders);
        app.edit_schedule(SimOrders, |s| {
            s.set_executor(SingleThreadedExecutor::new());
        });
        add_sim_state(app);
        app.add_plugins((
            clock::plugin,
            rng::plugin,
            orders::plugin,
            projects::plugin,
            energy::plugin,
            chips::plugin,
            datacenters::plugin,
            launch::plugin,
            orbit::plugin,
            robots::plugin,
            economy::plugin,
            limits::plugin,
            record::plugin,
        ));
        app.add_plugins((costs::plugin, moon::plugin, world::plugin));
        app.add_systems(PreUpdate, drive_sim.in_set(SimDrive));
    }
}

/// The sim's state, one registration per type ([`SimApp`]): each resource is initialised,
/// reset by [`world::reset`] (to its default, or from the level's start) and printed in the
/// state dump; each component is printed, and its entities despawned by a reset (it
/// requires [`registry::SimEntity`]); then what the sim registers that is not state. Run on
/// the app by [`SimPlugin`], and on a bare [`hash::StateParts`] for its default.
fn add_sim_state<A: SimApp>(app: &mut A) {
    // This order is the state dump's: moving a line changes every state hash (as adding or
    // removing one does).
    app.add_sim_start_resource::<clock::GameClock>()
        .add_sim_start_resource::<params::Params>()
        .add_sim_start_resource::<state::Policies>()
        .add_sim_start_resource::<state::Locks>()
        .add_sim_start_resource::<research::Research>()
        .add_sim_start_resource::<economy::Capital>()
        .add_sim_start_resource::<energy::Grid>()
        .add_sim_resource::<chips::ChipStock>()
        .add_sim_resource::<chips::ChipSupply>()
        .add_sim_resource::<costs::Learning>()
        .add_sim_resource::<datacenters::GroundCompute>()
        .add_sim_resource::<orbit::OrbitCompute>()
        .add_sim_resource::<launch::LaunchStats>()
        .add_sim_resource::<launch::Deliveries>()
        .add_sim_start_resource::<robots::RobotWorkforce>()
        .add_sim_resource::<projects::Queues>()
        .add_sim_resource::<projects::ProjectSeq>()
        .add_sim_resource::<limits::Limits>()
        .add_sim_resource::<limits::Walls>()
        .add_sim_resource::<record::TimeSeries>()
        .add_sim_start_resource::<orders::ScriptedOrders>()
        .add_sim_resource::<orders::OrderLog>()
        .add_sim_start_resource_with_dump::<rng::SimRng>(hash::dump_rng)
        .add_sim_start_resource::<rng::DailyDraw>()
        .add_sim_resource::<world::TimedScalings>()
        .add_sim_component::<energy::PowerPlant>()
        .add_sim_component::<datacenters::GroundDatacenter>()
        .add_sim_component::<chips::Fab>()
        .add_sim_component::<launch::LaunchSite>()
        .add_sim_component::<launch::Pad>()
        .add_sim_component::<launch::Ship>()
        .add_sim_component::<launch::Flight>()
        .add_sim_component::<orbit::OrbitalDatacenter>()
        .add_sim_component::<moon::LunarBase>()
        .add_sim_component::<moon::LunarMine>()
        .add_sim_component::<moon::LunarWorks>()
        .add_sim_component::<moon::MassDriver>()
        .add_sim_component::<moon::LunarBuild>()
        .add_sim_component::<robots::RobotFactory>()
        .add_sim_component::<projects::Project>()
        .add_sim_component::<Disabled>();
    app.declare_not_state::<clock::SimSpeed>(
        "pause and warp: how fast time runs, not what is in the world (the same state is \
         reached at every warp)",
    )
    .declare_not_state::<hash::StateParts>("this list: what the dump prints and what a reset does")
    .declare_not_state::<SetTimes>(
        "`terawatt bench`'s stopwatch: where real time goes, not what is in the world",
    )
    .declare_not_state::<registry::SimEntity>(
        "the mark of the sim's entities, for a reset: the dump prints the components it marks",
    )
    .declare_message_buffers::<orders::Ordered>()
    .declare_message_buffers::<orders::OrderAccepted>()
    .declare_message_buffers::<orders::OrderRefused>()
    .declare_message_buffers::<clock::SpeedChanged>()
    .declare_message_buffers::<world::SimEffect>();
}

/// Declares a message type registered outside the sim (a level's, the interface's) as
/// buffers, not state: its messages are read within the frame they are written, and what
/// they change is state where it lands.
pub(crate) fn declare_message_buffers<M: Message>(app: &mut App) {
    app.declare_message_buffers::<M>();
}

/// The tick's schedule and its order (the phases, and the steps within them): what a
/// domain's systems need to run in order, in the game or alone in a domain's tests.
pub(crate) fn tick_schedule(app: &mut App) {
    app.init_schedule(SimTick);
    // The per-tick systems are small; a single-threaded executor costs far less per
    // run than the multi-threaded one, and ticks run thousands of times a second.
    app.edit_schedule(SimTick, |s| {
        s.set_executor(SingleThreadedExecutor::new());
        // The phases in the order of `SimSystems::ALL`, each after the one before.
        for pair in SimSystems::ALL.windows(2) {
            s.configure_sets(pair[1].after(pair[0]));
        }
        s.configure_sets(
            (
                EarthSystems::Generate,
                EarthSystems::Chips,
                EarthSystems::Halls,
                EarthSystems::Robots,
                EarthSystems::Settle,
                EarthSystems::Launch,
            )
                .chain()
                .in_set(SimSystems::Earth),
        );
        s.configure_sets(
            (
                SpaceSystems::Orbit,
                SpaceSystems::Moon,
                SpaceSystems::Robots,
            )
                .chain()
                .in_set(SimSystems::Space),
        );
        s.configure_sets(
            (
                AccountSystems::Learn,
                AccountSystems::Earn,
                AccountSystems::Limits,
                AccountSystems::Record,
                AccountSystems::Draw,
            )
                .chain()
                .in_set(SimSystems::Accounts),
        );
    });
}

/// Runs the orders once and as many ticks as the warp asks this frame.
fn drive_sim(world: &mut World) {
    world.run_schedule(SimOrders);
    let secs = world
        .get_resource::<Time<Real>>()
        .map_or(0.0, |t| t.delta_secs_f64());
    let ticks = world.resource_mut::<clock::SimSpeed>().take_ticks(secs);
    run_ticks(world, ticks);
}

/// Runs `ticks` game hours: the schedule is taken out of the world once for all of them,
/// not once a tick.
pub fn run_ticks(world: &mut World, ticks: u64) {
    if ticks == 0 {
        return;
    }
    world.schedule_scope(SimTick, |world, schedule| {
        for _ in 0..ticks {
            schedule.run(world);
        }
    });
}

/// Where a tick's time goes, phase by phase ([`SimSystems`]). Markers between the phases
/// add the time since the last mark to the phase just run. Added only by `terawatt bench`.
#[derive(Resource, Debug, Default)]
pub struct SetTimes {
    last: Option<std::time::Instant>,
    /// Seconds spent in each phase (in the order of [`SET_NAMES`], the last between ticks).
    pub secs: [f64; SET_COUNT + 1],
    /// Ticks timed.
    pub ticks: u64,
}

impl SetTimes {
    /// Adds the time since the last mark to part `i` (see [`SET_NAMES`]).
    pub fn lap(&mut self, i: usize) {
        let now = std::time::Instant::now();
        if let Some(last) = self.last {
            self.secs[i] += (now - last).as_secs_f64();
        }
        if i == SET_COUNT - 1 {
            self.ticks += 1;
        }
        self.last = Some(now);
    }
}

/// How many phases a tick has.
pub const SET_COUNT: usize = SimSystems::ALL.len();

/// The phases' names, in order, and the time between ticks.
pub const SET_NAMES: [&str; SET_COUNT + 1] = [
    "orders",
    "queues",
    "earth",
    "flights",
    "arrivals",
    "space",
    "accounts",
    "script",
    "effects",
    "between ticks",
];

fn mark<const I: usize>(mut t: ResMut<SetTimes>) {
    t.lap(I);
}

/// Adds the markers of [`SetTimes`] to an app's tick, one after each phase.
pub fn time_sets(app: &mut App) {
    use SimSystems as S;
    app.init_resource::<SetTimes>();
    app.add_systems(
        SimTick,
        (
            // Before the orders: the time since the last tick's end.
            mark::<SET_COUNT>.before(S::Orders),
            mark::<0>.after(S::Orders).before(S::Queues),
            mark::<1>.after(S::Queues).before(S::Earth),
            mark::<2>.after(S::Earth).before(S::Flights),
            mark::<3>.after(S::Flights).before(S::Arrivals),
            mark::<4>.after(S::Arrivals).before(S::Space),
            mark::<5>.after(S::Space).before(S::Accounts),
            mark::<6>.after(S::Accounts).before(S::Script),
            mark::<7>.after(S::Script).before(S::Effects),
            mark::<8>.after(S::Effects),
        ),
    );
}

/// The domain tests' harness: one domain's rules alone, in Emergence's style.
#[cfg(test)]
pub(crate) mod alone {
    use bevy::prelude::*;

    /// An app with the tick's order, one domain's `plugin`, and the clock and parameters
    /// every rule reads; the test adds the rest of what the domain reads.
    pub(crate) fn app(plugin: fn(&mut App)) -> App {
        let mut app = App::new();
        super::tick_schedule(&mut app);
        app.add_plugins(plugin)
            .init_resource::<super::clock::GameClock>()
            .init_resource::<super::params::Params>();
        app
    }

    /// A grid at 35°N, 90°W (the default's place) whose turbines give `gw` this hour, and
    /// nothing else.
    pub(crate) fn turbine_grid(gw: f64) -> super::energy::Grid {
        super::energy::Grid {
            turbine_gw: gw,
            ..default()
        }
    }

    /// One game hour of the domain's rules; the clock moves on after it, as at the hour's
    /// end.
    pub(crate) fn hour(app: &mut App) {
        let world = app.world_mut();
        world.run_schedule(super::SimTick);
        world.resource_mut::<super::clock::GameClock>().tick += 1;
    }
}

#[cfg(test)]
mod tests {
    use bevy::ecs::schedule::{LogLevel, ScheduleBuildSettings, Schedules};
    use bevy::prelude::*;

    use super::SimTick;
    use crate::testing::{advance, level_file, sim_app};

    /// The tick's order is the phases' order and nothing else: no two of its systems touch
    /// the same data without an order between them, so no schedule can run them another
    /// way (the same level and seed give the same state on every build).
    #[test]
    fn the_tick_has_one_order() {
        let mut app = sim_app(&level_file("levels/sandbox.ron"));
        app.edit_schedule(SimTick, |s| {
            s.set_build_settings(ScheduleBuildSettings {
                ambiguity_detection: LogLevel::Error,
                ..default()
            });
        });
        let world = app.world_mut();
        world.resource_scope(|world, mut schedules: Mut<Schedules>| {
            let tick = schedules.get_mut(SimTick).expect("the tick's schedule");
            tick.initialize(world)
                .expect("no ambiguous pair of systems");
        });
        advance(&mut app, 24);
    }

    /// The rules run in the order of the hour in `docs/model.md`, phase by phase: a domain
    /// plugin that forgot its systems, or put one in the wrong phase, shows here.
    #[test]
    fn the_rules_run_phase_by_phase() {
        let mut app = sim_app(&level_file("levels/sandbox.ron"));
        advance(&mut app, 1);
        let schedules = app.world().resource::<Schedules>();
        let tick = schedules.get(SimTick).expect("the tick's schedule");
        let names: Vec<String> = tick
            .systems()
            .expect("built")
            .map(|(_, s)| s.name().to_string())
            .filter(|n| !n.contains("ApplyDeferred"))
            .collect();
        let order = [
            "apply_due_orders",
            "count_down_queues",
            "generate_power",
            "make_gpus",
            "run_halls",
            "power_robot_lines",
            "settle_power",
            "launch_ships",
            "move_flights",
            "receive_arrivals",
            "age_cohorts",
            "run_moon_base",
            "grow_robots",
            "move_curves",
            "earn_income",
            "find_what_binds",
            "sample_figures",
            "draw_day",
            "run_script",
            "close_the_hour",
        ]
        .iter()
        .map(|rule| {
            names
                .iter()
                .position(|n| n.rsplit("::").next() == Some(*rule))
                .unwrap_or_else(|| panic!("{rule} is not in the tick: {names:#?}"))
        })
        .collect::<Vec<_>>();
        assert!(
            order.windows(2).all(|w| w[0] < w[1]),
            "the rules run out of order: {names:#?}"
        );
    }
}

//! The rules of the world: a headless, deterministic simulation of `MODEL.md`.
//!
//! One tick is one game hour. The [`SimTick`] schedule holds every rule, in the order of
//! [`SimSystems`]; [`SimOrders`] applies the player's orders once a frame, even while the
//! game is paused. A driver in `PreUpdate` runs `SimOrders` once and then `SimTick` as many
//! times as the warp asks — a whole number of ticks per frame, so the same level and seed
//! give the same state at the same game time at any warp.
//!
//! Nothing outside `sim/` mutates these components and resources: views read them, and
//! the player changes them only through [`orders::Ordered`] messages.

use bevy::ecs::schedule::{ScheduleLabel, SingleThreadedExecutor};
use bevy::prelude::*;

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
pub mod memo;
pub mod moon;
pub mod orbit;
pub mod orders;
pub mod params;
pub mod projects;
pub mod record;
pub mod research;
pub mod rng;
pub mod robots;
mod tick;
pub mod world;

/// One game hour of rules. Run by the driver, or directly in tests and benchmarks.
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct SimTick;

/// The player's orders, applied once a frame before the ticks (also while paused).
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct SimOrders;

/// The order of the rules within one tick (`MODEL.md` section 4), declared once here.
/// Each set is one system (see `tick`): a set ends where a later rule must see what an
/// earlier one spawned or despawned.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SimSystems {
    /// Orders due this tick (scripted, or replayed from a save) apply first.
    Orders,
    /// Permits, interconnect studies, turbine deliveries, construction and research count down.
    Queues,
    /// On Earth: generation hour by hour (sun, batteries, turbines); fabs climb their
    /// phases and logic and memory become GPUs; burn-in, then ground datacenters power
    /// what generation allows; methane, pads and ships turn around, ready ships launch.
    Earth,
    /// Flights climb, deploy and return.
    Flights,
    /// What the flights and the mass driver delivered joins the orbit.
    Arrivals,
    /// Orbital datacenters yield by their sunlit fraction and fail without repair; lunar
    /// soil becomes cells and radiators and the mass driver throws them; robots build
    /// robots, and factories.
    Space,
    /// Learning curves; compute earns revenue in tiered markets; what binds each growth
    /// chain now; the recorder samples the key figures.
    Accounts,
    /// The level's script: events, goals, lessons (see `level::script`), reading the
    /// recorder's sample of this tick.
    Script,
    /// What the script asked of the sim ([`world::SimEffect`]) applies, in its order; the
    /// clock moves on one hour.
    Effects,
}

/// The driver that runs the orders and this frame's ticks in `PreUpdate`: what runs
/// beside the game (branches) orders itself around it.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SimDrive;

/// Marks a datacenter or launch site that an event has taken out of service: the hall
/// gets no power, the site launches nothing.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Disabled;

/// The headless simulation: every rule, no rendering. Add a level with
/// [`crate::level::spawn_level`] (or [`crate::testing::sim_app`]).
pub struct SimPlugin;

impl Plugin for SimPlugin {
    fn build(&self, app: &mut App) {
        app.init_schedule(SimTick);
        app.init_schedule(SimOrders);
        // The per-tick systems are small; a single-threaded executor costs far less per
        // run than the multi-threaded one, and ticks run thousands of times a second.
        app.edit_schedule(SimTick, |s| {
            s.set_executor(SingleThreadedExecutor::new());
            s.configure_sets(
                (
                    SimSystems::Orders,
                    SimSystems::Queues,
                    SimSystems::Earth,
                    SimSystems::Flights,
                    SimSystems::Arrivals,
                    SimSystems::Space,
                    SimSystems::Accounts,
                    SimSystems::Script,
                    SimSystems::Effects,
                )
                    .chain(),
            );
        });
        app.edit_schedule(SimOrders, |s| {
            s.set_executor(SingleThreadedExecutor::new());
        });
        app.add_plugins((
            clock::plugin,
            rng::plugin,
            orders::plugin,
            research::plugin,
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
        app.add_plugins((costs::plugin, world::plugin, tick::plugin));
        app.init_resource::<params::Params>();
        app.add_systems(PreUpdate, drive_sim.in_set(SimDrive));
    }
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

/// Where a tick's time goes, set by set: markers between the sets of [`SimSystems`] add the
/// time since the last marker to the set just run. Added only by `terawatt bench`.
#[derive(Resource, Debug, Default)]
pub struct SetTimes {
    last: Option<std::time::Instant>,
    /// Seconds spent in each set (in [`SimSystems`] order, the last entry between ticks).
    pub secs: [f64; SET_COUNT + 1],
    /// Ticks timed.
    pub ticks: u64,
}

/// How many sets a tick has.
pub const SET_COUNT: usize = 9;

/// The sets' names, in order.
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
    let now = std::time::Instant::now();
    if let Some(last) = t.last {
        t.secs[I] += (now - last).as_secs_f64();
    }
    if I == SET_COUNT - 1 {
        t.ticks += 1;
    }
    t.last = Some(now);
}

/// Adds the markers of [`SetTimes`] to an app's tick.
pub fn time_sets(app: &mut App) {
    use SimSystems as S;
    app.init_resource::<SetTimes>();
    let sets = [
        S::Orders,
        S::Queues,
        S::Earth,
        S::Flights,
        S::Arrivals,
        S::Space,
        S::Accounts,
        S::Script,
        S::Effects,
    ];
    // Before the first set: the time since the last tick's end.
    app.add_systems(SimTick, mark::<SET_COUNT>.before(sets[0]));
    macro_rules! after {
        ($($i:literal),*) => {$(
            let m = mark::<$i>.after(sets[$i]);
            match sets.get($i + 1) {
                Some(next) => app.add_systems(SimTick, m.before(*next)),
                None => app.add_systems(SimTick, m),
            };
        )*};
    }
    after!(0, 1, 2, 3, 4, 5, 6, 7, 8);
}

//! The rules of the world: a headless, deterministic simulation of `MODEL.md`.
//!
//! One tick is one game hour. The [`SimTick`] schedule holds every rule, in the order of
//! [`SimSystems`] and, within the rules, of [`Phase`]; [`SimOrders`] applies the player's
//! orders once a frame, even while the game is paused. A driver in `PreUpdate` runs
//! `SimOrders` once and then `SimTick` as many times as the warp asks — a whole number of
//! ticks per frame, so the same level and seed give the same state at the same game time
//! at any warp.
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

pub use tick::Phase;

/// One game hour of rules. Run by the driver, or directly in tests and benchmarks.
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct SimTick;

/// The player's orders, applied once a frame before the ticks (also while paused).
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct SimOrders;

/// The order of a tick (`MODEL.md` section 4), declared once here.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SimSystems {
    /// The hour's rules: one system that applies the orders due this tick (scripted, or
    /// replayed from a save), then runs the rules phase by phase ([`Phase`]: queues,
    /// Earth, flights, arrivals, space, accounts), applying what the orders or a phase
    /// spawned or despawned before the next runs.
    Rules,
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
            s.configure_sets((SimSystems::Rules, SimSystems::Script, SimSystems::Effects).chain());
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

/// Where a tick's time goes, part by part: the orders, each [`Phase`] of the rules, the
/// script and the effects. Markers between the sets of [`SimSystems`], and the rules
/// between their phases, add the time since the last mark to the part just run. Added only
/// by `terawatt bench`.
#[derive(Resource, Debug, Default)]
pub struct SetTimes {
    last: Option<std::time::Instant>,
    /// Seconds spent in each part (in the order of [`SET_NAMES`], the last between ticks).
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

/// How many parts a tick has: the rules' fetch and orders, their six phases, the script,
/// the effects.
pub const SET_COUNT: usize = 9;

/// The parts' names, in order.
pub const SET_NAMES: [&str; SET_COUNT + 1] = [
    "fetch and orders",
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

/// Adds the markers of [`SetTimes`] to an app's tick; the rules mark the orders and their
/// own phases (parts 0 to 6).
pub fn time_sets(app: &mut App) {
    use SimSystems as S;
    app.init_resource::<SetTimes>();
    const SCRIPT: usize = 1 + Phase::ALL.len();
    const EFFECTS: usize = SCRIPT + 1;
    // Before the rules: the time since the last tick's end.
    app.add_systems(
        SimTick,
        (
            mark::<SET_COUNT>.before(S::Rules),
            mark::<SCRIPT>.after(S::Script).before(S::Effects),
            mark::<EFFECTS>.after(S::Effects),
        ),
    );
}

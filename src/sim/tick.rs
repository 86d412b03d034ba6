//! The hour's rules as one system, in phases.
//!
//! Each rule is a plain function of the resources and queries it reads and writes; the
//! [`hour`] system fetches them once and calls the rules in the order of `MODEL.md`
//! section 4, phase by phase ([`Phase`]). A system costs the schedule a run and each of
//! its parameters a fetch (resources are entities in Bevy 0.19), and an hour's rules are
//! mostly a few sums: as 28 small systems, then as six fatter ones, the fixed cost of
//! running them outweighed the rules themselves (`terawatt bench`).
//!
//! A phase ends where a later rule must see the entities an earlier one spawned or
//! despawned. Its commands apply before the next phase, exactly as at a sync point between
//! systems, and only then is the world fetched again: most hours nothing is spawned and
//! the whole hour runs on one fetch. So the rules see the world as they did when each
//! phase was its own system.

use bevy::ecs::system::{SystemParam, SystemState};
use bevy::ecs::world::CommandQueue;
use bevy::prelude::*;

use super::chips::{ChipStock, ChipSupply, Fab};
use super::clock::{GameClock, HourlyGrowth};
use super::costs::{CurveMemo, Learning};
use super::datacenters::{GroundCompute, GroundDatacenter};
use super::economy::Capital;
use super::energy::{Grid, PowerPlant};
use super::launch::{Deliveries, Flight, LaunchSite, LaunchStats, Pad, Ship, SiteQuery};
use super::limits::{Limits, Walls};
use super::moon::{LunarBase, LunarMine, LunarWorks, MassDriver};
use super::orbit::{OrbitCompute, OrbitalDatacenter};
use super::orders::{Locks, OrderDesk, Policies, ScriptedOrders};
use super::params::Params;
use super::projects::{Project, Queues};
use super::record::TimeSeries;
use super::research::Research;
use super::rng::{DailyDraw, SimRng};
use super::robots::{RobotFactory, RobotWorkforce};
use super::world::SimEffect;
use super::{SetTimes, SimSystems};

pub(super) fn plugin(app: &mut App) {
    use SimSystems as S;
    app.add_systems(
        super::SimTick,
        (hour.in_set(S::Rules), close_the_hour.in_set(S::Effects)),
    );
}

/// The phases of the hour's rules, in order (`MODEL.md` section 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
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
    /// chain now; the recorder samples the key figures; the day's draw.
    Accounts,
}

impl Phase {
    /// Every phase, in the order they run.
    pub const ALL: [Phase; 6] = [
        Phase::Queues,
        Phase::Earth,
        Phase::Flights,
        Phase::Arrivals,
        Phase::Space,
        Phase::Accounts,
    ];
}

/// What the hour's rules read and write, fetched once an hour (again only after a phase
/// spawned or despawned something).
#[derive(SystemParam)]
struct Fetch<'w, 's> {
    /// Only for the entity allocator: each phase's commands go to the hour's own queue.
    commands: Commands<'w, 's>,
    sim: Sim<'w, 's>,
}

/// The sim's state as the rules see it.
#[derive(SystemParam)]
struct Sim<'w, 's> {
    clock: Res<'w, GameClock>,
    scripted: Res<'w, ScriptedOrders>,
    params: Res<'w, Params>,
    policies: Res<'w, Policies>,
    research: ResMut<'w, Research>,
    orbit: ResMut<'w, OrbitCompute>,
    learning: ResMut<'w, Learning>,
    limits: ResMut<'w, Limits>,
    walls: ResMut<'w, Walls>,
    rng: ResMut<'w, SimRng>,
    draw: ResMut<'w, DailyDraw>,
    grid: ResMut<'w, Grid>,
    supply: ResMut<'w, ChipSupply>,
    stock: ResMut<'w, ChipStock>,
    capital: ResMut<'w, Capital>,
    ground: ResMut<'w, GroundCompute>,
    workforce: ResMut<'w, RobotWorkforce>,
    stats: ResMut<'w, LaunchStats>,
    deliveries: ResMut<'w, Deliveries>,
    queues: ResMut<'w, Queues>,
    series: ResMut<'w, TimeSeries>,
    /// Only with `terawatt bench`: where the hour's time goes, phase by phase.
    times: Option<ResMut<'w, SetTimes>>,
    projects: Query<'w, 's, (Entity, &'static mut Project)>,
    plants: Query<'w, 's, &'static mut PowerPlant>,
    fabs: Query<'w, 's, &'static mut Fab>,
    halls: Query<'w, 's, (&'static mut GroundDatacenter, Has<super::Disabled>)>,
    sites: SiteQuery<'w, 's>,
    pads: Query<'w, 's, (Entity, &'static mut Pad)>,
    ships: Query<'w, 's, (Entity, &'static mut Ship)>,
    flights: Query<'w, 's, (Entity, &'static mut Flight)>,
    cohorts: Query<'w, 's, &'static mut OrbitalDatacenter>,
    /// The cohorts' entities, to find this month's when it is not known.
    cohort_ids: Query<'w, 's, Entity, With<OrbitalDatacenter>>,
    bases: Query<'w, 's, &'static mut LunarBase>,
    mines: Query<'w, 's, &'static mut LunarMine>,
    works: Query<'w, 's, &'static mut LunarWorks>,
    drivers: Query<'w, 's, &'static mut MassDriver>,
    factories: Query<'w, 's, &'static mut RobotFactory>,
}

/// What the rules keep from hour to hour outside the state: exact memos, the month's
/// cohort in each orbit (checked before use), and the hour's command queue. None of it is
/// saved or hashed; all of it is found again when missing.
#[derive(Default)]
struct Memory {
    chips: [HourlyGrowth; 2],
    robots: [HourlyGrowth; 3],
    prices: [CurveMemo; 3],
    newest: [Option<Entity>; 3],
    queue: CommandQueue,
}

/// The hour's rules, phase by phase, on as few fetches of the world as the hour allows;
/// first the orders due this hour (scripted, or replayed from a save).
fn hour(
    world: &mut World,
    state: &mut SystemState<Fetch<'static, 'static>>,
    orders: &mut SystemState<(ResMut<ScriptedOrders>, OrderDesk<'static, 'static>)>,
    mut memory: Local<Memory>,
) -> Result {
    let Memory {
        chips,
        robots,
        prices,
        newest,
        queue,
    } = &mut *memory;
    let mut next = 0;
    // The hour's decimal year and the next hour's (the clock moves only after the rules).
    let mut year = (0.0, 0.0);
    while next < Phase::ALL.len() {
        let Fetch { commands, mut sim } = state.get_mut(world)?;
        if next == 0 {
            if sim.scripted.due(sim.clock.tick) {
                let (mut scripted, mut desk) = orders.get_mut(world)?;
                super::orders::apply_scripted_orders(&mut scripted, &mut desk);
                // What the orders started is there for the rules, as at a sync point.
                orders.apply(world);
                continue;
            }
            year = sim.clock.decimal_year_and_next();
            if let Some(times) = sim.times.as_mut() {
                times.lap(0);
            }
        }
        while next < Phase::ALL.len() {
            let mut commands = commands.rebound_to(queue);
            let s = &mut sim;
            match Phase::ALL[next] {
                Phase::Queues => queues(s, &mut commands, year.0),
                Phase::Earth => earth(s, &mut commands, chips),
                Phase::Flights => flights(s, &mut commands),
                Phase::Arrivals => arrivals(s, &mut commands, newest),
                Phase::Space => space(s, &mut commands, robots),
                Phase::Accounts => accounts(s, prices, year),
            }
            next += 1;
            if let Some(times) = sim.times.as_mut() {
                // Part 0 is the orders; the phases follow.
                times.lap(next);
            }
            if !queue.is_empty() {
                break;
            }
        }
        if !queue.is_empty() {
            queue.apply(world);
        }
    }
    Ok(())
}

/// Research, then construction, permits and turbine deliveries count down.
fn queues(s: &mut Sim, commands: &mut Commands, year: f64) {
    super::projects::progress_projects(
        commands,
        &s.params,
        &mut s.research,
        year,
        &mut s.queues,
        (
            &mut s.projects,
            &mut s.works,
            &mut s.drivers,
            &mut s.factories,
        ),
    );
}

/// On Earth: generation, fabs and GPUs, burn-in, halls, robots' power, the grid settles;
/// pads and ships turn around and ready ships launch.
fn earth(s: &mut Sim, commands: &mut Commands, growth: &mut [HourlyGrowth; 2]) {
    super::energy::ground_generation(
        &s.clock,
        &s.params,
        &mut s.rng,
        &mut s.grid,
        s.plants.iter(),
    );
    super::chips::climb_fabs(&s.params, &s.research, s.fabs.iter_mut());
    super::chips::assemble_gpus(
        &s.params,
        &mut s.supply,
        &s.policies,
        &mut s.capital,
        &mut s.stock,
        &s.ground,
        &s.limits,
        (s.fabs.iter(), growth),
    );
    let cooling = super::datacenters::cooling_now(&s.clock, &s.grid);
    super::datacenters::burn_in_gpus(cooling, &s.params, &s.grid, &mut s.stock, &mut s.ground);
    super::datacenters::install_gpus(&s.params, &mut s.stock, s.halls.iter_mut().map(|(h, _)| h));
    super::datacenters::power_datacenters(
        cooling,
        &s.params,
        &mut s.grid,
        &mut s.ground,
        s.halls.iter_mut(),
    );
    super::robots::power_robots(&s.params, &mut s.grid, &mut s.workforce);
    super::energy::settle_grid(&s.params, &mut s.grid, s.plants.iter_mut());
    super::launch::turn_around(
        &s.clock,
        &mut s.stats,
        &mut s.sites,
        &mut s.pads,
        &mut s.ships,
    );
    super::launch::launch_ready_ships(
        commands,
        &s.clock,
        &s.params,
        &s.policies,
        &mut s.stats,
        &mut s.capital,
        &mut s.stock,
        &mut s.workforce,
        &s.orbit,
        &s.learning,
        &mut s.sites,
        &mut s.pads,
        &mut s.ships,
    );
}

/// Flights climb, deploy and return; what they carried is delivered.
fn flights(s: &mut Sim, commands: &mut Commands) {
    super::launch::fly_flights(
        commands,
        &s.clock,
        &s.params,
        &s.research,
        &mut s.deliveries,
        &mut s.stats,
        &mut s.flights,
        &mut s.ships,
    );
}

/// What the flights and the mass driver delivered joins the orbit.
fn arrivals(s: &mut Sim, commands: &mut Commands, newest: &mut [Option<Entity>; 3]) {
    super::orbit::receive_satellites(
        commands,
        &s.clock,
        &s.policies,
        &s.research,
        &mut s.deliveries,
        (&mut s.cohorts, &s.cohort_ids),
        newest,
    );
}

/// In space and on the Moon: orbital GPUs age and share their orbit's power, the lunar
/// base works, robots grow more capable and build robots and factories.
fn space(s: &mut Sim, commands: &mut Commands, growth: &mut [HourlyGrowth; 3]) {
    super::orbit::age_satellites(&s.params, &mut s.orbit, &mut s.cohorts);
    super::moon::run_lunar_base(
        &s.clock,
        &s.params,
        &s.research,
        &s.policies,
        &mut s.deliveries,
        &mut s.bases,
        &mut s.mines,
        &s.works.as_readonly(),
        &mut s.drivers,
    );
    super::robots::grow_capability(&s.params, &s.research, &mut s.workforce, growth);
    super::robots::build_robots(
        commands,
        &s.params,
        &s.policies,
        &s.clock,
        &mut s.capital,
        &mut s.stock,
        &mut s.workforce,
        &mut s.factories,
    );
}

/// The books: learning curves, revenue and costs, launch capacity, what binds and the
/// wall, the recorder's sample and the day's draw.
fn accounts(s: &mut Sim, prices: &mut [CurveMemo; 3], year: (f64, f64)) {
    super::costs::learn(&s.stats, &s.orbit, &s.grid, &mut s.learning);
    super::economy::earn_revenue(
        &s.params,
        &s.grid,
        &mut s.research,
        &s.ground,
        &s.orbit,
        &s.workforce,
        &s.policies,
        &mut s.capital,
    );
    let sites = s.sites.as_readonly();
    super::limits::measure_launch_capacity(
        &s.params,
        &s.policies,
        &s.stock,
        &s.ground,
        &s.workforce,
        &s.stats,
        &sites,
        &s.pads.as_readonly(),
        &s.ships.as_readonly(),
        &mut s.limits,
    );
    let bases = s.bases.as_readonly();
    super::limits::find_limits(
        &s.clock,
        &s.params,
        &s.policies,
        &s.ground,
        &s.stock,
        &s.queues,
        &s.capital,
        &s.stats,
        &s.workforce,
        &bases,
        &sites,
        &s.research,
        &mut s.limits,
    );
    super::limits::find_wall(
        &s.clock,
        &s.stock,
        &s.ground,
        &s.orbit,
        &s.limits,
        &mut s.walls,
    );
    super::record::record_sample(
        (&s.clock, year),
        &s.params,
        &s.grid,
        &s.ground,
        &s.orbit,
        &s.stats,
        &s.workforce,
        &s.capital,
        (&s.queues, &s.stock, &s.limits),
        &s.policies,
        (&s.learning, prices),
        &bases,
        &s.factories.as_readonly(),
        &mut s.series,
    );
    super::rng::draw_daily(&s.clock, &mut s.rng, &mut s.draw);
}

/// What the script's effects reach.
#[derive(SystemParam)]
struct EffectTargets<'w, 's> {
    commands: Commands<'w, 's>,
    clock: Res<'w, GameClock>,
    params: ResMut<'w, Params>,
    capital: ResMut<'w, Capital>,
    locks: ResMut<'w, Locks>,
    scripted: ResMut<'w, ScriptedOrders>,
    halls: Query<'w, 's, (Entity, &'static GroundDatacenter)>,
    sites: Query<'w, 's, (Entity, &'static LaunchSite)>,
}

/// The hour's end: what the level's script asked of the sim applies, then the clock moves
/// on one hour. Most hours the script asks nothing: then only the script's messages and
/// the clock are fetched, and `Params` is not even borrowed mutably, so its change tick
/// moves only when an effect changes it (the close-ups re-read it then).
fn close_the_hour(
    world: &mut World,
    asked: &mut SystemState<(MessageReader<SimEffect>, ResMut<GameClock>)>,
    targets: &mut SystemState<EffectTargets<'static, 'static>>,
) -> Result {
    let (mut effects, mut clock) = asked.get_mut(world)?;
    if effects.is_empty() {
        super::clock::advance_clock(&mut clock);
        return Ok(());
    }
    let effects: Vec<SimEffect> = effects.read().cloned().collect();
    let mut t = targets.get_mut(world)?;
    super::world::apply_effects(
        &effects,
        &t.clock,
        &mut t.commands,
        (&mut t.params, &mut t.capital, &mut t.locks, &mut t.scripted),
        (&t.halls, &t.sites),
    );
    // What the effects spawned or disabled is there before the next hour, as it was when
    // this was a system with a sync point after it.
    targets.apply(world);
    super::clock::advance_clock(&mut world.resource_mut::<GameClock>());
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::sim::SimTick;
    use crate::sim::orbit::{OrbitCompute, OrbitalDatacenter};
    use crate::testing::{advance, level_file, sim_app};

    /// What one phase spawns, the next sees in the same hour: a cohort the arrivals start
    /// is aged and counted by the space phase of its own hour, so after every hour the
    /// orbit's count is exactly what is in orbit, also in the hours new cohorts appear.
    #[test]
    fn a_cohort_that_arrives_is_counted_in_its_own_hour() {
        let mut app = sim_app(&level_file("levels/sandbox.ron"));
        let mut cohorts = app.world_mut().query::<&OrbitalDatacenter>();
        let mut appeared = 0;
        let mut before = cohorts.iter(app.world()).count();
        for hour in 0..24 * 120 {
            advance(&mut app, 1);
            let now = cohorts.iter(app.world()).count();
            appeared += now.saturating_sub(before);
            before = now;
            let mut in_orbit = [0.0; 3];
            for c in cohorts.iter(app.world()) {
                in_orbit[c.orbit.index()] += c.gpus;
            }
            let counted = app.world().resource::<OrbitCompute>().gpus;
            for (i, (a, b)) in counted.iter().zip(in_orbit).enumerate() {
                assert!(
                    (a - b).abs() <= 1e-9 * b.abs().max(1.0),
                    "hour {hour}, orbit {i}: the orbit counts {a} GPUs, {b} are in orbit"
                );
            }
        }
        assert!(appeared > 0, "no cohort arrived in 120 days");
    }

    /// The fold holds: a tick is the hour's rules, the script and the hour's end (each
    /// system costs a run and fetches, see the module).
    #[test]
    fn a_tick_is_a_few_fat_systems() {
        let mut app = sim_app(&level_file("levels/sandbox.ron"));
        advance(&mut app, 1);
        let schedules = app.world().resource::<bevy::ecs::schedule::Schedules>();
        let tick = schedules.get(SimTick).expect("the tick's schedule");
        let systems: Vec<String> = tick
            .systems()
            .expect("built")
            .map(|(_, s)| s.name().to_string())
            .collect();
        assert!(
            systems.len() <= 3,
            "{} systems: {systems:#?}",
            systems.len()
        );
    }
}

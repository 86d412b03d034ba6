//! The hour's rules as a few fat systems.
//!
//! Each rule is a plain function of the resources and queries it reads and writes; the
//! systems here fetch those once and call the rules in the order of `MODEL.md` section 4.
//! A system costs the schedule a run and each of its parameters a fetch (resources are
//! entities in Bevy 0.19), and an hour's rules are mostly a few sums: as 28 small systems
//! the fixed cost of running them outweighed the rules themselves (`terawatt bench`).
//!
//! A system ends where a later rule must see the entities an earlier one spawned or
//! despawned (its commands apply at the sync point after it), so the rules see the world
//! exactly as they did when each was its own system.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use super::SimSystems;
use super::chips::{ChipStock, ChipSupply, Fab};
use super::clock::GameClock;
use super::costs::Learning;
use super::datacenters::{GroundCompute, GroundDatacenter};
use super::economy::Capital;
use super::energy::{Grid, PowerPlant};
use super::launch::{Deliveries, LaunchSite, LaunchStats, Pad, Ship, SiteQuery};
use super::limits::{InService, Limits, Walls};
use super::moon::{LunarBase, LunarMine, LunarWorks, MassDriver};
use super::orbit::{OrbitCompute, OrbitalDatacenter};
use super::orders::{Locks, Policies, ScriptedOrders};
use super::params::Params;
use super::projects::Queues;
use super::record::TimeSeries;
use super::research::Research;
use super::rng::{DailyDraw, SimRng};
use super::robots::{RobotFactory, RobotWorkforce};
use super::world::SimEffect;

pub(super) fn plugin(app: &mut App) {
    use SimSystems as S;
    app.add_systems(
        super::SimTick,
        (
            super::orders::apply_scripted_orders
                .run_if(super::orders::orders_due)
                .in_set(S::Orders),
            super::projects::progress_projects.in_set(S::Queues),
            earth.in_set(S::Earth),
            super::launch::fly_flights.in_set(S::Flights),
            super::orbit::receive_satellites.in_set(S::Arrivals),
            space.in_set(S::Space),
            accounts.in_set(S::Accounts),
            close_the_hour.in_set(S::Effects),
        ),
    );
}

/// What every rule may read and nothing in the hour's middle writes.
#[derive(SystemParam)]
struct Fixed<'w> {
    clock: Res<'w, GameClock>,
    params: Res<'w, Params>,
    policies: Res<'w, Policies>,
}

/// On Earth: generation, fabs and GPUs, burn-in, halls, robots' power, the grid settles;
/// pads and ships turn around and ready ships launch.
#[expect(clippy::type_complexity, reason = "the queries of ten rules")]
fn earth(
    mut commands: Commands,
    fixed: Fixed,
    mut growth: Local<[super::clock::HourlyGrowth; 2]>,
    read: (Res<Research>, Res<OrbitCompute>, Res<Learning>, Res<Limits>),
    (mut rng, mut grid, mut supply, mut capital): (
        ResMut<SimRng>,
        ResMut<Grid>,
        ResMut<ChipSupply>,
        ResMut<Capital>,
    ),
    (mut stock, mut ground, mut workforce, mut stats): (
        ResMut<ChipStock>,
        ResMut<GroundCompute>,
        ResMut<RobotWorkforce>,
        ResMut<LaunchStats>,
    ),
    (mut plants, mut fabs, mut halls): (
        Query<&mut PowerPlant>,
        Query<&mut Fab>,
        Query<(&mut GroundDatacenter, Has<super::Disabled>)>,
    ),
    (mut sites, mut pads, mut ships): (
        SiteQuery,
        Query<(Entity, &mut Pad)>,
        Query<(Entity, &mut Ship)>,
    ),
) {
    let Fixed {
        clock,
        params,
        policies,
    } = fixed;
    let (research, orbit, learning, limits) = read;
    super::energy::ground_generation(&clock, &params, &mut rng, &mut grid, plants.iter());
    super::chips::climb_fabs(&params, &research, fabs.iter_mut());
    super::chips::assemble_gpus(
        &params,
        &mut supply,
        &policies,
        &mut capital,
        &mut stock,
        &ground,
        &limits,
        (fabs.iter(), &mut growth),
    );
    let cooling = super::datacenters::cooling_now(&clock, &grid);
    super::datacenters::burn_in_gpus(cooling, &params, &grid, &mut stock, &mut ground);
    super::datacenters::install_gpus(&params, &mut stock, halls.iter_mut().map(|(h, _)| h));
    super::datacenters::power_datacenters(
        cooling,
        &params,
        &mut grid,
        &mut ground,
        halls.iter_mut(),
    );
    super::robots::power_robots(&params, &mut grid, &mut workforce);
    super::energy::settle_grid(&params, &mut grid, plants.iter_mut());
    super::launch::turn_around(&clock, &mut stats, &mut sites, &mut pads, &mut ships);
    super::launch::launch_ready_ships(
        &mut commands,
        &clock,
        &params,
        &policies,
        &mut stats,
        &mut capital,
        &mut stock,
        &mut workforce,
        &orbit,
        &learning,
        &mut sites,
        &mut pads,
        &mut ships,
    );
}

/// In space and on the Moon: orbital GPUs age and share their orbit's power, the lunar
/// base works, robots grow more capable and build robots and factories.
#[expect(clippy::type_complexity, reason = "the queries of four rules")]
fn space(
    mut commands: Commands,
    fixed: Fixed,
    mut growth: Local<[super::clock::HourlyGrowth; 3]>,
    research: Res<Research>,
    (mut compute, mut deliveries, mut capital, mut stock, mut workforce): (
        ResMut<OrbitCompute>,
        ResMut<Deliveries>,
        ResMut<Capital>,
        ResMut<ChipStock>,
        ResMut<RobotWorkforce>,
    ),
    (mut cohorts, mut bases, mut mines, works, mut drivers, mut factories): (
        Query<&mut OrbitalDatacenter>,
        Query<&mut LunarBase>,
        Query<&mut LunarMine>,
        Query<&LunarWorks>,
        Query<&mut MassDriver>,
        Query<&mut RobotFactory>,
    ),
) {
    let Fixed {
        clock,
        params,
        policies,
    } = fixed;
    super::orbit::age_satellites(&params, &mut compute, &mut cohorts);
    super::moon::run_lunar_base(
        &clock,
        &params,
        &research,
        &policies,
        &mut deliveries,
        &mut bases,
        &mut mines,
        &works,
        &mut drivers,
    );
    super::robots::grow_capability(&params, &research, &mut workforce, &mut growth);
    super::robots::build_robots(
        &mut commands,
        &params,
        &policies,
        &clock,
        &mut capital,
        &mut stock,
        &mut workforce,
        &mut factories,
    );
}

/// The books: learning curves, revenue and costs, launch capacity, what binds and the
/// wall, the recorder's sample and the day's draw.
#[expect(clippy::type_complexity, reason = "the queries of seven rules")]
fn accounts(
    fixed: Fixed,
    mut prices: Local<[super::costs::CurveMemo; 3]>,
    (grid, stats, orbit, ground, workforce, queues, stock): (
        Res<Grid>,
        Res<LaunchStats>,
        Res<OrbitCompute>,
        Res<GroundCompute>,
        Res<RobotWorkforce>,
        Res<Queues>,
        Res<ChipStock>,
    ),
    (mut learning, mut research, mut capital, mut limits, mut walls): (
        ResMut<Learning>,
        ResMut<Research>,
        ResMut<Capital>,
        ResMut<Limits>,
        ResMut<Walls>,
    ),
    (mut series, mut rng, mut draw): (ResMut<TimeSeries>, ResMut<SimRng>, ResMut<DailyDraw>),
    (sites, no_disabled, pads, ships, bases, factories): (
        InService,
        Query<(), (With<LaunchSite>, With<super::Disabled>)>,
        Query<&Pad>,
        Query<&Ship>,
        Query<&LunarBase>,
        Query<&RobotFactory>,
    ),
) {
    let Fixed {
        clock,
        params,
        policies,
    } = fixed;
    super::costs::learn(&stats, &orbit, &grid, &mut learning);
    super::economy::earn_revenue(
        &params,
        &grid,
        &mut research,
        &ground,
        &orbit,
        &workforce,
        &policies,
        &mut capital,
    );
    super::limits::measure_launch_capacity(
        &params,
        &policies,
        &stock,
        &ground,
        &workforce,
        &stats,
        &sites,
        &no_disabled,
        &pads,
        &ships,
        &mut limits,
    );
    super::limits::find_limits(
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
    super::limits::find_wall(&clock, &stock, &ground, &orbit, &limits, &mut walls);
    super::record::record_sample(
        &clock,
        &params,
        &grid,
        &ground,
        &orbit,
        &stats,
        &workforce,
        &capital,
        (&queues, &stock, &limits),
        &policies,
        (&learning, &mut prices),
        &bases,
        &factories,
        &mut series,
    );
    super::rng::draw_daily(&clock, &mut rng, &mut draw);
}

/// The hour's end: what the level's script asked of the sim applies, then the clock moves
/// on one hour.
#[expect(clippy::type_complexity, reason = "the effects' targets")]
fn close_the_hour(
    mut effects: MessageReader<SimEffect>,
    mut commands: Commands,
    mut clock: ResMut<GameClock>,
    (mut params, mut capital, mut locks, mut scripted): (
        ResMut<Params>,
        ResMut<Capital>,
        ResMut<Locks>,
        ResMut<ScriptedOrders>,
    ),
    (halls, sites): (
        Query<(Entity, &GroundDatacenter)>,
        Query<(Entity, &LaunchSite)>,
    ),
) {
    // Most hours the script asks nothing: then `Params` is not even borrowed mutably, so
    // its change tick moves only when an effect changes it (the close-ups re-read it then).
    if !effects.is_empty() {
        super::world::apply_effects(
            &mut effects,
            &clock,
            &mut commands,
            &mut params,
            &mut capital,
            &mut locks,
            &mut scripted,
            &halls,
            &sites,
        );
    }
    super::clock::advance_clock(&mut clock);
}

#[cfg(test)]
mod tests {
    use crate::sim::SimTick;
    use crate::testing::{advance, level_file, sim_app};

    /// The fold holds: a tick is the nine systems above and the sync points after those
    /// that spawn or despawn (each small system cost a run and fetches, see the module).
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
            systems.len() <= 15,
            "{} systems: {systems:#?}",
            systems.len()
        );
    }
}

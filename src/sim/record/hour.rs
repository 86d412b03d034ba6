//! The recorder's hour: every figure of the catalogue, measured from the world, into the
//! series.

use bevy::prelude::*;

use super::{FIGURE_COUNT, Figure, Sample, TimeSeries};
use crate::sim::chips::ChipStock;
use crate::sim::clock::GameClock;
use crate::sim::compare;
use crate::sim::constants::W_PER_GW;
use crate::sim::costs::{
    CurveMemo, Learning, launch_curve, robot_curve, satellite_curve, solar_curve,
};
use crate::sim::datacenters::GroundCompute;
use crate::sim::derived::kardashev;
use crate::sim::economy::Capital;
use crate::sim::energy::Grid;
use crate::sim::launch::LaunchStats;
use crate::sim::limits::Limits;
use crate::sim::moon::LunarBase;
use crate::sim::orbit::OrbitCompute;
use crate::sim::params::Params;
use crate::sim::projects::Queues;
use crate::sim::robots::{RobotFactory, RobotWorkforce};
use crate::sim::state::Policies;

/// X14: the power produced this hour, W: ground solar as it shines (what the batteries
/// take included, what is curtailed not), turbines as they run, the orbit's arrays up to
/// what their GPUs draw (the mean over an orbit; arrays no GPU draws from are curtailed),
/// and lunar solar as the Sun stands over the base.
pub fn power_produced_w(
    params: &Params,
    grid: &Grid,
    orbit: &OrbitCompute,
    lunar_output_gw: f64,
) -> f64 {
    ((grid.solar_gw - grid.curtailed_gw).max(0.0)
        + grid.served_turbine_gw
        + orbit.drawn_gw(params)
        + lunar_output_gw)
        * W_PER_GW
}

/// The recorder's hour: every figure of the catalogue, into the series.
#[expect(
    clippy::too_many_arguments,
    reason = "one rule's inputs, passed by the tick"
)]
pub(super) fn record_sample(
    (clock, (year, end_year)): (&GameClock, (f64, f64)),
    params: &Params,
    grid: &Grid,
    ground: &GroundCompute,
    orbit: &OrbitCompute,
    stats: &LaunchStats,
    robots: &RobotWorkforce,
    capital: &Capital,
    (queues, stock, limits): (&Queues, &ChipStock, &Limits),
    policies: &Policies,
    (learning, memo): (&Learning, &mut [CurveMemo; 4]),
    bases: &Query<&LunarBase>,
    factories: &Query<&RobotFactory>,
    series: &mut TimeSeries,
) {
    let (ground_usd, space_usd) = gpu_year_usd(
        clock,
        params,
        grid,
        ground,
        (queues, stock, limits),
        policies,
        learning,
        &series.hour,
    );
    let launched_gw = launched_gw_last_year(clock.tick, orbit, series);
    let mut v = [0.0; FIGURE_COUNT];
    set_power_figures(&mut v, year, grid, orbit, bases, launched_gw);
    set_fleet_figures(&mut v, ground, orbit, stats, robots, capital, factories);
    set_produced_figures(&mut v, params, grid, orbit, bases, robots);
    set_price_figures(
        &mut v,
        params,
        (learning, memo),
        robots,
        ground_usd,
        space_usd,
    );
    series.record_hour(clock.tick, v, end_year);
}

/// A GPU-year on the ground and in the launch orbit, waiting included (C8), $: compared
/// once a game day (it reads queues that move slowly); the hours between carry the day's
/// figures from the last `hour`.
fn gpu_year_usd(
    clock: &GameClock,
    params: &Params,
    grid: &Grid,
    ground: &GroundCompute,
    (queues, stock, limits): (&Queues, &ChipStock, &Limits),
    policies: &Policies,
    learning: &Learning,
    hour: &Sample,
) -> (f64, f64) {
    let (mut ground_usd, mut space_usd) = (
        hour.get(Figure::GroundUsdPerGpuYr),
        hour.get(Figure::SpaceUsdPerGpuYr),
    );
    if clock.tick.is_multiple_of(24) || ground_usd == 0.0 {
        let orbit = policies.launch_orbit;
        let waits = compare::waits(params, grid, ground, queues, stock, limits, orbit);
        let c = compare::per_gpu_year(params, learning, waits, orbit, grid.climate);
        (ground_usd, space_usd) = (c.ground_total(), c.space_total());
    }
    (ground_usd, space_usd)
}

/// Orbital arrays that arrived in the last year, GW: what arrived this hour (the growth of
/// the orbit's array total) is summed by day in a ring, and the ring's sum kept until it
/// changes (most hours nothing arrives).
fn launched_gw_last_year(tick: u64, orbit: &OrbitCompute, series: &mut TimeSeries) -> f64 {
    let orbit_solar: f64 = orbit.solar_gw.iter().sum();
    let arrived = (orbit_solar - series.last_orbit_solar_gw.unwrap_or(orbit_solar)).max(0.0);
    series.last_orbit_solar_gw = Some(orbit_solar);
    let day = (tick / 24) as usize % 365;
    if tick.is_multiple_of(24) {
        series.arrivals[day] = 0.0;
        series.arrivals_sum = None;
    }
    if arrived != 0.0 {
        series.arrivals[day] += arrived;
        series.arrivals_sum = None;
    }
    match series.arrivals_sum {
        Some(sum) => sum,
        None => {
            let sum = series.arrivals.iter().sum();
            series.arrivals_sum = Some(sum);
            sum
        }
    }
}

/// The date, and the power figures: ground solar, turbines, batteries and load, the
/// orbit's power, lunar solar, and the arrays launched in the last year.
fn set_power_figures(
    v: &mut [f64; FIGURE_COUNT],
    year: f64,
    grid: &Grid,
    orbit: &OrbitCompute,
    bases: &Query<&LunarBase>,
    launched_gw: f64,
) {
    let lunar_solar_gw: f64 = bases.iter().map(|b| b.solar_gw).sum();
    let mut set = |f: Figure, x: f64| v[f as usize] = x;
    set(Figure::Year, year);
    set(Figure::GroundSolarGw, grid.solar_peak_gw);
    set(Figure::GroundSolarOutputGw, grid.solar_gw);
    set(Figure::TurbinesGw, grid.turbine_nameplate_gw);
    set(Figure::TurbineOutputGw, grid.served_turbine_gw);
    set(Figure::BatteryGw, grid.served_battery_gw);
    set(Figure::GroundLoadGw, grid.load_gw);
    set(Figure::OrbitPowerGw, orbit.total_power_gw());
    set(Figure::LunarSolarGw, lunar_solar_gw);
    set(
        Figure::LunarThrownGw,
        bases.iter().map(|b| b.thrown_gw).sum(),
    );
    set(Figure::LaunchedGwLastYear, launched_gw);
}

/// The GPUs running and dark, the flights, the robots and factory lines, and capital.
fn set_fleet_figures(
    v: &mut [f64; FIGURE_COUNT],
    ground: &GroundCompute,
    orbit: &OrbitCompute,
    stats: &LaunchStats,
    robots: &RobotWorkforce,
    capital: &Capital,
    factories: &Query<&RobotFactory>,
) {
    let mut set = |f: Figure, x: f64| v[f as usize] = x;
    set(Figure::GroundGpus, ground.powered);
    set(Figure::OrbitGpus, orbit.total_computing());
    set(Figure::UnpoweredGpus, ground.unpowered());
    set(
        Figure::UnpoweredShare,
        if ground.installed > 0.0 {
            ground.unpowered() / ground.installed
        } else {
            0.0
        },
    );
    set(Figure::FlightsPerYear, stats.flights_last_year() as f64);
    set(Figure::Robots, robots.robots);
    set(Figure::RobotLines, factories.iter().map(|f| f.lines).sum());
    set(Figure::CapitalUsd, capital.usd);
    set(Figure::LunarLandedT, stats.moon_cargo_t);
    set(Figure::CapitalSpentUsd, capital.spent_usd);
    set(Figure::Co2T, capital.co2_t);
}

/// X14: the power produced this hour and its Kardashev index (the sample's is the index
/// of its mean power, set when the hours are averaged); the robots with power to
/// work and the power they draw (X1).
fn set_produced_figures(
    v: &mut [f64; FIGURE_COUNT],
    params: &Params,
    grid: &Grid,
    orbit: &OrbitCompute,
    bases: &Query<&LunarBase>,
    robots: &RobotWorkforce,
) {
    let mut set = |f: Figure, x: f64| v[f as usize] = x;
    let lunar_output_gw: f64 = bases.iter().map(|b| b.output_gw).sum();
    let produced_w = power_produced_w(params, grid, orbit, lunar_output_gw);
    set(Figure::PowerProducedGw, produced_w / W_PER_GW);
    set(Figure::Kardashev, kardashev(produced_w));
    set(Figure::WorkingRobots, robots.working_robots());
    set(Figure::RobotPowerGw, robots.power_gw);
}

/// Today's prices, learnt from what was flown, built and made (X3, X4, C33; each curve's
/// price a memo kept between hours), and a GPU-year on the ground and in orbit (C8).
fn set_price_figures(
    v: &mut [f64; FIGURE_COUNT],
    params: &Params,
    (learning, memo): (&Learning, &mut [CurveMemo; 4]),
    robots: &RobotWorkforce,
    ground_usd: f64,
    space_usd: f64,
) {
    let mut set = |f: Figure, x: f64| v[f as usize] = x;
    set(
        Figure::LaunchUsdPerKg,
        memo[0].price(launch_curve(params, learning)),
    );
    set(
        Figure::SatelliteUsdPerKw,
        memo[1].price(satellite_curve(params, learning)),
    );
    set(
        Figure::SolarUsdPerW,
        memo[2].price(solar_curve(params, learning)),
    );
    set(
        Figure::RobotUsd,
        memo[3].price(robot_curve(params, robots.made)),
    );
    set(Figure::GroundUsdPerGpuYr, ground_usd);
    set(Figure::SpaceUsdPerGpuYr, space_usd);
}

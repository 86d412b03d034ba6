//! The time-series recorder: the key figures sampled through the game, for charts and CSV
//! export. It keeps at most [`MAX_SAMPLES`] samples: when full it drops every other one and
//! samples half as often, so memory stays flat over any length of game.

use std::io::Write;

use bevy::prelude::*;

use super::SimSystems;
use super::clock::{GameClock, advance_clock};
use super::constants::W_PER_GW;
use super::datacenters::GroundCompute;
use super::derived::kardashev;
use super::economy::Capital;
use super::energy::Grid;
use super::launch::LaunchStats;
use super::moon::LunarBase;
use super::orbit::OrbitCompute;
use super::params::{P, Params};
use super::robots::RobotWorkforce;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<TimeSeries>();
    app.add_systems(super::SimTick, record_sample.in_set(SimSystems::Record));
    app.add_systems(super::SimTick, advance_clock.in_set(SimSystems::Advance));
}

/// Most samples kept.
pub const MAX_SAMPLES: usize = 4096;

/// One sample of the key figures.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Sample {
    /// Game hours since the start.
    pub tick: u64,
    /// The date as a decimal year.
    pub year: f64,
    /// Ground solar output this hour, GW.
    pub solar_gw: f64,
    /// Ground solar installed, peak GW.
    pub solar_peak_gw: f64,
    /// Turbines installed, GW.
    pub turbines_gw: f64,
    /// Battery discharge this hour, GW.
    pub battery_gw: f64,
    /// Orbital solar power (average over an orbit), GW.
    pub orbit_power_gw: f64,
    /// Lunar solar, peak GW.
    pub lunar_solar_gw: f64,
    /// GPUs powered on the ground.
    pub gpus_ground: f64,
    /// GPUs powered in orbit.
    pub gpus_orbit: f64,
    /// GPUs installed without power.
    pub gpus_unpowered: f64,
    /// Flights in the last 365 days.
    pub flights_per_yr: f64,
    /// Robots on Earth.
    pub robots: f64,
    /// Capital, $.
    pub capital_usd: f64,
    /// Kardashev index of the power commanded.
    pub kardashev: f64,
    /// A GPU-year on the ground, $, waiting for power included (C8).
    pub ground_usd_per_gpu_yr: f64,
    /// A GPU-year in the launch orbit, $, waiting for a launch included (C8).
    pub space_usd_per_gpu_yr: f64,
}

impl Sample {
    /// Column names for CSV, in field order.
    pub const HEADER: &'static str = "tick,year,solar_gw,solar_peak_gw,turbines_gw,battery_gw,orbit_power_gw,lunar_solar_gw,gpus_ground,gpus_orbit,gpus_unpowered,flights_per_yr,robots,capital_usd,kardashev,ground_usd_per_gpu_yr,space_usd_per_gpu_yr";

    /// The fields as a CSV row.
    pub fn csv_row(&self) -> String {
        format!(
            "{},{:.4},{},{},{},{},{},{},{},{},{},{},{},{},{:.5},{:.0},{:.0}",
            self.tick,
            self.year,
            self.solar_gw,
            self.solar_peak_gw,
            self.turbines_gw,
            self.battery_gw,
            self.orbit_power_gw,
            self.lunar_solar_gw,
            self.gpus_ground,
            self.gpus_orbit,
            self.gpus_unpowered,
            self.flights_per_yr,
            self.robots,
            self.capital_usd,
            self.kardashev,
            self.ground_usd_per_gpu_yr,
            self.space_usd_per_gpu_yr
        )
    }

    /// Every number in the sample, for finiteness checks.
    pub fn values(&self) -> [f64; 16] {
        [
            self.year,
            self.solar_gw,
            self.solar_peak_gw,
            self.turbines_gw,
            self.battery_gw,
            self.orbit_power_gw,
            self.lunar_solar_gw,
            self.gpus_ground,
            self.gpus_orbit,
            self.gpus_unpowered,
            self.flights_per_yr,
            self.robots,
            self.capital_usd,
            self.kardashev,
            self.ground_usd_per_gpu_yr,
            self.space_usd_per_gpu_yr,
        ]
    }
}

/// The recorded series.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct TimeSeries {
    /// Ticks between samples (doubles when the series is full).
    pub interval: u64,
    /// Samples, oldest first.
    pub samples: Vec<Sample>,
    /// The latest figures, updated every tick.
    pub latest: Sample,
}

impl Default for TimeSeries {
    fn default() -> Self {
        Self {
            interval: 24,
            samples: Vec::new(),
            latest: Sample::default(),
        }
    }
}

impl TimeSeries {
    /// Writes the series as CSV.
    pub fn write_csv(&self, mut out: impl Write) -> std::io::Result<()> {
        writeln!(out, "{}", Sample::HEADER)?;
        for s in &self.samples {
            writeln!(out, "{}", s.csv_row())?;
        }
        Ok(())
    }

    fn push(&mut self, s: Sample) {
        if self.samples.len() >= MAX_SAMPLES {
            let kept: Vec<Sample> = self.samples.iter().copied().step_by(2).collect();
            self.samples = kept;
            self.interval *= 2;
        }
        self.samples.push(s);
    }
}

/// The power the player commands, W: ground solar at its average, turbines, orbital solar
/// at its average and lunar solar over its day–night cycle.
pub fn power_commanded_w(
    params: &Params,
    grid: &Grid,
    orbit: &OrbitCompute,
    lunar_solar_gw: f64,
) -> f64 {
    (grid.solar_peak_gw * params.get(P::GroundCapacityFactor)
        + grid.turbine_nameplate_gw
        + orbit.total_power_gw()
        + lunar_solar_gw * 0.5)
        * W_PER_GW
}

fn record_sample(
    clock: Res<GameClock>,
    params: Res<Params>,
    grid: Res<Grid>,
    ground: Res<GroundCompute>,
    orbit: Res<OrbitCompute>,
    stats: Res<LaunchStats>,
    robots: Res<RobotWorkforce>,
    capital: Res<Capital>,
    costs: (
        Res<super::projects::Queues>,
        Res<super::chips::ChipStock>,
        Res<super::limits::Limits>,
        Res<super::orders::Policies>,
    ),
    bases: Query<&LunarBase>,
    mut series: ResMut<TimeSeries>,
) {
    let lunar_solar_gw = bases.iter().map(|b| b.solar_gw).sum();
    // The cost comparison once a game day (it reads queues that move slowly); the hours
    // between carry the day's figures.
    let (mut ground_usd, mut space_usd) = (
        series.latest.ground_usd_per_gpu_yr,
        series.latest.space_usd_per_gpu_yr,
    );
    if clock.tick.is_multiple_of(24) || ground_usd == 0.0 {
        let (queues, stock, limits, policies) = costs;
        let waits = super::compare::waits(&params, &grid, &ground, &queues, &stock, &limits);
        let c = super::compare::per_gpu_year(&params, waits, policies.launch_orbit);
        (ground_usd, space_usd) = (c.ground_total(), c.space_total());
    }
    let s = Sample {
        tick: clock.tick,
        year: clock.decimal_year(),
        solar_gw: grid.solar_gw,
        solar_peak_gw: grid.solar_peak_gw,
        turbines_gw: grid.turbine_nameplate_gw,
        battery_gw: grid.served_battery_gw,
        orbit_power_gw: orbit.total_power_gw(),
        lunar_solar_gw,
        gpus_ground: ground.powered,
        gpus_orbit: orbit.total_powered(),
        gpus_unpowered: ground.unpowered(),
        flights_per_yr: stats.flights_last_year() as f64,
        robots: robots.robots,
        capital_usd: capital.usd,
        kardashev: kardashev(power_commanded_w(&params, &grid, &orbit, lunar_solar_gw)),
        ground_usd_per_gpu_yr: ground_usd,
        space_usd_per_gpu_yr: space_usd,
    };
    series.latest = s;
    if clock.tick.is_multiple_of(series.interval) {
        series.push(s);
    }
}

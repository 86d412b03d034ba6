//! The recorder and the one catalogue of recorded figures.
//!
//! Every figure the game records — for the charts, the CSV, the sweep rows and bands, and
//! the level's conditions — is one row of [`figures!`] below: its key, its CSV column, how
//! it is measured over an interval, its unit and its meaning. The sample, the CSV header
//! and rows, the sweep's columns and the script's metrics are all generated from that
//! table, so they cannot disagree.
//!
//! A *flow* (power output, GPUs powered through day and night) is recorded as its mean
//! over each sample's interval, with the energy of the interval beside it in the CSV for
//! figures in GW; a *stock* (installed capacity, capital, robots) as its value at the
//! interval's end; the Kardashev index is the formula on the interval's mean power
//! produced. The series keeps at most [`MAX_SAMPLES`] samples: when full, each pair
//! of neighbours merges into one over twice the interval (means averaged, stocks the later
//! one), so memory stays flat over any length of game and no hour is ever left out.

use std::io::Write;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::clock::GameClock;
use super::constants::{HOURS_PER_DAY, W_PER_GW};
use super::datacenters::GroundCompute;
use super::economy::Capital;
use super::energy::Grid;
use super::launch::LaunchStats;
use super::moon::LunarBase;
use super::orbit::OrbitCompute;
use super::params::Params;
use super::robots::{RobotFactory, RobotWorkforce};

mod hour;

pub use hour::power_produced_w;

use hour::record_sample;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        super::SimTick,
        sample_figures.in_set(super::AccountSystems::Record),
    );
}

/// What the recorder reads: the hour's figures.
#[derive(bevy::ecs::system::SystemParam)]
struct Figures<'w, 's> {
    clock: Res<'w, GameClock>,
    params: Res<'w, Params>,
    grid: Res<'w, Grid>,
    ground: Res<'w, GroundCompute>,
    orbit: Res<'w, OrbitCompute>,
    stats: Res<'w, LaunchStats>,
    workforce: Res<'w, RobotWorkforce>,
    capital: Res<'w, Capital>,
    queues: Res<'w, super::projects::Queues>,
    stock: Res<'w, super::chips::ChipStock>,
    limits: Res<'w, super::limits::Limits>,
    policies: Res<'w, super::state::Policies>,
    learning: Res<'w, super::costs::Learning>,
    bases: Query<'w, 's, &'static LunarBase>,
    factories: Query<'w, 's, &'static RobotFactory>,
}

/// The recorder samples the hour ([`record_sample`]); the four curve prices are memos kept
/// between hours.
fn sample_figures(
    f: Figures,
    mut prices: Local<[super::costs::CurveMemo; 4]>,
    mut series: ResMut<TimeSeries>,
) {
    record_sample(
        (&f.clock, f.clock.decimal_year_and_next()),
        &f.params,
        &f.grid,
        &f.ground,
        &f.orbit,
        &f.stats,
        &f.workforce,
        &f.capital,
        (&f.queues, &f.stock, &f.limits),
        &f.policies,
        (&f.learning, &mut prices),
        &f.bases,
        &f.factories,
        &mut series,
    );
}

/// Most samples kept.
pub const MAX_SAMPLES: usize = 4096;

/// How a figure is measured over a sample's interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// The value at the interval's end (installed capacity, capital, a rolling count).
    Stock,
    /// The mean over every hour of the interval (output, GPUs powered through the night).
    Flow,
    /// The Kardashev index of the interval's mean power produced (X14): the formula on
    /// the mean, not the mean of an hourly index (the log of a mean is not the mean of the
    /// logs: a solar grid dark half the day would read far below what it makes).
    OfMeanPower,
}

/// One row of the catalogue of figures.
#[derive(Debug, Clone, Copy)]
pub struct FigureDef {
    /// The CSV column (and sweep column, and bands key).
    pub column: &'static str,
    /// Stock or flow.
    pub measure: Measure,
    /// The unit.
    pub unit: &'static str,
    /// What it is, for the codex, the level guide and tooltips.
    pub doc: &'static str,
}

impl FigureDef {
    /// Whether the CSV carries this figure's energy per interval beside it (flows in GW).
    pub fn has_energy(&self) -> bool {
        self.measure == Measure::Flow && self.unit == "GW"
    }
}

macro_rules! figures {
    ($($key:ident => $column:literal, $measure:ident, $unit:literal, $doc:literal;)*) => {
        /// A recorded figure; the level language calls it a `Metric`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename = "Metric")]
        #[expect(missing_docs, reason = "each variant is documented by its catalogue row")]
        pub enum Figure { $($key),* }

        /// Every figure, in the order of [`Figure`].
        pub const FIGURES: &[FigureDef] = &[
            $(FigureDef { column: $column, measure: Measure::$measure, unit: $unit, doc: $doc }),*
        ];

        impl Figure {
            /// Every figure, in catalogue order.
            pub const ALL: &[Figure] = &[$(Figure::$key),*];
        }
    };
}

figures! {
    Year => "year", Stock, "year", "The date at the interval's end, as a decimal year.";
    GroundSolarGw => "solar_peak_gw", Stock, "GW", "Ground solar installed, peak (nameplate) rating.";
    GroundSolarOutputGw => "solar_gw", Flow, "GW", "Ground solar output, mean over the interval (night and weather included).";
    TurbinesGw => "turbines_gw", Stock, "GW", "Gas turbines installed, nameplate.";
    TurbineOutputGw => "turbine_gw", Flow, "GW", "Turbine output served to the load, mean over the interval.";
    BatteryGw => "battery_gw", Flow, "GW", "Battery discharge served to the load, mean over the interval.";
    GroundLoadGw => "ground_load_gw", Flow, "GW", "Ground load served (fabs, burn-in, halls and robots), mean over the interval.";
    OrbitPowerGw => "orbit_power_gw", Stock, "GW", "Orbital solar output averaged over an orbit (sunlit fraction included).";
    LunarSolarGw => "lunar_solar_gw", Stock, "GW", "Lunar solar installed, peak rating.";
    LunarThrownGw => "lunar_thrown_gw", Stock, "GW", "Solar arrays thrown from the Moon, all time.";
    LaunchedGwLastYear => "launched_gw_last_yr", Stock, "GW", "Orbital solar arrays that arrived in the last 365 days.";
    GroundGpus => "gpus_ground", Flow, "GPUs", "GPUs powered on the ground, mean over the interval.";
    OrbitGpus => "gpus_orbit", Stock, "GPUs", "GPUs computing in orbit, mean over an orbit (they run only while lit, K6).";
    UnpoweredGpus => "gpus_unpowered", Flow, "GPUs", "GPUs installed on the ground without power, mean over the interval.";
    UnpoweredShare => "unpowered_share", Flow, "fraction", "Unpowered over installed ground GPUs, mean over the interval.";
    FlightsPerYear => "flights_per_yr", Stock, "flights", "Flights launched in the last 365 days.";
    Robots => "robots", Stock, "robots", "Robots on Earth.";
    RobotLines => "robot_lines", Stock, "lines", "Robot factory lines.";
    CapitalUsd => "capital_usd", Stock, "$", "Capital on hand.";
    PowerProducedGw => "power_produced_gw", Flow, "GW", "Power produced: ground solar as it shines (less what is curtailed), turbines as they run, the orbit's arrays up to what their GPUs draw, lunar solar (X14).";
    Kardashev => "kardashev", OfMeanPower, "index", "Kardashev index of the interval's mean power produced (X14).";
    WorkingRobots => "robots_working", Flow, "robots", "Robots with power to work, mean over the interval (X1).";
    RobotPowerGw => "robot_power_gw", Flow, "GW", "Power the robots draw, from the own grid's spare and off peak from the public grid, mean over the interval (X1, C46).";
    LaunchUsdPerKg => "launch_usd_per_kg", Stock, "$/kg", "Launch cost today, learnt from the flights flown (X3).";
    SatelliteUsdPerKw => "satellite_usd_per_kw", Stock, "$/kW", "A compute satellite's cost today, learnt from the GW launched (X4).";
    SolarUsdPerW => "solar_usd_per_w", Stock, "$/W", "Ground solar's cost today before tariffs, learnt from the GW built (X4).";
    GroundUsdPerGpuYr => "ground_usd_per_gpu_yr", Stock, "$", "A GPU-year on the ground, waiting for power included (C8).";
    SpaceUsdPerGpuYr => "space_usd_per_gpu_yr", Stock, "$", "A GPU-year in the launch orbit, waiting for a launch included (C8).";
    RobotUsd => "robot_usd", Stock, "$", "A robot's cost today, learnt from the robots made (C33).";
    LunarLandedT => "lunar_landed_t", Stock, "t", "Works and mass-driver equipment landed on the Moon from Earth, all time (X10).";
    CapitalSpentUsd => "capital_spent_usd", Stock, "$", "Capital spent, all time: orders, chips, robots, flights and events' charges (not running costs). A level's second score.";
    Co2T => "co2_t", Stock, "t", "CO2 the gas turbines have burned, all time: heat rate x 53 kg per MMBtu (X5). A level's third score.";
}

/// How many figures the catalogue has.
pub const FIGURE_COUNT: usize = FIGURES.len();

impl Figure {
    /// Its catalogue row.
    pub fn def(self) -> &'static FigureDef {
        &FIGURES[self as usize]
    }

    /// Its CSV column.
    pub fn column(self) -> &'static str {
        self.def().column
    }

    /// The figure with this CSV column.
    pub fn from_column(column: &str) -> Option<Figure> {
        Figure::ALL.iter().copied().find(|f| f.column() == column)
    }
}

/// The catalogue as the rows of a Markdown table: metric, CSV column, measure, unit, and
/// what it is (the level guide carries exactly these rows).
pub fn figures_table() -> String {
    let mut out = String::new();
    for (f, d) in Figure::ALL.iter().zip(FIGURES) {
        let measure = match d.measure {
            Measure::Stock => "stock",
            Measure::Flow => "flow (mean)",
            Measure::OfMeanPower => "index of the mean power",
        };
        out.push_str(&format!(
            "| `{f:?}` | `{}` | {measure} | {} | {} |\n",
            d.column, d.unit, d.doc
        ));
    }
    out
}

/// `v`, with a zero written without its sign: a CSV never says "-0" (a figure that
/// rounds or sums to a negative zero, such as no power at all times minus one).
pub fn unsigned_zero(v: f64) -> f64 {
    if v == 0.0 { 0.0 } else { v }
}

/// Sets the figures derived from the interval's means (the Kardashev index of the mean
/// power produced, X14) once the flows are means.
fn derive_from_means(values: &mut [f64; FIGURE_COUNT]) {
    values[Figure::Kardashev as usize] =
        super::derived::kardashev(values[Figure::PowerProducedGw as usize] * W_PER_GW);
}

/// One sample: every figure of the catalogue over one interval.
#[derive(Debug, Clone, Serialize, Deserialize, Copy, PartialEq, Reflect)]
#[reflect(Default, Debug, PartialEq)]
pub struct Sample {
    /// Game hours since the start at the interval's end.
    pub tick: u64,
    /// Hours the sample covers (flows are means over them).
    pub hours: u64,
    /// The figures, in [`Figure::ALL`] order.
    pub values: [f64; FIGURE_COUNT],
}

impl Default for Sample {
    fn default() -> Self {
        Self {
            tick: 0,
            hours: 0,
            values: [0.0; FIGURE_COUNT],
        }
    }
}

impl Sample {
    /// The value of `f`.
    pub fn get(&self, f: Figure) -> f64 {
        self.values[f as usize]
    }

    /// The date as a decimal year.
    pub fn year(&self) -> f64 {
        self.get(Figure::Year)
    }

    /// The CSV header: tick, hours, then every figure's column in catalogue order, each
    /// GW flow followed by its energy over the interval (`<column>_twh`).
    pub fn header() -> String {
        let mut h = String::from("tick,hours");
        for d in FIGURES {
            h.push(',');
            h.push_str(d.column);
            if d.has_energy() {
                h.push_str(&format!(",{}_twh", d.column.trim_end_matches("_gw")));
            }
        }
        h
    }

    /// The sample as a CSV row, in [`Sample::header`] order.
    pub fn csv_row(&self) -> String {
        let mut row = format!("{},{}", self.tick, self.hours);
        for (d, v) in FIGURES.iter().zip(self.values) {
            let v = unsigned_zero(v);
            if d.unit == "year" {
                row.push_str(&format!(",{v:.4}"));
            } else {
                row.push_str(&format!(",{v}"));
            }
            if d.has_energy() {
                row.push_str(&format!(",{}", unsigned_zero(v * self.hours as f64 / 1e3)));
            }
        }
        row
    }

    /// Every number in the sample, for finiteness checks.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// Two neighbouring samples as one over both intervals: flows weighted by hours,
    /// stocks from the later one.
    pub fn merge(&self, later: &Sample) -> Sample {
        let hours = self.hours + later.hours;
        let mut values = later.values;
        for (i, d) in FIGURES.iter().enumerate() {
            if d.measure == Measure::Flow && hours > 0 {
                values[i] = (self.values[i] * self.hours as f64
                    + later.values[i] * later.hours as f64)
                    / hours as f64;
            }
        }
        derive_from_means(&mut values);
        Sample {
            tick: later.tick,
            hours,
            values,
        }
    }
}

/// Sums of every figure over some hours, for means.
#[derive(Debug, Clone, Serialize, Deserialize, Copy, PartialEq, Reflect)]
#[reflect(Default, Debug, PartialEq)]
struct Acc {
    sums: [f64; FIGURE_COUNT],
    hours: u64,
}

impl Default for Acc {
    fn default() -> Self {
        Self {
            sums: [0.0; FIGURE_COUNT],
            hours: 0,
        }
    }
}

impl Acc {
    fn add(&mut self, values: &[f64; FIGURE_COUNT]) {
        for (s, v) in self.sums.iter_mut().zip(values) {
            *s += v;
        }
        self.hours += 1;
    }

    /// `now` with its flows replaced by their means over the accumulated hours.
    fn sample(&self, tick: u64, now: &[f64; FIGURE_COUNT]) -> Sample {
        let mut values = *now;
        if self.hours > 0 {
            for (i, d) in FIGURES.iter().enumerate() {
                if d.measure == Measure::Flow {
                    values[i] = self.sums[i] / self.hours as f64;
                }
            }
            derive_from_means(&mut values);
        }
        Sample {
            tick,
            hours: self.hours,
            values,
        }
    }
}

/// The recorded series.
#[derive(Resource, Debug, Clone, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Resource, Default, Debug, PartialEq)]
pub struct TimeSeries {
    /// Hours a new sample covers (doubles when the series is full).
    pub interval: u64,
    /// Samples, oldest first; each covers the `hours` before its `tick`.
    pub samples: Vec<Sample>,
    /// The figures now: stocks at this hour, flows as their mean over the last whole game
    /// day (over the day so far during the first). The top bar and the level's
    /// conditions read this.
    pub latest: Sample,
    /// This hour's raw values (flows not averaged).
    pub hour: Sample,
    /// The interval being recorded.
    interval_acc: Acc,
    /// The game day being recorded.
    day_acc: Acc,
    /// The last whole day's means.
    last_day: Option<Sample>,
    /// Orbital arrays that arrived per day over the last year (a ring), GW.
    #[serde(deserialize_with = "a_year_of_days")]
    arrivals: Vec<f64>,
    /// The orbit's array total at the last tick, GW.
    last_orbit_solar_gw: Option<f64>,
    /// The sum of `arrivals`, kept until they change (most hours nothing arrives).
    arrivals_sum: Option<f64>,
}

/// A snapshot's ring of a year's days: 365 of them (the recorder indexes it by the day).
fn a_year_of_days<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<f64>, D::Error> {
    let days = Vec::<f64>::deserialize(d)?;
    if days.len() == 365 {
        Ok(days)
    } else {
        Err(serde::de::Error::custom(format!(
            "{} days of arrivals: expected 365",
            days.len()
        )))
    }
}

impl Default for TimeSeries {
    fn default() -> Self {
        Self {
            interval: 24,
            samples: Vec::new(),
            latest: Sample::default(),
            hour: Sample::default(),
            interval_acc: Acc::default(),
            day_acc: Acc::default(),
            last_day: None,
            arrivals: vec![0.0; 365],
            last_orbit_solar_gw: None,
            arrivals_sum: None,
        }
    }
}

impl TimeSeries {
    /// Writes the series as CSV.
    pub fn write_csv(&self, mut out: impl Write) -> std::io::Result<()> {
        writeln!(out, "{}", Sample::header())?;
        for s in &self.samples {
            writeln!(out, "{}", s.csv_row())?;
        }
        Ok(())
    }

    fn push(&mut self, s: Sample) {
        if self.samples.len() >= MAX_SAMPLES {
            let merged: Vec<Sample> = self
                .samples
                .chunks(2)
                .map(|p| {
                    if p.len() == 2 {
                        p[0].merge(&p[1])
                    } else {
                        p[0]
                    }
                })
                .collect();
            self.samples = merged;
            self.interval *= 2;
        }
        self.samples.push(s);
    }

    /// Records one hour's raw values; `tick` is the hour's start, `end_year` the decimal
    /// year at its end.
    pub fn record_hour(&mut self, tick: u64, mut values: [f64; FIGURE_COUNT], end_year: f64) {
        self.hour = Sample {
            tick,
            hours: 1,
            values,
        };
        self.interval_acc.add(&values);
        self.day_acc.add(&values);
        let end = tick + 1;
        values[Figure::Year as usize] = end_year;
        if end.is_multiple_of(HOURS_PER_DAY as u64) {
            self.last_day = Some(self.day_acc.sample(end, &values));
            self.day_acc = Acc::default();
        }
        self.latest = match &self.last_day {
            Some(day) => Sample {
                tick: end,
                hours: day.hours,
                values: {
                    let mut v = values;
                    for (i, d) in FIGURES.iter().enumerate() {
                        if d.measure == Measure::Flow {
                            v[i] = day.values[i];
                        }
                    }
                    derive_from_means(&mut v);
                    v
                },
            },
            None => self.day_acc.sample(end, &values),
        };
        if end.is_multiple_of(self.interval) {
            let s = self.interval_acc.sample(end, &values);
            self.interval_acc = Acc::default();
            self.push(s);
        }
    }
}

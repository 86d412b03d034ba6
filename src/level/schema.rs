//! The level file's schema: what a level author writes in RON.
//!
//! Every struct denies unknown fields, so a misspelt field is reported with its line and
//! column by the parser; names and values are checked afterwards by `check`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::script::{EventSpec, GoalSpec, LessonStep, RivalSpec};
use crate::i18n::Text;
use crate::sim::chips::{FabKind, FabPhase};
use crate::sim::datacenters::Climate;
use crate::sim::orbit::Orbit;
use crate::sim::orders::{Order, Policies};
use crate::sim::research::Tech;

/// A level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// A short id, e.g. `sandbox`.
    pub id: String,
    /// The title in the level picker: a string, or a table of languages.
    pub title: Text,
    /// What the level is about, for the picker.
    #[serde(default)]
    pub description: Text,
    /// Who wrote it.
    #[serde(default)]
    pub author: String,
    /// The seed of every random draw.
    #[serde(default)]
    pub seed: u64,
    /// The first day, `YYYY-MM-DD`.
    pub start_date: String,
    /// The last day, if the level ends.
    #[serde(default)]
    pub end_date: Option<String>,
    /// Parameter overrides by catalogue name: a number in the catalogue unit, or a string
    /// with a unit such as `"30 h"` or `"1.25 days"`.
    #[serde(default)]
    pub parameters: BTreeMap<String, ParamValue>,
    /// The starting world.
    #[serde(default)]
    pub world: WorldSpec,
    /// Orders the level gives at set dates (a scripted opponent or a demo).
    #[serde(default)]
    pub orders: Vec<ScriptedOrder>,
    /// How hard, 1 (a tutorial) to 5, for the level picker.
    #[serde(default = "default_difficulty")]
    pub difficulty: u8,
    /// Events: when a condition holds, effects happen.
    #[serde(default)]
    pub events: Vec<EventSpec>,
    /// Win and lose conditions.
    #[serde(default)]
    pub goals: Vec<GoalSpec>,
    /// The lesson's steps, in order.
    #[serde(default)]
    pub lessons: Vec<LessonStep>,
    /// A rival faction, for a race.
    #[serde(default)]
    pub rival: Option<RivalSpec>,
}

fn default_difficulty() -> u8 {
    2
}

/// A parameter value: a plain number in the catalogue's unit, or a number with a unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ParamValue {
    /// In the catalogue's unit.
    Number(f64),
    /// A number and a unit, e.g. `"30 h"`.
    WithUnit(String),
}

/// The starting world.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename = "World")]
pub struct WorldSpec {
    /// Capital on hand, $.
    pub capital_usd: f64,
    /// Where the ground grid's solar farms are.
    pub grid: GridSpec,
    /// Ground solar in service, peak GW.
    pub solar_gw: f64,
    /// Grid batteries in service, GWh (start full).
    pub battery_gwh: f64,
    /// Gas turbines in service, GW.
    pub turbines_gw: f64,
    /// Ground datacenters.
    pub datacenters: Vec<DatacenterSpec>,
    /// Our own fabs.
    pub fabs: Vec<FabSpec>,
    /// Launch sites with their pads, ships and methane.
    pub sites: Vec<SiteSpec>,
    /// Satellites already in orbit.
    pub orbit: Vec<ConstellationSpec>,
    /// A lunar base, if there is one.
    pub moon: Option<MoonSpec>,
    /// Robots and their factories.
    pub robots: RobotSpec,
    /// Research already done.
    pub research: Vec<Tech>,
    /// Starting policies.
    pub policies: Policies,
    /// Actions locked in this level (`build:ship`, `research:ipo`, …).
    pub locked: Vec<String>,
}

impl Default for WorldSpec {
    fn default() -> Self {
        Self {
            capital_usd: 10e9,
            grid: GridSpec::default(),
            solar_gw: 0.0,
            battery_gwh: 0.0,
            turbines_gw: 0.0,
            datacenters: Vec::new(),
            fabs: Vec::new(),
            sites: Vec::new(),
            orbit: Vec::new(),
            moon: None,
            robots: RobotSpec::default(),
            research: Vec::new(),
            policies: Policies::default(),
            locked: Vec::new(),
        }
    }
}

/// The ground grid's place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename = "Grid")]
pub struct GridSpec {
    /// Latitude, degrees north.
    pub lat_deg: f64,
    /// Longitude, degrees east.
    pub lon_deg: f64,
}

impl Default for GridSpec {
    fn default() -> Self {
        Self {
            lat_deg: 35.0,
            lon_deg: -90.0,
        }
    }
}

/// A ground datacenter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Datacenter")]
pub struct DatacenterSpec {
    /// Its name.
    pub name: String,
    /// Its climate.
    #[serde(default)]
    pub climate: Climate,
    /// GPU slots.
    pub gpu_slots: f64,
    /// GPUs installed at the start.
    #[serde(default)]
    pub gpus: f64,
}

/// A fab.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Fab")]
pub struct FabSpec {
    /// Logic or memory.
    pub kind: FabKind,
    /// Its phase at the start.
    #[serde(default = "default_fab_phase")]
    pub phase: FabPhase,
    /// Months already spent in that phase.
    #[serde(default)]
    pub months_in_phase: f64,
}

fn default_fab_phase() -> FabPhase {
    FabPhase::Volume
}

/// A launch site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Site")]
pub struct SiteSpec {
    /// Its name.
    pub name: String,
    /// Latitude, degrees north.
    pub lat_deg: f64,
    /// Longitude, degrees east.
    pub lon_deg: f64,
    /// Pads.
    #[serde(default)]
    pub pads: u32,
    /// Ships based here.
    #[serde(default)]
    pub ships: u32,
    /// Methane in the tanks at the start, t.
    #[serde(default)]
    pub methane_t: f64,
    /// Tank capacity, t.
    #[serde(default = "default_methane_capacity")]
    pub methane_capacity_t: f64,
    /// Methane made or delivered a day, t/day.
    #[serde(default)]
    pub methane_t_per_day: f64,
    /// X9: whether the site has a corridor to a sun-synchronous orbit, flying south over
    /// open sea (default: no; Vandenberg has one, Starbase and the Cape do not).
    #[serde(default)]
    pub sso: bool,
}

fn default_methane_capacity() -> f64 {
    20_000.0
}

/// Satellites in orbit at the start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Constellation")]
pub struct ConstellationSpec {
    /// The orbit.
    pub orbit: Orbit,
    /// Solar arrays, GW rated at 1,000 W/m² like a ground panel (X8).
    pub solar_gw: f64,
    /// GPUs.
    pub gpus: f64,
}

/// A lunar base.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename = "Moon")]
pub struct MoonSpec {
    /// Robots at the mines.
    pub robots: f64,
    /// Solar arrays, GW rated at 1,000 W/m² (X8).
    pub solar_gw: f64,
    /// Storage for the night, GWh (starts full).
    pub battery_gwh: f64,
    /// Cell works capacity, GW of cells a year.
    pub works_gw_per_yr: f64,
    /// Mass-driver throughput, t/h.
    pub mass_driver_t_per_h: f64,
}

impl Default for MoonSpec {
    fn default() -> Self {
        Self {
            robots: 1000.0,
            solar_gw: 0.1,
            battery_gwh: 10.0,
            works_gw_per_yr: 1.0,
            mass_driver_t_per_h: 10.0,
        }
    }
}

/// Robots and their factories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields, rename = "Robots")]
pub struct RobotSpec {
    /// Robots at work on Earth.
    pub robots: f64,
    /// Factory lines.
    pub factory_lines: f64,
}

/// An order the level gives on a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Order")]
pub struct ScriptedOrder {
    /// The date, `YYYY-MM-DD`.
    pub date: String,
    /// The order.
    pub order: Order,
    /// How many times it is given that day (ten ships: `times: 10`); 1 if left out.
    #[serde(default = "one")]
    pub times: u32,
}

fn one() -> u32 {
    1
}

/// A level's reference solution (`levels/solutions/<id>.ron`): the orders a good player
/// would give, in the same order language as a level's `orders` and a save, and the known
/// exploits that must not win. `terawatt verify` plays them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Solution")]
pub struct SolutionSpec {
    /// The level's id.
    pub level: String,
    /// The plan in words, for the author and the `verify` table.
    #[serde(default)]
    pub note: String,
    /// Game years to play (default: to the level's end date, or 10).
    #[serde(default)]
    pub years: Option<f64>,
    /// The orders, on dates.
    pub orders: Vec<ScriptedOrder>,
    /// Known exploits, each of which must not win.
    #[serde(default)]
    pub exploits: Vec<ExploitSpec>,
}

/// A way around the level's walls that must not win.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Exploit")]
pub struct ExploitSpec {
    /// Its name in the `verify` table.
    pub name: String,
    /// What it tries.
    #[serde(default)]
    pub note: String,
    /// Its orders, on dates.
    pub orders: Vec<ScriptedOrder>,
}

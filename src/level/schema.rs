//! The level file's schema: what a level author writes in RON.
//!
//! Every struct denies unknown fields, so a misspelt field is reported with its line and
//! column by the parser; names and values are checked afterwards by `check`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::i18n::Text;
use crate::sim::chips::{FabKind, FabPhase};
use crate::sim::clock::Date;
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
    /// The level's levers: the decisions `terawatt explore` varies to map how the level
    /// plays (`docs/levels-levers.md`). The game itself does not read them.
    #[serde(default)]
    pub levers: Vec<LeverSpec>,
    /// One question the level asks before play, multiple choice (`terawatt check` holds it
    /// to [`MIN_CHOICES`]–[`MAX_CHOICES`] different choices). The answer is kept with the
    /// game (its state, saves and share codes) and shown beside the outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prediction: Option<PredictionSpec>,
}

/// A prediction asked before play: a question and its choices, each a string or a table
/// of languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Prediction")]
pub struct PredictionSpec {
    /// What the player is asked.
    pub question: Text,
    /// The answers offered, in the order shown; the game keeps the one chosen by its place
    /// (from 0).
    pub choices: Vec<Text>,
}

/// Fewest choices a prediction offers.
pub const MIN_CHOICES: usize = 2;
/// Most choices a prediction offers (each a button in the window asking it).
pub const MAX_CHOICES: usize = 6;

/// A lever: one decision of the level, with its range and the dates it may be taken on.
/// `terawatt explore` samples plans over a level's levers (Latin hypercube) and plays them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Lever")]
pub struct LeverSpec {
    /// Its name, in `snake_case` (a CSV column of `explore`).
    pub name: String,
    /// What is varied.
    pub vary: Vary,
    /// The first and last date it may be given on, `("YYYY-MM-DD", "YYYY-MM-DD")`; left
    /// out, the level's first day.
    #[serde(default)]
    pub dates: Option<(String, String)>,
    /// The lever the level's lesson teaches (one at most).
    #[serde(default)]
    pub taught: bool,
}

/// What a lever varies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Vary {
    /// This order, given from A to B times on its date (0: not given).
    Times(Order, u32, u32),
    /// A share policy, set to a value from A to B on its date.
    Share(ShareLever, f64, f64),
    /// One of these orders, given on its date.
    OneOf(Vec<Order>),
}

/// The share policies a lever may set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShareLever {
    /// Share of ready GPUs sent to orbit.
    SpaceShare,
    /// C30: share of new robots that build robot factories.
    RobotsToFactories,
    /// Share of new robots shipped to the Moon.
    RobotsToMoon,
    /// Share of lunar cells kept to grow the base's solar.
    LunarReinvest,
    /// Share of the chips on offer that we buy.
    ChipOrders,
}

impl ShareLever {
    /// The policy order that sets it to `x`.
    pub fn order(self, x: f64) -> Order {
        use crate::sim::orders::Policy as P;
        Order::Policy(match self {
            ShareLever::SpaceShare => P::SpaceShare(x),
            ShareLever::RobotsToFactories => P::RobotsToFactories(x),
            ShareLever::RobotsToMoon => P::RobotsToMoon(x),
            ShareLever::LunarReinvest => P::LunarReinvest(x),
            ShareLever::ChipOrders => P::ChipOrders(x),
        })
    }
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

/// The ground grid's place: its solar farms and every datacenter hall are there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename = "Grid")]
pub struct GridSpec {
    /// Latitude, degrees north.
    pub lat_deg: f64,
    /// Longitude, degrees east.
    pub lon_deg: f64,
    /// The place's climate, which cools every hall (C13): `Hot` or `Temperate`. Left out,
    /// it is the latitude's: hot within 40° of the equator, temperate beyond.
    pub climate: Option<Climate>,
}

impl GridSpec {
    /// The place's climate: as the level names it, else its latitude's.
    pub fn climate(&self) -> Climate {
        self.climate
            .unwrap_or_else(|| Climate::at_latitude(self.lat_deg))
    }
}

impl Default for GridSpec {
    fn default() -> Self {
        Self {
            lat_deg: 35.0,
            lon_deg: -90.0,
            climate: None,
        }
    }
}

/// A ground datacenter, on the grid's site and cooled for the grid's climate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Datacenter")]
pub struct DatacenterSpec {
    /// Its name.
    pub name: String,
    /// Read and ignored: a hall's climate is its grid's (`Grid(climate: …)`). Levels
    /// written before that rule named one here; they still load, and `terawatt check`
    /// notes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub climate: Option<Climate>,
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

// The script: conditions, events, goals, lessons and a rival, as the level writes them. The
// running script (`script`) reads these typed values; nothing is parsed per tick.

/// A figure a condition can test: any figure of the recorder's catalogue
/// ([`crate::sim::record::FIGURES`]), read as the top bar shows it now (stocks this hour,
/// flows as their mean over the last game day).
pub use crate::sim::record::Figure as Metric;

/// A condition: a small closed language of dates, thresholds, goals and chance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Condition {
    /// Always true.
    Always,
    /// On or after a date, `YYYY-MM-DD` (read as a date once, when the level loads).
    Date(#[serde(with = "date_text")] Date),
    /// A figure above a value.
    Above(Metric, f64),
    /// A figure below a value.
    Below(Metric, f64),
    /// A goal (by id) has been reached.
    GoalReached(String),
    /// A goal (by id) has failed.
    GoalFailed(String),
    /// A technology is researched.
    Researched(Tech),
    /// A seeded draw, once a game day, with this chance (0–1).
    Chance(f64),
    /// Our figure is ahead of the rival's.
    AheadOfRival(Metric),
    /// Our figure is behind the rival's.
    BehindRival(Metric),
    /// All of these.
    All(Vec<Condition>),
    /// Any of these.
    Any(Vec<Condition>),
    /// Not this.
    Not(Box<Condition>),
}

/// Something spawned by an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SpawnSpec {
    /// A ground datacenter.
    Datacenter(DatacenterSpec),
    /// Ground solar, peak GW.
    Solar(f64),
    /// Turbines, GW.
    Turbines(f64),
    /// Batteries, GWh (full).
    Batteries(f64),
    /// Ships at a site.
    Ships(String, u32),
    /// Pads at a site.
    Pads(String, u32),
    /// Satellites in orbit.
    Constellation(ConstellationSpec),
}

/// What an event does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Effect {
    /// A message to the player: a string, or a table of languages.
    Message(Text),
    /// Set a parameter (a turbine-casting strike, a gallium embargo…).
    SetParam(String, ParamValue),
    /// Multiply a parameter.
    ScaleParam(String, f64),
    /// Multiply a parameter by a factor drawn at firing, uniformly between the two given
    /// (an embargo's severity, a bad solar year's haze): `ScaleParamBetween("solar_cost_usd_per_w", 1.2, 2.0)`.
    ScaleParamBetween(String, f64, f64),
    /// Multiply a parameter for a while: a factor and a length in days, each drawn at
    /// firing uniformly between its two bounds; when the days are up the parameter is
    /// divided by the same factor again (a strike of uncertain size and length):
    /// `ScaleParamFor("turbine_caster_gw_per_yr", (0.3, 0.7), (180, 540))`.
    ScaleParamFor(String, (f64, f64), (f64, f64)),
    /// Capital granted (positive) or taken (negative), $.
    Capital(f64),
    /// Spawn something.
    Spawn(SpawnSpec),
    /// Disable a datacenter or launch site by name: no power, no launches.
    Disable(String),
    /// Enable it again.
    Enable(String),
    /// Lock an action (`build:ship`, `research:ipo`, …).
    Lock(String),
    /// Unlock an action.
    Unlock(String),
    /// Give an order, as the player would.
    Order(Order),
}

/// An event: when a condition holds, effects happen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Event")]
pub struct EventSpec {
    /// Its id.
    pub id: String,
    /// When.
    pub when: Condition,
    /// What happens, in order.
    pub then: Vec<Effect>,
    /// Fire again each time the condition becomes true (otherwise once), within a budget:
    /// [`REPEAT_REARM_HOURS`] after it last fired at the soonest, [`REPEAT_EFFECTS_PER_YEAR`]
    /// with the level's other repeating events, and [`REPEAT_BUILDS`] in a game.
    #[serde(default)]
    pub repeat: bool,
}

/// A repeating event fires again only this many game hours after it last fired (a rise of
/// its condition before then is missed).
pub const REPEAT_REARM_HOURS: u64 = 24;
/// Most effects the repeating events of a level apply together in a game year (counted
/// from the level's start; a firing counts its effects, at least one): a firing that would
/// pass it does not happen, and the game says so once that year. A repeating event of ten
/// effects could fire every day of the year, and one of the most effects an event may have
/// (a thousand, the check's list limit) fits in a year.
pub const REPEAT_EFFECTS_PER_YEAR: usize = 3_650;
/// Most things the repeating events of a level spawn or order built in a whole game: their
/// `Spawn` and `Order` effects (ships and pads are held by the sites' limits as well). Each
/// is a thing the game carries every hour from then on, so a level cannot grow its world a
/// little every day for ever; a firing that would pass it does not happen, and the game
/// says so once.
pub const REPEAT_BUILDS: usize = 1_000;

/// Whether an effect adds to the world for good: a spawn, or an order (most build
/// something), counted against [`REPEAT_BUILDS`].
pub fn builds(e: &Effect) -> bool {
    matches!(e, Effect::Spawn(_) | Effect::Order(_))
}

/// Win or lose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum GoalKind {
    /// Reach it (by the deadline) to win; every win goal must be reached.
    Win,
    /// If its condition holds, the level is lost.
    Lose,
}

/// A goal shown to the player.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Goal")]
pub struct GoalSpec {
    /// Its id.
    pub id: String,
    /// What the player reads: a string, or a table of languages.
    pub text: Text,
    /// Win or lose.
    pub kind: GoalKind,
    /// The condition.
    pub when: Condition,
    /// A win goal not reached by this date fails, `YYYY-MM-DD`.
    #[serde(default, with = "opt_date_text")]
    pub deadline: Option<Date>,
}

/// What a lesson step points at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub enum PointAt {
    /// Nothing.
    #[default]
    Nothing,
    /// A panel of the interface, by name (`limits`, `build`, `charts`, `codex`, …).
    Panel(String),
    /// A thing in the world, by name (a site, a datacenter).
    Entity(String),
    /// A chart, by name (`power`, `compute`, `flights`, `robots`, …).
    Chart(String),
}

/// One step of a lesson.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Step")]
pub struct LessonStep {
    /// What the player reads: a string, or a table of languages.
    pub text: Text,
    /// What it points at.
    #[serde(default)]
    pub point_at: PointAt,
    /// The condition that moves on to the next step.
    pub until: Condition,
}

/// A rival faction whose figures follow scripted curves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Rival")]
pub struct RivalSpec {
    /// Its name.
    pub name: String,
    /// Its curves: (decimal year, value) points per metric, linear in between.
    pub curves: Vec<(Metric, Vec<(f64, f64)>)>,
}

impl RivalSpec {
    /// The rival's value of `metric` in `year`, if it has a curve for it.
    pub fn value(&self, metric: Metric, year: f64) -> Option<f64> {
        let (_, pts) = self.curves.iter().find(|(m, _)| *m == metric)?;
        let first = pts.first()?;
        if year <= first.0 {
            return Some(first.1);
        }
        // The first point at or after `year` (the years increase: the check holds them to
        // it), found by halving, so a long curve costs a condition little.
        let j = pts.partition_point(|p| p.0 < year);
        let (Some(&(x0, y0)), Some(&(x1, y1))) =
            (j.checked_sub(1).and_then(|i| pts.get(i)), pts.get(j))
        else {
            // Past the last point (or a year that is not a number).
            return pts.last().map(|p| p.1);
        };
        let f = if x1 > x0 {
            (year - x0) / (x1 - x0)
        } else {
            1.0
        };
        Some(y0 + (y1 - y0) * f)
    }
}

/// A date written `"YYYY-MM-DD"` in the file, read once as it loads; a bad one is an error
/// at its line and column.
mod date_text {
    use crate::sim::clock::Date;

    pub fn serialize<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&d.to_string())
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(d)?;
        Date::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("`{text}` is not a date: expected \"YYYY-MM-DD\""))
        })
    }
}

/// [`date_text`] for an optional date (`Some("2029-01-01")`).
mod opt_date_text {
    use crate::sim::clock::Date;

    pub fn serialize<S: serde::Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_some(&d.to_string()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        let text = <Option<String> as serde::Deserialize>::deserialize(d)?;
        text.map(|t| {
            Date::parse(&t).ok_or_else(|| {
                serde::de::Error::custom(format!("`{t}` is not a date: expected \"YYYY-MM-DD\""))
            })
        })
        .transpose()
    }
}

//! The level's script: events, goals, lessons and a rival, written as a small closed set
//! of RON enums — no embedded language, nothing that touches files or the network.
//!
//! Conditions are read every tick from the recorder's figures ([`TimeSeries::latest`]); random draws happen once a game day
//! from the sim's seeded generator, so a script is as deterministic as the rest.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::schema::{ConstellationSpec, DatacenterSpec, ParamValue};
use crate::i18n::Text;
use crate::sim::clock::{Date, GameClock};
use crate::sim::orders::Order;
use crate::sim::params::P;
use crate::sim::record::{Sample, TimeSeries};
use crate::sim::research::{Research, Tech};
use crate::sim::rng::DailyDraw;
use crate::sim::world::{Part, SimEffect};
use crate::sim::{SimSystems, SimTick};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Script>()
        .init_resource::<MessageLog>()
        .add_message::<LevelMessage>()
        .add_systems(SimTick, run_script.in_set(SimSystems::Script));
}

/// A figure a condition can test: any figure of the recorder's catalogue
/// ([`crate::sim::record::FIGURES`]), read as the top bar shows it now (stocks this hour,
/// flows as their mean over the last game day).
pub use crate::sim::record::Figure as Metric;

/// A condition: a small closed language of dates, thresholds, goals and chance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Condition {
    /// Always true.
    Always,
    /// On or after a date, `YYYY-MM-DD`.
    Date(String),
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
    /// Fire again each time the condition becomes true (otherwise once).
    #[serde(default)]
    pub repeat: bool,
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
    #[serde(default)]
    pub deadline: Option<String>,
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
        for w in pts.windows(2) {
            let ((x0, y0), (x1, y1)) = (w[0], w[1]);
            if year <= x1 {
                let f = if x1 > x0 {
                    (year - x0) / (x1 - x0)
                } else {
                    1.0
                };
                return Some(y0 + (y1 - y0) * f);
            }
        }
        pts.last().map(|p| p.1)
    }
}

/// The figures conditions read: the recorder's figures now.
pub type Metrics = Sample;

/// Where a goal stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GoalState {
    /// Not yet decided.
    Open,
    /// Reached on this date.
    Reached(Date),
    /// Failed on this date.
    Failed(Date),
}

/// How the level ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Every win goal reached.
    Won(Date),
    /// A lose goal's condition held, or a win goal failed; with its text.
    Lost(Date, Text),
}

/// The script running: its events, goals, lesson and rival.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct Script {
    /// Events, in file order, with whether each has fired and was true last tick.
    pub events: Vec<(EventSpec, bool, bool)>,
    /// Goals with their state.
    pub goals: Vec<(GoalSpec, GoalState)>,
    /// The lesson's steps.
    pub lesson: Vec<LessonStep>,
    /// The current step (equal to the length when done).
    pub step: usize,
    /// The rival, if any.
    pub rival: Option<RivalSpec>,
    /// How the level ended, if it has.
    pub outcome: Option<Outcome>,
    /// Today's chance draw (0–1), made at the first hour of each game day.
    pub today_draw: f64,
    /// The game reached its win goals under changed assumptions (said once).
    pub what_if_noted: bool,
}

/// A message from the level to the player.
#[derive(Message, Debug, Clone, PartialEq)]
pub struct LevelMessage {
    /// The date.
    pub date: Date,
    /// The text.
    pub text: Text,
}

/// The latest messages, newest last (at most [`MessageLog::MAX`]).
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct MessageLog {
    /// Date and text.
    pub entries: Vec<(Date, Text)>,
}

impl MessageLog {
    /// Messages kept.
    pub const MAX: usize = 200;

    /// Adds a message.
    pub fn push(&mut self, date: Date, text: Text) {
        if self.entries.len() >= Self::MAX {
            self.entries.remove(0);
        }
        self.entries.push((date, text));
    }
}

/// Evaluates a condition.
pub fn holds(c: &Condition, m: &Metrics, script: &Script, research: &Research, date: Date) -> bool {
    match c {
        Condition::Always => true,
        Condition::Date(d) => Date::parse(d).is_some_and(|d| date >= d),
        Condition::Above(metric, v) => m.get(*metric) > *v,
        Condition::Below(metric, v) => m.get(*metric) < *v,
        Condition::GoalReached(id) => script
            .goals
            .iter()
            .any(|(g, s)| g.id == *id && matches!(s, GoalState::Reached(_))),
        Condition::GoalFailed(id) => script
            .goals
            .iter()
            .any(|(g, s)| g.id == *id && matches!(s, GoalState::Failed(_))),
        Condition::Researched(t) => research.has(*t),
        Condition::Chance(p) => script.today_draw < *p,
        Condition::AheadOfRival(metric) | Condition::BehindRival(metric) => {
            let ours = m.get(*metric);
            let Some(theirs) = script
                .rival
                .as_ref()
                .and_then(|r| r.value(*metric, m.get(Metric::Year)))
            else {
                return false;
            };
            if matches!(c, Condition::AheadOfRival(_)) {
                ours > theirs
            } else {
                ours < theirs
            }
        }
        Condition::All(cs) => cs.iter().all(|c| holds(c, m, script, research, date)),
        Condition::Any(cs) => cs.iter().any(|c| holds(c, m, script, research, date)),
        Condition::Not(c) => !holds(c, m, script, research, date),
    }
}

/// What effects write: the player's message log, and the sim's effects ([`SimEffect`]),
/// which the sim applies in its own order set right after the script.
#[derive(bevy::ecs::system::SystemParam)]
struct Effects<'w> {
    log: ResMut<'w, MessageLog>,
    messages: MessageWriter<'w, LevelMessage>,
    sim: MessageWriter<'w, SimEffect>,
}

/// The sim's part of a spawn.
fn part(s: &SpawnSpec) -> Part {
    match s {
        SpawnSpec::Datacenter(dc) => Part::Datacenter {
            name: dc.name.clone(),
            climate: dc.climate,
            gpu_slots: dc.gpu_slots,
            gpus: dc.gpus,
        },
        SpawnSpec::Solar(gw) => Part::Solar(*gw),
        SpawnSpec::Turbines(gw) => Part::Turbines(*gw),
        SpawnSpec::Batteries(gwh) => Part::Batteries(*gwh),
        SpawnSpec::Ships(site, n) => Part::Ships(site.clone(), *n),
        SpawnSpec::Pads(site, n) => Part::Pads(site.clone(), *n),
        SpawnSpec::Constellation(c) => Part::Constellation {
            orbit: c.orbit,
            solar_gw: c.solar_gw,
            gpus: c.gpus,
        },
    }
}

impl Effects<'_> {
    fn apply(&mut self, effect: &Effect, date: Date) {
        let sim = match effect {
            Effect::Message(text) => {
                self.log.push(date, text.clone());
                self.messages.write(LevelMessage {
                    date,
                    text: text.clone(),
                });
                return;
            }
            Effect::SetParam(name, value) => {
                let Some(key) = P::from_name(name) else {
                    return;
                };
                let v = match value {
                    ParamValue::Number(v) => Some(*v),
                    ParamValue::WithUnit(t) => super::check::convert(t, key.def().unit).ok(),
                };
                let Some(v) = v else { return };
                SimEffect::SetParam(key, v)
            }
            Effect::ScaleParam(name, f) => {
                let Some(key) = P::from_name(name) else {
                    return;
                };
                SimEffect::ScaleParam(key, *f)
            }
            Effect::Capital(usd) => SimEffect::Capital(*usd),
            Effect::Spawn(s) => SimEffect::Spawn(part(s)),
            Effect::Disable(name) => SimEffect::Disable(name.clone()),
            Effect::Enable(name) => SimEffect::Enable(name.clone()),
            Effect::Lock(action) => SimEffect::Lock(action.clone()),
            Effect::Unlock(action) => SimEffect::Unlock(action.clone()),
            Effect::Order(order) => SimEffect::Order(order.clone()),
        };
        self.sim.write(sim);
    }
}

fn run_script(
    clock: Res<GameClock>,
    research: Res<Research>,
    series: Res<TimeSeries>,
    draw: Res<DailyDraw>,
    mut script: ResMut<Script>,
    params: Res<crate::sim::params::Params>,
    mut fx: Effects,
) {
    if script.outcome.is_some() && script.events.is_empty() && script.step >= script.lesson.len() {
        return;
    }
    let date = clock.date();
    let metrics = series.latest;
    // Today's chance, drawn by the sim at the first hour of the day.
    script.today_draw = draw.today;
    // Goals first, so events can react to them in the same tick.
    for i in 0..script.goals.len() {
        if script.goals[i].1 != GoalState::Open {
            continue;
        }
        let (goal, _) = &script.goals[i];
        let now = holds(&goal.when, &metrics, &script, &research, date);
        let past_deadline = goal
            .deadline
            .as_deref()
            .and_then(Date::parse)
            .is_some_and(|d| date > d);
        let state = match (goal.kind, now, past_deadline) {
            (GoalKind::Win, true, _) => GoalState::Reached(date),
            (GoalKind::Win, false, true) => GoalState::Failed(date),
            (GoalKind::Lose, true, _) => GoalState::Failed(date),
            (GoalKind::Lose, false, true) => GoalState::Reached(date),
            _ => continue,
        };
        let text = goal.text.clone();
        let failed = matches!(state, GoalState::Failed(_));
        script.goals[i].1 = state;
        fx.apply(
            &Effect::Message(crate::i18n::text(
                if failed {
                    "msg-goal-failed"
                } else {
                    "msg-goal-reached"
                },
                &[("text", text.clone())],
            )),
            date,
        );
        if failed && script.outcome.is_none() {
            script.outcome = Some(Outcome::Lost(date, text));
        }
    }
    let wins: Vec<&GoalState> = script
        .goals
        .iter()
        .filter(|(g, _)| g.kind == GoalKind::Win)
        .map(|(_, s)| s)
        .collect();
    if script.outcome.is_none()
        && !wins.is_empty()
        && wins.iter().all(|s| matches!(s, GoalState::Reached(_)))
    {
        // Changed assumptions are no way around a wall: a what-if game reaches its goals
        // but does not win the level.
        if !params.is_what_if() {
            script.outcome = Some(Outcome::Won(date));
            fx.apply(
                &Effect::Message(crate::i18n::text("msg-level-won", &[])),
                date,
            );
        } else if !script.what_if_noted {
            script.what_if_noted = true;
            fx.apply(
                &Effect::Message(crate::i18n::text("msg-what-if-no-win", &[])),
                date,
            );
        }
    }
    // Events, in file order.
    for i in 0..script.events.len() {
        let (ev, fired, was_true) = &script.events[i];
        if *fired && !ev.repeat {
            continue;
        }
        let now = holds(&ev.when, &metrics, &script, &research, date);
        let rising = now && !*was_true;
        let effects = if rising { ev.then.clone() } else { Vec::new() };
        script.events[i].2 = now;
        if rising {
            script.events[i].1 = true;
            for e in &effects {
                fx.apply(e, date);
            }
        }
    }
    // The lesson moves on when its step's condition holds.
    while script.step < script.lesson.len()
        && holds(
            &script.lesson[script.step].until,
            &metrics,
            &script,
            &research,
            date,
        )
    {
        script.step += 1;
    }
}

fn uses_chance(c: &Condition) -> bool {
    match c {
        Condition::Chance(_) => true,
        Condition::All(cs) | Condition::Any(cs) => cs.iter().any(uses_chance),
        Condition::Not(c) => uses_chance(c),
        _ => false,
    }
}

/// Whether any condition of `level` asks for chance (so the sim draws once a day).
pub fn level_uses_chance(level: &super::schema::Level) -> bool {
    level.events.iter().any(|e| uses_chance(&e.when))
        || level.goals.iter().any(|g| uses_chance(&g.when))
        || level.lessons.iter().any(|l| uses_chance(&l.until))
}

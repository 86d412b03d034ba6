//! The level's script: events, goals, lessons and a rival, written as a small closed set
//! of RON enums — no embedded language, nothing that touches files or the network.
//!
//! Conditions are read every tick from the recorder's figures ([`TimeSeries::latest`]); random draws happen once a game day
//! from the sim's seeded generator, so a script is as deterministic as the rest.

use bevy::prelude::*;

use super::schema::ParamValue;
use crate::i18n::Text;
use crate::sim::clock::{Date, GameClock};
use crate::sim::params::{P, Params};
use crate::sim::record::{Sample, TimeSeries};
use crate::sim::research::Research;
use crate::sim::rng::DailyDraw;
use crate::sim::world::{Part, SimEffect};
use crate::sim::{SimSystems, SimTick};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Script>()
        .init_resource::<MessageLog>()
        .add_message::<LevelMessage>()
        .add_systems(SimTick, run_script.in_set(SimSystems::Script));
}

pub use super::schema::{
    Condition, Effect, EventSpec, GoalKind, GoalSpec, LessonStep, Metric, PointAt, RivalSpec,
    SpawnSpec,
};

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
        Condition::Date(d) => date >= *d,
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
                    ParamValue::WithUnit(t) => super::units::convert(t, key.def().unit).ok(),
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

/// Runs the script for this hour: the goals first, so events can react to them in the same
/// tick; then whether the level is won; the events in file order; the lesson.
fn run_script(
    clock: Res<GameClock>,
    research: Res<Research>,
    series: Res<TimeSeries>,
    draw: Res<DailyDraw>,
    mut script: ResMut<Script>,
    params: Res<Params>,
    mut fx: Effects,
) {
    if script.outcome.is_some() && script.events.is_empty() && script.step >= script.lesson.len() {
        return;
    }
    let date = clock.date();
    let metrics = series.latest;
    // Today's chance, drawn by the sim at the first hour of the day.
    script.today_draw = draw.today;
    decide_goals(&mut script, &metrics, &research, date, &mut fx);
    decide_win(&mut script, &params, date, &mut fx);
    fire_events(&mut script, &metrics, &research, date, &mut fx);
    advance_lesson(&mut script, &metrics, &research, date);
}

/// Decides each open goal whose condition now holds, or whose deadline has passed, and
/// says so; a goal that fails loses the level, unless it was decided before.
fn decide_goals(
    script: &mut Script,
    metrics: &Metrics,
    research: &Research,
    date: Date,
    fx: &mut Effects,
) {
    for i in 0..script.goals.len() {
        if script.goals[i].1 != GoalState::Open {
            continue;
        }
        let (goal, _) = &script.goals[i];
        let now = holds(&goal.when, metrics, script, research, date);
        let past_deadline = goal.deadline.is_some_and(|d| date > d);
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
}

/// Wins the level once every win goal is reached and nothing has lost it. Changed
/// assumptions are no way around a wall: a what-if game reaches its goals but does not win
/// the level, and is told so once.
fn decide_win(script: &mut Script, params: &Params, date: Date, fx: &mut Effects) {
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
}

/// Fires the events, in file order, whose condition has just become true (an event that
/// has fired fires again only if it repeats), applying their effects in order.
fn fire_events(
    script: &mut Script,
    metrics: &Metrics,
    research: &Research,
    date: Date,
    fx: &mut Effects,
) {
    for i in 0..script.events.len() {
        let (ev, fired, was_true) = &script.events[i];
        if *fired && !ev.repeat {
            continue;
        }
        let now = holds(&ev.when, metrics, script, research, date);
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
}

/// Moves the lesson on past every step whose condition holds.
fn advance_lesson(script: &mut Script, metrics: &Metrics, research: &Research, date: Date) {
    while script.step < script.lesson.len()
        && holds(
            &script.lesson[script.step].until,
            metrics,
            script,
            research,
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

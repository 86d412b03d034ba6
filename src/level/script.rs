//! The level's script: events, goals, lessons and a rival, written as a small closed set
//! of RON enums — no embedded language, nothing that touches files or the network.
//!
//! Conditions are read every tick from the recorder's figures ([`TimeSeries::latest`]); random draws happen once a game day
//! from the sim's seeded generator, so a script is as deterministic as the rest.

use std::collections::{BTreeMap, HashMap};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::schema::{Level, ParamValue};
use crate::i18n::Text;
use crate::sim::clock::{Date, GameClock};
use crate::sim::launch::{LaunchSite, Pad, Ship};
use crate::sim::params::{P, Params};
use crate::sim::record::{Sample, TimeSeries};
use crate::sim::research::Research;
use crate::sim::rng::DailyDraw;
use crate::sim::world::{Craft, Fleet, MAX_SHIPS_AND_PADS, Part, SimEffect};
use crate::sim::{SimSystems, SimTick};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Script>()
        .init_resource::<MessageLog>()
        .add_message::<LevelMessage>()
        .add_systems(SimTick, run_script.in_set(SimSystems::Script));
}

pub use super::schema::{
    Condition, Effect, EventSpec, GoalKind, GoalSpec, LessonStep, Metric, PointAt, REPEAT_BUILDS,
    REPEAT_EFFECTS_PER_YEAR, REPEAT_REARM_HOURS, RivalSpec, SpawnSpec, builds,
};

/// The figures conditions read: the recorder's figures now.
pub type Metrics = Sample;

/// Where a goal stands.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub enum GoalState {
    /// Not yet decided.
    Open,
    /// Reached on this date.
    Reached(Date),
    /// Failed on this date.
    Failed(Date),
}

/// How the level ended.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub enum Outcome {
    /// Every win goal reached.
    Won(Date),
    /// A lose goal's condition held, or a win goal failed; with its text.
    Lost(Date, #[serde(with = "crate::text::exact")] Text),
}

/// Game hours in a game year of [`REPEAT_EFFECTS_PER_YEAR`].
const HOURS_PER_GAME_YEAR: u64 = 8_760;

/// The repeating events' budget: when each last fired, what they have spent of the game
/// year's [`REPEAT_EFFECTS_PER_YEAR`], and what they have built of the game's
/// [`REPEAT_BUILDS`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Repeats {
    /// The game year spent from (0 is the level's first).
    pub year: u64,
    /// Effects the repeating events applied in it.
    pub spent: usize,
    /// Whether the player was told that year's budget is spent.
    pub told: bool,
    /// The game hour each repeating event last fired, by its place in the events.
    pub last_fired: BTreeMap<usize, u64>,
    /// Things the repeating events spawned or ordered built, all game.
    pub built: usize,
    /// Whether the player was told they have built all they may.
    pub told_built: bool,
}

/// Why a repeating event did not fire on a rise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Held {
    /// It fired less than [`REPEAT_REARM_HOURS`] ago.
    Rearming,
    /// The game year's budget has no room for its effects.
    Budget,
    /// The game's [`REPEAT_BUILDS`] have no room for what it spawns or orders.
    Builds,
}

impl Repeats {
    /// Counts a firing of repeating event `event` at game hour `tick` with `effects`
    /// effects, `builds` of them a spawn or an order, if it may fire: re-armed, with room
    /// in the game year's budget and in the game's builds.
    fn fire(&mut self, event: usize, tick: u64, effects: usize, builds: usize) -> Result<(), Held> {
        let year = tick / HOURS_PER_GAME_YEAR;
        if year != self.year {
            self.year = year;
            self.spent = 0;
            self.told = false;
        }
        if self
            .last_fired
            .get(&event)
            .is_some_and(|t| tick < t + REPEAT_REARM_HOURS)
        {
            return Err(Held::Rearming);
        }
        let cost = effects.max(1);
        if self.spent + cost > REPEAT_EFFECTS_PER_YEAR {
            return Err(Held::Budget);
        }
        if self.built + builds > REPEAT_BUILDS {
            return Err(Held::Builds);
        }
        self.spent += cost;
        self.built += builds;
        self.last_fired.insert(event, tick);
        Ok(())
    }
}

/// The script running: its events, goals, lesson and rival.
#[derive(Resource, Clone, Serialize, Deserialize, Default, PartialEq)]
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
    /// The repeating events' budget.
    pub repeats: Repeats,
    /// The scores on the day the level was won ([`super::won`]), kept as they were then
    /// while the game goes on.
    #[serde(default)]
    pub won_scores: Option<super::won::Scores>,
    /// The player's answer to the level's prediction, the choice's place (from 0), if the
    /// level asks one and the player answered before play.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicted: Option<u32>,
    /// Where each goal is in `goals`, by id, for the conditions on goals (built with the
    /// script: [`Script::start`]). Not in a snapshot: a restored script finds its goals by
    /// looking through them, as a goal missing from the index is.
    #[serde(skip)]
    goal_index: HashMap<String, usize>,
}

impl Script {
    /// The script of `level` at its start: nothing fired, every goal open.
    pub fn start(level: &Level) -> Self {
        Self {
            events: level
                .events
                .iter()
                .map(|e| (e.clone(), false, false))
                .collect(),
            goals: level
                .goals
                .iter()
                .map(|g| (g.clone(), GoalState::Open))
                .collect(),
            lesson: level.lessons.clone(),
            step: 0,
            rival: level.rival.clone(),
            outcome: None,
            today_draw: 1.0,
            what_if_noted: false,
            repeats: Repeats::default(),
            won_scores: None,
            predicted: None,
            goal_index: level
                .goals
                .iter()
                .enumerate()
                .map(|(i, g)| (g.id.clone(), i))
                .rev()
                .collect(),
        }
    }

    /// The state of the goal `id`, if there is one (the first of that id).
    fn goal(&self, id: &str) -> Option<&GoalState> {
        match self.goal_index.get(id) {
            Some(&i) if self.goals.get(i).is_some_and(|(g, _)| g.id == id) => {
                Some(&self.goals[i].1)
            }
            _ => self.goals.iter().find(|(g, _)| g.id == id).map(|(_, s)| s),
        }
    }
}

impl std::fmt::Debug for Script {
    /// As derived, less the goal index (the goals' places, not state), and with the
    /// repeating events' budget only once one has fired: the state of a game whose level
    /// repeats nothing reads as it did before there was a budget.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut d = f.debug_struct("Script");
        d.field("events", &self.events)
            .field("goals", &self.goals)
            .field("lesson", &self.lesson)
            .field("step", &self.step)
            .field("rival", &self.rival)
            .field("outcome", &self.outcome)
            .field("today_draw", &self.today_draw)
            .field("what_if_noted", &self.what_if_noted);
        if self.repeats != Repeats::default() {
            d.field("repeats", &self.repeats);
        }
        if let Some(s) = &self.won_scores {
            d.field("won_scores", s);
        }
        // Like the scores: a game without an answer reads as it did before predictions.
        if let Some(c) = &self.predicted {
            d.field("predicted", c);
        }
        d.finish()
    }
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
#[derive(Resource, Debug, Clone, Serialize, Deserialize, Default, PartialEq)]
pub struct MessageLog {
    /// Date and text.
    #[serde(with = "dated_texts")]
    pub entries: Vec<(Date, Text)>,
}

/// The log's entries in a snapshot: each text exactly ([`crate::text::exact`]).
mod dated_texts {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::sim::clock::Date;
    use crate::text::Text;
    use crate::text::exact::Exact;

    pub fn serialize<S: Serializer>(entries: &[(Date, Text)], s: S) -> Result<S::Ok, S::Error> {
        let exact: Vec<(Date, Exact)> = entries
            .iter()
            .map(|(d, t)| (*d, Exact(t.clone())))
            .collect();
        exact.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(Date, Text)>, D::Error> {
        let exact = Vec::<(Date, Exact)>::deserialize(d)?;
        Ok(exact.into_iter().map(|(d, e)| (d, e.0)).collect())
    }
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
        Condition::GoalReached(id) => matches!(script.goal(id), Some(GoalState::Reached(_))),
        Condition::GoalFailed(id) => matches!(script.goal(id), Some(GoalState::Failed(_))),
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
/// which the sim applies in its own order set right after the script; and what they read
/// to keep spawned ships and pads within the sites' limits.
#[derive(bevy::ecs::system::SystemParam)]
struct Effects<'w, 's> {
    log: ResMut<'w, MessageLog>,
    messages: MessageWriter<'w, LevelMessage>,
    sim: MessageWriter<'w, SimEffect>,
    sites: Query<'w, 's, (Entity, &'static LaunchSite)>,
    ships: Query<'w, 's, &'static Ship>,
    pads: Query<'w, 's, &'static Pad>,
    /// What the sites hold, counted at the hour's first spawn of ships or pads and kept
    /// up to date with what this hour's effects add (emptied each hour).
    fleet: Local<'s, Option<Fleet>>,
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

impl Effects<'_, '_> {
    /// How many of the `n` `craft` a spawn asks for at `site` fit there (all of them at a
    /// site the world lacks: the sim spawns none), adding them to this hour's count.
    fn fit(&mut self, site: &str, craft: Craft, n: u32) -> u32 {
        let Some((e, _)) = self.sites.iter().find(|(_, s)| s.name == site) else {
            return n;
        };
        let (ships, pads) = (&self.ships, &self.pads);
        self.fleet
            .get_or_insert_with(|| Fleet::count(ships, pads))
            .add(e, craft, n)
    }

    /// A spawn of ships or pads cut to what fits ([`Self::fit`]), with a message to the
    /// player if it was cut; any other spawn as it is.
    fn spawn(&mut self, s: &SpawnSpec, date: Date) -> Part {
        let (site, craft, n) = match s {
            SpawnSpec::Ships(site, n) => (site, Craft::Ships, *n),
            SpawnSpec::Pads(site, n) => (site, Craft::Pads, *n),
            _ => return part(s),
        };
        let fit = self.fit(site, craft, n);
        if fit == n {
            return part(s);
        }
        let key = match craft {
            Craft::Ships => "msg-ships-clipped",
            Craft::Pads => "msg-pads-clipped",
        };
        let text = crate::i18n::text(
            key,
            &[
                ("site", site.as_str().into()),
                ("asked", crate::i18n::count(f64::from(n))),
                ("added", crate::i18n::count(f64::from(fit))),
                ("max", crate::i18n::count(f64::from(craft.max_per_site()))),
                ("all", crate::i18n::count(f64::from(MAX_SHIPS_AND_PADS))),
            ],
        );
        self.apply(&Effect::Message(text), date);
        match craft {
            Craft::Ships => Part::Ships(site.clone(), fit),
            Craft::Pads => Part::Pads(site.clone(), fit),
        }
    }

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
            Effect::ScaleParamBetween(name, lo, hi) => {
                let Some(key) = P::from_name(name) else {
                    return;
                };
                SimEffect::ScaleParamDrawn {
                    key,
                    by: (*lo, *hi),
                    days: None,
                }
            }
            Effect::ScaleParamFor(name, by, days) => {
                let Some(key) = P::from_name(name) else {
                    return;
                };
                SimEffect::ScaleParamDrawn {
                    key,
                    by: *by,
                    days: Some(*days),
                }
            }
            Effect::Capital(usd) => SimEffect::Capital(*usd),
            Effect::Spawn(s) => SimEffect::Spawn(self.spawn(s, date)),
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
    capital: Res<crate::sim::economy::Capital>,
    mut fx: Effects,
) {
    if script.outcome.is_some() && script.events.is_empty() && script.step >= script.lesson.len() {
        return;
    }
    let date = clock.date();
    let metrics = series.latest;
    *fx.fleet = None;
    // Today's chance, drawn by the sim at the first hour of the day.
    script.today_draw = draw.today;
    decide_goals(&mut script, &metrics, &research, date, &mut fx);
    decide_win(&mut script, &params, date, &mut fx);
    if let (Some(Outcome::Won(d)), None) = (&script.outcome, &script.won_scores) {
        script.won_scores = Some(super::won::Scores::won_on(*d, clock.start, &capital));
    }
    fire_events(
        &mut script,
        &metrics,
        &research,
        (clock.tick, date),
        &mut fx,
    );
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
/// has fired fires again only if it repeats), applying their effects in order. A repeating
/// event fires only within its budget ([`Repeats::fire`]); the first rise the year's
/// budget holds back is told to the player, and the first the game's builds hold back.
fn fire_events(
    script: &mut Script,
    metrics: &Metrics,
    research: &Research,
    (tick, date): (u64, Date),
    fx: &mut Effects,
) {
    for i in 0..script.events.len() {
        let (ev, fired, was_true) = &script.events[i];
        if *fired && !ev.repeat {
            continue;
        }
        let now = holds(&ev.when, metrics, script, research, date);
        let rising = now && !*was_true;
        script.events[i].2 = now;
        if !rising {
            continue;
        }
        if script.events[i].0.repeat {
            let then = &script.events[i].0.then;
            let built = then.iter().filter(|e| builds(e)).count();
            let held = script.repeats.fire(i, tick, then.len(), built);
            let (told, key, max) = match held {
                Ok(()) => (None, "", 0),
                Err(Held::Rearming) => continue,
                Err(Held::Budget) => (
                    Some(&mut script.repeats.told),
                    "msg-repeats-spent",
                    REPEAT_EFFECTS_PER_YEAR,
                ),
                Err(Held::Builds) => (
                    Some(&mut script.repeats.told_built),
                    "msg-repeats-built",
                    REPEAT_BUILDS,
                ),
            };
            if let Some(told) = told {
                if !*told {
                    *told = true;
                    let max = crate::i18n::count(max as f64);
                    fx.apply(
                        &Effect::Message(crate::i18n::text(key, &[("max", max)])),
                        date,
                    );
                }
                continue;
            }
        }
        script.events[i].1 = true;
        let effects = script.events[i].0.then.clone();
        for e in &effects {
            fx.apply(e, date);
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

//! The checks of a level's script: its events and their effects, the conditions events,
//! goals and lessons share, the goals, the lessons and the rival's curves. Every name the
//! script refers to (a launch site, a datacenter, a goal, a parameter, an action) must be
//! one the level has, with the nearest for a misspelling.

use super::{MAX_AMOUNT, MAX_LIST, Reporter, all_actions, convert, nearest};
use crate::level::schema::{
    Condition, Effect, GoalSpec, LessonStep, Level, ParamValue, PointAt, RivalSpec, SpawnSpec,
};
use crate::sim::orders::{BuildKind, Order};
use crate::sim::params::{CATALOGUE, P};
use crate::text::plain;

/// Names a script may refer to.
pub(super) struct Names {
    sites: NameList,
    /// The sites and the datacenters: what may be disabled, enabled or pointed at.
    places: NameList,
    goals: NameList,
}

/// Names in the level's order, and the same as a set: a level may name many things many
/// times, and each look-up is one step.
struct NameList {
    list: Vec<String>,
    set: std::collections::HashSet<String>,
}

impl NameList {
    fn new(list: Vec<String>) -> Self {
        Self {
            set: list.iter().cloned().collect(),
            list,
        }
    }

    fn contains(&self, name: &str) -> bool {
        self.set.contains(name)
    }
}

impl std::ops::Deref for NameList {
    type Target = [String];

    fn deref(&self) -> &[String] {
        &self.list
    }
}

impl Names {
    /// The level's launch sites (`site_names`, as the world's check found them), its
    /// datacenters (those it starts with, then those its events spawn) and its goals.
    pub(super) fn of(level: &Level, site_names: &[&str]) -> Self {
        let mut hall_names: Vec<String> = level
            .world
            .datacenters
            .iter()
            .map(|d| d.name.clone())
            .collect();
        for ev in &level.events {
            for e in &ev.then {
                if let Effect::Spawn(SpawnSpec::Datacenter(d)) = e {
                    hall_names.push(d.name.clone());
                }
            }
        }
        let sites: Vec<String> = site_names.iter().map(|s| s.to_string()).collect();
        Self {
            places: NameList::new(sites.iter().cloned().chain(hall_names).collect()),
            sites: NameList::new(sites),
            goals: NameList::new(level.goals.iter().map(|g| g.id.clone()).collect()),
        }
    }
}

/// Names listed after an unknown name when none is near.
const NAMES_LISTED: usize = 20;

/// The hint after an unknown name: the nearest of `names`, or the first [`NAMES_LISTED`]
/// of them.
fn did_you_mean(name: &str, names: &[String]) -> String {
    nearest(name, names.iter().map(String::as_str))
        .map(|n| format!("; did you mean `{n}`?"))
        .unwrap_or_else(|| {
            if names.len() > NAMES_LISTED {
                format!(
                    "; expected one of {:?} or {} more",
                    &names[..NAMES_LISTED],
                    names.len() - NAMES_LISTED
                )
            } else {
                format!("; expected one of {names:?}")
            }
        })
}

/// Checks the script: its events with their effects, then its goals, its lessons and its
/// rival, in that order. A list longer than [`MAX_LIST`] is reported as such (by the
/// world's check) and its entries are not checked one by one.
pub(super) fn check_script(level: &Level, names: &Names, r: &mut Reporter) {
    if level.events.len() <= MAX_LIST {
        check_events(level, names, r);
    }
    if level.goals.len() <= MAX_LIST {
        check_goals(&level.goals, names, r);
    }
    if level.lessons.len() <= MAX_LIST {
        check_lessons(&level.lessons, names, r);
    }
    check_rival(level.rival.as_ref(), r);
}

/// Checks a condition and those inside it: finite thresholds, known goals, chances from 0
/// to 1. Errors point at `at`, the place of what the condition belongs to.
fn check_condition(c: &Condition, at: &[&str], names: &Names, r: &mut Reporter) {
    match c {
        Condition::Always | Condition::Researched(_) => {}
        // Read as a date when the file was parsed.
        Condition::Date(_) => {}
        Condition::Above(_, v) | Condition::Below(_, v) => {
            if !v.is_finite() {
                r.at(
                    at,
                    format!("threshold {}: expected a finite number", plain(*v)),
                );
            }
        }
        Condition::GoalReached(id) | Condition::GoalFailed(id) => {
            if !names.goals.contains(id) && !r.full() {
                r.at(
                    &[at, &[&format!("\"{id}\"")]].concat(),
                    format!("unknown goal `{id}`{}", did_you_mean(id, &names.goals)),
                );
            }
        }
        Condition::Chance(p) => {
            if !(0.0..=1.0).contains(p) {
                r.at(
                    &[at, &["Chance"]].concat(),
                    format!("chance {}: expected a probability from 0 to 1", plain(*p)),
                );
            }
        }
        Condition::AheadOfRival(_) | Condition::BehindRival(_) => {}
        Condition::All(cs) | Condition::Any(cs) => {
            for c in cs {
                check_condition(c, at, names, r);
            }
        }
        Condition::Not(c) => check_condition(c, at, names, r),
    }
}

/// Checks a parameter an effect sets or scales: a known name and, if set, a value in its
/// range (a plain number, or a number with a unit converted to the catalogue's).
fn check_param(name: &str, value: Option<&ParamValue>, at: &[&str], r: &mut Reporter) {
    let needle = format!("\"{name}\"");
    let at = [at, &[needle.as_str()]].concat();
    let Some(key) = P::from_name(name) else {
        let hint = nearest(name, CATALOGUE.iter().map(|d| d.name))
            .map(|n| format!("; did you mean `{n}`?"))
            .unwrap_or_default();
        r.at(&at, format!("unknown parameter `{name}`{hint}"));
        return;
    };
    let def = key.def();
    let v = match value {
        None => return,
        Some(ParamValue::Number(v)) => Ok(*v),
        Some(ParamValue::WithUnit(t)) => convert(t, def.unit),
    };
    match v {
        Err(msg) => r.at(&at, format!("`{name}`: {msg}")),
        Ok(v) if !v.is_finite() || v < def.min || v > def.max => r.at(
            &at,
            format!(
                "`{name}` = {} is out of range: expected {} to {} {}",
                plain(v),
                plain(def.min),
                plain(def.max),
                def.unit
            ),
        ),
        Ok(_) => {}
    }
}

/// Checks the events in file order: unique ids, then each one's condition and effects.
fn check_events(level: &Level, names: &Names, r: &mut Reporter) {
    let known_actions = all_actions();
    let mut ids: Vec<&str> = Vec::new();
    for ev in &level.events {
        let id = format!("\"{}\"", ev.id);
        let at = ["events", id.as_str()];
        if ids.contains(&ev.id.as_str()) {
            r.at(
                &at,
                format!("event `{}` is defined twice: expected unique ids", ev.id),
            );
        }
        ids.push(&ev.id);
        check_condition(&ev.when, &at, names, r);
        for e in &ev.then {
            check_effect(e, &at, names, &known_actions, r);
        }
    }
}

/// Longest an event's lasting scale may last, days (a century).
const MAX_EVENT_DAYS: f64 = 36_525.0;

/// A drawn factor's bounds: finite, 0 or more, the first at most the second.
fn check_factor_range(what: &str, lo: f64, hi: f64, at: &[&str], r: &mut Reporter) {
    if !(lo.is_finite() && (0.0..=hi).contains(&lo) && hi <= 1e6) {
        r.at(
            &[at, &[what]].concat(),
            format!(
                "{what} factors {}..{}: expected finite factors with 0 ≤ the first ≤ the second ≤ 1e6",
                plain(lo),
                plain(hi)
            ),
        );
    }
}

/// Checks one effect of the event at `at`: parameters known and in range, finite amounts,
/// and every site, datacenter or action it names one that exists (`known_actions` are the
/// actions the game knows).
fn check_effect(e: &Effect, at: &[&str], names: &Names, known_actions: &[&str], r: &mut Reporter) {
    match e {
        Effect::Message(_) => {}
        Effect::SetParam(name, v) => check_param(name, Some(v), at, r),
        Effect::ScaleParam(name, f) => {
            check_param(name, None, at, r);
            if !f.is_finite() || *f < 0.0 {
                r.at(
                    at,
                    format!("scale {}: expected a finite factor of 0 or more", plain(*f)),
                );
            }
        }
        Effect::ScaleParamBetween(name, lo, hi) => {
            check_param(name, None, at, r);
            check_factor_range("ScaleParamBetween", *lo, *hi, at, r);
        }
        Effect::ScaleParamFor(name, (lo, hi), (d0, d1)) => {
            check_param(name, None, at, r);
            check_factor_range("ScaleParamFor", *lo, *hi, at, r);
            if lo.min(*hi) <= 0.0 {
                r.at(
                    &[at, &["ScaleParamFor"]].concat(),
                    format!(
                        "ScaleParamFor factors {}..{}: a lasting scale is undone by dividing, so expected factors above 0",
                        plain(*lo),
                        plain(*hi)
                    ),
                );
            }
            if !(d0.is_finite() && (0.0..=*d1).contains(d0) && *d1 <= MAX_EVENT_DAYS) {
                r.at(
                    &[at, &["ScaleParamFor"]].concat(),
                    format!(
                        "ScaleParamFor days {}..{}: expected 0 ≤ the first ≤ the second ≤ {MAX_EVENT_DAYS}",
                        plain(*d0),
                        plain(*d1)
                    ),
                );
            }
        }
        Effect::Capital(usd) => {
            if !usd.is_finite() || usd.abs() > MAX_AMOUNT {
                r.at(
                    &[at, &["Capital"]].concat(),
                    format!(
                        "capital {}: expected a finite amount up to {MAX_AMOUNT:e}",
                        plain(*usd)
                    ),
                );
            }
        }
        Effect::Spawn(sp) => check_spawn(sp, at, names, r),
        Effect::Disable(name) | Effect::Enable(name) => {
            if !names.places.contains(name) && !r.full() {
                r.at(
                    &[at, &[&format!("\"{name}\"")]].concat(),
                    format!(
                        "nothing named `{name}` to disable or enable{}",
                        did_you_mean(name, &names.places)
                    ),
                );
            }
        }
        Effect::Lock(a) | Effect::Unlock(a) => {
            if !known_actions.contains(&a.as_str()) {
                let hint = nearest(a, known_actions.iter().copied())
                    .map(|n| format!("; did you mean `{n}`?"))
                    .unwrap_or_default();
                r.at(
                    &[at, &[&format!("\"{a}\"")]].concat(),
                    format!("unknown action `{a}`{hint}"),
                );
            }
        }
        Effect::Order(Order::Build(
            BuildKind::Ship { site }
            | BuildKind::Pad { site }
            | BuildKind::MethanePlant { site, .. },
        )) => {
            if !names.sites.contains(site) && !r.full() {
                r.at(
                    &[at, &[&format!("\"{site}\"")]].concat(),
                    format!("unknown site `{site}`{}", did_you_mean(site, &names.sites)),
                );
            }
        }
        Effect::Order(_) => {}
    }
}

/// Checks what an event at `at` spawns: ships and pads at a known site (how many a site
/// may hold is `bounds`' check); amounts in range.
fn check_spawn(sp: &SpawnSpec, at: &[&str], names: &Names, r: &mut Reporter) {
    match sp {
        SpawnSpec::Ships(site, _) | SpawnSpec::Pads(site, _) => {
            if !names.sites.contains(site) && !r.full() {
                r.at(
                    &[at, &[&format!("\"{site}\"")]].concat(),
                    format!("unknown site `{site}`{}", did_you_mean(site, &names.sites)),
                );
            }
        }
        SpawnSpec::Solar(x) | SpawnSpec::Turbines(x) | SpawnSpec::Batteries(x) => {
            r.amount(at, "amount", *x)
        }
        SpawnSpec::Datacenter(d) => {
            r.amount(at, "gpu_slots", d.gpu_slots);
            r.amount(at, "gpus", d.gpus);
        }
        SpawnSpec::Constellation(c) => {
            r.amount(at, "solar_gw", c.solar_gw);
            r.amount(at, "gpus", c.gpus);
        }
    }
}

/// Checks the goals: unique ids, and each one's condition.
fn check_goals(goals: &[GoalSpec], names: &Names, r: &mut Reporter) {
    let mut goal_ids: Vec<&str> = Vec::new();
    for g in goals {
        let id = format!("\"{}\"", g.id);
        let at = ["goals", id.as_str()];
        if goal_ids.contains(&g.id.as_str()) {
            r.at(
                &at,
                format!("goal `{}` is defined twice: expected unique ids", g.id),
            );
        }
        goal_ids.push(&g.id);
        check_condition(&g.when, &at, names, r);
    }
}

/// Checks the lesson's steps: each one's condition, and what it points at a launch site or
/// datacenter the level has.
fn check_lessons(lessons: &[LessonStep], names: &Names, r: &mut Reporter) {
    for step in lessons {
        let at = ["lessons"];
        check_condition(&step.until, &at, names, r);
        if let PointAt::Entity(name) = &step.point_at
            && !names.places.contains(name)
            && !r.full()
        {
            r.at(
                &["lessons", &format!("\"{name}\"")],
                format!(
                    "nothing named `{name}` to point at{}",
                    did_you_mean(name, &names.places)
                ),
            );
        }
    }
}

/// Checks the rival's curves: each a list of finite (year, value) points in increasing
/// years, at most [`MAX_LIST`] of them, and one curve for a metric (the rival's value is
/// read from the first).
fn check_rival(rival: Option<&RivalSpec>, r: &mut Reporter) {
    if let Some(rival) = rival {
        let mut seen = Vec::new();
        for (metric, pts) in &rival.curves {
            let sorted = pts.windows(2).all(|w| w[0].0 < w[1].0);
            let finite = pts.iter().all(|(x, y)| x.is_finite() && y.is_finite());
            if !sorted || !finite || pts.is_empty() {
                r.at(
                    &["rival", "curves"],
                    "a rival curve needs finite (year, value) points in increasing years".into(),
                );
            }
            if pts.len() > MAX_LIST {
                r.at(
                    &["rival", "curves"],
                    format!(
                        "curves: the curve of {metric:?} has {} points: expected at most {MAX_LIST}",
                        pts.len()
                    ),
                );
            }
            if seen.contains(metric) {
                r.at(
                    &["rival", "curves"],
                    format!("curves: a second curve of {metric:?}: expected one curve a metric"),
                );
            } else {
                seen.push(*metric);
            }
        }
    }
}

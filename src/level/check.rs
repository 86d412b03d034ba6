//! Parsing and checking a level: every error names the file, line and column and says what
//! was expected, with the nearest valid name for a misspelling. A bad level never panics.

use std::fmt;

use ron::extensions::Extensions;

use super::schema::{Condition, Effect, PointAt, SpawnSpec};
use super::schema::{Level, ParamValue, ScriptedOrder};
use crate::sim::clock::Date;
use crate::sim::orders::{BuildKind, Order, Policy};
use crate::sim::params::{CATALOGUE, P, Params};

/// Largest level file read, bytes: a hostile file cannot exhaust memory.
pub const MAX_LEVEL_BYTES: usize = 1 << 20;
/// Most launch sites, datacenters, fabs, constellations or scripted orders in a level.
pub const MAX_LIST: usize = 1000;
/// Most ships or pads at one site (each is an entity).
pub use crate::sim::world::MAX_PER_SITE;
/// Largest count or amount accepted anywhere in a level.
pub const MAX_AMOUNT: f64 = 1e16;

/// One problem in a level, at a place in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelError {
    /// The file.
    pub file: String,
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub col: usize,
    /// What was wrong and what was expected.
    pub message: String,
}

impl fmt::Display for LevelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.col, self.message
        )
    }
}

/// All the problems found in one level.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LevelErrors(pub Vec<LevelError>);

impl fmt::Display for LevelErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// A level that passed every check, with its parameters resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedLevel {
    /// The file it came from.
    pub file: String,
    /// The level as written.
    pub level: Level,
    /// Parameters with the level's overrides.
    pub params: Params,
    /// Parameters the level set, with their claim ids (for the codex).
    pub overridden: Vec<P>,
    /// First day.
    pub start: Date,
    /// Last day, if any.
    pub end: Option<Date>,
    /// Scripted orders as (tick, order), in order.
    pub orders: Vec<(u64, Order)>,
    /// The text it was parsed from (saves carry it, so they stand alone).
    pub source: String,
}

/// Finds places in the source to point errors at.
struct Locator<'a> {
    src: &'a str,
}

impl Locator<'_> {
    /// Line and column of the last of `needles`, each searched after the one before; the
    /// deepest one found if a later one is missing.
    fn find(&self, needles: &[&str]) -> (usize, usize) {
        let mut at = 0;
        let mut found = None;
        for n in needles {
            match self.src[at..].find(n) {
                Some(i) => {
                    found = Some(at + i);
                    at += i + n.len();
                }
                None => break,
            }
        }
        self.line_col(found.unwrap_or(0))
    }

    fn line_col(&self, offset: usize) -> (usize, usize) {
        let before = &self.src[..offset];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }
}

/// Collects errors at places found in the source.
struct Reporter<'a> {
    file: &'a str,
    loc: Locator<'a>,
    errors: Vec<LevelError>,
}

impl Reporter<'_> {
    /// An error at the last of `needles` (see [`Locator::find`]).
    fn at(&mut self, needles: &[&str], message: String) {
        let (line, col) = self.loc.find(needles);
        self.errors.push(LevelError {
            file: self.file.to_string(),
            line,
            col,
            message,
        });
    }

    /// An error unless `v` is a finite amount from 0 to [`MAX_AMOUNT`].
    fn amount(&mut self, needles: &[&str], what: &str, v: f64) {
        if !(0.0..=MAX_AMOUNT).contains(&v) {
            self.at(
                needles,
                format!("{what} = {v}: expected a number from 0 to {MAX_AMOUNT:e}"),
            );
        }
    }
}

pub use crate::sim::orders::all_actions;
pub use crate::text::nearest;

pub(crate) use super::units::convert;

/// Reads and checks a level file.
pub fn load_file(path: &std::path::Path) -> Result<CheckedLevel, LevelErrors> {
    let file = path.display().to_string();
    let one = |line, col, message: String| {
        LevelErrors(vec![LevelError {
            file: file.clone(),
            line,
            col,
            message,
        }])
    };
    let len = crate::store::len(path).map_err(|e| one(1, 1, format!("cannot read: {e}")))?;
    if len > MAX_LEVEL_BYTES as u64 {
        return Err(one(
            1,
            1,
            format!("the file is {len} bytes; expected at most {MAX_LEVEL_BYTES}"),
        ));
    }
    let src =
        crate::store::read_to_string(path).map_err(|e| one(1, 1, format!("cannot read: {e}")))?;
    parse_level(&file, &src)
}

/// Parses and checks a level's text; `file` names it in errors.
pub fn parse_level(file: &str, src: &str) -> Result<CheckedLevel, LevelErrors> {
    let err = |line, col, message: String| LevelError {
        file: file.to_string(),
        line,
        col,
        message,
    };
    if src.len() > MAX_LEVEL_BYTES {
        return Err(LevelErrors(vec![err(
            1,
            1,
            format!(
                "the level is {} bytes; expected at most {MAX_LEVEL_BYTES}",
                src.len()
            ),
        )]));
    }
    let options = ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(64);
    let level: Level = options.from_str(src).map_err(|e| ron_error(file, &e))?;
    let mut r = Reporter {
        file,
        loc: Locator { src },
        errors: Vec::new(),
    };

    // Dates.
    let start = Date::parse(&level.start_date);
    let in_range = |d: &Date| (1950..=2200).contains(&d.year);
    match start {
        None => r.at(
            &["start_date"],
            format!(
                "start_date `{}` is not a date: expected \"YYYY-MM-DD\"",
                level.start_date
            ),
        ),
        Some(d) if !in_range(&d) => r.at(
            &["start_date"],
            format!("start_date {d} is out of range: expected a year from 1950 to 2200"),
        ),
        _ => {}
    }
    let end = match &level.end_date {
        None => None,
        Some(s) => match Date::parse(s) {
            None => {
                r.at(
                    &["end_date"],
                    format!("end_date `{s}` is not a date: expected \"YYYY-MM-DD\""),
                );
                None
            }
            Some(d) if !in_range(&d) || start.is_some_and(|st| d <= st) => {
                r.at(&["end_date"],
                    format!("end_date {d} is out of range: expected a date after start_date and before 2201"),
                );
                None
            }
            Some(d) => Some(d),
        },
    };

    // Parameters.
    let mut params = Params::default();
    let mut overridden = Vec::new();
    for (name, value) in &level.parameters {
        let needle = format!("\"{name}\"");
        let Some(key) = P::from_name(name) else {
            let hint = nearest(name, CATALOGUE.iter().map(|d| d.name))
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_else(|| "; see the parameter catalogue in levels/README.md".into());
            r.at(
                &["parameters", &needle],
                format!("unknown parameter `{name}`{hint}"),
            );
            continue;
        };
        let def = key.def();
        let v = match value {
            ParamValue::Number(v) => Ok(*v),
            ParamValue::WithUnit(text) => convert(text, def.unit),
        };
        match v {
            Err(msg) => r.at(&["parameters", &needle], format!("`{name}`: {msg}")),
            Ok(v) if !v.is_finite() || v < def.min || v > def.max => r.at(
                &["parameters", &needle],
                format!(
                    "`{name}` = {v} is out of range: expected {} to {} {}",
                    def.min, def.max, def.unit
                ),
            ),
            Ok(v) => {
                params.set(key, v);
                overridden.push(key);
            }
        }
    }

    // The world.
    let w = &level.world;
    r.amount(&["world", "capital_usd"], "capital_usd", w.capital_usd);
    r.amount(&["world", "solar_gw"], "solar_gw", w.solar_gw);
    r.amount(&["world", "battery_gwh"], "battery_gwh", w.battery_gwh);
    r.amount(&["world", "turbines_gw"], "turbines_gw", w.turbines_gw);
    r.amount(&["world", "robots", "robots"], "robots", w.robots.robots);
    r.amount(
        &["world", "factory_lines"],
        "factory_lines",
        w.robots.factory_lines,
    );
    for dc in &w.datacenters {
        let name = format!("\"{}\"", dc.name);
        r.amount(&[&name, "gpu_slots"], "gpu_slots", dc.gpu_slots);
        r.amount(&[&name, "gpus"], "gpus", dc.gpus);
    }
    for c in &w.orbit {
        r.amount(&["orbit", "solar_gw"], "solar_gw", c.solar_gw);
        r.amount(&["orbit", "gpus"], "gpus", c.gpus);
    }
    if let Some(m) = &w.moon {
        r.amount(&["moon", "robots"], "robots", m.robots);
        r.amount(&["moon", "solar_gw"], "solar_gw", m.solar_gw);
        r.amount(&["moon", "battery_gwh"], "battery_gwh", m.battery_gwh);
        r.amount(
            &["moon", "works_gw_per_yr"],
            "works_gw_per_yr",
            m.works_gw_per_yr,
        );
        r.amount(
            &["moon", "mass_driver_t_per_h"],
            "mass_driver_t_per_h",
            m.mass_driver_t_per_h,
        );
    }
    let lists = [
        ("datacenters", w.datacenters.len()),
        ("fabs", w.fabs.len()),
        ("sites", w.sites.len()),
        ("orbit", w.orbit.len()),
        ("orders", level.orders.len()),
    ];
    for (what, n) in lists {
        if n > MAX_LIST {
            r.at(
                &[what],
                format!("{what} has {n} entries: expected at most {MAX_LIST}"),
            );
        }
    }
    for dc in &w.datacenters {
        if dc.gpus > dc.gpu_slots {
            r.at(&[&format!("\"{}\"", dc.name), "gpus"],
                format!(
                    "datacenter `{}` has {} GPUs in {} slots: expected at most as many GPUs as slots",
                    dc.name, dc.gpus, dc.gpu_slots
                ),
            );
        }
    }
    for f in &w.fabs {
        if !f.months_in_phase.is_finite() || !(0.0..=1200.0).contains(&f.months_in_phase) {
            r.at(
                &["fabs", "months_in_phase"],
                format!(
                    "months_in_phase = {}: expected 0 to 1200",
                    f.months_in_phase
                ),
            );
        }
    }
    if !(-90.0..=90.0).contains(&w.grid.lat_deg) || !(-180.0..=180.0).contains(&w.grid.lon_deg) {
        r.at(
            &["grid"],
            "grid position out of range: expected lat_deg in -90..90 and lon_deg in -180..180"
                .into(),
        );
    }
    let mut site_names: Vec<&str> = Vec::new();
    for s in &w.sites {
        let name = format!("\"{}\"", s.name);
        if site_names.contains(&s.name.as_str()) {
            r.at(
                &["sites", &name, &name],
                format!(
                    "launch site `{}` is defined twice: expected unique names",
                    s.name
                ),
            );
        }
        site_names.push(&s.name);
        if !(-90.0..=90.0).contains(&s.lat_deg) {
            r.at(
                &[&name, "lat_deg"],
                format!("lat_deg = {}: expected -90 to 90", s.lat_deg),
            );
        }
        if !(-180.0..=180.0).contains(&s.lon_deg) {
            r.at(
                &[&name, "lon_deg"],
                format!("lon_deg = {}: expected -180 to 180", s.lon_deg),
            );
        }
        if s.ships > MAX_PER_SITE {
            r.at(
                &[&name, "ships"],
                format!("ships = {}: expected at most {MAX_PER_SITE}", s.ships),
            );
        }
        if s.pads > MAX_PER_SITE {
            r.at(
                &[&name, "pads"],
                format!("pads = {}: expected at most {MAX_PER_SITE}", s.pads),
            );
        }
        r.amount(&[&name, "methane_t"], "methane_t", s.methane_t);
        r.amount(
            &[&name, "methane_capacity_t"],
            "methane_capacity_t",
            s.methane_capacity_t,
        );
        r.amount(
            &[&name, "methane_t_per_day"],
            "methane_t_per_day",
            s.methane_t_per_day,
        );
    }
    let total: u64 = w
        .sites
        .iter()
        .map(|s| u64::from(s.ships) + u64::from(s.pads))
        .sum();
    if total > u64::from(MAX_PER_SITE) * 2 {
        r.at(
            &["sites"],
            format!(
                "{total} ships and pads in all: expected at most {}",
                MAX_PER_SITE * 2
            ),
        );
    }
    let p = &w.policies;
    for (what, v) in [
        ("space_share", p.space_share),
        ("robots_to_factories", p.robots_to_factories),
        ("robots_to_moon", p.robots_to_moon),
        ("lunar_reinvest", p.lunar_reinvest),
        ("chip_orders", p.chip_orders),
    ] {
        if !(0.0..=1.0).contains(&v) {
            r.at(
                &["policies", what],
                format!("{what} = {v}: expected a share from 0 to 1"),
            );
        }
    }
    if p.robots_to_factories + p.robots_to_moon > 1.0 {
        r.at(&["policies", "robots_to_moon"],
            "robots_to_factories + robots_to_moon exceed 1: expected shares that add up to at most 1".into(),
        );
    }
    for action in &w.locked {
        let known = all_actions();
        if !known.contains(&action.as_str()) {
            let hint = nearest(action, known.iter().copied())
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_default();
            r.at(
                &["locked", &format!("\"{action}\"")],
                format!("unknown action `{action}`{hint}"),
            );
        }
    }

    // Scripted orders.
    let orders = match start {
        Some(st) => check_orders(&mut r, &["orders"], &level.orders, st, end, &site_names),
        None => Vec::new(),
    };

    let mut hall_names: Vec<String> = w.datacenters.iter().map(|d| d.name.clone()).collect();
    for ev in &level.events {
        for e in &ev.then {
            if let Effect::Spawn(SpawnSpec::Datacenter(d)) = e {
                hall_names.push(d.name.clone());
            }
        }
    }
    let names = Names {
        sites: site_names.iter().map(|s| s.to_string()).collect(),
        halls: hall_names,
        goals: level.goals.iter().map(|g| g.id.clone()).collect(),
    };
    check_script(&level, &names, &mut r);

    if !r.errors.is_empty() {
        return Err(LevelErrors(r.errors));
    }
    let start = start.unwrap_or(Date {
        year: 2026,
        month: 1,
        day: 1,
    });
    // Numbers with units become numbers in the catalogue's unit, once: the running script
    // reads the number.
    let mut level = level;
    for e in &mut level.events {
        for fx in &mut e.then {
            if let Effect::SetParam(name, value @ ParamValue::WithUnit(_)) = fx
                && let (Some(key), ParamValue::WithUnit(t)) = (P::from_name(name), &*value)
                && let Ok(v) = convert(t, key.def().unit)
            {
                *value = ParamValue::Number(v);
            }
        }
    }
    Ok(CheckedLevel {
        file: file.to_string(),
        level,
        params,
        overridden,
        start,
        end,
        orders,
        source: src.to_string(),
    })
}

/// Names a script may refer to.
struct Names {
    sites: Vec<String>,
    halls: Vec<String>,
    goals: Vec<String>,
}

fn did_you_mean(name: &str, names: &[String]) -> String {
    nearest(name, names.iter().map(String::as_str))
        .map(|n| format!("; did you mean `{n}`?"))
        .unwrap_or_else(|| format!("; expected one of {names:?}"))
}

fn check_condition(c: &Condition, at: &[&str], names: &Names, r: &mut Reporter) {
    match c {
        Condition::Always | Condition::Researched(_) => {}
        // Read as a date when the file was parsed.
        Condition::Date(_) => {}
        Condition::Above(_, v) | Condition::Below(_, v) => {
            if !v.is_finite() {
                r.at(at, format!("threshold {v}: expected a finite number"));
            }
        }
        Condition::GoalReached(id) | Condition::GoalFailed(id) => {
            if !names.goals.contains(id) {
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
                    format!("chance {p}: expected a probability from 0 to 1"),
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
                "`{name}` = {v} is out of range: expected {} to {} {}",
                def.min, def.max, def.unit
            ),
        ),
        Ok(_) => {}
    }
}

fn check_script(level: &Level, names: &Names, r: &mut Reporter) {
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
            match e {
                Effect::Message(_) => {}
                Effect::SetParam(name, v) => check_param(name, Some(v), &at, r),
                Effect::ScaleParam(name, f) => {
                    check_param(name, None, &at, r);
                    if !f.is_finite() || *f < 0.0 {
                        r.at(
                            &at,
                            format!("scale {f}: expected a finite factor of 0 or more"),
                        );
                    }
                }
                Effect::Capital(usd) => {
                    if !usd.is_finite() || usd.abs() > MAX_AMOUNT {
                        r.at(
                            &[&at[..], &["Capital"]].concat(),
                            format!("capital {usd}: expected a finite amount up to {MAX_AMOUNT:e}"),
                        );
                    }
                }
                Effect::Spawn(sp) => match sp {
                    SpawnSpec::Ships(site, n) | SpawnSpec::Pads(site, n) => {
                        if !names.sites.contains(site) {
                            r.at(
                                &[&at[..], &[&format!("\"{site}\"")]].concat(),
                                format!(
                                    "unknown site `{site}`{}",
                                    did_you_mean(site, &names.sites)
                                ),
                            );
                        }
                        if *n > MAX_PER_SITE {
                            r.at(&at, format!("{n} at once: expected at most {MAX_PER_SITE}"));
                        }
                    }
                    SpawnSpec::Solar(x) | SpawnSpec::Turbines(x) | SpawnSpec::Batteries(x) => {
                        r.amount(&at, "amount", *x)
                    }
                    SpawnSpec::Datacenter(d) => {
                        r.amount(&at, "gpu_slots", d.gpu_slots);
                        r.amount(&at, "gpus", d.gpus);
                    }
                    SpawnSpec::Constellation(c) => {
                        r.amount(&at, "solar_gw", c.solar_gw);
                        r.amount(&at, "gpus", c.gpus);
                    }
                },
                Effect::Disable(name) | Effect::Enable(name) => {
                    let all: Vec<String> =
                        names.sites.iter().chain(&names.halls).cloned().collect();
                    if !all.contains(name) {
                        r.at(
                            &[&at[..], &[&format!("\"{name}\"")]].concat(),
                            format!(
                                "nothing named `{name}` to disable or enable{}",
                                did_you_mean(name, &all)
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
                            &[&at[..], &[&format!("\"{a}\"")]].concat(),
                            format!("unknown action `{a}`{hint}"),
                        );
                    }
                }
                Effect::Order(Order::Build(BuildKind::Ship { site } | BuildKind::Pad { site })) => {
                    if !names.sites.contains(site) {
                        r.at(
                            &[&at[..], &[&format!("\"{site}\"")]].concat(),
                            format!("unknown site `{site}`{}", did_you_mean(site, &names.sites)),
                        );
                    }
                }
                Effect::Order(_) => {}
            }
        }
    }
    let mut goal_ids: Vec<&str> = Vec::new();
    for g in &level.goals {
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
    for step in &level.lessons {
        let at = ["lessons"];
        check_condition(&step.until, &at, names, r);
        if let PointAt::Entity(name) = &step.point_at {
            let all: Vec<String> = names.sites.iter().chain(&names.halls).cloned().collect();
            if !all.contains(name) {
                r.at(
                    &["lessons", &format!("\"{name}\"")],
                    format!(
                        "nothing named `{name}` to point at{}",
                        did_you_mean(name, &all)
                    ),
                );
            }
        }
    }
    if let Some(rival) = &level.rival {
        for (_, pts) in &rival.curves {
            let sorted = pts.windows(2).all(|w| w[0].0 < w[1].0);
            let finite = pts.iter().all(|(x, y)| x.is_finite() && y.is_finite());
            if !sorted || !finite || pts.is_empty() {
                r.at(
                    &["rival", "curves"],
                    "a rival curve needs finite (year, value) points in increasing years".into(),
                );
            }
        }
    }
    if !(1..=5).contains(&level.difficulty) {
        r.at(
            &["difficulty"],
            format!("difficulty {}: expected 1 to 5", level.difficulty),
        );
    }
}

/// The text fields that lack a language, as notes (`goals["million"].text: no zh-CN,
/// English is shown`): a level still plays, each missing language falling back to English.
pub fn language_notes(level: &Level) -> Vec<String> {
    use crate::i18n::Text;
    let mut fields: Vec<(String, &Text)> = vec![
        ("title".into(), &level.title),
        ("description".into(), &level.description),
    ];
    for g in &level.goals {
        fields.push((format!("goals[\"{}\"].text", g.id), &g.text));
    }
    for (i, s) in level.lessons.iter().enumerate() {
        fields.push((format!("lessons[{i}].text"), &s.text));
    }
    for e in &level.events {
        for (i, fx) in e.then.iter().enumerate() {
            if let Effect::Message(t) = fx {
                fields.push((format!("events[\"{}\"].then[{i}]", e.id), t));
            }
        }
    }
    fields
        .into_iter()
        .filter(|(_, t)| !t.is_empty())
        .filter_map(|(at, t)| {
            let missing: Vec<&str> = t.missing().iter().map(|l| l.code()).collect();
            // What the missing languages see instead: English, or the first it has.
            let shown = if t.missing().contains(&crate::i18n::Lang::En) {
                "the first language given is shown"
            } else {
                "English is shown"
            };
            (!missing.is_empty()).then(|| format!("{at}: no {}, {shown}", missing.join(", ")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_convert() {
        assert_eq!(convert("30 h", "h"), Ok(30.0));
        assert_eq!(convert("1.25 days", "h"), Ok(30.0));
        assert_eq!(convert("500 MW", "GW"), Ok(0.5));
        assert!(
            convert("30 GW", "h")
                .unwrap_err()
                .contains("wrong unit `GW`")
        );
        assert!(convert("thirty h", "h").is_err());
    }

    #[test]
    fn did_you_mean() {
        let names = CATALOGUE.iter().map(|d| d.name);
        assert_eq!(nearest("ship_turnround", names), Some("ship_turnaround"));
        assert_eq!(
            nearest("zzzzzzzzzz", CATALOGUE.iter().map(|d| d.name)),
            None
        );
    }
}

/// Checks orders given on dates (a level's `orders`, a solution's): each date inside the
/// level, each site known, each share from 0 to 1. Returns them as (tick, order), soonest
/// first; errors point at the order's date under `section`.
fn check_orders(
    r: &mut Reporter,
    section: &[&str],
    orders: &[ScriptedOrder],
    st: Date,
    end: Option<Date>,
    site_names: &[&str],
) -> Vec<(u64, Order)> {
    let mut out = Vec::new();
    for o in orders {
        let needle = format!("\"{}\"", o.date);
        let Some(d) = Date::parse(&o.date) else {
            r.at(
                &[section, &[needle.as_str()]].concat(),
                format!(
                    "order date `{}` is not a date: expected \"YYYY-MM-DD\"",
                    o.date
                ),
            );
            continue;
        };
        if d < st || end.is_some_and(|e| d > e) {
            r.at(
                &[section, &[needle.as_str()]].concat(),
                format!("order date {d} is outside the level: expected a date from {st}"),
            );
            continue;
        }
        if let Order::Build(BuildKind::Ship { site } | BuildKind::Pad { site }) = &o.order
            && !site_names.contains(&site.as_str())
        {
            let hint = nearest(site, site_names.iter().copied())
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_else(|| format!("; expected one of {site_names:?}"));
            r.at(
                &[section, &[needle.as_str(), &format!("\"{site}\"")]].concat(),
                format!("unknown site `{site}`{hint}"),
            );
            continue;
        }
        if let Order::Policy(
            Policy::SpaceShare(x)
            | Policy::RobotsToFactories(x)
            | Policy::RobotsToMoon(x)
            | Policy::LunarReinvest(x)
            | Policy::ChipOrders(x),
        ) = &o.order
            && !(0.0..=1.0).contains(x)
        {
            r.at(
                &[section, &[needle.as_str()]].concat(),
                format!("share {x}: expected a share from 0 to 1"),
            );
            continue;
        }
        if !(1..=MAX_LIST as u32).contains(&o.times) {
            r.at(
                &[section, &[needle.as_str(), "times"]].concat(),
                format!("times = {}: expected a count from 1 to {MAX_LIST}", o.times),
            );
            continue;
        }
        let tick = (d.to_days() - st.to_days()) as u64 * 24;
        for _ in 0..o.times {
            out.push((tick, o.order.clone()));
        }
    }
    out.sort_by_key(|(t, _)| *t);
    out
}

/// A RON syntax or shape error at its place, the nearest valid name first.
fn ron_error(file: &str, e: &ron::error::SpannedError) -> LevelErrors {
    let message = match &e.code {
        ron::Error::IntegerOutOfBounds => {
            "whole number out of range: expected a count from 0 to 4294967295".to_string()
        }
        ron::Error::ExceededRecursionLimit => {
            "nested too deeply: expected at most 64 levels of brackets".to_string()
        }
        ron::Error::NoSuchEnumVariant {
            expected, found, ..
        }
        | ron::Error::NoSuchStructField {
            expected, found, ..
        } => {
            // ron lists every valid name; lead with the nearest one.
            let hint = nearest(found, expected.iter().copied())
                .map(|n| format!(" — did you mean `{n}`?"))
                .unwrap_or_default();
            format!("{}{hint}", e.code)
        }
        code => code.to_string(),
    };
    LevelErrors(vec![LevelError {
        file: file.to_string(),
        line: e.span.start.line,
        col: e.span.start.col,
        message,
    }])
}

/// A level's reference solution, checked against its level (see `levels/README.md`).
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedSolution {
    /// The file it came from.
    pub file: String,
    /// The plan in words.
    pub note: String,
    /// Game years `verify` plays each way (it stops once the level is decided).
    pub years: f64,
    /// The solution's orders as (tick, order), soonest first.
    pub orders: Vec<(u64, Order)>,
    /// Known exploits: a name and the orders that try it.
    pub exploits: Vec<(String, Vec<(u64, Order)>)>,
}

/// Parses and checks a solution's text against its level; `file` names it in errors,
/// which have the same `file:line:column` form as a level's.
pub fn parse_solution(
    file: &str,
    src: &str,
    level: &CheckedLevel,
) -> Result<CheckedSolution, LevelErrors> {
    if src.len() > MAX_LEVEL_BYTES {
        return Err(LevelErrors(vec![LevelError {
            file: file.to_string(),
            line: 1,
            col: 1,
            message: format!(
                "the solution is {} bytes; expected at most {MAX_LEVEL_BYTES}",
                src.len()
            ),
        }]));
    }
    let options = ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(64);
    let spec: super::schema::SolutionSpec =
        options.from_str(src).map_err(|e| ron_error(file, &e))?;
    let mut r = Reporter {
        file,
        loc: Locator { src },
        errors: Vec::new(),
    };
    if spec.level != level.level.id {
        r.at(
            &["level"],
            format!(
                "solution for level `{}`: expected `{}` (the level it sits beside)",
                spec.level, level.level.id
            ),
        );
    }
    let span_years = level
        .end
        .map(|e| (e.to_days() - level.start.to_days()) as f64 / 365.25);
    let years = match (spec.years, span_years) {
        (Some(y), _) if !(y > 0.0 && y <= 200.0) => {
            r.at(
                &["years"],
                format!("years = {y}: expected a number of game years from 0 to 200"),
            );
            10.0
        }
        (Some(y), _) => y,
        (None, Some(y)) => y,
        (None, None) => 10.0,
    };
    let sites: Vec<&str> = level
        .level
        .world
        .sites
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    let orders = check_orders(
        &mut r,
        &["orders"],
        &spec.orders,
        level.start,
        level.end,
        &sites,
    );
    let mut exploits = Vec::new();
    for x in &spec.exploits {
        let name = format!("\"{}\"", x.name);
        let o = check_orders(
            &mut r,
            &["exploits", &name, "orders"],
            &x.orders,
            level.start,
            level.end,
            &sites,
        );
        exploits.push((x.name.clone(), o));
    }
    if r.errors.is_empty() {
        Ok(CheckedSolution {
            file: file.to_string(),
            note: spec.note,
            years,
            orders,
            exploits,
        })
    } else {
        Err(LevelErrors(r.errors))
    }
}

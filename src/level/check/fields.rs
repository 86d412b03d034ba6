//! The checks of a level's fields: its dates, its parameters (each a known name, in its
//! range) and its starting world (amounts, list lengths, places, launch sites, policies,
//! locked actions). Each reports every problem it finds, in the order the level's guide
//! lists the fields, and goes on.

use super::{
    MAX_LIST, MAX_PADS_PER_SITE, MAX_SHIPS_AND_PADS, MAX_SHIPS_PER_SITE, Reporter, all_actions,
    convert, nearest,
};
use crate::level::schema::{Level, ParamValue, WorldSpec};
use crate::sim::clock::Date;
use crate::sim::orders::Policies;
use crate::sim::params::{CATALOGUE, P, Params};
use crate::text::plain;

/// Checks `start_date` and `end_date`: dates from 1950 to 2200, the end after the start.
/// Returns the start as read (out of range too: the error stops the level) and the end if
/// it is good.
pub(super) fn check_dates(level: &Level, r: &mut Reporter) -> (Option<Date>, Option<Date>) {
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
    (start, end)
}

/// Checks the parameters the level sets: each a parameter of the catalogue (with the
/// nearest name for a misspelling) and a value in its range, a plain number in the
/// catalogue's unit or a number with a unit converted to it. Returns the parameters with
/// the good ones set, and which those are.
pub(super) fn check_parameters(level: &Level, r: &mut Reporter) -> (Params, Vec<P>) {
    let mut params = Params::default();
    let mut overridden = Vec::new();
    for (name, value) in &level.parameters {
        let needle = format!("\"{name}\"");
        // A parameter the model no longer reads: the level still loads (a note says so).
        if crate::sim::params::RETIRED.iter().any(|(n, _)| n == name) {
            continue;
        }
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
                    "`{name}` = {} is out of range: expected {} to {} {}",
                    plain(v),
                    plain(def.min),
                    plain(def.max),
                    def.unit
                ),
            ),
            Ok(v) => {
                params.set(key, v);
                overridden.push(key);
            }
        }
    }
    (params, overridden)
}

/// Checks the starting world, part by part. Returns the launch sites' names, which orders
/// and the script may name.
pub(super) fn check_world<'l>(level: &'l Level, r: &mut Reporter) -> Vec<&'l str> {
    let w = &level.world;
    check_amounts(w, r);
    check_list_lengths(level, r);
    check_halls_hold_their_gpus(w, r);
    check_fabs(w, r);
    check_grid(w, r);
    let site_names = check_sites(w, r);
    check_policies(&w.policies, r);
    check_locked(&w.locked, r);
    site_names
}

/// Checks the world's amounts (capital, power, robots, each datacenter's, constellation's
/// and the Moon's): each from 0 to [`super::MAX_AMOUNT`].
fn check_amounts(w: &WorldSpec, r: &mut Reporter) {
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
}

/// Checks that no list (datacenters, fabs, sites, constellations, scripted orders, events,
/// goals, lesson steps) is longer than [`MAX_LIST`]: each entry costs memory and time, and
/// the script reads its events and goals every game hour.
fn check_list_lengths(level: &Level, r: &mut Reporter) {
    let w = &level.world;
    let lists = [
        ("datacenters", w.datacenters.len()),
        ("fabs", w.fabs.len()),
        ("sites", w.sites.len()),
        ("orbit", w.orbit.len()),
        ("orders", level.orders.len()),
        ("events", level.events.len()),
        ("goals", level.goals.len()),
        ("lessons", level.lessons.len()),
    ];
    for (what, n) in lists {
        if n > MAX_LIST {
            r.at(
                &[what],
                format!("{what} has {n} entries: expected at most {MAX_LIST}"),
            );
        }
    }
}

/// Checks that each datacenter has no more GPUs than slots for them.
fn check_halls_hold_their_gpus(w: &WorldSpec, r: &mut Reporter) {
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
}

/// Checks each fab's months in its phase: from 0 to 1200.
fn check_fabs(w: &WorldSpec, r: &mut Reporter) {
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
}

/// Checks the grid's place: a latitude and longitude on Earth.
fn check_grid(w: &WorldSpec, r: &mut Reporter) {
    if !(-90.0..=90.0).contains(&w.grid.lat_deg) || !(-180.0..=180.0).contains(&w.grid.lon_deg) {
        r.at(
            &["grid"],
            "grid position out of range: expected lat_deg in -90..90 and lon_deg in -180..180"
                .into(),
        );
    }
}

/// Checks the launch sites: unique names, places on Earth, at most [`MAX_SHIPS_PER_SITE`]
/// ships and [`MAX_PADS_PER_SITE`] pads each and [`MAX_SHIPS_AND_PADS`] in all, methane
/// amounts in range. Returns their names.
fn check_sites<'w>(w: &'w WorldSpec, r: &mut Reporter) -> Vec<&'w str> {
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
                format!("lat_deg = {}: expected -90 to 90", plain(s.lat_deg)),
            );
        }
        if !(-180.0..=180.0).contains(&s.lon_deg) {
            r.at(
                &[&name, "lon_deg"],
                format!("lon_deg = {}: expected -180 to 180", plain(s.lon_deg)),
            );
        }
        if s.ships > MAX_SHIPS_PER_SITE {
            r.at(
                &[&name, "ships"],
                format!(
                    "ships = {}: expected at most {MAX_SHIPS_PER_SITE} at a site",
                    s.ships
                ),
            );
        }
        if s.pads > MAX_PADS_PER_SITE {
            r.at(
                &[&name, "pads"],
                format!(
                    "pads = {}: expected at most {MAX_PADS_PER_SITE} at a site",
                    s.pads
                ),
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
    if total > u64::from(MAX_SHIPS_AND_PADS) {
        r.at(
            &["sites"],
            format!(
                "sites hold {total} ships and pads in all: expected at most {MAX_SHIPS_AND_PADS}"
            ),
        );
    }
    site_names
}

/// Checks the starting policies: each share from 0 to 1, and the robots sent to factories
/// and to the Moon together at most all of them.
fn check_policies(p: &Policies, r: &mut Reporter) {
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
                format!("{what} = {}: expected a share from 0 to 1", plain(v)),
            );
        }
    }
    let budget = p.chip_budget_usd_per_yr;
    if !(budget.is_finite() && (0.0..=crate::sim::state::NO_CHIP_BUDGET).contains(&budget)) {
        r.at(
            &["policies", "chip_budget_usd_per_yr"],
            format!(
                "chip_budget_usd_per_yr = {}: expected $ a year from 0 to {:e}",
                plain(budget),
                crate::sim::state::NO_CHIP_BUDGET
            ),
        );
    }
    if p.robots_to_factories + p.robots_to_moon > 1.0 {
        r.at(&["policies", "robots_to_moon"],
            "robots_to_factories + robots_to_moon exceed 1: expected shares that add up to at most 1".into(),
        );
    }
}

/// Checks the locked actions: each one the game knows, with the nearest for a misspelling.
fn check_locked(locked: &[String], r: &mut Reporter) {
    for action in locked {
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
}

/// Checks the difficulty: 1 to 5.
pub(super) fn check_difficulty(level: &Level, r: &mut Reporter) {
    if !(1..=5).contains(&level.difficulty) {
        r.at(
            &["difficulty"],
            format!("difficulty {}: expected 1 to 5", level.difficulty),
        );
    }
}

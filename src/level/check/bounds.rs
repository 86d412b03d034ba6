//! The checks of a level's size as it plays: how many terms its conditions have, how many
//! effects its events hold, how many orders it gives and how many ships and pads its sites
//! come to hold. Each is a count a valid level could otherwise make as large as it liked
//! within the file's megabyte, and each stops the game long before it stops the file. Run
//! after the script's own checks.

use std::collections::HashMap;

use super::{MAX_CONDITIONS, MAX_EFFECTS, MAX_LIST, MAX_ORDERS, MAX_SHIPS_AND_PADS, Reporter};
use crate::level::schema::{Condition, Effect, Level, REPEAT_BUILDS, SpawnSpec, builds};
use crate::sim::orders::{BuildKind, Order};
use crate::sim::world::Craft;

/// Checks the level's conditions, effects, orders and fleets, in that order (see the
/// module).
pub(super) fn check_bounds(level: &Level, site_names: &[&str], r: &mut Reporter) {
    check_conditions(level, r);
    check_effects(level, r);
    check_orders_given(level, r);
    check_fleets(level, site_names, r);
}

/// The terms of a condition: itself and those inside it.
fn terms(c: &Condition) -> usize {
    match c {
        Condition::All(cs) | Condition::Any(cs) => 1 + cs.iter().map(terms).sum::<usize>(),
        Condition::Not(c) => 1 + terms(c),
        _ => 1,
    }
}

/// Checks that the conditions of the events, goals and lesson steps have at most
/// [`MAX_CONDITIONS`] terms together (`All`, `Any` and `Not` count, and what is inside
/// them): the script reads them every game hour. Reported at the event, goal or step that
/// passes it.
fn check_conditions(level: &Level, r: &mut Reporter) {
    let mut total = 0;
    let mut add = |c: &Condition, place: &[&str], what: String, r: &mut Reporter| {
        let before = total;
        total += terms(c);
        if before <= MAX_CONDITIONS && total > MAX_CONDITIONS {
            r.at(
                place,
                format!(
                    "{what} brings the terms of all conditions to {total}: expected at most \
                     {MAX_CONDITIONS} in all"
                ),
            );
        }
    };
    for ev in &level.events {
        let id = format!("\"{}\"", ev.id);
        add(&ev.when, &["events", &id], format!("event `{}`", ev.id), r);
    }
    for g in &level.goals {
        let id = format!("\"{}\"", g.id);
        add(&g.when, &["goals", &id], format!("goal `{}`", g.id), r);
    }
    for (i, step) in level.lessons.iter().enumerate() {
        add(
            &step.until,
            &["lessons"],
            format!("lessons: step {}", i + 1),
            r,
        );
    }
}

/// Checks that no event has more than [`MAX_LIST`] effects, and all of them together no
/// more than [`MAX_EFFECTS`]: reported at the event that passes it.
fn check_effects(level: &Level, r: &mut Reporter) {
    let mut total = 0;
    let mut passed = false;
    for ev in &level.events {
        let at = ["events", &format!("\"{}\"", ev.id)];
        let n = ev.then.len();
        if n > MAX_LIST {
            r.at(
                &at,
                format!(
                    "event `{}` has {n} effects: expected at most {MAX_LIST}",
                    ev.id
                ),
            );
        }
        total += n;
        if total > MAX_EFFECTS && !passed {
            passed = true;
            r.at(
                &at,
                format!(
                    "event `{}` brings the effects of all events to {total}: expected at most \
                     {MAX_EFFECTS} in all",
                    ev.id
                ),
            );
        }
    }
}

/// Checks that the level gives at most [`MAX_ORDERS`] orders: its scripted orders, each
/// `times` over, then its events' `Order` effects, each once. Reported at the order or
/// event that passes it.
fn check_orders_given(level: &Level, r: &mut Reporter) {
    let mut total: u64 = 0;
    for o in &level.orders {
        total += u64::from(o.times);
        if total > MAX_ORDERS {
            r.at(
                &["orders", &format!("\"{}\"", o.date)],
                format!(
                    "the order of {} brings the level's orders to {total} (each counted \
                     `times` over, with the events' Order effects): expected at most \
                     {MAX_ORDERS}",
                    o.date
                ),
            );
            return;
        }
    }
    for ev in &level.events {
        for e in &ev.then {
            if matches!(e, Effect::Order(_)) {
                total += 1;
                if total > MAX_ORDERS {
                    r.at(
                        &["events", &format!("\"{}\"", ev.id), "Order"],
                        format!(
                            "Order effect of event `{}` brings the level's orders to {total} \
                             (the scripted orders each counted `times` over, with the events' \
                             Order effects): expected at most {MAX_ORDERS}",
                            ev.id
                        ),
                    );
                    return;
                }
            }
        }
    }
}

/// What a level adds to its sites' ships and pads, as the check counts it.
struct Tally<'l> {
    /// Ships and pads at each site so far.
    at: HashMap<&'l str, (u64, u64)>,
    /// At all sites.
    in_all: u64,
    /// Limits already reported passed: (site, craft), and all sites.
    passed: Vec<(&'l str, Craft)>,
    passed_in_all: bool,
}

impl<'l> Tally<'l> {
    /// Adds `n` `craft` at `site`, brought `by` an order or event: a limit it is the first
    /// to pass is reported at `place`.
    fn add(
        &mut self,
        (site, craft, n): (&'l str, Craft, u64),
        by: &str,
        place: &[&str],
        r: &mut Reporter,
    ) {
        let held = self.at.entry(site).or_default();
        let count = match craft {
            Craft::Ships => &mut held.0,
            Craft::Pads => &mut held.1,
        };
        let before = *count;
        *count += n;
        let max = u64::from(craft.max_per_site());
        let what = match craft {
            Craft::Ships => "ships",
            Craft::Pads => "pads",
        };
        if before <= max && *count > max && !self.passed.contains(&(site, craft)) {
            self.passed.push((site, craft));
            r.at(
                place,
                format!(
                    "{what} at site `{site}` come to {} with {by}: expected at most {max} \
                     {what} at a site (its start, the events' spawns and the orders' builds \
                     together)",
                    *count
                ),
            );
        }
        let in_all = self.in_all;
        self.in_all += n;
        let max_in_all = u64::from(MAX_SHIPS_AND_PADS);
        if in_all <= max_in_all && self.in_all > max_in_all && !self.passed_in_all {
            self.passed_in_all = true;
            r.at(
                place,
                format!(
                    "ships and pads at all sites come to {} with {by} at `{site}`: expected \
                     at most {MAX_SHIPS_AND_PADS} in all",
                    self.in_all
                ),
            );
        }
    }
}

/// Checks that no site can come to hold more than its limit of ships or pads, nor all
/// sites more than [`MAX_SHIPS_AND_PADS`]: what each starts with (checked with the world),
/// then what the scripted orders build (each `times` over), then what each event spawns or
/// orders built, in file order. A repeating event counts once: past the limit the game
/// adds no more, and says so. Reported at the order or effect that passes a limit.
fn check_fleets<'l>(level: &'l Level, site_names: &[&str], r: &mut Reporter) {
    let mut tally = Tally {
        at: HashMap::new(),
        in_all: 0,
        passed: Vec::new(),
        passed_in_all: false,
    };
    for s in &level.world.sites {
        let held = tally.at.entry(s.name.as_str()).or_default();
        held.0 += u64::from(s.ships);
        held.1 += u64::from(s.pads);
        tally.in_all += u64::from(s.ships) + u64::from(s.pads);
    }
    // The start was checked with the world: only what is added is reported here.
    tally.passed_in_all = tally.in_all > u64::from(MAX_SHIPS_AND_PADS);
    let built = |o: &'l Order| match o {
        Order::Build(BuildKind::Ship { site }) => Some((site.as_str(), Craft::Ships)),
        Order::Build(BuildKind::Pad { site }) => Some((site.as_str(), Craft::Pads)),
        _ => None,
    };
    for o in &level.orders {
        if let Some((site, craft)) = built(&o.order)
            && site_names.contains(&site)
        {
            let place = ["orders", &format!("\"{}\"", o.date), &format!("\"{site}\"")];
            let by = format!("the order of {}", o.date);
            tally.add((site, craft, u64::from(o.times)), &by, &place, r);
        }
    }
    for ev in &level.events {
        let id = format!("\"{}\"", ev.id);
        let by = format!("event `{}`", ev.id);
        for e in &ev.then {
            let (site, craft, n) = match e {
                Effect::Spawn(SpawnSpec::Ships(site, n)) => (site.as_str(), Craft::Ships, *n),
                Effect::Spawn(SpawnSpec::Pads(site, n)) => (site.as_str(), Craft::Pads, *n),
                Effect::Order(o) => match built(o) {
                    Some((site, craft)) => (site, craft, 1),
                    None => continue,
                },
                _ => continue,
            };
            if site_names.contains(&site) {
                let place = ["events", id.as_str(), &format!("\"{site}\"")];
                tally.add((site, craft, u64::from(n)), &by, &place, r);
            }
        }
    }
}

/// What a level holds that the game reads or carries every game hour: the terms of its
/// conditions, its events' effects, its orders (each `times` over), its datacenters, fabs,
/// sites and constellations, the ships and pads its sites come to hold (all the world may
/// hold, if a repeating event adds some), and [`REPEAT_BUILDS`] if a repeating event builds
/// anything. A valid level holds at most some tens of thousands, a campaign level some
/// hundreds. Opening a save or code weighs its replay by it
/// (`crate::save::check_replay_cost`).
pub fn replay_load(level: &Level) -> u64 {
    let count = |n: usize| n as u64;
    let conditions: usize = level
        .events
        .iter()
        .map(|e| terms(&e.when))
        .chain(level.goals.iter().map(|g| terms(&g.when)))
        .chain(level.lessons.iter().map(|s| terms(&s.until)))
        .sum();
    let effects: usize = level.events.iter().map(|e| e.then.len()).sum();
    let orders: u64 = level.orders.iter().map(|o| u64::from(o.times)).sum();
    let w = &level.world;
    let world = w.datacenters.len() + w.fabs.len() + w.sites.len() + w.orbit.len();
    // Ships and pads: at the start, then what the scripted orders build and the events add.
    let builds_craft = |o: &Order| {
        matches!(
            o,
            Order::Build(BuildKind::Ship { .. } | BuildKind::Pad { .. })
        )
    };
    let mut fleet: u64 = w
        .sites
        .iter()
        .map(|s| u64::from(s.ships) + u64::from(s.pads))
        .sum();
    fleet += level
        .orders
        .iter()
        .filter(|o| builds_craft(&o.order))
        .map(|o| u64::from(o.times))
        .sum::<u64>();
    let mut repeats_build = false;
    for ev in &level.events {
        for fx in &ev.then {
            let craft = match fx {
                Effect::Spawn(SpawnSpec::Ships(_, n) | SpawnSpec::Pads(_, n)) => u64::from(*n),
                Effect::Order(o) if builds_craft(o) => 1,
                _ => 0,
            };
            fleet += craft;
            if ev.repeat && craft > 0 {
                fleet = u64::from(MAX_SHIPS_AND_PADS);
            }
            repeats_build |= ev.repeat && builds(fx);
        }
    }
    count(conditions)
        + count(effects)
        + orders
        + count(world)
        + fleet.min(u64::from(MAX_SHIPS_AND_PADS))
        + if repeats_build {
            count(REPEAT_BUILDS)
        } else {
            0
        }
}

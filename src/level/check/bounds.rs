//! The check of a level's size as it plays: how many ships and pads its sites come to
//! hold, a count a valid level could otherwise make as large as it liked within the file's
//! megabyte, and which stops the game long before it stops the file. Run after the
//! script's own checks.

use std::collections::HashMap;

use super::{MAX_SHIPS_AND_PADS, Reporter};
use crate::level::schema::{Effect, Level, SpawnSpec};
use crate::sim::orders::{BuildKind, Order};
use crate::sim::world::Craft;

/// Checks the level's fleets (see the module).
pub(super) fn check_bounds(level: &Level, site_names: &[&str], r: &mut Reporter) {
    check_fleets(level, site_names, r);
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

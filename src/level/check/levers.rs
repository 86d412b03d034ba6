//! The check of a level's levers (`docs/levels-levers.md`): each named once in
//! `snake_case`, each range in order and within what an order may be, each order as a
//! scripted order would be checked, and the dates inside the level.

use super::orders::check_orders_dated;
use super::{MAX_LIST, Reporter};
use crate::level::schema::{Level, ScriptedOrder, Vary};
use crate::sim::clock::Date;
use crate::sim::orders::Order;
use crate::text::plain;

/// Most levers a level declares: each is a dimension `explore` samples.
pub const MAX_LEVERS: usize = 32;
/// Most options of a `OneOf` lever.
pub const MAX_OPTIONS: usize = 16;

/// A lever that passed the check: its dates as days from the level's start.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedLever {
    /// Its name.
    pub name: String,
    /// What it varies.
    pub vary: Vary,
    /// The first and last day it may be given on, from the level's start (0: the first
    /// day); the same day twice when the lever has no `dates`.
    pub days: (u64, u64),
    /// Whether the level's lesson teaches it.
    pub taught: bool,
}

impl CheckedLever {
    /// Whether its date is varied.
    pub fn dated(&self) -> bool {
        self.days.0 != self.days.1
    }
}

/// Checks the levers; returns them checked (those that passed).
pub(super) fn check_levers(
    level: &Level,
    start: Option<Date>,
    end: Option<Date>,
    site_names: &[&str],
    r: &mut Reporter,
) -> Vec<CheckedLever> {
    let mut out = Vec::new();
    if level.levers.len() > MAX_LEVERS {
        r.at(
            &["levers"],
            format!(
                "{} levers: expected at most {MAX_LEVERS}",
                level.levers.len()
            ),
        );
        return out;
    }
    let Some(start) = start else {
        return out;
    };
    let mut seen: Vec<&str> = Vec::new();
    let taught = level.levers.iter().filter(|l| l.taught).count();
    if taught > 1 {
        let second = level.levers.iter().filter(|l| l.taught).nth(1);
        let name = second.map_or(String::new(), |l| format!("\"{}\"", l.name));
        r.at(
            &["levers", &name, "taught"],
            format!("{taught} levers are `taught: true`: expected one at most (the lesson's)"),
        );
    }
    for lever in &level.levers {
        let at_name = format!("\"{}\"", lever.name);
        let at = ["levers", at_name.as_str()];
        let ok_name = !lever.name.is_empty()
            && lever.name.len() <= 40
            && lever.name.starts_with(|c: char| c.is_ascii_lowercase())
            && lever
                .name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !ok_name {
            r.at(
                &at,
                format!(
                    "lever name `{}`: expected snake_case (a to z, digits and `_`, from a \
                     letter, at most 40)",
                    lever.name
                ),
            );
            continue;
        }
        if seen.contains(&lever.name.as_str()) {
            r.at(
                &["levers", &at_name, &at_name],
                format!("lever `{}` is named twice: expected each once", lever.name),
            );
            continue;
        }
        seen.push(&lever.name);
        let Some(days) = lever_days(lever.dates.as_ref(), start, end, &at, r) else {
            continue;
        };
        let orders: Vec<Order> = match &lever.vary {
            Vary::Times(order, a, b) => {
                if a > b || *b > MAX_LIST as u32 {
                    r.at(
                        &[&at[..], &["Times"]].concat(),
                        format!(
                            "Times from {a} to {b}: expected a count from 0 to {MAX_LIST}, \
                             the first no more than the second"
                        ),
                    );
                    continue;
                }
                vec![order.clone()]
            }
            Vary::Share(share, a, b) => {
                if !(0.0..=1.0).contains(a) || !(0.0..=1.0).contains(b) || a > b {
                    r.at(
                        &[&at[..], &["Share"]].concat(),
                        format!(
                            "Share from {} to {}: expected shares from 0 to 1, the first no \
                             more than the second",
                            plain(*a),
                            plain(*b)
                        ),
                    );
                    continue;
                }
                vec![share.order(*a)]
            }
            Vary::OneOf(options) => {
                if options.len() < 2 || options.len() > MAX_OPTIONS {
                    r.at(
                        &[&at[..], &["OneOf"]].concat(),
                        format!(
                            "OneOf with {} options: expected 2 to {MAX_OPTIONS}",
                            options.len()
                        ),
                    );
                    continue;
                }
                options.clone()
            }
        };
        if orders.iter().any(|o| matches!(o, Order::Assume { .. })) {
            r.at(
                &at,
                format!(
                    "lever `{}` makes an assumption (`Assume`): expected orders a player \
                     gives (a what-if cannot win)",
                    lever.name
                ),
            );
            continue;
        }
        // Each order as a scripted order on the lever's first day would be checked.
        let first = Date::from_days(start.to_days() + days.0 as i64).to_string();
        let before = r.errors.len();
        let scripted: Vec<ScriptedOrder> = orders
            .into_iter()
            .map(|order| ScriptedOrder {
                date: first.clone(),
                order,
                times: 1,
            })
            .collect();
        check_orders_dated(r, &at, &scripted, start, end, site_names, false);
        if r.errors.len() == before {
            out.push(CheckedLever {
                name: lever.name.clone(),
                vary: lever.vary.clone(),
                days,
                taught: lever.taught,
            });
        }
    }
    out
}

/// The lever's first and last day from the level's start, or an error at its dates.
fn lever_days(
    dates: Option<&(String, String)>,
    start: Date,
    end: Option<Date>,
    at: &[&str],
    r: &mut Reporter,
) -> Option<(u64, u64)> {
    let Some((a, b)) = dates else {
        return Some((0, 0));
    };
    let mut day = |text: &str| {
        let needle = format!("\"{text}\"");
        let place = [at, &["dates", needle.as_str()]].concat();
        match Date::parse(text) {
            None => {
                r.at(
                    &place,
                    format!("lever date `{text}` is not a date: expected \"YYYY-MM-DD\""),
                );
                None
            }
            Some(d) if d < start || end.is_some_and(|e| d >= e) => {
                let until = end.map_or(String::new(), |e| format!(" and before {e}"));
                r.at(
                    &place,
                    format!(
                        "lever date {d} is outside the level: expected a date from {start}{until}"
                    ),
                );
                None
            }
            Some(d) => Some((d.to_days() - start.to_days()) as u64),
        }
    };
    let (a, b) = (day(a.as_str())?, day(b.as_str())?);
    if a > b {
        r.at(
            &[at, &["dates"]].concat(),
            "lever dates out of order: expected the first no later than the second".to_string(),
        );
        return None;
    }
    Some((a, b))
}

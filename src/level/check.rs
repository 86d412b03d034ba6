//! Parsing and checking a level: every error names the file, line and column and says what
//! was expected, with the nearest valid name for a misspelling. A bad level never panics.
//!
//! Here are the errors and the outline of [`parse_level`]; the checks are in `check/`, in
//! the order they run: `fields` (the dates, the parameters, the starting world), `orders`
//! (orders given on dates), `events` (the script's events, conditions, goals, lessons and
//! rival). `solution` checks a level's reference solution, `languages` the text a language
//! lacks, `model` what a level writes that the model now ignores.

use std::fmt;

use ron::extensions::Extensions;

use super::schema::{Effect, Level, ParamValue};
use crate::sim::clock::Date;
use crate::sim::orders::Order;
use crate::sim::params::{P, Params};

mod events;
mod fields;
mod languages;
mod model;
mod orders;
mod solution;

use orders::check_orders;

pub use languages::language_notes;
pub use model::model_notes;
pub use solution::{CheckedSolution, parse_solution};

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

impl<'a> Reporter<'a> {
    /// No errors yet, for `file`, whose text is `src`.
    fn new(file: &'a str, src: &'a str) -> Self {
        Self {
            file,
            loc: Locator { src },
            errors: Vec::new(),
        }
    }

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
    let len =
        crate::store::len(path).map_err(|e| error_at_top(&file, format!("cannot read: {e}")))?;
    if len > MAX_LEVEL_BYTES as u64 {
        return Err(error_at_top(
            &file,
            format!("the file is {len} bytes; expected at most {MAX_LEVEL_BYTES}"),
        ));
    }
    let src = crate::store::read_to_string(path)
        .map_err(|e| error_at_top(&file, format!("cannot read: {e}")))?;
    parse_level(&file, &src)
}

/// An error about the file as a whole (too big, unreadable), at its first character.
fn error_at_top(file: &str, message: String) -> LevelErrors {
    LevelErrors(vec![LevelError {
        file: file.to_string(),
        line: 1,
        col: 1,
        message,
    }])
}

/// How levels and solutions are read: a `Some` may be left out, and brackets nest at most
/// 64 deep, so a hostile file cannot exhaust the stack.
fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(64)
}

/// Parses and checks a level's text; `file` names it in errors. Every check runs and
/// reports, in the order of the level's parts (dates, parameters, world, orders, script,
/// difficulty), so its errors come out in that order.
pub fn parse_level(file: &str, src: &str) -> Result<CheckedLevel, LevelErrors> {
    if src.len() > MAX_LEVEL_BYTES {
        return Err(error_at_top(
            file,
            format!(
                "the level is {} bytes; expected at most {MAX_LEVEL_BYTES}",
                src.len()
            ),
        ));
    }
    let level: Level = ron_options()
        .from_str(src)
        .map_err(|e| ron_error(file, &e))?;
    let mut r = Reporter::new(file, src);
    let (start, end) = fields::check_dates(&level, &mut r);
    let (params, overridden) = fields::check_parameters(&level, &mut r);
    let site_names = fields::check_world(&level, &mut r);
    let orders = match start {
        Some(st) => check_orders(&mut r, &["orders"], &level.orders, st, end, &site_names),
        None => Vec::new(),
    };
    let names = events::Names::of(&level, &site_names);
    events::check_script(&level, &names, &mut r);
    fields::check_difficulty(&level, &mut r);

    if !r.errors.is_empty() {
        return Err(LevelErrors(r.errors));
    }
    let start = start.unwrap_or(Date {
        year: 2026,
        month: 1,
        day: 1,
    });
    Ok(CheckedLevel {
        file: file.to_string(),
        level: with_units_converted(level),
        params,
        overridden,
        start,
        end,
        orders,
        source: src.to_string(),
    })
}

/// The level with the numbers with units its events set turned into numbers in the
/// catalogue's unit, once: the running script reads the number.
fn with_units_converted(mut level: Level) -> Level {
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
    level
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::params::CATALOGUE;

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

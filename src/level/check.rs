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

mod bounds;
mod events;
mod fields;
mod languages;
mod levers;
mod model;
mod orders;
mod prediction;
mod solution;

use orders::check_orders;

pub use bounds::replay_load;
pub use languages::language_notes;
pub use levers::{CheckedLever, MAX_LEVERS, MAX_OPTIONS};
pub use model::model_notes;
pub use prediction::MAX_PREDICTION_CHARS;
pub use solution::{CheckedSolution, parse_solution};

/// Largest level file read, bytes: a hostile file cannot exhaust memory.
pub const MAX_LEVEL_BYTES: usize = 1 << 20;
/// Most entries in a list of a level: launch sites, datacenters, fabs, constellations,
/// scripted orders, events, goals, lesson steps, the effects of one event and the points
/// of one rival curve.
pub const MAX_LIST: usize = 1000;
/// Most effects in all of a level's events together (each a spawn, a message, an order…).
pub const MAX_EFFECTS: usize = 10_000;
/// Most terms in all of a level's conditions together (`Always`, `Above(..)`, and `All`,
/// `Any` and `Not` with what is inside them): the script reads them every game hour. The
/// campaign's levels have a few dozen.
pub const MAX_CONDITIONS: usize = 10_000;
/// Most orders a level gives: its scripted orders, each counted `times` over, and its
/// events' `Order` effects. The campaign's largest plan gives about a hundred; each order
/// becomes a project the game counts down every hour.
pub const MAX_ORDERS: u64 = 10_000;
/// Most ships or pads at one site, and both at all sites (each is an entity): what a level
/// starts with, spawns and orders built together may not pass them, and the game holds to
/// them as it runs.
pub use crate::sim::world::{MAX_PADS_PER_SITE, MAX_SHIPS_AND_PADS, MAX_SHIPS_PER_SITE};
/// Largest count or amount accepted anywhere in a level.
pub const MAX_AMOUNT: f64 = 1e16;
/// Most problems reported for one level: past them the check stops looking for more, so a
/// hostile level cannot make it slow.
pub const MAX_ERRORS: usize = 100;

// An event of the most effects a level may give one fits in a game year's budget of
// repeating effects.
const _: () = assert!(MAX_LIST <= super::schema::REPEAT_EFFECTS_PER_YEAR);

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
    /// Its levers, checked (what `terawatt explore` varies).
    pub levers: Vec<CheckedLever>,
}

/// Finds places in the source to point errors at.
struct Locator<'a> {
    src: &'a str,
    /// `src` with its comments blanked, byte for byte (a field's name in a comment is not
    /// the field).
    code: String,
}

impl<'a> Locator<'a> {
    fn new(src: &'a str) -> Self {
        Self {
            src,
            code: without_comments(src),
        }
    }

    /// Line and column of the last of `needles`, each searched after the one before in the
    /// code (not its comments); the deepest one found if a later one is missing.
    fn find(&self, needles: &[&str]) -> (usize, usize) {
        let mut at = 0;
        let mut found = None;
        for n in needles {
            match self.code[at..].find(n) {
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

/// `src` with every byte of its comments (`// …` to the line's end, `/* … */`, nested as RON
/// nests them) made a space, outside strings and raw strings: the same byte offsets, and a
/// match in it is a match in `src`'s code.
fn without_comments(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = b.to_vec();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#'))
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                let hashes = b[i + 1..].iter().take_while(|c| **c == b'#').count();
                if b.get(i + 1 + hashes) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let close: Vec<u8> = std::iter::once(b'"')
                    .chain(std::iter::repeat_n(b'#', hashes))
                    .collect();
                let body = i + 2 + hashes;
                i = b[body..]
                    .windows(close.len())
                    .position(|w| w == close.as_slice())
                    .map_or(b.len(), |p| body + p + close.len());
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    out[i] = b' ';
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 0usize;
                while i < b.len() {
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        depth += 1;
                        out[i..i + 2].fill(b' ');
                        i += 2;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        out[i..i + 2].fill(b' ');
                        i += 2;
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        if b[i] != b'\n' {
                            out[i] = b' ';
                        }
                        i += 1;
                    }
                }
            }
            _ => i += 1,
        }
    }
    // Only whole comments were blanked, each byte of them: what is left is valid UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| src.to_string())
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
            loc: Locator::new(src),
            errors: Vec::new(),
        }
    }

    /// Whether [`MAX_ERRORS`] have been found: later ones are not reported, and a check may
    /// skip the work of finding them.
    fn full(&self) -> bool {
        self.errors.len() >= MAX_ERRORS
    }

    /// An error at the last of `needles` (see [`Locator::find`]), unless [`Self::full`].
    fn at(&mut self, needles: &[&str], message: String) {
        if self.full() {
            return;
        }
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
                format!(
                    "{what} = {}: expected a number from 0 to {MAX_AMOUNT:e}",
                    crate::text::plain(v)
                ),
            );
        }
    }
}

pub use crate::sim::orders::all_actions;
pub use crate::text::nearest;

pub(crate) use super::units::convert;

/// Reads and checks a level file: a regular file only (not a device or a pipe), no more
/// than [`MAX_LEVEL_BYTES`] of it, and a byte that is not UTF-8 reported where it is.
pub fn load_file(path: &std::path::Path) -> Result<CheckedLevel, LevelErrors> {
    let file = path.display().to_string();
    let src = crate::store::read_text(path, MAX_LEVEL_BYTES as u64).map_err(|e| {
        let (line, col) = e.place();
        let message = match e {
            crate::store::ReadError::NotText { .. } => {
                "not text: expected a RON level in UTF-8".to_string()
            }
            e => e.to_string(),
        };
        LevelErrors(vec![LevelError {
            file: file.clone(),
            line,
            col,
            message,
        }])
    })?;
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
/// difficulty, levers, prediction), so its errors come out in that order.
pub fn parse_level(file: &str, src: &str) -> Result<CheckedLevel, LevelErrors> {
    // A byte order mark (Windows Notepad's) is not part of the level.
    let src = crate::store::strip_bom(src);
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
    bounds::check_bounds(&level, &site_names, &mut r);
    fields::check_difficulty(&level, &mut r);
    let levers = levers::check_levers(&level, start, end, &site_names, &mut r);
    prediction::check_prediction(&level, &mut r);

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
        levers,
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

    #[test]
    fn places_are_found_in_the_code_not_its_comments() {
        let src = "Level( // robots: many robots.\n  /* robots /* nested robots */ robots */\n  \
                   note: \"// robots\", raw: r#\"robots\"#, robots: 1 )";
        let code = super::without_comments(src);
        assert_eq!(code.len(), src.len());
        let loc = super::Locator::new(src);
        // The field, on the third line, not the comments' words; a string's text is kept.
        assert_eq!(loc.find(&["robots:"]), (3, 40));
        assert_eq!(loc.find(&["robots"]), (3, 13));
        assert!(code.contains("\"// robots\""), "a string keeps its slashes");
    }
}

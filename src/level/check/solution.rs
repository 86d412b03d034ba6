//! A level's reference solution (see `levels/README.md`): read and checked against its
//! level, with errors in the same `file:line:column` form as a level's.

use super::orders::check_orders;
use super::{
    CheckedLevel, LevelErrors, MAX_LEVEL_BYTES, Reporter, error_at_top, ron_error, ron_options,
};
use crate::level::schema::SolutionSpec;
use crate::sim::constants::{HOURS_PER_DAY, HOURS_PER_YEAR};
use crate::sim::orders::Order;

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
    /// Other winning plans: a name (the file's) and their orders, from
    /// `solutions/<id>/*.ron` beside the reference (`verify::load_solution`).
    pub alternatives: Vec<(String, Vec<(u64, Order)>)>,
}

/// Parses and checks a solution's text against its level; `file` names it in errors,
/// which have the same `file:line:column` form as a level's.
pub fn parse_solution(
    file: &str,
    src: &str,
    level: &CheckedLevel,
) -> Result<CheckedSolution, LevelErrors> {
    if src.len() > MAX_LEVEL_BYTES {
        return Err(error_at_top(
            file,
            format!(
                "the solution is {} bytes; expected at most {MAX_LEVEL_BYTES}",
                src.len()
            ),
        ));
    }
    let spec: SolutionSpec = ron_options()
        .from_str(src)
        .map_err(|e| ron_error(file, &e))?;
    let mut r = Reporter::new(file, src);
    if spec.level != level.level.id {
        r.at(
            &["level"],
            format!(
                "solution for level `{}`: expected `{}` (the level it sits beside)",
                spec.level, level.level.id
            ),
        );
    }
    let years = solution_years(spec.years, level, &mut r);
    let (orders, exploits) = check_plan(&spec, level, &mut r);
    if r.errors.is_empty() {
        Ok(CheckedSolution {
            file: file.to_string(),
            note: spec.note,
            years,
            orders,
            exploits,
            alternatives: Vec::new(),
        })
    } else {
        Err(LevelErrors(r.errors))
    }
}

/// The game years `verify` plays: those the solution gives (from 0 to 200), else the
/// level's span through its end date and the first hour after it (a goal whose deadline is
/// the end date is decided in that hour: the script judges a deadline once it has passed),
/// else 10.
fn solution_years(years: Option<f64>, level: &CheckedLevel, r: &mut Reporter) -> f64 {
    let span_years = level.end.map(|e| {
        let days = (e.to_days() - level.start.to_days() + 1) as f64;
        (days * HOURS_PER_DAY + 1.0) / HOURS_PER_YEAR
    });
    match (years, span_years) {
        (Some(y), _) if !(y > 0.0 && y <= 200.0) => {
            r.at(
                &["years"],
                format!(
                    "years = {}: expected a number of game years from 0 to 200",
                    crate::text::plain(y)
                ),
            );
            10.0
        }
        (Some(y), _) => y,
        (None, Some(y)) => y,
        (None, None) => 10.0,
    }
}

/// Checks the solution's orders, then each exploit's, against the level's dates and
/// launch sites. Returns the orders and the exploits with theirs, as (tick, order).
fn check_plan(
    spec: &SolutionSpec,
    level: &CheckedLevel,
    r: &mut Reporter,
) -> (Vec<(u64, Order)>, Vec<(String, Vec<(u64, Order)>)>) {
    let sites: Vec<&str> = level
        .level
        .world
        .sites
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    let orders = check_orders(r, &["orders"], &spec.orders, level.start, level.end, &sites);
    let mut exploits = Vec::new();
    for x in &spec.exploits {
        let name = format!("\"{}\"", x.name);
        let o = check_orders(
            r,
            &["exploits", &name, "orders"],
            &x.orders,
            level.start,
            level.end,
            &sites,
        );
        exploits.push((x.name.clone(), o));
    }
    (orders, exploits)
}

//! Numbers with units in level files (`"30 h"`, `"1.25 days"`, `"15%"`), converted to a
//! parameter's catalogue unit. The check converts once as the level loads; the script uses
//! the same rule for an event's `SetParam`.

/// A unit's dimension and its factor to the dimension's base unit.
fn unit_factor(unit: &str) -> Option<(&'static str, f64)> {
    Some(match unit {
        "h" | "hour" | "hours" => ("time", 1.0),
        "day" | "days" => ("time", 24.0),
        "week" | "weeks" => ("time", 168.0),
        "month" | "months" => ("time", 730.0),
        "yr" | "year" | "years" => ("time", 8760.0),
        "W" => ("power", 1e-9),
        "kW" => ("power", 1e-6),
        "MW" => ("power", 1e-3),
        "GW" => ("power", 1.0),
        "TW" => ("power", 1e3),
        "%" => ("fraction", 0.01),
        "fraction" => ("fraction", 1.0),
        "t" => ("mass", 1.0),
        "kg" => ("mass", 1e-3),
        "kt" => ("mass", 1e3),
        _ => return None,
    })
}

/// Converts `"30 h"` to the catalogue unit of `def`.
pub fn convert(text: &str, unit: &str) -> Result<f64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E')))
        .unwrap_or(text.len());
    let (num, given) = (text[..split].trim(), text[split..].trim());
    let value: f64 = num.parse().map_err(|_| {
        format!("`{text}` is not a number with a unit; expected e.g. \"30 {unit}\"")
    })?;
    if given == unit || given.is_empty() {
        return Ok(value);
    }
    match (unit_factor(given), unit_factor(unit)) {
        (Some((dg, fg)), Some((du, fu))) if dg == du => Ok(value * fg / fu),
        (Some(_) | None, Some((du, _))) => Err(format!(
            "wrong unit `{given}`: expected {unit} (or another unit of {du})"
        )),
        _ => Err(format!("wrong unit `{given}`: expected {unit}")),
    }
}

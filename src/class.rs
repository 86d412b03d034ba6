//! Class results (`terawatt class`): a class's share codes, one a line, each replayed
//! headless to the hour it was shared, into one row per code — the level, how the game
//! stands (won, lost or open) and when, the three scores, the prediction — with whether
//! the code was made under these rules and reaches the state it carries. A line that is
//! not a code this game can open is refused with its line and the reason. The rows become
//! a CSV ([`csv`]) and a picture, one histogram per level ([`plot`]).
//!
//! The figures come from the replay, not from what the code says of itself: a code edited
//! by hand (its scores or its answer) does not reach its stamp, and says so.

use crate::save::{SaveFile, StampCheck};

mod plot;

pub use plot::{PLOT_WIDTH, picture, plot};

/// Most lines a class file may hold (a school's year of classes, not a database).
pub const MAX_LINES: usize = 10_000;

/// One code's game, replayed.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The line of the file it is on, from 1.
    pub line: usize,
    /// What came before the code on its line (a student's name or number), if anything.
    pub name: String,
    /// The level's id.
    pub level: String,
    /// `won`, `lost` or `open` (still going when it was shared).
    pub outcome: &'static str,
    /// The date it was decided, or the last date played, `YYYY-MM-DD`.
    pub date: String,
    /// Days from the level's first day to that date.
    pub days: u64,
    /// Capital spent by then, $ (a won game's: on the day it was won).
    pub capital_spent_usd: f64,
    /// CO₂ the gas turbines burned by then, t (X5).
    pub co2_t: f64,
    /// The answer to the level's prediction, the choice's place (from 0).
    pub prediction: Option<u32>,
    /// That choice's words, in English (empty without an answer).
    pub prediction_text: String,
    /// The level's prediction's number of choices (0: it asks none).
    pub choices: usize,
    /// Made under this game's rules ([`crate::sim::RULES_VERSION`]).
    pub rules_ok: bool,
    /// The level is a shipped one, in the same words (a code of an author's own level
    /// carries its text whole: false).
    pub shipped_level: bool,
    /// The replay reached the state the code carries (its stamp): the code is as it was
    /// made.
    pub state_ok: bool,
}

/// A line that is not a code this game can open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The line, from 1.
    pub line: usize,
    /// Why, in words.
    pub why: String,
}

/// A class's codes, read: the games in the file's order and the lines refused.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClassResults {
    /// One row per code opened.
    pub rows: Vec<Row>,
    /// The lines refused.
    pub refused: Vec<Refused>,
}

/// A line's name and code: the code is its last word (spaces, tabs, commas and
/// semicolons part words), and what comes before it is the name. `None` for a blank
/// line or a comment (`//`).
fn split_line(line: &str) -> Option<(String, String)> {
    let line = line.trim();
    if line.is_empty() || line.starts_with("//") {
        return None;
    }
    let cut = |c: char| c.is_whitespace() || c == ',' || c == ';' || c == '\t';
    let at = line.rfind(cut).map_or(0, |i| i + 1);
    let (name, code) = line.split_at(at);
    let name = name.trim_matches(|c: char| cut(c) || c == ':').to_string();
    Some((name, code.to_string()))
}

/// A code to replay: its line (from 1), the name before it, and its game.
pub type Job = (usize, String, SaveFile);

/// A class's codes read from `text` (not yet replayed): the codes that decode, in the
/// file's order, and the lines refused. `tr` words the reasons.
pub fn parse(text: &str, tr: &crate::i18n::Tr) -> (Vec<Job>, Vec<Refused>) {
    let mut jobs: Vec<Job> = Vec::new();
    let mut refused = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line_no > MAX_LINES {
            refused.push(Refused {
                line: line_no,
                why: tr.args("class-too-many", &[("n", MAX_LINES.to_string())]),
            });
            break;
        }
        let Some((name, code)) = split_line(line) else {
            continue;
        };
        match crate::share::decode(&code) {
            Ok(save) => jobs.push((line_no, name, save)),
            Err(e) => refused.push(Refused {
                line: line_no,
                why: crate::share::share_error(tr, &e),
            }),
        }
    }
    (jobs, refused)
}

/// One job replayed into `out`: its row, or its line refused with the reason.
pub fn play_job((line, name, save): &Job, out: &mut ClassResults) {
    match replay(save) {
        Ok(mut row) => {
            row.line = *line;
            row.name = name.clone();
            out.rows.push(row);
        }
        Err(why) => {
            out.refused.push(Refused { line: *line, why });
            out.refused.sort_by_key(|r| r.line);
        }
    }
}

/// Reads a class's codes from `text` and replays each on `threads` threads (0: one per
/// core), in the file's order. `tr` words the reasons a code is refused.
pub fn read(text: &str, threads: usize, tr: &crate::i18n::Tr) -> ClassResults {
    let (jobs, refused) = parse(text, tr);
    let mut out = ClassResults {
        rows: Vec::new(),
        refused,
    };
    let played = crate::sweep::parallel_map(&jobs, threads, |job| {
        let mut one = ClassResults::default();
        play_job(job, &mut one);
        one
    });
    for one in played {
        out.rows.extend(one.rows);
        out.refused.extend(one.refused);
    }
    out.refused.sort_by_key(|r| r.line);
    out
}

/// Replays `save` (a code's game) headless to its hour, and reads its row (its line and
/// name left empty).
pub fn replay(save: &SaveFile) -> Result<Row, String> {
    let mut app = crate::testing::bare_app();
    let opened = crate::save::restore(app.world_mut(), save).map_err(|e| e.to_string())?;
    let world = app.world();
    let level = &world.resource::<crate::level::CurrentLevel>().0;
    let (outcome, date, _) = crate::sweep::outcome_of(world);
    let start = world.resource::<crate::sim::clock::GameClock>().start;
    let (days, capital_spent_usd, co2_t) = match crate::scores::Scores::of(world) {
        Some(s) => (s.days, s.capital_spent_usd, s.co2_t),
        None => {
            let (usd, co2) = crate::scores::so_far(world);
            let today = crate::sim::clock::Date::parse(&date).unwrap_or(start);
            ((today.to_days() - start.to_days()).max(0) as u64, usd, co2)
        }
    };
    let script = world.resource::<crate::level::script::Script>();
    let spec = level.level.prediction.as_ref();
    let prediction = script.predicted;
    let prediction_text = prediction
        .and_then(|i| spec?.choices.get(i as usize))
        .map(|c| c.en().to_string())
        .unwrap_or_default();
    Ok(Row {
        line: 0,
        name: String::new(),
        level: level.level.id.clone(),
        outcome,
        date,
        days,
        capital_spent_usd,
        co2_t,
        prediction,
        prediction_text,
        choices: spec.map_or(0, |p| p.choices.len()),
        rules_ok: !matches!(opened.stamp, StampCheck::OtherRules { .. }),
        shipped_level: crate::shipped::LEVELS
            .iter()
            .any(|(_, src)| *src == save.level_source),
        state_ok: opened.stamp == StampCheck::Agrees,
    })
}

/// A CSV field: quoted when it holds a comma, a quote or a line break.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The results as a CSV: a header, one row per code (the prediction as the choice's
/// number from 1 and its English words), then one `refused` row per line refused, with
/// the reason.
pub fn csv(results: &ClassResults) -> String {
    let mut out = String::from(
        "line,name,level,outcome,date,days,capital_spent_usd,co2_t,prediction,\
         prediction_text,rules_ok,shipped_level,state_ok,refused\n",
    );
    for r in &results.rows {
        out.push_str(&format!(
            "{},{},{},{},{},{},{:.0},{:.0},{},{},{},{},{},\n",
            r.line,
            field(&r.name),
            field(&r.level),
            r.outcome,
            r.date,
            r.days,
            r.capital_spent_usd,
            r.co2_t,
            r.prediction
                .map(|p| (p + 1).to_string())
                .unwrap_or_default(),
            field(&r.prediction_text),
            r.rules_ok,
            r.shipped_level,
            r.state_ok,
        ));
    }
    for r in &results.refused {
        out.push_str(&format!(
            "{},,,refused,,,,,,,,,,{}\n",
            r.line,
            field(&r.why)
        ));
    }
    out
}

/// The levels of the rows, in the order each first appears.
pub fn levels(rows: &[Row]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for r in rows {
        if !out.contains(&r.level.as_str()) {
            out.push(&r.level);
        }
    }
    out
}

/// One line per level, in the command line's words: games, won, lost and open, the
/// median win in days, and the answers by choice.
pub fn summary(results: &ClassResults, tr: &crate::i18n::Tr) -> String {
    let mut out = String::new();
    for id in levels(&results.rows) {
        let rows: Vec<&Row> = results.rows.iter().filter(|r| r.level == id).collect();
        let count = |o: &str| rows.iter().filter(|r| r.outcome == o).count();
        let mut won_days: Vec<u64> = rows
            .iter()
            .filter(|r| r.outcome == "won")
            .map(|r| r.days)
            .collect();
        won_days.sort_unstable();
        let median = won_days
            .get(won_days.len() / 2)
            .map_or("-".to_string(), |d| d.to_string());
        let choices = rows.iter().map(|r| r.choices).max().unwrap_or(0);
        let answers: Vec<String> = (0..choices as u32)
            .map(|c| {
                let n = rows.iter().filter(|r| r.prediction == Some(c)).count();
                format!("{}:{n}", c + 1)
            })
            .collect();
        out.push_str(&tr.args(
            "class-level",
            &[
                ("level", id.to_string()),
                ("n", rows.len().to_string()),
                ("won", count("won").to_string()),
                ("lost", count("lost").to_string()),
                ("open", count("open").to_string()),
                ("days", median),
                ("answers", answers.join(" ")),
            ],
        ));
        out.push('\n');
    }
    for r in &results.refused {
        out.push_str(&tr.args(
            "class-refused",
            &[("line", r.line.to_string()), ("why", r.why.clone())],
        ));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_a_name_and_a_code() {
        assert_eq!(split_line("  "), None);
        assert_eq!(split_line("// period 3"), None);
        assert_eq!(
            split_line("TW1-abc"),
            Some((String::new(), "TW1-abc".into()))
        );
        assert_eq!(
            split_line("Ana Li,\tTW1-abc "),
            Some(("Ana Li".into(), "TW1-abc".into()))
        );
        assert_eq!(
            split_line("12: https://x.org/#TW1-abc"),
            Some(("12".into(), "https://x.org/#TW1-abc".into()))
        );
    }

    #[test]
    fn a_field_with_a_comma_is_quoted() {
        assert_eq!(field("a"), "a");
        assert_eq!(field("a, \"b\""), "\"a, \"\"b\"\"\"");
    }
}

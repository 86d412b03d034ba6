//! The check of a level's prediction: a question and from [`MIN_CHOICES`] to
//! [`MAX_CHOICES`] choices, none of them empty and no two the same in any language (a
//! class's answers are counted by choice).

use super::Reporter;
use crate::i18n::{Lang, Text};
use crate::level::schema::{Level, MAX_CHOICES, MIN_CHOICES};

/// Longest question or choice, characters (a window's line or two, not a page).
pub const MAX_PREDICTION_CHARS: usize = 400;

/// Checks the level's prediction, if it asks one.
pub(super) fn check_prediction(level: &Level, r: &mut Reporter) {
    let Some(p) = &level.prediction else {
        return;
    };
    text(&p.question, &["prediction", "question"], "the question", r);
    let n = p.choices.len();
    if !(MIN_CHOICES..=MAX_CHOICES).contains(&n) {
        r.at(
            &["prediction", "choices"],
            format!("prediction: {n} choices: expected {MIN_CHOICES} to {MAX_CHOICES}"),
        );
    }
    for (i, c) in p.choices.iter().enumerate() {
        let what = format!("choice {}", i + 1);
        // The place: the choice's own text from its opening quote (the start of its
        // token), found after the choices before it.
        let starts: Vec<String> = p.choices[..=i]
            .iter()
            .map(|c| format!("\"{}", c.en().chars().take(30).collect::<String>()))
            .collect();
        let at: Vec<&str> = ["prediction", "choices"]
            .into_iter()
            .chain(starts.iter().map(String::as_str))
            .collect();
        text(c, &at, &what, r);
        for lang in Lang::ALL {
            let same = p.choices[..i]
                .iter()
                .position(|earlier| earlier.get(lang).trim() == c.get(lang).trim());
            if let Some(j) = same {
                r.at(
                    &at,
                    format!(
                        "prediction: {what} is choice {} again in {}: expected different \
                         choices",
                        j + 1,
                        lang.code()
                    ),
                );
                break;
            }
        }
    }
}

/// An error unless `t` has words in each language it gives, at most
/// [`MAX_PREDICTION_CHARS`] of them.
fn text(t: &Text, at: &[&str], what: &str, r: &mut Reporter) {
    for lang in Lang::ALL {
        let s = t.get(lang).trim();
        if s.is_empty() {
            r.at(
                at,
                format!(
                    "prediction: {what} is empty in {}: expected words",
                    lang.code()
                ),
            );
            return;
        }
        let len = s.chars().count();
        if len > MAX_PREDICTION_CHARS {
            r.at(
                at,
                format!(
                    "prediction: {what} has {len} characters in {}: expected at most \
                     {MAX_PREDICTION_CHARS}",
                    lang.code()
                ),
            );
            return;
        }
    }
}

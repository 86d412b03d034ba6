//! The notes on a level's text: which fields lack a language. A level that lacks one still
//! plays, so these are notes, not errors.

use crate::level::schema::{Effect, Level};

/// The text fields that lack a language, as notes (`goals["million"].text: no zh-CN,
/// English is shown`): a level still plays, each missing language falling back to English.
pub fn language_notes(level: &Level) -> Vec<String> {
    use crate::i18n::Text;
    let mut fields: Vec<(String, &Text)> = vec![
        ("title".into(), &level.title),
        ("description".into(), &level.description),
    ];
    for g in &level.goals {
        fields.push((format!("goals[\"{}\"].text", g.id), &g.text));
    }
    for (i, s) in level.lessons.iter().enumerate() {
        fields.push((format!("lessons[{i}].text"), &s.text));
    }
    if let Some(p) = &level.prediction {
        fields.push(("prediction.question".into(), &p.question));
        for (i, c) in p.choices.iter().enumerate() {
            fields.push((format!("prediction.choices[{i}]"), c));
        }
    }
    for e in &level.events {
        for (i, fx) in e.then.iter().enumerate() {
            if let Effect::Message(t) = fx {
                fields.push((format!("events[\"{}\"].then[{i}]", e.id), t));
            }
        }
    }
    fields
        .into_iter()
        .filter(|(_, t)| !t.is_empty())
        .filter_map(|(at, t)| {
            let missing: Vec<&str> = t.missing().iter().map(|l| l.code()).collect();
            // What the missing languages see instead: English, or the first it has.
            let shown = if t.missing().contains(&crate::i18n::Lang::En) {
                "the first language given is shown"
            } else {
                "English is shown"
            };
            (!missing.is_empty()).then(|| format!("{at}: no {}, {shown}", missing.join(", ")))
        })
        .collect()
}

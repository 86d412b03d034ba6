//! A chart read point by point from the keyboard: under each chart, a widget that Tab
//! reaches; ← and → step through the line's samples, Page Up and Page Down ten at a time,
//! Home and End to the first and the last, ↑ and ↓ change the line. Each point is said in
//! words (the line, the date, the value and its unit) on the widget, for the eye and for a
//! screen reader (a slider whose value is the point, and the live region).

use bevy::prelude::*;
use bevy_egui::egui;
use egui::accesskit::Role;

use super::charts::Series;
use super::speech::Speech;
use crate::i18n::Tr;
use crate::sim::clock::GameClock;
use crate::sim::record::Sample;

/// Where each chart's reader is: its line (among those drawn) and its point (`None`: the
/// newest, following the game as it runs).
#[derive(Resource, Debug, Clone, Default)]
pub struct ChartCursors(pub Vec<Cursor>);

/// One chart's reader.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    /// The line, among those the chart draws now.
    pub line: usize,
    /// The sample, from the first; `None` for the newest.
    pub point: Option<usize>,
}

/// How far Page Up and Page Down step, samples.
const PAGE: usize = 10;

/// What a reader reads: the words, the game's record and its calendar.
pub(super) struct Record<'a> {
    /// The words.
    pub tr: &'a Tr,
    /// The game's samples, oldest first.
    pub samples: &'a [Sample],
    /// Dates the samples' hours.
    pub clock: &'a GameClock,
}

/// A value in words: large ones in the language's style (1.2M, 120万), small ones with
/// three significant digits.
fn value_words(tr: &Tr, v: f64) -> String {
    if v.abs() >= 1e4 {
        return tr.num(v);
    }
    let digits = if v.abs() >= 100.0 {
        0
    } else if v.abs() >= 10.0 {
        1
    } else if v.abs() >= 1.0 {
        2
    } else {
        3
    };
    format!("{v:.digits$}")
}

/// The point a cursor is on, in words: its line, its date, its value with the unit, and
/// where it is among the line's points. `lines`: the chart's lines drawn now, each with its
/// index among the chart's lines.
fn point_words(
    rec: &Record,
    ci: usize,
    lines: &[(usize, &Series)],
    cursor: Cursor,
) -> Option<String> {
    let &(li, &(_, figure, k, _)) = lines.get(cursor.line)?;
    let tr = rec.tr;
    let line = tr.t(&format!("chart-{ci}-{li}"));
    let Some(last) = rec.samples.len().checked_sub(1) else {
        return Some(tr.args("chart-reader-empty", &[("line", line)]));
    };
    let n = cursor.point.unwrap_or(last).min(last);
    let s = &rec.samples[n];
    Some(tr.args(
        "chart-reader-point",
        &[
            ("line", line),
            ("date", rec.clock.date_at(s.tick).to_string()),
            ("value", value_words(tr, s.get(figure) * k)),
            ("unit", tr.t(&format!("chart-{ci}-{li}-unit"))),
            ("n", (n + 1).to_string()),
            ("of", (last + 1).to_string()),
        ],
    ))
}

/// The keys a focused reader takes this frame: the change of point and of line.
fn moves(ui: &egui::Ui) -> (Option<isize>, Option<bool>, isize) {
    use egui::Key;
    ui.input(|i| {
        let step = if i.key_pressed(Key::ArrowLeft) {
            Some(-1)
        } else if i.key_pressed(Key::ArrowRight) {
            Some(1)
        } else if i.key_pressed(Key::PageUp) {
            Some(-(PAGE as isize))
        } else if i.key_pressed(Key::PageDown) {
            Some(PAGE as isize)
        } else {
            None
        };
        let end = if i.key_pressed(Key::Home) {
            Some(false)
        } else if i.key_pressed(Key::End) {
            Some(true)
        } else {
            None
        };
        let line =
            isize::from(i.key_pressed(Key::ArrowDown)) - isize::from(i.key_pressed(Key::ArrowUp));
        (step, end, line)
    })
}

/// Chart `ci`'s reader under it: the point it is on, in words, moved by the keys while it
/// has the focus; a move is announced.
pub(super) fn reader(
    ui: &mut egui::Ui,
    rec: &Record,
    (ci, title): (usize, &str),
    lines: &[(usize, &Series)],
    cursor: &mut Cursor,
    speech: &mut Speech,
) {
    if lines.is_empty() {
        return;
    }
    cursor.line = cursor.line.min(lines.len() - 1);
    let Some(words) = point_words(rec, ci, lines, *cursor) else {
        return;
    };
    let tr = rec.tr;
    let r = ui.add(egui::Button::new(egui::RichText::new(&words).small()));
    let name = tr.args("chart-reader", &[("chart", title.to_string())]);
    let keys = tr.t("chart-reader-keys");
    let r = r.on_hover_text(&keys);
    let last = rec.samples.len().saturating_sub(1);
    let at = cursor.point.unwrap_or(last).min(last);
    // A slider over the line's points, whose value is the point in words.
    r.ctx.accesskit_node_builder(r.id, |n| {
        n.set_role(Role::Slider);
        n.set_label(name);
        n.set_description(keys);
        n.set_value(words.clone());
        n.set_numeric_value((at + 1) as f64);
        n.set_min_numeric_value(1.0);
        n.set_max_numeric_value((last + 1) as f64);
    });
    if r.clicked() {
        speech.say(words);
    }
    if !r.has_focus() {
        return;
    }
    // The arrows are the reader's while it has the focus (Tab still leaves it).
    ui.memory_mut(|m| {
        m.set_focus_lock_filter(
            r.id,
            egui::EventFilter {
                horizontal_arrows: true,
                vertical_arrows: true,
                ..default()
            },
        );
    });
    let (step, end, line) = moves(ui);
    let before = *cursor;
    if let Some(step) = step {
        let to = at.saturating_add_signed(step).min(last);
        cursor.point = (to < last).then_some(to);
    }
    match end {
        Some(false) => cursor.point = Some(0).filter(|_| last > 0),
        Some(true) => cursor.point = None,
        None => {}
    }
    if line != 0 {
        let n = lines.len() as isize;
        cursor.line = (cursor.line as isize + line).rem_euclid(n) as usize;
    }
    if *cursor != before
        && let Some(w) = point_words(rec, ci, lines, *cursor)
    {
        speech.say(w);
    }
}

//! What a screen reader hears beyond the widgets' own text: the announcements (one live
//! region: the level's messages, goals reached or failed, the outcome, orders given or
//! refused, the selection, a chart's point) and the names and descriptions that say in
//! words what a symbol, a colour or a hover text says.
//!
//! egui describes every widget to AccessKit; bevy_egui (its `accesskit` feature) hands that
//! tree to bevy_winit's adapter for the system's screen reader (AT-SPI on Linux, UI
//! Automation on Windows, NSAccessibility on macOS), once a screen reader asks. These
//! helpers only add to the nodes egui builds: with AccessKit off they do nothing.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui::accesskit::{Live, Role};

use super::orders_panel::LastOutcome;
use crate::i18n::Tr;
use crate::level::script::{GoalKind, GoalState, MessageLog, Outcome, Script};

/// The live region's node: one for the whole interface, outside every panel, so it speaks
/// with the panels hidden (F2) too.
fn live_region_id() -> egui::Id {
    egui::Id::new("terawatt-live-region")
}

/// How many of the level's messages one announcement reads at most when several arrive
/// at once (a warp through weeks, a save loaded): the newest.
const MOST_MESSAGES: usize = 3;

/// What the live region says: the last announcement, and those waiting for the frame's
/// end.
#[derive(Resource, Debug, Default)]
pub struct Speech {
    /// What the live region says now.
    pub said: String,
    /// Said this frame, not yet in the region.
    pending: Vec<String>,
}

impl Speech {
    /// Announces `text` (politely: after what the reader is saying).
    pub fn say(&mut self, text: impl Into<String>) {
        let text = text.into();
        if !text.is_empty() && !self.pending.contains(&text) {
            self.pending.push(text);
        }
    }
}

/// Sets what a screen reader says after a widget's name: what its hover text says.
pub fn describe(r: &egui::Response, text: impl Into<String>) {
    let text = text.into();
    r.ctx
        .accesskit_node_builder(r.id, |n| n.set_description(text));
}

/// Names a widget in words (a symbol such as "«" or "✖" is not a name). A label's name is
/// its value in AccessKit, any other widget's its label.
pub fn name(r: &egui::Response, text: impl Into<String>) {
    let text = text.into();
    r.ctx.accesskit_node_builder(r.id, |n| {
        if n.role() == Role::Label {
            n.set_value(text);
        } else {
            n.set_label(text);
        }
    });
}

/// A goal's state in words ("open", "reached on 2028-03-01", "failed on …").
pub fn goal_state(tr: &Tr, st: &GoalState) -> String {
    match st {
        GoalState::Open => tr.t("speech-goal-open"),
        GoalState::Reached(d) => tr.args("speech-goal-reached", &[("date", d.to_string())]),
        GoalState::Failed(d) => tr.args("speech-goal-failed", &[("date", d.to_string())]),
    }
}

/// A goal as a screen reader names it: its kind, its state and its text.
pub fn goal_words(tr: &Tr, kind: GoalKind, st: &GoalState, text: &str) -> String {
    let kind = tr.t(match kind {
        GoalKind::Win => "speech-goal-win",
        GoalKind::Lose => "speech-goal-lose",
    });
    tr.args(
        "speech-goal",
        &[
            ("kind", kind),
            ("state", goal_state(tr, st)),
            ("text", text.to_string()),
        ],
    )
}

/// What the story has said since the last frame: how many messages, the goals' states,
/// whether the level was decided.
#[derive(Default)]
pub(super) struct Heard {
    started: bool,
    messages: usize,
    goals: Vec<GoalState>,
    decided: bool,
}

/// Announces what changed in the story: each new message of the level (from the first
/// frame, so the level's welcome is read), each goal reached or failed, the level won or
/// lost, and the last order's outcome. A story that shrank or changed its goals (another
/// level, a restart) is taken as it is, silently.
pub(super) fn notice_story(
    log: Res<MessageLog>,
    script: Res<Script>,
    outcome: Res<LastOutcome>,
    tr: Res<Tr>,
    mut speech: ResMut<Speech>,
    mut heard: Local<Heard>,
) {
    let first = !heard.started;
    if first || log.entries.len() < heard.messages || script.goals.len() != heard.goals.len() {
        heard.messages = if first { 0 } else { log.entries.len() };
        heard.goals = script.goals.iter().map(|(_, s)| s.clone()).collect();
        heard.decided = script.outcome.is_some();
        heard.started = true;
    }
    let fresh = &log.entries[heard.messages..];
    for (d, t) in &fresh[fresh.len().saturating_sub(MOST_MESSAGES)..] {
        speech.say(tr.args(
            "speech-message",
            &[
                ("date", d.to_string()),
                ("text", t.get(tr.lang).to_string()),
            ],
        ));
    }
    heard.messages = log.entries.len();
    for ((g, now), before) in script.goals.iter().zip(heard.goals.iter_mut()) {
        if *now != *before {
            *before = now.clone();
            speech.say(goal_words(&tr, g.kind, now, g.text.get(tr.lang)));
        }
    }
    if let Some(o) = script.outcome.as_ref().filter(|_| !heard.decided) {
        speech.say(match o {
            Outcome::Won(d) => tr.args("outcome-won-text", &[("date", d.to_string())]),
            Outcome::Lost(d, why) => tr.args(
                "speech-lost",
                &[
                    ("date", d.to_string()),
                    ("why", why.get(tr.lang).to_string()),
                ],
            ),
        });
    }
    heard.decided = script.outcome.is_some();
    if outcome.is_changed()
        && let Some((_, text)) = &outcome.0
    {
        speech.say(text.clone());
    }
}

/// The live region, drawn last each frame: a status node that says the frame's
/// announcements (or the last ones again, unchanged, which a reader does not repeat).
pub(super) fn speak(mut contexts: EguiContexts, mut speech: ResMut<Speech>) -> Result {
    if !speech.pending.is_empty() {
        let mut text = speech.pending.join(" ");
        // The same words again are still news (an order refused twice): a reader speaks a
        // region when its text changes, so the repeat gets a different ending.
        if text == speech.said {
            text.push('\u{a0}');
        }
        speech.said = text;
        speech.pending.clear();
    }
    let ctx = contexts.ctx_mut()?;
    let said = speech.said.clone();
    ctx.accesskit_node_builder(live_region_id(), |n| {
        n.set_role(Role::Status);
        n.set_live(Live::Polite);
        // A reader takes a status's name from its label (AT-SPI, UI Automation) or its
        // value (macOS): both.
        n.set_label(said.clone());
        n.set_value(said);
    });
    Ok(())
}

/// egui's AccessKit tree only while a screen reader listens (natively): bevy_egui turns it
/// on for every window that has an adapter, and building it costs about half a millisecond
/// a frame (`docs/accessibility.md`). The adapter asks for the tree when a reader connects
/// (`AccessibilityRequested`); the next pass builds it. Without Bevy's accessibility plugin
/// (the UI tests' harness) it leaves the contexts as they are.
#[cfg(not(target_arch = "wasm32"))]
pub(super) fn tree_while_a_reader_listens(
    requested: Option<Res<bevy::a11y::AccessibilityRequested>>,
    mut contexts: Query<&mut bevy_egui::EguiContext>,
) {
    let Some(requested) = requested else {
        return;
    };
    for mut c in &mut contexts {
        if requested.get() {
            c.get_mut().enable_accesskit();
        } else {
            c.get_mut().disable_accesskit();
        }
    }
}

//! The level's prediction in the interface: the window that asks it before play (the game
//! waits, paused, until the player answers or skips, then runs on if it was running), and
//! the line that shows the answer beside the outcome ([`debrief_line`], one small function
//! the end screen calls).

use bevy::ecs::message::{MessageCursor, Messages};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use crate::i18n::Tr;
use crate::level::CurrentLevel;
use crate::level::prediction::Predicted;
use crate::level::schema::PredictionSpec;
use crate::level::script::Script;
use crate::screen::Screen;
use crate::sim::clock::{GameClock, SimSpeed, SpeedChanged};

/// The prediction window: whether the player chose to play without answering (the window
/// is not asked again in this game).
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct PredictionWindow {
    /// Skipped: the game plays on without an answer.
    pub skipped: bool,
    /// The game was running when the question held it: it runs again once answered.
    pub held_running: bool,
}

/// The level's prediction, if it is still to be asked: the level asks one, the game is in
/// the world (not under the title menu) at its first hour, and the player has neither
/// answered nor skipped it.
fn to_ask<'a>(
    level: Option<&'a CurrentLevel>,
    script: &Script,
    clock: &GameClock,
    screen: Option<&State<Screen>>,
    window: &PredictionWindow,
) -> Option<&'a PredictionSpec> {
    let spec = level?.0.level.prediction.as_ref()?;
    let in_world = screen.is_none_or(|s| s.get().in_world());
    (in_world && clock.tick == 0 && script.predicted.is_none() && !window.skipped).then_some(spec)
}

/// Holds the game at its first hour while the prediction is asked: the answer comes
/// before play. Runs after the keys are read and before the sim's ticks, and pauses after
/// whatever this frame asked of the clock (play, a warp, Space), so a level that starts
/// running (picked from the level picker) waits too; it runs once answered. A new level
/// (or the same one started again) asks again.
pub(super) fn hold_until_answered(
    level: Option<Res<CurrentLevel>>,
    script: Res<Script>,
    clock: Res<GameClock>,
    screen: Option<Res<State<Screen>>>,
    running: Res<SimSpeed>,
    mut window: ResMut<PredictionWindow>,
    mut speed: ResMut<Messages<SpeedChanged>>,
    mut seen: Local<MessageCursor<SpeedChanged>>,
) {
    if level.as_ref().is_some_and(|l| l.is_changed()) {
        *window = PredictionWindow::default();
    }
    // What this frame asks of the clock, read whether or not it is held.
    let asked_to_run = seen.read(&speed).any(|c| {
        !matches!(
            c,
            SpeedChanged::Pause | SpeedChanged::Faster | SpeedChanged::Slower
        )
    });
    if to_ask(
        level.as_deref(),
        &script,
        &clock,
        screen.as_deref(),
        &window,
    )
    .is_none()
    {
        return;
    }
    if !running.paused || asked_to_run {
        window.held_running = true;
    }
    speed.write(SpeedChanged::Pause);
}

/// The window that asks the prediction: the question, a button for each choice (each
/// focusable: Tab, then Space or Enter) and one to play without answering.
pub(super) fn prediction_window(
    mut contexts: EguiContexts,
    tr: Res<Tr>,
    level: Option<Res<CurrentLevel>>,
    script: Res<Script>,
    clock: Res<GameClock>,
    screen: Option<Res<State<Screen>>>,
    mut window: ResMut<PredictionWindow>,
    mut answers: MessageWriter<Predicted>,
    mut speed: MessageWriter<SpeedChanged>,
) -> Result {
    let Some(spec) = to_ask(
        level.as_deref(),
        &script,
        &clock,
        screen.as_deref(),
        &window,
    ) else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?.clone();
    let (mut skip, mut answered) = (false, false);
    egui::Window::new(tr.t("predict-title"))
        .id(egui::Id::new("prediction"))
        .anchor(egui::Align2::CENTER_CENTER, [0.0, -60.0])
        .collapsible(false)
        .resizable(false)
        .default_width(420.0)
        .show(&ctx, |ui| {
            ui.label(tr.t("predict-intro"));
            ui.add_space(4.0);
            ui.heading(spec.question.get(tr.lang));
            ui.add_space(6.0);
            for (i, choice) in spec.choices.iter().enumerate() {
                let button = egui::Button::new(choice.get(tr.lang))
                    .min_size(egui::vec2(ui.available_width(), 0.0));
                if ui.add(button).clicked() {
                    answers.write(Predicted(i as u32));
                    answered = true;
                }
            }
            ui.add_space(6.0);
            if ui.button(tr.t("predict-skip")).clicked() {
                skip = true;
            }
        });
    if skip {
        window.skipped = true;
    }
    // The game runs on as it was before the question held it.
    if (skip || answered) && std::mem::take(&mut window.held_running) {
        speed.write(SpeedChanged::TogglePause);
    }
    Ok(())
}

/// The player's prediction beside the outcome: the question and the answer given, or
/// that none was; nothing if the level asks none. The end screen calls it under the
/// outcome.
pub(super) fn debrief_line(
    ui: &mut egui::Ui,
    tr: &Tr,
    level: Option<&CurrentLevel>,
    script: &Script,
) {
    let Some(spec) = level.and_then(|l| l.0.level.prediction.as_ref()) else {
        return;
    };
    ui.separator();
    ui.label(egui::RichText::new(spec.question.get(tr.lang)).strong());
    let answer = script
        .predicted
        .and_then(|i| spec.choices.get(i as usize))
        .map(|c| c.get(tr.lang).to_string());
    ui.label(match answer {
        Some(a) => tr.args("predict-yours", &[("choice", a)]),
        None => tr.t("predict-none"),
    });
}

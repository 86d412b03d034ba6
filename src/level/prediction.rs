//! A level's prediction: the one question a level may ask before play
//! ([`crate::level::schema::PredictionSpec`]). The player's answer is the level's state
//! ([`Script::predicted`]), so a save, its snapshot and a share code keep it, and the end
//! of the game shows it beside the outcome.

use bevy::prelude::*;

use super::script::Script;
use crate::sim::clock::GameClock;

pub(super) fn plugin(app: &mut App) {
    app.add_message::<Predicted>()
        .add_systems(PreUpdate, record_prediction.before(crate::sim::SimDrive));
    // The answer lands in the script ([`Script::predicted`]), which is state.
    crate::sim::declare_message_buffers::<Predicted>(app);
}

/// The player's answer to the level's prediction: the choice's place (from 0). Taken only
/// before the first game hour has run, and only a choice the level offers.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Predicted(pub u32);

/// Keeps the player's answer to the level's prediction, before play only (the last
/// answer given before the first hour stands); after that, or a choice the level does not
/// offer, it is ignored.
fn record_prediction(
    mut answers: MessageReader<Predicted>,
    mut script: ResMut<Script>,
    clock: Res<GameClock>,
    level: Option<Res<super::CurrentLevel>>,
) {
    for Predicted(choice) in answers.read() {
        let offered = level
            .as_deref()
            .and_then(|l| l.0.level.prediction.as_ref())
            .is_some_and(|p| (*choice as usize) < p.choices.len());
        if offered && clock.tick == 0 {
            script.predicted = Some(*choice);
        }
    }
}

/// Puts the answer `choice` to the level's prediction into `world`'s game, as a save or a
/// share code holds it: a replayed game is given it before its first hour, as the player
/// gave it.
pub fn set_prediction(world: &mut World, choice: Option<u32>) {
    if let Some(mut script) = world.get_resource_mut::<Script>() {
        script.predicted = choice;
    }
}

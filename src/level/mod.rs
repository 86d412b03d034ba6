//! Levels in RON: the schema a level author writes, the checks that report problems with
//! file, line and column, and the spawning of the starting world.

pub mod check;
pub mod prediction;
pub mod schema;
pub mod script;

pub mod spawn;
pub mod units;
pub mod watch;
pub mod won;

use bevy::prelude::*;

/// The level's script (events, goals, lessons) on top of the simulation.
pub fn plugin(app: &mut App) {
    app.add_plugins((script::plugin, prediction::plugin));
    hash_the_level(app);
}

/// The game's whole state, without an app: the sim's parts and the level's, in the dump's
/// order (what a save's snapshot holds; the app's list is the same).
pub fn state_parts() -> crate::sim::hash::StateParts {
    let mut parts = crate::sim::hash::StateParts::default();
    hash_the_level(&mut parts);
    parts
}

/// The level's state is part of the game's: the script's events, goals, lesson step and
/// outcome, its messages, and the level itself. (`sim/` cannot name these types, so the
/// level adds them to the state dump.)
fn hash_the_level<A: crate::sim::hash::HashState>(app: &mut A) {
    app.hash_resource::<CurrentLevel>()
        .hash_resource::<script::Script>()
        .hash_resource::<script::MessageLog>()
        .hash_resource::<crate::lock::TeacherLock>()
        .hash_skips::<bevy::ecs::message::Messages<script::LevelMessage>>(
            "a message buffer: the log keeps what the player reads",
        );
}

pub use check::{CheckedLevel, LevelError, LevelErrors, load_file, parse_level};
pub use spawn::{CurrentLevel, spawn_level};

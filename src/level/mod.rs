//! Levels in RON: the schema a level author writes, the checks that report problems with
//! file, line and column, and the spawning of the starting world.

pub mod check;
pub mod schema;
pub mod script;
pub mod spawn;
pub mod watch;

use bevy::prelude::*;

/// The level's script (events, goals, lessons) on top of the simulation.
pub fn plugin(app: &mut App) {
    app.add_plugins(script::plugin);
}

pub use check::{CheckedLevel, LevelError, LevelErrors, load_file, parse_level};
pub use spawn::{CurrentLevel, spawn_level};

//! Saves: a save is the level's own text, its seed, the game time and the player's orders
//! with the tick each was given at. Loading replays them on the level — the simulation is
//! deterministic, so the world comes back exactly. Saves are written to a temporary file
//! and renamed into place, so a crash mid-save leaves the previous save whole; a damaged
//! save is refused with the place and the reason, and nothing is overwritten.
//!
//! The game's save service (F5 and F9, the autosave, share codes, best results) is in
//! `service`; its items are re-exported here.

use std::path::Path;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::level::check::{LevelErrors, parse_level};
use crate::level::{CurrentLevel, spawn_level};
use crate::sim::clock::GameClock;
use crate::sim::orders::{Order, OrderLog, Ordered};

mod service;

pub use service::{
    AUTOSAVE_DAYS, Best, BestResults, LoadRequested, OpenCode, SaveDir, SaveRequested, SaveStatus,
    ShareCode, autosave_path, plugin, save_path,
};

/// The save format's version (2 added branches, 3 the teacher's lock; older saves have
/// none and still load).
pub const SAVE_VERSION: u32 = 3;
/// The oldest save format this game reads.
pub const OLDEST_SAVE_VERSION: u32 = 1;
/// Longest game a save may hold, game hours (1000 years).
pub const MAX_SAVE_TICKS: u64 = 1000 * 8760;
/// Largest save read, bytes.
pub const MAX_SAVE_BYTES: u64 = 16 << 20;
/// Most game hours opening a save or code may replay, all told and weighed
/// ([`check_replay_cost`]): 200 game years of a level no heavier than
/// [`REPLAY_LOAD_FREE`]. The longest campaign level is 10 years, and the calendar a level
/// may use 250; such a level replays at 25 to 40 game years a second (natively), so the
/// budget is some seconds, where a 1000-year save with three branches took minutes in one
/// frame.
pub const MAX_REPLAY_HOURS: u64 = 200 * 8760;
/// What a level and a save's built orders may hold ([`crate::level::check::replay_load`])
/// and still replay at a light level's pace: the campaign's hold at most about 200. Past
/// it a game hour weighs in proportion (each thing held costs a replayed hour some tens of
/// nanoseconds, a light level's hour some microseconds), so the heaviest valid level may
/// replay a few game years.
pub const REPLAY_LOAD_FREE: u64 = 200;

/// What a save holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Save")]
pub struct SaveFile {
    /// The format's version.
    pub version: u32,
    /// The level file's name, for messages.
    pub level_file: String,
    /// The level's text as it was played.
    pub level_source: String,
    /// The seed played.
    pub seed: u64,
    /// Game hours played.
    pub tick: u64,
    /// The player's orders: (tick, order).
    pub orders: Vec<(u64, Order)>,
    /// Branches beside the game, each replayed on the same level and seed to `tick`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub branches: Vec<crate::branch::BranchSave>,
    /// The teacher's lock on the game ([`crate::lock`]).
    #[serde(default, skip_serializing_if = "crate::lock::TeacherLock::is_empty")]
    pub lock: crate::lock::TeacherLock,
}

impl SaveFile {
    /// The level the save was played on, with its seed.
    pub fn level(&self) -> Result<crate::level::CheckedLevel, crate::level::LevelErrors> {
        let mut level = parse_level(&self.level_file, &self.level_source)?;
        level.level.seed = self.seed;
        Ok(level)
    }
}

/// Why a save could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file could not be read or written.
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
    /// The file is not a save: where and why.
    #[error("{file}:{line}:{col}: {message}")]
    Damaged {
        /// The file.
        file: String,
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        col: usize,
        /// What was wrong.
        message: String,
    },
    /// A save from another version of the game: where its version is written.
    #[error(
        "{file}:{line}:{col}: save version {found}, expected {OLDEST_SAVE_VERSION} to {SAVE_VERSION}"
    )]
    Version {
        /// The file.
        file: String,
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        col: usize,
        /// The version the save says it is.
        found: u32,
    },
    /// The level inside the save does not check: places are in the level's text, and the
    /// file is named as the save's level (`<save>: level <level file>`).
    #[error("{0}")]
    Level(#[from] LevelErrors),
}

/// The save of the world as it is now.
pub fn capture(world: &World) -> Option<SaveFile> {
    let level = &world.get_resource::<CurrentLevel>()?.0;
    Some(SaveFile {
        version: SAVE_VERSION,
        level_file: level.file.clone(),
        level_source: level.source.clone(),
        seed: level.level.seed,
        tick: world.resource::<GameClock>().tick,
        orders: world.resource::<OrderLog>().orders.clone(),
        branches: world
            .get_non_send::<crate::branch::Branches>()
            .map(crate::branch::Branches::saves)
            .unwrap_or_default(),
        lock: world
            .get_resource::<crate::lock::TeacherLock>()
            .cloned()
            .unwrap_or_default(),
    })
}

pub use crate::store::{temp_path, write_atomic};

/// A save's text.
fn save_text(path: &Path, save: &SaveFile) -> Result<String, SaveError> {
    ron::ser::to_string_pretty(save, ron::ser::PrettyConfig::default())
        .map_err(|e| SaveError::Io(path.display().to_string(), std::io::Error::other(e)))
}

/// Writes the save to its temporary file and flushes it to disk (the first half of
/// [`write`]; a crash after it leaves the previous save untouched).
#[cfg(not(target_arch = "wasm32"))]
pub fn write_temp(path: &Path, save: &SaveFile) -> Result<std::path::PathBuf, SaveError> {
    crate::store::write_temp(path, &save_text(path, save)?)
        .map_err(|e| SaveError::Io(path.display().to_string(), e))
}

/// Writes a save atomically ([`crate::store::write_atomic`]): on disk, a temporary file,
/// flushed, then renamed over the old save; in a browser, one entry replaced whole.
pub fn write(path: &Path, save: &SaveFile) -> Result<(), SaveError> {
    write_atomic(path, &save_text(path, save)?)
        .map_err(|e| SaveError::Io(path.display().to_string(), e))
}

/// Reads and checks a save; a damaged one says where and why.
pub fn read(path: &Path) -> Result<SaveFile, SaveError> {
    let file = path.display().to_string();
    let io = |e| SaveError::Io(file.clone(), e);
    let len = crate::store::len(path).map_err(io)?;
    if len > MAX_SAVE_BYTES {
        return Err(SaveError::Damaged {
            file,
            line: 1,
            col: 1,
            message: format!("the save is {len} bytes; expected at most {MAX_SAVE_BYTES}"),
        });
    }
    let bytes = crate::store::read(path).map_err(io)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        // The place of the first byte that is not text.
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let (line, col) = line_col(std::str::from_utf8(valid).unwrap_or_default(), valid.len());
        SaveError::Damaged {
            file: file.clone(),
            line,
            col,
            message: "not text: expected a RON save".into(),
        }
    })?;
    parse(&file, &text)
}

/// Line and column (from 1, columns in characters) of byte `offset` of `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The place of the save's field `name` (outside strings, directly inside the save's
/// brackets), or the start of the file.
fn field_place(text: &str, name: &str) -> (usize, usize) {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut prev = ' ';
    for (i, c) in text.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else {
            match c {
                '"' => in_string = true,
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth = depth.saturating_sub(1),
                _ if depth == 1
                    && !(prev.is_alphanumeric() || prev == '_')
                    && text[i..].starts_with(name)
                    && text[i + name.len()..].trim_start().starts_with(':') =>
                {
                    return line_col(text, i);
                }
                _ => {}
            }
        }
        prev = c;
    }
    (1, 1)
}

/// Parses and checks a save's text; `file` names it in errors. The checks run in order
/// (size, shape, version, game time, branches, lock, level, replay cost) and the first
/// that fails is the error.
pub fn parse(file: &str, text: &str) -> Result<SaveFile, SaveError> {
    if text.len() as u64 > MAX_SAVE_BYTES {
        return Err(SaveError::Damaged {
            file: file.to_string(),
            line: 1,
            col: 1,
            message: format!(
                "the save is {} bytes; expected at most {MAX_SAVE_BYTES}",
                text.len()
            ),
        });
    }
    let save: SaveFile = ron::Options::default()
        .with_recursion_limit(64)
        .from_str(text)
        .map_err(|e| SaveError::Damaged {
            file: file.to_string(),
            line: e.span.start.line,
            col: e.span.start.col,
            message: e.code.to_string(),
        })?;
    check_version(file, text, &save)?;
    check_game_time(file, text, &save)?;
    check_branches(file, text, &save)?;
    if let Err(message) = save.lock.check() {
        return Err(damaged_at(
            file,
            text,
            "lock",
            format!("the teacher's lock: {message}"),
        ));
    }
    let level = parse_level(
        &format!("{file}: level {}", save.level_file),
        &save.level_source,
    )?;
    check_replay_cost(&save, &level.level)
        .map_err(|message| damaged_at(file, text, "tick", message))?;
    Ok(save)
}

/// A damaged save, at its field `name` in `text` (see [`field_place`]).
fn damaged_at(file: &str, text: &str, name: &str, message: String) -> SaveError {
    let (line, col) = field_place(text, name);
    SaveError::Damaged {
        file: file.to_string(),
        line,
        col,
        message,
    }
}

/// Checks that this game reads the save's format: a version from [`OLDEST_SAVE_VERSION`]
/// to [`SAVE_VERSION`].
fn check_version(file: &str, text: &str, save: &SaveFile) -> Result<(), SaveError> {
    if !(OLDEST_SAVE_VERSION..=SAVE_VERSION).contains(&save.version) {
        let (line, col) = field_place(text, "version");
        return Err(SaveError::Version {
            file: file.to_string(),
            line,
            col,
            found: save.version,
        });
    }
    Ok(())
}

/// Checks the save's game time: at most [`MAX_SAVE_TICKS`], with every order given at or
/// before it.
fn check_game_time(file: &str, text: &str, save: &SaveFile) -> Result<(), SaveError> {
    if save.tick > MAX_SAVE_TICKS {
        return Err(damaged_at(
            file,
            text,
            "tick",
            format!(
                "game time {} h: expected at most {MAX_SAVE_TICKS} h",
                save.tick
            ),
        ));
    }
    if let Some((t, _)) = save.orders.iter().find(|(t, _)| *t > save.tick) {
        return Err(damaged_at(
            file,
            text,
            "orders",
            format!(
                "an order at game hour {t}, after the save's game time {} h: expected \
                 every order at or before it",
                save.tick
            ),
        ));
    }
    Ok(())
}

/// Checks what opening `save` of `level` replays: its game time once for the game and
/// once again for each branch (each replays from the level's start), each hour weighed by
/// what the level and the save's build orders hold past [`REPLAY_LOAD_FREE`]; at most
/// [`MAX_REPLAY_HOURS`] in all. Reading a save and opening a code both check it.
pub fn check_replay_cost(
    save: &SaveFile,
    level: &crate::level::schema::Level,
) -> Result<(), String> {
    let games = 1 + save.branches.len() as u64;
    let hours = save.tick.saturating_mul(games);
    let built = save
        .orders
        .iter()
        .chain(save.branches.iter().flat_map(|b| &b.orders))
        .filter(|(_, o)| matches!(o, Order::Build(_)))
        .count() as u64;
    let load = crate::level::check::replay_load(level) + built;
    let weighed =
        u128::from(hours) * u128::from(load.max(REPLAY_LOAD_FREE)) / u128::from(REPLAY_LOAD_FREE);
    if weighed > u128::from(MAX_REPLAY_HOURS) {
        return Err(format!(
            "opening it replays {hours} game hours (game time {} h, for the game and {} \
             branches), {weighed} h as weighed for the {load} things the level and its \
             build orders hold (past {REPLAY_LOAD_FREE}, each adds a share): expected at \
             most {MAX_REPLAY_HOURS} h (200 game years of a light level) in all",
            save.tick,
            games - 1
        ));
    }
    Ok(())
}

/// Checks the save's branches: at most [`crate::branch::MAX_BRANCHES`], with different
/// names, each forked and ordered at or before the save's game time.
fn check_branches(file: &str, text: &str, save: &SaveFile) -> Result<(), SaveError> {
    let names: std::collections::BTreeSet<&str> =
        save.branches.iter().map(|b| b.name.as_str()).collect();
    let late = save
        .branches
        .iter()
        .find(|b| b.fork_tick > save.tick || b.orders.iter().any(|(t, _)| *t > save.tick));
    if save.branches.len() > crate::branch::MAX_BRANCHES
        || names.len() < save.branches.len()
        || late.is_some()
    {
        return Err(damaged_at(
            file,
            text,
            "branches",
            format!(
                "expected at most {} branches with different names, each forked and \
                 ordered at or before the save's game time {} h",
                crate::branch::MAX_BRANCHES,
                save.tick
            ),
        ));
    }
    Ok(())
}

/// Replaces the world with the save's: the level, then the player's orders replayed to
/// the save's tick.
pub fn restore(world: &mut World, save: &SaveFile) -> Result<(), SaveError> {
    let level = save.level()?;
    spawn_level(world, &level);
    // The player's orders first at each tick, as they applied before the tick ran. Orders
    // given at the saved tick itself are given again as the player's, before it runs.
    let (now, earlier): (Vec<_>, Vec<_>) = save
        .orders
        .iter()
        .cloned()
        .partition(|(t, _)| *t == save.tick);
    queue_orders(world, &level, &earlier);
    crate::sim::run_ticks(world, save.tick);
    crate::sim::world::set_order_log(world, earlier);
    for (_, order) in now {
        world.write_message(Ordered(order));
    }
    // The lock refuses the player's orders before they are logged, so the ones in the save
    // replay the same without it; it holds from here on. Orders given at this very tick (a
    // teacher who orders, then locks and shares) are applied first, so the lock does not
    // refuse them.
    if !save.lock.actions.is_empty() {
        let _ = world.try_run_schedule(crate::sim::SimOrders);
    }
    crate::lock::apply(world, &save.lock);
    Ok(())
}

/// Queues `orders` as the player's in a world just spawned from `level`: the player's
/// first at each tick, then the level's own. Loading a save, `verify` and `run --solution`
/// replay orders through it.
pub fn queue_orders(
    world: &mut World,
    level: &crate::level::CheckedLevel,
    orders: &[(u64, Order)],
) {
    crate::sim::world::queue_player_orders(world, orders, &level.orders);
}

//! Saves: a save is the level's own text, its seed, the game time and the player's orders
//! with the tick each was given at, the stamp of the state they reach (the rules' version
//! and the state's canonical hash) and a snapshot of that whole state. Loading restores
//! the snapshot, so a game of any length opens at once; the orders replayed on the level
//! reach the same state (the simulation is deterministic), which the game checks in the
//! background and `terawatt replay` checks on the command line. A save without a snapshot
//! (before version 4, or a share code) is replayed. Saves are written to a temporary file
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
use crate::sim::snapshot::Snapshot;
use crate::store::line_col;

mod check;
mod service;

pub use check::{CheckStatus, Progress, ReplayCheck};
pub use service::{
    AUTOSAVE_DAYS, AUTOSAVE_MIN_SECS, Best, BestResults, LoadRequested, OpenCode, SaveDir,
    SaveRequested, SaveStatus, ShareCode, autosave_path, plugin, save_path,
};

/// The save format's version (2 added branches, 3 the teacher's lock, 4 the stamp and the
/// snapshot; older saves have none and still load, replayed).
pub const SAVE_VERSION: u32 = 4;
/// The oldest save format this game reads.
pub const OLDEST_SAVE_VERSION: u32 = 1;
/// Longest game a save may hold, game hours (1000 years).
pub const MAX_SAVE_TICKS: u64 = 1000 * 8760;
/// Largest save read, bytes.
pub const MAX_SAVE_BYTES: u64 = 16 << 20;
/// Most game hours opening a save or code may replay, all told and weighed
/// ([`check_replay_cost`]; a game or branch with its snapshot opens without replaying): 200 game years of a level no heavier than
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
    /// The stamp of the state at `tick` (from version 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stamp: Option<Stamp>,
    /// The whole state at `tick`, which loading restores at once (from version 4; a share
    /// code carries none, and is replayed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<Snapshot>,
    /// A won game's scores ([`crate::scores`]): its date, capital spent and CO₂ burned, so a
    /// share code says them before it is replayed. Saves and codes made before the scores
    /// have none, and still open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scores: Option<crate::scores::Scores>,
    /// The player's answer to the level's prediction, the choice's place (from 0)
    /// ([`crate::level::prediction`]). A replayed game is given it before its first hour.
    /// Saves and codes made before predictions have none, and still open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prediction: Option<u32>,
}

/// What a save says of the state it holds: the rules it was played under and the state's
/// canonical hash ([`crate::sim::hash::canonical_hash`]), the same in any world that holds
/// the same state. A share code carries it too, in place of a snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stamp {
    /// The rules' version ([`crate::sim::RULES_VERSION`]).
    pub rules: u32,
    /// The canonical hash of the state.
    pub hash: u64,
}

impl Stamp {
    /// The stamp of `world`'s state now, under this game's rules.
    pub fn of(world: &World) -> Self {
        Self {
            rules: crate::sim::RULES_VERSION,
            hash: crate::sim::hash::canonical_hash(world),
        }
    }
}

/// A state opened (or replayed) against the stamp of the state that was saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StampCheck {
    /// The save has no stamp (made before version 4): nothing to compare.
    Unstamped,
    /// The state is the one saved.
    Agrees,
    /// The save was made under other rules: the game plays on, but it is not the same
    /// game.
    OtherRules {
        /// The rules' version the save was made under.
        saved: u32,
    },
    /// The same rules, and yet another state.
    Differs {
        /// The saved state's hash.
        saved: u64,
        /// This state's.
        found: u64,
    },
}

impl StampCheck {
    /// `world`'s state against `stamp`.
    pub fn of(stamp: Option<Stamp>, world: &World) -> Self {
        let Some(stamp) = stamp else {
            return Self::Unstamped;
        };
        if stamp.rules != crate::sim::RULES_VERSION {
            return Self::OtherRules { saved: stamp.rules };
        }
        let found = crate::sim::hash::canonical_hash(world);
        if found == stamp.hash {
            Self::Agrees
        } else {
            Self::Differs {
                saved: stamp.hash,
                found,
            }
        }
    }

    /// What the player is told, in `lang`: nothing when it agrees or there is nothing to
    /// compare.
    pub fn words(&self, lang: crate::i18n::Lang) -> Option<String> {
        let words = crate::i18n::words();
        match self {
            Self::Unstamped | Self::Agrees => None,
            Self::OtherRules { saved } => Some(words.args_in(
                lang,
                "save-stamp-rules",
                &[
                    ("saved", saved.to_string()),
                    ("ours", crate::sim::RULES_VERSION.to_string()),
                ],
            )),
            Self::Differs { saved, found } => Some(words.args_in(
                lang,
                "save-stamp-differs",
                &[
                    ("saved", format!("{saved:016x}")),
                    ("found", format!("{found:016x}")),
                ],
            )),
        }
    }
}

/// The stamp `world`'s state would have under the teacher's lock `lock` (a share code's
/// lock may add to the game's): the lock put on for a moment, the stamp taken, the game's
/// own lock put back.
pub fn stamp_with_lock(world: &mut World, lock: &crate::lock::TeacherLock) -> Stamp {
    let own = world
        .get_resource::<crate::lock::TeacherLock>()
        .cloned()
        .unwrap_or_default();
    if own == *lock {
        return Stamp::of(world);
    }
    crate::lock::apply(world, lock);
    let stamp = Stamp::of(world);
    crate::lock::apply(world, &own);
    stamp
}

/// `save` under the teacher's lock `lock` in place of its own, stamped with the state it
/// opens to under that lock (opened headless to take it; a save without a stamp stays
/// without one).
pub fn with_lock(save: &SaveFile, lock: crate::lock::TeacherLock) -> Result<SaveFile, SaveError> {
    let mut out = save.clone();
    if lock == save.lock {
        return Ok(out);
    }
    if save.stamp.is_some() {
        let mut app = crate::testing::bare_app();
        restore(app.world_mut(), save)?;
        out.stamp = Some(stamp_with_lock(app.world_mut(), &lock));
    }
    out.lock = lock;
    Ok(out)
}

/// How a save was opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opened {
    /// From its snapshot (at once), or replayed from its orders.
    pub from_snapshot: bool,
    /// The state opened against the save's stamp.
    pub stamp: StampCheck,
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
    /// A save made by a newer Terawatt: where its version is written.
    #[error(
        "{file}:{line}:{col}: made by a newer Terawatt (save version {found}; this game reads \
         up to {SAVE_VERSION})"
    )]
    Newer {
        /// The file.
        file: String,
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        col: usize,
        /// The version the save says it is.
        found: u32,
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

impl SaveError {
    /// Why, for the player in `lang`: a save made by a newer game in their words, after
    /// its place; any other error as it is written (a place and the file's own terms).
    pub fn words(&self, lang: crate::i18n::Lang) -> String {
        match self {
            SaveError::Newer {
                file,
                line,
                col,
                found,
            } => format!("{file}:{line}:{col}: {}", newer_words(lang, *found)),
            other => other.to_string(),
        }
    }
}

/// "Made by a newer Terawatt", in `lang`, for a save or code of format version `found`.
pub fn newer_words(lang: crate::i18n::Lang, found: u32) -> String {
    crate::i18n::words().args_in(
        lang,
        "save-newer",
        &[
            ("found", found.to_string()),
            ("max", SAVE_VERSION.to_string()),
        ],
    )
}

/// The save of the world as it is now: the game, its stamp and snapshot, and its branches
/// with theirs.
pub fn capture(world: &World) -> Option<SaveFile> {
    let mut save = capture_game(world)?;
    save.branches = world
        .get_non_send::<crate::branch::Branches>()
        .map(crate::branch::Branches::saves)
        .unwrap_or_default();
    Some(save)
}

/// The save of the game in `world` without its branches: the level, the orders, the
/// teacher's lock, the stamp and the snapshot.
pub(crate) fn capture_game(world: &World) -> Option<SaveFile> {
    let level = &world.get_resource::<CurrentLevel>()?.0;
    Some(SaveFile {
        version: SAVE_VERSION,
        level_file: level.file.clone(),
        level_source: level.source.clone(),
        seed: level.level.seed,
        tick: world.resource::<GameClock>().tick,
        orders: world.resource::<OrderLog>().orders.clone(),
        branches: Vec::new(),
        lock: world
            .get_resource::<crate::lock::TeacherLock>()
            .cloned()
            .unwrap_or_default(),
        stamp: Some(Stamp::of(world)),
        snapshot: snapshot_of(world),
        scores: crate::scores::Scores::of(world),
        prediction: world
            .get_resource::<crate::level::script::Script>()
            .and_then(|s| s.predicted),
    })
}

/// The snapshot of `world`'s state; none (and an error logged) if it cannot be written,
/// so the save still holds the orders that replay it.
pub(crate) fn snapshot_of(world: &World) -> Option<Snapshot> {
    crate::sim::snapshot::capture(world)
        .map_err(|e| error!("the snapshot could not be written: {e}"))
        .ok()
}

pub use crate::store::{temp_path, write_atomic};

/// A save's text. One too big to be read back ([`MAX_SAVE_BYTES`]: a game of centuries
/// with its branches) leaves out snapshots, the branches' first, then the game's: it is
/// replayed when loaded.
fn save_text(path: &Path, save: &SaveFile) -> Result<String, SaveError> {
    let text = |save: &SaveFile| {
        ron::ser::to_string_pretty(save, ron::ser::PrettyConfig::default())
            .map_err(|e| SaveError::Io(path.display().to_string(), std::io::Error::other(e)))
    };
    let fits = |t: &String| t.len() as u64 <= MAX_SAVE_BYTES;
    let full = text(save)?;
    if fits(&full) {
        return Ok(full);
    }
    let mut lighter = save.clone();
    for b in &mut lighter.branches {
        b.snapshot = None;
    }
    let without_branches = text(&lighter)?;
    if fits(&without_branches) {
        warn!(
            "{}: {} bytes with every snapshot; the branches' left out (they replay on load)",
            path.display(),
            full.len()
        );
        return Ok(without_branches);
    }
    lighter.snapshot = None;
    warn!(
        "{}: {} bytes with its snapshots; all left out (the game replays on load)",
        path.display(),
        full.len()
    );
    text(&lighter)
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

/// Reads and checks a save; a damaged one says where and why. Only a regular file is read
/// (not a device or a pipe), no more than [`MAX_SAVE_BYTES`] of it.
pub fn read(path: &Path) -> Result<SaveFile, SaveError> {
    use crate::store::ReadError;
    let file = path.display().to_string();
    let text = crate::store::read_text(path, MAX_SAVE_BYTES).map_err(|e| match e {
        ReadError::Io(e) => SaveError::Io(file.clone(), e),
        ReadError::NotText { line, col } => SaveError::Damaged {
            file: file.clone(),
            line,
            col,
            message: "not text: expected a RON save".into(),
        },
        e => SaveError::Damaged {
            file: file.clone(),
            line: 1,
            col: 1,
            message: e.to_string(),
        },
    })?;
    parse(&file, &text)
}

/// The place of the save's field `name` (outside strings — raw strings too, which hold the
/// snapshots' parts — directly inside the save's brackets), or the start of the file.
fn field_place(text: &str, name: &str) -> (usize, usize) {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut prev = ' ';
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else {
            // A raw string, `r#"…"#`: skipped whole.
            let word_start = !(prev.is_alphanumeric() || prev == '_');
            if let Some(end) = (c == 'r' && word_start)
                .then(|| raw_string_end(&text[i..]))
                .flatten()
            {
                let stop = i + end;
                while chars.next().is_some_and(|(j, _)| j + 1 < stop) {}
                prev = '"';
                continue;
            }
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

/// The length of the raw string (`r"…"`, `r#"…"#`, …) that `text` starts with, if it
/// starts with one that ends.
fn raw_string_end(text: &str) -> Option<usize> {
    let rest = text.strip_prefix('r')?;
    let hashes = rest.bytes().take_while(|b| *b == b'#').count();
    let body = rest[hashes..].strip_prefix('"')?;
    let close = format!("\"{}", "#".repeat(hashes));
    let end = body.find(&close)?;
    Some(1 + hashes + 1 + end + close.len())
}

/// Parses and checks a save's text; `file` names it in errors. The checks run in order
/// (size, a newer game's save, shape, version, game time, branches, lock, level, replay
/// cost, snapshots) and the first that fails is the error.
pub fn parse(file: &str, text: &str) -> Result<SaveFile, SaveError> {
    // A byte order mark (Windows Notepad's) is not part of the save.
    let text = crate::store::strip_bom(text);
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
    check_newer(file, text)?;
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
    check_prediction(&save, &level.level)
        .map_err(|message| damaged_at(file, text, "prediction", message))?;
    check_snapshots(file, text, save)
}

/// A save's version, read before anything else of it, other fields allowed: a save made
/// by a newer game may hold what this one does not know.
#[derive(Deserialize)]
#[serde(rename = "Save")]
struct VersionOnly {
    version: u32,
}

/// Refuses a save made by a newer game, saying so (not what in it this game does not
/// know). A text that is not a save at all passes, for the full parse to say why.
fn check_newer(file: &str, text: &str) -> Result<(), SaveError> {
    let Ok(VersionOnly { version }) = ron::Options::default()
        .with_recursion_limit(64)
        .from_str::<VersionOnly>(text)
    else {
        return Ok(());
    };
    if version > SAVE_VERSION {
        let (line, col) = field_place(text, "version");
        return Err(SaveError::Newer {
            file: file.to_string(),
            line,
            col,
            found: version,
        });
    }
    Ok(())
}

/// Checks the snapshots of the game and its branches: each must read as a whole state of
/// this game, at the save's game time (what was read is kept for the restore). One made
/// under other rules that does not read is dropped (the game is replayed under this game's
/// rules instead); under the same rules it is damage, refused with its place.
fn check_snapshots(file: &str, text: &str, mut save: SaveFile) -> Result<SaveFile, SaveError> {
    let parts = crate::level::state_parts();
    let tick = save.tick;
    let ours = |stamp: Option<Stamp>| stamp.is_none_or(|s| s.rules == crate::sim::RULES_VERSION);
    // In the order the file holds them: the branches', then the game's.
    for i in 0..=save.branches.len() {
        let (snapshot, stamp) = match save.branches.get(i) {
            Some(b) => (b.snapshot.as_ref(), b.stamp),
            None => (save.snapshot.as_ref(), save.stamp),
        };
        let Some(snapshot) = snapshot else {
            continue;
        };
        let Err(e) = check_snapshot(&parts, snapshot, tick) else {
            continue;
        };
        if !ours(stamp) {
            match save.branches.get_mut(i) {
                Some(b) => b.snapshot = None,
                None => save.snapshot = None,
            }
            continue;
        }
        let (line, col) = place_in_snapshot(text, &save, i, &e);
        let whose = match save.branches.get(i) {
            Some(b) => format!("the snapshot of branch `{}`", b.name),
            None => "the snapshot".to_string(),
        };
        return Err(SaveError::Damaged {
            file: file.to_string(),
            line,
            col,
            message: format!("{whose}: {}", e.message),
        });
    }
    Ok(save)
}

/// Reads `snapshot` as a state of `parts` at game hour `tick`, and keeps what was read.
fn check_snapshot(
    parts: &crate::sim::hash::StateParts,
    snapshot: &Snapshot,
    tick: u64,
) -> Result<(), crate::sim::snapshot::SnapshotError> {
    let read = crate::sim::snapshot::read(parts, snapshot)?;
    let at = read.resource::<GameClock>().map(|c| c.tick);
    if at != Some(tick) {
        return Err(crate::sim::snapshot::SnapshotError {
            at: None,
            message: format!(
                "it is at game hour {}: expected the save's game time, {tick} h",
                at.unwrap_or(0)
            ),
        });
    }
    snapshot.keep(parts, read);
    Ok(())
}

/// The line and column in the save's `text` of error `e` in the snapshot of branch `i`
/// (the game's when `i` is past the branches): in its part's text, which the file holds
/// verbatim (found after the snapshots before it), or at the field that holds the snapshot.
fn place_in_snapshot(
    text: &str,
    save: &SaveFile,
    i: usize,
    e: &crate::sim::snapshot::SnapshotError,
) -> (usize, usize) {
    let field = if i < save.branches.len() {
        "branches"
    } else {
        "snapshot"
    };
    let whole = field_place(text, field);
    let Some((k, line, col)) = e.at else {
        return whole;
    };
    let snapshots = save
        .branches
        .iter()
        .map(|b| b.snapshot.as_ref())
        .chain([save.snapshot.as_ref()]);
    let mut from = 0;
    let mut at = None;
    for (j, snapshot) in snapshots.enumerate().take(i + 1) {
        for (n, (_, part)) in snapshot.iter().flat_map(|s| s.parts.iter()).enumerate() {
            let found = text[from..].find(&part.0).map(|o| o + from);
            if let Some(f) = found {
                from = f + part.0.len();
            }
            if j == i && n == k {
                at = found;
                break;
            }
        }
    }
    let Some(at) = at else {
        return whole;
    };
    let (l0, c0) = line_col(text, at);
    if line <= 1 {
        (l0, c0 + col.saturating_sub(1))
    } else {
        (l0 + line - 1, col)
    }
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
/// once again for each branch (each replays from the level's start) that has no snapshot
/// (one with its snapshot opens from it, its replay a check in the background, a slice a
/// frame; a share code or an older save is replayed to open), each hour weighed by what
/// the level and the save's build orders hold past [`REPLAY_LOAD_FREE`]; at most
/// [`MAX_REPLAY_HOURS`] in all. Reading a save and opening a code both check it.
pub fn check_replay_cost(
    save: &SaveFile,
    level: &crate::level::schema::Level,
) -> Result<(), String> {
    let replayed = u64::from(save.snapshot.is_none())
        + save
            .branches
            .iter()
            .filter(|b| b.snapshot.is_none())
            .count() as u64;
    let hours = save.tick.saturating_mul(replayed);
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
            "opening it replays {hours} game hours (game time {} h, for {replayed} of the \
             game and its {} branches, without snapshots), {weighed} h as weighed for the \
             {load} things the level and its build orders hold (past {REPLAY_LOAD_FREE}, \
             each adds a share): expected at most {MAX_REPLAY_HOURS} h (200 game years of \
             a light level) in all",
            save.tick,
            save.branches.len()
        ));
    }
    Ok(())
}

/// Checks the save's answer to the level's prediction: one of the choices the level
/// offers, and none if it asks none.
fn check_prediction(save: &SaveFile, level: &crate::level::schema::Level) -> Result<(), String> {
    let Some(choice) = save.prediction else {
        return Ok(());
    };
    let offered = level.prediction.as_ref().map_or(0, |p| p.choices.len());
    if choice as usize >= offered {
        return Err(format!(
            "the answer to the prediction is choice {choice}: expected one of the level's \
             {offered} (counted from 0)"
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

/// Replaces the world with the save's: its snapshot restored, or (without one, or one
/// that does not fit this world's parts) the level and the player's orders replayed to the
/// save's tick; then the teacher's lock. Says how, and how the state compares with the
/// save's stamp.
pub fn restore(world: &mut World, save: &SaveFile) -> Result<Opened, SaveError> {
    let from_snapshot = restore_state(world, save)?;
    Ok(Opened {
        from_snapshot,
        stamp: StampCheck::of(save.stamp, world),
    })
}

/// [`restore`] without the comparison with the stamp (a branch's, which nothing reads):
/// whether the state came from the snapshot.
pub(crate) fn restore_state(world: &mut World, save: &SaveFile) -> Result<bool, SaveError> {
    let from_snapshot = match &save.snapshot {
        Some(snapshot) => restore_snapshot(world, snapshot),
        None => false,
    };
    if from_snapshot {
        crate::lock::apply(world, &save.lock);
    } else {
        let mut replay = Replay::start(world, save)?;
        replay.run(world, u64::MAX);
        replay.finish(world);
    }
    Ok(from_snapshot)
}

/// Restores `snapshot` in `world`, read with the world's own parts; false (and the world
/// untouched) if it does not read as their state.
fn restore_snapshot(world: &mut World, snapshot: &Snapshot) -> bool {
    let parts = world
        .get_resource::<crate::sim::hash::StateParts>()
        .cloned()
        .unwrap_or_default();
    match crate::sim::snapshot::read(&parts, snapshot) {
        Ok(read) => {
            crate::sim::snapshot::restore(world, read);
            true
        }
        Err(e) => {
            warn!(
                "the snapshot does not fit this world ({}); replaying",
                e.message
            );
            false
        }
    }
}

/// A save replayed a bounded number of game hours at a time (a load replays it at once;
/// the game's background check a few hours a frame).
#[derive(Debug, Clone)]
pub struct Replay {
    /// The save's game time.
    tick: u64,
    /// The orders given before it, the log once replayed.
    earlier: Vec<(u64, Order)>,
    /// The orders given at the saved hour itself.
    now: Vec<Order>,
    /// The teacher's lock, put on last.
    lock: crate::lock::TeacherLock,
}

impl Replay {
    /// Starts replaying `save` in `world`: the level spawned, the player's orders queued
    /// (the player's first at each tick, as they applied before the tick ran).
    pub fn start(world: &mut World, save: &SaveFile) -> Result<Self, SaveError> {
        let level = save.level()?;
        spawn_level(world, &level);
        crate::level::prediction::set_prediction(world, save.prediction);
        // Orders given at the saved tick itself are given again as the player's, when the
        // replay is finished.
        let (now, earlier): (Vec<_>, Vec<_>) = save
            .orders
            .iter()
            .cloned()
            .partition(|(t, _)| *t == save.tick);
        queue_orders(world, &level, &earlier);
        Ok(Self {
            tick: save.tick,
            earlier,
            now: now.into_iter().map(|(_, o)| o).collect(),
            lock: save.lock.clone(),
        })
    }

    /// The game hours to replay.
    pub fn total(&self) -> u64 {
        self.tick
    }

    /// Replays up to `hours` more game hours in `world`; true once the save's hour is
    /// reached.
    pub fn run(&mut self, world: &mut World, hours: u64) -> bool {
        let now = world.resource::<GameClock>().tick;
        crate::sim::run_ticks(world, self.tick.saturating_sub(now).min(hours));
        world.resource::<GameClock>().tick >= self.tick
    }

    /// Finishes the replay at the save's hour: the log holds the player's orders, those
    /// given at this very hour are given again and applied, and the teacher's lock is put
    /// on. (The lock refuses the player's orders before they are logged, so the ones in the
    /// save replay the same without it; it holds from here on. Orders given at this very
    /// tick — a teacher who orders, then locks and shares — are applied first, so the lock
    /// does not refuse them.)
    pub fn finish(self, world: &mut World) {
        crate::sim::world::set_order_log(world, self.earlier);
        let given = !self.now.is_empty();
        for order in self.now {
            world.write_message(Ordered(order));
        }
        if given {
            let _ = world.try_run_schedule(crate::sim::SimOrders);
        }
        crate::lock::apply(world, &self.lock);
    }
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

/// [`queue_orders`], and the orders written in the player's log as given: a save or share
/// code made later carries them, as if the player had scheduled them (a solution played
/// as the player's own game: `shot --solved`, `play --solution`, tests).
pub fn give_as_player(
    world: &mut World,
    level: &crate::level::CheckedLevel,
    orders: &[(u64, Order)],
) {
    queue_orders(world, level, orders);
    crate::sim::world::set_order_log(world, orders.to_vec());
}

//! Saves: a save is the level's own text, its seed, the game time and the player's orders
//! with the tick each was given at. Loading replays them on the level — the simulation is
//! deterministic, so the world comes back exactly. Saves are written to a temporary file
//! and renamed into place, so a crash mid-save leaves the previous save whole; a damaged
//! save is refused with the place and the reason, and nothing is overwritten.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::level::check::{LevelErrors, parse_level};
use crate::level::{CurrentLevel, spawn_level};
use crate::sim::clock::GameClock;
use crate::sim::orders::{Order, OrderLog, Ordered};

/// The save format's version (2 added branches, 3 the teacher's lock; older saves have
/// none and still load).
pub const SAVE_VERSION: u32 = 3;
/// The oldest save format this game reads.
pub const OLDEST_SAVE_VERSION: u32 = 1;
/// Longest game a save may hold, game hours (1000 years).
pub const MAX_SAVE_TICKS: u64 = 1000 * 8760;
/// Largest save read, bytes.
pub const MAX_SAVE_BYTES: u64 = 16 << 20;

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
pub fn write_temp(path: &Path, save: &SaveFile) -> Result<PathBuf, SaveError> {
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

/// Parses and checks a save's text; `file` names it in errors.
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
    if !(OLDEST_SAVE_VERSION..=SAVE_VERSION).contains(&save.version) {
        let (line, col) = field_place(text, "version");
        return Err(SaveError::Version {
            file: file.to_string(),
            line,
            col,
            found: save.version,
        });
    }
    if save.tick > MAX_SAVE_TICKS {
        let (line, col) = field_place(text, "tick");
        return Err(SaveError::Damaged {
            file: file.to_string(),
            line,
            col,
            message: format!(
                "game time {} h: expected at most {MAX_SAVE_TICKS} h",
                save.tick
            ),
        });
    }
    if let Some((t, _)) = save.orders.iter().find(|(t, _)| *t > save.tick) {
        let (line, col) = field_place(text, "orders");
        return Err(SaveError::Damaged {
            file: file.to_string(),
            line,
            col,
            message: format!(
                "an order at game hour {t}, after the save's game time {} h: expected \
                 every order at or before it",
                save.tick
            ),
        });
    }
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
        let (line, col) = field_place(text, "branches");
        return Err(SaveError::Damaged {
            file: file.to_string(),
            line,
            col,
            message: format!(
                "expected at most {} branches with different names, each forked and \
                 ordered at or before the save's game time {} h",
                crate::branch::MAX_BRANCHES,
                save.tick
            ),
        });
    }
    if let Err(message) = save.lock.check() {
        let (line, col) = field_place(text, "lock");
        return Err(SaveError::Damaged {
            file: file.to_string(),
            line,
            col,
            message: format!("the teacher's lock: {message}"),
        });
    }
    parse_level(
        &format!("{file}: level {}", save.level_file),
        &save.level_source,
    )?;
    Ok(save)
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

/// Where quick saves of a level go.
pub fn save_path(dir: &SaveDir, level_id: &str) -> PathBuf {
    dir.0.join(format!("{level_id}.ron"))
}

/// The autosave.
pub fn autosave_path(dir: &SaveDir) -> PathBuf {
    dir.0.join("autosave.ron")
}

/// Where saves go: `saves/` beside the game, or `$TERAWATT_SAVES` (the tests use a
/// temporary directory).
#[derive(Resource, Debug, Clone, PartialEq, Eq)]
pub struct SaveDir(pub PathBuf);

impl Default for SaveDir {
    fn default() -> Self {
        Self(
            std::env::var_os("TERAWATT_SAVES")
                .map_or_else(|| PathBuf::from("saves"), PathBuf::from),
        )
    }
}

/// Game days between autosaves.
pub const AUTOSAVE_DAYS: u64 = 30;

/// Save the game now.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub struct SaveRequested(pub PathBuf);

/// Load a save.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub struct LoadRequested(pub PathBuf);

/// Open a share code (`crate::share`): the game it holds replaces this one.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub struct OpenCode(pub String);

/// The share code of the game now, made when the interface asks for it (the title menu's
/// share page).
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct ShareCode {
    /// The interface wants the code of the game as it is now.
    pub asked: bool,
    /// The code, once made (`None` with no level played).
    pub code: Option<String>,
    /// Open the title menu's Share page (`terawatt shot --share`).
    pub show: bool,
    /// The teacher's lock the code is to carry, on top of any the game has.
    pub lock: crate::lock::TeacherLock,
}

/// Makes the share code the interface asked for.
fn make_share_code(world: &mut World) {
    if !world.resource::<ShareCode>().asked {
        return;
    }
    let draft = world.resource::<ShareCode>().lock.clone();
    let code = capture(world).map(|mut s| {
        s.lock = s.lock.union(&draft);
        crate::share::encode(&s)
    });
    let mut share = world.resource_mut::<ShareCode>();
    share.asked = false;
    share.code = code;
}

/// What the last save or load did, for the interface.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct SaveStatus {
    /// Ok with what was done, or the error.
    pub last: Option<Result<String, String>>,
}

/// Saving and loading in the game: F5 saves, F9 loads, and an autosave every 30 game days.
pub fn plugin(app: &mut App) {
    app.add_message::<SaveRequested>()
        .add_message::<LoadRequested>()
        .add_message::<OpenCode>()
        .init_resource::<SaveStatus>()
        .init_resource::<ShareCode>()
        .init_resource::<SaveDir>()
        .add_systems(PreUpdate, save_keys.in_set(crate::screen::ReadInput))
        .add_systems(
            Update,
            (
                autosave,
                handle_saves,
                forget_the_lock_draft,
                make_share_code,
                record_best,
            )
                .chain(),
        );
}

/// A new game (a level started, a save or code opened) starts the Share page's lock
/// afresh: a teacher's choices for one game are not stamped on the next.
fn forget_the_lock_draft(level: Option<Res<CurrentLevel>>, mut share: ResMut<ShareCode>) {
    if level.is_some_and(|l| l.is_changed()) && !share.lock.is_empty() {
        share.lock = crate::lock::TeacherLock::default();
    }
}

fn save_keys(
    keys: Res<ButtonInput<KeyCode>>,
    level: Option<Res<CurrentLevel>>,
    dir: Res<SaveDir>,
    mut save: MessageWriter<SaveRequested>,
    mut load: MessageWriter<LoadRequested>,
) {
    let Some(level) = level else { return };
    let path = save_path(&dir, &level.0.level.id);
    if keys.just_pressed(KeyCode::F5) {
        save.write(SaveRequested(path.clone()));
    }
    if keys.just_pressed(KeyCode::F9) {
        load.write(LoadRequested(path));
    }
}

fn autosave(
    clock: Res<GameClock>,
    dir: Res<SaveDir>,
    mut last: Local<u64>,
    mut save: MessageWriter<SaveRequested>,
) {
    let day = clock.tick / 24;
    if day >= *last + AUTOSAVE_DAYS {
        *last = day;
        save.write(SaveRequested(autosave_path(&dir)));
    } else if day < *last {
        // A new level or a load went back in time.
        *last = day;
    }
}

fn handle_saves(world: &mut World) {
    let lang = world
        .get_resource::<crate::i18n::Tr>()
        .map_or(crate::i18n::Lang::En, |t| t.lang);
    let say = |key: &str, args: &[(&str, String)]| crate::i18n::words().args_in(lang, key, args);
    let saves: Vec<SaveRequested> = world
        .resource_mut::<Messages<SaveRequested>>()
        .drain()
        .collect();
    let loads: Vec<LoadRequested> = world
        .resource_mut::<Messages<LoadRequested>>()
        .drain()
        .collect();
    for SaveRequested(path) in saves {
        let result = match capture(world) {
            Some(save) => write(&path, &save)
                .map(|()| say("save-saved", &[("path", path.display().to_string())]))
                .map_err(|e| e.to_string()),
            None => Err(say("save-nothing", &[])),
        };
        if let Err(e) = &result {
            error!("{e}");
        }
        world.resource_mut::<SaveStatus>().last = Some(result);
    }
    let mut codes: Vec<OpenCode> = world.resource_mut::<Messages<OpenCode>>().drain().collect();
    let mut loads = loads;
    // A teacher's lock on new games keeps this game: no save or code replaces it.
    if crate::lock::keeps_the_game(world) && !(codes.is_empty() && loads.is_empty()) {
        codes.clear();
        loads.clear();
        world.resource_mut::<SaveStatus>().last = Some(Err(say("lock-keeps-game", &[])));
    }
    for OpenCode(code) in codes {
        let result = crate::share::decode(&code)
            .map_err(|e| crate::share::share_error(crate::i18n::tr_for(lang), &e))
            .and_then(|save| {
                restore(world, &save).map_err(|e| e.to_string())?;
                crate::branch::restore_branches(world, &save)?;
                // A situation handed out waits for the player to look first.
                world.write_message(crate::sim::clock::SpeedChanged::Pause);
                Ok(say(
                    "share-opened",
                    &[
                        ("level", save.level_file.clone()),
                        ("day", (save.tick / 24).to_string()),
                        ("orders", save.orders.len().to_string()),
                    ],
                ))
            })
            .map_err(|e| say("share-not-opened", &[("why", e)]));
        if let Err(e) = &result {
            error!("{e}");
        }
        world.resource_mut::<SaveStatus>().last = Some(result);
    }
    for LoadRequested(path) in loads {
        let result = read(&path)
            .and_then(|save| restore(world, &save).map(|()| save))
            .map(|save| match crate::branch::restore_branches(world, &save) {
                Ok(()) if save.branches.is_empty() => {
                    say("save-loaded", &[("path", path.display().to_string())])
                }
                Ok(()) => say(
                    "save-loaded-branches",
                    &[
                        ("path", path.display().to_string()),
                        ("n", save.branches.len().to_string()),
                    ],
                ),
                Err(e) => say(
                    "save-loaded-but",
                    &[("path", path.display().to_string()), ("why", e.to_string())],
                ),
            })
            .map_err(|e| say("save-not-loaded", &[("why", e.to_string())]));
        if let Err(e) = &result {
            error!("{e}");
        }
        world.resource_mut::<SaveStatus>().last = Some(result);
    }
}

/// The best result of each level played here, kept in `best.ron` in the save directory.
#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BestResults {
    /// By level id.
    pub levels: std::collections::BTreeMap<String, Best>,
}

/// A level's best win.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Best {
    /// The date it was won on.
    pub won_on: String,
    /// Game days it took.
    pub days: u64,
    /// The Kardashev index reached.
    pub kardashev: f64,
}

impl BestResults {
    /// The file in `dir`.
    pub fn path(dir: &SaveDir) -> PathBuf {
        dir.0.join("best.ron")
    }

    /// Reads the file; a missing or damaged one reads as empty (it is only a record).
    pub fn load(dir: &SaveDir) -> Self {
        crate::store::read_to_string(&Self::path(dir))
            .ok()
            .and_then(|t| ron::from_str(&t).ok())
            .unwrap_or_default()
    }

    /// Records a win; true when it is the level's first or fastest.
    pub fn record(&mut self, level: &str, best: Best) -> bool {
        match self.levels.get(level) {
            Some(old) if old.days <= best.days => false,
            _ => {
                self.levels.insert(level.to_string(), best);
                true
            }
        }
    }

    /// Writes the file atomically.
    pub fn store(&self, dir: &SaveDir) -> std::io::Result<()> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(std::io::Error::other)?;
        write_atomic(&Self::path(dir), &text)
    }
}

/// On a win, keeps the level's best result.
fn record_best(
    script: Res<crate::level::script::Script>,
    level: Option<Res<CurrentLevel>>,
    series: Res<crate::sim::record::TimeSeries>,
    dir: Res<SaveDir>,
    mut done: Local<Option<String>>,
) {
    let (Some(level), Some(crate::level::script::Outcome::Won(date))) = (level, &script.outcome)
    else {
        return;
    };
    let key = format!("{}@{date}", level.0.level.id);
    if done.as_ref() == Some(&key) {
        return;
    }
    *done = Some(key);
    let days = (date.to_days() - level.0.start.to_days()).max(0) as u64;
    let mut best = BestResults::load(&dir);
    if best.record(
        &level.0.level.id,
        Best {
            won_on: date.to_string(),
            days,
            kardashev: series.latest.get(crate::sim::record::Figure::Kardashev),
        },
    ) && let Err(e) = best.store(&dir)
    {
        error!("{}: {e}", BestResults::path(&dir).display());
    }
}

#[cfg(test)]
mod best_tests {
    use super::*;

    #[test]
    fn the_fastest_win_is_kept_and_stored_atomically() {
        let dir =
            SaveDir(std::env::temp_dir().join(format!("terawatt-best-{}", std::process::id())));
        let mut b = BestResults::default();
        let win = |days| Best {
            won_on: "2028-01-01".into(),
            days,
            kardashev: 0.8,
        };
        assert!(b.record("power_wall", win(900)));
        assert!(!b.record("power_wall", win(950)));
        assert!(b.record("power_wall", win(700)));
        b.store(&dir).unwrap();
        assert_eq!(BestResults::load(&dir), b);
        assert_eq!(BestResults::load(&dir).levels["power_wall"].days, 700);
        std::fs::write(BestResults::path(&dir), "garbage(").unwrap();
        assert_eq!(BestResults::load(&dir), BestResults::default());
        let _ = std::fs::remove_dir_all(&dir.0);
    }
}

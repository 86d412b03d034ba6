//! The game's save service: F5 saves, F9 loads, an autosave every [`AUTOSAVE_DAYS`] game
//! days, share codes made and opened when the interface asks, and the best result of each
//! level won. The save itself (what it holds, how it is written, read and replayed) is the
//! parent module's.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::check::{CheckStatus, ReplayCheck, step_check};
use super::{Opened, SaveFile, capture, read, restore, write, write_atomic};
use crate::i18n::Lang;
use crate::level::CurrentLevel;
use crate::sim::clock::GameClock;

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

/// Real seconds at least between autosaves: at the top warps 30 game days pass in a
/// frame, and a save of a long game (its snapshots and stamps) takes a good part of one.
pub const AUTOSAVE_MIN_SECS: f64 = 10.0;

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
        let lock = s.lock.union(&draft);
        if lock != s.lock {
            // The code opens under more of a lock than the game has: its stamp is of that.
            s.stamp = Some(super::stamp_with_lock(world, &lock));
            s.lock = lock;
        }
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
        .init_resource::<ReplayCheck>()
        .init_resource::<CheckStatus>()
        .add_systems(PreUpdate, save_keys.in_set(crate::screen::ReadInput))
        .add_systems(
            Update,
            (
                autosave,
                handle_saves,
                step_check,
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

/// F5 asks for a quick save of the level played, F9 for loading it back.
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

/// Asks for the autosave every [`AUTOSAVE_DAYS`] game days, and no sooner than
/// [`AUTOSAVE_MIN_SECS`] of real time after the last; a game that went back in time (a new
/// level, a load) counts from there.
fn autosave(
    clock: Res<GameClock>,
    dir: Res<SaveDir>,
    real: Option<Res<Time<Real>>>,
    mut last: Local<u64>,
    mut last_real: Local<Option<f64>>,
    mut save: MessageWriter<SaveRequested>,
) {
    let day = clock.tick / 24;
    let now = real.map_or(0.0, |t| t.elapsed_secs_f64());
    let rested = last_real.is_none_or(|t| now - t >= AUTOSAVE_MIN_SECS);
    if day >= *last + AUTOSAVE_DAYS && rested {
        *last = day;
        *last_real = Some(now);
        save.write(SaveRequested(autosave_path(&dir)));
    } else if day < *last {
        // A new level or a load went back in time.
        *last = day;
    }
}

/// Does the saves, loads and share codes asked for since the last frame: the saves first,
/// then the codes, then the loads, keeping what each did for the interface. A teacher's
/// lock on new games refuses the codes and loads.
fn handle_saves(world: &mut World) {
    let lang = world
        .get_resource::<crate::i18n::Tr>()
        .map_or(Lang::En, |t| t.lang);
    let saves: Vec<SaveRequested> = world
        .resource_mut::<Messages<SaveRequested>>()
        .drain()
        .collect();
    let loads: Vec<LoadRequested> = world
        .resource_mut::<Messages<LoadRequested>>()
        .drain()
        .collect();
    for SaveRequested(path) in saves {
        let result = save_game(world, &path, lang);
        set_status(world, result);
    }
    let mut codes: Vec<OpenCode> = world.resource_mut::<Messages<OpenCode>>().drain().collect();
    let mut loads = loads;
    // A teacher's lock on new games keeps this game: no save or code replaces it.
    if crate::lock::keeps_the_game(world) && !(codes.is_empty() && loads.is_empty()) {
        codes.clear();
        loads.clear();
        world.resource_mut::<SaveStatus>().last = Some(Err(say(lang, "lock-keeps-game", &[])));
    }
    for OpenCode(code) in codes {
        let result = open_code(world, &code, lang);
        set_status(world, result);
    }
    for LoadRequested(path) in loads {
        let result = load_game(world, &path, lang);
        set_status(world, result);
    }
}

/// The message `key` with `args`, in the interface's language `lang`.
fn say(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    crate::i18n::words().args_in(lang, key, args)
}

/// Keeps what a save, load or code did for the interface, and logs it if it failed.
fn set_status(world: &mut World, result: Result<String, String>) {
    if let Err(e) = &result {
        error!("{e}");
    }
    world.resource_mut::<SaveStatus>().last = Some(result);
}

/// Saves the game to `path`: what was done, or why not (no level is played, or the file
/// could not be written).
fn save_game(world: &World, path: &Path, lang: Lang) -> Result<String, String> {
    match capture(world) {
        Some(save) => write(path, &save)
            .map(|()| say(lang, "save-saved", &[("path", path.display().to_string())]))
            .map_err(|e| e.to_string()),
        None => Err(say(lang, "save-nothing", &[])),
    }
}

/// Opens a share code in place of this game, with its branches: what it held, or why it
/// could not be opened. A code carries no snapshot: it is replayed, and the state reached
/// compared with its stamp.
fn open_code(world: &mut World, code: &str, lang: Lang) -> Result<String, String> {
    crate::share::decode(code)
        .map_err(|e| crate::share::share_error(crate::i18n::tr_for(lang), &e))
        .and_then(|save| {
            let opened = restore(world, &save).map_err(|e| e.words(lang))?;
            crate::branch::restore_branches(world, &save)?;
            start_check(world, &save, &opened);
            // A situation handed out waits for the player to look first.
            world.write_message(crate::sim::clock::SpeedChanged::Pause);
            let said = say(
                lang,
                "share-opened",
                &[
                    ("level", save.level_file.clone()),
                    ("day", (save.tick / 24).to_string()),
                    ("orders", save.orders.len().to_string()),
                ],
            );
            with_stamp(said, &opened, lang)
        })
        .map_err(|e| say(lang, "share-not-opened", &[("why", e)]))
}

/// What opening said, with what the stamp says of the state opened: `Err` (shown as a
/// warning) when the save was made under other rules or its state is not the one opened.
fn with_stamp(said: String, opened: &Opened, lang: Lang) -> Result<String, String> {
    match opened.stamp.words(lang) {
        None => Ok(said),
        Some(note) => Err(format!("{said} — {note}")),
    }
}

/// Starts the background check of a save opened from its snapshot (a save replayed has
/// been checked by its replay already); drops the last one.
fn start_check(world: &mut World, save: &SaveFile, opened: &Opened) {
    let check = if opened.from_snapshot {
        ReplayCheck::of(save)
    } else {
        ReplayCheck::default()
    };
    world.insert_resource(check);
    if let Some(mut status) = world.get_resource_mut::<CheckStatus>() {
        status.line = None;
    }
}

/// Loads the save at `path` in place of this game, then its branches: what was loaded (and
/// why its branches were not), or why the save was not.
fn load_game(world: &mut World, path: &Path, lang: Lang) -> Result<String, String> {
    let save = read(path).map_err(|e| say(lang, "save-not-loaded", &[("why", e.words(lang))]))?;
    let opened = restore(world, &save)
        .map_err(|e| say(lang, "save-not-loaded", &[("why", e.words(lang))]))?;
    let path = path.display().to_string();
    let said = match crate::branch::restore_branches(world, &save) {
        Ok(()) if save.branches.is_empty() => say(lang, "save-loaded", &[("path", path)]),
        Ok(()) => say(
            lang,
            "save-loaded-branches",
            &[("path", path), ("n", save.branches.len().to_string())],
        ),
        Err(e) => say(lang, "save-loaded-but", &[("path", path), ("why", e)]),
    };
    start_check(world, &save, &opened);
    with_stamp(said, &opened, lang)
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

    /// Reads the file for showing: a missing or damaged one reads as empty (a win keeps a
    /// damaged one aside before writing: [`BestResults::read`]).
    pub fn load(dir: &SaveDir) -> Self {
        Self::read(dir).unwrap_or_default()
    }

    /// Reads the file: empty when there is none; a damaged one says where and why.
    pub fn read(dir: &SaveDir) -> Result<Self, String> {
        use crate::store::ReadError;
        let path = Self::path(dir);
        match crate::store::read_text(&path, MAX_BEST_BYTES) {
            Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                Ok(Self::default())
            }
            Err(e) => {
                let (line, col) = e.place();
                Err(format!("{}:{line}:{col}: {e}", path.display()))
            }
            Ok(text) => ron::from_str(&text).map_err(|e| {
                format!(
                    "{}:{}:{}: {}",
                    path.display(),
                    e.span.start.line,
                    e.span.start.col,
                    e.code
                )
            }),
        }
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

/// Largest best-results file read, bytes.
pub const MAX_BEST_BYTES: u64 = 4 << 20;

/// On a win, keeps the level's best result; a damaged `best.ron` is kept aside first and
/// said in the save status and the log.
fn record_best(
    script: Res<crate::level::script::Script>,
    level: Option<Res<CurrentLevel>>,
    series: Res<crate::sim::record::TimeSeries>,
    dir: Res<SaveDir>,
    tr: Option<Res<crate::i18n::Tr>>,
    mut status: ResMut<SaveStatus>,
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
    let win = Best {
        won_on: date.to_string(),
        days,
        kardashev: series.latest.get(crate::sim::record::Figure::Kardashev),
    };
    let lang = tr.map_or(Lang::En, |t| t.lang);
    if let Some(damaged) = record_win(&dir, &level.0.level.id, win, lang) {
        warn!("{damaged}");
        status.last = Some(Err(damaged));
    }
}

/// Records a win in `dir`'s best results. A damaged file is moved aside (never written
/// over) and the best results start afresh; if it cannot be moved, this win is not
/// recorded. Returns what to tell the player about a damaged file, in `lang`.
fn record_win(dir: &SaveDir, level: &str, win: Best, lang: Lang) -> Option<String> {
    let path = BestResults::path(dir);
    let (mut best, damaged) = match BestResults::read(dir) {
        Ok(best) => (best, None),
        Err(why) => match crate::store::keep_aside(&path) {
            Ok(kept) => (
                BestResults::default(),
                Some(say(
                    lang,
                    "best-damaged",
                    &[("why", why), ("kept", kept.display().to_string())],
                )),
            ),
            Err(e) => {
                let args = [("why", why), ("error", e.to_string())];
                return Some(say(lang, "best-damaged-left", &args));
            }
        },
    };
    if best.record(level, win)
        && let Err(e) = best.store(dir)
    {
        error!("{}: {e}", path.display());
    }
    damaged
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
        let _ = std::fs::remove_dir_all(&dir.0);
    }

    #[test]
    fn a_damaged_best_file_is_kept_aside_and_said_not_overwritten() {
        let dir = SaveDir(
            std::env::temp_dir().join(format!("terawatt-damaged-best-{}", std::process::id())),
        );
        let _ = std::fs::remove_dir_all(&dir.0);
        let win = |days| Best {
            won_on: "2028-01-01".into(),
            days,
            kardashev: 0.8,
        };
        // No file yet: the first win is recorded, nothing to say.
        assert_eq!(record_win(&dir, "power_wall", win(900), Lang::En), None);
        let path = BestResults::path(&dir);
        let garbage =
            "(levels: {\"power_wall\": (won_on: \"2027\", days: 1, kardashev: 0.9)}, oops";
        std::fs::write(&path, garbage).unwrap();
        // Shown as empty, and read as damaged with its place.
        assert_eq!(BestResults::load(&dir), BestResults::default());
        let why = BestResults::read(&dir).unwrap_err();
        assert!(why.starts_with(&format!("{}:1:", path.display())), "{why}");
        // The next win keeps the damaged file aside and says so.
        let said = record_win(&dir, "race", win(500), Lang::En).expect("the damage is said");
        let kept = dir.0.join("best.ron.damaged");
        assert!(
            said.contains(&kept.display().to_string()) && said.contains(&why),
            "{said}"
        );
        assert_eq!(std::fs::read_to_string(&kept).unwrap(), garbage);
        let now = BestResults::read(&dir).unwrap();
        assert_eq!(now.levels.keys().collect::<Vec<_>>(), ["race"]);
        // Damaged again: the first copy stays, the second is kept beside it, in Chinese.
        std::fs::write(&path, "\u{1}").unwrap();
        let said = record_win(&dir, "race", win(400), Lang::ZhCn).expect("the damage is said");
        let second = dir.0.join("best.ron.damaged-2");
        assert!(said.contains(&second.display().to_string()), "{said}");
        assert_ne!(said, say(Lang::En, "best-damaged", &[]), "{said}");
        assert!(!said.is_ascii(), "in Chinese: {said}");
        assert_eq!(std::fs::read_to_string(&kept).unwrap(), garbage);
        assert_eq!(std::fs::read_to_string(&second).unwrap(), "\u{1}");
        // A byte order mark is no damage.
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
        assert_eq!(record_win(&dir, "power_wall", win(100), Lang::En), None);
        let _ = std::fs::remove_dir_all(&dir.0);
    }
}

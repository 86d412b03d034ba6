//! The windowed game: `play` (a level or a share code) and `code` (a save's share code),
//! and the window every windowed command opens.

use std::path::{Path, PathBuf};

use bevy::prelude::{App, AppExit};
use terawatt::level::{CheckedLevel, load_file};

use super::{CliError, DEFAULT_LEVEL, LANG};

#[derive(clap::Args, Default)]
pub struct PlayArgs {
    /// The level file.
    level: Option<PathBuf>,
    /// Open a share code (or a link ending `#CODE`): the game it holds, exactly.
    #[arg(long, conflicts_with = "level")]
    code: Option<String>,
}

impl PlayArgs {
    /// Opens the game on its title menu, or on the game a share code holds.
    pub fn run(self) -> Result<(), CliError> {
        match self.code {
            Some(code) => play_code(code),
            None => play(&self.level.unwrap_or_else(|| DEFAULT_LEVEL.into())),
        }
    }
}

/// The game on `level`, opened on its title menu.
fn play(level: &Path) -> Result<(), CliError> {
    let level = load_file(level)?;
    window_app(level, WindowOptions::PLAY, |app: &mut App| {
        bevy::state::app::AppExtStates::insert_state(app, terawatt::screen::Screen::Title);
    })
}

/// The game a share code holds, opened at once (no title menu).
fn play_code(code: String) -> Result<(), CliError> {
    let tr = terawatt::i18n::tr_for(terawatt::i18n::cli_lang());
    let save = terawatt::share::decode(&code)
        .map_err(|e| CliError::Message(terawatt::share::share_error(tr, &e)))?;
    let level = save.level()?;
    window_app(level, WindowOptions::PLAY, move |app: &mut App| {
        app.world_mut()
            .write_message(terawatt::save::OpenCode(code));
    })
}

#[derive(clap::Args)]
pub struct CodeArgs {
    /// The save file.
    save: PathBuf,
    /// Teacher's lock: hide this panel in the opened game (orders, charts, codex,
    /// earth-space, branches, new-game; repeat for several).
    #[arg(long = "hide")]
    hide: Vec<String>,
    /// Teacher's lock: lock this action (`build:ship`, `policy:burn_in`, … as levels
    /// name them; repeat for several).
    #[arg(long = "lock")]
    lock: Vec<String>,
}

impl CodeArgs {
    /// Prints the save's share code, with the teacher's lock asked for on top of its own.
    pub fn run(self) -> Result<(), CliError> {
        use terawatt::lock::{Panel, TeacherLock};
        let s = terawatt::save::read(&self.save)?;
        let panels = self
            .hide
            .iter()
            .map(|p| Panel::parse(p).map_err(|e| CliError::Message(format!("--hide {e}"))))
            .collect::<Result<Vec<_>, _>>()?;
        let asked = TeacherLock {
            panels,
            actions: self.lock,
        };
        asked
            .check()
            .map_err(|e| CliError::Message(format!("--lock {e}")))?;
        let lock = s.lock.union(&asked);
        let s = terawatt::save::with_lock(&s, lock)?;
        println!("{}", terawatt::share::encode(&s));
        Ok(())
    }
}

/// How the game's window runs.
#[derive(Debug, Clone, Copy)]
pub struct WindowOptions {
    /// Wait for the display between frames (off to measure frames and pace).
    pub vsync: bool,
    /// Show the interface panels (off for clean pictures of the 3D view).
    pub ui: bool,
    /// Remember the settings between runs. Only `play` does: screenshots and measurements
    /// use the fixed defaults, so they compare from run to run.
    pub remember: bool,
}

impl WindowOptions {
    /// The game as played.
    pub const PLAY: WindowOptions = WindowOptions {
        vsync: true,
        ui: true,
        remember: true,
    };
}

/// Runs the windowed game on `level`, with `extra` adding to the app first. Without a
/// display to open the window on, says so in one line and fails.
pub fn window_app(
    level: CheckedLevel,
    options: WindowOptions,
    extra: impl FnOnce(&mut App),
) -> Result<(), CliError> {
    if let Some(why) = missing_display() {
        return Err(CliError::Message(why));
    }
    let mut app = App::new();
    app.add_plugins(terawatt::GamePlugin {
        level,
        no_vsync: !options.vsync,
        ui: options.ui,
        remember: options.remember,
        lang: LANG.get().copied().flatten(),
    });
    extra(&mut app);
    match app.run() {
        AppExit::Success => Ok(()),
        AppExit::Error(_) => Err(CliError::Reported),
    }
}

/// Why the game's window cannot open, if it cannot: where the game draws through X11 (the
/// build has no Wayland; see `Cargo.toml`), it needs `DISPLAY`, and winit would panic
/// without it. What to run instead is the command line as given, under `xvfb-run`.
fn missing_display() -> Option<String> {
    let x11 = cfg!(all(
        unix,
        not(target_os = "macos"),
        not(target_os = "ios"),
        not(target_os = "android")
    ));
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    if !x11 || set("DISPLAY") {
        return None;
    }
    let key = if set("WAYLAND_DISPLAY") {
        "cli-no-display-wayland"
    } else {
        "cli-no-display"
    };
    let command = std::env::args().collect::<Vec<_>>().join(" ");
    Some(terawatt::i18n::cli(key, &[("command", command)]))
}

/// Forks a branch named "what if" with `changes` as the game starts, its figures shown
/// in the top bar.
#[cfg(feature = "dev")]
pub fn fork_at_start(app: &mut App, changes: Vec<(terawatt::sim::params::P, f64)>) {
    use terawatt::branch::BranchCommand;
    app.add_systems(
        bevy::prelude::Startup,
        move |mut w: bevy::prelude::MessageWriter<BranchCommand>| {
            w.write(BranchCommand::Fork {
                name: "what if".into(),
                changes: changes.clone(),
            });
            w.write(BranchCommand::TopBar(true));
        },
    );
}

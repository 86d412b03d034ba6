//! The windowed game: the simulation, the 3D view and the keys that drive time.

use bevy::prelude::*;
use bevy::window::PresentMode;
use bevy_egui::EguiPlugin;

#[cfg(not(target_arch = "wasm32"))]
use crate::level::watch::LevelWatch;
use crate::level::watch::RestartLevel;
use crate::level::{CheckedLevel, spawn_level};
use crate::sim::SimPlugin;
use crate::sim::clock::{SpeedChanged, WARP_YEAR_PER_SECOND};

/// Everything: window, renderer, egui, the simulation on `level`, and the 3D view.
pub struct GamePlugin {
    /// The level to play.
    pub level: CheckedLevel,
    /// Present frames as fast as they render (for frame-time measurements).
    pub no_vsync: bool,
    /// Show the interface panels (off for clean pictures of the 3D view).
    pub ui: bool,
    /// Remember the settings between runs (`saves/settings.ron`): the window's size, the
    /// interface size, the toggles. Off for screenshots and measurements.
    pub remember: bool,
    /// The interface's language (`--lang`); else the one remembered, else `LANG` (when
    /// remembering), else English.
    pub lang: Option<crate::i18n::Lang>,
}

/// The system's language: the browser's on the web (passed in from `web`, which the
/// language module does not import), else the environment's.
fn system_lang() -> crate::i18n::Lang {
    #[cfg(target_arch = "wasm32")]
    if let Some(l) = crate::web::browser_lang() {
        return l;
    }
    crate::i18n::Lang::from_env()
}

impl Plugin for GamePlugin {
    fn build(&self, app: &mut App) {
        let file = self.level.file.clone();
        let dir = crate::save::SaveDir::default();
        let saved = self.remember.then(|| {
            crate::ui::settings::Settings::load(&crate::ui::settings::Settings::path(&dir)).0
        });
        let size = saved.as_ref().map_or((1280, 720), |s| s.window);
        let lang = self.lang.unwrap_or_else(|| match &saved {
            Some(s) => s.lang.unwrap_or_else(system_lang),
            None => crate::i18n::Lang::En,
        });
        app.insert_resource(crate::i18n::Tr::new(lang));
        app.add_plugins(
            DefaultPlugins
                .set(AssetPlugin {
                    // Levels live in `levels/` at the top of the project, beside `assets/`:
                    // the directory the game runs in, whether started by cargo or not
                    // (Bevy would otherwise look beside the executable). On the web the
                    // page's folder.
                    file_path: std::env::current_dir()
                        .map_or_else(|_| ".".into(), |d| d.display().to_string()),
                    // No files to watch in a browser.
                    watch_for_changes_override: Some(cfg!(not(target_arch = "wasm32"))),
                    // The game ships no `.meta` files: a browser would ask the server for
                    // each (and log its 404s).
                    meta_check: if cfg!(target_arch = "wasm32") {
                        bevy::asset::AssetMetaCheck::Never
                    } else {
                        bevy::asset::AssetMetaCheck::Always
                    },
                    ..default()
                })
                .set(bevy::log::LogPlugin {
                    // The asset server says "Reloading …" at INFO for every file the game
                    // writes under its root (saves, autosaves): the game shows what matters
                    // of a reload (a level's errors) itself.
                    filter: format!("{},bevy_asset::server=warn", bevy::log::DEFAULT_FILTER),
                    ..default()
                })
                .set(WindowPlugin {
                    primary_window: Some(Window {
                        title: format!("Terawatt — {}", self.level.level.title),
                        resolution: size.into(),
                        present_mode: if self.no_vsync {
                            PresentMode::AutoNoVsync
                        } else {
                            PresentMode::AutoVsync
                        },
                        // The web page's canvas, sized by the page.
                        canvas: cfg!(target_arch = "wasm32").then(|| "#terawatt".into()),
                        fit_canvas_to_parent: true,
                        ..default()
                    }),
                    ..default()
                }),
        )
        .add_plugins(EguiPlugin::default())
        .add_plugins((crate::level::watch::plugin, crate::save::plugin))
        .add_plugins((SimPlugin, crate::level::plugin, crate::branch::plugin))
        .add_plugins(crate::screen::plugin)
        .add_plugins(crate::view::plugin)
        .add_plugins((crate::closeup::CloseupPlugin, crate::closeup::view::plugin))
        .add_plugins(time_keys_plugin);
        if self.ui {
            app.add_plugins(crate::ui::plugin);
            if self.remember {
                crate::ui::settings::plugin(app);
            }
        }
        // Hot reload: the level's file is watched (a browser has no files to watch).
        #[cfg(not(target_arch = "wasm32"))]
        app.add_systems(
            Startup,
            move |mut commands: Commands, assets: Res<AssetServer>| {
                commands.insert_resource(LevelWatch::new(&assets, &file));
            },
        );
        #[cfg(target_arch = "wasm32")]
        let _ = file;
        spawn_level(app.world_mut(), &self.level);
    }
}

/// The time keys (see [`time_keys`]), read with the game's other keys; the game waits
/// under the title menu.
pub fn time_keys_plugin(app: &mut App) {
    app.add_systems(
        PreUpdate,
        time_keys
            .in_set(crate::screen::ReadInput)
            .run_if(not(in_state(crate::screen::Screen::Title))),
    );
}

/// Space pauses; 1–7 pick a warp (7: a game year a second); + and - step it; R restarts on a saved level.
fn time_keys(
    keys: Res<ButtonInput<KeyCode>>,
    mut speed: MessageWriter<SpeedChanged>,
    mut restart: MessageWriter<RestartLevel>,
) {
    if keys.just_pressed(KeyCode::KeyR) {
        restart.write(RestartLevel);
    }
    if keys.just_pressed(KeyCode::Space) {
        speed.write(SpeedChanged::TogglePause);
    }
    let digits = [
        KeyCode::Digit1,
        KeyCode::Digit2,
        KeyCode::Digit3,
        KeyCode::Digit4,
        KeyCode::Digit5,
        KeyCode::Digit6,
        KeyCode::Digit7,
    ];
    for (i, k) in digits.iter().enumerate().take(WARP_YEAR_PER_SECOND + 1) {
        if keys.just_pressed(*k) {
            speed.write(SpeedChanged::Warp(i));
        }
    }
    if keys.any_just_pressed([KeyCode::Equal, KeyCode::NumpadAdd]) {
        speed.write(SpeedChanged::Faster);
    }
    if keys.any_just_pressed([KeyCode::Minus, KeyCode::NumpadSubtract]) {
        speed.write(SpeedChanged::Slower);
    }
}

//! Settings kept between runs (`settings.ron` in the save directory): the interface size,
//! the window's size, true scale, the overlays, the charts' scale, presentation mode,
//! which side panels are folded, and the look (high contrast, text size, reduced motion).
//! Read once at start; written (atomically) a moment after any of them changes. A damaged
//! file is reported and the defaults are used; nothing else is lost.

use std::path::{Path, PathBuf};

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy_egui::{EguiContexts, egui};
use serde::{Deserialize, Serialize};

use super::Panels;
use super::charts::ChartsWindow;
use super::look::Look;
use crate::save::SaveDir;
use crate::view::Overlays;
use crate::view::layout::ViewScale;

/// What is remembered between runs.
#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// egui's zoom factor: the interface size (0.75–2).
    pub ui_scale: f32,
    /// The window's size in logical pixels.
    pub window: (u32, u32),
    /// True scale in the 3D view.
    pub true_scale: bool,
    /// Names over things.
    pub labels: bool,
    /// Energy flows.
    pub energy: bool,
    /// Rings on what binds.
    pub limits: bool,
    /// Charts on a log scale.
    pub log_scale: bool,
    /// Presentation mode (P): for a classroom projector.
    pub presentation: bool,
    /// The orders panel folded to a strip.
    pub left_folded: bool,
    /// The what-binds panel folded to a strip.
    pub right_folded: bool,
    /// The interface's language (none yet: the environment's `LANG` decides).
    pub lang: Option<crate::i18n::Lang>,
    /// High contrast, the text size and reduced motion.
    pub look: Look,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            ui_scale: 1.0,
            window: (1280, 720),
            true_scale: false,
            labels: true,
            energy: true,
            limits: true,
            log_scale: true,
            presentation: false,
            left_folded: false,
            right_folded: false,
            lang: None,
            look: Look::default(),
        }
    }
}

/// The interface size presentation mode multiplies.
pub const PRESENTATION_ZOOM: f32 = 1.5;

/// Largest settings file read, bytes (a few hundred is usual).
pub const MAX_SETTINGS_BYTES: u64 = 64 << 10;

/// `x`, or `default` when `x` is not a finite number.
fn finite_or(x: f32, default: f32) -> f32 {
    if x.is_finite() { x } else { default }
}

impl Settings {
    /// Where they are kept.
    pub fn path(dir: &SaveDir) -> PathBuf {
        dir.0.join("settings.ron")
    }

    /// Reads them, or the defaults (with why, when the file is there but damaged: a
    /// folder or a device, too large, not text, not settings). A byte order mark is
    /// ignored; values out of range are brought into it.
    pub fn load(path: &Path) -> (Self, Option<String>) {
        use crate::store::ReadError;
        let text = match crate::store::read_text(path, MAX_SETTINGS_BYTES) {
            Ok(text) => text,
            // Missing (the first run) or not allowed: the defaults, nothing to report.
            Err(ReadError::Io(_)) => return (Self::default(), None),
            Err(e) => {
                let (line, col) = e.place();
                let why = format!(
                    "{}:{line}:{col}: {e} — using the default settings",
                    path.display()
                );
                return (Self::default(), Some(why));
            }
        };
        match ron::from_str::<Settings>(&text) {
            Ok(s) => (s.in_range(), None),
            Err(e) => (
                Self::default(),
                Some(format!(
                    "{}:{}:{}: {} — using the default settings",
                    path.display(),
                    e.span.start.line,
                    e.span.start.col,
                    e.code
                )),
            ),
        }
    }

    /// The settings with each value in its range: a number that is not finite (`NaN`,
    /// `inf`) is the default's, then each is clamped. (A `NaN` kept would differ from
    /// itself every frame, and the settings would never be stored again.)
    pub fn in_range(mut self) -> Self {
        let d = Self::default();
        self.ui_scale = finite_or(self.ui_scale, d.ui_scale).clamp(0.75, 2.0);
        self.window = (
            self.window.0.clamp(640, 7680),
            self.window.1.clamp(400, 4320),
        );
        self.look = self.look.in_range();
        self
    }

    /// Writes them atomically.
    pub fn store(&self, path: &Path) -> std::io::Result<()> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(std::io::Error::other)?;
        crate::save::write_atomic(path, &text)
    }
}

/// What the settings file said at start, if it was damaged.
#[derive(Resource, Debug, Default)]
pub struct SettingsStatus(pub Option<String>);

/// Settings in the windowed game: applied at start, saved when they change.
pub fn plugin(app: &mut App) {
    let dir = app
        .world()
        .get_resource::<SaveDir>()
        .cloned()
        .unwrap_or_default();
    let path = Settings::path(&dir);
    let (settings, mut status) = Settings::load(&path);
    if let Some(e) = &mut status {
        // The damaged file is kept beside (an earlier damaged copy too), not overwritten
        // by the defaults.
        if let Ok(kept) = crate::store::keep_aside(&path) {
            e.push_str(&format!(" (the file is kept as {})", kept.display()));
        }
        warn!("{e}");
    }
    app.insert_resource(settings)
        .insert_resource(SettingsStatus(status))
        .init_resource::<Unsaved>()
        .add_systems(Startup, apply_at_start)
        .add_systems(Update, remember.after(presentation_zoom))
        .add_systems(Last, store_on_exit);
}

/// When the settings last changed and have not been stored yet (real seconds).
#[derive(Resource, Debug, Default)]
struct Unsaved(Option<f64>);

/// Stores changed settings when the game quits, however recent the change.
fn store_on_exit(
    mut exits: MessageReader<AppExit>,
    mut unsaved: ResMut<Unsaved>,
    settings: Res<Settings>,
    dir: Res<SaveDir>,
) {
    if exits.read().next().is_some()
        && unsaved.0.take().is_some()
        && let Err(e) = settings.store(&Settings::path(&dir))
    {
        error!("{}: {e}", Settings::path(&dir).display());
    }
}

/// Puts the remembered settings into the view and the interface when the game starts.
fn apply_at_start(
    settings: Res<Settings>,
    mut panels: ResMut<Panels>,
    mut charts: ResMut<ChartsWindow>,
    mut look: ResMut<Look>,
    scale: Option<ResMut<ViewScale>>,
    overlays: Option<ResMut<Overlays>>,
) {
    *look = settings.look;
    if let Some(mut scale) = scale {
        scale.true_scale = settings.true_scale;
    }
    if let Some(mut o) = overlays {
        o.labels = settings.labels;
        o.energy = settings.energy;
        o.limits = settings.limits;
    }
    charts.log_scale = settings.log_scale;
    panels.presentation = settings.presentation;
    panels.left_folded = settings.left_folded;
    panels.right_folded = settings.right_folded;
    if settings.presentation {
        panels.hidden = true;
    }
}

/// P: presentation mode — larger text, panels hidden, the lesson's step as a caption.
pub(super) fn presentation_key(
    keys: Res<ButtonInput<KeyCode>>,
    screen: Res<State<crate::screen::Screen>>,
    mut panels: ResMut<Panels>,
) {
    if keys.just_pressed(KeyCode::KeyP) && !screen.title_menu() {
        let on = !panels.presentation;
        panels.set_presentation(on);
    }
}

/// Presentation mode multiplies the interface size by [`PRESENTATION_ZOOM`] while it is on.
pub(super) fn presentation_zoom(
    mut contexts: EguiContexts,
    panels: Res<Panels>,
    mut last: Local<bool>,
) {
    if panels.presentation == *last {
        return;
    }
    let Ok(ctx) = contexts.ctx_mut() else {
        return;
    };
    let z = ctx.zoom_factor();
    ctx.set_zoom_factor(if panels.presentation {
        z * PRESENTATION_ZOOM
    } else {
        z / PRESENTATION_ZOOM
    });
    *last = panels.presentation;
}

/// What the remembered settings are read from each frame, besides egui's zoom.
#[derive(SystemParam)]
struct Remembered<'w, 's> {
    panels: Res<'w, Panels>,
    charts: Res<'w, ChartsWindow>,
    look: Res<'w, Look>,
    scale: Option<Res<'w, ViewScale>>,
    overlays: Option<Res<'w, Overlays>>,
    windows: Query<'w, 's, &'static Window, With<PrimaryWindow>>,
}

impl Remembered<'_, '_> {
    /// `was` with what the window, the view and the interface say now (all but the
    /// interface size and the language).
    fn read(&self, was: &Settings) -> Settings {
        let mut next = was.clone();
        next.presentation = self.panels.presentation;
        if let Ok(w) = self.windows.single() {
            next.window = (
                w.resolution.width().round() as u32,
                w.resolution.height().round() as u32,
            );
        }
        if let Some(s) = &self.scale {
            next.true_scale = s.true_scale;
        }
        if let Some(o) = &self.overlays {
            next.labels = o.labels;
            next.energy = o.energy;
            next.limits = o.limits;
        }
        next.log_scale = self.charts.log_scale;
        next.look = *self.look;
        next.left_folded = self.panels.left_folded;
        next.right_folded = self.panels.right_folded;
        next
    }
}

/// Reads the interface size, the window and the toggles each frame; stores them a second
/// after they last changed.
fn remember(
    mut contexts: EguiContexts,
    mut settings: ResMut<Settings>,
    from: Remembered,
    dir: Res<SaveDir>,
    tr: Res<crate::i18n::Tr>,
    time: Res<Time<Real>>,
    mut pending: ResMut<Unsaved>,
    mut applied: Local<bool>,
    mut first_lang: Local<Option<crate::i18n::Lang>>,
    mut lang_chosen: Local<bool>,
) {
    let Ok(ctx) = contexts.ctx_mut() else {
        return;
    };
    // The interface size: applied once egui is up (after presentation mode's own zoom),
    // then read back each frame (the settings slider changes egui's zoom).
    let factor = if from.panels.presentation {
        PRESENTATION_ZOOM
    } else {
        1.0
    };
    if !*applied {
        ctx.set_zoom_factor(settings.ui_scale * factor);
        *applied = true;
        return;
    }
    let mut next = from.read(&settings);
    next.ui_scale = finite_or(ctx.zoom_factor() / factor, settings.ui_scale).clamp(0.75, 2.0);
    // The language is remembered once the player changes it (a one-off `--lang`, or the
    // environment's, is not).
    let first = *first_lang.get_or_insert(tr.lang);
    *lang_chosen |= tr.lang != first;
    if *lang_chosen {
        next.lang = Some(tr.lang);
    }
    let now = time.elapsed_secs_f64();
    if next != *settings {
        *settings = next;
        pending.0 = Some(now);
    }
    if pending.0.is_some_and(|t| now - t > 1.0) {
        pending.0 = None;
        if let Err(e) = settings.store(&Settings::path(&dir)) {
            error!("{}: {e}", Settings::path(&dir).display());
        }
    }
}

/// The lesson's step as a caption across the bottom of the screen in presentation mode.
pub(super) fn caption(
    mut contexts: EguiContexts,
    panels: Res<Panels>,
    screen: Res<State<crate::screen::Screen>>,
    script: Res<crate::level::script::Script>,
) -> Result {
    if !panels.presentation || !screen.in_world() {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let text = match script.lesson.get(script.step) {
        Some(step) => format!(
            "{}  ({} of {})",
            step.text,
            script.step + 1,
            script.lesson.len()
        ),
        None => return Ok(()),
    };
    egui::Area::new(egui::Id::new("caption"))
        .anchor(egui::Align2::CENTER_BOTTOM, [0.0, -24.0])
        .show(ctx, |ui| {
            egui::Frame::new()
                .fill(egui::Color32::from_black_alpha(190))
                .corner_radius(8.0)
                .inner_margin(14.0)
                .show(ui, |ui| {
                    ui.set_max_width(ctx.content_rect().width() * 0.8);
                    ui.label(
                        egui::RichText::new(text)
                            .size(22.0)
                            .color(egui::Color32::WHITE),
                    );
                });
        });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_a_damaged_file_falls_back_with_its_place() {
        let dir = std::env::temp_dir().join(format!("terawatt-settings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("settings.ron");
        let _ = std::fs::remove_file(&path);
        assert_eq!(Settings::load(&path), (Settings::default(), None));
        let s = Settings {
            ui_scale: 1.25,
            window: (1600, 900),
            true_scale: true,
            presentation: true,
            ..Settings::default()
        };
        s.store(&path).unwrap();
        assert_eq!(Settings::load(&path), (s, None));
        std::fs::write(&path, "(ui_scale: 1.5,\n window: oops)").unwrap();
        let (back, why) = Settings::load(&path);
        assert_eq!(back, Settings::default());
        let why = why.unwrap();
        assert!(
            why.contains("settings.ron:2:") && why.contains("default settings"),
            "{why}"
        );
        // Out of range is brought back into it.
        std::fs::write(&path, "(ui_scale: 9.0, window: (10, 10))").unwrap();
        let (back, _) = Settings::load(&path);
        assert_eq!((back.ui_scale, back.window), (2.0, (640, 400)));
        // A byte order mark (Windows Notepad) is not an error.
        std::fs::write(&path, "\u{feff}(ui_scale: 1.5)").unwrap();
        assert_eq!(Settings::load(&path).0.ui_scale, 1.5);
        // A folder, or a byte that is not text, is reported with its place.
        std::fs::write(&path, b"(ui_scale: 1.5,\n lang: \xff)").unwrap();
        let (back, why) = Settings::load(&path);
        assert_eq!(back, Settings::default());
        assert!(
            why.as_deref()
                .unwrap_or_default()
                .contains("settings.ron:2:8: not text"),
            "{why:?}"
        );
        std::fs::remove_file(&path).unwrap();
        std::fs::create_dir(&path).unwrap();
        let (_, why) = Settings::load(&path);
        assert!(
            why.as_deref()
                .unwrap_or_default()
                .contains("not a regular file"),
            "{why:?}"
        );
        std::fs::remove_dir(&path).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_number_that_is_not_finite_is_the_default_and_settings_store_again() {
        let dir = std::env::temp_dir().join(format!("terawatt-nan-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("settings.ron");
        for x in ["NaN", "inf", "-inf"] {
            std::fs::write(&path, format!("(ui_scale: {x}, labels: false)")).unwrap();
            let (back, why) = Settings::load(&path);
            assert_eq!(why, None);
            assert_eq!(back.ui_scale, Settings::default().ui_scale, "{x}");
            assert!(!back.labels);
            // Equal to itself, so the game sees no change each frame and stores it once.
            assert_eq!(back, back.clone());
            back.store(&path).unwrap();
            assert_eq!(Settings::load(&path), (back, None));
        }
        let odd = Settings {
            ui_scale: f32::NAN,
            ..Settings::default()
        };
        assert_eq!(odd.in_range(), Settings::default());
        let _ = std::fs::remove_dir_all(&dir);
    }
}

//! The title menu: new game (the level picker, with best results), continue (the newest
//! save), load (every save, damaged ones marked), settings and quit. It opens when the
//! game starts and with Esc; the game waits while it is open.

use std::path::PathBuf;

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::Panels;
use super::charts::ChartsWindow;
use super::picker::PickerWindow;
use super::share_page::{self, CodeInput};
use crate::i18n::Tr;
use crate::lock::{Panel, TeacherLock};
use crate::save::{LoadRequested, SaveDir};
use crate::screen::Screen;
use crate::sim::clock::{SimSpeed, SpeedChanged};
use crate::view::Overlays;
use crate::view::layout::ViewScale;

/// A save on disk as the menu lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveEntry {
    /// The file.
    pub path: PathBuf,
    /// Seconds since it was written.
    pub age_s: u64,
    /// "level, game day N, K orders", or why it cannot be loaded.
    pub summary: Result<String, String>,
}

/// The saves in `dir`, newest first (the best-results file is not a save).
pub fn list_saves(dir: &SaveDir, lang: crate::i18n::Lang) -> Vec<SaveEntry> {
    let mut out: Vec<SaveEntry> = crate::store::list(&dir.0, "ron")
        .into_iter()
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n != "best.ron" && n != "settings.ron")
        })
        .map(|path| {
            let age_s = crate::store::age_s(&path).unwrap_or(u64::MAX);
            let summary = crate::save::read(&path)
                .map(|s| {
                    crate::i18n::words().args_in(
                        lang,
                        "menu-save-summary",
                        &[
                            ("level", s.level_file.clone()),
                            ("day", (s.tick / 24).to_string()),
                            ("orders", s.orders.len().to_string()),
                        ],
                    )
                })
                .map_err(|e| e.to_string());
            SaveEntry {
                path,
                age_s,
                summary,
            }
        })
        .collect();
    out.sort_by_key(|e| (e.age_s, e.path.clone()));
    out
}

/// How long ago a save was written, in words.
fn ago(tr: &Tr, s: u64) -> String {
    let n = |k: &str, v: u64| tr.args(k, &[("n", v.to_string())]);
    match s {
        u64::MAX => tr.t("ago-some-time"),
        0..120 => n("ago-s", s),
        120..7_200 => n("ago-min", s / 60),
        7_200..172_800 => n("ago-h", s / 3600),
        _ => n("ago-days", s / 86_400),
    }
}

/// What the menu shows below its buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MenuPage {
    /// Just the buttons.
    #[default]
    Main,
    /// The saves.
    Load,
    /// The settings.
    Settings,
    /// Share this game as a code, or open one.
    Share,
}

/// The menu's own state (kept while the menu is closed, so leaving it can resume the game
/// it paused).
#[derive(Resource, Debug, Default)]
pub(super) struct MenuState {
    page: MenuPage,
    saves: Vec<SaveEntry>,
    listed: bool,
    paused_it: bool,
    /// A code pasted to open, and why it could not be opened.
    code: CodeInput,
}

/// Esc opens and closes the title menu (a close-up takes Esc first).
pub(super) fn menu_key(
    keys: Res<ButtonInput<KeyCode>>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
) {
    if keys.just_pressed(KeyCode::Escape) {
        match screen.get() {
            Screen::World => next.set(Screen::Title),
            Screen::Title => next.set(Screen::World),
            Screen::Closeup(_) => {}
        }
    }
}

/// What the title menu reads and writes.
#[derive(SystemParam)]
pub(super) struct MenuParams<'w, 's> {
    contexts: EguiContexts<'w, 's>,
    tr: ResMut<'w, Tr>,
    kept: Option<Res<'w, super::settings::Settings>>,
    next_screen: ResMut<'w, NextState<Screen>>,
    picker: ResMut<'w, PickerWindow>,
    charts: ResMut<'w, ChartsWindow>,
    look: ResMut<'w, super::look::Look>,
    panels: ResMut<'w, Panels>,
    state: ResMut<'w, MenuState>,
    dir: Res<'w, SaveDir>,
    save_status: Res<'w, crate::save::SaveStatus>,
    level: Option<Res<'w, crate::level::CurrentLevel>>,
    scale: Option<ResMut<'w, ViewScale>>,
    overlays: Option<ResMut<'w, Overlays>>,
    loads: MessageWriter<'w, LoadRequested>,
    codes: MessageWriter<'w, crate::save::OpenCode>,
    share: ResMut<'w, crate::save::ShareCode>,
    class: ResMut<'w, super::class_window::ClassWindow>,
    lock: Option<Res<'w, TeacherLock>>,
    exit: MessageWriter<'w, AppExit>,
}

/// The title menu, while it is open, over the game dimmed behind it: its buttons, then
/// the page they chose. The game waits while it is open.
pub(super) fn menu_window(mut p: MenuParams) -> Result {
    if std::mem::take(&mut p.share.show) {
        p.state.page = MenuPage::Share;
        p.share.asked = true;
    }
    let ctx = p.contexts.ctx_mut()?.clone();
    // The saves are read when the menu opens and after each save or load, not every frame.
    if !p.state.listed || p.save_status.is_changed() {
        p.state.saves = list_saves(&p.dir, p.tr.lang);
        p.state.listed = true;
    }
    // Dim the game behind the menu.
    let screen = ctx.content_rect();
    ctx.layer_painter(egui::LayerId::new(
        egui::Order::Middle,
        egui::Id::new("menu_dim"),
    ))
    .rect_filled(screen, 0.0, egui::Color32::from_black_alpha(170));
    // The teacher's lock on new games keeps this game: no new game, save or code.
    let new_game_locked = p.lock.as_ref().is_some_and(|l| l.hides(Panel::NewGame));
    egui::Window::new("Terawatt")
        .order(egui::Order::Foreground)
        .title_bar(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .resizable(false)
        .collapsible(false)
        .min_width(460.0)
        .show(&ctx, |ui| {
            ui.vertical_centered(|ui| menu_buttons(ui, &mut p, new_game_locked));
            ui.separator();
            let page = p.state.page;
            match page {
                MenuPage::Main => {
                    ui.weak(p.tr.t("menu-keys"));
                }
                MenuPage::Share => share_page(ui, &mut p, new_game_locked),
                MenuPage::Load => load_page(ui, &mut p),
                MenuPage::Settings => settings_page(ui, &mut p),
            }
        });
    Ok(())
}

/// As the menu closes: the game goes on if the menu paused it, and the menu opens on its
/// buttons next time, with the saves read again.
pub(super) fn leave_menu(
    mut state: ResMut<MenuState>,
    speed: Res<SimSpeed>,
    mut speed_changes: MessageWriter<SpeedChanged>,
) {
    if std::mem::take(&mut state.paused_it) && speed.paused {
        speed_changes.write(SpeedChanged::TogglePause);
    }
    state.page = MenuPage::Main;
    state.listed = false;
}

/// While the menu is open the game waits (paused by the menu, which resumes it on
/// leaving). Runs before the sim's ticks, not in egui's pass: a browser's first frames
/// come before egui is ready, and the game must not run under the title meanwhile.
pub(super) fn wait_under_menu(
    speed: Res<SimSpeed>,
    mut state: ResMut<MenuState>,
    mut speed_changes: MessageWriter<SpeedChanged>,
) {
    if !speed.paused && !state.paused_it {
        speed_changes.write(SpeedChanged::TogglePause);
        state.paused_it = true;
    }
}

/// The title, the level being played, and the buttons: resume, new game, continue (the
/// newest save), load, share, settings and quit.
fn menu_buttons(ui: &mut egui::Ui, p: &mut MenuParams, new_game_locked: bool) {
    let tr = &*p.tr;
    ui.add_space(6.0);
    ui.label(egui::RichText::new("TERAWATT").size(40.0).strong());
    ui.label(tr.t("menu-tagline"));
    if let Some(l) = &p.level {
        ui.weak(tr.args(
            "menu-playing",
            &[("title", l.0.level.title.get(tr.lang).to_string())],
        ));
    }
    ui.add_space(8.0);
    if wide(ui, &tr.t("menu-resume")).clicked() {
        p.next_screen.set(Screen::World);
    }
    if !new_game_locked
        && wide(ui, &tr.t("menu-new-game"))
            .on_hover_text(tr.t("menu-new-game-hover"))
            .clicked()
    {
        p.picker.open = true;
        p.next_screen.set(Screen::World);
        // The old game stays paused while a level is chosen.
        p.state.paused_it = false;
    }
    if let Some(path) = continue_button(ui, tr, &p.state.saves, new_game_locked) {
        p.loads.write(LoadRequested(path));
        p.next_screen.set(Screen::World);
    }
    if !new_game_locked && wide(ui, &tr.t("menu-load")).clicked() {
        p.state.page = MenuPage::Load;
    }
    if wide(ui, &tr.t("menu-share")).clicked() {
        p.state.page = MenuPage::Share;
        p.state.code.error = None;
        p.share.asked = true;
    }
    if wide(ui, &tr.t("menu-settings")).clicked() {
        p.state.page = MenuPage::Settings;
    }
    if wide(ui, &tr.t("menu-class"))
        .on_hover_text(tr.t("menu-class-hover"))
        .clicked()
    {
        p.class.open = true;
        p.next_screen.set(Screen::World);
    }
    // A browser tab is closed by the browser.
    if cfg!(not(target_arch = "wasm32")) && wide(ui, &tr.t("menu-quit")).clicked() {
        p.exit.write(AppExit::Success);
    }
}

/// A menu button, as wide as the others.
fn wide(ui: &mut egui::Ui, text: &str) -> egui::Response {
    ui.add_sized([260.0, 28.0], egui::Button::new(text))
}

/// Continue, enabled when there is a save that can be loaded (and the teacher's lock does
/// not keep this game): returns the newest such save when clicked.
fn continue_button(
    ui: &mut egui::Ui,
    tr: &Tr,
    saves: &[SaveEntry],
    new_game_locked: bool,
) -> Option<PathBuf> {
    let newest = saves
        .iter()
        .find(|s| s.summary.is_ok() && !new_game_locked)
        .cloned();
    let cont = ui.add_enabled_ui(newest.is_some(), |ui| wide(ui, &tr.t("menu-continue")));
    let cont = match &newest {
        Some(s) => cont
            .inner
            .on_hover_text(format!("{} ({})", s.path.display(), ago(tr, s.age_s))),
        None => cont
            .inner
            .on_disabled_hover_text(tr.t("menu-continue-none")),
    };
    newest.filter(|_| cont.clicked()).map(|s| s.path)
}

/// The Share page (see [`share_page::page`]); a code the player opens replaces the game,
/// which stays paused when the menu closes.
fn share_page(ui: &mut egui::Ui, p: &mut MenuParams, new_game_locked: bool) {
    let lock = p.lock.as_deref();
    let share = (&mut *p.share, lock);
    let opened = share_page::page(ui, &p.tr, share, new_game_locked, &mut p.state.code);
    if let Some(code) = opened {
        p.codes.write(crate::save::OpenCode(code));
        p.next_screen.set(Screen::World);
        // The opened situation stays paused when the menu closes.
        p.state.paused_it = false;
    }
}

/// The Load page: every save, newest first, each with its age and what it holds (a
/// damaged one says why and cannot be loaded).
fn load_page(ui: &mut egui::Ui, p: &mut MenuParams) {
    let tr = &*p.tr;
    if cfg!(target_arch = "wasm32") {
        ui.strong(tr.t("menu-saves-in-browser"));
    } else {
        ui.strong(tr.args("menu-saves-in", &[("dir", p.dir.0.display().to_string())]));
    }
    if p.state.saves.is_empty() {
        ui.weak(tr.t("menu-saves-none"));
    }
    let mut chosen = None;
    egui::ScrollArea::vertical()
        .max_height(260.0)
        .show(ui, |ui| {
            for s in &p.state.saves {
                ui.horizontal(|ui| {
                    let name = s
                        .path
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                    let text = tr.args("menu-load-one", &[("name", name)]);
                    if ui
                        .add_enabled(s.summary.is_ok(), egui::Button::new(text))
                        .clicked()
                    {
                        chosen = Some(s.path.clone());
                    }
                    ui.weak(ago(tr, s.age_s));
                });
                match &s.summary {
                    Ok(t) => ui.label(t),
                    Err(e) => ui.colored_label(egui::Color32::from_rgb(240, 120, 100), e),
                };
            }
        });
    if let Some(path) = chosen {
        p.loads.write(LoadRequested(path));
        p.next_screen.set(Screen::World);
    }
}

/// The Settings page: the language, the interface size, true scale, the overlays, the
/// charts' scale, presentation mode, and where the settings are kept.
fn settings_page(ui: &mut egui::Ui, p: &mut MenuParams) {
    ui.strong(p.tr.t("settings-title"));
    ui.horizontal(|ui| {
        ui.label(p.tr.t("settings-language"));
        for lang in crate::i18n::Lang::ALL {
            if ui
                .selectable_label(p.tr.lang == lang, lang.name())
                .clicked()
            {
                p.tr.lang = lang;
            }
        }
    });
    let tr = &*p.tr;
    let mut zoom = ctx_zoom(ui);
    if ui
        .add(egui::Slider::new(&mut zoom, 0.75..=2.0).text(tr.t("settings-ui-size")))
        .changed()
    {
        ui.ctx().set_zoom_factor(zoom);
    }
    look_settings(ui, tr, &mut p.look);
    if let Some(scale) = p.scale.as_deref_mut() {
        ui.checkbox(&mut scale.true_scale, tr.t("settings-true-scale"));
    }
    if let Some(o) = p.overlays.as_deref_mut() {
        ui.checkbox(&mut o.labels, tr.t("settings-labels"));
        ui.checkbox(&mut o.energy, tr.t("settings-energy"));
        ui.checkbox(&mut o.limits, tr.t("settings-limits"));
    }
    ui.checkbox(&mut p.charts.log_scale, tr.t("settings-log-scale"));
    let mut presenting = p.panels.presentation;
    if ui
        .checkbox(&mut presenting, tr.t("settings-presentation"))
        .changed()
    {
        p.panels.set_presentation(presenting);
    }
    // Only the game as played remembers (not screenshots or measurements).
    if p.kept.is_some() {
        let path = super::settings::Settings::path(&p.dir);
        ui.weak(tr.args("settings-kept", &[("path", path.display().to_string())]));
    }
}

/// The text size (apart from the interface size), high contrast and reduced motion; the
/// look changes only when one of them does (egui's style is rebuilt on a change).
fn look_settings(ui: &mut egui::Ui, tr: &Tr, look: &mut ResMut<super::look::Look>) {
    let mut l = **look;
    ui.add(
        egui::Slider::new(&mut l.text_scale, super::look::Look::TEXT_SCALE)
            .text(tr.t("settings-text-size")),
    );
    ui.checkbox(&mut l.high_contrast, tr.t("settings-high-contrast"));
    ui.checkbox(&mut l.reduced_motion, tr.t("settings-reduced-motion"));
    look.set_if_neq(l);
}

/// The interface size now: egui's zoom factor.
fn ctx_zoom(ui: &egui::Ui) -> f32 {
    ui.ctx().zoom_factor()
}

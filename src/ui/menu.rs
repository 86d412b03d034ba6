//! The title menu: new game (the level picker, with best results), continue (the newest
//! save), load (every save, damaged ones marked), settings and quit. It opens when the
//! game starts and with Esc; the game waits while it is open.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::UiState;
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

fn ago(tr: &crate::i18n::Tr, s: u64) -> String {
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

/// The menu's own state.
#[derive(Resource, Debug, Default)]
pub(super) struct MenuState {
    page: MenuPage,
    saves: Vec<SaveEntry>,
    listed: bool,
    paused_it: bool,
    /// A code pasted to open, and why it could not be opened.
    code_input: String,
    code_error: Option<String>,
}

/// Esc opens and closes the title menu (a close-up takes Esc first).
pub(super) fn menu_key(keys: Res<ButtonInput<KeyCode>>, mut screen: ResMut<Screen>) {
    if screen.closeup.is_none() && keys.just_pressed(KeyCode::Escape) {
        screen.title_menu = !screen.title_menu;
    }
}

pub(super) fn menu_window(
    mut contexts: EguiContexts,
    mut tr: ResMut<crate::i18n::Tr>,
    kept: Option<Res<super::settings::Settings>>,
    mut screen_state: ResMut<Screen>,
    mut ui_state: ResMut<UiState>,
    mut state: Local<MenuState>,
    dir: Res<SaveDir>,
    save_status: Res<crate::save::SaveStatus>,
    speed: Res<SimSpeed>,
    level: Option<Res<crate::level::CurrentLevel>>,
    mut scale: Option<ResMut<ViewScale>>,
    mut overlays: Option<ResMut<Overlays>>,
    mut speed_changes: MessageWriter<SpeedChanged>,
    (mut loads, mut codes, mut share, lock): (
        MessageWriter<LoadRequested>,
        MessageWriter<crate::save::OpenCode>,
        ResMut<crate::save::ShareCode>,
        Option<Res<crate::lock::TeacherLock>>,
    ),
    mut exit: MessageWriter<AppExit>,
) -> Result {
    if !screen_state.title_menu {
        if std::mem::take(&mut state.paused_it) && speed.paused {
            speed_changes.write(SpeedChanged::TogglePause);
        }
        state.page = MenuPage::Main;
        state.listed = false;
        return Ok(());
    }
    // The game waits while the menu is open.
    if !speed.paused && !state.paused_it {
        speed_changes.write(SpeedChanged::TogglePause);
        state.paused_it = true;
    }
    if std::mem::take(&mut share.show) {
        state.page = MenuPage::Share;
        share.asked = true;
    }
    let ctx = contexts.ctx_mut()?;
    // The saves are read when the menu opens and after each save or load, not every frame.
    if !state.listed || save_status.is_changed() {
        state.saves = list_saves(&dir, tr.lang);
        state.listed = true;
    }
    // Dim the game behind the menu.
    let screen = ctx.content_rect();
    ctx.layer_painter(egui::LayerId::new(
        egui::Order::Middle,
        egui::Id::new("menu_dim"),
    ))
    .rect_filled(screen, 0.0, egui::Color32::from_black_alpha(170));
    // The teacher's lock on new games keeps this game: no new game, save or code.
    let new_game_locked = lock
        .as_ref()
        .is_some_and(|l| l.hides(crate::lock::Panel::NewGame));
    egui::Window::new("Terawatt")
        .order(egui::Order::Foreground)
        .title_bar(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .resizable(false)
        .collapsible(false)
        .min_width(460.0)
        .show(ctx, |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space(6.0);
                ui.label(egui::RichText::new("TERAWATT").size(40.0).strong());
                ui.label(tr.t("menu-tagline"));
                if let Some(l) = &level {
                    ui.weak(tr.args(
                        "menu-playing",
                        &[("title", l.0.level.title.get(tr.lang).to_string())],
                    ));
                }
                ui.add_space(8.0);
                let wide = |ui: &mut egui::Ui, text: &str| {
                    ui.add_sized([260.0, 28.0], egui::Button::new(text))
                };
                if wide(ui, &tr.t("menu-resume")).clicked() {
                    screen_state.title_menu = false;
                }
                if !new_game_locked
                    && wide(ui, &tr.t("menu-new-game"))
                        .on_hover_text(tr.t("menu-new-game-hover"))
                        .clicked()
                {
                    ui_state.picker = true;
                    screen_state.title_menu = false;
                    // The old game stays paused while a level is chosen.
                    state.paused_it = false;
                }
                let newest = state
                    .saves
                    .iter()
                    .find(|s| s.summary.is_ok() && !new_game_locked)
                    .cloned();
                let cont =
                    ui.add_enabled_ui(newest.is_some(), |ui| wide(ui, &tr.t("menu-continue")));
                let cont = match &newest {
                    Some(s) => cont.inner.on_hover_text(format!(
                        "{} ({})",
                        s.path.display(),
                        ago(&tr, s.age_s)
                    )),
                    None => cont
                        .inner
                        .on_disabled_hover_text(tr.t("menu-continue-none")),
                };
                if cont.clicked()
                    && let Some(s) = newest
                {
                    loads.write(LoadRequested(s.path));
                    screen_state.title_menu = false;
                }
                if !new_game_locked && wide(ui, &tr.t("menu-load")).clicked() {
                    state.page = MenuPage::Load;
                }
                if wide(ui, &tr.t("menu-share")).clicked() {
                    state.page = MenuPage::Share;
                    state.code_error = None;
                    share.asked = true;
                }
                if wide(ui, &tr.t("menu-settings")).clicked() {
                    state.page = MenuPage::Settings;
                }
                // A browser tab is closed by the browser.
                if cfg!(not(target_arch = "wasm32")) && wide(ui, &tr.t("menu-quit")).clicked() {
                    exit.write(AppExit::Success);
                }
            });
            ui.separator();
            match state.page {
                MenuPage::Main => {
                    ui.weak(tr.t("menu-keys"));
                }
                MenuPage::Share => {
                    ui.strong(tr.t("menu-share-title"));
                    ui.weak(tr.t("menu-share-note"));
                    match &share.code {
                        Some(code) => {
                            let mut shown = code.clone();
                            egui::ScrollArea::vertical()
                                .id_salt("share_code")
                                .max_height(72.0)
                                .show(ui, |ui| {
                                    ui.add(
                                        egui::TextEdit::multiline(&mut shown)
                                            .desired_rows(3)
                                            .desired_width(f32::INFINITY),
                                    );
                                });
                            ui.horizontal(|ui| {
                                if ui.button(tr.t("menu-share-copy")).clicked() {
                                    ui.ctx().copy_text(code.clone());
                                }
                                ui.weak(
                                    tr.args("menu-share-length", &[("n", code.len().to_string())]),
                                );
                            });
                            // In a browser: the page's address with the code, to hand out.
                            #[cfg(target_arch = "wasm32")]
                            if let Some(link) = crate::web::link_for(code) {
                                ui.horizontal(|ui| {
                                    ui.label(tr.t("menu-share-link"));
                                    if ui.button(tr.t("menu-share-copy-link")).clicked() {
                                        ui.ctx().copy_text(link.clone());
                                    }
                                });
                            }
                        }
                        None => {
                            ui.weak(tr.t("menu-share-nothing"));
                        }
                    }
                    let current = lock.as_deref().cloned().unwrap_or_default();
                    if lock_editor(ui, &tr, &current, &mut share.lock) {
                        // The code is made again with the new lock.
                        share.asked = true;
                    }
                    // The teacher's lock on new games keeps this game: no code opens here.
                    if !new_game_locked {
                        ui.separator();
                        ui.strong(tr.t("menu-share-open-title"));
                        egui::ScrollArea::vertical()
                            .id_salt("share_input")
                            .max_height(48.0)
                            .show(ui, |ui| {
                                ui.add(
                                    egui::TextEdit::multiline(&mut state.code_input)
                                        .desired_rows(2)
                                        .desired_width(f32::INFINITY),
                                );
                            });
                        if ui.button(tr.t("menu-share-open")).clicked() {
                            // Checked here first, so a bad code is answered on this page.
                            match crate::share::decode(&state.code_input) {
                                Ok(_) => {
                                    codes.write(crate::save::OpenCode(state.code_input.clone()));
                                    state.code_error = None;
                                    screen_state.title_menu = false;
                                    // The opened situation stays paused when the menu closes.
                                    state.paused_it = false;
                                }
                                Err(e) => {
                                    state.code_error = Some(crate::share::share_error(&tr, &e))
                                }
                            }
                        }
                        if let Some(e) = &state.code_error {
                            ui.colored_label(egui::Color32::from_rgb(240, 120, 100), e);
                        }
                    }
                }
                MenuPage::Load => {
                    if cfg!(target_arch = "wasm32") {
                        ui.strong(tr.t("menu-saves-in-browser"));
                    } else {
                        ui.strong(
                            tr.args("menu-saves-in", &[("dir", dir.0.display().to_string())]),
                        );
                    }
                    if state.saves.is_empty() {
                        ui.weak(tr.t("menu-saves-none"));
                    }
                    let mut chosen = None;
                    egui::ScrollArea::vertical()
                        .max_height(260.0)
                        .show(ui, |ui| {
                            for s in &state.saves {
                                ui.horizontal(|ui| {
                                    let name = s.path.file_name().map_or_else(String::new, |n| {
                                        n.to_string_lossy().into_owned()
                                    });
                                    if ui
                                        .add_enabled(
                                            s.summary.is_ok(),
                                            egui::Button::new(
                                                tr.args("menu-load-one", &[("name", name.clone())]),
                                            ),
                                        )
                                        .clicked()
                                    {
                                        chosen = Some(s.path.clone());
                                    }
                                    ui.weak(ago(&tr, s.age_s));
                                });
                                match &s.summary {
                                    Ok(t) => ui.label(t),
                                    Err(e) => {
                                        ui.colored_label(egui::Color32::from_rgb(240, 120, 100), e)
                                    }
                                };
                            }
                        });
                    if let Some(p) = chosen {
                        loads.write(LoadRequested(p));
                        screen_state.title_menu = false;
                    }
                }
                MenuPage::Settings => {
                    ui.strong(tr.t("settings-title"));
                    ui.horizontal(|ui| {
                        ui.label(tr.t("settings-language"));
                        for lang in crate::i18n::Lang::ALL {
                            if ui.selectable_label(tr.lang == lang, lang.name()).clicked() {
                                tr.lang = lang;
                            }
                        }
                    });
                    let mut zoom = ctx_zoom(ui);
                    if ui
                        .add(
                            egui::Slider::new(&mut zoom, 0.75..=2.0).text(tr.t("settings-ui-size")),
                        )
                        .changed()
                    {
                        ui.ctx().set_zoom_factor(zoom);
                    }
                    if let Some(scale) = scale.as_deref_mut() {
                        ui.checkbox(&mut scale.true_scale, tr.t("settings-true-scale"));
                    }
                    if let Some(o) = overlays.as_deref_mut() {
                        ui.checkbox(&mut o.labels, tr.t("settings-labels"));
                        ui.checkbox(&mut o.energy, tr.t("settings-energy"));
                        ui.checkbox(&mut o.limits, tr.t("settings-limits"));
                    }
                    ui.checkbox(&mut ui_state.log_scale, tr.t("settings-log-scale"));
                    let mut presenting = ui_state.presentation;
                    if ui
                        .checkbox(&mut presenting, tr.t("settings-presentation"))
                        .changed()
                    {
                        ui_state.presentation = presenting;
                        ui_state.panels_hidden = presenting;
                    }
                    // Only the game as played remembers (not screenshots or measurements).
                    if kept.is_some() {
                        let path = super::settings::Settings::path(&dir);
                        ui.weak(tr.args("settings-kept", &[("path", path.display().to_string())]));
                    }
                }
            }
        });
    Ok(())
}

fn ctx_zoom(ui: &egui::Ui) -> f32 {
    ui.ctx().zoom_factor()
}

/// The Share page's teacher's lock: panels to hide and actions to lock in the code. What
/// the game's own lock holds stays ticked (a lock only grows). True when `draft` changed.
fn lock_editor(
    ui: &mut egui::Ui,
    tr: &crate::i18n::Tr,
    current: &crate::lock::TeacherLock,
    draft: &mut crate::lock::TeacherLock,
) -> bool {
    use crate::lock::Panel;
    let mut changed = false;
    let title = if current.is_empty() && draft.is_empty() {
        tr.t("lock-title")
    } else {
        super::lock_summary(tr, &current.union(draft))
    };
    egui::CollapsingHeader::new(title)
        .id_salt("teacher_lock")
        .default_open(!current.is_empty())
        .show(ui, |ui| {
            ui.weak(tr.t("lock-note"));
            ui.horizontal_wrapped(|ui| {
                ui.label(tr.t("lock-panels"));
                for p in Panel::ALL {
                    let kept = current.hides(p);
                    let mut on = kept || draft.hides(p);
                    let label = tr.t(&format!("lock-panel-{}", p.id()));
                    if ui
                        .add_enabled(!kept, egui::Checkbox::new(&mut on, label))
                        .changed()
                    {
                        draft.panels.retain(|q| *q != p);
                        if on {
                            draft.panels.push(p);
                            draft.panels.sort();
                        }
                        changed = true;
                    }
                }
            });
            ui.label(tr.t("lock-actions"));
            egui::ScrollArea::vertical()
                .id_salt("lock_actions")
                .max_height(110.0)
                .show(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        for a in crate::level::check::all_actions() {
                            let kept = current.actions.iter().any(|x| x == a);
                            let mut on = kept || draft.actions.iter().any(|x| x == a);
                            if ui
                                .add_enabled(
                                    !kept,
                                    egui::Checkbox::new(
                                        &mut on,
                                        egui::RichText::new(a).monospace(),
                                    ),
                                )
                                .changed()
                            {
                                draft.actions.retain(|x| x != a);
                                if on {
                                    draft.actions.push(a.to_string());
                                    draft.actions.sort();
                                }
                                changed = true;
                            }
                        }
                    });
                });
        });
    changed
}

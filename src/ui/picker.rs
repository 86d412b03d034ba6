//! The level picker: every level in `levels/`, with its title, description and
//! difficulty; picking one starts it (a broken one says why, and the game goes on).

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::UiState;
use crate::i18n::{Text, Tr};
use crate::level::load_file;
use crate::level::watch::{PickError, PlayLevel};

/// A level as the picker shows it.
#[derive(Debug, Clone)]
struct Entry {
    path: String,
    id: String,
    title: Text,
    description: Text,
    difficulty: u8,
    error: Option<String>,
}

/// The levels on disk, read when the picker opens.
#[derive(Resource, Debug, Default)]
pub(super) struct PickerList(Vec<Entry>, crate::save::BestResults);

fn scan() -> Vec<Entry> {
    let files = crate::store::list(std::path::Path::new("levels"), "ron");
    // In a browser, the levels the player opened from their disk, kept in its storage.
    #[cfg(target_arch = "wasm32")]
    let files = [
        files,
        crate::store::list(std::path::Path::new(crate::web::OPENED_DIR), "ron"),
    ]
    .concat();
    files
        .into_iter()
        .map(|p| {
            let path = p.display().to_string();
            match load_file(&p) {
                Ok(l) => Entry {
                    path,
                    id: l.level.id,
                    title: l.level.title,
                    description: l.level.description,
                    difficulty: l.level.difficulty,
                    error: None,
                },
                Err(e) => Entry {
                    id: String::new(),
                    path: path.clone(),
                    title: path.into(),
                    description: Text::default(),
                    difficulty: 0,
                    error: Some(e.to_string()),
                },
            }
        })
        .collect()
}

pub(super) fn picker_window(
    mut contexts: EguiContexts,
    mut ui_state: ResMut<UiState>,
    mut list: Local<PickerList>,
    #[cfg(target_arch = "wasm32")] mut opened_error: Local<Option<String>>,
    pick_error: Option<Res<PickError>>,
    dir: Res<crate::save::SaveDir>,
    mut play: MessageWriter<PlayLevel>,
    speed: Res<crate::sim::clock::SimSpeed>,
    mut speed_changes: MessageWriter<crate::sim::clock::SpeedChanged>,
    tr: Res<Tr>,
) -> Result {
    if !ui_state.picker {
        list.0.clear();
        return Ok(());
    }
    if list.0.is_empty() {
        list.0 = scan();
        list.1 = crate::save::BestResults::load(&dir);
    }
    let ctx = contexts.ctx_mut()?;
    let mut open = true;
    let mut chosen = None;
    egui::Window::new(tr.t("picker-title"))
        .id(egui::Id::new("levels"))
        .open(&mut open)
        .default_size([520.0, 460.0])
        .show(ctx, |ui| {
            // In a browser: a level from the player's disk, through its file picker.
            #[cfg(target_arch = "wasm32")]
            {
                if ui
                    .button(tr.t("picker-open-file"))
                    .on_hover_text(tr.t("picker-open-file-hover"))
                    .clicked()
                {
                    crate::web::pick_level_file();
                }
                for opened in crate::web::take_opened_levels() {
                    match opened {
                        Ok(path) => {
                            chosen = Some(path);
                            list.0.clear();
                            *opened_error = None;
                        }
                        Err(e) => *opened_error = Some(e),
                    }
                }
                if let Some(e) = &*opened_error {
                    ui.colored_label(egui::Color32::from_rgb(240, 120, 100), e);
                }
            }
            if let Some(Some(e)) = pick_error.as_deref().map(|p| p.0.as_ref()) {
                ui.colored_label(egui::Color32::from_rgb(240, 120, 100), e);
            }
            egui::ScrollArea::vertical().show(ui, |ui| {
                for entry in &list.0 {
                    ui.horizontal(|ui| {
                        let ok = entry.error.is_none();
                        if ui
                            .add_enabled(ok, egui::Button::new(tr.t("picker-play")))
                            .clicked()
                        {
                            chosen = Some(entry.path.clone());
                        }
                        ui.strong(entry.title.get(tr.lang));
                        if ok {
                            ui.weak(
                                tr.args(
                                    "picker-difficulty",
                                    &[("n", entry.difficulty.to_string())],
                                ),
                            );
                        }
                        match list.1.levels.get(&entry.id) {
                            Some(b) => ui.colored_label(
                                egui::Color32::from_rgb(120, 220, 120),
                                tr.args(
                                    "picker-best",
                                    &[
                                        ("date", b.won_on.to_string()),
                                        ("years", format!("{:.1}", b.days as f64 / 365.25)),
                                        ("k", format!("{:.3}", b.kardashev)),
                                    ],
                                ),
                            ),
                            None if ok => ui.weak(tr.t("picker-not-won")),
                            None => ui.weak(""),
                        };
                    });
                    match &entry.error {
                        None => ui.label(entry.description.get(tr.lang)),
                        Some(e) => ui.colored_label(egui::Color32::from_rgb(240, 120, 100), e),
                    };
                    ui.weak(&entry.path);
                    ui.separator();
                }
            });
        });
    if let Some(path) = chosen {
        play.write(PlayLevel(path));
        open = false;
        // A level picked is a level to play (the menu paused the old one).
        if speed.paused {
            speed_changes.write(crate::sim::clock::SpeedChanged::TogglePause);
        }
    }
    ui_state.picker = open;
    Ok(())
}

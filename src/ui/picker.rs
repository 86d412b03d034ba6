//! The level picker: every level in `levels/`, with its title, description and
//! difficulty; picking one starts it (a broken one says why, and the game goes on).

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use crate::i18n::{Text, Tr};
use crate::level::load_file;
use crate::level::watch::{PickError, PlayLevel};
use crate::save::BestResults;
use crate::sim::clock::{SimSpeed, SpeedChanged};

/// The level picker: whether it is open.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct PickerWindow {
    /// Whether it is open.
    pub open: bool,
}

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

/// The levels on disk and the best results, read when the picker opens.
#[derive(Debug, Default)]
pub(super) struct PickerList {
    /// The levels, as the picker lists them.
    entries: Vec<Entry>,
    /// The best result on each level.
    best: BestResults,
    /// Why the level the player last opened from their disk could not be read.
    #[cfg(target_arch = "wasm32")]
    opened_error: Option<String>,
}

/// Every level in `levels/` (and in a browser, those the player opened), read.
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

/// What the level picker reads and writes.
#[derive(SystemParam)]
pub(super) struct PickerParams<'w, 's> {
    contexts: EguiContexts<'w, 's>,
    window: ResMut<'w, PickerWindow>,
    list: Local<'s, PickerList>,
    pick_error: Option<Res<'w, PickError>>,
    dir: Res<'w, crate::save::SaveDir>,
    play: MessageWriter<'w, PlayLevel>,
    speed: Res<'w, SimSpeed>,
    speed_changes: MessageWriter<'w, SpeedChanged>,
    tr: Res<'w, Tr>,
}

/// The level picker, while it is open: each level to play, with its best result; picking
/// one starts it and closes the picker.
pub(super) fn picker_window(mut p: PickerParams) -> Result {
    if !p.window.open {
        p.list.entries.clear();
        return Ok(());
    }
    if p.list.entries.is_empty() {
        p.list.entries = scan();
        p.list.best = BestResults::load(&p.dir);
    }
    let ctx = p.contexts.ctx_mut()?.clone();
    let tr = &*p.tr;
    let list = &mut *p.list;
    let mut open = true;
    let mut chosen = None;
    egui::Window::new(tr.t("picker-title"))
        .id(egui::Id::new("levels"))
        .open(&mut open)
        .default_size([520.0, 460.0])
        .show(&ctx, |ui| {
            // In a browser: a level from the player's disk, through its file picker.
            #[cfg(target_arch = "wasm32")]
            open_from_disk(ui, tr, list, &mut chosen);
            if let Some(Some(e)) = p.pick_error.as_deref().map(|e| e.0.as_ref()) {
                ui.colored_label(egui::Color32::from_rgb(240, 120, 100), e);
            }
            egui::ScrollArea::vertical().show(ui, |ui| {
                for entry in &list.entries {
                    level_entry(ui, tr, entry, &list.best, &mut chosen);
                }
            });
        });
    if let Some(path) = chosen {
        p.play.write(PlayLevel(path));
        open = false;
        // A level picked is a level to play (the menu paused the old one).
        if p.speed.paused {
            p.speed_changes.write(SpeedChanged::TogglePause);
        }
    }
    p.window.open = open;
    Ok(())
}

/// In a browser, a button that opens the browser's file picker; a level read from the
/// player's disk is chosen at once (or why it could not be read is shown).
#[cfg(target_arch = "wasm32")]
fn open_from_disk(ui: &mut egui::Ui, tr: &Tr, list: &mut PickerList, chosen: &mut Option<String>) {
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
                *chosen = Some(path);
                list.entries.clear();
                list.opened_error = None;
            }
            Err(e) => list.opened_error = Some(e),
        }
    }
    if let Some(e) = &list.opened_error {
        ui.colored_label(egui::Color32::from_rgb(240, 120, 100), e);
    }
}

/// A level: play (unless it is broken), its title, difficulty and best result, then its
/// description (or why it is broken) and its file.
fn level_entry(
    ui: &mut egui::Ui,
    tr: &Tr,
    entry: &Entry,
    best: &BestResults,
    chosen: &mut Option<String>,
) {
    ui.horizontal(|ui| {
        let ok = entry.error.is_none();
        if ui
            .add_enabled(ok, egui::Button::new(tr.t("picker-play")))
            .clicked()
        {
            *chosen = Some(entry.path.clone());
        }
        ui.strong(entry.title.get(tr.lang));
        if ok {
            ui.weak(tr.args("picker-difficulty", &[("n", entry.difficulty.to_string())]));
        }
        match best.levels.get(&entry.id) {
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

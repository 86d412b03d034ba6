//! The title menu's Share page: this game as a code (and in a browser, a link), the
//! teacher's lock to put in the code, and a field to open someone else's code.

use bevy_egui::egui;

use crate::i18n::Tr;
use crate::lock::{Panel, TeacherLock};
use crate::save::ShareCode;

/// A code pasted to open, and why it could not be opened.
#[derive(Debug, Default)]
pub(super) struct CodeInput {
    /// The code as pasted.
    text: String,
    /// Why it could not be opened.
    pub(super) error: Option<String>,
}

/// The Share page. `lock` is the game's own teacher's lock; with `new_game_locked` no
/// code opens here. Returns a code the player asked to open, once it decodes.
pub(super) fn page(
    ui: &mut egui::Ui,
    tr: &Tr,
    (share, lock): (&mut ShareCode, Option<&TeacherLock>),
    new_game_locked: bool,
    input: &mut CodeInput,
) -> Option<String> {
    ui.strong(tr.t("menu-share-title"));
    ui.weak(tr.t("menu-share-note"));
    match &share.code {
        Some(code) => show_code(ui, tr, code),
        None => {
            ui.weak(tr.t("menu-share-nothing"));
        }
    }
    let current = lock.cloned().unwrap_or_default();
    if lock_editor(ui, tr, &current, &mut share.lock) {
        // The code is made again with the new lock.
        share.asked = true;
    }
    // The teacher's lock on new games keeps this game: no code opens here.
    if new_game_locked {
        return None;
    }
    open_code(ui, tr, input)
}

/// This game's code, to select or copy, with its length; in a browser, a button that
/// copies the page's address with the code, to hand out.
fn show_code(ui: &mut egui::Ui, tr: &Tr, code: &str) {
    let mut shown = code.to_string();
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
            ui.ctx().copy_text(code.to_string());
        }
        ui.weak(tr.args("menu-share-length", &[("n", code.len().to_string())]));
    });
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

/// The field to paste someone else's code into, and its button. The code is checked here
/// first, so a bad one is answered on this page; a good one is returned.
fn open_code(ui: &mut egui::Ui, tr: &Tr, input: &mut CodeInput) -> Option<String> {
    ui.separator();
    ui.strong(tr.t("menu-share-open-title"));
    egui::ScrollArea::vertical()
        .id_salt("share_input")
        .max_height(48.0)
        .show(ui, |ui| {
            ui.add(
                egui::TextEdit::multiline(&mut input.text)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            );
        });
    let mut opened = None;
    if ui.button(tr.t("menu-share-open")).clicked() {
        match crate::share::decode(&input.text) {
            Ok(_) => {
                opened = Some(input.text.clone());
                input.error = None;
            }
            Err(e) => input.error = Some(crate::share::share_error(tr, &e)),
        }
    }
    if let Some(e) = &input.error {
        ui.colored_label(egui::Color32::from_rgb(240, 120, 100), e);
    }
    opened
}

/// The teacher's lock to put in the code: panels to hide and actions to lock. What the
/// game's own lock holds stays ticked (a lock only grows). True when `draft` changed.
fn lock_editor(ui: &mut egui::Ui, tr: &Tr, current: &TeacherLock, draft: &mut TeacherLock) -> bool {
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
                changed |= panel_boxes(ui, tr, current, draft);
            });
            ui.label(tr.t("lock-actions"));
            egui::ScrollArea::vertical()
                .id_salt("lock_actions")
                .max_height(110.0)
                .show(ui, |ui| {
                    ui.horizontal_wrapped(|ui| changed |= action_boxes(ui, current, draft));
                });
        });
    changed
}

/// A box for each panel the lock can hide, ticked when hidden; the game's own lock's are
/// ticked for good. True when one changed.
fn panel_boxes(ui: &mut egui::Ui, tr: &Tr, current: &TeacherLock, draft: &mut TeacherLock) -> bool {
    let mut changed = false;
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
    changed
}

/// A box for each action the lock can lock, ticked when locked; the game's own lock's are
/// ticked for good. True when one changed.
fn action_boxes(ui: &mut egui::Ui, current: &TeacherLock, draft: &mut TeacherLock) -> bool {
    let mut changed = false;
    for a in crate::sim::orders::all_actions() {
        let kept = current.actions.iter().any(|x| x == a);
        let mut on = kept || draft.actions.iter().any(|x| x == a);
        if ui
            .add_enabled(
                !kept,
                egui::Checkbox::new(&mut on, egui::RichText::new(a).monospace()),
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
    changed
}

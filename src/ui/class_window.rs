//! The class results window (the title menu's "Class results"): a teacher pastes the
//! class's share codes, one a line with a name before each if they like; the game replays
//! them one a frame (a browser has no threads) and shows what `terawatt class` prints and
//! draws — a line per level, the lines refused, the picture — and exports the CSV (a
//! download in a browser).

use std::collections::VecDeque;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use crate::class::{ClassResults, Job};
use crate::i18n::Tr;
use crate::save::SaveDir;

/// The class window: open or not, the codes pasted, the replay under way and its results.
#[derive(Resource, Default)]
pub struct ClassWindow {
    /// Shown.
    pub open: bool,
    /// The codes as pasted.
    pub text: String,
    /// Read the codes at the next frame (as the button does).
    pub read_asked: bool,
    /// The codes still to replay, and how many there were.
    pending: VecDeque<Job>,
    total: usize,
    /// What is read so far (all of it once `pending` is empty).
    pub results: Option<ClassResults>,
    /// The picture of the results, drawn once they are complete.
    picture: Option<egui::TextureHandle>,
    /// Where the CSV went, or why it could not.
    exported: Option<Result<String, String>>,
}

impl ClassWindow {
    /// The window open on `text`'s codes, read at the next frame.
    pub fn reading(text: String) -> Self {
        Self {
            open: true,
            text,
            read_asked: true,
            ..Default::default()
        }
    }

    /// Still replaying codes.
    pub fn busy(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Reads the pasted codes: those that decode wait to be replayed, the others are
    /// refused at once.
    fn start(&mut self, tr: &Tr) {
        let (jobs, refused) = crate::class::parse(&self.text, tr);
        self.total = jobs.len();
        self.pending = jobs.into();
        self.results = Some(ClassResults {
            rows: Vec::new(),
            refused,
        });
        self.picture = None;
        self.exported = None;
    }
}

/// Replays the next code waiting, one a frame (a game of a few years replays in well under
/// a second; the window shows how far it has come).
pub(super) fn replay_next(mut window: ResMut<ClassWindow>) {
    let Some(job) = window.pending.pop_front() else {
        return;
    };
    if let Some(results) = window.results.as_mut() {
        crate::class::play_job(&job, results);
    }
}

/// The window, while it is open.
pub(super) fn class_window(
    mut contexts: EguiContexts,
    tr: Res<Tr>,
    dir: Res<SaveDir>,
    mut window: ResMut<ClassWindow>,
) -> Result {
    if !window.open {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?.clone();
    let mut open = true;
    egui::Window::new(tr.t("class-title"))
        .id(egui::Id::new("class_results"))
        .open(&mut open)
        .default_size([720.0, 560.0])
        .show(&ctx, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("class_results")
                .show(ui, |ui| contents(ui, &tr, &dir, &mut window));
        });
    window.open = open;
    Ok(())
}

/// The field for the codes and the button that reads them; then the progress, or the
/// results.
fn contents(ui: &mut egui::Ui, tr: &Tr, dir: &SaveDir, w: &mut ClassWindow) {
    if std::mem::take(&mut w.read_asked) {
        w.start(tr);
    }
    ui.weak(tr.t("class-intro"));
    // The codes are long: the field keeps a few lines' height and scrolls.
    egui::ScrollArea::vertical()
        .id_salt("class_codes")
        .max_height(96.0)
        .show(ui, |ui| {
            ui.add(
                egui::TextEdit::multiline(&mut w.text)
                    .hint_text(tr.t("class-hint"))
                    .desired_rows(5)
                    .desired_width(f32::INFINITY),
            );
        });
    let busy = w.busy();
    if ui
        .add_enabled(!busy, egui::Button::new(tr.t("class-read")))
        .clicked()
    {
        w.start(tr);
    }
    if busy {
        let done = w.total - w.pending.len();
        ui.label(tr.args(
            "class-progress",
            &[("done", done.to_string()), ("n", w.total.to_string())],
        ));
        ui.ctx().request_repaint();
        return;
    }
    let Some(results) = w.results.clone() else {
        return;
    };
    ui.separator();
    ui.label(tr.args(
        "class-done",
        &[
            ("n", results.rows.len().to_string()),
            ("refused", results.refused.len().to_string()),
        ],
    ));
    if ui.button(tr.t("class-export")).clicked() {
        let path = dir.0.join("exports").join("class.csv");
        w.exported = Some(
            crate::store::export(&path, &crate::class::csv(&results))
                .map(|place| tr.args("charts-wrote", &[("path", place)]))
                .map_err(|e| format!("{}: {e}", path.display())),
        );
    }
    match &w.exported {
        Some(Ok(said)) => {
            ui.weak(said);
        }
        Some(Err(e)) => {
            ui.colored_label(egui::Color32::from_rgb(230, 159, 0), e);
        }
        None => {}
    }
    for line in crate::class::summary(&results, tr).lines() {
        ui.label(line);
    }
    if !results.rows.is_empty() {
        let texture = w.picture.get_or_insert_with(|| {
            let (pw, ph, px) = crate::class::picture(&results.rows);
            let image = egui::ColorImage::from_rgb([pw as usize, ph as usize], &px);
            ui.ctx()
                .load_texture("class_picture", image, egui::TextureOptions::LINEAR)
        });
        let width = ui.available_width().min(texture.size_vec2().x);
        ui.add(egui::Image::new(&*texture).max_width(width));
        ui.weak(tr.t("class-plot-key"));
    }
}

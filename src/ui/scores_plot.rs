//! The end screen's scores: the player's three scores, and their point on two axes (win
//! date against capital spent, or against CO₂ burned) over the explored plays shipped with
//! the level (`assets/explore/<id>.csv`, from `terawatt explore`), with those plays'
//! Pareto front.

use bevy_egui::egui;

use crate::explore::{Play, pareto, plays};
use crate::i18n::Tr;
use crate::scores::{Scores, money, tonnes};
use crate::sim::clock::Date;

/// The plot's size, points.
const SIZE: egui::Vec2 = egui::vec2(420.0, 220.0);

/// The explored plays' dots.
const PLAY: egui::Color32 = egui::Color32::from_gray(150);
/// The Pareto front's line (blue; dashed is not needed: it is the only line).
const FRONT: egui::Color32 = egui::Color32::from_rgb(90, 160, 255);
/// The player's point (gold, ringed in white so it reads on any dot).
const YOU: egui::Color32 = egui::Color32::from_rgb(255, 200, 40);

/// The scores and the plot, for the level `id` started on `start`.
pub(super) fn scores(ui: &mut egui::Ui, tr: &Tr, id: &str, start: Date, mine: &Scores) {
    ui.strong(tr.t("outcome-scores"));
    ui.label(mine.line(tr));
    let Some(explored) = crate::shipped::explored(id).map(plays) else {
        ui.weak(tr.t("outcome-plot-none"));
        return;
    };
    let key = egui::Id::new("outcome_plot_co2");
    let mut co2 = ui.data_mut(|d| *d.get_temp_mut_or(key, false));
    ui.horizontal(|ui| {
        if ui
            .selectable_label(!co2, tr.t("outcome-plot-capital"))
            .clicked()
        {
            co2 = false;
        }
        if ui.selectable_label(co2, tr.t("outcome-plot-co2")).clicked() {
            co2 = true;
        }
    });
    ui.data_mut(|d| d.insert_temp(key, co2));
    let y_of = |p: &Play| {
        if co2 { p.co2_t } else { p.capital_spent_usd }
    };
    let me = Play {
        won: true,
        days: mine.days as f64,
        capital_spent_usd: mine.capital_spent_usd,
        co2_t: mine.co2_t,
    };
    let wins: Vec<Play> = explored.iter().copied().filter(|p| p.won).collect();
    plot(ui, tr, start, &wins, &me, y_of, co2);
    ui.weak(tr.args(
        "outcome-plot-legend",
        &[
            ("n", explored.len().to_string()),
            ("wins", wins.len().to_string()),
        ],
    ));
    if !wins.is_empty() {
        let later = wins.iter().filter(|p| p.days > me.days).count();
        ui.label(tr.args(
            "outcome-beaten",
            &[(
                "pct",
                format!("{:.0}", 100.0 * later as f64 / wins.len() as f64),
            )],
        ));
    }
}

/// The scatter of the explored wins, their front, and the player's point, with the axes'
/// names and ends.
fn plot(
    ui: &mut egui::Ui,
    tr: &Tr,
    start: Date,
    wins: &[Play],
    me: &Play,
    y_of: impl Fn(&Play) -> f64,
    co2: bool,
) {
    let (rect, _) = ui.allocate_exact_size(SIZE, egui::Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 3.0, egui::Color32::from_gray(22));
    let inner = rect.shrink2(egui::vec2(12.0, 18.0));
    let all = wins.iter().chain(std::iter::once(me));
    let (mut x0, mut x1, mut y1) = (f64::INFINITY, f64::NEG_INFINITY, 0.0_f64);
    for p in all {
        x0 = x0.min(p.days);
        x1 = x1.max(p.days);
        y1 = y1.max(y_of(p));
    }
    let pad = ((x1 - x0) * 0.05).max(5.0);
    let (x0, x1) = (x0 - pad, x1 + pad);
    let y1 = if y1 > 0.0 { y1 * 1.08 } else { 1.0 };
    let at = |p: &Play| {
        egui::pos2(
            inner.left() + ((p.days - x0) / (x1 - x0)) as f32 * inner.width(),
            inner.bottom() - (y_of(p) / y1) as f32 * inner.height(),
        )
    };
    for p in wins {
        painter.circle_filled(at(p), 2.5, PLAY);
    }
    let points: Vec<(usize, f64, f64)> = wins
        .iter()
        .enumerate()
        .map(|(i, p)| (i, p.days, y_of(p)))
        .collect();
    let front: Vec<egui::Pos2> = pareto(&points).iter().map(|&i| at(&wins[i])).collect();
    if front.len() > 1 {
        painter.add(egui::Shape::line(
            front.clone(),
            egui::Stroke::new(2.0, FRONT),
        ));
    }
    for p in &front {
        painter.circle_stroke(*p, 3.5, egui::Stroke::new(1.5, FRONT));
    }
    let mine = at(me);
    painter.circle_filled(mine, 6.0, YOU);
    painter.circle_stroke(mine, 6.0, egui::Stroke::new(1.5, egui::Color32::WHITE));
    // The axes: their names, the first and last dates, the top value.
    let font = egui::FontId::proportional(11.0);
    let text = egui::Color32::from_gray(200);
    let date = |d: f64| Date::from_days(start.to_days() + d.round() as i64).to_string();
    painter.text(
        rect.left_bottom() + egui::vec2(6.0, -3.0),
        egui::Align2::LEFT_BOTTOM,
        date(x0.max(0.0)),
        font.clone(),
        text,
    );
    painter.text(
        rect.right_bottom() + egui::vec2(-6.0, -3.0),
        egui::Align2::RIGHT_BOTTOM,
        date(x1),
        font.clone(),
        text,
    );
    painter.text(
        rect.center_bottom() + egui::vec2(0.0, -3.0),
        egui::Align2::CENTER_BOTTOM,
        tr.t("outcome-axis-date"),
        font.clone(),
        text,
    );
    let (name, top) = if co2 {
        (tr.t("outcome-axis-co2"), tonnes(y1))
    } else {
        (tr.t("outcome-axis-capital"), money(y1))
    };
    painter.text(
        rect.left_top() + egui::vec2(6.0, 3.0),
        egui::Align2::LEFT_TOP,
        format!("{name} {top}"),
        font,
        text,
    );
}

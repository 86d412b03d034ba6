//! The end screen: once the level is won or lost, a window that says so, and the debrief
//! ([`crate::debrief`]): the walls in the order they came against the argument's power →
//! launch → chips, with the model's reasons where they differ; what bound each chain month
//! by month; a won game's scores over the explored plays; one counterfactual ("had you
//! also …"); and the player's prediction, where the level asked for one.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use crate::debrief::{Counterfactual, DebriefStatus, Ending, Month, Report};
use crate::i18n::Tr;
use crate::level::schema::Vary;
use crate::level::script::{Outcome, Script};
use crate::level::{CheckedLevel, CurrentLevel};
use crate::sim::clock::{Date, GameClock};
use crate::sim::economy::Capital;
use crate::sim::limits::{ARGUMENT, Chain, Constraint, Wall, Walls, against_argument};
use crate::sim::orders::{Order, Policy};

/// What the end screen reads.
#[derive(SystemParam)]
pub(super) struct EndScreen<'w, 's> {
    contexts: EguiContexts<'w, 's>,
    tr: Res<'w, Tr>,
    script: Res<'w, Script>,
    level: Option<Res<'w, CurrentLevel>>,
    clock: Res<'w, GameClock>,
    capital: Res<'w, Capital>,
    debrief: Res<'w, DebriefStatus>,
}

/// A column's width, points.
const COLUMN: f32 = 430.0;

/// Once the level is won or lost, a window in the middle of the screen that says so, with
/// the debrief (the game goes on under it).
pub(super) fn end_screen(mut p: EndScreen) -> Result {
    let Some(outcome) = p.script.outcome.clone() else {
        return Ok(());
    };
    let ctx = p.contexts.ctx_mut()?.clone();
    let tr = &*p.tr;
    let (title, text) = match &outcome {
        Outcome::Won(d) => (
            tr.t("outcome-won"),
            tr.args("outcome-won-text", &[("date", d.to_string())]),
        ),
        Outcome::Lost(d, why) => (tr.t("outcome-lost"), format!("{d}: {}", why.get(tr.lang))),
    };
    let start = p.clock.start;
    // Tall content scrolls rather than leaving the screen (a small window, large text).
    let max_height = (ctx.content_rect().height() - 140.0).max(200.0);
    egui::Window::new(title)
        .id(egui::Id::new("outcome"))
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .collapsible(false)
        .resizable(false)
        .show(&ctx, |ui| {
            ui.label(text);
            ui.separator();
            let level = p.level.as_deref().map(|l| &l.0);
            egui::ScrollArea::vertical()
                .max_height(max_height)
                .show(ui, |ui| {
                    ui.horizontal_top(|ui| {
                        ui.vertical(|ui| {
                            ui.set_width(COLUMN);
                            if let (Outcome::Won(date), Some(level)) = (&outcome, level) {
                                let mine = p.script.won_scores.clone().unwrap_or_else(|| {
                                    crate::scores::Scores::won_on(*date, start, &p.capital)
                                });
                                super::scores_plot::scores(ui, tr, &level.level.id, start, &mine);
                                ui.add_space(6.0);
                            }
                            debrief_counterfactual(ui, tr, &p.debrief, level);
                            // The level's prediction and the player's answer, beside what
                            // happened.
                            super::prediction::debrief_line(ui, tr, p.level.as_deref(), &p.script);
                        });
                        ui.separator();
                        ui.vertical(|ui| {
                            ui.set_width(COLUMN);
                            debrief(ui, tr, &p.debrief);
                        });
                    });
                });
            ui.separator();
            ui.label(tr.t("outcome-keep-playing"));
        });
    Ok(())
}

/// The debrief's column: while it is played, how far it has got; then the walls and the
/// months.
fn debrief(ui: &mut egui::Ui, tr: &Tr, status: &DebriefStatus) {
    ui.strong(tr.t("debrief-title"));
    let Some(report) = &status.report else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.weak(tr.args(
                "debrief-working",
                &[("pct", format!("{:.0}", 100.0 * status.progress))],
            ));
        });
        return;
    };
    walls(ui, tr, &report.walls);
    ui.add_space(4.0);
    months(ui, tr, &report.months);
}

/// The counterfactual, once the debrief is played.
fn debrief_counterfactual(
    ui: &mut egui::Ui,
    tr: &Tr,
    status: &DebriefStatus,
    level: Option<&CheckedLevel>,
) {
    if let (Some(report), Some(level)) = (&status.report, level) {
        counterfactual(ui, tr, report, level);
    }
}

/// A wall's month, from its decimal year.
fn wall_month(year: f64) -> String {
    let d = Date::from_decimal_year(year);
    format!("{:04}-{:02}", d.year, d.month)
}

/// The walls in the order they came, against the argument's; where they differ, the two
/// walls out of order with what the model's figures showed when each began.
fn walls(ui: &mut egui::Ui, tr: &Tr, walls: &Walls) {
    let then = tr.t("walls-then");
    let argument: Vec<String> = ARGUMENT.iter().map(|w| super::wall(tr, *w)).collect();
    ui.weak(tr.args("debrief-argument", &[("walls", argument.join(&then))]));
    if walls.history.is_empty() {
        ui.label(tr.t("debrief-no-wall"));
        return;
    }
    let mut seen: Vec<String> = Vec::new();
    for e in &walls.history {
        let w = format!("{} ({})", super::wall(tr, e.wall), wall_month(e.year));
        if seen.last() != Some(&w) {
            seen.push(w);
        }
    }
    let line = ui.label(tr.args("debrief-walls", &[("walls", seen.join(&then))]));
    line.on_hover_ui(|ui| {
        for e in &walls.history {
            ui.label(tr.args(
                "codex-wall-from",
                &[
                    ("wall", super::wall(tr, e.wall)),
                    ("year", wall_month(e.year)),
                    ("why", e.why.get(tr.lang).to_string()),
                ],
            ));
        }
    });
    match against_argument(&walls.sequence()) {
        Ok(()) => {
            ui.label(tr.t("debrief-in-order"));
        }
        Err((a, b)) => {
            ui.label(tr.args(
                "debrief-disagrees",
                &[("a", super::wall(tr, a)), ("b", super::wall(tr, b))],
            ));
            // The model's reasons: what the 30 days showed when each of the two began.
            for w in [a, b] {
                if let Some(e) = walls.history.iter().find(|e| e.wall == w) {
                    ui.weak(tr.args(
                        "codex-wall-from",
                        &[
                            ("wall", super::wall(tr, e.wall)),
                            ("year", wall_month(e.year)),
                            ("why", e.why.get(tr.lang).to_string()),
                        ],
                    ));
                }
            }
        }
    }
}

/// Which of the argument's walls a constraint belongs to, for its colour: `None` for
/// nothing binding (no demand, not started), `Some(Homes)` for the rest.
fn family(c: Constraint) -> Option<Wall> {
    use Constraint as C;
    Some(match c {
        C::Power | C::Turbines | C::Permits | C::Panels | C::BurnInPower | C::LunarPower => {
            Wall::Power
        }
        C::Ships | C::Pads | C::Methane | C::Payload | C::Tankers => Wall::Launch,
        C::Logic | C::Memory => Wall::Chips,
        C::Capital | C::ChipBudget => Wall::Capital,
        C::Datacenters | C::Mining | C::Works | C::MassDriver | C::FactoryLines => Wall::Homes,
        C::Demand | C::NotStarted => return None,
    })
}

/// A family's colour (Okabe and Ito's, safe for colour-blind eyes).
fn colour(f: Option<Wall>) -> egui::Color32 {
    match f {
        Some(Wall::Power) => egui::Color32::from_rgb(213, 94, 0),
        Some(Wall::Launch) => egui::Color32::from_rgb(86, 180, 233),
        Some(Wall::Chips) => egui::Color32::from_rgb(240, 228, 66),
        Some(Wall::Capital) => egui::Color32::from_rgb(204, 121, 167),
        Some(Wall::Homes) => egui::Color32::from_rgb(0, 158, 115),
        None => egui::Color32::from_gray(60),
    }
}

/// A family's name in the legend.
fn family_words(tr: &Tr, f: Option<Wall>) -> String {
    match f {
        Some(Wall::Homes) => tr.t("debrief-family-other"),
        Some(w) => super::wall(tr, w),
        None => tr.t("debrief-family-none"),
    }
}

/// At most this many runs of one binding are written out for a chain.
const MAX_RUNS: usize = 4;

/// What bound each chain month by month: a strip of coloured cells per chain that was ever
/// bound (hover a cell for its month and binding), a legend, and each chain's longest-held
/// bindings in words.
fn months(ui: &mut egui::Ui, tr: &Tr, months: &[Month]) {
    ui.strong(tr.t("debrief-months"));
    if months.is_empty() {
        ui.weak(tr.t("debrief-no-months"));
        return;
    }
    let label_w = 120.0;
    let cell = ((COLUMN - label_w - 8.0) / months.len() as f32).clamp(2.0, 14.0);
    let of = |m: &Month, c: Chain| m.binds.iter().find(|(k, _)| *k == c).map(|(_, b)| *b);
    for chain in Chain::ALL {
        if !months
            .iter()
            .any(|m| of(m, chain).and_then(family).is_some())
        {
            continue;
        }
        ui.horizontal(|ui| {
            ui.add_sized(
                [label_w, 14.0],
                egui::Label::new(super::chain(tr, chain)).truncate(),
            );
            let size = egui::vec2(cell * months.len() as f32, 12.0);
            let (rect, strip) = ui.allocate_exact_size(size, egui::Sense::hover());
            let painter = ui.painter_at(rect);
            for (i, m) in months.iter().enumerate() {
                let r = egui::Rect::from_min_size(
                    rect.min + egui::vec2(i as f32 * cell, 0.0),
                    egui::vec2((cell - 1.0).max(1.0), 12.0),
                );
                painter.rect_filled(r, 1.0, colour(of(m, chain).and_then(family)));
            }
            // The month under the pointer, and what bound the chain in it.
            if let Some(pos) = strip.hover_pos() {
                let i = (((pos.x - rect.left()) / cell) as usize).min(months.len() - 1);
                let m = &months[i];
                let words = of(m, chain).map_or(String::new(), |b| super::constraint(tr, b));
                strip.on_hover_text(format!("{:04}-{:02}: {words}", m.date.year, m.date.month));
            }
        });
        ui.weak(runs(tr, months, chain));
    }
    ui.horizontal_wrapped(|ui| {
        for f in [
            Some(Wall::Power),
            Some(Wall::Launch),
            Some(Wall::Chips),
            Some(Wall::Capital),
            Some(Wall::Homes),
            None,
        ] {
            let (r, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            ui.painter().rect_filled(r, 1.0, colour(f));
            ui.small(family_words(tr, f));
        }
    });
}

/// A chain's bindings in words, run by run: `power 2026-01–2026-08, logic 2026-09–…`.
fn runs(tr: &Tr, months: &[Month], chain: Chain) -> String {
    let mut runs: Vec<(Constraint, Date, Date)> = Vec::new();
    for m in months {
        let Some(b) = m.binds.iter().find(|(k, _)| *k == chain).map(|(_, b)| *b) else {
            continue;
        };
        if runs.last().is_some_and(|r| r.0 == b) {
            if let Some(r) = runs.last_mut() {
                r.2 = m.date;
            }
        } else {
            runs.push((b, m.date, m.date));
        }
    }
    let month = |d: Date| format!("{:04}-{:02}", d.year, d.month);
    let more = runs.len().saturating_sub(MAX_RUNS);
    // The longest-held first would lose the order; keep the order and cut the tail.
    let mut words: Vec<String> = runs
        .iter()
        .take(MAX_RUNS)
        .map(|(c, a, b)| {
            if a == b {
                format!("{} {}", super::constraint(tr, *c), month(*a))
            } else {
                format!("{} {}–{}", super::constraint(tr, *c), month(*a), month(*b))
            }
        })
        .collect();
    if more > 0 {
        words.push(tr.args("debrief-more-runs", &[("n", more.to_string())]));
    }
    words.join(&tr.t("debrief-run-sep"))
}

/// A lever's choice in the player's words: the order and its count, share or option.
fn choice_words(tr: &Tr, level: &CheckedLevel, cf: &Counterfactual) -> String {
    let Some(lever) = level.levers.get(cf.lever) else {
        return cf.name.clone();
    };
    let c = cf.choice;
    match &lever.vary {
        Vary::Times(order, ..) => tr.args(
            "debrief-times",
            &[
                ("what", super::side::action_words(tr, order.action())),
                ("n", format!("{}", c.value as u32)),
            ],
        ),
        Vary::Share(share, ..) => tr.args(
            "debrief-share",
            &[
                (
                    "what",
                    super::side::action_words(tr, share.order(c.value).action()),
                ),
                ("pct", format!("{:.0}", 100.0 * c.value)),
            ],
        ),
        Vary::OneOf(options) => match options.get(c.value as usize) {
            Some(o) => tr.args("debrief-option", &[("what", option_words(tr, o))]),
            None => cf.name.clone(),
        },
    }
}

/// An option of a switch: the order's name, and the orbit or on/off it sets.
fn option_words(tr: &Tr, o: &Order) -> String {
    let what = super::side::action_words(tr, o.action());
    let detail = match o {
        Order::Policy(Policy::LaunchOrbit(orbit)) => super::orbit(tr, *orbit),
        Order::Policy(Policy::BurnIn(on) | Policy::RobotsNeedPower(on)) => {
            tr.t(if *on { "debrief-on" } else { "debrief-off" })
        }
        _ => return what,
    };
    format!("{what}: {detail}")
}

/// The counterfactual in one sentence: what the player might also have done, when, and
/// what would have come of it against what did.
fn counterfactual(ui: &mut egui::Ui, tr: &Tr, report: &Report, level: &CheckedLevel) {
    ui.strong(tr.t("debrief-counterfactual"));
    let Some((cf, theirs)) = &report.counterfactual else {
        ui.weak(tr.t("debrief-no-counterfactual"));
        return;
    };
    let when = Date::from_days(level.start.to_days() + cf.choice.day as i64).to_string();
    let result = result_words(tr, &report.ending, theirs);
    ui.label(tr.args(
        "debrief-had-you",
        &[
            ("what", choice_words(tr, level, cf)),
            ("date", when),
            ("result", result),
        ],
    ));
    ui.weak(tr.args("debrief-counterfactual-how", &[("lever", cf.name.clone())]));
}

/// What would have come of the counterfactual, against the player's own ending.
fn result_words(tr: &Tr, mine: &Ending, theirs: &Ending) -> String {
    use crate::scores::{money, tonnes};
    let date = theirs.date.to_string();
    match theirs.outcome {
        "won" => {
            let diff = if mine.outcome != "won" {
                tr.t("debrief-instead-of-losing")
            } else if theirs.days < mine.days {
                tr.args(
                    "debrief-sooner",
                    &[("days", (mine.days - theirs.days).to_string())],
                )
            } else if theirs.days > mine.days {
                tr.args(
                    "debrief-later",
                    &[("days", (theirs.days - mine.days).to_string())],
                )
            } else {
                tr.t("debrief-same-day")
            };
            tr.args(
                "debrief-would-win",
                &[
                    ("date", date),
                    ("diff", diff),
                    ("usd", money(theirs.capital_spent_usd)),
                    ("co2", tonnes(theirs.co2_t)),
                ],
            )
        }
        "lost" => tr.args(
            "debrief-would-lose",
            &[("date", date), ("mine", ending_words(tr, mine))],
        ),
        _ => tr.args("debrief-would-be-open", &[("date", date)]),
    }
}

/// The player's own ending, in a few words: "you won on …", "you lost on …".
fn ending_words(tr: &Tr, e: &Ending) -> String {
    let key = match e.outcome {
        "won" => "debrief-you-won",
        "lost" => "debrief-you-lost",
        _ => "debrief-you-open",
    };
    tr.args(key, &[("date", e.date.to_string())])
}

//! The top bar: the date and the time controls, the game's figures (each a link to the
//! codex), the current goal, the buttons that open the windows and the close-ups, save and
//! load, and the branches' figures beside the game's; and the won-or-lost notice.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::Windows;
use super::codex::CodexWindow;
use crate::branch::Branches;
use crate::i18n::Tr;
use crate::level::CurrentLevel;
use crate::level::script::{GoalKind, GoalState, Outcome, Script};
use crate::lock::{Panel, TeacherLock};
use crate::save::{LoadRequested, SaveDir, SaveRequested, SaveStatus};
use crate::screen::{CloseupRequest, Covered, SceneKind};
use crate::sim::clock::{GameClock, SimSpeed, SpeedChanged, WARP_EIGHTHS, WARP_YEAR_PER_SECOND};
use crate::sim::economy::Capital;
use crate::sim::launch::LaunchSite;
use crate::sim::moon::LunarBase;
use crate::sim::params::Params;
use crate::sim::record::{Figure, Sample, TimeSeries};

/// What the top bar reads and writes.
#[derive(SystemParam)]
pub(super) struct TopBar<'w, 's> {
    contexts: EguiContexts<'w, 's>,
    clock: Res<'w, GameClock>,
    speed: Res<'w, SimSpeed>,
    series: Res<'w, TimeSeries>,
    script: Res<'w, Script>,
    windows: Windows<'w>,
    speed_changes: MessageWriter<'w, SpeedChanged>,
    level: Option<Res<'w, CurrentLevel>>,
    save_status: Res<'w, SaveStatus>,
    check_status: Option<Res<'w, crate::save::CheckStatus>>,
    save_dir: Res<'w, SaveDir>,
    saves: MessageWriter<'w, SaveRequested>,
    loads: MessageWriter<'w, LoadRequested>,
    closeups: MessageWriter<'w, CloseupRequest>,
    sites: Query<'w, 's, (Entity, &'static LaunchSite)>,
    bases: Query<'w, 's, (), With<LunarBase>>,
    branches: Option<NonSend<'w, Branches>>,
    params: Res<'w, Params>,
    tr: Res<'w, Tr>,
    lock: Option<Res<'w, TeacherLock>>,
    capital: Res<'w, Capital>,
    covered: ResMut<'w, Covered>,
}

/// The top bar across the window, its height written into [`Covered`] for the panels
/// below it; and, once the level is won or lost, the notice that says so.
pub(super) fn top_bar(mut p: TopBar) -> Result {
    let ctx = p.contexts.ctx_mut()?.clone();
    let mut root = super::region(&ctx, 0.0, 0.0, "top_region");
    let top = egui::Panel::top("top").show(&mut root, |ui| {
        ui.horizontal_wrapped(|ui| bar_row(ui, &mut p));
        // The branches' figures beside the game's, on demand (the branches window).
        if let Some(branches) = p.branches.as_deref().filter(|b| b.in_top_bar) {
            branch_lines(ui, &p.tr, branches);
        }
        if p.params.is_what_if() {
            ui.colored_label(
                egui::Color32::from_rgb(140, 200, 255),
                p.tr.t("top-what-if"),
            );
        }
    });
    let height = top.response.rect.height();
    super::cover(&mut p.covered, |c| c.top = height);
    let won = p
        .level
        .as_deref()
        .map(|l| (l.0.level.id.as_str(), p.clock.start, &*p.capital));
    outcome_notice(&ctx, &p.tr, &p.script, won, p.level.as_deref());
    Ok(())
}

/// The bar's one wrapped row, left to right: time, figures, goal, windows, lock, saves.
fn bar_row(ui: &mut egui::Ui, p: &mut TopBar) {
    let tr = &*p.tr;
    time_controls(ui, tr, &p.clock, &p.speed, &mut p.speed_changes);
    ui.separator();
    figures(
        ui,
        tr,
        &mut p.windows.codex,
        &p.series.latest,
        p.capital.usd,
    );
    ui.separator();
    current_goal(ui, tr, &p.script);
    let lock = p.lock.as_deref();
    let windows = &mut p.windows;
    for toggle in [
        (Panel::Charts, "top-charts", None),
        (
            Panel::EarthSpace,
            "top-earth-space",
            Some("top-earth-space-hover"),
        ),
        (Panel::Branches, "top-branches", Some("top-branches-hover")),
        (Panel::NewGame, "top-levels", Some("top-levels-hover")),
    ] {
        toggle_window(ui, tr, windows, lock, toggle);
    }
    closeups_menu(ui, tr, &p.sites, &p.bases, &mut p.closeups);
    let codex = (Panel::Codex, "top-codex", Some("top-codex-hover"));
    toggle_window(ui, tr, windows, lock, codex);
    if let Some(lock) = lock.filter(|l| !l.is_empty()) {
        ui.label(
            egui::RichText::new(super::lock_summary(tr, lock))
                .color(egui::Color32::from_rgb(240, 200, 120)),
        );
    }
    if let Some(level) = &p.level {
        save_buttons(
            ui,
            tr,
            &p.save_dir,
            &level.0.level.id,
            (&mut p.saves, &mut p.loads),
        );
    }
    // What the last save or load did, then the check of the save opened.
    let check = p.check_status.as_ref().and_then(|c| c.line.as_ref());
    for line in [p.save_status.last.as_ref(), check].into_iter().flatten() {
        match line {
            Ok(t) => ui.weak(t),
            Err(e) => ui.colored_label(egui::Color32::from_rgb(240, 120, 100), e),
        };
    }
}

/// The date, play or pause, then each warp (a selected one is the speed now).
fn time_controls(
    ui: &mut egui::Ui,
    tr: &Tr,
    clock: &GameClock,
    speed: &SimSpeed,
    speed_changes: &mut MessageWriter<SpeedChanged>,
) {
    ui.strong(clock.date().to_string());
    let label = tr.t(if speed.paused {
        "top-play"
    } else {
        "top-pause"
    });
    if ui
        .button(label)
        .on_hover_text(tr.t("top-space-key"))
        .clicked()
    {
        speed_changes.write(SpeedChanged::TogglePause);
    }
    for (i, eighths) in WARP_EIGHTHS.iter().enumerate() {
        let hours = f64::from(*eighths) / 8.0;
        let on = speed.warp == i && !speed.paused;
        if ui
            .selectable_label(on, warp_name(tr, hours))
            .on_hover_text(tr.args(
                "warp-hover",
                &[("key", (i + 1).to_string()), ("hours", format!("{hours}"))],
            ))
            .clicked()
        {
            speed_changes.write(SpeedChanged::Warp(i));
        }
    }
    let on = speed.is_real_time() && !speed.paused;
    if ui
        .selectable_label(on, tr.t("warp-year"))
        .on_hover_text(tr.args(
            "warp-year-hover",
            &[
                ("key", (WARP_YEAR_PER_SECOND + 1).to_string()),
                ("hours", format!("{:.0}", speed.ticks_per_frame())),
            ],
        ))
        .clicked()
    {
        speed_changes.write(SpeedChanged::Warp(WARP_YEAR_PER_SECOND));
    }
}

/// A warp's button text: game hours or days a frame.
fn warp_name(tr: &Tr, hours: f64) -> String {
    if hours < 1.0 {
        tr.args("warp-hours", &[("n", format!("{hours}"))])
    } else if hours < 24.0 {
        tr.args("warp-hours", &[("n", format!("{hours:.0}"))])
    } else {
        tr.args("warp-days", &[("n", format!("{:.0}", hours / 24.0))])
    }
}

/// The game's figures: capital, power, GPUs, flights, robots and Kardashev, each a
/// figure that opens the codex on what it measures.
fn figures(ui: &mut egui::Ui, tr: &Tr, codex: &mut CodexWindow, s: &Sample, capital_usd: f64) {
    let n = |x: f64| tr.num(x);
    // The capital on hand now, not at the last sample: an order given while paused shows
    // its cost at once.
    let capital = tr.args("top-capital", &[("usd", n(capital_usd))]);
    figure(ui, codex, tr, capital, "usd");
    let power = tr.args(
        "top-power",
        &[
            ("solar", format!("{:.1}", s.get(Figure::GroundSolarGw))),
            ("mean", format!("{:.2}", s.get(Figure::GroundSolarOutputGw))),
            ("turbines", format!("{:.1}", s.get(Figure::TurbinesGw))),
            ("orbit", format!("{:.1}", s.get(Figure::OrbitPowerGw))),
        ],
    );
    figure(ui, codex, tr, power, "power");
    let gpus = tr.args(
        "top-gpus",
        &[
            ("ground", n(s.get(Figure::GroundGpus))),
            ("orbit", n(s.get(Figure::OrbitGpus))),
            ("dark", n(s.get(Figure::UnpoweredGpus))),
        ],
    );
    figure(ui, codex, tr, gpus, "gpu");
    let flights = format!("{:.0}", s.get(Figure::FlightsPerYear));
    let flights = tr.args("top-flights", &[("flights", flights)]);
    figure(ui, codex, tr, flights, "C20");
    let robots = s.get(Figure::Robots);
    let working = if robots > 0.0 {
        let share = format!("{:.0}", s.get(Figure::WorkingRobots) / robots * 100.0);
        format!(" {}", tr.args("top-robots-working", &[("share", share)]))
    } else {
        String::new()
    };
    let robots_text = tr.args("top-robots", &[("robots", n(robots))]);
    figure(ui, codex, tr, format!("{robots_text}{working}"), "robot");
    let kardashev = format!("K {:.3}", s.get(Figure::Kardashev));
    figure(ui, codex, tr, kardashev, "kardashev").on_hover_text(tr.t("top-kardashev-hover"));
}

/// A figure in the interface that opens the codex on `search` when clicked.
fn figure(
    ui: &mut egui::Ui,
    codex: &mut CodexWindow,
    tr: &Tr,
    text: String,
    search: &str,
) -> egui::Response {
    let r = ui
        .add(egui::Label::new(text).sense(egui::Sense::click()))
        .on_hover_text(tr.args("figure-hover", &[("search", search.to_string())]));
    if r.clicked() {
        codex.open_on(search);
    }
    r
}

/// The first open goal that wins the level, with its deadline if it has one.
fn current_goal(ui: &mut egui::Ui, tr: &Tr, script: &Script) {
    let Some((goal, _)) = script
        .goals
        .iter()
        .find(|(g, st)| g.kind == GoalKind::Win && *st == GoalState::Open)
    else {
        return;
    };
    let text = goal.text.get(tr.lang).to_string();
    ui.label(match &goal.deadline {
        Some(d) => tr.args("top-goal-by", &[("text", text), ("date", d.to_string())]),
        None => tr.args("top-goal", &[("text", text)]),
    });
}

/// A button that opens and closes the window `panel` names, lit while it is open; none
/// while the teacher's lock hides the window. `label` and `hover` are message keys.
fn toggle_window(
    ui: &mut egui::Ui,
    tr: &Tr,
    windows: &mut Windows,
    lock: Option<&TeacherLock>,
    (panel, label, hover): (Panel, &str, Option<&str>),
) {
    if lock.is_some_and(|l| l.hides(panel)) {
        return;
    }
    let Some(open) = windows.open_mut(panel) else {
        return;
    };
    let mut button = ui.selectable_label(*open, tr.t(label));
    if let Some(hover) = hover {
        button = button.on_hover_text(tr.t(hover));
    }
    if button.clicked() {
        *open = !*open;
    }
}

/// The close-ups menu: each launch site's pad, the mass driver (once there is a lunar
/// base) and the robot factory.
fn closeups_menu(
    ui: &mut egui::Ui,
    tr: &Tr,
    sites: &Query<(Entity, &LaunchSite)>,
    bases: &Query<(), With<LunarBase>>,
    closeups: &mut MessageWriter<CloseupRequest>,
) {
    ui.menu_button(tr.t("top-closeups"), |ui| {
        ui.weak(tr.t("closeups-note"));
        for (e, site) in sites {
            if ui
                .button(tr.args("closeups-pad", &[("site", site.name.clone())]))
                .clicked()
            {
                closeups.write(CloseupRequest::Open(SceneKind::Pad(e)));
            }
        }
        if ui
            .add_enabled(
                !bases.is_empty(),
                egui::Button::new(tr.t("closeups-driver")),
            )
            .on_disabled_hover_text(tr.t("refusal-no-base"))
            .clicked()
        {
            closeups.write(CloseupRequest::Open(SceneKind::Driver));
        }
        if ui.button(tr.t("closeups-factory")).clicked() {
            closeups.write(CloseupRequest::Open(SceneKind::Factory));
        }
    });
}

/// Save and load this level's save (F5 and F9), and load the autosave.
fn save_buttons(
    ui: &mut egui::Ui,
    tr: &Tr,
    save_dir: &SaveDir,
    level_id: &str,
    (saves, loads): (
        &mut MessageWriter<SaveRequested>,
        &mut MessageWriter<LoadRequested>,
    ),
) {
    let path = crate::save::save_path(save_dir, level_id);
    if ui
        .button(tr.t("top-save"))
        .on_hover_text(format!("F5: {}", path.display()))
        .clicked()
    {
        saves.write(SaveRequested(path.clone()));
    }
    if ui
        .button(tr.t("top-load"))
        .on_hover_text(format!("F9: {}", path.display()))
        .clicked()
    {
        loads.write(LoadRequested(path));
    }
    if ui.button(tr.t("top-load-autosave")).clicked() {
        loads.write(LoadRequested(crate::save::autosave_path(save_dir)));
    }
}

/// One line for each branch under the bar: its name and its figures, as the game's.
fn branch_lines(ui: &mut egui::Ui, tr: &Tr, branches: &Branches) {
    for b in &branches.list {
        let (f, _, wall) = crate::branch::figures(b.world());
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                egui::Color32::from_rgb(140, 200, 255),
                tr.args("branch-line-name", &[("name", b.name.clone())]),
            );
            let n = |x: f64| tr.num(x);
            ui.label(tr.args(
                "branch-line",
                &[
                    ("usd", n(f.get(Figure::CapitalUsd))),
                    ("ground", n(f.get(Figure::GroundGpus))),
                    ("orbit", n(f.get(Figure::OrbitGpus))),
                    ("dark", n(f.get(Figure::UnpoweredGpus))),
                    ("flights", format!("{:.0}", f.get(Figure::FlightsPerYear))),
                    ("robots", n(f.get(Figure::Robots))),
                    ("k", format!("{:.3}", f.get(Figure::Kardashev))),
                    (
                        "wall",
                        wall.map_or(tr.t("binds-wall-unknown"), |w| super::wall(tr, w)),
                    ),
                ],
            ));
        });
    }
}

/// Once the level is won or lost, a notice in the middle of the screen that says so (the
/// game goes on under it); a won level's with its scores over the explored plays. `level`:
/// the level's id, its first day and the capital's figures.
fn outcome_notice(
    ctx: &egui::Context,
    tr: &Tr,
    script: &Script,
    level: Option<(&str, crate::sim::clock::Date, &Capital)>,
    current: Option<&crate::level::CurrentLevel>,
) {
    let Some(outcome) = &script.outcome else {
        return;
    };
    let (title, text) = match outcome {
        Outcome::Won(d) => (
            tr.t("outcome-won"),
            tr.args("outcome-won-text", &[("date", d.to_string())]),
        ),
        Outcome::Lost(d, why) => (tr.t("outcome-lost"), format!("{d}: {}", why.get(tr.lang))),
    };
    egui::Window::new(title)
        .id(egui::Id::new("outcome"))
        .anchor(egui::Align2::CENTER_CENTER, [0.0, -120.0])
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.label(text);
            super::prediction::debrief_line(ui, tr, current, script);
            if let (Outcome::Won(date), Some((id, start, capital))) = (outcome, level) {
                ui.separator();
                let mine = script
                    .won_scores
                    .clone()
                    .unwrap_or_else(|| crate::scores::Scores::won_on(*date, start, capital));
                super::scores_plot::scores(ui, tr, id, start, &mine);
                ui.separator();
            }
            ui.label(tr.t("outcome-keep-playing"));
        });
}

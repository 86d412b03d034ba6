//! The egui interface: the top bar (date, figures, time controls, the current goal), the
//! orders panel, what binds now, the inspector, goals, lesson, messages and charts. It
//! changes the sim only by sending messages.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub mod branches;
pub mod codex;
pub mod earth_space;
pub mod harness;
pub mod menu;
mod orders_panel;
mod picker;
pub mod settings;
pub mod side;

use crate::i18n::Tr;
pub use crate::i18n::{chain, constraint, orbit, payload, si, unit, wall, walls_summary};
use crate::level::script::{GoalKind, GoalState, Outcome, Script};
use crate::lock::{Panel, TeacherLock};
use crate::sim::chips::FabKind;
use crate::sim::clock::{GameClock, SimSpeed, SpeedChanged, WARP_EIGHTHS, WARP_YEAR_PER_SECOND};
use crate::sim::datacenters::Climate;
use crate::sim::orders::{OrderAccepted, OrderRefused};
use crate::sim::record::{Figure, TimeSeries};

/// The interface.
pub fn plugin(app: &mut App) {
    if !app.world().contains_resource::<crate::i18n::Tr>() {
        app.init_resource::<crate::i18n::Tr>();
    }
    app.add_systems(EguiPrimaryContextPass, cjk_font.before(top_bar))
        .add_systems(Update, window_title);
    app.init_resource::<UiState>()
        .init_resource::<side::Spread>()
        .add_systems(
            EguiPrimaryContextPass,
            (
                read_outcomes,
                top_bar,
                enforce_lock,
                side::bottom_panel,
                orders_panel::orders_panel,
                side::side_panel,
                side::charts_window,
                codex::codex_window,
                picker::picker_window,
                earth_space::earth_space_window,
                branches::branches_window,
                settings::caption,
                menu::menu_window,
                share_covered,
            )
                .chain(),
        )
        // While a text field has the keyboard, the game's keys are the field's.
        .configure_sets(
            PreUpdate,
            crate::screen::ReadInput.run_if(not(bevy_egui::input::egui_wants_any_keyboard_input)),
        )
        .add_systems(
            PreUpdate,
            (
                toggle_panels,
                branches::branch_key,
                settings::presentation_key,
                menu::menu_key,
            )
                .in_set(crate::screen::ReadInput),
        )
        .add_systems(Update, settings::presentation_zoom);
}

/// The teacher's lock closes what it hides, however it was opened (a key, a link, a
/// close-up's button).
fn enforce_lock(lock: Option<Res<TeacherLock>>, mut ui_state: ResMut<UiState>) {
    let Some(lock) = lock else { return };
    let ui_state = &mut *ui_state;
    for (panel, open) in [
        (Panel::Charts, &mut ui_state.charts),
        (Panel::Codex, &mut ui_state.codex),
        (Panel::EarthSpace, &mut ui_state.earth_space),
        (Panel::Branches, &mut ui_state.branches),
        (Panel::NewGame, &mut ui_state.picker),
    ] {
        if lock.hides(panel) && *open {
            *open = false;
        }
    }
}

/// The lock in words: "Teacher's lock: orders, codex; 3 actions locked".
pub fn lock_summary(tr: &Tr, lock: &TeacherLock) -> String {
    let mut parts: Vec<String> = lock
        .panels
        .iter()
        .map(|p| tr.t(&format!("lock-panel-{}", p.id())))
        .collect();
    if !lock.actions.is_empty() {
        parts.push(tr.args("lock-n-actions", &[("n", lock.actions.len().to_string())]));
    }
    tr.args("lock-in-force", &[("what", parts.join(", "))])
}

/// Tells the world's view how much of the window the panels cover this frame.
fn share_covered(ui: Res<UiState>, mut covered: ResMut<crate::screen::Covered>) {
    let now = crate::screen::Covered {
        left: ui.left_w,
        right: ui.right_w,
        top: ui.top_h,
        bottom: ui.bottom_h,
    };
    if *covered != now {
        *covered = now;
    }
}

/// The shipped Noto Sans SC subset, after egui's own fonts: Chinese text has its glyphs.
fn cjk_font(mut contexts: EguiContexts, mut done: Local<bool>) {
    if *done {
        return;
    }
    let Ok(ctx) = contexts.ctx_mut() else {
        return;
    };
    let data =
        egui::FontData::from_static(include_bytes!("../../assets/fonts/NotoSansSC-subset.otf"));
    ctx.add_font(egui::epaint::text::FontInsert::new(
        "noto_sans_sc",
        data,
        [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
            .into_iter()
            .map(|family| egui::epaint::text::InsertFontFamily {
                family,
                priority: egui::epaint::text::FontPriority::Lowest,
            })
            .collect(),
    ));
    *done = true;
}

/// The window's title in the chosen language, with the level's title.
fn window_title(
    tr: Res<crate::i18n::Tr>,
    level: Option<Res<crate::level::CurrentLevel>>,
    mut windows: Query<&mut Window, With<bevy::window::PrimaryWindow>>,
) {
    let Some(level) = level else { return };
    if !tr.is_changed() && !level.is_changed() {
        return;
    }
    let title = tr.args(
        "window-title",
        &[("title", level.0.level.title.get(tr.lang).to_string())],
    );
    for mut w in &mut windows {
        if w.title != title {
            w.title = title.clone();
        }
    }
}

/// Tab hides every panel but the top bar, and brings them back.
fn toggle_panels(keys: Res<ButtonInput<KeyCode>>, mut ui_state: ResMut<UiState>) {
    if keys.just_pressed(KeyCode::Tab) {
        ui_state.panels_hidden = !ui_state.panels_hidden;
    }
}

/// The interface's own state: which tab, the amounts typed in, the last order's outcome.
#[derive(Resource, Debug, Clone)]
pub struct UiState {
    /// The orders panel's tab.
    pub tab: Tab,
    /// Amount for solar farms, GW peak.
    pub solar_gw: f64,
    /// Amount for batteries, GWh.
    pub battery_gwh: f64,
    /// Amount for turbines, GW.
    pub turbines_gw: f64,
    /// GPU slots for a new hall.
    pub hall_gpus: f64,
    /// The new hall's climate.
    pub hall_climate: Climate,
    /// The new fab's kind.
    pub fab_kind: FabKind,
    /// The launch site for ships and pads, by index.
    pub site: usize,
    /// Lunar works to add, GW of cells a year.
    pub works_gw_per_yr: f64,
    /// Mass-driver throughput to add, t/h.
    pub driver_t_per_h: f64,
    /// The last order's outcome, in words (refusals say why).
    pub last_outcome: Option<(bool, String)>,
    /// An order row the "fix it" buttons point at.
    pub highlight: Option<&'static str>,
    /// Whether the charts window is open.
    pub charts: bool,
    /// Log scale on the charts.
    pub log_scale: bool,
    /// Installed peak ratings drawn dashed on the power chart.
    pub chart_peaks: bool,
    /// Whether the codex is open.
    pub codex: bool,
    /// Whether the level picker is open.
    pub picker: bool,
    /// Tab hides the side and bottom panels, so the 3D view fills the screen (the top
    /// bar stays).
    pub panels_hidden: bool,
    /// The orders panel is folded to a strip.
    pub left_folded: bool,
    /// The what-binds panel is folded to a strip.
    pub right_folded: bool,
    /// Whether the Earth-vs-space panel is open.
    pub earth_space: bool,
    /// Whether the branches window is open.
    pub branches: bool,
    /// Presentation mode (P): larger text, panels hidden, the lesson's step as a caption.
    pub presentation: bool,
    /// The branch being drawn up.
    pub branch_draft: branches::Draft,
    /// The codex's search text.
    pub codex_filter: String,
    /// Heights of the top and bottom panels last frame, logical pixels.
    pub top_h: f32,
    /// See `top_h`.
    pub bottom_h: f32,
    /// Widths of the left and right panels last frame, logical pixels.
    pub left_w: f32,
    /// See `left_w`.
    pub right_w: f32,
}

impl Default for UiState {
    fn default() -> Self {
        Self {
            tab: Tab::Build,
            solar_gw: 1.0,
            battery_gwh: 4.0,
            turbines_gw: 1.0,
            hall_gpus: 100_000.0,
            hall_climate: Climate::Temperate,
            fab_kind: FabKind::Memory,
            site: 0,
            works_gw_per_yr: 5.0,
            driver_t_per_h: 10.0,
            last_outcome: None,
            highlight: None,
            charts: false,
            log_scale: true,
            chart_peaks: false,
            codex: false,
            picker: false,
            earth_space: false,
            branches: false,
            presentation: false,
            left_folded: false,
            right_folded: false,
            branch_draft: branches::Draft::default(),
            codex_filter: String::new(),
            top_h: 0.0,
            bottom_h: 0.0,
            left_w: 0.0,
            panels_hidden: false,
            right_w: 0.0,
        }
    }
}

/// The orders panel's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// Build orders.
    Build,
    /// Research.
    Research,
    /// Policies.
    Policies,
}

/// A root `Ui` over the window between the top and bottom panels, for side panels.
pub(super) fn region(ctx: &egui::Context, top: f32, bottom: f32, name: &'static str) -> egui::Ui {
    let mut r = ctx.viewport_rect();
    r.min.y += top;
    r.max.y -= bottom;
    egui::Ui::new(
        ctx.clone(),
        name.into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(r),
    )
}

/// A side panel folded to a strip: one button that opens it again. Returns the strip's
/// width and whether the button was clicked.
pub(super) fn strip(root: &mut egui::Ui, id: &'static str, left: bool, hover: &str) -> (f32, bool) {
    let panel = if left {
        egui::Panel::left(id)
    } else {
        egui::Panel::right(id)
    };
    let shown = panel.exact_size(26.0).resizable(false).show(root, |ui| {
        ui.add_space(4.0);
        ui.button(if left { "»" } else { "«" })
            .on_hover_text(hover)
            .clicked()
    });
    (shown.response.rect.width(), shown.inner)
}

/// The button in a side panel's heading that folds it to a strip.
pub(super) fn fold_button(ui: &mut egui::Ui, left: bool, tr: &Tr, what: &str) -> bool {
    ui.small_button(if left { "«" } else { "»" })
        .on_hover_text(tr.args("fold-hover", &[("what", what.to_string())]))
        .clicked()
}

/// A small "?" that opens the codex on `search` (a parameter's name, a claim id or a
/// word), with the search as its hover text.
pub(crate) fn codex_link(ui: &mut egui::Ui, ui_state: &mut UiState, tr: &Tr, search: &str) {
    if ui
        .small_button("?")
        .on_hover_text(tr.args("codex-link", &[("search", search.to_string())]))
        .clicked()
    {
        open_codex(ui_state, search);
    }
}

/// Opens the codex searching for `search`.
pub(crate) fn open_codex(ui_state: &mut UiState, search: &str) {
    ui_state.codex = true;
    ui_state.codex_filter = search.to_string();
}

/// A figure in the interface that opens the codex on `search` when clicked.
fn figure(
    ui: &mut egui::Ui,
    ui_state: &mut UiState,
    tr: &Tr,
    text: String,
    search: &str,
) -> egui::Response {
    let r = ui
        .add(egui::Label::new(text).sense(egui::Sense::click()))
        .on_hover_text(tr.args("figure-hover", &[("search", search.to_string())]));
    if r.clicked() {
        open_codex(ui_state, search);
    }
    r
}

fn read_outcomes(
    mut accepted: MessageReader<OrderAccepted>,
    mut refused: MessageReader<OrderRefused>,
    mut ui: ResMut<UiState>,
    tr: Res<Tr>,
) {
    for a in accepted.read() {
        ui.last_outcome = Some((
            true,
            tr.args(
                "orders-ordered",
                &[
                    ("action", a.order.action().to_string()),
                    ("usd", tr.num(a.cost_usd)),
                ],
            ),
        ));
    }
    for r in refused.read() {
        ui.last_outcome = Some((
            false,
            tr.args(
                "orders-refused",
                &[
                    ("action", r.order.action().to_string()),
                    ("why", refusal(&tr, &r.reason)),
                ],
            ),
        ));
    }
}

/// Why the sim refused an order, in words.
pub fn refusal(tr: &Tr, r: &crate::sim::orders::Refusal) -> String {
    use crate::sim::orders::Refusal as R;
    match r {
        R::Capital { need_usd, have_usd } => tr.args(
            "refusal-capital",
            &[("need", tr.num(*need_usd)), ("have", tr.num(*have_usd))],
        ),
        R::Locked => tr.t("refusal-locked"),
        R::TeacherLocked => tr.t("refusal-teacher-locked"),
        R::UnknownSite(s) => tr.args("refusal-site", &[("site", s.clone())]),
        R::NoLunarBase => tr.t("refusal-no-base"),
        R::InvalidAmount { max } => tr.args("refusal-amount", &[("max", tr.num(*max))]),
        R::InvalidShare => tr.t("refusal-share"),
        R::AlreadyResearched => tr.t("refusal-researched"),
        R::OrbitUnreachable(o) => tr.args("refusal-orbit", &[("orbit", orbit(tr, *o))]),
        R::InvalidAssumption(s) => s.clone(),
    }
}

fn top_bar(
    mut contexts: EguiContexts,
    clock: Res<GameClock>,
    speed: Res<SimSpeed>,
    series: Res<TimeSeries>,
    script: Res<Script>,
    mut ui_state: ResMut<UiState>,
    mut speed_changes: MessageWriter<SpeedChanged>,
    level: Option<Res<crate::level::CurrentLevel>>,
    save_status: Res<crate::save::SaveStatus>,
    save_dir: Res<crate::save::SaveDir>,
    mut saves: MessageWriter<crate::save::SaveRequested>,
    mut loads: MessageWriter<crate::save::LoadRequested>,
    mut closeups: MessageWriter<crate::screen::CloseupRequest>,
    sites: Query<(Entity, &crate::sim::launch::LaunchSite)>,
    bases: Query<(), With<crate::sim::moon::LunarBase>>,
    (branches, params, tr, lock, capital): (
        Option<NonSend<crate::branch::Branches>>,
        Res<crate::sim::params::Params>,
        Res<crate::i18n::Tr>,
        Option<Res<TeacherLock>>,
        Res<crate::sim::economy::Capital>,
    ),
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let hidden = |p: Panel| lock.as_ref().is_some_and(|l| l.hides(p));
    let s = series.latest;
    let mut root = region(ctx, 0.0, 0.0, "top_region");
    let top = egui::Panel::top("top").show(&mut root, |ui| {
        ui.horizontal_wrapped(|ui| {
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
                let text = if hours < 1.0 {
                    tr.args("warp-hours", &[("n", format!("{hours}"))])
                } else if hours < 24.0 {
                    tr.args("warp-hours", &[("n", format!("{hours:.0}"))])
                } else {
                    tr.args("warp-days", &[("n", format!("{:.0}", hours / 24.0))])
                };
                let on = speed.warp == i && !speed.paused;
                if ui
                    .selectable_label(on, text)
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
            ui.separator();
            let st = &mut *ui_state;
            let n = |x: f64| tr.num(x);
            figure(
                ui,
                st,
                &tr,
                // The capital on hand now, not at the last sample: an order given while
                // paused shows its cost at once.
                tr.args("top-capital", &[("usd", n(capital.usd))]),
                "usd",
            );
            figure(
                ui,
                st,
                &tr,
                tr.args(
                    "top-power",
                    &[
                        ("solar", format!("{:.1}", s.get(Figure::GroundSolarGw))),
                        ("mean", format!("{:.2}", s.get(Figure::GroundSolarOutputGw))),
                        ("turbines", format!("{:.1}", s.get(Figure::TurbinesGw))),
                        ("orbit", format!("{:.1}", s.get(Figure::OrbitPowerGw))),
                    ],
                ),
                "power",
            );
            figure(
                ui,
                st,
                &tr,
                tr.args(
                    "top-gpus",
                    &[
                        ("ground", n(s.get(Figure::GroundGpus))),
                        ("orbit", n(s.get(Figure::OrbitGpus))),
                        ("dark", n(s.get(Figure::UnpoweredGpus))),
                    ],
                ),
                "gpu",
            );
            let flights = format!("{:.0}", s.get(Figure::FlightsPerYear));
            figure(
                ui,
                st,
                &tr,
                tr.args("top-flights", &[("flights", flights)]),
                "C20",
            );
            let robots = s.get(Figure::Robots);
            let working = if robots > 0.0 {
                let share = format!("{:.0}", s.get(Figure::WorkingRobots) / robots * 100.0);
                format!(" {}", tr.args("top-robots-working", &[("share", share)]))
            } else {
                String::new()
            };
            let robots_text = tr.args("top-robots", &[("robots", n(robots))]);
            figure(ui, st, &tr, format!("{robots_text}{working}"), "robot");
            figure(
                ui,
                st,
                &tr,
                format!("K {:.3}", s.get(Figure::Kardashev)),
                "kardashev",
            )
            .on_hover_text(tr.t("top-kardashev-hover"));
            ui.separator();
            if let Some((goal, _)) = script
                .goals
                .iter()
                .find(|(g, st)| g.kind == GoalKind::Win && *st == GoalState::Open)
            {
                ui.label(match &goal.deadline {
                    Some(d) => tr.args(
                        "top-goal-by",
                        &[
                            ("text", goal.text.get(tr.lang).to_string()),
                            ("date", d.to_string()),
                        ],
                    ),
                    None => tr.args("top-goal", &[("text", goal.text.get(tr.lang).to_string())]),
                });
            }
            if !hidden(Panel::Charts)
                && ui
                    .selectable_label(ui_state.charts, tr.t("top-charts"))
                    .clicked()
            {
                ui_state.charts = !ui_state.charts;
            }
            if !hidden(Panel::EarthSpace)
                && ui
                    .selectable_label(ui_state.earth_space, tr.t("top-earth-space"))
                    .on_hover_text(tr.t("top-earth-space-hover"))
                    .clicked()
            {
                ui_state.earth_space = !ui_state.earth_space;
            }
            if !hidden(Panel::Branches)
                && ui
                    .selectable_label(ui_state.branches, tr.t("top-branches"))
                    .on_hover_text(tr.t("top-branches-hover"))
                    .clicked()
            {
                ui_state.branches = !ui_state.branches;
            }
            if !hidden(Panel::NewGame)
                && ui
                    .selectable_label(ui_state.picker, tr.t("top-levels"))
                    .on_hover_text(tr.t("top-levels-hover"))
                    .clicked()
            {
                ui_state.picker = !ui_state.picker;
            }
            ui.menu_button(tr.t("top-closeups"), |ui| {
                use crate::screen::{CloseupRequest, SceneKind};
                ui.weak(tr.t("closeups-note"));
                for (e, site) in &sites {
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
            if !hidden(Panel::Codex)
                && ui
                    .selectable_label(ui_state.codex, tr.t("top-codex"))
                    .on_hover_text(tr.t("top-codex-hover"))
                    .clicked()
            {
                ui_state.codex = !ui_state.codex;
            }
            if let Some(lock) = lock.as_ref().filter(|l| !l.is_empty()) {
                ui.label(
                    egui::RichText::new(lock_summary(&tr, lock))
                        .color(egui::Color32::from_rgb(240, 200, 120)),
                );
            }
            if let Some(level) = &level {
                let path = crate::save::save_path(&save_dir, &level.0.level.id);
                if ui
                    .button(tr.t("top-save"))
                    .on_hover_text(format!("F5: {}", path.display()))
                    .clicked()
                {
                    saves.write(crate::save::SaveRequested(path.clone()));
                }
                if ui
                    .button(tr.t("top-load"))
                    .on_hover_text(format!("F9: {}", path.display()))
                    .clicked()
                {
                    loads.write(crate::save::LoadRequested(path));
                }
                if ui.button(tr.t("top-load-autosave")).clicked() {
                    loads.write(crate::save::LoadRequested(crate::save::autosave_path(
                        &save_dir,
                    )));
                }
            }
            if let Some(last) = &save_status.last {
                match last {
                    Ok(t) => ui.weak(t),
                    Err(e) => ui.colored_label(egui::Color32::from_rgb(240, 120, 100), e),
                };
            }
        });
        // The branches' figures beside the game's, on demand (the branches window).
        if let Some(branches) = branches.as_ref().filter(|b| b.in_top_bar) {
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
                                wall.map_or(tr.t("binds-wall-unknown"), |w| self::wall(&tr, w)),
                            ),
                        ],
                    ));
                });
            }
        }
        if params.is_what_if() {
            ui.colored_label(egui::Color32::from_rgb(140, 200, 255), tr.t("top-what-if"));
        }
    });
    ui_state.top_h = top.response.rect.height();
    if let Some(outcome) = &script.outcome {
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
                ui.label(tr.t("outcome-keep-playing"));
            });
    }
    Ok(())
}

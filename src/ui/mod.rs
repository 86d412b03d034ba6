//! The egui interface: the top bar (date, figures, time controls, the current goal), the
//! orders panel, what binds now, the inspector, goals, lesson, messages and charts. It
//! changes the sim only by sending messages.
//!
//! Each window keeps its own state in its own resource, in its own file ([`ChartsWindow`],
//! [`CodexWindow`], …); the panels' layout is [`Panels`], and how much of the window they
//! cover is [`Covered`], which each panel writes as it lays out.
//!
//! [`ChartsWindow`]: charts::ChartsWindow
//! [`CodexWindow`]: codex::CodexWindow

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub mod branches;
pub mod chart_reader;
pub mod charts;
pub mod class_window;
pub mod codex;
mod debrief;
pub mod earth_space;
pub mod harness;
mod inspector;
pub mod keys;
pub mod look;
pub mod menu;
pub mod orders_panel;
pub mod picker;
pub mod prediction;
mod scores_plot;
pub mod settings;
mod share_page;
pub mod side;
pub mod speech;
mod top_bar;
mod what_if_plot;

use crate::i18n::Tr;
pub use crate::i18n::{chain, constraint, orbit, payload, si, unit, wall, walls_summary};
use crate::lock::{Panel, TeacherLock};
use crate::screen::Covered;

/// The interface.
pub fn plugin(app: &mut App) {
    if !app.world().contains_resource::<crate::i18n::Tr>() {
        app.init_resource::<crate::i18n::Tr>();
    }
    crate::debrief::plugin(app);
    // The what-ifs the Earth-vs-space window asks for and draws.
    if !app
        .world()
        .contains_resource::<crate::whatif::WhatIfFuture>()
    {
        crate::whatif::plugin(app);
    }
    app.init_resource::<look::Look>()
        .init_resource::<crate::screen::ReducedMotion>();
    app.add_systems(
        EguiPrimaryContextPass,
        (cjk_font, look::apply_look).before(top_bar::top_bar),
    )
    .add_systems(Update, (window_title, look::share_motion));
    app.init_resource::<Panels>()
        .init_resource::<orders_panel::OrdersDraft>()
        .init_resource::<orders_panel::LastOutcome>()
        .init_resource::<charts::ChartsWindow>()
        .init_resource::<charts::Spread>()
        .init_resource::<codex::CodexWindow>()
        .init_resource::<earth_space::EarthSpaceWindow>()
        .init_resource::<branches::BranchesWindow>()
        .init_resource::<picker::PickerWindow>()
        .init_resource::<speech::Speech>()
        .init_resource::<chart_reader::ChartCursors>()
        .init_resource::<prediction::PredictionWindow>()
        .init_resource::<class_window::ClassWindow>()
        // Chained, in this order, because egui lays out in the order it is drawn: the top
        // bar and the bottom panel take their edges of the window first and write their
        // heights into `Covered`, the side panels fit between them (reading those heights),
        // the windows float over the panels, and the title menu comes last, on top of all.
        // An order's outcome is read before the orders panel shows it, and the teacher's
        // lock closes what it hides before any window is drawn.
        .add_systems(
            EguiPrimaryContextPass,
            (
                orders_panel::read_outcomes,
                speech::notice_story,
                top_bar::top_bar,
                enforce_lock,
                side::bottom_panel,
                orders_panel::orders_panel,
                side::side_panel,
                charts::charts_window,
                codex::codex_window,
                picker::picker_window,
                earth_space::earth_space_window,
                branches::branches_window,
                debrief::end_screen,
                prediction::prediction_window,
                settings::caption,
                menu::menu_window.run_if(in_state(crate::screen::Screen::Title)),
                speech::speak,
            )
                .chain(),
        )
        .add_systems(Update, class_window::replay_next)
        .add_systems(
            EguiPrimaryContextPass,
            class_window::class_window
                .after(branches::branches_window)
                .before(menu::menu_window),
        )
        .init_resource::<menu::MenuState>()
        .add_systems(OnExit(crate::screen::Screen::Title), menu::leave_menu)
        // While a text field has the keyboard, the game's keys are the field's.
        .configure_sets(
            PreUpdate,
            crate::screen::ReadInput.run_if(no_text_field_has_the_keyboard),
        )
        .add_systems(
            PreUpdate,
            (
                keys::toggle_panels,
                keys::cycle_selection,
                branches::branch_key,
                settings::presentation_key,
                menu::menu_key,
            )
                .in_set(crate::screen::ReadInput),
        )
        .add_systems(Update, settings::presentation_zoom)
        // The title menu and the prediction hold the game, before the sim's ticks run.
        .add_systems(
            PreUpdate,
            (
                menu::wait_under_menu.run_if(in_state(crate::screen::Screen::Title)),
                prediction::hold_until_answered,
            )
                .after(crate::screen::ReadInput)
                .before(crate::sim::SimDrive),
        );
    // After bevy_egui's context set-up (PreUpdate), before its pass (PostUpdate).
    #[cfg(not(target_arch = "wasm32"))]
    app.add_systems(Update, speech::tree_while_a_reader_listens);
}

/// Whether the game's keys are the game's: not while a text field (the codex search, a
/// number) has the keyboard. An open drop-down list does not take them (egui's "any
/// keyboard input" would).
fn no_text_field_has_the_keyboard(wants: Option<Res<bevy_egui::input::EguiWantsInput>>) -> bool {
    !wants.is_some_and(|w| w.wants_keyboard_input())
}

/// How the panels are laid out: hidden (F2), folded to strips, presentation mode.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct Panels {
    /// F2 hides the side and bottom panels, so the 3D view fills the screen (the top bar
    /// stays).
    pub hidden: bool,
    /// The orders panel is folded to a strip.
    pub left_folded: bool,
    /// The what-binds panel is folded to a strip.
    pub right_folded: bool,
    /// Presentation mode (P): larger text, panels hidden, the lesson's step as a caption.
    pub presentation: bool,
}

impl Panels {
    /// Turns presentation mode on or off; the panels hide with it and come back with it.
    pub fn set_presentation(&mut self, on: bool) {
        self.presentation = on;
        self.hidden = on;
    }
}

/// The windows the teacher's lock can hide, each its own window's resource; the lock's
/// [`Panel`] finds a window's open flag ([`Windows::open_mut`]), so the lock, the top bar's
/// buttons and [`set_open`] all go by the one list, [`Panel::ALL`].
#[derive(SystemParam)]
pub(crate) struct Windows<'w> {
    /// The charts.
    charts: ResMut<'w, charts::ChartsWindow>,
    /// The codex (also opened by the figures and the "?" links).
    pub(crate) codex: ResMut<'w, codex::CodexWindow>,
    /// Earth vs space.
    earth_space: ResMut<'w, earth_space::EarthSpaceWindow>,
    /// The branches.
    branches: ResMut<'w, branches::BranchesWindow>,
    /// The level picker.
    picker: ResMut<'w, picker::PickerWindow>,
}

impl Windows<'_> {
    /// Whether the window `panel` names is open, to read and to set; `None` for the orders
    /// panel, which is always there unless hidden.
    pub(crate) fn open_mut(&mut self, panel: Panel) -> Option<&mut bool> {
        Some(match panel {
            Panel::Orders => return None,
            Panel::Charts => &mut self.charts.open,
            Panel::Codex => &mut self.codex.open,
            Panel::EarthSpace => &mut self.earth_space.open,
            Panel::Branches => &mut self.branches.open,
            Panel::NewGame => &mut self.picker.open,
        })
    }
}

/// Opens or closes the window `panel` names (the screenshots' flags open windows so).
/// Nothing happens for the orders panel, which is no window, or without the interface.
pub fn set_open(world: &mut World, panel: Panel, open: bool) {
    // Without the interface its windows' resources are missing and the system does not
    // run: there is nothing to open.
    let _ = world.run_system_cached_with(set_window_open, (panel, open));
}

/// [`set_open`] as a system, to reach the windows through [`Windows`].
fn set_window_open(In((panel, open)): In<(Panel, bool)>, mut windows: Windows) {
    if let Some(flag) = windows.open_mut(panel) {
        *flag = open;
    }
}

/// The teacher's lock closes what it hides, however it was opened (a key, a link, a
/// close-up's button).
fn enforce_lock(lock: Option<Res<TeacherLock>>, mut windows: Windows) {
    let Some(lock) = lock else { return };
    for panel in Panel::ALL {
        if lock.hides(panel)
            && let Some(open) = windows.open_mut(panel)
            && *open
        {
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

/// Sets how much of the window's edges the panels cover, as a panel lays out: `edit`
/// changes one edge. The resource is left untouched (for change detection) when the edge
/// did not move.
pub(super) fn cover(covered: &mut ResMut<Covered>, edit: impl FnOnce(&mut Covered)) {
    let mut now = **covered;
    edit(&mut now);
    covered.set_if_neq(now);
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
        let r = ui.button(if left { "»" } else { "«" }).on_hover_text(hover);
        speech::name(&r, hover);
        r.clicked()
    });
    (shown.response.rect.width(), shown.inner)
}

/// The button in a side panel's heading that folds it to a strip.
pub(super) fn fold_button(ui: &mut egui::Ui, left: bool, tr: &Tr, what: &str) -> bool {
    let hover = tr.args("fold-hover", &[("what", what.to_string())]);
    let r = ui
        .small_button(if left { "«" } else { "»" })
        .on_hover_text(&hover);
    speech::name(&r, hover);
    r.clicked()
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
        R::NoLunarRoute => tr.t("refusal-no-route"),
        R::InvalidAmount { max } => tr.args("refusal-amount", &[("max", tr.num(*max))]),
        R::InvalidShare => tr.t("refusal-share"),
        R::AlreadyResearched => tr.t("refusal-researched"),
        R::OrbitUnreachable(o) => tr.args("refusal-orbit", &[("orbit", orbit(tr, *o))]),
        R::InvalidAssumption(s) => s.clone(),
        R::Land {
            planned_gw,
            most_gw,
        } => tr.args(
            "refusal-land",
            &[
                ("planned", format!("{planned_gw:.1}")),
                ("most", format!("{most_gw:.1}")),
            ],
        ),
    }
}

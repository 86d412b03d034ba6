//! The branches window (key Y): fork the world now with changed assumptions, choose where
//! orders go, compare the futures figure by figure and binding by binding, keep one.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use crate::branch::{BranchCommand, Branches, MAX_BRANCHES, OrderRoute};
use crate::i18n::Tr;
use crate::sim::clock::GameClock;
use crate::sim::limits::{Limits, Walls};
use crate::sim::params::{CATALOGUE, P, Params};
use crate::sim::record::{Figure, Sample, TimeSeries};

/// The branch being drawn up.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// Its name.
    pub name: String,
    /// Whether the player typed the name; until then it is "what if" (and a number from
    /// the second branch on) in the interface's language.
    pub named: bool,
    /// The number in the name not typed by the player (1: none).
    pub ordinal: usize,
    /// The parameter picked to change, and the value typed for it.
    pub pick: P,
    /// See `pick`.
    pub value: f64,
    /// The changes so far.
    pub changes: Vec<(P, f64)>,
    /// Filter for the parameter list.
    pub filter: String,
    /// A fork was asked for when there were this many branches: the form is cleared once
    /// it is made, and kept if it was refused.
    pub asked_at: Option<usize>,
}

impl Default for Draft {
    fn default() -> Self {
        Self {
            name: String::new(),
            named: false,
            ordinal: 1,
            pick: P::LaunchUsdPerKg,
            value: P::LaunchUsdPerKg.def().default,
            changes: Vec::new(),
            filter: String::new(),
            asked_at: None,
        }
    }
}

/// How a figure is written.
#[derive(Clone, Copy)]
enum Style {
    Usd,
    Count,
    Whole,
    Two,
    Three,
}

/// The figures set side by side: the message key of the label, the figure, its style.
const ROWS: &[(&str, Figure, Style)] = &[
    ("branches-row-capital", Figure::CapitalUsd, Style::Usd),
    ("branches-row-ground", Figure::GroundGpus, Style::Count),
    ("branches-row-orbit", Figure::OrbitGpus, Style::Count),
    ("branches-row-dark", Figure::UnpoweredGpus, Style::Count),
    ("branches-row-flights", Figure::FlightsPerYear, Style::Whole),
    ("branches-row-orbit-power", Figure::OrbitPowerGw, Style::Two),
    ("branches-row-robots", Figure::Robots, Style::Count),
    ("branches-row-kardashev", Figure::Kardashev, Style::Three),
];

/// A figure written in its style.
fn write(tr: &Tr, style: Style, v: f64) -> String {
    match style {
        Style::Usd => format!("${}", tr.num(v)),
        Style::Count => tr.num(v),
        Style::Whole => format!("{v:.0}"),
        Style::Two => format!("{v:.2}"),
        Style::Three => format!("{v:.3}"),
    }
}

/// The branches window: whether it is open, and the branch being drawn up.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct BranchesWindow {
    /// Whether it is open.
    pub open: bool,
    /// The branch being drawn up.
    pub draft: Draft,
    /// The draft's changes whose next ten years were asked for last ([`crate::whatif`]).
    pub what_if: Vec<(P, f64)>,
}

/// Y (a fork in the road) opens and closes the window.
pub(super) fn branch_key(
    keys: Res<ButtonInput<KeyCode>>,
    screen: Res<State<crate::screen::Screen>>,
    mut window: ResMut<BranchesWindow>,
) {
    if keys.just_pressed(KeyCode::KeyY) && screen.in_world() {
        window.open = !window.open;
    }
}

/// What the branches window reads and writes.
#[derive(SystemParam)]
pub(super) struct BranchesParams<'w, 's> {
    contexts: EguiContexts<'w, 's>,
    window: ResMut<'w, BranchesWindow>,
    branches: Option<NonSend<'w, Branches>>,
    params: Res<'w, Params>,
    clock: Res<'w, GameClock>,
    series: Res<'w, TimeSeries>,
    limits: Res<'w, Limits>,
    walls: Res<'w, Walls>,
    tr: Res<'w, Tr>,
    commands: MessageWriter<'w, BranchCommand>,
    future: Option<Res<'w, crate::whatif::WhatIfFuture>>,
    asks: MessageWriter<'w, crate::whatif::WhatIfAsked>,
}

/// The branches window, while it is open: the form for a new branch, then, once there
/// are branches, where orders go, the futures side by side, and each branch to keep or
/// drop.
pub(super) fn branches_window(mut p: BranchesParams) -> Result {
    let Some(branches) = p.branches.as_deref() else {
        return Ok(());
    };
    if !p.window.open {
        if !p.window.what_if.is_empty() {
            p.window.what_if.clear();
            p.asks.write(crate::whatif::WhatIfAsked(Vec::new()));
        }
        return Ok(());
    }
    let ctx = p.contexts.ctx_mut()?.clone();
    let tr = &*p.tr;
    let window = &mut *p.window;
    let draft = &mut window.draft;
    let asked = &mut window.what_if;
    settle_draft(draft, branches);
    if !draft.named {
        name_draft(draft, branches, tr);
    }
    let mut open = true;
    egui::Window::new(tr.t("branches-title"))
        .id(egui::Id::new("branches_window"))
        .open(&mut open)
        .default_size([620.0, 560.0])
        .show(&ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.label(tr.t("branches-intro"));
                ui.separator();
                let commands = &mut p.commands;
                let sim = (&*p.params, &*p.clock);
                new_branch(ui, tr, draft, sim, branches, commands);
                let ahead = (&*p.series, p.future.as_deref(), &mut p.asks);
                super::what_if_plot::preview(ui, tr, &draft.changes, asked, ahead);
                show_status(ui, tr, branches);
                if branches.list.is_empty() {
                    return;
                }
                ui.separator();
                order_route(ui, tr, branches, commands);
                ui.separator();
                compare_grid(ui, tr, branches, &p.series.latest, &p.walls, &p.limits);
                ui.separator();
                branch_list(ui, tr, branches, commands);
            });
        });
    if !open {
        p.window.open = false;
    }
    Ok(())
}

/// Names an unnamed draft: the first number whose name is free in every language (a
/// branch forked in another language keeps its name).
fn name_draft(draft: &mut Draft, branches: &Branches, tr: &Tr) {
    let taken = |n: &str| branches.list.iter().any(|b| b.name == n);
    draft.ordinal = (1..)
        .find(|k| {
            crate::i18n::Lang::ALL
                .iter()
                .all(|l| !taken(&default_name(crate::i18n::tr_for(*l), *k)))
        })
        .unwrap_or(1);
    draft.name = default_name(tr, draft.ordinal);
}

/// What the last fork or change said: done, or why not.
fn show_status(ui: &mut egui::Ui, tr: &Tr, branches: &Branches) {
    if let Some(status) = &branches.status {
        match status {
            Ok(t) => ui.weak(t.get(tr.lang)),
            Err(e) => ui.colored_label(egui::Color32::from_rgb(240, 120, 100), e.get(tr.lang)),
        };
    }
}

/// Where orders go (every world, the game only, or one branch), and whether the
/// branches' figures show in the top bar.
fn order_route(
    ui: &mut egui::Ui,
    tr: &Tr,
    branches: &Branches,
    commands: &mut MessageWriter<BranchCommand>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(tr.t("branches-route"));
        let mut route = branches.route.clone();
        ui.radio_value(&mut route, OrderRoute::All, tr.t("branches-route-all"));
        ui.radio_value(&mut route, OrderRoute::Main, tr.t("branches-route-main"));
        for b in &branches.list {
            ui.radio_value(
                &mut route,
                OrderRoute::Branch(b.name.clone()),
                tr.args("branches-route-one", &[("name", b.name.clone())]),
            );
        }
        if route != branches.route {
            commands.write(BranchCommand::Route(route));
        }
    });
    let mut top = branches.in_top_bar;
    if ui.checkbox(&mut top, tr.t("branches-top-bar")).changed() {
        commands.write(BranchCommand::TopBar(top));
    }
}

/// Each branch: its name, when it forked, keep or drop it, and what it assumes.
fn branch_list(
    ui: &mut egui::Ui,
    tr: &Tr,
    branches: &Branches,
    commands: &mut MessageWriter<BranchCommand>,
) {
    for (i, b) in branches.list.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.strong(&b.name);
            let forked = b.world().resource::<GameClock>().date_at(b.fork_tick);
            ui.weak(tr.args("branches-forked", &[("date", forked.to_string())]));
            if ui
                .button(tr.t("branches-keep"))
                .on_hover_text(tr.t("branches-keep-hover"))
                .clicked()
            {
                commands.write(BranchCommand::Keep(i));
            }
            if ui.button(tr.t("branches-drop")).clicked() {
                commands.write(BranchCommand::Drop(i));
            }
        });
        let changes = b.changes();
        if changes.is_empty() {
            ui.weak(tr.t("branches-no-change"));
        }
        for (p, v) in changes {
            let d = p.def();
            ui.weak(tr.args(
                "branches-assumes",
                &[
                    ("name", d.name.to_string()),
                    ("value", v.to_string()),
                    ("unit", super::unit(tr, d.unit)),
                    ("claim", d.claim.to_string()),
                    ("default", d.default.to_string()),
                ],
            ));
        }
    }
}

/// The form for a new branch: its name, its changes, and the fork button.
fn new_branch(
    ui: &mut egui::Ui,
    tr: &Tr,
    draft: &mut Draft,
    (params, clock): (&Params, &GameClock),
    branches: &Branches,
    commands: &mut MessageWriter<BranchCommand>,
) {
    ui.strong(tr.t("branches-new"));
    ui.horizontal(|ui| {
        let label = ui.label(tr.t("branches-name"));
        let field = ui.text_edit_singleline(&mut draft.name);
        if field.labelled_by(label.id).changed() {
            draft.named = true;
        }
    });
    ui.horizontal_wrapped(|ui| change_row(ui, tr, draft, params));
    drafted_changes(ui, tr, draft, params);
    let full = branches.list.len() >= MAX_BRANCHES;
    let fork = ui
        .add_enabled(
            !full,
            egui::Button::new(tr.args("branches-fork", &[("date", clock.date().to_string())])),
        )
        .on_disabled_hover_text(tr.args("branches-full", &[("max", MAX_BRANCHES.to_string())]))
        .on_hover_text(tr.t("branches-fork-hover"));
    if fork.clicked() {
        commands.write(BranchCommand::Fork {
            name: draft.name.trim().to_string(),
            changes: draft.changes.clone(),
        });
        draft.asked_at = Some(branches.list.len());
    }
}

/// The change being drawn up: the parameter (from a menu), its value, its range, and the
/// button that adds it to the branch's changes.
fn change_row(ui: &mut egui::Ui, tr: &Tr, draft: &mut Draft, params: &Params) {
    let label = ui.label(tr.t("branches-assume"));
    let d = draft.pick.def();
    let menu = egui::ComboBox::from_id_salt("branch_param")
        .selected_text(d.name)
        .height(320.0)
        .show_ui(ui, |ui| parameter_menu(ui, tr, draft, params));
    let _ = menu.response.labelled_by(label.id);
    let d = draft.pick.def();
    let speed = ((d.max - d.min) / 500.0).max(1e-6);
    let value = ui.add(
        egui::DragValue::new(&mut draft.value)
            .range(d.min..=d.max)
            .speed(speed),
    );
    super::speech::name(
        &value,
        tr.args("speech-assumed-value", &[("name", d.name.to_string())]),
    );
    ui.weak(tr.args(
        "branches-range",
        &[
            ("unit", super::unit(tr, d.unit)),
            ("now", params.get(draft.pick).to_string()),
            ("min", d.min.to_string()),
            ("max", d.max.to_string()),
        ],
    ));
    if ui.button(tr.t("branches-add")).clicked() {
        draft.changes.retain(|(p, _)| *p != draft.pick);
        draft.changes.push((draft.pick, draft.value));
    }
}

/// The parameter menu: a filter, then every parameter it lets through (name or claim);
/// picking one starts its value at the game's.
fn parameter_menu(ui: &mut egui::Ui, tr: &Tr, draft: &mut Draft, params: &Params) {
    let field = ui
        .text_edit_singleline(&mut draft.filter)
        .on_hover_text(tr.t("branches-filter-hover"));
    super::speech::name(&field, tr.t("branches-filter-hover"));
    let filter = draft.filter.to_lowercase();
    for (k, def) in CATALOGUE.iter().enumerate() {
        if !filter.is_empty()
            && !def.name.contains(&filter)
            && !def.claim.to_lowercase().contains(&filter)
        {
            continue;
        }
        let p = crate::sim::params::ALL[k];
        if ui
            .selectable_label(p == draft.pick, format!("{} ({})", def.name, def.claim))
            .on_hover_text(def.doc)
            .clicked()
        {
            draft.pick = p;
            draft.value = params.get(p);
        }
    }
}

/// The changes drawn up so far, each with a button that takes it out.
fn drafted_changes(ui: &mut egui::Ui, tr: &Tr, draft: &mut Draft, params: &Params) {
    let mut remove = None;
    for (k, (p, v)) in draft.changes.iter().enumerate() {
        ui.horizontal(|ui| {
            let d = p.def();
            ui.label(format!(
                "{}: {} → {} {} ({})",
                d.name,
                params.get(*p),
                v,
                super::unit(tr, d.unit),
                d.claim
            ));
            let r = ui.small_button("✖");
            super::speech::name(&r, tr.t("speech-remove-change"));
            if r.clicked() {
                remove = Some(k);
            }
        });
    }
    if let Some(k) = remove {
        draft.changes.remove(k);
    }
}

/// The name a branch gets when the player types none: "what if", "what if 2", …
fn default_name(tr: &Tr, ordinal: usize) -> String {
    let base = tr.t("branches-default-name");
    if ordinal <= 1 {
        base
    } else {
        format!("{base} {ordinal}")
    }
}

/// Once an asked-for fork is made, a fresh form with a name no branch has; if it was
/// refused, the form stays as it was, to be corrected.
fn settle_draft(draft: &mut Draft, branches: &Branches) {
    let Some(before) = draft.asked_at else {
        return;
    };
    if branches.list.len() > before {
        *draft = Draft::default();
    } else if matches!(branches.status, Some(Err(_))) {
        draft.asked_at = None;
    }
}

/// The game's figures and each branch's, side by side, then what binds in each.
fn compare_grid(
    ui: &mut egui::Ui,
    tr: &Tr,
    branches: &Branches,
    game: &Sample,
    walls: &Walls,
    limits: &Limits,
) {
    let others: Vec<(Sample, String, Option<crate::sim::limits::Wall>)> = branches
        .list
        .iter()
        .map(|b| crate::branch::figures(b.world()))
        .collect();
    egui::Grid::new("branch_figures")
        .striped(true)
        .show(ui, |ui| {
            ui.strong("");
            ui.strong(tr.t("branches-the-game"));
            for b in &branches.list {
                ui.strong(&b.name);
            }
            ui.end_row();
            for (label, f, style) in ROWS {
                ui.label(tr.t(label));
                ui.label(write(tr, *style, game.get(*f)));
                for (s, _, _) in &others {
                    let v = s.get(*f);
                    let text = write(tr, *style, v);
                    if (v - game.get(*f)).abs() > 1e-9 * v.abs().max(1.0) {
                        ui.colored_label(egui::Color32::from_rgb(140, 200, 255), text);
                    } else {
                        ui.label(text);
                    }
                }
                ui.end_row();
            }
            let unknown = tr.t("branches-not-known");
            ui.label(tr.t("branches-wall"));
            ui.label(walls.now.map_or(unknown.clone(), |w| super::wall(tr, w)));
            for (_, _, wall) in &others {
                ui.label(wall.map_or(unknown.clone(), |w| super::wall(tr, w)));
            }
            ui.end_row();
        });
    bindings_compared(ui, tr, branches, limits);
}

/// For each branch, where what binds differs from the game's, chain by chain (or that
/// nothing differs).
fn bindings_compared(ui: &mut egui::Ui, tr: &Tr, branches: &Branches, limits: &Limits) {
    ui.strong(tr.t("branches-what-binds"));
    for b in &branches.list {
        let theirs = &b.world().resource::<Limits>().bindings;
        let differ: Vec<String> = limits
            .bindings
            .iter()
            .zip(theirs)
            .filter(|(a, t)| a.constraint != t.constraint)
            .map(|(a, t)| {
                tr.args(
                    "branches-differ-one",
                    &[
                        (
                            "game",
                            format!(
                                "{}: {}",
                                super::chain(tr, a.chain),
                                super::constraint(tr, a.constraint)
                            ),
                        ),
                        ("theirs", super::constraint(tr, t.constraint)),
                    ],
                )
            })
            .collect();
        if differ.is_empty() {
            ui.weak(tr.args("branches-same", &[("name", b.name.clone())]));
        } else {
            ui.label(tr.args(
                "branches-differ",
                &[("name", b.name.clone()), ("list", differ.join("; "))],
            ));
        }
    }
}

//! The panels at the side and the bottom: what binds now (with a button to the order
//! that relieves it) and the inspector at the right; the goals, the lesson and the level's
//! messages at the bottom.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::Panels;
use super::orders_panel::{OrdersDraft, Tab};
use crate::i18n::Tr;
use crate::level::script::{GoalState, MessageLog, PointAt, Script};
use crate::screen::{CloseupRequest, Covered, SceneKind, Selection};
use crate::sim::chips::{Fab, FabKind, FabPhase};
use crate::sim::clock::GameClock;
use crate::sim::datacenters::{Climate, GroundDatacenter};
use crate::sim::launch::{Flight, LaunchSite, Pad, Ship};
use crate::sim::limits::{Constraint, Limits, Walls, reliefs};
use crate::sim::moon::LunarBase;
use crate::sim::orbit::OrbitalDatacenter;
use crate::sim::orders::Order;
use crate::sim::params::{P, Params};
use crate::sim::projects::Project;
use crate::sim::research::Research;
use crate::sim::robots::RobotFactory;

/// An action in the player's words: the orders panel's name for it.
pub(super) fn action_words(tr: &Tr, action: &str) -> String {
    let key = match action {
        "build:solar_farm" => "orders-solar-farm",
        "build:batteries" => "orders-batteries",
        "build:turbines" => "orders-turbines",
        "build:datacenter" => "orders-datacenter",
        "build:fab" => "orders-fab",
        "build:ship" => "orders-ship",
        "build:pad" => "orders-pad",
        "build:methane_plant" => "orders-methane-plant",
        "build:robot_factory" => "orders-factory",
        "build:lunar_works" => "orders-works",
        "build:mass_driver" => "orders-driver",
        "policy:burn_in" => "policy-burn-in",
        "policy:space_share" => "policy-space-share",
        "policy:chip_orders" => "policy-chip-orders",
        "policy:chip_budget" => "policy-chip-budget",
        "policy:robots_to_factories" => "policy-robots-factories",
        "policy:robots_to_moon" => "policy-robots-moon",
        "policy:robots_need_power" => "policy-robots-need-power",
        "policy:lunar_reinvest" => "policy-lunar-reinvest",
        "policy:launch_orbit" => "policy-orbit",
        other => match other.strip_prefix("research:") {
            Some(t) => return tr.t(&format!("tech-{}", t.replace('_', ""))),
            None => return other.to_string(),
        },
    };
    tr.t(key)
}

/// The orders panel's tab that holds an action.
fn tab_of(action: &str) -> Tab {
    if action.starts_with("research:") {
        Tab::Research
    } else if action.starts_with("policy:") {
        Tab::Policies
    } else {
        Tab::Build
    }
}

/// What the inspector can show: the sim's things by kind, the clock for ages, and the
/// close-ups its buttons open.
#[derive(SystemParam)]
pub(super) struct Inspected<'w, 's> {
    sites: Query<'w, 's, &'static LaunchSite>,
    pads: Query<'w, 's, &'static Pad>,
    ships: Query<'w, 's, &'static Ship>,
    halls: Query<'w, 's, &'static GroundDatacenter>,
    cohorts: Query<'w, 's, &'static OrbitalDatacenter>,
    flights: Query<'w, 's, &'static Flight>,
    bases: Query<'w, 's, &'static LunarBase>,
    factories: Query<'w, 's, &'static RobotFactory>,
    clock: Res<'w, GameClock>,
    grid: Res<'w, crate::sim::energy::Grid>,
    closeups: MessageWriter<'w, CloseupRequest>,
}

/// What the what-binds panel reads and writes.
#[derive(SystemParam)]
pub(super) struct SideParams<'w, 's> {
    contexts: EguiContexts<'w, 's>,
    limits: Res<'w, Limits>,
    walls: Res<'w, Walls>,
    selection: Res<'w, Selection>,
    draft: ResMut<'w, OrdersDraft>,
    panels: ResMut<'w, Panels>,
    covered: ResMut<'w, Covered>,
    tr: Res<'w, Tr>,
    inspected: Inspected<'w, 's>,
    schedules: Schedules<'w, 's>,
}

/// What the projects list reads: every project, fab and research under way, with the
/// parameters that announce their dates.
#[derive(SystemParam)]
pub(super) struct Schedules<'w, 's> {
    projects: Query<'w, 's, &'static Project>,
    fabs: Query<'w, 's, &'static Fab>,
    research: Res<'w, Research>,
    params: Res<'w, Params>,
    clock: Res<'w, GameClock>,
}

/// The what-binds panel at the right, between the top bar and the bottom panel, its width
/// written into [`Covered`]: the wall, each chain's binding with its fix, the inspector;
/// or a strip when folded, or nothing when the panels are hidden.
pub(super) fn side_panel(mut p: SideParams) -> Result {
    if p.panels.hidden {
        super::cover(&mut p.covered, |c| c.right = 0.0);
        return Ok(());
    }
    let ctx = p.contexts.ctx_mut()?.clone();
    let mut root = super::region(&ctx, p.covered.top, p.covered.bottom, "right_region");
    if p.panels.right_folded {
        let (w, open) = super::strip(&mut root, "binds_strip", false, &p.tr.t("binds-show"));
        super::cover(&mut p.covered, |c| c.right = w);
        p.panels.right_folded = !open;
        return Ok(());
    }
    let tr = &*p.tr;
    let panels = &mut *p.panels;
    let panel = egui::Panel::right("binds")
        .default_size(320.0)
        .show(&mut root, |ui| {
            ui.horizontal(|ui| {
                if super::fold_button(ui, false, tr, &tr.t("binds-fold")) {
                    panels.right_folded = true;
                }
                ui.heading(tr.t("binds-title"));
            });
            wall_now(ui, tr, &p.walls);
            bindings(ui, tr, &p.limits, &mut p.draft);
            ui.separator();
            projects_under_way(ui, tr, &p.schedules);
            ui.separator();
            ui.heading(tr.t("inspector-title"));
            inspect(ui, tr, p.selection.entity, &mut p.inspected);
        });
    let width = panel.response.rect.width();
    super::cover(&mut p.covered, |c| c.right = width);
    Ok(())
}

/// The wall the game is at now, and the walls it has hit before.
fn wall_now(ui: &mut egui::Ui, tr: &Tr, walls: &Walls) {
    ui.horizontal_wrapped(|ui| {
        ui.label(tr.t("binds-wall"));
        match walls.now {
            Some(w) => {
                ui.colored_label(egui::Color32::from_rgb(255, 120, 80), super::wall(tr, w));
            }
            None => {
                ui.weak(tr.t("binds-wall-unknown"));
            }
        }
        if walls.history.len() > 1 {
            ui.weak(format!("({})", super::walls_summary(tr, walls)))
                .on_hover_text(tr.t("binds-walls-hover"));
        }
    });
}

/// What binds each chain now, with a "fix" button that points the orders panel at the
/// order that relieves it.
fn bindings(ui: &mut egui::Ui, tr: &Tr, limits: &Limits, draft: &mut OrdersDraft) {
    for b in &limits.bindings {
        ui.horizontal_wrapped(|ui| {
            ui.strong(super::chain(tr, b.chain));
            ui.colored_label(
                egui::Color32::from_rgb(255, 170, 90),
                super::constraint(tr, b.constraint),
            );
            // Every order and policy that relieves it: "fix" for the most direct, then the
            // others by name.
            for (i, &action) in reliefs(b.constraint).iter().enumerate() {
                let words = action_words(tr, action);
                let label = if i == 0 {
                    tr.t("binds-fix")
                } else {
                    words.clone()
                };
                if ui
                    .small_button(label)
                    .on_hover_text(tr.args("binds-fix-hover", &[("action", words)]))
                    .clicked()
                {
                    point_orders_at(draft, tab_of(action), action, b.constraint);
                }
            }
        });
        ui.weak(b.detail.get(tr.lang));
    }
}

/// Points the orders panel at the order that relieves `c`: its tab, its row lit, and for
/// a shortage of chips the kind of fab that makes them.
fn point_orders_at(draft: &mut OrdersDraft, tab: Tab, action: &'static str, c: Constraint) {
    draft.tab = tab;
    draft.highlight = Some(action);
    if matches!(c, Constraint::Memory) {
        draft.fab_kind = FabKind::Memory;
    } else if matches!(c, Constraint::Logic) {
        draft.fab_kind = FabKind::Logic;
    }
}

/// C38: each project under way with its announced date (the median) and its 80% range,
/// from the hours its timed stages have left as announced; the slip drawn for it stays
/// hidden, as a real schedule's would.
fn projects_under_way(ui: &mut egui::Ui, tr: &Tr, s: &Schedules) {
    let sigma = s.params.get(P::ScheduleSlipSigma);
    let mut rows: Vec<(f64, String)> = Vec::new();
    let mut projects: Vec<&Project> = s.projects.iter().collect();
    projects.sort_by_key(|p| p.seq);
    for p in projects {
        let what = action_words(tr, Order::Build(p.kind.clone()).action());
        rows.push((p.announced_hours_left(&s.params), what));
    }
    for f in s.fabs.iter().filter(|f| f.phase != FabPhase::Volume) {
        let kind = tr.t(&format!("orders-{:?}", f.kind).to_lowercase());
        rows.push((
            f.announced_hours_left(&s.params),
            format!("{} ({kind})", action_words(tr, "build:fab")),
        ));
    }
    for (t, left) in &s.research.in_progress {
        rows.push((*left, action_words(tr, Order::Research(*t).action())));
    }
    ui.collapsing(
        tr.args("projects-title", &[("n", rows.len().to_string())]),
        |ui| {
            if rows.is_empty() {
                ui.weak(tr.t("projects-none"));
            }
            let tick = s.clock.tick;
            let at = |h: f64| {
                s.clock
                    .date_at(tick + h.max(0.0).round() as u64)
                    .to_string()
            };
            for (hours, what) in rows {
                let (lo, hi) = crate::sim::rng::range_80(hours, sigma);
                ui.label(tr.args(
                    "projects-row",
                    &[
                        ("what", what),
                        ("median", at(hours)),
                        ("lo", at(lo)),
                        ("hi", at(hi)),
                    ],
                ));
            }
            ui.weak(tr.args("projects-note", &[("sigma", format!("{sigma:.2}"))]));
        },
    );
}

/// The inspector: what the selected thing is and how it is doing, with a button to its
/// close-up where it has one.
fn inspect(ui: &mut egui::Ui, tr: &Tr, selected: Option<Entity>, q: &mut Inspected) {
    let Some(e) = selected else {
        ui.weak(tr.t("inspector-hint"));
        return;
    };
    if let Ok(s) = q.sites.get(e) {
        let pads = q.pads.iter().filter(|p| p.site == e).count();
        let ships = q.ships.iter().filter(|p| p.site == e).count();
        show_site(ui, tr, s, pads, ships);
        if ui.button(tr.t("inspector-closeup-pad")).clicked() {
            q.closeups.write(CloseupRequest::Open(SceneKind::Pad(e)));
        }
    } else if let Ok(h) = q.halls.get(e) {
        show_hall(ui, tr, h, q.grid.climate);
    } else if let Ok(c) = q.cohorts.get(e) {
        show_cohort(ui, tr, c, &q.clock);
    } else if let Ok(f) = q.flights.get(e) {
        show_flight(ui, tr, f);
    } else if let Ok(b) = q.bases.get(e) {
        show_base(ui, tr, b);
        if ui.button(tr.t("inspector-closeup-driver")).clicked() {
            q.closeups.write(CloseupRequest::Open(SceneKind::Driver));
        }
    } else if let Ok(f) = q.factories.get(e) {
        ui.strong(&f.name);
        ui.label(tr.args("inspector-lines", &[("n", format!("{:.1}", f.lines))]));
        if ui.button(tr.t("inspector-closeup-factory")).clicked() {
            q.closeups.write(CloseupRequest::Open(SceneKind::Factory));
        }
    } else {
        ui.weak(tr.t("inspector-gone"));
    }
}

/// A launch site: where it is, its pads and ships, its methane.
fn show_site(ui: &mut egui::Ui, tr: &Tr, s: &LaunchSite, pads: usize, ships: usize) {
    ui.strong(&s.name);
    ui.label(format!("{:.2}° N, {:.2}° E", s.lat_deg, s.lon_deg));
    ui.label(tr.args(
        "inspector-pads-ships",
        &[("pads", pads.to_string()), ("ships", ships.to_string())],
    ));
    ui.label(tr.args(
        "inspector-methane",
        &[
            ("t", format!("{:.0}", s.methane_t)),
            ("cap", format!("{:.0}", s.methane_capacity_t)),
            ("day", format!("{:.0}", s.methane_t_per_day)),
        ],
    ));
}

/// A datacenter hall: its climate (its grid site's), its GPUs against its slots, and how
/// many are powered.
fn show_hall(ui: &mut egui::Ui, tr: &Tr, h: &GroundDatacenter, climate: Climate) {
    let si = |x: f64| tr.num(x);
    ui.strong(&h.name);
    ui.label(tr.t(&format!("climate-{climate:?}").to_lowercase()));
    ui.label(tr.args(
        "inspector-slots",
        &[("gpus", si(h.gpus)), ("slots", si(h.gpu_slots))],
    ));
    ui.label(tr.args(
        "inspector-powered",
        &[("on", si(h.gpus_powered)), ("dark", si(h.unpowered()))],
    ));
}

/// A cohort of satellites: its orbit, its working and failed GPUs, its arrays, its age.
fn show_cohort(ui: &mut egui::Ui, tr: &Tr, c: &OrbitalDatacenter, clock: &GameClock) {
    let si = |x: f64| tr.num(x);
    ui.strong(tr.args(
        "inspector-satellites",
        &[("orbit", super::orbit(tr, c.orbit))],
    ));
    ui.label(tr.args(
        "inspector-working",
        &[("on", si(c.gpus)), ("failed", si(c.failed))],
    ));
    ui.label(tr.args(
        "inspector-arrays",
        &[
            ("gw", format!("{:.2}", c.solar_gw)),
            ("pct", format!("{:.1}", c.orbit.sunlit_fraction() * 100.0)),
        ],
    ));
    ui.label(tr.args(
        "inspector-age",
        &[("years", format!("{:.1}", c.age_years(clock.tick)))],
    ));
}

/// A flight: its phase, how far along, and what it carries.
fn show_flight(ui: &mut egui::Ui, tr: &Tr, f: &Flight) {
    ui.strong(tr.t("inspector-flight"));
    ui.label(tr.args(
        "inspector-phase",
        &[
            (
                "phase",
                tr.t(&format!("phase-{:?}", f.phase).to_lowercase()),
            ),
            ("pct", format!("{:.0}", f.progress() * 100.0)),
        ],
    ));
    ui.label(super::payload(tr, &f.payload));
}

/// The lunar base: what it has mined and thrown, day or night, and what limits it.
fn show_base(ui: &mut egui::Ui, tr: &Tr, b: &LunarBase) {
    let si = |x: f64| tr.num(x);
    ui.strong(tr.t("inspector-base"));
    ui.label(tr.args(
        "inspector-mined",
        &[
            ("soil", si(b.mined_t)),
            ("si", si(b.silicon_t)),
            ("al", si(b.aluminium_t)),
        ],
    ));
    ui.label(tr.args(
        "inspector-thrown",
        &[
            ("gw", format!("{:.2}", b.thrown_gw)),
            ("kits", si(b.kits_t)),
        ],
    ));
    ui.label(tr.t(if b.daylight {
        "inspector-lunar-day"
    } else {
        "inspector-lunar-night"
    }));
    ui.label(tr.args(
        "inspector-limited",
        &[("by", tr.t(&format!("lunar-{:?}", b.limit).to_lowercase()))],
    ));
}

/// A panel or chart a lesson names, in words: its message if the game has one, else the
/// name as the level wrote it.
fn named(tr: &Tr, prefix: &str, name: &str) -> String {
    let key = format!("{prefix}-{name}");
    if tr.has(&key) {
        tr.t(&key)
    } else {
        name.to_string()
    }
}

/// The story panel across the bottom, under the top bar, its height written into
/// [`Covered`]: the goals, the lesson's step and the level's messages, in three columns;
/// nothing when the panels are hidden.
pub(super) fn bottom_panel(
    mut contexts: EguiContexts,
    script: Res<Script>,
    log: Res<MessageLog>,
    panels: Res<Panels>,
    mut covered: ResMut<Covered>,
    tr: Res<Tr>,
) -> Result {
    if panels.hidden {
        super::cover(&mut covered, |c| c.bottom = 0.0);
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let mut root = super::region(ctx, covered.top, 0.0, "bottom_region");
    let bottom = egui::Panel::bottom("story")
        .default_size(120.0)
        .resizable(true)
        .show(&mut root, |ui| {
            ui.columns(3, |cols| {
                goals_column(&mut cols[0], &tr, &script);
                lesson_column(&mut cols[1], &tr, &script);
                messages_column(&mut cols[2], &tr, &log);
            });
        });
    let height = bottom.response.rect.height();
    super::cover(&mut covered, |c| c.bottom = height);
    Ok(())
}

/// The level's goals, each open, reached or failed.
fn goals_column(ui: &mut egui::Ui, tr: &Tr, script: &Script) {
    ui.heading(tr.t("story-goals"));
    for (g, st) in &script.goals {
        let (mark, color) = match st {
            GoalState::Open => ("○", egui::Color32::LIGHT_GRAY),
            GoalState::Reached(_) => ("✔", egui::Color32::from_rgb(140, 220, 140)),
            GoalState::Failed(_) => ("✖", egui::Color32::from_rgb(240, 120, 100)),
        };
        ui.colored_label(color, format!("{mark} {}", g.text.get(tr.lang)));
    }
}

/// The lesson's step now, with what it points at; or that the lesson is done, or that
/// the level has none.
fn lesson_column(ui: &mut egui::Ui, tr: &Tr, script: &Script) {
    ui.heading(tr.t("story-lesson"));
    match script.lesson.get(script.step) {
        Some(step) => {
            ui.label(tr.args(
                "story-step",
                &[
                    ("n", (script.step + 1).to_string()),
                    ("of", script.lesson.len().to_string()),
                ],
            ));
            ui.label(step.text.get(tr.lang));
            let at = match &step.point_at {
                PointAt::Nothing => String::new(),
                PointAt::Panel(p) => tr.args("story-look-panel", &[("p", named(tr, "panel", p))]),
                PointAt::Entity(e) => tr.args("story-look", &[("e", e.clone())]),
                PointAt::Chart(c) => {
                    tr.args("story-look-chart", &[("c", named(tr, "chartname", c))])
                }
            };
            ui.weak(at);
        }
        None if !script.lesson.is_empty() => {
            ui.label(tr.t("story-lesson-done"));
        }
        None => {
            ui.weak(tr.t("story-no-lesson"));
        }
    }
}

/// The level's messages so far, the newest at the bottom.
fn messages_column(ui: &mut egui::Ui, tr: &Tr, log: &MessageLog) {
    ui.heading(tr.t("story-messages"));
    egui::ScrollArea::vertical()
        .stick_to_bottom(true)
        .show(ui, |ui| {
            for (d, t) in &log.entries {
                ui.label(format!("{d}: {}", t.get(tr.lang)));
            }
        });
}

//! Build, research and policy orders, each with its cost, its build time and why it is
//! disabled when it is.

use std::ops::RangeInclusive;

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::Panels;
use crate::i18n::Tr;
use crate::lock::{Panel, TeacherLock};
use crate::screen::Covered;
use crate::sim::chips::FabKind;
use crate::sim::costs::Learning;
use crate::sim::economy::Capital;
use crate::sim::launch::{self, LaunchSite};
use crate::sim::moon::{LunarBase, LunarMine};
use crate::sim::orbit::Orbit;
use crate::sim::orders::{
    BuildKind, Locks, Order, OrderAccepted, OrderCheck, OrderRefused, Ordered, Policies, Policy,
    Refusal, check_order, cost_usd,
};
use crate::sim::params::{P, Params};
use crate::sim::research::{Research, Tech};
use crate::sim::state::NO_CHIP_BUDGET;

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

/// The orders panel's draft: its tab, the amounts and choices set for the next orders,
/// and the row the "fix it" buttons point at.
#[derive(Resource, Debug, Clone)]
pub struct OrdersDraft {
    /// The tab shown.
    pub tab: Tab,
    /// Amount for solar farms, GW peak.
    pub solar_gw: f64,
    /// Amount for batteries, GWh.
    pub battery_gwh: f64,
    /// Amount for turbines, GW.
    pub turbines_gw: f64,
    /// GPU slots for a new hall.
    pub hall_gpus: f64,
    /// The new fab's kind.
    pub fab_kind: FabKind,
    /// The launch site for ships and pads, by index.
    pub site: usize,
    /// Lunar works to add, GW of cells a year.
    pub works_gw_per_yr: f64,
    /// Mass-driver throughput to add, t/h.
    pub driver_t_per_h: f64,
    /// Methane production a plant adds at the chosen site, t/day.
    pub methane_t_per_day: f64,
    /// An order row the "fix it" buttons point at.
    pub highlight: Option<&'static str>,
}

impl Default for OrdersDraft {
    fn default() -> Self {
        Self {
            tab: Tab::Build,
            solar_gw: 1.0,
            battery_gwh: 4.0,
            turbines_gw: 1.0,
            hall_gpus: 100_000.0,
            fab_kind: FabKind::Memory,
            site: 0,
            works_gw_per_yr: 5.0,
            driver_t_per_h: 10.0,
            methane_t_per_day: 5_000.0,
            highlight: None,
        }
    }
}

/// The last order's outcome, shown under the orders: whether it was accepted, and in
/// words (a refusal says why).
#[derive(Resource, Debug, Clone, Default)]
pub struct LastOutcome(pub Option<(bool, String)>);

/// Notes each order's outcome as the sim reports it, for the panel to show.
pub(super) fn read_outcomes(
    mut accepted: MessageReader<OrderAccepted>,
    mut refused: MessageReader<OrderRefused>,
    mut last: ResMut<LastOutcome>,
    tr: Res<Tr>,
) {
    for a in accepted.read() {
        last.0 = Some((
            true,
            tr.args(
                "orders-ordered",
                &[
                    ("action", super::side::action_words(&tr, a.order.action())),
                    ("usd", tr.num(a.cost_usd)),
                ],
            ),
        ));
    }
    for r in refused.read() {
        last.0 = Some((
            false,
            tr.args(
                "orders-refused",
                &[
                    ("action", super::side::action_words(&tr, r.order.action())),
                    ("why", super::refusal(&tr, &r.reason)),
                ],
            ),
        ));
    }
}

/// The order rows as they are drawn: what they read (the state the sim's rule checks, the
/// words, the row the "fix it" buttons point at), and the orders their buttons gave.
struct Rows<'a> {
    tr: &'a Tr,
    params: &'a Params,
    learning: &'a Learning,
    research: &'a Research,
    capital: &'a Capital,
    locks: &'a Locks,
    has_base: bool,
    lunar_robots: f64,
    policies: &'a Policies,
    sites: Vec<(String, bool)>,
    /// The grid's site, where every hall goes: its climate cools them.
    grid: &'a crate::sim::energy::Grid,
    /// The projects' queues: the solar ahead in the studies, the land it takes.
    queues: &'a crate::sim::projects::Queues,
    highlight: Option<&'static str>,
    /// The orders given this frame, sent once the panel is drawn.
    given: Vec<Order>,
}

impl Rows<'_> {
    /// "N months": the build time parameter `k`, in words.
    fn months(&self, k: P) -> String {
        self.median_months(self.params.get(k))
    }

    /// `months` as announced, the median, with its 80% range (C38's slip).
    fn median_months(&self, months: f64) -> String {
        let sigma = self.params.get(P::ScheduleSlipSigma);
        let (lo, hi) = crate::sim::rng::range_80(months, sigma);
        if sigma <= 0.0 || months <= 0.0 {
            return self
                .tr
                .args("orders-months", &[("n", format!("{months:.0}"))]);
        }
        self.tr.args(
            "orders-months-range",
            &[
                ("n", format!("{months:.0}")),
                ("lo", format!("{lo:.0}")),
                ("hi", format!("{hi:.0}")),
            ],
        )
    }

    /// One order row: its label (the message `key`), cost, time and button; lit when a
    /// "fix it" button points at it, and with why it cannot be given when it cannot.
    fn row(&mut self, ui: &mut egui::Ui, key: &str, order: Order, time: &str) {
        let tr = self.tr;
        let cost = cost_usd(&order, self.params, self.research, self.learning);
        let why = self.blocked(&order);
        // Wrapped: a long time (a farm's study, permit, panels and build) stays in the
        // panel's width instead of widening it over the 3D view.
        ui.horizontal_wrapped(|ui| {
            let text = egui::RichText::new(tr.t(key));
            let text = if self.highlight == Some(order.action()) {
                text.color(egui::Color32::from_rgb(255, 200, 80)).strong()
            } else {
                text
            };
            let button = ui.add_enabled(why.is_none(), egui::Button::new(text));
            let button = match &why {
                Some(w) => button.on_disabled_hover_text(w.clone()),
                None => {
                    button.on_hover_text(format!("{} · ${} · {time}", order.action(), tr.num(cost)))
                }
            };
            if button.clicked() {
                self.given.push(order.clone());
            }
            // A screen reader hears the row on its button: the name, then the cost, the
            // time and why it cannot be given.
            let row = tr.args(
                "speech-order-row",
                &[("usd", tr.num(cost)), ("time", time.to_string())],
            );
            super::speech::describe(
                &button,
                match &why {
                    Some(w) => tr.args("speech-order-refused", &[("row", row), ("why", w.clone())]),
                    None => row,
                },
            );
            ui.label(format!("${}", tr.num(cost)));
            ui.weak(time);
            if let Some(w) = why {
                ui.colored_label(egui::Color32::from_rgb(230, 140, 110), w);
            }
        });
    }

    /// Why an order cannot be given now, if it cannot: the sim's own rule
    /// ([`check_order`]), in the panel's words.
    fn blocked(&self, order: &Order) -> Option<String> {
        let tr = self.tr;
        let sites: Vec<(&str, bool)> = self
            .sites
            .iter()
            .map(|(n, sso)| (n.as_str(), *sso))
            .collect();
        let check = OrderCheck {
            params: self.params,
            learning: self.learning,
            research: self.research,
            policies: self.policies,
            locks: self.locks,
            capital_usd: self.capital.usd,
            sites: &sites,
            has_lunar_base: self.has_base,
            lunar_robots: self.lunar_robots,
            solar_gw: self.grid.solar_peak_gw + self.queues.solar_planned_gw,
        };
        if self.locks.teacher_locks(order) {
            return Some(super::refusal(tr, &Refusal::TeacherLocked));
        }
        match check_order(order, &check) {
            Ok(_) => None,
            Err(Refusal::AlreadyResearched) => Some(match order {
                Order::Research(t) if self.research.has(*t) => tr.t("orders-done"),
                _ => tr.t("orders-under-way"),
            }),
            Err(Refusal::NoLunarBase) => Some(tr.t("orders-needs-base")),
            Err(Refusal::Capital { need_usd, have_usd }) => Some(tr.args(
                "orders-needs-usd",
                &[("need", tr.num(need_usd)), ("have", tr.num(have_usd))],
            )),
            Err(other) => Some(super::refusal(tr, &other)),
        }
    }
}

/// What the orders panel reads and writes.
#[derive(SystemParam)]
pub(super) struct OrdersParams<'w, 's> {
    contexts: EguiContexts<'w, 's>,
    draft: ResMut<'w, OrdersDraft>,
    outcome: Res<'w, LastOutcome>,
    panels: ResMut<'w, Panels>,
    covered: ResMut<'w, Covered>,
    params: Res<'w, Params>,
    learning: Res<'w, Learning>,
    research: Res<'w, Research>,
    capital: Res<'w, Capital>,
    locks: Res<'w, Locks>,
    policies: Res<'w, Policies>,
    grid: Res<'w, crate::sim::energy::Grid>,
    queues: Res<'w, crate::sim::projects::Queues>,
    sites: Query<'w, 's, &'static LaunchSite>,
    bases: Query<'w, 's, &'static LunarBase>,
    mines: Query<'w, 's, &'static LunarMine>,
    orders: MessageWriter<'w, Ordered>,
    tr: Res<'w, Tr>,
    lock: Option<Res<'w, TeacherLock>>,
}

/// The orders panel at the left, between the top bar and the bottom panel, its width
/// written into [`Covered`]: its tabs, or a strip when folded, or nothing when the panels
/// are hidden or the teacher's lock hides it. The orders given go to the sim.
pub(super) fn orders_panel(mut p: OrdersParams) -> Result {
    let locked_away = p.lock.as_ref().is_some_and(|l| l.hides(Panel::Orders));
    if p.panels.hidden || locked_away {
        super::cover(&mut p.covered, |c| c.left = 0.0);
        return Ok(());
    }
    let egui_ctx = p.contexts.ctx_mut()?.clone();
    let mut root = super::region(&egui_ctx, p.covered.top, p.covered.bottom, "left_region");
    if p.panels.left_folded {
        let (w, open) = super::strip(&mut root, "orders_strip", true, &p.tr.t("orders-show"));
        super::cover(&mut p.covered, |c| c.left = w);
        p.panels.left_folded = !open;
        return Ok(());
    }
    let mut rows = Rows {
        tr: &p.tr,
        params: &p.params,
        learning: &p.learning,
        research: &p.research,
        capital: &p.capital,
        locks: &p.locks,
        has_base: !p.bases.is_empty(),
        lunar_robots: p.mines.iter().map(|m| m.robots).sum(),
        policies: &p.policies,
        sites: p.sites.iter().map(|s| (s.name.clone(), s.sso)).collect(),
        grid: &p.grid,
        queues: &p.queues,
        highlight: p.draft.highlight,
        given: Vec::new(),
    };
    let draft = &mut *p.draft;
    let panels = &mut *p.panels;
    let outcome = &*p.outcome;
    let panel = egui::Panel::left("orders")
        .default_size(330.0)
        .show(&mut root, |ui| {
            tab_row(ui, rows.tr, draft, panels);
            ui.separator();
            egui::ScrollArea::vertical().show(ui, |ui| match draft.tab {
                Tab::Build => build_tab(ui, &mut rows, draft),
                Tab::Research => research_tab(ui, &mut rows),
                Tab::Policies => policies_tab(ui, &mut rows),
            });
            show_outcome(ui, outcome);
        });
    let width = panel.response.rect.width();
    super::cover(&mut p.covered, |c| c.left = width);
    for o in rows.given {
        p.orders.write(Ordered(o));
    }
    Ok(())
}

/// The panel's heading: the button that folds it, then its tabs.
fn tab_row(ui: &mut egui::Ui, tr: &Tr, draft: &mut OrdersDraft, panels: &mut Panels) {
    ui.horizontal(|ui| {
        if super::fold_button(ui, true, tr, &tr.t("orders-fold")) {
            panels.left_folded = true;
        }
        for (tab, name) in [
            (Tab::Build, "panel-build"),
            (Tab::Research, "panel-research"),
            (Tab::Policies, "panel-policies"),
        ] {
            if ui.selectable_label(draft.tab == tab, tr.t(name)).clicked() {
                draft.tab = tab;
            }
        }
    });
}

/// The last order's outcome under the tabs: green when it was accepted, red with why when
/// it was refused.
fn show_outcome(ui: &mut egui::Ui, outcome: &LastOutcome) {
    let Some((ok, text)) = &outcome.0 else {
        return;
    };
    ui.separator();
    let color = if *ok {
        egui::Color32::from_rgb(140, 220, 140)
    } else {
        egui::Color32::from_rgb(240, 130, 110)
    };
    ui.colored_label(color, text);
}

/// A logarithmic slider for an order's amount, labelled with the message `key`.
fn amount(ui: &mut egui::Ui, tr: &Tr, key: &str, value: &mut f64, range: RangeInclusive<f64>) {
    ui.add(
        egui::Slider::new(value, range)
            .logarithmic(true)
            .text(tr.t(key)),
    );
}

/// The Build tab: power, compute, launch, then robots and the Moon.
fn build_tab(ui: &mut egui::Ui, rows: &mut Rows, draft: &mut OrdersDraft) {
    power_orders(ui, rows, draft);
    compute_orders(ui, rows, draft);
    launch_orders(ui, rows, draft);
    moon_orders(ui, rows, draft);
}

/// Solar farms, batteries and gas turbines, each with its amount.
fn power_orders(ui: &mut egui::Ui, rows: &mut Rows, draft: &mut OrdersDraft) {
    let tr = rows.tr;
    ui.heading(tr.t("orders-power"));
    amount(ui, tr, "orders-gw-solar", &mut draft.solar_gw, 0.1..=100.0);
    let solar = Order::Build(BuildKind::SolarFarm { gw: draft.solar_gw });
    let q = rows.queues;
    let solar_time = tr.args(
        "orders-solar-time",
        &[
            ("study", rows.months(P::InterconnectStudy)),
            ("ahead", format!("{:.1}", q.study_gw)),
            (
                "rate",
                format!("{:.0}", rows.params.get(P::InterconnectGwPerYr)),
            ),
            ("permit", rows.months(P::GroundPermitDelay)),
            (
                "panels",
                format!("{:.0}", rows.params.get(P::PanelSupplyGwPerYr)),
            ),
            ("build", rows.months(P::SolarFarmBuild)),
        ],
    );
    rows.row(ui, "orders-solar-farm", solar, &solar_time);
    amount(
        ui,
        tr,
        "orders-gwh-batteries",
        &mut draft.battery_gwh,
        0.5..=500.0,
    );
    let gwh = draft.battery_gwh;
    let battery_time = rows.months(P::BatteryBuild);
    rows.row(
        ui,
        "orders-batteries",
        Order::Build(BuildKind::Batteries { gwh }),
        &battery_time,
    );
    amount(
        ui,
        tr,
        "orders-gw-turbines",
        &mut draft.turbines_gw,
        0.1..=50.0,
    );
    let turbines = Order::Build(BuildKind::Turbines {
        gw: draft.turbines_gw,
    });
    let then = rows.months(P::TurbineInstall);
    let turbine_time = tr.args("orders-turbine-time", &[("then", then)]);
    rows.row(ui, "orders-turbines", turbines, &turbine_time);
}

/// Datacenter halls (their GPU slots; the grid's site gives their climate) and chip fabs
/// (logic or memory).
fn compute_orders(ui: &mut egui::Ui, rows: &mut Rows, draft: &mut OrdersDraft) {
    let tr = rows.tr;
    ui.heading(tr.t("orders-compute"));
    let slots = 10_000.0..=10_000_000.0;
    amount(ui, tr, "orders-gpu-slots", &mut draft.hall_gpus, slots);
    let climate = rows.grid.climate;
    ui.weak(tr.args(
        "orders-hall-climate",
        &[
            (
                "climate",
                tr.t(&format!("climate-{climate:?}").to_lowercase()),
            ),
            (
                "pct",
                format!("{:.0}", climate.cooling_overhead(rows.params) * 100.0),
            ),
        ],
    ));
    let hall = Order::Build(BuildKind::Datacenter {
        gpus: draft.hall_gpus,
    });
    let hall_time = rows.months(P::DatacenterBuild);
    rows.row(ui, "orders-datacenter", hall, &hall_time);
    ui.horizontal(|ui| {
        ui.radio_value(&mut draft.fab_kind, FabKind::Logic, tr.t("orders-logic"));
        ui.radio_value(&mut draft.fab_kind, FabKind::Memory, tr.t("orders-memory"));
    });
    let fab = Order::Build(BuildKind::Fab {
        kind: draft.fab_kind,
    });
    let params = rows.params;
    let fab_months = params.get(P::FabBuild) + params.get(P::FabTooling) + params.get(P::FabRamp);
    let fab_time = tr.args("orders-fab-time", &[("n", rows.median_months(fab_months))]);
    rows.row(ui, "orders-fab", fab, &fab_time);
}

/// Ships and pads at the chosen launch site (or a note that there is no site).
fn launch_orders(ui: &mut egui::Ui, rows: &mut Rows, draft: &mut OrdersDraft) {
    let site = &mut draft.site;
    let tr = rows.tr;
    ui.heading(tr.t("orders-launch"));
    let names: Vec<String> = rows.sites.iter().map(|(n, _)| n.clone()).collect();
    if names.is_empty() {
        ui.weak(tr.t("orders-no-sites"));
        return;
    }
    *site = (*site).min(names.len() - 1);
    egui::ComboBox::from_label(tr.t("orders-site"))
        .selected_text(names[*site].clone())
        .show_ui(ui, |ui| {
            for (i, n) in names.iter().enumerate() {
                ui.selectable_value(&mut *site, i, n);
            }
        });
    let name = names[*site].clone();
    let ship = Order::Build(BuildKind::Ship { site: name.clone() });
    let ship_time = rows.months(P::ShipBuild);
    rows.row(ui, "orders-ship", ship, &ship_time);
    let pad_time = rows.months(P::PadBuild);
    rows.row(
        ui,
        "orders-pad",
        Order::Build(BuildKind::Pad { site: name.clone() }),
        &pad_time,
    );
    amount(
        ui,
        tr,
        "orders-methane-t-per-day",
        &mut draft.methane_t_per_day,
        100.0..=100_000.0,
    );
    let plant = Order::Build(BuildKind::MethanePlant {
        site: name,
        t_per_day: draft.methane_t_per_day,
    });
    let plant_time = rows.months(P::MethanePlantBuild);
    rows.row(ui, "orders-methane-plant", plant, &plant_time);
}

/// Robot factories, lunar works and the mass driver, with their amounts.
fn moon_orders(ui: &mut egui::Ui, rows: &mut Rows, draft: &mut OrdersDraft) {
    let tr = rows.tr;
    ui.heading(tr.t("orders-robots-moon"));
    let factory_time = rows.months(P::RobotFactoryBuild);
    rows.row(
        ui,
        "orders-factory",
        Order::Build(BuildKind::RobotFactory),
        &factory_time,
    );
    let lunar_time = rows.months(P::LunarBuild);
    amount(
        ui,
        tr,
        "orders-gw-cells",
        &mut draft.works_gw_per_yr,
        0.5..=1000.0,
    );
    let works = Order::Build(BuildKind::LunarWorks {
        gw_per_yr: draft.works_gw_per_yr,
    });
    rows.row(ui, "orders-works", works, &lunar_time);
    amount(
        ui,
        tr,
        "orders-t-per-h",
        &mut draft.driver_t_per_h,
        1.0..=10_000.0,
    );
    let driver = Order::Build(BuildKind::MassDriver {
        t_per_h: draft.driver_t_per_h,
    });
    rows.row(ui, "orders-driver", driver, &lunar_time);
}

/// The Research tab: every technology, with its time and its claim.
fn research_tab(ui: &mut egui::Ui, rows: &mut Rows) {
    for t in Tech::ALL {
        let key = format!("tech-{t:?}").to_lowercase();
        let months = rows.median_months(t.months());
        let time = format!("{months} · {}", t.claim());
        rows.row(ui, &key, Order::Research(t), &time);
    }
}

/// How far a policy's share moves for an arrow key (and the finest share a drag sets).
const SHARE_STEP: f64 = 0.01;

/// The Policies tab. A change is an order like any other (a slider's when it is let go),
/// so the sim can refuse it and the panel shows why.
fn policies_tab(ui: &mut egui::Ui, rows: &mut Rows) {
    let tr = rows.tr;
    let mut p = rows.policies.clone();
    let mut changed = Vec::new();
    if ui
        .checkbox(&mut p.burn_in, tr.t("policy-burn-in"))
        .changed()
    {
        changed.push(Policy::BurnIn(p.burn_in));
    }
    if ui
        .checkbox(&mut p.robots_need_power, tr.t("policy-robots-need-power"))
        .changed()
    {
        changed.push(Policy::RobotsNeedPower(p.robots_need_power));
    }
    let shares: [(&mut f64, &str, fn(f64) -> Policy); 5] = [
        (&mut p.space_share, "policy-space-share", Policy::SpaceShare),
        (&mut p.chip_orders, "policy-chip-orders", Policy::ChipOrders),
        (
            &mut p.robots_to_factories,
            "policy-robots-factories",
            Policy::RobotsToFactories,
        ),
        (
            &mut p.robots_to_moon,
            "policy-robots-moon",
            Policy::RobotsToMoon,
        ),
        (
            &mut p.lunar_reinvest,
            "policy-lunar-reinvest",
            Policy::LunarReinvest,
        ),
    ];
    for (share, key, policy) in shares {
        let r = ui.add(
            egui::Slider::new(&mut *share, 0.0..=1.0)
                .step_by(SHARE_STEP)
                .text(tr.t(key)),
        );
        // A drag gives its order when it is let go; the arrow keys (one step a press) and
        // a typed value give theirs at once, as a keyboard has nothing to let go.
        let by_keys = r.changed() && !r.is_pointer_button_down_on() && !r.dragged();
        if r.drag_stopped() || (by_keys && !ui.ctx().text_edit_focused()) {
            changed.push(policy(*share));
        }
    }
    // The chip budget, $ a year on a log scale; its top is "no limit".
    let none = tr.t("policy-chip-budget-none");
    if ui
        .add(
            egui::Slider::new(&mut p.chip_budget_usd_per_yr, 1e8..=NO_CHIP_BUDGET)
                .logarithmic(true)
                .custom_formatter(|v, _| {
                    if v >= NO_CHIP_BUDGET {
                        none.clone()
                    } else {
                        format!("${}", tr.num(v))
                    }
                })
                .text(tr.t("policy-chip-budget")),
        )
        .drag_stopped()
    {
        changed.push(Policy::ChipBudget(p.chip_budget_usd_per_yr));
    }
    ui.label(tr.t("policy-orbit"));
    for (o, name) in [
        (Orbit::Leo, tr.t("policy-orbit-leo")),
        (Orbit::Sso, tr.t("policy-orbit-sso")),
        (Orbit::Geo, tr.t("policy-orbit-geo")),
    ] {
        let text = orbit_choice(rows, o, name);
        if ui.radio(p.launch_orbit == o, text).clicked() {
            changed.push(Policy::LaunchOrbit(o));
        }
    }
    rows.given.extend(changed.into_iter().map(Order::Policy));
}

/// An orbit to launch new satellites to, in words: its name, the launch's cost a GPU,
/// the GPUs a flight carries there and the tanker flights it needs.
fn orbit_choice(rows: &Rows, o: Orbit, name: String) -> String {
    let tr = rows.tr;
    let (gpus, _) = launch::satellite_load_to(rows.params, o);
    let tankers = launch::tankers_to(rows.params, o);
    let usd = launch::launch_usd_per_gpu(rows.params, rows.learning, o);
    let tankers = if tankers > 0.0 {
        tr.args("policy-orbit-tankers", &[("n", format!("{tankers:.0}"))])
    } else {
        String::new()
    };
    tr.args(
        "policy-orbit-row",
        &[
            ("name", name),
            ("usd", format!("{usd:.0}")),
            ("gpus", tr.num(gpus)),
            ("tankers", tankers),
        ],
    )
}

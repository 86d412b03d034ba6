//! Build, research and policy orders, each with its cost, its build time and why it is
//! disabled when it is.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::{Tab, UiState};
use crate::i18n::Tr;
use crate::sim::chips::FabKind;
use crate::sim::datacenters::Climate;
use crate::sim::economy::Capital;
use crate::sim::launch::{self, LaunchSite};
use crate::sim::moon::LunarBase;
use crate::sim::orbit::Orbit;
use crate::sim::orders::{
    BuildKind, Locks, Order, OrderCheck, Ordered, Policies, Policy, Refusal, check_order, cost_usd,
};
use crate::sim::params::{P, Params};
use crate::sim::research::{Research, Tech};

/// Why an order cannot be given now, if it cannot: the sim's own rule
/// ([`check_order`]), in the panel's words.
fn blocked(order: &Order, ctx: &Ctx) -> Option<String> {
    let tr = ctx.tr;
    let sites: Vec<(&str, bool)> = ctx
        .sites
        .iter()
        .map(|(n, sso)| (n.as_str(), *sso))
        .collect();
    let check = OrderCheck {
        params: ctx.params,
        learning: ctx.learning,
        research: ctx.research,
        policies: ctx.policies,
        locks: ctx.locks,
        capital_usd: ctx.capital.usd,
        sites: &sites,
        has_lunar_base: ctx.has_base,
    };
    if ctx.locks.teacher_locks(order) {
        return Some(super::refusal(tr, &Refusal::TeacherLocked));
    }
    match check_order(order, &check) {
        Ok(_) => None,
        Err(Refusal::AlreadyResearched) => Some(match order {
            Order::Research(t) if ctx.research.has(*t) => tr.t("orders-done"),
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

/// One order row: its label, cost, time and button.
fn order_row(
    ui: &mut egui::Ui,
    label: &str,
    order: Order,
    time: &str,
    ctx: &Ctx,
    send: &mut Vec<Order>,
    highlight: Option<&'static str>,
) {
    let cost = cost_usd(&order, ctx.params, ctx.research, ctx.learning);
    let why = blocked(&order, ctx);
    ui.horizontal(|ui| {
        let text = egui::RichText::new(label);
        let text = if highlight == Some(order.action()) {
            text.color(egui::Color32::from_rgb(255, 200, 80)).strong()
        } else {
            text
        };
        let button = ui.add_enabled(why.is_none(), egui::Button::new(text));
        let button = match &why {
            Some(w) => button.on_disabled_hover_text(w.clone()),
            None => button.on_hover_text(format!(
                "{} · ${} · {time}",
                order.action(),
                ctx.tr.num(cost)
            )),
        };
        if button.clicked() {
            send.push(order.clone());
        }
        ui.label(format!("${}", ctx.tr.num(cost)));
        ui.weak(time);
        if let Some(w) = why {
            ui.colored_label(egui::Color32::from_rgb(230, 140, 110), w);
        }
    });
}

struct Ctx<'a> {
    tr: &'a Tr,
    params: &'a Params,
    learning: &'a crate::sim::costs::Learning,
    research: &'a Research,
    capital: &'a Capital,
    locks: &'a Locks,
    has_base: bool,
    policies: &'a Policies,
    sites: Vec<(String, bool)>,
}

pub(super) fn orders_panel(
    mut contexts: EguiContexts,
    mut ui_state: ResMut<UiState>,
    params: Res<Params>,
    learning: Res<crate::sim::costs::Learning>,
    research: Res<Research>,
    capital: Res<Capital>,
    locks: Res<Locks>,
    policies: Res<Policies>,
    sites: Query<&LaunchSite>,
    bases: Query<&LunarBase>,
    mut orders: MessageWriter<Ordered>,
    tr: Res<Tr>,
    lock: Option<Res<crate::lock::TeacherLock>>,
) -> Result {
    let locked_away = lock.is_some_and(|l| l.hides(crate::lock::Panel::Orders));
    if ui_state.panels_hidden || locked_away {
        ui_state.left_w = 0.0;
        return Ok(());
    }
    let egui_ctx = contexts.ctx_mut()?;
    let ctx = Ctx {
        tr: &tr,
        params: &params,
        learning: &learning,
        research: &research,
        capital: &capital,
        locks: &locks,
        has_base: !bases.is_empty(),
        policies: &policies,
        sites: sites.iter().map(|s| (s.name.clone(), s.sso)).collect(),
    };
    let mut send = Vec::new();
    let months = |k: P| tr.args("orders-months", &[("n", format!("{:.0}", params.get(k)))]);
    let si = |x: f64| tr.num(x);
    let mut root = super::region(egui_ctx, ui_state.top_h, ui_state.bottom_h, "left_region");
    if ui_state.left_folded {
        let (w, open) = super::strip(&mut root, "orders_strip", true, &tr.t("orders-show"));
        ui_state.left_w = w;
        ui_state.left_folded = !open;
        return Ok(());
    }
    let panel = egui::Panel::left("orders")
        .default_size(330.0)
        .show(&mut root, |ui| {
            ui.horizontal(|ui| {
                if super::fold_button(ui, true, &tr, &tr.t("orders-fold")) {
                    ui_state.left_folded = true;
                }
                for (tab, name) in [
                    (Tab::Build, "panel-build"),
                    (Tab::Research, "panel-research"),
                    (Tab::Policies, "panel-policies"),
                ] {
                    if ui
                        .selectable_label(ui_state.tab == tab, tr.t(name))
                        .clicked()
                    {
                        ui_state.tab = tab;
                    }
                }
            });
            ui.separator();
            let hl = ui_state.highlight;
            egui::ScrollArea::vertical().show(ui, |ui| match ui_state.tab {
                Tab::Build => {
                    ui.heading(tr.t("orders-power"));
                    ui.add(
                        egui::Slider::new(&mut ui_state.solar_gw, 0.1..=100.0)
                            .logarithmic(true)
                            .text(tr.t("orders-gw-solar")),
                    );
                    order_row(
                        ui,
                        &tr.t("orders-solar-farm"),
                        Order::Build(BuildKind::SolarFarm {
                            gw: ui_state.solar_gw,
                        }),
                        &tr.args(
                            "orders-solar-time",
                            &[
                                ("study", months(P::InterconnectStudy)),
                                ("permit", months(P::GroundPermitDelay)),
                                ("build", months(P::SolarFarmBuild)),
                            ],
                        ),
                        &ctx,
                        &mut send,
                        hl,
                    );
                    ui.add(
                        egui::Slider::new(&mut ui_state.battery_gwh, 0.5..=500.0)
                            .logarithmic(true)
                            .text(tr.t("orders-gwh-batteries")),
                    );
                    order_row(
                        ui,
                        &tr.t("orders-batteries"),
                        Order::Build(BuildKind::Batteries {
                            gwh: ui_state.battery_gwh,
                        }),
                        &months(P::BatteryBuild),
                        &ctx,
                        &mut send,
                        hl,
                    );
                    ui.add(
                        egui::Slider::new(&mut ui_state.turbines_gw, 0.1..=50.0)
                            .logarithmic(true)
                            .text(tr.t("orders-gw-turbines")),
                    );
                    order_row(
                        ui,
                        &tr.t("orders-turbines"),
                        Order::Build(BuildKind::Turbines {
                            gw: ui_state.turbines_gw,
                        }),
                        &tr.args(
                            "orders-turbine-time",
                            &[("then", months(P::TurbineInstall))],
                        ),
                        &ctx,
                        &mut send,
                        hl,
                    );
                    ui.heading(tr.t("orders-compute"));
                    ui.add(
                        egui::Slider::new(&mut ui_state.hall_gpus, 10_000.0..=10_000_000.0)
                            .logarithmic(true)
                            .text(tr.t("orders-gpu-slots")),
                    );
                    ui.horizontal(|ui| {
                        ui.radio_value(
                            &mut ui_state.hall_climate,
                            Climate::Temperate,
                            tr.t("orders-temperate"),
                        );
                        ui.radio_value(
                            &mut ui_state.hall_climate,
                            Climate::Hot,
                            tr.t("orders-hot"),
                        );
                    });
                    order_row(
                        ui,
                        &tr.t("orders-datacenter"),
                        Order::Build(BuildKind::Datacenter {
                            gpus: ui_state.hall_gpus,
                            climate: ui_state.hall_climate,
                        }),
                        &months(P::DatacenterBuild),
                        &ctx,
                        &mut send,
                        hl,
                    );
                    ui.horizontal(|ui| {
                        ui.radio_value(
                            &mut ui_state.fab_kind,
                            FabKind::Logic,
                            tr.t("orders-logic"),
                        );
                        ui.radio_value(
                            &mut ui_state.fab_kind,
                            FabKind::Memory,
                            tr.t("orders-memory"),
                        );
                    });
                    order_row(
                        ui,
                        &tr.t("orders-fab"),
                        Order::Build(BuildKind::Fab {
                            kind: ui_state.fab_kind,
                        }),
                        &tr.args(
                            "orders-fab-time",
                            &[(
                                "n",
                                format!(
                                    "{:.0}",
                                    params.get(P::FabBuild)
                                        + params.get(P::FabTooling)
                                        + params.get(P::FabRamp)
                                ),
                            )],
                        ),
                        &ctx,
                        &mut send,
                        hl,
                    );
                    ui.heading(tr.t("orders-launch"));
                    let names: Vec<String> = sites.iter().map(|s| s.name.clone()).collect();
                    if names.is_empty() {
                        ui.weak(tr.t("orders-no-sites"));
                    } else {
                        ui_state.site = ui_state.site.min(names.len() - 1);
                        egui::ComboBox::from_label(tr.t("orders-site"))
                            .selected_text(names[ui_state.site].clone())
                            .show_ui(ui, |ui| {
                                for (i, n) in names.iter().enumerate() {
                                    ui.selectable_value(&mut ui_state.site, i, n);
                                }
                            });
                        let site = names[ui_state.site].clone();
                        order_row(
                            ui,
                            &tr.t("orders-ship"),
                            Order::Build(BuildKind::Ship { site: site.clone() }),
                            &months(P::ShipBuild),
                            &ctx,
                            &mut send,
                            hl,
                        );
                        order_row(
                            ui,
                            &tr.t("orders-pad"),
                            Order::Build(BuildKind::Pad { site }),
                            &months(P::PadBuild),
                            &ctx,
                            &mut send,
                            hl,
                        );
                    }
                    ui.heading(tr.t("orders-robots-moon"));
                    order_row(
                        ui,
                        &tr.t("orders-factory"),
                        Order::Build(BuildKind::RobotFactory),
                        &months(P::RobotFactoryBuild),
                        &ctx,
                        &mut send,
                        hl,
                    );
                    ui.add(
                        egui::Slider::new(&mut ui_state.works_gw_per_yr, 0.5..=1000.0)
                            .logarithmic(true)
                            .text(tr.t("orders-gw-cells")),
                    );
                    order_row(
                        ui,
                        &tr.t("orders-works"),
                        Order::Build(BuildKind::LunarWorks {
                            gw_per_yr: ui_state.works_gw_per_yr,
                        }),
                        &months(P::LunarBuild),
                        &ctx,
                        &mut send,
                        hl,
                    );
                    ui.add(
                        egui::Slider::new(&mut ui_state.driver_t_per_h, 1.0..=10_000.0)
                            .logarithmic(true)
                            .text(tr.t("orders-t-per-h")),
                    );
                    order_row(
                        ui,
                        &tr.t("orders-driver"),
                        Order::Build(BuildKind::MassDriver {
                            t_per_h: ui_state.driver_t_per_h,
                        }),
                        &months(P::LunarBuild),
                        &ctx,
                        &mut send,
                        hl,
                    );
                }
                Tab::Research => {
                    for t in Tech::ALL {
                        let what = tr.t(&format!("tech-{t:?}").to_lowercase());
                        order_row(
                            ui,
                            &what,
                            Order::Research(t),
                            &format!(
                                "{} · {}",
                                tr.args("orders-months", &[("n", format!("{:.0}", t.months()))]),
                                t.claim()
                            ),
                            &ctx,
                            &mut send,
                            hl,
                        );
                    }
                }
                Tab::Policies => {
                    let mut p = policies.clone();
                    let mut changed = Vec::new();
                    if ui
                        .checkbox(&mut p.burn_in, tr.t("policy-burn-in"))
                        .changed()
                    {
                        changed.push(Policy::BurnIn(p.burn_in));
                    }
                    if ui
                        .add(
                            egui::Slider::new(&mut p.space_share, 0.0..=1.0)
                                .text(tr.t("policy-space-share")),
                        )
                        .drag_stopped()
                    {
                        changed.push(Policy::SpaceShare(p.space_share));
                    }
                    if ui
                        .add(
                            egui::Slider::new(&mut p.chip_orders, 0.0..=1.0)
                                .text(tr.t("policy-chip-orders")),
                        )
                        .drag_stopped()
                    {
                        changed.push(Policy::ChipOrders(p.chip_orders));
                    }
                    if ui
                        .add(
                            egui::Slider::new(&mut p.robots_to_factories, 0.0..=1.0)
                                .text(tr.t("policy-robots-factories")),
                        )
                        .drag_stopped()
                    {
                        changed.push(Policy::RobotsToFactories(p.robots_to_factories));
                    }
                    if ui
                        .add(
                            egui::Slider::new(&mut p.robots_to_moon, 0.0..=1.0)
                                .text(tr.t("policy-robots-moon")),
                        )
                        .drag_stopped()
                    {
                        changed.push(Policy::RobotsToMoon(p.robots_to_moon));
                    }
                    if ui
                        .add(
                            egui::Slider::new(&mut p.lunar_reinvest, 0.0..=1.0)
                                .text(tr.t("policy-lunar-reinvest")),
                        )
                        .drag_stopped()
                    {
                        changed.push(Policy::LunarReinvest(p.lunar_reinvest));
                    }
                    ui.label(tr.t("policy-orbit"));
                    for (o, name) in [
                        (Orbit::Leo, tr.t("policy-orbit-leo")),
                        (Orbit::Sso, tr.t("policy-orbit-sso")),
                        (Orbit::Geo, tr.t("policy-orbit-geo")),
                    ] {
                        let (gpus, _) = launch::satellite_load_to(&params, o);
                        let tankers = launch::tankers_to(&params, o);
                        let text = tr.args(
                            "policy-orbit-row",
                            &[
                                ("name", name),
                                (
                                    "usd",
                                    format!(
                                        "{:.0}",
                                        launch::launch_usd_per_gpu(&params, &learning, o)
                                    ),
                                ),
                                ("gpus", si(gpus)),
                                (
                                    "tankers",
                                    if tankers > 0.0 {
                                        tr.args(
                                            "policy-orbit-tankers",
                                            &[("n", format!("{tankers:.0}"))],
                                        )
                                    } else {
                                        String::new()
                                    },
                                ),
                            ],
                        );
                        if ui.radio(p.launch_orbit == o, text).clicked() {
                            changed.push(Policy::LaunchOrbit(o));
                        }
                    }
                    send.extend(changed.into_iter().map(Order::Policy));
                }
            });
            if let Some((ok, text)) = &ui_state.last_outcome {
                ui.separator();
                let color = if *ok {
                    egui::Color32::from_rgb(140, 220, 140)
                } else {
                    egui::Color32::from_rgb(240, 130, 110)
                };
                ui.colored_label(color, text);
            }
        });
    ui_state.left_w = panel.response.rect.width();
    for o in send {
        orders.write(Ordered(o));
    }
    Ok(())
}

//! Build, research and policy orders, each with its cost, its build time and why it is
//! disabled when it is.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::{Tab, UiState, si};
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
    match check_order(order, &check) {
        Ok(_) => None,
        Err(Refusal::AlreadyResearched) => Some(match order {
            Order::Research(t) if ctx.research.has(*t) => "done".into(),
            _ => "under way".into(),
        }),
        Err(Refusal::NoLunarBase) => Some("needs a lunar base".into()),
        Err(Refusal::Capital { need_usd, have_usd }) => Some(format!(
            "needs ${}, you have ${}",
            si(need_usd),
            si(have_usd)
        )),
        Err(other) => Some(other.to_string()),
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
            None => button.on_hover_text(format!("{} · ${} · {time}", order.action(), si(cost))),
        };
        if button.clicked() {
            send.push(order.clone());
        }
        ui.label(format!("${}", si(cost)));
        ui.weak(time);
        if let Some(w) = why {
            ui.colored_label(egui::Color32::from_rgb(230, 140, 110), w);
        }
    });
}

struct Ctx<'a> {
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
) -> Result {
    if ui_state.panels_hidden {
        ui_state.left_w = 0.0;
        return Ok(());
    }
    let egui_ctx = contexts.ctx_mut()?;
    let ctx = Ctx {
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
    let months = |k: P| format!("{:.0} months", params.get(k));
    let mut root = super::region(egui_ctx, ui_state.top_h, ui_state.bottom_h, "left_region");
    if ui_state.left_folded {
        let (w, open) = super::strip(&mut root, "orders_strip", true, "show the orders");
        ui_state.left_w = w;
        ui_state.left_folded = !open;
        return Ok(());
    }
    let panel = egui::Panel::left("orders")
        .default_size(330.0)
        .show(&mut root, |ui| {
            ui.horizontal(|ui| {
                if super::fold_button(ui, true, "the orders") {
                    ui_state.left_folded = true;
                }
                for (tab, name) in [
                    (Tab::Build, "Build"),
                    (Tab::Research, "Research"),
                    (Tab::Policies, "Policies"),
                ] {
                    if ui.selectable_label(ui_state.tab == tab, name).clicked() {
                        ui_state.tab = tab;
                    }
                }
            });
            ui.separator();
            let hl = ui_state.highlight;
            egui::ScrollArea::vertical().show(ui, |ui| match ui_state.tab {
                Tab::Build => {
                    ui.heading("Power");
                    ui.add(
                        egui::Slider::new(&mut ui_state.solar_gw, 0.1..=100.0)
                            .logarithmic(true)
                            .text("GW solar"),
                    );
                    order_row(
                        ui,
                        "Solar farm",
                        Order::Build(BuildKind::SolarFarm {
                            gw: ui_state.solar_gw,
                        }),
                        &format!(
                            "study {} + permit {} + build {}",
                            months(P::InterconnectStudy),
                            months(P::GroundPermitDelay),
                            months(P::SolarFarmBuild)
                        ),
                        &ctx,
                        &mut send,
                        hl,
                    );
                    ui.add(
                        egui::Slider::new(&mut ui_state.battery_gwh, 0.5..=500.0)
                            .logarithmic(true)
                            .text("GWh batteries"),
                    );
                    order_row(
                        ui,
                        "Batteries",
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
                            .text("GW turbines"),
                    );
                    order_row(
                        ui,
                        "Gas turbines",
                        Order::Build(BuildKind::Turbines {
                            gw: ui_state.turbines_gw,
                        }),
                        &format!("wait for blades, then {}", months(P::TurbineInstall)),
                        &ctx,
                        &mut send,
                        hl,
                    );
                    ui.heading("Compute");
                    ui.add(
                        egui::Slider::new(&mut ui_state.hall_gpus, 10_000.0..=10_000_000.0)
                            .logarithmic(true)
                            .text("GPU slots"),
                    );
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut ui_state.hall_climate, Climate::Temperate, "temperate");
                        ui.radio_value(
                            &mut ui_state.hall_climate,
                            Climate::Hot,
                            "hot (+40% cooling)",
                        );
                    });
                    order_row(
                        ui,
                        "Datacenter",
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
                        ui.radio_value(&mut ui_state.fab_kind, FabKind::Logic, "logic");
                        ui.radio_value(&mut ui_state.fab_kind, FabKind::Memory, "memory (HBM)");
                    });
                    order_row(
                        ui,
                        "Fab",
                        Order::Build(BuildKind::Fab {
                            kind: ui_state.fab_kind,
                        }),
                        &format!(
                            "{:.0} months to volume",
                            params.get(P::FabBuild)
                                + params.get(P::FabTooling)
                                + params.get(P::FabRamp)
                        ),
                        &ctx,
                        &mut send,
                        hl,
                    );
                    ui.heading("Launch");
                    let names: Vec<String> = sites.iter().map(|s| s.name.clone()).collect();
                    if names.is_empty() {
                        ui.weak("no launch sites in this level");
                    } else {
                        ui_state.site = ui_state.site.min(names.len() - 1);
                        egui::ComboBox::from_label("site")
                            .selected_text(names[ui_state.site].clone())
                            .show_ui(ui, |ui| {
                                for (i, n) in names.iter().enumerate() {
                                    ui.selectable_value(&mut ui_state.site, i, n);
                                }
                            });
                        let site = names[ui_state.site].clone();
                        order_row(
                            ui,
                            "Starship",
                            Order::Build(BuildKind::Ship { site: site.clone() }),
                            &months(P::ShipBuild),
                            &ctx,
                            &mut send,
                            hl,
                        );
                        order_row(
                            ui,
                            "Launch pad",
                            Order::Build(BuildKind::Pad { site }),
                            &months(P::PadBuild),
                            &ctx,
                            &mut send,
                            hl,
                        );
                    }
                    ui.heading("Robots and the Moon");
                    order_row(
                        ui,
                        "Robot factory line",
                        Order::Build(BuildKind::RobotFactory),
                        &months(P::RobotFactoryBuild),
                        &ctx,
                        &mut send,
                        hl,
                    );
                    ui.add(
                        egui::Slider::new(&mut ui_state.works_gw_per_yr, 0.5..=1000.0)
                            .logarithmic(true)
                            .text("GW/yr of cells"),
                    );
                    order_row(
                        ui,
                        "Lunar works",
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
                            .text("t/h"),
                    );
                    order_row(
                        ui,
                        "Mass driver",
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
                        let what = match t {
                            Tech::InhouseCasting => {
                                "In-house turbine casting: past the three booked casters"
                            }
                            Tech::SteelHulls => {
                                "Steel hulls: ships 50x cheaper to hull than carbon fibre"
                            }
                            Tech::ThinFilmCells => {
                                "Thin-film lunar cells: a tenth of the silicon per watt"
                            }
                            Tech::TeraFab => "TeraFab: fabs climb their phases twice as fast",
                            Tech::Hand => "The hand: dexterity grows faster",
                            Tech::Ipo => "IPO: public markets multiply the capital on offer",
                            Tech::LunarOxygen => {
                                "Lunar oxygen: landers refuel on the Moon and fly home (X10)"
                            }
                            Tech::Aerobraking => {
                                "Aerobraking: thrown kits brake down to low orbits (X12)"
                            }
                        };
                        order_row(
                            ui,
                            what,
                            Order::Research(t),
                            &format!("{:.0} months · {}", t.months(), t.claim()),
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
                        .checkbox(&mut p.burn_in, "Burn in new GPUs on the ground (C9)")
                        .changed()
                    {
                        changed.push(Policy::BurnIn(p.burn_in));
                    }
                    if ui
                        .add(
                            egui::Slider::new(&mut p.space_share, 0.0..=1.0)
                                .text("share of GPUs to orbit"),
                        )
                        .drag_stopped()
                    {
                        changed.push(Policy::SpaceShare(p.space_share));
                    }
                    if ui
                        .add(
                            egui::Slider::new(&mut p.chip_orders, 0.0..=1.0)
                                .text("share of chips on offer bought"),
                        )
                        .drag_stopped()
                    {
                        changed.push(Policy::ChipOrders(p.chip_orders));
                    }
                    if ui
                        .add(
                            egui::Slider::new(&mut p.robots_to_factories, 0.0..=1.0)
                                .text("robots building factories (C30)"),
                        )
                        .drag_stopped()
                    {
                        changed.push(Policy::RobotsToFactories(p.robots_to_factories));
                    }
                    if ui
                        .add(
                            egui::Slider::new(&mut p.robots_to_moon, 0.0..=1.0)
                                .text("new robots to the Moon"),
                        )
                        .drag_stopped()
                    {
                        changed.push(Policy::RobotsToMoon(p.robots_to_moon));
                    }
                    if ui
                        .add(
                            egui::Slider::new(&mut p.lunar_reinvest, 0.0..=1.0)
                                .text("lunar cells kept for the base"),
                        )
                        .drag_stopped()
                    {
                        changed.push(Policy::LunarReinvest(p.lunar_reinvest));
                    }
                    ui.label("launch orbit (launch cost per GPU delivered, X9)");
                    for (o, name) in [
                        (Orbit::Leo, "LEO (62% sunlit)"),
                        (Orbit::Sso, "dawn–dusk (99%, polar corridor)"),
                        (Orbit::Geo, "GEO (99.5%)"),
                    ] {
                        let (gpus, _) = launch::satellite_load_to(&params, o);
                        let tankers = launch::tankers_to(&params, o);
                        let text = format!(
                            "{name}: ${:.0}/GPU, {} GPUs a flight{}",
                            launch::launch_usd_per_gpu(&params, &learning, o),
                            si(gpus),
                            if tankers > 0.0 {
                                format!(" after {tankers:.0} tanker flights")
                            } else {
                                String::new()
                            }
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

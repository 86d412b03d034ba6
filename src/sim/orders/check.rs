//! The one rule on orders: whether an order is allowed now ([`check_order`]), and what it
//! costs ([`cost_usd`]). The order desk applies it; the orders panel shows its refusals
//! before a click.

use super::{BuildKind, Order, Policy, Refusal};
use crate::sim::constants::{HOURS_PER_DAY, HOURS_PER_YEAR};
use crate::sim::costs::{Learning, solar_usd_per_w};
use crate::sim::orbit::Orbit;
use crate::sim::params::{P, Params};
use crate::sim::research::{Research, Tech};
use crate::sim::state::{Locks, Policies};

/// The largest amount one build order may ask for, so nothing overflows.
const MAX_AMOUNT: f64 = 1e9;

/// What an order costs now, $.
pub fn cost_usd(order: &Order, params: &Params, research: &Research, learning: &Learning) -> f64 {
    let g = |k| params.get(k);
    match order {
        Order::Build(b) => match b {
            BuildKind::SolarFarm { gw } => {
                gw * 1e9 * solar_usd_per_w(params, learning) * g(P::PanelTariffMultiplier)
            }
            BuildKind::Batteries { gwh } => gwh * 1e6 * g(P::BatteryCostUsdPerKwh),
            BuildKind::Turbines { gw } => gw * 1e6 * g(P::TurbineCostUsdPerKw),
            BuildKind::Datacenter { gpus, .. } => gpus * g(P::DatacenterCostUsdPerGpu),
            BuildKind::Fab { .. } => g(P::FabCostUsd),
            BuildKind::Ship { .. } => ship_cost_usd(params, research),
            BuildKind::Pad { .. } => g(P::PadCostUsd),
            BuildKind::MethanePlant { t_per_day, .. } => {
                t_per_day * (HOURS_PER_YEAR / HOURS_PER_DAY) * g(P::MethanePlantUsdPerTYr)
            }
            BuildKind::RobotFactory => g(P::RobotFactoryCostUsd),
            BuildKind::LunarWorks { gw_per_yr } => gw_per_yr * g(P::LunarWorksCostUsdPerGwYr),
            BuildKind::MassDriver { t_per_h } => t_per_h * g(P::MassDriverCostUsdPerTH),
        },
        Order::Research(t) => t.cost_usd(),
        Order::Policy(_) | Order::Assume { .. } => 0.0,
    }
}

/// C39: a ship costs its steel price, or with a carbon-fibre hull 1/`steel_cost_ratio` more
/// for the hull until steel hulls are researched.
pub fn ship_cost_usd(params: &Params, research: &Research) -> f64 {
    let base = params.get(P::ShipCostUsd);
    if research.has(Tech::SteelHulls) {
        base
    } else {
        let hull = params.get(P::HullCostShare);
        base * ((1.0 - hull) + hull / params.get(P::SteelCostRatio))
    }
}

fn valid_amount(x: f64) -> Result<(), Refusal> {
    if x.is_finite() && x > 0.0 && x <= MAX_AMOUNT {
        Ok(())
    } else {
        Err(Refusal::InvalidAmount { max: MAX_AMOUNT })
    }
}

fn valid_share(x: f64) -> Result<(), Refusal> {
    if (0.0..=1.0).contains(&x) {
        Ok(())
    } else {
        Err(Refusal::InvalidShare)
    }
}

/// What the one rule on orders reads: the world as it is now.
pub struct OrderCheck<'a> {
    /// Parameters in force.
    pub params: &'a Params,
    /// What has been learnt (prices, X3–X4).
    pub learning: &'a Learning,
    /// Research done and under way.
    pub research: &'a Research,
    /// Policies in force.
    pub policies: &'a Policies,
    /// Locked actions.
    pub locks: &'a Locks,
    /// Capital on hand, $.
    pub capital_usd: f64,
    /// Launch sites: name, and whether it reaches the dawn–dusk orbit.
    pub sites: &'a [(&'a str, bool)],
    /// Whether there is a lunar base.
    pub has_lunar_base: bool,
    /// Robots at work on the Moon.
    pub lunar_robots: f64,
    /// Ground solar in service and in projects, peak GW: the land it takes (C3).
    pub solar_gw: f64,
}

/// C3: the most ground solar the land holds, peak GW: the land it may cover at its
/// density.
pub fn solar_land_gw(params: &Params) -> f64 {
    params.get(P::SolarLandKm2) * params.get(P::PvLandDensity) * 1e-3
}

/// The one rule that decides whether an order is allowed now: the order desk applies it,
/// the orders panel shows its refusals before a click. Returns the order's cost.
pub fn check_order(order: &Order, w: &OrderCheck) -> Result<f64, Refusal> {
    if w.locks.locked.iter().any(|a| a == order.action()) {
        return Err(Refusal::Locked);
    }
    match order {
        Order::Build(b) => match b {
            BuildKind::SolarFarm { gw } => {
                valid_amount(*gw)?;
                let most_gw = solar_land_gw(w.params);
                if w.solar_gw + gw > most_gw * (1.0 + 1e-12) {
                    return Err(Refusal::Land {
                        planned_gw: w.solar_gw,
                        most_gw,
                    });
                }
            }
            BuildKind::Batteries { gwh: x }
            | BuildKind::Turbines { gw: x }
            | BuildKind::Datacenter { gpus: x, .. } => valid_amount(*x)?,
            BuildKind::LunarWorks { gw_per_yr: x } | BuildKind::MassDriver { t_per_h: x } => {
                valid_amount(*x)?;
                if !w.has_lunar_base {
                    return Err(Refusal::NoLunarBase);
                }
                // Its equipment must reach the Moon: landed from a launch site, or made by
                // the base's robots (issue 28).
                if crate::sim::moon::lunar_route(!w.sites.is_empty(), w.lunar_robots).is_none() {
                    return Err(Refusal::NoLunarRoute);
                }
            }
            BuildKind::Ship { site: s } | BuildKind::Pad { site: s } => {
                if !w.sites.iter().any(|(n, _)| n == s) {
                    return Err(Refusal::UnknownSite(s.clone()));
                }
            }
            BuildKind::MethanePlant { site: s, t_per_day } => {
                valid_amount(*t_per_day)?;
                if !w.sites.iter().any(|(n, _)| n == s) {
                    return Err(Refusal::UnknownSite(s.clone()));
                }
            }
            BuildKind::Fab { .. } | BuildKind::RobotFactory => {}
        },
        Order::Research(t) => {
            if w.research.has(*t) || w.research.in_progress(*t) {
                return Err(Refusal::AlreadyResearched);
            }
        }
        Order::Policy(p) => match p {
            Policy::SpaceShare(x) | Policy::LunarReinvest(x) | Policy::ChipOrders(x) => {
                valid_share(*x)?;
            }
            Policy::RobotsToFactories(x) => {
                valid_share(*x)?;
                valid_share(*x + w.policies.robots_to_moon)?;
            }
            Policy::RobotsToMoon(x) => {
                valid_share(*x)?;
                valid_share(*x + w.policies.robots_to_factories)?;
            }
            Policy::LaunchOrbit(Orbit::Sso) => {
                if !w.sites.iter().any(|(_, sso)| *sso) {
                    return Err(Refusal::OrbitUnreachable(Orbit::Sso));
                }
            }
            Policy::ChipBudget(x) => {
                let max = crate::sim::state::NO_CHIP_BUDGET;
                if !(x.is_finite() && (0.0..=max).contains(x)) {
                    return Err(Refusal::InvalidAmount { max });
                }
            }
            Policy::BurnIn(_) | Policy::RobotsNeedPower(_) | Policy::LaunchOrbit(_) => {}
        },
        Order::Assume { param, value } => {
            let Some(p) = P::from_name(param) else {
                return Err(Refusal::InvalidAssumption(format!(
                    "`{param}` is not a parameter (`terawatt params` lists them)"
                )));
            };
            let d = p.def();
            if !(value.is_finite() && (d.min..=d.max).contains(value)) {
                return Err(Refusal::InvalidAssumption(format!(
                    "{param}={value} is outside its range {}..{} {}",
                    d.min, d.max, d.unit
                )));
            }
        }
    }
    let cost = cost_usd(order, w.params, w.research, w.learning);
    if cost > 0.0 && cost > w.capital_usd {
        return Err(Refusal::Capital {
            need_usd: cost,
            have_usd: w.capital_usd,
        });
    }
    Ok(cost)
}

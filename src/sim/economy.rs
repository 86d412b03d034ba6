//! The economy: powered compute earns revenue in tiered markets (C28, C29) — customer
//! service first, then design and CAD, then digital humans as intelligence grows — and
//! capital pays for every order; the turbines burn gas (X5) and our fabs cost to run (X15);
//! an IPO sells a float of a valuation set by revenue (C22, X13).

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::constants::HOURS_PER_YEAR;
use super::datacenters::GroundCompute;
use super::orbit::OrbitCompute;
use super::params::{P, Params};
use super::research::{Research, Tech};
use super::robots::RobotWorkforce;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        super::SimTick,
        earn_income.in_set(super::AccountSystems::Earn),
    );
}

/// Compute earns its revenue and costs are paid ([`earn_revenue`]).
fn earn_income(
    params: Res<Params>,
    grid: Res<super::energy::Grid>,
    ground: Res<GroundCompute>,
    orbit: Res<OrbitCompute>,
    workforce: Res<RobotWorkforce>,
    policies: Res<super::state::Policies>,
    stock: Res<super::chips::ChipStock>,
    mut research: ResMut<Research>,
    mut capital: ResMut<Capital>,
) {
    earn_revenue(
        &params,
        (&grid, &stock),
        &mut research,
        &ground,
        &orbit,
        &workforce,
        &policies,
        &mut capital,
    );
}

/// Capital on hand and the flows through it.
#[derive(Resource, Debug, Clone, Serialize, Deserialize, Default, PartialEq, Reflect)]
#[reflect(Resource, Default, Debug, PartialEq)]
pub struct Capital {
    /// Capital on hand, $.
    pub usd: f64,
    /// Revenue this hour, $/h.
    pub revenue_per_hour: f64,
    /// Running cost this hour, $/h (the GPUs', the turbines' gas and the robots' off-peak
    /// power, C46).
    pub opex_per_hour: f64,
    /// Revenue by market tier this hour, $/h.
    pub tier_revenue_per_hour: [f64; 3],
    /// Revenue of robot labour this hour, $/h.
    pub labour_revenue_per_hour: f64,
    /// All revenue, $.
    pub earned_usd: f64,
    /// All spending, $.
    pub spent_usd: f64,
    /// Raised in the IPO, $.
    pub raised_usd: f64,
    /// CO₂ the turbines have put in the air, all game long, t (X5: the heat rate times
    /// 53 kg per MMBtu). A level's third score.
    #[serde(default)]
    pub co2_t: f64,
    /// Gas the turbines burned this hour, $/h (X5; part of the running cost).
    pub gas_per_hour: f64,
    /// Our fabs' running cost this hour besides their power, $/h (X15; part of the running
    /// cost).
    pub fab_opex_per_hour: f64,
    /// Revenue a year at the last month's pace, $/yr (what an IPO values, X13).
    pub revenue_per_year: f64,
}

impl Capital {
    /// Pays `usd` (never below zero: callers check first).
    pub fn spend(&mut self, usd: f64) {
        let usd = usd.max(0.0);
        self.usd -= usd;
        self.spent_usd += usd;
    }
}

/// A market tier: its yearly size, its price multiple and the intelligence it needs.
#[derive(Debug, Clone, Copy)]
pub struct Tier {
    /// Its name.
    pub name: &'static str,
    /// The parameter holding its yearly size.
    pub size: P,
    /// Price of a GPU-hour relative to the first tier.
    pub price_multiple: f64,
    /// Robot-and-AI intelligence factor needed to serve it.
    pub intelligence_needed: f64,
}

/// The tiers, easiest first (C29: "up the difficulty curve").
pub const TIERS: [Tier; 3] = [
    Tier {
        name: "customer service",
        size: P::CustomerServiceMarket,
        price_multiple: 1.0,
        intelligence_needed: 0.0,
    },
    Tier {
        name: "design and CAD",
        size: P::DesignMarket,
        price_multiple: 1.5,
        intelligence_needed: 3.0,
    },
    Tier {
        name: "digital humans",
        size: P::DigitalHumanMarket,
        price_multiple: 2.0,
        intelligence_needed: 10.0,
    },
];

/// X13: what an IPO raises at `revenue_per_year`: the float sold of a valuation of
/// `ipo_valuation_multiple` times the yearly revenue — whatever cash is on hand.
pub fn ipo_raise_usd(params: &Params, revenue_per_year: f64) -> f64 {
    params.get(P::IpoFloat) * params.get(P::IpoValuationMultiple) * revenue_per_year.max(0.0)
}

/// Compute and labour earn in their markets; running costs, gas and the fabs' wafers are
/// paid; an IPO just researched raises its float.
#[expect(
    clippy::too_many_arguments,
    reason = "one rule's inputs, passed by the tick"
)]
pub(super) fn earn_revenue(
    params: &Params,
    (grid, stock): (&super::energy::Grid, &super::chips::ChipStock),
    research: &mut Research,
    ground: &GroundCompute,
    orbit: &OrbitCompute,
    robots: &RobotWorkforce,
    policies: &super::state::Policies,
    capital: &mut Capital,
) {
    // In orbit the GPUs compute only while their satellites are lit (K6).
    let mut gpu_hours = ground.powered + orbit.total_computing();
    let price = params.get(P::GpuHourPriceUsd);
    let mut revenue = 0.0;
    let mut by_tier = [0.0; 3];
    // Serve the best-paying open tier first.
    for (i, tier) in TIERS.iter().enumerate().rev() {
        if robots.intelligence < tier.intelligence_needed || gpu_hours <= 0.0 {
            continue;
        }
        let p = price * tier.price_multiple;
        if p <= 0.0 {
            continue;
        }
        let cap_hours = params.get(tier.size) / HOURS_PER_YEAR / p;
        let served = gpu_hours.min(cap_hours);
        gpu_hours -= served;
        by_tier[i] = served * p;
        revenue += served * p;
    }
    // C32: robots in general labour earn, up to the labour market's size.
    let labourers = robots.working_robots() * (1.0 - policies.robots_to_factories);
    let labour = (labourers * params.get(P::RobotHourValueUsd))
        .min(params.get(P::RobotLabourMarket) / HOURS_PER_YEAR);
    revenue += labour;
    // X5: the turbines burn gas for every kWh they serve.
    let gas = grid.served_turbine_gw * 1e6 * super::costs::gas_usd_per_kwh(params);
    // C46: robots pay for what they charge off peak from the public grid.
    let public_power = robots.public_gw * 1e6 * params.get(P::OffpeakUsdPerKwh);
    // X15: every wafer our fabs start costs its materials, gases, labour and upkeep.
    let fabs = stock.fab_wafers_per_hour * params.get(P::FabOpexUsdPerWafer);
    let opex = (ground.powered + orbit.total_computing()) * params.get(P::OpexUsdPerGpuHour)
        + gas
        + public_power
        + fabs;
    capital.gas_per_hour = gas;
    capital.co2_t += grid.served_turbine_gw * 1e6 * super::costs::gas_co2_t_per_kwh(params);
    capital.fab_opex_per_hour = fabs;
    // The yearly pace, smoothed over about a month of hours.
    let pace = revenue * HOURS_PER_YEAR;
    capital.revenue_per_year += (pace - capital.revenue_per_year) / 720.0;
    capital.tier_revenue_per_hour = by_tier;
    capital.labour_revenue_per_hour = labour;
    capital.revenue_per_hour = revenue;
    capital.opex_per_hour = opex;
    capital.usd += revenue - opex;
    capital.earned_usd += revenue;
    if research.just_done.contains(&Tech::Ipo) {
        let raised = ipo_raise_usd(params, capital.revenue_per_year);
        capital.usd += raised;
        capital.raised_usd += raised;
        research.just_done.retain(|t| *t != Tech::Ipo);
    }
}

//! Earth against space (C8): what a GPU-year costs on the ground and in orbit, term by term,
//! each term from a parameter, plus what waiting costs — money in GPUs that cannot run yet
//! because the ground has no power for them (turbines sold out, permits, studies) or the
//! launch queue is long. The recorder keeps both totals every tick, so the charts show
//! when space becomes the cheaper place, and the Earth-vs-space panel breaks them down.

use super::chips::ChipStock;
use super::constants::{HOURS_PER_YEAR, MONTHS_PER_YEAR};
use super::datacenters::{Climate, GroundCompute, generation_kw_per_gpu};
use super::energy::Grid;
use super::launch::satellite_load;
use super::limits::Limits;
use super::orbit::{Orbit, orbital_kw_per_gpu};
use super::params::{P, Params};
use super::projects::Queues;

/// How long new compute waits before it runs, years.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Waits {
    /// Until new ground power: zero with spare power now, else the quicker of turbines for
    /// the shortfall (behind those already ordered) and a solar farm's study (behind the
    /// GW already in the queue), permits, panels and build.
    pub ground_years: f64,
    /// Until a flight: the launch queue over the flights the fleet can fly a year.
    pub space_years: f64,
}

/// Spare ground power below this counts as none, GW (a thousand GPUs' worth).
const SPARE_GW: f64 = 0.003;

/// The waits the world's state gives now.
pub fn waits(
    params: &Params,
    grid: &Grid,
    ground: &GroundCompute,
    queues: &Queues,
    stock: &ChipStock,
    limits: &Limits,
) -> Waits {
    // The fabs draw first (X15): what is spare for new GPUs is after them.
    let spare = grid.available_gw() - stock.fab_load_gw - ground.load_gw;
    let ground_years = if spare > SPARE_GW && ground.unpowered() <= 0.0 {
        0.0
    } else {
        // The generation the dark GPUs (and the next thousand) need, behind the turbines
        // already ordered.
        let short_gw =
            (stock.fab_wanted_gw + ground.wanted_gw - grid.available_gw()).max(0.0) + SPARE_GW;
        let need_gw = short_gw * (1.0 + params.get(P::GenerationReserve));
        let turbines = (queues.turbines_waiting_gw + need_gw)
            / queues.turbine_delivery_gw_per_yr.max(1e-9)
            + params.get(P::TurbineInstall) / MONTHS_PER_YEAR;
        // A new farm: its study, or the queue ahead of it at the studies' GW a year if
        // that is longer (C16), then permits, the panels ahead of it (C42) and its build.
        let study = (params.get(P::InterconnectStudy) / MONTHS_PER_YEAR)
            .max(queues.study_gw / params.get(P::InterconnectGwPerYr));
        let panels = queues.panels_waiting_gw / params.get(P::PanelSupplyGwPerYr);
        let solar = study
            + panels
            + (params.get(P::GroundPermitDelay) + params.get(P::SolarFarmBuild)) / MONTHS_PER_YEAR;
        turbines.min(solar)
    };
    let (gpus_per_flight, _) = satellite_load(params);
    let backlog = (stock.launch_queue_gpus + stock.launch_queue_unburned) / gpus_per_flight;
    let [ships, pads, methane, _] = limits.launch_capacity_per_yr;
    let fleet = ships.min(pads).min(methane);
    let space_years = if backlog <= 0.0 {
        0.0
    } else if fleet > 0.0 {
        backlog / fleet
    } else {
        f64::INFINITY
    };
    Waits {
        ground_years,
        space_years: space_years.min(100.0),
    }
}

/// One term of a cost, $ per GPU-year, with the parameter it comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Term {
    /// What it pays for.
    pub what: &'static str,
    /// The parameter that sets it (the codex explains it).
    pub param: P,
    /// $ per GPU-year.
    pub usd: f64,
}

/// A GPU-year on the ground and in an orbit.
#[derive(Debug, Clone, PartialEq)]
pub struct Costs {
    /// On the ground (a temperate site).
    pub ground: Vec<Term>,
    /// In orbit.
    pub space: Vec<Term>,
}

fn total(terms: &[Term]) -> f64 {
    terms.iter().map(|t| t.usd).sum()
}

impl Costs {
    /// The ground's total, $ per GPU-year.
    pub fn ground_total(&self) -> f64 {
        total(&self.ground)
    }

    /// Space's total, $ per GPU-year.
    pub fn space_total(&self) -> f64 {
        total(&self.space)
    }
}

/// A GPU-year's costs with these waits, in `orbit`: capital written off over the
/// hardware's life, the running costs, and the capital idle while it waits.
pub fn per_gpu_year(
    params: &Params,
    learning: &super::costs::Learning,
    waits: Waits,
    orbit: Orbit,
) -> Costs {
    let life = params.get(P::HardwareLifeYears).max(0.1);
    let rate = params.get(P::CostOfCapital);
    let gpu = params.get(P::GpuCostUsd);
    let hall = params.get(P::DatacenterCostUsdPerGpu);
    let opex = params.get(P::OpexUsdPerGpuHour) * HOURS_PER_YEAR;
    let gen_kw = generation_kw_per_gpu(params, Climate::Temperate);
    // X6: over a year cooling averages half its sizing peak.
    let mean_load_kw = super::datacenters::load_kw_per_gpu_now(params, Climate::Temperate, 0.5);
    let ground = vec![
        Term {
            what: "the GPU",
            param: P::GpuCostUsd,
            usd: gpu / life,
        },
        Term {
            what: "its hall, racks and cooling",
            param: P::DatacenterCostUsdPerGpu,
            usd: hall / life,
        },
        Term {
            what: "turbines for its generation",
            param: P::TurbineCostUsdPerKw,
            usd: gen_kw * params.get(P::TurbineCostUsdPerKw) / life,
        },
        Term {
            what: "gas for its power (X5)",
            param: P::GasUsdPerMmbtu,
            usd: mean_load_kw * HOURS_PER_YEAR * super::costs::gas_usd_per_kwh(params),
        },
        Term {
            what: "running it",
            param: P::OpexUsdPerGpuHour,
            usd: opex,
        },
        Term {
            what: "capital idle waiting for power",
            param: P::CostOfCapital,
            usd: (gpu + hall) * rate * waits.ground_years / life,
        },
    ];
    // In orbit: no hall, no cooling or reserve, and no storage: GPUs compute only while
    // lit (K6), so a GPU-year of compute takes 1/sunlit GPUs, each on arrays sized for its
    // draw in full sun (in all, arrays and mass for the orbit's average).
    let lit = orbit.sunlit_fraction().max(0.05);
    let kw = orbital_kw_per_gpu(params) / lit;
    let kg = kw * 1000.0 / params.get(P::SatelliteWPerKg);
    let space = vec![
        Term {
            what: "the GPU",
            param: P::GpuCostUsd,
            usd: gpu / lit / life,
        },
        Term {
            what: "its satellite: arrays, radiators, bus (X4)",
            param: P::SatelliteCostUsdPerKw,
            usd: kw * super::costs::satellite_usd_per_kw(params, learning) / life,
        },
        Term {
            what: "launching it (X3)",
            param: P::LaunchUsdPerKg,
            usd: kg * super::costs::launch_usd_per_kg(params, learning) / life,
        },
        Term {
            what: "running it",
            param: P::OpexUsdPerGpuHour,
            usd: opex,
        },
        Term {
            what: "capital idle waiting for a launch",
            param: P::CostOfCapital,
            usd: gpu / lit * rate * waits.space_years / life,
        },
    ];
    Costs { ground, space }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn space_starts_dearer_and_learning_and_waiting_tip_it() {
        use crate::sim::costs::Learning;
        let p = Params::default();
        let new = Learning::default();
        let none = per_gpu_year(&p, &new, Waits::default(), Orbit::Sso);
        let (g, s) = (none.ground_total(), none.space_total());
        // Day one, at $1,000/kg and $20,000/kW, space is dearer (X3, X4).
        assert!(s > g, "ground {g} vs SSO {s}");
        // A hundred thousand flights and a thousand GW later, it is cheaper.
        let mut learnt = Learning::default();
        learnt.flights = 1e5;
        learnt.orbit_gw = 1e3;
        let later = per_gpu_year(&p, &learnt, Waits::default(), Orbit::Sso);
        assert!(later.space_total() < later.ground_total(), "{later:?}");
        let p = &p;
        let learnt = &learnt;
        // Two years of waiting for turbines makes the ground dearer than space.
        let wall = per_gpu_year(
            p,
            learnt,
            Waits {
                ground_years: 2.0,
                space_years: 0.0,
            },
            Orbit::Sso,
        );
        assert!(wall.ground_total() > wall.space_total() * 1.1);
        // LEO spends a third of its time in Earth's shadow: bigger arrays, dearer.
        let leo = per_gpu_year(p, learnt, Waits::default(), Orbit::Leo);
        assert!(leo.space_total() > later.space_total());
        // Dearer launch learnt no faster: space loses again.
        let mut dear = p.clone();
        dear.set(P::LaunchUsdPerKg, 3000.0);
        dear.set(P::LaunchLearning, 0.05);
        let d = per_gpu_year(&dear, learnt, Waits::default(), Orbit::Sso);
        assert!(d.space_total() > d.ground_total());
        for t in none.ground.iter().chain(&none.space) {
            assert!(t.usd.is_finite() && t.usd >= 0.0, "{t:?}");
        }
    }
}

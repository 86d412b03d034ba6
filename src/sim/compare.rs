//! Earth against space (C8): what a GPU-year costs on the ground and in orbit, term by term,
//! each term from a parameter, plus what waiting costs — money in GPUs that cannot run yet
//! because the ground has no power for them (turbines sold out, permits, studies) or the
//! flights are full (ships or pads to build). Both sides are priced as the sim prices
//! them: the ground's halls cooled for the level's own site (C13, X6); in orbit the rated
//! kW of arrays the flights pay for (X8), the launch orbit's payload and tankers (X9), GPUs
//! that compute only while lit (K6: no storage) and fail without repair (C9) on arrays
//! that fade (K9). The waits are measured the same way on both sides: with no slack, the
//! time until new capacity serves new GPUs. The recorder keeps both totals every tick, so
//! the charts show when space becomes the cheaper place, and the Earth-vs-space panel
//! breaks them down.

use super::chips::ChipStock;
use super::constants::{HOURS_PER_YEAR, MONTHS_PER_YEAR};
use super::datacenters::{Climate, GroundCompute, generation_kw_per_gpu};
use super::energy::Grid;
use super::launch::{satellite_load_to, tankers_to};
use super::limits::Limits;
use super::orbit::{Orbit, orbital_kw_per_gpu, sunlit_gw_per_rated_gw};
use super::params::{P, Params};
use super::projects::Queues;

/// How long new compute waits before it runs, years.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Waits {
    /// Until new ground power: zero with spare power now, else the quicker of turbines for
    /// the shortfall (behind those already ordered) and a solar farm's study (behind the
    /// GW already in the queue), permits, panels and build.
    pub ground_years: f64,
    /// Until a flight: with room on the flights, the queue ahead over the flights the
    /// fleet can fly a year; with the flights full, as the ground's: the quicker of new
    /// launch capacity (a ship's build, or a pad's) and the line ahead ([`space_wait`]).
    pub space_years: f64,
}

/// Spare ground power below this counts as none, GW (a thousand GPUs' worth).
const SPARE_GW: f64 = 0.003;

/// The waits the world's state gives now, for GPUs bound for `orbit`.
pub fn waits(
    params: &Params,
    grid: &Grid,
    ground: &GroundCompute,
    queues: &Queues,
    stock: &ChipStock,
    limits: &Limits,
    orbit: Orbit,
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
    let (gpus_per_flight, _) = satellite_load_to(params, orbit);
    let flights_each = 1.0 + tankers_to(params, orbit);
    let queued_flights = (stock.launch_queue_gpus + stock.launch_queue_unburned)
        / gpus_per_flight.max(1e-9)
        * flights_each;
    Waits {
        ground_years,
        space_years: space_wait(params, limits.launch_capacity_per_yr, queued_flights).min(100.0),
    }
}

/// Years a new GPU waits for a flight, from the flights a year each constraint allows
/// (`[ships, pads, methane, payload]`, the payload's being what the GPUs and cargo want)
/// and the flights waiting now. With room on the flights: the line ahead. With the flights
/// full (the payloads want more than the fleet flies): measured as the ground's wait is,
/// the quicker of new capacity — a ship's build when ships bind, a pad's when pads do (no
/// order makes methane) — and the line ahead, the flights waiting now and the year's
/// flights wanted beyond the fleet, over the fleet.
pub fn space_wait(params: &Params, capacity_per_yr: [f64; 4], queued_flights: f64) -> f64 {
    let [ships, pads, methane, payload] = capacity_per_yr;
    let fleet = ships.min(pads).min(methane);
    if queued_flights <= 0.0 && payload <= fleet {
        return 0.0;
    }
    if fleet <= 0.0 {
        return f64::INFINITY;
    }
    let short = (payload - fleet).max(0.0);
    let line = (queued_flights + short) / fleet;
    if short <= 0.0 {
        return line;
    }
    let build_months = if fleet == ships {
        params.get(P::ShipBuild)
    } else if fleet == pads {
        params.get(P::PadBuild)
    } else {
        f64::INFINITY
    };
    line.min(build_months / MONTHS_PER_YEAR)
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
    /// On the ground (halls cooled for the level's site).
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

/// C9, K9: the share of a satellite's GPUs computing over the hardware's life, on average:
/// GPUs fail without repair and the arrays fade, and a cohort computes with the fewer of
/// its GPUs and the GPUs its arrays still power — so it decays at the faster of the two
/// rates, k a year, and computes (1 − e^(−kL)) / (kL) of its first count over L years.
pub fn orbit_life_share(params: &Params) -> f64 {
    let life = params.get(P::HardwareLifeYears).max(0.1);
    let wear = params.get(P::AnnualFailureRate).clamp(0.0, 0.999_999);
    let fade = params.get(P::ArrayDegradation).clamp(0.0, 0.999_999);
    // Rates a year as continuous hazards (the sim applies them hour by hour).
    let k = (wear).max(-super::math::ln(1.0 - fade));
    let kl = k * life;
    if kl < 1e-9 {
        1.0
    } else {
        (1.0 - super::math::exp(-kl)) / kl
    }
}

/// A GPU-year's costs with these waits, in `orbit`, with halls cooled for `climate`:
/// capital written off over the hardware's life, the running costs, and the capital idle
/// while it waits.
pub fn per_gpu_year(
    params: &Params,
    learning: &super::costs::Learning,
    waits: Waits,
    orbit: Orbit,
    climate: Climate,
) -> Costs {
    let life = params.get(P::HardwareLifeYears).max(0.1);
    let rate = params.get(P::CostOfCapital);
    let gpu = params.get(P::GpuCostUsd);
    let hall = params.get(P::DatacenterCostUsdPerGpu);
    let opex = params.get(P::OpexUsdPerGpuHour) * HOURS_PER_YEAR;
    let gen_kw = generation_kw_per_gpu(params, climate);
    // X6: over a year cooling averages half its sizing peak.
    let mean_load_kw = super::datacenters::load_kw_per_gpu_now(params, climate, 0.5);
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
    // lit (K6), so a GPU-year of compute takes 1/sunlit GPUs, each on a satellite whose
    // arrays are rated for its draw in full sun (X8: the rated kW the flights pay for) and
    // launched at the orbit's payload with its tankers (X9).
    let lit = orbit.sunlit_fraction().max(0.05);
    let rated_kw = orbital_kw_per_gpu(params) / sunlit_gw_per_rated_gw(params);
    let hardware = [
        Term {
            what: "the GPU",
            param: P::GpuCostUsd,
            usd: gpu / lit / life,
        },
        Term {
            what: "its satellite: arrays, radiators, bus (X4)",
            param: P::SatelliteCostUsdPerKw,
            usd: rated_kw * super::costs::satellite_usd_per_kw(params, learning) / lit / life,
        },
        Term {
            what: "launching it (X3, X9)",
            param: P::LaunchUsdPerKg,
            usd: super::launch::launch_usd_per_gpu(params, learning, orbit) / lit / life,
        },
    ];
    // C9, K9: what fails or fades is never repaired, so the satellites that compute a
    // GPU-year are bought 1/share times over.
    let bought: f64 = hardware.iter().map(|t| t.usd).sum();
    let failed = Term {
        what: "GPUs failed and arrays faded, never repaired (C9, K9)",
        param: P::AnnualFailureRate,
        usd: bought * (1.0 / orbit_life_share(params) - 1.0),
    };
    let mut space = hardware.to_vec();
    space.extend([
        failed,
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
    ]);
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
        let none = per_gpu_year(&p, &new, Waits::default(), Orbit::Sso, Climate::Temperate);
        let (g, s) = (none.ground_total(), none.space_total());
        // Day one, at $1,000/kg and $20,000/kW, space is dearer (X3, X4).
        assert!(s > g, "ground {g} vs SSO {s}");
        // A hundred thousand flights and a thousand GW later, it is cheaper.
        let mut learnt = Learning::default();
        learnt.flights = 1e5;
        learnt.orbit_gw = 1e3;
        let later = per_gpu_year(
            &p,
            &learnt,
            Waits::default(),
            Orbit::Sso,
            Climate::Temperate,
        );
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
            Climate::Temperate,
        );
        assert!(wall.ground_total() > wall.space_total() * 1.1);
        // LEO spends a third of its time in Earth's shadow: bigger arrays, dearer.
        let leo = per_gpu_year(p, learnt, Waits::default(), Orbit::Leo, Climate::Temperate);
        assert!(leo.space_total() > later.space_total());
        // Dearer launch learnt no faster: space loses again.
        let mut dear = p.clone();
        dear.set(P::LaunchUsdPerKg, 3000.0);
        dear.set(P::LaunchLearning, 0.05);
        let d = per_gpu_year(
            &dear,
            learnt,
            Waits::default(),
            Orbit::Sso,
            Climate::Temperate,
        );
        assert!(d.space_total() > d.ground_total());
        for t in none.ground.iter().chain(&none.space) {
            assert!(t.usd.is_finite() && t.usd >= 0.0, "{t:?}");
        }
    }
}

//! Teaching figures, computed from parameters and constants — never typed in. The codex
//! and the lessons show these beside the claims they check (`docs/model.md`, where the
//! claims and physics meet).

use super::constants::{
    AU_M, EARTH_RADIUS_M, HOURS_PER_YEAR, KG_PER_T, LEO_PERIOD_MIN, METHANE_LHV_MJ_KG,
    MOON_GRAVITY_M_S2, SUN_LUMINOSITY_W, SUNLIT_LEO, WORLD_ELECTRICITY_W,
};
use super::datacenters::{Climate, generation_kw_per_gpu};
use super::energy::{Grid, solar_factor};
use super::orbit::Orbit;
use super::params::{P, Params};

/// C7, X8: how many times more energy one rated GW yields in `orbit` than on the ground,
/// both as the simulation makes them: the orbit's rating × 1,361/1,000 × sunlit × derate
/// over the ground grid's yearly mean output per rated GW.
pub fn space_vs_ground_yield(params: &Params, orbit: Orbit) -> f64 {
    orbit.output_per_rated_gw(params) / ground_yield_per_rated_gw(params, &Grid::default())
}

/// C3: the capacity factor the seed's "about 5x" (C7) is measured against: a good solar
/// site's 25% (the simulation's own fixed panel at 35°N makes about 17%, X7).
pub const SEED_CAPACITY_FACTOR: f64 = 0.25;

/// C7: every multiplier of a solar watt in orbit over one on the ground that a lesson, the
/// codex or the README quotes, in one place: against the simulation's own ground panel
/// (a fixed panel at 35°N under average weather, X7) and against the seed's 25% capacity
/// factor, in the dawn–dusk orbit and in low orbit. Low orbit's GPUs compute only while
/// lit (K6): its multiplier is the energy its arrays make over an orbit, all of it used
/// while the sun is up, none stored for the shadow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YieldMultipliers {
    /// Dawn–dusk orbit over the simulation's ground panel (≈7.0).
    pub sso: f64,
    /// Low orbit over the simulation's ground panel (≈4.4).
    pub leo: f64,
    /// Dawn–dusk orbit over the seed's 25% capacity factor (≈4.9: the seed's "about 5x").
    pub sso_vs_seed: f64,
    /// Low orbit over the seed's 25% capacity factor (≈3.0).
    pub leo_vs_seed: f64,
}

impl YieldMultipliers {
    /// Every multiplier, each with its name, in a fixed order.
    pub fn all(&self) -> [(&'static str, f64); 4] {
        [
            ("sso", self.sso),
            ("leo", self.leo),
            ("sso_vs_seed", self.sso_vs_seed),
            ("leo_vs_seed", self.leo_vs_seed),
        ]
    }
}

/// C7, X8: the multipliers the parameters give.
pub fn yield_multipliers(params: &Params) -> YieldMultipliers {
    let ground = ground_yield_per_rated_gw(params, &Grid::default());
    let sso = Orbit::Sso.output_per_rated_gw(params);
    let leo = Orbit::Leo.output_per_rated_gw(params);
    YieldMultipliers {
        sso: sso / ground,
        leo: leo / ground,
        sso_vs_seed: sso / SEED_CAPACITY_FACTOR,
        leo_vs_seed: leo / SEED_CAPACITY_FACTOR,
    }
}

/// X8: yearly mean output of one rated GW of ground solar on `grid`, GW: the simulation's
/// own hourly solar factor over a year of average weather.
pub fn ground_yield_per_rated_gw(params: &Params, grid: &Grid) -> f64 {
    let mut g = grid.clone();
    g.weather = super::energy::MEAN_WEATHER;
    let hours = HOURS_PER_YEAR as u32;
    (0..hours)
        .map(|h| solar_factor(&g, params, h / 24, h % 24))
        .sum::<f64>()
        / f64::from(hours)
}

/// K6: minutes of the low orbit's period in Earth's shadow, and the period, minutes.
pub fn leo_eclipse_minutes() -> (f64, f64) {
    (LEO_PERIOD_MIN * (1.0 - SUNLIT_LEO), LEO_PERIOD_MIN)
}

/// K6, K9: satellite mass per GPU computing around the clock in `orbit`, kg: a satellite
/// sized for its GPU's draw in full sun ([`super::launch::satellite_kg_per_gpu`]) over the
/// share of the time it is lit, as no orbit carries storage and the GPU idles in shadow.
pub fn satellite_kg_per_gpu_computing(params: &Params, orbit: Orbit) -> f64 {
    super::launch::satellite_kg_per_gpu(params) / orbit.sunlit_fraction()
}

/// C15: generation to build per GPU, kW (racks, network, cooling, reserve).
pub fn generation_per_gpu_kw(params: &Params, climate: Climate) -> f64 {
    generation_kw_per_gpu(params, climate)
}

/// C15: generation for `gpus` GPUs on a hot site, GW.
pub fn generation_for_gpus_gw(params: &Params, gpus: f64) -> f64 {
    gpus * generation_kw_per_gpu(params, Climate::Hot) * 1e-6
}

/// C20: flights one ship can fly a year.
pub fn flights_per_ship_per_year(params: &Params) -> f64 {
    HOURS_PER_YEAR / params.get(P::ShipTurnaround)
}

/// C23: Earth's share of the Sun's output: R² / (4 d²).
pub fn earth_share_of_sunlight() -> f64 {
    EARTH_RADIUS_M * EARTH_RADIUS_M / (4.0 * AU_M * AU_M)
}

/// C24: a millionth of the Sun's output over today's world electricity.
pub fn millionth_of_sun_over_world_electricity() -> f64 {
    SUN_LUMINOSITY_W * 1e-6 / WORLD_ELECTRICITY_W
}

/// K16: Kardashev index (Sagan) of a power in watts: (log10 P − 6) / 10.
pub fn kardashev(power_w: f64) -> f64 {
    if power_w > 1.0 {
        (super::math::log10(power_w) - 6.0) / 10.0
    } else {
        -0.6
    }
}

/// C25: mass-driver track length for the exit speed at `accel_g` gees, km.
pub fn mass_driver_track_km(params: &Params, accel_g: f64) -> f64 {
    let v = params.get(P::MassDriverExitSpeedKmS) * 1000.0;
    v * v / (2.0 * accel_g * 9.81) / 1000.0
}

/// C25: energy per kilogram to leave the Moon against a launch from Earth, as a ratio:
/// methane energy burned per kilogram delivered over the driver's electricity per kilogram.
pub fn rocket_over_driver_energy(params: &Params) -> f64 {
    launch_energy_mj_per_kg(params) / super::moon::driver_mj_per_kg(params)
}

/// K7: methane energy burned per kilogram put in orbit, MJ/kg.
pub fn launch_energy_mj_per_kg(params: &Params) -> f64 {
    params.get(P::MethanePerFlightT) * KG_PER_T * METHANE_LHV_MJ_KG
        / (params.get(P::PayloadT) * KG_PER_T)
}

/// Section 3: days a satellite in `orbit` takes to repay its launch's methane energy.
pub fn energy_payback_days(params: &Params, orbit: Orbit) -> f64 {
    let w_per_kg = params.get(P::SatelliteWPerKg) * orbit.sunlit_fraction();
    launch_energy_mj_per_kg(params) * 1e6 / w_per_kg / 86_400.0
}

/// X9: mass ratio of the burn from low orbit to GEO (rocket equation, e^(Δv / Isp g0)).
pub fn geo_mass_ratio(params: &Params) -> f64 {
    const G0_M_S2: f64 = 9.806_65;
    super::math::exp(params.get(P::GeoDeltaVKmS) * 1000.0 / (params.get(P::ShipIspS) * G0_M_S2))
}

/// X9: propellant a ship needs in low orbit to take a full payload to GEO, t.
pub fn geo_propellant_t(params: &Params) -> f64 {
    (params.get(P::ShipDryMassT) + params.get(P::PayloadT)) * (geo_mass_ratio(params) - 1.0)
}

/// X9: tanker loads that propellant takes, each a full payload of propellant.
pub fn geo_tanker_loads(params: &Params) -> f64 {
    geo_propellant_t(params) / params.get(P::PayloadT)
}

/// X11, C25: electricity per kilogram thrown, kWh/kg: refining, then the throw.
pub fn lunar_kwh_per_kg(params: &Params) -> (f64, f64) {
    (
        params.get(P::RefiningKwhPerKg),
        super::moon::driver_mj_per_kg(params) / 3.6,
    )
}

/// Issue 28, X10, X11: what one GW a year of lunar works takes, by either route. Landed:
/// its mass, t; the landings it fills; and the flights they take with their tankers.
/// Made on the Moon: the robot-hours; the soil whose aluminium it is made of, t; and the
/// energy to win that aluminium and the silicon that comes with it, GWh.
pub fn lunar_works_cost(params: &Params) -> LunarWorksCost {
    let mass_t = params.get(P::LunarWorksTPerGwYr);
    let landings = mass_t / params.get(P::PayloadT);
    let soil_t = mass_t / params.get(P::RegolithAluminium).max(1e-9);
    let won_share = params.get(P::RegolithSilicon) + params.get(P::RegolithAluminium);
    LunarWorksCost {
        mass_t,
        landings,
        flights: landings * (1.0 + params.get(P::MoonTankerFlights).round()),
        robot_hours: mass_t * params.get(P::LunarBuildRobotHPerT),
        soil_t,
        refining_gwh: soil_t * won_share * super::moon::refining_gwh_per_t(params),
    }
}

/// What one GW a year of lunar works takes ([`lunar_works_cost`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LunarWorksCost {
    /// Its equipment's mass, t.
    pub mass_t: f64,
    /// Landings that mass fills.
    pub landings: f64,
    /// Flights they take, each landing with its tanker flights (X10).
    pub flights: f64,
    /// Robot-hours to make it on the Moon.
    pub robot_hours: f64,
    /// Soil whose aluminium it is made of, t.
    pub soil_t: f64,
    /// Energy to win that aluminium, and the silicon won with it (X11), GWh.
    pub refining_gwh: f64,
}

/// C46: the public grid's idle night capacity robots may charge from, GW, and the robots
/// it powers at `robot_power_kw`.
pub fn offpeak_robots(params: &Params) -> (f64, f64) {
    let gw = super::robots::offpeak_gw(params);
    (gw, gw * 1e6 / params.get(P::RobotPowerKw))
}

/// C46, C32: a robot-year of off-peak power, $, and what a robot-year of labour earns, $.
pub fn robot_year_power_and_labour_usd(params: &Params) -> (f64, f64) {
    (
        params.get(P::RobotPowerKw) * HOURS_PER_YEAR * params.get(P::OffpeakUsdPerKwh),
        params.get(P::RobotHourValueUsd) * HOURS_PER_YEAR,
    )
}

/// K4: escape velocity from the lunar surface, km/s, from gravity and radius.
pub fn lunar_escape_check_km_s() -> f64 {
    const MOON_RADIUS_M: f64 = 1.7374e6;
    (2.0 * MOON_GRAVITY_M_S2 * MOON_RADIUS_M).sqrt() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_three_checks() {
        let p = Params::default();
        // C7, X8: a rated GW makes 1.361 × 0.99 × 0.9 = 1.21 GW in a dawn–dusk orbit
        // against about 0.17 from a fixed panel at 35°N under average weather (X7): about
        // 7x; about 4.4x in low orbit (the claim said 5x).
        let sso = space_vs_ground_yield(&p, Orbit::Sso);
        let leo = space_vs_ground_yield(&p, Orbit::Leo);
        assert!((6.5..7.5).contains(&sso), "{sso}");
        assert!((4.0..4.8).contains(&leo), "{leo}");
        // K6: low orbit is dark 36 minutes of its 96; a satellite sized for its GPU's draw
        // in full sun weighs 18.9 kg a GPU at 100 W/kg: 30.5 kg a GPU computing around the
        // clock there, 19.1 kg in a dawn–dusk orbit.
        let (dark, period) = leo_eclipse_minutes();
        assert!(
            (dark - 36.3).abs() < 0.1 && (period - 95.6).abs() < 1e-9,
            "{dark}"
        );
        let kg = super::super::launch::satellite_kg_per_gpu(&p);
        assert!((kg - 18.9).abs() < 0.05, "{kg}");
        let leo = satellite_kg_per_gpu_computing(&p, Orbit::Leo);
        let sso = satellite_kg_per_gpu_computing(&p, Orbit::Sso);
        assert!(
            (leo - 30.5).abs() < 0.05 && (sso - 19.1).abs() < 0.05,
            "{leo} {sso}"
        );
        // C23: 4.53e-10 ≈ 1 / 2.2 billion.
        assert!((earth_share_of_sunlight() - 4.53e-10).abs() < 0.01e-10);
        // C24: ≈ 1.1e8, not 1e5.
        assert!((millionth_of_sun_over_world_electricity() / 1.09e8 - 1.0).abs() < 0.01);
        // C15: 330k GB300 on a hot site ≈ 1.1 GW of generation.
        let gw = generation_for_gpus_gw(&p, 330_000.0);
        assert!((1.09..1.15).contains(&gw), "{gw}");
        // C20: one ship every 30 h = 292 flights a year.
        assert!((flights_per_ship_per_year(&p) - 292.0).abs() < 1e-9);
        // K16: today's world electricity, and a millionth of the Sun.
        assert!((kardashev(SUN_LUMINOSITY_W * 1e-6) - 1.458).abs() < 0.001);
        // Section 3: 520 MJ/kg of methane, ~4.0 MJ/kg at 70% → over 100x.
        assert!((launch_energy_mj_per_kg(&p) - 520.0).abs() < 1e-9);
        assert!(rocket_over_driver_energy(&p) > 100.0);
        // Track: 32 km at 10 g.
        assert!((mass_driver_track_km(&p, 10.0) - 28.9).abs() < 0.5);
        assert!((lunar_escape_check_km_s() - 2.38).abs() < 0.01);
        // X9: 4.2 km/s at Isp 380 s, mass ratio 3.09: 100 t and 120 t dry to GEO take
        // about 460 t of propellant in low orbit, 4–5 tanker loads (the model's ≈4).
        assert!((geo_mass_ratio(&p) - 3.09).abs() < 0.01);
        assert!(
            (4.0..5.0).contains(&geo_tanker_loads(&p)),
            "{}",
            geo_tanker_loads(&p)
        );
        // Issue 28: a GW a year of lunar works is 1,000 t: 10 landings, 110 flights with
        // their tankers; made on the Moon, a million robot-hours and the aluminium of
        // 14,300 t of soil, won with its silicon for 77 GWh.
        let w = lunar_works_cost(&p);
        assert!((w.landings - 10.0).abs() < 1e-9 && (w.flights - 110.0).abs() < 1e-9);
        assert!((w.robot_hours - 1e6).abs() < 1e-3);
        assert!((w.soil_t - 14_286.0).abs() < 1.0 && (w.refining_gwh - 77.14).abs() < 0.01);
        // C46: a fifth of the US grid's 529 GW is 106 GW at night: 212 million robots at
        // 0.5 kW, each paying $350 a year at 8 cents, against the $17,520 it earns.
        let (gw, robots) = offpeak_robots(&p);
        assert!((gw - 105.8).abs() < 1e-9 && (robots - 2.116e8).abs() < 1e3);
        let (power, labour) = robot_year_power_and_labour_usd(&p);
        assert!((power - 350.4).abs() < 1e-6 && (labour - 17_520.0).abs() < 1e-6);
    }
}

//! Costs that learn (`docs/model.md` X3, X4, C33): launch $/kg falls with the flights flown,
//! satellite $/kW with the GW launched, ground solar $/W with the GW built, a robot with
//! the robots made — Wright's law, each from a start price at a start quantity, by a share
//! per doubling, down to a floor. Orders, the flights, the robot lines and the
//! Earth-vs-space comparison all read today's price from here.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::energy::Grid;
use super::launch::LaunchStats;
use super::orbit::OrbitCompute;
use super::params::{P, Params};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        super::SimTick,
        move_curves.in_set(super::AccountSystems::Learn),
    );
}

/// The learning curves move with what was flown and built ([`learn`]).
fn move_curves(
    stats: Res<LaunchStats>,
    orbit: Res<OrbitCompute>,
    grid: Res<Grid>,
    mut learning: ResMut<Learning>,
) {
    learn(&stats, &orbit, &grid, &mut learning);
}

/// What has been done so far that makes the next one cheaper.
#[derive(Resource, Debug, Clone, Serialize, Deserialize, Default, PartialEq, Reflect)]
#[reflect(Resource, Default, Debug, PartialEq)]
pub struct Learning {
    /// Flights flown.
    pub flights: f64,
    /// Orbital solar arrays launched, GW.
    pub orbit_gw: f64,
    /// Ground solar built, peak GW.
    pub ground_solar_gw: f64,
    /// The orbit's arrays and the ground's solar at the last tick (growth is what counts).
    last: Option<(f64, f64)>,
}

/// Wright's law: the price after `done` units, starting at `start` once `base` units are
/// done, falling by `rate` each time the units double, never below `floor`.
pub fn wright(start: f64, rate: f64, base: f64, done: f64, floor: f64) -> f64 {
    let exponent = super::math::log2(1.0 - rate.clamp(0.0, 0.99));
    let base = base.max(1e-9);
    (start * super::math::powf((base + done.max(0.0)) / base, exponent)).max(floor)
}

/// A learning curve's inputs, in [`wright`]'s order: start, rate, base, done, floor.
pub type Curve = [f64; 5];

/// The price on a curve.
pub fn on_curve([start, rate, base, done, floor]: Curve) -> f64 {
    wright(start, rate, base, done, floor)
}

/// The last price read from a curve, with its inputs: most hours nothing was learned, and
/// a curve read again at the same inputs skips its `log2` and `powf` (the recorder reads
/// three every hour).
pub type CurveMemo = super::memo::Memo<5>;

impl CurveMemo {
    /// The price at `inputs`, computed only when they differ from the last read's.
    pub fn price(&mut self, inputs: Curve) -> f64 {
        self.get(inputs, on_curve)
    }
}

/// The launch cost's curve now.
pub fn launch_curve(params: &Params, learning: &Learning) -> Curve {
    [
        params.get(P::LaunchUsdPerKg),
        params.get(P::LaunchLearning),
        params.get(P::LaunchLearningFlights),
        learning.flights,
        params.get(P::LaunchFloorUsdPerKg),
    ]
}

/// Launch cost today, $/kg.
pub fn launch_usd_per_kg(params: &Params, learning: &Learning) -> f64 {
    on_curve(launch_curve(params, learning))
}

/// A flight's cost today, $: its payload at today's $/kg.
pub fn flight_cost_usd(params: &Params, learning: &Learning) -> f64 {
    launch_usd_per_kg(params, learning) * params.get(P::PayloadT) * 1000.0
}

/// A compute satellite's arrays, radiators and bus today, $/kW of array.
pub fn satellite_usd_per_kw(params: &Params, learning: &Learning) -> f64 {
    on_curve(satellite_curve(params, learning))
}

/// The satellites' cost curve now.
pub fn satellite_curve(params: &Params, learning: &Learning) -> Curve {
    [
        params.get(P::SatelliteCostUsdPerKw),
        params.get(P::SatelliteLearning),
        params.get(P::SatelliteLearningGw),
        learning.orbit_gw,
        params.get(P::SatelliteFloorUsdPerKw),
    ]
}

/// Ground solar today, $/W before tariffs.
pub fn solar_usd_per_w(params: &Params, learning: &Learning) -> f64 {
    on_curve(solar_curve(params, learning))
}

/// Ground solar's cost curve now.
pub fn solar_curve(params: &Params, learning: &Learning) -> Curve {
    [
        params.get(P::SolarCostUsdPerW),
        params.get(P::SolarLearning),
        params.get(P::SolarLearningGw),
        learning.ground_solar_gw,
        params.get(P::SolarFloorUsdPerW),
    ]
}

/// C33: a robot's cost curve after `made` robots: its start price once
/// `robot_learning_units` are made, down by `robot_learning` a doubling, to its floor (never
/// above the start price: learning does not raise a price a level set below the floor).
pub fn robot_curve(params: &Params, made: f64) -> Curve {
    let start = params.get(P::RobotCostUsd);
    [
        start,
        params.get(P::RobotLearning),
        params.get(P::RobotLearningUnits),
        made,
        params.get(P::RobotFloorUsd).min(start),
    ]
}

/// C33: a robot's cost today, $, after `made` robots (Wright's law).
pub fn robot_usd(params: &Params, made: f64) -> f64 {
    on_curve(robot_curve(params, made))
}

/// Gas a turbine burns per kWh it makes, $ (X5).
pub fn gas_usd_per_kwh(params: &Params) -> f64 {
    params.get(P::GasHeatRateBtuPerKwh) * 1e-6 * params.get(P::GasUsdPerMmbtu)
}

/// X5: CO₂ a turbine-served kWh puts in the air, t/kWh: the heat rate (Btu/kWh) in MMBtu,
/// times gas's 53 kg CO₂ per MMBtu.
pub fn gas_co2_t_per_kwh(params: &Params) -> f64 {
    params.get(P::GasHeatRateBtuPerKwh) * 1e-6 * super::constants::GAS_CO2_KG_PER_MMBTU * 1e-3
}

/// What was flown and built this hour counts towards the learning curves.
pub(super) fn learn(
    stats: &LaunchStats,
    orbit: &OrbitCompute,
    grid: &Grid,
    learning: &mut Learning,
) {
    learning.flights = stats.flights as f64;
    let orbit_gw: f64 = orbit.solar_gw.iter().sum();
    let (last_orbit, last_solar) = learning.last.unwrap_or((orbit_gw, grid.solar_peak_gw));
    learning.orbit_gw += (orbit_gw - last_orbit).max(0.0);
    learning.ground_solar_gw += (grid.solar_peak_gw - last_solar).max(0.0);
    learning.last = Some((orbit_gw, grid.solar_peak_gw));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The memo gives exactly the curve's price, read after read, whichever input moves
    /// (a parameter by an event, or what was learned).
    #[test]
    fn a_remembered_price_is_the_curves_price_whichever_input_moves() {
        let mut memo = CurveMemo::default();
        // Each input moves in turn, each move changing the price, with reads between
        // where nothing moved; last, something moves under a floor that binds.
        let reads: [Curve; 9] = [
            [1000.0, 0.15, 10.0, 40.0, 100.0],
            [1000.0, 0.15, 10.0, 40.0, 100.0],
            [1700.0, 0.15, 10.0, 40.0, 100.0],
            [1700.0, 0.25, 10.0, 40.0, 100.0],
            [1700.0, 0.25, 20.0, 40.0, 100.0],
            [1700.0, 0.25, 20.0, 400.0, 100.0],
            [1700.0, 0.25, 20.0, 400.0, 600.0],
            [1700.0, 0.25, 20.0, 400.0, 600.0],
            [1700.0, 0.25, 20.0, 4000.0, 600.0],
        ];
        let mut last = f64::NAN;
        for (i, inputs) in reads.into_iter().enumerate() {
            let price = on_curve(inputs);
            if (2..=6).contains(&i) {
                assert_ne!(price, last, "read {i} moves the price");
            }
            assert_eq!(
                memo.price(inputs).to_bits(),
                price.to_bits(),
                "read {i} at {inputs:?}"
            );
            last = price;
        }
    }

    #[test]
    fn wrights_law_falls_by_its_rate_per_doubling_to_its_floor() {
        assert_eq!(wright(1000.0, 0.15, 10.0, 0.0, 15.0), 1000.0);
        assert!((wright(1000.0, 0.15, 10.0, 10.0, 15.0) - 850.0).abs() < 1e-9);
        assert!((wright(1000.0, 0.15, 10.0, 30.0, 15.0) - 722.5).abs() < 1e-9);
        assert_eq!(wright(1000.0, 0.15, 10.0, 1e30, 15.0), 15.0);
        let p = Params::default();
        // X5: 9,500 Btu/kWh at $3.5/MMBtu is about 3.3 cents a kWh.
        assert!((gas_usd_per_kwh(&p) - 0.03325).abs() < 1e-9);
        // A gigawatt of simple-cycle turbines for a year: 8.76 TWh × 9,500 Btu/kWh ×
        // 53 kg/MMBtu ≈ 4.4 Mt of CO₂.
        let year_t = 1e6 * 8760.0 * gas_co2_t_per_kwh(&p);
        assert!((year_t - 4.41e6).abs() < 0.01e6, "{year_t}");
    }
}

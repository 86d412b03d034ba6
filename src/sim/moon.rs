//! The Moon: robots mine soil into silicon and aluminium (C26), the works make solar cells
//! and radiators, and the mass driver throws them to orbit at ½v²/efficiency per kilogram
//! (C25, K4), on lunar sun by day and stored energy through the 14.8-day night. Every
//! tonne is accounted for, so mass is conserved through the chain.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::SimSystems;
use super::clock::GameClock;
use super::constants::{J_PER_MJ, LUNAR_SYNODIC_H};
use super::launch::Deliveries;
use super::orders::Policies;
use super::params::{P, Params};
use super::research::{Research, Tech};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(super::SimTick, run_lunar_base.in_set(SimSystems::Moon));
}

/// The lunar base: its power, its robots and every tonne that has passed through it.
#[derive(Component, Debug, Clone, PartialEq, Default)]
pub struct LunarBase {
    /// Solar power, peak GW (made from its own cells).
    pub solar_gw: f64,
    /// Storage for the night, GWh.
    pub battery_gwh: f64,
    /// Energy stored, GWh.
    pub charge_gwh: f64,
    /// Soil mined, t (all time).
    pub mined_t: f64,
    /// Silicon in stock, t.
    pub silicon_t: f64,
    /// Aluminium in stock, t.
    pub aluminium_t: f64,
    /// The rest of the soil (oxygen, iron, …), set aside, t.
    pub tailings_t: f64,
    /// Finished cell-and-radiator kits waiting for the driver, t.
    pub kits_t: f64,
    /// Their solar power, GW.
    pub kits_gw: f64,
    /// Kits kept to grow the base's own solar, t.
    pub base_solar_t: f64,
    /// Kits thrown by the mass driver, t (all time).
    pub thrown_t: f64,
    /// Their solar power, GW (all time).
    pub thrown_gw: f64,
    /// Energy the driver has used, GWh (all time).
    pub driver_energy_gwh: f64,
    /// Whether the base is in daylight this hour.
    pub daylight: bool,
    /// What limited the base's output this hour.
    pub limit: LunarLimit,
}

/// The mines: robots digging soil.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct LunarMine {
    /// Robots at work.
    pub robots: f64,
}

/// The solar-cell and radiator works.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct LunarWorks {
    /// Cells it can make, GW a year.
    pub cells_gw_per_yr: f64,
}

/// The mass driver.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct MassDriver {
    /// Throughput, t/h.
    pub capacity_t_per_h: f64,
    /// Thrown this hour, t.
    pub thrown_t_per_h: f64,
}

/// What limits lunar output now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum LunarLimit {
    /// Not enough soil: more robots.
    #[default]
    Mining,
    /// The works' capacity.
    Works,
    /// The driver's throughput.
    MassDriver,
    /// Power (the lunar night, or too little solar).
    Power,
}

/// C25: electricity per kilogram the driver spends, MJ/kg: ½v² over its efficiency.
pub fn driver_mj_per_kg(params: &Params) -> f64 {
    let v = params.get(P::MassDriverExitSpeedKmS) * 1000.0;
    0.5 * v * v / params.get(P::MassDriverEfficiency) / J_PER_MJ
}

/// Silicon per watt of cells, g/W (thin film once researched).
pub fn cell_g_per_w(params: &Params, research: &Research) -> f64 {
    if research.has(Tech::ThinFilmCells) {
        params.get(P::ThinFilmGPerW)
    } else {
        params.get(P::CellSiliconGPerW)
    }
}

fn run_lunar_base(
    clock: Res<GameClock>,
    params: Res<Params>,
    research: Res<Research>,
    policies: Res<Policies>,
    mut deliveries: ResMut<Deliveries>,
    mut bases: Query<&mut LunarBase>,
    mut mines: Query<&mut LunarMine>,
    works: Query<&LunarWorks>,
    mut drivers: Query<&mut MassDriver>,
) {
    let Some(mut base) = bases.iter_mut().next() else {
        return;
    };
    let arrived = std::mem::take(&mut deliveries.moon_robots);
    if arrived > 0.0
        && let Some(mut m) = mines.iter_mut().next()
    {
        m.robots += arrived;
    }
    // Day for the first half of each synodic month.
    let phase = (clock.tick as f64 / LUNAR_SYNODIC_H).fract();
    base.daylight = phase < 0.5;
    let mut power_gw = if base.daylight { base.solar_gw } else { 0.0 };

    // Mining: robots dig by day and night on their own batteries.
    let robots: f64 = mines.iter().map(|m| m.robots).sum();
    let soil = robots * params.get(P::MineTPerRobotHour);
    let si = soil * params.get(P::RegolithSilicon);
    let al = soil * params.get(P::RegolithAluminium);
    base.mined_t += soil;
    base.silicon_t += si;
    base.aluminium_t += al;
    base.tailings_t += soil - si - al;

    // Works: silicon to cells, aluminium to radiators for the same power.
    let g_per_w = cell_g_per_w(&params, &research);
    let si_t_per_gw = g_per_w * 1e9 / 1e6;
    let al_t_per_gw = params.get(P::RadiatorKgPerKw) * 1e6 / 1e3;
    let capacity_gw: f64 = works.iter().map(|w| w.cells_gw_per_yr).sum::<f64>() / 8760.0;
    let by_si = base.silicon_t / si_t_per_gw;
    let by_al = base.aluminium_t / al_t_per_gw;
    let made_gw = capacity_gw.min(by_si).min(by_al).max(0.0);
    let mut limit = if made_gw >= capacity_gw {
        LunarLimit::Works
    } else {
        LunarLimit::Mining
    };
    base.silicon_t -= made_gw * si_t_per_gw;
    base.aluminium_t -= made_gw * al_t_per_gw;
    let kit_t_per_gw = si_t_per_gw + al_t_per_gw;
    let keep_gw = made_gw * policies.lunar_reinvest;
    base.solar_gw += keep_gw;
    base.base_solar_t += keep_gw * kit_t_per_gw;
    base.kits_gw += made_gw - keep_gw;
    base.kits_t += (made_gw - keep_gw) * kit_t_per_gw;

    // The driver: throughput, then energy (sun by day, storage by night).
    let mj_per_kg = driver_mj_per_kg(&params);
    let gwh_per_t = mj_per_kg * 1e3 / 3.6e6;
    let mut thrown_t = 0.0;
    if let Some(mut driver) = drivers.iter_mut().next() {
        let want_t = driver.capacity_t_per_h.min(base.kits_t);
        let energy_gwh = power_gw + base.charge_gwh;
        let by_energy_t = energy_gwh / gwh_per_t;
        thrown_t = want_t.min(by_energy_t).max(0.0);
        if thrown_t < want_t {
            limit = LunarLimit::Power;
        } else if want_t >= driver.capacity_t_per_h && limit == LunarLimit::Works {
            limit = LunarLimit::MassDriver;
        }
        driver.thrown_t_per_h = thrown_t;
        let used = thrown_t * gwh_per_t;
        let from_sun = used.min(power_gw);
        power_gw -= from_sun;
        base.charge_gwh = (base.charge_gwh - (used - from_sun)).max(0.0);
        base.driver_energy_gwh += used;
    }
    // Spare sun charges the storage.
    base.charge_gwh = (base.charge_gwh + power_gw).min(base.battery_gwh);
    if thrown_t > 0.0 {
        let share = thrown_t / base.kits_t.max(thrown_t);
        let gw = base.kits_gw * share;
        base.kits_t -= thrown_t;
        base.kits_gw -= gw;
        base.thrown_t += thrown_t;
        base.thrown_gw += gw;
        deliveries.lunar_solar_gw += gw;
    }
    base.limit = limit;
}

//! Ground energy, hour by hour: solar follows the sun (latitude, season, weather), batteries
//! carry it through the night, and gas turbines run behind the meter less their
//! maintenance reserve (C3–C6, C14).

use std::f64::consts::PI;

use super::math::{cos, powf, sin};

use bevy::prelude::*;
use rand::RngExt;
use serde::{Deserialize, Serialize};

use super::clock::GameClock;
use super::constants::AXIAL_TILT_DEG;
use super::datacenters::Climate;
use super::params::{P, Params};
use super::registry::SimEntity;
use super::rng::SimRng;

pub(super) fn plugin(app: &mut App) {
    use super::EarthSystems as E;
    app.add_systems(
        super::SimTick,
        (
            generate_power.in_set(E::Generate),
            settle_power.in_set(E::Settle),
        ),
    );
}

/// Earth's plants generate this hour's power ([`ground_generation`]).
fn generate_power(
    clock: Res<GameClock>,
    params: Res<Params>,
    mut rng: ResMut<SimRng>,
    mut grid: ResMut<Grid>,
    plants: Query<&PowerPlant>,
) {
    ground_generation(&clock, &params, &mut rng, &mut grid, plants.iter());
}

/// The grid settles once every load has drawn ([`settle_grid`]).
fn settle_power(params: Res<Params>, mut grid: ResMut<Grid>, mut plants: Query<&mut PowerPlant>) {
    settle_grid(&params, &mut grid, plants.iter_mut());
}

/// A ground power plant.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize, Reflect)]
#[reflect(Component, Debug, PartialEq)]
#[require(SimEntity)]
pub struct PowerPlant {
    /// What kind, with its size.
    pub kind: PlantKind,
}

/// The kinds of ground plant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reflect)]
#[reflect(Debug, PartialEq)]
pub enum PlantKind {
    /// Solar panels, peak GW.
    Solar {
        /// Peak power, GW.
        peak_gw: f64,
    },
    /// Grid batteries.
    Battery {
        /// Storage, GWh.
        capacity_gwh: f64,
        /// Charge now, GWh.
        charge_gwh: f64,
    },
    /// Gas turbines, GW.
    Turbines {
        /// Nameplate power, GW.
        gw: f64,
    },
}

/// The ground grid: where it is, and what it makes this hour.
#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize, Reflect)]
#[reflect(Resource, Default, Debug, PartialEq)]
pub struct Grid {
    /// Latitude of the grid's solar farms, degrees north.
    pub lat_deg: f64,
    /// Longitude, degrees east (sets local solar time).
    pub lon_deg: f64,
    /// The site's climate: every hall on this grid is cooled for it (C13, X6).
    pub climate: Climate,
    /// Today's weather: share of clear-sky sun reaching the panels (mean 1 over a year).
    pub weather: f64,
    /// Solar output this hour, GW.
    pub solar_gw: f64,
    /// Turbine output available this hour, after the maintenance reserve, GW.
    pub turbine_gw: f64,
    /// Battery discharge possible this hour, GW.
    pub battery_max_gw: f64,
    /// Energy in batteries, GWh.
    pub battery_charge_gwh: f64,
    /// Battery storage, GWh.
    pub battery_capacity_gwh: f64,
    /// Installed solar, peak GW.
    pub solar_peak_gw: f64,
    /// Installed turbines, nameplate GW.
    pub turbine_nameplate_gw: f64,
    /// Load served this hour, GW (set by the datacenters).
    pub load_gw: f64,
    /// Of the load, served by solar / turbines / batteries, GW.
    pub served_solar_gw: f64,
    /// Served by turbines, GW.
    pub served_turbine_gw: f64,
    /// Served by batteries, GW.
    pub served_battery_gw: f64,
    /// Solar wasted because batteries were full, GW.
    pub curtailed_gw: f64,
}

impl Default for Grid {
    fn default() -> Self {
        Self::at(35.0, -90.0)
    }
}

impl Grid {
    /// A grid at a place, with the climate of its latitude ([`Climate::at_latitude`]).
    pub fn at(lat_deg: f64, lon_deg: f64) -> Self {
        Self {
            lat_deg,
            lon_deg,
            climate: Climate::at_latitude(lat_deg),
            weather: 1.0,
            solar_gw: 0.0,
            turbine_gw: 0.0,
            battery_max_gw: 0.0,
            battery_charge_gwh: 0.0,
            battery_capacity_gwh: 0.0,
            solar_peak_gw: 0.0,
            turbine_nameplate_gw: 0.0,
            load_gw: 0.0,
            served_solar_gw: 0.0,
            served_turbine_gw: 0.0,
            served_battery_gw: 0.0,
            curtailed_gw: 0.0,
        }
    }

    /// Power available to serve load this hour, GW.
    pub fn available_gw(&self) -> f64 {
        self.solar_gw + self.turbine_gw + self.battery_max_gw
    }
}

/// Sine of the sun's elevation over a horizontal panel, clipped at 0 (night).
pub fn raw_sun(lat_deg: f64, lon_deg: f64, day_of_year: u32, hour_utc: u32) -> f64 {
    let decl =
        -AXIAL_TILT_DEG.to_radians() * cos(2.0 * PI * (f64::from(day_of_year) + 10.0) / 365.0);
    let solar_time = f64::from(hour_utc) + 0.5 + lon_deg / 15.0;
    let hour_angle = (solar_time - 12.0) * 15f64.to_radians();
    let lat = lat_deg.to_radians();
    (sin(lat) * sin(decl) + cos(lat) * cos(decl) * cos(hour_angle)).max(0.0)
}

/// Sunlight on a horizontal panel on a clear day, as a share of the 1,000 W/m² a panel is
/// rated at (X7): the Sun's 1,361 W/m² through the air mass of its elevation (the
/// atmosphere takes `atmosphere_loss` straight overhead, C6, and more through the longer
/// path of a low sun), on a surface tilted away from it, plus the sky's diffuse light.
pub fn clear_sky(params: &Params, sin_elevation: f64) -> f64 {
    if sin_elevation <= 0.0 {
        return 0.0;
    }
    let air_mass = 1.0 / sin_elevation.max(0.02);
    let transmitted = powf(1.0 - params.get(P::AtmosphereLoss), powf(air_mass, 0.678));
    1.361 * transmitted * sin_elevation * (1.0 + params.get(P::DiffuseLight))
}

/// Share of a panel's rating it yields this hour (X7): the clear-sky sun at the site, the
/// day's weather and the panel's performance ratio — not renormalised, so a panel far
/// north yields less. At most 1.
pub fn solar_factor(grid: &Grid, params: &Params, day_of_year: u32, hour_utc: u32) -> f64 {
    let raw = raw_sun(grid.lat_deg, grid.lon_deg, day_of_year, hour_utc);
    (clear_sky(params, raw) * params.get(P::PanelPerformanceRatio) * grid.weather).min(1.0)
}

/// The most of the clear-sky sun clouds take on a day; they take half that on average.
pub const MAX_CLOUD: f64 = 0.3;

/// The weather of an average day: the share of the clear-sky sun that gets through.
pub const MEAN_WEATHER: f64 = 1.0 - MAX_CLOUD / 2.0;

/// Weather of one day: clouds take 0–30% of the clear-sky sun (15% on average).
fn draw_weather(rng: &mut SimRng) -> f64 {
    let cloud: f64 = rng.rng.random_range(0.0..MAX_CLOUD);
    1.0 - cloud
}

/// The hour's generation: the day's weather at midnight UTC, the Sun's height, and what
/// the plants can give (the Earth phase).
pub(super) fn ground_generation<'a>(
    clock: &GameClock,
    params: &Params,
    rng: &mut SimRng,
    grid: &mut Grid,
    plants: impl Iterator<Item = &'a PowerPlant>,
) {
    if clock.hour_utc() == 0 {
        grid.weather = draw_weather(rng);
    }
    let date = clock.date();
    let sun = solar_factor(grid, params, date.day_of_year(), clock.hour_utc());
    let mut t = PlantTally::default();
    for plant in plants {
        t.add(&plant.kind);
    }
    t.set_grid(grid, params, sun);
}

/// The grid's plants added up.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PlantTally {
    /// Solar, peak GW.
    pub solar_peak_gw: f64,
    /// Turbines, nameplate GW.
    pub turbines_gw: f64,
    /// Battery storage, GWh.
    pub capacity_gwh: f64,
    /// Battery charge, GWh.
    pub charge_gwh: f64,
}

impl PlantTally {
    /// Adds one plant.
    pub fn add(&mut self, kind: &PlantKind) {
        match *kind {
            PlantKind::Solar { peak_gw } => self.solar_peak_gw += peak_gw,
            PlantKind::Turbines { gw } => self.turbines_gw += gw,
            PlantKind::Battery {
                capacity_gwh,
                charge_gwh,
            } => {
                self.capacity_gwh += capacity_gwh;
                self.charge_gwh += charge_gwh;
            }
        }
    }

    /// What the grid can make this hour with the sun at `sun` of peak.
    pub fn set_grid(&self, grid: &mut Grid, params: &Params, sun: f64) {
        grid.solar_peak_gw = self.solar_peak_gw;
        grid.solar_gw = self.solar_peak_gw * sun;
        grid.turbine_nameplate_gw = self.turbines_gw;
        grid.turbine_gw = self.turbines_gw / (1.0 + params.get(P::GenerationReserve));
        grid.battery_capacity_gwh = self.capacity_gwh;
        grid.battery_charge_gwh = self.charge_gwh;
        grid.battery_max_gw = self
            .charge_gwh
            .min(self.capacity_gwh / params.get(P::BatteryHoursAtFullPower));
    }
}

/// Dispatches the served load in merit order — solar, turbines, then batteries — and
/// charges the batteries with spare sun.
pub(super) fn settle_grid<'a>(
    params: &Params,
    grid: &mut Grid,
    plants: impl Iterator<Item = Mut<'a, PowerPlant>>,
) {
    let load = grid.load_gw.min(grid.available_gw());
    let solar = load.min(grid.solar_gw);
    let turbine = (load - solar).min(grid.turbine_gw);
    let battery = (load - solar - turbine).max(0.0);
    let spare = grid.solar_gw - solar;
    let room = grid.battery_capacity_gwh - grid.battery_charge_gwh;
    let rate = grid.battery_capacity_gwh / params.get(P::BatteryHoursAtFullPower);
    let eff = params.get(P::BatteryRoundTrip);
    let charge_in = (spare * eff).min(room).min(rate).max(0.0);
    grid.served_solar_gw = solar;
    grid.served_turbine_gw = turbine;
    grid.served_battery_gw = battery;
    grid.curtailed_gw = (spare - charge_in / eff).max(0.0);
    let net = charge_in - battery;
    if net == 0.0 || grid.battery_capacity_gwh <= 0.0 {
        return;
    }
    // The new total, then every battery at the same state of charge: energy is conserved
    // even when batteries built at different times held different charges.
    let new_total = (grid.battery_charge_gwh + net).clamp(0.0, grid.battery_capacity_gwh);
    let soc = new_total / grid.battery_capacity_gwh;
    let mut total = 0.0;
    for mut plant in plants {
        if let PlantKind::Battery {
            capacity_gwh,
            ref mut charge_gwh,
        } = plant.kind
        {
            *charge_gwh = capacity_gwh * soc;
            total += *charge_gwh;
        }
    }
    grid.battery_charge_gwh = total;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The energy rules alone, Emergence's way: the tick's order, this domain's plugin and
    /// the resources it reads, with `plants` on a grid at 35°N, 90°W; no level, no other
    /// domain.
    fn energy_alone(plants: &[PlantKind]) -> App {
        let mut app = crate::sim::alone::app(plugin);
        app.insert_resource(SimRng::seeded(7))
            .insert_resource(Grid::at(35.0, -90.0));
        for kind in plants {
            app.world_mut().spawn(PowerPlant { kind: kind.clone() });
        }
        app
    }

    /// Runs one game day, hour by hour, and returns each hour's grid.
    fn one_day(app: &mut App) -> Vec<Grid> {
        (0..24)
            .map(|_| {
                crate::sim::alone::hour(app);
                app.world().resource::<Grid>().clone()
            })
            .collect()
    }

    #[test]
    fn solar_farms_alone_make_power_by_day_and_none_at_night() {
        let mut app = energy_alone(&[PlantKind::Solar { peak_gw: 10.0 }]);
        let day = one_day(&mut app);
        // 90°W: local noon is 18:00 UTC, local midnight 06:00 UTC.
        assert!(day[18].solar_gw > 3.0, "noon: {} GW", day[18].solar_gw);
        assert_eq!(day[6].solar_gw, 0.0, "midnight");
        assert!(
            day.iter()
                .all(|g| g.solar_gw <= 10.0 && g.solar_peak_gw == 10.0)
        );
        // No load: what the sun gives is curtailed, none of it served.
        assert!(day.iter().all(|g| g.served_solar_gw == 0.0));
    }

    #[test]
    fn turbines_alone_give_the_same_power_day_and_night() {
        let mut app = energy_alone(&[PlantKind::Turbines { gw: 4.0 }]);
        let day = one_day(&mut app);
        let gw = day[0].turbine_gw;
        assert!(gw > 3.0 && gw <= 4.0, "{gw} GW of 4");
        assert!(day.iter().all(|g| g.turbine_gw == gw && g.solar_gw == 0.0));
    }

    #[test]
    fn a_fixed_panel_yields_by_its_latitude() {
        // X7: about 0.17–0.20 at 35°N and 0.10–0.12 at 60°N, under average weather.
        let params = Params::default();
        let cf = |lat: f64| {
            let mut grid = Grid::at(lat, -90.0);
            grid.weather = MEAN_WEATHER;
            (0..8760u32)
                .map(|h| solar_factor(&grid, &params, h / 24, h % 24))
                .sum::<f64>()
                / 8760.0
        };
        let (south, north) = (cf(35.0), cf(60.0));
        assert!((0.16..0.21).contains(&south), "35°N: {south}");
        assert!((0.09..0.13).contains(&north), "60°N: {north}");
        // The atmosphere's share is read: thinner air, more sun.
        let mut thin = params.clone();
        thin.set(P::AtmosphereLoss, 0.1);
        assert!(clear_sky(&thin, 0.5) > clear_sky(&params, 0.5));
    }

    #[test]
    fn night_is_dark() {
        // Local midnight at 90° W is 06:00 UTC.
        assert_eq!(raw_sun(35.0, -90.0, 172, 6), 0.0);
        assert!(raw_sun(35.0, -90.0, 172, 18) > 0.9);
    }
}

//! Orbital datacenters: solar-powered satellites with no night (in the right orbit) and no
//! batteries, GPUs that fail without repair (C7, C9, K6). Satellites launched in the same
//! orbit and month form one cohort entity with an age.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::clock::GameClock;
use super::constants::{
    HOURS_PER_DAY, HOURS_PER_MONTH, HOURS_PER_YEAR, SOLAR_CONSTANT_W_M2, SUNLIT_GEO, SUNLIT_LEO,
    SUNLIT_SSO,
};
use super::launch::{Deliveries, Payload};
use super::params::{P, Params};
use super::registry::SimEntity;
use super::state::Policies;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        super::SimTick,
        (
            receive_arrivals.in_set(super::SimSystems::Arrivals),
            age_cohorts.in_set(super::SpaceSystems::Orbit),
        ),
    );
}

/// What arrived joins this month's cohort in its orbit ([`receive_satellites`]); the
/// month's cohort in each orbit is remembered between hours.
fn receive_arrivals(
    mut commands: Commands,
    clock: Res<GameClock>,
    policies: Res<Policies>,
    research: Res<super::research::Research>,
    mut deliveries: ResMut<Deliveries>,
    mut cohorts: Query<&mut OrbitalDatacenter>,
    ids: Query<Entity, With<OrbitalDatacenter>>,
    mut newest: Local<[Option<Entity>; 3]>,
) {
    receive_satellites(
        &mut commands,
        &clock,
        &policies,
        &research,
        &mut deliveries,
        (&mut cohorts, &ids),
        &mut newest,
    );
}

/// Orbital GPUs age and share their orbit's power ([`age_satellites`]).
fn age_cohorts(
    params: Res<Params>,
    mut compute: ResMut<OrbitCompute>,
    mut cohorts: Query<&mut OrbitalDatacenter>,
) {
    age_satellites(&params, &mut compute, cohorts.iter_mut());
}

/// Where a satellite flies (K6).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    Reflect,
)]
#[reflect(Default, Debug, PartialEq)]
pub enum Orbit {
    /// Low Earth orbit, 550 km: through Earth's shadow every 95.6 minutes.
    Leo,
    /// Dawn–dusk sun-synchronous orbit: almost always in sunlight.
    #[default]
    Sso,
    /// Geostationary orbit.
    Geo,
}

impl Orbit {
    /// Every orbit.
    pub const ALL: [Orbit; 3] = [Orbit::Leo, Orbit::Sso, Orbit::Geo];

    /// K6: share of the time in sunlight.
    pub fn sunlit_fraction(self) -> f64 {
        match self {
            Orbit::Leo => SUNLIT_LEO,
            Orbit::Sso => SUNLIT_SSO,
            Orbit::Geo => SUNLIT_GEO,
        }
    }

    /// X8: average output of one rated GW of arrays in this orbit, GW: the rating (at
    /// 1,000 W/m²) × 1,361/1,000 × the sunlit share × the hot-cell derate.
    pub fn output_per_rated_gw(self, params: &Params) -> f64 {
        SOLAR_CONSTANT_W_M2 / STC_W_M2 * self.sunlit_fraction() * params.get(P::SpaceArrayDerate)
    }

    /// Its place in [`Orbit::ALL`] (and in per-orbit arrays).
    pub fn index(self) -> usize {
        self as usize
    }
}

/// X8: the irradiance every solar rating is given at (standard test conditions), W/m².
pub const STC_W_M2: f64 = 1000.0;

/// A cohort of satellites in one orbit, launched in one game month.
#[derive(Component, Debug, Clone, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Component, Debug, PartialEq)]
#[require(SimEntity)]
pub struct OrbitalDatacenter {
    /// Its orbit.
    pub orbit: Orbit,
    /// The game month (ticks ÷ a month) it was launched in.
    pub month: u64,
    /// Solar arrays, GW rated at 1,000 W/m² like a ground panel (X8).
    pub solar_gw: f64,
    /// Working GPUs.
    pub gpus: f64,
    /// GPUs that flew without burn-in and may still fail early.
    pub untested: f64,
    /// GPUs failed in orbit.
    pub failed: f64,
    /// The tick its first satellite arrived.
    pub first_tick: u64,
}

impl OrbitalDatacenter {
    /// Age in game years.
    pub fn age_years(&self, tick: u64) -> f64 {
        tick.saturating_sub(self.first_tick) as f64 / HOURS_PER_YEAR
    }

    /// One hour of failures; returns the GPUs lost early in life and from wear.
    pub fn age_hour(&mut self, r: &AgeRates) -> (f64, f64) {
        // Untested GPUs leave the early-life pool at 1/window an hour and fail at a hazard
        // chosen so that `infant_mortality` of them fail before they leave it.
        let early = self.untested * r.fail_h;
        let graduated = self.untested * r.graduate_h;
        self.untested = (self.untested - early - graduated).max(0.0);
        let worn = (self.gpus - early) * r.wear_h;
        self.gpus = (self.gpus - early - worn).max(0.0);
        self.failed += early + worn;
        (early, worn)
    }
}

/// Hourly failure rates of GPUs in orbit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AgeRates {
    /// Wear-out hazard an hour.
    pub wear_h: f64,
    /// Untested GPUs leaving the early-life pool an hour.
    pub graduate_h: f64,
    /// Early-life failure hazard an hour.
    pub fail_h: f64,
}

impl AgeRates {
    /// The rates the parameters give.
    pub fn new(params: &Params) -> Self {
        let window_h = (params.get(P::BurnInDays) * HOURS_PER_DAY).max(1.0);
        let infant = params.get(P::InfantMortality).min(0.99);
        let graduate_h = 1.0 / window_h;
        Self {
            wear_h: params.get(P::AnnualFailureRate) / HOURS_PER_YEAR,
            graduate_h,
            fail_h: graduate_h * infant / (1.0 - infant),
        }
    }
}

/// Orbital compute this hour, by orbit (index by `Orbit as usize`).
#[derive(Resource, Debug, Clone, Serialize, Deserialize, Default, PartialEq, Reflect)]
#[reflect(Resource, Default, Debug, PartialEq)]
pub struct OrbitCompute {
    /// Solar arrays, GW rated at 1,000 W/m² (X8).
    pub solar_gw: [f64; 3],
    /// Average power over an orbit (sunlit share, derate), GW.
    pub power_gw: [f64; 3],
    /// Working GPUs.
    pub gpus: [f64; 3],
    /// GPUs with power.
    pub powered: [f64; 3],
    /// GPUs failed early in life (no burn-in).
    pub infant_failures: f64,
    /// GPUs failed from wear.
    pub wear_failures: f64,
}

impl OrbitCompute {
    /// Powered GPUs in all orbits.
    pub fn total_powered(&self) -> f64 {
        self.powered.iter().sum()
    }

    /// Working GPUs in all orbits.
    pub fn total_gpus(&self) -> f64 {
        self.gpus.iter().sum()
    }

    /// Average solar power in all orbits, GW.
    pub fn total_power_gw(&self) -> f64 {
        self.power_gw.iter().sum()
    }

    /// Power in `orbit` not drawn by its powered GPUs, GW, at `kw_per_gpu` kW each.
    pub fn spare_gw(&self, orbit: Orbit, kw_per_gpu: f64) -> f64 {
        let i = orbit.index();
        (self.power_gw[i] - self.powered[i] * kw_per_gpu / 1e6).max(0.0)
    }
}

/// Power one GPU needs in orbit, kW: the GPU and its rack; radiators replace cooling.
pub fn orbital_kw_per_gpu(params: &Params) -> f64 {
    params.get(P::GpuPowerKw) * params.get(P::RackOverhead)
}

/// Where thrown lunar kits are caught (X12): in GEO after their capture burn, or, once
/// aerobraking is researched, in the orbit the player launches to.
pub fn lunar_kit_orbit(policies: &Policies, research: &super::research::Research) -> Orbit {
    if research.has(super::research::Tech::Aerobraking) {
        policies.launch_orbit
    } else {
        Orbit::Geo
    }
}

/// Satellites and lunar kits that arrived join this month's cohort in their orbit. Kits
/// arrive every hour the mass driver throws, so the month's cohort in each orbit is kept
/// (`newest`) rather than searched for among all of them each hour; it is checked before
/// use, so a stale one (after a load or a new level) is searched for again.
pub(super) fn receive_satellites(
    commands: &mut Commands,
    clock: &GameClock,
    policies: &Policies,
    research: &super::research::Research,
    deliveries: &mut Deliveries,
    (cohorts, ids): (
        &mut Query<&mut OrbitalDatacenter>,
        &Query<Entity, With<OrbitalDatacenter>>,
    ),
    newest: &mut [Option<Entity>; 3],
) {
    let lunar = std::mem::take(&mut deliveries.lunar_solar_gw);
    if deliveries.satellites.is_empty() && lunar <= 0.0 {
        return;
    }
    // Sum arrivals per orbit so each orbit gets at most one new cohort a tick.
    let mut arrived = [(0.0, 0.0, 0.0); 3];
    for p in deliveries.satellites.drain(..) {
        if let Payload::Satellites {
            orbit,
            gpus,
            unburned,
            solar_gw,
        } = p
        {
            let a = &mut arrived[orbit.index()];
            a.0 += gpus;
            a.1 += unburned;
            a.2 += solar_gw;
        }
    }
    arrived[lunar_kit_orbit(policies, research).index()].2 += lunar;
    let month = (clock.tick as f64 / HOURS_PER_MONTH) as u64;
    for orbit in Orbit::ALL {
        let (gpus, unburned, solar) = arrived[orbit.index()];
        if gpus + unburned + solar <= 0.0 {
            continue;
        }
        let this_month = |c: &OrbitalDatacenter| c.orbit == orbit && c.month == month;
        let is_this_months = |e: &Entity| cohorts.get(*e).is_ok_and(this_month);
        let found = newest[orbit.index()]
            .filter(is_this_months)
            .or_else(|| ids.iter().find(is_this_months));
        if let Some((e, mut c)) = found.and_then(|e| Some((e, cohorts.get_mut(e).ok()?))) {
            c.gpus += gpus + unburned;
            c.untested += unburned;
            c.solar_gw += solar;
            newest[orbit.index()] = Some(e);
        } else {
            let e = commands.spawn(OrbitalDatacenter {
                orbit,
                month,
                solar_gw: solar,
                gpus: gpus + unburned,
                untested: unburned,
                failed: 0.0,
                first_tick: clock.tick,
            });
            newest[orbit.index()] = Some(e.id());
        }
    }
}

/// GPUs fail at the wear rate, and untested ones at the infant rate over the burn-in
/// window; orbit-wide power is shared by the orbit's GPUs.
pub(super) fn age_satellites<'a>(
    params: &Params,
    compute: &mut OrbitCompute,
    cohorts: impl Iterator<Item = Mut<'a, OrbitalDatacenter>>,
) {
    let rates = AgeRates::new(params);
    let mut c = OrbitCompute {
        infant_failures: compute.infant_failures,
        wear_failures: compute.wear_failures,
        ..default()
    };
    // `for_each` walks the cohorts' table densely (a `for` loop steps a cursor per cohort).
    cohorts.for_each(|mut cohort| {
        let (early, worn) = cohort.age_hour(&rates);
        c.infant_failures += early;
        c.wear_failures += worn;
        let i = cohort.orbit.index();
        c.solar_gw[i] += cohort.solar_gw;
        c.gpus[i] += cohort.gpus;
    });
    let kw = orbital_kw_per_gpu(params);
    for orbit in Orbit::ALL {
        let i = orbit.index();
        c.power_gw[i] = c.solar_gw[i] * orbit.output_per_rated_gw(params);
        c.powered[i] = c.gpus[i].min(c.power_gw[i] * 1e6 / kw);
    }
    *compute = c;
}

#[cfg(test)]
mod tests {
    use bevy::prelude::*;

    use crate::sim::clock::GameClock;
    use crate::sim::launch::{Deliveries, Payload};
    use crate::sim::orbit::{Orbit, OrbitCompute, OrbitalDatacenter};
    use crate::sim::research::Research;
    use crate::sim::state::Policies;
    use crate::testing::{advance, level_file, sim_app};

    /// The orbit's rules alone, Emergence's way: the tick's order, this domain's plugin and
    /// what it reads; no level, no launches, no other domain.
    fn orbit_alone() -> App {
        let mut app = crate::sim::alone::app(super::plugin);
        app.init_resource::<Policies>()
            .init_resource::<Research>()
            .init_resource::<Deliveries>()
            .init_resource::<OrbitCompute>();
        app
    }

    /// Delivers `gpus` burned-in GPUs with `solar_gw` of arrays to `orbit`, then runs an hour.
    fn deliver(app: &mut App, orbit: Orbit, gpus: f64, solar_gw: f64) {
        let world = app.world_mut();
        world
            .resource_mut::<Deliveries>()
            .satellites
            .push(Payload::Satellites {
                orbit,
                gpus,
                unburned: 0.0,
                solar_gw,
            });
        crate::sim::alone::hour(app);
    }

    /// Deliveries of one month join one cohort an orbit, counted in the hour they arrive;
    /// a new month starts a new cohort; the arrays power what they can.
    #[test]
    fn arrivals_join_the_months_cohort_and_are_counted_in_their_hour() {
        let mut app = orbit_alone();
        deliver(&mut app, Orbit::Sso, 1_000.0, 0.01);
        deliver(&mut app, Orbit::Sso, 500.0, 0.0);
        deliver(&mut app, Orbit::Leo, 200.0, 0.0);
        let world = app.world_mut();
        let cohorts: Vec<OrbitalDatacenter> = world
            .query::<&OrbitalDatacenter>()
            .iter(world)
            .cloned()
            .collect();
        assert_eq!(cohorts.len(), 2, "{cohorts:?}");
        let counted = world.resource::<OrbitCompute>();
        let (sso, leo) = (Orbit::Sso.index(), Orbit::Leo.index());
        // A few GPUs may have failed already: never more than arrived.
        assert!(counted.gpus[sso] <= 1_500.0 && counted.gpus[sso] > 1_499.0);
        assert!(counted.gpus[leo] <= 200.0 && counted.gpus[leo] > 199.0);
        // LEO's GPUs have no arrays: none is powered.
        assert_eq!(counted.powered[leo], 0.0);
        assert!(counted.powered[sso] > 0.0 && counted.powered[sso] <= counted.gpus[sso]);
        // Next month, a new cohort.
        world.resource_mut::<GameClock>().tick = 24 * 31;
        deliver(&mut app, Orbit::Sso, 100.0, 0.0);
        let world = app.world_mut();
        assert_eq!(world.query::<&OrbitalDatacenter>().iter(world).count(), 3);
    }

    /// What one phase spawns, the next sees in the same hour: a cohort the arrivals start
    /// is aged and counted by the space phase of its own hour, so after every hour the
    /// orbit's count is exactly what is in orbit, also in the hours new cohorts appear.
    #[test]
    fn a_cohort_that_arrives_is_counted_in_its_own_hour() {
        let mut app = sim_app(&level_file("levels/sandbox.ron"));
        let mut cohorts = app.world_mut().query::<&OrbitalDatacenter>();
        let mut appeared = 0;
        let mut before = cohorts.iter(app.world()).count();
        for hour in 0..24 * 120 {
            advance(&mut app, 1);
            let now = cohorts.iter(app.world()).count();
            appeared += now.saturating_sub(before);
            before = now;
            let mut in_orbit = [0.0; 3];
            for c in cohorts.iter(app.world()) {
                in_orbit[c.orbit.index()] += c.gpus;
            }
            let counted = app.world().resource::<OrbitCompute>().gpus;
            for (i, (a, b)) in counted.iter().zip(in_orbit).enumerate() {
                assert!(
                    (a - b).abs() <= 1e-9 * b.abs().max(1.0),
                    "hour {hour}, orbit {i}: the orbit counts {a} GPUs, {b} are in orbit"
                );
            }
        }
        assert!(appeared > 0, "no cohort arrived in 120 days");
    }
}

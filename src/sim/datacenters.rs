//! Ground compute: burn-in (C9), then datacenter halls that power what generation allows
//! through the overhead chain of racks, network, cooling and reserve (C12–C15). GPUs
//! installed without power wait as unpowered GPUs — the power-wall gauge (C45).

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::chips::ChipStock;
use super::constants::HOURS_PER_DAY;
use super::energy::Grid;
use super::params::{P, Params};
use super::registry::SimEntity;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(super::SimTick, run_halls.in_set(super::EarthSystems::Halls));
}

/// GPUs burn in and are installed, then the halls draw what the grid gives after the fabs
/// (X15), with this hour's cooling at the grid's site ([`burn_in_gpus`], [`install_gpus`],
/// [`power_datacenters`]).
fn run_halls(
    clock: Res<super::clock::GameClock>,
    params: Res<Params>,
    mut grid: ResMut<Grid>,
    mut stock: ResMut<ChipStock>,
    mut ground: ResMut<GroundCompute>,
    mut halls: Query<(&mut GroundDatacenter, Has<super::Disabled>)>,
) {
    let cooling = cooling_now(&clock, &grid);
    burn_in_gpus(cooling, &params, &grid, &mut stock, &mut ground);
    install_gpus(
        &params,
        &mut stock,
        in_service_first(halls.iter_mut()).map(|(h, _)| h),
    );
    let fab_gw = stock.fab_load_gw;
    power_datacenters(
        cooling,
        &params,
        (&mut grid, fab_gw),
        &mut ground,
        in_service_first(halls.iter_mut()),
    );
}

/// The halls as the rules meet them: those in service first, then those an event took out
/// of service, each in the order of its table. A hall out of service carries `Disabled`, so
/// it sits in another table, and a query lists its tables in the order it first saw them:
/// in a game, the halls in service always first (a hall is taken out of service after it
/// is built), but in a world restored from a snapshot, where both tables are there before
/// the rules first run, in whatever order Bevy's index of tables gives. So the rules put
/// them in order themselves (holding back only the halls out of service, most hours none).
fn in_service_first<T>(
    mut halls: impl Iterator<Item = (T, bool)>,
) -> impl Iterator<Item = (T, bool)> {
    let mut out_of_service = Vec::new();
    let mut held: Option<std::vec::IntoIter<(T, bool)>> = None;
    std::iter::from_fn(move || {
        loop {
            if let Some(held) = &mut held {
                return held.next();
            }
            match halls.next() {
                Some((hall, false)) => return Some((hall, false)),
                Some(out) => out_of_service.push(out),
                None => held = Some(std::mem::take(&mut out_of_service).into_iter()),
            }
        }
    })
}

/// A site's climate sets its halls' cooling overhead (C13). It is the site's, not a
/// hall's: every hall on a grid is cooled as the grid's place is ([`Grid::climate`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, Reflect)]
#[reflect(Default, Debug, PartialEq)]
pub enum Climate {
    /// A temperate site.
    #[default]
    Temperate,
    /// A hot site (a Memphis summer).
    Hot,
}

/// Sites nearer the equator than this are hot unless a level names their climate: where
/// summers are hot (cooling design temperatures of about 33 °C and more: Memphis at 35°N,
/// Dallas, Phoenix, northern Virginia at 39°N), against about 29–31 °C at 45–50°N
/// (Oregon, Frankfurt). A level's grid may name its climate instead.
pub const HOT_SITE_MAX_LATITUDE_DEG: f64 = 40.0;

impl Climate {
    /// The climate of a site at `lat_deg` where a level names none: hot within
    /// [`HOT_SITE_MAX_LATITUDE_DEG`] of the equator, temperate beyond.
    pub fn at_latitude(lat_deg: f64) -> Self {
        if lat_deg.abs() < HOT_SITE_MAX_LATITUDE_DEG {
            Climate::Hot
        } else {
            Climate::Temperate
        }
    }

    /// C13: the cooling power a hall here adds at its sizing peak, as a share of its racks'.
    pub fn cooling_overhead(self, params: &Params) -> f64 {
        match self {
            Climate::Hot => params.get(P::CoolingOverheadHot),
            Climate::Temperate => params.get(P::CoolingOverheadTemperate),
        }
    }
}

/// A ground datacenter hall, on the grid's site and cooled as that site is (C13).
#[derive(Component, Debug, Clone, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Component, Debug, PartialEq)]
#[require(SimEntity)]
pub struct GroundDatacenter {
    /// Its name.
    pub name: String,
    /// GPU slots.
    pub gpu_slots: f64,
    /// GPUs installed.
    pub gpus: f64,
    /// GPUs with power this hour.
    pub gpus_powered: f64,
}

impl GroundDatacenter {
    /// An empty hall.
    pub fn new(name: String, gpu_slots: f64) -> Self {
        Self {
            name,
            gpu_slots,
            gpus: 0.0,
            gpus_powered: 0.0,
        }
    }

    /// Installed GPUs without power.
    pub fn unpowered(&self) -> f64 {
        (self.gpus - self.gpus_powered).max(0.0)
    }

    /// Powers what `left_gw` allows at `gw_per_gpu` (nothing when disabled) and takes it
    /// from `left_gw`.
    pub fn power(&mut self, left_gw: &mut f64, gw_per_gpu: f64, disabled: bool) {
        let p = if disabled {
            0.0
        } else {
            self.gpus.min(*left_gw / gw_per_gpu)
        };
        self.gpus_powered = p;
        *left_gw -= p * gw_per_gpu;
    }
}

/// Ground compute this hour.
#[derive(Resource, Debug, Clone, Serialize, Deserialize, Default, PartialEq, Reflect)]
#[reflect(Resource, Default, Debug, PartialEq)]
pub struct GroundCompute {
    /// GPUs installed in halls.
    pub installed: f64,
    /// GPUs with power.
    pub powered: f64,
    /// GPU slots in all halls.
    pub slots: f64,
    /// Load of the powered GPUs and the burn-in, GW.
    pub load_gw: f64,
    /// Load the installed GPUs would draw if all were powered, GW.
    pub wanted_gw: f64,
    /// Of the burn-in, the share that had power this hour.
    pub burn_in_powered: f64,
}

impl GroundCompute {
    /// Installed GPUs without power (the power-wall gauge).
    pub fn unpowered(&self) -> f64 {
        (self.installed - self.powered).max(0.0)
    }
}

/// C12–C13: power one GPU draws from the grid in a hall on the hottest hour, kW (before the
/// reserve): what generation is sized for.
pub fn load_kw_per_gpu(params: &Params, climate: Climate) -> f64 {
    params.get(P::GpuPowerKw)
        * params.get(P::RackOverhead)
        * params.get(P::NetworkStorageOverhead)
        * (1.0 + climate.cooling_overhead(params))
}

/// X6: the share of its sizing peak a hall's cooling draws this hour. The hot-site +40%
/// (C13) is a peak for sizing; cooling follows the air's temperature — the season (summer
/// in the hemisphere of `lat_deg`) and the afternoon — and averages half the peak over a
/// year (a hot site ≈+20%, a temperate one ≈+10%, `docs/model.md` X6).
pub fn cooling_share_now(lat_deg: f64, lon_deg: f64, day_of_year: u32, hour_utc: u32) -> f64 {
    use std::f64::consts::TAU;
    let season =
        super::math::cos(TAU * (f64::from(day_of_year) - 200.0) / 365.0) * lat_deg.signum();
    let local = f64::from(hour_utc) + 0.5 + lon_deg / 15.0;
    let afternoon = super::math::cos(TAU * (local - 15.0) / 24.0);
    (0.5 + 0.35 * season + 0.15 * afternoon).clamp(0.0, 1.0)
}

/// Power one GPU draws from the grid in a hall this hour, kW: as [`load_kw_per_gpu`] with
/// the cooling at `cooling_share` of its peak.
pub fn load_kw_per_gpu_now(params: &Params, climate: Climate, cooling_share: f64) -> f64 {
    params.get(P::GpuPowerKw)
        * params.get(P::RackOverhead)
        * params.get(P::NetworkStorageOverhead)
        * (1.0 + climate.cooling_overhead(params) * cooling_share)
}

/// C15: generation to build per GPU, with the maintenance reserve (C14), kW.
pub fn generation_kw_per_gpu(params: &Params, climate: Climate) -> f64 {
    load_kw_per_gpu(params, climate) * (1.0 + params.get(P::GenerationReserve))
}

/// The cooling share at the grid's site this hour (found once an hour, for burn-in and
/// the halls).
pub(super) fn cooling_now(clock: &super::clock::GameClock, grid: &Grid) -> f64 {
    cooling_share_now(
        grid.lat_deg,
        grid.lon_deg,
        clock.date().day_of_year(),
        clock.hour_utc(),
    )
}

/// Burn-in runs first on what the grid has after the fabs (X15), in racks cooled as the
/// grid's site is; a batch that had only part of its power takes longer.
pub(super) fn burn_in_gpus(
    cooling: f64,
    params: &Params,
    grid: &Grid,
    stock: &mut ChipStock,
    ground: &mut GroundCompute,
) {
    let burning = stock.burning_in();
    let kw = load_kw_per_gpu_now(params, grid.climate, cooling);
    let want_gw = burning * kw * 1e-6;
    let f = if want_gw > 0.0 {
        ((grid.available_gw() - stock.fab_load_gw).max(0.0) / want_gw).min(1.0)
    } else {
        1.0
    };
    ground.burn_in_powered = f;
    ground.load_gw = want_gw * f;
    let need_h = params.get(P::BurnInDays) * HOURS_PER_DAY;
    let infant = params.get(P::InfantMortality);
    for batch in stock.burn_in.iter_mut() {
        batch.hours_done += f;
    }
    while let Some(batch) = stock.burn_in.front() {
        if batch.hours_done + 1e-9 < need_h {
            break;
        }
        let (gpus, share) = (batch.gpus, batch.space_share);
        stock.burn_in.pop_front();
        stock.ground_infant_failures += gpus * infant;
        stock.distribute(gpus * (1.0 - infant), true, share);
    }
}

/// Moves waiting GPUs into free slots; untested ones show their infant failures here.
pub(super) fn install_gpus<'a>(
    params: &Params,
    stock: &mut ChipStock,
    halls: impl Iterator<Item = Mut<'a, GroundDatacenter>>,
) {
    if stock.ground_waiting_gpus <= 0.0 && stock.ground_waiting_unburned <= 0.0 {
        return;
    }
    let infant = params.get(P::InfantMortality);
    for mut hall in halls {
        let mut free = (hall.gpu_slots - hall.gpus).max(0.0);
        let burned = stock.ground_waiting_gpus.min(free);
        stock.ground_waiting_gpus -= burned;
        hall.gpus += burned;
        free -= burned;
        let raw = stock.ground_waiting_unburned.min(free);
        stock.ground_waiting_unburned -= raw;
        stock.ground_infant_failures += raw * infant;
        hall.gpus += raw * (1.0 - infant);
    }
}

/// Powers halls in order with what the grid has after the fabs' `fab_gw` (X15) and the
/// burn-in, each cooled as the grid's site is (C13); the grid's load is all of it.
pub(super) fn power_datacenters<'a>(
    cooling: f64,
    params: &Params,
    (grid, fab_gw): (&mut Grid, f64),
    ground: &mut GroundCompute,
    halls: impl Iterator<Item = (Mut<'a, GroundDatacenter>, bool)>,
) {
    let after_fabs = (grid.available_gw() - fab_gw).max(0.0);
    let mut left_gw = (after_fabs - ground.load_gw).max(0.0);
    let gw_per_gpu = load_kw_per_gpu_now(params, grid.climate, cooling) * 1e-6;
    let (mut installed, mut powered, mut slots, mut wanted) = (0.0, 0.0, 0.0, 0.0);
    for (mut hall, disabled) in halls {
        hall.power(&mut left_gw, gw_per_gpu, disabled);
        installed += hall.gpus;
        powered += hall.gpus_powered;
        slots += hall.gpu_slots;
        wanted += hall.gpus * gw_per_gpu;
    }
    ground.installed = installed;
    ground.powered = powered;
    ground.slots = slots;
    ground.wanted_gw = wanted + ground.load_gw;
    ground.load_gw = (after_fabs - left_gw).max(0.0);
    grid.load_gw = fab_gw.min(grid.available_gw()) + ground.load_gw;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The halls' rules alone, Emergence's way: the tick's order, this domain's plugin, a
    /// grid that gives `gw` from turbines and `waiting` burned-in GPUs in stock; no level,
    /// no plants, no other domain.
    fn halls_alone(gw: f64, waiting: f64) -> App {
        let mut app = crate::sim::alone::app(plugin);
        app.init_resource::<GroundCompute>()
            .insert_resource(ChipStock {
                ground_waiting_gpus: waiting,
                ..default()
            })
            .insert_resource(crate::sim::alone::turbine_grid(gw));
        app
    }

    /// Halls take what fits in their slots, and power what the grid gives, in order; a
    /// hall out of service gets nothing; the load is what the powered GPUs draw.
    #[test]
    fn halls_alone_install_what_fits_and_power_what_the_grid_gives() {
        let mut app = halls_alone(0.001, 1_500.0);
        let world = app.world_mut();
        let a = world.spawn(GroundDatacenter::new("A".into(), 1_000.0)).id();
        let b = world
            .spawn((
                GroundDatacenter::new("B".into(), 1_000.0),
                crate::sim::Disabled,
            ))
            .id();
        world.run_schedule(crate::sim::SimTick);
        let (a, b) = (
            world.get::<GroundDatacenter>(a).unwrap().clone(),
            world.get::<GroundDatacenter>(b).unwrap().clone(),
        );
        let ground = world.resource::<GroundCompute>().clone();
        // Every waiting GPU found a slot: A filled, the rest in B (out of service).
        assert_eq!(a.gpus + b.gpus, 1_500.0);
        assert_eq!(world.resource::<ChipStock>().ground_waiting_gpus, 0.0);
        assert_eq!(ground.installed, 1_500.0);
        // 1 MW runs some of A's GPUs, none of B's.
        assert_eq!(b.gpus_powered, 0.0);
        assert!(a.gpus_powered > 0.0 && a.gpus_powered < a.gpus, "{a:?}");
        assert_eq!(ground.powered, a.gpus_powered);
        assert!(ground.load_gw <= 0.001 + 1e-12 && ground.load_gw > 0.000_99);
        assert_eq!(world.resource::<Grid>().load_gw, ground.load_gw);
    }
}

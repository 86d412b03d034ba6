//! Construction projects and their queues: interconnect studies that clear GW a year
//! (C16), permits (C4), panels and turbines delivered at what their makers can supply
//! (C42, C17), and building.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::constants::HOURS_PER_YEAR;
use super::datacenters::GroundDatacenter;
use super::energy::{PlantKind, PowerPlant};
use super::launch::{Pad, Ship};
use super::orders::BuildKind;
use super::params::{P, Params};
use super::registry::SimEntity;
use super::research::{Research, Tech};
use super::robots::RobotFactory;
use super::world::{Craft, Fleet};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        super::SimTick,
        count_down_queues.in_set(super::SimSystems::Queues),
    );
}

/// Research, then construction, permits and turbine deliveries count down
/// ([`progress_projects`]).
fn count_down_queues(
    mut commands: Commands,
    clock: Res<super::clock::GameClock>,
    params: Res<Params>,
    mut research: ResMut<Research>,
    mut queues: ResMut<Queues>,
    mut projects: Query<(Entity, &mut Project)>,
    mut factories: Query<&mut RobotFactory>,
    fleet: (Query<&Ship>, Query<&Pad>),
) {
    progress_projects(
        &mut commands,
        &params,
        &mut research,
        clock.decimal_year(),
        &mut queues,
        (&mut projects, &mut factories),
        (&fleet.0, &fleet.1),
    );
}

/// Where a project stands.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Debug, PartialEq)]
pub enum Stage {
    /// In the utility's interconnect study (C16): it takes its months, and the studies
    /// clear so many GW a year, first come first served; GW its turn has not cleared yet.
    Study {
        /// Generation the studies have still to clear, GW.
        gw_left: f64,
    },
    /// Waiting for permits and land (C4).
    Permit,
    /// Waiting for its panels from what the makers can supply us (C42); GW still to
    /// deliver.
    AwaitPanels {
        /// Panels still to deliver, peak GW.
        gw_left: f64,
    },
    /// Waiting for turbines from the casters; GW still to deliver (C17).
    AwaitTurbines {
        /// Turbines still to deliver, GW.
        gw_left: f64,
    },
    /// Being built.
    Build,
}

/// Something paid for and not yet in service.
#[derive(Component, Debug, Clone, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Component, Debug, PartialEq)]
#[require(SimEntity)]
pub struct Project {
    /// Order number: queues serve the lowest first.
    pub seq: u64,
    /// What it becomes.
    pub kind: BuildKind,
    /// The launch site, for ships and pads.
    #[entities]
    #[serde(with = "super::snapshot::entity_opt")]
    pub site: Option<Entity>,
    /// Where it stands.
    pub stage: Stage,
    /// Game hours left in this stage (for `Study`: its months, which run while its GW
    /// wait their turn).
    pub hours_left: f64,
    /// The tick it was ordered.
    pub ordered_tick: u64,
    /// C38: how many times longer than announced its timed stages run (study, permit,
    /// build, install), drawn once when it was ordered ([`super::rng::slip_factor`]);
    /// 1 runs to the announced date. The player sees the announced median and its range,
    /// not this.
    #[serde(default = "one")]
    pub slip: f64,
}

fn one() -> f64 {
    1.0
}

impl Project {
    /// Game hours of its timed stages still to run as announced (the median), from its
    /// stage on; waits in a queue (the studies' GW, panels, turbines) are not in it.
    pub fn announced_hours_left(&self, params: &Params) -> f64 {
        let months = |k| params.hours_of_months(k);
        let later = match (&self.stage, &self.kind) {
            (Stage::Study { .. }, BuildKind::SolarFarm { .. }) => {
                months(P::GroundPermitDelay) + months(P::SolarFarmBuild)
            }
            (Stage::Permit, BuildKind::SolarFarm { .. }) => months(P::SolarFarmBuild),
            (Stage::AwaitPanels { .. }, _) => months(P::SolarFarmBuild),
            (Stage::AwaitTurbines { .. }, _) => months(P::TurbineInstall),
            _ => 0.0,
        };
        let now = match self.stage {
            Stage::AwaitPanels { .. } | Stage::AwaitTurbines { .. } => 0.0,
            _ => self.hours_left.max(0.0),
        };
        now + later
    }
}

/// The next project number.
#[derive(Resource, Debug, Default, Clone, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Resource, Default, Debug, PartialEq)]
pub struct ProjectSeq(u64);

impl ProjectSeq {
    /// Takes the next number.
    pub fn take_next(&mut self) -> u64 {
        self.0 += 1;
        self.0
    }
}

/// What the queues look like this tick, for the limiting factor and the UI.
#[derive(Resource, Debug, Default, Clone, Serialize, Deserialize, PartialEq, Reflect)]
#[reflect(Resource, Default, Debug, PartialEq)]
pub struct Queues {
    /// Solar farms in the interconnect study.
    pub studying: u32,
    /// Of their generation, what the studies have still to clear, GW.
    pub study_gw: f64,
    /// Generation the studies clear a year, GW/yr.
    pub study_gw_per_yr: f64,
    /// Panels ordered for farms past their permits and not yet delivered, peak GW.
    pub panels_waiting_gw: f64,
    /// Panels we can get a year, peak GW/yr.
    pub panel_supply_gw_per_yr: f64,
    /// Ground solar in projects, not yet in service, peak GW (with what is in service, the
    /// land it takes).
    pub solar_planned_gw: f64,
    /// Turbines ordered and not yet delivered, GW.
    pub turbines_waiting_gw: f64,
    /// Turbine deliveries possible now, GW/yr.
    pub turbine_delivery_gw_per_yr: f64,
    /// Projects in permit or build.
    pub building: u32,
}

/// C17: turbines the casters can deliver a year now.
pub fn turbine_delivery_gw_per_yr(params: &Params, research: &Research, year: f64) -> f64 {
    let base = if year < params.get(P::TurbineBacklogUntil) {
        params.get(P::TurbineCasterGwPerYr)
    } else {
        params.get(P::TurbineFreeGwPerYr)
    };
    let inhouse = if research.has(Tech::InhouseCasting) {
        params.get(P::InhouseCastingGwPerYr)
    } else {
        0.0
    };
    base + inhouse
}

/// Research counts down, then each project in the order it was ordered: studies clear
/// their GW, permits and builds count down, panels and turbines wait for deliveries; a
/// finished project goes into service (the queues phase). A ship or pad finished at a site
/// that is full ([`super::world::Fleet`], counted from `ships` and `pads` at the first one)
/// is not added.
pub(super) fn progress_projects(
    commands: &mut Commands,
    params: &Params,
    research: &mut Research,
    year: f64,
    queues: &mut Queues,
    (projects, factories): (
        &mut Query<(Entity, &mut Project)>,
        &mut Query<&mut RobotFactory>,
    ),
    (ships, pads): (&Query<&Ship>, &Query<&Pad>),
) {
    let mut fleet: Option<Fleet> = None;
    // Research first, so what it finishes this hour counts for the projects.
    super::research::count_down(research);
    let mut order: Vec<(u64, Entity)> = projects.iter().map(|(e, p)| (p.seq, e)).collect();
    order.sort_unstable();
    let delivery_gw_per_yr = turbine_delivery_gw_per_yr(params, research, year);
    let mut deliverable_gw = delivery_gw_per_yr / HOURS_PER_YEAR;
    let mut q = Queues {
        study_gw_per_yr: params.get(P::InterconnectGwPerYr),
        panel_supply_gw_per_yr: params.get(P::PanelSupplyGwPerYr),
        turbine_delivery_gw_per_yr: delivery_gw_per_yr,
        ..default()
    };
    let mut studies_gw = q.study_gw_per_yr / HOURS_PER_YEAR;
    let mut panels_gw = q.panel_supply_gw_per_yr / HOURS_PER_YEAR;
    for (_, entity) in order {
        // The entity came from this query a moment ago and nothing despawns in between.
        let Ok((_, mut p)) = projects.get_mut(entity) else {
            continue;
        };
        if let BuildKind::SolarFarm { gw } = p.kind {
            q.solar_planned_gw += gw;
        }
        match p.stage.clone() {
            Stage::Study { gw_left } => {
                let cleared = gw_left.min(studies_gw);
                studies_gw -= cleared;
                let left = gw_left - cleared;
                p.hours_left = (p.hours_left - 1.0 / p.slip).max(0.0);
                if left <= 1e-12 && p.hours_left <= 0.0 {
                    p.stage = Stage::Permit;
                    p.hours_left = params.hours_of_months(P::GroundPermitDelay);
                } else {
                    q.studying += 1;
                    q.study_gw += left;
                    p.stage = Stage::Study { gw_left: left };
                }
            }
            Stage::Permit => {
                q.building += 1;
                p.hours_left -= 1.0 / p.slip;
                if p.hours_left <= 0.0 {
                    p.stage = match p.kind {
                        BuildKind::SolarFarm { gw } => Stage::AwaitPanels { gw_left: gw },
                        _ => Stage::Build,
                    };
                    p.hours_left = params.hours_of_months(P::SolarFarmBuild);
                }
            }
            Stage::AwaitPanels { gw_left } => {
                let got = gw_left.min(panels_gw);
                panels_gw -= got;
                let left = gw_left - got;
                if left <= 1e-12 {
                    p.stage = Stage::Build;
                } else {
                    q.panels_waiting_gw += left;
                    p.stage = Stage::AwaitPanels { gw_left: left };
                }
            }
            Stage::AwaitTurbines { gw_left } => {
                let got = gw_left.min(deliverable_gw);
                deliverable_gw -= got;
                let left = gw_left - got;
                q.turbines_waiting_gw += left;
                if left <= 1e-12 {
                    p.stage = Stage::Build;
                    p.hours_left = params.hours_of_months(P::TurbineInstall);
                } else {
                    p.stage = Stage::AwaitTurbines { gw_left: left };
                }
            }
            Stage::Build => {
                q.building += 1;
                p.hours_left -= 1.0 / p.slip;
                if p.hours_left <= 0.0 {
                    let room = matches!(p.kind, BuildKind::Ship { .. } | BuildKind::Pad { .. })
                        .then(|| fleet.get_or_insert_with(|| Fleet::count(ships, pads)));
                    complete(&p, commands, factories, room);
                    commands.entity(entity).despawn();
                }
            }
        }
    }
    *queues = q;
}

/// Puts a finished project into service; a ship or pad only if `fleet` has room for it at
/// its site.
fn complete(
    p: &Project,
    commands: &mut Commands,
    factories: &mut Query<&mut RobotFactory>,
    fleet: Option<&mut Fleet>,
) {
    match &p.kind {
        BuildKind::SolarFarm { gw } => {
            commands.spawn(PowerPlant {
                kind: PlantKind::Solar { peak_gw: *gw },
            });
        }
        BuildKind::Batteries { gwh } => {
            commands.spawn(PowerPlant {
                kind: PlantKind::Battery {
                    capacity_gwh: *gwh,
                    charge_gwh: 0.0,
                },
            });
        }
        BuildKind::Turbines { gw } => {
            commands.spawn(PowerPlant {
                kind: PlantKind::Turbines { gw: *gw },
            });
        }
        BuildKind::Datacenter { gpus } => {
            commands.spawn(GroundDatacenter::new(format!("Hall {}", p.seq), *gpus));
        }
        BuildKind::Ship { .. } => {
            if let (Some(site), Some(fleet)) = (p.site, fleet)
                && fleet.add(site, Craft::Ships, 1) == 1
            {
                commands.spawn(Ship::ready_at(site));
            }
        }
        BuildKind::Pad { .. } => {
            if let (Some(site), Some(fleet)) = (p.site, fleet)
                && fleet.add(site, Craft::Pads, 1) == 1
            {
                commands.spawn(Pad::free_at(site));
            }
        }
        BuildKind::MethanePlant { t_per_day, .. } => {
            if let Some(site) = p.site {
                let more = *t_per_day;
                commands.queue(move |world: &mut World| {
                    if let Some(mut s) = world.get_mut::<super::launch::LaunchSite>(site) {
                        s.methane_t_per_day += more;
                    }
                });
            }
        }
        BuildKind::RobotFactory => {
            if let Some(mut f) = factories.iter_mut().next() {
                f.lines += 1.0;
            } else {
                commands.spawn(RobotFactory {
                    name: "Robot factory".into(),
                    lines: 1.0,
                });
            }
        }
        // Fabs run their own phases; lunar works and drivers open with their mass on the
        // Moon (`moon::LunarBuild`).
        BuildKind::Fab { .. } | BuildKind::LunarWorks { .. } | BuildKind::MassDriver { .. } => {}
    }
}

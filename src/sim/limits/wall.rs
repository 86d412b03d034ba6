//! The wall growth hits now ([`Wall`]): where the last 30 days' chips went, found once a
//! game day from the slack each constraint has, and held 30 days before it counts.

use super::{Chain, Constraint, Limits, Wall, WallEntry, Walls, chip_constraint, n0};
use crate::sim::chips::{AssemblyLimit, ChipStock};
use crate::sim::clock::GameClock;
use crate::sim::datacenters::GroundCompute;
use crate::sim::orbit::OrbitCompute;
use crate::text::{Text, count, text};

/// Days a window of the wall covers, and days a new wall must hold before it counts.
const WALL_DAYS: usize = 30;
/// Share of the chips on offer that must be running for the chips to be the wall.
const CHIPS_RUNNING: f64 = 0.7;

/// What the last 30 days did with the chips on offer in them, GPU-equivalents.
struct Window {
    /// Chips on offer (whatever share the player bought).
    made: f64,
    /// How many more ran at the end than at the start.
    grew: f64,
    /// How many more sat dark at the end than at the start.
    darkened: f64,
    /// Chips on offer that did not join the running ones.
    lost: f64,
}

/// Where the launches stand at the day's end: whether the flights are at capacity (ships,
/// pads or methane bind them) with a queue waiting, at least a flight's load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Flights {
    /// The flights fly all they can and GPUs wait for the next.
    pub full: bool,
    /// Something other than the payload holds the flights back (ships, pads, methane,
    /// capital, no site): GPUs waiting for a flight are not on their way to run.
    pub held: bool,
}

impl Flights {
    /// From what binds the launches and the GPUs waiting for a flight, of which one
    /// flight carries `gpus_per_flight`.
    pub fn new(limits: &Limits, stock: &ChipStock, gpus_per_flight: f64) -> Self {
        let binds = limits.of(Chain::Launches).map(|b| b.constraint);
        let at_capacity = matches!(
            binds,
            Some(Constraint::Ships | Constraint::Pads | Constraint::Methane)
        );
        let held =
            binds.is_some_and(|c| !matches!(c, Constraint::Payload | Constraint::BurnInPower));
        let queued = stock.launch_queue_gpus + stock.launch_queue_unburned;
        Self {
            full: at_capacity && queued >= gpus_per_flight.max(1.0),
            held,
        }
    }
}

/// Where the last 30 days' chips went: see [`Wall`].
pub(super) fn find_wall(
    clock: &GameClock,
    (stock, ground, orbit): (&ChipStock, &GroundCompute, &OrbitCompute),
    limits: &Limits,
    (flights, spare_power_gpus): (Flights, f64),
    walls: &mut Walls,
) {
    walls.made += stock.offered_gpus_per_hour;
    walls.fab_dark += stock.fab_dark_gpus_per_hour;
    if clock.tick % 24 != 23 {
        return;
    }
    // Chips on their way to run count as running: a burn-in with its power, and GPUs
    // waiting for flights that have room.
    let Some(window) = take_day(stock, ground, orbit, limits, flights.held, walls) else {
        return;
    };
    let wall = classify_wall(&window, stock, ground, limits, (flights, spare_power_gpus));
    // Why, in words: only a wall that starts a new candidate keeps it (most days the wall
    // is the one there was), so the text is made only then.
    let why = || explain_wall(wall, &window, stock, ground, limits);
    hold_wall(clock, wall, why, walls);
}

/// Adds the day just ended to the last 30 days (chips made so far, running, dark) and
/// takes out the day before them: what the 30 days between did, or `None` while the days
/// are still fewer, or when they made no chips.
fn take_day(
    stock: &ChipStock,
    ground: &GroundCompute,
    orbit: &OrbitCompute,
    limits: &Limits,
    launch_bound: bool,
    walls: &mut Walls,
) -> Option<Window> {
    let queued = stock.launch_queue_gpus + stock.launch_queue_unburned;
    let (burn_short, burn_ok) = if limits.burn_in_power_day < 0.99 {
        (stock.burning_in(), 0.0)
    } else {
        (0.0, stock.burning_in())
    };
    let running =
        ground.powered + orbit.total_powered() + burn_ok + if launch_bound { 0.0 } else { queued };
    let dark = ground.unpowered() + burn_short + walls.fab_dark;
    let made = walls.made;
    walls.days.push_back((made, running, dark));
    if walls.days.len() <= WALL_DAYS {
        return None;
    }
    let (made0, running0, dark0) = walls.days.pop_front().unwrap_or_default();
    let made = made - made0;
    if made <= 0.0 {
        return None;
    }
    let grew = (running - running0).max(0.0);
    let darkened = (dark - dark0).max(0.0);
    let lost = (made - grew).max(0.0);
    Some(Window {
        made,
        grew,
        darkened,
        lost,
    })
}

/// The wall the 30 days show, from the slack each constraint has. Capital when assembly
/// waits on it. Launch when the flights are at capacity with a queue waiting and the
/// ground has dark GPUs (no room there either), however many chips still run. The chips
/// when most of the chips on offer ran (measured against what is on offer, so a player's
/// own throttle is not a chip wall). Power when the rest went dark, GPUs sit dark on the
/// ground, power binds the ground, or the ground's spare power (`spare_power_gpus`, in
/// GPUs) could not run the chips on offer that did not come to run. Else homes: power was
/// there, but no slot or flight was wanted for them.
fn classify_wall(
    window: &Window,
    stock: &ChipStock,
    ground: &GroundCompute,
    limits: &Limits,
    (flights, spare_power_gpus): (Flights, f64),
) -> Wall {
    let dark = ground.unpowered() > 0.5;
    // The chips on offer that did not come to run would not have had power either: the
    // player's throttle (or the fabs' dark hours) follows the power wall.
    let power_short = window.lost > spare_power_gpus;
    let power_binds = limits.of(Chain::GroundCompute).is_some_and(|b| {
        matches!(
            b.constraint,
            Constraint::Power
                | Constraint::Turbines
                | Constraint::Permits
                | Constraint::Panels
                | Constraint::BurnInPower
        )
    });
    if stock.limit == AssemblyLimit::Capital {
        Wall::Capital
    } else if flights.full && dark {
        Wall::Launch
    } else if window.grew >= CHIPS_RUNNING * window.made {
        Wall::Chips
    } else if window.darkened >= 0.5 * window.lost || dark || power_binds || power_short {
        Wall::Power
    } else {
        Wall::Homes
    }
}

/// Why the 30 days show `wall`, in every language.
fn explain_wall(
    wall: Wall,
    window: &Window,
    stock: &ChipStock,
    ground: &GroundCompute,
    limits: &Limits,
) -> Text {
    let ran = text(
        "why-ran",
        &[
            ("made", count(window.made)),
            ("pct", n0((window.grew / window.made * 100.0).min(100.0))),
        ],
    );
    match wall {
        Wall::Chips => {
            let chip = text(
                &format!("constraint-{:?}", chip_constraint(stock)).to_lowercase(),
                &[],
            );
            text(
                "why-chips",
                &[
                    ("ran", ran),
                    ("chip", chip),
                    ("launches", launch_detail(limits)),
                ],
            )
        }
        Wall::Capital => text("why-capital", &[("ran", ran)]),
        Wall::Power => text(
            "why-power",
            &[("ran", ran), ("dark", count(window.darkened))],
        ),
        Wall::Launch => text(
            "why-launch",
            &[
                ("ran", ran),
                ("dark", count(ground.unpowered())),
                ("launches", launch_detail(limits)),
            ],
        ),
        // The player buys less than is on offer, with power to spare: the orders are what
        // holds growth back, not a home for the chips.
        Wall::Homes if stock.supply_gpus_per_hour < 0.99 * stock.offered_gpus_per_hour => text(
            "why-throttled",
            &[
                ("ran", ran),
                (
                    "pct",
                    n0(stock.supply_gpus_per_hour / stock.offered_gpus_per_hour.max(1e-9) * 100.0),
                ),
            ],
        ),
        Wall::Homes => text("why-homes", &[("ran", ran)]),
    }
}

/// What binds the launches, in words, for the walls that name it.
fn launch_detail(limits: &Limits) -> Text {
    limits.of(Chain::Launches).map_or(Text::default(), |b| {
        text(
            "why-launches",
            &[
                (
                    "by",
                    text(
                        &format!("constraint-{:?}", b.constraint).to_lowercase(),
                        &[],
                    ),
                ),
                ("detail", b.detail.clone()),
            ],
        )
    })
}

/// A wall counts once it has held 30 days in a row: a new one becomes the candidate (its
/// words made only then, by `why`), and a candidate that holds 30 days becomes the wall now.
fn hold_wall(clock: &GameClock, wall: Wall, why: impl FnOnce() -> Text, walls: &mut Walls) {
    let now = walls.now;
    let candidate = match walls.candidate.take() {
        _ if now == Some(wall) => None,
        Some((e, days)) if e.wall == wall => Some((e, days + 1)),
        _ => Some((
            WallEntry {
                year: clock.decimal_year() - WALL_DAYS as f64 / 365.0,
                wall,
                why: why(),
            },
            1,
        )),
    };
    match candidate {
        Some((e, days)) if days >= WALL_DAYS => {
            walls.now = Some(e.wall);
            walls.history.push(e);
        }
        c => walls.candidate = c,
    }
}

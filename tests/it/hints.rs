//! Honest hints (issue 29): every binding names the orders and policies that relieve it,
//! and a player who only ever presses "fix" does no worse than one who does nothing.

use bevy::prelude::*;
use terawatt::level::CheckedLevel;
use terawatt::sim::chips::FabKind;
use terawatt::sim::clock::Date;
use terawatt::sim::costs::Learning;
use terawatt::sim::economy::Capital;
use terawatt::sim::energy::Grid;
use terawatt::sim::launch::LaunchSite;
use terawatt::sim::limits::{Constraint, Limits, reliefs};
use terawatt::sim::moon::{LunarBase, LunarMine};
use terawatt::sim::orders::{BuildKind, Order, OrderCheck, Policy, check_order};
use terawatt::sim::params::Params;
use terawatt::sim::projects::Queues;
use terawatt::sim::research::{Research, Tech};
use terawatt::sim::state::{Locks, Policies};
use terawatt::sweep::outcome_of;
use terawatt::testing::{advance, level_file, order, sim_app};
use terawatt::verify::{Way, load_solution, play, solution_path};

/// The campaign: every level with a win goal.
const CAMPAIGN: [&str; 7] = [
    "power_wall",
    "cadence",
    "robots",
    "why_space",
    "the_moon",
    "race",
    "timeline",
];

/// Every constraint but "nothing more is wanted" and "not started" has a relief; burn-in
/// power's first is the burn-in policy, methane's a methane plant, and the turbines that
/// wait on the casters are not relieved by ordering more turbines.
#[test]
fn every_binding_maps_to_what_relieves_it() {
    use Constraint::*;
    for c in [
        Power,
        Turbines,
        Permits,
        Panels,
        Datacenters,
        BurnInPower,
        Logic,
        Memory,
        Capital,
        ChipBudget,
        Ships,
        Pads,
        Methane,
        Payload,
        Mining,
        Works,
        MassDriver,
        LunarPower,
        FactoryLines,
        Tankers,
    ] {
        assert!(!reliefs(c).is_empty(), "{c:?} has no relief");
        let known = terawatt::sim::orders::all_actions();
        for a in reliefs(c) {
            assert!(known.contains(a), "{c:?}: unknown action {a}");
        }
    }
    assert_eq!(reliefs(BurnInPower)[0], "policy:burn_in");
    assert_eq!(reliefs(Methane), &["build:methane_plant"]);
    assert!(!reliefs(Turbines).contains(&"build:turbines"));
    assert!(reliefs(Demand).is_empty() && reliefs(NotStarted).is_empty());
}

/// The concrete order a "fix" press gives for `action`, with the orders panel's default
/// amounts; `None` where it would change nothing (a share already at its top).
fn press(world: &mut World, c: Constraint, action: &str) -> Option<Order> {
    let p = world.resource::<Policies>().clone();
    let research = world.resource::<Research>().clone();
    let mut sites: Vec<String> = world
        .query::<&LaunchSite>()
        .iter(world)
        .map(|s| s.name.clone())
        .collect();
    sites.sort();
    let site = sites.first().cloned().unwrap_or_default();
    let up = |x: f64| (x < 1.0).then_some((x + 0.1).min(1.0));
    let tech =
        |t: Tech| (!research.has(t) && !research.in_progress(t)).then_some(Order::Research(t));
    Some(match action {
        "build:turbines" => Order::Build(BuildKind::Turbines { gw: 1.0 }),
        "build:solar_farm" => Order::Build(BuildKind::SolarFarm { gw: 1.0 }),
        "build:batteries" => Order::Build(BuildKind::Batteries { gwh: 4.0 }),
        "build:datacenter" => Order::Build(BuildKind::Datacenter { gpus: 100_000.0 }),
        "build:fab" => Order::Build(BuildKind::Fab {
            kind: if c == Constraint::Memory {
                FabKind::Memory
            } else {
                FabKind::Logic
            },
        }),
        "build:ship" => Order::Build(BuildKind::Ship { site }),
        "build:pad" => Order::Build(BuildKind::Pad { site }),
        "build:methane_plant" => Order::Build(BuildKind::MethanePlant {
            site,
            t_per_day: 5_000.0,
        }),
        "build:robot_factory" => Order::Build(BuildKind::RobotFactory),
        "build:lunar_works" => Order::Build(BuildKind::LunarWorks { gw_per_yr: 5.0 }),
        "build:mass_driver" => Order::Build(BuildKind::MassDriver { t_per_h: 10.0 }),
        "policy:burn_in" => Order::Policy(Policy::BurnIn(!p.burn_in)),
        "policy:space_share" => Order::Policy(Policy::SpaceShare(up(p.space_share)?)),
        "policy:chip_orders" => Order::Policy(Policy::ChipOrders(up(p.chip_orders)?)),
        "policy:robots_to_moon" => Order::Policy(Policy::RobotsToMoon(
            up(p.robots_to_moon)?.min(1.0 - p.robots_to_factories),
        )),
        "policy:robots_to_factories" => Order::Policy(Policy::RobotsToFactories(
            up(p.robots_to_factories)?.min(1.0 - p.robots_to_moon),
        )),
        "policy:lunar_reinvest" => Order::Policy(Policy::LunarReinvest(up(p.lunar_reinvest)?)),
        "policy:chip_budget" => {
            // Capital binds: keep a year's spending on chips to what is on hand now;
            // the budget binds: double it.
            let have = world.resource::<Capital>().usd.max(0.0);
            let b = if c == Constraint::ChipBudget {
                (p.chip_budget_usd_per_yr * 2.0).min(terawatt::sim::state::NO_CHIP_BUDGET)
            } else {
                have.min(p.chip_budget_usd_per_yr)
            };
            (b != p.chip_budget_usd_per_yr).then_some(Order::Policy(Policy::ChipBudget(b)))?
        }
        "research:inhouse_casting" => tech(Tech::InhouseCasting)?,
        "research:terafab" => tech(Tech::TeraFab)?,
        "research:ipo" => tech(Tech::Ipo)?,
        other => panic!("no press for {other}"),
    })
}

/// Whether the sim would take `o` now (the order desk's own rule).
fn allowed(world: &mut World, o: &Order) -> bool {
    let names: Vec<(String, bool)> = world
        .query::<&LaunchSite>()
        .iter(world)
        .map(|s| (s.name.clone(), s.sso))
        .collect();
    let sites: Vec<(&str, bool)> = names.iter().map(|(n, s)| (n.as_str(), *s)).collect();
    let has_base = world.query::<&LunarBase>().iter(world).next().is_some();
    let lunar_robots = world
        .query::<&LunarMine>()
        .iter(world)
        .map(|m| m.robots)
        .sum();
    let check = OrderCheck {
        params: world.resource::<Params>(),
        learning: world.resource::<Learning>(),
        research: world.resource::<Research>(),
        policies: world.resource::<Policies>(),
        locks: world.resource::<Locks>(),
        capital_usd: world.resource::<Capital>().usd,
        sites: &sites,
        has_lunar_base: has_base,
        lunar_robots,
        solar_gw: world.resource::<Grid>().solar_peak_gw
            + world.resource::<Queues>().solar_planned_gw,
    };
    check_order(o, &check).is_ok()
}

/// Every 30 game days, presses "fix" on the first binding whose relief the sim would take
/// (its most direct relief first), as a player who reads only the hints would.
fn play_fix_only(level: &CheckedLevel, years: f64) -> (&'static str, String, usize) {
    let mut app = sim_app(level);
    let mut pressed = 0;
    let days = (years * 365.0) as u64;
    let mut day = 0;
    while day < days {
        if day % 30 == 0 {
            let bindings = app.world().resource::<Limits>().bindings.clone();
            let world = app.world_mut();
            let given = bindings.iter().find_map(|b| {
                reliefs(b.constraint)
                    .iter()
                    .find_map(|a| press(world, b.constraint, a).filter(|o| allowed(world, o)))
            });
            if let Some(o) = given {
                order(&mut app, o);
                pressed += 1;
            }
        }
        advance(&mut app, 24);
        if app
            .world()
            .resource::<terawatt::level::script::Script>()
            .outcome
            .is_some()
        {
            break;
        }
        day += 1;
    }
    let (outcome, date, _) = outcome_of(app.world());
    (outcome, date, pressed)
}

/// Better first: a win (earlier better), then a game still open, then a loss (later
/// better).
fn rank(outcome: &str, date: &str) -> (u8, i64) {
    let d = Date::parse(date).map_or(0, |d| d.to_days());
    match outcome {
        "won" => (2, -d),
        "open" => (1, 0),
        _ => (0, d),
    }
}

/// A player who presses "fix" every 30 game days, and nothing else, never does worse than
/// one who does nothing, on any campaign level.
#[test]
fn pressing_fix_every_month_never_does_worse_than_nothing() {
    let mut report = String::new();
    let mut worse = Vec::new();
    for id in CAMPAIGN {
        let path = format!("levels/{id}.ron");
        let level = level_file(&path);
        let sol = load_solution(&solution_path(std::path::Path::new(&path), id), &level)
            .unwrap_or_else(|e| panic!("{e}"));
        let nothing = play(&level, Way::Nothing, &[], sol.years);
        let (outcome, date, pressed) = play_fix_only(&level, sol.years);
        report.push_str(&format!(
            "{id}: nothing {} {}; fix x{pressed} {outcome} {date}\n",
            nothing.outcome, nothing.date
        ));
        if rank(outcome, &date) < rank(nothing.outcome, &nothing.date) {
            worse.push(id);
        }
        assert!(pressed > 0, "{id}: fix was never pressed\n{report}");
    }
    assert!(
        worse.is_empty(),
        "fix did worse than nothing on {worse:?}:\n{report}"
    );
}

/// Words that tell the player to give an order, in English (the lessons' source language).
const IMPERATIVES: [&str; 11] = [
    "build", "order", "research", "buy", "set", "turn", "switch", "send", "raise", "lower",
    "choose",
];

/// The words that name an order in a lesson: the nouns of its name in the orders panel.
fn nouns(o: &Order) -> &'static [&'static str] {
    match o {
        Order::Build(b) => match b {
            BuildKind::Turbines { .. } => &["turbine"],
            BuildKind::SolarFarm { .. } => &["solar"],
            BuildKind::Batteries { .. } => &["batter"],
            BuildKind::Datacenter { .. } => &["datacenter", "hall"],
            BuildKind::Fab { .. } => &["fab"],
            BuildKind::Ship { .. } => &["ship", "starship"],
            BuildKind::Pad { .. } => &["pad"],
            BuildKind::MethanePlant { .. } => &["methane"],
            BuildKind::RobotFactory => &["factor", "line"],
            BuildKind::LunarWorks { .. } => &["works"],
            BuildKind::MassDriver { .. } => &["driver"],
        },
        Order::Research(t) => match t {
            Tech::InhouseCasting => &["casting"],
            Tech::SteelHulls => &["steel", "hull"],
            Tech::ThinFilmCells => &["thin film", "thin-film"],
            Tech::TeraFab => &["terafab"],
            Tech::Hand => &["hand", "dexterity"],
            Tech::Ipo => &["ipo"],
            Tech::LunarOxygen => &["oxygen"],
            Tech::Aerobraking => &["aerobrak"],
        },
        Order::Policy(p) => match p {
            Policy::BurnIn(_) => &["burn-in", "burn in"],
            Policy::SpaceShare(_) => &["orbit"],
            Policy::RobotsToFactories(_) => &["factor"],
            Policy::RobotsToMoon(_) => &["moon"],
            Policy::RobotsNeedPower(_) => &["power"],
            Policy::LaunchOrbit(_) => &["dawn", "low orbit", "leo", "sso", "geo"],
            Policy::LunarReinvest(_) => &["reinvest"],
            Policy::ChipOrders(_) => &["chip"],
            Policy::ChipBudget(_) => &["budget"],
        },
        Order::Assume { .. } => &[],
    }
}

/// Where a lesson tells the player to give one of `orders`: a clause (up to `.`, `,`,
/// `;`, `:`, `?`, `!` or a dash) with an imperative followed by the order's name.
fn names_an_order(step: &str, orders: &[(u64, Order)]) -> Option<String> {
    let lower = step.to_lowercase();
    for clause in lower.split(['.', ',', ';', ':', '?', '!', '—', '–']) {
        let words: Vec<&str> = clause
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|w| !w.is_empty())
            .collect();
        let Some(verb) = words.iter().position(|w| IMPERATIVES.contains(w)) else {
            continue;
        };
        let rest = words[verb + 1..].join(" ");
        for (_, o) in orders {
            if let Some(n) = nouns(o).iter().find(|n| rest.contains(*n)) {
                return Some(format!("`{clause}` names {o:?} ({n})"));
            }
        }
    }
    None
}

/// Lessons ask and point; they do not name the reference solution's orders (issue 29):
/// no step of a campaign level tells the player, in one clause, to give an order the
/// level's solution gives.
#[test]
fn no_lesson_step_names_a_reference_order() {
    // The check itself: an imperative and the order's name in one clause.
    let turbines = [(0, Order::Build(BuildKind::Turbines { gw: 1.0 }))];
    assert!(names_an_order("Order three GW of gas turbines now.", &turbines).is_some());
    assert!(
        names_an_order(
            "Everything you order waits: a turbine on its blades.",
            &turbines
        )
        .is_none()
    );
    let mut named = Vec::new();
    for id in CAMPAIGN {
        let path = format!("levels/{id}.ron");
        let level = level_file(&path);
        let sol = load_solution(&solution_path(std::path::Path::new(&path), id), &level)
            .unwrap_or_else(|e| panic!("{e}"));
        for (i, step) in level.level.lessons.iter().enumerate() {
            if let Some(why) = names_an_order(step.text.en(), &sol.orders) {
                named.push(format!("{id} step {}: {why}", i + 1));
            }
        }
    }
    assert!(
        named.is_empty(),
        "lessons that name the reference's orders:\n{named:#?}"
    );
}

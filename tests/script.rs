//! The level script: events, goals, lessons, the rival, and a scripted play to a win.

use terawatt::level::script::{GoalState, MessageLog, Outcome, Script};
use terawatt::sim::economy::Capital;
use terawatt::sim::orders::{BuildKind, Locks, Order, Policy};
use terawatt::sim::params::{P, Params};
use terawatt::sim::research::Tech;
use terawatt::testing::{advance, level, level_file, order, sim_app};

fn lvl(body: &str) -> String {
    format!(
        r#"Level(id: "t", title: "t", seed: 3, start_date: "2026-01-01",
            parameters: {{ "logic_supply_per_yr": 0, "memory_supply_per_yr": 0 }},
            world: World(capital_usd: 1e9,
              datacenters: [Datacenter(name: "Hall A", gpu_slots: 1000, gpus: 1000)],
              turbines_gw: 1.0),
            {body})"#
    )
}

#[test]
fn events_fire_once_in_order_and_repeat_on_each_rising_edge() {
    let l = level(&lvl(r#"events: [
            Event(id: "a", when: Date("2026-01-03"), then: [Message("first"), Capital(5e8)]),
            Event(id: "b", when: Date("2026-01-03"), then: [Message("second"),
                  SetParam("ship_turnaround", "2 days"), Lock("build:ship")]),
            Event(id: "c", when: Above(CapitalUsd, 1.2e9), repeat: true, then: [Capital(-4e8)]),
            Event(id: "d", when: Date("2026-01-10"), then: [Disable("Hall A")]),
        ]"#));
    let mut app = sim_app(&l);
    advance(&mut app, 24 * 2);
    assert!(app.world().resource::<MessageLog>().entries.is_empty());
    advance(&mut app, 24);
    let log: Vec<String> = app
        .world()
        .resource::<MessageLog>()
        .entries
        .iter()
        .map(|(_, t)| t.clone())
        .collect();
    assert_eq!(log, vec!["first".to_string(), "second".to_string()]);
    assert_eq!(
        app.world().resource::<Params>().get(P::ShipTurnaround),
        48.0
    );
    assert!(
        app.world()
            .resource::<Locks>()
            .locked
            .contains(&"build:ship".to_string())
    );
    // +5e8 took capital over 1.2e9, so the repeating event took 4e8 back — once per edge.
    let usd = app.world().resource::<Capital>().usd;
    assert!(usd < 1.2e9 && usd > 1.0e9, "{usd}");
    advance(&mut app, 24 * 30);
    assert_eq!(
        app.world().resource::<MessageLog>().entries.len(),
        2,
        "events fire once"
    );
    // The disabled hall gets no power.
    let mut q = app
        .world_mut()
        .query::<&terawatt::sim::datacenters::GroundDatacenter>();
    assert_eq!(q.single(app.world()).unwrap().gpus_powered, 0.0);
}

#[test]
fn goals_win_lose_and_fail_at_their_deadline() {
    let src = lvl(r#"goals: [
            Goal(id: "cash", text: "2 billion", kind: Win, when: Above(CapitalUsd, 2e9), deadline: Some("2026-06-01")),
            Goal(id: "dark", text: "no dark GPUs", kind: Lose, when: Above(UnpoweredGpus, 0)),
        ],
        events: [Event(id: "grant", when: GoalReached("cash"), then: [Message("well done")])]"#);
    // Capital granted by an event reaches the goal: won.
    let won = src.replace(
        "events: [",
        r#"events: [Event(id: "gift", when: Date("2026-02-01"), then: [Capital(2e9)]), "#,
    );
    let mut app = sim_app(&level(&won));
    advance(&mut app, 24 * 40);
    let s = app.world().resource::<Script>().clone();
    assert!(matches!(s.goals[0].1, GoalState::Reached(_)));
    assert!(
        matches!(s.outcome, Some(Outcome::Won(_))),
        "{:?}",
        s.outcome
    );
    let log = app.world().resource::<MessageLog>();
    assert!(log.entries.iter().any(|(_, t)| t == "well done"));
    // Without it the deadline passes: failed, and the level is lost.
    let mut app = sim_app(&level(&src));
    advance(&mut app, 24 * 160);
    let s = app.world().resource::<Script>().clone();
    assert!(matches!(s.goals[0].1, GoalState::Failed(_)));
    assert!(matches!(s.outcome, Some(Outcome::Lost(..))));
}

#[test]
fn lessons_advance_when_their_condition_holds_and_the_rival_follows_its_curve() {
    let l = level(&lvl(r#"lessons: [
            Step(text: "one", point_at: Panel("limits"), until: Date("2026-01-05")),
            Step(text: "two", point_at: Entity("Hall A"), until: Researched(Ipo)),
            Step(text: "three", until: AheadOfRival(TurbinesGw)),
        ],
        rival: Some(Rival(name: "R", curves: [(TurbinesGw, [(2026.0, 0.5), (2027.0, 2.0)])]))"#));
    let mut app = sim_app(&l);
    advance(&mut app, 24 * 3);
    assert_eq!(app.world().resource::<Script>().step, 0);
    advance(&mut app, 24 * 3);
    assert_eq!(app.world().resource::<Script>().step, 1);
    order(&mut app, Order::Research(Tech::Ipo));
    advance(&mut app, 24 * 190);
    // IPO done; we have 1 GW of turbines, the rival about 1.1 GW by now: not ahead yet.
    assert_eq!(app.world().resource::<Script>().step, 2);
    let rival = app.world().resource::<Script>().rival.clone().unwrap();
    assert_eq!(
        rival.value(terawatt::level::script::Metric::TurbinesGw, 2026.5),
        Some(1.25)
    );
}

#[test]
fn the_power_wall_is_won_by_crushing_the_turbine_queue() {
    let l = level_file("levels/power_wall.ron");
    let mut app = sim_app(&l);
    // Buy fewer chips until power catches up; order turbines in 1 GW lots (each lot
    // enters service when its blades arrive); cast blades in house.
    order(&mut app, Order::Policy(Policy::ChipOrders(0.2)));
    for _ in 0..3 {
        order(&mut app, Order::Build(BuildKind::Turbines { gw: 1.0 }));
    }
    order(&mut app, Order::Research(Tech::InhouseCasting));
    advance(&mut app, 8760 * 3 / 2);
    for _ in 0..3 {
        order(&mut app, Order::Build(BuildKind::Turbines { gw: 1.0 }));
    }
    order(&mut app, Order::Policy(Policy::ChipOrders(1.0)));
    let mut outcome = None;
    for _ in 0..(8760 * 3 / 24) {
        advance(&mut app, 24);
        outcome = app.world().resource::<Script>().outcome.clone();
        if outcome.is_some() {
            break;
        }
    }
    let s = app.world().resource::<Script>().clone();
    assert!(
        matches!(outcome, Some(Outcome::Won(_))),
        "{outcome:?}; goals {:?}; lesson step {}",
        s.goals
            .iter()
            .map(|(g, st)| (&g.id, st))
            .collect::<Vec<_>>(),
        s.step
    );
    assert_eq!(s.step, s.lesson.len(), "the lesson ran to its end");
}

//! Same level and seed → same state at the same game time, at any warp, on the sandbox
//! and on the scripted levels (events, goals, lessons, a rival and chance draws); and the
//! state dump covers everything the plugins register.

use std::any::TypeId;
use std::collections::HashSet;

use bevy::prelude::*;
use terawatt::level::CheckedLevel;
use terawatt::level::script::{MessageLog, Script};
use terawatt::sim::clock::{GameClock, SimSpeed, WARP_EIGHTHS};
use terawatt::sim::datacenters::GroundDatacenter;
use terawatt::sim::economy::Capital;
use terawatt::sim::hash::{StateParts, canonical_hash, state_dump, state_hash};
use terawatt::sim::launch::LaunchSite;
use terawatt::sim::orders::{BuildKind, Locks, Order, OrderLog, Ordered, ScriptedOrders};
use terawatt::sim::projects::Project;
use terawatt::sim::record::TimeSeries;
use terawatt::sim::rng::SimRng;
use terawatt::testing::{advance, advance_in_frames, level, level_file, order, sim_app};

const TICKS: u64 = 24 * 200;

/// The timeline with its gallium embargo (a `Chance` event, 0.1% a day) made likely
/// enough to fire within the run, so the draw and what it does are covered.
fn timeline_with_chance() -> CheckedLevel {
    let src = std::fs::read_to_string("levels/timeline.ron").unwrap();
    assert!(
        src.contains("Chance(0.001)"),
        "the timeline's chance event moved"
    );
    level(&src.replace("Chance(0.001)", "Chance(0.03)"))
}

/// The levels checked: the sandbox, and the scripted ones.
fn levels() -> Vec<(&'static str, CheckedLevel)> {
    vec![
        ("sandbox", level_file("levels/sandbox.ron")),
        ("power_wall", level_file("levels/power_wall.ron")),
        ("race", level_file("levels/race.ron")),
        ("timeline", timeline_with_chance()),
    ]
}

/// Plays `ticks` game hours in frames of `per_frame` ticks.
fn run(level: &CheckedLevel, per_frame: u64) -> App {
    let mut app = sim_app(level);
    advance_in_frames(&mut app, TICKS, per_frame);
    app
}

/// Plays `ticks` game hours at warp `warp` as the game does (the driver takes the ticks
/// each frame asks for, a quarter tick a frame at the slowest, real time at the top),
/// then the last few ticks while paused, so every warp stops at the same hour.
fn run_at_warp(level: &CheckedLevel, warp: usize, ticks: u64) -> App {
    let mut app = sim_app(level);
    {
        let mut speed = app.world_mut().resource_mut::<SimSpeed>();
        speed.warp = warp;
        speed.paused = false;
    }
    // More than any warp runs in one frame (the top warp's longest frame is 0.25 s).
    let margin = 8760 / 4 + 1;
    let mut frames = 0u64;
    loop {
        let now = app.world().resource::<GameClock>().tick;
        let left = ticks - now;
        if left <= margin {
            app.world_mut().resource_mut::<SimSpeed>().paused = true;
            advance(&mut app, left);
            break;
        }
        app.update();
        frames += 1;
    }
    assert_eq!(app.world().resource::<GameClock>().tick, ticks);
    assert!(frames > 0, "warp {warp} ran no frame");
    app
}

fn dump_and_hash(app: &mut App) -> (String, u64) {
    (state_dump(app.world_mut()), state_hash(app.world_mut()))
}

/// The first line where two dumps differ.
fn first_difference<'a>(a: &'a str, b: &'a str) -> Option<(&'a str, &'a str)> {
    a.lines().zip(b.lines()).find(|(x, y)| x != y)
}

#[test]
fn two_runs_end_in_identical_state() {
    for (name, l) in levels() {
        let (dump_a, a) = dump_and_hash(&mut run(&l, TICKS));
        let (dump_b, b) = dump_and_hash(&mut run(&l, TICKS));
        assert_eq!(first_difference(&dump_a, &dump_b), None, "{name}");
        assert_eq!(a, b, "{name}");
    }
}

#[test]
fn every_warp_ends_in_identical_state() {
    for (name, l) in levels() {
        let (dump, all_at_once) = dump_and_hash(&mut run(&l, TICKS));
        // Frames of any size, and each of the game's warps as the driver runs them.
        let mut apps: Vec<(String, App)> = [1, 7, 24, 168, 730]
            .into_iter()
            .map(|n| (format!("{n} ticks a frame"), run(&l, n)))
            .collect();
        for warp in 0..=WARP_EIGHTHS.len() {
            apps.push((format!("warp {warp}"), run_at_warp(&l, warp, TICKS)));
        }
        for (how, mut app) in apps {
            let (d, h) = dump_and_hash(&mut app);
            if h != all_at_once {
                panic!(
                    "{name}: {how} diverged at {:?}",
                    first_difference(&dump, &d)
                );
            }
        }
    }
}

#[test]
fn the_chance_event_fired_and_the_scripts_ran() {
    // The runs above cover a fired chance event, goals and lessons, not just quiet days.
    let mut app = run(&timeline_with_chance(), TICKS);
    let log = app.world().resource::<MessageLog>().clone();
    assert!(
        log.entries
            .iter()
            .any(|(_, t)| t.en().contains("Gallium embargo")),
        "the chance event never fired: {:?}",
        log.entries
    );
    let dump = state_dump(app.world_mut());
    assert!(
        dump.contains("Gallium embargo"),
        "the dump leaves out the messages"
    );
}

#[test]
fn the_seed_matters() {
    // The weather and the chance events draw from the seed: the figures themselves differ,
    // not just the seed printed in the dump.
    let series = |seed: u64| {
        let mut l = level_file("levels/sandbox.ron");
        l.level.seed = seed;
        let app = run(&l, TICKS);
        app.world().resource::<TimeSeries>().samples.clone()
    };
    let (a, b) = (series(1), series(2));
    assert!(!a.is_empty());
    assert_eq!(a.len(), b.len());
    assert!(a != b, "two seeds gave the same {} samples", a.len());
    // And the same seed gives the same series.
    assert!(a == series(1), "the same seed gave another series");
}

#[test]
fn an_order_at_the_same_game_time_gives_the_same_state_at_any_warp() {
    let play = |per_frame: u64| {
        let mut app = sim_app(&level_file("levels/sandbox.ron"));
        advance_in_frames(&mut app, 24 * 10, per_frame);
        app.world_mut()
            .write_message(Ordered(Order::Build(BuildKind::Pad {
                site: "Vandenberg".into(),
            })));
        advance_in_frames(&mut app, 24 * 300, per_frame);
        state_hash(app.world_mut())
    };
    assert_eq!(play(1), play(240));
    // And the sim keeps going paused: an order given applies (logged at this hour, its
    // project started, its cost paid), and no time passes.
    let mut app = sim_app(&level_file("levels/sandbox.ron"));
    advance(&mut app, 24);
    let before = state_hash(app.world_mut());
    let usd = app.world().resource::<Capital>().usd;
    let pad = Order::Build(BuildKind::Pad {
        site: "Vandenberg".into(),
    });
    order(&mut app, pad.clone());
    let w = app.world_mut();
    assert_eq!(
        w.resource::<GameClock>().tick,
        24,
        "time passed while paused"
    );
    assert_eq!(
        w.resource::<OrderLog>().orders,
        vec![(24, pad)],
        "not logged"
    );
    let projects = w.query::<&Project>().iter(w).count();
    assert!(projects > 0, "no project started");
    let paid = usd - w.resource::<Capital>().usd;
    assert!(paid > 0.0, "nothing paid: {usd} then {}", usd - paid);
    assert_ne!(state_hash(w), before, "the order changed nothing");
    // Paused frames with no order change nothing.
    let after = state_hash(app.world_mut());
    advance(&mut app, 0);
    assert_eq!(state_hash(app.world_mut()), after);
}

/// Type ids of every component and resource registered in `world`.
fn registered(world: &World) -> HashSet<TypeId> {
    world
        .components()
        .iter_registered()
        .filter_map(|c| c.type_id())
        .collect()
}

#[test]
fn the_dump_covers_every_type_the_plugins_register() {
    // What Bevy's own plugins register, without the game.
    let mut base = App::new();
    base.add_plugins(MinimalPlugins);
    base.finish();
    base.cleanup();
    base.update();
    base.update();
    let bevy_types = registered(base.world());
    // The game's headless app, a few ticks in (systems register what they query when
    // they first run), with an order given.
    let mut app = sim_app(&level_file("levels/power_wall.ron"));
    advance(&mut app, 30);
    app.world_mut()
        .write_message(Ordered(Order::Build(BuildKind::Turbines { gw: 1.0 })));
    advance(&mut app, 30);
    let parts = app
        .world()
        .get_resource::<StateParts>()
        .cloned()
        .unwrap_or_default();
    let left_out: Vec<String> = app
        .world()
        .components()
        .iter_registered()
        .filter(|c| {
            c.type_id()
                .is_some_and(|t| !bevy_types.contains(&t) && !parts.covers(t))
        })
        .map(|c| format!("{} (component {:?})", c.name(), c.id()))
        .collect();
    assert!(
        left_out.is_empty(),
        "registered by the game's plugins but neither in the state dump nor declared not \
         state: {left_out:?}\nthe dump prints {:?}\nnot state: {:?}",
        parts.names(),
        parts.not_state_names()
    );
}

/// Every part of the state is in a snapshot, written and read back: the one registration
/// of each type gives both, and the game's list without an app is the app's.
#[test]
fn every_part_of_the_state_is_in_a_snapshot() {
    use terawatt::sim::snapshot;
    let mut app = sim_app(&level_file("levels/power_wall.ron"));
    advance(&mut app, 24 * 60);
    let parts = app.world().resource::<StateParts>().clone();
    assert_eq!(
        parts.names(),
        terawatt::level::state_parts().names(),
        "the game's list of parts differs from the app's"
    );
    let snap = snapshot::capture(app.world()).unwrap();
    let names: Vec<&str> = snap.parts.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        parts.names(),
        "a part of the state is not in the snapshot"
    );
    // Each reads back, and the state restored in a fresh app is the same, part for part.
    let mut fresh = terawatt::testing::bare_app();
    snapshot::restore(fresh.world_mut(), snapshot::read(&parts, &snap).unwrap());
    let (a, b) = (
        terawatt::sim::hash::state_dump_canonical(fresh.world()),
        terawatt::sim::hash::state_dump_canonical(app.world()),
    );
    assert_eq!(first_difference(&a, &b), None);
    // And a snapshot without one of the parts is refused, naming it.
    for k in 0..snap.parts.len() {
        let mut less = snap.clone();
        let (name, _) = less.parts.remove(k);
        let e = snapshot::read(&parts, &less).err().expect(&name);
        assert!(e.message.contains(&name), "{}", e.message);
    }
}

/// Every kind of part the dump prints changes the hash (and the canonical hash) when it
/// changes: resources by `Debug`, the generator by its own dumper, components by entity
/// id and by label.
#[test]
fn the_hash_sees_the_script_locks_orders_and_messages() {
    // Each change below is state a game carries; the hash must tell the worlds apart.
    let fresh = || {
        let mut app = sim_app(&level_file("levels/power_wall.ron"));
        advance(&mut app, 48);
        app
    };
    let base = state_hash(fresh().world_mut());
    let changes: Vec<(&str, fn(&mut World))> = vec![
        ("lesson step", |w| w.resource_mut::<Script>().step += 1),
        ("outcome", |w| {
            let date = w.resource::<GameClock>().date();
            w.resource_mut::<Script>().outcome = Some(terawatt::level::script::Outcome::Won(date));
        }),
        ("today's chance draw", |w| {
            w.resource_mut::<Script>().today_draw = 0.5
        }),
        ("the repeating events' budget", |w| {
            w.resource_mut::<Script>().repeats.spent += 1
        }),
        ("locks", |w| {
            w.resource_mut::<Locks>().locked.push("build:ship".into())
        }),
        ("order log", |w| {
            w.resource_mut::<OrderLog>()
                .orders
                .push((3, Order::Build(BuildKind::RobotFactory)))
        }),
        ("scripted orders", |w| {
            w.resource_mut::<ScriptedOrders>()
                .pending
                .push_back((999, Order::Build(BuildKind::RobotFactory)))
        }),
        ("messages", |w| {
            let date = w.resource::<GameClock>().date();
            w.resource_mut::<MessageLog>().push(date, "hello".into())
        }),
        ("the series", |w| {
            w.resource_mut::<TimeSeries>()
                .samples
                .push(Default::default());
        }),
        // The generator is printed by its own dumper (`dump_rng`): its seed and how far
        // it has drawn, so one more draw is another state.
        ("one number drawn from SimRng", |w| {
            use rand::RngExt;
            let _: u64 = w.resource_mut::<SimRng>().rng.random();
        }),
        ("SimRng's seed", |w| w.resource_mut::<SimRng>().seed += 1),
        // Components, printed by entity id (or, in the canonical dump, by their labels).
        ("a hall's GPUs", |w| {
            let mut q = w.query::<&mut GroundDatacenter>();
            q.iter_mut(w).next().expect("the power wall has halls").gpus += 1.0;
        }),
        (
            "a launch site's name (the label its pads and ships are printed by)",
            |w| {
                let mut q = w.query::<&mut LaunchSite>();
                q.iter_mut(w).next().expect("the power wall has sites").name += " 2";
            },
        ),
    ];
    let canonical = canonical_hash(fresh().world_mut());
    for (what, change) in changes {
        let mut app = fresh();
        assert_eq!(
            state_hash(app.world_mut()),
            base,
            "{what}: not reproducible"
        );
        assert_eq!(canonical_hash(app.world_mut()), canonical, "{what}");
        change(app.world_mut());
        assert_ne!(state_hash(app.world_mut()), base, "the hash misses {what}");
        assert_ne!(
            canonical_hash(app.world_mut()),
            canonical,
            "the canonical hash misses {what}"
        );
    }
    // A missing resource is reported, not skipped.
    let mut app = fresh();
    app.world_mut().remove_resource::<Locks>();
    assert!(
        state_dump(app.world_mut()).contains("Locks missing"),
        "a missing resource was skipped"
    );
}

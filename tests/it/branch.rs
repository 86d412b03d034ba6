//! Branches: a fork with no change keeps step with the game hash for hash; a fork with a
//! changed assumption parts from it while the game stays what an unbranched game is;
//! orders go where they are routed; keeping a branch makes it the game; a save holds its
//! branches and loads them back exactly; `compare` runs the same headless.

use bevy::prelude::*;
use terawatt::branch::{BranchCommand, Branches, OrderRoute, compare, restore_branches};
use terawatt::level::CheckedLevel;
use terawatt::save::{capture, parse, restore};
use terawatt::sim::hash::{state_dump_canonical, state_hash};
use terawatt::sim::orders::{BuildKind, Order, OrderLog, Ordered};
use terawatt::sim::params::{P, Params};
use terawatt::testing::{advance_in_frames, bare_app_with, level_file, sim_app, sim_app_with};

fn game(level: &CheckedLevel) -> App {
    sim_app_with(level, terawatt::branch::plugin)
}

fn send(app: &mut App, c: BranchCommand) {
    app.world_mut().write_message(c);
    terawatt::testing::advance(app, 0);
}

/// The state of branch `i`, entity ids aside: the game's app has the branches' systems
/// and resources, which take entity ids a bare app does not use.
fn branch_state(app: &mut App, i: usize) -> String {
    let mut b = app.world_mut().remove_non_send::<Branches>().unwrap();
    let h = state_dump_canonical(b.list[i].world_mut());
    app.world_mut().insert_non_send(b);
    h
}

fn state(app: &mut App) -> String {
    state_dump_canonical(app.world_mut())
}

fn branches(app: &App) -> &Branches {
    app.world().non_send::<Branches>()
}

const YEAR: u64 = 8760;

#[test]
fn a_branch_without_a_change_keeps_step_and_one_with_a_change_parts() {
    let level = level_file("levels/timeline.ron");
    let mut app = game(&level);
    advance_in_frames(&mut app, 2000, 97);
    send(
        &mut app,
        BranchCommand::Fork {
            name: "same".into(),
            changes: vec![],
        },
    );
    send(
        &mut app,
        BranchCommand::Fork {
            name: "cheap launch".into(),
            changes: vec![(P::LaunchUsdPerKg, 400.0)],
        },
    );
    assert_eq!(branches(&app).list.len(), 2, "{:?}", branches(&app).status);
    // An unbranched game, played in other frames, for the base.
    let mut plain = sim_app(&level);
    advance_in_frames(&mut plain, 2000, 500);
    for _ in 0..4 {
        advance_in_frames(&mut app, YEAR / 4, 131);
        advance_in_frames(&mut plain, YEAR / 4, 365);
        let main = state(&mut app);
        assert!(
            main == branch_state(&mut app, 0),
            "a fork with no change drifted"
        );
        assert!(
            main != branch_state(&mut app, 1),
            "a changed assumption changed nothing"
        );
        assert!(main == state(&mut plain), "the branches moved the game");
    }
    let b = &branches(&app).list[1];
    assert_eq!(b.changes(), vec![(P::LaunchUsdPerKg, 400.0)]);
    assert_eq!(b.world().resource::<Params>().get(P::LaunchUsdPerKg), 400.0);
    assert_eq!(b.tick(), 2000 + YEAR);
    // Out of its range: refused with the range, and no branch is made.
    send(
        &mut app,
        BranchCommand::Fork {
            name: "free launch".into(),
            changes: vec![(P::LaunchUsdPerKg, -5.0)],
        },
    );
    let status = branches(&app).status.clone().unwrap().unwrap_err();
    assert!(status.en().contains("outside its range"), "{status}");
    assert_eq!(branches(&app).list.len(), 2);
}

#[test]
fn a_level_that_locks_what_ifs_refuses_a_changed_assumption() {
    let text = std::fs::read_to_string("levels/timeline.ron").unwrap();
    // The timeline already locks new pads until mid-2027: "assume" joins its list.
    assert!(text.contains("locked: ["), "timeline.ron locks nothing");
    let text = text.replacen("locked: [", "locked: [\"assume\", ", 1);
    let level = terawatt::level::parse_level("locked.ron", &text).unwrap_or_else(|e| panic!("{e}"));
    let mut app = game(&level);
    let fork = |app: &mut App, name: &str, changes| {
        send(
            app,
            BranchCommand::Fork {
                name: name.into(),
                changes,
            },
        );
        branches(app).status.clone().unwrap()
    };
    let e = fork(&mut app, "cheap", vec![(P::LaunchUsdPerKg, 400.0)]).unwrap_err();
    assert!(e.en().contains("locks what-ifs"), "{e}");
    assert!(branches(&app).list.is_empty());
    // Other orders can still be tried in a branch.
    assert!(fork(&mut app, "orders only", vec![]).is_ok());
}

#[test]
fn orders_go_where_they_are_routed_and_a_kept_branch_becomes_the_game() {
    let level = level_file("levels/timeline.ron");
    let mut app = game(&level);
    advance_in_frames(&mut app, 500, 100);
    for name in ["a", "b"] {
        send(
            &mut app,
            BranchCommand::Fork {
                name: name.into(),
                changes: vec![],
            },
        );
    }
    let turbines = |gw| Order::Build(BuildKind::Turbines { gw });
    let has = |w: &World, gw| {
        w.resource::<OrderLog>()
            .orders
            .iter()
            .any(|(_, o)| *o == turbines(gw))
    };
    let give = |app: &mut App, gw| {
        app.world_mut().write_message(Ordered(turbines(gw)));
        terawatt::testing::advance(app, 24);
    };
    give(&mut app, 1.0);
    send(&mut app, BranchCommand::Route(OrderRoute::Main));
    give(&mut app, 2.0);
    send(
        &mut app,
        BranchCommand::Route(OrderRoute::Branch("b".into())),
    );
    give(&mut app, 3.0);
    let (a, b) = (&branches(&app).list[0], &branches(&app).list[1]);
    let main = app.world();
    assert!(has(main, 1.0) && has(a.world(), 1.0) && has(b.world(), 1.0));
    assert!(has(main, 2.0) && !has(a.world(), 2.0) && !has(b.world(), 2.0));
    assert!(!has(main, 3.0) && !has(a.world(), 3.0) && has(b.world(), 3.0));
    assert_eq!(
        a.tick(),
        main.resource::<terawatt::sim::clock::GameClock>().tick
    );
    // Keep b: the game is b's world (entity ids aside: the game's world was replayed in
    // place); a stays beside it.
    let before = branch_state(&mut app, 1);
    send(&mut app, BranchCommand::Keep(1));
    assert!(
        state(&mut app) == before,
        "the kept game is not the branch's world"
    );
    assert!(has(app.world(), 3.0) && !has(app.world(), 2.0));
    assert_eq!(branches(&app).list.len(), 1);
    assert_eq!(branches(&app).route, OrderRoute::All);
    advance_in_frames(&mut app, 300, 50);
    assert_eq!(branches(&app).list[0].tick(), 800 + 3 * 24);
}

#[test]
fn a_save_holds_its_branches_and_loads_them_back_exactly() {
    let level = level_file("levels/timeline.ron");
    let mut app = game(&level);
    advance_in_frames(&mut app, 3000, 250);
    send(
        &mut app,
        BranchCommand::Fork {
            name: "dear chips".into(),
            changes: vec![(P::LaunchUsdPerKg, 3000.0)],
        },
    );
    app.world_mut()
        .write_message(Ordered(Order::Build(BuildKind::Turbines { gw: 1.5 })));
    advance_in_frames(&mut app, 1000, 250);
    // An order given at the saved hour itself (the game paused): the loaded game gives it
    // again for its own hour, and the branch must not get it twice.
    app.world_mut()
        .write_message(Ordered(Order::Build(BuildKind::Batteries { gwh: 2.0 })));
    terawatt::testing::advance(&mut app, 0);
    let (main, branch) = (state(&mut app), branch_state(&mut app, 0));
    assert!(main != branch);
    let save = capture(app.world()).unwrap();
    assert_eq!(save.branches.len(), 1);
    let text = ron::ser::to_string_pretty(&save, Default::default()).unwrap();
    let read = parse("test.ron", &text).unwrap();
    assert_eq!(read, save);
    assert!(read.snapshot.is_some() && read.branches[0].snapshot.is_some());
    let mut loaded = bare_app_with(terawatt::branch::plugin);
    let opened = restore(loaded.world_mut(), &read).unwrap();
    assert!(opened.from_snapshot);
    assert_eq!(opened.stamp, terawatt::save::StampCheck::Agrees);
    restore_branches(loaded.world_mut(), &read).unwrap();
    terawatt::testing::advance(&mut loaded, 0);
    assert!(state(&mut loaded) == main, "the loaded game differs");
    assert!(
        branch_state(&mut loaded, 0) == branch,
        "the loaded branch differs"
    );
    assert_eq!(branches(&loaded).list[0].name, "dear chips");
    // And both go on in step as the game that was saved does.
    advance_in_frames(&mut app, 500, 100);
    advance_in_frames(&mut loaded, 500, 70);
    assert!(state(&mut loaded) == state(&mut app));
    assert!(branch_state(&mut loaded, 0) == branch_state(&mut app, 0));
    // The branch opens from its own snapshot: with its orders changed (its assumption
    // gone, which a replay would miss), it is still the branch that was saved.
    let mut changed = read.clone();
    changed.branches[0]
        .orders
        .retain(|(_, o)| !matches!(o, Order::Assume { .. }));
    assert_ne!(changed.branches[0].orders, read.branches[0].orders);
    let mut again = bare_app_with(terawatt::branch::plugin);
    restore(again.world_mut(), &changed).unwrap();
    restore_branches(again.world_mut(), &changed).unwrap();
    terawatt::testing::advance(&mut again, 0);
    assert!(branch_state(&mut again, 0) == branch);
    // And the check of its orders says they no longer reach it.
    assert_eq!(
        terawatt::save::ReplayCheck::of(&changed).run_to_end(),
        terawatt::save::Progress::Differs(vec![Some("dear chips".into())])
    );
    // A version-1 save (before branches, stamps and snapshots) still loads, with none.
    let mut old = capture(app.world()).unwrap();
    old.branches.clear();
    old.stamp = None;
    old.snapshot = None;
    let v1 = ron::ser::to_string_pretty(&old, Default::default())
        .unwrap()
        .replacen("version: 4", "version: 1", 1);
    assert!(!v1.contains("branches") && v1.contains("version: 1"));
    assert!(parse("v1.ron", &v1).unwrap().branches.is_empty());
    // A branch ordered after the save's time is a damaged save, with its place.
    let bad = text.replacen("fork_tick: 3000", "fork_tick: 9999999", 1);
    assert_ne!(bad, text);
    let e = parse("bad.ron", &bad).unwrap_err().to_string();
    assert!(e.starts_with("bad.ron:") && e.contains("branches"), "{e}");
    // A damaged snapshot of the game, after the branches' in the file, is placed at its
    // field (past the branches' snapshots' text); a branch's, in its part's text.
    let place = |t: &str, at: usize| {
        let before = &t[..at];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
        format!("bad.ron:{line}:{col}: ")
    };
    let main = read.snapshot.as_ref().unwrap();
    let line = format!("entities: {},", main.entities);
    let at = text.rfind(&line).unwrap();
    let bad = format!(
        "{}entities: {},{}",
        &text[..at],
        main.entities + 1,
        &text[at + line.len()..]
    );
    let e = parse("bad.ron", &bad).unwrap_err().to_string();
    let field = place(&bad, bad.find("\n    snapshot:").unwrap() + 5);
    assert!(
        e.starts_with(&field) && e.contains("has no component"),
        "{e}"
    );
    let clock = &read.branches[0]
        .snapshot
        .as_ref()
        .unwrap()
        .parts
        .iter()
        .find(|(n, _)| n.ends_with("::GameClock"))
        .unwrap()
        .1
        .0;
    let at = text.find(clock.as_str()).unwrap();
    let bad = format!("{}(tick: -1){}", &text[..at], &text[at + clock.len()..]);
    let e = parse("bad.ron", &bad).unwrap_err().to_string();
    let on_its_line = place(&bad, at);
    let on_its_line = &on_its_line[..on_its_line[..on_its_line.len() - 2].rfind(':').unwrap()];
    assert!(e.starts_with(&format!("{on_its_line}:")), "{e}");
    assert!(e.contains("the snapshot of branch `dear chips`"), "{e}");
}

#[test]
fn compare_plays_the_base_as_the_level_and_finds_where_the_futures_part() {
    let level = level_file("levels/timeline.ron");
    let at = 24 * 200;
    let same = compare(&level, at, &[], 1.0).unwrap();
    assert_eq!(same.hashes.0, same.hashes.1);
    assert_eq!(same.parted, None);
    let c = compare(&level, at, &[(P::LogicSupplyPerYr, 0.0)], 3.0).unwrap();
    let mut plain = sim_app(&level);
    advance_in_frames(&mut plain, at + 3 * YEAR, 1000);
    assert_eq!(c.hashes.0, state_hash(plain.world_mut()));
    assert_ne!(c.hashes.0, c.hashes.1);
    assert_eq!(c.years.len(), 3);
    let (date, base, fork) = c.parted.clone().expect("no day where what binds differs");
    assert_ne!(base, fork, "{date}");
    let csv = terawatt::report::comparison_csv(&c);
    assert!(csv.starts_with("world,tick,hours,"));
    assert!(csv.lines().any(|l| l.starts_with("fork,")));
}

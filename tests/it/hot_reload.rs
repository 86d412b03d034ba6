//! Hot reload, headless: saving a broken level while the game runs reports its errors
//! and keeps the game running; saving a valid one offers a restart on it.

use std::time::{Duration, Instant};

use bevy::asset::AssetPlugin;
use bevy::prelude::*;
use terawatt::SimPlugin;
use terawatt::level::watch::{LevelWatch, RestartLevel};
use terawatt::level::{CurrentLevel, parse_level, spawn_level};
use terawatt::sim::clock::{GameClock, SimSpeed};

const GOOD: &str = r#"Level(id: "hot", title: "Before", start_date: "2026-01-01",
    world: World(turbines_gw: 1.0))"#;

fn update_until(app: &mut App, what: &str, done: impl Fn(&World) -> bool) {
    let start = Instant::now();
    while !done(app.world()) {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        app.update();
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A headless game on `GOOD` with the level assets read from `root` (watched or not).
fn level_app(root: &str, watch: bool) -> App {
    let mut app = App::new();
    app.add_plugins(MinimalPlugins)
        .add_plugins(AssetPlugin {
            file_path: root.into(),
            watch_for_changes_override: Some(watch),
            ..default()
        })
        .add_plugins((
            SimPlugin,
            terawatt::level::plugin,
            terawatt::level::watch::plugin,
        ));
    app.finish();
    app.cleanup();
    spawn_level(app.world_mut(), &parse_level("hot.ron", GOOD).unwrap());
    app
}

#[test]
fn a_broken_save_keeps_the_game_running_and_a_good_one_offers_a_restart() {
    let dir = std::env::temp_dir().join(format!("terawatt-hot-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("hot.ron");
    std::fs::write(&file, GOOD).unwrap();

    let mut app = level_app(&dir.display().to_string(), true);
    let watch = LevelWatch::new(app.world().resource::<AssetServer>(), "hot.ron");
    app.insert_resource(watch);
    app.world_mut().resource_mut::<SimSpeed>().warp = 1;
    update_until(&mut app, "the first load", |w| {
        w.resource::<LevelWatch>().loads >= 1
    });
    assert!(
        app.world().resource::<LevelWatch>().pending.is_none(),
        "same level, nothing to offer"
    );

    // Save a broken level: errors with file, line and column; the game keeps ticking.
    let before = app.world().resource::<GameClock>().tick;
    std::fs::write(&file, GOOD.replace("turbines_gw", "turbinez_gw")).unwrap();
    update_until(&mut app, "the broken save", |w| {
        w.resource::<LevelWatch>().errors.is_some()
    });
    let errors = app.world().resource::<LevelWatch>().errors.clone().unwrap();
    assert!(errors.to_string().starts_with("hot.ron:2:18:"), "{errors}");
    assert!(
        app.world().resource::<GameClock>().tick > before,
        "the game kept running"
    );
    assert_eq!(
        app.world().resource::<CurrentLevel>().0.level.title.en(),
        "Before"
    );

    // Save a fix: offered; accept it and the world restarts on it.
    std::fs::write(&file, GOOD.replace("Before", "After")).unwrap();
    update_until(&mut app, "the good save", |w| {
        w.resource::<LevelWatch>().pending.is_some()
    });
    assert!(app.world().resource::<LevelWatch>().errors.is_none());
    app.world_mut().write_message(RestartLevel);
    app.update();
    assert_eq!(
        app.world().resource::<CurrentLevel>().0.level.title.en(),
        "After"
    );
    assert!(
        app.world().resource::<GameClock>().tick < 10,
        "restarted from its first hour"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn picking_a_level_starts_it_and_a_broken_pick_changes_nothing() {
    let mut app = level_app(".", false);
    app.world_mut()
        .write_message(terawatt::level::watch::PlayLevel(
            "levels/robots.ron".into(),
        ));
    app.update();
    assert_eq!(
        app.world().resource::<CurrentLevel>().0.level.title.en(),
        "Robots building robots"
    );
    app.world_mut()
        .write_message(terawatt::level::watch::PlayLevel(
            "tests/bad_levels/bad_date.ron".into(),
        ));
    app.update();
    let err = app
        .world()
        .resource::<terawatt::level::watch::PickError>()
        .0
        .clone();
    assert!(err.unwrap().contains("bad_date.ron:4:5"));
    assert_eq!(
        app.world().resource::<CurrentLevel>().0.level.title.en(),
        "Robots building robots"
    );
}

//! Saves: save → load → the same state as an uninterrupted game; damaged saves are
//! refused with a place and a reason; a crash mid-save leaves the old save whole.

use bevy::prelude::*;
use terawatt::save::{SaveError, capture, read, restore, temp_path, write, write_temp};
use terawatt::sim::hash::{state_dump, state_hash};
use terawatt::sim::orders::{BuildKind, Order, Ordered, Policy};
use terawatt::sim::research::Tech;
use terawatt::testing::{advance, bare_app, level_file, sim_app};

fn dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("terawatt-saves-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The player's orders: (tick, order).
fn orders() -> Vec<(u64, Order)> {
    vec![
        (100, Order::Build(BuildKind::Turbines { gw: 2.0 })),
        (900, Order::Research(Tech::TeraFab)),
        (1500, Order::Policy(Policy::SpaceShare(0.8))),
        (
            2600,
            Order::Build(BuildKind::Pad {
                site: "Vandenberg".into(),
            }),
        ),
    ]
}

/// Plays from `from` to `until`, giving each order at its tick; captures a save at `save_at`.
fn run(
    app: &mut App,
    from: u64,
    until: u64,
    save_at: Option<u64>,
) -> Option<terawatt::save::SaveFile> {
    let mut now = from;
    let mut saved = None;
    let mut stops: Vec<(u64, Option<Order>)> = orders()
        .into_iter()
        .filter(|(t, _)| *t >= from && *t < until)
        .map(|(t, o)| (t, Some(o)))
        .collect();
    if let Some(s) = save_at {
        stops.push((s, None));
    }
    stops.sort_by_key(|(t, o)| (*t, o.is_some()));
    for (t, o) in stops {
        advance(app, t - now);
        now = t;
        match o {
            None => saved = capture(app.world()),
            Some(o) => {
                app.world_mut().write_message(Ordered(o));
                advance(app, 0);
            }
        }
    }
    advance(app, until - now);
    saved
}

/// Plays the sandbox to `until`, saving at `save_at`.
fn play(save_at: u64, until: u64) -> (App, Option<terawatt::save::SaveFile>) {
    let mut app = sim_app(&level_file("levels/sandbox.ron"));
    let saved = run(&mut app, 0, until, Some(save_at));
    (app, saved)
}

#[test]
fn save_load_continue_gives_the_uninterrupted_state() {
    let until = 24 * 200;
    for save_at in [1, 1234, 2600, 3000] {
        let (mut straight, save) = play(save_at, until);
        let save = save.unwrap();
        let path = dir("roundtrip").join("game.ron");
        write(&path, &save).unwrap();
        let loaded = read(&path).unwrap();
        assert_eq!(loaded, save);
        let mut app = bare_app();
        restore(app.world_mut(), &loaded).unwrap();
        run(&mut app, save_at, until, None);
        let (a, b) = (
            state_dump(app.world_mut()),
            state_dump(straight.world_mut()),
        );
        let first = a.lines().zip(b.lines()).find(|(x, y)| x != y);
        assert!(first.is_none(), "saved at tick {save_at}: {first:?}");
        assert_eq!(
            state_hash(app.world_mut()),
            state_hash(straight.world_mut())
        );
    }
}

#[test]
fn damaged_saves_are_refused_with_a_place_and_nothing_is_overwritten() {
    let d = dir("damaged");
    let (_, save) = play(500, 500);
    let good = d.join("good.ron");
    write(&good, &save.unwrap()).unwrap();
    let text = std::fs::read_to_string(&good).unwrap();
    let before = text.clone();
    let cases = [
        ("truncated.ron", text[..text.len() / 2].to_string()),
        ("garbage.ron", "\u{1}\u{2}((((".to_string()),
        ("version.ron", text.replace("version: 1", "version: 99")),
        (
            "level.ron",
            text.replace("Sandbox", "Sand\\\"box")
                .replace("id: \\\"sandbox\\\"", "idd: \\\"sandbox\\\""),
        ),
    ];
    for (name, body) in cases {
        let p = d.join(name);
        std::fs::write(&p, body).unwrap();
        let err = read(&p).expect_err(name);
        let msg = err.to_string();
        match err {
            SaveError::Damaged { line, col, .. } => assert!(line >= 1 && col >= 1, "{msg}"),
            SaveError::Version(..) | SaveError::Level(..) => {}
            SaveError::Io(..) => panic!("{name}: {msg}"),
        }
        assert!(msg.contains(name) || msg.contains(":"), "{msg}");
    }
    assert_eq!(
        std::fs::read_to_string(&good).unwrap(),
        before,
        "the good save is untouched"
    );
    assert!(read(&d.join("missing.ron")).is_err());
}

#[test]
fn a_crash_mid_save_leaves_the_previous_save_whole() {
    let d = dir("crash");
    let path = d.join("game.ron");
    let (_, first) = play(300, 300);
    write(&path, first.as_ref().unwrap()).unwrap();
    let (_, second) = play(2000, 2000);
    // The crash: the new save reached its temporary file, the rename never happened.
    let tmp = write_temp(&path, second.as_ref().unwrap()).unwrap();
    assert_eq!(tmp, temp_path(&path));
    // A half-written temporary file too.
    let half = std::fs::read_to_string(&tmp).unwrap();
    std::fs::write(&tmp, &half[..half.len() / 3]).unwrap();
    assert_eq!(
        read(&path).unwrap(),
        first.unwrap(),
        "the previous save loads as it was"
    );
    // The next save goes through and replaces it.
    write(&path, second.as_ref().unwrap()).unwrap();
    assert_eq!(read(&path).unwrap(), second.unwrap());
    assert!(!tmp.exists());
}

//! Saves: save → load (from the snapshot, or replayed) → the same state as an
//! uninterrupted game; the replay checks the snapshot in the background; damaged saves
//! (snapshots too) are refused with a place and a reason, and a newer game's save says so;
//! a crash mid-save leaves the old save whole.

use bevy::prelude::*;
use terawatt::level::CheckedLevel;
use terawatt::save::{
    Progress, ReplayCheck, SaveError, SaveFile, StampCheck, capture, read, restore, temp_path,
    write, write_temp,
};
use terawatt::sim::hash::{state_dump, state_dump_canonical, state_hash};
use terawatt::sim::orders::{BuildKind, Order, Ordered, Policy};
use terawatt::sim::research::Tech;
use terawatt::sim::snapshot::PartText;
use terawatt::testing::{advance, bare_app, level, level_file, sim_app};

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
                site: "Starbase".into(),
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

/// Plays `level` to `until`, saving at `save_at`.
fn play_level(
    level: &CheckedLevel,
    save_at: u64,
    until: u64,
) -> (App, Option<terawatt::save::SaveFile>) {
    let mut app = sim_app(level);
    let saved = run(&mut app, 0, until, Some(save_at));
    (app, saved)
}

/// Plays the sandbox to `until`, saving at `save_at`.
fn play(save_at: u64, until: u64) -> (App, Option<terawatt::save::SaveFile>) {
    play_level(&level_file("levels/sandbox.ron"), save_at, until)
}

/// The timeline with its `Chance` event likely enough to fire within the run.
fn timeline_with_chance() -> CheckedLevel {
    let src = std::fs::read_to_string("levels/timeline.ron").unwrap();
    assert!(
        src.contains("Chance(0.001)"),
        "the timeline's chance event moved"
    );
    level(&src.replace("Chance(0.001)", "Chance(0.03)"))
}

#[test]
fn save_load_continue_gives_the_uninterrupted_state() {
    let until = 24 * 200;
    let levels = [
        ("sandbox", level_file("levels/sandbox.ron")),
        ("power_wall", level_file("levels/power_wall.ron")),
        ("race", level_file("levels/race.ron")),
        ("timeline", timeline_with_chance()),
    ];
    for (name, level) in &levels {
        for save_at in [1, 1234, 2600, 3000] {
            let (mut straight, save) = play_level(level, save_at, until);
            let save = save.unwrap();
            let path = dir("roundtrip").join(format!("{name}.ron"));
            write(&path, &save).unwrap();
            let loaded = read(&path).unwrap();
            assert_eq!(loaded, save);
            // From the snapshot: the same state at once, whatever the new world's entity
            // ids, and it goes on as the uninterrupted game.
            let mut app = bare_app();
            let opened = restore(app.world_mut(), &loaded).unwrap();
            assert!(
                opened.from_snapshot,
                "{name} at {save_at}: not from the snapshot"
            );
            assert_eq!(opened.stamp, StampCheck::Agrees, "{name} at {save_at}");
            run(&mut app, save_at, until, None);
            let (a, b) = (
                state_dump_canonical(app.world_mut()),
                state_dump_canonical(straight.world_mut()),
            );
            let first = a.lines().zip(b.lines()).find(|(x, y)| x != y);
            assert!(first.is_none(), "{name} saved at tick {save_at}: {first:?}");
            // Replayed from the orders (a save without a snapshot): the very same world,
            // entity ids and all.
            let mut app = bare_app();
            let replayed = SaveFile {
                snapshot: None,
                ..loaded.clone()
            };
            let opened = restore(app.world_mut(), &replayed).unwrap();
            assert!(!opened.from_snapshot);
            assert_eq!(opened.stamp, StampCheck::Agrees, "{name} at {save_at}");
            run(&mut app, save_at, until, None);
            let (a, b) = (
                state_dump(app.world_mut()),
                state_dump(straight.world_mut()),
            );
            let first = a.lines().zip(b.lines()).find(|(x, y)| x != y);
            assert!(first.is_none(), "{name} saved at tick {save_at}: {first:?}");
            assert_eq!(
                state_hash(app.world_mut()),
                state_hash(straight.world_mut()),
                "{name} saved at tick {save_at}"
            );
        }
    }
}

/// A snapshot written to disk and opened in a fresh app (nothing shared with the game that
/// saved it but the file) goes on for a year exactly as the uninterrupted game, on the
/// four levels: the power wall saved while Colossus 2 is out of service (an event takes it
/// out and puts it back: the order in which the halls are met must survive), the timeline
/// with its chance event.
#[test]
fn a_snapshot_opened_in_a_fresh_app_goes_on_a_year_as_the_uninterrupted_game() {
    const YEAR: u64 = 8760;
    let cases = [
        ("sandbox", level_file("levels/sandbox.ron"), 4_321),
        ("power_wall", level_file("levels/power_wall.ron"), 11_300),
        ("race", level_file("levels/race.ron"), 2_600),
        ("timeline", timeline_with_chance(), 3_001),
    ];
    for (name, level, save_at) in cases {
        let (mut straight, save) = play_level(&level, save_at, save_at + YEAR);
        let save = save.unwrap();
        if name == "power_wall" {
            let snapshot = save.snapshot.as_ref().unwrap();
            let (_, disabled) = snapshot
                .parts
                .iter()
                .find(|(n, _)| n.ends_with("::Disabled"))
                .unwrap();
            assert!(
                disabled.0 != "[]",
                "Colossus 2 is not out of service at the save"
            );
        }
        let path = dir("fresh").join(format!("{name}.ron"));
        write(&path, &save).unwrap();
        let mut fresh = bare_app();
        let opened = restore(fresh.world_mut(), &read(&path).unwrap()).unwrap();
        assert!(opened.from_snapshot && opened.stamp == StampCheck::Agrees);
        run(&mut fresh, save_at, save_at + YEAR, None);
        let (a, b) = (
            state_dump_canonical(fresh.world_mut()),
            state_dump_canonical(straight.world_mut()),
        );
        let first = a.lines().zip(b.lines()).find(|(x, y)| x != y);
        assert!(first.is_none(), "{name}: {first:?}");
    }
}

/// The check of a save opened from its snapshot: its orders replayed a slice at a time
/// reach the stamped state; a save whose orders were changed after it was written (its
/// snapshot kept) opens as it was saved, and the check says the orders do not reach it.
#[test]
fn the_replay_checks_the_snapshot_a_slice_at_a_time() {
    let (_, save) = play(3000, 3000);
    let save = save.unwrap();
    let mut check = ReplayCheck::of(&save);
    let mut slices = 0;
    let mut last_done = 0;
    let verdict = loop {
        match check.step(std::time::Duration::ZERO) {
            Progress::Running { done, total } => {
                assert!(done >= last_done && done <= total && total == 3000);
                last_done = done;
                slices += 1;
            }
            other => break other,
        }
    };
    assert!(slices > 10, "{slices} slices");
    assert_eq!(verdict, Progress::Agrees);
    // The orders changed: the snapshot still opens the game that was saved.
    let mut changed = save.clone();
    changed.orders.retain(|(t, _)| *t != 900);
    assert_ne!(changed.orders, save.orders);
    let mut app = bare_app();
    let opened = restore(app.world_mut(), &changed).unwrap();
    assert!(opened.from_snapshot && opened.stamp == StampCheck::Agrees);
    assert_eq!(
        ReplayCheck::of(&changed).run_to_end(),
        Progress::Differs(vec![None])
    );
    // Another stamp than the state's: opening says the state is not the one saved.
    let mut other = save.clone();
    other.stamp = other.stamp.map(|mut s| {
        s.hash ^= 1;
        s
    });
    let opened = restore(bare_app().world_mut(), &other).unwrap();
    assert!(matches!(opened.stamp, StampCheck::Differs { .. }));
    let words = opened.stamp.words(terawatt::i18n::Lang::En).unwrap();
    assert!(words.contains("differs from the one saved"), "{words}");
    // Made under other rules: said in both languages.
    other.stamp = other.stamp.map(|mut s| {
        s.rules += 1;
        s
    });
    let opened = restore(bare_app().world_mut(), &other).unwrap();
    assert_eq!(
        opened.stamp,
        StampCheck::OtherRules {
            saved: terawatt::sim::RULES_VERSION + 1
        }
    );
    for lang in terawatt::i18n::Lang::ALL {
        let words = opened.stamp.words(lang).unwrap();
        assert!(
            words.contains(&format!("v{}", terawatt::sim::RULES_VERSION + 1)),
            "{words}"
        );
    }
    // Nothing to check then (the rules differ), nor for a save without a stamp.
    assert_eq!(ReplayCheck::of(&other).run_to_end(), Progress::Idle);
}

/// In the game: a save loaded opens from its snapshot, and the top bar shows the check
/// running and then agreeing.
#[test]
fn the_game_loads_a_snapshot_and_shows_the_check() {
    use terawatt::save::{CheckStatus, LoadRequested, SaveStatus};
    let level = level_file("levels/sandbox.ron");
    let (_, save) = play(2000, 2000);
    let path = dir("game").join("sandbox.ron");
    write(&path, &save.unwrap()).unwrap();
    let mut h = terawatt::ui::harness::UiHarness::new(&level);
    h.app.world_mut().write_message(LoadRequested(path));
    h.frame(Vec::new());
    let status = h.app.world().resource::<SaveStatus>().last.clone();
    assert!(
        matches!(&status, Some(Ok(t)) if t.starts_with("loaded")),
        "{status:?}"
    );
    assert_eq!(
        h.app
            .world()
            .resource::<terawatt::sim::clock::GameClock>()
            .tick,
        2000
    );
    let mut frames = 0;
    while !h.shows("checked:") {
        h.frame(Vec::new());
        frames += 1;
        assert!(frames < 2_000, "the check never finished");
    }
    let line = h.app.world().resource::<CheckStatus>().line.clone();
    assert!(
        matches!(&line, Some(Ok(t)) if t.contains("reach the state it holds")),
        "{line:?}"
    );
}

/// Line and column (from 1, in characters) of byte `offset` of `text`.
fn place(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

/// The place of the first `needle` in `text`.
fn place_of(text: &str, needle: &str) -> (usize, usize) {
    place(
        text,
        text.find(needle).unwrap_or_else(|| panic!("no `{needle}`")),
    )
}

/// What a damaged save must be refused with.
enum Expect {
    /// `Damaged` at this place, its message containing this.
    Damaged((usize, usize), &'static str),
    /// `Damaged` on this line, its message containing this.
    DamagedOnLine(usize, &'static str),
    /// `Version` at this place, with this version.
    Version((usize, usize), u32),
    /// `Newer` at this place, with this version.
    Newer((usize, usize), u32),
    /// `Level` with one error at this place of the level's text, containing this.
    Level((usize, usize), &'static str),
}

#[test]
fn damaged_saves_are_refused_with_a_place_and_nothing_is_overwritten() {
    let d = dir("damaged");
    let (_, save) = play(500, 500);
    let save = save.unwrap();
    let good = d.join("good.ron");
    write(&good, &save).unwrap();
    let text = std::fs::read_to_string(&good).unwrap();
    let before = text.clone();
    // Inside the level's text (the snapshot is most of the file).
    let mut half = text.find("level_source:").unwrap() + 100;
    while !text.is_char_boundary(half) {
        half -= 1;
    }
    // Cut inside the level's text (a string left open), and after the game time (the
    // save's brackets left open).
    let truncated = text[..half].to_string();
    let last_line = truncated.lines().count();
    let tick_line = format!("tick: {},", save.tick);
    let cut = text.find(&tick_line).unwrap() + tick_line.len() + 1;
    let cut_short = text[..cut].to_string();
    // ron places it just after the last token read, before the line's end.
    let end_of_cut = place(&cut_short, cut_short.len() - 1);
    // The level's text inside the save, with a misspelt field.
    let bad_level = save.level_source.replacen("id:", "idd:", 1);
    let idd = place_of(&bad_level, "idd:");
    let mut level_case = save.clone();
    level_case.level_source = bad_level;
    let level_text =
        ron::ser::to_string_pretty(&level_case, ron::ser::PrettyConfig::default()).unwrap();
    let orders_case = text.replace(&tick_line, "tick: 10,");
    // The snapshot damaged: a part with a value of the wrong type, a part by another name,
    // more entities than it has rows for, a part left out, a game time not the save's, a
    // row naming an entity it does not have.
    let snapshot = save.snapshot.as_ref().unwrap();
    let part = |end: &str| {
        snapshot
            .parts
            .iter()
            .find(|(n, _)| n.ends_with(end))
            .map(|(_, text)| text.0.clone())
            .unwrap()
    };
    let clock = part("::GameClock");
    let clock_at = text.find(&clock).unwrap();
    let clock_tick = format!(" tick: {},", save.tick);
    assert!(clock.contains(&clock_tick), "{clock}");
    let bad_type = format!(
        "{}{}{}",
        &text[..clock_at],
        clock.replacen(&clock_tick, " tick: \"x\",", 1),
        &text[clock_at + clock.len()..]
    );
    let bad_name = text.replacen(
        "\"terawatt::sim::clock::GameClock\"",
        "\"terawatt::sim::clock::GameClok\"",
        1,
    );
    let entities_line = format!("entities: {},", snapshot.entities);
    assert!(text.contains(&entities_line));
    let bad_entities = text.replacen(
        &entities_line,
        &format!("entities: {},", snapshot.entities + 1),
        1,
    );
    let snapshot_place = place(&text, text.find("\n    snapshot:").unwrap() + 5);
    let with_parts = |f: &dyn Fn(&mut Vec<(String, PartText)>)| {
        let mut s = save.clone();
        f(&mut s.snapshot.as_mut().unwrap().parts);
        ron::ser::to_string_pretty(&s, ron::ser::PrettyConfig::default()).unwrap()
    };
    let no_disabled = with_parts(&|p| p.retain(|(n, _)| !n.ends_with("::Disabled")));
    let early = with_parts(&|p| {
        for (n, r) in p.iter_mut() {
            if n.ends_with("::GameClock") {
                *r = PartText(r.0.replacen(&clock_tick, " tick: 499,", 1));
            }
        }
    });
    let pads = part("::launch::Pad");
    let far_pads = {
        // The first pad's site, as a place no entity has.
        let at = pads.find("site: ").unwrap() + "site: ".len();
        let end = at + pads[at..].find(',').unwrap();
        format!("{}99999{}", &pads[..at], &pads[end..])
    };
    let far = with_parts(&|p| {
        for (n, r) in p.iter_mut() {
            if n.ends_with("::launch::Pad") {
                *r = PartText(far_pads.clone());
            }
        }
    });
    let cases: Vec<(&str, Vec<u8>, Expect)> = vec![
        (
            "truncated.ron",
            truncated.clone().into_bytes(),
            Expect::DamagedOnLine(last_line, "end of string"),
        ),
        (
            "cut.ron",
            cut_short.clone().into_bytes(),
            Expect::Damaged(end_of_cut, "end of RON"),
        ),
        (
            "garbage.ron",
            "\u{1}\u{2}((((".into(),
            Expect::Damaged((1, 1), "Save"),
        ),
        (
            "version.ron",
            text.replace("version: 4", "version: 0").into_bytes(),
            Expect::Version(place_of(&text, "version: 4"), 0),
        ),
        (
            "newer.ron",
            text.replace("version: 4", "version: 99").into_bytes(),
            Expect::Newer(place_of(&text, "version: 4"), 99),
        ),
        (
            // A newer game's save with a field this one does not know: said to be newer,
            // not "unexpected field".
            "newer_field.ron",
            text.replace("version: 4,", "version: 5,\n    future_field: (1, 2),")
                .into_bytes(),
            Expect::Newer(place_of(&text, "version: 4"), 5),
        ),
        (
            "snapshot_type.ron",
            bad_type.clone().into_bytes(),
            Expect::Damaged(
                {
                    let (l, c) = place_of(&bad_type, "tick: \"x\"");
                    (l, c + "tick:".len())
                },
                "the snapshot: terawatt::sim::clock::GameClock: Expected integer",
            ),
        ),
        (
            "snapshot_name.ron",
            bad_name.clone().into_bytes(),
            Expect::Damaged(
                place(&bad_name, bad_name.find(&clock).unwrap()),
                "`terawatt::sim::clock::GameClok` is no part of this game's state",
            ),
        ),
        (
            "snapshot_entities.ron",
            bad_entities.into_bytes(),
            Expect::Damaged(snapshot_place, "has no component"),
        ),
        (
            "snapshot_missing.ron",
            no_disabled.clone().into_bytes(),
            Expect::Damaged(
                place(
                    &no_disabled,
                    no_disabled.find("\n    snapshot:").unwrap() + 5,
                ),
                "it lacks terawatt::sim::Disabled",
            ),
        ),
        (
            "snapshot_tick.ron",
            early.clone().into_bytes(),
            Expect::Damaged(
                place(&early, early.find("\n    snapshot:").unwrap() + 5),
                "it is at game hour 499",
            ),
        ),
        (
            "snapshot_entity.ron",
            far.clone().into_bytes(),
            Expect::Damaged(
                place(&far, far.find(&far_pads).unwrap()),
                "names entity 99999",
            ),
        ),
        (
            "level.ron",
            level_text.into_bytes(),
            Expect::Level(idd, "idd"),
        ),
        (
            "field.ron",
            text.replace("\n    seed:", "\n    sead:").into_bytes(),
            Expect::Damaged(
                {
                    // The save's own field, not the level's inside its text.
                    place(&text, text.find("\n    seed:").unwrap() + 5)
                },
                "sead",
            ),
        ),
        (
            "type.ron",
            text.replace(&tick_line, "tick: \"soon\",").into_bytes(),
            Expect::Damaged(
                {
                    // ron places it just after the field's colon.
                    let (l, c) = place_of(&text, &tick_line);
                    (l, c + "tick:".len())
                },
                "Expected integer",
            ),
        ),
        (
            "too_long.ron",
            text.replace(&tick_line, "tick: 99999999999,").into_bytes(),
            Expect::Damaged(place_of(&text, &tick_line), "game time 99999999999 h"),
        ),
        (
            "order_after.ron",
            orders_case.clone().into_bytes(),
            Expect::Damaged(
                place_of(&orders_case, "orders:"),
                "after the save's game time",
            ),
        ),
        (
            "binary.ron",
            {
                // A byte that is not text, where the level's field starts.
                let mut b = text.clone().into_bytes();
                b.insert(text.find("level_source").unwrap(), 0xff);
                b
            },
            Expect::Damaged(place_of(&text, "level_source"), "not text"),
        ),
    ];
    for (name, body, expect) in cases {
        let p = d.join(name);
        std::fs::write(&p, body).unwrap();
        let err = read(&p).expect_err(name);
        let msg = err.to_string();
        let file = p.display().to_string();
        match (expect, err) {
            (
                Expect::Damaged(at, what),
                SaveError::Damaged {
                    file: f,
                    line,
                    col,
                    message,
                },
            ) => {
                assert_eq!(f, file);
                assert_eq!((line, col), at, "{name}: {msg}");
                assert!(message.contains(what), "{name}: {msg}");
                assert!(msg.starts_with(&format!("{file}:{line}:{col}: ")), "{msg}");
            }
            (
                Expect::DamagedOnLine(at, what),
                SaveError::Damaged {
                    file: f,
                    line,
                    message,
                    ..
                },
            ) => {
                assert_eq!(f, file);
                assert_eq!(line, at, "{name}: {msg}");
                assert!(message.contains(what), "{name}: {msg}");
            }
            (
                Expect::Version(at, v),
                SaveError::Version {
                    file: f,
                    line,
                    col,
                    found,
                },
            ) => {
                assert_eq!(f, file);
                assert_eq!(((line, col), found), (at, v), "{name}: {msg}");
            }
            (
                Expect::Newer(at, v),
                SaveError::Newer {
                    file: f,
                    line,
                    col,
                    found,
                },
            ) => {
                assert_eq!(f, file);
                assert_eq!(((line, col), found), (at, v), "{name}: {msg}");
                assert!(msg.contains("made by a newer Terawatt"), "{msg}");
                let zh = err_words_zh(&p);
                assert!(zh.contains("更新版本"), "{zh}");
            }
            (Expect::Level(at, what), SaveError::Level(e)) => {
                assert_eq!(e.0.len(), 1, "{name}: {msg}");
                let e = &e.0[0];
                assert_eq!((e.line, e.col), at, "{name}: {msg}");
                assert!(e.message.contains(what), "{name}: {msg}");
                assert_eq!(e.file, format!("{file}: level {}", save.level_file));
            }
            (_, err) => panic!("{name}: the wrong error: {err:?}"),
        }
    }
    // A save over a good one that fails to write (its temporary file cannot be made: the
    // save's name is as long as a name may be, so the temporary file's is too long) leaves
    // it as it was, byte for byte.
    let (_, later) = play(900, 900);
    let long = d.join(format!("{}.ron", "g".repeat(251)));
    std::fs::copy(&good, &long).unwrap();
    let failed = write(&long, later.as_ref().unwrap());
    assert!(
        matches!(failed, Err(SaveError::Io(..))),
        "a save with nowhere to write went through: {failed:?}"
    );
    let now = std::fs::read(&long).unwrap();
    assert!(
        now == before.as_bytes(),
        "a failed save over the good one changed it: {} bytes, {} before",
        now.len(),
        before.len()
    );
    assert_eq!(
        read(&long).unwrap(),
        save,
        "the good save no longer loads as it was"
    );
    // Where the way is clear, the same save does replace one: the check above could fail.
    write(&good, later.as_ref().unwrap()).unwrap();
    assert_ne!(std::fs::read(&good).unwrap(), before.as_bytes());
    assert!(matches!(
        read(&d.join("missing.ron")),
        Err(SaveError::Io(..))
    ));
}

/// Why the save at `path` is refused, in Chinese.
fn err_words_zh(path: &std::path::Path) -> String {
    read(path).unwrap_err().words(terawatt::i18n::Lang::ZhCn)
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
    // Beside the save, named after it, and a name of its own each time.
    assert_eq!(tmp.parent(), path.parent());
    let name = tmp.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("game.ron.") && name.ends_with(".tmp"),
        "{name}"
    );
    assert_ne!(tmp, temp_path(&path));
    // A half-written temporary file too.
    let half = std::fs::read_to_string(&tmp).unwrap();
    std::fs::write(&tmp, &half[..half.len() / 3]).unwrap();
    assert_eq!(
        read(&path).unwrap(),
        first.clone().unwrap(),
        "the previous save loads as it was"
    );
    // The next save goes through and replaces it; the crashed one's file is left while it
    // could be another game's write in progress, and removed once it is old.
    write(&path, second.as_ref().unwrap()).unwrap();
    assert_eq!(read(&path).unwrap(), second.unwrap());
    assert!(tmp.exists());
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    std::fs::File::options()
        .write(true)
        .open(&tmp)
        .unwrap()
        .set_modified(two_hours_ago)
        .unwrap();
    write(&path, first.as_ref().unwrap()).unwrap();
    assert!(!tmp.exists());
}

/// The temporary files in `d`.
fn temp_files(d: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn two_games_saving_to_one_name_never_tear_the_file() {
    use terawatt::store::write_atomic;
    let d = dir("two-writers");
    let path = d.join("autosave.ron");
    // Each writer's text is whole only if every line is its own, and all of them are there.
    let text = |who: char| format!("{}\n", who.to_string().repeat(200)).repeat(200);
    let (a, b) = (text('a'), text('b'));
    write_atomic(&path, &a).unwrap();
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| {
        let writers: Vec<_> = [&a, &b]
            .into_iter()
            .map(|t| {
                let path = &path;
                // Failures are counted, not panicked on: the reader must be stopped first.
                s.spawn(move || {
                    (0..300)
                        .filter_map(|_| write_atomic(path, t).err())
                        .map(|e| e.to_string())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let reader = s.spawn(|| {
            let mut reads = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let now = std::fs::read_to_string(&path).unwrap();
                assert!(now == a || now == b, "a torn file: {} bytes", now.len());
                reads += 1;
            }
            reads
        });
        let failed: Vec<String> = writers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect();
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        assert!(reader.join().unwrap() > 0);
        assert_eq!(failed, Vec::<String>::new(), "every write goes through");
    });
    let last = std::fs::read_to_string(&path).unwrap();
    assert!(last == a || last == b);
    assert_eq!(
        temp_files(&d),
        Vec::<String>::new(),
        "no temporary file left"
    );
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn only_a_regular_file_is_read_as_a_save_and_a_byte_order_mark_is_no_damage() {
    let d = dir("special");
    let (_, save) = play(300, 300);
    let save = save.unwrap();
    let good = d.join("good.ron");
    write(&good, &save).unwrap();
    // Windows Notepad's byte order mark.
    let bom = d.join("bom.ron");
    let text = std::fs::read_to_string(&good).unwrap();
    std::fs::write(&bom, format!("\u{feff}{text}")).unwrap();
    assert_eq!(read(&bom).unwrap(), save);
    assert_eq!(
        terawatt::save::parse("bom", &format!("\u{feff}{text}")).unwrap(),
        save
    );
    // A folder, a device that never ends and a pipe nobody writes to: refused at once.
    let mut special = vec![d.clone()];
    if cfg!(unix) {
        special.push("/dev/zero".into());
        let fifo = d.join("fifo.ron");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            special.push(fifo);
        }
    }
    for p in special {
        let started = std::time::Instant::now();
        let e = read(&p).expect_err("not a save");
        assert!(
            matches!(&e, SaveError::Damaged { line: 1, col: 1, message, .. }
                if message.contains("not a regular file")),
            "{}: {e}",
            p.display()
        );
        assert!(started.elapsed().as_secs() < 5, "{}", p.display());
    }
    // Too large is refused, with the limit.
    let big = d.join("big.ron");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(terawatt::save::MAX_SAVE_BYTES + 1).unwrap();
    let e = read(&big).unwrap_err().to_string();
    assert!(
        e.contains(&terawatt::save::MAX_SAVE_BYTES.to_string()),
        "{e}"
    );
    let _ = std::fs::remove_dir_all(&d);
}

//! Saves: save → load → the same state as an uninterrupted game; damaged saves are
//! refused with a place and a reason; a crash mid-save leaves the old save whole.

use bevy::prelude::*;
use terawatt::level::CheckedLevel;
use terawatt::save::{SaveError, capture, read, restore, temp_path, write, write_temp};
use terawatt::sim::hash::{state_dump, state_hash};
use terawatt::sim::orders::{BuildKind, Order, Ordered, Policy};
use terawatt::sim::research::Tech;
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
            let mut app = bare_app();
            restore(app.world_mut(), &loaded).unwrap();
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
    let mut half = text.len() / 2;
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
            text.replace("version: 3", "version: 99").into_bytes(),
            Expect::Version(place_of(&text, "version: 3"), 99),
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
    assert_eq!(
        std::fs::read_to_string(&good).unwrap(),
        before,
        "the good save is untouched"
    );
    assert!(matches!(
        read(&d.join("missing.ron")),
        Err(SaveError::Io(..))
    ));
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

//! Every shipped level checks and runs; broken levels get the exact place and message.

use std::path::Path;

use terawatt::level::{load_file, parse_level};
use terawatt::sim::clock::GameClock;
use terawatt::testing::{advance, sim_app};

fn shipped_levels() -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir("levels")
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    v.sort();
    v
}

#[test]
fn every_shipped_level_checks_and_runs_to_its_end_date() {
    let levels = shipped_levels();
    assert!(levels.len() >= 8, "the campaign has eight levels");
    for path in levels {
        let level = load_file(&path).unwrap_or_else(|e| panic!("{e}"));
        let ticks = level.end.map_or(8760 * 5, |end| {
            (end.to_days() - level.start.to_days()) as u64 * 24
        });
        let mut app = sim_app(&level);
        advance(&mut app, ticks);
        let clock = app.world().resource::<GameClock>();
        if let Some(end) = level.end {
            assert_eq!(clock.date(), end, "{}", path.display());
        }
        let series = app.world().resource::<terawatt::sim::record::TimeSeries>();
        assert!(
            series.latest.values().iter().all(|v| v.is_finite()),
            "{}",
            path.display()
        );
        // Levels with goals are playable to an outcome: played with no orders through
        // their last day, one is decided (a win goal's deadline passes), and every win
        // goal's deadline falls within the level.
        advance(&mut app, 24);
        let script = app.world().resource::<terawatt::level::script::Script>();
        if !script.goals.is_empty() {
            assert!(
                script.outcome.is_some(),
                "{}: no outcome by the level's end with no orders: {:?}",
                path.display(),
                script.goals
            );
            for (g, _) in &script.goals {
                if g.kind == terawatt::level::script::GoalKind::Win
                    && let (Some(deadline), Some(end)) = (g.deadline, level.end)
                {
                    assert!(
                        deadline < end,
                        "{}: a goal due {deadline} after the end {end}",
                        path.display()
                    );
                }
            }
        }
    }
}

#[test]
fn the_broken_level_corpus_reports_exact_places() {
    let expected = std::fs::read_to_string("tests/bad_levels/expected.txt").unwrap();
    let mut n = 0;
    for line in expected.lines().filter(|l| !l.trim().is_empty()) {
        let file = line.split(':').next().unwrap();
        let err = load_file(Path::new(file)).expect_err(file);
        assert_eq!(err.0[0].to_string(), line, "{file}");
        n += 1;
    }
    let files = std::fs::read_dir("tests/bad_levels")
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "ron")
        })
        .count();
    assert_eq!(n, files, "every broken level has its expected error");
}

#[test]
fn every_example_in_the_level_guide_parses() {
    let guide = std::fs::read_to_string("levels/README.md").unwrap();
    let blocks: Vec<&str> = guide
        .split("```ron\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .collect();
    assert!(!blocks.is_empty());
    let mut solutions = 0;
    for b in blocks
        .iter()
        .filter(|b| b.trim_start().starts_with("Solution("))
    {
        // A solution example solves the default level.
        let wall = terawatt::testing::level_file("levels/power_wall.ron");
        terawatt::level::check::parse_solution("levels/README.md", b, &wall)
            .unwrap_or_else(|e| panic!("{e}"));
        solutions += 1;
    }
    assert_eq!(solutions, 1, "the guide shows a solution");
    for b in blocks
        .iter()
        .filter(|b| !b.trim_start().starts_with("Solution("))
    {
        let l = parse_level("levels/README.md", b).unwrap_or_else(|e| panic!("{e}"));
        // The guide shows every condition and effect.
        let text = format!("{:?}", l.level);
        for word in [
            "Always",
            "Date(",
            "Above(",
            "Below(",
            "GoalReached(",
            "GoalFailed(",
            "Researched(",
            "Chance(",
            "AheadOfRival(",
            "BehindRival(",
            "All(",
            "Any(",
            "Not(",
            "Message(",
            "SetParam(",
            "ScaleParam(",
            "Capital(",
            "Spawn(",
            "Disable(",
            "Enable(",
            "Lock(",
            "Unlock(",
            "Order(",
        ] {
            assert!(text.contains(word), "the guide lacks an example of {word}");
        }
        let mut app = sim_app(&l);
        advance(&mut app, 8760);
    }
}

/// The first error's `line:col: message`, without the file name.
fn first_error(src: &str) -> String {
    let e = parse_level("bad.ron", src).expect_err("the level should be refused");
    let first = &e.0[0];
    assert_eq!(first.file, "bad.ron");
    format!("{}:{}: {}", first.line, first.col, first.message)
}

const GOOD: &str = r#"Level(
    id: "t",
    title: "t",
    start_date: "2026-01-01",
    parameters: {
        "ship_turnaround": 30,
    },
    world: World(
        sites: [
            Site(name: "Starbase", lat_deg: 26.0, lon_deg: -97.2, pads: 1, ships: 2),
        ],
    ),
    orders: [
        (date: "2026-02-01", order: Build(Ship(site: "Starbase"))),
    ],
)"#;

#[test]
fn the_good_level_is_good() {
    let l = parse_level("good.ron", GOOD).unwrap();
    assert_eq!(l.orders.len(), 1);
    assert_eq!(l.orders[0].0, 31 * 24);
}

#[test]
fn misspelt_parameter_names_the_nearest() {
    let src = GOOD.replace("\"ship_turnaround\": 30", "\"ship_turnround\": 30");
    assert_eq!(
        first_error(&src),
        "6:9: unknown parameter `ship_turnround`; did you mean `ship_turnaround`?"
    );
}

#[test]
fn wrong_unit_and_out_of_range_values() {
    let src = GOOD.replace("\"ship_turnaround\": 30", "\"ship_turnaround\": \"30 GW\"");
    assert_eq!(
        first_error(&src),
        "6:9: `ship_turnaround`: wrong unit `GW`: expected h (or another unit of time)"
    );
    let src = GOOD.replace(
        "\"ship_turnaround\": 30",
        "\"ship_turnaround\": \"1.25 days\"",
    );
    let l = parse_level("ok.ron", &src).unwrap();
    assert_eq!(l.params.get(terawatt::sim::params::P::ShipTurnaround), 30.0);
    let src = GOOD.replace("\"ship_turnaround\": 30", "\"ship_turnaround\": -5");
    assert_eq!(
        first_error(&src),
        "6:9: `ship_turnaround` = -5 is out of range: expected 1 to 8760 h"
    );
}

#[test]
fn negative_counts_unknown_sites_and_bad_dates() {
    let src = GOOD.replace("ships: 2", "ships: -2");
    assert_eq!(
        first_error(&src),
        "10:84: whole number out of range: expected a count from 0 to 4294967295"
    );
    let src = GOOD.replace("Ship(site: \"Starbase\")", "Ship(site: \"Starbsae\")");
    assert_eq!(
        first_error(&src),
        "14:54: unknown site `Starbsae`; did you mean `Starbase`?"
    );
    let src = GOOD.replace("2026-01-01", "2026-13-01");
    assert_eq!(
        first_error(&src),
        "4:5: start_date `2026-13-01` is not a date: expected \"YYYY-MM-DD\""
    );
    let src = GOOD.replace("lat_deg: 26.0", "lat_deg: 126.0");
    assert_eq!(
        first_error(&src),
        "10:36: lat_deg = 126: expected -90 to 90"
    );
}

#[test]
fn syntax_errors_and_unknown_fields_point_at_the_place() {
    let src = GOOD.replace("pads: 1", "padz: 1");
    assert_eq!(
        first_error(&src),
        "10:67: Unexpected field named `padz` in `Site`, expected one of `name`, `lat_deg`, \
         `lon_deg`, `pads`, `ships`, `methane_t`, `methane_capacity_t`, `methane_t_per_day`, \
         or `sso` instead — did you mean `pads`?"
    );
    let src = GOOD.replace("title: \"t\",", "title: \"t\"");
    let e = first_error(&src);
    assert!(e.starts_with("4:5:"), "{e}");
}

#[test]
fn check_reports_every_problem_and_never_panics() {
    let src = GOOD
        .replace(
            "\"ship_turnaround\": 30",
            "\"ship_turnround\": 30, \"payload\": 100",
        )
        .replace("lon_deg: -97.2", "lon_deg: 500");
    let e = parse_level("bad.ron", &src).unwrap_err();
    assert_eq!(e.0.len(), 3, "{e}");
    let text = e.to_string();
    assert!(text.lines().all(|l| l.starts_with("bad.ron:")), "{text}");
    // Truncated files, garbage and a missing file are errors, not panics.
    for cut in [0, 10, 50, 120, GOOD.len() - 2] {
        assert!(parse_level("cut.ron", &GOOD[..cut]).is_err());
    }
    assert!(parse_level("junk.ron", "\u{0}\u{1}((((").is_err());
    assert!(load_file(Path::new("levels/no_such_level.ron")).is_err());
}

#[test]
fn the_assumption_diff_lists_what_a_level_sets_with_its_claim() {
    use terawatt::report::{assumption_diff, diff_table};
    let timeline = terawatt::testing::level_file("levels/timeline.ron");
    let rows = assumption_diff(&timeline, None);
    let names: Vec<&str> = rows.iter().map(|r| r.name).collect();
    assert_eq!(
        names.len(),
        timeline.overridden.len(),
        "one row per parameter the level sets: {names:?}"
    );
    let chip = rows.iter().find(|r| r.name == "chip_growth").unwrap();
    assert_eq!((chip.claim, chip.first), ("C2", 0.6));
    assert_ne!(chip.first, chip.default);
    // Against another level: both values, on every row either sets.
    let race = terawatt::testing::level_file("levels/race.ron");
    let both = assumption_diff(&timeline, Some(&race));
    assert!(both.iter().all(|r| r.other.is_some()));
    let logic = both
        .iter()
        .find(|r| r.name == "logic_supply_per_yr")
        .unwrap();
    assert_eq!((logic.first, logic.other), (1e7, Some(3e7)));
    assert!(diff_table(&timeline, Some(&race)).contains("race"));
    // A level that sets nothing has nothing to list.
    let plain = terawatt::testing::level(
        r#"Level(id: "plain", title: "p", seed: 1, start_date: "2026-01-01", world: World())"#,
    );
    assert!(assumption_diff(&plain, None).is_empty());
    assert!(diff_table(&plain, None).contains("every parameter at the model's default"));
}

#[test]
fn only_regular_files_are_read_as_levels_a_bom_is_no_error_and_a_bad_byte_has_a_place() {
    let d = std::env::temp_dir().join(format!("terawatt-level-files-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    // Windows Notepad's byte order mark: the level is the same.
    let bom = d.join("bom.ron");
    std::fs::write(&bom, format!("\u{feff}{GOOD}")).unwrap();
    let read = load_file(&bom).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read.level, parse_level("good.ron", GOOD).unwrap().level);
    assert_eq!(read.source, GOOD, "the mark is not kept");
    assert!(parse_level("bom.ron", &format!("\u{feff}{GOOD}")).is_ok());
    // A byte that is not UTF-8: its line and column.
    let at = GOOD.find("title").unwrap();
    let mut bytes = GOOD.as_bytes().to_vec();
    bytes.insert(at, 0xff);
    let bad = d.join("latin1.ron");
    std::fs::write(&bad, &bytes).unwrap();
    let e = load_file(&bad).unwrap_err().0.remove(0);
    let line = GOOD[..at].matches('\n').count() + 1;
    let col = GOOD[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    assert_eq!((e.line, e.col), (line, col), "{e}");
    assert!(e.message.contains("not text"), "{e}");
    // After a byte order mark, the place is still the editor's.
    std::fs::write(&bad, [b"\xef\xbb\xbf".as_slice(), &bytes].concat()).unwrap();
    let e = load_file(&bad).unwrap_err().0.remove(0);
    assert_eq!((e.line, e.col), (line, col), "{e}");
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
        let e = load_file(&p).unwrap_err().to_string();
        assert!(
            e.starts_with(&format!("{}:1:1: not a regular file", p.display())),
            "{e}"
        );
        assert!(started.elapsed().as_secs() < 5, "{e}");
    }
    // Too large, however it is made.
    let big = d.join("big.ron");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(terawatt::level::check::MAX_LEVEL_BYTES as u64 + 1)
        .unwrap();
    let e = load_file(&big).unwrap_err().to_string();
    assert!(e.contains("larger than 1048576 bytes"), "{e}");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn huge_numbers_are_echoed_with_an_exponent() {
    let src = GOOD.replacen("world: World(", "world: World(capital_usd: 1e308, ", 1);
    let e = first_error(&src);
    assert!(e.contains("capital_usd = 1e308: expected"), "{e}");
    assert!(e.len() < 200, "{e}");
}

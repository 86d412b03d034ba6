//! Class results: codes made by playing the reference solutions (and doing nothing), each
//! with an answer to its level's prediction, read back as a class — every game replayed to
//! its outcome, date and scores; a damaged code, a line that is no code and a code whose
//! answer was changed by hand each said for what they are — into a CSV and a picture.

use terawatt::class::{csv, plot, read};
use terawatt::i18n::{Lang, Tr};
use terawatt::level::prediction::set_prediction;
use terawatt::save::capture;
use terawatt::share::{decode, encode};
use terawatt::testing::{level_file, sim_app};

/// The code of `id` played with its solution's orders (or none) for at most `years`,
/// with the answer `answer` given before play.
fn code_of(id: &str, solved: bool, years: f64, answer: u32) -> String {
    code_seeded(id, solved, years, answer, None)
}

/// [`code_of`], with the level's seed replaced.
fn code_seeded(id: &str, solved: bool, years: f64, answer: u32, seed: Option<u64>) -> String {
    let path = format!("levels/{id}.ron");
    let mut level = level_file(&path);
    if let Some(s) = seed {
        level.level.seed = s;
    }
    let mut app = sim_app(&level);
    set_prediction(app.world_mut(), Some(answer));
    if solved {
        let sol = terawatt::verify::load_solution(
            &terawatt::verify::solution_path(std::path::Path::new(&path), id),
            &level,
        )
        .unwrap();
        terawatt::save::give_as_player(app.world_mut(), &level, &sol.orders);
    }
    terawatt::sweep::play_until_decided(&mut app, years);
    encode(&capture(app.world()).unwrap())
}

#[test]
fn a_class_file_becomes_rows_a_csv_and_a_picture_with_its_bad_lines_refused() {
    let won = code_of("why_space", true, 2.0, 3);
    let idle = code_of("why_space", false, 0.5, 0);
    let wall = code_of("power_wall", true, 5.0, 0);
    // One code cut short, one line that is no code, one code whose answer was changed.
    let cut = &won[..won.len() - 12];
    let mut edited = decode(&won).unwrap();
    edited.prediction = Some(1);
    let edited = encode(&edited);
    let file = format!(
        "// period 3\nAna, {won}\nBo\t{idle}\n\n{cut}\nhello there\nCy; {wall}\nDee {edited}\n"
    );
    let tr = Tr::new(Lang::En);
    let r = read(&file, 2, &tr);
    let lines: Vec<usize> = r.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![2, 3, 7, 8]);
    let refused: Vec<(usize, &str)> = r.refused.iter().map(|x| (x.line, x.why.as_str())).collect();
    assert_eq!(refused.len(), 2, "{refused:?}");
    assert_eq!(refused[0].0, 5);
    assert!(refused[0].1.contains("damaged"), "{refused:?}");
    assert_eq!(refused[1].0, 6);
    assert!(
        refused[1].1.contains("not a Terawatt share code"),
        "{refused:?}"
    );

    let ana = &r.rows[0];
    assert_eq!(
        (ana.name.as_str(), ana.level.as_str()),
        ("Ana", "why_space")
    );
    assert_eq!(ana.outcome, "won");
    let scores = decode(&won)
        .unwrap()
        .scores
        .expect("a won game's code has scores");
    assert_eq!(ana.date, scores.won);
    assert_eq!(ana.days, scores.days);
    assert_eq!(ana.capital_spent_usd, scores.capital_spent_usd);
    assert_eq!(ana.prediction, Some(3));
    assert_eq!(ana.prediction_text, "About 7 times");
    assert!(ana.rules_ok && ana.shipped_level && ana.state_ok, "{ana:?}");
    let bo = &r.rows[1];
    assert_eq!((bo.name.as_str(), bo.outcome), ("Bo", "open"));
    assert_eq!(bo.prediction, Some(0));
    assert!(bo.days >= 180 && bo.days <= 184, "{bo:?}");
    assert!(bo.state_ok);
    let cy = &r.rows[2];
    assert_eq!((cy.level.as_str(), cy.outcome), ("power_wall", "won"));
    assert!(cy.co2_t > 1e6, "{cy:?}");
    // The answer changed by hand: the game replays, but not to the state it carries.
    let dee = &r.rows[3];
    assert_eq!(dee.prediction, Some(1));
    assert!(dee.rules_ok && !dee.state_ok, "{dee:?}");

    let text = csv(&r);
    let rows: Vec<&str> = text.lines().collect();
    assert!(rows[0].starts_with("line,name,level,outcome,date,days,"));
    assert_eq!(rows.len(), 1 + 4 + 2);
    assert!(
        rows[1].starts_with(&format!(
            "2,Ana,why_space,won,{},{},",
            scores.won, scores.days
        )),
        "{}",
        rows[1]
    );
    assert!(
        rows[1].contains(",4,About 7 times,true,true,true,"),
        "{}",
        rows[1]
    );
    assert!(rows[5].starts_with("5,,,refused,"), "{}", rows[5]);

    // The picture: a row per level, with the won games' green in it.
    let png_bytes = plot(&r.rows);
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.width, terawatt::class::PLOT_WIDTH);
    assert_eq!(info.height, 12 * 2 + 170 * 2);
    let px: Vec<&[u8]> = buf[..info.buffer_size()].chunks(3).collect();
    assert!(px.contains(&&[0u8, 158, 115][..]), "no won bar");
    assert!(px.contains(&&[0u8, 114, 178][..]), "no answer bar");
}

#[test]
fn terawatt_class_writes_the_csv_and_the_picture_and_lists_the_lines_refused() {
    // A class of eleven: the why_space solution under six seeds and the power wall's under
    // three, with answers spread over the choices, one who did nothing, and a cut code.
    let mut lines = vec!["// a class, as a teacher collects it".to_string()];
    for s in 0..6_u64 {
        let code = code_seeded("why_space", true, 2.0, (s % 5) as u32, Some(100 + s));
        lines.push(format!("s{s}, {code}"));
    }
    for s in 0..3_u64 {
        let code = code_seeded("power_wall", true, 5.0, (s % 3) as u32, Some(200 + s));
        lines.push(format!("p{s}, {code}"));
    }
    lines.push(format!("idle, {}", code_of("power_wall", false, 1.0, 3)));
    let cut = code_of("why_space", true, 2.0, 1);
    lines.push(format!("cut, {}", &cut[..cut.len() / 2]));
    let dir = std::env::temp_dir().join("terawatt-class-test");
    let _ = std::fs::create_dir_all(&dir);
    let codes = dir.join("codes.txt");
    std::fs::write(&codes, lines.join("\n") + "\n").unwrap();
    let (csv_path, png_path) = (dir.join("class.csv"), dir.join("class.png"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_terawatt"))
        .args(["--lang", "en", "class"])
        .arg(&codes)
        .arg("--csv")
        .arg(&csv_path)
        .arg("--plot")
        .arg(&png_path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("why_space: 6 games, "), "{stdout}");
    assert!(stdout.contains("power_wall: 4 games, "), "{stdout}");
    assert!(
        stdout.contains("line 12: refused: the code is damaged"),
        "{stdout}"
    );
    assert!(
        stdout.contains("10 games read, 1 lines refused."),
        "{stdout}"
    );
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    assert_eq!(csv.lines().count(), 1 + 10 + 1, "{csv}");
    assert!(csv.lines().all(|l| l.split(',').count() >= 14), "{csv}");
    let png = std::fs::read(&png_path).unwrap();
    assert_eq!(&png[1..4], b"PNG");
}

#[test]
fn the_class_window_replays_pasted_codes_a_frame_each_and_exports_the_csv() {
    use terawatt::ui::class_window::ClassWindow;
    let won = code_of("why_space", true, 2.0, 3);
    let idle = code_of("power_wall", false, 0.3, 1);
    let text = format!("Ana {won}\nhello there\nBo, {idle}\n");
    let dir = std::env::temp_dir().join(format!("terawatt-class-window-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut h = terawatt::ui::harness::UiHarness::new(&level_file("levels/sandbox.ron"));
    h.app
        .world_mut()
        .insert_resource(terawatt::save::SaveDir(dir.clone()));
    // From the title menu, as a teacher would.
    h.press_key(bevy::prelude::KeyCode::Escape);
    assert!(h.shows("TERAWATT"), "Esc did not open the menu");
    // (A frame for the menu to take its place: its first is a sizing pass.)
    h.frame(Vec::new());
    h.click("Class results").unwrap();
    h.frame(Vec::new());
    assert!(
        h.shows("Paste the class"),
        "{:?}",
        h.widgets()
            .iter()
            .filter(|w| w.label.contains("lass") || w.label.contains("aste"))
            .collect::<Vec<_>>()
    );
    h.app.world_mut().resource_mut::<ClassWindow>().text = text.clone();
    h.frame(Vec::new());
    h.click("read the codes").unwrap();
    // One code a frame (the click's last frame replayed the first): the window says how
    // far it has come.
    assert!(h.shows("replayed 1 of 2 games"), "{:?}", h.widgets());
    h.frame(Vec::new());
    h.frame(Vec::new());
    assert!(!h.app.world().resource::<ClassWindow>().busy());
    // The same lines as `terawatt class` prints, and the picture.
    let tr = Tr::new(Lang::En);
    let expected = read(&text, 1, &tr);
    assert_eq!(
        h.app.world().resource::<ClassWindow>().results.as_ref(),
        Some(&expected)
    );
    for line in terawatt::class::summary(&expected, &tr).lines() {
        assert!(h.shows(line), "{line} not among {:?}", h.widgets());
    }
    assert!(h.shows("why_space: 1 games, 1 won"));
    assert!(h.shows("line 2: refused"));
    assert!(
        h.widgets().iter().any(|w| w.role == "Image"),
        "no picture among {:?}",
        h.widgets()
    );
    // The CSV export writes what `terawatt class --csv` writes.
    h.click("export CSV").unwrap();
    h.frame(Vec::new());
    let written = std::fs::read_to_string(dir.join("exports").join("class.csv")).unwrap();
    assert_eq!(written, csv(&expected));
    assert!(h.shows("wrote"), "{:?}", h.widgets());
    let _ = std::fs::remove_dir_all(&dir);
}

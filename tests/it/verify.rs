//! Levels prove themselves: every campaign level's reference solution wins, doing nothing
//! does not, and no listed exploit does (`terawatt verify`, run here on the campaign).

use terawatt::testing::{level, level_file};
use terawatt::verify::{Way, load_solution, solution_path, table, verify};

#[test]
fn every_campaign_level_is_won_by_its_solution_and_by_nothing_else() {
    let mut levels = Vec::new();
    for entry in std::fs::read_dir("levels").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "ron") {
            continue;
        }
        let l = level_file(path.to_str().unwrap());
        let has_win = l
            .level
            .goals
            .iter()
            .any(|g| g.kind == terawatt::level::script::GoalKind::Win);
        if !has_win {
            continue;
        }
        let sol =
            load_solution(&solution_path(&path, &l.level.id), &l).unwrap_or_else(|e| panic!("{e}"));
        levels.push((l, sol));
    }
    assert!(levels.len() >= 7, "{} campaign levels", levels.len());
    let rows = verify(&levels, 0);
    let text = table(&rows);
    assert!(rows.iter().all(|r| r.ok()), "verify:\n{text}");
    // Every level was played every way: at least three winning plans (issue 29), which
    // differ in their first five orders, all won.
    for (l, sol) in &levels {
        let mine: Vec<_> = rows.iter().filter(|r| r.level == l.level.id).collect();
        assert_eq!(
            mine.len(),
            2 + sol.exploits.len() + sol.alternatives.len(),
            "{}",
            l.level.id
        );
        assert!(mine.iter().any(|r| r.way == Way::Nothing));
        assert!(
            sol.alternatives.len() >= 2,
            "{}: {} winning plans shipped; expected at least three",
            l.level.id,
            1 + sol.alternatives.len()
        );
        assert_eq!(
            terawatt::verify::same_first_five(sol),
            Vec::<(String, String)>::new(),
            "{}: plans with the same first five orders",
            l.level.id
        );
        let wins = mine
            .iter()
            .filter(|r| matches!(r.way, Way::Alternative(_)) && r.outcome == "won")
            .count();
        assert_eq!(wins, sol.alternatives.len(), "{}:\n{text}", l.level.id);
    }
}

#[test]
fn a_broken_solution_file_says_where() {
    let l = level_file("levels/power_wall.ron");
    let bad = |src: &str| {
        terawatt::level::check::parse_solution("sol.ron", src, &l)
            .unwrap_err()
            .to_string()
    };
    let e = bad(
        "Solution(level: \"power_wall\", orders: [\n  (date: \"2026-01-01\", order: Build(Turbine(gw: 1.0))),\n])",
    );
    assert!(e.starts_with("sol.ron:2:"), "{e}");
    assert!(e.contains("did you mean `Turbines`"), "{e}");
    let e = bad(
        "Solution(level: \"power_wall\", orders: [\n  (date: \"2040-01-01\", order: Research(Ipo)),\n])",
    );
    assert!(e.starts_with("sol.ron:2:10:"), "{e}");
    assert!(e.contains("outside the level"), "{e}");
    let e = bad("Solution(\n  level: \"other\", orders: [])");
    assert!(e.starts_with("sol.ron:2:3:"), "{e}");
    let e = bad(
        "Solution(level: \"power_wall\", orders: [], exploits: [\n Exploit(name: \"x\", orders: [(date: \"2026-01-01\", order: Build(Ship(site: \"Nowhere\")))]),\n])",
    );
    assert!(e.starts_with("sol.ron:2:"), "{e}");
    assert!(e.contains("unknown site `Nowhere`"), "{e}");
    // A level that is not won by doing nothing, checked on a tiny level: the way "no
    // orders" must not win, so a level won by waiting is reported.
    let easy = level(
        r#"Level(id: "easy", title: "t", seed: 1, start_date: "2026-01-01",
            end_date: Some("2026-03-01"), world: World(),
            goals: [Goal(id: "wait", text: "Wait", kind: Win, when: Date("2026-02-01"))])"#,
    );
    let sol = terawatt::level::check::parse_solution(
        "easy.ron",
        r#"Solution(level: "easy", orders: [])"#,
        &easy,
    )
    .unwrap();
    let rows = verify(&[(easy, sol)], 1);
    assert!(rows[0].ok(), "the solution wins");
    assert!(!rows[1].ok(), "doing nothing wins too: wrong");
    assert!(table(&rows).contains("WRONG"));
}

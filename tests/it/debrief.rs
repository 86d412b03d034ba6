//! The debrief of a finished level (issue 29, item 6): the game played again from the
//! player's orders, what bound it month by month, its walls, and one counterfactual played
//! by the same machinery; and the end screen that shows them, in both languages.

use terawatt::debrief::{DebriefBudget, DebriefStatus, debrief, most_effective_lever, with_orders};
use terawatt::explore::{Choice, Header, PlanRow, csv};
use terawatt::i18n::{Lang, Tr};
use terawatt::sim::limits::Chain;
use terawatt::testing::level_file;
use terawatt::verify::{Way, load_solution, play, solution_path};

fn solved(
    id: &str,
) -> (
    terawatt::level::CheckedLevel,
    terawatt::level::check::CheckedSolution,
) {
    let path = format!("levels/{id}.ron");
    let level = level_file(&path);
    let sol = load_solution(&solution_path(std::path::Path::new(&path), id), &level)
        .unwrap_or_else(|e| panic!("{e}"));
    (level, sol)
}

/// The debrief replays the player's game to the same outcome, reads what bound every
/// chain once a month, and its counterfactual is exactly `verify`'s player given the
/// player's orders and one lever more.
#[test]
fn the_debrief_replays_the_game_and_plays_one_lever_more() {
    let (level, sol) = solved("power_wall");
    let explored = terawatt::shipped::explored("power_wall");
    let report = debrief(&level, &sol.orders, explored);
    let mine = play(&level, Way::Solution, &sol.orders, sol.years);
    assert_eq!(report.ending.outcome, "won");
    assert_eq!(report.ending.date.to_string(), mine.date);
    // A month a row, from the first month to the win's, each with every chain.
    let months = report.ending.days as f64 / 30.44;
    assert!(
        (report.months.len() as f64 - months).abs() <= 1.5,
        "{} months for {} days",
        report.months.len(),
        report.ending.days
    );
    for pair in report.months.windows(2) {
        let (a, b) = (pair[0].date, pair[1].date);
        assert_eq!(
            (b.year * 12 + b.month as i32) - (a.year * 12 + a.month as i32),
            1,
            "{a} then {b}"
        );
    }
    for m in &report.months {
        let mut chains: Vec<Chain> = m.binds.iter().map(|(c, _)| *c).collect();
        chains.sort_by_key(|c| Chain::ALL.iter().position(|a| a == c));
        assert_eq!(chains, Chain::ALL.to_vec(), "{}", m.date);
    }
    assert!(!report.walls.history.is_empty(), "no wall in the debrief");
    // The counterfactual: the shipped exploration's most effective lever, added to the
    // player's orders and played as verify plays a plan.
    let (cf, theirs) = report
        .counterfactual
        .as_ref()
        .expect("power_wall ships explored plays");
    assert_eq!(
        Some(cf.clone()),
        most_effective_lever(&level, explored.unwrap())
    );
    assert!(!cf.orders.is_empty());
    let variant = play(
        &level,
        Way::Solution,
        &with_orders(&sol.orders, &cf.orders),
        terawatt::explore::years_of(&level),
    );
    assert_eq!(theirs.outcome, variant.outcome);
    assert_eq!(theirs.date.to_string(), variant.date);
    // Without explored plays there is no counterfactual, and the rest is the same.
    let bare = debrief(&level, &sol.orders, None);
    assert!(bare.counterfactual.is_none());
    assert_eq!(bare.months, report.months);
}

/// The lever chosen is the one whose setting decides the outcome in the explored plays,
/// set as the earliest winning plan set it.
#[test]
fn the_counterfactual_lever_is_the_one_that_decides_the_explored_plays() {
    let (level, _) = solved("power_wall");
    let casting = level
        .levers
        .iter()
        .position(|l| l.name == "casting")
        .expect("power_wall has a casting lever");
    // 40 plans: every lever spread over its range, but only casting decides; the plans
    // with casting win, sooner the earlier they cast.
    let rows: Vec<PlanRow> = (0..40)
        .map(|i| {
            // Plans 2j and 2j+1 differ only in casting: every other lever's groups hold
            // as many wins as losses.
            let j = i / 2;
            let choices: Vec<Choice> = level
                .levers
                .iter()
                .enumerate()
                .map(|(k, l)| {
                    let n = (if k == casting { i } else { j }) as u64;
                    Choice {
                        value: if k == casting {
                            (i % 2) as f64
                        } else {
                            match &l.vary {
                                terawatt::level::schema::Vary::Share(_, a, b) => {
                                    a + (b - a) * ((j * 7 + k) % 10) as f64 / 10.0
                                }
                                terawatt::level::schema::Vary::Times(_, a, b) => {
                                    f64::from(*a + (j as u32 * 3 + k as u32) % (b - a + 1))
                                }
                                terawatt::level::schema::Vary::OneOf(o) => {
                                    ((j + k) % o.len()) as f64
                                }
                            }
                        },
                        day: l.days.0 + (n * 5) % (l.days.1 - l.days.0 + 1),
                    }
                })
                .collect();
            let won = i % 2 == 1;
            let days = 800 + choices[casting].day;
            PlanRow {
                plan: i,
                choices,
                outcome: if won { "won" } else { "lost" }.into(),
                date: terawatt::sim::clock::Date::from_days(level.start.to_days() + days as i64)
                    .to_string(),
                days,
                capital_spent_usd: 1e9,
                co2_t: 1e6,
                binds: String::new(),
            }
        })
        .collect();
    let header = Header::of(&level, 1, rows.len());
    let text = csv(&header, &level.levers, &rows, level.start);
    let cf = most_effective_lever(&level, &text).expect("a lever");
    assert_eq!(cf.name, "casting");
    let first = rows
        .iter()
        .filter(|r| r.outcome == "won")
        .min_by_key(|r| r.days)
        .unwrap();
    assert_eq!(cf.choice, first.choices[casting]);
    assert_eq!(cf.orders.len(), 1);
    assert_eq!(cf.orders[0].0, first.choices[casting].day * 24);
    // No plan won: nothing to suggest.
    let lost: Vec<PlanRow> = rows
        .into_iter()
        .map(|mut r| {
            r.outcome = "lost".into();
            r
        })
        .collect();
    let text = csv(&header, &level.levers, &lost, level.start);
    assert_eq!(most_effective_lever(&level, &text), None);
}

/// The end screen of a won level, headless, in `lang` from the start (what the game said
/// before is in the language it said it in).
fn won_end_screen(
    lang: Lang,
) -> (
    terawatt::ui::harness::UiHarness,
    terawatt::level::CheckedLevel,
) {
    let (level, sol) = solved("power_wall");
    let mut h = terawatt::ui::harness::UiHarness::new(&level);
    h.app.world_mut().resource_mut::<Tr>().lang = lang;
    // Given as a replayed save's are: due at their hours, and in the player's log.
    terawatt::save::queue_orders(h.app.world_mut(), &level, &sol.orders);
    terawatt::sim::world::set_order_log(h.app.world_mut(), sol.orders.clone());
    // The whole debrief in a frame.
    h.app.world_mut().insert_resource(DebriefBudget(600_000));
    let mut days = 0;
    while h
        .app
        .world()
        .resource::<terawatt::level::script::Script>()
        .outcome
        .is_none()
    {
        terawatt::testing::advance(&mut h.app, 24 * 30);
        days += 30;
        assert!(days < 365 * 5, "the solution did not win");
    }
    h.frame(Vec::new());
    h.frame(Vec::new());
    h.frame(Vec::new());
    (h, level)
}

/// The end screen of a won level, headless: the debrief is played beside the game and
/// shown, with the walls against the argument, the months, the scores and the
/// counterfactual; in Chinese, no English is left in it.
#[test]
fn the_end_screen_shows_the_debrief_in_both_languages() {
    for lang in [Lang::En, Lang::ZhCn] {
        let (h, level) = won_end_screen(lang);
        let status = h.app.world().resource::<DebriefStatus>().clone();
        let report = status.report.expect("the debrief is done");
        assert_eq!(status.progress, 1.0);
        // The debrief played the player's own game again: the same ending.
        let won = match &h
            .app
            .world()
            .resource::<terawatt::level::script::Script>()
            .outcome
        {
            Some(terawatt::level::script::Outcome::Won(d)) => *d,
            other => panic!("{other:?}"),
        };
        assert_eq!((report.ending.outcome, report.ending.date), ("won", won));
        let tr = Tr::new(lang);
        for key in [
            "debrief-title",
            "outcome-scores",
            "debrief-months",
            "debrief-counterfactual",
        ] {
            assert!(
                h.shows(&tr.t(key)),
                "{lang:?}: no `{key}` on the end screen"
            );
        }
        let walls: Vec<String> = terawatt::sim::limits::ARGUMENT
            .iter()
            .map(|w| terawatt::i18n::wall(&tr, *w))
            .collect();
        let argument = tr.args(
            "debrief-argument",
            &[("walls", walls.join(&tr.t("walls-then")))],
        );
        assert!(h.shows(&argument), "{lang:?}: no `{argument}`");
        // The counterfactual's sentence, with the date its lever was given on.
        let (cf, _) = report.counterfactual.as_ref().unwrap();
        let when =
            terawatt::sim::clock::Date::from_days(level.start.to_days() + cf.choice.day as i64)
                .to_string();
        assert!(
            h.widgets().iter().any(|w| w.label.contains(&when)),
            "{lang:?}: no counterfactual sentence with {when}"
        );
        if lang == Lang::ZhCn {
            let (left, seen) = super::i18n::english_left(&h);
            assert!(seen > 10);
            assert!(
                left.is_empty(),
                "English on the Chinese end screen:\n{left:#?}"
            );
        }
    }
}

//! Predictions: a level asks one question before play; the game waits for the answer
//! (given from the keyboard here), keeps it in its state, saves and share codes, gives it
//! again to a replayed game, and shows it beside the outcome. A bad prediction in a level,
//! or an answer a level does not offer in a save, is refused at its place.

use bevy::prelude::KeyCode;
use bevy_egui::egui;
use terawatt::i18n::Lang;
use terawatt::level::prediction::Predicted;
use terawatt::level::script::{Outcome, Script};
use terawatt::save::{SaveFile, StampCheck, capture, restore};
use terawatt::share::{decode, encode};
use terawatt::sim::clock::{GameClock, SpeedChanged};
use terawatt::testing::{bare_app, level_file};
use terawatt::ui::harness::UiHarness;

fn predicted(h: &UiHarness) -> Option<u32> {
    h.app.world().resource::<Script>().predicted
}

fn tick(h: &UiHarness) -> u64 {
    h.app.world().resource::<GameClock>().tick
}

#[test]
fn every_campaign_level_asks_a_prediction_in_both_languages() {
    for id in [
        "power_wall",
        "why_space",
        "cadence",
        "robots",
        "the_moon",
        "race",
        "timeline",
    ] {
        let level = level_file(&format!("levels/{id}.ron"));
        let p = level.level.prediction.as_ref().expect(id);
        assert!((2..=6).contains(&p.choices.len()), "{id}");
        for t in std::iter::once(&p.question).chain(&p.choices) {
            assert!(t.missing().is_empty(), "{id}: {t:?} lacks a language");
            assert_ne!(t.get(Lang::En), t.get(Lang::ZhCn), "{id}: {t:?}");
        }
    }
}

#[test]
fn the_game_waits_for_the_prediction_and_keeps_the_answer_given_by_keyboard() {
    let level = level_file("levels/power_wall.ron");
    let mut h = UiHarness::asking(&level);
    let question = "Which will bind first here: power, chips or launch?";
    assert!(h.shows(question), "the prediction is not asked");
    // The game is held at its first hour: asking it to run does nothing yet.
    h.app.world_mut().write_message(SpeedChanged::Warp(4));
    for _ in 0..5 {
        h.frame(Vec::new());
    }
    assert_eq!(
        tick(&h),
        0,
        "the game ran before the prediction was answered"
    );
    // From the keyboard: Tab to the second choice, Enter.
    let choice = "Chips: GPUs cannot be bought fast enough";
    h.tab_to(choice, 400).unwrap();
    h.key(egui::Key::Enter, KeyCode::Enter);
    h.frame(Vec::new());
    assert_eq!(predicted(&h), Some(1));
    assert!(!h.shows(question), "the window stays after the answer");
    // Now the game runs; an answer after the first hour changes nothing.
    h.app.world_mut().write_message(SpeedChanged::Warp(4));
    for _ in 0..5 {
        h.frame(Vec::new());
    }
    assert!(tick(&h) > 0, "the game did not run after the answer");
    h.app.world_mut().write_message(Predicted(0));
    h.frame(Vec::new());
    assert_eq!(
        predicted(&h),
        Some(1),
        "an answer after play began was taken"
    );

    // The save and its code keep it; the replayed game (a code has no snapshot) has it
    // again, and reaches the stamp (the answer is part of the state).
    let save = capture(h.app.world()).unwrap();
    assert_eq!(save.prediction, Some(1));
    let coded = decode(&encode(&save)).unwrap();
    assert_eq!(coded.prediction, Some(1));
    let mut app = bare_app();
    let opened = restore(app.world_mut(), &coded).unwrap();
    assert!(!opened.from_snapshot);
    assert_eq!(opened.stamp, StampCheck::Agrees);
    assert_eq!(app.world().resource::<Script>().predicted, Some(1));
    // From the snapshot too.
    let mut app = bare_app();
    let opened = restore(app.world_mut(), &save).unwrap();
    assert!(opened.from_snapshot);
    assert_eq!(opened.stamp, StampCheck::Agrees);
    assert_eq!(app.world().resource::<Script>().predicted, Some(1));
    // A replay given another answer is another game: its stamp says so.
    let mut other = coded.clone();
    other.prediction = Some(2);
    let mut app = bare_app();
    let opened = restore(app.world_mut(), &other).unwrap();
    assert!(matches!(opened.stamp, StampCheck::Differs { .. }));

    // Beside the outcome: the question and the answer.
    let date = h.app.world().resource::<GameClock>().date();
    h.app.world_mut().resource_mut::<Script>().outcome = Some(Outcome::Won(date));
    h.frame(Vec::new());
    assert!(h.shows("You won"));
    assert!(
        h.shows(&format!("You predicted: {choice}")),
        "{:?}",
        labels(&h)
    );
}

fn labels(h: &UiHarness) -> Vec<String> {
    h.widgets().iter().map(|w| w.label.clone()).collect()
}

#[test]
fn the_prediction_is_asked_in_chinese_and_may_be_skipped() {
    let mut h = UiHarness::asking(&level_file("levels/why_space.ron"));
    h.app.world_mut().resource_mut::<terawatt::i18n::Tr>().lang = Lang::ZhCn;
    h.frame(Vec::new());
    let tr = terawatt::i18n::Tr::new(Lang::ZhCn);
    assert!(h.shows("约 7 倍"), "{:?}", labels(&h));
    assert!(!h.shows("About 7 times"));
    // The window is centred on its size: one more frame in Chinese, so the button is
    // clicked where it now is (the English layout's place was a choice's).
    h.frame(Vec::new());
    h.click(&tr.t("predict-skip")).unwrap();
    h.frame(Vec::new());
    assert!(!h.shows("约 7 倍"), "skipping did not close the window");
    assert_eq!(predicted(&h), None);
    h.app.world_mut().write_message(SpeedChanged::Warp(4));
    for _ in 0..3 {
        h.frame(Vec::new());
    }
    assert!(tick(&h) > 0, "the game did not run after the skip");
    let date = h.app.world().resource::<GameClock>().date();
    h.app.world_mut().resource_mut::<Script>().outcome = Some(Outcome::Won(date));
    h.frame(Vec::new());
    assert!(h.shows(&tr.t("predict-none")), "{:?}", labels(&h));
}

#[test]
fn a_save_with_an_answer_the_level_does_not_offer_is_refused_at_its_place() {
    let level = level_file("levels/power_wall.ron");
    let app = terawatt::testing::sim_app(&level);
    let save = SaveFile {
        prediction: Some(7),
        snapshot: None,
        ..capture(app.world()).unwrap()
    };
    let text = ron::ser::to_string_pretty(&save, Default::default()).unwrap();
    let err = terawatt::save::parse("bad.ron", &text)
        .unwrap_err()
        .to_string();
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with("prediction:"))
        .unwrap()
        + 1;
    assert!(
        err.starts_with(&format!("bad.ron:{line}:"))
            && err.contains("expected one of the level's 4"),
        "{err}"
    );
    // A save or code made before predictions (no field) opens, without an answer.
    let old = SaveFile {
        prediction: None,
        ..save
    };
    let text = ron::to_string(&old).unwrap();
    // The save's own field is left out (the level's text it carries asks the question).
    assert!(!text.contains("prediction:None") && !text.contains("prediction:Some"));
    assert_eq!(
        terawatt::save::parse("old.ron", &text).unwrap().prediction,
        None
    );
}

#[test]
fn a_bad_prediction_is_reported_at_its_line_and_column() {
    let base = r#"Level(
    id: "p",
    title: "P",
    start_date: "2026-01-01",
    prediction: Prediction(
        question: "Which?",
        choices: [CHOICES],
    ),
)"#;
    let check = |choices: &str| {
        terawatt::level::parse_level("p.ron", &base.replace("CHOICES", choices))
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    assert_eq!(check(r#""a", "b""#), Ok(()));
    assert_eq!(
        check(r#""only""#),
        Err("p.ron:7:9: prediction: 1 choices: expected 2 to 6".into())
    );
    assert!(
        check(r#""a", "  ""#)
            .unwrap_err()
            .contains("prediction: choice 2 is empty in en: expected words"),
    );
    let seven = (0..7)
        .map(|i| format!("\"{i}\""))
        .collect::<Vec<_>>()
        .join(", ");
    assert!(
        check(&seven)
            .unwrap_err()
            .contains("7 choices: expected 2 to 6")
    );
    let long = format!(r#""a", "{}""#, "x".repeat(401));
    assert!(
        check(&long).unwrap_err().contains("401 characters in en"),
        "{:?}",
        check(&long)
    );
}

//! Share codes: a game as a code opens exactly where it was, branches included, its state
//! checked against the stamp it carries (a code carries no snapshot, so it stays short); a
//! damaged, cut, foreign or newer code is refused with its reason.

use bevy::prelude::*;
use terawatt::branch::{BranchCommand, restore_branches};
use terawatt::save::{SaveFile, StampCheck, capture, restore};
use terawatt::share::{PREFIX, ShareError, decode, encode};
use terawatt::sim::hash::state_dump_canonical;
use terawatt::sim::orders::{BuildKind, Order, Ordered};
use terawatt::sim::params::P;
use terawatt::testing::{advance_in_frames, bare_app_with, level_file, sim_app_with};

/// The power wall, 40 game days in, with a few orders and a branch.
fn a_game() -> App {
    let level = level_file("levels/power_wall.ron");
    let mut app = sim_app_with(&level, terawatt::branch::plugin);
    for o in [
        Order::Build(BuildKind::Turbines { gw: 1.0 }),
        Order::Build(BuildKind::Batteries { gwh: 4.0 }),
    ] {
        app.world_mut().write_message(Ordered(o));
        advance_in_frames(&mut app, 24 * 20, 100);
    }
    app.world_mut().write_message(BranchCommand::Fork {
        name: "cheap launch".into(),
        changes: vec![(P::LaunchUsdPerKg, 400.0)],
    });
    advance_in_frames(&mut app, 48, 24);
    app
}

/// `save` as a code holds it: its stamps, no snapshot.
fn as_coded(save: &SaveFile) -> SaveFile {
    let mut s = save.clone();
    s.snapshot = None;
    for b in &mut s.branches {
        b.snapshot = None;
    }
    s
}

#[test]
fn a_code_opens_the_game_exactly_where_it_was() {
    let mut app = a_game();
    let full = capture(app.world()).unwrap();
    assert_eq!(full.branches.len(), 1);
    assert!(full.stamp.is_some() && full.branches[0].stamp.is_some());
    let code = encode(&full);
    let save = as_coded(&full);
    assert!(code.starts_with(PREFIX));
    // URL-safe, one line: it can follow `#` in a link.
    assert!(
        code[PREFIX.len()..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
        "{code}"
    );
    assert_eq!(decode(&code).unwrap(), save);
    // As a link, and broken over lines as a mail program might.
    let link = format!("https://example.org/terawatt/#{code}");
    assert_eq!(decode(&link).unwrap(), save);
    let wrapped: String = code
        .as_bytes()
        .chunks(60)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(decode(&wrapped).unwrap(), save);
    // Opened in a fresh game, it is the same game, and goes on as the original does.
    let mut opened = bare_app_with(terawatt::branch::plugin);
    let read = decode(&code).unwrap();
    let how = restore(opened.world_mut(), &read).unwrap();
    // Replayed, and the state reached is the one stamped.
    assert!(!how.from_snapshot);
    assert_eq!(how.stamp, StampCheck::Agrees);
    restore_branches(opened.world_mut(), &read).unwrap();
    terawatt::testing::advance(&mut opened, 0);
    assert!(state_dump_canonical(opened.world_mut()) == state_dump_canonical(app.world_mut()));
    advance_in_frames(&mut app, 24 * 30, 100);
    advance_in_frames(&mut opened, 24 * 30, 77);
    assert!(state_dump_canonical(opened.world_mut()) == state_dump_canonical(app.world_mut()));
    // A campaign level is named in the code, not copied: the code is short.
    println!("code: {} characters", code.len());
    assert!(code.len() < 1_000, "{} characters", code.len());
}

#[test]
fn an_authors_own_level_travels_whole_and_a_changed_shipped_level_is_refused() {
    let app = a_game();
    let save = as_coded(&capture(app.world()).unwrap());
    // A level of the author's own (here the power wall with one more line) goes whole.
    let mut own = save.clone();
    own.level_source = format!("// my class's version\n{}", save.level_source);
    let code = encode(&own);
    assert!(code.len() > 2_000, "{} characters", code.len());
    assert_eq!(decode(&code).unwrap(), own);
    // A code naming a shipped level whose words this game does not have (another version
    // of the game) is refused and says which level.
    let mut other = save.clone();
    other.level_source = "shipped:levels/power_wall.ron:0000000000000000".into();
    assert_eq!(
        decode(&encode(&other)),
        Err(ShareError::OtherLevel("levels/power_wall.ron".into()))
    );
}

#[test]
fn a_damaged_cut_or_foreign_code_is_refused_with_its_reason() {
    let app = a_game();
    let code = encode(&capture(app.world()).unwrap());
    // One character changed in the middle: the checksum catches it.
    let mid = code.len() / 2;
    let flipped = if &code[mid..=mid] == "A" { "B" } else { "A" };
    let damaged = format!("{}{flipped}{}", &code[..mid], &code[mid + 1..]);
    assert_eq!(decode(&damaged), Err(ShareError::Damaged));
    // Cut short.
    assert_eq!(decode(&code[..code.len() - 10]), Err(ShareError::Damaged));
    // Something added after its end (its checksum): refused, from about where it starts.
    for junk in ["AAAA", "AAAAAAAA"] {
        match decode(&format!("{code}{junk}")) {
            Err(ShareError::TooLong(at)) => {
                assert!(
                    at.abs_diff(code.len() + 1) <= 2,
                    "{junk}: at {at} of {}",
                    code.len()
                )
            }
            other => panic!("{junk}: {other:?}"),
        }
    }
    // Other characters may also change the code's last byte: refused either way.
    assert!(decode(&format!("{code}Zm9v")).is_err());
    let said = terawatt::share::share_error(
        terawatt::i18n::tr_for(terawatt::i18n::Lang::En),
        &ShareError::TooLong(9),
    );
    assert!(said.contains("character 9"), "{said}");
    // A character no code has, with its place.
    let odd = format!("{}*{}", &code[..20], &code[21..]);
    assert_eq!(decode(&odd), Err(ShareError::BadCharacter(21)));
    // Not a code; another version's.
    assert_eq!(decode("just some text"), Err(ShareError::NotACode));
    assert_eq!(
        decode(&code.replacen("TW1-", "TW2-", 1)),
        Err(ShareError::OtherVersion("TW2-".into()))
    );
    // A well-formed code of something that is not a save.
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut z, b"Level(id: \"x\")").unwrap();
    let not_a_save = format!(
        "{PREFIX}{}",
        data_encoding::BASE64URL_NOPAD.encode(&z.finish().unwrap())
    );
    assert!(matches!(decode(&not_a_save), Err(ShareError::NotASave(_))));
    // A code made by a newer game, with a field this one does not know: said to be newer.
    let text = ron::to_string(&as_coded(&capture(app.world()).unwrap()))
        .unwrap()
        .replacen("version:4,", "version:9,future:(),", 1);
    assert!(text.contains("version:9,future:(),"), "{}", &text[..80]);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut z, text.as_bytes()).unwrap();
    let newer = format!(
        "{PREFIX}{}",
        data_encoding::BASE64URL_NOPAD.encode(&z.finish().unwrap())
    );
    assert_eq!(decode(&newer), Err(ShareError::Newer(9)));
    for lang in terawatt::i18n::Lang::ALL {
        let words =
            terawatt::share::share_error(terawatt::i18n::tr_for(lang), &ShareError::Newer(9));
        assert!(words.contains('9') && words.contains('4'), "{words}");
    }
}

#[test]
fn a_teachers_lock_travels_in_the_code_and_holds_in_the_opened_game() {
    use terawatt::lock::{Panel, TeacherLock};
    use terawatt::sim::orders::{OrderRefused, Refusal};
    let mut app = a_game();
    // The teacher orders turbines at this very tick, then locks them and shares.
    app.world_mut()
        .write_message(Ordered(Order::Build(BuildKind::Turbines { gw: 1.0 })));
    terawatt::testing::advance(&mut app, 0);
    let mut save = capture(app.world()).unwrap();
    assert!(save.lock.is_empty(), "a game starts unlocked");
    assert!(save.orders.iter().any(|(t, _)| *t == save.tick));
    let projects = |app: &mut App| {
        let w = app.world_mut();
        w.query::<&terawatt::sim::projects::Project>()
            .iter(w)
            .count()
    };
    // The turbines were ordered before the lock: the opened game still has them.
    let lock = TeacherLock {
        panels: vec![Panel::Codex],
        actions: vec!["build:turbines".into()],
    };
    save = terawatt::save::with_lock(&save, lock.clone()).unwrap();
    assert_eq!(save.lock, lock);
    let read = decode(&encode(&save)).unwrap();
    assert_eq!(read.lock, save.lock);
    let mut opened = bare_app_with(terawatt::branch::plugin);
    // Its stamp is of the game under the lock.
    let how = restore(opened.world_mut(), &read).unwrap();
    assert_eq!(how.stamp, StampCheck::Agrees);
    terawatt::testing::advance(&mut opened, 0);
    let locks = opened.world().resource::<terawatt::sim::orders::Locks>();
    assert_eq!(locks.teacher, vec!["build:turbines".to_string()]);
    // Everything ordered before the lock is there, this tick's turbines too.
    assert_eq!(projects(&mut opened), projects(&mut app));
    // The class cannot build what the teacher locked: refused, with the teacher named.
    let capital = opened
        .world()
        .resource::<terawatt::sim::economy::Capital>()
        .usd;
    opened
        .world_mut()
        .write_message(Ordered(Order::Build(BuildKind::Turbines { gw: 1.0 })));
    terawatt::testing::advance(&mut opened, 1);
    let refused: Vec<_> = opened
        .world_mut()
        .resource_mut::<Messages<OrderRefused>>()
        .drain()
        .collect();
    assert!(
        refused.iter().any(|r| r.reason == Refusal::TeacherLocked),
        "{refused:?}"
    );
    // Nothing paid for it (an hour's running costs are far below the $1.5G of turbines).
    let spent = capital
        - opened
            .world()
            .resource::<terawatt::sim::economy::Capital>()
            .usd;
    assert!(spent < 1e8, "spent ${spent}");
    // The refused order is not in the log, so the opened game, saved and restored, is the
    // same game (the lock refuses before the log; a replay never meets it).
    let resaved = capture(opened.world()).unwrap();
    assert_eq!(resaved.orders, read.orders);
    let mut again = bare_app_with(terawatt::branch::plugin);
    restore(again.world_mut(), &resaved).unwrap();
    terawatt::testing::advance(&mut again, 0);
    assert!(state_dump_canonical(again.world_mut()) == state_dump_canonical(opened.world_mut()));
    // The opened game's own save and code keep the lock.
    assert_eq!(resaved.lock, save.lock);
    // A new level starts free of it.
    terawatt::level::spawn_level(opened.world_mut(), &level_file("levels/power_wall.ron"));
    assert!(opened.world().resource::<TeacherLock>().is_empty());
    assert!(
        opened
            .world()
            .resource::<terawatt::sim::orders::Locks>()
            .teacher
            .is_empty()
    );
    // A lock naming no real action is refused where it is written.
    let mut bad = save.clone();
    bad.lock.actions = vec!["build:turbine".into()];
    let text = ron::ser::to_string_pretty(&bad, ron::ser::PrettyConfig::default()).unwrap();
    let e = terawatt::save::parse("bad.ron", &text)
        .unwrap_err()
        .to_string();
    assert!(e.contains("did you mean `build:turbines`"), "{e}");
    assert!(e.starts_with("bad.ron:"), "{e}");
}

#[test]
fn a_won_games_code_carries_its_scores_and_older_codes_still_open() {
    let path = std::path::Path::new("levels/power_wall.ron");
    let level = level_file("levels/power_wall.ron");
    let sol = terawatt::verify::load_solution(
        &terawatt::verify::solution_path(path, "power_wall"),
        &level,
    )
    .unwrap();
    let mut app = terawatt::testing::sim_app(&level);
    terawatt::save::queue_orders(app.world_mut(), &level, &sol.orders);
    terawatt::sweep::play_until_decided(&mut app, sol.years);
    let scores = terawatt::scores::Scores::of(app.world()).expect("the solution wins");
    // The level runs turbines from day one and buys chips: both scores count.
    assert!(scores.capital_spent_usd > 1e9, "{scores:?}");
    assert!(scores.co2_t > 1e6, "{scores:?}");
    let save = capture(app.world()).unwrap();
    assert_eq!(save.scores.as_ref(), Some(&scores));
    let code = encode(&save);
    assert_eq!(decode(&code).unwrap().scores, Some(scores));
    // A code made before the scores (its save has no `scores` field) still opens.
    let old = SaveFile {
        scores: None,
        ..as_coded(&save)
    };
    let text = ron::to_string(&old).unwrap();
    assert!(!text.contains("scores"), "an old save's text has no scores");
    let back = decode(&encode(&old)).unwrap();
    assert_eq!(back.scores, None);
    assert_eq!(back.orders, save.orders);
}

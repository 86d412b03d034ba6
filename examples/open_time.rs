//! How long a long game's save takes to open: plays the sandbox for YEARS game years
//! (1000 unless given, the longest a save may hold) with a few orders, forks three
//! branches two days before the end, saves, and times opening the save — reading it
//! (parsed and its snapshots checked) and restoring the game and its branches from their
//! snapshots — alone and with its branches. Prints the sizes of the file and of each
//! snapshot. With `--replay`, also times opening the game by replaying its orders (what
//! every load did before snapshots).
//!
//! `cargo run --release --example open_time -- [YEARS] [--replay] [--keep PATH]`
//! (`--keep`: the played game is written there, and read from there the next time).

use std::time::Instant;

use terawatt::branch::{BranchCommand, restore_branches};
use terawatt::save::{SaveFile, capture, read, restore, write};
use terawatt::sim::clock::GameClock;
use terawatt::sim::orders::{BuildKind, Order, Ordered, Policy};
use terawatt::sim::params::P;
use terawatt::testing::{advance, advance_in_frames, bare_app_with, level_file, sim_app_with};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let years: f64 = args.iter().find_map(|a| a.parse().ok()).unwrap_or(1000.0);
    let with_replay = args.iter().any(|a| a == "--replay");
    let keep = args
        .iter()
        .position(|a| a == "--keep")
        .and_then(|i| args.get(i + 1))
        .map(std::path::PathBuf::from);
    let save = match keep.as_ref().filter(|p| p.exists()) {
        Some(path) => {
            println!("the game kept in {}", path.display());
            read(path).expect("the kept game")
        }
        None => {
            let save = play(years);
            if let Some(path) = &keep {
                write(path, &save).unwrap();
            }
            save
        }
    };
    assert_eq!(save.branches.len(), 3, "three branches");
    let snapshot = save.snapshot.as_ref().expect("a snapshot");
    println!(
        "the game's snapshot: {} entities, {} bytes",
        snapshot.entities,
        ron::to_string(snapshot).unwrap().len()
    );
    let mut parts: Vec<(usize, &str)> = snapshot
        .parts
        .iter()
        .map(|(n, text)| (text.0.len(), n.as_str()))
        .collect();
    parts.sort_unstable_by(|a, b| b.cmp(a));
    for (bytes, name) in parts.iter().take(4) {
        println!("  {name}: {bytes} bytes");
    }
    for b in &save.branches {
        let s = b.snapshot.as_ref().expect("a branch snapshot");
        println!(
            "branch `{}`'s snapshot: {} bytes",
            b.name,
            ron::to_string(s).unwrap().len()
        );
    }

    let dir = std::env::temp_dir().join(format!("terawatt-open-time-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let alone_path = dir.join("alone.ron");
    let branched_path = dir.join("branched.ron");
    let alone = SaveFile {
        branches: Vec::new(),
        ..save.clone()
    };
    let t = Instant::now();
    write(&branched_path, &save).unwrap();
    println!(
        "wrote the save with its branches in {:.3} s",
        t.elapsed().as_secs_f64()
    );
    write(&alone_path, &alone).unwrap();
    for (what, path) in [
        ("the game alone", &alone_path),
        ("the game and 3 branches", &branched_path),
    ] {
        let bytes = std::fs::metadata(path).unwrap().len();
        let mut opened = bare_app_with(terawatt::branch::plugin);
        let t = Instant::now();
        let read_back = read(path).unwrap();
        let read_s = t.elapsed().as_secs_f64();
        let how = restore(opened.world_mut(), &read_back).unwrap();
        let game_s = t.elapsed().as_secs_f64() - read_s;
        restore_branches(opened.world_mut(), &read_back).unwrap();
        let all_s = t.elapsed().as_secs_f64();
        assert!(how.from_snapshot);
        println!(
            "opened {what} ({bytes} bytes, {:.1} MiB): {all_s:.3} s in all — read and checked \
             {read_s:.3} s, the game restored and compared with its stamp {game_s:.3} s, the \
             branches restored {:.3} s; stamp {:?}",
            bytes as f64 / (1 << 20) as f64,
            all_s - read_s - game_s,
            how.stamp
        );
    }
    if with_replay {
        let mut replayed = bare_app_with(terawatt::branch::plugin);
        let old = SaveFile {
            snapshot: None,
            ..alone.clone()
        };
        let t = Instant::now();
        let how = restore(replayed.world_mut(), &old).unwrap();
        println!(
            "opened the game alone by replaying its orders in {:.1} s; stamp {:?}",
            t.elapsed().as_secs_f64(),
            how.stamp
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Plays the sandbox `years` game years with a few orders, three branches forked two days
/// before the end, and captures it.
fn play(years: f64) -> SaveFile {
    let level = level_file("levels/sandbox.ron");
    let mut app = sim_app_with(&level, terawatt::branch::plugin);
    let total = (years * 8760.0).round() as u64;
    let started = Instant::now();
    let now = |app: &bevy::prelude::App| app.world().resource::<GameClock>().tick;
    for (at, order) in [
        (100, Order::Build(BuildKind::Turbines { gw: 2.0 })),
        (1500, Order::Policy(Policy::SpaceShare(0.5))),
        (
            2600,
            Order::Build(BuildKind::Pad {
                site: "Starbase".into(),
            }),
        ),
    ] {
        let ticks = at - now(&app);
        advance(&mut app, ticks);
        app.world_mut().write_message(Ordered(order));
        advance(&mut app, 0);
    }
    let ticks = total - 48 - now(&app);
    advance_in_frames(&mut app, ticks, 8760);
    for (name, changes) in [
        ("cheap launch", vec![(P::LaunchUsdPerKg, 400.0)]),
        ("dear launch", vec![(P::LaunchUsdPerKg, 3000.0)]),
        ("same", vec![]),
    ] {
        app.world_mut().write_message(BranchCommand::Fork {
            name: name.into(),
            changes,
        });
        advance(&mut app, 0);
    }
    advance_in_frames(&mut app, 48, 24);
    println!(
        "played the sandbox {years} game years ({total} h) with 3 branches in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let save = capture(app.world()).expect("a level is played");
    println!(
        "captured the save (stamps and snapshots, game and 3 branches) in {:.3} s",
        t.elapsed().as_secs_f64()
    );
    save
}

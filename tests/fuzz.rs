//! Bad input never panics or hangs: tens of thousands of mutated levels and saves are
//! parsed; each is accepted or refused with a place (line and column from 1) and a reason.

use std::time::{Duration, Instant};

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use terawatt::level::parse_level;
use terawatt::save::{SaveError, capture, parse};
use terawatt::testing::{advance, level_file, sim_app};

/// A random char-boundary index into `s`.
fn at(rng: &mut ChaCha8Rng, s: &str) -> usize {
    let mut i = rng.random_range(0..=s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

const NASTY: [&str; 12] = [
    "1e308",
    "-1e308",
    "NaN",
    "inf",
    "-inf",
    "99999999999999999999999",
    "-0",
    "\"\"",
    "4294967296",
    "\u{1F680}",
    ")",
    "(((((((((",
];

/// One mutation of `src`.
fn mutate(rng: &mut ChaCha8Rng, src: &str) -> String {
    let mut s = src.to_string();
    for _ in 0..rng.random_range(1..4) {
        let (a, b) = {
            let x = at(rng, &s);
            let y = at(rng, &s);
            (x.min(y), x.max(y))
        };
        s = match rng.random_range(0..8) {
            0 => s[..a].to_string(),
            1 => format!("{}{}", &s[..a], &s[b..]),
            2 => format!("{}{}{}", &s[..b], &s[a..b], &s[b..]),
            3 => {
                // Replace the next number with a nasty value.
                let tail = &s[a..];
                match tail.find(|c: char| c.is_ascii_digit()) {
                    Some(i) => {
                        let start = a + i;
                        let end = s[start..]
                            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == 'e'))
                            .map_or(s.len(), |j| start + j);
                        let v = NASTY[rng.random_range(0..NASTY.len())];
                        format!("{}{v}{}", &s[..start], &s[end..])
                    }
                    None => s,
                }
            }
            4 => {
                let depth = rng.random_range(10..400);
                format!(
                    "{}{}Always{}{}",
                    &s[..a],
                    "Not(".repeat(depth),
                    ")".repeat(depth),
                    &s[a..]
                )
            }
            5 => {
                let junk: String = (0..rng.random_range(1..20))
                    .map(|_| char::from(rng.random_range(0u8..128)))
                    .collect();
                format!("{}{junk}{}", &s[..a], &s[a..])
            }
            6 => {
                let n = rng.random_range(1..5000);
                format!("{}{}{}", &s[..a], "[".repeat(n), &s[a..])
            }
            _ => s.replacen(
                [
                    "pads", "ships", "gpus", "solar_gw", "Sso", "Win", "Date", "Level",
                ][rng.random_range(0..8)],
                [
                    "padz", "ship", "gpu", "solar", "Ss0", "Winn", "Dat", "Levle",
                ][rng.random_range(0..8)],
                1,
            ),
        };
    }
    s
}

#[test]
fn mutated_levels_are_accepted_or_refused_with_a_place() {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let sources: Vec<String> = std::fs::read_dir("levels")
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let start = Instant::now();
    let (mut refused, mut accepted) = (0, 0);
    for i in 0..20_000 {
        let src = mutate(&mut rng, &sources[i % sources.len()]);
        let t = Instant::now();
        match parse_level("fuzz.ron", &src) {
            Err(e) => {
                refused += 1;
                for err in &e.0 {
                    assert!(
                        err.line >= 1 && err.col >= 1 && !err.message.is_empty(),
                        "{err}"
                    );
                }
            }
            Ok(level) => {
                accepted += 1;
                // A mutated level that checks must also play.
                if accepted % 50 == 1 {
                    let mut app = sim_app(&level);
                    advance(&mut app, 48);
                }
            }
        }
        assert!(
            t.elapsed() < Duration::from_secs(2),
            "case {i} took {:?}",
            t.elapsed()
        );
    }
    assert!(refused > 10_000, "{refused} refused, {accepted} accepted");
    assert!(start.elapsed() < Duration::from_secs(120));
}

#[test]
fn mutated_saves_are_accepted_or_refused_with_a_place() {
    let mut app = sim_app(&level_file("levels/power_wall.ron"));
    advance(&mut app, 500);
    let save = capture(app.world()).unwrap();
    let text = ron::ser::to_string_pretty(&save, ron::ser::PrettyConfig::default()).unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(8);
    let mut refused = 0;
    for _ in 0..5_000 {
        let src = mutate(&mut rng, &text);
        match parse("fuzz-save.ron", &src) {
            Ok(_) => {}
            Err(SaveError::Damaged {
                line, col, message, ..
            }) => {
                refused += 1;
                assert!(line >= 1 && col >= 1 && !message.is_empty());
            }
            Err(SaveError::Level(e)) => {
                refused += 1;
                assert!(e.0.iter().all(|x| x.line >= 1 && x.col >= 1));
            }
            Err(SaveError::Version(..)) => refused += 1,
            Err(SaveError::Io(..)) => panic!("no file was read"),
        }
    }
    assert!(refused > 2_500, "{refused}");
}

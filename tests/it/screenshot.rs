//! The screenshot test: the game renders the default level under a display (Xvfb with
//! Mesa's software Vulkan in CI), saves a PNG, and the picture is checked where the
//! camera expects Earth and the Moon; the same moment rendered with the satellites and
//! the flights' ships hidden shows that they are drawn where they are.

use std::path::PathBuf;
use std::process::Command;
use std::sync::Mutex;

/// The windowed tests take turns: two software renderers at once on two cores would each
/// measure the other.
static DISPLAY: Mutex<()> = Mutex::new(());

/// Background (the clear colour is near black).
fn is_background(p: [u8; 3]) -> bool {
    p.iter().all(|c| *c < 16)
}

fn brightness(p: [u8; 3]) -> u32 {
    p.iter().map(|c| u32::from(*c)).sum()
}

struct Picture {
    w: usize,
    h: usize,
    rgb: Vec<[u8; 3]>,
}

impl Picture {
    fn load(path: &PathBuf) -> Picture {
        let decoder =
            png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        let channels = info.color_type.samples();
        let rgb = buf[..info.buffer_size()]
            .chunks(channels)
            .map(|c| [c[0], c[1], c[2]])
            .collect();
        Picture {
            w: info.width as usize,
            h: info.height as usize,
            rgb,
        }
    }

    /// The brightest pixel within `r` pixels of (x, y).
    /// The mean colour of the square of side 2r+1 around (x, y).
    fn mean_near(&self, x: f32, y: f32, r: i32) -> [u32; 3] {
        let (mut sum, mut n) = ([0u32; 3], 0);
        for dy in -r..=r {
            for dx in -r..=r {
                let (px, py) = (x as i32 + dx, y as i32 + dy);
                if px < 0 || py < 0 || px >= self.w as i32 || py >= self.h as i32 {
                    continue;
                }
                let p = self.rgb[py as usize * self.w + px as usize];
                for c in 0..3 {
                    sum[c] += u32::from(p[c]);
                }
                n += 1;
            }
        }
        sum.map(|s| s / n.max(1))
    }

    /// The largest difference from `other` (summed over the channels) within `r` pixels
    /// of (x, y).
    fn difference_near(&self, other: &Picture, x: f32, y: f32, r: i32) -> u32 {
        let mut most = 0;
        for dy in -r..=r {
            for dx in -r..=r {
                let (px, py) = (x as i32 + dx, y as i32 + dy);
                if px < 0 || py < 0 || px as usize >= self.w || py as usize >= self.h {
                    continue;
                }
                let i = py as usize * self.w + px as usize;
                let d: u32 = (0..3)
                    .map(|c| u32::from(self.rgb[i][c].abs_diff(other.rgb[i][c])))
                    .sum();
                most = most.max(d);
            }
        }
        most
    }

    fn brightest_near(&self, x: f32, y: f32, r: i32) -> [u8; 3] {
        let mut best = [0, 0, 0];
        for dy in -r..=r {
            for dx in -r..=r {
                let (px, py) = (x as i32 + dx, y as i32 + dy);
                if px < 0 || py < 0 || px as usize >= self.w || py as usize >= self.h {
                    continue;
                }
                let p = self.rgb[py as usize * self.w + px as usize];
                if brightness(p) > brightness(best) {
                    best = p;
                }
            }
        }
        best
    }
}

/// Runs `terawatt shot levels/power_wall.ron ARGS` under Xvfb at 1280×720 into a fresh
/// temporary folder named after `name`; returns the folder and the PNG's path.
fn take_shot(name: &str, args: &[&str]) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("terawatt-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join(format!("{name}.png"));
    let status = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x720x24"])
        .arg(env!("CARGO_BIN_EXE_terawatt"))
        .args(["shot", "levels/power_wall.ron"])
        .args(args)
        .arg("--out")
        .arg(&out)
        .env("RUST_LOG", "error")
        .status()
        .expect("xvfb-run must be installed: apt-get install xvfb mesa-vulkan-drivers");
    assert!(status.success(), "the game failed to render");
    (dir, out)
}

/// The picture's `.png.txt`: every line `name x y` (screen pixels) whose name is `name`.
fn spots_named(spots: &str, name: &str) -> Vec<(f32, f32)> {
    spots
        .lines()
        .filter_map(|l| {
            let mut v = l.split_whitespace();
            (v.next() == Some(name)).then(|| {
                let x: f32 = v.next().unwrap().parse().unwrap();
                let y: f32 = v.next().unwrap().parse().unwrap();
                (x, y)
            })
        })
        .collect()
}

/// The least difference (summed over the channels) at a satellite or ship between the
/// picture and the one with them hidden: a lit satellite or a white ship over black space,
/// an orbit's ring or Earth differs by far more.
const DRAWN: u32 = 90;

#[test]
fn the_default_level_renders_earth_moon_satellites_and_a_flight() {
    let _turn = DISPLAY.lock().unwrap_or_else(|e| e.into_inner());
    let (dir, out) = take_shot("shot", &["--days", "5", "--no-ui", "--hidden-too"]);
    let pic = Picture::load(&out);
    assert_eq!((pic.w, pic.h), (1280, 720));
    let hidden = Picture::load(&terawatt::shot::hidden_path(&out));
    assert_eq!((hidden.w, hidden.h), (1280, 720));

    // Not blank: a real share of the picture is drawn, in many colours.
    let drawn = pic.rgb.iter().filter(|p| !is_background(**p)).count();
    assert!(drawn > pic.rgb.len() / 50, "only {drawn} pixels drawn");
    let mut colours: Vec<[u8; 3]> = pic.rgb.clone();
    colours.sort_unstable();
    colours.dedup();
    assert!(colours.len() > 200, "only {} colours", colours.len());

    let spots = std::fs::read_to_string(out.with_extension("png.txt")).unwrap();
    let spot = |name: &str| -> (f32, f32) {
        let line = spots
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no {name} on screen:\n{spots}"));
        let v: Vec<f32> = line
            .split_whitespace()
            .skip(1)
            .map(|x| x.parse().unwrap())
            .collect();
        (v[0], v[1])
    };
    for (name, radius, min_brightness) in [("earth", 30, 60), ("moon", 12, 150)] {
        let (x, y) = spot(name);
        assert!(
            (0.0..1280.0).contains(&x) && (0.0..720.0).contains(&y),
            "{name} is off screen at {x},{y}"
        );
        let p = pic.brightest_near(x, y, radius);
        assert!(
            brightness(p) >= min_brightness,
            "{name} expected at {x},{y} but the picture there is {p:?}"
        );
    }
    // The two pictures are the same moment from the same place: they differ only where
    // the satellites and ships were (a few hundred pixels), not at the Moon.
    let differ = pic
        .rgb
        .iter()
        .zip(&hidden.rgb)
        .filter(|(a, b)| a != b)
        .count();
    let (mx, my) = spot("moon");
    assert_eq!(
        pic.difference_near(&hidden, mx, my, 15),
        0,
        "the Moon changed"
    );
    assert!(
        differ > 0 && differ < pic.rgb.len() / 100,
        "{differ} pixels differ with the satellites and ships hidden"
    );
    // Each sunlit satellite in sight (where the view's planes put them, projected through
    // the camera) is drawn there: hiding them changes the picture at each.
    let on_screen = |&(x, y): &(f32, f32)| (0.0..1280.0).contains(&x) && (0.0..720.0).contains(&y);
    let satellites: Vec<(f32, f32)> = spots_named(&spots, "satellite")
        .into_iter()
        .filter(on_screen)
        .collect();
    assert!(
        satellites.len() >= 10,
        "only {} satellites in sight:\n{spots}",
        satellites.len()
    );
    let seen: Vec<u32> = satellites
        .iter()
        .map(|&(x, y)| pic.difference_near(&hidden, x, y, 2))
        .collect();
    println!("satellites: differences {seen:?}");
    let drawn = seen.iter().filter(|d| **d >= DRAWN).count();
    assert!(
        drawn * 10 >= satellites.len() * 9,
        "only {drawn} of {} satellites drawn where they are: {seen:?} at {satellites:?}",
        satellites.len()
    );
    // The flight's ship is drawn where it is.
    let (fx, fy) = spot("flight");
    assert!(
        on_screen(&(fx, fy)),
        "the flight is off screen at {fx},{fy}"
    );
    let ship = pic.difference_near(&hidden, fx, fy, 4);
    println!("{differ} pixels differ; the flight's ship and trail by {ship}");
    assert!(
        ship >= DRAWN,
        "no ship drawn at the flight's place {fx},{fy}: {ship}"
    );
    // Earth is blue and green, not grey: the ocean and the land are drawn with colour.
    let (ex, ey) = spot("earth");
    let mut coloured = 0;
    for dy in (-60..=60).step_by(6) {
        for dx in (-60..=60).step_by(6) {
            let p = pic.brightest_near(ex + dx as f32, ey + dy as f32, 0);
            if p[2] > p[0] + 20 || p[1] > p[0] + 20 {
                coloured += 1;
            }
        }
    }
    assert!(
        coloured > 40,
        "Earth looks grey ({coloured} coloured samples)"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The picture is the real planet: seen side-on to the Sun, deserts are sandy and the
/// oceans blue by day, and cities shine brighter than the open ocean by night, at the
/// places' projected positions.
#[test]
fn the_earth_is_the_real_planet_by_day_and_by_night() {
    let _turn = DISPLAY.lock().unwrap_or_else(|e| e.into_inner());
    let (dir, out) = take_shot(
        "planet",
        &[
            "--days",
            "5",
            "--no-ui",
            "--terminator",
            "--distance",
            "3.5",
        ],
    );
    let pic = Picture::load(&out);
    let spots = std::fs::read_to_string(out.with_extension("png.txt")).unwrap();
    // The real planet: deserts sandy and oceans blue by day, cities brighter than the open
    // ocean by night, at the places' projected positions.
    let places: Vec<(String, f32, f32, String)> = spots
        .lines()
        .filter_map(|l| l.strip_prefix("place:"))
        .map(|l| {
            let v: Vec<&str> = l.split_whitespace().collect();
            (
                v[0].to_string(),
                v[1].parse().unwrap(),
                v[2].parse().unwrap(),
                v[3].to_string(),
            )
        })
        .collect();
    let seen = |kind: &str, when: &str| -> Vec<(String, [u32; 3])> {
        places
            .iter()
            .filter(|(n, _, _, w)| n.starts_with(kind) && w == when)
            .map(|(n, x, y, _)| (n.clone(), pic.mean_near(*x, *y, 2)))
            .collect()
    };
    let (deserts, oceans) = (seen("desert", "day"), seen("ocean", "day"));
    let (cities, dark_oceans) = (seen("city", "night"), seen("ocean", "night"));
    println!(
        "day deserts {deserts:?}\nday oceans {oceans:?}\nnight cities {cities:?}\nnight oceans {dark_oceans:?}"
    );
    assert!(!deserts.is_empty() && !oceans.is_empty(), "{spots}");
    assert!(!cities.is_empty() && !dark_oceans.is_empty(), "{spots}");
    for (n, [r, g, b]) in &deserts {
        assert!(*r > *b + 15 && *r > 60, "{n} is not sandy: {r},{g},{b}");
    }
    for (n, [r, _, b]) in &oceans {
        assert!(*b > *r + 15, "{n} is not ocean blue: {r},{b}");
    }
    let night_sea = dark_oceans
        .iter()
        .map(|(_, c)| c.iter().sum::<u32>())
        .max()
        .unwrap();
    let lit: Vec<u32> = cities.iter().map(|(_, c)| c.iter().sum::<u32>()).collect();
    // Most of the cities in the night shine well above the night sea, in warm light.
    let shining = lit.iter().filter(|&&c| c > night_sea + 25).count();
    assert!(
        shining * 2 > lit.len() && lit.iter().max().unwrap() > &(night_sea + 60),
        "cities at night {lit:?} vs ocean {night_sea}"
    );
    assert!(cities.iter().all(|(_, [r, _, b])| r >= b), "{cities:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The windowed game at the top warp holds a game year per real second (under Xvfb with a
/// software renderer, the slowest place it runs), and the sim's part of it leaves room: the
/// year takes the sim at most a third of each real second. The pace alone cannot show a
/// slow sim (each frame runs the ticks of its own real time, so the pace holds until a
/// frame passes 250 ms); the sim's own rate can. Measured here in December 2026: 15 game
/// years per second of the sim's time, frames of 126 ms. With frames of that length, a sim
/// of 3 years a second makes them 1.5 times longer, still under the 250 ms the top warp
/// counts a frame at most.
#[test]
fn the_windowed_game_runs_a_year_a_second_at_the_top_warp() {
    let _turn = DISPLAY.lock().unwrap_or_else(|e| e.into_inner());
    let out = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x720x24"])
        .arg(env!("CARGO_BIN_EXE_terawatt"))
        .args(["pace", "levels/sandbox.ron", "--seconds", "4"])
        .env("RUST_LOG", "error")
        .output()
        .expect("xvfb-run must be installed: apt-get install xvfb mesa-vulkan-drivers");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "the game failed: {text}");
    let figure = |prefix: &str| -> f64 {
        let line = text
            .lines()
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("no {prefix} line in {text}"));
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    };
    let (pace, sim) = (figure("pace:"), figure("sim:"));
    println!("{text}");
    assert!(sim >= 3.0, "the sim runs {sim} game years a second: {text}");
    assert!(pace >= 0.95, "{text}");
}

/// The launch-pad close-up runs in the game: the sky, the stack and its flame are drawn.
#[test]
fn the_launch_pad_close_up_renders_in_the_game() {
    let _turn = DISPLAY.lock().unwrap_or_else(|e| e.into_inner());
    let dir = std::env::temp_dir().join(format!("terawatt-closeup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("pad.png");
    let status = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x720x24"])
        .arg(env!("CARGO_BIN_EXE_terawatt"))
        .args([
            "shot",
            "levels/sandbox.ron",
            "--days",
            "1",
            "--frames",
            "40",
        ])
        .args(["--closeup", "pad", "--out"])
        .arg(&out)
        .env("RUST_LOG", "error")
        .env("TERAWATT_SAVES", &dir)
        .status()
        .expect("xvfb-run must be installed: apt-get install xvfb mesa-vulkan-drivers");
    assert!(status.success(), "the game failed to render the close-up");
    let pic = Picture::load(&out);
    // The middle of the picture (between the side panels): sky blue above, the flame's
    // orange somewhere, the steel stack's grey.
    let (mut sky, mut flame, mut steel) = (0, 0, 0);
    for y in 40..600 {
        for x in 470..950 {
            let [r, g, b] = pic.rgb[y * pic.w + x];
            let (r, g, b) = (i32::from(r), i32::from(g), i32::from(b));
            if b > r + 40 && b > 150 {
                sky += 1;
            }
            // Brighter and warmer than the sand: the glowing flame.
            if r > 235 && g > 140 && r > b + 45 {
                flame += 1;
            }
            if (r - g).abs() < 12 && (g - b).abs() < 12 && r > 150 {
                steel += 1;
            }
        }
    }
    assert!(sky > 20_000, "no sky ({sky} px)");
    assert!(flame > 30, "no flame ({flame} px)");
    assert!(steel > 300, "no stack ({steel} px)");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn without_a_display_play_says_what_is_missing_in_one_line() {
    if !cfg!(target_os = "linux") {
        return;
    }
    for (wayland, needle) in [
        (None, "DISPLAY is not set"),
        (Some("wayland-9"), "XWayland"),
    ] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_terawatt"));
        cmd.args(["--lang", "en", "play", "levels/power_wall.ron"])
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env("RUST_BACKTRACE", "1");
        if let Some(w) = wayland {
            cmd.env("WAYLAND_DISPLAY", w);
        }
        let out = cmd.output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(
            err.contains(needle) && err.contains("xvfb-run -a") && err.contains("play"),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

//! The tick's cost in instructions, ECS against the floor, for a count that does not
//! depend on how busy the machine is (`docs/performance.md`):
//!
//! ```sh
//! cargo rustc --release --example tick_cost -- -C strip=none
//! valgrind --tool=callgrind --collect-atstart=no --toggle-collect='tick_cost::measure_*' \
//!     $CARGO_TARGET_DIR/release/examples/tick_cost 1 7200
//! callgrind_annotate --inclusive=yes callgrind.out.* | grep measure_
//! ```
//!
//! Arguments: copies of the sandbox's world (1) and ticks measured (7200), after ten game
//! years. Each `measure_` function's instructions divided by the ticks is the cost of a
//! tick; run natively it prints the same as times.

use bevy::prelude::App;
use terawatt::sim::floor::Floor;
use terawatt::testing::{advance, level_file, scaled, sim_app};

/// The ECS's ticks (callgrind counts this function).
#[inline(never)]
fn measure_ecs(app: &mut App, ticks: u64) {
    advance(app, ticks);
}

/// The floor's hours (callgrind counts this function).
#[inline(never)]
fn measure_floor(floor: &mut Floor, ticks: u64) -> f64 {
    (0..ticks).map(|_| floor.hour().ground_powered).sum()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let copies: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let ticks: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(7200);
    let mut app = sim_app(&scaled(&level_file("levels/sandbox.ron"), copies));
    advance(&mut app, 87_600);
    let mut floor = Floor::from_world(app.world_mut());
    let t = std::time::Instant::now();
    measure_ecs(&mut app, ticks);
    let ecs = t.elapsed().as_secs_f64() / ticks as f64;
    let t = std::time::Instant::now();
    let sink = measure_floor(&mut floor, ticks);
    let bare = t.elapsed().as_secs_f64() / ticks as f64;
    std::hint::black_box(sink);
    println!(
        "x{copies}, {ticks} ticks: ECS {:.2} us, floor {:.2} us a tick ({:.1}x)",
        ecs * 1e6,
        bare * 1e6,
        ecs / bare
    );
}

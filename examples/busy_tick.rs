//! The tick's cost on a busy world: the timeline level played with its reference solution
//! to ten game years in (ships flying, cohorts in three orbits, halls, fabs, the Moon's
//! works), then `TICKS` more hours measured. Timed natively; counted in instructions under
//! callgrind (`docs/performance.md` says how):
//!
//! ```sh
//! cargo build --release --example busy_tick
//! valgrind --tool=callgrind --collect-atstart=no --toggle-collect='busy_tick::measure' \
//!     $CARGO_TARGET_DIR/release/examples/busy_tick 7200
//! callgrind_annotate --inclusive=yes callgrind.out.* | grep measure
//! ```

use bevy::prelude::App;
use terawatt::testing::{advance, level_file, sim_app};

/// The measured ticks (callgrind counts this function).
#[inline(never)]
fn measure(app: &mut App, ticks: u64) {
    advance(app, ticks);
}

fn main() {
    let ticks: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(7200);
    let level = level_file("levels/timeline.ron");
    let solution = terawatt::verify::load_solution(
        std::path::Path::new("levels/solutions/timeline.ron"),
        &level,
    )
    .expect("the timeline's solution");
    let mut app = sim_app(&level);
    terawatt::save::queue_orders(app.world_mut(), &level, &solution.orders);
    advance(&mut app, 87_600);
    let mut medians = Vec::new();
    for _ in 0..5 {
        let t = std::time::Instant::now();
        measure(&mut app, ticks / 5);
        medians.push(t.elapsed().as_secs_f64() / (ticks / 5) as f64);
    }
    medians.sort_by(f64::total_cmp);
    let world = app.world_mut();
    let ships = world
        .query::<&terawatt::sim::launch::Ship>()
        .iter(world)
        .count();
    let flights = world
        .query::<&terawatt::sim::launch::Flight>()
        .iter(world)
        .count();
    println!(
        "timeline + solution, ten years in ({ships} ships, {flights} flights): median {:.2} us a tick over 5 x {} ticks",
        medians[2] * 1e6,
        ticks / 5
    );
}

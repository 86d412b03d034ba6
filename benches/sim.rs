//! Headless simulation speed: a game year of the sandbox; the tick on a grown world as the
//! ECS runs it and as the plain-Rust floor; and the tick with ten times the world.

use criterion::{Criterion, criterion_group, criterion_main};
use terawatt::sim::floor::Floor;
use terawatt::testing::{advance, level_file, scaled, sim_app};

fn sandbox_year(c: &mut Criterion) {
    let level = level_file("levels/sandbox.ron");
    let mut group = c.benchmark_group("sim");
    group.sample_size(10);
    group.bench_function("sandbox one game year (8760 ticks)", |b| {
        b.iter_batched(
            || sim_app(&level),
            |mut app| {
                advance(&mut app, 8760);
                app
            },
            criterion::BatchSize::LargeInput,
        );
    });
    group.finish();
}

/// A game month (720 ticks, in one frame) on the sandbox ten years in, at 1 and 10 copies of the world,
/// by the ECS and by the floor.
fn tick_cost(c: &mut Criterion) {
    let level = level_file("levels/sandbox.ron");
    let mut group = c.benchmark_group("month");
    group.throughput(criterion::Throughput::Elements(720));
    group.sample_size(20);
    for k in [1, 10] {
        let mut app = sim_app(&scaled(&level, k));
        advance(&mut app, 87_600);
        let mut floor = Floor::from_world(app.world_mut());
        group.bench_function(format!("ecs x{k}"), |b| b.iter(|| advance(&mut app, 720)));
        group.bench_function(format!("floor x{k}"), |b| {
            b.iter(|| {
                for _ in 0..720 {
                    std::hint::black_box(floor.hour());
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, sandbox_year, tick_cost);
criterion_main!(benches);

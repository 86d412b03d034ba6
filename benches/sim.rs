//! Headless simulation speed: game years of the sandbox, and of a world ten times larger.

use criterion::{Criterion, criterion_group, criterion_main};
use terawatt::testing::{advance, level_file, sim_app};

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

criterion_group!(benches, sandbox_year);
criterion_main!(benches);

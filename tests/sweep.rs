//! `terawatt sweep`: the swept value reaches the simulation, seeds differ, and the rows do
//! not depend on how many threads played them.

use terawatt::sweep::{ParamRange, Sweep};
use terawatt::testing::level_file;

fn sweep(threads: usize) -> Sweep {
    Sweep {
        ranges: vec![ParamRange::parse("memory_supply_per_yr=3e7..9e7").unwrap()],
        runs: 4,
        seeds: 2,
        years: 2.0,
        threads,
    }
}

#[test]
fn more_memory_means_more_flights_and_threads_do_not_change_rows() {
    let level = level_file("levels/sandbox.ron");
    let one = sweep(1).run(&level);
    let many = sweep(3).run(&level);
    assert_eq!(one.len(), 8);
    assert_eq!(one, many, "rows depend on the number of threads");
    let flights: Vec<f64> = one
        .iter()
        .step_by(2)
        .map(|r| r.last.get(terawatt::sim::record::Figure::FlightsPerYear))
        .collect();
    for w in flights.windows(2) {
        assert!(w[0] < w[1], "more memory did not fly more: {flights:?}");
    }
    assert_eq!(one[0].values, vec![3e7]);
    assert_eq!(one[6].values, vec![9e7]);
    assert_ne!(one[0].seed, one[1].seed);
    // The seed drives the weather: the recorded solar output differs (the hash would differ
    // anyway, since it includes the seed).
    assert_ne!(one[0].series, one[1].series, "two seeds gave the same game");
    // The spread across runs: at each sampled tick, min ≤ median ≤ max, read back intact.
    let bands = terawatt::sweep::parse_bands(&terawatt::sweep::bands_csv(&one)).unwrap();
    assert_eq!(bands.years.len(), one[0].series.len());
    let [lo, mid, hi] = &bands.figures["gpus_orbit"];
    assert!(
        lo.iter()
            .zip(mid)
            .zip(hi)
            .all(|((a, b), c)| a <= b && b <= c)
    );
    assert!(
        hi.last() > lo.last(),
        "no spread in orbital GPUs across memory supplies"
    );
    assert!(terawatt::sweep::parse_bands("tick,year\n1,2").is_err());
    let header = sweep(1).csv_header();
    let cols = header.split(',').count();
    for r in &one {
        assert_eq!(r.csv_row().split(',').count(), cols, "{}", r.csv_row());
    }
}

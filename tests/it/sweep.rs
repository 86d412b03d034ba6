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
        shard: None,
    }
}

fn csv_of(sweep: &Sweep, rows: &[terawatt::sweep::RunResult]) -> String {
    let mut text = sweep.csv_header();
    text.push('\n');
    for r in rows {
        text.push_str(&r.csv_row());
        text.push('\n');
    }
    text
}

#[test]
fn three_shards_merge_into_the_whole_sweep_byte_for_byte() {
    use terawatt::sweep::{Shard, merge, series_csv};
    let level = level_file("levels/sandbox.ron");
    let mut whole = sweep(2);
    whole.years = 1.0;
    whole.runs = 4;
    let all = whole.run(&level);
    let (csv, bands) = (csv_of(&whole, &all), terawatt::sweep::bands_csv(&all));
    let mut files = Vec::new();
    // Given out of order, as a scheduler's files may come back.
    for k in [3, 1, 2] {
        let mut part = whole.clone();
        part.shard = Some(Shard::parse(&format!("{k}/3")).unwrap());
        let rows = part.run(&level);
        assert!(!rows.is_empty() && rows.len() < all.len());
        files.push((format!("rows{k}.csv"), csv_of(&part, &rows)));
        files.push((format!("series{k}.csv"), series_csv(&rows)));
    }
    let merged = merge(&files, 4, 2).unwrap();
    assert_eq!(merged.rows, all.len());
    assert_eq!(merged.csv, csv, "the merged rows are not the whole sweep's");
    assert_eq!(
        merged.bands.as_deref(),
        Some(bands.as_str()),
        "the merged spread differs"
    );
    // A missing shard, a shard twice, another sweep: refused, saying which.
    let e = merge(&files[..4], 4, 2).unwrap_err();
    assert!(e.contains("missing"), "{e}");
    let mut twice = files.clone();
    twice.push(files[0].clone());
    let e = merge(&twice, 4, 2).unwrap_err();
    assert!(e.contains("in two shards"), "{e}");
    let mut other = files.clone();
    other[2].1 = other[2]
        .1
        .replacen("memory_supply_per_yr", "logic_supply_per_yr", 1);
    let e = merge(&other, 4, 2).unwrap_err();
    assert!(e.starts_with("rows1.csv:1:"), "{e}");
    // A shard that holds whole runs (2 shards of 2 seeds: seeds alternate) missing, a
    // series given twice, runs beyond the sweep: refused.
    let e = merge(&files[2..], 4, 2).unwrap_err();
    assert!(e.contains("lack"), "{e}");
    let mut series_twice = files.clone();
    series_twice.push(("again.csv".into(), files[1].1.clone()));
    let e = merge(&series_twice, 4, 2).unwrap_err();
    assert!(e.contains("has a series in"), "{e}");
    let e = merge(&files, 3, 2).unwrap_err();
    assert!(e.contains("beyond"), "{e}");
    assert!(Shard::parse("0/3").is_err() && Shard::parse("4/3").is_err());
    assert!(Shard::parse("three").is_err());
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

//! The recorder tells the truth: flows are means over their interval (night included),
//! stocks are end values, merging keeps every hour, and the CSV, the sweep's columns and
//! the charts all come from the one catalogue of figures.

use terawatt::sim::energy::Grid;
use terawatt::sim::record::{FIGURES, Figure, Measure, Sample, TimeSeries};
use terawatt::testing::{advance, level, sim_app};

/// 1 GW of ground solar at 35°N and nothing else.
fn solar_level(years: u32) -> String {
    format!(
        r#"Level(id: "t", title: "t", seed: 11, start_date: "2026-01-01",
            end_date: Some("{}-01-01"),
            parameters: {{ "logic_supply_per_yr": 0, "memory_supply_per_yr": 0 }},
            world: World(grid: Grid(lat_deg: 35.0, lon_deg: -90.0), solar_gw: 1.0))"#,
        2026 + years
    )
}

/// Reads a CSV written by the recorder: the header and the rows as numbers.
fn read_csv(series: &TimeSeries) -> (Vec<String>, Vec<Vec<f64>>) {
    let mut buf = Vec::new();
    series.write_csv(&mut buf).unwrap();
    let text = String::from_utf8(buf).unwrap();
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split(',')
        .map(str::to_string)
        .collect();
    let rows = lines
        .map(|l| l.split(',').map(|v| v.parse::<f64>().unwrap()).collect())
        .collect();
    (header, rows)
}

#[test]
fn a_year_of_ground_solar_reads_back_its_capacity_factor_from_the_csv() {
    let l = level(&solar_level(1));
    let mut app = sim_app(&l);
    // The sim's own hourly output, hour by hour: its capacity factor over the year.
    let mut sum_gw = 0.0;
    let mut winter_gw = 0.0;
    for h in 0..8760u32 {
        advance(&mut app, 1);
        let out = app.world().resource::<Grid>().solar_gw;
        sum_gw += out;
        // November to March.
        if !(31 * 24 * 3..304 * 24).contains(&h) {
            winter_gw += out;
        }
    }
    let cf = sum_gw / 8760.0;
    assert!(
        (0.15..0.21).contains(&cf),
        "the sim's capacity factor {cf} at 35°N"
    );
    assert!(winter_gw > 0.0, "the sun shines in winter too");

    let series = app.world().resource::<TimeSeries>().clone();
    let (header, rows) = read_csv(&series);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (solar, twh, hours, peak) = (
        col("solar_gw"),
        col("solar_twh"),
        col("hours"),
        col("solar_peak_gw"),
    );
    assert_eq!(rows.len(), 365, "one row a day");
    let total_h: f64 = rows.iter().map(|r| r[hours]).sum();
    assert_eq!(total_h, 8760.0, "every hour is in some row");
    let mean = rows.iter().map(|r| r[solar] * r[hours]).sum::<f64>() / total_h;
    assert!(
        (mean - cf).abs() < 0.01 * cf,
        "the CSV's yearly mean {mean} GW against the sim's {cf}"
    );
    // The energy column is the same figure, TWh over each row's hours.
    let energy_twh: f64 = rows.iter().map(|r| r[twh]).sum();
    assert!(
        (energy_twh - sum_gw / 1e3).abs() < 1e-9 * energy_twh.max(1.0),
        "{energy_twh} TWh"
    );
    // Every month has sun in the record (the old 00:00 UTC sample had none from
    // November to March at the US sites).
    for month in 0..12 {
        let days = &rows[month * 30..month * 30 + 28];
        let m = days.iter().map(|r| r[solar]).sum::<f64>() / days.len() as f64;
        assert!(m > 0.05, "month {} records {m} GW", month + 1);
    }
    // A stock is its value at the row's end: the peak rating stays 1 GW.
    assert!(rows.iter().all(|r| r[peak] == 1.0));
}

#[test]
fn a_full_series_merges_pairs_of_means_and_loses_no_hour() {
    // 12 years of days is more than the 4096 samples kept: the series halves once.
    let l = level(&solar_level(13));
    let mut app = sim_app(&l);
    let years = 12;
    let mut sum_gw = 0.0;
    let mut day = 0.0;
    for _ in 0..years * 365 {
        for _ in 0..24 {
            advance(&mut app, 1);
            day += app.world().resource::<Grid>().solar_gw;
        }
        sum_gw += day;
        day = 0.0;
    }
    let series = app.world().resource::<TimeSeries>().clone();
    assert_eq!(series.interval, 48, "halved once");
    assert!(series.samples.len() <= terawatt::sim::record::MAX_SAMPLES);
    let hours: u64 = series.samples.iter().map(|s| s.hours).sum();
    assert_eq!(hours, years * 365 * 24, "every hour in exactly one sample");
    let energy: f64 = series
        .samples
        .iter()
        .map(|s| s.get(Figure::GroundSolarOutputGw) * s.hours as f64)
        .sum();
    assert!(
        (energy - sum_gw).abs() < 1e-9 * sum_gw,
        "{energy} GWh recorded against {sum_gw} GWh produced"
    );
    // Samples end at their interval's multiples, oldest first.
    for w in series.samples.windows(2) {
        assert_eq!(w[1].tick - w[0].tick, w[1].hours);
    }
}

#[test]
fn conditions_read_a_days_mean_of_a_flow_and_this_hour_of_a_stock() {
    let l = level(&solar_level(1));
    let mut app = sim_app(&l);
    advance(&mut app, 24 * 10 + 18);
    let series = app.world().resource::<TimeSeries>().clone();
    let day = series.samples.last().unwrap();
    assert_eq!(day.tick, 24 * 10);
    // The figure now: the last whole day's mean, not this hour's output.
    assert_eq!(
        series.latest.get(Figure::GroundSolarOutputGw),
        day.get(Figure::GroundSolarOutputGw)
    );
    assert_ne!(
        series.hour.get(Figure::GroundSolarOutputGw),
        series.latest.get(Figure::GroundSolarOutputGw)
    );
    assert_eq!(series.latest.get(Figure::GroundSolarGw), 1.0);
}

#[test]
fn one_catalogue_names_every_column() {
    let header = Sample::header();
    let cols: Vec<&str> = header.split(',').collect();
    assert_eq!(&cols[..2], ["tick", "hours"]);
    // Each figure once, in catalogue order, GW flows with their energy beside them.
    let mut i = 2;
    for (f, d) in Figure::ALL.iter().zip(FIGURES) {
        assert_eq!(cols[i], d.column, "{f:?}");
        assert_eq!(Figure::from_column(d.column), Some(*f));
        i += 1;
        if d.measure == Measure::Flow && d.unit == "GW" {
            assert!(cols[i].ends_with("_twh"), "{}", cols[i]);
            i += 1;
        }
    }
    assert_eq!(i, cols.len());
    assert_eq!(Sample::default().csv_row().split(',').count(), cols.len());
    // The level guide's table of metrics is the catalogue's, row for row (the scores'
    // figures are in the guide's page on levers and scores, docs/levels-levers.md).
    let guide = std::fs::read_to_string("levels/README.md").unwrap()
        + &std::fs::read_to_string("docs/levels-levers.md").unwrap();
    for row in terawatt::sim::record::figures_table().lines() {
        assert!(guide.contains(row), "the level guide lacks the row\n{row}");
    }
}

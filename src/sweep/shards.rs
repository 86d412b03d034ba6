//! Sweeps spread over machines (`--shard K/N`) and joined again (`terawatt sweep merge`):
//! each shard writes its rows and its runs' series exactly, and the join gives back the
//! CSV and the bands of the whole sweep, byte for byte.

use std::collections::BTreeMap;

use super::{RunResult, bands_of};
use crate::sim::record::{FIGURE_COUNT, Sample};

/// The first columns of a shard's series file (then every figure's column).
const SERIES_HEAD: &str = "run,seed,tick,hours";

/// A shard's runs' time series, exactly (every value as Rust writes it back), for
/// [`merge`] to compute the whole sweep's bands: `run,seed,tick,hours,<figures>`.
pub fn series_csv(rows: &[RunResult]) -> String {
    use crate::sim::record::FIGURES;
    let mut out = String::from(SERIES_HEAD);
    for d in FIGURES {
        out.push(',');
        out.push_str(d.column);
    }
    out.push('\n');
    for r in rows {
        for s in &r.series {
            out.push_str(&format!("{},{},{},{}", r.run, r.seed, s.tick, s.hours));
            for v in s.values {
                out.push_str(&format!(",{:?}", crate::sim::record::unsigned_zero(v)));
            }
            out.push('\n');
        }
    }
    out
}

/// What [`merge`] made: the whole sweep's rows, and its bands if series files were given.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The CSV, as the unsharded sweep writes it.
    pub csv: String,
    /// The bands, as the unsharded sweep writes them.
    pub bands: Option<String>,
    /// Rows joined.
    pub rows: usize,
}

/// Joins shards of a sweep of `runs` values × `seeds` seeds: rows files (from `--csv`)
/// into the whole sweep's CSV, in (run, seed) order, and series files (from `--bands`
/// under `--shard`) into its bands. Refuses files whose headers differ (other swept
/// parameters), a row or a run's series twice, and any run or seed missing, naming the
/// file and line. (Shards of the same parameters with another `--years` cannot be told
/// apart from their files: give every shard the same command.)
pub fn merge(files: &[(String, String)], runs: usize, seeds: u64) -> Result<Merged, String> {
    let mut header: Option<(String, String)> = None;
    let mut rows: BTreeMap<RunKey, String> = BTreeMap::new();
    let mut series: BTreeMap<RunKey, Vec<Sample>> = BTreeMap::new();
    let mut series_from: BTreeMap<RunKey, &str> = BTreeMap::new();
    let mut any_series = false;
    for (file, text) in files {
        let mut lines = text.lines();
        let head = lines.next().ok_or_else(|| format!("{file}: empty file"))?;
        if head.starts_with(SERIES_HEAD) {
            any_series = true;
            read_series(file, lines, &mut series, &mut series_from)?;
            continue;
        }
        match &header {
            Some((h, first)) if h != head => {
                return Err(format!(
                    "{file}:1: another sweep's header than {first}'s: the shards must come \
                     from the same command with different --shard"
                ));
            }
            Some(_) => {}
            None => header = Some((head.to_string(), file.clone())),
        }
        read_rows(file, lines, &mut rows)?;
    }
    let (head, _) = header.ok_or("no rows file: give the shards' --csv files")?;
    check_every_run(&rows, runs, seeds)?;
    let mut csv = head;
    csv.push('\n');
    for line in rows.values() {
        csv.push_str(line);
        csv.push('\n');
    }
    let bands = if any_series {
        Some(merged_bands(&series, &rows)?)
    } else {
        None
    };
    Ok(Merged {
        csv,
        bands,
        rows: rows.len(),
    })
}

/// A run of a sweep: its index along the ranges, and its seed.
type RunKey = (usize, u64);

/// The run and seed a shard's line begins with; line `n` of `file` in the error.
fn key_of(file: &str, n: usize, line: &str) -> Result<RunKey, String> {
    let mut it = line.split(',');
    let run = it.next().and_then(|x| x.parse().ok());
    let seed = it.next().and_then(|x| x.parse().ok());
    run.zip(seed)
        .ok_or_else(|| format!("{file}:{n}: expected a run and a seed first"))
}

/// Reads the rows of a rows file (after its header) by run and seed, refusing a run and
/// seed that another line, of this shard or another, already gave.
fn read_rows(
    file: &str,
    lines: std::str::Lines<'_>,
    rows: &mut BTreeMap<RunKey, String>,
) -> Result<(), String> {
    for (i, line) in lines.enumerate() {
        let key = key_of(file, i + 2, line)?;
        if rows.insert(key, line.to_string()).is_some() {
            return Err(format!(
                "{file}:{}: run {} seed {} is in two shards",
                i + 2,
                key.0,
                key.1
            ));
        }
    }
    Ok(())
}

/// Reads the samples of a series file (after its header) into each run's series, in file
/// order, refusing a run whose series another file (`series_from`) already gave.
fn read_series<'f>(
    file: &'f str,
    lines: std::str::Lines<'_>,
    series: &mut BTreeMap<RunKey, Vec<Sample>>,
    series_from: &mut BTreeMap<RunKey, &'f str>,
) -> Result<(), String> {
    for (i, line) in lines.enumerate() {
        let n = i + 2;
        let key = key_of(file, n, line)?;
        if let Some(other) = series_from.insert(key, file)
            && other != file
        {
            return Err(format!(
                "{file}:{n}: run {} seed {} has a series in {other} too",
                key.0, key.1
            ));
        }
        let s = parse_sample(file, n, line)?;
        series.entry(key).or_default().push(s);
    }
    Ok(())
}

/// One line of a series file as a sample: `run,seed,tick,hours,<figures>`, every value as
/// Rust wrote it. Line `n` of `file` in the error.
fn parse_sample(file: &str, n: usize, line: &str) -> Result<Sample, String> {
    let v: Vec<&str> = line.split(',').collect();
    if v.len() != 4 + FIGURE_COUNT {
        return Err(format!(
            "{file}:{n}: {} columns, expected {}",
            v.len(),
            4 + FIGURE_COUNT
        ));
    }
    let num = |x: &str| {
        x.parse::<f64>()
            .map_err(|e| format!("{file}:{n}: `{x}`: {e}"))
    };
    let mut s = Sample {
        tick: v[2].parse().map_err(|e| format!("{file}:{n}: {e}"))?,
        hours: v[3].parse().map_err(|e| format!("{file}:{n}: {e}"))?,
        ..Sample::default()
    };
    for (k, x) in v[4..].iter().enumerate() {
        s.values[k] = num(x)?;
    }
    Ok(s)
}

/// Checks that the rows hold every run from 0 to the last of `runs`, each with the same
/// `seeds` seeds, and no run beyond: a shard missing, or one of another sweep, is refused.
fn check_every_run(rows: &BTreeMap<RunKey, String>, runs: usize, seeds: u64) -> Result<(), String> {
    let want_seeds = seeds.max(1);
    let mut seeds: BTreeMap<usize, Vec<u64>> = BTreeMap::new();
    for (run, seed) in rows.keys() {
        seeds.entry(*run).or_default().push(*seed);
    }
    let first = seeds.values().next().cloned().unwrap_or_default();
    let missing: Vec<String> = (0..runs.max(1))
        .filter(|r| {
            seeds
                .get(r)
                .is_none_or(|s| *s != first || s.len() as u64 != want_seeds)
        })
        .map(|r| r.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "runs {} lack some of their {want_seeds} seeds: is a shard missing?",
            missing.join(", ")
        ));
    }
    if let Some(r) = seeds.keys().find(|r| **r >= runs.max(1)) {
        return Err(format!(
            "run {r} is beyond the {runs} runs given: shards of another sweep?"
        ));
    }
    Ok(())
}

/// The whole sweep's bands from the runs' series, once every run with a row has a series
/// and no series lacks its row.
fn merged_bands(
    series: &BTreeMap<RunKey, Vec<Sample>>,
    rows: &BTreeMap<RunKey, String>,
) -> Result<String, String> {
    if series.len() != rows.len() || !rows.keys().all(|k| series.contains_key(k)) {
        return Err(format!(
            "the series files hold {} runs and the rows files {}: give each shard's both",
            series.len(),
            rows.len()
        ));
    }
    let runs: Vec<&[Sample]> = series.values().map(|v| &v[..]).collect();
    Ok(bands_of(&runs))
}

//! The charts window: the recorded figures over the game, on a log scale or not, with the
//! branches' lines beside the game's and a sweep's spread as bands; exported to CSV.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui_plot::{Legend, Line, Plot, PlotPoints, PlotUi, Points};

use super::look::{line_mark, marker_points};

use crate::branch::Branches;
use crate::i18n::Tr;
use crate::level::CurrentLevel;
use crate::save::SaveDir;
use crate::sim::clock::GameClock;
use crate::sim::record::{Figure, Sample, TimeSeries};
use crate::sweep::Bands;

/// The charts window: whether it is open, and how it draws.
#[derive(Resource, Debug, Clone, PartialEq, Eq)]
pub struct ChartsWindow {
    /// Whether it is open.
    pub open: bool,
    /// Log scale on the charts.
    pub log_scale: bool,
    /// Installed peak ratings drawn dashed on the power chart.
    pub peaks: bool,
}

impl Default for ChartsWindow {
    fn default() -> Self {
        Self {
            open: false,
            log_scale: true,
            peaks: false,
        }
    }
}

/// A chart line: its label, the recorded figure it draws (sweep bands are matched by the
/// figure's column), a factor applied to the figure, and whether it is an installed peak
/// rating (drawn dashed, and only when the peaks are asked for: the solid lines are all
/// means, so they compare like with like).
pub type Series = (&'static str, Figure, f64, bool);

/// Every chart: its title and its lines.
pub const CHARTS: [(&str, &[Series]); 7] = [
    (
        "Power, GW (means; dashed: installed peak)",
        &[
            ("ground solar", Figure::GroundSolarOutputGw, 1.0, false),
            ("turbines", Figure::TurbineOutputGw, 1.0, false),
            ("batteries", Figure::BatteryGw, 1.0, false),
            ("orbit", Figure::OrbitPowerGw, 1.0, false),
            ("robots draw", Figure::RobotPowerGw, 1.0, false),
            ("ground solar (peak)", Figure::GroundSolarGw, 1.0, true),
            ("turbines (nameplate)", Figure::TurbinesGw, 1.0, true),
            ("lunar solar (peak)", Figure::LunarSolarGw, 1.0, true),
        ],
    ),
    (
        "Compute, GPUs",
        &[
            ("ground (mean powered)", Figure::GroundGpus, 1.0, false),
            ("orbit", Figure::OrbitGpus, 1.0, false),
            ("unpowered (mean)", Figure::UnpoweredGpus, 1.0, false),
        ],
    ),
    (
        "Flights a year",
        &[("flights", Figure::FlightsPerYear, 1.0, false)],
    ),
    (
        "Robots",
        &[
            ("robots", Figure::Robots, 1.0, false),
            ("with power to work", Figure::WorkingRobots, 1.0, false),
        ],
    ),
    (
        "A GPU-year, $ (C8: Earth vs space)",
        &[
            ("ground", Figure::GroundUsdPerGpuYr, 1.0, false),
            ("space", Figure::SpaceUsdPerGpuYr, 1.0, false),
        ],
    ),
    (
        "Costs that learn (Wright's law: X3 and X4)",
        &[
            ("launch $/kg", Figure::LaunchUsdPerKg, 1.0, false),
            ("satellite $/kW", Figure::SatelliteUsdPerKw, 1.0, false),
            ("ground solar $/kW", Figure::SolarUsdPerW, 1000.0, false),
        ],
    ),
    (
        "Capital, $ and Kardashev",
        &[
            ("capital", Figure::CapitalUsd, 1.0, false),
            ("Kardashev x1e12", Figure::Kardashev, 1e12, false),
        ],
    ),
];

/// The charts' series as CSV: the decimal year, then one column per line of every chart
/// (peaks included only when `peaks`), in the values shown (not their logarithms).
pub fn charts_csv(series: &TimeSeries, peaks: bool) -> String {
    let mut out = String::from("year");
    for (title, lines) in CHARTS {
        let chart = title.split(',').next().unwrap_or(title);
        for (name, _, _, peak) in lines {
            if peaks || !peak {
                out.push_str(&format!(",{chart}: {name}"));
            }
        }
    }
    out.push('\n');
    for s in &series.samples {
        out.push_str(&format!("{:.4}", s.year()));
        for (_, lines) in CHARTS {
            for (_, f, k, peak) in lines {
                if peaks || !peak {
                    out.push_str(&format!(",{}", s.get(*f) * k));
                }
            }
        }
        out.push('\n');
    }
    out
}

/// The sweep bands files the charts can draw, and the one chosen.
#[derive(Resource, Debug, Default)]
pub struct Spread {
    files: Vec<std::path::PathBuf>,
    chosen: Option<(std::path::PathBuf, Result<Bands, String>)>,
}

impl Spread {
    /// The charts open with this bands file chosen.
    pub fn chosen(path: std::path::PathBuf) -> Self {
        let bands = read_bands(&path);
        Self {
            files: Vec::new(),
            chosen: Some((path, bands)),
        }
    }

    /// Lists the bands files when the window opens: those in the save directory, and one
    /// chosen from elsewhere (`shot --spread`).
    fn list(&mut self, dir: &SaveDir) {
        self.files = sweep_files(dir);
        if let Some(p) = self.chosen.as_ref().map(|(p, _)| p.clone())
            && !self.files.contains(&p)
        {
            self.files.push(p);
        }
    }

    /// The chosen file's bands, if it was read.
    fn bands(&self) -> Option<&Bands> {
        match &self.chosen {
            Some((_, Ok(b))) => Some(b),
            _ => None,
        }
    }
}

/// A bands file, read; a damaged one says why.
fn read_bands(path: &std::path::Path) -> Result<Bands, String> {
    crate::store::read_to_string(path)
        .map_err(|e| e.to_string())
        .and_then(|t| crate::sweep::parse_bands(&t))
}

/// `*.csv` in `<saves>/sweeps/`, where `terawatt sweep --bands` output can be put.
fn sweep_files(dir: &SaveDir) -> Vec<std::path::PathBuf> {
    crate::store::list(&dir.0.join("sweeps"), "csv")
}

/// A file's name without its folder, as the spread's menu lists it.
fn file_name(p: &std::path::Path) -> String {
    p.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// How long a series took to double over the last game year of samples, years; `None`
/// when it did not grow (or there is less than a month of record).
pub fn doubling_years(samples: &[Sample], f: Figure) -> Option<f64> {
    let last = samples.last()?;
    let first = samples.iter().find(|s| s.year() >= last.year() - 1.0)?;
    let (t, a, b) = (last.year() - first.year(), first.get(f), last.get(f));
    if t < 1.0 / 12.0 || a <= 0.0 || b <= a {
        return None;
    }
    let rate = (b / a).ln() / t;
    Some(std::f64::consts::LN_2 / rate)
}

/// What the charts window reads and writes.
#[derive(SystemParam)]
pub(super) struct ChartsParams<'w, 's> {
    contexts: EguiContexts<'w, 's>,
    window: ResMut<'w, ChartsWindow>,
    series: Res<'w, TimeSeries>,
    dir: Res<'w, SaveDir>,
    level: Option<Res<'w, CurrentLevel>>,
    clock: Res<'w, GameClock>,
    /// What the last export wrote, or why it could not.
    exported: Local<'s, Option<Result<String, String>>>,
    spread: ResMut<'w, Spread>,
    branches: Option<NonSend<'w, Branches>>,
    tr: Res<'w, Tr>,
    cursors: ResMut<'w, super::chart_reader::ChartCursors>,
    speech: ResMut<'w, super::speech::Speech>,
}

/// The charts window, while it is open: its options, the spread to draw, then every
/// chart.
pub(super) fn charts_window(mut p: ChartsParams) -> Result {
    if !p.window.open {
        p.spread.files.clear();
        return Ok(());
    }
    if p.spread.files.is_empty() {
        p.spread.list(&p.dir);
    }
    let ctx = p.contexts.ctx_mut()?.clone();
    let mut open = true;
    let mut options = (*p.window).clone();
    egui::Window::new(p.tr.t("charts-title"))
        .id(egui::Id::new("charts"))
        .open(&mut open)
        .default_size([620.0, 520.0])
        .show(&ctx, |ui| {
            ui.horizontal(|ui| options_row(ui, &mut p, &mut options));
            if !p.spread.files.is_empty() {
                spread_choice(ui, &p.tr, &mut p.spread);
            }
            match &*p.exported {
                Some(Ok(t)) => {
                    ui.weak(t);
                }
                Some(Err(e)) => {
                    ui.colored_label(egui::Color32::from_rgb(240, 120, 100), e);
                }
                None => {}
            }
            let drawing = Drawing {
                tr: &p.tr,
                log_scale: options.log_scale,
                peaks: options.peaks,
                bands: p.spread.bands(),
                series: &p.series,
                branches: p.branches.as_deref(),
            };
            let record = super::chart_reader::Record {
                tr: &p.tr,
                samples: &p.series.samples,
                clock: &p.clock,
            };
            p.cursors.0.resize(CHARTS.len(), Default::default());
            egui::ScrollArea::vertical().show(ui, |ui| {
                for (ci, (title, lines)) in CHARTS.iter().enumerate() {
                    let name = p.tr.t(&format!("chart-{ci}"));
                    ui.strong(&name);
                    let plot = Plot::new(title)
                        .height(150.0)
                        .legend(Legend::default())
                        .show(ui, |plot| drawing.chart(plot, ci, lines));
                    // The plot is a picture to a screen reader, named by its title; its
                    // reader below says it point by point.
                    ui.ctx().accesskit_node_builder(plot.response.id, |n| {
                        n.set_role(egui::accesskit::Role::Image);
                        n.set_label(name.clone());
                    });
                    // The lines drawn, to read point by point from the keyboard.
                    let drawn: Vec<(usize, &Series)> = lines
                        .iter()
                        .enumerate()
                        .filter(|(_, l)| options.peaks || !l.3)
                        .collect();
                    super::chart_reader::reader(
                        ui,
                        &record,
                        (ci, &name),
                        &drawn,
                        &mut p.cursors.0[ci],
                        &mut p.speech,
                    );
                }
            });
        });
    p.window.log_scale = options.log_scale;
    p.window.peaks = options.peaks;
    p.window.open = open;
    Ok(())
}

/// The log-scale and peaks boxes, and the button that exports the charts to CSV.
fn options_row(ui: &mut egui::Ui, p: &mut ChartsParams, options: &mut ChartsWindow) {
    let tr = &*p.tr;
    ui.checkbox(&mut options.log_scale, tr.t("charts-log"));
    ui.checkbox(&mut options.peaks, tr.t("charts-peaks"))
        .on_hover_text(tr.t("charts-peaks-hover"));
    if ui
        .button(tr.t("charts-export"))
        .on_hover_text(tr.t("charts-export-hover"))
        .clicked()
    {
        let id = p.level.as_ref().map_or("game", |l| l.0.level.id.as_str());
        let path = p
            .dir
            .0
            .join("exports")
            .join(format!("charts-{id}-day{}.csv", p.clock.tick / 24));
        *p.exported = Some(
            crate::store::export(&path, &charts_csv(&p.series, options.peaks))
                .map(|place| tr.args("charts-wrote", &[("path", place)]))
                .map_err(|e| format!("{}: {e}", path.display())),
        );
    }
}

/// The menu of sweeps whose spread the charts draw (or none), and why a chosen file could
/// not be read.
fn spread_choice(ui: &mut egui::Ui, tr: &Tr, spread: &mut Spread) {
    ui.horizontal(|ui| {
        ui.label(tr.t("charts-spread"));
        let current = spread
            .chosen
            .as_ref()
            .map_or(tr.t("charts-none"), |(p, _)| file_name(p));
        let mut pick: Option<Option<std::path::PathBuf>> = None;
        egui::ComboBox::from_id_salt("spread")
            .selected_text(current)
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(spread.chosen.is_none(), tr.t("charts-none"))
                    .clicked()
                {
                    pick = Some(None);
                }
                for f in &spread.files {
                    if ui.selectable_label(false, file_name(f)).clicked() {
                        pick = Some(Some(f.clone()));
                    }
                }
            });
        if let Some(p) = pick {
            spread.chosen = p.map(|p| {
                let bands = read_bands(&p);
                (p, bands)
            });
        }
    });
    if let Some((p, Err(e))) = &spread.chosen {
        ui.colored_label(
            egui::Color32::from_rgb(240, 120, 100),
            format!("{}: {e}", p.display()),
        );
    }
}

/// How the charts draw this frame: the scale, whether peaks show, the sweep's bands and
/// the branches.
struct Drawing<'a> {
    tr: &'a Tr,
    log_scale: bool,
    peaks: bool,
    bands: Option<&'a Bands>,
    series: &'a TimeSeries,
    branches: Option<&'a Branches>,
}

impl Drawing<'_> {
    /// A value as the chart plots it: its logarithm on a log scale.
    fn scale(&self, v: f64) -> f64 {
        if self.log_scale {
            v.max(1e-3).log10()
        } else {
            v
        }
    }

    /// Chart `ci`: the sweep's bands under its lines, then each line with the branches'.
    fn chart(&self, plot: &mut PlotUi<'_>, ci: usize, lines: &[Series]) {
        if let Some(bands) = self.bands {
            self.sweep_bands(plot, bands, ci, lines);
        }
        for (i, &(_, f, k, peak)) in lines.iter().enumerate() {
            if peak && !self.peaks {
                continue;
            }
            let name = self.tr.t(&format!("chart-{ci}-{i}"));
            self.line(plot, (name, i), f, k, peak);
        }
    }

    /// The least and the most across a sweep's runs, for each line the sweep recorded, as
    /// two faint lines under one legend entry (a filled band would need a convex shape).
    fn sweep_bands(&self, plot: &mut PlotUi<'_>, bands: &Bands, ci: usize, lines: &[Series]) {
        for (li, (_, figure, k, peak)) in lines.iter().enumerate() {
            let name = self.tr.t(&format!("chart-{ci}-{li}"));
            if *peak && !self.peaks {
                continue;
            }
            let Some([lo, _, hi]) = bands.figures.get(figure.column()) else {
                continue;
            };
            for edge in [lo, hi] {
                let pts: Vec<[f64; 2]> = bands
                    .years
                    .iter()
                    .zip(edge)
                    .map(|(y, v)| [*y, self.scale(*v * k)])
                    .collect();
                plot.line(
                    Line::new(
                        self.tr.args("charts-sweep", &[("name", name.clone())]),
                        PlotPoints::from(pts),
                    )
                    .color(egui::Color32::from_rgba_unmultiplied(150, 180, 255, 110))
                    .style(egui_plot::LineStyle::dashed_dense()),
                );
            }
        }
    }

    /// One line, the `i`th of its chart: each branch's from its fork on (the same colour,
    /// dashed), then the game's, named with its doubling time on a log scale.
    fn line(
        &self,
        plot: &mut PlotUi<'_>,
        (name, i): (String, usize),
        f: Figure,
        k: f64,
        peak: bool,
    ) {
        let (color, marker) = line_mark(i);
        for b in self.branches.iter().flat_map(|b| b.list.iter()) {
            let theirs = b.world().resource::<TimeSeries>();
            let pts: Vec<[f64; 2]> = theirs
                .samples
                .iter()
                .filter(|s| s.tick >= b.fork_tick)
                .map(|s| [s.year(), self.scale(s.get(f) * k)])
                .collect();
            plot.line(
                Line::new(format!("{name} — {}", b.name), PlotPoints::from(pts))
                    .color(color)
                    .width(LINE_WIDTH)
                    .style(egui_plot::LineStyle::Dashed { length: 8.0 }),
            );
        }
        let samples = &self.series.samples;
        let pts: Vec<[f64; 2]> = samples
            .iter()
            .map(|s| [s.year(), self.scale(s.get(f) * k)])
            .collect();
        let label = match doubling_years(samples, f) {
            Some(d) if self.log_scale => self.tr.args(
                "charts-doubles",
                &[("name", name), ("years", format!("{d:.1}"))],
            ),
            _ => name,
        };
        // The line's markers, under the line's own name (one legend entry): what tells the
        // lines apart without colour.
        let marks = marker_points(&pts);
        let mut line = Line::new(label.clone(), PlotPoints::from(pts))
            .color(color)
            .width(LINE_WIDTH);
        if peak {
            line = line.style(egui_plot::LineStyle::dashed_loose());
        }
        plot.line(line);
        plot.points(
            Points::new(label, PlotPoints::from(marks))
                .shape(marker)
                .color(color)
                .radius(MARKER_RADIUS)
                .filled(!peak),
        );
    }
}

/// The width of a chart's lines, points (thicker than egui's default, for contrast).
const LINE_WIDTH: f32 = 2.0;

/// The radius of a line's markers, points.
const MARKER_RADIUS: f32 = 4.0;

#[cfg(test)]
mod chart_tests {
    use super::*;

    #[test]
    fn doubling_time_and_csv() {
        let samples: Vec<Sample> = (0..=24)
            .map(|m| {
                let mut s = Sample::default();
                s.values[Figure::Year as usize] = 2026.0 + f64::from(m) / 12.0;
                s.values[Figure::Robots as usize] = 1000.0 * 2f64.powf(f64::from(m) / 12.0 / 0.5);
                s
            })
            .collect();
        let d = doubling_years(&samples, Figure::Robots).unwrap();
        assert!((d - 0.5).abs() < 1e-9, "{d}");
        assert_eq!(doubling_years(&samples, Figure::CapitalUsd), None);
        let mut series = TimeSeries::default();
        series.samples = samples;
        assert!(!charts_csv(&series, false).contains("(peak)"));
        let csv = charts_csv(&series, true);
        let mut lines = csv.lines();
        let header = lines.next().unwrap();
        assert!(header.starts_with("year,Power: ground solar,"));
        assert!(header.contains("Power: ground solar (peak)"));
        assert!(header.contains("Robots: robots"));
        let cols = header.split(',').count();
        assert_eq!(lines.clone().count(), 25);
        for l in lines {
            assert_eq!(l.split(',').count(), cols);
        }
    }
}

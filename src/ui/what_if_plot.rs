//! The branches window's what-if: the changes drawn up for a new branch, played on ten
//! years from now in the background ([`crate::whatif`]) before any fork, and drawn dashed
//! beside the game's own record of its compute, GPUs on the ground and in orbit.

use bevy::prelude::*;
use bevy_egui::egui;
use egui_plot::{Legend, Line, Plot, PlotPoints};

use crate::i18n::Tr;
use crate::sim::params::P;
use crate::sim::record::{Figure, Sample, TimeSeries};
use crate::whatif::{WHAT_IF_YEARS, WhatIfAsked, WhatIfFuture};

/// Asks for the future of `changes` when they are not the ones asked for last (`asked`),
/// and draws it, once played, beside the game's record: GPUs on the ground and in orbit.
pub(super) fn preview(
    ui: &mut egui::Ui,
    tr: &Tr,
    changes: &[(P, f64)],
    asked: &mut Vec<(P, f64)>,
    (series, future, asks): (
        &TimeSeries,
        Option<&WhatIfFuture>,
        &mut MessageWriter<WhatIfAsked>,
    ),
) {
    if changes != asked.as_slice() {
        *asked = changes.to_vec();
        asks.write(WhatIfAsked(changes.to_vec()));
    }
    let Some(f) = future.filter(|_| !asked.is_empty()) else {
        return;
    };
    let years = format!("{WHAT_IF_YEARS:.0}");
    let done = f.done.as_ref().filter(|d| d.changes == *asked);
    match (&f.error, done) {
        (Some(e), _) => {
            ui.colored_label(egui::Color32::from_rgb(230, 159, 0), e);
        }
        (None, Some(d)) => {
            ui.weak(tr.args(
                "branches-future-played",
                &[("years", years), ("secs", format!("{:.2}", d.secs))],
            ));
        }
        (None, None) => {
            ui.weak(tr.args("es-future-playing", &[("years", years)]));
        }
    }
    let lines: [(String, fn(&Sample) -> f64); 2] = [
        (tr.t("branches-row-ground"), |s: &Sample| {
            s.get(Figure::GroundGpus)
        }),
        (tr.t("branches-row-orbit"), |s: &Sample| {
            s.get(Figure::OrbitGpus)
        }),
    ];
    Plot::new("branch_what_if")
        .height(140.0)
        .legend(Legend::default())
        .show(ui, |plot| {
            for (i, (name, get)) in lines.iter().enumerate() {
                let (color, _) = super::look::line_mark(i);
                let own: Vec<[f64; 2]> =
                    series.samples.iter().map(|s| [s.year(), get(s)]).collect();
                plot.line(
                    Line::new(name.clone(), PlotPoints::from(own))
                        .color(color)
                        .width(2.0),
                );
                if let Some(d) = done {
                    let ahead: Vec<[f64; 2]> =
                        d.samples.iter().map(|s| [s.year(), get(s)]).collect();
                    plot.line(
                        Line::new(
                            tr.args("es-line-what-if", &[("line", name.clone())]),
                            PlotPoints::from(ahead),
                        )
                        .color(color)
                        .width(2.0)
                        .style(egui_plot::LineStyle::dashed_loose()),
                    );
                }
            }
        });
}

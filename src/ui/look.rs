//! How the interface looks for the one playing: the charts' colour-blind-safe palette
//! (every line also told apart by its marker, and peaks and branches by their dashes), a
//! high-contrast theme, the text size apart from the layout's size, and reduced motion.
//! Kept in the settings; see `docs/accessibility.md`.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui_plot::MarkerShape;
use serde::{Deserialize, Serialize};

/// The interface's look, as the settings keep it.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Look {
    /// The high-contrast theme: black panels, white text, outlined widgets, a yellow
    /// outline on the focused one.
    pub high_contrast: bool,
    /// The text's size against egui's own (0.75–2), apart from the interface size, which
    /// scales the layout with it.
    pub text_scale: f32,
    /// Reduced motion: the camera jumps where it is sent instead of gliding, sites do not
    /// pulse at high warp, and the interface's windows do not animate.
    pub reduced_motion: bool,
}

impl Default for Look {
    fn default() -> Self {
        Self {
            high_contrast: false,
            text_scale: 1.0,
            reduced_motion: false,
        }
    }
}

impl Look {
    /// Smallest and largest text size.
    pub const TEXT_SCALE: std::ops::RangeInclusive<f32> = 0.75..=2.0;

    /// The look with each value in its range (a text size that is not a finite number is
    /// the default's).
    pub fn in_range(mut self) -> Self {
        let t = if self.text_scale.is_finite() {
            self.text_scale
        } else {
            1.0
        };
        self.text_scale = t.clamp(*Self::TEXT_SCALE.start(), *Self::TEXT_SCALE.end());
        self
    }
}

/// The charts' line colours, in order: Okabe and Ito's colour-blind-safe set (yellow, sky
/// blue, vermillion, blue) with white, chosen among its colours (and white and grey) so that
/// each pair stays at least 20 ΔE00 apart for normal vision and under simulated
/// deuteranopia and protanopia (the unit test below measures it). A chart with more lines
/// than colours repeats them; its lines still differ by marker ([`MARKERS`]).
pub const PALETTE: [egui::Color32; 5] = [
    egui::Color32::from_rgb(240, 228, 66),
    egui::Color32::from_rgb(86, 180, 233),
    egui::Color32::from_rgb(213, 94, 0),
    egui::Color32::from_rgb(0, 114, 178),
    egui::Color32::from_rgb(255, 255, 255),
];

/// The markers on a chart's lines, in order: no two lines of a chart share one, so they
/// differ without colour (a chart has at most eight lines).
pub const MARKERS: [MarkerShape; 8] = [
    MarkerShape::Circle,
    MarkerShape::Square,
    MarkerShape::Diamond,
    MarkerShape::Up,
    MarkerShape::Cross,
    MarkerShape::Down,
    MarkerShape::Plus,
    MarkerShape::Asterisk,
];

/// How the `i`th line of a chart is drawn: its colour and its marker.
pub fn line_mark(i: usize) -> (egui::Color32, MarkerShape) {
    (PALETTE[i % PALETTE.len()], MARKERS[i % MARKERS.len()])
}

/// Markers drawn along a line: about this many, evenly spaced over its points.
pub const MARKERS_PER_LINE: usize = 12;

/// The points of `pts` where a line's markers go: every so many, and the last.
pub fn marker_points(pts: &[[f64; 2]]) -> Vec<[f64; 2]> {
    let step = pts.len().div_ceil(MARKERS_PER_LINE).max(1);
    let mut out: Vec<[f64; 2]> = pts.iter().step_by(step).copied().collect();
    if let Some(last) = pts.last()
        && out.last() != Some(last)
    {
        out.push(*last);
    }
    out
}

/// The high-contrast theme's colours: black ground, white text and outlines, yellow for
/// what is focused or pressed, a deep blue behind what is selected.
pub fn high_contrast_visuals() -> egui::Visuals {
    use egui::{Color32, Stroke};
    let mut v = egui::Visuals::dark();
    let white = Color32::WHITE;
    let yellow = Color32::from_rgb(255, 230, 0);
    v.override_text_color = Some(white);
    v.panel_fill = Color32::BLACK;
    v.window_fill = Color32::BLACK;
    v.extreme_bg_color = Color32::BLACK;
    v.faint_bg_color = Color32::from_gray(24);
    v.code_bg_color = Color32::from_gray(24);
    v.window_stroke = Stroke::new(2.0, white);
    v.hyperlink_color = Color32::from_rgb(120, 200, 255);
    v.warn_fg_color = yellow;
    v.error_fg_color = Color32::from_rgb(255, 120, 100);
    v.selection.bg_fill = Color32::from_rgb(0, 70, 160);
    v.selection.stroke = Stroke::new(2.0, white);
    let w = &mut v.widgets;
    w.noninteractive.bg_fill = Color32::BLACK;
    w.noninteractive.weak_bg_fill = Color32::BLACK;
    w.noninteractive.bg_stroke = Stroke::new(1.0, Color32::from_gray(200));
    w.noninteractive.fg_stroke = Stroke::new(1.0, white);
    for (state, stroke, fill) in [
        (&mut w.inactive, Stroke::new(1.5, white), Color32::BLACK),
        (
            &mut w.hovered,
            Stroke::new(2.0, white),
            Color32::from_gray(40),
        ),
        (
            &mut w.active,
            Stroke::new(3.0, yellow),
            Color32::from_rgb(0, 40, 100),
        ),
        (
            &mut w.open,
            Stroke::new(2.0, yellow),
            Color32::from_gray(30),
        ),
    ] {
        // A slider's rail and a box's inside are `bg_fill`: grey, to show on the black.
        state.bg_fill = if fill == Color32::BLACK {
            Color32::from_gray(90)
        } else {
            fill
        };
        state.weak_bg_fill = fill;
        state.bg_stroke = stroke;
        state.fg_stroke = Stroke::new(stroke.width.max(1.5), white);
    }
    v
}

/// Puts the look into egui when it changes: the theme for both of egui's modes, the text
/// sizes from egui's own times the text scale, and no window animation under reduced
/// motion.
pub(super) fn apply_look(mut contexts: EguiContexts, look: Res<Look>, mut applied: Local<bool>) {
    if *applied && !look.is_changed() {
        return;
    }
    let Ok(ctx) = contexts.ctx_mut() else {
        return;
    };
    let base = egui::Style::default();
    for theme in [egui::Theme::Dark, egui::Theme::Light] {
        ctx.style_mut_of(theme, |s| {
            s.visuals = match (look.high_contrast, theme) {
                (true, _) => high_contrast_visuals(),
                (false, egui::Theme::Dark) => egui::Visuals::dark(),
                (false, egui::Theme::Light) => egui::Visuals::light(),
            };
            s.text_styles = base
                .text_styles
                .iter()
                .map(|(k, f)| {
                    (
                        k.clone(),
                        egui::FontId::new(f.size * look.text_scale, f.family.clone()),
                    )
                })
                .collect();
            s.animation_time = if look.reduced_motion {
                0.0
            } else {
                base.animation_time
            };
        });
    }
    *applied = true;
}

/// The look's state for the world's layers: reduced motion is shared with the view.
pub(super) fn share_motion(look: Res<Look>, mut motion: ResMut<crate::screen::ReducedMotion>) {
    if look.is_changed() {
        motion.set_if_neq(crate::screen::ReducedMotion(look.reduced_motion));
    }
}

#[cfg(test)]
mod tests {
    //! The palette under simulated colour blindness: Machado, Oliveira and Fernandes (2009),
    //! "A physiologically-based model for simulation of color vision deficiency", severity
    //! 1.0, applied to linear sRGB; colour differences by CIEDE2000 (Sharma, Wu and Dalal
    //! 2005, whose test pairs check the formula here).

    use super::*;

    /// Machado et al.'s protanopia matrix, severity 1.0.
    const PROTANOPIA: [[f64; 3]; 3] = [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ];
    /// Machado et al.'s deuteranopia matrix, severity 1.0.
    const DEUTERANOPIA: [[f64; 3]; 3] = [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ];
    const NORMAL: [[f64; 3]; 3] = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];

    /// An sRGB byte to linear light.
    fn linear(c: u8) -> f64 {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }

    /// A colour as seen through `m` (linear RGB in, clipped to the gamut), in CIELAB (D65).
    fn seen(c: egui::Color32, m: &[[f64; 3]; 3]) -> [f64; 3] {
        let l = [linear(c.r()), linear(c.g()), linear(c.b())];
        let s: Vec<f64> = m
            .iter()
            .map(|row| (row[0] * l[0] + row[1] * l[1] + row[2] * l[2]).clamp(0.0, 1.0))
            .collect();
        let x = 0.4124564 * s[0] + 0.3575761 * s[1] + 0.1804375 * s[2];
        let y = 0.2126729 * s[0] + 0.7151522 * s[1] + 0.0721750 * s[2];
        let z = 0.0193339 * s[0] + 0.1191920 * s[1] + 0.9503041 * s[2];
        let f = |t: f64| {
            let d: f64 = 6.0 / 29.0;
            if t > d.powi(3) {
                t.cbrt()
            } else {
                t / (3.0 * d * d) + 4.0 / 29.0
            }
        };
        let (fx, fy, fz) = (f(x / 0.95047), f(y), f(z / 1.08883));
        [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
    }

    /// CIEDE2000 between two CIELAB colours (kL = kC = kH = 1).
    fn de2000(a: [f64; 3], b: [f64; 3]) -> f64 {
        let [l1, a1, b1] = a;
        let [l2, a2, b2] = b;
        let c_bar = (a1.hypot(b1) + a2.hypot(b2)) / 2.0;
        let c7 = c_bar.powi(7);
        let g = 0.5 * (1.0 - (c7 / (c7 + 25f64.powi(7))).sqrt());
        let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
        let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
        let hue = |b: f64, a: f64| {
            if b == 0.0 && a == 0.0 {
                0.0
            } else {
                b.atan2(a).to_degrees().rem_euclid(360.0)
            }
        };
        let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));
        let dl = l2 - l1;
        let dc = c2p - c1p;
        let dh = if c1p * c2p == 0.0 {
            0.0
        } else if (h2p - h1p).abs() <= 180.0 {
            h2p - h1p
        } else if h2p - h1p > 180.0 {
            h2p - h1p - 360.0
        } else {
            h2p - h1p + 360.0
        };
        let dhh = 2.0 * (c1p * c2p).sqrt() * (dh / 2.0).to_radians().sin();
        let l_bar = (l1 + l2) / 2.0;
        let cp_bar = (c1p + c2p) / 2.0;
        let h_bar = if c1p * c2p == 0.0 {
            h1p + h2p
        } else if (h1p - h2p).abs() <= 180.0 {
            (h1p + h2p) / 2.0
        } else if h1p + h2p < 360.0 {
            (h1p + h2p + 360.0) / 2.0
        } else {
            (h1p + h2p - 360.0) / 2.0
        };
        let cos = |d: f64| d.to_radians().cos();
        let t = 1.0 - 0.17 * cos(h_bar - 30.0)
            + 0.24 * cos(2.0 * h_bar)
            + 0.32 * cos(3.0 * h_bar + 6.0)
            - 0.20 * cos(4.0 * h_bar - 63.0);
        let d_theta = 30.0 * (-((h_bar - 275.0) / 25.0).powi(2)).exp();
        let cp7 = cp_bar.powi(7);
        let rc = 2.0 * (cp7 / (cp7 + 25f64.powi(7))).sqrt();
        let sl = 1.0 + 0.015 * (l_bar - 50.0).powi(2) / (20.0 + (l_bar - 50.0).powi(2)).sqrt();
        let sc = 1.0 + 0.045 * cp_bar;
        let sh = 1.0 + 0.015 * cp_bar * t;
        let rt = -(2.0 * d_theta).to_radians().sin() * rc;
        ((dl / sl).powi(2) + (dc / sc).powi(2) + (dhh / sh).powi(2) + rt * (dc / sc) * (dhh / sh))
            .sqrt()
    }

    #[test]
    fn ciede2000_matches_sharma_wu_and_dalal() {
        // Pairs 1, 7, 13, 17, 19 and 25 of their table, ΔE00 to four places.
        let pairs = [
            ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
            ([50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669),
            ([50.0, 2.4900, -0.0010], [50.0, -2.4900, 0.0011], 7.2195),
            ([50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492),
            ([50.0, 2.5, 0.0], [50.0, 3.1736, 0.5854], 1.0000),
            (
                [60.2574, -34.0099, 36.2677],
                [60.4626, -34.1751, 39.4387],
                1.2644,
            ),
        ];
        for (a, b, want) in pairs {
            let got = de2000(a, b);
            assert!((got - want).abs() < 5e-4, "{a:?} {b:?}: {got} != {want}");
            assert!((de2000(b, a) - want).abs() < 5e-4);
        }
    }

    /// The closest pair of `palette`'s colours for normal vision and under each
    /// simulation: its ΔE00 and the vision it was seen with.
    fn closest(palette: &[egui::Color32]) -> (f64, &'static str) {
        let mut worst = (f64::INFINITY, "");
        for (name, m) in [
            ("normal", &NORMAL),
            ("deuteranopia", &DEUTERANOPIA),
            ("protanopia", &PROTANOPIA),
        ] {
            for (i, a) in palette.iter().enumerate() {
                for b in &palette[i + 1..] {
                    let d = de2000(seen(*a, m), seen(*b, m));
                    if d < worst.0 {
                        worst = (d, name);
                    }
                }
            }
        }
        worst
    }

    #[test]
    fn the_chart_palette_stays_apart_under_deuteranopia_and_protanopia() {
        let worst = closest(&PALETTE);
        assert!(worst.0 >= 20.0, "{worst:?}");
        // The check fails the palette the charts had before (its sky blue and violet are
        // 2.5 apart under deuteranopia), and Okabe and Ito's full set of seven.
        let before = [
            (255, 196, 64),
            (96, 170, 255),
            (120, 220, 120),
            (240, 110, 110),
        ]
        .into_iter()
        .chain([(200, 140, 255), (90, 220, 220)])
        .map(|(r, g, b)| egui::Color32::from_rgb(r, g, b))
        .collect::<Vec<_>>();
        let old = closest(&before);
        assert!(old.0 < 3.0 && old.1 == "deuteranopia", "{old:?}");
        let okabe_ito = [
            (230, 159, 0),
            (86, 180, 233),
            (0, 158, 115),
            (240, 228, 66),
            (0, 114, 178),
            (213, 94, 0),
            (204, 121, 167),
        ]
        .map(|(r, g, b)| egui::Color32::from_rgb(r, g, b));
        assert!(closest(&okabe_ito).0 < 20.0);
        // Each colour also stands off the dark theme's window, and the high-contrast one's.
        for bg in [egui::Visuals::dark().window_fill, egui::Color32::BLACK] {
            for m in [&NORMAL, &DEUTERANOPIA, &PROTANOPIA] {
                for c in PALETTE {
                    let d = de2000(seen(c, m), seen(bg, m));
                    assert!(d >= 20.0, "{c:?} on {bg:?}: {d:.1}");
                }
            }
        }
        println!("closest pair: {:.1} ΔE00 ({})", worst.0, worst.1);
    }

    #[test]
    fn every_line_of_a_chart_has_its_own_marker_and_its_colour_and_marker_differ() {
        for (title, lines) in super::super::charts::CHARTS {
            assert!(
                lines.len() <= MARKERS.len(),
                "{title}: more lines than markers"
            );
            for i in 0..lines.len() {
                for j in i + 1..lines.len() {
                    let (ci, mi) = line_mark(i);
                    let (cj, mj) = line_mark(j);
                    assert_ne!(mi, mj, "{title}: lines {i} and {j} share a marker");
                    // Two lines of one colour (a chart longer than the palette) differ by
                    // marker, and one of them is an installed peak, drawn dashed.
                    if ci == cj {
                        assert_ne!(lines[i].3, lines[j].3, "{title}: {i} and {j} alike");
                    }
                }
            }
        }
    }

    #[test]
    fn markers_spread_over_the_line_and_end_on_its_last_point() {
        let pts: Vec<[f64; 2]> = (0..1000).map(|i| [f64::from(i), 0.0]).collect();
        let m = marker_points(&pts);
        assert!(m.len() >= MARKERS_PER_LINE && m.len() <= MARKERS_PER_LINE + 1);
        assert_eq!(m.last(), pts.last());
        assert_eq!(marker_points(&pts[..1]).len(), 1);
        assert!(marker_points(&[]).is_empty());
    }

    #[test]
    fn look_values_are_brought_into_range() {
        let l = Look {
            text_scale: f32::NAN,
            ..Look::default()
        };
        assert_eq!(l.in_range().text_scale, 1.0);
        let l = Look {
            text_scale: 9.0,
            ..Look::default()
        };
        assert_eq!(l.in_range().text_scale, 2.0);
    }
}

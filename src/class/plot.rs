//! The class's picture: a PNG with one row per level — the level's id and how many games,
//! a histogram of the win dates (a bar a quarter-year, grey bars the games lost or still
//! open, by the date they were shared), and the answers to the prediction by choice (dark:
//! the games won, light: the others). Written with figures and ids only, so it reads the
//! same in any language; the command line says what each part is, in the reader's words.

use super::Row;

/// The picture's width, pixels.
pub const PLOT_WIDTH: u32 = 960;
/// A level's row's height, pixels.
const ROW_H: u32 = 170;
/// The margin above the first row and below the last, pixels.
const MARGIN: u32 = 12;

const WHITE: [u8; 3] = [255, 255, 255];
const INK: [u8; 3] = [30, 30, 30];
const AXIS: [u8; 3] = [120, 120, 120];
/// Okabe–Ito's bluish green (won) and blue (answers of games won), sky blue (others),
/// grey (lost or open): told apart by lightness as well as hue.
const WON: [u8; 3] = [0, 158, 115];
const OTHER: [u8; 3] = [170, 170, 170];
const ANSWER_WON: [u8; 3] = [0, 114, 178];
const ANSWER_OTHER: [u8; 3] = [160, 210, 240];

/// An RGB canvas.
struct Canvas {
    w: u32,
    h: u32,
    px: Vec<u8>,
}

impl Canvas {
    fn new(w: u32, h: u32) -> Self {
        Self {
            w,
            h,
            px: WHITE.repeat((w * h) as usize),
        }
    }

    fn rect(&mut self, x0: i64, y0: i64, x1: i64, y1: i64, c: [u8; 3]) {
        let (x0, x1) = (x0.clamp(0, self.w as i64), x1.clamp(0, self.w as i64));
        let (y0, y1) = (y0.clamp(0, self.h as i64), y1.clamp(0, self.h as i64));
        for y in y0..y1 {
            for x in x0..x1 {
                let i = ((y as u32 * self.w + x as u32) * 3) as usize;
                self.px[i..i + 3].copy_from_slice(&c);
            }
        }
    }

    /// `text` at (x, y), its top left, in the 5x7 font at `scale` pixels a dot; returns
    /// its width.
    fn text(&mut self, x: i64, y: i64, text: &str, scale: i64, c: [u8; 3]) -> i64 {
        let mut cx = x;
        for ch in text.chars() {
            let rows = glyph(ch);
            for (ry, bits) in rows.iter().enumerate() {
                for rx in 0..5 {
                    if bits & (0x10 >> rx) != 0 {
                        let (px, py) = (cx + rx * scale, y + ry as i64 * scale);
                        self.rect(px, py, px + scale, py + scale, c);
                    }
                }
            }
            cx += 6 * scale;
        }
        cx - x
    }

    fn png(&self) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut out, self.w, self.h);
            enc.set_color(png::ColorType::Rgb);
            enc.set_depth(png::BitDepth::Eight);
            // Writing to memory: only a bug in the sizes could fail.
            let mut w = enc.write_header().expect("a PNG header in memory");
            w.write_image_data(&self.px)
                .expect("the canvas holds width x height pixels");
        }
        out
    }
}

/// The class's picture as PNG bytes: a row per level, in the order the levels first
/// appear in `rows`.
pub fn plot(rows: &[Row]) -> Vec<u8> {
    draw(rows).png()
}

/// The class's picture as [`plot`] draws it: its width, height and RGB pixels (the game's
/// class window shows them).
pub fn picture(rows: &[Row]) -> (u32, u32, Vec<u8>) {
    let c = draw(rows);
    (c.w, c.h, c.px)
}

fn draw(rows: &[Row]) -> Canvas {
    let levels = super::levels(rows);
    let h = MARGIN * 2 + ROW_H * levels.len().max(1) as u32;
    let mut c = Canvas::new(PLOT_WIDTH, h);
    for (k, id) in levels.iter().enumerate() {
        let top = (MARGIN + ROW_H * k as u32) as i64;
        let mine: Vec<&Row> = rows.iter().filter(|r| r.level == *id).collect();
        level_row(&mut c, top, id, &mine);
    }
    c
}

/// One level's row: its id and counts, the dates histogram, the answers.
fn level_row(c: &mut Canvas, top: i64, id: &str, rows: &[&Row]) {
    let won = rows.iter().filter(|r| r.outcome == "won").count();
    c.text(12, top + 4, &id.to_uppercase(), 2, INK);
    c.text(
        12,
        top + 24,
        &format!("N={} W={} L/O={}", rows.len(), won, rows.len() - won),
        1,
        AXIS,
    );
    // The dates: quarter-years from the first to the last date of any game.
    let year = |r: &Row| crate::sim::clock::Date::parse(&r.date).map(|d| d.decimal_year());
    let years: Vec<f64> = rows.iter().filter_map(|&r| year(r)).collect();
    let (lo, hi) = years
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &y| (a.min(y), b.max(y)));
    let (x0, x1) = (180_i64, 640_i64);
    let (base, height) = (top + ROW_H as i64 - 30, ROW_H as i64 - 60);
    c.rect(x0, base, x1, base + 1, AXIS);
    if !years.is_empty() {
        let first = lo.floor();
        let last = (hi.floor() + 1.0).max(first + 1.0);
        let bins = ((last - first) * 4.0).round().max(1.0) as usize;
        let mut won_n = vec![0usize; bins];
        let mut other_n = vec![0usize; bins];
        for r in rows {
            let Some(y) = year(r) else { continue };
            let b = (((y - first) * 4.0) as usize).min(bins - 1);
            if r.outcome == "won" {
                won_n[b] += 1;
            } else {
                other_n[b] += 1;
            }
        }
        let most = won_n
            .iter()
            .zip(&other_n)
            .map(|(a, b)| a + b)
            .max()
            .unwrap_or(1)
            .max(1);
        let bw = (x1 - x0) / bins as i64;
        for b in 0..bins {
            let bx = x0 + b as i64 * bw;
            let hw = won_n[b] as i64 * height / most as i64;
            let ho = other_n[b] as i64 * height / most as i64;
            c.rect(bx + 1, base - hw, bx + bw - 1, base, WON);
            c.rect(bx + 1, base - hw - ho, bx + bw - 1, base - hw, OTHER);
            let n = won_n[b] + other_n[b];
            if n > 0 {
                c.text(bx + 2, base - hw - ho - 10, &n.to_string(), 1, INK);
            }
        }
        for y in 0..=(last - first) as i64 {
            let x = x0 + y * 4 * bw;
            c.rect(x, base, x + 1, base + 5, AXIS);
            c.text(x - 11, base + 8, &(first as i64 + y).to_string(), 1, INK);
        }
    }
    // The answers: a bar per choice, games won below, the others above.
    let choices = rows.iter().map(|r| r.choices).max().unwrap_or(0);
    let (a0, a1) = (700_i64, PLOT_WIDTH as i64 - 20);
    c.rect(a0, base, a1, base + 1, AXIS);
    if choices > 0 {
        let per = |k: u32, won: bool| {
            rows.iter()
                .filter(|r| r.prediction == Some(k) && (r.outcome == "won") == won)
                .count() as i64
        };
        let most = (0..choices as u32)
            .map(|k| per(k, true) + per(k, false))
            .max()
            .unwrap_or(1)
            .max(1);
        let bw = (a1 - a0) / choices as i64;
        for k in 0..choices {
            let bx = a0 + k as i64 * bw;
            let hw = per(k as u32, true) * height / most;
            let ho = per(k as u32, false) * height / most;
            c.rect(bx + 3, base - hw, bx + bw - 3, base, ANSWER_WON);
            c.rect(bx + 3, base - hw - ho, bx + bw - 3, base - hw, ANSWER_OTHER);
            let n = per(k as u32, true) + per(k as u32, false);
            c.text(bx + bw / 2 - 3, base + 8, &(k + 1).to_string(), 1, INK);
            if n > 0 {
                c.text(bx + bw / 2 - 3, base - hw - ho - 10, &n.to_string(), 1, INK);
            }
        }
        let none = rows.iter().filter(|r| r.prediction.is_none()).count();
        c.text(a0, top + 24, &format!("?={none}"), 1, AXIS);
    }
}

/// The 5x7 dots of a character (each row's five low bits, the leftmost the highest); a
/// character the font lacks is a box.
fn glyph(ch: char) -> [u8; 7] {
    match ch.to_ascii_uppercase() {
        ' ' => [0; 7],
        '0' => [0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E],
        '1' => [0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E],
        '2' => [0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F],
        '3' => [0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E],
        '4' => [0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02],
        '5' => [0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E],
        '6' => [0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E],
        '7' => [0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08],
        '8' => [0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E],
        '9' => [0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C],
        'A' => [0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11],
        'B' => [0x1E, 0x11, 0x11, 0x1E, 0x11, 0x11, 0x1E],
        'C' => [0x0E, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0E],
        'D' => [0x1C, 0x12, 0x11, 0x11, 0x11, 0x12, 0x1C],
        'E' => [0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x1F],
        'F' => [0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x10],
        'G' => [0x0E, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0F],
        'H' => [0x11, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11],
        'I' => [0x0E, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0E],
        'J' => [0x07, 0x02, 0x02, 0x02, 0x02, 0x12, 0x0C],
        'K' => [0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11],
        'L' => [0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1F],
        'M' => [0x11, 0x1B, 0x15, 0x15, 0x11, 0x11, 0x11],
        'N' => [0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11],
        'O' => [0x0E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E],
        'P' => [0x1E, 0x11, 0x11, 0x1E, 0x10, 0x10, 0x10],
        'Q' => [0x0E, 0x11, 0x11, 0x11, 0x15, 0x12, 0x0D],
        'R' => [0x1E, 0x11, 0x11, 0x1E, 0x14, 0x12, 0x11],
        'S' => [0x0F, 0x10, 0x10, 0x0E, 0x01, 0x01, 0x1E],
        'T' => [0x1F, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04],
        'U' => [0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E],
        'V' => [0x11, 0x11, 0x11, 0x11, 0x11, 0x0A, 0x04],
        'W' => [0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0A],
        'X' => [0x11, 0x11, 0x0A, 0x04, 0x0A, 0x11, 0x11],
        'Y' => [0x11, 0x11, 0x11, 0x0A, 0x04, 0x04, 0x04],
        'Z' => [0x1F, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1F],
        '_' => [0, 0, 0, 0, 0, 0, 0x1F],
        '-' => [0, 0, 0, 0x1F, 0, 0, 0],
        '=' => [0, 0, 0x1F, 0, 0x1F, 0, 0],
        '/' => [0x01, 0x01, 0x02, 0x04, 0x08, 0x10, 0x10],
        '.' => [0, 0, 0, 0, 0, 0x0C, 0x0C],
        ':' => [0, 0x0C, 0x0C, 0, 0x0C, 0x0C, 0],
        '?' => [0x0E, 0x11, 0x01, 0x02, 0x04, 0, 0x04],
        _ => [0x1F, 0x11, 0x11, 0x11, 0x11, 0x11, 0x1F],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_of_a_level_id_has_its_own_glyph() {
        let boxed = glyph('\u{2603}');
        for ch in "abcdefghijklmnopqrstuvwxyz0123456789_-=/.:? ".chars() {
            assert_ne!(glyph(ch), boxed, "{ch}");
        }
    }
}

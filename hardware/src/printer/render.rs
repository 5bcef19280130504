//! A ticket drawn as a picture, one bit per printer dot: text set with Noto Sans CJK, a QR code.
//!
//! Thermal printers' code pages have no Hangul (and no Vietnamese, and Chinese only on some), so
//! the ticket is rasterised here and sent as an image (`GS v 0`): any ESC/POS printer prints it.
//! Glyphs come from the first face that has them: Noto Sans CJK (its Korean face, or its Simplified
//! Chinese one for a Chinese ticket), then DejaVu Sans for what the CJK face lacks. There is no
//! shaping: Hangul syllables, Chinese and precomposed Vietnamese letters need none.

use super::Ticket;
use crate::error::HardwareError;
use ab_glyph::{Font, FontVec, Glyph, PxScale, ScaleFont};

/// A picture the printer prints dot for dot: `width` dots per row (a multiple of 8), row by row.
#[derive(Clone, PartialEq, Eq)]
pub struct Raster {
    pub width: usize,
    pub height: usize,
    /// `true` is a black dot.
    pub dots: Vec<bool>,
}

impl std::fmt::Debug for Raster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Raster({}x{}, {} black)", self.width, self.height, self.dots.iter().filter(|d| **d).count())
    }
}

impl Raster {
    pub fn new(width: usize, height: usize) -> Raster {
        Raster { width, height, dots: vec![false; width * height] }
    }

    pub fn get(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.height && self.dots[y * self.width + x]
    }

    fn set(&mut self, x: i64, y: i64) {
        if x >= 0 && y >= 0 && (x as usize) < self.width && (y as usize) < self.height {
            self.dots[y as usize * self.width + x as usize] = true;
        }
    }

    /// How many dots are black.
    pub fn ink(&self) -> usize {
        self.dots.iter().filter(|d| **d).count()
    }

    /// The rows from `top` to `bottom`, as a new picture.
    fn rows(&self, top: usize, bottom: usize) -> Raster {
        let dots = self.dots[top * self.width..bottom * self.width].to_vec();
        Raster { width: self.width, height: bottom - top, dots }
    }
}

/// The faces a ticket is set in, regular and bold, each a list tried in order for every character.
pub struct TicketFonts {
    regular: Vec<FontVec>,
    bold: Vec<FontVec>,
}

impl std::fmt::Debug for TicketFonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TicketFonts({} regular, {} bold)", self.regular.len(), self.bold.len())
    }
}

/// Where Debian puts the fonts (`fonts-noto-cjk`, `fonts-dejavu-core`).
const NOTO_REGULAR: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
const NOTO_BOLD: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
const DEJAVU_REGULAR: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const DEJAVU_BOLD: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

/// The face of Noto Sans CJK's collection for a locale: 1 Korean, 2 Simplified Chinese.
pub(crate) fn cjk_face(locale: &str) -> u32 {
    if locale.starts_with("zh") {
        2
    } else {
        1
    }
}

impl TicketFonts {
    /// Debian's Noto Sans CJK (required) and DejaVu Sans (used when present), for a ticket in `locale`.
    pub fn system(locale: &str) -> Result<TicketFonts, HardwareError> {
        let face = cjk_face(locale);
        let load = |path: &str, index: u32| -> Result<FontVec, HardwareError> {
            let bytes = std::fs::read(path).map_err(|_| HardwareError::Font)?;
            FontVec::try_from_vec_and_index(bytes, index).map_err(|_| HardwareError::Font)
        };
        let mut regular = vec![load(NOTO_REGULAR, face)?];
        let mut bold = vec![load(NOTO_BOLD, face)?];
        if let Ok(f) = load(DEJAVU_REGULAR, 0) {
            regular.push(f);
        }
        if let Ok(f) = load(DEJAVU_BOLD, 0) {
            bold.push(f);
        }
        Ok(TicketFonts { regular, bold })
    }

    fn faces(&self, bold: bool) -> &[FontVec] {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }
}

/// One character placed: which face, which glyph, how far it advances.
struct Placed<'a> {
    font: &'a FontVec,
    glyph: ab_glyph::GlyphId,
    advance: f32,
}

fn place<'a>(faces: &'a [FontVec], c: char, px: f32) -> Option<Placed<'a>> {
    let font = faces.iter().find(|f| f.glyph_id(c).0 != 0).or(faces.first())?;
    let glyph = font.glyph_id(c);
    Some(Placed { font, glyph, advance: font.as_scaled(PxScale::from(px)).h_advance(glyph) })
}

fn width_of(faces: &[FontVec], text: &str, px: f32) -> f32 {
    text.chars().filter_map(|c| place(faces, c, px)).map(|p| p.advance).sum()
}

/// `text` broken into lines no wider than `max`: at spaces, and inside a word (Chinese has no
/// spaces) only where the word alone is too wide.
fn wrap(faces: &[FontVec], text: &str, px: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
        if width_of(faces, &candidate, px) <= max {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            let mut next = line.clone();
            next.push(c);
            if width_of(faces, &next, px) > max && !line.is_empty() {
                lines.push(std::mem::replace(&mut line, c.to_string()));
            } else {
                line = next;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Draws one line centred at `y` (its top); returns the height used.
fn draw_line(r: &mut Raster, faces: &[FontVec], text: &str, px: f32, y: f32) -> f32 {
    let Some(first) = faces.first() else { return 0.0 };
    let ascent = first.as_scaled(PxScale::from(px)).ascent();
    let line_height = px * 1.3;
    let mut x = (r.width as f32 - width_of(faces, text, px)) / 2.0;
    for c in text.chars() {
        let Some(p) = place(faces, c, px) else { continue };
        let glyph: Glyph = p.glyph.with_scale_and_position(PxScale::from(px), ab_glyph::point(x, y + ascent));
        if let Some(outline) = p.font.outline_glyph(glyph) {
            let bounds = outline.px_bounds();
            outline.draw(|gx, gy, coverage| {
                if coverage > 0.5 {
                    r.set(bounds.min.x as i64 + i64::from(gx), bounds.min.y as i64 + i64::from(gy));
                }
            });
        }
        x += p.advance;
    }
    line_height
}

/// A paragraph, wrapped and centred; returns the height used.
fn draw_text(r: &mut Raster, faces: &[FontVec], text: &str, px: f32, y: f32, margin: f32) -> f32 {
    let mut used = 0.0;
    for line in wrap(faces, text, px, r.width as f32 - 2.0 * margin) {
        used += draw_line(r, faces, &line, px, y + used);
    }
    used
}

fn rule(r: &mut Raster, y: f32, margin: usize) {
    for dy in 0..3 {
        for x in margin..r.width.saturating_sub(margin) {
            r.set(x as i64, y as i64 + dy);
        }
    }
}

/// The receipt number as a QR code, each module `scale` dots, centred at `y`; returns the height.
fn draw_qr(r: &mut Raster, data: &str, y: f32, scale: usize) -> Result<f32, HardwareError> {
    let code = qrcode::QrCode::new(data.as_bytes()).map_err(|_| HardwareError::Unprintable)?;
    let n = code.width();
    let colors = code.to_colors();
    let side = n * scale;
    let left = r.width.saturating_sub(side) / 2;
    for (i, color) in colors.iter().enumerate() {
        if *color == qrcode::Color::Dark {
            let (mx, my) = (i % n, i / n);
            for dy in 0..scale {
                for dx in 0..scale {
                    r.set((left + mx * scale + dx) as i64, (y as usize + my * scale + dy) as i64);
                }
            }
        }
    }
    Ok(side as f32)
}

/// The ticket as the printer's picture, `width` dots wide (576 on 80 mm paper, 384 on 58 mm).
pub fn render(ticket: &Ticket, fonts: &TicketFonts, width: usize) -> Result<Raster, HardwareError> {
    let width = width / 8 * 8;
    if width < 256 {
        return Err(HardwareError::Unprintable);
    }
    // Drawn on a tall page, then cut to what was used.
    let mut r = Raster::new(width, 4000);
    let unit = width as f32 / 576.0;
    let margin = 16.0 * unit;
    let (regular, bold) = (fonts.faces(false), fonts.faces(true));
    let mut y = 8.0 * unit;
    y += draw_text(&mut r, bold, &ticket.title, 40.0 * unit, y, margin);
    y += draw_text(&mut r, regular, &ticket.service, 32.0 * unit, y, margin);
    y += 8.0 * unit;
    rule(&mut r, y, margin as usize);
    y += 16.0 * unit;
    // The number the visitor answers to (the queue number where the office calls numbers, else
    // the receipt number) as large as the paper allows (at most 180 dots high): read without glasses.
    let (label, big) = match &ticket.queue {
        Some(q) => (q.label.as_str(), q.number.as_str()),
        None => (ticket.number_label.as_str(), ticket.receipt.as_str()),
    };
    y += draw_text(&mut r, regular, label, 30.0 * unit, y, margin);
    let room = width as f32 - 2.0 * margin;
    let natural = width_of(bold, big, 100.0).max(1.0);
    let px = (100.0 * room / natural).min(180.0 * unit);
    // Digits have no descenders: less room under them than under a line of text.
    y += draw_line(&mut r, bold, big, px, y) - px * 0.2;
    if ticket.queue.is_some() {
        y += draw_text(&mut r, bold, &format!("{} {}", ticket.number_label, ticket.receipt), 34.0 * unit, y, margin);
    }
    y += draw_text(&mut r, regular, &ticket.issued, 28.0 * unit, y, margin);
    y += 12.0 * unit;
    y += draw_text(&mut r, bold, &ticket.next_step, 34.0 * unit, y, margin);
    y += 16.0 * unit;
    y += draw_qr(&mut r, &ticket.receipt, y, (6.0 * unit).max(3.0) as usize)?;
    y += 8.0 * unit;
    y += draw_text(&mut r, regular, &ticket.kiosk, 22.0 * unit, y, margin);
    let bottom = ((y + 24.0 * unit) as usize).min(r.height);
    Ok(r.rows(0, bottom))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_and_breaks_chinese_inside() {
        let fonts = TicketFonts::system("ko").expect("Noto Sans CJK (Debian's fonts-noto-cjk)");
        let faces = fonts.faces(false);
        let lines = wrap(faces, "창구에서 이 번호를 말씀해 주세요", 30.0, 200.0);
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(lines.iter().all(|l| width_of(faces, l, 30.0) <= 200.0), "{lines:?}");
        assert_eq!(lines.join(" "), "창구에서 이 번호를 말씀해 주세요", "no word is split: {lines:?}");
        let chinese = wrap(faces, "请在窗口说出这个号码请在窗口说出这个号码", 30.0, 200.0);
        assert!(chinese.len() >= 2 && chinese.concat() == "请在窗口说出这个号码请在窗口说出这个号码", "{chinese:?}");
    }
}

//! Rendering without a display: a Slint platform whose one window is a `MinimalSoftwareWindow`,
//! drawn by the software renderer into a buffer (for the render tests, the benchmark and
//! screenshots). A process uses either this or a real backend, never both.

use slint::platform::software_renderer::{MinimalSoftwareWindow, RepaintBufferType};
use slint::platform::{Platform, PlatformError, WindowAdapter};
use slint::{PhysicalSize, Rgb8Pixel};
use std::rc::Rc;
use std::time::Instant;

struct Headless {
    window: Rc<MinimalSoftwareWindow>,
    started: Instant,
}

impl Platform for Headless {
    fn create_window_adapter(&self) -> Result<Rc<dyn WindowAdapter>, PlatformError> {
        Ok(self.window.clone())
    }

    fn duration_since_start(&self) -> std::time::Duration {
        self.started.elapsed()
    }
}

/// The headless window; call once per process, before creating any component.
pub fn install(width: u32, height: u32) -> Result<Rc<MinimalSoftwareWindow>, PlatformError> {
    let window = MinimalSoftwareWindow::new(RepaintBufferType::NewBuffer);
    slint::platform::set_platform(Box::new(Headless { window: window.clone(), started: Instant::now() }))
        .map_err(|e| PlatformError::Other(e.to_string()))?;
    window.set_size(PhysicalSize::new(width, height));
    Ok(window)
}

/// An RGB picture of the window as it is now.
#[derive(Debug, Clone)]
pub struct Picture {
    pub width: u32,
    pub height: u32,
    pub rgb: Vec<u8>,
}

/// Draws the window (after letting timers and animations run).
pub fn draw(window: &MinimalSoftwareWindow) -> Picture {
    slint::platform::update_timers_and_animations();
    let size = window.size();
    let (w, h) = (size.width, size.height);
    let mut buffer = vec![Rgb8Pixel { r: 0, g: 0, b: 0 }; (w * h) as usize];
    window.request_redraw();
    window.draw_if_needed(|renderer| {
        renderer.render(&mut buffer, w as usize);
    });
    let rgb = buffer.iter().flat_map(|p| [p.r, p.g, p.b]).collect();
    Picture { width: w, height: h, rgb }
}

impl Picture {
    /// How many pixels in the rectangle differ from `background` by more than a little.
    pub fn ink(&self, x: u32, y: u32, w: u32, h: u32, background: [u8; 3]) -> usize {
        let mut n = 0;
        for yy in y..(y + h).min(self.height) {
            for xx in x..(x + w).min(self.width) {
                let i = ((yy * self.width + xx) * 3) as usize;
                let d: i32 = (0..3).map(|c| (i32::from(self.rgb[i + c]) - i32::from(background[c])).abs()).sum();
                if d > 60 {
                    n += 1;
                }
            }
        }
        n
    }

    /// The pixels of a rectangle (to compare two renderings).
    pub fn crop(&self, x: u32, y: u32, w: u32, h: u32) -> Vec<u8> {
        let mut out = Vec::with_capacity((w * h * 3) as usize);
        for yy in y..(y + h).min(self.height) {
            let start = ((yy * self.width + x) * 3) as usize;
            let end = ((yy * self.width + (x + w).min(self.width)) * 3) as usize;
            out.extend_from_slice(&self.rgb[start..end]);
        }
        out
    }

    pub fn distinct_colours(&self) -> usize {
        let mut seen = std::collections::HashSet::new();
        for px in self.rgb.chunks_exact(3) {
            seen.insert([px[0], px[1], px[2]]);
        }
        seen.len()
    }
}

//! PNG without Graphviz: the built-in SVG rasterized in-process by resvg, with the font the
//! binary carries ([`font`](super::font)), so that the PNG is the SVG, pixel for pixel, on any
//! machine.

use super::ExportError;
use super::font::{BOLD, FAMILY, REGULAR};
use super::layout::metrics::FONT_SIZE;
use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg;
use std::sync::Arc;

/// The default scale: two pixels per SVG pixel, for sharp text on today's screens.
pub const DEFAULT_SCALE: f64 = 2.0;
/// The largest image drawn, in pixels (256 MB of RGBA): a larger one is drawn at a smaller
/// scale, and [`Png::scale`] says which.
pub const MAX_PIXELS: f64 = 64_000_000.0;

/// The smallest text a PNG is shrunk to, in pixels: a chart so large that fitting it in
/// [`MAX_PIXELS`] shrinks its text below this is refused, before minutes of rasterizing a
/// picture nobody can read.
pub const MIN_TEXT_PIXELS: f64 = 4.0;

/// A rendered PNG and the scale it was drawn at.
#[derive(Debug)]
pub struct Png {
    /// The PNG file.
    pub bytes: Vec<u8>,
    /// The scale used: the one asked for, or less where the image would pass [`MAX_PIXELS`].
    pub scale: f64,
    /// The image's width and height in pixels.
    pub size: (u32, u32),
}

/// The largest scale at most `scale` at which a `width` x `height` page stays within
/// [`MAX_PIXELS`].
pub fn fitting_scale(width: f64, height: f64, scale: f64) -> f64 {
    let area = width * height;
    if area * scale * scale <= MAX_PIXELS {
        scale
    } else {
        (MAX_PIXELS / area).sqrt()
    }
}

/// The scale a `width` x `height` page is drawn at: the one asked for, or less where the image
/// would pass [`MAX_PIXELS`]; refused where that shrinks its text below [`MIN_TEXT_PIXELS`]. A
/// small scale asked for is drawn as asked.
pub fn drawing_scale(width: f64, height: f64, asked: f64) -> Result<f64, ExportError> {
    let scale = fitting_scale(width, height, asked);
    if scale < asked && scale * FONT_SIZE < MIN_TEXT_PIXELS {
        return Err(ExportError::UnreadablePng {
            page: (width, height),
            scale,
        });
    }
    Ok(scale)
}

/// Rasterizes an SVG document made by [`super::svg`] at `scale` pixels per SVG pixel.
pub fn render(svg: &str, scale: f64) -> Result<Png, ExportError> {
    let mut fonts = usvg::fontdb::Database::new();
    fonts.load_font_data(REGULAR.to_vec());
    fonts.load_font_data(BOLD.to_vec());
    fonts.set_sans_serif_family(FAMILY);
    let options = usvg::Options {
        font_family: FAMILY.to_string(),
        fontdb: Arc::new(fonts),
        ..usvg::Options::default()
    };
    let failed = |error: String| ExportError::Png(error);
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| failed(e.to_string()))?;
    let page = tree.size();
    let (width, height) = (f64::from(page.width()), f64::from(page.height()));
    let scale = fitting_scale(width, height, scale);
    let pixels = |side: f64| (side * scale).ceil().max(1.0) as u32;
    let size = (pixels(width), pixels(height));
    let mut pixmap = Pixmap::new(size.0, size.1)
        .ok_or_else(|| failed(format!("no room for a {} x {} image", size.0, size.1)))?;
    let scale_f32 = scale as f32;
    resvg::render(
        &tree,
        Transform::from_scale(scale_f32, scale_f32),
        &mut pixmap.as_mut(),
    );
    let bytes = pixmap.encode_png().map_err(|e| failed(e.to_string()))?;
    Ok(Png { bytes, scale, size })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_pages_are_drawn_at_a_smaller_scale() {
        assert_eq!(fitting_scale(1000.0, 500.0, 2.0), 2.0);
        let scale = fitting_scale(40_000.0, 10_000.0, 2.0);
        assert!(scale < 1.0);
        assert!((40_000.0 * scale) * (10_000.0 * scale) <= MAX_PIXELS * 1.0001);
    }

    #[test]
    fn a_page_whose_text_the_cap_would_shrink_past_reading_is_refused() {
        assert_eq!(drawing_scale(1000.0, 500.0, 2.0), Ok(2.0));
        // Shrunk, but its text still 4 pixels high or more: drawn.
        let shrunk = drawing_scale(10_000.0, 20_000.0, 2.0).expect("drawn");
        assert!(shrunk < 2.0 && shrunk * FONT_SIZE >= MIN_TEXT_PIXELS);
        // A 100,000-role chart's size: refused, and the message says why and what to do.
        let error = drawing_scale(20_000.0, 120_000.0, 2.0).expect_err("refused");
        assert_eq!(
            error.to_string(),
            "the chart is 20000 x 120000 pixels: a PNG within 64 million pixels would draw it at scale 0.16, its text 1.8 pixels high, too small to read; use --format svg (zoomable), or --focus ROLE or --depth N to draw part of the org"
        );
        // A small scale asked for is the user's choice.
        assert_eq!(drawing_scale(1000.0, 500.0, 0.2), Ok(0.2));
    }
}

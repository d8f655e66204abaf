//! Drawing a model: the views (`org`, `responsibilities`, `full`) as DOT ([`dot`], written as it
//! is made),
//! SVG and PNG with the built-in engine ([`layout`], painted by [`svg`], rasterized by [`png`])
//! or with Graphviz ([`graphviz`], which also makes PDF), Mermaid, RACI matrices and the
//! resolved model as JSON.
//!
//! Every diagram format draws from one [`Diagram`]: what a view shows once `--focus`, `--depth`
//! and `--kinds` are applied, with the findings to highlight; every one takes its colours from
//! [`palette`] and its escaping from [`escape`].

mod decimal;
mod diagram;
pub mod dot;
mod engine;
mod error;
pub mod escape;
pub mod font;
mod format;
pub mod graphviz;
pub mod layout;
mod legend;
pub mod mermaid;
mod options;
pub mod palette;
pub mod png;
pub mod raci;
pub mod svg;

pub use diagram::{
    DRAWN_CHECKS, Diagram, Line, MAX_TEXT, Reporting, RoleBox, gap_label, line_label, shorten,
};
pub use engine::{Engine, graphviz_available};
pub use error::ExportError;
pub use format::{Format, View};
pub use legend::LegendEntry;
pub use options::Options;

use crate::check::{Check, CheckOptions, Finding, Overrides};
use crate::model::{Canon, Model};
use std::fmt;
use std::io::{self, Write};

/// How pictures are made: the engine, and the scale of a built-in PNG.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Render {
    /// Who lays out SVG, PNG and PDF; `None`: the built-in engine for SVG and PNG, Graphviz
    /// for PDF ([`Engine::choose`]).
    pub engine: Option<Engine>,
    /// Pixels per SVG pixel of a PNG drawn by the built-in engine.
    pub scale: f64,
}

impl Default for Render {
    fn default() -> Render {
        Render {
            engine: None,
            scale: png::DEFAULT_SCALE,
        }
    }
}

/// What the user should know about an export that goes ahead.
#[derive(Clone, Debug, PartialEq)]
pub enum Warning {
    /// Graphviz is about to lay out a large diagram, which takes a while.
    LargeGraphvizJob {
        /// Boxes in the diagram.
        boxes: usize,
        /// About how long `dot` will take, in seconds.
        seconds: f64,
    },
    /// A PNG too large at the scale asked for was drawn smaller.
    Downscaled {
        /// The scale asked for.
        asked: f64,
        /// The scale used.
        used: f64,
        /// The image's size in pixels.
        size: (u32, u32),
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::LargeGraphvizJob { boxes, seconds } => write!(
                f,
                "Graphviz lays out {boxes} boxes slowly: expect {}; the built-in engine (leave out --engine graphviz) draws this in seconds, and --focus ROLE or --depth N draws part of the org",
                duration(*seconds)
            ),
            Warning::Downscaled { asked, used, size } => write!(
                f,
                "the PNG would pass {} million pixels at scale {asked}: drawn at scale {used:.2} ({} x {} pixels); use --format svg, or --focus ROLE or --depth N, for a sharp picture",
                png::MAX_PIXELS / 1e6,
                size.0,
                size.1
            ),
        }
    }
}

/// "about 40 seconds", "about 12 minutes".
fn duration(seconds: f64) -> String {
    if seconds < 90.0 {
        format!("about {} seconds", seconds.round().max(1.0))
    } else if seconds < 5400.0 {
        format!("about {} minutes", (seconds / 60.0).round())
    } else {
        format!("about {} hours", (seconds / 3600.0).round())
    }
}

/// Renders a model in a format, with the engine given (for the formats it lays out).
pub fn export(
    model: &Model,
    findings: &[Finding],
    options: &Options,
    format: Format,
    engine: Engine,
) -> Result<Vec<u8>, ExportError> {
    let render = Render {
        engine: Some(engine),
        ..Render::default()
    };
    export_with(model, findings, options, format, &render, &mut |_| {})
}

/// Renders a model in a format. `warn` hears what the user should know, as soon as it is
/// known: a large Graphviz job before it starts.
pub fn export_with(
    model: &Model,
    findings: &[Finding],
    options: &Options,
    format: Format,
    render: &Render,
    warn: &mut dyn FnMut(Warning),
) -> Result<Vec<u8>, ExportError> {
    prepare(model, findings, options, format, render, warn).map(Drawing::into_bytes)
}

/// An export that passed every check that could refuse it, ready to be written.
pub struct Drawing<'m>(Drawn<'m>);

enum Drawn<'m> {
    /// DOT, written as it is made: 100,000 roles make 40 MB of it.
    Dot(Box<Diagram<'m>>),
    /// Every other format, made whole.
    Bytes(Vec<u8>),
}

impl Drawing<'_> {
    /// Writes the export to `out` (DOT as it is made, never whole in memory).
    pub fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        match &self.0 {
            Drawn::Dot(diagram) => dot::write(diagram, out),
            Drawn::Bytes(bytes) => out.write_all(bytes),
        }
    }

    /// The export's bytes.
    pub fn into_bytes(self) -> Vec<u8> {
        match self.0 {
            Drawn::Dot(diagram) => dot::render(&diagram).into_bytes(),
            Drawn::Bytes(bytes) => bytes,
        }
    }
}

/// [`export_with`], up to the writing: whatever can refuse the export (a missing Graphviz, a
/// view with nothing to draw, a PNG too large to read) has refused it when this returns, so
/// the caller can open its output only then.
pub fn prepare<'m>(
    model: &'m Model,
    findings: &[Finding],
    options: &Options,
    format: Format,
    render: &Render,
    warn: &mut dyn FnMut(Warning),
) -> Result<Drawing<'m>, ExportError> {
    prepare_from(
        model,
        Findings::Given(findings),
        options,
        format,
        render,
        warn,
    )
}

/// [`prepare`] with the findings a diagram draws: the checks of [`DRAWN_CHECKS`] (the others
/// would only cost time), run with `canon` on a thread of their own while the diagram's boxes
/// are made, and only for a format that draws them. At 100,000 roles the checks had left a
/// core idle for 20 ms, and the boxes another 10.
///
/// What `orgraph export` does: the org chart as DOT, findings drawn, streamed to a writer.
///
/// ```
/// use orgraph::export::{Format, Options, Render, View, prepare_checked};
/// use orgraph::Canon;
///
/// let model = orgraph::load(std::path::Path::new("models/startup.toml"), &Canon::builtin())?;
/// let options = Options::new(View::Org);
/// let drawing = prepare_checked(
///     &model,
///     Canon::builtin(),
///     &options,
///     Format::Dot,
///     &Render::default(),
///     &mut |warning| eprintln!("warning: {warning}"),
/// )?;
/// let mut dot = Vec::new();
/// drawing.write_to(&mut dot)?;
/// assert!(dot.starts_with(b"digraph orgraph {"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn prepare_checked<'m>(
    model: &'m Model,
    canon: Canon,
    options: &Options,
    format: Format,
    render: &Render,
    warn: &mut dyn FnMut(Warning),
) -> Result<Drawing<'m>, ExportError> {
    let allow = Check::ALL
        .iter()
        .copied()
        .filter(|check| !DRAWN_CHECKS.contains(check))
        .collect();
    let checks = CheckOptions {
        canon,
        overrides: Overrides {
            allow,
            ..Overrides::default()
        },
    };
    prepare_from(
        model,
        Findings::Check(&checks),
        options,
        format,
        render,
        warn,
    )
}

/// Where a diagram's findings come from.
enum Findings<'a> {
    /// Findings already made, by any checks.
    Given(&'a [Finding]),
    /// The drawn checks, to run.
    Check(&'a CheckOptions),
}

/// Roles from which the drawn checks run beside the boxes rather than before them.
const CHECK_BESIDE_FROM: usize = 8192;

impl Findings<'_> {
    fn diagram<'m>(&self, model: &'m Model, options: &Options) -> Diagram<'m> {
        match *self {
            Findings::Given(findings) => Diagram::new(model, findings, options),
            Findings::Check(_) if !options.findings => Diagram::new(model, &[], options),
            Findings::Check(checks) => {
                let (mut diagram, findings) = crate::parallel::join_if(
                    model.roles.len() >= CHECK_BESIDE_FROM,
                    || Diagram::unmarked(model, options),
                    || crate::check(model, checks).findings,
                );
                diagram.mark(&findings, options);
                diagram
            }
        }
    }
}

fn prepare_from<'m>(
    model: &'m Model,
    findings: Findings,
    options: &Options,
    format: Format,
    render: &Render,
    warn: &mut dyn FnMut(Warning),
) -> Result<Drawing<'m>, ExportError> {
    let engine = Engine::choose(render.engine, format)?;
    let tabulates = matches!(format, Format::RaciMd | Format::RaciCsv);
    let draws_lines = format.has_view() && options.view == View::Responsibilities;
    if (tabulates || draws_lines)
        && model
            .roles
            .values()
            .all(|role| role.responsibilities.is_empty())
    {
        return Err(ExportError::NoResponsibilities {
            format: format.name(),
        });
    }
    if engine == Some(Engine::Graphviz) && !graphviz_available() {
        return Err(ExportError::NeedsGraphviz {
            format: format.name(),
        });
    }
    let diagram = || findings.diagram(model, options);
    let text = match (format, engine) {
        (Format::Dot, _) => return Ok(Drawing(Drawn::Dot(Box::new(diagram())))),
        (Format::Svg, Some(Engine::Builtin)) => svg::render(&diagram()),
        (Format::Png, Some(Engine::Builtin)) => {
            let page = layout::layout(&diagram());
            png::drawing_scale(page.width, page.height, render.scale)?;
            let png = png::render(&svg::paint(&page), render.scale)?;
            if png.scale < render.scale {
                warn(Warning::Downscaled {
                    asked: render.scale,
                    used: png.scale,
                    size: png.size,
                });
            }
            return Ok(Drawing(Drawn::Bytes(png.bytes)));
        }
        (Format::Svg | Format::Png | Format::Pdf, _) => {
            let diagram = diagram();
            let boxes = diagram.roles.len() + diagram.scopes.len() + diagram.gaps.len();
            if boxes > graphviz::LARGE_JOB {
                warn(Warning::LargeGraphvizJob {
                    boxes,
                    seconds: graphviz::estimated_seconds(boxes),
                });
            }
            let text = dot::render(&diagram);
            return graphviz::run(text.as_bytes(), format)
                .map(|bytes| Drawing(Drawn::Bytes(bytes)));
        }
        (Format::Mermaid, _) => mermaid::render_within_limits(&diagram())?,
        (Format::RaciMd, _) => raci::markdown(&raci::Matrix::new(model, options)),
        (Format::RaciCsv, _) => raci::csv(&raci::Matrix::new(model, options)),
        (Format::Json, _) => {
            // Plain data with string keys: serializing it cannot fail.
            let mut json = serde_json::to_string_pretty(&model.to_file()).unwrap_or_default();
            json.push('\n');
            json
        }
    };
    Ok(Drawing(Drawn::Bytes(text.into_bytes())))
}

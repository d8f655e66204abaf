//! `orgraph export`: draws a model (or writes its RACI matrix or resolved JSON) to a file.

use super::output::stream_and_name;
use super::values::{EngineArg, FormatArg, ViewArg};
use super::{CanonArg, Failure, load_canon, load_model};
use clap::Args;
use orgraph::export::{Engine, ExportError, Format, Options, Render, View, prepare_checked};
use orgraph::output::Inputs;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The model file (.toml, .json, .yaml)
    model: PathBuf,
    /// What to draw
    #[arg(long, value_enum, default_value_t = ViewArg::Org)]
    view: ViewArg,
    /// Output format; pdf needs Graphviz
    #[arg(long, value_enum, default_value_t = FormatArg::Svg)]
    format: FormatArg,
    /// Only this role (an id, a title or a team), its chain of managers and its subtree
    #[arg(long, value_name = "ROLE")]
    focus: Option<String>,
    /// Only N levels below the focus (or below the roots)
    #[arg(long, value_name = "N")]
    depth: Option<usize>,
    /// Only these responsibility kinds
    #[arg(long, value_name = "K,K", value_delimiter = ',')]
    kinds: Vec<String>,
    /// Where to write; `-` for stdout [default: output/<model-stem>-<view>.<ext>]
    #[arg(short = 'o', long = "output", value_name = "PATH|-")]
    output: Option<PathBuf>,
    /// Do not draw the findings (gaps, duplicate owners, reporting cycles)
    #[arg(long)]
    no_findings: bool,
    /// Who lays out svg, png and pdf [default: builtin for svg and png, graphviz for pdf]
    #[arg(long, value_enum)]
    engine: Option<EngineArg>,
    /// Pixels per SVG pixel of a png drawn by the built-in engine
    #[arg(long, value_name = "N", default_value_t = 2.0, value_parser = parse_scale)]
    scale: f64,
    #[command(flatten)]
    canon: CanonArg,
}

pub const AFTER_HELP: &str = "Examples:\n  \
    orgraph export models/startup.toml                      # output/startup-org.svg\n  \
    orgraph export models/enterprise.toml --view full --focus vp-product --depth 2\n  \
    orgraph export models/startup.toml --format png --scale 3            # output/startup-org.png, no Graphviz needed\n  \
    orgraph export models/enterprise.toml --format pdf --engine graphviz\n  \
    orgraph export models/startup.toml --view responsibilities --kinds what,how --format dot -o - | dot -Tpng > r.png\n  \
    orgraph export models/startup.toml --format raci-md -o -";

pub fn run(args: ExportArgs) -> Result<u8, Failure> {
    let (view, format) = (View::from(args.view), Format::from(args.format));
    let canon = load_canon(&args.canon)?;
    let model = load_model(&args.model, &canon)?;
    let fail = |error: &ExportError| match error {
        // Graphviz's own messages name no file: say which model it was drawing.
        ExportError::Graphviz(_) => {
            Failure::input(format!("error: {}: {error}\n", args.model.display()))
        }
        _ => Failure::input(format!("error: {error}\n")),
    };
    let mut options =
        Options::resolve(&model, view, args.focus.as_deref(), args.depth, &args.kinds)
            .map_err(|e| fail(&e))?;
    options.findings = !args.no_findings;
    let render = Render {
        engine: args.engine.map(Engine::from),
        scale: args.scale,
    };
    let mut warn = |warning: orgraph::export::Warning| {
        let _ = writeln!(anstream::stderr(), "warning: {warning}");
    };
    let drawing = prepare_checked(&model, canon, &options, format, &render, &mut warn)
        .map_err(|e| fail(&e))?;

    let path = args.output.unwrap_or_else(|| {
        let stem = args
            .model
            .file_stem()
            .map_or("model".into(), |s| s.to_string_lossy());
        Path::new("output").join(format.file_name(&stem, view))
    });
    let mut inputs = Inputs::new();
    inputs.add_model(&model);
    inputs.extend(&args.canon.path);
    let written = stream_and_name(&path, &inputs, |out| drawing.write_to(out));
    // The process ends next and frees it all at once: dropping 100,000 roles costs time.
    std::mem::forget(drawing);
    std::mem::forget(model);
    written
}

/// `--scale`: a number of pixels per SVG pixel, within reason.
fn parse_scale(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(scale) if (0.1..=10.0).contains(&scale) => Ok(scale),
        _ => Err("a number from 0.1 to 10, such as 1, 2 (the default) or 3".to_string()),
    }
}

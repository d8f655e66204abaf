//! `orgraph export`: draws a model (or writes its RACI matrix or resolved JSON) to a file.

use super::output::write_and_name;
use super::values::{EngineArg, FormatArg, ViewArg};
use super::{CanonArg, Failure, load_canon, load_model};
use clap::Args;
use orgraph::check::CheckOptions;
use orgraph::export::{Engine, Format, Options, View, export};
use orgraph::output::Inputs;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The model file (.toml, .json, .yaml)
    model: PathBuf,
    /// What to draw
    #[arg(long, value_enum, default_value_t = ViewArg::Org)]
    view: ViewArg,
    /// Output format; png and pdf need Graphviz
    #[arg(long, value_enum, default_value_t = FormatArg::Svg)]
    format: FormatArg,
    /// Only this role, its chain of managers and its subtree
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
    /// Who lays out SVG [default: graphviz when `dot` is on the PATH, else builtin]
    #[arg(long, value_enum)]
    engine: Option<EngineArg>,
    #[command(flatten)]
    canon: CanonArg,
}

pub const AFTER_HELP: &str = "Examples:\n  \
    orgraph export models/startup.toml                      # output/startup-org.svg\n  \
    orgraph export models/enterprise.toml --view full --focus vp-product --depth 2\n  \
    orgraph export models/startup.toml --view responsibilities --kinds what,how --format dot -o - | dot -Tpng > r.png\n  \
    orgraph export models/startup.toml --format raci-md -o -";

pub fn run(args: ExportArgs) -> Result<u8, Failure> {
    let (view, format) = (View::from(args.view), Format::from(args.format));
    let canon = load_canon(&args.canon)?;
    let model = load_model(&args.model, &canon)?;
    let fail = |error: &dyn std::fmt::Display| Failure::input(format!("error: {error}\n"));
    let mut options =
        Options::resolve(&model, view, args.focus.as_deref(), args.depth, &args.kinds)
            .map_err(|e| fail(&e))?;
    options.findings = !args.no_findings;
    let findings = if args.no_findings {
        Vec::new()
    } else {
        let options = CheckOptions {
            canon,
            ..CheckOptions::default()
        };
        orgraph::check(&model, &options).findings
    };
    let engine = args.engine.map_or_else(Engine::detect, Engine::from);
    let bytes = export(&model, &findings, &options, format, engine).map_err(|e| fail(&e))?;

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
    write_and_name(&path, &inputs, &bytes)
}

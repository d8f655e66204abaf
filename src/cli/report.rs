//! `orgraph report`: one self-contained HTML page for one or more models.

use super::output::write_and_name;
use super::{CanonArg, Failure, load_canon, load_models};
use clap::Args;
use orgraph::output::Inputs;
use std::path::{Path, PathBuf};

pub const AFTER_HELP: &str = "Examples:\n  \
    orgraph report models/enterprise.toml              # output/enterprise-report.html\n  \
    orgraph report before.toml after.toml -o change.html\n\n\
    The page works offline (open it from a file, an e-mail or a CI artifact) and prints.";

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// One or more model files (.toml, .json, .yaml); several are also compared
    #[arg(required = true, value_name = "MODEL")]
    models: Vec<PathBuf>,
    /// Where to write; `-` for stdout [default: output/<model-stem>-report.html, or
    /// output/report.html for several models]
    #[arg(short = 'o', long = "output", value_name = "PATH|-")]
    output: Option<PathBuf>,
    #[command(flatten)]
    canon: CanonArg,
}

pub fn run(args: ReportArgs) -> Result<u8, Failure> {
    let canon = load_canon(&args.canon)?;
    let models = load_models(&args.models, &canon)?;
    let page = orgraph::html::report(&models, &canon)
        .map_err(|error| Failure::input(format!("error: {error}\n")))?;
    let path = args.output.unwrap_or_else(|| match args.models.as_slice() {
        [one] => {
            let stem = one
                .file_stem()
                .map_or("model".into(), |s| s.to_string_lossy());
            Path::new("output").join(format!("{stem}-report.html"))
        }
        _ => Path::new("output").join("report.html"),
    });
    let mut inputs = Inputs::new();
    for model in &models {
        inputs.add_model(model);
    }
    inputs.extend(&args.canon.path);
    write_and_name(&path, &inputs, page.as_bytes())
}

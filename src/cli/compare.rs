use super::{CanonArg, Failure, load_canon, load_models, output::write_output};
use clap::{Args, ValueEnum};
use orgraph::compare;
use orgraph::output::Inputs;
use std::path::PathBuf;

pub const AFTER_HELP: &str = "Examples:\n  \
    orgraph compare models/startup.toml models/scaleup.toml models/enterprise.toml\n  \
    orgraph compare models/startup.toml models/scaleup.toml --format markdown > growth.md\n  \
    orgraph compare models/startup.toml models/enterprise.toml --format dot | dot -Tsvg > compare.svg\n\n\
    With two models, the second is read as a proposed change of the first: the human and\n\
    Markdown output say which findings it introduces and which it resolves.";

#[derive(Args, Debug)]
pub struct CompareArgs {
    /// Two or more model files (.toml, .json, .yaml), in the order to show them
    #[arg(required = true, num_args = 2.., value_name = "MODEL")]
    models: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Write to PATH (atomically) instead of stdout; `-` is stdout
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
    #[command(flatten)]
    canon: CanonArg,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Human,
    Json,
    Markdown,
    Dot,
}

pub fn run(args: CompareArgs) -> Result<u8, Failure> {
    let canon = load_canon(&args.canon)?;
    let models = load_models(&args.models, &canon)?;
    let comparison = compare::compare(&models, &canon)
        .map_err(|error| Failure::input(format!("error: {error}\n")))?;
    // Human and Markdown are read by people, in a terminal or a file: no control character from
    // a model reaches them raw (issue 8 item 9). JSON escapes its own; DOT labels are escaped.
    let for_people = |text: String| orgraph::terminal::escape_text(&text).into_owned();
    let text = match args.format {
        Format::Human => for_people(compare::human(&comparison)),
        Format::Json => compare::json(&comparison),
        Format::Markdown => for_people(compare::markdown(&comparison)),
        Format::Dot => compare::dot(&comparison),
    };
    // Every file a model was read from (bases included) and the canon are inputs.
    let mut inputs = Inputs::new();
    for model in &models {
        inputs.add_model(model);
    }
    inputs.extend(&args.canon.path);
    write_output(args.output.as_deref(), &inputs, &text)
}

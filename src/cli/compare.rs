use super::{CanonArg, Failure, load_canon, load_models, output::write_output};
use clap::{Args, ValueEnum};
use orgraph::compare::{self, Rules, Show};
use orgraph::output::Inputs;
use std::path::PathBuf;

pub const AFTER_HELP: &str = "Examples:\n  \
    orgraph compare models/startup.toml models/scaleup.toml models/enterprise.toml\n  \
    orgraph compare models/startup.toml models/scaleup.toml --format markdown > growth.md\n  \
    orgraph compare models/startup.toml models/enterprise.toml --format dot | dot -Tsvg > compare.svg\n\n\
    orgraph compare before.toml after.toml --match id --changes-only\n\n\
    With two models, the second is read as a change of the first: the output says who joined,\n\
    left, moved and was retitled, which roles were added, removed, moved and retitled, whose\n\
    span changed (all by id), and which findings the change introduces and resolves.";

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
    /// How roles are paired across models: rules among id, archetype and title, in the order
    /// they apply; `id` alone for two snapshots of one organization
    #[arg(long = "match", value_name = "RULES", default_value = "id,archetype,title", value_parser = parse_rules)]
    rules: Rules,
    /// Print only what differs: with two models, the changes and the findings introduced and
    /// resolved; the DOT output is the summary view of the changed roles
    #[arg(long)]
    changes_only: bool,
    #[command(flatten)]
    canon: CanonArg,
}

fn parse_rules(text: &str) -> Result<Rules, String> {
    text.parse()
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
    let comparison = compare::compare_by(&models, &canon, &args.rules)
        .map_err(|error| Failure::input(format!("error: {error}\n")))?;
    let show = if args.changes_only {
        Show::Differences
    } else {
        Show::Everything
    };
    let text = match args.format {
        Format::Human => compare::human(&comparison, show),
        Format::Json => compare::json(&comparison, show),
        Format::Markdown => compare::markdown(&comparison, show),
        Format::Dot => compare::dot(&comparison, show),
    };
    // Every file a model was read from (bases included) and the canon are inputs.
    let mut inputs = Inputs::new();
    for model in &models {
        inputs.add_model(model);
    }
    inputs.extend(&args.canon.path);
    write_output(args.output.as_deref(), &inputs, &text)
}

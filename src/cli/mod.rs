mod check;
mod compare;
mod export;
mod import;
mod init;
mod man;
mod output;
mod report;
mod schema;
mod values;

use anstream::ColorChoice;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use orgraph::model::{Canon, LoadError, Model};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit code when the input could not be used.
const EXIT_INPUT: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "orgraph",
    version,
    about = "Model an organization as a typed graph of roles and responsibilities; check it, compare it, draw it."
)]
#[command(
    after_help = "Exit codes: 0 success; 1 `check` found a finding at level deny; 2 the input could not be used.\n\nExamples:\n  orgraph init org.toml                      # a starter model from a template\n  orgraph check models/startup.toml\n  orgraph stats models/enterprise.toml\n  orgraph explain gap\n  orgraph export models/startup.toml --view full\n  orgraph compare models/startup.toml models/scaleup.toml models/enterprise.toml\n  orgraph import csv people.csv -o org.toml"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,

    /// When to colour output
    #[arg(long, value_enum, global = true, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check models for gaps, duplicate owners, cycles, spans, hats and drift from the canon
    #[command(
        after_help = "Examples:\n  orgraph check models/startup.toml\n  orgraph check models/*.toml --format sarif > orgraph.sarif\n  orgraph check models/enterprise.toml --deny warnings --allow narrow-span"
    )]
    Check(check::CheckArgs),
    /// Compare models side by side: size and shape, who holds each kind, matched roles, findings
    #[command(after_help = compare::AFTER_HELP)]
    Compare(compare::CompareArgs),
    /// Explain a check: what it looks for, why it matters, how to fix it; without CHECK, list every check
    #[command(after_help = "Examples:\n  orgraph explain\n  orgraph explain duplicate-owner")]
    Explain {
        /// A check code, e.g. `gap`
        #[arg(value_parser = check::parse_check)]
        check: Option<orgraph::check::Check>,
    },
    /// Print a model's size and shape: roles, people, layers, span of control, hats, vacancies
    #[command(after_help = "Example:\n  orgraph stats models/enterprise.toml --format json")]
    Stats {
        /// The model file (.toml, .json, .yaml)
        model: PathBuf,
        #[arg(long, value_enum, default_value_t = TextFormat::Human)]
        format: TextFormat,
        #[command(flatten)]
        canon: CanonArg,
    },
    /// Draw a model: its reporting tree, its responsibilities or both; or write its RACI matrix
    #[command(after_help = export::AFTER_HELP)]
    Export(export::ExportArgs),
    /// Write one self-contained HTML page: shape, findings, an interactive org chart, RACI, comparison
    #[command(after_help = report::AFTER_HELP)]
    Report(report::ReportArgs),
    /// Import an HR export (CSV), a Backstage catalog or a RACI matrix as a model file
    #[command(after_help = import::AFTER_HELP)]
    Import(import::ImportArgs),
    /// Print the canon: the source document's roles and the kinds each owns
    #[command(
        after_help = "Examples:\n  orgraph archetypes\n  orgraph archetypes --format toml > my-canon.toml   # edit, then --canon my-canon.toml"
    )]
    Archetypes {
        #[arg(long, value_enum, default_value_t = CanonFormat::Human)]
        format: CanonFormat,
        #[command(flatten)]
        canon: CanonArg,
    },
    /// Print a shell completion script
    #[command(
        after_help = "Example:\n  orgraph completions bash > ~/.local/share/bash-completion/completions/orgraph"
    )]
    Completions { shell: clap_complete::Shell },
    /// Print the JSON Schema of the model file, for editors' completion and validation
    #[command(
        after_help = "Example:\n  orgraph schema > orgraph.schema.json   # then `#:schema ./orgraph.schema.json` atop a TOML model"
    )]
    Schema,
    /// Write a starter model from a template (startup, product-org, enterprise, service-company)
    #[command(after_help = init::AFTER_HELP)]
    Init(init::InitArgs),
    /// Write the roff man pages: orgraph(1) and one for each subcommand
    #[command(after_help = man::AFTER_HELP)]
    Man(man::ManArgs),
}

#[derive(Args, Debug)]
struct CanonArg {
    /// Use this canon of archetypes instead of the built-in one (see `orgraph archetypes --format toml`)
    #[arg(long = "canon", value_name = "FILE")]
    path: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum TextFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum CanonFormat {
    Human,
    Json,
    Toml,
}

/// A failure that ends the command: already-rendered text for stderr and the exit code.
struct Failure {
    message: String,
    code: u8,
}

impl Failure {
    fn input(message: String) -> Failure {
        Failure {
            message,
            code: EXIT_INPUT,
        }
    }
}

impl From<LoadError> for Failure {
    fn from(error: LoadError) -> Failure {
        Failure::input(error.render(true))
    }
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.color {
        Color::Auto => {}
        Color::Always => ColorChoice::Always.write_global(),
        Color::Never => ColorChoice::Never.write_global(),
    }
    // Rendered with colour; anstream strips it when the stream is no terminal or NO_COLOR is set.
    match dispatch(cli.command, true) {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            let _ = anstream::stderr().write_all(failure.message.as_bytes());
            ExitCode::from(failure.code)
        }
    }
}

fn dispatch(command: Command, color: bool) -> Result<u8, Failure> {
    match command {
        Command::Check(args) => check::run(args, color),
        Command::Compare(args) => compare::run(args),
        Command::Explain { check } => print(&match check {
            Some(check) => orgraph::check::explain(check),
            None => orgraph::check::list(),
        }),
        Command::Stats {
            model,
            format,
            canon,
        } => {
            let canon = load_canon(&canon)?;
            let model = load_model(&model, &canon)?;
            let stats = orgraph::stats::stats(&model);
            let printed = print(&match format {
                TextFormat::Human => orgraph::stats::render_human(&stats),
                TextFormat::Json => json(&stats),
            });
            // The process ends now and frees it all at once: dropping a million roles costs time.
            std::mem::forget((stats, model));
            printed
        }
        Command::Export(args) => export::run(args),
        Command::Import(args) => import::run(args, color),
        Command::Report(args) => report::run(args),
        Command::Archetypes { format, canon } => {
            let canon = load_canon(&canon)?;
            let text = match format {
                CanonFormat::Toml => canon.to_toml(),
                CanonFormat::Json => json(&canon),
                CanonFormat::Human => orgraph::model::canon::render_human(&canon),
            };
            print(&text)
        }
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "orgraph", &mut out);
            print(&String::from_utf8_lossy(&out))
        }
        Command::Schema => print(&schema::json_schema()),
        Command::Init(args) => init::run(args),
        Command::Man(args) => man::run(args),
    }
}

fn load_canon(arg: &CanonArg) -> Result<Canon, Failure> {
    match &arg.path {
        Some(path) => Ok(Canon::load(path)?),
        None => Ok(Canon::builtin()),
    }
}

fn load_model(path: &Path, canon: &Canon) -> Result<Model, Failure> {
    Ok(orgraph::model::load(path, canon)?)
}

/// Loads every model; if any fails, reports all failures together (exit 2).
fn load_models(paths: &[PathBuf], canon: &Canon) -> Result<Vec<Model>, Failure> {
    let mut models = Vec::new();
    let mut errors = String::new();
    for path in paths {
        match orgraph::model::load(path, canon) {
            Ok(model) => models.push(model),
            Err(error) => errors.push_str(&error.render(true)),
        }
    }
    if errors.is_empty() {
        Ok(models)
    } else {
        Err(Failure::input(errors))
    }
}

fn json<T: serde::Serialize>(value: &T) -> String {
    // Serializing our own plain data types to a string cannot fail.
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes results to stdout; a closed pipe (`orgraph ... | head`) ends quietly.
fn print(text: &str) -> Result<u8, Failure> {
    write_out(&mut anstream::stdout().lock(), text.as_bytes())
}

/// Streams results to stdout through a buffer as `write` produces them, untouched (JSON, SARIF,
/// JUnit, DOT, PNG: no colour to strip): a large output is never held whole in memory.
fn stream(
    write: impl FnOnce(&mut std::io::BufWriter<std::io::StdoutLock<'static>>) -> std::io::Result<()>,
) -> Result<u8, Failure> {
    stream_to(std::io::stdout().lock(), write)
}

/// [`stream`] for text a person reads: colour codes are stripped when stdout is no terminal.
fn stream_text(
    write: impl FnOnce(
        &mut std::io::BufWriter<anstream::AutoStream<std::io::StdoutLock<'static>>>,
    ) -> std::io::Result<()>,
) -> Result<u8, Failure> {
    stream_to(anstream::stdout().lock(), write)
}

fn stream_to<W: Write>(
    sink: W,
    write: impl FnOnce(&mut std::io::BufWriter<W>) -> std::io::Result<()>,
) -> Result<u8, Failure> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, sink);
    written(write(&mut out).and_then(|()| out.flush()))
}

fn write_out(out: &mut impl Write, bytes: &[u8]) -> Result<u8, Failure> {
    written(out.write_all(bytes).and_then(|()| out.flush()))
}

/// How writing the results ended; a closed pipe (`orgraph ... | head`) ends quietly.
fn written(result: std::io::Result<()>) -> Result<u8, Failure> {
    match result {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure::input(
            format!("error: cannot write output: {error}\n"),
        )),
        _ => Ok(0),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}

use super::{CanonArg, Failure, load_canon, load_models, stream, stream_text};
use clap::{Args, ValueEnum};
use orgraph::check::{self, Check, CheckOptions, Overrides};
use orgraph::report::{self, Checked};
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Model files (.toml, .json, .yaml)
    #[arg(required = true)]
    models: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Report CHECK as an error (exit 1); `--deny warnings` does it for every warning
    #[arg(long, value_name = "CHECK", value_parser = parse_deny)]
    deny: Vec<DenyArg>,
    /// Report CHECK as a warning
    #[arg(long, value_name = "CHECK", value_parser = parse_check)]
    warn: Vec<Check>,
    /// Do not run CHECK
    #[arg(long, value_name = "CHECK", value_parser = parse_check)]
    allow: Vec<Check>,
    /// Same as `--deny warnings`
    #[arg(long)]
    strict: bool,
    /// Run only CHECK (repeatable, or comma-separated); the exit code comes from these alone
    #[arg(long, value_name = "CHECK", value_delimiter = ',', value_parser = parse_check)]
    only: Vec<Check>,
    #[command(flatten)]
    canon: CanonArg,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Human,
    Json,
    Sarif,
    Junit,
}

#[derive(Clone, Copy, Debug)]
pub enum DenyArg {
    Check(Check),
    Warnings,
}

/// A check code, or an error with the closest code, as clap shows it (exit 2).
pub fn parse_check(code: &str) -> Result<Check, String> {
    Check::from_code(code).ok_or_else(|| {
        let codes = Check::ALL.iter().map(|c| c.code());
        match orgraph::model::did_you_mean(code, codes) {
            Some(close) => format!("unknown check `{code}`; did you mean `{close}`? (`orgraph explain` lists every check)"),
            None => format!("unknown check `{code}`; `orgraph explain` lists every check"),
        }
    })
}

fn parse_deny(code: &str) -> Result<DenyArg, String> {
    if code == "warnings" {
        Ok(DenyArg::Warnings)
    } else {
        parse_check(code).map(DenyArg::Check)
    }
}

pub fn run(args: CheckArgs, color: bool) -> Result<u8, Failure> {
    let canon = load_canon(&args.canon)?;
    let models = load_models(&args.models, &canon)?;
    let options = CheckOptions {
        canon,
        overrides: overrides(&args),
    };
    let reports: Vec<check::Report> = models
        .iter()
        .map(|model| orgraph::check(model, &options))
        .collect();
    let checked: Vec<Checked> = models
        .iter()
        .zip(&reports)
        .map(|(model, report)| Checked::new(model, report))
        .collect();
    match args.format {
        Format::Human => stream_text(|out| report::human(&checked, color, out)),
        Format::Json => stream(|out| report::json(&checked, out)),
        Format::Sarif => stream(|out| report::sarif(&checked, out)),
        Format::Junit => stream(|out| report::junit(&checked, out)),
    }?;
    let denied = reports.iter().any(|report| report.summary().deny > 0);
    // The process ends next: freeing a million roles and findings one by one is work the
    // system does at once when it exits.
    std::mem::forget(reports);
    std::mem::forget(models);
    Ok(u8::from(denied))
}

/// The levels the command line sets: `--allow`, `--warn`, `--deny`, `--strict`, `--only`.
fn overrides(args: &CheckArgs) -> Overrides {
    Overrides {
        allow: args.allow.clone(),
        warn: args.warn.clone(),
        deny: args
            .deny
            .iter()
            .filter_map(|d| match d {
                DenyArg::Check(check) => Some(*check),
                DenyArg::Warnings => None,
            })
            .collect(),
        deny_warnings: args.strict || args.deny.iter().any(|d| matches!(d, DenyArg::Warnings)),
        only: args.only.clone(),
    }
}

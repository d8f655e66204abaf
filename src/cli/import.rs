//! `orgraph import`: turns an HR export, a Backstage catalog or a RACI matrix into model files.
//! The library reads and converts; here the warnings are printed and the files written.

use super::output::write_file;
use super::{CanonArg, Failure, load_canon, print};
use clap::{Args, Subcommand};
use orgraph::import::{self, ImportError, Imported, Progress};
use orgraph::model::schema::ModelFile;
use orgraph::output::{Inputs, Written};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

pub const AFTER_HELP: &str = "Examples:\n  \
    orgraph import csv people.csv                           # output/people.toml\n  \
    orgraph import csv people.csv --rules models/rules/gitlab-stage-group.toml -o org.toml\n  \
    orgraph import csv hris.csv --id \"Worker ID\" --manager \"Manager Worker ID\" -o -\n  \
    orgraph import backstage catalog/org.yaml catalog/users.yaml -o org.toml\n  \
    orgraph import raci raci.xlsx --sheet \"MVP Best Practice\" -o raci.json\n  \
    orgraph import raci alignment.csv --split structure -o alignment/\n\n\
    The written model loads as it is: `orgraph check output/people.toml`. Warnings (what the\n\
    import guessed or dropped) go to stderr with the input's file:line; an input that cannot be\n\
    used exits 2 and nothing is written.";

#[derive(Args, Debug)]
pub struct ImportArgs {
    #[command(subcommand)]
    source: Source,
}

#[derive(Subcommand, Debug)]
enum Source {
    /// An HR system's CSV export, one row per person, to an org chart
    #[command(after_help = CSV_HELP)]
    Csv(CsvArgs),
    /// Backstage catalog files: groups to roles, users to the people who fill them
    #[command(
        after_help = "Examples:\n  orgraph import backstage catalog/org.yaml\n  orgraph import backstage groups.yaml users.yaml -o org.toml"
    )]
    Backstage(BackstageArgs),
    /// A RACI matrix (CSV, Markdown, XLSX) to roles and the items they own
    #[command(after_help = RACI_HELP)]
    Raci(RaciArgs),
}

const RACI_HELP: &str = "Cells are A, R, C, I, their words (Accountable, ...) or combinations (A/R, \"A, R\", R,A,C,I).\n\n\
    Examples:\n  \
    orgraph import raci raci.csv                            # output/raci.toml\n  \
    orgraph import raci handbook.md -o raci.toml            # the first RACI table in the file\n  \
    orgraph import raci template.xlsx --sheet \"MVP Best Practice\"\n  \
    orgraph import raci alignment.csv --split structure -o alignment/   # one model per structure";

#[derive(Args, Debug)]
struct RaciArgs {
    /// The matrix: .csv (or ;/tab separated), .md (pipe or HTML tables), .xlsx
    file: PathBuf,
    /// The workbook sheet [default: the first that holds a matrix]
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// Write one model per value of this column of a long form, into the directory -o DIR
    #[arg(long, value_name = "COL")]
    split: Option<String>,
    /// The input's encoding when it is not UTF-8 (a WHATWG label: windows-1252, latin1, utf-16le, ...)
    #[arg(long, value_name = "ENC")]
    encoding: Option<String>,
    /// Where to write: MODEL (.toml, .json, .yaml), `-` for TOML on stdout, or with --split a
    /// directory [default: output/<input-stem>.toml, or output/<input-stem>/ with --split]
    #[arg(short = 'o', long = "output", value_name = "MODEL|DIR|-")]
    output: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct BackstageArgs {
    /// Catalog files (multi-document YAML); `Group` and `User` entities are read
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Where to write: MODEL (.toml, .json, .yaml), or `-` for TOML on stdout [default: output/<first-file-stem>.toml]
    #[arg(short = 'o', long = "output", value_name = "MODEL|-")]
    output: Option<PathBuf>,
}

const CSV_HELP: &str = "Columns are found by header name (case, spaces, `_` and `-` ignored):\n  \
    id       id, employee id, employee number, emp id, user id, worker id\n  \
    manager  manager, manager id, reports to, parent id, supervisor id, line manager id\n  \
    title    title, job title, position, position name, role, job\n  \
    name     name, full name, employee name, display name, or first name + last name\n  \
    team     team, department(s), department name, area, division (the first of `a;b`)\n\n\
    Examples:\n  \
    orgraph import csv people.csv\n  \
    orgraph import csv people.csv --rules models/rules/gitlab-stage-group.toml\n  \
    orgraph import csv hris.csv --id \"Worker ID\" --manager \"Manager Worker ID\" -o org.toml\n  \
    orgraph import csv export.csv --encoding windows-1252 --no-group -o org.json";

#[derive(Args, Debug)]
struct CsvArgs {
    /// The CSV export (`,`, `;` or tab separated; the first row is the header)
    file: PathBuf,
    /// The column of each person's id
    #[arg(long, value_name = "COL")]
    id: Option<String>,
    /// The column of the manager's id
    #[arg(long, value_name = "COL")]
    manager: Option<String>,
    /// The column of the job title
    #[arg(long, value_name = "COL")]
    title: Option<String>,
    /// The column of the person's name
    #[arg(long, value_name = "COL")]
    name: Option<String>,
    /// The column of the team or department
    #[arg(long, value_name = "COL")]
    team: Option<String>,
    /// One role per row, instead of one role for the seats that share a title and a manager
    #[arg(long)]
    no_group: bool,
    /// Title rules: a regex on each title gives archetype, track and responsibilities (see models/rules/)
    #[arg(long, value_name = "RULES")]
    rules: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
    #[command(flatten)]
    canon: CanonArg,
}

/// Flags every text import has.
#[derive(Args, Debug)]
struct Common {
    /// The input's encoding when it is not UTF-8 (a WHATWG label: windows-1252, latin1, utf-16le, ...)
    #[arg(long, value_name = "ENC")]
    encoding: Option<String>,
    /// Where to write: MODEL (.toml, .json, .yaml), or `-` for TOML on stdout [default: output/<input-stem>.toml]
    #[arg(short = 'o', long = "output", value_name = "MODEL|-")]
    output: Option<PathBuf>,
}

pub fn run(args: ImportArgs, color: bool) -> Result<u8, Failure> {
    let input = match &args.source {
        Source::Csv(args) => args.file.clone(),
        Source::Raci(args) => args.file.clone(),
        Source::Backstage(args) => args.files[0].clone(),
    };
    with_progress(&input, |progress| import_from(args.source, color, progress))
}

fn import_from(source: Source, color: bool, progress: &Progress) -> Result<u8, Failure> {
    match source {
        Source::Csv(args) => {
            let canon = load_canon(&args.canon)?;
            let output = output_path(&args.common.output, &args.file)?;
            let imported = {
                let options = import::csv::Options {
                    columns: import::csv::Columns {
                        id: args.id,
                        manager: args.manager,
                        title: args.title,
                        name: args.name,
                        team: args.team,
                    },
                    group: !args.no_group,
                    encoding: args.common.encoding.as_deref(),
                    rules: args.rules.as_deref(),
                    progress: Some(progress),
                };
                import::csv::import(&args.file, &options, &canon)
            }
            .map_err(failure)?;
            let inputs: Vec<PathBuf> = std::iter::once(args.file)
                .chain(args.rules)
                .chain(args.canon.path)
                .collect();
            finish(imported, &output, &inputs, color)
        }
        Source::Raci(args) => {
            let options = import::raci::Options {
                sheet: args.sheet.as_deref(),
                split: args.split.as_deref(),
                encoding: args.encoding.as_deref(),
            };
            if args.split.is_none() {
                let output = output_path(&args.output, &args.file)?;
                let imported = import::raci::import(&args.file, &options).map_err(failure)?;
                return finish(imported, &output, &[args.file], color);
            }
            let dir = split_dir(&args.output, &args.file)?;
            let imported = import::raci::import(&args.file, &options).map_err(failure)?;
            finish_split(imported, &dir, &[args.file], color)
        }
        Source::Backstage(args) => {
            let output = output_path(&args.output, &args.files[0])?;
            let paths: Vec<&Path> = args.files.iter().map(PathBuf::as_path).collect();
            let imported = import::backstage::import(&paths).map_err(failure)?;
            finish(imported, &output, &args.files, color)
        }
    }
}

fn failure(error: ImportError) -> Failure {
    Failure::input(error.render(true))
}

/// Runs `work`; if it takes more than a second, a line on stderr says how far it got.
fn with_progress<T>(input: &Path, work: impl FnOnce(&Progress) -> T) -> T {
    let progress = Progress::default();
    let (done, wait) = mpsc::channel::<()>();
    std::thread::scope(|scope| {
        let progress = &progress;
        scope.spawn(move || {
            let terminal = std::io::stderr().is_terminal();
            let mut shown = false;
            while let Err(RecvTimeoutError::Timeout) = wait.recv_timeout(Duration::from_secs(1)) {
                let mut line = format!("importing {}", input.display());
                if progress.rows() > 0 {
                    line.push_str(&format!(": {} rows read", progress.rows()));
                }
                if progress.building() {
                    line.push_str("; making and writing the model");
                }
                if terminal {
                    eprint!("\r{line}");
                } else {
                    eprintln!("{line}");
                }
                shown = true;
            }
            if shown && terminal {
                eprintln!();
            }
        });
        let result = work(progress);
        drop(done);
        result
    })
}

/// Prints the warnings, then writes the model.
fn finish(imported: Imported, path: &Path, inputs: &[PathBuf], color: bool) -> Result<u8, Failure> {
    print_warnings(&imported, color);
    let [named] = imported.models.as_slice() else {
        return Err(Failure::input(
            "error: this import makes several models; write them with `-o DIR`\n".to_string(),
        ));
    };
    let mut read = Inputs::new();
    for input in inputs {
        read.add(input);
    }
    write_model(&named.model, path, &read)
}

/// The warnings on stderr: the first ones, and how many more there were.
fn print_warnings(imported: &Imported, color: bool) {
    const SHOWN: usize = 50;
    let warnings = &imported.warnings;
    let mut rendered = orgraph::diag::render(
        &imported.sources,
        &warnings[..warnings.len().min(SHOWN)],
        color,
    );
    if warnings.len() > SHOWN {
        rendered.push_str(&format!(
            "warning: {} more warnings not shown\n\n",
            warnings.len() - SHOWN
        ));
    }
    let _ = std::io::Write::write_all(&mut anstream::stderr(), rendered.as_bytes());
}

/// `-o DIR` for `--split`, or `output/<input-stem>/`.
fn split_dir(output: &Option<PathBuf>, input: &Path) -> Result<PathBuf, Failure> {
    match output {
        Some(dir) if dir == Path::new("-") => Err(Failure::input(
            "error: `--split` writes several models: give a directory with `-o DIR`, not `-`\n"
                .to_string(),
        )),
        Some(dir) => Ok(dir.clone()),
        None => {
            let stem = input
                .file_stem()
                .map_or("import".into(), |s| s.to_string_lossy().into_owned());
            Ok(Path::new("output").join(stem))
        }
    }
}

/// Prints the warnings, then writes each model as `DIR/<slug of its value>.toml`.
fn finish_split(
    imported: Imported,
    dir: &Path,
    inputs: &[PathBuf],
    color: bool,
) -> Result<u8, Failure> {
    print_warnings(&imported, color);
    if dir.is_file() {
        return Err(Failure::input(format!(
            "error: `{}` is a file; `--split` writes several models into a directory\n",
            dir.display()
        )));
    }
    let mut read = Inputs::new();
    for input in inputs {
        read.add(input);
    }
    let mut taken = std::collections::HashSet::new();
    let mut files = Vec::new();
    for named in &imported.models {
        let value = named.split.as_deref().unwrap_or_default();
        let base = match import::slug(value) {
            slug if slug.is_empty() => "model".to_string(),
            slug => slug,
        };
        let mut stem = base.clone();
        let mut n = 1;
        while !taken.insert(stem.clone()) {
            n += 1;
            stem = format!("{base}-{n}");
        }
        files.push((dir.join(format!("{stem}.toml")), &named.model));
    }
    for (path, model) in files {
        write_model(model, &path, &read)?;
    }
    Ok(0)
}

/// `-o`, or `output/<input-stem>.toml`; refused before any work when its syntax is unknown.
fn output_path(output: &Option<PathBuf>, input: &Path) -> Result<PathBuf, Failure> {
    let path = output.clone().unwrap_or_else(|| {
        let stem = input
            .file_stem()
            .map_or("import".into(), |s| s.to_string_lossy().into_owned());
        Path::new("output").join(format!("{stem}.toml"))
    });
    syntax(&path)?;
    Ok(path)
}

#[derive(Clone, Copy)]
enum Syntax {
    Toml,
    Json,
    Yaml,
}

/// The syntax `path` asks for: by extension; TOML for `-`.
fn syntax(path: &Path) -> Result<Syntax, Failure> {
    match path.extension().and_then(|e| e.to_str()) {
        _ if path == Path::new("-") => Ok(Syntax::Toml),
        Some("toml") => Ok(Syntax::Toml),
        Some("json") => Ok(Syntax::Json),
        Some("yaml" | "yml") => Ok(Syntax::Yaml),
        _ => Err(Failure::input(format!(
            "error: cannot write a model to `{}`: name it .toml, .json or .yaml (the extension chooses the syntax), or `-` for stdout\n",
            path.display()
        ))),
    }
}

/// Writes one model to `path` in the syntax its extension names; `-` is TOML on stdout.
fn write_model(model: &ModelFile, path: &Path, inputs: &Inputs) -> Result<u8, Failure> {
    let text = serialize(model, path)?;
    if path == Path::new("-") {
        return print(&text);
    }
    if let Written::File(_) = write_file(path, inputs, text.as_bytes())? {
        eprintln!("wrote {}: {}", path.display(), summary(model));
    }
    Ok(0)
}

fn summary(model: &ModelFile) -> String {
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let external = model.role.iter().filter(|r| r.external).count();
    let mut summary = count(model.role.len() - external, "role", "roles");
    if external > 0 {
        summary.push_str(&format!(" and {external} external"));
    }
    for (n, one, many) in [
        (model.person.len(), "person", "people"),
        (model.scope.len(), "scope", "scopes"),
        (model.kind.len(), "kind", "kinds"),
    ] {
        if n > 0 {
            summary.push_str(&format!(", {}", count(n, one, many)));
        }
    }
    summary
}

fn serialize(model: &ModelFile, path: &Path) -> Result<String, Failure> {
    let text = match syntax(path)? {
        Syntax::Toml => toml::to_string(model).map_err(|e| e.to_string()),
        Syntax::Json => serde_json::to_string_pretty(model).map_err(|e| e.to_string()),
        Syntax::Yaml => serde_saphyr::to_string(model).map_err(|e| e.to_string()),
    };
    let mut text =
        text.map_err(|e| Failure::input(format!("error: cannot write the model: {e}\n")))?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

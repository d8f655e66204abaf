//! `orgraph init`: a starter model from a template. The templates are the shipped models, so
//! each is checked by the tests like every shipped model; only the enterprise one is its own file,
//! as `models/enterprise.toml` carries deliberate flaws to show what the checks find.

use super::output::write_file;
use super::{Failure, print};
use clap::{Args, ValueEnum};
use orgraph::model::Format;
use orgraph::output::Inputs;
use std::path::{Path, PathBuf};

/// Where `init` writes without a PATH, and the file name it uses inside a directory.
pub const DEFAULT_PATH: &str = "orgraph.toml";

pub const AFTER_HELP: &str = "Examples:\n  orgraph init                                  # orgraph.toml from the startup template\n  orgraph init --template enterprise org.toml\n  orgraph init --list\n  orgraph init --template product-org - | less   # print it instead";

#[derive(Args, Debug)]
pub struct InitArgs {
    /// The template to start from
    #[arg(long, value_enum, default_value_t = Template::Startup)]
    template: Template,
    /// List the templates, one line each, and write nothing
    #[arg(long, conflicts_with_all = ["template", "path"])]
    list: bool,
    /// The model file to write (.toml; `-` for stdout; a directory: orgraph.toml in it); never
    /// an existing file [default: orgraph.toml]
    path: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Template {
    /// The source document's seven roles, one to one
    ProductOrg,
    /// Five people, one product, founders with several hats
    Startup,
    /// Three product lines, CPO, CMO, COO and CTO organizations, a matrix
    Enterprise,
    /// A services firm: a business analyst owns each client's requirements
    ServiceCompany,
}

impl Template {
    fn text(self) -> &'static str {
        match self {
            Template::ProductOrg => include_str!("../../models/product-org.toml"),
            Template::Startup => include_str!("../../models/startup.toml"),
            Template::Enterprise => include_str!("../../templates/enterprise.toml"),
            Template::ServiceCompany => include_str!("../../models/service-company.toml"),
        }
    }

    fn name(self) -> String {
        self.to_possible_value()
            .map(|value| value.get_name().to_string())
            .unwrap_or_default()
    }

    fn summary(self) -> String {
        self.to_possible_value()
            .and_then(|value| value.get_help().map(ToString::to_string))
            .unwrap_or_default()
    }
}

pub fn run(args: InitArgs) -> Result<u8, Failure> {
    if args.list {
        return print(&list());
    }
    let path = match args.path {
        None => PathBuf::from(DEFAULT_PATH),
        Some(dir) if dir.is_dir() => dir.join(DEFAULT_PATH),
        Some(path) => path,
    };
    if path == Path::new("-") {
        return print(&starter(args.template, "MODEL.toml"));
    }
    let fail = |message: String| Err(Failure::input(format!("error: {message}\n")));
    // The loader's own test of the syntax, so that what init writes, check reads.
    if Format::from_path(&path) != Some(Format::Toml) {
        return fail(format!(
            "`{}` is not a .toml file: `orgraph init` writes TOML, with the template's comments; \
             name it .toml (for JSON, then run `orgraph export FILE.toml --format json -o FILE.json`)",
            path.display()
        ));
    }
    // A file, a directory or a dangling symlink: whatever is there stays as it is.
    if path.symlink_metadata().is_ok() {
        return fail(format!(
            "`{}` already exists; `orgraph init` never overwrites a file: give another path, \
             e.g. `orgraph init org.toml`",
            path.display()
        ));
    }
    let shown = path.display().to_string();
    write_file(
        &path,
        &Inputs::new(),
        starter(args.template, &shown).as_bytes(),
    )?;
    print(&format!(
        "wrote {shown} from the `{}` template; next: orgraph check {shown}\n",
        args.template.name()
    ))
}

/// The templates, one line each, the default marked.
fn list() -> String {
    let width = Template::value_variants()
        .iter()
        .map(|t| t.name().len())
        .max()
        .unwrap_or(0);
    Template::value_variants()
        .iter()
        .map(|&template| {
            let default = if template == Template::Startup {
                " (default)"
            } else {
                ""
            };
            format!(
                "{:width$}  {}{default}\n",
                template.name(),
                template.summary()
            )
        })
        .collect()
}

/// The template's model under a comment that says how to go on; `path` is the file's name in
/// that comment. The template's own `#:schema` line points into orgraph's repository, so it goes.
fn starter(template: Template, path: &str) -> String {
    let text = template.text();
    let model = match text.split_once('\n') {
        Some((first, rest)) if first.starts_with("#:schema ") => rest,
        _ => text,
    };
    let name = template.name();
    let commands = [
        (
            format!("orgraph check {path}"),
            "gaps, duplicate owners, cycles, overloaded people and roles",
        ),
        (format!("orgraph export {path}"), "draw the org chart"),
        (
            "orgraph explain CODE".to_string(),
            "what a finding means and how to fix it",
        ),
    ];
    let width = commands.iter().map(|(c, _)| c.len()).max().unwrap_or(0);
    let commands: String = commands
        .iter()
        .map(|(command, what)| format!("#   {command:width$}  {what}\n"))
        .collect();
    format!(
        "\
# An orgraph model, started from the `{name}` template (`orgraph init --template {name}`).
# Describe your organization, then:
{commands}#
# [[role]]    id and title; optional: archetype (`orgraph archetypes`), track (\"ic\" or
#             \"manager\"), reports_to (a role id), dotted_to, team, external. What the role
#             holds: owns (accountable), responsible, consulted, informed, each a list of \"KIND\"
#             (on every scope) or \"KIND@SCOPE\". Kinds: what, how, strategy, execution, market,
#             customers, and those declared in [[kind]] tables.
# [[scope]]   what responsibilities are held on (products, product lines); default: `product`.
# [[person]]  id, name, fills = [role ids]: one person may fill several roles.
# [policy]    the kinds every scope needs an owner for, and the limits the checks use.
# [checks]    a level per check code: \"allow\", \"warn\" or \"deny\" (`orgraph explain` lists them).
#
# Completion and validation in editors: `orgraph schema > orgraph.schema.json`, then make
# `#:schema ./orgraph.schema.json` the first line of this file.

{model}"
    )
}

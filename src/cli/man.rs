//! `orgraph man`: roff man pages made from the command-line definition, so they say what
//! `--help` says. One page per command, as git and cargo do: `orgraph(1)` lists the subcommands,
//! `orgraph-check(1)` and the others give each one's options.

use super::output::write_file;
use super::{Cli, Failure, print};
use clap::{Args, CommandFactory};
use orgraph::output::{Inputs, Written};
use std::path::{MAIN_SEPARATOR, PathBuf};

pub const AFTER_HELP: &str = "Examples:\n  orgraph man | man -l -                        # read the main page\n  orgraph man check | man -l -                  # the page of `orgraph check`\n  orgraph man -o ~/.local/share/man/man1        # install every page (the directory must exist)";

#[derive(Args, Debug)]
pub struct ManArgs {
    /// One page: a subcommand such as `check` or `import-csv` [default: the main page, or every
    /// page with `-o DIR`]
    page: Option<String>,
    /// Write to a file, or into an existing directory (every page, or PAGE) named
    /// `orgraph.1`, `orgraph-check.1`, ...; default: stdout
    #[arg(short, long, value_name = "DIR|FILE")]
    output: Option<PathBuf>,
}

/// A man page: its file name (`orgraph-check.1`) and roff text.
struct Page {
    file: String,
    roff: Vec<u8>,
}

pub fn run(args: ManArgs) -> Result<u8, Failure> {
    let all = pages()?;
    let into_dir = args.output.as_ref().filter(|path| {
        path.is_dir() || path.as_os_str().to_string_lossy().ends_with(MAIN_SEPARATOR)
    });
    let chosen: Vec<&Page> = match (&args.page, into_dir) {
        (Some(name), _) => vec![find(&all, name)?],
        (None, Some(_)) => all.iter().collect(),
        (None, None) => all.iter().take(1).collect(),
    };
    let Some(output) = args.output.as_ref().filter(|p| p.as_os_str() != "-") else {
        return chosen
            .iter()
            .try_for_each(|page| print(&String::from_utf8_lossy(&page.roff)).map(|_| ()))
            .map(|()| 0);
    };
    let mut written = String::new();
    for page in chosen {
        let path = match into_dir {
            Some(dir) => dir.join(&page.file),
            None => output.clone(),
        };
        if let Written::File(_) = write_file(&path, &Inputs::new(), &page.roff)? {
            written.push_str(&format!("{}\n", path.display()));
        }
    }
    print(&written)
}

/// Every page: the main one first, then each subcommand's, depth first, in `--help` order.
fn pages() -> Result<Vec<Page>, Failure> {
    let mut root = Cli::command().disable_help_subcommand(true);
    // Building names the subcommands `orgraph-check` and so on, the pages' names.
    root.build();
    let mut pages = Vec::new();
    let mut stack = vec![root];
    while let Some(command) = stack.pop() {
        let subcommands: Vec<clap::Command> = command
            .get_subcommands()
            .filter(|sub| !sub.is_hide_set())
            .cloned()
            .collect();
        stack.extend(subcommands.into_iter().rev());
        let man = clap_mangen::Man::new(command);
        let mut roff = Vec::new();
        man.render(&mut roff).map_err(|error| {
            Failure::input(format!("error: cannot render the man page: {error}\n"))
        })?;
        pages.push(Page {
            file: man.get_filename(),
            roff,
        });
    }
    Ok(pages)
}

/// The page named `check`, `orgraph-check` or `orgraph-check.1`.
fn find<'p>(pages: &'p [Page], name: &str) -> Result<&'p Page, Failure> {
    let stem = |page: &'p Page| page.file.trim_end_matches(".1");
    pages
        .iter()
        .find(|&page| {
            let stem = stem(page);
            stem == name || page.file == name || stem.strip_prefix("orgraph-") == Some(name)
        })
        .ok_or_else(|| {
            let names: Vec<&str> = pages
                .iter()
                .map(|page| stem(page).strip_prefix("orgraph-").unwrap_or("orgraph"))
                .collect();
            Failure::input(format!(
                "error: no man page `{name}`; the pages are: {}\n",
                names.join(", ")
            ))
        })
}

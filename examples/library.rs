// orgraph as a library: load a model, check it, report the findings as `orgraph check` does,
// and draw the org chart. The README's "Using orgraph as a library" is this file;
// `cargo run --example library` runs it on the shipped startup model.

use orgraph::check::CheckOptions;
use orgraph::export::{self, Engine, Options, View};
use orgraph::report::{self, Checked};
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The built-in canon of archetypes and every check at its default level.
    let options = CheckOptions::default();
    // A file that cannot be used is an error whose Display is the located diagnostics.
    let model = orgraph::load(Path::new("models/startup.toml"), &options.canon)?;

    // The findings are data: a check code, a level, the roles and people involved; the message
    // is written from them and the model.
    let checked = orgraph::check(&model, &options);
    for finding in &checked.findings {
        let (level, code) = (finding.level.name(), finding.check.code());
        println!("{level} {code}: {}", finding.message(&model));
    }
    let summary = checked.summary();
    println!("{} errors, {} warnings", summary.deny, summary.warn);

    // Or the text `orgraph check` prints (also `report::json`, `report::sarif`, `report::junit`).
    report::human(
        &[Checked::new(&model, &checked)],
        false,
        &mut std::io::stdout().lock(),
    )?;

    // The org chart as SVG, from the built-in layout (no Graphviz needed), findings drawn on it.
    let svg = export::export(
        &model,
        &checked.findings,
        &Options::new(View::Org),
        export::Format::Svg,
        Engine::Builtin,
    )?;
    std::fs::write("startup-org.svg", svg)?;
    Ok(())
}

//! Every view of every shipped model and fixture is accepted by real Graphviz, silently.

mod common;

use orgraph::export::{Diagram, Options, View, dot};
use std::io::Write;
use std::process::{Command, Stdio};

#[test]
fn graphviz_accepts_every_view_without_a_warning() {
    if !common::dot_available() {
        eprintln!(
            "SKIPPED: Graphviz `dot` is not on the PATH; install graphviz to run this test (CI does)"
        );
        return;
    }
    let models = common::all_models();
    assert!(models.len() >= 3, "found {models:?}");
    for path in models {
        let model = common::load(&path);
        for view in View::ALL {
            let text = dot::render(&Diagram::new(&model, &[], &Options::new(view)));
            let mut child = Command::new("dot")
                .arg("-Tsvg")
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("dot runs");
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(text.as_bytes())
                .expect("write to dot");
            let output = child.wait_with_output().expect("dot ends");
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(
                output.status.success() && stderr.is_empty(),
                "{} --view {}: dot said:\n{stderr}",
                path.display(),
                view.name()
            );
            assert!(!output.stdout.is_empty());
        }
    }
}

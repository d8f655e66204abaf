//! `orgraph export` end to end: output paths, stdout, atomic writes, refusals, exit codes.

mod common;

use common::{orgraph, scratch};
use std::path::Path;

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("readable")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn default_path_is_printed_and_written_atomically() {
    let dir = scratch();
    let output = orgraph(dir.path())
        .args(["export", "org.toml", "--format", "dot"])
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!("{}\n", Path::new("output").join("org-org.dot").display())
    );
    // Nothing but the result: no temporary file is left behind.
    assert_eq!(files_in(&dir.path().join("output")), ["org-org.dot"]);
    let text = std::fs::read_to_string(dir.path().join("output/org-org.dot")).expect("written");
    assert!(text.starts_with("digraph orgraph {"));

    // Writing again replaces the file whole.
    orgraph(dir.path())
        .args(["export", "org.toml", "--format", "dot"])
        .assert()
        .success();
    assert_eq!(files_in(&dir.path().join("output")), ["org-org.dot"]);
}

#[test]
fn dash_writes_to_stdout_and_other_formats_work() {
    let dir = scratch();
    let run = |args: &[&str]| {
        let output = orgraph(dir.path())
            .args(["export", "org.toml"])
            .args(args)
            .args(["-o", "-"])
            .output()
            .expect("runs");
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("text")
    };
    assert!(run(&["--format", "mermaid", "--view", "full"]).starts_with("flowchart TB\n"));
    let csv = run(&["--format", "raci-csv"]);
    // Only what someone holds (lead-y holds nothing, `market` nobody), no `@product` on a
    // model of one scope.
    assert_eq!(
        csv,
        "item,CEO,Product Manager A,Product Manager B,Lead X\n\
         what,,A,A,\nhow,,,A,\nstrategy,A,,,\nexecution,,,,A\ncustomers,A,,,\n"
    );
    assert!(run(&["--format", "raci-md"]).contains("| what |  | A | A |  |\n"));
    let json: serde_json::Value = serde_json::from_str(&run(&["--format", "json"])).expect("json");
    assert_eq!(json["role"][1]["id"], "pm-a");
    assert!(run(&["--format", "svg", "--engine", "builtin"]).contains("<svg xmlns="));
    assert!(
        files_in(dir.path()) == ["org.toml"],
        "stdout output writes no file"
    );
}

#[test]
fn refuses_to_write_over_the_model() {
    let dir = scratch();
    let before = std::fs::read(dir.path().join("org.toml")).expect("model");
    let output = orgraph(dir.path())
        .args(["export", "org.toml", "--format", "json", "-o", "./org.toml"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("refusing to write over the input file")
    );
    assert_eq!(
        std::fs::read(dir.path().join("org.toml")).expect("model"),
        before
    );
}

#[test]
fn bad_focus_or_kind_is_a_usage_error() {
    let dir = scratch();
    let output = orgraph(dir.path())
        .args(["export", "org.toml", "--focus", "cto"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .starts_with("error: no role with the id, title or team `cto` in the model")
    );
    let output = orgraph(dir.path())
        .args(["export", "org.toml", "--kinds", "what,wat"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("did you mean `what`?"));
    assert!(
        !dir.path().join("output").exists(),
        "nothing is written on exit 2"
    );
}

/// Without Graphviz (a PATH without `dot`), SVG and PNG are drawn by the built-in engine, the
/// PNG with the font the binary carries: a real image, with the title's text in its place.
#[test]
fn png_without_graphviz_is_a_real_image_with_text() {
    let dir = scratch();
    let output = orgraph(dir.path())
        .env("PATH", "")
        .args(["export", "org.toml", "--format", "png", "-o", "-"])
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let image = resvg::tiny_skia::Pixmap::decode_png(&output.stdout).expect("a PNG");
    // The built-in layout's page at the default scale, 2.
    let svg = orgraph(dir.path())
        .env("PATH", "")
        .args(["export", "org.toml", "-o", "-"])
        .output()
        .expect("runs");
    let layout_width = page_width(&String::from_utf8_lossy(&svg.stdout));
    assert_eq!(f64::from(image.width()), layout_width * 2.0);
    // The title's baseline is 36 px down at 18 px (scaled twice): its letters are dark pixels
    // in the band above it, and the band's left margin is white.
    let dark = |x: u32, y: u32| {
        let pixel = image.pixel(x, y).expect("inside the image");
        u32::from(pixel.red()) + u32::from(pixel.green()) + u32::from(pixel.blue()) < 300
    };
    let title_band = (44..72).flat_map(|y| (40..400).map(move |x| (x, y)));
    let inked = title_band.filter(|&(x, y)| dark(x, y)).count();
    assert!(inked > 300, "only {inked} dark pixels where the title is");
    assert!(
        (0..30).all(|x| (0..30).all(|y| !dark(x, y))),
        "the margin is white"
    );
}

/// The `width` attribute of an SVG document's root.
fn page_width(svg: &str) -> f64 {
    let start = svg.find(" width=\"").expect("a width") + 8;
    let end = start + svg[start..].find('"').expect("a quote");
    svg[start..end].parse().expect("a number")
}

#[test]
fn pdf_and_the_graphviz_engine_without_graphviz_say_what_to_do() {
    let dir = scratch();
    let refused = |args: &[&str]| {
        let output = orgraph(dir.path())
            .env("PATH", "")
            .args(["export", "org.toml"])
            .args(args)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty());
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    assert_eq!(
        refused(&["--format", "pdf"]),
        "error: pdf output needs Graphviz `dot` on the PATH: install Graphviz (apt-get install \
         graphviz, brew install graphviz), or draw svg or png with the built-in engine\n"
    );
    assert_eq!(
        refused(&["--format", "png", "--engine", "graphviz"]),
        "error: --engine graphviz needs Graphviz `dot` on the PATH: install Graphviz (apt-get \
         install graphviz, brew install graphviz), or leave out --engine: the built-in engine \
         draws png without it\n"
    );
    // Whether Graphviz is installed or not, the built-in engine makes no PDF.
    assert_eq!(
        refused(&["--format", "pdf", "--engine", "builtin"]),
        "error: the built-in engine draws svg and png, not pdf: use --engine graphviz for pdf \
         (needs Graphviz `dot`), or --format png or svg\n"
    );
    assert!(!dir.path().join("output").exists(), "nothing is written");
}

#[test]
fn findings_are_drawn_unless_turned_off() {
    let dir = scratch();
    let run = |extra: &[&str]| {
        let output = orgraph(dir.path())
            .args(["export", "org.toml", "--format", "dot", "-o", "-"])
            .args(extra)
            .output()
            .expect("runs");
        assert!(output.status.success());
        String::from_utf8(output.stdout).expect("text")
    };
    assert!(run(&[]).contains("nobody owns: market @ product"));
    assert!(!run(&["--no-findings"]).contains("#d62728"));
}

#[test]
fn png_and_pdf_through_graphviz() {
    common::require_dot();
    let dir = scratch();
    orgraph(dir.path())
        .args(["export", "org.toml", "--format", "pdf"])
        .assert()
        .success();
    let pdf = std::fs::read(dir.path().join("output/org-org.pdf")).expect("written");
    assert!(pdf.starts_with(b"%PDF"), "a PDF file");
    orgraph(dir.path())
        .args(["export", "org.toml", "--format", "png", "--view", "full"])
        .args(["--engine", "graphviz"])
        .assert()
        .success();
    let png = std::fs::read(dir.path().join("output/org-full.png")).expect("written");
    assert!(png.starts_with(b"\x89PNG"), "a PNG file");
}

#[cfg(unix)]
#[test]
fn written_files_have_the_usual_mode_under_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch();
    let binary = assert_cmd::cargo::cargo_bin("orgraph");
    for (umask, mode) in [("022", 0o644), ("002", 0o664), ("077", 0o600)] {
        // The umask is set by a shell, as a user's session sets it.
        let status = std::process::Command::new("sh")
            .current_dir(dir.path())
            .arg("-c")
            .arg(format!(
                "umask {umask} && exec \"$0\" export org.toml --format dot -o out.dot"
            ))
            .arg(&binary)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("sh runs");
        assert!(status.success(), "umask {umask}");
        let written = std::fs::metadata(dir.path().join("out.dot")).expect("written");
        assert_eq!(
            written.permissions().mode() & 0o777,
            mode,
            "umask {umask}: mode {:o}",
            written.permissions().mode() & 0o777
        );
    }
}

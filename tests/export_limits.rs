//! Diagrams at real-org size and the guards around them: the shape (aspect ratio) of the
//! enterprise and of a 1,184-person real org chart in both engines, of the enterprise's full and
//! responsibilities views in Graphviz, "+N" on a `--depth` cut,
//! `--focus` by title or team, Mermaid past GitHub's limits, the warning before a large
//! Graphviz job, Graphviz errors that name the model, a `dot` that dies with orgraph, and
//! titles past Graphviz's 16,384-character limit.

mod common;
#[path = "common/generate.rs"]
mod generate;

use common::{orgraph, root};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// `orgraph ARGS` in `dir`, which must succeed; its stdout.
fn run_ok(dir: &Path, args: &[&str]) -> Vec<u8> {
    let output = orgraph(dir).args(args).output().expect("runs");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// The `width` and `height` of an SVG's root element (Graphviz's in points, ours in pixels).
fn page_size(svg: &[u8]) -> (f64, f64) {
    let text = String::from_utf8_lossy(svg);
    let root = &text[text.find("<svg").expect("an <svg> element")..];
    let root = &root[..root.find('>').expect("a closed tag")];
    let number = |name: &str| -> f64 {
        let start = root.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
        let digits: String = root[start..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        digits.parse().expect("a number")
    };
    (number("width"), number("height"))
}

/// The org view's width over its height, drawn by `engine`.
fn aspect(dir: &Path, model: &Path, engine: &str) -> f64 {
    view_aspect(dir, model, "org", engine)
}

/// A view's width over its height, drawn by `engine`.
fn view_aspect(dir: &Path, model: &Path, view: &str, engine: &str) -> f64 {
    let model = model.to_str().expect("a UTF-8 path");
    let args = [
        "export", model, "--view", view, "--engine", engine, "-o", "-",
    ];
    let (width, height) = page_size(&run_ok(dir, &args));
    width / height
}

/// A real org chart from `tests/fixtures/real`, imported into `dir` as `<stem>.toml`.
fn imported(dir: &Path, stem: &str) -> PathBuf {
    let file = format!("{stem}.toml");
    let csv = root().join(format!("tests/fixtures/real/{stem}.csv"));
    let csv = csv.to_str().expect("a UTF-8 path");
    run_ok(dir, &["import", "csv", "-o", &file, csv]);
    dir.join(file)
}

/// The 1,184-person GitLab team page of 2022-10-15 (910 roles and 154 external), imported.
fn gitlab(dir: &Path) -> PathBuf {
    imported(dir, "gitlab-team-2022-10-15")
}

#[test]
fn the_enterprise_and_a_real_chart_are_not_strips_in_either_engine() {
    common::require_dot();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let enterprise = root().join("models/enterprise.toml");
    let real = gitlab(dir.path());
    for engine in ["builtin", "graphviz"] {
        let ratio = aspect(dir.path(), &enterprise, engine);
        assert!(
            (1.0 / 3.0..=3.0).contains(&ratio),
            "enterprise, {engine}: {ratio:.2}:1"
        );
        let ratio = aspect(dir.path(), &real, engine);
        assert!(
            (1.0 / 4.0..=4.0).contains(&ratio),
            "GitLab, {engine}: {ratio:.2}:1"
        );
    }
}

/// The D3 sample (1,461 roles in one deep tree) was stacked as an outline until Graphviz drew
/// it 1:1.7; the stacking now stops at the widest outline that fits.
#[test]
fn the_d3_sample_is_not_a_tower_in_either_engine() {
    common::require_dot();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let d3 = imported(dir.path(), "d3-sample-org");
    for engine in ["builtin", "graphviz"] {
        let ratio = aspect(dir.path(), &d3, engine);
        assert!(
            (1.0 / 1.5..=4.0).contains(&ratio),
            "D3 sample, {engine}: {ratio:.2}:1"
        );
    }
}

/// The full view (the org chart with 225 responsibility lines to three scopes) and the
/// responsibilities view (61 roles, no reporting lines) were strips in Graphviz: 18:1 and 1:17.
#[test]
fn the_enterprises_full_and_responsibilities_views_are_charts_in_graphviz() {
    common::require_dot();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let enterprise = root().join("models/enterprise.toml");
    for view in ["full", "responsibilities"] {
        let ratio = view_aspect(dir.path(), &enterprise, view, "graphviz");
        assert!(
            (1.0 / 3.0..=3.0).contains(&ratio),
            "enterprise {view}, graphviz: {ratio:.2}:1"
        );
    }
}

#[test]
fn a_depth_cut_shows_how_many_roles_it_hid() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let enterprise = root().join("models/enterprise.toml");
    let enterprise = enterprise.to_str().expect("a UTF-8 path");
    let args = ["export", enterprise, "--depth", "1", "-o", "-"];
    let dot = String::from_utf8(run_ok(
        dir.path(),
        &[&args[..], &["--format", "dot"]].concat(),
    ))
    .expect("text");
    let svg = String::from_utf8(run_ok(dir.path(), &args)).expect("text");
    // The CPO leads 15 roles below the first level: VPs, design, PMs, analysts, designers.
    let cpo = dot
        .lines()
        .find(|line| line.contains(">Chief Product Officer<"))
        .expect("the CPO's box");
    assert!(cpo.contains("<b>+15</b>"), "{cpo}");
    let cpo = svg
        .split("<g class=\"role")
        .find(|group| group.contains(">Chief Product Officer<"))
        .expect("the CPO's box");
    assert!(cpo.contains(">+15</tspan>"), "{cpo}");
    // The tooltip says what "+N" means; the CEO (nothing cut) shows none.
    assert!(cpo.contains("15 roles below"), "{cpo}");
    let ceo = svg
        .split("<g class=\"role")
        .find(|group| group.contains(">Chief Executive Officer<"))
        .expect("the CEO's box");
    assert!(!ceo.contains(">+"), "{ceo}");
}

/// Two product managers titled alike, in one team with their lead.
const TEAMS: &str = r#"
name = "Teams"

[[role]]
id = "ceo"
title = "CEO"

[[role]]
id = "lead"
title = "Product Lead"
reports_to = "ceo"
team = "Product"

[[role]]
id = "pm-a"
title = "Product Manager"
reports_to = "lead"
team = "Product"

[[role]]
id = "pm-b"
title = "Product Manager"
reports_to = "lead"
team = "Product"

[[role]]
id = "cfo"
title = "CFO"
reports_to = "ceo"
"#;

#[test]
fn focus_takes_an_id_a_title_or_a_team() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(dir.path().join("teams.toml"), TEAMS).expect("write");
    let export = |focus: &str| {
        let output = orgraph(dir.path())
            .args(["export", "teams.toml", "--format", "dot"])
            .args(["-o", "-", "--focus", focus])
            .output()
            .expect("runs");
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let drawn = |dot: &str| -> Vec<String> {
        // Role boxes are the nodes `rN`; their title comes first.
        let mut titles: Vec<String> = dot
            .lines()
            .map(str::trim_start)
            .filter(|line| line.starts_with('r') && line.contains("[label=<"))
            .filter_map(|line| line.split("color=\"#1f2933\">").nth(1))
            .map(|rest| rest[..rest.find('<').unwrap_or(0)].to_string())
            .collect();
        titles.sort();
        titles
    };
    let by_id = export("lead");
    assert_eq!(by_id.0, Some(0), "{}", by_id.2);
    assert_eq!(
        drawn(&by_id.1),
        ["CEO", "Product Lead", "Product Manager", "Product Manager"]
    );
    assert_eq!(export("product LEAD"), by_id, "a title, case ignored");
    assert_eq!(
        export("product"),
        by_id,
        "a team: its roles, their managers"
    );
    let (code, stdout, stderr) = export("Product Manager");
    assert_eq!((code, stdout.as_str()), (Some(2), ""));
    assert_eq!(
        stderr,
        "error: `Product Manager` is the title of 2 roles; focus on one by its id:\n  \
         pm-a  (Product Manager)\n  pm-b  (Product Manager)\n"
    );
    let (code, _, stderr) = export("product-lead");
    assert_eq!(code, Some(2));
    assert_eq!(
        stderr,
        "error: no role with the id, title or team `product-lead` in the model\n"
    );
}

/// A model of `roles` roles (a generated tree, eight reports each) in `dir`.
fn generated(dir: &Path, roles: usize) -> PathBuf {
    let path = dir.join("big.json");
    std::fs::write(&path, generate::json(roles, 8)).expect("write");
    path
}

#[test]
fn mermaid_past_githubs_limits_is_refused_with_a_hint() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let model = generated(dir.path(), 600);
    let output = orgraph(dir.path())
        .args(["export", "big.json", "--format", "mermaid", "-o", "m.mmd"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("error: the Mermaid diagram would have ")
            && stderr.contains("GitHub renders at most 50000 characters and 500 links")
            && stderr.contains("--focus ROLE, --depth N"),
        "{stderr}"
    );
    assert!(!dir.path().join("m.mmd").exists(), "nothing is written");
    // Cut to what GitHub shows, it is drawn.
    let model = model.to_str().expect("a UTF-8 path");
    let mermaid = run_ok(
        dir.path(),
        &[
            "export", model, "--format", "mermaid", "--depth", "2", "-o", "-",
        ],
    );
    assert!(mermaid.starts_with(b"flowchart TB\n"));
}

/// A directory holding a fake `dot`: a shell script with `body`.
fn fake_dot(body: &str) -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("a temporary directory");
    let dot = dir.path().join("dot");
    std::fs::write(&dot, format!("#!/bin/sh\n{body}\n")).expect("write");
    std::fs::set_permissions(&dot, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    dir
}

/// PATH with `dir` only, and the shell's tools the fake `dot` uses.
fn path_with(dir: &Path) -> String {
    format!("{}:/usr/bin:/bin", dir.display())
}

#[test]
fn a_large_graphviz_job_is_announced_and_its_failure_names_the_model() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    generated(dir.path(), 2_500);
    let bin = fake_dot("cat >/dev/null\necho '<stdin>: syntax error in line 7' >&2\nexit 1");
    let output = orgraph(dir.path())
        .env("PATH", path_with(bin.path()))
        .args([
            "export", "big.json", "--engine", "graphviz", "-o", "big.svg",
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut lines = stderr.lines();
    let warning = lines.next().unwrap_or_default();
    assert!(
        warning.starts_with("warning: Graphviz lays out 2500 boxes slowly: expect about ")
            && warning.contains("the built-in engine (leave out --engine graphviz)")
            && warning.contains("--focus ROLE or --depth N"),
        "{stderr}"
    );
    assert_eq!(
        lines.next(),
        Some("error: big.json: Graphviz `dot` failed: syntax error in line 7"),
        "{stderr}"
    );
    assert!(!dir.path().join("big.svg").exists(), "nothing is written");
}

/// Whether process `pid` is gone (or a zombie waiting for its reaper).
fn is_gone(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z')),
    }
}

/// Polls `done` until it holds, failing after a minute: a liveness bound, not a timing claim.
fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(60), "{what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn dot_dies_with_orgraph_even_on_kill_9() {
    let dir = common::scratch();
    // A `dot` that writes its pid and then hangs, as `dot` on a huge graph seems to.
    let pid_file = dir.path().join("dot.pid");
    let bin = fake_dot(&format!(
        "echo $$ > '{}'\nexec sleep 600",
        pid_file.display()
    ));
    let mut orgraph = std::process::Command::new(assert_cmd::cargo::cargo_bin("orgraph"))
        .current_dir(dir.path())
        .env("PATH", path_with(bin.path()))
        .args([
            "export", "org.toml", "--engine", "graphviz", "-o", "org.svg",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("orgraph starts");
    let mut dot_pid = None;
    eventually("the fake dot never started", || {
        dot_pid = std::fs::read_to_string(&pid_file)
            .ok()
            .and_then(|text| text.trim().parse::<u32>().ok());
        dot_pid.is_some()
    });
    let dot_pid = dot_pid.unwrap_or_default();
    assert!(!is_gone(dot_pid), "dot runs while orgraph waits for it");
    orgraph.kill().expect("SIGKILL");
    orgraph.wait().expect("reaped");
    eventually("dot outlived orgraph", || is_gone(dot_pid));
    // No temporary file: the DOT text went to `dot` on a pipe.
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    left.sort();
    assert_eq!(left, ["dot.pid", "org.toml"]);
}

#[test]
fn a_title_past_graphvizs_limit_is_cut_with_an_ellipsis() {
    common::require_dot();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let title = "Head of ".to_string() + &"very ".repeat(3_300) + "long things";
    assert!(title.chars().count() > 16_400);
    let model = format!(
        "name = \"long\"\n\n[[role]]\nid = \"boss\"\ntitle = \"{title}\"\ndescription = \"{title}\"\n\n\
         [[role]]\nid = \"ic\"\ntitle = \"{title}x\"\nreports_to = \"boss\"\n"
    );
    std::fs::write(dir.path().join("long.toml"), model).expect("write");
    let dot = run_ok(
        dir.path(),
        &["export", "long.toml", "--format", "dot", "-o", "-"],
    );
    let text = String::from_utf8_lossy(&dot);
    assert!(text.contains("…"), "the cut is marked");
    assert!(
        text.lines().all(|line| line.chars().count() < 16_384),
        "a line past Graphviz's limit"
    );
    // Graphviz reads the DOT, without a warning, and lays it out.
    let mut child = std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("dot runs");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), &dot).expect("write");
    let output = child.wait_with_output().expect("dot ends");
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    let svg = run_ok(
        dir.path(),
        &["export", "long.toml", "--engine", "graphviz", "-o", "-"],
    );
    assert!(String::from_utf8_lossy(&svg).contains("…"));
}

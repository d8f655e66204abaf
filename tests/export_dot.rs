//! DOT views: snapshots, findings, filters, and the escaping proptest.

mod common;
#[path = "common/generate.rs"]
mod generate;

use common::{finding, load, root};
use graphviz_rust::dot_structures::{EdgeTy, Graph, Id, Stmt, Vertex};
use orgraph::Canon;
use orgraph::check::{Check, Finding};
use orgraph::export::{
    Diagram, Drawing, Format as ExportFormat, Options, Render, View, dot, escape, prepare,
    prepare_checked,
};
use orgraph::model::{Format, Model};
use proptest::prelude::*;

fn render(model: &Model, findings: &[Finding], options: &Options) -> String {
    dot::render(&Diagram::new(model, findings, options))
}

/// The findings the checks would report on `tests/fixtures/findings.toml`.
fn fixture_findings() -> Vec<Finding> {
    vec![
        finding(Check::Gap, vec![], Some(4), Some(0)),
        finding(Check::DuplicateOwner, vec![1, 2], Some(0), Some(0)),
        finding(Check::ReportingCycle, vec![3, 4], None, None),
    ]
}

#[test]
fn snapshots_of_every_view() {
    for file in [
        "models/product-org.toml",
        "tests/fixtures/nasty.toml",
        "tests/fixtures/findings.toml",
    ] {
        let model = load(&root().join(file));
        let findings = if file.contains("findings") {
            fixture_findings()
        } else {
            Vec::new()
        };
        let stem = std::path::Path::new(file)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        for view in View::ALL {
            let text = render(&model, &findings, &Options::new(view));
            insta::assert_snapshot!(format!("{stem}-{}", view.name()), text);
        }
    }
}

#[test]
fn findings_are_drawn_in_red_and_can_be_turned_off() {
    let model = load(&root().join("tests/fixtures/findings.toml"));
    let findings = fixture_findings();
    let full = render(&model, &findings, &Options::new(View::Full));
    assert!(full.contains("nobody owns: market @ product"), "{full}");
    assert!(
        full.contains("g0 -> s0"),
        "the gap is joined to its scope:\n{full}"
    );
    let red_edges = |text: &str, from: &str| {
        text.lines()
            .filter(|l| l.contains(from) && l.contains("color=\"#d62728\""))
            .count()
    };
    assert_eq!(
        red_edges(&full, "r1 -> s0"),
        1,
        "pm-a's `what` is red, not its other lines"
    );
    assert_eq!(
        red_edges(&full, "r2 -> s0"),
        1,
        "pm-b's `what` is red, not its `how`"
    );
    assert_eq!(
        red_edges(&full, "r4 -> r3") + red_edges(&full, "r3 -> r4"),
        2,
        "both cycle lines are red"
    );

    let org = render(&model, &findings, &Options::new(View::Org));
    assert!(
        org.contains("nobody owns: market @ product"),
        "every view draws gaps"
    );

    let mut options = Options::new(View::Full);
    options.findings = false;
    let plain = render(&model, &findings, &options);
    assert!(
        !plain.contains("#d62728"),
        "--no-findings draws nothing red:\n{plain}"
    );
}

#[test]
fn focus_depth_and_kinds_filter() {
    // ceo r0 <- pm r1, pm2 r2, eng r3 <- ic r4.
    let model = load(&root().join("tests/fixtures/nasty.toml"));
    let nodes = |text: &str| -> Vec<String> {
        let mut ids: Vec<String> = text
            .lines()
            .map(str::trim)
            .filter(|l| {
                let head = l.split('[').next().unwrap_or_default();
                head.starts_with('r') && !head.contains("->") && l.contains("[label=")
            })
            .map(|l| l.split('[').next().unwrap_or_default().to_string())
            .collect();
        ids.sort();
        ids
    };
    let focus = Options::resolve(&model, View::Org, Some("eng"), None, &[]).unwrap();
    assert_eq!(nodes(&render(&model, &[], &focus)), ["r0", "r3", "r4"]);
    let depth = Options::resolve(&model, View::Org, None, Some(1), &[]).unwrap();
    assert_eq!(
        nodes(&render(&model, &[], &depth)),
        ["r0", "r1", "r2", "r3"]
    );
    let zero = Options::resolve(&model, View::Org, Some("eng"), Some(0), &[]).unwrap();
    assert_eq!(nodes(&render(&model, &[], &zero)), ["r0", "r3"]);

    let kinds =
        Options::resolve(&model, View::Responsibilities, None, None, &["how".into()]).unwrap();
    let text = render(&model, &[], &kinds);
    assert!(
        text.contains("how · A") && !text.contains("what · A"),
        "{text}"
    );
    // Only the roles holding `how`: pm consulted, eng accountable.
    assert_eq!(nodes(&text), ["r1", "r3"]);

    let error = Options::resolve(&model, View::Org, Some("engg"), None, &[]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "no role with the id, title or team `engg` in the model (did you mean `eng`?)"
    );
    let error = Options::resolve(&model, View::Org, None, None, &["hwo".into()]).unwrap_err();
    assert!(
        error.to_string().starts_with("no kind `hwo` in the model"),
        "{error}"
    );
}

#[test]
fn output_is_deterministic() {
    let model = load(&root().join("tests/fixtures/nasty.toml"));
    let options = Options::new(View::Full);
    assert_eq!(render(&model, &[], &options), render(&model, &[], &options));
}

/// Nodes and edges of a parsed graph, subgraphs included, by id.
fn contents(stmts: &[Stmt], nodes: &mut Vec<String>, edges: &mut Vec<String>) {
    let id = |v: &Vertex| match v {
        Vertex::N(node) => format!("{}", node.0),
        Vertex::S(_) => "subgraph".to_string(),
    };
    for stmt in stmts {
        match stmt {
            Stmt::Node(node) => nodes.push(format!("{}", node.id.0)),
            Stmt::Subgraph(subgraph) => contents(&subgraph.stmts, nodes, edges),
            Stmt::Edge(edge) => match &edge.ty {
                EdgeTy::Pair(a, b) => edges.push(format!("{}->{}", id(a), id(b))),
                EdgeTy::Chain(chain) => {
                    edges.push(chain.iter().map(id).collect::<Vec<_>>().join("->"))
                }
            },
            _ => {}
        }
    }
}

/// The text of an HTML-like label made by `escape::dot`, back as the user wrote it.
fn unescape(markup: &str) -> String {
    markup
        .replace("<br/>", "\n")
        .replace("\\\\", "\\")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The title and person text in role r0's label.
fn role_texts(stmts: &[Stmt]) -> Option<(String, String)> {
    for stmt in stmts {
        match stmt {
            Stmt::Node(node) if node.id.0 == Id::Plain("r0".into()) => {
                let label = node
                    .attributes
                    .iter()
                    .find(|a| a.0 == Id::Plain("label".into()))?;
                let Id::Html(html) = &label.1 else {
                    return None;
                };
                let inner = html.strip_prefix("<<font point-size=\"11\" color=\"#1f2933\">")?;
                let (title, rest) = inner.split_once("</font>")?;
                let person = rest
                    .strip_prefix("<br/><font point-size=\"9\" color=\"#52606d\">")?
                    .strip_suffix("</font>>")?;
                return Some((unescape(title), unescape(person)));
            }
            Stmt::Subgraph(subgraph) => {
                if let Some(found) = role_texts(&subgraph.stmts) {
                    return Some(found);
                }
            }
            _ => {}
        }
    }
    None
}

fn model_with(text: &str) -> Option<Model> {
    let s = serde_json::to_string(text).ok()?;
    let json = format!(
        r#"{{"name": {s}, "description": {s},
            "scope": [{{"id": "p", "name": {s}}}],
            "kind": [{{"id": "extra", "description": {s}}}],
            "role": [{{"id": "r", "title": {s}, "team": {s}, "owns": ["what"]}}],
            "person": [{{"id": "x", "name": {s}, "fills": ["r"]}}]}}"#
    );
    orgraph::model::load_str("t.json", Format::Json, &json, &orgraph::Canon::builtin()).ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any string as a title (and as every other user text) survives printing and re-parsing,
    /// and cannot add or remove a node or an edge.
    #[test]
    fn any_text_survives_dot(text in prop_oneof![
        any::<String>(),
        "[\"\\\\<>&;\\[\\]{}#/*'`|=\\-\\n\\t ]{0,24}",
        Just("\"]; x -> y; [".to_string()),
        Just("a\\".to_string()),
    ]) {
        prop_assume!(!text.trim().is_empty());
        let Some(model) = model_with(&text) else { return Ok(()) };
        let dot = render(&model, &[], &Options::new(View::Full));
        let graph = graphviz_rust::parse(&dot).map_err(|e| TestCaseError::fail(format!("{e}\n{dot}")))?;
        let Graph::DiGraph { stmts, .. } = graph else { return Err(TestCaseError::fail("not a digraph")) };
        let (mut nodes, mut edges) = (Vec::new(), Vec::new());
        contents(&stmts, &mut nodes, &mut edges);
        nodes.sort();
        prop_assert_eq!(nodes, vec!["r0", "s0"]);
        prop_assert_eq!(edges, vec!["r0->s0"]);
        let (title, person) = role_texts(&stmts).ok_or_else(|| TestCaseError::fail(dot.clone()))?;
        // The title is wrapped at spaces (and long words cut): the same text, lines aside.
        let words = |text: &str| text.split_whitespace().collect::<String>();
        let shown = escape::shown(&text);
        let drawn = orgraph::export::shorten(&shown);
        prop_assert_eq!(words(&title), words(&drawn));
        prop_assert_eq!(&person, &drawn);
    }
}

#[test]
fn the_checks_report_what_the_drawing_tests_assume() {
    let model = load(&root().join("tests/fixtures/findings.toml"));
    let findings = orgraph::check(&model, &Default::default()).findings;
    let drawn = |f: &Finding| (f.check, f.roles.clone(), f.kind, f.scope);
    let mut real: Vec<_> = findings
        .iter()
        .filter(|f| {
            matches!(
                f.check,
                Check::Gap | Check::DuplicateOwner | Check::ReportingCycle
            )
        })
        .map(drawn)
        .collect();
    let mut assumed: Vec<_> = fixture_findings().iter().map(drawn).collect();
    real.sort_by_key(|f| format!("{f:?}"));
    assumed.sort_by_key(|f| format!("{f:?}"));
    assert_eq!(real, assumed);
}

/// A generated model past the size at which `prepare_checked` runs the drawn checks beside the
/// boxes, with one finding of each drawn check: a gap, a duplicate owner, a reporting cycle.
fn large_with_drawn_findings() -> Model {
    let mut file = generate::model(9_000, 8);
    // The first 24 roles own each kind on each line once: role 5's `customers@line-0` is left
    // unowned, and the last role owns `what@line-0` beside role 0.
    file.role[5].responsible = std::mem::take(&mut file.role[5].owns);
    file.role[8_999].owns = vec!["what@line-0".into()];
    // Role 801 reports to role 100: a cycle.
    file.role[100].reports_to = Some(file.role[801].id.clone());
    let text = serde_json::to_string(&file).expect("JSON");
    orgraph::model::load_str("large.json", Format::Json, &text, &Default::default())
        .unwrap_or_else(|error| panic!("{}", error.render(false)))
}

/// The DOT `prepare_checked` draws of `model`.
fn dot_checked(model: &Model, options: &Options) -> Vec<u8> {
    let render = Render::default();
    prepare_checked(
        model,
        Canon::builtin(),
        options,
        ExportFormat::Dot,
        &render,
        &mut |_| {},
    )
    .expect("drawn")
    .into_bytes()
}

/// `prepare_checked` runs only the drawn checks, beside the boxes on a large model, and draws
/// what `prepare` draws with every check's findings, in every view and with findings off.
#[test]
fn prepare_checked_draws_what_every_check_finds() {
    let large = large_with_drawn_findings();
    let fixture = load(&root().join("tests/fixtures/findings.toml"));
    let shipped = load(&root().join("models/enterprise.toml"));
    for model in [&large, &fixture, &shipped] {
        for view in [View::Org, View::Full, View::Responsibilities] {
            for findings in [true, false] {
                let options = Options {
                    findings,
                    ..Options::new(view)
                };
                let all = orgraph::check(model, &Default::default()).findings;
                let bytes = |drawing: Result<Drawing, _>| drawing.expect("drawn").into_bytes();
                let given = bytes(prepare(
                    model,
                    &all,
                    &options,
                    ExportFormat::Dot,
                    &Render::default(),
                    &mut |_| {},
                ));
                let checked = dot_checked(model, &options);
                assert!(
                    given == checked,
                    "{} {view:?} findings {findings}",
                    model.path()
                );
            }
        }
    }
    // The findings are there to be drawn: the cycle and the duplicate owner in red, the gap.
    let text = String::from_utf8(dot_checked(&large, &Options::new(View::Org))).expect("UTF-8");
    for marked in ["r100[", "r801[", "r0[", "r8999["] {
        let line = text
            .lines()
            .find(|line| line.trim_start().starts_with(marked))
            .expect(marked);
        assert!(line.contains("penwidth=\"2.6\""), "{line}");
    }
    assert!(
        text.contains("r801 -> r100 [color="),
        "the cycle's line is red"
    );
    assert!(
        text.contains("nobody owns: customers @ line-0"),
        "the gap is drawn"
    );
}

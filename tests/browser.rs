//! The report in a real browser: headless Chromium, driven over the DevTools protocol
//! (headless_chrome), on reports of the shipped models, the injection fixtures, an imported real
//! chart and a comparison. One browser serves every check; each check opens its own tab.
//!
//! Chromium must be installed (`.ci/run` installs it; `ORGRAPH_CHROMIUM` names another
//! binary): without it this test fails and says so. Screenshots go to
//! `target/tmp/report-screenshots/`.

mod common;
#[path = "common/generate.rs"]
mod generate;

use headless_chrome::protocol::cdp::Log::LogEntryLevel;
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::protocol::cdp::Runtime::ConsoleAPICalledEventTypeOption;
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::{Browser, LaunchOptions, Tab};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The Chromium binary: `ORGRAPH_CHROMIUM`, else the first of the usual names on the PATH.
fn chromium() -> PathBuf {
    if let Some(path) = std::env::var_os("ORGRAPH_CHROMIUM") {
        return PathBuf::from(path);
    }
    let names = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ];
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
        .unwrap_or_else(|| {
            panic!(
                "this test needs Chromium: install it (apt-get install chromium) or set \
                 ORGRAPH_CHROMIUM to a Chromium or Chrome binary; .ci/run installs it"
            )
        })
}

fn launch(profile: &Path) -> Browser {
    // Offline and quiet: no first-run, sync, component or background requests to Google.
    let args: Vec<&OsStr> = [
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--no-first-run",
        "--no-default-browser-check",
        "--hide-scrollbars",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    let options = LaunchOptions::default_builder()
        .path(Some(chromium()))
        .headless(true)
        .sandbox(false)
        .user_data_dir(Some(profile.to_path_buf()))
        .window_size(Some((1400, 1000)))
        .idle_browser_timeout(Duration::from_secs(600))
        .args(args)
        .build()
        .expect("launch options");
    Browser::new(options).unwrap_or_else(|e| panic!("Chromium did not start: {e}"))
}

/// A report opened in its own tab, with every console error and request it caused.
struct Page {
    tab: Arc<Tab>,
    errors: Arc<Mutex<Vec<String>>>,
    requests: Arc<Mutex<Vec<String>>>,
    url: String,
}

impl Page {
    fn open(browser: &Browser, html: &Path) -> Page {
        let tab = browser.new_tab().expect("a tab");
        let errors = Arc::new(Mutex::new(Vec::new()));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (e, r) = (errors.clone(), requests.clone());
        tab.add_event_listener(Arc::new(move |event: &Event| {
            let mut errors = e.lock().expect("errors");
            match event {
                Event::LogEntryAdded(entry) if entry.params.entry.level == LogEntryLevel::Error => {
                    errors.push(format!("log: {}", entry.params.entry.text));
                }
                Event::RuntimeExceptionThrown(thrown) => {
                    errors.push(format!("exception: {:?}", thrown.params.exception_details));
                }
                Event::RuntimeConsoleAPICalled(call)
                    if matches!(
                        call.params.Type,
                        ConsoleAPICalledEventTypeOption::Error
                            | ConsoleAPICalledEventTypeOption::Assert
                    ) =>
                {
                    errors.push(format!("console: {:?}", call.params.args));
                }
                Event::NetworkRequestWillBeSent(sent) => {
                    r.lock()
                        .expect("requests")
                        .push(sent.params.request.url.clone());
                }
                _ => {}
            }
        }))
        .expect("a listener");
        tab.enable_log().expect("log");
        tab.enable_runtime().expect("runtime");
        tab.call_method(headless_chrome::protocol::cdp::Network::Enable {
            max_total_buffer_size: None,
            max_resource_buffer_size: None,
            max_post_data_size: None,
            report_direct_socket_traffic: None,
            enable_durable_messages: None,
        })
        .expect("network");
        let url = format!("file://{}", html.display());
        tab.navigate_to(&url).expect("navigates");
        tab.wait_until_navigated().expect("loads");
        let page = Page {
            tab,
            errors,
            requests,
            url,
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        while page.eval("document.documentElement.dataset.ready === 'true'") != true {
            assert!(
                Instant::now() < deadline,
                "{} never got ready",
                html.display()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        page
    }

    /// The value of a JavaScript expression, through JSON.
    fn eval(&self, expression: &str) -> serde_json::Value {
        let result = self
            .tab
            .evaluate(&format!("JSON.stringify({expression})"), false)
            .unwrap_or_else(|e| panic!("{expression}: {e}"));
        match result.value {
            Some(serde_json::Value::String(json)) => {
                serde_json::from_str(&json).expect("JSON from the page")
            }
            _ => serde_json::Value::Null,
        }
    }

    /// No error in the console, no exception, and no request but the page itself.
    fn assert_clean(&self, name: &str) {
        let errors = self.errors.lock().expect("errors").clone();
        assert!(errors.is_empty(), "{name}: console errors: {errors:#?}");
        let requests = self.requests.lock().expect("requests").clone();
        assert!(
            requests.iter().all(|r| *r == self.url),
            "{name}: requests other than the page: {requests:#?}"
        );
        assert_eq!(
            self.eval("performance.getEntriesByType('resource').length"),
            0,
            "{name}: resources loaded"
        );
    }

    fn screenshot(&self, name: &str) {
        let png = self
            .tab
            .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
            .expect("a screenshot");
        std::fs::write(screenshots().join(format!("{name}.png")), png).expect("written");
    }

    fn click(&self, selector: &str) {
        self.tab
            .find_element(selector)
            .unwrap_or_else(|e| panic!("{selector}: {e}"))
            .click()
            .unwrap_or_else(|e| panic!("click {selector}: {e}"));
    }
}

/// Where screenshots (and the printed PDF) go, to be looked at.
fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-screenshots");
    std::fs::create_dir_all(&dir).expect("a screenshot directory");
    dir
}

/// Writes the report of `models` (paths from the crate root, or absolute) to `out`.
fn write_report(models: &[&Path], out: &Path) {
    let output = common::orgraph(common::root())
        .arg("report")
        .args(models)
        .arg("-o")
        .arg(out)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The messages of a model's findings as the report lists them: the first 500 of each check
/// (the rest are counted in one row).
fn findings(model: &orgraph::Model) -> Vec<String> {
    let mut per_check = std::collections::HashMap::new();
    orgraph::check::check(model, &Default::default())
        .findings
        .into_iter()
        .filter(|f| {
            let seen = per_check.entry(f.check).or_insert(0);
            *seen += 1;
            *seen <= 500
        })
        .map(|f| f.message(model).to_string().replace('`', ""))
        .collect()
}

/// Every finding's message and every role's title are in the page.
fn assert_complete(page: &Page, model: &orgraph::Model, name: &str) {
    let rows = page.eval(
        "Array.from(document.querySelectorAll('#m0 table.findings tr:not(.more) .message')).map(m => m.textContent)",
    );
    assert_eq!(rows, serde_json::json!(findings(model)), "{name}: findings");
    let titles = page.eval(
        "Array.from(document.querySelectorAll('#m0 .chart .role > title')).map(t => t.textContent)",
    );
    let titles: Vec<&str> = titles
        .as_array()
        .expect("titles")
        .iter()
        .filter_map(|t| t.as_str())
        .collect();
    assert_eq!(titles.len(), model.roles.len(), "{name}: role boxes");
    for role in model.roles.values() {
        assert!(
            titles
                .iter()
                .any(|t| t.starts_with(&role.title) && t.ends_with(&format!("id: {}", role.id))),
            "{name}: no box titled {:?} ({})",
            role.title,
            role.id
        );
    }
}

/// One check of the suite: a browser, and a directory for its files.
type Check = fn(&Browser, &Path);

/// Each check of the suite, run in order on one browser; all failures are reported together.
#[test]
fn report_in_chromium() {
    let work = tempfile::tempdir().expect("a temporary directory");
    let browser = launch(&work.path().join("profile"));
    let checks: [(&str, Check); 7] = [
        ("shipped models", shipped_models),
        ("injection fixtures", injection_fixtures),
        ("finding click and collapse", finding_click_and_collapse),
        ("real chart search", real_chart_search),
        ("big chart opens collapsed", big_chart),
        ("comparison", comparison),
        ("changes between snapshots", changes),
    ];
    let mut failed = Vec::new();
    for (name, check) in checks {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            check(&browser, work.path())
        }));
        if result.is_err() {
            failed.push(name);
        }
    }
    assert!(
        failed.is_empty(),
        "failed in Chromium: {failed:?} (messages above)"
    );
}

fn shipped_models(browser: &Browser, work: &Path) {
    for path in common::models_in(&common::root().join("models")) {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("model");
        let out = work.join(format!("{stem}-report.html"));
        write_report(&[&path], &out);
        let page = Page::open(browser, &out);
        page.assert_clean(stem);
        assert_complete(&page, &common::load(&path), stem);
        if stem == "enterprise" {
            page.screenshot("enterprise-top");
            page.eval("document.querySelector('#m0 section.org').scrollIntoView()");
            page.screenshot("enterprise-chart");
            // Printed: the toolbar goes, the findings stay; the PDF is kept to look at.
            let pdf = page.tab.print_to_pdf(None).expect("a PDF");
            assert!(pdf.starts_with(b"%PDF"));
            std::fs::write(screenshots().join("enterprise.pdf"), pdf).expect("written");
            page.tab
                .call_method(
                    headless_chrome::protocol::cdp::Emulation::SetEmulatedMedia {
                        media: Some("print".into()),
                        features: None,
                    },
                )
                .expect("print media");
            assert_eq!(
                page.eval("getComputedStyle(document.querySelector('#m0 .toolbar')).display"),
                "none"
            );
            assert_eq!(
                page.eval("getComputedStyle(document.querySelector('#m0 table.findings')).display"),
                "table"
            );
        }
        page.tab.close(false).expect("closed");
    }
}

/// The injection fixtures, and every other fixture model: clean pages, complete, nothing injected.
fn injection_fixtures(browser: &Browser, work: &Path) {
    let mut fixtures = common::models_in(&common::root().join("tests/fixtures"));
    fixtures.push(common::root().join("tests/fixtures/report/script.toml"));
    for path in fixtures {
        let fixture = path.display().to_string();
        let fixture = fixture.as_str();
        let out = work.join("injection.html");
        write_report(&[&path], &out);
        let page = Page::open(browser, &out);
        // An injected script or handler would also break the page's policy: a console error.
        page.assert_clean(fixture);
        assert_eq!(page.eval("window.pwned === undefined"), true, "{fixture}");
        assert_eq!(
            page.eval("document.querySelectorAll('img, b, i, br').length"),
            0,
            "{fixture}"
        );
        assert_eq!(
            page.eval("document.querySelectorAll('script').length"),
            2,
            "{fixture}"
        );
        let model = common::load(&path);
        assert_eq!(
            page.eval("document.querySelector('#m0-name').textContent"),
            model.name
        );
        assert_complete(&page, &model, fixture);
        page.tab.close(false).expect("closed");
    }
}

/// The enterprise: a click on the duplicate owner finding marks its two roles in the chart; a
/// click on a manager's toggle hides the roles below it, and another shows them again.
fn finding_click_and_collapse(browser: &Browser, work: &Path) {
    let out = work.join("enterprise-click.html");
    write_report(&[&common::root().join("models/enterprise.toml")], &out);
    let page = Page::open(browser, &out);
    page.click("#m0 table.findings tr[data-check='duplicate-owner'] .message");
    let marked = page.eval(
        "Array.from(document.querySelectorAll('#m0 .chart .role.sel')).map(g => g.dataset.role).sort()",
    );
    assert_eq!(marked, serde_json::json!(["ba-lending", "pm-lending"]));
    page.screenshot("enterprise-finding");

    // The keyboard: Down moves to the next row, Enter shows its roles; the level filter hides
    // the warnings.
    page.eval("document.querySelector('#m0 table.findings tbody tr').focus()");
    page.tab.press_key("ArrowDown").expect("down");
    let focused = "document.activeElement.dataset.check";
    assert_eq!(page.eval(focused), "duplicate-owner");
    page.tab.press_key("Enter").expect("enter");
    assert_eq!(
        page.eval("document.activeElement.classList.contains('current')"),
        true
    );
    page.eval("(s => { s.value = 'deny'; s.dispatchEvent(new Event('change')); })(document.querySelector('#m0 select.by-level'))");
    let shown_levels = "Array.from(document.querySelectorAll('#m0 table.findings tbody tr')).filter(r => !r.hidden).map(r => r.dataset.level)";
    assert_eq!(page.eval(shown_levels), serde_json::json!(["deny", "deny"]));
    page.eval("(s => { s.value = ''; s.dispatchEvent(new Event('change')); })(document.querySelector('#m0 select.by-level'))");

    // The gap's placeholder box is marked too.
    page.click("#m0 table.findings tr[data-check='gap'] .message");
    assert_eq!(
        page.eval("document.querySelectorAll('#m0 .chart .gap.sel').length"),
        1
    );

    // Collapse the CMO (its toggle brought into view by a search first).
    page.click("#m0-q");
    page.tab.type_str("cmo").expect("typed");
    page.tab.press_key("Enter").expect("enter");
    let shown = "Array.from(document.querySelectorAll('#m0 .chart .role')).filter(g => g.style.display !== 'none').length";
    let before = page.eval(shown).as_u64().expect("a count");
    page.click("#m0 .chart .role[data-role='cmo'] .toggle");
    let after = page.eval(shown).as_u64().expect("a count");
    let chart = "orgraphReport.charts[0]";
    let cmo = page.eval(&format!("{chart}.data.id.indexOf('cmo')"));
    let under = page
        .eval(&format!("{chart}.below[{cmo}]"))
        .as_u64()
        .expect("a count");
    assert!(under > 0, "the CMO has reports");
    assert_eq!(
        before - after,
        under,
        "collapsing hides the roles below the CMO"
    );
    assert_eq!(
        page.eval("document.querySelector('#m0 .chart .role[data-role=\"cmo\"] .toggle').getAttribute('aria-expanded')"),
        "false"
    );
    page.screenshot("enterprise-collapsed");
    page.click("#m0 .chart .role[data-role='cmo'] .toggle");
    assert_eq!(page.eval(shown).as_u64(), Some(before));
    page.assert_clean("enterprise clicks");
}

/// The D3 sample org chart, imported with `orgraph import csv`: search by a person's name
/// finds the role, marks it and brings it into view.
fn real_chart_search(browser: &Browser, work: &Path) {
    let model = work.join("d3-sample-org.toml");
    let output = common::orgraph(common::root())
        .args([
            "import",
            "csv",
            "tests/fixtures/real/d3-sample-org.csv",
            "-o",
        ])
        .arg(&model)
        .output()
        .expect("imports");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let out = work.join("d3-report.html");
    write_report(&[&model], &out);
    let page = Page::open(browser, &out);
    page.assert_clean("d3");
    assert_complete(&page, &common::load(&model), "d3");
    page.screenshot("d3-top");

    // The last person in the file whose name finds one role only (the sample repeats names).
    let loaded = common::load(&model);
    let fillers = loaded.fillers();
    let text: Vec<String> = loaded
        .roles
        .values()
        .zip(&fillers)
        .map(|(role, people)| {
            let names: Vec<&str> = people
                .iter()
                .map(|&p| loaded.people[p].display_name())
                .collect();
            format!("{}\n{}\n{}", role.id, role.title, names.join(", ")).to_lowercase()
        })
        .collect();
    let person = loaded
        .people
        .values()
        .rev()
        .find(|p| {
            let name = p.display_name().to_lowercase();
            text.iter().filter(|t| t.contains(&name)).count() == 1
        })
        .expect("a person with a name of their own");
    let role = &loaded.roles[person.fills[0]].id;
    page.click("#m0-q");
    page.tab.type_str(person.display_name()).expect("typed");
    assert!(
        page.eval("document.querySelectorAll('#m0-hits [role=option]').length")
            .as_u64()
            .is_some_and(|n| n >= 1),
        "the search lists the role"
    );
    page.tab.press_key("Enter").expect("enter");
    let hit = format!("document.querySelector('#m0 .chart .role[data-role=\"{role}\"]')");
    assert_eq!(page.eval(&format!("{hit}.classList.contains('hit')")), true);
    // In view: inside the chart's box and inside the window.
    let inside = format!(
        "(() => {{ const r = {hit}.getBoundingClientRect(), c = document.querySelector('#m0 .chart').getBoundingClientRect();
            return r.left >= c.left && r.right <= c.right && r.top >= c.top && r.bottom <= c.bottom
                && r.top >= 0 && r.bottom <= window.innerHeight; }})()"
    );
    page.screenshot("d3-search");
    let rects = format!(
        "[{hit}.getBoundingClientRect(), document.querySelector('#m0 .chart').getBoundingClientRect(), window.innerHeight]"
    );
    assert_eq!(
        page.eval(&inside),
        true,
        "the role found is in view: {}",
        page.eval(&rects)
    );
    page.assert_clean("d3 search");
}

/// A generated chart of 5,000 roles opens with its top layers only, and draws more on demand.
fn big_chart(browser: &Browser, work: &Path) {
    let model = work.join("big.json");
    std::fs::write(&model, generate::json(5_000, 8)).expect("written");
    let out = work.join("big-report.html");
    write_report(&[&model], &out);
    let page = Page::open(browser, &out);
    page.assert_clean("big");
    let drawn = "document.querySelectorAll('#m0 .chart .role').length";
    let first = page.eval(drawn).as_u64().expect("a count");
    assert!((1..=600).contains(&first), "{first} boxes drawn at first");
    page.click("#m0 [data-action='expand']");
    assert_eq!(page.eval(drawn).as_u64(), Some(5_000));
    page.assert_clean("big expanded");
}

fn comparison(browser: &Browser, work: &Path) {
    let models = ["models/startup.toml", "models/scaleup.toml"].map(|m| common::root().join(m));
    let out = work.join("compare.html");
    write_report(&[&models[0], &models[1]], &out);
    let page = Page::open(browser, &out);
    page.assert_clean("comparison");
    assert_eq!(
        page.eval("document.querySelectorAll('section.model').length"),
        2
    );
    assert_eq!(
        page.eval("document.querySelectorAll('section.model .chart svg g.nodes').length"),
        2
    );
    assert_eq!(page.eval("!!document.getElementById('comparison')"), true);
    page.eval("document.getElementById('comparison').scrollIntoView()");
    page.screenshot("comparison");
}

/// Two snapshots with every kind of change (tests/fixtures/compare/changes-*.toml): the
/// `changes` section lists each, by title, and a long list folds behind its `<summary>`.
fn changes(browser: &Browser, work: &Path) {
    let fixtures = ["changes-before", "changes-after"]
        .map(|m| common::root().join(format!("tests/fixtures/compare/{m}.toml")));
    let out = work.join("changes.html");
    write_report(&[&fixtures[0], &fixtures[1]], &out);
    let page = Page::open(browser, &out);
    page.assert_clean("changes");
    let headings = "[...document.querySelectorAll('#changes h4')].map(h => h.textContent)";
    assert_eq!(
        page.eval(headings),
        serde_json::json!([
            "2 people joined",
            "1 person left",
            "2 people moved to another manager",
            "2 people retitled",
            "3 roles added",
            "1 role removed",
            "2 roles moved to another manager",
            "1 role retitled",
            "3 spans changed (direct reports, in seats), largest change first"
        ])
    );
    assert_eq!(
        page.eval("document.querySelectorAll('#changes li').length"),
        17
    );
    assert_eq!(
        page.eval("document.querySelector('#changes ul:last-of-type li').innerText"),
        "VP Engineering vp-eng: 6 → 3 (-3)"
    );
    page.click("nav.toc a[href='#changes']");
    assert_eq!(page.eval("location.hash"), "#changes");
    page.screenshot("changes");

    // 25 people joined: 20 shown, 5 behind "and 5 more", opened by a click.
    let dir = work.join("changes-long");
    std::fs::create_dir_all(&dir).expect("a directory");
    let model = |count: usize| {
        let people: String = (0..count)
            .map(|i| format!("\n[[person]]\nid = \"p{i:02}\"\nfills = [\"eng\"]\n"))
            .collect();
        format!(
            "name = \"{count}\"\n[[role]]\nid = \"ceo\"\ntitle = \"CEO\"\n\n[[role]]\n\
             id = \"eng\"\ntitle = \"Engineer\"\nreports_to = \"ceo\"\n{people}"
        )
    };
    let [before, after] = [2, 27].map(|count| {
        let path = dir.join(format!("{count}.toml"));
        std::fs::write(&path, model(count)).expect("a model");
        path
    });
    let out = work.join("changes-long.html");
    write_report(&[&before, &after], &out);
    let page = Page::open(browser, &out);
    page.assert_clean("changes long");
    let visible =
        "[...document.querySelectorAll('#changes li')].filter(li => li.checkVisibility()).length";
    // 20 people shown, and the one span.
    assert_eq!(page.eval(visible), 21);
    page.click("#changes details.more summary");
    assert_eq!(page.eval(visible), 26);
    page.assert_clean("changes long, opened");
}

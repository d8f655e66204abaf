//! `orgraph report`: writing the page of the 1,516-role D3 sample org and of a generated
//! 100,000-role model, and opening each in headless Chromium until its script is ready.
//! Run with `cargo bench --bench report` (needs Chromium, as `tests/browser.rs` does).

#[path = "../tests/common/d3.rs"]
mod d3;
#[path = "../tests/common/generate.rs"]
mod generate;

use headless_chrome::{Browser, LaunchOptions};
use orgraph::model::{Format, Model};
use std::ffi::OsStr;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

// The binary's allocator, so that the numbers are the ones users see.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn model(roles: usize) -> &'static Model {
    static SAMPLE: OnceLock<Model> = OnceLock::new();
    static BIG: OnceLock<Model> = OnceLock::new();
    if roles == 1_516 {
        return SAMPLE.get_or_init(d3::sample);
    }
    BIG.get_or_init(|| {
        orgraph::model::load_str(
            "generated.json",
            Format::Json,
            &generate::json(100_000, 8),
            &orgraph::Canon::builtin(),
        )
        .unwrap_or_else(|e| panic!("{}", e.render(false)))
    })
}

fn page(roles: usize) -> String {
    orgraph::html::report(
        std::slice::from_ref(model(roles)),
        &orgraph::Canon::builtin(),
    )
    .expect("a report")
}

#[divan::bench(args = [1_516, 100_000], sample_count = 5)]
fn write(roles: usize) -> usize {
    page(roles).len()
}

/// One browser, and the report of each size written once (kept in a temporary directory).
type Opened = (Browser, Vec<(usize, PathBuf)>, tempfile::TempDir);

/// The report of each size, written once, and one browser for every sample.
fn opened() -> &'static Opened {
    static OPENED: OnceLock<Opened> = OnceLock::new();
    OPENED.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let files = [1_516, 100_000]
            .map(|roles| {
                let path = dir.path().join(format!("{roles}.html"));
                let html = page(roles);
                eprintln!("{roles} roles: {} bytes", html.len());
                std::fs::write(&path, html).expect("written");
                (roles, path)
            })
            .to_vec();
        let args: Vec<&OsStr> = [
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ]
        .iter()
        .map(OsStr::new)
        .collect();
        let chromium = std::env::var_os("ORGRAPH_CHROMIUM").unwrap_or("chromium".into());
        let browser = Browser::new(
            LaunchOptions::default_builder()
                .path(Some(which(&chromium)))
                .sandbox(false)
                .user_data_dir(Some(dir.path().join("profile")))
                .window_size(Some((1400, 1000)))
                .idle_browser_timeout(Duration::from_secs(600))
                .args(args)
                .build()
                .expect("launch options"),
        )
        .expect("Chromium starts");
        (browser, files, dir)
    })
}

fn which(name: &std::ffi::OsStr) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| PathBuf::from(name))
}

/// From asking for the page to its script having drawn the chart (`data-ready`).
#[divan::bench(args = [1_516, 100_000], sample_count = 5)]
fn open_in_chromium(bencher: divan::Bencher, roles: usize) {
    let (browser, files, _) = opened();
    let path = &files.iter().find(|(r, _)| *r == roles).expect("written").1;
    let tab = browser.new_tab().expect("a tab");
    let url = format!("file://{}", path.display());
    bencher.bench_local(|| {
        tab.navigate_to("about:blank").expect("blank");
        tab.wait_until_navigated().expect("blank");
        tab.navigate_to(&url).expect("navigates");
        loop {
            let ready = tab
                .evaluate("document.documentElement.dataset.ready === 'true'", false)
                .expect("evaluates");
            if ready.value == Some(serde_json::Value::Bool(true)) {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    });
    tab.close(false).expect("closed");
}

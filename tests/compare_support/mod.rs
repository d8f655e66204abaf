//! Helpers for the compare tests on the real GitLab snapshots (tests/fixtures/real/).
#![allow(dead_code)]

use crate::common;
use std::path::Path;

pub const OCTOBER: &str = "tests/fixtures/real/gitlab-team-2022-10-15.csv";
pub const NOVEMBER: &str = "tests/fixtures/real/gitlab-team-2022-11-11.csv";

/// The two snapshots as `orgraph import csv` writes them, with `extra` arguments, imported
/// into `dir` as `gitlab-team-2022-10-15.toml` and `gitlab-team-2022-11-11.toml`; their paths.
pub fn import_gitlab_with(dir: &Path, extra: &[&str]) -> [String; 2] {
    [OCTOBER, NOVEMBER].map(|csv| {
        let name = Path::new(csv).with_extension("toml");
        let model = dir.join(name.file_name().unwrap());
        let model = model.to_str().unwrap().to_string();
        let mut args = vec!["import", "csv", csv, "-o", &model];
        args.extend(extra);
        let (code, _, stderr) = common::run(&args);
        assert_eq!(code, 0, "{stderr}");
        model
    })
}

/// The two snapshots as `orgraph import csv` writes them by default.
pub fn import_gitlab(dir: &Path) -> [String; 2] {
    import_gitlab_with(dir, &[])
}

//! What an installed orgraph says about itself, and the package facts `cargo install` and
//! crates.io read.

mod common;

#[test]
fn version_flag_prints_the_package_version() {
    for flag in ["--version", "-V"] {
        let (code, stdout, stderr) = common::run(&[flag]);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(
            stdout,
            format!("orgraph {}\n", env!("CARGO_PKG_VERSION")),
            "{flag}"
        );
    }
}

#[test]
fn package_metadata_is_complete() {
    for (field, value) in [
        ("description", env!("CARGO_PKG_DESCRIPTION")),
        ("license", env!("CARGO_PKG_LICENSE")),
        ("repository", env!("CARGO_PKG_REPOSITORY")),
        ("homepage", env!("CARGO_PKG_HOMEPAGE")),
        ("readme", env!("CARGO_PKG_README")),
        ("rust-version", env!("CARGO_PKG_RUST_VERSION")),
    ] {
        assert!(!value.is_empty(), "Cargo.toml has no `{field}`");
    }
    assert_eq!(env!("CARGO_PKG_LICENSE"), "MIT OR Apache-2.0");
    for file in ["LICENSE-MIT", "LICENSE-APACHE", env!("CARGO_PKG_README")] {
        assert!(common::root().join(file).is_file(), "{file} is missing");
    }
}

#[test]
fn changelog_has_an_unreleased_section_and_the_current_version() {
    let changelog = std::fs::read_to_string(common::root().join("CHANGELOG.md")).unwrap();
    assert!(changelog.contains("\n## [Unreleased]\n"));
    let version = format!("\n## [{}] - ", env!("CARGO_PKG_VERSION"));
    assert!(
        changelog.contains(&version),
        "CHANGELOG.md has no section for version {}",
        env!("CARGO_PKG_VERSION")
    );
}

//! The README's library example is `examples/library.rs`, which `cargo test` compiles; here it
//! also runs, on a copy of the shipped startup model.

mod common;

mod library {
    include!("../examples/library.rs");

    pub fn run() -> Result<(), Box<dyn std::error::Error>> {
        main()
    }
}

const README_SECTION: &str = "## Using orgraph as a library\n";

#[test]
fn readme_shows_the_library_example() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let example = std::fs::read_to_string(common::root().join("examples/library.rs")).unwrap();
    let section = readme
        .split_once(README_SECTION)
        .map(|(_, rest)| rest)
        .expect("the README has a library section");
    let block = section
        .split_once("```rust\n")
        .and_then(|(_, rest)| rest.split_once("```\n"))
        .map(|(block, _)| block)
        .expect("a rust block in the library section");
    assert!(
        block == example,
        "the README's library example is not examples/library.rs: copy the file into the block"
    );
}

#[test]
fn library_example_runs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("models")).unwrap();
    std::fs::copy(
        common::root().join("models/startup.toml"),
        dir.path().join("models/startup.toml"),
    )
    .unwrap();
    // The other test here reads by absolute path: the change of directory disturbs nothing.
    std::env::set_current_dir(dir.path()).unwrap();
    library::run().unwrap_or_else(|error| panic!("{error}"));
    let svg = std::fs::read_to_string(dir.path().join("startup-org.svg")).unwrap();
    assert!(svg.contains("<svg") && svg.contains("Chief Executive Officer"));
}

//! Every `console` block of the README shows a command and its real output: run each one and
//! compare, so the README never drifts from what orgraph prints.

mod common;

#[test]
fn readme_console_blocks_are_real_output() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let mut blocks = 0;
    for block in readme.split("```console\n").skip(1) {
        let block = &block[..block.find("```").expect("a closed block")];
        let (command, shown) = block.split_once('\n').unwrap_or((block, ""));
        let args: Vec<&str> = command
            .strip_prefix("$ orgraph ")
            .expect("a console block starts with `$ orgraph`")
            .split_whitespace()
            .collect();
        let (_, stdout, stderr) = common::run(&args);
        assert_eq!(shown, stdout, "README block `{command}` is stale\n{stderr}");
        blocks += 1;
    }
    assert!(blocks >= 2, "the README's worked comparison is missing");
}

//! The `orgraph` binary: parses arguments, calls the library, prints, sets the exit code.

mod cli;

// Loading a large model allocates millions of small strings; mimalloc halves that cost.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}

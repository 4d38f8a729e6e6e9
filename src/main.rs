//! The `jinzhu` binary: parses the command line and renders what the library returns.

mod cli;

fn main() {
    std::process::exit(cli::main());
}

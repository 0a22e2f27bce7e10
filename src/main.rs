//! The `caseboard` binary: parses arguments and runs a command or the board.

use std::process::ExitCode;

use clap::Parser;

use caseboard::cli::{self, Cli, Command};

fn main() -> ExitCode {
    let args = Cli::parse();
    let code = match args.command {
        Some(Command::Check { case }) => {
            cli::check(case.as_deref(), &mut std::io::stdout().lock(), &mut std::io::stderr().lock()).unwrap_or(2)
        }
        None => {
            eprintln!("the board is not built yet");
            2
        }
    };
    ExitCode::from(code as u8)
}

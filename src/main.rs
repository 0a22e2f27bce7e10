//! The `caseboard` binary: parses arguments and runs a command or the board.

use std::process::ExitCode;

use clap::Parser;

use caseboard::cli::{self, Cli, Command};
use caseboard::export::Selection;
use caseboard::opening;

// Loading a large case makes millions of small allocations; mimalloc does them in a
// fraction of the system allocator's time (see README, Performance).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = Cli::parse();
    let code = match args.command {
        Some(Command::Check { case }) => cli::check(
            case.as_deref(),
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        )
        .unwrap_or(2),
        Some(Command::Export {
            case,
            bookmarked,
            all,
            state,
            output,
        }) => {
            let selection = if bookmarked {
                Selection::Bookmarked
            } else if all {
                Selection::All
            } else {
                Selection::Annotated
            };
            let args = cli::ExportArgs {
                case: case.as_deref(),
                selection,
                state: state.as_deref(),
                output: output.as_deref(),
            };
            let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
            cli::export(args, &mut out, &mut err).unwrap_or(2)
        }
        Some(Command::Search { args, limit, json }) => {
            let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
            cli::search(&args, limit, json, &mut out, &mut err).unwrap_or(2)
        }
        None => opening::board(args.board),
    };
    ExitCode::from(code.clamp(0, 255) as u8)
}

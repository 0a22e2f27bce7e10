//! The `caseboard` binary: parses arguments and runs a command or the board.

use std::process::ExitCode;

use clap::Parser;

use caseboard::case::load::Options;
use caseboard::cli::{self, Cli, Command};
use caseboard::export::Selection;
use caseboard::opening;
use caseboard::text::safe::SafeWriter;

// Loading a large case makes millions of small allocations; mimalloc does them in a
// fraction of the system allocator's time (see README, Performance).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = Cli::parse();
    let code = match args.command {
        Some(Command::Check {
            case,
            allow_outside_sources,
        }) => finished(cli::check(
            case.as_deref(),
            Options {
                allow_outside_sources,
            },
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        )),
        Some(Command::Export {
            case,
            format,
            bookmarked,
            all,
            with_overview,
            state,
            output,
            allow_outside_sources,
        }) => {
            let format = format.format();
            let selection = if bookmarked {
                Selection::Bookmarked
            } else if all || format.is_some() {
                Selection::All
            } else {
                Selection::Annotated
            };
            let args = cli::ExportArgs {
                case: case.as_deref(),
                format,
                selection,
                with_overview,
                state: state.as_deref(),
                output: output.as_deref(),
                options: Options {
                    allow_outside_sources,
                },
            };
            let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
            finished(cli::export(args, &mut out, &mut err))
        }
        Some(Command::Import { file, out, format }) => {
            // Reports and errors quote the file and the case: shown safe.
            let (mut o, mut e) = (safe_stdout(), safe_stderr());
            cli::import(&file, &out, format, &mut o, &mut e).unwrap_or(2)
        }
        Some(Command::New {
            dir,
            title,
            summary,
        }) => {
            let (mut out, mut err) = (safe_stdout(), safe_stderr());
            cli::new_case(
                &dir,
                title.as_deref(),
                summary.as_deref(),
                &mut out,
                &mut err,
            )
            .unwrap_or(2)
        }
        Some(Command::AddSource {
            case,
            file,
            title,
            publisher,
            published,
            url,
            byline,
            id,
        }) => {
            let args = cli::AddSourceArgs {
                case: &case,
                file: &file,
                meta: caseboard::case::edit::import::SourceMeta {
                    id,
                    title,
                    publisher,
                    published,
                    url,
                    byline,
                },
            };
            let (mut out, mut err) = (safe_stdout(), safe_stderr());
            cli::add_source(args, &mut std::io::stdin().lock(), &mut out, &mut err).unwrap_or(2)
        }
        Some(Command::Search {
            args,
            limit,
            json,
            allow_outside_sources,
        }) => {
            let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
            let options = Options {
                allow_outside_sources,
            };
            finished(cli::search(&args, limit, json, options, &mut out, &mut err))
        }
        None => opening::board(args.board),
    };
    ExitCode::from(code.clamp(0, 255) as u8)
}

fn safe_stdout() -> SafeWriter<std::io::StdoutLock<'static>> {
    SafeWriter::new(std::io::stdout().lock())
}

fn safe_stderr() -> SafeWriter<std::io::StderrLock<'static>> {
    SafeWriter::new(std::io::stderr().lock())
}

/// A command's exit code; when writing its output failed, the reason is said and the
/// code is 2. A reader that went away (`caseboard search … | head`) is not an error to
/// report: the output was not wanted any more.
fn finished(outcome: std::io::Result<i32>) -> i32 {
    match outcome {
        Ok(code) => code,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 2,
        Err(e) => {
            eprintln!("caseboard: cannot write the output: {e}");
            2
        }
    }
}

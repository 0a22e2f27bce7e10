//! The `caseboard` binary: parses arguments and runs a command or the board.

use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;

use caseboard::app::App;
use caseboard::cli::{self, BoardArgs, Cli, Command};
use caseboard::export::Selection;
use caseboard::keymap::Keymap;
use caseboard::startup;
use caseboard::state::{State, StateStore};

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
        Some(Command::New {
            dir,
            title,
            summary,
        }) => {
            let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
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
            let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
            cli::add_source(args, &mut std::io::stdin().lock(), &mut out, &mut err).unwrap_or(2)
        }
        Some(Command::Search { args, limit, json }) => {
            let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
            cli::search(&args, limit, json, &mut out, &mut err).unwrap_or(2)
        }
        None => board(args.board),
    };
    ExitCode::from(code.clamp(0, 255) as u8)
}

fn board(args: BoardArgs) -> i32 {
    let (keymap, key_notice) = match cli::load_keymap(args.keys.as_deref()) {
        Ok(k) => (k, None),
        Err(e) => {
            eprintln!("{e}");
            (Keymap::default(), Some(key_notice(&e)))
        }
    };
    // What to print once the terminal is back to normal (stderr is hidden while the board
    // is up).
    let mut after: Vec<String> = Vec::new();
    let code = caseboard::tui::with_terminal(|terminal| {
        let mut upcoming = caseboard::tui::Upcoming::default();
        let loaded = match startup::load(terminal, args.case.clone()) {
            Ok(startup::Outcome::Loaded(l)) => *l,
            Ok(startup::Outcome::Preview { preview, rest }) => {
                upcoming = caseboard::tui::Upcoming::new(rest);
                *preview
            }
            Ok(startup::Outcome::Failed(e)) => {
                after.push(e.to_string());
                return 1;
            }
            Ok(startup::Outcome::Cancelled) => return 130,
            Err(e) => {
                after.push(format!("caseboard: terminal error: {e}"));
                return 1;
            }
        };
        let mut notices: Vec<String> = key_notice.into_iter().collect();
        if !loaded.warnings.is_empty() {
            after.extend(loaded.warnings.iter().map(ToString::to_string));
            notices.push(format!(
                "{} warning(s) in the case: `caseboard check` lists them",
                loaded.warnings.len()
            ));
        }
        let case = Arc::new(loaded.case);
        // A preview lacks most events: which notes refer to missing ones is told once
        // the whole case is in.
        let whole = (!upcoming.is_loading()).then_some(case.as_ref());
        let (mut store, state, state_path) =
            match open_state(&case, whole, args.state.as_deref(), &mut notices) {
                Ok(v) => v,
                Err(e) => {
                    after.push(format!("caseboard: {e}"));
                    return 1;
                }
            };
        let preview_events = case.events.len();
        let mut app = App::new(Arc::clone(&case), keymap);
        if upcoming.is_loading() {
            app.loading = Some(caseboard::app::Loading {
                events: preview_events,
            });
        }
        app.state = state;
        app.state_path = Some(state_path);
        after.extend(notices.iter().map(|n| format!("caseboard: {n}")));
        if !notices.is_empty() {
            app.notice = Some(caseboard::app::Notice {
                text: notices.join(" · "),
                error: true,
            });
        }
        let ran = caseboard::tui::run(terminal, &mut app, store.as_mut(), &mut upcoming);
        after.append(&mut upcoming.warnings);
        if let Some(e) = upcoming.failed.take() {
            after.push(e.to_string());
            return 1;
        }
        match ran {
            Ok(()) => 0,
            Err(e) => {
                after.push(format!("caseboard: terminal error: {e}"));
                1
            }
        }
    });
    for line in after {
        eprintln!("{line}");
    }
    code.unwrap_or_else(|e| {
        eprintln!(
            "caseboard: the board needs a terminal ({e}); \
             `caseboard check`, `search` and `export` work without one"
        );
        1
    })
}

/// Opens the state file for `case`. Returns the store (`None` when read-only), the state,
/// and its path; what the reader must be told goes into `notices`.
fn open_state(
    case: &caseboard::case::Case,
    whole: Option<&caseboard::case::Case>,
    arg: Option<&std::path::Path>,
    notices: &mut Vec<String>,
) -> Result<(Option<StateStore>, State, std::path::PathBuf), caseboard::state::StateError> {
    let path = caseboard::state::default_path(case, arg)?;
    let opened = StateStore::open(&path)?;
    notices.extend(opened.notices.iter().map(ToString::to_string));
    let orphans = whole.map(|c| opened.state.orphans(c)).unwrap_or_default();
    if !orphans.is_empty() {
        notices.push(format!(
            "{} bookmark(s)/note(s) refer to events this case no longer has ({}); they are kept in {}",
            orphans.len(),
            orphans.join(", "),
            path.display()
        ));
    }
    let store = (!opened.read_only).then_some(opened.store);
    Ok((store, opened.state, path))
}

/// A short on-screen form of a keys.toml error (stderr has the whole message).
fn key_notice(e: &caseboard::keymap::KeymapError) -> String {
    let name = std::path::Path::new(&e.file)
        .file_name()
        .map_or(e.file.clone(), |n| n.to_string_lossy().into_owned());
    let first = e.message.split(';').next().unwrap_or(&e.message);
    format!("{name}:{}: {first} — using the default keys", e.line)
}

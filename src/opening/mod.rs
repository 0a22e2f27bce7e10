//! Opening the board, in the order it happens:
//! 1. the keys: keys.toml over the defaults ([`load_keymap`]);
//! 2. the loading screen while the case loads on a thread (`splash`); a large case opens
//!    on a preview of its first events while the whole case loads on (`whole`);
//! 3. the state file (bookmarks and notes), and what the reader must be told;
//! 4. the board, until the reader quits (`crate::tui`); when the whole case arrives
//!    behind a preview, the board moves to it (`Action::CaseReady`, in `app::loading`);
//! 5. what is printed once the terminal is back: warnings, errors, notices.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::app::{App, Loading, Message, loading};
use crate::case::Case;
use crate::cli::BoardArgs;
use crate::keymap::{Keymap, KeymapError};
use crate::state::{State, StateError, StateStore};
use crate::tui::{self, Ending, EventSource, Signals, TerminalEvents};

pub mod splash;
pub mod whole;

use splash::Opened;

/// Opens the board on `args` and runs it until the reader quits. Returns the exit code.
pub fn board(args: BoardArgs) -> i32 {
    let (keymap, key_notice) = match load_keymap(args.keys.as_deref()) {
        Ok(k) => (k, None),
        Err(e) => {
            eprintln!("{e}");
            (Keymap::default(), Some(key_notice(&e)))
        }
    };
    // What to print once the terminal is back to normal (stderr is hidden while the board
    // is up).
    let mut after: Vec<String> = Vec::new();
    // From here on, a hang-up or kill ends the board through the loop, which saves first.
    let signals = Signals::register().unwrap_or_else(|e| {
        after.push(format!(
            "caseboard: cannot catch signals ({e}); a hang-up will lose the note being typed"
        ));
        Signals::default()
    });
    let mut events = TerminalEvents::new(signals);
    let code = tui::with_terminal(|terminal| {
        let loaded = splash::load(
            terminal,
            args.case.clone(),
            args.options(),
            &keymap,
            &mut events,
        );
        let (case, warnings, whole) = match loaded {
            Ok(Opened::Loaded(case, warnings)) => (case, warnings, None),
            Ok(Opened::Preview { preview, whole }) => {
                (Arc::new(preview.case), preview.warnings, Some(whole))
            }
            Ok(Opened::Failed(e)) => {
                after.push(e.to_string());
                return 1;
            }
            Ok(Opened::Cancelled) => return 130,
            Ok(Opened::Signal(sig)) => return Signals::exit_code(sig),
            Err(_) if events.signal().is_some() => {
                return Signals::exit_code(events.signal().unwrap_or_default());
            }
            Err(e) => {
                after.push(format!("caseboard: terminal error: {e}"));
                return 1;
            }
        };
        let mut notices: Vec<String> = key_notice.into_iter().collect();
        if !warnings.is_empty() {
            after.extend(warnings.iter().map(ToString::to_string));
            notices.push(loading::warnings_message(warnings.len()));
        }
        // A preview lacks most events: which notes refer to missing ones is told once
        // the whole case is in.
        let complete = whole.is_none().then_some(case.as_ref());
        let (mut store, state, state_path) =
            match open_state(&case, complete, args.state.as_deref(), &mut notices) {
                Ok(v) => v,
                Err(e) => {
                    after.push(format!("caseboard: {e}"));
                    return 1;
                }
            };
        let preview_events = case.events.len();
        let mut app = App::new(Arc::clone(&case), keymap);
        if whole.is_some() {
            app.loading = Some(Loading {
                events: preview_events,
            });
        }
        app.state = state;
        app.state_path = Some(state_path);
        after.extend(notices.iter().map(|n| format!("caseboard: {n}")));
        if !notices.is_empty() {
            app.message = Some(Message {
                text: notices.join(" · "),
                error: true,
            });
        }
        let ran = tui::run(
            terminal,
            &mut app,
            store.as_mut(),
            whole.as_ref().map(whole::Whole::inbox),
            &mut events,
        );
        // The whole case's warnings, if it came; its errors, if they closed the board.
        let outcome = whole.as_ref().and_then(whole::Whole::outcome);
        match ran {
            Ok(Ending::CaseFailed) => {
                if let Some(Err(e)) = outcome {
                    after.push(e.to_string());
                }
                1
            }
            Ok(Ending::Signal {
                signal,
                rescue,
                case,
            }) => {
                after.extend(case.map(|why| format!("caseboard: {why}")));
                after.extend(rescue.map(|r| format!("caseboard: {r}")));
                Signals::exit_code(signal)
            }
            Ok(Ending::Quit) => {
                if let Some(Ok(warnings)) = outcome.filter(|_| app.loading.is_none()) {
                    after.extend(warnings.iter().map(ToString::to_string));
                }
                0
            }
            Err(e) => {
                after.push(format!("caseboard: terminal error: {e}"));
                1
            }
        }
    });
    // Errors and warnings quote the case: shown safe. Printed on a thread of their own,
    // waited on for a while only: after a hang-up the terminal may never take them.
    let lines: Vec<String> = after
        .iter()
        .map(|l| crate::text::safe::show(l).into_owned())
        .collect();
    tui::within(tui::TERMINAL_WAIT, move || {
        for line in lines {
            eprintln!("{line}");
        }
    });
    code.unwrap_or_else(|e| {
        eprintln!(
            "caseboard: the board needs a terminal ({e}); \
             `caseboard check`, `search` and `export` work without one"
        );
        1
    })
}

/// The user's key bindings: `--keys FILE`, else `keys.toml` in the config directory,
/// layered over the defaults. A missing default file is fine; a bad one is an error
/// naming its line.
pub fn load_keymap(arg: Option<&Path>) -> Result<Keymap, KeymapError> {
    let mut km = Keymap::default();
    let path = match arg {
        Some(p) => Some(p.to_path_buf()),
        None => directories::ProjectDirs::from("", "", "caseboard")
            .map(|d| d.config_dir().join("keys.toml")),
    };
    let Some(path) = path else { return Ok(km) };
    match std::fs::read_to_string(&path) {
        Ok(text) => km.apply_overrides(&text, &path.display().to_string())?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && arg.is_none() => {}
        Err(e) => {
            return Err(KeymapError {
                file: path.display().to_string(),
                line: 0,
                message: format!("cannot read: {e}"),
            });
        }
    }
    Ok(km)
}

/// Opens the state file for `case`. Returns the store (`None` when read-only), the state,
/// and its path; what the reader must be told goes into `notices`. `complete` is the case
/// when it is whole (not a preview): only then are notes on missing events reported.
fn open_state(
    case: &Case,
    complete: Option<&Case>,
    arg: Option<&Path>,
    notices: &mut Vec<String>,
) -> Result<(Option<StateStore>, State, PathBuf), StateError> {
    let path = crate::state::default_path(case, arg)?;
    let opened = StateStore::open(&path)?;
    notices.extend(opened.notices.iter().map(ToString::to_string));
    if let Some(n) = complete.and_then(|c| opened.state.orphan_notice(c)) {
        notices.push(n.to_string());
    }
    let store = (!opened.read_only).then_some(opened.store);
    Ok((store, opened.state, path))
}

/// A short on-screen form of a keys.toml error (stderr has the whole message).
fn key_notice(e: &KeymapError) -> String {
    let name = Path::new(&e.file)
        .file_name()
        .map_or(e.file.clone(), |n| n.to_string_lossy().into_owned());
    let first = e.message.split(';').next().unwrap_or(&e.message);
    format!("{name}:{}: {first} — using the default keys", e.line)
}

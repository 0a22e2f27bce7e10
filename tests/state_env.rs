//! `CASEBOARD_STATE_DIR` replaces the user data directory for the bundled case's state.
//! Its own test binary, and its tests take one lock, so setting the variable races with
//! nothing.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use caseboard::state::DATA_DIR_ENV;

/// Held by each test while it sets and reads the environment.
static ENV: Mutex<()> = Mutex::new(());

fn bundled_state_path(dir: Option<&Path>) -> Result<PathBuf, caseboard::state::StateError> {
    let case = caseboard::case::bundled::load().unwrap().case;
    assert!(case.path.is_none());
    match dir {
        // SAFETY: every test in this binary holds `ENV` around this; no other thread reads
        // the environment meanwhile.
        Some(d) => unsafe { std::env::set_var(DATA_DIR_ENV, d) },
        None => unsafe { std::env::remove_var(DATA_DIR_ENV) },
    }
    caseboard::state::default_path(&case, None)
}

#[test]
fn state_dir_variable_places_the_bundled_case_state() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let path = bundled_state_path(Some(dir.path())).unwrap();
    assert_eq!(path, dir.path().join("trump-wikileaks-2016.state.json"));
    // `--state` still wins.
    let case = caseboard::case::bundled::load().unwrap().case;
    let given = caseboard::state::default_path(&case, Some(Path::new("mine.json"))).unwrap();
    assert_eq!(given, Path::new("mine.json"));
}

#[test]
fn an_empty_state_dir_variable_is_as_if_unset() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    let unset = bundled_state_path(None);
    let empty = bundled_state_path(Some(Path::new("")));
    match (&unset, &empty) {
        // The user data directory, never a file in whatever the current directory is.
        (Ok(u), Ok(e)) => {
            assert_eq!(u, e);
            assert!(e.is_absolute(), "{}", e.display());
        }
        // No home directory here: both say so.
        (Err(_), Err(e)) => assert!(matches!(e, caseboard::state::StateError::NoDataDir)),
        _ => panic!("unset: {unset:?}, empty: {empty:?}"),
    }
}

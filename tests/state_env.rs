//! `CASEBOARD_STATE_DIR` replaces the user data directory for the bundled case's state.
//! Its own test binary with a single test, so setting the variable races with nothing.

use std::path::Path;

#[test]
fn state_dir_variable_places_the_bundled_case_state() {
    let dir = tempfile::tempdir().unwrap();
    // SAFETY: the only test in this binary; no other thread reads the environment.
    unsafe { std::env::set_var(caseboard::state::DATA_DIR_ENV, dir.path()) };
    let case = caseboard::case::bundled::load().unwrap().case;
    assert!(case.path.is_none());
    let path = caseboard::state::default_path(&case, None).unwrap();
    assert_eq!(path, dir.path().join(format!("{}.state.json", case.id)));
    // `--state` still wins.
    let given = caseboard::state::default_path(&case, Some(Path::new("mine.json"))).unwrap();
    assert_eq!(given, Path::new("mine.json"));
}

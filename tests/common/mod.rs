//! What the integration tests share; each test file takes it with `mod common;`.
//!
//! - here: the board on the bundled case, a fixed `now`, and sending actions;
//! - `small_case`: a small case built in memory, for state and export tests;
//! - `view`: what a jump must restore, as one comparable value;
//! - `pty`: the real binary in a pseudo-terminal, typed at in the keymap's notation;
//! - `interop`: importing a file into a temporary case, the interop fixtures;
//! - `edit`: cases copied to temporary folders for editing, and comparing two cases.
#![allow(dead_code)] // Each test binary uses a different part.

pub mod edit;
pub mod hostile;
pub mod interop;
pub mod pty;
pub mod small_case;
pub mod view;

use std::sync::{Arc, OnceLock};

use caseboard::action::Action;
use caseboard::app::App;
use caseboard::case::{Case, bundled};
use caseboard::keymap::Keymap;
use chrono::{DateTime, Utc};

// The state and export tests name these as `common::{at, small_case}`.
#[allow(unused_imports)]
pub use small_case::{at, small_case};

/// A fixed instant, so what tests write does not depend on the clock.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_700_000_000, 0).expect("valid time")
}

/// The bundled case, loaded once per test binary.
pub fn bundled_case() -> Arc<Case> {
    static CASE: OnceLock<Arc<Case>> = OnceLock::new();
    Arc::clone(CASE.get_or_init(|| Arc::new(bundled::load().expect("bundled case loads").case)))
}

/// The board on the bundled case, laid out for a `w`x`h` terminal.
pub fn board(w: u16, h: u16) -> App {
    let mut app = App::new(bundled_case(), Keymap::default());
    app.update(Action::Resize(w, h), now());
    app
}

/// Applies `actions` in order; none of them may ask the loop for anything.
pub fn send(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for a in actions {
        assert_eq!(
            app.update(a.clone(), now()),
            None,
            "{a:?} asked for an effect"
        );
    }
}

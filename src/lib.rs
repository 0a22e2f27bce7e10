//! caseboard: a terminal investigation board.
//!
//! The data layer ([`case`]) loads and validates a case; the board ([`app`] state,
//! [`ui`] view, [`tui`] event loop) shows it. The data layer never depends on the
//! terminal crates.

pub mod app;
pub mod case;
pub mod cli;
pub mod keymap;
pub mod tui;
pub mod ui;

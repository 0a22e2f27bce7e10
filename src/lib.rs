//! caseboard: a terminal investigation board.
//!
//! The data layer ([`case`], [`search`], [`state`], [`export`]) loads and validates a case,
//! searches it, keeps the reader's bookmarks and notes, and writes Markdown; the board
//! ([`app`] state, [`ui`] view, [`tui`] event loop) shows it. The data layer never depends
//! on the terminal crates.

pub mod app;
pub mod case;
pub mod cli;
pub mod export;
pub mod interop;
pub mod keymap;
pub mod search;
pub mod startup;
pub mod state;
pub mod tui;
pub mod ui;

//! caseboard: a terminal investigation board.
//!
//! The data layer ([`case`], [`search`], [`state`], [`export`]) loads and validates a case,
//! searches it, keeps the reader's bookmarks and notes, and writes Markdown; the board
//! ([`app`] state, [`ui`] view, [`tui`] event loop) shows it. The data layer never depends
//! on the terminal crates.
//!
//! Modules import only those listed before them (`tests/module_graph` checks this, and
//! that no two modules import each other round):
//! - [`text`]: untrusted text made safe to show (every output uses it);
//! - [`case`]: the model, dates, loading and validating a case, the index;
//! - [`search`], [`state`]: the finder's index and ranking; bookmarks and notes, and
//!   their file;
//! - [`export`]: bookmarks and notes as Markdown;
//! - [`views`]: pictures of the whole case as data (the time strip's counts);
//! - [`action`]: every change to the board as one `Action`, with the names and
//!   descriptions keys are bound by;
//! - [`handoff`]: handing text to the clipboard (OSC 52) and URLs to the browser;
//! - [`keymap`]: the one table of keys;
//! - [`app`]: the board's state and `App::update`;
//! - [`ui`]: drawing that state;
//! - [`tui`]: the event loop: terminal events in, actions, effects, frames out;
//! - [`cli`]: the commands `check`, `search`, `export`;
//! - [`opening`]: opening the board, from the loading screen to what is printed after.

pub mod action;
pub mod app;
pub mod case;
pub mod cli;
pub mod export;
pub mod handoff;
pub mod interop;
pub mod keymap;
pub mod opening;
pub mod search;
pub mod state;
pub mod text;
pub mod tui;
pub mod ui;
pub mod views;

//! caseboard: a terminal investigation board.
//!
//! The data layer ([`case`]) loads and validates a case; the board (`app`, `ui`) shows it.
//! The data layer never depends on the terminal crates.

pub mod case;
pub mod cli;
pub mod search;

//! The case data layer: model, uncertain dates, loading with validation, and the index.
//!
//! Nothing here knows about terminals; it is plain data that the board, search, state
//! and export read. The map, from the bottom up (each imports only what is above it):
//! - `date`: uncertain dates (EDTF): parsing, ordering, describing.
//! - `problem`: what loading found wrong, located by file, line:column and JSON path.
//! - `model`: the case as the program reads it: sources, entities, events, typed
//!   positions, and the index's lookups.
//! - `fold`: quote folding and matching (whitespace and quote marks), mapped back to the
//!   source text.
//! - `index`: building the index (timeline order, back references, mentions).
//! - `load/`: reading and validating a case file, in stages (see its module map).
//! - `bundled`: the bundled case, compiled into the binary.
//! - `edit/`: changing a case: edits as data checked by `load`'s own checks, undo and
//!   redo, the index kept in step, canonical atomic saves.

pub mod bundled;
pub mod date;
pub mod edit;
pub mod fold;
pub mod index;
pub mod load;
pub mod model;
pub mod problem;

pub use date::{Date, Precision, Qualifier};
pub use load::{Checked, Loaded, check_path, load_bytes, load_path};
pub use model::*;
pub use problem::{LoadError, Problem, Severity};

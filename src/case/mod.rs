//! The case data layer: model, uncertain dates, loading with validation, and the index.
//!
//! Nothing here knows about terminals; it is plain data that the board, search, state
//! and export read.

mod blocks;
pub mod bundled;
pub mod date;
pub mod edit;
mod events;
mod fast;
pub mod fold;
mod head;
pub mod index;
pub mod load;
pub mod locate;
mod lookup;
pub mod model;
pub mod problem;
mod quotes;
pub mod raw;
mod split;
mod stream;
mod validate;

pub use date::{Date, Precision, Qualifier};
pub use index::{CitationRef, Index, Mention};
pub use load::{Checked, Loaded, check_path, load_bytes, load_path};
pub use model::*;
pub use problem::{LoadError, Problem, Severity};

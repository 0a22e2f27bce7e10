//! Text as it is shown: the bottom layer, imported by every output that shows a
//! case's text (the board, `search`, `export`, `check`, error messages).
//!
//! - [`safe`]: makes untrusted text (anything a case holds) safe to show.
//! - [`plural`]: counts whose words agree in number ("1 match", "2 events cite it").

pub mod plural;
pub mod safe;

pub use plural::{count, plural};

//! Pictures of the whole case, as plain data the board draws: the time strip (event
//! counts per period). Terminal-free: the board's `app` keeps them, `ui` draws them.

pub mod strip;

pub use strip::{Placement, Scale, Strip, Unit};

//! Pictures of the whole case, as plain data the board draws: the time strip (event
//! counts per period) and who is connected to whom (entities sharing events).
//! Terminal-free: the board's `app` keeps them, `ui` draws them.

pub mod connections;
pub mod strip;

pub use connections::{Connection, connections};
pub use strip::{Placement, Scale, Strip, Unit};

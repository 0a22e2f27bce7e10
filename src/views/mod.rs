//! Pictures of the whole case, as plain data the board draws: the time strip (event
//! counts per period), who is connected to whom (entities sharing events), and where
//! each claim stands (per source: alone, corroborated, contradicted). Terminal-free:
//! the board's `app` keeps them, `ui` draws them, the export tabulates them.

pub mod claims;
pub mod connections;
pub mod strip;

pub use claims::{ClaimSet, Standing, standings};
pub use connections::{Connection, connections};
pub use strip::{Placement, Scale, Strip, Unit};

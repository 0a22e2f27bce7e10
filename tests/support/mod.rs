//! Helpers shared by the integration tests (and the search bench).

pub mod view;

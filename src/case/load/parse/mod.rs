//! Parsing: the case file's tolerant serde types, and a quicker reader of the plain
//! shape events have.

pub(crate) mod fast;
pub(crate) mod raw;
pub(crate) mod whole;

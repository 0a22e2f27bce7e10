//! Splitting the case file without parsing it: its top-level members, and the
//! elements of `events`, from the whole text or read in blocks.

mod blocks;
pub(crate) mod members;
pub(crate) mod stream;

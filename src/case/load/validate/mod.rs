//! Validation: the top level, sources and entities (`head`), then the events on every
//! core (`events`) and their quotes (`quotes`), every problem recorded (`checks`).

pub(crate) mod checks;
pub(crate) mod events;
pub(crate) mod head;
pub(crate) mod lookup;
pub(crate) mod quotes;

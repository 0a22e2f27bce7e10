//! Validation: the top level, sources and entities (`head`), then the events on every
//! core (`events`), registered in file order with their links resolved (`register`)
//! while their quotes are found (`quotes`), every problem recorded (`checks`).

pub(crate) mod checks;
pub(crate) mod events;
pub(crate) mod head;
pub(crate) mod lookup;
pub(crate) mod quotes;
pub(crate) mod register;

//! caseboard's development tools, kept out of the library: the board never ships them.
//!
//! - [`generator`]: large, valid, deterministic cases, written to disk (`gen_case`) or
//!   built in memory, for benches, tests and measuring.
//! - [`replay`]: the real event loop, headless, fed a key script; it measures the board
//!   (`replay`).

pub mod generator;
pub mod replay;

//! The bundled case, compiled into the binary so an installed `caseboard` still opens it.

use std::path::PathBuf;

use super::load::{FileError, Files, Loaded, load_bytes};
use super::problem::LoadError;

/// Name shown for the bundled case file in messages.
pub const NAME: &str = "<bundled>/trump-wikileaks-2016/case.json";

pub(super) const CASE_JSON: &[u8] = include_bytes!("../../data/trump-wikileaks-2016/case.json");

/// The bundled source texts, by their `file` field.
pub(super) const FILES: &[(&str, &[u8])] = &[
    (
        "sources/globe-cambridge-analytica.txt",
        include_bytes!("../../data/trump-wikileaks-2016/sources/globe-cambridge-analytica.txt"),
    ),
    (
        "sources/post-trump-jr-messages.txt",
        include_bytes!("../../data/trump-wikileaks-2016/sources/post-trump-jr-messages.txt"),
    ),
    (
        "sources/huet-trump-jr-contact.txt",
        include_bytes!("../../data/trump-wikileaks-2016/sources/huet-trump-jr-contact.txt"),
    ),
];

struct Bundled;

impl Files for Bundled {
    fn read(&self, rel: &str) -> Result<Vec<u8>, FileError> {
        FILES
            .iter()
            .find(|(name, _)| *name == rel)
            .map(|(_, b)| b.to_vec())
            .ok_or(FileError::NotFound)
    }
    fn display(&self, rel: &str) -> String {
        format!("<bundled>/trump-wikileaks-2016/{rel}")
    }
}

/// Loads the bundled case. Its validity is asserted by the test suite.
pub fn load() -> Result<Loaded, LoadError> {
    load_bytes(CASE_JSON, NAME, &Bundled, None)
}

/// Where the bundled case lives in a source checkout (for tools and tests).
pub fn checkout_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/trump-wikileaks-2016")
}

//! Stage 1 of loading: where the bytes come from. The case file's text (borrowed, read
//! whole, or streamed), and the source files (a folder on disk, or the bundled case's
//! files compiled into the binary).

use std::path::{Path, PathBuf};

/// Where the loader reads source files from.
pub trait Files: Sync {
    /// The bytes of `rel` (the `file` field), or a message saying why they cannot be read.
    fn read(&self, rel: &str) -> Result<Vec<u8>, FileError>;
    /// How to name `rel` to the user.
    fn display(&self, rel: &str) -> String;
}

/// Why a source file could not be read.
#[derive(Debug)]
pub enum FileError {
    NotFound,
    Other(String),
}

/// Source files on disk, relative to the folder holding case.json.
pub struct DirFiles {
    pub dir: PathBuf,
}

impl Files for DirFiles {
    fn read(&self, rel: &str) -> Result<Vec<u8>, FileError> {
        std::fs::read(self.dir.join(rel)).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => FileError::NotFound,
            _ => FileError::Other(e.to_string()),
        })
    }
    fn display(&self, rel: &str) -> String {
        self.dir.join(rel).display().to_string()
    }
}

/// Resolves the CLI's CASE argument: a case.json, or a folder holding one.
pub fn resolve_case_path(arg: &Path) -> PathBuf {
    if arg.is_dir() {
        arg.join("case.json")
    } else {
        arg.to_path_buf()
    }
}

/// The folder source files are read from: the one holding case.json.
pub(crate) fn case_dir(json_path: &Path) -> PathBuf {
    match json_path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The case file's text, which is needed again only to locate problems.
pub(crate) enum Json<'a> {
    Borrowed(&'a [u8]),
    /// Read from `path`; the bytes are freed once parsed (on a large case they are
    /// a third of the peak memory) and read again only if there are problems.
    File {
        bytes: Vec<u8>,
        path: PathBuf,
    },
    /// Read in blocks and never held whole: `len` bytes at `path`.
    Streamed {
        path: PathBuf,
        len: usize,
    },
}

impl Json<'_> {
    pub(crate) fn bytes(&self) -> &[u8] {
        match self {
            Json::Borrowed(b) => b,
            Json::File { bytes, .. } => bytes,
            Json::Streamed { .. } => &[],
        }
    }

    /// Frees the text, once parsed; its length, to check a reread against.
    pub(crate) fn release(&mut self) -> usize {
        match self {
            Json::Borrowed(b) => b.len(),
            Json::File { bytes, .. } => std::mem::take(bytes).len(),
            Json::Streamed { len, .. } => *len,
        }
    }

    /// The text again, for locating problems. If the file changed meanwhile (its length
    /// differs), problems are reported without positions rather than wrong ones.
    pub(crate) fn reread(&self, len: usize) -> std::borrow::Cow<'_, [u8]> {
        match self {
            Json::Borrowed(b) => std::borrow::Cow::Borrowed(b),
            Json::File { path, .. } | Json::Streamed { path, .. } => {
                let bytes = std::fs::read(path).unwrap_or_default();
                std::borrow::Cow::Owned(if bytes.len() == len {
                    bytes
                } else {
                    Vec::new()
                })
            }
        }
    }
}

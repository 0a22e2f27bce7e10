//! Stage 1 of loading: where the bytes come from. The case file's text (borrowed, read
//! whole, or streamed), and the source files (a folder on disk, or the bundled case's
//! files compiled into the binary).
//!
//! A case folder is untrusted: every file read from it must be a regular file
//! ([`open_regular`]: a FIFO would block for ever, a device never ends), a source at
//! most [`MAX_SOURCE_BYTES`], and inside the case folder once symlinks are followed
//! unless the reader allows otherwise ([`Options::allow_outside_sources`]).

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The largest source text read: 64 MiB (a long book is 2 MiB).
pub const MAX_SOURCE_BYTES: u64 = 64 << 20;

/// What the reader allows a case to do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Sources may be files outside the case folder (`--allow-outside-sources`). Off: a
    /// shared case cannot make caseboard read the opener's own files.
    pub allow_outside_sources: bool,
}

/// The flag that allows sources outside the case folder, as the commands spell it.
pub const ALLOW_OUTSIDE_FLAG: &str = "--allow-outside-sources";

/// Why a file was not opened.
#[derive(Debug)]
pub enum OpenError {
    NotFound(io::Error),
    /// Not a regular file: what it is ("a directory", "a FIFO (named pipe)", …).
    NotRegular(&'static str),
    Io(io::Error),
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenError::NotFound(e) | OpenError::Io(e) => write!(f, "{e}"),
            OpenError::NotRegular(what) => write!(f, "it is {what}, not a regular file"),
        }
    }
}

/// What a file that is not a regular file is, in words.
fn kind_of(m: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = m.file_type();
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

/// Checks that `path` (symlinks followed) is a regular file, without opening it.
pub fn check_regular(path: &Path) -> Result<Metadata, OpenError> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => Ok(m),
        Ok(m) => Err(OpenError::NotRegular(kind_of(&m))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(OpenError::NotFound(e)),
        Err(e) => Err(OpenError::Io(e)),
    }
}

/// Opens `path` for reading only if it is a regular file: symlinks followed, checked
/// before it is opened, opened without blocking (a FIFO put in its place meanwhile
/// cannot hold the open), and checked again once open. Anything else is never opened
/// for reading. Returns the file (blocking again) and its metadata.
pub fn open_regular(path: &Path) -> Result<(File, Metadata), OpenError> {
    use std::os::unix::fs::OpenOptionsExt;
    check_regular(path)?;
    let file = File::options()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => OpenError::NotFound(e),
            _ => OpenError::Io(e),
        })?;
    let meta = file.metadata().map_err(OpenError::Io)?;
    if !meta.is_file() {
        return Err(OpenError::NotRegular(kind_of(&meta)));
    }
    // Reads of a regular file never block; clear the flag anyway for what follows.
    set_blocking(&file);
    Ok((file, meta))
}

fn set_blocking(file: &File) {
    use std::os::fd::AsRawFd;
    let fd = file.as_raw_fd();
    // SAFETY: fcntl on a descriptor this function's caller owns, flags only.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags >= 0 {
            libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
        }
    }
}

/// Reads a regular file whole ([`open_regular`]), refusing one over `limit` bytes
/// (checked by its size, and while reading, should it grow). `Ok(Err(len))` when it is
/// larger.
pub fn read_regular(path: &Path, limit: u64) -> Result<Result<Vec<u8>, u64>, OpenError> {
    let (file, meta) = open_regular(path)?;
    if meta.len() > limit {
        return Ok(Err(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(OpenError::Io)?;
    if bytes.len() as u64 > limit {
        return Ok(Err(bytes.len() as u64));
    }
    Ok(Ok(bytes))
}

/// A size in words: `1.5 GiB`, `80 MiB`, `12 KiB`, `300 bytes`.
pub fn size_in_words(n: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (unit, size) in UNITS {
        if n >= size {
            let v = n as f64 / size as f64;
            return if v < 10.0 {
                format!("{v:.1} {unit}")
            } else {
                format!("{v:.0} {unit}")
            };
        }
    }
    format!("{n} bytes")
}

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
    /// Not read, on purpose: the message says why, the hint what to do.
    Refused {
        message: String,
        hint: String,
    },
}

/// Source files on disk, relative to the folder holding case.json.
pub struct DirFiles {
    pub dir: PathBuf,
    /// What the reader allows (sources outside the folder).
    pub options: Options,
}

impl DirFiles {
    pub fn new(dir: PathBuf, options: Options) -> DirFiles {
        DirFiles { dir, options }
    }
}

impl Files for DirFiles {
    fn read(&self, rel: &str) -> Result<Vec<u8>, FileError> {
        let path = self.dir.join(rel);
        let shown = self.display(rel);
        if !self.options.allow_outside_sources {
            let inside = std::fs::canonicalize(&self.dir).and_then(|dir| {
                std::fs::canonicalize(&path).map(|real| (real.starts_with(&dir), real))
            });
            match inside {
                Ok((true, _)) => {}
                Ok((false, real)) => {
                    return Err(FileError::Refused {
                        message: format!(
                            "source file {shown} is outside the case folder{}",
                            if real == path {
                                String::new()
                            } else {
                                format!(" (it is {})", real.display())
                            }
                        ),
                        hint: format!(
                            "a case may read only files in its own folder, so a shared case \
                             cannot read yours; move the file into the case folder, or pass \
                             {ALLOW_OUTSIDE_FLAG} if you trust this case"
                        ),
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(FileError::NotFound),
                Err(e) => return Err(FileError::Other(e.to_string())),
            }
        }
        match read_regular(&path, MAX_SOURCE_BYTES) {
            Ok(Ok(bytes)) => Ok(bytes),
            Ok(Err(len)) => Err(FileError::Refused {
                message: format!(
                    "source file {shown} is {} ({len} bytes); a source may be at most {}",
                    size_in_words(len),
                    size_in_words(MAX_SOURCE_BYTES)
                ),
                hint: "split the text into several sources".into(),
            }),
            Err(OpenError::NotFound(_)) => Err(FileError::NotFound),
            Err(OpenError::NotRegular(what)) => Err(FileError::Refused {
                message: format!("source file {shown} is {what}, not a regular file"),
                hint: "`file` must name a regular text file; it was not opened".into(),
            }),
            Err(OpenError::Io(e)) => Err(FileError::Other(e.to_string())),
        }
    }
    fn display(&self, rel: &str) -> String {
        self.dir.join(rel).display().to_string()
    }
}

/// Reads the case file whole, or says why not, for a message: `Err((message, hint))`.
/// Only a regular file is opened.
pub(crate) fn read_case_file(path: &Path) -> Result<Vec<u8>, (String, String)> {
    let opened = open_regular(path).and_then(|(mut file, meta)| {
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        file.read_to_end(&mut bytes).map_err(OpenError::Io)?;
        Ok(bytes)
    });
    opened.map_err(case_file_error)
}

/// A message and hint for a case file that cannot be opened.
pub(crate) fn case_file_error(e: OpenError) -> (String, String) {
    match e {
        OpenError::NotFound(e) => (
            format!("no case file here ({e})"),
            "give a case.json or a folder that holds one; run `caseboard` without arguments for the bundled case".into(),
        ),
        OpenError::NotRegular("a directory") => (
            "the case file is a directory".into(),
            "a case is a folder holding a file named case.json; give that file or its folder".into(),
        ),
        OpenError::NotRegular(what) => (
            format!("the case file is {what}, not a regular file; it was not opened"),
            "give a case.json that is a regular file".into(),
        ),
        OpenError::Io(e) => (
            format!("cannot read the case file: {e}"),
            "check the file's permissions".into(),
        ),
    }
}

/// The UTF-8 byte order mark some editors put at the start of a file.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `bytes` without a leading byte order mark (accepted, and not written back: a saved
/// case starts with its `{`).
pub fn strip_bom(mut bytes: Vec<u8>) -> Vec<u8> {
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
    bytes
}

/// Resolves the CLI's CASE argument: a case.json, or a folder holding one.
/// A folder that is itself named `case.json` (and holds none) is the case file as given,
/// so the message says it is a directory.
pub fn resolve_case_path(arg: &Path) -> PathBuf {
    let inside = arg.join("case.json");
    let named_so = arg.file_name().is_some_and(|n| n == "case.json");
    if arg.is_dir() && (!named_so || inside.exists()) {
        inside
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
                // As it was read: only a regular file, and without a byte order mark.
                let bytes = read_case_file(path).map(strip_bom).unwrap_or_default();
                std::borrow::Cow::Owned(if bytes.len() == len {
                    bytes
                } else {
                    Vec::new()
                })
            }
        }
    }
}

//! Writing case.json safely: all or nothing (a temporary file beside it, fsync, rename,
//! fsync the folder: atomic-write-file, as the state file), never over a file someone
//! else changed (its length and a hash of its content are compared with what was last
//! read or written, just before writing), and off the UI thread (a [`SaveJob`] is `Send`
//! and holds only shared bytes and the few records the session changed).
//!
//! A lock on `case.json.lock` beside the file keeps a second caseboard from editing the
//! same case at once (the OS releases it when the process ends, even on SIGKILL); the
//! second one opens read-only, as with the state file.

use std::fs::{self, File, TryLockError};
use std::hash::{BuildHasher, Hasher};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use atomic_write_file::AtomicWriteFile;

use super::document::Snapshot;

/// What a file held when it was last read or written: its length, modification time and
/// a hash of its bytes. Two fingerprints name the same content when length and hash
/// agree (a file touched but not changed is not someone else's change).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub hash: u64,
}

impl Fingerprint {
    /// Whether `other` holds the same bytes.
    pub fn same_content(&self, other: &Fingerprint) -> bool {
        self.len == other.len && self.hash == other.hash
    }

    /// The fingerprint of `bytes`, read from a file last modified at `modified`.
    pub(super) fn of_bytes(bytes: &[u8], modified: Option<SystemTime>) -> Fingerprint {
        let mut h = ContentHasher::default();
        h.write_all(bytes).expect("hashing cannot fail");
        let (len, hash) = h.finish();
        Fingerprint {
            len,
            modified,
            hash,
        }
    }

    /// The fingerprint of the file at `path` now, read in blocks; `None` if it is gone.
    pub(super) fn of_file(path: &Path) -> io::Result<Option<Fingerprint>> {
        let mut file = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let modified = file.metadata()?.modified().ok();
        let mut h = ContentHasher::default();
        let mut buf = vec![0u8; BLOCK];
        loop {
            let n = file.read(&mut buf)?;
            if n == 0 {
                break;
            }
            h.write_all(&buf[..n])?;
        }
        let (len, hash) = h.finish();
        Ok(Some(Fingerprint {
            len,
            modified,
            hash,
        }))
    }
}

/// Bytes hashed a block at a time, so the hash does not depend on how they were handed
/// over (a write of the whole, or many small ones).
const BLOCK: usize = 1 << 16;

struct ContentHasher {
    hasher: foldhash::quality::FoldHasher<'static>,
    buf: Vec<u8>,
    len: u64,
}

impl Default for ContentHasher {
    fn default() -> Self {
        ContentHasher {
            // A fixed seed: fingerprints compare across sessions of the program.
            hasher: foldhash::quality::FixedState::with_seed(0x6361_7365_626f_6172).build_hasher(),
            buf: Vec::with_capacity(BLOCK),
            len: 0,
        }
    }
}

impl ContentHasher {
    fn finish(mut self) -> (u64, u64) {
        if !self.buf.is_empty() {
            self.hasher.write(&self.buf);
        }
        self.hasher.write_u64(self.len);
        (self.len, self.hasher.finish())
    }
}

impl Write for ContentHasher {
    fn write(&mut self, mut data: &[u8]) -> io::Result<usize> {
        let n = data.len();
        self.len += n as u64;
        while !data.is_empty() {
            let take = (BLOCK - self.buf.len()).min(data.len());
            self.buf.extend_from_slice(&data[..take]);
            data = &data[take..];
            if self.buf.len() == BLOCK {
                self.hasher.write(&self.buf);
                self.buf.clear();
            }
        }
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Writes to a file and a hasher at once.
struct Tee<W: Write> {
    file: W,
    hash: ContentHasher,
}

impl<W: Write> Write for Tee<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.file.write_all(data)?;
        self.hash.write_all(data)?;
        Ok(data.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// A save, ready to run on any thread: [`SaveJob::run`], then hand the result to
/// [`super::EditSession::finish_save`].
#[derive(Debug)]
pub struct SaveJob {
    pub(super) path: PathBuf,
    /// What the file held when last read or written; `None`: it did not exist.
    pub(super) expect: Option<Fingerprint>,
    pub(super) snapshot: Snapshot,
    /// The last edit this save holds (its sequence number).
    pub(super) upto: u64,
}

/// What a save job did.
#[derive(Debug)]
pub enum SaveResult {
    /// Written; the file's new fingerprint.
    Written { fingerprint: Fingerprint, upto: u64 },
    /// Not written: someone else changed the file since it was read. The session
    /// reloads it and re-applies its unsaved edits (see `finish_save`).
    ChangedOnDisk,
}

impl SaveJob {
    /// Checks that the file is still as it was, then writes it atomically.
    pub fn run(self) -> io::Result<SaveResult> {
        let now = Fingerprint::of_file(&self.path)?;
        // A file that is gone has nothing to lose: written back.
        if let (Some(now), Some(expect)) = (&now, &self.expect)
            && !now.same_content(expect)
        {
            return Ok(SaveResult::ChangedOnDisk);
        }
        if now.is_some() && self.expect.is_none() {
            return Ok(SaveResult::ChangedOnDisk);
        }
        let hash = write_atomic(&self.path, |w| self.snapshot.write(w))?;
        let modified = fs::metadata(&self.path)?.modified().ok();
        Ok(SaveResult::Written {
            fingerprint: Fingerprint {
                len: hash.0,
                modified,
                hash: hash.1,
            },
            upto: self.upto,
        })
    }
}

/// Writes `path` all or nothing with `fill`; the length and hash of what was written.
pub(super) fn write_atomic(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<(u64, u64)> {
    let file = AtomicWriteFile::options().open(path)?;
    let mut tee = Tee {
        file: BufWriter::with_capacity(1 << 20, file),
        hash: ContentHasher::default(),
    };
    fill(&mut tee)?;
    let Tee {
        file: buffered,
        hash,
    } = tee;
    let file = buffered.into_inner().map_err(|e| e.into_error())?;
    file.commit()?;
    Ok(hash.finish())
}

/// The lock that makes a second caseboard on the same case read-only.
#[derive(Debug)]
pub(super) struct CaseLock {
    _file: Option<File>,
}

impl CaseLock {
    /// No lock (a session read again, before it takes over the held one).
    pub(super) fn none() -> CaseLock {
        CaseLock { _file: None }
    }

    /// Takes the lock beside `json_path`. The reason edits cannot be saved, if they cannot.
    pub(super) fn take(json_path: &Path) -> (CaseLock, Option<String>) {
        let mut s = json_path.as_os_str().to_os_string();
        s.push(".lock");
        let lock_path = PathBuf::from(s);
        let file = match File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
        {
            Ok(f) => f,
            Err(e) => {
                let why = format!(
                    "cannot lock {} ({e}); opened read-only: edits would not be saved",
                    json_path.display()
                );
                return (CaseLock { _file: None }, Some(why));
            }
        };
        match file.try_lock() {
            Ok(()) => (CaseLock { _file: Some(file) }, None),
            Err(TryLockError::WouldBlock) => {
                let why = format!(
                    "another caseboard is editing {}; opened read-only: edits here would not be saved",
                    json_path.display()
                );
                (CaseLock { _file: None }, Some(why))
            }
            // No locks on this file system: edit anyway, as the state file does.
            Err(TryLockError::Error(_)) => (CaseLock { _file: None }, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_does_not_depend_on_how_bytes_arrive() {
        let bytes: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let whole = Fingerprint::of_bytes(&bytes, None);
        let mut h = ContentHasher::default();
        for piece in bytes.chunks(977) {
            h.write_all(piece).unwrap();
        }
        assert_eq!(h.finish(), (whole.len, whole.hash));
        let mut other = bytes.clone();
        other[100_000] ^= 1;
        assert!(!whole.same_content(&Fingerprint::of_bytes(&other, None)));
    }

    /// Two contents of one length differ by their hash, also within the last, partial
    /// block (a short file is only that); the length is the byte count.
    #[test]
    fn contents_of_one_length_are_told_apart() {
        let a = Fingerprint::of_bytes(b"the deal was signed", None);
        let b = Fingerprint::of_bytes(b"the deal was signer", None);
        assert_eq!((a.len, b.len), (19, 19));
        assert!(!a.same_content(&b));
        let long: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let mut other = long.clone();
        other[199_999] ^= 1;
        let whole = Fingerprint::of_bytes(&long, None);
        assert_eq!(whole.len, 200_000);
        assert!(!whole.same_content(&Fingerprint::of_bytes(&other, None)));
    }

    /// Only a missing file has no fingerprint (a save writes it back); a path that
    /// cannot be opened for another reason is an error, so a save never writes over
    /// what it could not read.
    #[test]
    fn only_a_missing_file_has_no_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("case.json");
        assert_eq!(Fingerprint::of_file(&file).unwrap(), None);
        std::fs::write(&file, "{}").unwrap();
        let fp = Fingerprint::of_file(&file).unwrap().expect("a fingerprint");
        assert!(fp.same_content(&Fingerprint::of_bytes(b"{}", None)));
        assert!(Fingerprint::of_file(&file.join("case.json")).is_err());
        let looped = dir.path().join("loop.json");
        std::os::unix::fs::symlink(&looped, &looped).unwrap();
        assert!(Fingerprint::of_file(&looped).is_err());
    }
}

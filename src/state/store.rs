//! The state file on disk: open with recovery and locking, save atomically.
//!
//! Guarantees, in the order they matter to a reader:
//!
//! - **A save is all or nothing.** [`StateStore::save`] writes a temporary file in the same
//!   directory, fsyncs it, renames it over the state file and fsyncs the directory
//!   (atomic-write-file). A crash leaves the old file or the new one, never a mix.
//! - **A file that cannot be read is never overwritten or deleted.** It is moved aside to
//!   `<name>.corrupt-<UTC time>` and the reader is told ([`Notice::MovedAside`]). A file
//!   written by a newer caseboard is left in place and opened read-only ([`Notice::Newer`]).
//! - **Two instances do not clobber each other.** The first holds an advisory lock on
//!   `<name>.lock` (kept on disk; the OS releases the lock when the process ends, even on
//!   SIGKILL). A second instance opens read-only and says so ([`Notice::Locked`]).
//! - **Only a regular file is read or replaced.** A state path naming a FIFO, a device,
//!   a socket or a directory (symlinks followed) is refused with a message, never opened
//!   for reading, never moved aside ([`StateError::NotRegular`]). A state file without
//!   write permission (`chmod 444`) opens read-only and says so ([`Notice::ReadOnlyFile`]):
//!   the user's choice is not overridden by replacing the file.
//! - **Changes made by hand (or by git, or a sync tool) while the board is open are kept.**
//!   Before each save the file is compared with what this store last read or wrote; if
//!   someone else changed it, their version is moved aside first ([`Notice::ChangedOnDisk`]).
//!
//! A process killed in the middle of a save can leave the temporary file
//! (`.<name>.XXXXXX`, six letters or digits) behind; the next instance that takes the lock
//! removes such leftovers, so at most one exists at a time.

use std::fmt;
use std::fs::{self, File, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use atomic_write_file::AtomicWriteFile;
use chrono::Utc;

use super::{FORMAT, ParseError, State};

/// Something the reader must be told about the state file (on screen and on stderr).
/// `Display` gives the sentence to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The file could not be read; it was moved aside and a fresh state started.
    MovedAside {
        path: PathBuf,
        moved_to: PathBuf,
        reason: String,
    },
    /// The file could not be read and was left in place, because this instance is read-only.
    UnreadableLeft { path: PathBuf, reason: String },
    /// Another caseboard holds the lock: this one is read-only.
    Locked { path: PathBuf },
    /// The lock file could not be created (e.g. the folder is read-only): read-only.
    CannotLock { path: PathBuf, reason: String },
    /// The file system does not support locks: saving anyway, unprotected.
    Unlocked { path: PathBuf, reason: String },
    /// Written by a newer caseboard: left in place, opened read-only.
    Newer { path: PathBuf, format: u64 },
    /// Someone else changed the file since it was read; their version was moved aside
    /// before this save replaced it.
    ChangedOnDisk { path: PathBuf, moved_to: PathBuf },
    /// Bookmarks or notes on events the case no longer has (ids sorted). They are kept.
    NotInCase { ids: Vec<String> },
    /// The file has no write permission: opened read-only.
    ReadOnlyFile { path: PathBuf },
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Notice::MovedAside {
                path,
                moved_to,
                reason,
            } => write!(
                f,
                "the state file {} could not be read ({reason}); it was moved aside to {} \
                 and a fresh state started",
                path.display(),
                moved_to.display()
            ),
            Notice::UnreadableLeft { path, reason } => write!(
                f,
                "the state file {} could not be read ({reason}); left as it is (read-only): \
                 bookmarks and notes made now will not be saved",
                path.display()
            ),
            Notice::Locked { path } => write!(
                f,
                "another caseboard has {} open; opened read-only: bookmarks and notes made here \
                 will not be saved",
                path.display()
            ),
            Notice::CannotLock { path, reason } => write!(
                f,
                "cannot lock {} ({reason}); opened read-only: bookmarks and notes made here will \
                 not be saved",
                path.display()
            ),
            Notice::Unlocked { path, reason } => write!(
                f,
                "cannot lock {} ({reason}); saving anyway, but a second caseboard on this file \
                 could overwrite changes",
                path.display()
            ),
            Notice::Newer { path, format } => write!(
                f,
                "{} was written by a newer caseboard (format {format}; this one reads format \
                 {FORMAT}); opened read-only so it is not overwritten",
                path.display()
            ),
            Notice::NotInCase { ids } => {
                const SHOWN: usize = 5;
                let n = ids.len();
                let mut list = ids
                    .iter()
                    .take(SHOWN)
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(", ");
                if n > SHOWN {
                    list.push_str(&format!(" and {} more", n - SHOWN));
                }
                let events = crate::text::count(n, "event", "events");
                let have = crate::text::plural(n, "has", "have");
                write!(
                    f,
                    "{events} with bookmarks or notes {have} gone from the case ({list}); \
                     they are kept in the state file and listed at the end of exports"
                )
            }
            Notice::ReadOnlyFile { path } => write!(
                f,
                "{} is read-only (its permissions); opened read-only: bookmarks and notes made \
                 now will not be saved (make it writable to save them)",
                path.display()
            ),
            Notice::ChangedOnDisk { path, moved_to } => write!(
                f,
                "{} was changed by another program since it was read; that version was kept \
                 as {}",
                path.display(),
                moved_to.display()
            ),
        }
    }
}

/// Why the state file could not be opened or saved.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    #[error("{} is open read-only; not saved", path.display())]
    ReadOnly { path: PathBuf },
    #[error("no home directory to keep bookmarks and notes in; pass --state FILE")]
    NoDataDir,
    #[error("cannot read the state file {}: {reason}", path.display())]
    Unreadable { path: PathBuf, reason: String },
    #[error(
        "the state file {} is {what}, not a regular file; it was left alone (pass --state \
         with a regular file's path)",
        path.display()
    )]
    NotRegular { path: PathBuf, what: &'static str },
}

/// Reads the state file at `path`: `None` when there is none. Only a regular file is
/// opened (a FIFO would block for ever, a device never ends).
fn read_file(path: &Path) -> Result<Option<Vec<u8>>, StateError> {
    use crate::case::load::{OpenError, open_regular};
    use std::io::Read as _;
    match open_regular(path) {
        Ok((mut file, meta)) => {
            let mut bytes = Vec::with_capacity(meta.len() as usize);
            file.read_to_end(&mut bytes).map_err(io_err("read", path))?;
            Ok(Some(bytes))
        }
        Err(OpenError::NotFound(_)) => Ok(None),
        Err(OpenError::NotRegular(what)) => Err(StateError::NotRegular {
            path: path.to_path_buf(),
            what,
        }),
        Err(OpenError::Io(e)) => Err(io_err("read", path)(e)),
    }
}

/// Refuses a path that exists and is not a regular file, before anything is created
/// beside it (the lock) or read.
fn check_path(path: &Path) -> Result<Option<fs::Metadata>, StateError> {
    use crate::case::load::{OpenError, check_regular};
    match check_regular(path) {
        Ok(m) => Ok(Some(m)),
        Err(OpenError::NotFound(_)) => Ok(None),
        Err(OpenError::NotRegular(what)) => Err(StateError::NotRegular {
            path: path.to_path_buf(),
            what,
        }),
        Err(OpenError::Io(e)) => Err(io_err("read", path)(e)),
    }
}

fn io_err(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> StateError + use<> {
    let path = path.to_path_buf();
    move |source| StateError::Io {
        action,
        path,
        source,
    }
}

/// An opened state file.
#[derive(Debug)]
pub struct Opened {
    pub store: StateStore,
    /// What was in the file (empty when it was missing or could not be read).
    pub state: State,
    /// What the reader must be told, in order.
    pub notices: Vec<Notice>,
    /// True when saves will be refused (see the notices for why).
    pub read_only: bool,
}

/// The state file: its path, the lock while held, and what was last read or written.
pub struct StateStore {
    path: PathBuf,
    /// The locked `<name>.lock` file; `None` when read-only or locks are unsupported.
    _lock: Option<File>,
    read_only: bool,
    /// The file's bytes as last read or written by this store (`None`: there was no file).
    on_disk: Option<Vec<u8>>,
}

impl fmt::Debug for StateStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StateStore")
            .field("path", &self.path)
            .field("locked", &self._lock.is_some())
            .field("read_only", &self.read_only)
            .field("on_disk_bytes", &self.on_disk.as_ref().map(Vec::len))
            .finish()
    }
}

impl StateStore {
    /// Opens the state file at `path` (creating its folder, not the file, if missing).
    ///
    /// Missing file: an empty state, written on the first save. Unreadable content: moved
    /// aside (never overwritten, never deleted) and an empty state, or, when this instance is
    /// read-only, left in place. Newer format: read-only. Another instance holding the lock:
    /// read-only. Every such case adds a [`Notice`]. Errors only when the file exists but
    /// cannot be read at all (permissions, a directory, …).
    pub fn open(path: &Path) -> Result<Opened, StateError> {
        let path = resolve_symlink(path);
        let mut notices = Vec::new();
        let existing = check_path(&path)?;

        if let Some(dir) = parent(&path) {
            // Best effort: a failure shows up as CannotLock and, later, as a save error.
            let _ = fs::create_dir_all(dir);
        }
        let lock_path = sidecar(&path, ".lock");
        let (lock, mut read_only) = match File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
        {
            Err(e) => {
                notices.push(Notice::CannotLock {
                    path: path.clone(),
                    reason: e.to_string(),
                });
                (None, true)
            }
            Ok(f) => match f.try_lock() {
                Ok(()) => (Some(f), false),
                Err(TryLockError::WouldBlock) => {
                    notices.push(Notice::Locked { path: path.clone() });
                    (None, true)
                }
                Err(TryLockError::Error(e)) => {
                    notices.push(Notice::Unlocked {
                        path: path.clone(),
                        reason: e.to_string(),
                    });
                    (None, false)
                }
            },
        };
        if lock.is_some() {
            // Only with the lock: without one, another instance may be mid-save right now.
            remove_stale_temp_files(&path);
        }
        // The user made it read-only: respected (a save would replace it all the same).
        if !read_only && existing.is_some_and(|m| m.permissions().readonly()) {
            notices.push(Notice::ReadOnlyFile { path: path.clone() });
            read_only = true;
        }

        let bytes = read_file(&path)?;
        let mut on_disk = bytes.clone();
        let state = match bytes.as_deref().map(State::from_json) {
            None => State::default(),
            Some(Ok(state)) => state,
            Some(Err(ParseError::Newer(format))) => {
                notices.push(Notice::Newer {
                    path: path.clone(),
                    format,
                });
                read_only = true;
                // Show what can be understood of it; it is never written back.
                serde_json::from_slice(bytes.as_deref().unwrap_or_default()).unwrap_or_default()
            }
            Some(Err(ParseError::Invalid(reason))) if read_only => {
                notices.push(Notice::UnreadableLeft {
                    path: path.clone(),
                    reason,
                });
                State::default()
            }
            Some(Err(ParseError::Invalid(reason))) => {
                match move_aside(&path, "corrupt") {
                    Ok(moved_to) => {
                        notices.push(Notice::MovedAside {
                            path: path.clone(),
                            moved_to,
                            reason,
                        });
                        on_disk = None;
                    }
                    Err(e) => {
                        let reason = format!("{reason}; moving it aside failed: {e}");
                        notices.push(Notice::UnreadableLeft {
                            path: path.clone(),
                            reason,
                        });
                        read_only = true;
                    }
                }
                State::default()
            }
        };
        let lock = if read_only { None } else { lock };
        let store = StateStore {
            path,
            _lock: lock,
            read_only,
            on_disk,
        };
        Ok(Opened {
            store,
            state,
            notices,
            read_only,
        })
    }

    /// The state file's path (symlinks resolved).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether saves are refused.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Saves `state` atomically (see the module docs). Does nothing when the file already
    /// holds exactly this state. If another program changed the file since this store read
    /// or wrote it, that version is first moved aside and the returned notice says where.
    /// Refused when read-only.
    pub fn save(&mut self, state: &State) -> Result<Option<Notice>, StateError> {
        if self.read_only {
            return Err(StateError::ReadOnly {
                path: self.path.clone(),
            });
        }
        let json = state.to_json();
        // Something else put in its place meanwhile (a FIFO, a device) is left alone.
        if check_path(&self.path)?.is_some_and(|m| m.permissions().readonly()) {
            return Err(StateError::ReadOnly {
                path: self.path.clone(),
            });
        }
        let current = read_file(&self.path)?;
        if current.as_deref() == Some(json.as_bytes()) {
            self.on_disk = current;
            return Ok(None);
        }
        let mut notice = None;
        if current.is_some() && current != self.on_disk {
            let moved_to =
                move_aside(&self.path, "changed").map_err(io_err("move aside", &self.path))?;
            notice = Some(Notice::ChangedOnDisk {
                path: self.path.clone(),
                moved_to,
            });
        }
        write_atomic(&self.path, json.as_bytes())?;
        self.on_disk = Some(json.into_bytes());
        Ok(notice)
    }
}

/// Reads a state file without locking or changing anything (for `caseboard export`, which
/// may run while a board has the file open). A missing file is an empty state; a file that
/// cannot be parsed, or has a newer format, is an error (an export must not silently leave
/// out the reader's work).
pub fn read_state(path: &Path) -> Result<State, StateError> {
    match read_file(path)? {
        Some(bytes) => State::from_json(&bytes).map_err(|e| StateError::Unreadable {
            path: path.to_path_buf(),
            reason: e.to_string(),
        }),
        None => Ok(State::default()),
    }
}

/// Writes `bytes` to `path` all or nothing: temp file in the same directory, fsync, rename,
/// fsync the directory. Creates missing parent directories. Used for the state file and
/// for exports written with `-o`. A path that names something other than a regular file
/// (a device, a FIFO: `-o /dev/null`) is refused: the rename would replace it.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StateError> {
    check_path(path)?;
    if let Some(dir) = parent(path) {
        fs::create_dir_all(dir).map_err(io_err("create the folder for", path))?;
    }
    let mut file = AtomicWriteFile::options()
        .open(path)
        .map_err(io_err("write", path))?;
    file.write_all(bytes).map_err(io_err("write", path))?;
    file.commit().map_err(io_err("write", path))
}

fn parent(path: &Path) -> Option<&Path> {
    path.parent().filter(|p| !p.as_os_str().is_empty())
}

/// `path` with `suffix` appended to its file name.
fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// A symlinked state file (dotfiles) is written through to its target, not replaced.
fn resolve_symlink(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// Renames `path` to `<path>.<what>-<UTC time>[-n]`, never replacing an existing file.
fn move_aside(path: &Path, what: &str) -> io::Result<PathBuf> {
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ");
    for n in 1..1000 {
        let suffix = if n == 1 {
            format!(".{what}-{stamp}")
        } else {
            format!(".{what}-{stamp}-{n}")
        };
        let to = sidecar(path, &suffix);
        // A hard link fails if `to` exists, so nothing is ever replaced; then drop the old name.
        match fs::hard_link(path, &to) {
            Ok(()) => {
                fs::remove_file(path)?;
                sync_dir(path);
                return Ok(to);
            }
            // The name is taken (by a file moved aside before): the next one.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(_) if to.exists() => continue,
            Err(_) => {
                // No hard links here (a file system without them, or a directory): a
                // rename, to a name just checked to be free.
                fs::rename(path, &to)?;
                sync_dir(path);
                return Ok(to);
            }
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "too many files moved aside already",
    ))
}

/// Makes a rename in `path`'s directory durable (best effort; not possible on every OS).
fn sync_dir(path: &Path) {
    if let Some(dir) = parent(path).or(Some(Path::new(".")))
        && let Ok(d) = File::open(dir)
    {
        let _ = d.sync_all();
    }
}

/// Whether `name` is a temporary file atomic-write-file makes for `base`: `.<base>.XXXXXX`.
fn is_temp_name(name: &str, base: &str) -> bool {
    name.strip_prefix('.')
        .and_then(|r| r.strip_prefix(base))
        .and_then(|r| r.strip_prefix('.'))
        .is_some_and(|r| r.len() == 6 && r.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Removes temporary files left by a caseboard killed mid-save. Only called while holding
/// the lock, so no other caseboard is writing one. Such a file never held a completed save.
fn remove_stale_temp_files(path: &Path) {
    let Some(base) = path.file_name().and_then(|n| n.to_str()) else {
        return;
    };
    let dir = parent(path).unwrap_or(Path::new("."));
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if let Some(name) = entry.file_name().to_str()
            && is_temp_name(name, base)
        {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names() {
        assert!(is_temp_name(
            ".caseboard-state.json.aZ09xy",
            "caseboard-state.json"
        ));
        assert!(!is_temp_name(
            ".caseboard-state.json.swp",
            "caseboard-state.json"
        ));
        assert!(!is_temp_name(
            "caseboard-state.json.aZ09xy",
            "caseboard-state.json"
        ));
        assert!(!is_temp_name(
            ".caseboard-state.json.aZ0-xy",
            "caseboard-state.json"
        ));
    }

    /// Where a hard link cannot be made (here a directory, which Linux never links), moving
    /// aside falls back to a rename, and still takes the next free name.
    #[cfg(target_os = "linux")]
    #[test]
    fn move_aside_renames_where_hard_links_fail() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        fs::create_dir(&path).unwrap();
        fs::write(path.join("inside"), "kept").unwrap();
        let first = move_aside(&path, "corrupt").unwrap();
        assert!(!path.exists());
        assert_eq!(fs::read_to_string(first.join("inside")).unwrap(), "kept");

        fs::create_dir(&path).unwrap();
        let second = move_aside(&path, "corrupt").unwrap();
        assert_ne!(first, second);
        assert!(!path.exists());
        assert!(second.is_dir());
        assert_eq!(fs::read_to_string(first.join("inside")).unwrap(), "kept");
    }

    /// A name already taken is never renamed over, even one a rename could replace (an
    /// empty directory), when the file to move is one hard links fail for: the next free
    /// name is taken. (Linux reports the taken name before refusing to link a directory;
    /// the `to.exists()` guard is for file systems that refuse links first.)
    #[cfg(target_os = "linux")]
    #[test]
    fn move_aside_without_hard_links_never_renames_over_a_taken_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        // Every name the next few seconds could give, taken by an empty directory.
        let now = Utc::now();
        let taken: Vec<PathBuf> = (-1..6)
            .map(|s| {
                let stamp = (now + chrono::Duration::seconds(s)).format("%Y%m%dT%H%M%SZ");
                sidecar(&path, &format!(".corrupt-{stamp}"))
            })
            .collect();
        for t in &taken {
            fs::create_dir(t).unwrap();
        }
        fs::create_dir(&path).unwrap();
        fs::write(path.join("inside"), "kept").unwrap();
        let moved = move_aside(&path, "corrupt").unwrap();
        assert!(!taken.contains(&moved), "{moved:?} was taken");
        assert_eq!(fs::read_to_string(moved.join("inside")).unwrap(), "kept");
        for t in &taken {
            assert_eq!(
                fs::read_dir(t).unwrap().count(),
                0,
                "{t:?} was renamed over"
            );
        }
    }
}

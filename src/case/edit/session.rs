//! An editing session: the case in memory, the file's document, the undo/redo history of
//! the whole session, the edits not yet saved, and what the file held when last read or
//! written.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::apply::{self, Target, current, position};
use super::document::{Document, Layout, List};
use super::edit::Edit;
use super::error::{EditError, Refusal};
use super::ids;
use super::record::{CaseText, EntityRecord, EventRecord, Record, SourceRecord};
use super::save::{CaseLock, Fingerprint, SaveJob, SaveResult, write_atomic};
use crate::case::load::validate::lookup::IdLookup;
use crate::case::load::{DirFiles, resolve_case_path};
use crate::case::{Case, LoadError, Problem, load_path};

/// A case open for editing.
pub struct EditSession {
    json_path: PathBuf,
    files: DirFiles,
    doc: Document,
    case: Arc<Case>,
    lookup: Option<IdLookup>,
    /// Edits that undo what was done, newest last.
    undo: Vec<Edit>,
    /// Edits that redo what was undone, newest last.
    redo: Vec<Edit>,
    /// Edits applied since the file was last written, with their sequence numbers.
    pending: Vec<(u64, Edit)>,
    seq: u64,
    generation: u64,
    on_disk: Fingerprint,
    layout: Layout,
    _lock: CaseLock,
    read_only: Option<String>,
}

impl std::fmt::Debug for EditSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EditSession")
            .field("path", &self.json_path)
            .field("generation", &self.generation)
            .field("unsaved", &self.pending.len())
            .field("layout", &self.layout)
            .field("read_only", &self.read_only)
            .finish_non_exhaustive()
    }
}

/// A session just opened, and what to tell the user.
#[derive(Debug)]
pub struct Opened {
    pub session: EditSession,
    /// The case's warnings (as `caseboard check` lists them).
    pub warnings: Vec<Problem>,
}

/// Why a case cannot be opened for editing.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("{0}")]
    Load(#[from] LoadError),
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {why}", path.display())]
    Shape { path: PathBuf, why: String },
}

/// What applying an edit (or undoing, or redoing one) did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// The edit in words ("add event \"x\"").
    pub edit: String,
    /// Warnings about the record (an event that cites no source, …).
    pub warnings: Vec<String>,
}

/// What a finished save did.
#[derive(Debug, PartialEq, Eq)]
pub enum Finished {
    /// The file now holds every edit up to the job's.
    Saved,
    /// Someone else had changed the file: it was read again and the unsaved edits
    /// re-applied to it, as the report says. Not yet written: run a new save job.
    Reloaded(Reload),
}

/// How the unsaved edits fared on a file someone else changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reload {
    /// Re-applied, in words.
    pub applied: Vec<String>,
    /// Already in the file as it is now (the other change made the same one).
    pub already: Vec<String>,
    /// Not re-applied: the edit, and why (the other change touched the same record).
    pub conflicts: Vec<(String, String)>,
    /// Where the conflicting edits were written, so nothing typed is lost.
    pub rescue: Option<PathBuf>,
}

/// Why a save failed; the edits stay unsaved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{} was changed by another program and no longer loads; {} kept in {}\n{error}",
        path.display(),
        unsaved(*n),
        rescue.display()
    )]
    Broken {
        path: PathBuf,
        n: usize,
        rescue: PathBuf,
        error: OpenError,
    },
    #[error("{0}")]
    ReadOnly(String),
}

/// A file's length and modification time.
type Stamp = (u64, Option<std::time::SystemTime>);

/// How many times opening reads a file that keeps changing before it takes the last read.
const MAX_READS: usize = 3;

/// Reads with `read` (what the file loads to, its bytes, and its stamp just before and
/// just after) until one read is of one version of the file: the stamp did not change
/// while it was read and the bytes are all of it. A file rewritten on every read is
/// taken as last read after [`MAX_READS`]. Returns the read and the stamp after it.
fn read_settled<T, E>(
    mut read: impl FnMut() -> Result<(T, Vec<u8>, Stamp, Stamp), E>,
) -> Result<(T, Vec<u8>, Stamp), E> {
    let mut tries = 0;
    loop {
        let (value, bytes, before, after) = read()?;
        tries += 1;
        if (before == after && after.0 == bytes.len() as u64) || tries == MAX_READS {
            return Ok((value, bytes, after));
        }
    }
}

/// "the 1 unsaved edit is", "the 3 unsaved edits are".
fn unsaved(n: usize) -> String {
    let edits = crate::text::count(n, "unsaved edit is", "unsaved edits are");
    format!("the {edits}")
}

impl EditSession {
    /// Opens the case at `path` (a case.json or a folder holding one) for editing: the
    /// case is loaded from the same bytes the document keeps, so the two always agree.
    /// A second caseboard on the same case opens read-only ([`EditSession::read_only`]).
    pub fn open(path: &Path) -> Result<Opened, OpenError> {
        let json_path = resolve_case_path(path);
        let (lock, read_only) = CaseLock::take(&json_path);
        let (session, warnings) = Self::read(&json_path)?;
        let session = EditSession {
            _lock: lock,
            read_only,
            ..session
        };
        Ok(Opened { session, warnings })
    }

    /// Reads and loads the file: a session without history or lock.
    fn read(json_path: &Path) -> Result<(EditSession, Vec<Problem>), OpenError> {
        let io = |source| OpenError::Io {
            path: json_path.to_path_buf(),
            source,
        };
        let stamp = |path: &Path| std::fs::metadata(path).map(|m| (m.len(), m.modified().ok()));
        let dir = match json_path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        // The case is loaded the fast way (read in blocks, parsed on every core), and the
        // bytes read after it; a file that changed meanwhile is read again.
        let (loaded, bytes, (_, modified)) = read_settled(|| {
            let before = stamp(json_path).map_err(io)?;
            let loaded = load_path(json_path)?;
            // Only a regular file is read (the loader checked it just now).
            let bytes = crate::case::load::open_regular(json_path)
                .map_err(|e| io(std::io::Error::other(e.to_string())))
                .and_then(|(mut f, _)| {
                    let mut b = Vec::new();
                    std::io::Read::read_to_end(&mut f, &mut b).map_err(io)?;
                    Ok(b)
                })?;
            let after = stamp(json_path).map_err(io)?;
            Ok::<_, OpenError>((loaded, bytes, before, after))
        })?;
        let on_disk = Fingerprint::of_bytes(&bytes, modified);
        // A byte order mark is accepted and not kept: the document (and so every save)
        // starts with its `{`. The fingerprint is of the file as it is on disk.
        let bytes = crate::case::load::strip_bom(bytes);
        // Sources outside the case folder are refused here as by the loader: edits are
        // checked by the loader's own checks, reading sources through these files.
        let files = DirFiles::new(dir, crate::case::load::Options::default());
        let shape = |why: String| OpenError::Shape {
            path: json_path.to_path_buf(),
            why,
        };
        let (doc, layout) = Document::open(bytes).map_err(|e| shape(e.0))?;
        let mut case = loaded.case;
        headroom(&mut case);
        for (list, n) in [
            (List::Sources, case.sources.len()),
            (List::Entities, case.entities.len()),
            (List::Events, case.events.len()),
        ] {
            if doc.len(list) != n {
                return Err(shape(format!(
                    "{} holds {} records but {n} were loaded",
                    list.key(),
                    doc.len(list)
                )));
            }
        }
        let session = EditSession {
            json_path: json_path.to_path_buf(),
            files,
            doc,
            case: Arc::new(case),
            lookup: None,
            undo: Vec::new(),
            redo: Vec::new(),
            pending: Vec::new(),
            seq: 0,
            generation: 0,
            on_disk,
            layout,
            _lock: CaseLock::none(),
            read_only: None,
        };
        Ok((session, loaded.warnings))
    }

    /// The case as edited so far. Clone the `Arc` for views and workers; drop those
    /// clones before the next edit, or that edit copies the whole case.
    pub fn case(&self) -> &Arc<Case> {
        &self.case
    }

    /// Changes each time the case changes (an edit, undo, redo or reload): the board
    /// rebuilds what it derives from the case (the search index) when this moves.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The layout the file had when opened (see [`Layout`]).
    pub fn layout(&self) -> Layout {
        self.layout
    }

    /// Why edits are refused here, if they are (another caseboard holds the lock).
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// The case file.
    pub fn path(&self) -> &Path {
        &self.json_path
    }

    /// How many applied edits (undos and redos included) are not yet written.
    pub fn unsaved(&self) -> usize {
        self.pending.len()
    }

    /// Whether there is something to undo / redo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// See [`EditSession::can_undo`].
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Event `id` as the file writes it.
    pub fn event_record(&self, id: &str) -> Option<EventRecord> {
        match self.record(List::Events, id)? {
            Record::Event(r) => Some(r),
            _ => None,
        }
    }

    /// Entity `id` as the file writes it.
    pub fn entity_record(&self, id: &str) -> Option<EntityRecord> {
        match self.record(List::Entities, id)? {
            Record::Entity(r) => Some(r),
            _ => None,
        }
    }

    /// Source `id` as the file writes it.
    pub fn source_record(&self, id: &str) -> Option<SourceRecord> {
        match self.record(List::Sources, id)? {
            Record::Source(r) => Some(r),
            _ => None,
        }
    }

    fn record(&self, list: List, id: &str) -> Option<Record> {
        position(&self.case, list, id).map(|i| current(&self.doc, list, i))
    }

    /// The case's title and summary.
    pub fn case_text(&self) -> CaseText {
        CaseText {
            title: self.case.title.clone(),
            summary: self.case.summary.clone(),
        }
    }

    /// A new event id from `title`: a readable slug, unique among the events.
    pub fn new_event_id(&self, title: &str) -> String {
        ids::unique(&ids::slug(title), |id| self.case.event_by_id(id).is_some())
    }

    /// A new entity id from `name`.
    pub fn new_entity_id(&self, name: &str) -> String {
        ids::unique(&ids::slug(name), |id| self.case.entity_by_id(id).is_some())
    }

    /// A new source id from `title`, unique among the sources and free as a file name
    /// in `sources/` (`<id>.txt`).
    pub fn new_source_id(&self, title: &str) -> String {
        let sources = self.files.dir.join("sources");
        ids::unique(&ids::slug(title), |id| {
            self.case.index.source_ids.contains_key(id)
                || sources.join(format!("{id}.txt")).exists()
        })
    }

    /// The folder holding case.json (sources' `file`s are relative to it).
    pub fn dir(&self) -> &Path {
        &self.files.dir
    }

    /// Applies `edit` after checking it; on success it can be undone, and it is unsaved
    /// until a save job writes it. A refused edit changes nothing.
    pub fn apply(&mut self, edit: Edit) -> Result<Applied, EditError> {
        let (inverse, warnings) = self.run(&edit)?;
        self.undo.push(inverse);
        self.redo.clear();
        Ok(Applied {
            edit: edit.describe(),
            warnings,
        })
    }

    /// Undoes the last edit not undone. `Ok(None)` when there is none. If the undo is
    /// refused (the record was changed since, e.g. on disk), it is dropped.
    pub fn undo(&mut self) -> Result<Option<Applied>, EditError> {
        let Some(edit) = self.undo.pop() else {
            return Ok(None);
        };
        let (inverse, warnings) = self.run(&edit)?;
        self.redo.push(inverse);
        Ok(Some(Applied {
            edit: edit.describe(),
            warnings,
        }))
    }

    /// Redoes the last edit undone. `Ok(None)` when there is none.
    pub fn redo(&mut self) -> Result<Option<Applied>, EditError> {
        let Some(edit) = self.redo.pop() else {
            return Ok(None);
        };
        let (inverse, warnings) = self.run(&edit)?;
        self.undo.push(inverse);
        Ok(Some(Applied {
            edit: edit.describe(),
            warnings,
        }))
    }

    /// Applies an edit and logs it as unsaved.
    fn run(&mut self, edit: &Edit) -> Result<(Edit, Vec<String>), EditError> {
        if let Some(why) = &self.read_only {
            return Err(EditError::new(
                Refusal::ReadOnly,
                edit.describe(),
                why.clone(),
            ));
        }
        let target = Target {
            doc: &mut self.doc,
            case: Arc::make_mut(&mut self.case),
            lookup: &mut self.lookup,
            files: &self.files,
        };
        let done = apply::apply(target, edit)?;
        self.seq += 1;
        self.generation += 1;
        self.pending.push((self.seq, edit.clone()));
        Ok(done)
    }

    /// A job that writes the case as it is now, to run on any thread; `None` when the
    /// file already holds it.
    pub fn save_job(&self) -> Option<SaveJob> {
        if self.pending.is_empty() && self.layout == Layout::Canonical {
            return None;
        }
        Some(SaveJob {
            path: self.json_path.clone(),
            expect: Some(self.on_disk.clone()),
            snapshot: self.doc.snapshot(),
            upto: self.seq,
        })
    }

    /// Takes in what a save job did. When someone else had changed the file, reads it
    /// again and re-applies the unsaved edits ([`Finished::Reloaded`]): then run a new
    /// save job to write them.
    pub fn finish_save(
        &mut self,
        result: std::io::Result<SaveResult>,
    ) -> Result<Finished, SaveError> {
        match result {
            Ok(SaveResult::Written { fingerprint, upto }) => {
                self.on_disk = fingerprint;
                self.pending.retain(|(seq, _)| *seq > upto);
                self.layout = Layout::Canonical;
                Ok(Finished::Saved)
            }
            Ok(SaveResult::ChangedOnDisk) => self.reload().map(Finished::Reloaded),
            Err(source) => Err(SaveError::Io {
                path: self.json_path.clone(),
                source,
            }),
        }
    }

    /// Saves on this thread: writes, or, when the file changed on disk, reloads,
    /// re-applies and writes. The reload's report, if there was one.
    pub fn save_now(&mut self) -> Result<Option<Reload>, SaveError> {
        if let Some(why) = &self.read_only {
            return Err(SaveError::ReadOnly(why.clone()));
        }
        let mut report = None;
        for _ in 0..3 {
            let Some(job) = self.save_job() else {
                return Ok(report);
            };
            match self.finish_save(job.run())? {
                Finished::Saved => return Ok(report),
                Finished::Reloaded(r) => report = Some(r),
            }
        }
        Err(SaveError::Io {
            path: self.json_path.clone(),
            source: std::io::Error::other("the file keeps changing on disk; not saved"),
        })
    }

    /// Reads the file again (someone else changed it) and re-applies the unsaved edits:
    /// an edit whose record the other change also touched is a conflict, kept in a
    /// rescue file beside the case.
    pub fn reload(&mut self) -> Result<Reload, SaveError> {
        let pending = std::mem::take(&mut self.pending);
        let fresh = match Self::read(&self.json_path) {
            Ok((fresh, _)) => fresh,
            Err(error) => {
                let edits: Vec<(Edit, String)> = pending
                    .iter()
                    .map(|(_, e)| (e.clone(), "the file no longer loads".to_string()))
                    .collect();
                let n = edits.len();
                self.pending = pending;
                let rescue = self.rescue(&edits).map_err(|source| SaveError::Io {
                    path: self.json_path.clone(),
                    source,
                })?;
                return Err(SaveError::Broken {
                    path: self.json_path.clone(),
                    n,
                    rescue,
                    error,
                });
            }
        };
        self.doc = fresh.doc;
        self.case = fresh.case;
        self.lookup = None;
        self.on_disk = fresh.on_disk;
        self.layout = fresh.layout;
        self.generation += 1;
        let mut report = Reload::default();
        let mut conflicts = Vec::new();
        for (_, edit) in pending {
            match self.reapply(&edit) {
                Ok(true) => report.applied.push(edit.describe()),
                Ok(false) => report.already.push(edit.describe()),
                Err(why) => {
                    report.conflicts.push((edit.describe(), why.clone()));
                    conflicts.push((edit, why));
                }
            }
        }
        if !conflicts.is_empty() {
            report.rescue = Some(self.rescue(&conflicts).map_err(|source| SaveError::Io {
                path: self.json_path.clone(),
                source,
            })?);
        }
        Ok(report)
    }

    /// Re-applies `edit` to a file someone else changed: `Ok(true)` applied,
    /// `Ok(false)` already there, `Err(why)` a conflict.
    fn reapply(&mut self, edit: &Edit) -> Result<bool, String> {
        let now = |s: &Self, r: &Record| {
            position(&s.case, r.list(), r.id()).map(|i| current(&s.doc, r.list(), i))
        };
        let fresh = match edit {
            Edit::Add { record, .. } => match now(self, record) {
                Some(r) if r == *record => false,
                Some(_) => {
                    return Err(format!(
                        "{} with that id was added on disk",
                        record.list().a_noun()
                    ));
                }
                None => true,
            },
            Edit::Change { from, to } => match now(self, to) {
                None => return Err(format!("the {} was removed on disk", to.list().noun())),
                Some(r) if r == *to => false,
                Some(r) if r != *from => {
                    return Err(format!("the {} was also changed on disk", to.list().noun()));
                }
                Some(_) => true,
            },
            Edit::Remove { record } => match now(self, record) {
                None => false,
                Some(r) if r != *record => {
                    return Err(format!("the {} was changed on disk", record.list().noun()));
                }
                Some(_) => true,
            },
            Edit::CaseText { from, to } => {
                let text = self.case_text();
                if text == *to {
                    false
                } else if text != *from {
                    return Err("the title or summary was also changed on disk".into());
                } else {
                    true
                }
            }
        };
        if fresh {
            self.run(edit).map_err(|e| e.reasons.join("; "))?;
        }
        Ok(fresh)
    }

    /// Writes `edits` (with why each was not applied) to a new rescue file beside the case.
    fn rescue(&self, edits: &[(Edit, String)]) -> std::io::Result<PathBuf> {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let name = self
            .json_path
            .file_name()
            .map_or("case.json".into(), |n| n.to_string_lossy().into_owned());
        let dir = self.json_path.parent().unwrap_or(Path::new("."));
        let path = rescue_path(dir, &name, &stamp.to_string());
        let body = serde_json::json!({
            "case": self.json_path.display().to_string(),
            "written": stamp.to_string(),
            "why": "these edits were not applied: someone else changed the same records in the case file",
            "edits": edits.iter().map(|(e, why)| {
                let mut v = e.to_json();
                v["conflict"] = why.clone().into();
                v
            }).collect::<Vec<_>>(),
        });
        let text = serde_json::to_string_pretty(&body).expect("JSON always serializes") + "\n";
        write_atomic(&path, |w| w.write_all(text.as_bytes()))?;
        Ok(path)
    }
}

/// `<name>.rescue-<stamp>.json` in `dir`, or, when that is taken (a second rescue in
/// the same second), the same with `-2`, `-3`, …: a rescue never replaces another.
fn rescue_path(dir: &Path, name: &str, stamp: &str) -> PathBuf {
    let mut path = dir.join(format!("{name}.rescue-{stamp}.json"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{name}.rescue-{stamp}-{n}.json"));
        n += 1;
    }
    path
}

/// Events a session can add before the event lists grow: growing a list of a million
/// events copies it (and regrowing the id table rehashes every id), which an edit should
/// not wait for.
const HEADROOM: usize = 4096;

fn headroom(case: &mut Case) {
    case.events.reserve(HEADROOM);
    let idx = &mut case.index;
    idx.event_ids.reserve(&case.events, HEADROOM);
    idx.timeline.reserve(HEADROOM);
    idx.timeline_pos.reserve(HEADROOM);
    idx.links_in.reserve(HEADROOM);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    /// A file that another program rewrites on each of its first `changes` reads: each
    /// read is numbered, and its stamp changes while it is read until then.
    fn reads(changes: usize) -> impl FnMut() -> Result<(usize, Vec<u8>, Stamp, Stamp), ()> {
        let mut n = 0;
        move || {
            n += 1;
            let at = |k: usize| Some(SystemTime::UNIX_EPOCH + Duration::from_secs(k as u64));
            let before = (4, at(n));
            let after = if n <= changes { (4, at(n + 1)) } else { before };
            Ok((n, b"{}\n\n".to_vec(), before, after))
        }
    }

    #[test]
    fn a_file_is_read_again_until_one_read_is_whole() {
        assert_eq!(
            read_settled(reads(0)).unwrap().0,
            1,
            "a still file: one read"
        );
        assert_eq!(read_settled(reads(1)).unwrap().0, 2);
        assert_eq!(read_settled(reads(2)).unwrap().0, 3);
        // Rewritten on every read: the last of MAX_READS is taken.
        assert_eq!(read_settled(reads(10)).unwrap().0, MAX_READS);
        // Bytes that are not all of the file (it grew between the read and its stamp).
        let mut n = 0;
        let short = || {
            n += 1;
            let stamp = (if n == 1 { 5 } else { 4 }, None);
            Ok::<_, ()>((n, b"{}\n\n".to_vec(), stamp, stamp))
        };
        assert_eq!(read_settled(short).unwrap().0, 2);
        // A read that fails ends it.
        assert_eq!(
            read_settled(|| Err::<(u8, _, _, _), _>("gone")),
            Err("gone")
        );
    }

    #[test]
    fn a_rescue_file_never_replaces_another() {
        let dir = tempfile::tempdir().unwrap();
        let at = |n: &str| {
            dir.path()
                .join(format!("case.json.rescue-20261206T120000Z{n}.json"))
        };
        let next = || rescue_path(dir.path(), "case.json", "20261206T120000Z");
        assert_eq!(next(), at(""));
        for (taken, then) in [("", "-2"), ("-2", "-3"), ("-3", "-4")] {
            std::fs::write(at(taken), "{}").unwrap();
            assert_eq!(next(), at(then));
        }
    }

    #[test]
    fn unsaved_edits_are_counted_in_words() {
        assert_eq!(unsaved(1), "the 1 unsaved edit is");
        assert_eq!(unsaved(3), "the 3 unsaved edits are");
    }
}

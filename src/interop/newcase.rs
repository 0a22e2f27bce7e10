//! A case being made by an importer, and the writer that puts it in a new folder.
//!
//! [`NewCase`] holds what `case.json` will hold, in the model's field order (format, id,
//! title, summary, sources, entities, events; each record's `id` first), so its JSON is
//! the project's canonical layout: `serde_json::to_string_pretty` plus a newline. Source
//! texts go to `sources/*.txt`; bookmarks and notes to the new case's state file.
//!
//! Large imports stream: events go to a [`Sink`] as they are read. [`CaseWriter`] writes
//! each one at once, already in its final pretty form, to a file beside the new case, and
//! [`CaseWriter::finish`] writes `case.json` around them, so memory does not grow with the
//! number of events. The bytes are the same as [`NewCase::to_json`] would give (a test
//! holds them to it).
//!
//! Until the shared case writer lands, this is the one place an import writes a case.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::state::State;

/// A source of the new case; `text` goes to its `file`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct NewSource {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub published: String,
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The full text (for streamed sources, what was written so far is not kept here).
    #[serde(skip)]
    pub text: String,
}

/// An entity of the new case.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct NewEntity {
    pub id: String,
    pub name: String,
    pub kind: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// A citation: a quote that occurs verbatim in its source's text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NewCitation {
    pub source: String,
    pub quote: String,
}

/// A link to another event of the new case.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NewLink {
    pub to: String,
    pub kind: String,
}

/// An event of the new case.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct NewEvent {
    pub id: String,
    pub date: String,
    pub title: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub summary: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub citations: Vec<NewCitation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<NewLink>,
}

/// What an import brings besides the case: bookmarks and notes, by event id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewState {
    pub bookmarks: Vec<String>,
    pub notes: Vec<(String, String)>,
}

impl NewState {
    /// Whether there is nothing to write.
    pub fn is_empty(&self) -> bool {
        self.bookmarks.is_empty() && self.notes.is_empty()
    }

    /// The state file's contents, every bookmark and note stamped `now`.
    pub fn to_state(&self, now: DateTime<Utc>) -> State {
        let mut s = State::new();
        for id in &self.bookmarks {
            s.add_bookmark(id, now);
        }
        for (id, text) in &self.notes {
            s.set_note(id, text, now);
        }
        s
    }
}

/// A new case: what `case.json` will hold, the source texts, and the state to go with it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct NewCase {
    pub format: u32,
    pub id: String,
    pub title: String,
    pub summary: String,
    pub sources: Vec<NewSource>,
    pub entities: Vec<NewEntity>,
    pub events: Vec<NewEvent>,
    #[serde(skip)]
    pub state: NewState,
}

impl NewCase {
    /// An empty case with this id and title.
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> NewCase {
        NewCase {
            format: 1,
            id: id.into(),
            title: title.into(),
            ..NewCase::default()
        }
    }

    /// `case.json`'s text in the canonical layout.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a NewCase always serializes");
        s.push('\n');
        s
    }
}

/// Where a streaming importer puts events and source text as it reads them.
pub trait Sink {
    /// Takes the next event (events stay in the order given).
    fn event(&mut self, ev: &NewEvent) -> io::Result<()>;
    /// Appends `text` to the text of source number `source` (its place in the head's
    /// list), whose `file` is `file` (the head given at the end must name the same file).
    fn source_text(&mut self, source: usize, file: &str, text: &str) -> io::Result<()>;
}

/// A [`Sink`] that keeps everything in memory (for small files and tests).
#[derive(Debug, Default)]
pub struct Collect {
    pub events: Vec<NewEvent>,
    pub texts: Vec<String>,
}

impl Sink for Collect {
    fn event(&mut self, ev: &NewEvent) -> io::Result<()> {
        self.events.push(ev.clone());
        Ok(())
    }
    fn source_text(&mut self, source: usize, _file: &str, text: &str) -> io::Result<()> {
        if self.texts.len() <= source {
            self.texts.resize(source + 1, String::new());
        }
        self.texts[source].push_str(text);
        Ok(())
    }
}

impl Collect {
    /// The whole case: `head` (sources, entities, state) with the collected events and texts.
    pub fn into_case(self, mut head: NewCase) -> NewCase {
        head.events = self.events;
        for (s, text) in self.texts.into_iter().enumerate() {
            if let Some(src) = head.sources.get_mut(s) {
                src.text.push_str(&text);
            }
        }
        head
    }
}

/// Why a new case could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The folder already holds a case (or anything else).
    #[error("{} already exists and is not empty; import writes a new case into a new or empty folder", .0.display())]
    Exists(PathBuf),
    /// A source's `file` would leave the case folder.
    #[error("source file name {0:?} is not a plain name under sources/")]
    BadFile(String),
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

fn io_at(path: &Path) -> impl Fn(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes a new case folder as events stream in. Everything goes into a temporary folder
/// beside `dir`, which becomes `dir` only when [`CaseWriter::finish`] succeeds, so a
/// failed import leaves nothing half-written.
pub struct CaseWriter {
    dir: PathBuf,
    tmp: PathBuf,
    events: BufWriter<File>,
    n_events: usize,
    texts: Vec<Option<BufWriter<File>>>,
    buf: Vec<u8>,
}

/// The temporary folder for `dir`.
fn tmp_dir(dir: &Path) -> PathBuf {
    let name = dir
        .file_name()
        .map_or("case".into(), |n| n.to_string_lossy().into_owned());
    dir.with_file_name(format!(".{name}.caseboard-import"))
}

/// Checks that `dir` may receive a new case: absent, or an empty folder.
pub fn check_target(dir: &Path) -> Result<(), WriteError> {
    match fs::read_dir(dir) {
        Ok(mut entries) => match entries.next() {
            None => Ok(()),
            Some(_) => Err(WriteError::Exists(dir.to_path_buf())),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) if dir.is_file() => Err(WriteError::Io {
            path: dir.to_path_buf(),
            source: io::Error::new(io::ErrorKind::AlreadyExists, e),
        }),
        Err(e) => Err(io_at(dir)(e)),
    }
}

/// Whether `file` is `sources/NAME` with a plain file name.
fn plain_source_file(file: &str) -> bool {
    file.strip_prefix("sources/").is_some_and(|name| {
        !name.is_empty()
            && name != "."
            && name != ".."
            && !name.contains(['/', '\\', '\0'])
            && !name.starts_with('.')
    })
}

impl CaseWriter {
    /// Starts a new case in `dir` (which must be absent or empty).
    pub fn create(dir: &Path) -> Result<CaseWriter, WriteError> {
        check_target(dir)?;
        let tmp = tmp_dir(dir);
        if tmp.exists() {
            fs::remove_dir_all(&tmp).map_err(io_at(&tmp))?;
        }
        fs::create_dir_all(tmp.join("sources")).map_err(io_at(&tmp))?;
        let events_path = tmp.join("events.part");
        let events = File::create(&events_path).map_err(io_at(&events_path))?;
        Ok(CaseWriter {
            dir: dir.to_path_buf(),
            tmp,
            events: BufWriter::with_capacity(1 << 20, events),
            n_events: 0,
            texts: Vec::new(),
            buf: Vec::with_capacity(4096),
        })
    }

    fn text_file(&mut self, source: usize, file: &str) -> Result<&mut BufWriter<File>, WriteError> {
        if self.texts.len() <= source {
            self.texts.resize_with(source + 1, || None);
        }
        if self.texts[source].is_none() {
            if !plain_source_file(file) {
                return Err(WriteError::BadFile(file.to_string()));
            }
            // One text file open at a time (an import may have thousands of sources);
            // a file is reopened for appending if its source gets more text later.
            for open in self.texts.iter_mut() {
                if let Some(mut f) = open.take() {
                    f.flush().map_err(io_at(&self.tmp))?;
                }
            }
            let path = self.tmp.join(file);
            let f = fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)
                .map_err(io_at(&path))?;
            self.texts[source] = Some(BufWriter::with_capacity(1 << 18, f));
        }
        Ok(self.texts[source].as_mut().expect("just opened"))
    }

    /// Finishes the case: writes `head`'s sources' texts (appended to what was streamed),
    /// `case.json` with `head`'s sources and entities and the streamed events (plus
    /// `head.events`, if any, after them), and the state file; then moves the folder into
    /// place. `now` stamps the bookmarks and notes.
    pub fn finish(mut self, head: &NewCase, now: DateTime<Utc>) -> Result<PathBuf, WriteError> {
        for ev in &head.events {
            self.write_event(ev).map_err(io_at(&self.tmp))?;
        }
        for (i, src) in head.sources.iter().enumerate() {
            let f = self.text_file(i, &src.file)?;
            f.write_all(src.text.as_bytes())
                .map_err(|e| io_at(Path::new(&src.file))(e))?;
        }
        for f in self.texts.iter_mut().flatten() {
            f.flush().map_err(|e| io_at(Path::new("sources"))(e))?;
        }
        let events_path = self.tmp.join("events.part");
        self.events.flush().map_err(io_at(&events_path))?;
        drop(self.events);

        // The head as the canonical writer gives it with no events, then the events.
        let mut shell = NewCase {
            events: Vec::new(),
            state: NewState::default(),
            ..head.clone()
        };
        shell.sources.iter_mut().for_each(|s| s.text.clear());
        let json = serde_json::to_string_pretty(&shell).expect("a NewCase always serializes");
        let open = json
            .strip_suffix("[]\n}")
            .expect("the events list comes last and is empty");
        let case_path = self.tmp.join("case.json");
        let mut out = BufWriter::with_capacity(
            1 << 20,
            File::create(&case_path).map_err(io_at(&case_path))?,
        );
        let w = |r: io::Result<()>| r.map_err(io_at(&case_path));
        w(out.write_all(open.as_bytes()))?;
        if self.n_events == 0 {
            w(out.write_all(b"[]\n}\n"))?;
        } else {
            w(out.write_all(b"[\n"))?;
            let mut events = File::open(&events_path).map_err(io_at(&events_path))?;
            w(io::copy(&mut events, &mut out).map(|_| ()))?;
            w(out.write_all(b"\n  ]\n}\n"))?;
        }
        w(out.flush())?;
        drop(out);
        fs::remove_file(&events_path).map_err(io_at(&events_path))?;
        if !head.state.is_empty() {
            let state = head.state.to_state(now);
            let path = self.tmp.join(crate::state::FILE_NAME);
            fs::write(&path, state.to_json()).map_err(io_at(&path))?;
        }
        // An empty target folder is replaced by the finished one.
        if self.dir.exists() {
            fs::remove_dir(&self.dir).map_err(io_at(&self.dir))?;
        }
        fs::rename(&self.tmp, &self.dir).map_err(io_at(&self.dir))?;
        Ok(self.dir.join("case.json"))
    }

    /// Writes one event in its final form: pretty, indented as an element of `events`.
    fn write_event(&mut self, ev: &NewEvent) -> io::Result<()> {
        self.buf.clear();
        serde_json::to_writer_pretty(&mut self.buf, ev).map_err(io::Error::other)?;
        if self.n_events > 0 {
            self.events.write_all(b",\n")?;
        }
        self.events.write_all(b"    ")?;
        // JSON strings never hold a raw line break, so every '\n' starts a new line.
        let mut rest = &self.buf[..];
        while let Some(i) = memchr::memchr(b'\n', rest) {
            self.events.write_all(&rest[..=i])?;
            self.events.write_all(b"    ")?;
            rest = &rest[i + 1..];
        }
        self.events.write_all(rest)?;
        self.n_events += 1;
        Ok(())
    }

    /// Abandons the import: removes the temporary folder.
    pub fn abandon(self) {
        let _ = fs::remove_dir_all(&self.tmp);
    }
}

impl Sink for CaseWriter {
    fn event(&mut self, ev: &NewEvent) -> io::Result<()> {
        self.write_event(ev)
    }
    fn source_text(&mut self, source: usize, file: &str, text: &str) -> io::Result<()> {
        let f = self.text_file(source, file).map_err(io::Error::other)?;
        f.write_all(text.as_bytes())
    }
}

/// Writes `case` into the new folder `dir` (absent or empty); returns the case.json path.
pub fn write_case(dir: &Path, case: &NewCase, now: DateTime<Utc>) -> Result<PathBuf, WriteError> {
    let w = CaseWriter::create(dir)?;
    let tmp = w.tmp.clone();
    w.finish(case, now).inspect_err(|_| {
        let _ = fs::remove_dir_all(&tmp);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> NewCase {
        let mut c = NewCase::new("x", "X \"quoted\"");
        c.summary = "line\nbreak".into();
        c.sources.push(NewSource {
            id: "s".into(),
            title: "S".into(),
            publisher: "P".into(),
            published: "2020".into(),
            file: "sources/s.txt".into(),
            text: "alpha beta\n".into(),
            ..NewSource::default()
        });
        c.entities.push(NewEntity {
            id: "e".into(),
            name: "Zoë".into(),
            kind: "person".into(),
            ..NewEntity::default()
        });
        for i in 0..3 {
            c.events.push(NewEvent {
                id: format!("ev{i}"),
                date: "2020-01-02".into(),
                title: format!("Event {i}\twith tab"),
                entities: vec!["e".into()],
                citations: vec![NewCitation {
                    source: "s".into(),
                    quote: "alpha".into(),
                }],
                ..NewEvent::default()
            });
        }
        c
    }

    #[test]
    fn streamed_events_give_the_canonical_bytes() {
        let tmp = tempfile::tempdir().unwrap();
        for n in [0, 1, 3] {
            let mut case = sample();
            case.events.truncate(n);
            let dir = tmp.path().join(format!("c{n}"));
            let mut w = CaseWriter::create(&dir).unwrap();
            for ev in &case.events {
                w.event(ev).unwrap();
            }
            w.source_text(0, "sources/s.txt", "streamed ").unwrap();
            let head = NewCase {
                events: Vec::new(),
                ..case.clone()
            };
            w.finish(&head, Utc::now()).unwrap();
            let got = fs::read_to_string(dir.join("case.json")).unwrap();
            assert_eq!(got, case.to_json(), "{n} events");
            let text = fs::read_to_string(dir.join("sources/s.txt")).unwrap();
            assert_eq!(text, "streamed alpha beta\n");
            assert!(!tmp_dir(&dir).exists());
        }
    }

    #[test]
    fn never_writes_into_a_case() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("c");
        write_case(&dir, &sample(), Utc::now()).unwrap();
        let before = fs::read(dir.join("case.json")).unwrap();
        let err = write_case(&dir, &sample(), Utc::now()).unwrap_err();
        assert!(matches!(err, WriteError::Exists(_)), "{err}");
        assert_eq!(fs::read(dir.join("case.json")).unwrap(), before);
        // An empty folder is fine.
        let empty = tmp.path().join("empty");
        fs::create_dir(&empty).unwrap();
        write_case(&empty, &sample(), Utc::now()).unwrap();
        assert!(empty.join("case.json").exists());
    }

    #[test]
    fn source_files_stay_in_the_case() {
        let tmp = tempfile::tempdir().unwrap();
        let mut case = sample();
        case.sources[0].file = "sources/../../evil.txt".into();
        let err = write_case(&tmp.path().join("c"), &case, Utc::now()).unwrap_err();
        assert!(matches!(err, WriteError::BadFile(_)), "{err}");
        assert!(!tmp.path().join("c").exists());
        assert!(!tmp_dir(&tmp.path().join("c")).exists());
    }
}

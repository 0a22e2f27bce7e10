//! Loading: read case.json and its sources, validate everything, build the index.
//!
//! Every problem is collected (never just the first) and located by file, line:column
//! and JSON path. Nothing here panics on any input; `tests/loader_props.rs` checks that.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::date::Date;
use super::fold::{
    Folded, QuoteSearcher, closest_passage, find_quote, find_quote_with, fold_quote_into,
};
use super::index::Index;
use super::locate::{LineIndex, line_col, locate};
use super::model::*;
use super::problem::{LoadError, Problem, Severity};
use super::raw::{Field, List, RawCase, RawCitation, RawEntity, RawEvent, RawLink, RawSource};

/// Stand-in date for fields that failed to parse (the load fails anyway).
const EPOCH: crate::case::date::Point = crate::case::date::Point {
    year: 1970,
    month: None,
    day: None,
    time: None,
    offset_minutes: None,
    precision: crate::case::Precision::Year,
    qualifier: crate::case::Qualifier::None,
};

/// The case format version this build reads.
pub const FORMAT: u64 = 1;

/// A successfully loaded case and the warnings it produced.
#[derive(Debug)]
pub struct Loaded {
    pub case: Case,
    pub warnings: Vec<Problem>,
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

/// Loads the case at `arg` (a case.json or a folder holding one).
pub fn load_path(arg: &Path) -> Result<Loaded, LoadError> {
    let json_path = resolve_case_path(arg);
    let shown = json_path.display().to_string();
    let bytes = std::fs::read(&json_path).map_err(|e| {
        let (message, hint) = match e.kind() {
            std::io::ErrorKind::NotFound => (
                format!("no case file here ({e})"),
                "give a case.json or a folder that holds one; run `caseboard` without arguments for the bundled case",
            ),
            _ => (format!("cannot read the case file: {e}"), "check the file's permissions"),
        };
        single(&shown, message, Some(hint.into()))
    })?;
    let dir = json_path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let dir = if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir
    };
    let json = Json::File {
        bytes,
        path: json_path.clone(),
    };
    load_json(json, &shown, &DirFiles { dir }, Some(json_path))
}

fn single(file: &str, message: String, hint: Option<String>) -> LoadError {
    LoadError {
        problems: vec![Problem {
            severity: Severity::Error,
            file: file.into(),
            line_col: None,
            path: None,
            message,
            hint,
        }],
    }
}

/// A problem waiting to be located: `at` is the JSON path whose position names it.
struct Pending {
    severity: Severity,
    path: String,
    at: String,
    message: String,
    hint: Option<String>,
}

#[derive(Default)]
struct Problems(Vec<Pending>);

impl Problems {
    fn error(
        &mut self,
        path: impl Into<String>,
        message: impl Into<String>,
        hint: impl Into<Option<String>>,
    ) {
        let path = path.into();
        self.0.push(Pending {
            severity: Severity::Error,
            at: path.clone(),
            path,
            message: message.into(),
            hint: hint.into(),
        });
    }
    fn warn(
        &mut self,
        path: impl Into<String>,
        message: impl Into<String>,
        hint: impl Into<Option<String>>,
    ) {
        let path = path.into();
        self.0.push(Pending {
            severity: Severity::Warning,
            at: path.clone(),
            path,
            message: message.into(),
            hint: hint.into(),
        });
    }
    /// A field that is absent: located at its parent object.
    fn missing(&mut self, parent: &str, name: &str, what: &str) {
        let path = join(parent, name);
        self.0.push(Pending {
            severity: Severity::Error,
            path,
            at: parent.to_string(),
            message: format!("missing field `{name}`"),
            hint: Some(format!("add \"{name}\": {what}")),
        });
    }

    /// Required field: reports missing / wrong type and returns the value if usable.
    fn req<T>(&mut self, f: Field<T>, parent: &str, name: &str, what: &str) -> Option<T> {
        match f {
            Field::Ok(v) => Some(v),
            Field::Missing => {
                self.missing(parent, name, what);
                None
            }
            Field::Wrong(found) => {
                self.error(
                    join(parent, name),
                    format!("expected {what}, found {found}"),
                    None,
                );
                None
            }
        }
    }

    /// Required non-empty string.
    fn req_str(&mut self, f: Field<String>, parent: &str, name: &str) -> Option<String> {
        let v = self.req(f, parent, name, "a string")?;
        if v.trim().is_empty() {
            self.error(
                join(parent, name),
                format!("`{name}` is empty"),
                Some("give it a value".to_string()),
            );
            return None;
        }
        Some(v)
    }

    /// Optional field: absent is fine, a wrong type is not.
    fn opt<T>(&mut self, f: Field<T>, parent: &str, name: &str, what: &str) -> Option<T> {
        match f {
            Field::Missing => None,
            other => self.req(other, parent, name, what),
        }
    }

    /// Optional list: each element checked; bad elements reported and dropped.
    fn list<T>(&mut self, f: List<T>, parent: &str, name: &str, what: &str) -> Vec<(usize, T)> {
        let Some(items) = self.opt(f, parent, name, "an array") else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            match item {
                Field::Ok(v) => out.push((i, v)),
                Field::Missing => {}
                Field::Wrong(found) => self.error(
                    format!("{}[{i}]", join(parent, name)),
                    format!("expected {what}, found {found}"),
                    None,
                ),
            }
        }
        out
    }
}

fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_string()
    } else {
        format!("{parent}.{name}")
    }
}

/// Suggests the closest known id, for "did you mean" hints.
fn suggest<'a>(bad: &str, known: impl Iterator<Item = &'a String>) -> Option<String> {
    known
        .map(|k| (strsim::jaro_winkler(bad, k), k))
        .filter(|(s, _)| *s > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| format!("did you mean \"{k}\"?"))
}

/// A position in one of the case's lists, as the loader hands them out.
trait Ix: Copy {
    fn from_usize(i: usize) -> Self;
    fn get(self) -> usize;
}

macro_rules! ix {
    ($($t:ident),*) => {$(
        impl Ix for $t {
            fn from_usize(i: usize) -> Self {
                $t(i as u32)
            }
            fn get(self) -> usize {
                $t::get(self)
            }
        }
    )*};
}
ix!(SourceIx, EntityIx, EventIx);

/// Ids of one list: id → position, and each position's index in the JSON array
/// (for paths in messages).
struct Ids<I> {
    map: HashMap<String, I>,
    at: Vec<usize>,
}

impl<I: Ix> Ids<I> {
    fn with_capacity(n: usize) -> Self {
        Ids {
            map: HashMap::with_capacity(n),
            at: Vec::with_capacity(n),
        }
    }
    /// The file position of the item registered as `id`.
    fn at_of(&self, id: &str) -> Option<usize> {
        self.map.get(id).map(|ix| self.at[ix.get()])
    }
}

/// Registers `id` (array index `at`, path `path`) as the next position, reporting a
/// duplicate with the first place it was used.
fn register<I: Ix>(
    p: &mut Problems,
    ids: &mut Ids<I>,
    id: &str,
    at: usize,
    path: &str,
    list: &str,
) -> bool {
    if let Some(&first) = ids.map.get(id) {
        let first = ids.at[first.get()];
        p.error(
            join(path, "id"),
            format!("duplicate id \"{id}\" (first used by {list}[{first}])"),
            Some("ids must be unique within their list; rename one".to_string()),
        );
        return false;
    }
    ids.map.insert(id.to_string(), I::from_usize(ids.at.len()));
    ids.at.push(at);
    true
}

/// Writes `events[i]`-style paths into a reused buffer (paths are needed for every
/// item but read only when something is wrong).
fn item_path<'a>(buf: &'a mut String, list: &str, i: usize) -> &'a str {
    use std::fmt::Write as _;
    buf.clear();
    let _ = write!(buf, "{list}[{i}]");
    buf
}

/// Validates and builds a case from case.json bytes. `case_file` names it in messages;
/// `files` supplies the source texts.
pub fn load_bytes(
    json: &[u8],
    case_file: &str,
    files: &dyn Files,
    path: Option<PathBuf>,
) -> Result<Loaded, LoadError> {
    load_json(Json::Borrowed(json), case_file, files, path)
}

/// The case file's text, which is needed again only to locate problems.
enum Json<'a> {
    Borrowed(&'a [u8]),
    /// Read from `path`; the bytes are freed once parsed (on a large case they are
    /// a third of the peak memory) and read again only if there are problems.
    File {
        bytes: Vec<u8>,
        path: PathBuf,
    },
}

impl Json<'_> {
    fn bytes(&self) -> &[u8] {
        match self {
            Json::Borrowed(b) => b,
            Json::File { bytes, .. } => bytes,
        }
    }

    fn release(&mut self) -> usize {
        match self {
            Json::Borrowed(b) => b.len(),
            Json::File { bytes, .. } => std::mem::take(bytes).len(),
        }
    }

    /// The text again, for locating problems. If the file changed meanwhile (its length
    /// differs), problems are reported without positions rather than wrong ones.
    fn reread(&self, len: usize) -> std::borrow::Cow<'_, [u8]> {
        match self {
            Json::Borrowed(b) => std::borrow::Cow::Borrowed(b),
            Json::File { path, .. } => {
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

fn load_json(
    mut json: Json,
    case_file: &str,
    files: &dyn Files,
    path: Option<PathBuf>,
) -> Result<Loaded, LoadError> {
    let raw: Field<RawCase> = match serde_json::from_slice(json.bytes()) {
        Ok(r) => r,
        Err(e) => {
            let msg = e.to_string();
            let msg = msg
                .rsplit_once(" at line ")
                .map_or(msg.as_str(), |(m, _)| m)
                .to_string();
            let hint = match e.classify() {
                serde_json::error::Category::Eof => {
                    "the file ends early: look for a missing `]`, `}` or `\"`"
                }
                serde_json::error::Category::Io => "check the file can be read",
                _ if msg.contains("duplicate field") => {
                    "each field may appear once per object; remove the repeat"
                }
                _ => {
                    "fix the JSON syntax here (a missing comma, quote or bracket is the usual cause)"
                }
            };
            let line_col = (e.line() > 0).then(|| (e.line(), e.column()));
            return Err(LoadError {
                problems: vec![Problem {
                    severity: Severity::Error,
                    file: case_file.into(),
                    line_col,
                    path: None,
                    message: format!("invalid JSON: {msg}"),
                    hint: Some(hint.into()),
                }],
            });
        }
    };
    let json_len = json.release();
    let mut p = Problems::default();
    let raw = match raw {
        Field::Ok(r) => r,
        Field::Wrong(found) => {
            return Err(single(
                case_file,
                format!("expected a JSON object at the top level, found {found}"),
                Some(
                    "a case file is one object: { \"format\": 1, \"id\": …, \"events\": […] }"
                        .into(),
                ),
            ));
        }
        Field::Missing => unreachable!("serde_json always yields a value"),
    };

    match raw.format {
        Field::Ok(FORMAT) => {}
        Field::Ok(n) => p.error(
            "format",
            format!("unsupported format {n}"),
            Some(format!(
                "this caseboard reads format {FORMAT}; update caseboard or convert the file"
            )),
        ),
        other => {
            p.req(other, "", "format", "1");
        }
    }
    let id = p.req_str(raw.id, "", "id").unwrap_or_default();
    let title = p.req_str(raw.title, "", "title").unwrap_or_default();
    let summary = p
        .opt(raw.summary, "", "summary", "a string")
        .unwrap_or_default();

    // Sources: metadata now, text read below (in parallel).
    let mut source_ids: Ids<SourceIx> = Ids::with_capacity(0);
    let mut sources = Vec::new();
    // A source whose id is fine is registered even if other fields are broken, so
    // references to it do not cascade into more errors; `usable` says whose text is real.
    let mut usable = Vec::new();
    for (i, s) in p.list(raw.sources, "", "sources", "an object") {
        let path = format!("sources[{i}]");
        let (src, ok) = source(&mut p, s, &path);
        let Some(src) = src else { continue };
        if register(&mut p, &mut source_ids, &src.id, i, &path, "sources") {
            sources.push(src);
            usable.push(ok);
        }
    }
    let texts: Vec<Option<Result<String, (String, String)>>> = sources
        .par_iter()
        .zip(&usable)
        .map(|(s, &ok): (&Source, &bool)| ok.then(|| read_text(files, &s.file)))
        .collect();
    for (((src, text), &i), ok) in sources
        .iter_mut()
        .zip(texts)
        .zip(&source_ids.at)
        .zip(usable.iter_mut())
    {
        match text {
            Some(Ok(t)) => src.text = t,
            Some(Err((message, hint))) => {
                p.error(format!("sources[{i}].file"), message, Some(hint));
                *ok = false;
            }
            None => {}
        }
    }

    let raw_entities = p.list(raw.entities, "", "entities", "an object");
    let mut entity_ids: Ids<EntityIx> = Ids::with_capacity(raw_entities.len());
    let mut entities = Vec::with_capacity(raw_entities.len());
    let mut buf = String::new();
    for (i, e) in raw_entities {
        let path = item_path(&mut buf, "entities", i);
        if let Some(ent) = entity(&mut p, e, path)
            && register(&mut p, &mut entity_ids, &ent.id, i, path, "entities")
        {
            entities.push(ent);
        }
    }

    // Events, in two passes: ids first so links may point forward.
    // (Like `Problems::list`, but in place: a million raw events are not copied.)
    let mut raw_events = p
        .opt(raw.events, "", "events", "an array")
        .unwrap_or_default();
    let mut event_ids: Ids<EventIx> = Ids::with_capacity(raw_events.len());
    // The id of each raw event that was registered (taken out of the raw event).
    let mut kept_ids: Vec<Option<String>> = Vec::with_capacity(raw_events.len());
    for (i, e) in raw_events.iter_mut().enumerate() {
        let path = item_path(&mut buf, "events", i);
        let id = match e {
            Field::Ok(e) => p.req_str(std::mem::take(&mut e.id), path, "id"),
            Field::Wrong(found) => {
                p.error(path, format!("expected an object, found {found}"), None);
                None
            }
            Field::Missing => None,
        };
        kept_ids.push(id.filter(|id| register(&mut p, &mut event_ids, id, i, path, "events")));
    }
    // Second pass, in parallel over chunks of events; each chunk's problems, quotes and
    // events are joined in file order, so the result is the same as one pass.
    const CHUNK: usize = 4096;
    let refs = Refs {
        sources: &source_ids.map,
        entities: &entity_ids.map,
        events: &event_ids.map,
    };
    // Events are written straight into their final places (each chunk owns a slice of
    // the one vector): collecting per-chunk vectors and joining them would hold every
    // event twice at the peak.
    let mut events: Vec<Event> = (0..event_ids.at.len())
        .map(|_| placeholder_event())
        .collect();
    let mut outs: Vec<(usize, &mut [Event])> = Vec::new();
    let mut rest = events.as_mut_slice();
    for ids in kept_ids.chunks(CHUNK) {
        let base = outs.last().map_or(0, |(b, o)| b + o.len());
        let (out, tail) = rest.split_at_mut(ids.iter().filter(|id| id.is_some()).count());
        outs.push((base, out));
        rest = tail;
    }
    let chunks: Vec<(Problems, EventCtx)> = raw_events
        .par_chunks_mut(CHUNK)
        .zip(kept_ids.par_chunks_mut(CHUNK))
        .zip(outs)
        .enumerate()
        .map(|(c, ((raws, ids), (base, out)))| {
            let mut p = Problems::default();
            // Sized up front: grown buffers would leave holes in the worker's heap.
            let (mut n_quotes, mut quote_bytes) = (0, 0);
            for e in raws.iter() {
                if let Field::Ok(RawEvent {
                    citations: Field::Ok(cs),
                    ..
                }) = e
                {
                    for c in cs {
                        if let Field::Ok(RawCitation {
                            quote: Field::Ok(q),
                            ..
                        }) = c
                        {
                            n_quotes += 1;
                            quote_bytes += q.len();
                        }
                    }
                }
            }
            let mut ctx = EventCtx {
                refs,
                arena: c as u32,
                quotes: Vec::with_capacity(n_quotes),
                folded: String::with_capacity(quote_bytes),
                scratch: String::new(),
            };
            let mut buf = String::new();
            let mut slots = out.iter_mut().enumerate();
            for (k, (e, id)) in raws.iter_mut().zip(ids).enumerate() {
                let (Field::Ok(e), Some(id)) = (std::mem::take(e), id.take()) else {
                    continue;
                };
                let i = c * CHUNK + k;
                let path = item_path(&mut buf, "events", i);
                let (n, slot) = slots.next().expect("one slot per kept event");
                *slot = event(&mut p, e, id, path, i, &mut ctx, base + n);
            }
            (p, ctx)
        })
        .collect();
    drop(raw_events);
    let mut quotes = Vec::with_capacity(chunks.iter().map(|c| c.1.quotes.len()).sum());
    let mut arenas = Vec::with_capacity(chunks.len());
    for (problems, ctx) in chunks {
        p.0.extend(problems.0);
        quotes.extend(ctx.quotes);
        arenas.push(ctx.folded);
    }
    let mut entity_used = vec![false; entities.len()];
    for ent in events.iter().flat_map(|e| &e.entities) {
        entity_used[ent.get()] = true;
    }

    // Quotes: grouped by source, matched in parallel; quotes into broken sources are
    // not checked (the source's own error says why).
    quotes.retain(|q| usable[q.source.get()]);
    let found = match_quotes(&sources, &arenas, &quotes);
    drop(arenas);
    for (job, res) in quotes.iter().zip(found) {
        match res {
            Ok(range) => events[job.event].citations[job.citation].range = range,
            Err(closest) => {
                let src = &sources[job.source.get()];
                let mut hint = format!(
                    "quotes must appear verbatim in {} (whitespace and quote marks fold)",
                    files.display(&src.file)
                );
                if let Some(r) = closest {
                    let (line, _) = line_col(src.text.as_bytes(), r.start);
                    hint.push_str(&format!(
                        "\nclosest passage (line {line}): \"{}\"",
                        ellipsize(&src.text[r], 200)
                    ));
                }
                p.error(
                    format!("events[{}].citations[{}].quote", job.at, job.cit_at),
                    format!("quote not found in source \"{}\"", src.id),
                    Some(hint),
                );
            }
        }
    }

    // Unused-entity warnings only on an otherwise clean load: an error in an event's
    // `entities` would make them misleading.
    let clean = !p.0.iter().any(|x| x.severity == Severity::Error);
    for (ix, used) in entity_used.iter().enumerate() {
        if !used && clean {
            let e: &Entity = &entities[ix];
            let at = entity_ids.at_of(&e.id).unwrap_or(0);
            p.warn(
                format!("entities[{at}]"),
                format!("entity \"{}\" is not in any event", e.id),
                Some("add it to an event's `entities`, or remove it".to_string()),
            );
        }
    }

    let problems = if p.0.is_empty() {
        Vec::new()
    } else {
        locate_all(p, &json.reread(json_len), case_file)
    };
    if problems.iter().any(Problem::is_error) {
        return Err(LoadError { problems });
    }
    let index = Index::build(
        &sources,
        &entities,
        &events,
        event_ids.map,
        entity_ids.map,
        source_ids.map,
    );
    Ok(Loaded {
        case: Case {
            id,
            title,
            summary,
            path,
            sources,
            entities,
            events,
            index,
        },
        warnings: problems,
    })
}

fn ellipsize(s: &str, max: usize) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        s
    } else {
        let cut: String = s.chars().take(max).collect();
        format!("{cut}…")
    }
}

fn read_text(files: &dyn Files, rel: &str) -> Result<String, (String, String)> {
    let shown = files.display(rel);
    let bytes = files.read(rel).map_err(|e| match e {
        FileError::NotFound => (
            format!("source file not found: {shown}"),
            "`file` is relative to the folder holding case.json; check the name and that the file exists".to_string(),
        ),
        FileError::Other(why) => (format!("cannot read source file {shown}: {why}"), "`file` must name a readable text file".to_string()),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let (line, col) = line_col(e.as_bytes(), at);
        (
            format!("source file {shown} is not UTF-8 (invalid byte at line {line}, column {col}, byte {at})"),
            "convert it to UTF-8, e.g. `iconv -f WINDOWS-1252 -t UTF-8`".to_string(),
        )
    })
}

/// A source's metadata. The source is returned whenever its id is usable; the flag says
/// whether every other field was valid too.
fn source(p: &mut Problems, s: RawSource, path: &str) -> (Option<Source>, bool) {
    let id = p.req_str(s.id, path, "id");
    let title = p.req_str(s.title, path, "title");
    let publisher = p.req_str(s.publisher, path, "publisher");
    let published = p
        .req_str(s.published, path, "published")
        .and_then(|d| date(p, &d, path, "published"));
    let file = p.req_str(s.file, path, "file");
    let url = p.opt(s.url, path, "url", "a string");
    let byline = p.opt(s.byline, path, "byline", "a string");
    let note = p.opt(s.note, path, "note", "a string");
    let ok = title.is_some() && publisher.is_some() && published.is_some() && file.is_some();
    let Some(id) = id else { return (None, false) };
    let src = Source {
        id,
        title: title.unwrap_or_default(),
        publisher: publisher.unwrap_or_default(),
        published: published.unwrap_or(Date::Single(EPOCH)),
        file: file.unwrap_or_default(),
        url,
        byline,
        note,
        text: String::new(),
    };
    (Some(src), ok)
}

fn date(p: &mut Problems, s: &str, parent: &str, name: &str) -> Option<Date> {
    match Date::parse(s) {
        Ok(d) => Some(d),
        Err(e) => {
            let (msg, help) = e.0.split_once("; ").unwrap_or((&e.0, ""));
            p.error(join(parent, name), msg.to_string(), Some(help.to_string()));
            None
        }
    }
}

fn entity(p: &mut Problems, e: RawEntity, path: &str) -> Option<Entity> {
    let id = p.req_str(e.id, path, "id");
    let name = p.req_str(e.name, path, "name");
    let kind = p.req_str(e.kind, path, "kind").and_then(|k| {
        let parsed = EntityKind::parse(&k);
        if parsed.is_none() {
            let all: Vec<&str> = EntityKind::ALL.iter().map(|k| k.as_str()).collect();
            p.error(
                join(path, "kind"),
                format!("unknown entity kind \"{k}\""),
                Some(format!("use one of: {}", all.join(", "))),
            );
        }
        parsed
    });
    let aliases = p
        .list(e.aliases, path, "aliases", "a string")
        .into_iter()
        .map(|(_, a)| a)
        .filter(|a| !a.trim().is_empty())
        .collect();
    let description = p
        .opt(e.description, path, "description", "a string")
        .unwrap_or_default();
    // Kept whenever the id is usable so references resolve; other errors are already reported.
    Some(Entity {
        id: id?,
        name: name.unwrap_or_default(),
        kind: kind.unwrap_or(EntityKind::Other),
        aliases,
        description,
    })
}

#[derive(Clone, Copy)]
struct Refs<'a> {
    sources: &'a HashMap<String, SourceIx>,
    entities: &'a HashMap<String, EntityIx>,
    events: &'a HashMap<String, EventIx>,
}

/// An event that allocates nothing, to be overwritten.
fn placeholder_event() -> Event {
    Event {
        id: String::new(),
        date: Date::Single(EPOCH),
        title: String::new(),
        summary: String::new(),
        entities: Vec::new(),
        citations: Vec::new(),
        tags: Vec::new(),
        links: Vec::new(),
    }
}

/// What validating events needs besides the problem list.
struct EventCtx<'a> {
    refs: Refs<'a>,
    /// Which chunk of events this is (its quotes' arena).
    arena: u32,
    quotes: Vec<QuoteJob>,
    /// Every quote, folded, end to end: folding while the event is fresh in cache and
    /// reading them back in order is much cheaper than chasing each event later.
    folded: String,
    /// A reused buffer for citation and link paths.
    scratch: String,
}

/// A quote to find: `events[event].citations[citation]`, which sit at array
/// indices `at` and `cit_at` in the file (for the message if it is not found).
struct QuoteJob {
    event: usize,
    citation: usize,
    source: SourceIx,
    at: usize,
    cit_at: usize,
    /// The folded quote, in `EventCtx::folded` of chunk `arena`.
    arena: u32,
    folded: std::ops::Range<usize>,
}

fn event(
    p: &mut Problems,
    e: RawEvent,
    id: String,
    path: &str,
    at: usize,
    ctx: &mut EventCtx,
    ix: usize,
) -> Event {
    use std::fmt::Write as _;
    let arena = ctx.arena;
    let (refs, quotes, scratch, folded) = (
        &ctx.refs,
        &mut ctx.quotes,
        &mut ctx.scratch,
        &mut ctx.folded,
    );
    let date = p
        .req_str(e.date, path, "date")
        .and_then(|d| date(p, &d, path, "date"));
    let title = p.req_str(e.title, path, "title").unwrap_or_default();
    let summary = p
        .opt(e.summary, path, "summary", "a string")
        .unwrap_or_default();
    let mut entities = Vec::new();
    for (j, ent) in p.list(e.entities, path, "entities", "an entity id (string)") {
        match refs.entities.get(&ent) {
            Some(&ix) => entities.push(ix),
            None => p.error(
                format!("{path}.entities[{j}]"),
                format!("no entity with id \"{ent}\""),
                suggest(&ent, refs.entities.keys())
                    .or(Some("add it to `entities`, or fix the id".into())),
            ),
        }
    }
    let mut citations = Vec::new();
    let problems_before = p.0.len();
    for (j, c) in p.list(e.citations, path, "citations", "an object") {
        scratch.clear();
        let _ = write!(scratch, "{path}.citations[{j}]");
        if let Some(cit) = citation(p, c, scratch, refs) {
            let start = folded.len();
            fold_quote_into(&cit.quote, folded);
            quotes.push(QuoteJob {
                event: ix,
                citation: citations.len(),
                source: cit.source,
                at,
                cit_at: j,
                arena,
                folded: start..folded.len(),
            });
            citations.push(cit);
        }
    }
    if citations.is_empty() && p.0.len() == problems_before {
        p.warn(
            path,
            format!("event \"{id}\" cites no source"),
            Some("add a citation: { \"source\": id, \"quote\": \"verbatim passage\" }".to_string()),
        );
    }
    let tags = p
        .list(e.tags, path, "tags", "a string")
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    let mut links = Vec::new();
    for (j, l) in p.list(e.links, path, "links", "an object") {
        scratch.clear();
        let _ = write!(scratch, "{path}.links[{j}]");
        if let Some(link) = link(p, l, scratch, refs, &id) {
            links.push(link);
        }
    }
    Event {
        id,
        date: date.unwrap_or(Date::Single(EPOCH)),
        title,
        summary,
        entities,
        citations,
        tags,
        links,
    }
}

fn citation(p: &mut Problems, c: RawCitation, path: &str, refs: &Refs) -> Option<Citation> {
    let source = p.req_str(c.source, path, "source");
    let quote = p.req_str(c.quote, path, "quote");
    let source = match refs.sources.get(source.as_deref()?) {
        Some(&ix) => ix,
        None => {
            let bad = source.unwrap_or_default();
            p.error(
                join(path, "source"),
                format!("no source with id \"{bad}\""),
                suggest(&bad, refs.sources.keys())
                    .or(Some("add it to `sources`, or fix the id".into())),
            );
            return None;
        }
    };
    Some(Citation {
        source,
        quote: quote?,
        range: 0..0,
    })
}

fn link(p: &mut Problems, l: RawLink, path: &str, refs: &Refs, from: &str) -> Option<Link> {
    let to = p.req_str(l.to, path, "to");
    let kind = p.req_str(l.kind, path, "kind");
    let to_id = to?;
    let Some(&to) = refs.events.get(&to_id) else {
        p.error(
            join(path, "to"),
            format!("no event with id \"{to_id}\""),
            suggest(&to_id, refs.events.keys()).or(Some("link to an event id in this case".into())),
        );
        return None;
    };
    if to_id == from {
        p.error(join(path, "to"), "an event cannot link to itself", None);
        return None;
    }
    Some(Link {
        to,
        kind: LinkKind::parse(&kind?),
    })
}

/// Matches every quote against its source; `Err` carries the closest passage.
fn match_quotes(
    sources: &[Source],
    arenas: &[String],
    jobs: &[QuoteJob],
) -> Vec<Result<std::ops::Range<usize>, Option<std::ops::Range<usize>>>> {
    let mut by_source: Vec<Vec<usize>> = vec![Vec::new(); sources.len()];
    for (k, j) in jobs.iter().enumerate() {
        by_source[j.source.get()].push(k);
    }
    let per_source: Vec<Vec<(usize, Result<_, _>)>> = by_source
        .par_iter()
        .enumerate()
        .map(|(s, ks)| {
            if ks.is_empty() {
                return Vec::new();
            }
            let folded = Folded::new(&sources[s].text);
            // Indexing the text pays for itself after a handful of quotes.
            let searcher = (ks.len() >= 8).then(|| QuoteSearcher::new(&folded.text));
            ks.iter()
                .map(|&k| {
                    let q = &arenas[jobs[k].arena as usize][jobs[k].folded.clone()];
                    let found = match &searcher {
                        Some(sr) => find_quote_with(&folded, sr, q),
                        None => find_quote(&folded, q),
                    };
                    (k, found.ok_or_else(|| closest_passage(&folded, q)))
                })
                .collect()
        })
        .collect();
    let mut out: Vec<Result<_, _>> = (0..jobs.len()).map(|_| Err(None)).collect();
    for (k, r) in per_source.into_iter().flatten() {
        out[k] = r;
    }
    out
}

/// Turns pending problems into located ones, sorted: errors first, each in file order.
fn locate_all(p: Problems, json: &[u8], case_file: &str) -> Vec<Problem> {
    if p.0.is_empty() {
        return Vec::new();
    }
    let paths: Vec<&str> = p.0.iter().map(|x| x.at.as_str()).collect();
    let offsets = locate(json, &paths);
    let lines = LineIndex::new(json);
    let mut out: Vec<(Severity, usize, Problem)> =
        p.0.iter()
            .map(|x| {
                let off = offsets.get(&x.at).copied();
                let problem = Problem {
                    severity: x.severity,
                    file: case_file.to_string(),
                    line_col: off.map(|o| lines.line_col(o)),
                    path: Some(x.path.clone()),
                    message: x.message.clone(),
                    hint: x.hint.clone(),
                };
                (x.severity, off.unwrap_or(usize::MAX), problem)
            })
            .collect();
    out.sort_by_key(|(s, off, _)| (*s, *off));
    out.into_iter().map(|(_, _, p)| p).collect()
}

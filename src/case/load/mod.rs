//! Loading: read case.json and its sources, validate everything, build the index.
//!
//! Every problem is collected (never just the first) and located by file, line:column
//! and JSON path. Nothing here panics on any input; `tests/loader_props.rs` checks that.

use std::path::{Path, PathBuf};

mod locate;
mod parse;
mod split;
mod validate;

use crate::case::index::Index;
use crate::case::model::*;
use crate::case::problem::{LoadError, Problem, Severity};
use locate::{LineIndex, locate};
use parse::raw::{Field, RawCase};
use split::members::{split, split_prefix};
use validate::checks::*;
use validate::events::{self, Elements, Unparsable};
pub(crate) use validate::head::{Head, read_head};

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

/// The folder source files are read from: the one holding case.json.
fn case_dir(json_path: &Path) -> PathBuf {
    match json_path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Loads the case at `arg` (a case.json or a folder holding one).
pub fn load_path(arg: &Path) -> Result<Loaded, LoadError> {
    validate_path(arg, Purpose::Case).map(Validated::into_loaded)
}

/// What `caseboard check` reports on a case: its counts and warnings.
#[derive(Debug, PartialEq, Eq)]
pub struct Checked {
    pub title: String,
    pub sources: usize,
    pub entities: usize,
    pub events: usize,
    pub citations: usize,
    /// Events citing two or more distinct sources.
    pub corroborated: usize,
    pub warnings: Vec<Problem>,
    /// The case that was checked, freed with the report.
    case: Held,
}

/// A checked case held by its report, so that whoever holds the report decides when it is
/// freed (a command that ends right after can leave it to the OS). Not part of what the
/// report says: it compares equal and prints as `..`.
struct Held {
    _case: Option<Validated>,
}

impl std::fmt::Debug for Held {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("..")
    }
}

impl PartialEq for Held {
    fn eq(&self, _: &Held) -> bool {
        true
    }
}

impl Eq for Held {}

impl Checked {
    fn of(
        title: String,
        sources: usize,
        entities: usize,
        events: &[Event],
        warnings: Vec<Problem>,
    ) -> Self {
        Checked {
            title,
            sources,
            entities,
            events: events.len(),
            citations: events.iter().map(|e| e.citations.len()).sum(),
            corroborated: events
                .iter()
                .filter(|e| distinct_sources(&e.citations) >= 2)
                .count(),
            warnings,
            case: Held { _case: None },
        }
    }

    /// The counts of a loaded case.
    pub fn of_loaded(loaded: &Loaded) -> Self {
        let case = &loaded.case;
        Checked::of(
            case.title.clone(),
            case.sources.len(),
            case.entities.len(),
            &case.events,
            loaded.warnings.clone(),
        )
    }
}

/// Checks the case at `arg` as [`load_path`] would load it: the same problems, found
/// the same way, without building what only the board reads (the timeline order,
/// back references and mentions).
pub fn check_path(arg: &Path) -> Result<Checked, LoadError> {
    validate_path(arg, Purpose::Check).map(Validated::checked)
}

fn validate_path(arg: &Path, purpose: Purpose) -> Result<Validated, LoadError> {
    let json_path = resolve_case_path(arg);
    let shown = json_path.display().to_string();
    let dir = case_dir(&json_path);
    // Read in blocks and parsed as it is read, when the file is laid out for that.
    if let Some(validated) =
        split::stream::load_streamed(&json_path, &shown, &DirFiles { dir: dir.clone() }, purpose)
    {
        return validated;
    }
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
    let json = Json::File {
        bytes,
        path: json_path.clone(),
    };
    load_json(
        json,
        &shown,
        &DirFiles { dir },
        Some(json_path),
        Parse::Split,
        purpose,
    )
}

pub(crate) fn single(file: &str, message: String, hint: Option<String>) -> LoadError {
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

/// Validates and builds a case from case.json bytes. `case_file` names it in messages;
/// `files` supplies the source texts.
pub fn load_bytes(
    json: &[u8],
    case_file: &str,
    files: &dyn Files,
    path: Option<PathBuf>,
) -> Result<Loaded, LoadError> {
    load_json(
        Json::Borrowed(json),
        case_file,
        files,
        path,
        Parse::Split,
        Purpose::Case,
    )
    .map(Validated::into_loaded)
}

/// How case.json is parsed. Both ways give the same case and the same problems; the
/// loader uses [`Parse::Split`], and tests compare it with [`Parse::OnePiece`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Parse {
    /// Events split out of the file and parsed on every core, each first by the fast
    /// path (falls back to one piece for files the splitter does not expect).
    Split,
    /// The whole file parsed in one piece, every event checked field by field.
    OnePiece,
}

/// [`load_bytes`], parsing the file as `how` says.
pub fn load_bytes_with(
    json: &[u8],
    case_file: &str,
    files: &dyn Files,
    how: Parse,
) -> Result<Loaded, LoadError> {
    load_json(
        Json::Borrowed(json),
        case_file,
        files,
        None,
        how,
        Purpose::Case,
    )
    .map(Validated::into_loaded)
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
    fn bytes(&self) -> &[u8] {
        match self {
            Json::Borrowed(b) => b,
            Json::File { bytes, .. } => bytes,
            Json::Streamed { .. } => &[],
        }
    }

    fn release(&mut self) -> usize {
        match self {
            Json::Borrowed(b) => b.len(),
            Json::File { bytes, .. } => std::mem::take(bytes).len(),
            Json::Streamed { len, .. } => *len,
        }
    }

    /// The text again, for locating problems. If the file changed meanwhile (its length
    /// differs), problems are reported without positions rather than wrong ones.
    fn reread(&self, len: usize) -> std::borrow::Cow<'_, [u8]> {
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

/// The whole file parsed in one piece: for files the splitter does not take apart, and
/// for the message when something in the file is not valid JSON.
fn parse_whole(json: &[u8], case_file: &str) -> Result<Field<RawCase>, LoadError> {
    serde_json::from_slice(json).map_err(|e| json_error(e, case_file))
}

fn json_error(e: serde_json::Error, case_file: &str) -> LoadError {
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
        _ => "fix the JSON syntax here (a missing comma, quote or bracket is the usual cause)",
    };
    let line_col = (e.line() > 0).then(|| (e.line(), e.column()));
    LoadError {
        problems: vec![Problem {
            severity: Severity::Error,
            file: case_file.into(),
            line_col,
            path: None,
            message: format!("invalid JSON: {msg}"),
            hint: Some(hint.into()),
        }],
    }
}

fn load_json(
    json: Json,
    case_file: &str,
    files: &dyn Files,
    path: Option<PathBuf>,
    how: Parse,
    purpose: Purpose,
) -> Result<Validated, LoadError> {
    // Split the events out so they parse on every core; files the splitter does not
    // expect are parsed in one piece.
    let split = (how == Parse::Split)
        .then(|| split(json.bytes()))
        .flatten()
        .and_then(|s| {
            let head = serde_json::from_slice::<Field<RawCase>>(&s.head).ok()?;
            Some((head, s.events))
        });
    let (raw, spans) = match split {
        Some((raw, spans)) => (raw, spans),
        None => (parse_whole(json.bytes(), case_file)?, None),
    };
    build_case(json, raw, spans, case_file, files, path, purpose)
}

/// What a load is for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    /// The whole case, every problem located.
    Case,
    /// Every problem located, as for [`Purpose::Case`], but nothing built that only the
    /// board reads: no index, no mentions.
    Check,
    /// The first events of a large case, to show while the whole case loads: no
    /// mentions and no warnings, and any error simply means no preview.
    Preview,
}

/// Case files at least this large open with a preview of their first events (smaller
/// ones load whole in well under a second).
pub const PREVIEW_FROM_BYTES: u64 = 16 << 20;

/// How many events a preview shows.
pub const PREVIEW_EVENTS: usize = 5_000;

/// The first `max_events` events of the case at `arg`, read from the start of the file
/// only, when the file has at least `min_bytes` and `sources` and `entities` come
/// before `events`. The preview's events are the first events of the whole case,
/// at the same positions, so the board can move to the whole case without losing its
/// place.
pub fn preview_path(arg: &Path, max_events: usize, min_bytes: u64) -> Option<Loaded> {
    // Its own thread pool: in the shared one its work would queue behind the whole
    // case's, which starts at the same time.
    rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .ok()?
        .install(|| preview_in_pool(arg, max_events, min_bytes))
}

fn preview_in_pool(arg: &Path, max_events: usize, min_bytes: u64) -> Option<Loaded> {
    use std::io::Read as _;
    let json_path = resolve_case_path(arg);
    let file = std::fs::File::open(&json_path).ok()?;
    let len = file.metadata().ok()?.len();
    if len < min_bytes || max_events == 0 {
        return None;
    }
    let mut bytes = Vec::new();
    let mut reader = file;
    // Read more until the events start and `max_events` of them are in, or give up.
    let mut want = 4u64 << 20;
    let split = loop {
        let got = bytes.len() as u64;
        (&mut reader)
            .take(want - got)
            .read_to_end(&mut bytes)
            .ok()?;
        let s = split_prefix(&bytes, max_events);
        let done = bytes.len() as u64 == len || want >= 256 << 20;
        match s {
            Some(s) if s.events.as_ref().is_some_and(|e| e.len() == max_events) || done => break s,
            None if done => return None,
            _ => want *= 2,
        }
    };
    let raw = serde_json::from_slice::<Field<RawCase>>(&split.head).ok()?;
    let dir = case_dir(&json_path);
    let shown = json_path.display().to_string();
    let spans = split.events.unwrap_or_default();
    build_case(
        Json::Borrowed(&bytes),
        raw,
        Some(spans),
        &shown,
        &DirFiles { dir },
        Some(json_path),
        Purpose::Preview,
    )
    .ok()
    .map(Validated::into_loaded)
}

/// Builds the case from the parsed top level and the events: split out of the file as
/// `spans`, or, without them, parsed with the top level.
fn build_case(
    mut json: Json,
    raw: Field<RawCase>,
    spans: Option<Vec<std::ops::Range<usize>>>,
    case_file: &str,
    files: &dyn Files,
    path: Option<PathBuf>,
    purpose: Purpose,
) -> Result<Validated, LoadError> {
    let (mut head, raw_list) = read_head(raw, case_file, files)?;
    let elements = match spans {
        Some(spans) => Elements::Spans {
            json: json.bytes(),
            spans,
        },
        None => Elements::Parsed(
            head.p
                .opt(raw_list, "", "events", "an array")
                .unwrap_or_default(),
        ),
    };
    let parsed = match events::parse(elements, &head.stage()) {
        Ok(b) => b,
        // An element that is not valid JSON: the one-piece parse says where.
        Err(Unparsable) => return Err(unparsable(json.bytes(), case_file)),
    };
    complete(
        head, parsed, None, &mut json, case_file, files, path, purpose,
    )
}

/// The error for a file with an element serde cannot parse: the one-piece parse says
/// where and what.
pub(crate) fn unparsable(json: &[u8], case_file: &str) -> LoadError {
    match parse_whole(json, case_file) {
        Err(e) => e,
        Ok(_) => single(
            case_file,
            "the events could not be read".into(),
            Some("check the JSON syntax of `events`".into()),
        ),
    }
}

/// A case whose every problem is found and located; the index is still to build.
pub(crate) struct Validated {
    case: Case,
    warnings: Vec<Problem>,
    event_ids: EventIds,
    entity_ids: IdMap<EntityIx>,
    source_ids: IdMap<SourceIx>,
    /// Found while the events loaded (`None`: found with the index).
    mentions: Option<Vec<Vec<crate::case::index::Mention>>>,
}

impl Validated {
    /// The case with its index built.
    pub(crate) fn into_loaded(self) -> Loaded {
        let Validated {
            mut case,
            warnings,
            event_ids,
            entity_ids,
            source_ids,
            mentions,
        } = self;
        case.index = Index::build(
            &case.sources,
            &case.entities,
            &case.events,
            event_ids,
            entity_ids,
            source_ids,
            mentions,
        );
        Loaded { case, warnings }
    }

    /// Its counts and warnings, holding the case.
    fn checked(mut self) -> Checked {
        let case = &self.case;
        let mut checked = Checked::of(
            case.title.clone(),
            case.sources.len(),
            case.entities.len(),
            &case.events,
            std::mem::take(&mut self.warnings),
        );
        checked.case = Held { _case: Some(self) };
        checked
    }
}

/// Finishes the case once every event is parsed: ids, links and quotes, warnings,
/// problems located in the file.
#[allow(clippy::too_many_arguments)]
pub(crate) fn complete(
    head: Head,
    parsed: events::Parsed,
    mentions: Option<Vec<Vec<crate::case::index::Mention>>>,
    json: &mut Json,
    case_file: &str,
    files: &dyn Files,
    path: Option<PathBuf>,
    purpose: Purpose,
) -> Result<Validated, LoadError> {
    let Head {
        mut p,
        id,
        title,
        summary,
        sources,
        usable: _,
        source_ids,
        entities,
        entity_ids,
        entity_lookup: _,
        event_hasher,
    } = head;
    // The file's text is needed again only to locate problems: freed before the
    // rest of the events stage (a third of the peak memory on a large case).
    let json_len = json.release();
    let built = events::finish(
        parsed,
        event_hasher,
        &sources,
        files,
        &mut p,
        purpose == Purpose::Preview,
    );
    let (events, event_ids) = (built.events, built.ids);
    let mut entity_used = vec![false; entities.len()];
    for ent in events.iter().flat_map(|e| &e.entities) {
        entity_used[ent.get()] = true;
    }

    let clean = !p.0.iter().any(|x| x.severity == Severity::Error);
    if purpose == Purpose::Preview {
        if !clean {
            return Err(LoadError {
                problems: Vec::new(),
            });
        }
        p.0.clear();
    }
    // Unused-entity warnings only on an otherwise clean load: an error in an event's
    // `entities` would make them misleading.
    let clean = clean && purpose != Purpose::Preview;
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
    let mentions = match purpose {
        Purpose::Case | Purpose::Check => mentions,
        // A preview leaves mentions to the whole case: finding them would take
        // longer than the rest of it.
        Purpose::Preview => Some(vec![Vec::new(); sources.len()]),
    };
    Ok(Validated {
        case: Case {
            id,
            title,
            summary,
            path,
            sources,
            entities,
            events,
            index: Index::default(),
        },
        warnings: problems,
        event_ids,
        entity_ids: entity_ids.map,
        source_ids: source_ids.map,
        mentions,
    })
}

/// Turns pending problems into located ones, sorted: errors first, each in file order.
fn locate_all(p: Problems, json: &[u8], case_file: &str) -> Vec<Problem> {
    if p.0.is_empty() {
        return Vec::new();
    }
    let paths: Vec<&str> = p.0.iter().map(|x| x.at.as_str()).collect();
    let offsets = locate(json, &paths);
    let offs: Vec<Option<usize>> = p.0.iter().map(|x| offsets.get(&x.at).copied()).collect();
    let mut line_cols = LineIndex::new(json)
        .line_cols(&offs.iter().flatten().copied().collect::<Vec<_>>())
        .into_iter();
    let mut out: Vec<(Severity, usize, Problem)> =
        p.0.iter()
            .zip(offs)
            .map(|(x, off)| {
                let problem = Problem {
                    severity: x.severity,
                    file: case_file.to_string(),
                    line_col: off.map(|_| line_cols.next().expect("one per offset")),
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

//! Loading: read case.json and its sources, validate everything, build the index.
//!
//! Every problem is collected (never just the first) and located by file, line:column
//! and JSON path. Nothing here panics on any input; `tests/loader_props.rs` checks that.
//!
//! The stages, each importing only the ones before it:
//! 1. `files`, `locate`: where the bytes come from; line:column of a byte offset, and
//!    where a JSON path sits in the text.
//! 2. `split/`: the case file cut into its top-level members and the elements of
//!    `events` without parsing them, from the whole text or read in blocks.
//! 3. `parse/`: tolerant serde types, a quicker reader of the plain shape events have,
//!    and the one-piece parse (whose message says where the JSON is broken).
//! 4. `validate/`: the top level, sources and entities (`head`), the events on every
//!    core (`events`), their quotes found in the sources (`quotes`), field by field
//!    checks (`checks`).
//! 5. `finish`: ids, links and quotes in place, warnings, problems located; the index
//!    built, or only the counts taken for `check`.
//!
//! The entry points below and `streamed` (a file parsed while it is read) run them.

use std::path::{Path, PathBuf};

mod files;
mod finish;
pub(crate) mod locate;
pub(crate) mod parse;
pub(crate) mod split;
mod streamed;
pub(crate) mod validate;

pub use crate::case::model::FORMAT;
pub use files::{
    ALLOW_OUTSIDE_FLAG, DirFiles, FileError, Files, MAX_SOURCE_BYTES, OpenError, Options,
    check_regular, open_regular, resolve_case_path, size_in_words, strip_bom,
};
pub use finish::{Checked, Loaded};

use crate::case::problem::LoadError;
use files::{Json, case_dir, case_file_error, read_case_file};
use finish::{Purpose, Request, Validated, complete};
use parse::raw::{Field, RawCase};
use parse::whole::{parse_whole, unparsable};
use split::members::{split, split_prefix};
use validate::events::{self, Elements, Unparsable};
use validate::head::read_head;

/// Loads the case at `arg` (a case.json or a folder holding one).
pub fn load_path(arg: &Path) -> Result<Loaded, LoadError> {
    load_path_with(arg, Options::default())
}

/// [`load_path`], with what the reader allows the case.
pub fn load_path_with(arg: &Path, options: Options) -> Result<Loaded, LoadError> {
    validate_path(arg, Purpose::Case, options).map(Validated::into_loaded)
}

/// Checks the case at `arg` as [`load_path`] would load it: the same problems, found
/// the same way, without building what only the board reads (the timeline order,
/// back references and mentions).
pub fn check_path(arg: &Path) -> Result<Checked, LoadError> {
    check_path_with(arg, Options::default())
}

/// [`check_path`], with what the reader allows the case.
pub fn check_path_with(arg: &Path, options: Options) -> Result<Checked, LoadError> {
    validate_path(arg, Purpose::Check, options).map(Validated::checked)
}

fn validate_path(arg: &Path, purpose: Purpose, options: Options) -> Result<Validated, LoadError> {
    let json_path = resolve_case_path(arg);
    let shown = json_path.display().to_string();
    let files = DirFiles::new(case_dir(&json_path), options);
    let refused =
        |(message, hint): (String, String)| LoadError::single(&shown, message, Some(hint));
    // Only a regular file is read: a FIFO would block for ever, a device never ends.
    check_regular(&json_path).map_err(|e| refused(case_file_error(e)))?;
    // Read in blocks and parsed as it is read, when the file is laid out for that.
    if let Some(validated) = streamed::load_streamed(&json_path, &shown, &files, purpose) {
        return validated;
    }
    let bytes = strip_bom(read_case_file(&json_path).map_err(refused)?);
    // Said plainly: serde_json would call both "EOF while parsing a value".
    if bytes.is_empty() {
        return Err(refused((
            "the file is empty".into(),
            "a case file is one JSON object: { \"format\": 1, \"id\": …, \"events\": […] }; \
             `caseboard new DIR` starts one"
                .into(),
        )));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(refused((
            "the file holds no JSON value, only blank space".into(),
            "a case file is one JSON object: { \"format\": 1, \"id\": …, \"events\": […] }".into(),
        )));
    }
    let json = Json::File {
        bytes,
        path: json_path.clone(),
    };
    let req = Request {
        case_file: &shown,
        files: &files,
        path: Some(json_path),
        purpose,
    };
    load_json(json, Parse::Split, req)
}

/// Validates and builds a case from case.json bytes. `case_file` names it in messages;
/// `files` supplies the source texts.
pub fn load_bytes(
    json: &[u8],
    case_file: &str,
    files: &dyn Files,
    path: Option<PathBuf>,
) -> Result<Loaded, LoadError> {
    let req = Request {
        case_file,
        files,
        path,
        purpose: Purpose::Case,
    };
    load_json(Json::Borrowed(json), Parse::Split, req).map(Validated::into_loaded)
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
    let req = Request {
        case_file,
        files,
        path: None,
        purpose: Purpose::Case,
    };
    load_json(Json::Borrowed(json), how, req).map(Validated::into_loaded)
}

fn load_json(json: Json, how: Parse, req: Request) -> Result<Validated, LoadError> {
    // A byte order mark is accepted (read from disk, it is gone already).
    let json = match json {
        Json::Borrowed(b) => Json::Borrowed(b.strip_prefix(files::BOM).unwrap_or(b)),
        other => other,
    };
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
        None => (parse_whole(json.bytes(), req.case_file)?, None),
    };
    build_case(json, raw, spans, req)
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
pub fn preview_path(
    arg: &Path,
    max_events: usize,
    min_bytes: u64,
    options: Options,
) -> Option<Loaded> {
    // Its own thread pool: in the shared one its work would queue behind the whole
    // case's, which starts at the same time.
    rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .ok()?
        .install(|| preview_in_pool(arg, max_events, min_bytes, options))
}

fn preview_in_pool(
    arg: &Path,
    max_events: usize,
    min_bytes: u64,
    options: Options,
) -> Option<Loaded> {
    use std::io::Read as _;
    let json_path = resolve_case_path(arg);
    let (file, meta) = open_regular(&json_path).ok()?;
    let len = meta.len();
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
    let req = Request {
        case_file: &shown,
        files: &DirFiles::new(dir, options),
        path: Some(json_path),
        purpose: Purpose::Preview,
    };
    build_case(Json::Borrowed(&bytes), raw, Some(spans), req)
        .ok()
        .map(Validated::into_loaded)
}

/// Builds the case from the parsed top level and the events: split out of the file as
/// `spans`, or, without them, parsed with the top level.
fn build_case(
    mut json: Json,
    raw: Field<RawCase>,
    spans: Option<Vec<std::ops::Range<usize>>>,
    req: Request,
) -> Result<Validated, LoadError> {
    let (mut head, raw_list) = read_head(raw, req.case_file, req.files)?;
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
        Err(Unparsable) => return Err(unparsable(json.bytes(), req.case_file)),
    };
    complete(head, parsed, None, &mut json, req)
}

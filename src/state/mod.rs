//! What a reader adds to a case: bookmarks, notes on events and case-level working notes.
//!
//! [`State`] is plain data with pure mutations (every change takes `now` explicitly, so the
//! board stays testable). [`StateStore`] owns the file: versioned, human-readable JSON with a
//! stable key order, saved atomically, locked against a second instance, and never overwritten
//! when it cannot be read (see [`store`]). [`default_path`] says where the file lives.
//!
//! Files: here the state and its format; `store` the file (open, lock, save, notices);
//! `path` where it lives.
//!
//! The file looks like this (keys in this order; ids sorted; unknown fields kept):
//!
//! ```json
//! {
//!   "format": 1,
//!   "bookmarks": {
//!     "ev-meeting": { "created": "2026-11-23T15:00:00Z" }
//!   },
//!   "notes": {
//!     "ev-meeting": {
//!       "text": "Who set this up?",
//!       "created": "2026-11-23T15:00:00Z",
//!       "updated": "2026-11-23T15:04:10Z"
//!     }
//!   },
//!   "working_notes": { "text": "…", "created": "…", "updated": "…" },
//!   "filters": {
//!     "denials in one source": { "filter": "single tag:denial" }
//!   }
//! }
//! ```
//!
//! `filters` (named timeline filters, as `:filter` takes them) came after format 1 was
//! first written: it is left out when there are none, and a file without it loads with
//! none, so files of earlier builds load and older builds keep it (as an unknown field).
//!
//! How the board uses it (every notice goes to stderr before the terminal is taken, and
//! on screen):
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use caseboard::state::{self, Opened, StateStore};
//! let case = caseboard::case::bundled::load()?.case;
//! let path = state::default_path(&case, None)?; // `--state FILE` goes in place of `None`
//! let Opened { mut store, mut state, mut notices, read_only } = StateStore::open(&path)?;
//! notices.extend(state.orphan_notice(&case));
//! for n in &notices {
//!     eprintln!("caseboard: {n}");
//! }
//! // On `b` (the app passes `now` in, so `update` stays pure):
//! let now = chrono::Utc::now();
//! state.toggle_bookmark("some-event-id", now);
//! if !read_only {
//!     if let Some(n) = store.save(&state)? {
//!         eprintln!("caseboard: {n}"); // someone else had changed the file; theirs was kept
//!     }
//! }
//! # Ok(())
//! # }
//! ```

use std::collections::BTreeMap;

use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::case::{Case, EventIx};

mod path;
pub mod store;

pub use path::{DATA_DIR_ENV, FILE_NAME, default_path, resolve_path};
pub use store::{Notice, Opened, StateError, StateStore, read_state, write_atomic};

/// The state file format this build writes and reads. Files with a newer `format` are
/// never overwritten (see [`StateStore::open`]).
pub const FORMAT: u32 = 1;

/// A reader's bookmarks and notes for one case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// File format version; always [`FORMAT`] in a state this build made or upgraded.
    pub format: u32,
    /// Bookmarked events, by event id.
    #[serde(default)]
    pub bookmarks: BTreeMap<String, Bookmark>,
    /// Notes on events, by event id. Never empty text: an emptied note is removed.
    #[serde(default)]
    pub notes: BTreeMap<String, Note>,
    /// The case-level note ("working notes").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_notes: Option<Note>,
    /// Named timeline filters, by name (`:filter save NAME`, `:filter NAME`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub filters: BTreeMap<String, SavedFilter>,
    /// Top-level fields this build does not know; written back unchanged.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One bookmark: when it was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bookmark {
    #[serde(with = "rfc3339")]
    pub created: DateTime<Utc>,
    /// Fields this build does not know; written back unchanged.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A named timeline filter: the filter as `:filter` takes it ("single tag:denial").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedFilter {
    pub filter: String,
    /// Fields this build does not know; written back unchanged.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One note: its text, when it was first written and when it last changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    /// Exactly what the reader wrote (line breaks included).
    pub text: String,
    #[serde(with = "rfc3339")]
    pub created: DateTime<Utc>,
    #[serde(with = "rfc3339")]
    pub updated: DateTime<Utc>,
    /// Fields this build does not know; written back unchanged.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Default for State {
    fn default() -> Self {
        State {
            format: FORMAT,
            bookmarks: BTreeMap::new(),
            notes: BTreeMap::new(),
            working_notes: None,
            filters: BTreeMap::new(),
            extra: Map::new(),
        }
    }
}

/// Times are kept to the second: the file stays readable and a save/load round trip is exact.
fn second(now: DateTime<Utc>) -> DateTime<Utc> {
    now.trunc_subsecs(0)
}

/// Whether `text` says nothing (empty or only whitespace): such a note is removed.
fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// Writes `text` into `slot`: creates, updates (keeping `created`) or, for blank text, removes.
/// Returns whether anything changed.
fn write_note(slot: &mut Option<Note>, text: &str, now: DateTime<Utc>) -> bool {
    if is_blank(text) {
        return slot.take().is_some();
    }
    match slot {
        Some(n) if n.text == text => false,
        Some(n) => {
            n.text = text.to_string();
            n.updated = second(now);
            true
        }
        None => {
            let now = second(now);
            *slot = Some(Note {
                text: text.to_string(),
                created: now,
                updated: now,
                extra: Map::new(),
            });
            true
        }
    }
}

impl State {
    /// An empty state.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether there is nothing in it (no bookmarks, notes or working notes).
    pub fn is_empty(&self) -> bool {
        self.bookmarks.is_empty()
            && self.notes.is_empty()
            && self.working_notes.is_none()
            && self.filters.is_empty()
    }

    /// Saves a named filter (replacing one of that name). Returns whether anything changed.
    pub fn save_filter(&mut self, name: &str, filter: &str) -> bool {
        let saved = SavedFilter {
            filter: filter.to_string(),
            extra: Map::new(),
        };
        if self.filters.get(name).is_some_and(|f| f.filter == filter) {
            return false;
        }
        self.filters.insert(name.to_string(), saved);
        true
    }

    /// Removes a named filter. Returns whether there was one.
    pub fn remove_filter(&mut self, name: &str) -> bool {
        self.filters.remove(name).is_some()
    }

    /// Whether the event is bookmarked.
    pub fn is_bookmarked(&self, id: &str) -> bool {
        self.bookmarks.contains_key(id)
    }

    /// Bookmarks or un-bookmarks the event. Returns whether it is bookmarked now.
    pub fn toggle_bookmark(&mut self, id: &str, now: DateTime<Utc>) -> bool {
        if self.bookmarks.remove(id).is_some() {
            false
        } else {
            self.bookmarks.insert(
                id.to_string(),
                Bookmark {
                    created: second(now),
                    extra: Map::new(),
                },
            );
            true
        }
    }

    /// Bookmarks the event if it is not already (keeps the first `created`).
    /// Returns whether anything changed.
    pub fn add_bookmark(&mut self, id: &str, now: DateTime<Utc>) -> bool {
        if self.is_bookmarked(id) {
            return false;
        }
        self.toggle_bookmark(id, now)
    }

    /// Removes the bookmarks on these events. Returns how many were removed.
    pub fn clear_bookmarks<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) -> usize {
        ids.into_iter()
            .filter(|id| self.bookmarks.remove(*id).is_some())
            .count()
    }

    /// The note on the event, if any.
    pub fn note(&self, id: &str) -> Option<&Note> {
        self.notes.get(id)
    }

    /// Sets the note on the event. Blank text (empty or whitespace only) removes the note;
    /// unchanged text changes nothing (so `updated` only moves when the text does).
    /// Returns whether anything changed, i.e. whether the state needs saving.
    pub fn set_note(&mut self, id: &str, text: &str, now: DateTime<Utc>) -> bool {
        let mut slot = self.notes.remove(id);
        let changed = write_note(&mut slot, text, now);
        if let Some(n) = slot {
            self.notes.insert(id.to_string(), n);
        }
        changed
    }

    /// Sets the case-level working notes; blank text removes them. Returns whether anything changed.
    pub fn set_working_notes(&mut self, text: &str, now: DateTime<Utc>) -> bool {
        write_note(&mut self.working_notes, text, now)
    }

    /// Ids that have a bookmark or a note but are not events of `case` (the case was edited
    /// since). They are kept in the file and exported; the board should report them.
    /// Sorted, each once.
    pub fn orphans(&self, case: &Case) -> Vec<String> {
        let mut out: Vec<String> = self
            .bookmarks
            .keys()
            .chain(self.notes.keys())
            .filter(|id| case.event_by_id(id).is_none())
            .cloned()
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// The case's bookmarked events in timeline order (for the bookmarks-only list).
    pub fn bookmarked_events(&self, case: &Case) -> Vec<EventIx> {
        case.events_by_ids(self.bookmarks.keys())
    }

    /// A notice for [`State::orphans`], if there are any (for the board to show on opening).
    pub fn orphan_notice(&self, case: &Case) -> Option<Notice> {
        let ids = self.orphans(case);
        (!ids.is_empty()).then_some(Notice::NotInCase { ids })
    }

    /// The file's text: pretty JSON, stable key order, trailing newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a State always serializes");
        s.push('\n');
        s
    }

    /// Parses a state file's text, upgrading older formats. A `format` newer than [`FORMAT`]
    /// is an error ([`ParseError::Newer`]); the caller must not overwrite such a file.
    pub fn from_json(text: &[u8]) -> Result<State, ParseError> {
        let value: Value =
            serde_json::from_slice(text).map_err(|e| ParseError::Invalid(e.to_string()))?;
        let Value::Object(obj) = &value else {
            return Err(ParseError::Invalid("the file is not a JSON object".into()));
        };
        let format = match obj.get("format") {
            Some(Value::Number(n)) => n
                .as_u64()
                .ok_or_else(|| ParseError::Invalid(format!("bad format number {n}")))?,
            Some(other) => {
                return Err(ParseError::Invalid(format!(
                    "`format` must be a number, not {other}"
                )));
            }
            None => return Err(ParseError::Invalid("no `format` field".into())),
        };
        if format > u64::from(FORMAT) {
            return Err(ParseError::Newer(format));
        }
        // Upgrades from older formats go here, one step per version, before the typed parse.
        if format < 1 {
            return Err(ParseError::Invalid(format!("unknown format {format}")));
        }
        serde_json::from_value(value).map_err(|e| ParseError::Invalid(e.to_string()))
    }
}

/// Times in the file: RFC 3339 in UTC, `2026-11-23T15:04:10Z` (fractions kept if present).
mod rfc3339 {
    use chrono::{DateTime, SecondsFormat, Utc};
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.to_rfc3339_opts(SecondsFormat::AutoSi, true))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let s = String::deserialize(d)?;
        DateTime::parse_from_rfc3339(&s)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| {
                D::Error::custom(format!(
                    "bad time {s:?}: {e} (expected e.g. 2026-11-23T15:04:10Z)"
                ))
            })
    }
}

/// Why a state file's text could not be read as a [`State`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// Not JSON, or not the shape of a state file.
    #[error("{0}")]
    Invalid(String),
    /// Written by a newer caseboard.
    #[error("format {0} is newer than this caseboard reads (format {FORMAT})")]
    Newer(u64),
}

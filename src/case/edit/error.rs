//! Why an edit was refused, in words for the screen: what was to be done and why not.

use std::fmt;

/// What kind of refusal it is (for the board to choose how to show it; tests check it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The record would make the case invalid (the loader's checks: a quote not in its
    /// source, a bad date, a reference that does not resolve, a missing field, …).
    Invalid,
    /// An id already in use in its list.
    Duplicate,
    /// Ids never change once made (bookmarks and notes refer to them).
    IdChanged,
    /// No record with that id (or no such source position).
    NotFound,
    /// Removing an entity, source or event that others still use.
    InUse,
    /// The record is no longer as the edit expects (changed since, e.g. on disk).
    Stale,
    /// A selection that is not a passage of the source.
    BadSelection,
    /// Edits are not saved here (another caseboard has the case open, or it is the
    /// bundled case).
    ReadOnly,
    /// The change changes nothing.
    NoChange,
}

/// An edit that was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditError {
    pub refusal: Refusal,
    /// What was to be done: "add event \"x\"".
    pub what: String,
    /// Why not, one reason a line: "citations[0].quote: quote not found in source \"post\"".
    pub reasons: Vec<String>,
    /// What to do about it, when there is something to say.
    pub hint: Option<String>,
}

impl EditError {
    pub(super) fn new(refusal: Refusal, what: impl Into<String>, why: impl Into<String>) -> Self {
        EditError {
            refusal,
            what: what.into(),
            reasons: vec![why.into()],
            hint: None,
        }
    }

    pub(super) fn not_found(what: impl Into<String>, why: impl Into<String>) -> Self {
        Self::new(Refusal::NotFound, what, why)
    }

    pub(super) fn bad_selection(what: impl Into<String>, why: String) -> Self {
        Self::new(Refusal::BadSelection, what, why)
    }

    pub(super) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for EditError {
    /// `cannot add event "x": date: bad date "2016-13": there is no month 13` (reasons
    /// joined with "; ", the hint on a line of its own).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot {}: {}", self.what, self.reasons.join("; "))?;
        if let Some(h) = &self.hint {
            write!(f, "\n{h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for EditError {}

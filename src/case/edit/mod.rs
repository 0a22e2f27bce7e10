//! Editing a case: the board the user builds. Plain data, no terminal code.
//!
//! - An [`EditSession`] holds the case as the user wrote it ([`document`]: the file's
//!   bytes shared, a byte range per record, JSON objects only for records this session
//!   changed) and the in-memory [`Case`](crate::case::Case) the board shows, which
//!   follows every edit at once (its index updated in place where that is cheap).
//! - Every change is an [`Edit`], applied by one function ([`EditSession::apply`]) that
//!   checks it with the loader's own checks first (a quote must be in its source, dates
//!   in the EDTF subset, ids unique, references resolve) and keeps its inverse: undo
//!   and redo cover the whole session. A refused edit is an [`EditError`] whose
//!   `Display` says what and why, for the screen.
//! - Saving writes the canonical layout ([`layout`]): a file already in it round-trips
//!   byte for byte, and a one-event edit is a one-hunk diff. It is atomic, under a lock
//!   (a second caseboard opens read-only), never over a file someone else changed (the
//!   unsaved edits are re-applied to it, and conflicts kept in a rescue file), and it
//!   runs off the UI thread: a [`SaveJob`] is `Send` and cheap to make.
//! - Ids are slugs of titles and names ([`ids`]); dates can be suggested from what a
//!   passage says ([`suggest`]).
//!
//! The flow the board follows:
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use caseboard::case::edit::{CitationRecord, Edit, EditSession, EventRecord, Finished};
//! use caseboard::case::SourceIx;
//!
//! // Open for editing (loads the case; a second caseboard gets a read-only session).
//! let mut s = EditSession::open("my-case".as_ref())?.session;
//! if let Some(why) = s.read_only() {
//!     eprintln!("{why}");
//! }
//!
//! // Capture an event from a selection (a byte range of a source's text).
//! let citation = CitationRecord::from_range(s.case(), SourceIx(0), 120..210)?;
//! let mut event = EventRecord::new(s.new_event_id("Nix meets the press"), "2017-11-09", "Nix meets the press");
//! event.citations.push(citation);
//! match s.apply(Edit::add(event)) {
//!     Ok(done) => println!("{} ({} warnings)", done.edit, done.warnings.len()),
//!     Err(refused) => println!("{refused}"), // "cannot add event …: date: …"
//! }
//! let first = s.case().events[0].id.clone();
//! s.apply(Edit::add_link(&s, "nix-meets-the-press", &first, "follows")?)?;
//! s.undo()?; // the link is gone
//! s.redo()?; // and back
//! // `s.generation()` moved: rebuild the search index from `s.case()`.
//!
//! // Save off the UI thread.
//! if let Some(job) = s.save_job() {
//!     let result = std::thread::spawn(move || job.run()).join().unwrap();
//!     match s.finish_save(result)? {
//!         Finished::Saved => {}
//!         // Someone else changed the file (git pull, an editor): it was read again
//!         // and the unsaved edits re-applied; conflicts are in `reload.rescue`.
//!         Finished::Reloaded(reload) => {
//!             println!("re-applied {}, conflicts {:?}", reload.applied.len(), reload.conflicts);
//!             if let Some(job) = s.save_job() {
//!                 s.finish_save(job.run())?;
//!             }
//!         }
//!     }
//! }
//! # Ok(())
//! # }
//! ```

mod apply;
mod build;
mod check;
mod create;
pub mod document;
#[allow(clippy::module_inception)]
mod edit;
mod error;
pub mod ids;
pub mod import;
pub mod layout;
mod record;
mod reindex;
mod save;
mod session;
pub mod suggest;

pub use create::{CreateError, copy_bundled, new_case};
pub use document::{Layout, List};
pub use edit::Edit;
pub use error::{EditError, Refusal};
pub use record::{
    CaseText, CitationRecord, EntityRecord, EventRecord, LinkRecord, Record, SourceRecord,
};
pub use save::{Fingerprint, SaveJob, SaveResult};
pub use session::{Applied, EditSession, Finished, OpenError, Opened, Reload, SaveError};

//! Case + state → Markdown: the reader's bookmarks and notes handed on as a document.
//!
//! [`markdown`] is pure (the same inputs give the same bytes; `now` is passed in).
//! The document is CommonMark with YAML front matter and footnotes:
//!
//! - front matter: case title and id, export time, selection, counts;
//! - the case title, the working notes;
//! - the selected events in timeline order, each with its date (described, with its
//!   precision and EDTF form), title (★ when bookmarked), summary, the reader's note,
//!   the cited passages as block quotes with a footnote `[^n]` to their source, and the
//!   entities involved;
//! - bookmarks and notes on events the case no longer has (kept, never dropped);
//! - footnotes, one per source in first-use order: title, publisher, byline, publication
//!   date spelled out, URL (what the case says is "not stated" is left out).
//!
//! All text from the case and the reader is escaped ([`escape`]), so it renders as written.
//!
//! Files: here the document; `escape` the Markdown escaping.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};

use crate::case::{Case, Event, EventIx, SourceIx};
use crate::state::{Note, State, store};

pub mod escape;
pub mod overview;

/// Which events an export includes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Selection {
    /// Bookmarked events only.
    Bookmarked,
    /// Events that are bookmarked or have a note: everything the reader marked.
    #[default]
    Annotated,
    /// Every event of the case.
    All,
}

impl Selection {
    /// The name used in the front matter.
    pub fn as_str(self) -> &'static str {
        match self {
            Selection::Bookmarked => "bookmarked",
            Selection::Annotated => "annotated",
            Selection::All => "all",
        }
    }

    /// The case's events this selection exports, in timeline order. Found from the
    /// bookmarks and notes, so it costs nothing like a pass over a million events.
    pub fn events(self, case: &Case, state: &State) -> Vec<EventIx> {
        match self {
            Selection::All => case.index.timeline.clone(),
            Selection::Bookmarked => state.bookmarked_events(case),
            Selection::Annotated => {
                case.events_by_ids(state.bookmarks.keys().chain(state.notes.keys()))
            }
        }
    }

    /// Whether the event with this id is exported under this selection.
    pub fn includes(self, state: &State, id: &str) -> bool {
        match self {
            Selection::Bookmarked => state.is_bookmarked(id),
            Selection::Annotated => state.is_bookmarked(id) || state.note(id).is_some(),
            Selection::All => true,
        }
    }
}

/// Sources in the order they are first cited, numbered from 1.
#[derive(Default)]
struct Footnotes(Vec<SourceIx>);

impl Footnotes {
    fn number(&mut self, s: SourceIx) -> usize {
        match self.0.iter().position(|&x| x == s) {
            Some(i) => i + 1,
            None => {
                self.0.push(s);
                self.0.len()
            }
        }
    }
}

/// The Markdown export of `case` with the reader's `state`, events chosen by `sel`.
pub fn markdown(case: &Case, state: &State, sel: Selection, now: DateTime<Utc>) -> String {
    markdown_with(case, state, sel, false, now)
}

/// [`markdown`], with the case's [`overview`] after its summary when `with_overview`.
pub fn markdown_with(
    case: &Case,
    state: &State,
    sel: Selection,
    with_overview: bool,
    now: DateTime<Utc>,
) -> String {
    let events = sel.events(case, state);
    // Bookmarks and notes on events the case no longer has, as far as the selection takes them.
    let orphans: Vec<String> = state
        .orphans(case)
        .into_iter()
        .filter(|id| sel.includes(state, id))
        .collect();
    let bookmarked = events
        .iter()
        .filter(|&&ix| state.is_bookmarked(&case.event(ix).id))
        .count();
    let noted = events
        .iter()
        .filter(|&&ix| state.note(&case.event(ix).id).is_some())
        .count();

    let mut body = String::new();
    let mut notes = Footnotes::default();
    for &ix in &events {
        event_section(&mut body, case, state, case.event(ix), &mut notes);
    }

    let mut out = String::new();
    out.push_str("---\n");
    let _ = writeln!(out, "title: {}", escape::yaml_str(&case.title));
    let _ = writeln!(out, "case: {}", escape::yaml_str(&case.id));
    let _ = writeln!(
        out,
        "exported: {}",
        escape::yaml_str(
            &now.trunc_subsecs(0)
                .to_rfc3339_opts(SecondsFormat::Secs, true)
        )
    );
    let _ = writeln!(out, "selection: {}", sel.as_str());
    let _ = writeln!(out, "events: {}", events.len());
    let _ = writeln!(out, "bookmarked: {bookmarked}");
    let _ = writeln!(out, "notes: {noted}");
    let _ = writeln!(out, "sources: {}", notes.0.len());
    let _ = writeln!(out, "not_in_case: {}", orphans.len());
    out.push_str("---\n\n");

    let _ = writeln!(out, "# {}\n", heading_text(&case.title, "Untitled case"));
    if !case.summary.trim().is_empty() {
        let _ = writeln!(out, "{}\n", escape::block(&case.summary));
    }
    if with_overview {
        out.push_str(&overview::section(case));
    }
    if let Some(n) = &state.working_notes {
        out.push_str("## Working notes\n\n");
        let _ = writeln!(out, "{}\n", escape::block(&n.text));
    }
    out.push_str("## Events\n\n");
    if events.is_empty() {
        let _ = writeln!(
            out,
            "{}\n",
            match sel {
                Selection::Bookmarked => "No event is bookmarked.",
                Selection::Annotated => "No event is bookmarked or has a note.",
                Selection::All => "The case has no events.",
            }
        );
    }
    out.push_str(&body);

    if !orphans.is_empty() {
        out.push_str("## Not in the case any more\n\n");
        out.push_str(
            "These bookmarks and notes are on events the case file no longer has. \
             They are kept in the state file.\n\n",
        );
        for id in &orphans {
            let star = if state.is_bookmarked(id) { " ★" } else { "" };
            let _ = writeln!(out, "### {}{star}\n", heading_text(id, "(empty id)"));
            if let Some(n) = state.note(id) {
                note_section(&mut out, n);
            }
        }
    }

    if !notes.0.is_empty() {
        for (i, &s) in notes.0.iter().enumerate() {
            let src = case.source(s);
            // What the case states of the source: title, publisher, byline, the date
            // spelled out, the URL. A field the case says is "not stated" is left out.
            let mut line = format!(
                "[^{}]: {}",
                i + 1,
                heading_text(&src.title, "Untitled source")
            );
            if let Some(p) = crate::case::stated(&src.publisher) {
                let _ = write!(line, " — {}", escape::inline(p));
            }
            if let Some(b) = src.byline.as_deref().and_then(crate::case::stated) {
                let _ = write!(line, ", by {}", escape::inline(b));
            }
            if let Some(d) = &src.published {
                let _ = write!(line, ", published {}", escape::inline(&d.describe()));
            }
            line.push('.');
            if let Some(url) = src.url.as_deref().filter(|u| !u.trim().is_empty()) {
                let _ = write!(line, " {}", link(url));
            }
            out.push_str(&line);
            out.push('\n');
        }
        out.push('\n');
    }
    // One trailing newline.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Escaped one-line text, or `fallback` when it is blank (an empty heading renders nothing).
fn heading_text(text: &str, fallback: &str) -> String {
    let t = escape::inline(text);
    if t.is_empty() {
        fallback.to_string()
    } else {
        t
    }
}

fn event_section(out: &mut String, case: &Case, state: &State, ev: &Event, notes: &mut Footnotes) {
    let star = if state.is_bookmarked(&ev.id) {
        " ★"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "### {}{star}\n",
        heading_text(&ev.title, "Untitled event")
    );
    let _ = writeln!(
        out,
        "{} · precision: {} · `{}`\n",
        escape::inline(&ev.date.describe()),
        ev.date.precision().as_str(),
        ev.date
    );
    if !ev.summary.trim().is_empty() {
        let _ = writeln!(out, "{}\n", escape::block(&ev.summary));
    }
    if let Some(n) = state.note(&ev.id) {
        note_section(out, n);
    }
    if !ev.citations.is_empty() {
        out.push_str("#### Cited passages\n\n");
        for c in &ev.citations {
            let n = notes.number(c.source);
            let _ = writeln!(
                out,
                "{}\n",
                escape::quote(case.passage(c), &format!("[^{n}]"))
            );
        }
    }
    if !ev.entities.is_empty() {
        out.push_str("#### Entities\n\n");
        for &e in &ev.entities {
            let ent = case.entity(e);
            let _ = writeln!(out, "- {} ({})", heading_text(&ent.name, &ent.id), ent.kind);
        }
        out.push('\n');
    }
}

fn note_section(out: &mut String, n: &Note) {
    out.push_str("#### Note\n\n");
    let _ = writeln!(out, "{}\n", escape::block(&n.text));
}

/// An autolink when `url` can be one (a scheme, no spaces or angle brackets), else escaped text.
fn link(url: &str) -> String {
    let url = url.trim();
    let scheme_ok = url.split_once(':').is_some_and(|(s, _)| {
        (2..=32).contains(&s.len())
            && s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
    });
    if scheme_ok
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
    {
        format!("<{url}>")
    } else {
        escape::inline(url)
    }
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the state file failed.
    #[error(transparent)]
    State(#[from] crate::state::StateError),
    /// Writing to standard output failed.
    #[error("cannot write the export: {0}")]
    Stdout(#[source] io::Error),
    /// `-o` named the state file or the case file, which an export must never replace.
    #[error("will not write the export over {}: it is the {what}; choose another file", path.display())]
    WouldOverwrite { path: PathBuf, what: &'static str },
}

/// Whether `a` and `b` name the same file, however each is spelled (symlinks, `..`,
/// relative or absolute), including a file not written yet, such as a state file before
/// the first bookmark.
fn same_file(a: &Path, b: &Path) -> bool {
    match (real_path(a), real_path(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// `path` absolute with symlinks and `..` resolved: the file's own when it exists, else its
/// folder's joined with its name. `None` when neither can be resolved.
fn real_path(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = std::fs::canonicalize(path) {
        return Some(p);
    }
    let path = std::path::absolute(path).ok()?;
    Some(
        std::fs::canonicalize(path.parent()?)
            .ok()?
            .join(path.file_name()?),
    )
}

/// The `export` command and the board's `e`: writes [`markdown`] atomically to `output`
/// (returning its path) or, when `output` is `None`, to `stdout`.
pub fn write(
    case: &Case,
    state: &State,
    sel: Selection,
    now: DateTime<Utc>,
    output: Option<&Path>,
    stdout: &mut dyn Write,
) -> Result<Option<PathBuf>, ExportError> {
    write_with(case, state, sel, false, now, output, stdout)
}

/// [`write()`], with the case's overview when `with_overview` ([`markdown_with`]).
pub fn write_with(
    case: &Case,
    state: &State,
    sel: Selection,
    with_overview: bool,
    now: DateTime<Utc>,
    output: Option<&Path>,
    stdout: &mut dyn Write,
) -> Result<Option<PathBuf>, ExportError> {
    // The case's text, and the notes, reach a terminal or a Markdown reader: controls
    // and bidirectional overrides are shown, not obeyed (at the edge, after escaping).
    let md = markdown_with(case, state, sel, with_overview, now);
    let md = crate::text::safe::markdown(&md);
    match output {
        Some(path) => {
            store::write_atomic(path, md.as_bytes())?;
            Ok(Some(path.to_path_buf()))
        }
        None => {
            stdout
                .write_all(md.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(ExportError::Stdout)?;
            Ok(None)
        }
    }
}

/// The `caseboard export` command: reads the state file at `state_path` (without locking
/// it, so a board may have it open) and writes the export as [`write_with`] does. Returns
/// where it wrote, if to a file.
pub fn run(
    case: &Case,
    state_path: &Path,
    sel: Selection,
    with_overview: bool,
    now: DateTime<Utc>,
    output: Option<&Path>,
    stdout: &mut dyn Write,
) -> Result<Option<PathBuf>, ExportError> {
    if let Some(out) = output {
        let protected = [
            (Some(state_path), "state file"),
            (case.path.as_deref(), "case file"),
        ];
        for (p, what) in protected {
            if let Some(p) = p
                && same_file(out, p)
            {
                return Err(ExportError::WouldOverwrite {
                    path: out.to_path_buf(),
                    what,
                });
            }
        }
    }
    let state = crate::state::read_state(state_path)?;
    write_with(case, &state, sel, with_overview, now, output, stdout)
}

/// Where the board's `e` writes by default: `<case id>-notes.md` beside the state file
/// (beside the case for a user's case, in the data directory for the bundled one).
pub fn default_file(case: &Case, state_path: &Path) -> PathBuf {
    let name = state_path
        .file_name()
        .and_then(|n| n.to_str())
        .map(|n| {
            n.strip_suffix(".state.json")
                .or_else(|| n.strip_suffix(".json"))
                .unwrap_or(n)
        })
        .unwrap_or("caseboard-state");
    let name = if name == "caseboard-state" {
        format!("{}-notes.md", file_stem(&case.id))
    } else {
        format!("{name}-notes.md")
    };
    state_path.parent().unwrap_or(Path::new("")).join(name)
}

fn file_stem(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() { "case".into() } else { s }
}

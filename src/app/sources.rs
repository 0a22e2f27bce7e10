//! Sources as first-class: the Sources list (`5`), a source's particulars (title,
//! publisher, date spelled out, byline, URL, the case's note on them, how often it is
//! cited), and its URL handed to the browser (`g x`).

use std::sync::Arc;

use super::{App, Effect};
use crate::action::Pane;
use crate::case::{Case, SourceIx};

pub use crate::case::stated;

/// How many passages of the source are cited, and by how many events.
pub fn citation_counts(case: &Case, s: SourceIx) -> (usize, usize) {
    let cites = &case.index.source_citations[s.get()];
    let mut events: Vec<_> = cites.iter().map(|c| c.event).collect();
    events.sort_unstable();
    events.dedup();
    (cites.len(), events.len())
}

/// The source's particulars as (label, text) rows, in the order the inspector shows
/// them. Fields the case leaves out say so.
pub fn particulars(case: &Case, s: SourceIx) -> Vec<(&'static str, String)> {
    let src = case.source(s);
    let (cites, events) = citation_counts(case, s);
    let published = match &src.published {
        Some(d) => format!("{} ({d})", d.describe()),
        None => "not stated".into(),
    };
    vec![
        ("title", src.title.clone()),
        ("publisher", src.publisher.clone()),
        ("published", published),
        (
            "byline",
            src.byline.clone().unwrap_or_else(|| "not stated".into()),
        ),
        ("url", src.url.clone().unwrap_or_else(|| "none".into())),
        (
            "cited",
            format!(
                "{} by {} · id {} · {}",
                crate::text::count(cites, "citation", "citations"),
                crate::text::count(events, "event", "events"),
                src.id,
                src.file
            ),
        ),
        ("note", src.note.clone().unwrap_or_else(|| "none".into())),
    ]
}

/// One line naming a source: "The Globe, 10 November 2017 or after: Data firm…", the
/// fields the case does not state left out.
pub fn short_name(case: &Case, s: SourceIx) -> String {
    let src = case.source(s);
    let mut parts: Vec<String> = Vec::new();
    if let Some(p) = stated(&src.publisher) {
        parts.push(p.to_string());
    }
    if let Some(d) = &src.published {
        parts.push(d.describe());
    }
    let head = parts.join(", ");
    if head.is_empty() {
        format!("“{}”", src.title)
    } else {
        format!("{head}: “{}”", src.title)
    }
}

impl App {
    /// The source under the Sources cursor.
    pub fn selected_source(&self) -> Option<SourceIx> {
        (self.sources.row < self.case.sources.len()).then_some(SourceIx(self.sources.row as u32))
    }

    /// The source the reader is looking at: selected in Sources when that has focus,
    /// else the one the Source pane shows.
    pub fn source_in_view(&self) -> Option<SourceIx> {
        if self.focus == Pane::Sources {
            return self.selected_source();
        }
        (self.source.source.get() < self.case.sources.len()).then_some(self.source.source)
    }

    /// Enter on a source: read it in the Source pane, from its first cited passage.
    pub(super) fn read_source(&mut self) {
        let Some(s) = self.selected_source() else {
            return;
        };
        self.jump();
        let case = Arc::clone(&self.case);
        self.open_source(s);
        match case.index.source_citations[s.get()].first() {
            Some(c) => {
                self.source.show(c.range.clone());
                self.source.highlight = None;
            }
            None => {
                self.source.cursor = 0;
                self.source.anchor = None;
            }
        }
        self.set_focus(Pane::Source);
        self.scroll_source_to_cursor(true);
        self.say(short_name(&case, s), false);
    }

    /// `g x`: the source's URL to the browser (the loop decides whether there is one).
    pub(super) fn open_url(&mut self) -> Option<Effect> {
        let s = self.source_in_view()?;
        let src = self.case.source(s);
        match &src.url {
            Some(url) => Some(Effect::OpenUrl(url.clone())),
            None => {
                self.say(format!("source {} has no URL in the case", src.id), true);
                None
            }
        }
    }
}

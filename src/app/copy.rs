//! `y`: what is selected, as text to paste, with its citation. In the Source pane the
//! selected passage (or the passage shown); in the Timeline the selected event with its
//! cited passages; in the Detail the item under the cursor (passage, entity, linked event); in Entities the entity; in Sources the source. The
//! loop puts it on the clipboard through the terminal ([`Effect::Copy`]).

use super::sources::stated;
use super::{Anchor, App, DetailItem, Effect};
use crate::action::Pane;
use crate::case::{Case, EntityIx, EventIx, SourceIx};

/// A passage as quoted text, whitespace folded to single spaces.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A source as a citation, in the usual order: byline, “title”, publisher, the date
/// spelled out, URL — what the case states of them ("not stated" is left out).
pub fn citation(case: &Case, s: SourceIx) -> String {
    let src = case.source(s);
    let mut parts: Vec<String> = Vec::new();
    if let Some(by) = src.byline.as_deref().and_then(stated) {
        parts.push(by.to_string());
    }
    parts.push(format!("“{}”", src.title));
    if let Some(p) = stated(&src.publisher) {
        parts.push(p.to_string());
    }
    if let Some(d) = &src.published {
        parts.push(format!("published {}", d.describe()));
    }
    if let Some(url) = src.url.as_deref().filter(|u| !u.trim().is_empty()) {
        parts.push(url.to_string());
    }
    parts.join(", ")
}

/// A quoted passage and where it is from.
pub fn quote(case: &Case, s: SourceIx, passage: &str) -> String {
    format!("“{}”\n— {}", one_line(passage), citation(case, s))
}

/// An entity: name, kind, description, and how many events of the case name it.
pub fn entity_text(case: &Case, ent: EntityIx) -> String {
    let e = case.entity(ent);
    let n = case.index.entity_events[ent.get()].len();
    let mut text = format!("{} ({})", e.name, e.kind);
    if !e.description.trim().is_empty() {
        text.push_str(&format!(": {}", e.description.trim()));
    }
    text.push_str(&format!(
        "\nIn {} of “{}”.",
        crate::text::count(n, "event", "events"),
        case.title
    ));
    text
}

/// An event: its date and title, summary, and each cited passage with its source.
pub fn event_text(case: &Case, ev: EventIx) -> String {
    let e = case.event(ev);
    let mut out = format!("{}: {}\n", e.date.describe(), e.title);
    if !e.summary.trim().is_empty() {
        out.push_str(&format!("{}\n", e.summary.trim()));
    }
    for c in &e.citations {
        out.push_str(&format!("\n{}\n", quote(case, c.source, case.passage(c))));
    }
    out
}

impl App {
    /// `y`: the selected passage, event, entity or source, with its citation.
    pub(super) fn copy(&mut self) -> Option<Effect> {
        let case = std::sync::Arc::clone(&self.case);
        let (text, what) = match self.focus {
            Pane::Source => {
                let s = self.source.source;
                if s.get() >= case.sources.len() {
                    return None;
                }
                // A selection (`v`) first: what the reader marked is what they copy.
                let anchored = match self.source.anchor.and_then(|a| self.source.anchors.get(a)) {
                    Some(Anchor::Passage { range, .. }) => Some(range.clone()),
                    _ => self.source.highlight.clone(),
                };
                let range = self.selected_range().or(anchored);
                let Some(range) = range else {
                    self.say(
                        "no passage selected: move to a highlighted passage ({ and } step to them)",
                        true,
                    );
                    return None;
                };
                let passage = &case.source(s).text[range];
                (
                    quote(&case, s, passage),
                    format!("the passage from {}", case.source(s).id),
                )
            }
            // In the detail area, the item under the cursor: a citation's passage, an
            // entity, a linked event.
            Pane::Detail if self.selected_event().is_some() => {
                let ev = self.selected_event()?;
                match self.detail_items().get(self.detail.row) {
                    Some(DetailItem::Citation(k)) => {
                        let c = &case.event(ev).citations[*k];
                        (
                            quote(&case, c.source, case.passage(c)),
                            format!("the passage from {}", case.source(c.source).id),
                        )
                    }
                    Some(DetailItem::Entity(ent) | DetailItem::Mention(ent)) => (
                        entity_text(&case, *ent),
                        format!("entity {}", case.entity(*ent).name),
                    ),
                    Some(DetailItem::Link { to, .. }) => (
                        event_text(&case, *to),
                        "the linked event and its passages".into(),
                    ),
                    None => (event_text(&case, ev), "the event and its passages".into()),
                }
            }
            Pane::Entities => {
                let ent = self.selected_entity()?;
                (
                    entity_text(&case, ent),
                    format!("entity {}", case.entity(ent).name),
                )
            }
            Pane::Sources => {
                let s = self.selected_source()?;
                (citation(&case, s), format!("source {}", case.source(s).id))
            }
            Pane::Timeline | Pane::Detail => {
                let Some(ev) = self.selected_event() else {
                    self.say("no event selected", true);
                    return None;
                };
                (event_text(&case, ev), "the event and its passages".into())
            }
        };
        Some(Effect::Copy { text, what })
    }
}

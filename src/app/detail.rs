//! The detail area's followable items for the selected event, and their screen rows.

use super::App;
use crate::case::{EntityIx, EventIx, LinkKind};

/// Something in the detail area that Enter can follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DetailItem {
    Entity(EntityIx),
    /// Index into the event's citations.
    Citation(usize),
    /// A link to another event: `outgoing` links are this event's own; the others point at it.
    Link {
        to: EventIx,
        kind: LinkKind,
        outgoing: bool,
    },
}

/// The selected event's items: entities, then citations, then links out, then links in.
pub fn items(app: &App) -> Vec<DetailItem> {
    let Some(ev) = app.selected_event() else {
        return Vec::new();
    };
    let case = &app.case;
    let e = case.event(ev);
    let mut out: Vec<DetailItem> = e.entities.iter().map(|&x| DetailItem::Entity(x)).collect();
    out.extend((0..e.citations.len()).map(DetailItem::Citation));
    out.extend(e.links.iter().map(|l| DetailItem::Link {
        to: l.to,
        kind: l.kind.clone(),
        outgoing: true,
    }));
    for &(from, k) in &case.index.links_in[ev.get()] {
        let kind = case.event(from).links[k as usize].kind.clone();
        out.push(DetailItem::Link {
            to: from,
            kind,
            outgoing: false,
        });
    }
    out
}

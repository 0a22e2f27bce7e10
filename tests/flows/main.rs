//! Sequences of actions against the board's state, no terminal involved: every
//! navigation path (event → passage, citations across sources, entity → its events,
//! detail link → event, passage → citing events, mention → entity), the jump history,
//! cursor movement, focus, the mouse, tiny terminals and the help modal, one file each.
//! The walks below reach what a test starts from as a reader would, key by key.

#[path = "../common/mod.rs"]
mod common;

mod claims;
mod edit;
mod edit_records;
mod firstday;
mod follow;
mod history;
mod keys;
mod mouse;
mod movement;
mod sizes;
mod strip;

use std::collections::BTreeSet;
use std::ops::Range;

use caseboard::action::{Action, Pane};
use caseboard::app::{Anchor, App, DetailItem, Effect, EntityRow, Filter, Modal, TimelineRow};
use caseboard::case::{EntityIx, EventIx, SourceIx};
use common::view::{View, view};
use common::{board, now, send};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

fn event(app: &App, id: &str) -> EventIx {
    app.case
        .event_by_id(id)
        .unwrap_or_else(|| panic!("no event {id}"))
}

fn entity(app: &App, id: &str) -> EntityIx {
    app.case
        .entity_by_id(id)
        .unwrap_or_else(|| panic!("no entity {id}"))
}

/// The events the timeline shows, top to bottom.
fn shown_events(app: &App) -> Vec<EventIx> {
    app.timeline_rows
        .iter()
        .filter_map(|r| match r {
            TimelineRow::Event(e) => Some(*e),
            _ => None,
        })
        .collect()
}

/// Moves the timeline cursor with Top and Down (as a user would) until `ev` is selected.
fn walk_to_event(app: &mut App, ev: EventIx) {
    send(app, [Action::Focus(Pane::Timeline), Action::Top]);
    for _ in 0..app.timeline_rows.len() {
        if app.selected_event() == Some(ev) {
            return;
        }
        send(app, [Action::Down]);
    }
    panic!("event {ev:?} not reachable with Down");
}

/// Moves the entity cursor with Top and Down until `ent` is selected.
fn walk_to_entity(app: &mut App, ent: EntityIx) {
    send(app, [Action::Focus(Pane::Entities), Action::Top]);
    for _ in 0..app.entity_rows.len() {
        if app.selected_entity() == Some(ent) {
            return;
        }
        send(app, [Action::Down]);
    }
    panic!("entity {ent:?} not reachable with Down");
}

/// Walks the timeline to event `id` (as [`walk_to_event`]) and follows it with Enter:
/// where most following tests start. Returns the event.
fn follow_event(app: &mut App, id: &str) -> EventIx {
    let ev = event(app, id);
    walk_to_event(app, ev);
    send(app, [Action::Follow]);
    ev
}

/// Walks the entity list to `ent` and follows it with Enter (the timeline filtered to its
/// events).
fn follow_entity(app: &mut App, ent: EntityIx) {
    walk_to_entity(app, ent);
    send(app, [Action::Follow]);
}

/// Walks to event `ev`, then in the detail pane down to its item `k`.
fn walk_to_detail_item(app: &mut App, ev: EventIx, k: usize) {
    walk_to_event(app, ev);
    send(app, [Action::Focus(Pane::Detail), Action::Top]);
    send(app, (0..k).map(|_| Action::Down));
    assert_eq!(app.detail.row, k);
}

/// In the source pane, steps with `}` from the first anchor until `want` accepts one.
/// Returns the anchor reached.
fn walk_to_anchor(app: &mut App, want: impl Fn(&App, &Anchor) -> bool) -> Anchor {
    send(app, [Action::Focus(Pane::Source), Action::Top]);
    // From the top of the text, `}` goes to the first anchor.
    for _ in 0..=app.source.anchors.len() {
        send(app, [Action::NextAnchor]);
        let a = app.source.anchor.expect("} selects an anchor");
        let anchor = app.source.anchors[a].clone();
        if want(app, &anchor) {
            return anchor;
        }
    }
    panic!("no anchor in this source matches");
}

/// Where an event's citations point, in order.
#[derive(Debug, Clone)]
struct Cited {
    source: SourceIx,
    range: Range<usize>,
}

fn cited(app: &App, ev: EventIx) -> Vec<Cited> {
    app.case
        .event(ev)
        .citations
        .iter()
        .map(|c| Cited {
            source: c.source,
            range: c.range.clone(),
        })
        .collect()
}

fn notice(app: &App) -> Option<&str> {
    app.message.as_ref().map(|n| n.text.as_str())
}

/// The source cursor line is inside the visible part of the source pane.
fn assert_source_cursor_visible(app: &App) {
    let h = app.layout.inner_height(Pane::Source);
    let s = &app.source;
    assert!(
        s.offset <= s.cursor && s.cursor < s.offset + h.max(1),
        "source cursor {} outside rows {}..{}",
        s.cursor,
        s.offset,
        s.offset + h
    );
}

/// The timeline's event rows, found by a scan.
fn event_rows(app: &App) -> Vec<usize> {
    (0..app.timeline_rows.len())
        .filter(|&i| matches!(app.timeline_rows[i], TimelineRow::Event(_)))
        .collect()
}

/// The timeline cursor is on an event row, and in view.
fn assert_timeline_sane(app: &App) {
    assert!(
        matches!(app.timeline_rows[app.timeline.row], TimelineRow::Event(_)),
        "cursor on a header row {}",
        app.timeline.row
    );
    let h = app.layout.inner_height(Pane::Timeline);
    if h > 0 {
        assert!(app.timeline.offset <= app.timeline.row);
        assert!(app.timeline.row < app.timeline.offset + h);
    }
}

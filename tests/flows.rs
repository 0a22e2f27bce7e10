//! Sequences of actions against the board's state, no terminal involved: every
//! navigation path (event → passage, citations across sources, entity → its events,
//! detail link → event, passage → citing events, mention → entity), the jump history,
//! cursor movement, focus, the mouse, tiny terminals and the help modal.

mod support;

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::Arc;

use caseboard::action::{Action, Pane};
use caseboard::app::{Anchor, App, DetailItem, Effect, EntityRow, Filter, Modal, TimelineRow};
use caseboard::case::{EntityIx, EventIx, SourceIx, bundled};
use caseboard::keymap::Keymap;
use chrono::{DateTime, Utc};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use support::view::{View, view};

// ---- harness -------------------------------------------------------------------------

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_700_000_000, 0).expect("valid time")
}

/// The board on the bundled case, laid out for a `w`x`h` terminal.
fn board_sized(w: u16, h: u16) -> App {
    let case = bundled::load().expect("bundled case loads").case;
    let mut app = App::new(Arc::new(case), Keymap::default());
    app.update(Action::Resize(w, h), now());
    app
}

fn board() -> App {
    board_sized(120, 40)
}

fn send(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for a in actions {
        assert_eq!(
            app.update(a.clone(), now()),
            None,
            "{a:?} asked for an effect"
        );
    }
}

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

// ---- event → passage; citations ------------------------------------------------------

#[test]
fn following_an_event_shows_its_first_cited_passage() {
    let mut app = board();
    let ev = event(&app, "cambridge-analytica-approaches-assange-agency");
    walk_to_event(&mut app, ev);
    assert!(!app.history.can_go_back());
    send(&mut app, [Action::Follow]);

    let first = cited(&app, ev)[0].clone();
    assert_eq!(app.focus, Pane::Source);
    assert_eq!(app.selected_event(), Some(ev), "the event stays selected");
    assert_eq!(app.source.source, first.source);
    assert_eq!(app.source.highlight, Some(first.range.clone()));
    assert_eq!(app.citation, 0);
    assert_eq!(app.source.cursor, app.source.line_of(first.range.start));
    assert_source_cursor_visible(&app);
    // The passage's own anchor is selected, so Enter on it leads back to its events.
    let a = app
        .source
        .anchor
        .expect("the passage is the selected anchor");
    assert!(matches!(
        &app.source.anchors[a],
        Anchor::Passage { range, events } if *range == first.range && events.contains(&ev)
    ));
    assert!(app.history.can_go_back(), "following is a jump");
}

#[test]
fn every_event_follows_to_its_first_citation() {
    let mut app = board();
    send(&mut app, [Action::Top]);
    let events = shown_events(&app);
    for ev in events {
        walk_to_event(&mut app, ev);
        send(&mut app, [Action::Follow]);
        let cits = &app.case.event(ev).citations;
        if cits.is_empty() {
            assert_eq!(app.focus, Pane::Timeline);
            assert_eq!(notice(&app), Some("this event cites no source"));
            continue;
        }
        assert_eq!(app.focus, Pane::Source, "{}", app.case.event(ev).id);
        assert_eq!(app.source.source, cits[0].source);
        assert_eq!(app.source.highlight.as_ref(), Some(&cits[0].range));
        assert_source_cursor_visible(&app);
    }
}

#[test]
fn next_and_previous_citation_step_across_sources_and_wrap() {
    let mut app = board();
    // Cited six times by two sources.
    let ev = event(&app, "trump-jr-wikileaks-exchanges");
    walk_to_event(&mut app, ev);
    send(&mut app, [Action::Follow]);
    let cits = cited(&app, ev);
    let n = cits.len();
    assert!(n >= 2);
    let sources: BTreeSet<SourceIx> = cits.iter().map(|c| c.source).collect();
    assert!(
        sources.len() >= 2,
        "test needs an event cited by two sources"
    );

    let mut switched = 0;
    for k in 1..=n {
        let before = app.source.source;
        send(&mut app, [Action::NextCitation]);
        let want = &cits[k % n];
        assert_eq!(app.citation, k % n);
        assert_eq!(app.source.source, want.source, "citation {}", k % n);
        assert_eq!(app.source.highlight.as_ref(), Some(&want.range));
        assert_eq!(app.source.cursor, app.source.line_of(want.range.start));
        assert_source_cursor_visible(&app);
        assert_eq!(
            notice(&app),
            Some(format!("citation {} of {n}", k % n + 1).as_str())
        );
        if app.source.source != before {
            switched += 1;
        }
    }
    assert!(
        switched >= 2,
        "the source pane switched sources going round"
    );
    assert_eq!(app.citation, 0, "wrapped back to the first citation");

    send(&mut app, [Action::PrevCitation]);
    assert_eq!(
        app.citation,
        n - 1,
        "previous from the first wraps to the last"
    );
    assert_eq!(app.source.source, cits[n - 1].source);
    assert_eq!(app.source.highlight.as_ref(), Some(&cits[n - 1].range));
    assert_eq!(app.selected_event(), Some(ev));
}

#[test]
fn following_a_citation_in_the_detail_shows_that_citation() {
    let mut app = board();
    let ev = event(&app, "trump-jr-wikileaks-exchanges");
    walk_to_event(&mut app, ev);
    send(&mut app, [Action::Focus(Pane::Detail), Action::Top]);
    let items = app.detail_items();
    let k = items
        .iter()
        .rposition(|i| matches!(i, DetailItem::Citation(_)))
        .expect("a citation item");
    let DetailItem::Citation(c) = items[k] else {
        unreachable!()
    };
    send(&mut app, (0..k).map(|_| Action::Down));
    assert_eq!(app.detail.row, k);
    send(&mut app, [Action::Follow]);
    let cit = &app.case.event(ev).citations[c];
    assert_eq!(app.focus, Pane::Source);
    assert_eq!(app.citation, c);
    assert_eq!(app.source.source, cit.source);
    assert_eq!(app.source.highlight.as_ref(), Some(&cit.range));
}

// ---- entity → its events ---------------------------------------------------------------

#[test]
fn following_an_entity_filters_the_timeline_and_escape_clears_it() {
    let mut app = board();
    let nix = entity(&app, "alexander-nix");
    walk_to_entity(&mut app, nix);
    assert_eq!(
        app.case.entity(app.selected_entity().unwrap()).name,
        "Alexander Nix"
    );
    send(&mut app, [Action::Follow]);

    assert_eq!(app.filter, Filter::Entity(nix));
    assert_eq!(app.focus, Pane::Timeline);
    // Exactly Nix's events, in timeline order, computed independently of the index.
    let expected: Vec<EventIx> = app
        .case
        .index
        .timeline
        .iter()
        .copied()
        .filter(|&e| app.case.event(e).entities.contains(&nix))
        .collect();
    assert_eq!(expected.len(), 8);
    assert_eq!(shown_events(&app), expected);
    let sel = app.selected_event().expect("an event is selected");
    assert!(expected.contains(&sel));
    assert!(matches!(
        app.timeline_rows[app.timeline.row],
        TimelineRow::Event(_)
    ));
    // Every header heads at least one event: the last row is an event.
    assert!(matches!(
        app.timeline_rows.last(),
        Some(TimelineRow::Event(_))
    ));

    // Move inside the filtered list, then clear: the chosen event stays selected.
    send(&mut app, [Action::Bottom, Action::Up, Action::Up]);
    let chosen = app.selected_event().unwrap();
    assert_eq!(chosen, expected[expected.len() - 3]);
    send(&mut app, [Action::Escape]);
    assert_eq!(app.filter, Filter::All);
    assert_eq!(app.selected_event(), Some(chosen));
    assert_eq!(shown_events(&app).len(), app.case.events.len());
    assert_eq!(notice(&app), Some("filter cleared"));
    let h = app.layout.inner_height(Pane::Timeline);
    assert!(app.timeline.offset <= app.timeline.row && app.timeline.row < app.timeline.offset + h);

    // Escape with no filter does nothing (and is not a jump).
    let before = view(&app);
    send(&mut app, [Action::Escape, Action::Back]);
    // Back undoes the clearing, not a phantom second Escape.
    assert_eq!(app.filter, Filter::Entity(nix));
    assert_ne!(view(&app), before);
}

#[test]
fn an_entity_filter_keeps_the_selected_event_when_it_belongs() {
    let mut app = board();
    let ev = event(&app, "nix-denies-russia-work");
    walk_to_event(&mut app, ev);
    let nix = entity(&app, "alexander-nix");
    walk_to_entity(&mut app, nix);
    send(&mut app, [Action::Follow]);
    assert_eq!(app.filter, Filter::Entity(nix));
    assert_eq!(app.selected_event(), Some(ev));
}

#[test]
fn every_entity_filter_shows_exactly_its_events() {
    let mut app = board();
    let ents: Vec<EntityIx> = app
        .entity_rows
        .iter()
        .filter_map(|r| match r {
            EntityRow::Entity(e) => Some(*e),
            _ => None,
        })
        .collect();
    assert_eq!(ents.len(), app.case.entities.len());
    for ent in ents {
        walk_to_entity(&mut app, ent);
        send(&mut app, [Action::Follow]);
        let expected: Vec<EventIx> = app
            .case
            .index
            .timeline
            .iter()
            .copied()
            .filter(|&e| app.case.event(e).entities.contains(&ent))
            .collect();
        assert_eq!(shown_events(&app), expected, "{}", app.case.entity(ent).id);
        send(&mut app, [Action::Escape]);
    }
}

// ---- detail link → event ----------------------------------------------------------------

#[test]
fn following_a_link_in_the_detail_selects_the_linked_event() {
    let mut app = board();
    let ev = event(&app, "nix-acknowledges-wikileaks-outreach");
    walk_to_event(&mut app, ev);
    send(&mut app, [Action::Focus(Pane::Detail), Action::Top]);
    let items = app.detail_items();
    let links: Vec<(usize, EventIx, bool)> = items
        .iter()
        .enumerate()
        .filter_map(|(k, i)| match i {
            DetailItem::Link { to, outgoing, .. } => Some((k, *to, *outgoing)),
            _ => None,
        })
        .collect();
    assert!(links.len() >= 2, "test needs an event with links");
    assert!(links.iter().any(|l| l.2), "an outgoing link");
    for (k, to, _) in links {
        walk_to_event(&mut app, ev);
        send(&mut app, [Action::Focus(Pane::Detail), Action::Top]);
        send(&mut app, (0..k).map(|_| Action::Down));
        assert_eq!(app.detail.row, k);
        let before = view(&app);
        send(&mut app, [Action::Follow]);
        assert_eq!(app.selected_event(), Some(to));
        assert_eq!(app.focus, Pane::Timeline);
        assert_ne!(to, ev);
        // The new event's first citation is on show.
        if let Some(c) = app.case.event(to).citations.first() {
            assert_eq!(app.source.highlight.as_ref(), Some(&c.range));
        }
        send(&mut app, [Action::Back]);
        assert_eq!(view(&app), before, "back returns to the link in the detail");
    }
}

#[test]
fn following_a_link_widens_a_filter_that_hides_its_target() {
    let mut app = board();
    // Filter to an entity, then follow a link from one of its events to an event outside it.
    let (ent, from, to) = {
        let case = &app.case;
        let mut found = None;
        'outer: for (e_ix, list) in case.index.entity_events.iter().enumerate() {
            for &ev in list {
                for l in &case.event(ev).links {
                    if !list.contains(&l.to) {
                        found = Some((EntityIx(e_ix as u32), ev, l.to));
                        break 'outer;
                    }
                }
            }
        }
        found.expect("a link leaving an entity's events")
    };
    walk_to_entity(&mut app, ent);
    send(&mut app, [Action::Follow]);
    walk_to_event_in_filter(&mut app, from);
    send(&mut app, [Action::Focus(Pane::Detail), Action::Top]);
    let row = app
        .detail_items()
        .iter()
        .position(|i| matches!(i, DetailItem::Link { to: t, outgoing: true, .. } if *t == to))
        .expect("the link is listed");
    send(&mut app, (0..row).map(|_| Action::Down));
    send(&mut app, [Action::Follow]);
    assert_eq!(app.selected_event(), Some(to));
    assert_eq!(
        app.filter,
        Filter::All,
        "the filter widened to show the target"
    );
    send(&mut app, [Action::Back]);
    assert_eq!(app.filter, Filter::Entity(ent));
    assert_eq!(app.selected_event(), Some(from));
}

/// Like [`walk_to_event`] but without leaving the current filter.
fn walk_to_event_in_filter(app: &mut App, ev: EventIx) {
    send(app, [Action::Focus(Pane::Timeline), Action::Top]);
    for _ in 0..app.timeline_rows.len() {
        if app.selected_event() == Some(ev) {
            return;
        }
        send(app, [Action::Down]);
    }
    panic!("event not in the filtered timeline");
}

// ---- passage → citing events; mention → entity ---------------------------------------------

#[test]
fn following_a_passage_cited_once_selects_that_event() {
    let mut app = board();
    let start = event(&app, "cambridge-analytica-approaches-assange-agency");
    walk_to_event(&mut app, start);
    send(&mut app, [Action::Follow]);
    let anchor = walk_to_anchor(
        &mut app,
        |_, a| matches!(a, Anchor::Passage { events, .. } if events.len() == 1 && events[0] != start),
    );
    let Anchor::Passage { events, range } = anchor else {
        unreachable!()
    };
    assert_source_cursor_visible(&app);
    assert_eq!(app.source.cursor, app.source.line_of(range.start));
    send(&mut app, [Action::Follow]);
    assert_eq!(app.selected_event(), Some(events[0]));
    assert_eq!(app.focus, Pane::Timeline);
    assert_eq!(app.filter, Filter::All);
    // The event really cites that passage.
    let cites = &app.case.event(events[0]).citations;
    assert!(cites.iter().any(|c| c.range == range));
}

#[test]
fn following_a_passage_cited_by_several_events_filters_to_them() {
    let mut app = board();
    // "Nix appeared to be referencing a June 12, 2016, article …" is cited by two events.
    let start = event(&app, "guardian-article-wikileaks-plans");
    walk_to_event(&mut app, start);
    send(&mut app, [Action::Follow]);
    let anchor = walk_to_anchor(
        &mut app,
        |_, a| matches!(a, Anchor::Passage { events, .. } if events.len() >= 2),
    );
    let Anchor::Passage { events, range } = anchor else {
        unreachable!()
    };
    let source_id = app.case.source(app.source.source).id.clone();
    send(&mut app, [Action::Follow]);

    let Filter::Events(list, label) = app.filter.clone() else {
        panic!("expected an events filter, got {:?}", app.filter);
    };
    let want: BTreeSet<EventIx> = events.iter().copied().collect();
    assert_eq!(list.iter().copied().collect::<BTreeSet<_>>(), want);
    assert_eq!(
        label,
        format!("{} events citing one passage of {source_id}", events.len())
    );
    // Shown in timeline order, and each cites the passage.
    let shown = shown_events(&app);
    let mut ordered = shown.clone();
    ordered.sort_by_key(|e| app.case.index.timeline_pos[e.get()]);
    assert_eq!(shown, ordered);
    assert_eq!(shown.iter().copied().collect::<BTreeSet<_>>(), want);
    for e in &shown {
        assert!(
            app.case
                .event(*e)
                .citations
                .iter()
                .any(|c| c.range == range)
        );
    }
    assert_eq!(app.focus, Pane::Timeline);
    assert!(want.contains(&app.selected_event().unwrap()));

    send(&mut app, [Action::Escape]);
    assert_eq!(app.filter, Filter::All);
}

#[test]
fn following_a_mention_selects_the_entity() {
    let mut app = board();
    let start = event(&app, "nix-acknowledges-wikileaks-outreach");
    walk_to_event(&mut app, start);
    send(&mut app, [Action::Follow]);
    // A mention of someone other than the entity the cursor starts on.
    let first_selected = app.selected_entity();
    let anchor = walk_to_anchor(
        &mut app,
        |_, a| matches!(a, Anchor::Mention { entity, .. } if Some(*entity) != first_selected),
    );
    let Anchor::Mention { entity: ent, range } = anchor else {
        unreachable!()
    };
    // The text under the anchor names the entity (by name or alias).
    let text = &app.case.source(app.source.source).text[range];
    let e = app.case.entity(ent);
    assert!(
        std::iter::once(&e.name)
            .chain(&e.aliases)
            .any(|n| n.eq_ignore_ascii_case(text) || text.contains(n.as_str())),
        "{text:?} does not name {}",
        e.name
    );
    send(&mut app, [Action::Follow]);
    assert_eq!(app.focus, Pane::Entities);
    assert_eq!(app.list, Pane::Entities);
    assert_eq!(app.selected_entity(), Some(ent));
    let h = app.layout.inner_height(Pane::Entities);
    assert!(app.entities.offset <= app.entities.row && app.entities.row < app.entities.offset + h);
}

#[test]
fn follow_in_the_source_away_from_anchors_explains_itself() {
    let mut app = board();
    send(&mut app, [Action::Focus(Pane::Source)]);
    // Find a line with no anchor on it.
    let n = app.source.lines.len();
    send(&mut app, [Action::Top]);
    for _ in 0..n {
        if app.source.anchor.is_none() {
            break;
        }
        send(&mut app, [Action::Down]);
    }
    assert_eq!(app.source.anchor, None, "a line without anchors exists");
    let before = view(&app);
    send(&mut app, [Action::Follow]);
    assert_eq!(view(&app), before);
    assert!(notice(&app).unwrap().starts_with("nothing to follow here"));
    assert!(!app.history.can_go_back(), "a failed follow is not a jump");
}

// ---- history ------------------------------------------------------------------------------

fn history_round_trip(w: u16, h: u16) {
    let mut app = board_sized(w, h);
    let mut views = Vec::new();

    // Jump 1: event → passage.
    let ev = event(&app, "nix-acknowledges-wikileaks-outreach");
    walk_to_event(&mut app, ev);
    views.push(view(&app));
    send(&mut app, [Action::Follow]);

    // Scroll the source away from the passage, then jump 2: a mention → its entity.
    send(&mut app, (0..7).map(|_| Action::Down));
    walk_to_anchor(&mut app, |_, a| matches!(a, Anchor::Mention { .. }));
    send(&mut app, (0..3).map(|_| Action::NextAnchor));
    let a = app.source.anchor.unwrap();
    if !matches!(app.source.anchors[a], Anchor::Mention { .. }) {
        walk_to_anchor(&mut app, |_, a| matches!(a, Anchor::Mention { .. }));
    }
    views.push(view(&app));
    send(&mut app, [Action::Follow]);
    assert_eq!(app.focus, Pane::Entities);

    // Jump 3: Alexander Nix → his events.
    let nix = entity(&app, "alexander-nix");
    walk_to_entity(&mut app, nix);
    views.push(view(&app));
    send(&mut app, [Action::Follow]);
    assert_eq!(app.filter, Filter::Entity(nix));

    // Jump 4: the last of his events → its passage, then move on to its second citation.
    send(&mut app, [Action::Bottom]);
    views.push(view(&app));
    send(&mut app, [Action::Follow, Action::NextCitation]);
    send(&mut app, (0..4).map(|_| Action::Down));

    // Jump 5: clearing the filter from the source pane.
    views.push(view(&app));
    send(&mut app, [Action::Escape]);
    assert_eq!(app.filter, Filter::All);
    let last = view(&app);

    // Back through every jump: each view comes back exactly.
    for (i, want) in views.iter().enumerate().rev() {
        send(&mut app, [Action::Back]);
        assert_eq!(&view(&app), want, "back to the view before jump {}", i + 1);
        assert_eq!(notice(&app), None);
    }
    let first = view(&app);
    send(&mut app, [Action::Back]);
    assert_eq!(
        view(&app),
        first,
        "back with no earlier jump changes nothing"
    );
    assert_eq!(notice(&app), Some("no earlier jump"));

    // And forward again to where we were.
    let mut ahead: Vec<View> = views[1..].to_vec();
    ahead.push(last.clone());
    for (i, want) in ahead.iter().enumerate() {
        send(&mut app, [Action::Forward]);
        assert_eq!(&view(&app), want, "forward {}", i + 1);
    }
    send(&mut app, [Action::Forward]);
    assert_eq!(view(&app), last);
    assert_eq!(notice(&app), Some("no later jump"));

    // A new jump after going back drops the forward history.
    send(&mut app, [Action::Back, Action::Back]);
    send(
        &mut app,
        [Action::Focus(Pane::Timeline), Action::Top, Action::Follow],
    );
    assert!(!app.history.can_go_forward());
}

#[test]
fn back_and_forward_restore_each_view_exactly_wide() {
    history_round_trip(120, 40);
}

#[test]
fn back_and_forward_restore_each_view_exactly_medium() {
    history_round_trip(80, 24);
}

#[test]
fn back_and_forward_restore_each_view_exactly_narrow() {
    history_round_trip(50, 20);
}

#[test]
fn back_after_a_resize_returns_to_the_same_source_text() {
    let mut app = board();
    let ev = event(&app, "wsj-reports-outreach-during-contract-talks");
    walk_to_event(&mut app, ev);
    send(&mut app, [Action::Follow]);
    // Move to a mention, then a few lines on so the cursor is mid-text.
    walk_to_anchor(&mut app, |_, a| matches!(a, Anchor::Mention { .. }));
    send(&mut app, (0..9).map(|_| Action::Down));
    walk_to_anchor_from_here(&mut app);
    let at = app.source.lines[app.source.cursor].start;
    let before = app.source.source;
    // Jump away (the mention → its entity), make the terminal narrower, come back.
    send(
        &mut app,
        [Action::Follow, Action::Resize(80, 24), Action::Back],
    );
    assert_eq!(app.source.source, before);
    assert_eq!(app.focus, Pane::Source);
    let line = app.source.lines[app.source.cursor].clone();
    assert!(
        line.start <= at && at <= line.end,
        "cursor line {line:?} does not hold byte {at}"
    );
    assert_source_cursor_visible(&app);
}

/// Steps `}` from the cursor until a mention is selected.
fn walk_to_anchor_from_here(app: &mut App) {
    for _ in 0..app.source.anchors.len() {
        send(app, [Action::NextAnchor]);
        let a = app.source.anchor.unwrap();
        if matches!(app.source.anchors[a], Anchor::Mention { .. }) {
            return;
        }
    }
    panic!("no mention after the cursor");
}

#[test]
fn back_and_forward_with_no_history_change_nothing_and_say_so() {
    let mut app = board();
    let before = view(&app);
    send(&mut app, [Action::Back]);
    assert_eq!(view(&app), before);
    assert_eq!(notice(&app), Some("no earlier jump"));
    send(&mut app, [Action::Forward]);
    assert_eq!(view(&app), before);
    assert_eq!(notice(&app), Some("no later jump"));
    // The notice lasts until the next key.
    send(&mut app, [Action::Down]);
    assert_eq!(notice(&app), None);
}

// ---- movement -------------------------------------------------------------------------------

fn event_rows(app: &App) -> Vec<usize> {
    (0..app.timeline_rows.len())
        .filter(|&i| matches!(app.timeline_rows[i], TimelineRow::Event(_)))
        .collect()
}

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

#[test]
fn top_bottom_and_pages_clamp_on_event_rows_in_the_timeline() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = board_sized(w, h);
        let rows = event_rows(&app);
        let (first, last) = (rows[0], *rows.last().unwrap());
        assert!(first > 0, "the timeline starts with a header");

        send(&mut app, [Action::Bottom]);
        assert_eq!(app.timeline.row, last);
        assert_timeline_sane(&app);
        send(
            &mut app,
            [Action::Down, Action::PageDown, Action::HalfPageDown],
        );
        assert_eq!(app.timeline.row, last, "clamped at the bottom");

        send(&mut app, [Action::Top]);
        assert_eq!(app.timeline.row, first);
        assert_eq!(app.timeline.offset, 0);
        send(&mut app, [Action::Up, Action::PageUp, Action::HalfPageUp]);
        assert_eq!(app.timeline.row, first, "clamped at the top");

        let page = app.layout.inner_height(Pane::Timeline);
        for (down, step) in [
            (Action::PageDown, page),
            (Action::HalfPageDown, (page / 2).max(1)),
        ] {
            send(&mut app, [Action::Top]);
            let mut seen = 0;
            while app.timeline.row != last {
                let before = app.timeline.row;
                send(&mut app, [down.clone()]);
                assert_timeline_sane(&app);
                assert!(
                    app.timeline.row >= (before + step).min(last),
                    "{down:?} from {before} moved only to {}",
                    app.timeline.row
                );
                seen += 1;
                assert!(seen < 100, "{down:?} never reached the bottom");
            }
            let up = match down {
                Action::PageDown => Action::PageUp,
                _ => Action::HalfPageUp,
            };
            while app.timeline.row != first {
                let before = app.timeline.row;
                send(&mut app, [up.clone()]);
                assert_timeline_sane(&app);
                assert!(app.timeline.row < before);
            }
        }
    }
}

#[test]
fn every_down_and_up_lands_on_an_event_and_selects_it() {
    let mut app = board();
    send(&mut app, [Action::Top]);
    let mut seen = vec![app.selected_event().unwrap()];
    loop {
        let before = app.timeline.row;
        send(&mut app, [Action::Down]);
        if app.timeline.row == before {
            break;
        }
        assert_timeline_sane(&app);
        seen.push(app.selected_event().unwrap());
    }
    assert_eq!(
        seen, app.case.index.timeline,
        "Down visits every event in order"
    );
    // Each move shows the newly selected event's first citation.
    let ev = app.selected_event().unwrap();
    if let Some(c) = app.case.event(ev).citations.first() {
        assert_eq!(app.source.highlight.as_ref(), Some(&c.range));
    }
}

#[test]
fn top_bottom_and_pages_clamp_in_entities_source_and_detail() {
    let mut app = board();

    send(&mut app, [Action::Focus(Pane::Entities), Action::Bottom]);
    assert_eq!(app.entities.row, app.entity_rows.len() - 1);
    assert!(matches!(
        app.entity_rows[app.entities.row],
        EntityRow::Entity(_)
    ));
    send(&mut app, [Action::Top]);
    assert_eq!(app.entities.row, 1, "row 0 is the first kind heading");
    for _ in 0..30 {
        send(&mut app, [Action::PageDown]);
        assert!(matches!(
            app.entity_rows[app.entities.row],
            EntityRow::Entity(_)
        ));
    }
    assert_eq!(app.entities.row, app.entity_rows.len() - 1);
    for _ in 0..30 {
        send(&mut app, [Action::HalfPageUp]);
        assert!(matches!(
            app.entity_rows[app.entities.row],
            EntityRow::Entity(_)
        ));
    }
    assert_eq!(app.entities.row, 1);

    send(&mut app, [Action::Focus(Pane::Source), Action::Bottom]);
    let n = app.source.lines.len();
    assert_eq!(app.source.cursor, n - 1);
    assert_source_cursor_visible(&app);
    send(&mut app, [Action::PageDown]);
    assert_eq!(app.source.cursor, n - 1);
    send(&mut app, [Action::Top]);
    assert_eq!((app.source.cursor, app.source.offset), (0, 0));
    send(&mut app, [Action::HalfPageDown]);
    let half = (app.layout.inner_height(Pane::Source) / 2).max(1);
    assert_eq!(app.source.cursor, half);
    assert_source_cursor_visible(&app);

    send(&mut app, [Action::Focus(Pane::Detail), Action::Bottom]);
    let items = app.detail_items().len();
    assert!(items > 0);
    assert_eq!(app.detail.row, items - 1);
    send(&mut app, [Action::Down, Action::PageDown]);
    assert_eq!(app.detail.row, items - 1);
    send(&mut app, [Action::Top]);
    assert_eq!(app.detail.row, 0);
}

// ---- focus ------------------------------------------------------------------------------------

#[test]
fn tab_backtab_and_digits_move_focus() {
    let mut app = board();
    assert_eq!(app.focus, Pane::Timeline);
    let order = [Pane::Entities, Pane::Source, Pane::Detail, Pane::Timeline];
    for p in order {
        send(&mut app, [Action::NextPane]);
        assert_eq!(app.focus, p);
    }
    for p in [Pane::Detail, Pane::Source, Pane::Entities, Pane::Timeline] {
        send(&mut app, [Action::PrevPane]);
        assert_eq!(app.focus, p);
    }
    for p in Pane::ALL {
        send(&mut app, [Action::Focus(p)]);
        assert_eq!(app.focus, p);
    }
    // Focus moves never change the selection.
    assert_eq!(app.selected_event(), Some(app.case.index.timeline[0]));
}

#[test]
fn h_and_l_move_to_the_pane_on_that_side() {
    // Wide: Timeline (over Detail) | Entities | Source.
    let mut app = board();
    send(&mut app, [Action::PaneRight]);
    assert_eq!(app.focus, Pane::Entities);
    send(&mut app, [Action::PaneRight]);
    assert_eq!(app.focus, Pane::Source);
    send(&mut app, [Action::PaneLeft]);
    assert_eq!(app.focus, Pane::Entities);
    send(&mut app, [Action::PaneLeft]);
    assert_eq!(app.focus, Pane::Timeline, "the pane level with the middle");
    send(&mut app, [Action::Focus(Pane::Detail), Action::PaneRight]);
    assert_eq!(app.focus, Pane::Entities);

    // Medium: list (over Detail) | Source.
    let mut app = board_sized(80, 24);
    send(&mut app, [Action::PaneRight]);
    assert_eq!(app.focus, Pane::Source);
    send(&mut app, [Action::PaneLeft]);
    assert_eq!(app.focus, Pane::Timeline);
    send(&mut app, [Action::Focus(Pane::Entities)]);
    assert_eq!(app.list, Pane::Entities);
    assert!(app.layout.entities.is_some() && app.layout.timeline.is_none());
    send(&mut app, [Action::PaneRight, Action::PaneLeft]);
    assert_eq!(
        app.focus,
        Pane::Entities,
        "back to the list shown, not the hidden one"
    );

    // Narrow: one pane; h/l fall back to Tab order and the shown pane follows focus.
    let mut app = board_sized(50, 20);
    send(&mut app, [Action::PaneRight]);
    assert_eq!(app.focus, Pane::Entities);
    assert!(app.layout.entities.is_some() && app.layout.timeline.is_none());
    send(&mut app, [Action::PaneLeft, Action::PaneLeft]);
    assert_eq!(app.focus, Pane::Detail);
    assert!(app.layout.detail.is_some() && app.layout.source.is_none());
}

// ---- mouse ---------------------------------------------------------------------------------

#[test]
fn clicking_a_timeline_row_selects_that_event() {
    let mut app = board();
    send(&mut app, [Action::Focus(Pane::Source)]);
    let r = app.layout.timeline.unwrap();
    // Content row k is drawn at y = r.y + 1 + k.
    let k = (0..r.height as usize - 2)
        .rev()
        .find(|&k| {
            matches!(
                app.timeline_rows[app.timeline.offset + k],
                TimelineRow::Event(_)
            )
        })
        .unwrap();
    let TimelineRow::Event(want) = app.timeline_rows[app.timeline.offset + k] else {
        unreachable!()
    };
    send(&mut app, [Action::Click(r.x + 5, r.y + 1 + k as u16)]);
    assert_eq!(app.focus, Pane::Timeline);
    assert_eq!(app.selected_event(), Some(want));
    let c = &app.case.event(want).citations[0];
    assert_eq!(app.source.highlight.as_ref(), Some(&c.range));

    // A header row: focus, but the selection stays.
    let hdr = (0..r.height as usize - 2)
        .find(|&k| {
            !matches!(
                app.timeline_rows[app.timeline.offset + k],
                TimelineRow::Event(_)
            )
        })
        .unwrap();
    send(&mut app, [Action::Click(r.x + 5, r.y + 1 + hdr as u16)]);
    assert_eq!(app.selected_event(), Some(want));
    // The border: nothing moves.
    send(&mut app, [Action::Click(r.x + 5, r.y)]);
    assert_eq!(app.selected_event(), Some(want));
}

#[test]
fn clicking_an_entity_row_selects_it_and_clicks_elsewhere_focus() {
    let mut app = board();
    let r = app.layout.entities.unwrap();
    let k = 3;
    let EntityRow::Entity(want) = app.entity_rows[app.entities.offset + k] else {
        panic!("row 3 is an entity")
    };
    send(&mut app, [Action::Click(r.x + 3, r.y + 1 + k as u16)]);
    assert_eq!(app.focus, Pane::Entities);
    assert_eq!(app.selected_entity(), Some(want));
    // Enter after a click follows the clicked entity.
    send(&mut app, [Action::Follow]);
    assert_eq!(app.filter, Filter::Entity(want));

    let s = app.layout.source.unwrap();
    send(&mut app, [Action::Click(s.x + 2, s.y + 3)]);
    assert_eq!(app.focus, Pane::Source);
    assert_eq!(app.source.cursor, app.source.offset + 2);
    let d = app.layout.detail.unwrap();
    send(&mut app, [Action::Click(d.x + 2, d.y + 1)]);
    assert_eq!(app.focus, Pane::Detail);
    // Off every pane (the status line): nothing happens.
    let before = view(&app);
    send(&mut app, [Action::Click(0, 39)]);
    assert_eq!(view(&app), before);
}

#[test]
fn clicking_a_tab_focuses_that_pane() {
    let mut app = board_sized(80, 24);
    let tabs = app.layout.tabs.expect("tabs at 80x24");
    let quarter = tabs.width / 4;
    send(&mut app, [Action::Click(tabs.x + quarter + 1, tabs.y)]);
    assert_eq!(app.focus, Pane::Entities);
    assert!(app.layout.entities.is_some());
    send(&mut app, [Action::Click(tabs.x + 1, tabs.y)]);
    assert_eq!(app.focus, Pane::Timeline);
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer_without_moving_focus() {
    let mut app = board();
    send(&mut app, [Action::Top]);
    let start = app.timeline.row;
    let r = app.layout.timeline.unwrap();
    send(&mut app, [Action::Focus(Pane::Entities)]);
    send(&mut app, [Action::Scroll(r.x + 2, r.y + 3, 1)]);
    assert_eq!(app.focus, Pane::Entities, "scrolling does not take focus");
    assert!(app.timeline.row >= start + 3);
    assert_timeline_sane(&app);
    let after_down = app.timeline.row;
    send(&mut app, [Action::Scroll(r.x + 2, r.y + 3, -1)]);
    assert!(app.timeline.row < after_down);
    assert_timeline_sane(&app);

    let e = app.layout.entities.unwrap();
    let before = app.entities.row;
    send(&mut app, [Action::Scroll(e.x + 2, e.y + 3, 1)]);
    assert!(app.entities.row > before);
    let s = app.layout.source.unwrap();
    send(&mut app, [Action::Focus(Pane::Timeline)]);
    let c = app.source.cursor;
    send(&mut app, [Action::Scroll(s.x + 2, s.y + 3, 1)]);
    assert_eq!(app.source.cursor, c + 3);
    assert_eq!(app.focus, Pane::Timeline);
}

// ---- sizes -------------------------------------------------------------------------------------

fn every_action(app: &App) -> Vec<Action> {
    let (w, h) = app.size;
    vec![
        Action::Down,
        Action::Up,
        Action::PageDown,
        Action::HalfPageDown,
        Action::PageUp,
        Action::HalfPageUp,
        Action::Bottom,
        Action::Top,
        Action::NextPane,
        Action::PrevPane,
        Action::PaneLeft,
        Action::PaneRight,
        Action::Focus(Pane::Timeline),
        Action::Follow,
        Action::NextCitation,
        Action::PrevCitation,
        Action::NextAnchor,
        Action::Follow,
        Action::PrevAnchor,
        Action::Follow,
        Action::Back,
        Action::Forward,
        Action::Focus(Pane::Entities),
        Action::Down,
        Action::Follow,
        Action::Focus(Pane::Detail),
        Action::Bottom,
        Action::Follow,
        Action::Escape,
        Action::Focus(Pane::Source),
        Action::PageDown,
        Action::Follow,
        Action::Click(0, 0),
        Action::Click(w / 2, h / 2),
        Action::Click(w.saturating_sub(1), h.saturating_sub(1)),
        Action::Scroll(w / 2, h / 2, 1),
        Action::Scroll(0, 1, -1),
        Action::Help,
        Action::Down,
        Action::Escape,
        Action::Back,
        Action::Back,
        Action::Back,
    ]
}

#[test]
fn tiny_and_odd_sizes_then_navigation_do_not_panic() {
    let sizes = [
        (0, 0),
        (1, 1),
        (0, 40),
        (120, 0),
        (2, 3),
        (10, 5),
        (20, 3),
        (59, 11),
        (60, 12),
        (119, 15),
        (120, 16),
        (80, 24),
        (300, 100),
    ];
    for (w, h) in sizes {
        let mut app = board();
        send(&mut app, [Action::Resize(w, h)]);
        for a in every_action(&app) {
            app.update(a, now());
        }
        // Shrinking after navigating, then growing back, keeps the state consistent.
        send(
            &mut app,
            [Action::Resize(w / 2, h / 2), Action::Resize(120, 40)],
        );
        assert!(app.source.cursor < app.source.lines.len().max(1));
        assert!(app.timeline.row < app.timeline_rows.len());
        assert!(matches!(
            app.timeline_rows[app.timeline.row],
            TimelineRow::Event(_)
        ));
        for a in every_action(&app) {
            app.update(a, now());
        }
    }
}

#[test]
fn a_passage_stays_highlighted_and_visible_across_resizes() {
    let mut app = board();
    let ev = event(&app, "wsj-reports-outreach-during-contract-talks");
    walk_to_event(&mut app, ev);
    send(&mut app, [Action::Follow]);
    let range = app.case.event(ev).citations[0].range.clone();
    for (w, h) in [(80, 24), (200, 60), (60, 12), (120, 40)] {
        send(&mut app, [Action::Resize(w, h)]);
        assert_eq!(app.source.highlight.as_ref(), Some(&range), "{w}x{h}");
        assert_eq!(
            app.source.cursor,
            app.source.line_of(range.start),
            "{w}x{h}"
        );
        assert_source_cursor_visible(&app);
    }
}

#[test]
fn a_source_cursor_moved_by_the_user_survives_focus_changes_and_resizes() {
    let mut app = board();
    let ev = event(&app, "wsj-reports-outreach-during-contract-talks");
    walk_to_event(&mut app, ev);
    send(&mut app, [Action::Follow]);
    let passage_line = app.source.cursor;
    send(&mut app, (0..6).map(|_| Action::Down));
    let moved = app.source.cursor;
    assert_eq!(moved, passage_line + 6);
    let at = app.source.lines[moved].start;
    for a in [
        Action::Focus(Pane::Timeline),
        Action::NextPane,
        Action::Focus(Pane::Source),
    ] {
        send(&mut app, [a.clone()]);
        assert_eq!(app.source.cursor, moved, "{a:?} moved the source cursor");
    }
    // After a resize the cursor stays on the same text.
    send(&mut app, [Action::Resize(80, 24)]);
    let line = app.source.lines[app.source.cursor].clone();
    assert!(
        line.start <= at && at <= line.end.max(line.start + 1),
        "{line:?} vs {at}"
    );
    assert_source_cursor_visible(&app);
}

// ---- source wrapping -------------------------------------------------------------------------

#[test]
fn wrapping_a_word_that_fills_the_line_before_a_space() {
    use caseboard::app::source::wrap;
    let text = "Skip to content";
    let lines: Vec<&str> = wrap(text, 4).into_iter().map(|r| &text[r]).collect();
    assert_eq!(lines, ["Skip", "to", "cont", "ent"]);
    let text = "abc de";
    let lines: Vec<&str> = wrap(text, 3).into_iter().map(|r| &text[r]).collect();
    assert_eq!(lines, ["abc", "de"]);
}

#[test]
fn every_bundled_source_wraps_at_every_width() {
    use caseboard::app::source::wrap;
    use unicode_width::UnicodeWidthStr;
    let app = board();
    for src in &app.case.sources {
        let text = src.text.as_str();
        for width in 1..=90 {
            let lines = wrap(text, width);
            let mut covered = vec![false; text.len()];
            for (k, r) in lines.iter().enumerate() {
                assert!(r.start <= r.end && r.end <= text.len());
                assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                if k > 0 {
                    assert!(lines[k - 1].end <= r.start, "{} w={width}: overlap", src.id);
                }
                let line = &text[r.clone()];
                assert!(
                    line.width() <= width || line.chars().count() == 1,
                    "{} w={width}: {line:?} is too wide",
                    src.id
                );
                covered[r.clone()].iter_mut().for_each(|c| *c = true);
            }
            // Only spaces and line ends may fall between lines.
            for (i, c) in text.char_indices() {
                assert!(
                    covered[i] || c == ' ' || c == '\n' || c == '\r',
                    "{} w={width}: {c:?} at {i} dropped",
                    src.id
                );
            }
        }
    }
}

// ---- help ----------------------------------------------------------------------------------

#[test]
fn help_opens_scrolls_and_any_other_key_closes_it() {
    let mut app = board();
    send(&mut app, [Action::Help]);
    assert_eq!(app.modal, Modal::Help(0));
    send(&mut app, [Action::Down, Action::Down, Action::Up]);
    assert_eq!(app.modal, Modal::Help(1), "j/k scroll the help");
    send(&mut app, [Action::PageDown]);
    assert_eq!(app.modal, Modal::Help(11));
    send(&mut app, [Action::PageUp, Action::PageUp]);
    assert_eq!(app.modal, Modal::Help(0));
    send(&mut app, [Action::Resize(80, 24)]);
    assert_eq!(app.modal, Modal::Help(0), "a resize keeps the help open");
    send(&mut app, [Action::Resize(120, 40)]);
    assert_eq!(app.modal, Modal::Help(0));
    let before = view(&app);

    // The closing key is swallowed: it does not also act on the board.
    send(&mut app, [Action::Focus(Pane::Source)]);
    assert_eq!(app.modal, Modal::None);
    assert_eq!(view(&app), before);

    for closer in [
        Action::Escape,
        Action::Help,
        Action::Follow,
        Action::NextPane,
    ] {
        send(&mut app, [Action::Help]);
        assert_eq!(app.modal, Modal::Help(0));
        send(&mut app, [closer.clone()]);
        assert_eq!(app.modal, Modal::None, "{closer:?} closes the help");
        assert_eq!(view(&app), before, "{closer:?} only closed the help");
    }

    // q still quits from the help.
    send(&mut app, [Action::Help]);
    assert_eq!(app.update(Action::Quit, now()), Some(Effect::Quit));
}

#[test]
fn quit_asks_the_loop_to_quit() {
    let mut app = board();
    assert_eq!(app.update(Action::Quit, now()), Some(Effect::Quit));
}

// ---- keys → actions ------------------------------------------------------------------------

fn key(code: KeyCode, mods: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, mods))
}

#[test]
fn default_keys_reach_the_actions_through_the_dispatcher() {
    use caseboard::tui::action_for;
    let app = board();
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    let cases = [
        (key(KeyCode::Char('j'), none), Action::Down),
        (key(KeyCode::Down, none), Action::Down),
        (key(KeyCode::Char('k'), none), Action::Up),
        (key(KeyCode::Char('g'), none), Action::Top),
        (key(KeyCode::Char('G'), KeyModifiers::SHIFT), Action::Bottom),
        (key(KeyCode::Char('G'), none), Action::Bottom),
        (key(KeyCode::Char('d'), ctrl), Action::HalfPageDown),
        (key(KeyCode::Char('u'), ctrl), Action::HalfPageUp),
        (key(KeyCode::PageDown, none), Action::PageDown),
        (key(KeyCode::Tab, none), Action::NextPane),
        (key(KeyCode::BackTab, KeyModifiers::SHIFT), Action::PrevPane),
        (key(KeyCode::Char('h'), none), Action::PaneLeft),
        (key(KeyCode::Char('l'), none), Action::PaneRight),
        (key(KeyCode::Char('1'), none), Action::Focus(Pane::Timeline)),
        (key(KeyCode::Char('2'), none), Action::Focus(Pane::Entities)),
        (key(KeyCode::Char('3'), none), Action::Focus(Pane::Source)),
        (key(KeyCode::Char('4'), none), Action::Focus(Pane::Detail)),
        (key(KeyCode::Enter, none), Action::Follow),
        (key(KeyCode::Char('o'), ctrl), Action::Back),
        (key(KeyCode::Backspace, none), Action::Back),
        (
            key(KeyCode::Char('L'), KeyModifiers::SHIFT),
            Action::Forward,
        ),
        (key(KeyCode::Char(']'), none), Action::NextCitation),
        (key(KeyCode::Char('['), none), Action::PrevCitation),
        (key(KeyCode::Char('}'), none), Action::NextAnchor),
        (key(KeyCode::Char('{'), none), Action::PrevAnchor),
        (key(KeyCode::Esc, none), Action::Escape),
        (key(KeyCode::Char('?'), none), Action::Help),
        (key(KeyCode::F(1), none), Action::Help),
        (key(KeyCode::Char('q'), none), Action::Quit),
        (key(KeyCode::Char('c'), ctrl), Action::Quit),
    ];
    for (ev, want) in cases {
        assert_eq!(action_for(&app, &ev), Some(want.clone()), "{ev:?}");
    }
    // Releases and repeats from enhanced keyboards are not presses.
    let release = Event::Key(KeyEvent::new_with_kind(
        KeyCode::Char('j'),
        none,
        KeyEventKind::Release,
    ));
    assert_eq!(action_for(&app, &release), None);
    assert_eq!(action_for(&app, &key(KeyCode::Char('Z'), none)), None);
    assert_eq!(
        action_for(&app, &Event::Resize(90, 30)),
        Some(Action::Resize(90, 30))
    );
}

#[test]
fn an_unbound_key_closes_the_help_too() {
    use caseboard::tui::action_for;
    let mut app = board();
    let x = key(KeyCode::Char('x'), KeyModifiers::NONE);
    assert_eq!(action_for(&app, &x), None, "x is not bound on the board");
    send(&mut app, [Action::Help]);
    let a = action_for(&app, &x).expect("with the help open, x does something");
    send(&mut app, [a]);
    assert_eq!(app.modal, Modal::None, "the help says any key closes it");
}

#[test]
fn next_anchor_from_a_list_in_a_narrow_terminal_shows_the_source() {
    let mut app = board_sized(50, 20);
    assert!(app.layout.source.is_none(), "one pane at a time");
    send(&mut app, [Action::NextAnchor]);
    assert_eq!(app.focus, Pane::Source);
    assert!(
        app.layout.source.is_some(),
        "the focused source pane is the one shown"
    );
    assert!(app.layout.timeline.is_none());
    assert_source_cursor_visible(&app);
}

#[test]
fn wrapped_lines_fit_the_pane_as_drawn_with_tabs_and_wide_characters() {
    use caseboard::app::source::wrap;
    use unicode_width::UnicodeWidthStr;
    // The source pane draws a tab as four spaces; CJK characters take two columns.
    for text in [
        "\tindented\tcolumns of text\there\n\t\tand more",
        "ab cd日本語 テキスト e日本f",
    ] {
        for width in 4..30 {
            for r in wrap(text, width) {
                let drawn = text[r].replace('\t', "    ");
                assert!(
                    drawn.width() <= width,
                    "w={width}: {drawn:?} is wider than the pane"
                );
            }
        }
    }
}

//! Following links: event → its first cited passage, citations across sources, entity →
//! its events, a detail item → its entity, passage or linked event, a passage → the events
//! citing it, a mention → its entity.

use super::*;

#[test]
fn following_an_event_shows_its_first_cited_passage() {
    let mut app = board(120, 40);
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
    let mut app = board(120, 40);
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
    let mut app = board(120, 40);
    // Cited six times by two sources.
    let ev = follow_event(&mut app, "trump-jr-wikileaks-exchanges");
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
        // The message says which source, and whether it changed.
        let id = &app.case.source(want.source).id;
        let said = notice(&app).expect("a message").to_string();
        let head = format!("citation {} of {n} · ", k % n + 1);
        if app.source.source != before {
            switched += 1;
            assert!(said.starts_with(&format!("{head}now in {id}: ")), "{said}");
        } else {
            assert_eq!(said, format!("{head}same source, {id}"));
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
    let mut app = board(120, 40);
    let ev = event(&app, "trump-jr-wikileaks-exchanges");
    walk_to_event(&mut app, ev);
    let items = app.detail_items();
    let k = items
        .iter()
        .rposition(|i| matches!(i, DetailItem::Citation(_)))
        .expect("a citation item");
    let DetailItem::Citation(c) = items[k] else {
        unreachable!()
    };
    walk_to_detail_item(&mut app, ev, k);
    send(&mut app, [Action::Follow]);
    let cit = &app.case.event(ev).citations[c];
    assert_eq!(app.focus, Pane::Source);
    assert_eq!(app.citation, c);
    assert_eq!(app.source.source, cit.source);
    assert_eq!(app.source.highlight.as_ref(), Some(&cit.range));
}

#[test]
fn following_an_entity_filters_the_timeline_and_escape_clears_it() {
    let mut app = board(120, 40);
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
    let mut app = board(120, 40);
    let ev = event(&app, "nix-denies-russia-work");
    walk_to_event(&mut app, ev);
    let nix = entity(&app, "alexander-nix");
    follow_entity(&mut app, nix);
    assert_eq!(app.filter, Filter::Entity(nix));
    assert_eq!(app.selected_event(), Some(ev));
}

#[test]
fn every_entity_filter_shows_exactly_its_events() {
    let mut app = board(120, 40);
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
        follow_entity(&mut app, ent);
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

#[test]
fn following_a_link_in_the_detail_selects_the_linked_event() {
    let mut app = board(120, 40);
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
        walk_to_detail_item(&mut app, ev, k);
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
    let mut app = board(120, 40);
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
    follow_entity(&mut app, ent);
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

#[test]
fn following_a_passage_cited_once_selects_that_event() {
    let mut app = board(120, 40);
    let start = follow_event(&mut app, "cambridge-analytica-approaches-assange-agency");
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
    let mut app = board(120, 40);
    // "Nix appeared to be referencing a June 12, 2016, article …" is cited by two events.
    follow_event(&mut app, "guardian-article-wikileaks-plans");
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
    let mut app = board(120, 40);
    follow_event(&mut app, "nix-acknowledges-wikileaks-outreach");
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
    let mut app = board(120, 40);
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

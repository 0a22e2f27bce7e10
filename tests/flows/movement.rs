//! Moving the cursor (rows, pages, top and bottom in every pane) and the focus (Tab,
//! Shift-Tab, digits, h and l).

use super::*;

#[test]
fn top_bottom_and_pages_clamp_on_event_rows_in_the_timeline() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = board(w, h);
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
    let mut app = board(120, 40);
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
    let mut app = board(120, 40);

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

#[test]
fn tab_backtab_and_digits_move_focus() {
    let mut app = board(120, 40);
    assert_eq!(app.focus, Pane::Timeline);
    let order = [
        Pane::Entities,
        Pane::Source,
        Pane::Detail,
        Pane::Sources,
        Pane::Timeline,
    ];
    for p in order {
        send(&mut app, [Action::NextPane]);
        assert_eq!(app.focus, p);
    }
    for p in [
        Pane::Sources,
        Pane::Detail,
        Pane::Source,
        Pane::Entities,
        Pane::Timeline,
    ] {
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
    let mut app = board(120, 40);
    send(&mut app, [Action::PaneRight]);
    assert_eq!(app.focus, Pane::Entities);
    send(&mut app, [Action::PaneRight]);
    assert_eq!(app.focus, Pane::Source);
    send(&mut app, [Action::PaneLeft]);
    assert_eq!(app.focus, Pane::Entities);
    send(&mut app, [Action::PaneLeft]);
    assert_eq!(app.focus, Pane::Timeline, "the pane level with the middle");
    // Detail's right: the Sources list below the Entities, level with it.
    send(&mut app, [Action::Focus(Pane::Detail), Action::PaneRight]);
    assert_eq!(app.focus, Pane::Sources);
    send(&mut app, [Action::PaneRight]);
    assert_eq!(app.focus, Pane::Source);

    // Medium: list (over Detail) | Source.
    let mut app = board(80, 24);
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
    let mut app = board(50, 20);
    send(&mut app, [Action::PaneRight]);
    assert_eq!(app.focus, Pane::Entities);
    assert!(app.layout.entities.is_some() && app.layout.timeline.is_none());
    send(&mut app, [Action::PaneLeft, Action::PaneLeft]);
    assert_eq!(app.focus, Pane::Sources, "Tab order goes round");
    assert!(app.layout.sources.is_some() && app.layout.source.is_none());
    send(&mut app, [Action::PaneLeft]);
    assert_eq!(app.focus, Pane::Detail);
    assert!(app.layout.detail.is_some() && app.layout.source.is_none());
}

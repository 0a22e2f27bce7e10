//! The mouse: a click focuses and selects, the wheel scrolls the pane under it.

use super::*;

#[test]
fn clicking_a_timeline_row_selects_that_event() {
    let mut app = board(120, 40);
    send(&mut app, [Action::Focus(Pane::Source)]);
    let r = app.layout.timeline.unwrap();
    // Content row k is drawn at y = r.y + 1 + strip + k, below the time strip.
    let strip = app.layout.strip_height() as u16;
    assert_eq!(strip, 2, "the time strip at 120x40");
    let rows = app.layout.inner_height(Pane::Timeline);
    let k = (0..rows)
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
    send(
        &mut app,
        [Action::Click(r.x + 5, r.y + 1 + strip + k as u16)],
    );
    assert_eq!(app.focus, Pane::Timeline);
    assert_eq!(app.selected_event(), Some(want));
    let c = &app.case.event(want).citations[0];
    assert_eq!(app.source.highlight.as_ref(), Some(&c.range));

    // A header row: focus, but the selection stays.
    let hdr = (0..rows)
        .find(|&k| {
            !matches!(
                app.timeline_rows[app.timeline.offset + k],
                TimelineRow::Event(_)
            )
        })
        .unwrap();
    send(
        &mut app,
        [Action::Click(r.x + 5, r.y + 1 + strip + hdr as u16)],
    );
    assert_eq!(app.selected_event(), Some(want));
    // The border: nothing moves.
    send(&mut app, [Action::Click(r.x + 5, r.y)]);
    assert_eq!(app.selected_event(), Some(want));
}

#[test]
fn clicking_an_entity_row_selects_it_and_clicks_elsewhere_focus() {
    let mut app = board(120, 40);
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
    let mut app = board(80, 24);
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
    let mut app = board(120, 40);
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

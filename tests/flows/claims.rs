//! Where each claim stands (`S`, issue 19): a source's three sets, each what the timeline
//! filter of the same name shows; Enter on one is that filter (breadcrumb, Esc, Back).

use super::*;
use caseboard::app::FilterSet;
use caseboard::views::ClaimSet;

fn claims(app: &App) -> &caseboard::app::Claims {
    match &app.modal {
        Modal::Claims(c) => c,
        other => panic!("the claims view is open: {other:?}"),
    }
}

/// The events the timeline shows, top to bottom.
fn shown(app: &App) -> Vec<EventIx> {
    app.timeline_rows
        .iter()
        .filter_map(|r| match r {
            TimelineRow::Event(ev) => Some(*ev),
            _ => None,
        })
        .collect()
}

#[test]
fn each_cell_is_the_filter_it_opens() {
    let mut app = board(120, 40);
    send(&mut app, [Action::Claims]);
    let n_sources = app.case.sources.len();
    assert_eq!(claims(&app).list.len(), n_sources);
    for row in 0..n_sources {
        for (k, column) in ClaimSet::ALL.into_iter().enumerate() {
            let mut app = board(120, 40);
            send(&mut app, [Action::Claims, Action::Top]);
            send(&mut app, std::iter::repeat_n(Action::Down, row));
            send(&mut app, [Action::PaneLeft, Action::PaneLeft]);
            send(&mut app, std::iter::repeat_n(Action::PaneRight, k));
            let c = claims(&app);
            assert_eq!((c.row, c.column), (row, column));
            let want = c.events().to_vec();
            let source = c.list[row].source;
            send(&mut app, [Action::Follow]);
            if want.is_empty() {
                // Nothing to show: it says so and stays open.
                assert!(matches!(app.modal, Modal::Claims(_)));
                let msg = app.message.clone().unwrap();
                assert!(
                    msg.error && msg.text.starts_with("no event of “"),
                    "{}",
                    msg.text
                );
                continue;
            }
            assert!(matches!(app.modal, Modal::None));
            let set = FilterSet {
                source: Some(source),
                single_source: column == ClaimSet::Only,
                corroborated: column == ClaimSet::Corroborated,
                contradicts: column == ClaimSet::Contradicted,
                ..FilterSet::default()
            };
            assert_eq!(app.filter, Filter::Set(set));
            assert_eq!(shown(&app), want, "the cell's events, in timeline order");
            assert_eq!(app.selected_event(), Some(want[0]));
            assert_eq!(app.focus, Pane::Timeline);
        }
    }
}

#[test]
fn from_the_source_in_view_to_its_contradictions_and_back() {
    let mut app = board(120, 40);
    let before = app.selected_event();
    // The board opens on the Post: the view starts on it, on its events alone.
    send(&mut app, [Action::Claims]);
    let c = claims(&app);
    assert_eq!(app.case.source(c.list[c.row].source).id, "post");
    assert_eq!(c.column, ClaimSet::Only);
    send(
        &mut app,
        [Action::PaneRight, Action::PaneRight, Action::PaneRight],
    );
    assert_eq!(
        claims(&app).column,
        ClaimSet::Contradicted,
        "stops at the last"
    );
    let n = claims(&app).events().len();
    send(&mut app, [Action::Follow]);
    assert_eq!(app.timeline_event_count(), n);
    let msg = app.message.clone().unwrap().text;
    assert_eq!(
        msg,
        format!("filter: source post · in a contradiction — {n} events (Esc clears)")
    );
    // Back: the board as it was, no filter.
    send(&mut app, [Action::Back]);
    assert_eq!(app.filter, Filter::All);
    assert_eq!(app.selected_event(), before);
    // Esc closes the view and changes nothing.
    send(&mut app, [Action::Claims, Action::Escape]);
    assert!(matches!(app.modal, Modal::None));
    assert_eq!(app.filter, Filter::All);
}

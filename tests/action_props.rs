//! Property: any sequence of actions, at any terminal size, leaves the board in a
//! consistent state (cursors on selectable rows, positions inside their lists, the
//! highlight on the selected event's citation) and draws without panicking.

mod common;

use caseboard::action::{Action, Pane};
use caseboard::app::{App, EntityRow, History, TimelineRow};
use caseboard::keymap::Keymap;
use caseboard::ui;
use common::view::view;
use common::{bundled_case, now};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// 128 cases by default; set PROPTEST_CASES for a longer hunt.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(128);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

fn pane() -> impl Strategy<Value = Pane> {
    prop_oneof![
        Just(Pane::Timeline),
        Just(Pane::Entities),
        Just(Pane::Source),
        Just(Pane::Detail)
    ]
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        4 => Just(Action::Down),
        2 => Just(Action::Up),
        1 => Just(Action::PageDown),
        1 => Just(Action::PageUp),
        1 => Just(Action::HalfPageDown),
        1 => Just(Action::HalfPageUp),
        1 => Just(Action::Top),
        1 => Just(Action::Bottom),
        1 => Just(Action::NextPane),
        1 => Just(Action::PrevPane),
        1 => Just(Action::PaneLeft),
        1 => Just(Action::PaneRight),
        2 => pane().prop_map(Action::Focus),
        4 => Just(Action::Follow),
        2 => Just(Action::Back),
        1 => Just(Action::Forward),
        1 => Just(Action::NextCitation),
        1 => Just(Action::PrevCitation),
        2 => Just(Action::NextAnchor),
        1 => Just(Action::PrevAnchor),
        1 => Just(Action::Escape),
        1 => Just(Action::Help),
        1 => (0u16..130, 0u16..45).prop_map(|(x, y)| Action::Click(x, y)),
        1 => (0u16..130, 0u16..45, prop_oneof![Just(-1i8), Just(1i8)])
            .prop_map(|(x, y, d)| Action::Scroll(x, y, d)),
        1 => size().prop_map(|(w, h)| Action::Resize(w, h)),
    ]
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        Just((120, 40)),
        Just((80, 24)),
        Just((50, 20)),
        (0u16..140, 0u16..50),
    ]
}

/// The invariants that hold after every action.
fn check(app: &App) -> Result<(), TestCaseError> {
    let rows = &app.timeline_rows;
    if !rows.is_empty() {
        prop_assert!(app.timeline.row < rows.len());
        prop_assert!(
            matches!(rows[app.timeline.row], TimelineRow::Event(_)),
            "timeline cursor on a header"
        );
        // With the pane shown, the selected row is in view (hidden, it may lag until shown).
        let h = app.layout.inner_height(Pane::Timeline);
        if h > 0 {
            prop_assert!(app.timeline.offset <= app.timeline.row);
            prop_assert!(
                app.timeline.row < app.timeline.offset + h,
                "selected event scrolled out of view"
            );
        }
    }
    prop_assert!(matches!(
        app.entity_rows[app.entities.row],
        EntityRow::Entity(_)
    ));
    let h = app.layout.inner_height(Pane::Entities);
    if h > 0 {
        prop_assert!(app.entities.offset <= app.entities.row);
        prop_assert!(app.entities.row < app.entities.offset + h);
    }
    let s = &app.source;
    let text = &app.case.source(s.source).text;
    let h = app.layout.inner_height(Pane::Source);
    if h > 0 && !s.lines.is_empty() {
        prop_assert!(
            s.offset <= s.cursor && s.cursor < s.offset + h,
            "source cursor {} outside rows {}..{}",
            s.cursor,
            s.offset,
            s.offset + h
        );
    }
    prop_assert!(s.cursor < s.lines.len().max(1));
    prop_assert!(s.offset < s.lines.len().max(1));
    if let Some(h) = &s.highlight {
        prop_assert!(h.end <= text.len());
    }
    if let Some(a) = s.anchor {
        prop_assert!(a < s.anchors.len());
    }
    // The source pane shows the selected event's current citation, or is where the user
    // moved it; either way a highlight belongs to a citation in this source.
    if let Some(h) = &s.highlight {
        prop_assert!(
            app.case.index.source_citations[s.source.get()]
                .iter()
                .any(|c| c.range == *h),
            "highlight is not a citation of the source shown"
        );
    }
    let items = app.detail_items().len();
    prop_assert!(items == 0 || app.detail.row < items);
    if let Some(ev) = app.selected_event() {
        prop_assert!(app.citation < app.case.event(ev).citations.len().max(1));
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_action_sequence_keeps_the_board_consistent(
        (w, h) in size(),
        actions in proptest::collection::vec(action(), 1..60),
    ) {
        let mut app = App::new(bundled_case(), Keymap::default());
        app.update(Action::Resize(w, h), now());
        check(&app)?;
        for a in actions {
            let effect = app.update(a.clone(), now());
            prop_assert_eq!(effect, None);
            check(&app)?;
        }
        let (w, h) = app.size;
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
        term.draw(|f| ui::render(&app, f)).expect("draw");
    }
}

proptest! {
    #![proptest_config(config())]

    /// From wherever the actions lead, one jump (Enter or Escape) followed by Back
    /// restores the view exactly, and Forward returns to where the jump went.
    #[test]
    fn back_undoes_any_jump_exactly(
        (w, h) in prop_oneof![Just((120u16, 40u16)), Just((80, 24)), Just((50, 20))],
        actions in proptest::collection::vec(action(), 0..40),
        jump in prop_oneof![4 => Just(Action::Follow), 1 => Just(Action::Escape)],
    ) {
        let mut app = App::new(bundled_case(), Keymap::default());
        app.update(Action::Resize(w, h), now());
        for a in actions {
            // Stay at the chosen size so the views compare line for line.
            if !matches!(a, Action::Resize(..)) {
                app.update(a, now());
            }
        }
        // Close the help if the actions left it open, then forget earlier jumps.
        app.update(Action::Escape, now());
        app.history = History::default();
        let before = view(&app);
        app.update(jump, now());
        if !app.history.can_go_back() {
            // Nothing to follow here (or no filter to clear): not a jump.
            prop_assert_eq!(view(&app), before);
            return Ok(());
        }
        let after = view(&app);
        app.update(Action::Back, now());
        prop_assert_eq!(view(&app), before);
        app.update(Action::Forward, now());
        prop_assert_eq!(view(&app), after);
    }
}

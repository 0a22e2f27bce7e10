//! Screens of building a case on the board, as insta snapshots at 120x40 and 80x24: a
//! passage selected in the source, the capture form with its date suggestions, the
//! finder picking the event to link to, the link's kind, and the delete question; and
//! the selection drawn in its own style.

mod common;

use caseboard::action::{Action, Pane};
use caseboard::app::App;
use caseboard::case::SourceIx;
use common::edit::{authoring_case, drag_select, draw, drive, editing_board, screen, typed};
use ratatui::style::Color;

const SIZES: [(u16, u16); 2] = [(120, 40), (80, 24)];
const PASSAGE: &str = "Two days later, residents gathered outside city hall to protest.";

/// A case with one event (the vote) captured, and the board at `w`x`h`.
fn board_with_an_event(w: u16, h: u16) -> (tempfile::TempDir, App) {
    let (dir, json) = authoring_case();
    let mut app = editing_board(&json, w, h);
    drag_select(
        &mut app,
        SourceIx(0),
        "On Monday, the city council of Port Ellis voted 5 to 2",
    );
    drive(&mut app, [Action::Capture]);
    drive(&mut app, typed("Council votes to close the ferry terminal"));
    drive(&mut app, [Action::Submit]);
    (dir, app)
}

#[test]
fn a_selected_passage() {
    for (w, h) in SIZES {
        let (_dir, mut app) = board_with_an_event(w, h);
        drag_select(&mut app, SourceIx(0), PASSAGE);
        insta::assert_snapshot!(format!("selection_{w}x{h}"), screen(&app));
    }
}

#[test]
fn the_selection_is_drawn_in_its_style() {
    let (_dir, mut app) = board_with_an_event(120, 40);
    drag_select(&mut app, SourceIx(0), PASSAGE);
    let buf = draw(&app);
    let r = app.layout.rect(Pane::Source).unwrap();
    let mut selected = String::new();
    for y in r.y..r.y + r.height {
        for x in r.x..r.x + r.width {
            if buf[(x, y)].bg == Color::LightGreen {
                selected.push_str(buf[(x, y)].symbol());
            }
        }
        selected.push(' ');
    }
    // Spaces at the wrap points are not drawn, so compare the words.
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(words(&selected), words(PASSAGE));
}

#[test]
fn the_capture_form_with_date_suggestions() {
    for (w, h) in SIZES {
        let (_dir, mut app) = board_with_an_event(w, h);
        drag_select(&mut app, SourceIx(0), PASSAGE);
        drive(&mut app, [Action::Capture]);
        drive(&mut app, typed("Residents protest at city hall"));
        drive(&mut app, [Action::PrevField]);
        insta::assert_snapshot!(format!("capture_form_{w}x{h}"), screen(&app));
    }
}

#[test]
fn the_link_picker_and_the_link_kind() {
    for (w, h) in SIZES {
        let (_dir, mut app) = board_with_an_event(w, h);
        drag_select(&mut app, SourceIx(0), PASSAGE);
        drive(&mut app, [Action::Capture]);
        drive(&mut app, typed("Residents protest at city hall"));
        drive(&mut app, [Action::Submit, Action::Link]);
        drive(&mut app, typed("council"));
        // The search's time is not part of what is compared.
        if let caseboard::app::Modal::Finder(f) = &mut app.modal {
            f.elapsed_ms = 1.0;
        }
        insta::assert_snapshot!(format!("link_picker_{w}x{h}"), screen(&app));
        drive(&mut app, [Action::Follow]);
        insta::assert_snapshot!(format!("link_kind_{w}x{h}"), screen(&app));
    }
}

#[test]
fn the_delete_question() {
    for (w, h) in SIZES {
        let (_dir, mut app) = board_with_an_event(w, h);
        drive(&mut app, [Action::Focus(Pane::Timeline), Action::Delete]);
        insta::assert_snapshot!(format!("delete_question_{w}x{h}"), screen(&app));
    }
}

#[test]
fn a_refusal_too_long_for_the_status_line_is_shown_whole() {
    for (w, h) in SIZES {
        let (_dir, mut app) = board_with_an_event(w, h);
        // The source is cited by the event: deleting it is refused, naming the event.
        drive(
            &mut app,
            [Action::Focus(Pane::Source), Action::Delete, Action::Confirm],
        );
        let said = app.message.clone().expect("a message").text;
        assert!(
            said.contains("council-votes-to-close-the-ferry-terminal"),
            "{said}"
        );
        let s = screen(&app);
        let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
        let tail: String = said
            .split_whitespace()
            .rev()
            .take(3)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(flat.contains(&tail), "{tail:?} not on screen:\n{s}");
        insta::assert_snapshot!(format!("refusal_{w}x{h}"), s);
    }
}

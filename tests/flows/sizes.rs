//! Terminal sizes: tiny and odd ones, resizes with a passage shown, and wrapping the
//! source text to the pane.

use super::*;

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
        let mut app = board(120, 40);
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
    let mut app = board(120, 40);
    let ev = follow_event(&mut app, "wsj-reports-outreach-during-contract-talks");
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
    let mut app = board(120, 40);
    follow_event(&mut app, "wsj-reports-outreach-during-contract-talks");
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
    let app = board(120, 40);
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

//! Screens: the board drawn into ratatui's `TestBackend` and kept as insta text
//! snapshots at 120x40 (three columns) and 80x24 (tabs, one list beside the source),
//! plus style checks on the highlighted passage and a no-panic sweep over sizes.
//!
//! When the UI changes on purpose, review and accept the new screens
//! (`cargo insta review`, or `INSTA_UPDATE=always cargo test --test render` and read the diff).

mod common;

use caseboard::action::{Action, Pane};
use caseboard::app::App;
use caseboard::app::detail::{self, DetailLine};
use caseboard::case::EventIx;
use caseboard::ui;
use common::{board, send};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// Draws the board into a fresh `w`x`h` test terminal and returns its buffer.
fn draw(app: &App, w: u16, h: u16) -> Buffer {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    term.draw(|f| ui::render(app, f)).expect("draw");
    term.backend().buffer().clone()
}

/// The buffer as text: one line per row, trailing blanks trimmed.
fn text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut row = String::new();
        for x in area.left()..area.right() {
            row.push_str(buf[(x, y)].symbol());
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

fn screen(app: &App) -> String {
    text(&draw(app, app.size.0, app.size.1))
}

fn select_event(app: &mut App, id: &str) -> EventIx {
    let ev = app.case.event_by_id(id).expect("event id");
    send(app, [Action::Focus(Pane::Timeline), Action::Top]);
    for _ in 0..app.timeline_rows.len() {
        if app.selected_event() == Some(ev) {
            return ev;
        }
        send(app, [Action::Down]);
    }
    panic!("event {id} not reachable");
}

/// Entities pane → Alexander Nix → Enter: the timeline filtered to his events.
fn follow_nix(app: &mut App) {
    let nix = app.case.entity_by_id("alexander-nix").expect("Nix");
    send(app, [Action::Focus(Pane::Entities), Action::Top]);
    for _ in 0..app.entity_rows.len() {
        if app.selected_entity() == Some(nix) {
            break;
        }
        send(app, [Action::Down]);
    }
    assert_eq!(app.selected_entity(), Some(nix));
    send(app, [Action::Follow]);
}

const SIZES: [(u16, u16); 2] = [(120, 40), (80, 24)];

// ---- snapshots ---------------------------------------------------------------------------

#[test]
fn main_screen_on_start() {
    for (w, h) in SIZES {
        let app = board(w, h);
        let s = screen(&app);
        assert!(s.contains("1 Timeline (50)"), "{s}");
        insta::assert_snapshot!(format!("main_{w}x{h}"), s);
    }
}

#[test]
fn help_overlay() {
    for (w, h) in SIZES {
        let mut app = board(w, h);
        send(&mut app, [Action::Help]);
        let s = screen(&app);
        assert!(s.contains("Keys — any key closes"), "{s}");
        insta::assert_snapshot!(format!("help_{w}x{h}"), s);
    }
}

#[test]
fn timeline_filtered_to_an_entity() {
    for (w, h) in SIZES {
        let mut app = board(w, h);
        follow_nix(&mut app);
        let s = screen(&app);
        assert!(s.contains("Timeline › Alexander Nix (8)"), "{s}");
        assert!(s.contains("filter: events of Alexander Nix"), "{s}");
        insta::assert_snapshot!(format!("filtered_by_entity_{w}x{h}"), s);
    }
}

#[test]
fn highlighted_citation_after_following_an_event() {
    for (w, h) in SIZES {
        let mut app = board(w, h);
        select_event(&mut app, "cambridge-analytica-approaches-assange-agency");
        send(&mut app, [Action::Follow]);
        let s = screen(&app);
        insta::assert_snapshot!(format!("highlighted_citation_{w}x{h}"), s);
    }
}

#[test]
fn detail_focused_on_an_event_with_links() {
    for (w, h) in SIZES {
        let mut app = board(w, h);
        select_event(&mut app, "nix-acknowledges-wikileaks-outreach");
        send(&mut app, [Action::Focus(Pane::Detail), Action::Bottom]);
        let s = screen(&app);
        insta::assert_snapshot!(format!("detail_links_{w}x{h}"), s);
    }
}

#[test]
fn sources_pane_and_a_source_particulars() {
    for (w, h) in SIZES {
        let mut app = board(w, h);
        send(
            &mut app,
            [Action::Focus(Pane::Sources), Action::Down, Action::Down],
        );
        let s = screen(&app);
        // Everything the case says of the source, spelled out.
        for t in ["5 Sources (3)", "publisher", "on or after"] {
            assert!(s.contains(t), "{t} missing at {w}x{h}:\n{s}");
        }
        if w >= 120 {
            assert!(s.contains("byline Natalie Huet"), "{s}");
        }
        insta::assert_snapshot!(format!("sources_{w}x{h}"), s);
    }
}

#[test]
fn the_timeline_zoomed_shows_whole_titles_sources_and_tags() {
    for (w, h) in SIZES {
        let mut app = board(w, h);
        select_event(&mut app, "pence-denies-wikileaks-ties-on-fox-news");
        send(&mut app, [Action::Zoom]);
        let s = screen(&app);
        assert!(
            s.contains("Pence tells Fox News the campaign is not"),
            "{s}"
        );
        insta::assert_snapshot!(format!("timeline_zoomed_{w}x{h}"), s);
        send(&mut app, [Action::Zoom]);
        assert!(app.layout.source.is_some(), "z again: every pane");
    }
}

#[test]
fn a_narrow_board_gives_titles_the_room() {
    let mut app = board(60, 20);
    select_event(&mut app, "pence-denies-wikileaks-ties-on-fox-news");
    let s = screen(&app);
    insta::assert_snapshot!("narrow_60x20", s);
}

#[test]
fn combined_filters_in_the_breadcrumb() {
    use caseboard::action::Criterion;
    for (w, h) in SIZES {
        let mut app = board(w, h);
        follow_nix(&mut app);
        send(&mut app, [Action::ToggleFilter(Criterion::SingleSource)]);
        let s = screen(&app);
        let crumb = if w >= 120 {
            "Timeline › Alexander Nix · single-source"
        } else {
            "filter: Alexander Nix · single-source"
        };
        assert!(s.contains(crumb), "{s}");
        insta::assert_snapshot!(format!("filters_{w}x{h}"), s);
    }
}

#[test]
fn the_time_strip_along_and_filtered_to_a_period() {
    for (w, h) in SIZES {
        let mut app = board(w, h);
        // Along the strip to the third period with events, then only its events.
        send(&mut app, [Action::StripNext, Action::StripNext]);
        let at = app.strip_at().expect("a period");
        let label = app.strip.label(at);
        // Beside the bars the period is named in words, or as `:filter` writes it when
        // the room is short.
        let short = app.strip.edtf(at);
        let s = screen(&app);
        assert!(s.contains("▲"), "{s}");
        insta::assert_snapshot!(format!("strip_{w}x{h}"), s);
        send(&mut app, [Action::FilterPeriod]);
        let s = screen(&app);
        assert!(
            s.contains(&format!("{label}: ")) || (w < 120 && s.contains(&format!(" {short}: "))),
            "the strip names the period: {s}"
        );
        let crumb = if w >= 120 {
            format!("Timeline › {label}")
        } else {
            format!("filter: {label}")
        };
        assert!(s.contains(&crumb), "{s}");
        insta::assert_snapshot!(format!("strip_period_{w}x{h}"), s);
    }
}

#[test]
fn the_strip_marks_a_period_filter_longer_than_its_bars() {
    let mut app = board(120, 40);
    send(&mut app, [Action::CommandLine]);
    send(&mut app, "filter period:2016".chars().map(Action::Type));
    send(&mut app, [Action::Follow]);
    let s = screen(&app);
    assert!(s.contains("1 Timeline › 2016 ("), "{s}");
    // Months of 2016: ▲ under January (the period's start), ━ under the other eleven,
    // and nothing under 2017's.
    let marks = s.lines().nth(3).expect("the strip's second row");
    assert!(
        marks.contains(&format!("│▲{}  ", "━".repeat(11))),
        "{marks}"
    );
}

#[test]
fn connections_of_an_entity() {
    for (w, h) in SIZES {
        let mut app = board(w, h);
        send(
            &mut app,
            [Action::Focus(Pane::Entities), Action::Connections],
        );
        let s = screen(&app);
        assert!(s.contains("Connections of Donald Trump Jr."), "{s}");
        assert!(
            s.contains("Donald Trump Jr. and WikiLeaks: 12 shared events"),
            "{s}"
        );
        // The drawing: Trump Jr. in the middle, WikiLeaks (the closest) beside him.
        assert!(s.contains("── Donald Trump Jr. ── WikiLeaks (12)"), "{s}");
        insta::assert_snapshot!(format!("connections_{w}x{h}"), s);
    }
}

#[test]
fn where_each_claim_stands() {
    for (w, h) in SIZES {
        let mut app = board(w, h);
        send(&mut app, [Action::Claims]);
        let s = screen(&app);
        assert!(s.contains("Where each claim stands: 3 sources"), "{s}");
        // The Post (the source in view) and its events only it states, first.
        assert!(
            s.contains("17 events only in “Donald Trump Jr. communicated with WikiLeaks"),
            "{s}"
        );
        insta::assert_snapshot!(format!("claims_{w}x{h}"), s);
        send(
            &mut app,
            [Action::PaneRight, Action::PaneRight, Action::Down],
        );
        let s = screen(&app);
        assert!(
            s.contains("3 events in a contradiction, in “Trump Jr. was in contact with Wikileaks"),
            "{s}"
        );
        insta::assert_snapshot!(format!("claims_contradiction_{w}x{h}"), s);
    }
}

// ---- styles ------------------------------------------------------------------------------

/// Screen position of byte `at` of the current source's text, if it is on screen.
fn source_cell(app: &App, at: usize) -> Option<(u16, u16)> {
    let r = app.layout.source?;
    let v = &app.source;
    let line = v.line_of(at);
    if line < v.offset || line >= v.offset + app.layout.inner_height(Pane::Source) {
        return None;
    }
    let text = &app.case.source(v.source).text;
    let col = text[v.lines[line].start..at].width() as u16;
    Some((r.x + 1 + col, r.y + 1 + (line - v.offset) as u16))
}

#[test]
fn the_followed_passage_is_drawn_in_the_passage_style() {
    for (w, h) in SIZES {
        let mut app = board(w, h);
        let ev = select_event(&mut app, "cambridge-analytica-approaches-assange-agency");
        send(&mut app, [Action::Follow]);
        let buf = draw(&app, w, h);
        let range = app.case.event(ev).citations[0].range.clone();
        let text = app.case.source(app.source.source).text.clone();
        let passage = &text[range.clone()];

        // Every character of the first word carries the passage background.
        let first_word: Vec<(usize, char)> = passage
            .char_indices()
            .take_while(|(_, c)| !c.is_whitespace())
            .collect();
        assert!(!first_word.is_empty());
        for (i, c) in &first_word {
            let (x, y) = source_cell(&app, range.start + i).expect("passage start on screen");
            let cell = &buf[(x, y)];
            assert_eq!(cell.symbol(), c.to_string(), "{w}x{h} at ({x},{y})");
            assert_eq!(cell.bg, Color::Yellow, "{w}x{h}: {c:?} not highlighted");
        }
        // The character just before the passage (on the same line) is not highlighted.
        let line = app.source.lines[app.source.line_of(range.start)].clone();
        if range.start > line.start {
            let before = text[..range.start].char_indices().last().unwrap().0;
            let (x, y) = source_cell(&app, before).unwrap();
            assert_ne!(
                buf[(x, y)].bg,
                Color::Yellow,
                "{w}x{h}: highlight starts early"
            );
        }
        // Nor is anything after the passage's last character, where visible.
        let last = passage.char_indices().last().unwrap().0 + range.start;
        if let Some((x, y)) = source_cell(&app, last)
            && text[last..]
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace())
        {
            assert_eq!(buf[(x, y)].bg, Color::Yellow);
        }
        if range.end < text.len()
            && app.source.line_of(range.end) == app.source.line_of(last)
            && let Some((x, y)) = source_cell(&app, range.end)
        {
            assert_ne!(buf[(x, y)].bg, Color::Yellow, "{w}x{h}: highlight runs on");
        }
        // And the source pane title names the source by its title.
        let src = app.case.source(app.source.source);
        assert!(text_of(&buf).contains(&format!("3 {}", &src.title[..6])));
    }
}

fn text_of(buf: &Buffer) -> String {
    text(buf)
}

#[test]
fn the_next_citation_moves_the_highlight_to_another_source() {
    let (w, h) = (120, 40);
    let mut app = board(w, h);
    let ev = select_event(&mut app, "trump-jr-wikileaks-exchanges");
    send(&mut app, [Action::Follow]);
    let cits: Vec<_> = app
        .case
        .event(ev)
        .citations
        .iter()
        .map(|c| (c.source, c.range.clone()))
        .collect();
    let k = cits
        .iter()
        .position(|c| c.0 != cits[0].0)
        .expect("a citation from a second source");
    send(&mut app, (0..k).map(|_| Action::NextCitation));
    let buf = draw(&app, w, h);
    let (x, y) = source_cell(&app, cits[k].1.start).expect("on screen");
    assert_eq!(buf[(x, y)].bg, Color::Yellow);
    let s = text(&buf);
    let src = app.case.source(cits[k].0);
    assert!(s.contains(&format!("3 {}", &src.title[..6])), "{s}");
    assert!(
        s.contains(&format!(
            "citation {} of {} · now in {}",
            k + 1,
            cits.len(),
            src.id
        )),
        "{s}"
    );
}

#[test]
fn the_focused_pane_and_selected_row_are_marked() {
    let (w, h) = (120, 40);
    let mut app = board(w, h);
    send(&mut app, [Action::Down]);
    let buf = draw(&app, w, h);
    let r = app.layout.timeline.unwrap();
    // The focused pane's border is cyan, the others' are not.
    assert_eq!(buf[(r.x, r.y)].fg, Color::Cyan);
    let e = app.layout.entities.unwrap();
    assert_ne!(buf[(e.x, e.y)].fg, Color::Cyan);
    // The selected event's row is reversed across the pane (below the time strip).
    let y = r.y
        + 1
        + app.layout.strip_height() as u16
        + (app.timeline.row - app.timeline.offset) as u16;
    for x in r.x + 1..r.x + r.width - 1 {
        assert!(
            buf[(x, y)]
                .modifier
                .contains(ratatui::style::Modifier::REVERSED),
            "({x},{y}) not in the selection bar"
        );
    }
}

// ---- no panics at any size ---------------------------------------------------------------------

fn sizes() -> Vec<(u16, u16)> {
    let mut ws: Vec<u16> = (1..=130).step_by(9).collect();
    ws.extend([2, 3, 4, 5, 59, 60, 61, 119, 120, 121]);
    let mut hs: Vec<u16> = (1..=45).step_by(5).collect();
    hs.extend([2, 3, 4, 11, 12, 15, 16, 17]);
    let mut out = Vec::new();
    for &w in &ws {
        for &h in &hs {
            out.push((w, h));
        }
    }
    out
}

#[test]
fn every_size_renders_without_panic() {
    let mut app = board(120, 40);
    select_event(&mut app, "trump-jr-wikileaks-exchanges");
    send(&mut app, [Action::Follow]);
    for (w, h) in sizes() {
        send(&mut app, [Action::Resize(w, h)]);
        let _ = draw(&app, w, h);
        for p in Pane::ALL {
            send(&mut app, [Action::Focus(p), Action::PageDown]);
            let _ = draw(&app, w, h);
        }
        send(&mut app, [Action::Help]);
        let s = screen(&app);
        if w >= 30 && h >= 8 {
            assert!(s.contains("Keys"), "help title missing at {w}x{h}:\n{s}");
        }
        send(&mut app, [Action::Bottom]);
        let _ = draw(&app, w, h);
        send(&mut app, [Action::Escape]);
    }
}

#[test]
fn every_size_renders_without_panic_with_a_filter_and_help() {
    let mut app = board(120, 40);
    follow_nix(&mut app);
    send(&mut app, [Action::Help]);
    for (w, h) in sizes() {
        send(&mut app, [Action::Resize(w, h)]);
        let _ = draw(&app, w, h);
    }
}

#[test]
fn a_frame_that_disagrees_with_the_last_resize_does_not_panic() {
    // The terminal can change size between the last Resize the board saw and the next
    // draw (ratatui resizes the frame to the terminal); the view must cope with either
    // a smaller or a larger frame than its layout.
    let mut app = board(120, 40);
    select_event(&mut app, "trump-jr-wikileaks-exchanges");
    send(&mut app, [Action::Follow]);
    for (w, h) in [(80, 24), (1, 1), (119, 39), (200, 60)] {
        let _ = draw(&app, w, h);
        send(&mut app, [Action::Help]);
        let _ = draw(&app, w, h);
        send(&mut app, [Action::Escape]);
    }
    let app = board(10, 5);
    let _ = draw(&app, 120, 40);
}

#[test]
fn each_layout_shows_its_panes() {
    // Wide: all four panes, no tabs.
    let app = board(120, 40);
    let s = screen(&app);
    // The Source pane is titled by the source's title, not its id.
    let shown = &app.case.source(app.source.source).title[..12];
    let source = format!("3 {shown}");
    for t in ["1 Timeline", "2 Entities", &source, "4 Detail", "5 Sources"] {
        assert!(s.contains(t), "{t} missing at 120x40:\n{s}");
    }
    assert!(
        s.lines()
            .next()
            .unwrap()
            .starts_with(" WikiLeaks, Cambridge"),
        "the case's title on top:\n{s}"
    );
    // Medium: the title, tabs, one list, the source.
    let s = screen(&board(80, 24));
    assert!(
        s.lines()
            .nth(1)
            .unwrap()
            .contains("1 Timeline   2 Entities"),
        "{s}"
    );
    assert!(s.contains(&source), "{s}");
    assert!(!s.contains("2 Entities (65)"), "{s}");
    // Narrow: tabs and the focused pane only.
    let s = screen(&board(50, 20));
    assert!(s.contains("1 Timeline (50)"), "{s}");
    assert!(!s.contains(&source), "{s}");
}

#[test]
fn clicking_a_tab_label_focuses_the_pane_it_names() {
    for (w, h) in [(80, 24), (50, 20), (100, 12)] {
        let mut app = board(w, h);
        let y = app.layout.tabs.expect("tabs").y;
        let n = Pane::ALL.len();
        for (i, p) in Pane::ALL.into_iter().enumerate() {
            let label = format!("{} {}", i + 1, p.title());
            // A tab cut at the right edge is clicked where it shows.
            if app
                .layout
                .tab(p)
                .is_none_or(|r| (r.width as usize) < label.width() + 2)
            {
                continue;
            }
            let row0 = screen(&app).lines().nth(y as usize).unwrap().to_string();
            let at = row0
                .find(&label)
                .unwrap_or_else(|| panic!("{label} not in the tabs row {row0:?}"));
            let x0 = row0[..at].width() as u16;
            for x in x0..x0 + label.width() as u16 {
                send(&mut app, [Action::Focus(Pane::ALL[(i + 1) % n])]);
                send(&mut app, [Action::Click(x, y)]);
                assert_eq!(app.focus, p, "{w}x{h}: click at column {x} on {label:?}");
            }
        }
    }
}

#[test]
fn clicking_a_detail_line_selects_the_item_drawn_there() {
    let (w, h) = (120, 40);
    let mut app = board(w, h);
    let d = app.layout.detail.unwrap();
    let (inner_w, inner_h) = (d.width as usize - 2, d.height as usize - 2);
    // An event whose items start on screen but whose last item needs scrolling.
    let timeline = app.case.index.timeline.clone();
    let (ev, line, item) = timeline
        .iter()
        .find_map(|&ev| {
            let id = app.case.event(ev).id.clone();
            select_event(&mut app, &id);
            let lines = detail::lines(&app, inner_w);
            let first = lines
                .iter()
                .take(inner_h)
                .enumerate()
                .find_map(|(line, l)| match l {
                    DetailLine::Item(k) => Some((line, *k)),
                    _ => None,
                })?;
            (lines.len() > inner_h).then_some((id, first.0, first.1))
        })
        .expect("an event whose detail needs scrolling");
    select_event(&mut app, &ev);
    // Leave the detail cursor on its last item, then look at the detail unfocused:
    // it is drawn from the top.
    send(&mut app, [Action::Focus(Pane::Detail), Action::Bottom]);
    let last = app.detail.row;
    assert_ne!(item, last);
    send(&mut app, [Action::Focus(Pane::Timeline)]);
    let y = d.y + 1 + line as u16;
    let before = text(&draw(&app, w, h));
    let clicked_text = before.lines().nth(y as usize).unwrap().to_string();
    send(&mut app, [Action::Click(d.x + 3, y)]);
    assert_eq!(app.focus, Pane::Detail);
    assert_eq!(
        app.detail.row, item,
        "the click on {clicked_text:?} picked another item"
    );
    // And the item selected is the one that was drawn there: focused, its line is
    // highlighted and reads as before.
    let buf = draw(&app, w, h);
    let after = text(&buf);
    assert_eq!(after.lines().nth(y as usize).unwrap(), clicked_text);
    assert!(
        buf[(d.x + 3, y)].modifier.contains(Modifier::REVERSED),
        "{clicked_text:?} is not the selected line"
    );
}

#[test]
fn the_status_line_never_drops_help_and_quit() {
    use caseboard::action::Criterion;
    for (w, h) in [(120, 40), (80, 24), (60, 20)] {
        let mut app = board(w, h);
        follow_nix(&mut app);
        send(
            &mut app,
            [
                Action::ToggleFilter(Criterion::SingleSource),
                Action::ToggleFilter(Criterion::Contradicts),
            ],
        );
        // With the filter's long message, then the filter in the status line.
        for _ in 0..2 {
            let s = screen(&app);
            let last = s.lines().last().unwrap();
            assert!(last.ends_with("? help  q quit"), "{w}x{h}: {last:?}");
            send(&mut app, [Action::Focus(Pane::Timeline)]);
        }
    }
}

#[test]
fn the_command_line_shows_what_tab_found_beside_it() {
    let mut app = board(120, 40);
    send(&mut app, [Action::CommandLine]);
    for c in "filter single ta".chars() {
        send(&mut app, [Action::Type(c)]);
    }
    send(&mut app, [Action::Complete]);
    let s = screen(&app);
    let last = s.lines().last().unwrap();
    assert!(
        last.starts_with(":filter single tag:   tag:allegation  tag:background"),
        "{last:?}"
    );
    // Nothing of the status line shows through.
    assert!(!last.contains("? help"), "{last:?}");
}

// ---- a hostile case --------------------------------------------------------------------

/// A case whose text holds controls, bidirectional overrides, zero-width and combining
/// characters, and emoji drawn wider than their characters add up to.
fn hostile_board(w: u16, h: u16) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("sources")).unwrap();
    let names = [
        "Plain Name",
        "Ze\u{200b}ro\u{200d}wi\u{301}dth\u{300}",
        "❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}",
    ];
    let entities: Vec<_> = names
        .iter()
        .enumerate()
        .map(|(i, n)| serde_json::json!({"id": format!("e{i}"), "name": n, "kind": "person"}))
        .collect();
    let json = serde_json::json!({
        "format": 1, "id": "hostile", "title": "Hostile \u{1b}]0;owned\u{7}",
        "sources": [{"id": "s\u{1b}[2J", "title": "Bell\u{7}title", "publisher": "P",
                     "file": "sources/a.txt"}],
        "entities": entities,
        "events": [{
            "id": "ev1", "date": "2016-01-03", "title": "Carriage\rreturn \u{202e}cod.exe",
            "summary": "Sum\u{1b}[31mmary\u{9b}",
            "entities": ["e0", "e1", "e2"],
            "citations": [{"source": "s\u{1b}[2J", "quote": "quoted\u{1b}c passage"}],
        }],
    });
    std::fs::write(dir.path().join("case.json"), json.to_string()).unwrap();
    std::fs::write(
        dir.path().join("sources/a.txt"),
        "Before the quoted\u{1b}c passage, a bell\u{7} and a\rcarriage return.\r\nNext line.\n",
    )
    .unwrap();
    let case = caseboard::case::load_path(dir.path())
        .expect("the hostile case loads")
        .case;
    let mut app = App::new(
        std::sync::Arc::new(case),
        caseboard::keymap::Keymap::default(),
    );
    app.update(Action::Resize(w, h), common::now());
    (app, dir)
}

/// No control and no bidirectional control reaches a cell; a removed control does not
/// glue words together; zero-width and combining characters and wide emoji do not move
/// the entities' counts out of their column.
#[test]
fn a_hostile_case_is_drawn_inert_and_in_columns() {
    for (w, h) in SIZES {
        let (mut app, _dir) = hostile_board(w, h);
        send(&mut app, [Action::Follow]);
        let buf = draw(&app, w, h);
        for cell in buf.content() {
            assert!(
                !cell.symbol().chars().any(|c| c.is_control()
                    || ('\u{202a}'..='\u{202e}').contains(&c)
                    || ('\u{2066}'..='\u{2069}').contains(&c)),
                "cell {:?} at {w}x{h}:\n{}",
                cell.symbol(),
                text(&buf)
            );
        }
        let s = text(&buf);
        assert!(
            s.contains("Carriage<U+000D>return <U+202E>cod"),
            "{w}x{h}:\n{s}"
        );
        assert!(s.contains("quoted<U+001B>c passage"), "{w}x{h}:\n{s}");
        assert!(s.contains("a<U+000D>carriage"), "{w}x{h}:\n{s}");
        assert!(
            !s.contains("return.<U+000D>"),
            "a Windows line end is a line end:\n{s}"
        );

        // The entities: their counts end in one column, whatever the names hold.
        send(&mut app, [Action::Focus(Pane::Entities)]);
        let buf = draw(&app, w, h);
        let ends: Vec<u16> = (0..h)
            .filter_map(|y| {
                let row: Vec<&str> = (0..w).map(|x| buf[(x, y)].symbol()).collect();
                let joined = row.concat();
                // The entities pane's rows, not the detail's "entity … (person)".
                let named =
                    joined.contains("Plain Name") || joined.contains("dth") || joined.contains("❤");
                (named && !joined.contains("(person)")).then(|| {
                    let digit = (0..w).rev().find(|&x| buf[(x, y)].symbol() == "1");
                    digit.unwrap_or_else(|| panic!("a count on the row:\n{}", text(&buf)))
                })
            })
            .collect();
        assert_eq!(ends.len(), 3, "{ends:?} {w}x{h}:\n{}", text(&buf));
        assert!(
            ends.iter().all(|&x| x == ends[0]),
            "counts at {ends:?}:\n{}",
            text(&buf)
        );
    }
}

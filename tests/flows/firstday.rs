//! A reporter's first day (issue 20): where things are placed, sources as first-class,
//! copying, zoom, the keys muscle memory reaches for, the command line and filters.

use super::*;
use caseboard::action::Criterion;
use caseboard::app::FilterSet;
use caseboard::case::date::Date;
use caseboard::keymap::Key;
use caseboard::tui::{Dispatcher, action_for};
use std::sync::Arc;

fn press(s: &str) -> Event {
    Event::Key(Key::parse(s).expect("a key").event())
}

/// The actions a run of keys gives through the dispatcher, applied as they come.
fn type_keys(app: &mut App, d: &mut Dispatcher, keys: &[&str]) -> Vec<Action> {
    let mut all = Vec::new();
    for k in keys {
        for a in d.actions(app, &press(k)) {
            all.push(a.clone());
            let _ = app.update(a, now());
        }
    }
    all
}

#[test]
fn an_open_start_event_sits_where_its_known_end_puts_it() {
    let app = board(120, 40);
    let events = shown_events(&app);
    let bannon = event(&app, "bannon-cambridge-analytica-vice-president");
    let e = app.case.event(bannon);
    assert!(matches!(e.date, Date::Interval(..)), "an open start");
    // Not first: after every 2016 event, among January 2017's.
    let at = events.iter().position(|&x| x == bannon).unwrap();
    assert!(at > 10, "placed by its bound, not first ({at})");
    for &before in &events[..at] {
        assert!(app.case.event(before).date.timeline_key() <= e.date.timeline_key());
    }
    let row = app
        .timeline_rows
        .iter()
        .position(|r| *r == TimelineRow::Event(bannon))
        .unwrap();
    let heading = app.timeline_rows[..row]
        .iter()
        .rev()
        .find(|r| !matches!(r, TimelineRow::Event(_)))
        .unwrap();
    assert_eq!(*heading, TimelineRow::Month(2017, 1));
}

#[test]
fn a_shown_passage_has_context_above_it() {
    // (At 50x20 the source pane is hidden while the timeline has focus: the passage is
    // placed for the height the pane has when shown.)
    for (w, h) in [(120, 40), (80, 24), (50, 20)] {
        let mut app = board(w, h);
        for id in [
            "pence-denies-wikileaks-ties-on-fox-news",
            "cambridge-analytica-approaches-assange-agency",
        ] {
            let ev = event(&app, id);
            walk_to_event(&mut app, ev);
            send(&mut app, [Action::Follow]);
            let s = &app.source;
            let text = &app.case.source(s.source).text;
            let third = app.layout.inner_height(Pane::Source) / 3;
            let para = s.paragraph_start(text, s.cursor);
            // From its paragraph's start, or a third of the pane down.
            assert!(
                s.offset == para || s.offset + third == s.cursor,
                "{w}x{h} {id}: offset {} cursor {} paragraph {para}",
                s.offset,
                s.cursor
            );
            if s.cursor > 0 && s.lines[s.cursor].start > 0 {
                assert!(
                    s.offset < s.cursor || s.offset == para,
                    "not on the top line"
                );
            }
            send(&mut app, [Action::Back]);
        }
    }
    // On opening, before any key (the board learns its size after it opened): the
    // same placement, here at the start of the passage's paragraph.
    let app = board(120, 40);
    let s = &app.source;
    let text = &app.case.source(s.source).text;
    assert_eq!(s.offset, s.paragraph_start(text, s.cursor));
    // Every event's passage, as Enter shows it: from its paragraph's start when that
    // is within a third of the pane above, else a third of the pane down.
    let mut app = board(120, 40);
    let third = app.layout.inner_height(Pane::Source) / 3;
    let (mut mid, mut far) = (0, 0);
    for ev in app.case.index.timeline.clone() {
        if app.case.event(ev).citations.is_empty() {
            continue;
        }
        walk_to_event(&mut app, ev);
        send(&mut app, [Action::Follow]);
        let s = &app.source;
        let text = &app.case.source(s.source).text;
        let para = s.paragraph_start(text, s.cursor);
        // (Near the end of the text the last page shows.)
        let last_page = s.lines.len() - app.layout.inner_height(Pane::Source);
        if s.cursor - para <= third {
            mid += usize::from(para < s.cursor);
            assert_eq!(s.offset, para.min(last_page), "{ev:?}");
        } else {
            far += 1;
            assert_eq!(s.offset, (s.cursor - third).min(last_page), "{ev:?}");
        }
        send(&mut app, [Action::Focus(Pane::Timeline)]);
    }
    assert!(mid > 0, "some passages start mid-paragraph ({far} far in)");
}

#[test]
fn the_sources_list_reads_a_source_and_names_it() {
    let mut app = board(120, 40);
    send(&mut app, [Action::Focus(Pane::Sources)]);
    assert_eq!(app.selected_source(), Some(SourceIx(0)));
    send(&mut app, [Action::Down, Action::Down, Action::Down]);
    assert_eq!(
        app.selected_source(),
        Some(SourceIx(2)),
        "stops at the last"
    );
    send(&mut app, [Action::Follow]);
    assert_eq!(app.focus, Pane::Source);
    assert_eq!(app.source.source, SourceIx(2));
    let said = notice(&app).unwrap();
    assert!(said.contains("Trump Jr. was in contact"), "{said}");
    assert!(!said.contains("not stated"), "{said}");
    send(&mut app, [Action::Back]);
    assert_eq!(app.focus, Pane::Sources);
    // The bundled sources have no URL: g x says so.
    assert_eq!(app.update(Action::OpenUrl, now()), None);
    assert!(notice(&app).unwrap().contains("has no URL"));
}

#[test]
fn g_x_hands_a_url_to_the_loop() {
    let mut app = App::new(
        Arc::new(common::small_case()),
        caseboard::keymap::Keymap::default(),
    );
    app.update(Action::Resize(120, 40), now());
    send(&mut app, [Action::Focus(Pane::Sources)]);
    assert_eq!(
        app.update(Action::OpenUrl, now()),
        Some(Effect::OpenUrl("https://example.com/globe?a=1&b=2".into()))
    );
}

/// `v` then `y`: what is marked, not the passage highlighted, and the selection ends
/// (as vim's `y` in visual mode).
#[test]
fn y_copies_a_selection_as_marked() {
    let mut app = board(120, 40);
    let pence = event(&app, "pence-denies-wikileaks-ties-on-fox-news");
    walk_to_event(&mut app, pence);
    send(&mut app, [Action::Follow, Action::Select]);
    send(
        &mut app,
        [
            Action::Extend(caseboard::action::Extend::WordNext),
            Action::Extend(caseboard::action::Extend::WordNext),
        ],
    );
    // `v` on the passage followed to takes it whole; two words more go past its end.
    let range = app.selected_range().expect("selected");
    let passage = app.case.event(pence).citations[0].range.clone();
    assert!(range.start == passage.start && range.end > passage.end);
    let marked = app.case.source(app.source.source).text[range].to_string();
    let marked = marked.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(Effect::Copy { text, what }) = app.update(Action::Copy, now()) else {
        panic!("y in a selection copies it");
    };
    assert_eq!(what, "the passage from post");
    assert!(
        text.starts_with(&format!("“{marked}”\n— “Donald Trump Jr.")),
        "{text}"
    );
    assert_eq!(app.selection, None, "the selection ends");
}

#[test]
fn y_copies_what_is_selected_with_its_citation() {
    let mut app = board(120, 40);
    let pence = event(&app, "pence-denies-wikileaks-ties-on-fox-news");
    walk_to_event(&mut app, pence);
    let Some(Effect::Copy { text, what }) = app.update(Action::Copy, now()) else {
        panic!("y asks the loop to copy");
    };
    assert_eq!(what, "the event and its passages");
    assert!(
        text.starts_with("12 October 2016: Pence tells Fox News"),
        "{text}"
    );
    assert!(
        text.contains("“During the campaign, Vice President Pence"),
        "{text}"
    );
    assert!(text.contains("— “Donald Trump Jr. communicated with WikiLeaks during 2016 campaign”, published on or after 13 November 2017 (uncertain)"), "{text}");
    assert!(!text.contains("not stated"), "{text}");

    send(&mut app, [Action::Follow]);
    let Some(Effect::Copy { text, what }) = app.update(Action::Copy, now()) else {
        panic!("y in the source");
    };
    assert_eq!(what, "the passage from post");
    let c = &app.case.event(pence).citations[0];
    let folded: String = app
        .case
        .passage(c)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(
        text,
        format!(
            "“{folded}”\n— “Donald Trump Jr. communicated with WikiLeaks during 2016 campaign”, published on or after 13 November 2017 (uncertain)"
        )
    );

    // In the detail area, the item under the cursor: here the event's citation.
    send(
        &mut app,
        [Action::Focus(Pane::Timeline), Action::Focus(Pane::Detail)],
    );
    let k = app
        .detail_items()
        .iter()
        .position(|i| matches!(i, DetailItem::Citation(_)))
        .unwrap();
    send(&mut app, (0..k).map(|_| Action::Down));
    let Some(Effect::Copy { text: detail, what }) = app.update(Action::Copy, now()) else {
        panic!("y in the detail area");
    };
    assert_eq!(what, "the passage from post");
    assert_eq!(detail, text, "the same quotation as from the source pane");

    send(&mut app, [Action::Focus(Pane::Entities)]);
    let Some(Effect::Copy { text, .. }) = app.update(Action::Copy, now()) else {
        panic!("y on an entity");
    };
    assert!(
        text.contains("(person)") && text.contains("events of “WikiLeaks"),
        "{text}"
    );
}

#[test]
fn z_zooms_the_focused_pane_and_back() {
    let mut app = board(120, 40);
    send(&mut app, [Action::Zoom]);
    let t = app.layout.timeline.unwrap();
    assert_eq!(t.width, 120);
    assert!(app.layout.source.is_none() && app.layout.entities.is_none());
    // Zoomed, focus moves show the pane focused.
    send(&mut app, [Action::Focus(Pane::Source)]);
    assert_eq!(app.layout.source.unwrap().width, 120);
    send(&mut app, [Action::Zoom]);
    assert!(app.layout.timeline.is_some() && app.layout.source.is_some());
}

#[test]
fn keys_muscle_memory_reaches_for() {
    let app = board(120, 40);
    for (k, want) in [
        ("ctrl-f", Action::PageDown),
        ("ctrl-b", Action::PageUp),
        ("*", Action::FindWord),
        (":", Action::CommandLine),
        ("z", Action::Zoom),
        ("y", Action::Copy),
        ("5", Action::Focus(Pane::Sources)),
    ] {
        assert_eq!(action_for(&app, &press(k)), Some(want), "{k}");
    }
    // The letters left for editing keys are theirs (or still free): none is one of
    // these.
    let mine = [
        Action::Zoom,
        Action::Copy,
        Action::FindWord,
        Action::CommandLine,
        Action::OpenUrl,
    ];
    for k in [
        "v", "c", "C", "u", "ctrl-r", "E", "D", "m", "M", "i", "x", "a", "A",
    ] {
        let a = action_for(&app, &press(k));
        assert!(
            !a.as_ref()
                .is_some_and(|a| mine.contains(a) || matches!(a, Action::ToggleFilter(_))),
            "{k}: {a:?}"
        );
    }
    for k in ["x", "A"] {
        assert_eq!(
            action_for(&app, &press(k)),
            Some(Action::Unbound(k.into())),
            "{k}"
        );
    }
}

#[test]
fn two_key_sequences_wait_for_their_second_key() {
    let mut app = board(120, 40);
    let mut d = Dispatcher::default();
    send(&mut app, [Action::Down, Action::Down]);
    // g then x: the URL, not the first row.
    let row = app.timeline.row;
    assert_eq!(type_keys(&mut app, &mut d, &["g"]), vec![]);
    assert!(d.pending().is_some());
    assert_eq!(type_keys(&mut app, &mut d, &["x"]), vec![Action::OpenUrl]);
    assert_eq!(app.timeline.row, row, "g x did not move");
    // g then j: the first row, then down.
    assert_eq!(
        type_keys(&mut app, &mut d, &["g", "j"]),
        vec![Action::Top, Action::Down]
    );
    // g alone, after the pause: the first row.
    type_keys(&mut app, &mut d, &["G", "g"]);
    assert_eq!(d.flush(&app), vec![Action::Top]);
    assert!(d.pending().is_none());
    // f shows what may follow; f s filters.
    let shown = type_keys(&mut app, &mut d, &["f"]);
    let [Action::Notify(hint, false)] = shown.as_slice() else {
        panic!("{shown:?}")
    };
    assert!(hint.starts_with("f… s single-source"), "{hint}");
    assert_eq!(
        type_keys(&mut app, &mut d, &["s"]),
        vec![Action::ToggleFilter(Criterion::SingleSource)]
    );
    // In the finder, g is typed.
    type_keys(&mut app, &mut d, &["/"]);
    assert_eq!(type_keys(&mut app, &mut d, &["g"]), vec![Action::Type('g')]);
}

#[test]
fn star_finds_the_word_under_the_cursor() {
    let mut app = board(120, 40);
    let pence = event(&app, "pence-denies-wikileaks-ties-on-fox-news");
    walk_to_event(&mut app, pence);
    assert!(matches!(
        app.update(Action::FindWord, now()),
        Some(Effect::Search(q)) if q == "WikiLeaks"
    ));
    send(&mut app, [Action::Escape]);
    send(&mut app, [Action::Focus(Pane::Entities)]);
    let name = app.case.entity(app.selected_entity().unwrap()).name.clone();
    assert!(matches!(
        app.update(Action::FindWord, now()),
        Some(Effect::Search(q)) if q == name
    ));
}

#[test]
fn the_command_line_runs_filter_export_help_and_quit() {
    let mut app = board(120, 40);
    send(&mut app, [Action::CommandLine]);
    assert_eq!(app.context(), caseboard::keymap::Context::Command);
    for c in "fil".chars() {
        send(&mut app, [Action::Type(c)]);
    }
    send(&mut app, [Action::Complete]);
    let Modal::Command(cl) = &app.modal else {
        panic!("still open")
    };
    assert_eq!(cl.text, "filter ");
    for c in "sin".chars() {
        send(&mut app, [Action::Type(c)]);
    }
    send(&mut app, [Action::Complete, Action::Follow]);
    assert_eq!(app.modal, Modal::None);
    let set = FilterSet {
        single_source: true,
        ..FilterSet::default()
    };
    assert_eq!(app.filter, Filter::Set(set));
    assert_eq!(app.timeline_event_count(), 41);

    assert_eq!(app.run_command("bogus"), None);
    let said = notice(&app).unwrap();
    assert!(
        said.contains("unknown command :bogus") && said.contains(":filter"),
        "{said}"
    );
    assert_eq!(app.run_command("help"), None);
    assert_eq!(app.modal, Modal::Help(0));
    send(&mut app, [Action::Escape]);
    assert_eq!(app.run_command("q"), Some(Effect::Quit));
    assert_eq!(
        app.run_command("export /tmp/out.md"),
        Some(Effect::Export("/tmp/out.md".into()))
    );
    // The bundled case has no folder: the export goes to the current directory.
    assert_eq!(
        app.update(Action::Export, now()),
        Some(Effect::Export("trump-wikileaks-2016-notes.md".into()))
    );
    assert_eq!(app.run_command("filter"), None);
    assert_eq!(app.filter, Filter::All);
}

#[test]
fn filters_combine_show_in_the_breadcrumb_and_clear() {
    let mut app = board(120, 40);
    let all = app.timeline_event_count();
    send(&mut app, [Action::ToggleFilter(Criterion::Corroborated)]);
    assert_eq!(
        app.timeline_event_count(),
        9,
        "the case's 9 events with 2+ sources"
    );
    send(&mut app, [Action::ToggleFilter(Criterion::Contradicts)]);
    let both = app.timeline_event_count();
    assert!((1..9).contains(&both), "{both}");
    assert_eq!(
        app.filter.label(&app.case),
        "2+ sources · in a contradiction"
    );
    for ev in shown_events(&app) {
        assert!(app.case.source_count(ev) >= 2);
    }
    // An entity's events combine with the rest.
    let nix = entity(&app, "alexander-nix");
    send(&mut app, [Action::Escape]);
    assert_eq!(app.timeline_event_count(), all);
    app.select_entity(nix);
    send(&mut app, [Action::Focus(Pane::Entities), Action::Follow]);
    send(&mut app, [Action::ToggleFilter(Criterion::SingleSource)]);
    assert_eq!(app.filter.label(&app.case), "Alexander Nix · single-source");
    let n = app.timeline_event_count();
    assert!(n > 0 && n <= app.case.index.entity_events[nix.get()].len());
    // Single-source turns corroborated off (they exclude each other).
    send(&mut app, [Action::ToggleFilter(Criterion::Corroborated)]);
    assert_eq!(app.filter.label(&app.case), "Alexander Nix · 2+ sources");
    // By the source in view, and by tag.
    send(&mut app, [Action::Escape]);
    assert_eq!(app.run_command("filter tag:denial source:post"), None);
    for ev in shown_events(&app) {
        let e = app.case.event(ev);
        assert!(e.tags.iter().any(|t| t == "denial"));
        assert!(e.citations.iter().any(|c| c.source == SourceIx(1)));
    }
    // Bookmarked and annotated read the reader's state.
    send(&mut app, [Action::Escape]);
    let pence = event(&app, "pence-denies-wikileaks-ties-on-fox-news");
    walk_to_event(&mut app, pence);
    assert_eq!(
        app.update(Action::ToggleBookmark, now()),
        Some(Effect::Save)
    );
    send(&mut app, [Action::ToggleFilter(Criterion::Bookmarked)]);
    assert_eq!(app.timeline_event_count(), 1);
    // Un-bookmarked there, it leaves the list; bookmarked again from the whole timeline.
    assert_eq!(
        app.update(Action::ToggleBookmark, now()),
        Some(Effect::Save)
    );
    assert_eq!(app.timeline_event_count(), 0);
    send(&mut app, [Action::Escape]);
    walk_to_event(&mut app, pence);
    assert_eq!(
        app.update(Action::ToggleBookmark, now()),
        Some(Effect::Save)
    );
    send(&mut app, [Action::ToggleFilter(Criterion::Bookmarked)]);
    assert_eq!(app.timeline_event_count(), 1);
    send(&mut app, [Action::ToggleFilter(Criterion::Annotated)]);
    assert_eq!(app.timeline_event_count(), 0);
    // Back undoes a filter change like any jump.
    send(&mut app, [Action::Back]);
    assert_eq!(app.timeline_event_count(), 1);
}

#[test]
fn a_named_filter_is_kept_in_the_state_and_brought_back() {
    let mut app = board(120, 40);
    assert_eq!(app.run_command("filter single tag:denial"), None);
    let n = app.timeline_event_count();
    assert_eq!(
        app.run_command("filter save denials"),
        Some(Effect::Save),
        "saving a filter saves the state file"
    );
    assert_eq!(app.state.filters["denials"].filter, "tag:denial single");
    send(&mut app, [Action::Escape]);
    assert_eq!(app.run_command("filter denials"), None);
    assert_eq!(app.timeline_event_count(), n);
    assert!(notice(&app).unwrap().contains("filter \"denials\""));
    assert_eq!(app.run_command("filter delete denials"), Some(Effect::Save));
    assert!(app.state.filters.is_empty());
    assert_eq!(app.run_command("filter denials"), None);
    assert!(notice(&app).unwrap().contains("unknown filter"));
}

#[test]
fn a_key_that_does_nothing_says_so() {
    let mut app = board(120, 40);
    send(&mut app, [Action::Unbound("Z".into())]);
    assert_eq!(notice(&app), Some("Z does nothing here (?: every key)"));
}

#[test]
fn help_lists_every_binding_of_every_mode_and_the_marks() {
    use caseboard::app::help::{HelpLine, help_lines};
    let app = board(120, 40);
    let lines = help_lines(&app.keymap);
    let text: String = lines
        .iter()
        .map(|l| match l {
            HelpLine::Heading(h) => format!("{h}\n"),
            HelpLine::Row { keys, desc } => format!("{keys} | {desc}\n"),
            HelpLine::Blank => "\n".into(),
            HelpLine::Note(n) => format!("{n}\n"),
        })
        .collect();
    for b in &app.keymap.bindings {
        let shown = b.shown();
        assert!(
            text.lines().any(|l| l
                .split(" | ")
                .next()
                .is_some_and(|k| k.split("  ").any(|x| x == shown))),
            "{} ({:?}) missing from help",
            shown,
            b.context
        );
    }
    // The note editor's Esc saves; its Ctrl-s, Ctrl-z, Ctrl-r are listed.
    let editor = text.split("Note editor").nth(1).unwrap();
    assert!(editor.contains("Esc | save the note and close"), "{editor}");
    for k in ["Ctrl-s", "Ctrl-z", "Ctrl-r"] {
        assert!(editor.contains(k), "{k}");
    }
    for mark in ["★", "✎", "≠→", "←≠", "●", "≤", "Mouse"] {
        assert!(text.contains(mark), "{mark}");
    }
}

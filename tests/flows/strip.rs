//! The time strip (issue 19): along it with `<` / `>`, `f p` to the period under it (a
//! filter like the others: breadcrumb, Esc, Back), a click on a period.

use super::*;
use caseboard::app::FilterSet;
use caseboard::views::Unit;

/// The instant the strip counts an event at.
fn key(app: &App, ev: EventIx) -> i64 {
    app.case.event(ev).date.timeline_key()
}

#[test]
fn the_strip_counts_every_event_once_and_follows_the_filter() {
    let mut app = board(120, 40);
    let s = &app.strip;
    assert_eq!(s.scale.unit, Unit::Month, "a case of two years, by month");
    assert_eq!(s.all.iter().sum::<u32>() as usize, app.case.events.len());
    assert!(!s.filtered);
    // A filter: the bars count what it keeps.
    send(
        &mut app,
        [Action::ToggleFilter(
            caseboard::action::Criterion::Corroborated,
        )],
    );
    assert!(app.strip.filtered);
    assert_eq!(
        app.strip.shown.iter().sum::<u32>() as usize,
        app.timeline_event_count()
    );
    assert_eq!(
        app.strip.all.iter().sum::<u32>() as usize,
        app.case.events.len()
    );
}

#[test]
fn strip_to_a_period_filter_and_back() {
    let mut app = board(120, 40);
    let first = app.selected_event().unwrap();
    let at = app.strip_at().unwrap();
    // `>`: the first event of the next period with events.
    send(&mut app, [Action::StripNext]);
    let next = app.strip_at().unwrap();
    assert!(next > at, "{at} → {next}");
    let ev = app.selected_event().unwrap();
    assert_ne!(ev, first);
    let (from, to) = app.strip.span(next);
    assert!((from..=to).contains(&key(&app, ev)));
    assert!(
        (at + 1..next).all(|b| app.strip.shown[b] == 0),
        "periods without events are passed over"
    );
    let msg = app.message.clone().unwrap().text;
    assert!(msg.starts_with(&app.strip.label(next)), "{msg}");
    // `f p`: only that period's events, named in the breadcrumb.
    send(&mut app, [Action::FilterPeriod]);
    let label = app.filter.label(&app.case);
    assert_eq!(label, app.strip.label(next));
    let shown = shown_events(&app);
    assert_eq!(shown.len(), app.strip.shown[next] as usize);
    assert!(shown.iter().all(|&e| (from..=to).contains(&key(&app, e))));
    assert_eq!(app.selected_event(), Some(ev), "the selection stays");
    // With the period on, `>` moves the period along.
    send(&mut app, [Action::StripNext]);
    let later = app.strip_at().unwrap();
    assert!(later > next);
    let (f2, t2) = app.strip.span(later);
    assert!(
        shown_events(&app)
            .iter()
            .all(|&e| (f2..=t2).contains(&key(&app, e)))
    );
    // Back: the period before; back again: no filter.
    send(&mut app, [Action::Back]);
    assert_eq!(app.filter.label(&app.case), app.strip.label(next));
    send(&mut app, [Action::Back]);
    assert_eq!(app.filter, Filter::All);
    // Forward, then Esc clears it; `f p` twice is on and off.
    send(&mut app, [Action::Forward, Action::Escape]);
    assert_eq!(app.filter, Filter::All);
    send(&mut app, [Action::FilterPeriod, Action::FilterPeriod]);
    assert_eq!(app.filter, Filter::All);
}

#[test]
fn a_period_combines_with_other_filters() {
    let mut app = board(80, 24);
    send(
        &mut app,
        [Action::ToggleFilter(
            caseboard::action::Criterion::SingleSource,
        )],
    );
    send(&mut app, [Action::FilterPeriod]);
    let Filter::Set(set) = app.filter.clone() else {
        panic!("a set of filters: {:?}", app.filter)
    };
    assert!(set.single_source && set.period.is_some());
    let terms = set.terms(&app.case);
    assert!(terms.starts_with("period:2016-"), "{terms}");
    assert_eq!(FilterSet::parse(&app.case, &terms).unwrap(), set);
    // The bars count the single-source events of every period; the period is marked.
    let single: u32 = app.strip.shown.iter().sum();
    assert!(single as usize > app.timeline_event_count());
}

#[test]
fn a_click_on_the_strip_filters_to_that_period() {
    let mut app = board(120, 40);
    // A click on the timeline's rows below the strip selects the row drawn there.
    let rect = app.layout.timeline.unwrap();
    let row = rect.y + 1 + app.layout.strip_height() as u16 + 3;
    send(&mut app, [Action::Click(rect.x + 3, row)]);
    assert_eq!(app.timeline.row, 3);
    assert!(matches!(app.timeline_rows[3], TimelineRow::Event(_)));
    let s = app.layout.strip.expect("a strip at 120x40");
    // The last period (the case's last events) is drawn at the end of the bars.
    let last = app.strip.len() - 1;
    let cw = caseboard::views::strip::column_width(app.strip.len(), s.width as usize);
    send(&mut app, [Action::Click(s.x + (last * cw) as u16, s.y)]);
    assert_eq!(app.filter.label(&app.case), app.strip.label(last));
    assert_eq!(app.timeline_event_count(), app.strip.shown[last] as usize);
}

#[test]
fn no_strip_where_the_timeline_is_short() {
    let app = board(80, 12);
    assert!(app.layout.strip.is_none());
    // The keys still move by period, and say which.
    let mut app = board(80, 12);
    let at = app.strip_at().unwrap();
    send(&mut app, [Action::StripNext]);
    assert!(app.strip_at().unwrap() > at);
    let msg = app.message.unwrap().text;
    assert!(msg.contains(" 2016: "), "{msg}");
}

/// Issue 19's walk: strip → period filter → entity → connections → pair filter → back.
#[test]
fn strip_period_entity_connections_pair_and_back() {
    let mut app = board(120, 40);
    send(&mut app, [Action::StripNext, Action::FilterPeriod]);
    let period = app.filter.clone();
    assert!(matches!(&period, Filter::Set(s) if s.period.is_some()));
    // An entity of the selected event, from the entities list: its events.
    let jr = entity(&app, "donald-trump-jr");
    send(&mut app, [Action::Focus(Pane::Entities)]);
    while app.selected_entity() != Some(jr) {
        send(&mut app, [Action::Down]);
    }
    send(&mut app, [Action::Follow]);
    assert_eq!(app.filter, Filter::Entity(jr));
    // Connections of the entity selected: ranked, the first shares the most.
    send(
        &mut app,
        [Action::Focus(Pane::Entities), Action::Connections],
    );
    let Modal::Connections(c) = &app.modal else {
        panic!("connections open: {:?}", app.modal)
    };
    assert_eq!(c.entity, jr);
    assert!(
        c.list
            .windows(2)
            .all(|w| w[0].events.len() >= w[1].events.len())
    );
    let second = c.list[1].clone();
    // j then Enter: the pair's shared events, in time order, as a filter.
    send(&mut app, [Action::Down, Action::Follow]);
    assert_eq!(app.modal, Modal::None);
    assert_eq!(app.focus, Pane::Timeline);
    assert_eq!(shown_events(&app), second.events);
    let label = app.filter.label(&app.case);
    assert_eq!(
        label,
        format!("Donald Trump Jr. & {}", app.case.entity(second.entity).name)
    );
    let msg = app.message.clone().unwrap().text;
    assert!(
        msg.contains(&format!("{} shared event", second.events.len())),
        "{msg}"
    );
    // Back: the entity's events; back: the period.
    send(&mut app, [Action::Back]);
    assert_eq!(app.filter, Filter::Entity(jr));
    send(&mut app, [Action::Back]);
    assert_eq!(app.filter, period);
    // Esc closes connections without a filter; an entity sharing no event says so.
    send(
        &mut app,
        [
            Action::Focus(Pane::Entities),
            Action::Connections,
            Action::Escape,
        ],
    );
    assert_eq!(app.modal, Modal::None);
    assert_eq!(app.filter, period);
}

#[test]
fn the_command_line_completes_the_selected_events_period() {
    let mut app = board(120, 40);
    let at = app.strip_at().unwrap();
    send(&mut app, [Action::CommandLine]);
    for c in "filter per".chars() {
        send(&mut app, [Action::Type(c)]);
    }
    send(&mut app, [Action::Complete]);
    let Modal::Command(cl) = &app.modal else {
        panic!("still open")
    };
    assert_eq!(cl.text, format!("filter period:{} ", app.strip.edtf(at)));
    send(&mut app, [Action::Follow]);
    assert_eq!(app.filter.label(&app.case), app.strip.label(at));
}

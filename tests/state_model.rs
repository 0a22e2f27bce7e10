//! `State` as plain data: what each change reports and what counts as empty.

use caseboard::state::State;
use chrono::{DateTime, TimeZone, Utc};

fn at(s: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap() + chrono::Duration::seconds(s)
}

#[test]
fn any_bookmark_or_note_makes_a_state_non_empty() {
    assert!(State::new().is_empty());
    let mut bookmarked = State::new();
    bookmarked.toggle_bookmark("a", at(0));
    let mut noted = State::new();
    noted.set_note("a", "x", at(0));
    let mut working = State::new();
    working.set_working_notes("x", at(0));
    for (what, s) in [
        ("a bookmark", &bookmarked),
        ("a note", &noted),
        ("working notes", &working),
    ] {
        assert!(!s.is_empty(), "a state with {what} is not empty");
    }
    // Emptied again, it is empty.
    bookmarked.toggle_bookmark("a", at(1));
    noted.set_note("a", "", at(1));
    working.set_working_notes(" ", at(1));
    for s in [&bookmarked, &noted, &working] {
        assert!(s.is_empty(), "{s:?}");
    }
}

#[test]
fn add_bookmark_says_whether_it_added_one() {
    let mut s = State::new();
    assert!(s.add_bookmark("a", at(0)));
    assert!(s.is_bookmarked("a"));
    assert!(!s.add_bookmark("a", at(5)));
    assert_eq!(s.bookmarks["a"].created, at(0), "the first time is kept");
}

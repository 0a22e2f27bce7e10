//! Dates at the edges a reader relies on: the sign of a UTC offset, the span of a minute or
//! a second (which date filters and the "ends before it starts" check use), and times and
//! offsets that are almost right. Through the public `Date` API only.

use caseboard::case::{Date, Precision};

fn d(s: &str) -> Date {
    Date::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// Asserts `s` is refused and the reason mentions `why`.
fn refused(s: &str, why: &str) {
    match Date::parse(s) {
        Ok(date) => panic!("{s:?} was accepted as {date:?}"),
        Err(e) => assert!(e.0.contains(why), "{s:?}: {e}"),
    }
}

#[test]
fn offsets_keep_their_sign_in_words_and_in_edtf() {
    let west = d("2016-10-12T11:41-05:30");
    assert_eq!(west.describe(), "12 October 2016 11:41 UTC-05:30");
    assert_eq!(west.to_string(), "2016-10-12T11:41-05:30");
    assert_eq!(west.anchor().offset_minutes, Some(-330));
    let east = d("2016-10-12T11:41:07+02:00");
    assert_eq!(east.describe(), "12 October 2016 11:41:07 UTC+02:00");
    assert_eq!(east.to_string(), "2016-10-12T11:41:07+02:00");
    assert_eq!(east.anchor().offset_minutes, Some(120));
    // Zero is UTC whichever way it is written.
    assert_eq!(
        d("2016-10-12T11:41+00:00").describe(),
        "12 October 2016 11:41 UTC"
    );
    assert_eq!(d("2016-10-12T11:41-00:00").to_string(), "2016-10-12T11:41Z");
}

#[test]
fn a_minute_covers_sixty_seconds_and_a_second_one() {
    let minute = d("2016-10-12T11:41");
    assert_eq!(minute.precision(), Precision::Minute);
    assert_eq!(minute.latest() - minute.earliest(), 59);
    assert_eq!(minute.latest(), d("2016-10-12T11:41:59").earliest());
    let second = d("2016-10-12T11:41:07");
    assert_eq!(second.precision(), Precision::Second);
    assert_eq!(second.latest(), second.earliest());
    // With an offset, the same span, moved to UTC.
    let west = d("2016-10-12T11:41-05:00");
    assert_eq!(west.earliest(), d("2016-10-12T16:41Z").earliest());
    assert_eq!(west.latest(), d("2016-10-12T16:41:59Z").latest());
}

#[test]
fn date_filters_see_the_whole_minute() {
    let minute = d("2016-10-12T11:41");
    let at = |s: &str| d(s).earliest();
    assert!(minute.overlaps(at("2016-10-12T11:41:59"), at("2016-10-12T11:41:59")));
    assert!(!minute.overlaps(at("2016-10-12T11:42"), at("2016-10-12T12:00")));
    assert!(!minute.overlaps(at("2016-10-12T11:00"), at("2016-10-12T11:40:59")));
    let second = d("2016-10-12T11:41:07");
    assert!(second.overlaps(at("2016-10-12T11:41:07"), at("2016-10-12T11:41:07")));
    assert!(!second.overlaps(at("2016-10-12T11:41:08"), at("2016-10-12T11:42")));
}

#[test]
fn intervals_within_a_minute_or_a_second() {
    // A second inside a minute may start an interval that ends with that minute.
    let within = d("2016-10-12T11:41:30/2016-10-12T11:41");
    assert_eq!(within.latest(), d("2016-10-12T11:41:59").earliest());
    d("2016-10-12T11:41/2016-10-12T11:41");
    d("2016-10-12T11:41:07/2016-10-12T11:41:07");
    refused("2016-10-12T11:41:08/2016-10-12T11:41:07", "ends before");
    refused("2016-10-12T11:42/2016-10-12T11:41:59", "ends before");
    refused("2016-10-12T11:42:00/2016-10-12T11:41", "ends before");
}

#[test]
fn times_need_two_digits_each() {
    refused("2016-06-12T1a:00", "bad hour");
    refused("2016-06-12T11:0a", "bad minute");
    refused("2016-06-12T11:05:x7", "bad second");
    refused("2016-06-12T7:05", "bad hour");
    refused("2016-06-12T07:5", "bad minute");
    refused("2016-06-12T07:05:7", "bad second");
    refused("2016-06-12T24:00", "bad hour");
    refused("2016-06-12T23:60", "bad minute");
    refused("2016-06-12T23:59:60", "bad second");
    let last = d("2016-06-12T23:59:59");
    assert_eq!(last.latest(), d("2016-06-13").earliest() - 1);
    assert_eq!(d("2016-06-12T00:00").earliest(), d("2016-06-12").earliest());
}

#[test]
fn offsets_are_hours_and_minutes_up_to_fourteen_hours() {
    for s in [
        "2016-06-12T12:00+1",
        "2016-06-12T12:00+001",
        "2016-06-12T12:00+0530",
        "2016-06-12T12:00+01:5",
        "2016-06-12T12:00+01:75",
        "2016-06-12T12:00+01:60",
        "2016-06-12T12:00+15:00",
        "2016-06-12T12:00-15:00",
        "2016-06-12T12:00+1a:00",
        "2016-06-12T12:00+01:0a",
        "2016-06-12T12:00+",
    ] {
        refused(s, "offset");
    }
    for (s, minutes) in [
        ("2016-06-12T12:00+14:00", 14 * 60),
        ("2016-06-12T12:00-14:00", -14 * 60),
        ("2016-06-12T12:00+14:59", 14 * 60 + 59),
        ("2016-06-12T12:00+05:45", 5 * 60 + 45),
        ("2016-06-12T12:00-09:30", -(9 * 60 + 30)),
        ("2016-06-12T12:00+05", 5 * 60),
    ] {
        let date = d(s);
        assert_eq!(date.anchor().offset_minutes, Some(minutes), "{s}");
        assert_eq!(
            date.earliest(),
            d("2016-06-12T12:00Z").earliest() - i64::from(minutes) * 60,
            "{s}"
        );
    }
}

/// Where a date sits on the timeline: its earliest instant, or for an open start the
/// start of its known end ("on or before January 2017" sits with January 2017).
#[test]
fn an_open_start_sits_at_its_known_end() {
    assert_eq!(d("../2017-01").timeline_key(), d("2017-01").earliest());
    assert_eq!(d("../2017-01").earliest(), i64::MIN, "its span stays open");
    assert_eq!(
        d("2016-06-12?/2016-06-30").timeline_key(),
        d("2016-06-12").earliest()
    );
    assert_eq!(d("2016-10~").timeline_key(), d("2016-10").earliest());
    assert_eq!(
        d("2017-11-13?/..").timeline_key(),
        d("2017-11-13").earliest()
    );
}

//! Import: each rule on this repository's own small fixtures, and each shared fixture
//! (read from `../shared/interop/` at run time) with the counts its notes give. Every
//! imported case must pass `check` with zero errors.

mod common;

use caseboard::interop::Format;
use common::interop::{import, own, shared};
use serde_json::Value;

fn titles(imp: &common::interop::Imported) -> Vec<String> {
    imp.events()
        .iter()
        .map(|e| e["title"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn timelinejs_json_rules() {
    let imp = import(&own("rules.json"), None);
    let r = &imp.report;
    assert_eq!(imp.case["title"], "Rules of TimelineJS");
    assert_eq!(imp.case["summary"], "What the importer must do & say.");
    // 15 slides + 1 era; skipped: -500, no date, blank year, month 13.
    assert_eq!(r.skipped_total(), 4, "{r}");
    assert!(
        r.skipped_for("no start date").is_some_and(|g| g.count == 2),
        "{r}"
    );
    assert!(r.skipped_for("outside the years").is_some(), "{r}");
    assert!(r.skipped_for("no month 13").is_some(), "{r}");
    assert_eq!(imp.events().len(), 12);
    assert_eq!(imp.checked.events, 12);
    let date = |t: &str| imp.event(t)["date"].as_str().unwrap().to_string();
    assert_eq!(date("Seconds and milliseconds"), "1900-01-06T06:45:56");
    assert_eq!(date("A three-digit year"), "0602");
    assert_eq!(date("Circa"), "1950~");
    assert_eq!(date("Hour only"), "1960-03-01T14:00");
    assert_eq!(date("End equals start"), "1970");
    assert_eq!(date("Ends before it starts"), "1980");
    assert_eq!(date("First half"), "1900/1950");
    assert_eq!(imp.event("First half")["tags"], serde_json::json!(["era"]));
    assert_eq!(
        imp.event("A three-digit year")["tags"],
        serde_json::json!(["Early"])
    );
    // Repeated unique_id: the second gets -2.
    assert_eq!(imp.event("First same")["id"], "same");
    assert_eq!(imp.event("Second same")["id"], "same-2");
    // No headline: titled from the text.
    assert!(
        titles(&imp)
            .iter()
            .any(|t| t.starts_with("No headline here")),
        "{:?}",
        titles(&imp)
    );
    // HTML stripped, script dropped; the event quotes its slide's text.
    let script = imp.event("Script");
    assert_eq!(script["summary"], "Safe");
    assert_eq!(script["citations"][0]["quote"], "Safe");
    let text = std::fs::read_to_string(imp.path().join("sources/timelinejs.txt")).unwrap();
    assert!(!text.contains('<') && !text.contains("alert"), "{text}");
    assert!(
        imp.event("Free display date")["summary"]
            .as_str()
            .unwrap()
            .ends_with("Date shown: sometime in 2004")
    );
    for lost in [
        "milliseconds",
        "hour-only",
        "media",
        "slide backgrounds",
        "repeated ids",
        "end dates before their start",
        "display dates",
        "title slide media",
        "date formats",
    ] {
        assert!(r.lost_for(lost).is_some(), "{lost} not reported:\n{r}");
    }
    // Sorted by date, ties in file order.
    let dates: Vec<i64> = imp
        .load()
        .case
        .events
        .iter()
        .map(|e| e.date.earliest())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
}

#[test]
fn timelinejs_sheet_rules() {
    let imp = import(&own("rules.csv"), None);
    let r = &imp.report;
    assert!(r.heading.contains("TimelineJS sheet"), "{r}");
    assert_eq!(imp.case["title"], "Sheet rules");
    assert_eq!(imp.event("Second title")["date"], "2000");
    assert!(r.lost_for("more than one title row").is_some(), "{r}");
    assert_eq!(imp.event("Comma year")["date"], "1815-12-10/1852-11-27");
    assert_eq!(
        imp.event("Comma year")["tags"],
        serde_json::json!(["Pioneers"])
    );
    assert_eq!(imp.event("Times")["date"], "1969-07-20T20:17");
    assert_eq!(imp.event("HHMM")["date"], "1969-07-21T02:56");
    assert_eq!(imp.event("An era")["date"], "1940/1950");
    assert_eq!(imp.event("Multiline")["summary"], "Line one\nline two");
    // Line numbers count the CRLF file's physical lines (the header is line 1).
    let bad = r.skipped_for("month").expect("bad month reported");
    assert_eq!(bad.at, [caseboard::interop::report::At::Line(8)], "{r}");
    let no_date = r
        .skipped_for("time without a date")
        .expect("time without a date");
    assert_eq!(no_date.at, [caseboard::interop::report::At::Line(9)], "{r}");
    assert!(r.lost_for("media").is_some_and(|g| g.count == 1), "{r}");
    assert_eq!(imp.events().len(), 6);
}

#[test]
fn timesketch_csv_rules() {
    let imp = import(&own("rules-timesketch.csv"), None);
    let r = &imp.report;
    assert!(r.heading.contains("Timesketch CSV"), "{r}");
    // Bad datetime, too old, no description are skipped with their lines.
    use caseboard::interop::report::At;
    assert_eq!(
        r.skipped_for("invalid datetime").unwrap().at,
        [At::Line(5)],
        "{r}"
    );
    assert_eq!(r.skipped_for("1700").unwrap().at, [At::Line(6)], "{r}");
    assert_eq!(
        r.skipped_for("timestamp_desc").unwrap().at,
        [At::Line(7)],
        "{r}"
    );
    assert_eq!(imp.events().len(), 5);
    let good = imp.event("Good row");
    assert_eq!(good["date"], "2015-07-24T19:01:01Z");
    assert_eq!(
        good["tags"],
        serde_json::json!(["Write time", "test:row", "a", "b"])
    );
    assert_eq!(good["citations"][0]["quote"], "Good row");
    let id = good["id"].as_str().unwrap();
    assert!(id.starts_with("ts-") && id.len() == 19, "{id}");
    // The repeated row (another timeline) gets -2.
    let ids: Vec<&str> = imp
        .events()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&format!("{id}-2").as_str()), "{ids:?}");
    assert_eq!(imp.event("Naive row")["date"], "2015-07-24T20:00:00Z");
    let frac = imp.event("Fraction row");
    assert_eq!(frac["date"], "2015-07-24T21:00:00Z");
    assert!(
        frac["summary"]
            .as_str()
            .unwrap()
            .contains("21:00:00.123456Z")
    );
    // Offsets become UTC; multi-line messages are titled by their first line.
    let multi = imp.event("Multi");
    assert_eq!(multi["date"], "2015-07-24T22:00:00Z");
    assert_eq!(multi["summary"], "Multi\nline message");
    // The Python-style label list stars the naive row.
    let state = imp.state().expect("a state file");
    let naive_id = imp.event("Naive row")["id"].as_str().unwrap().to_string();
    assert_eq!(
        state["bookmarks"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        [&naive_id]
    );
    assert!(
        r.lost_for("`computer_name`").is_some_and(|g| g.count == 3),
        "{r}"
    );
    assert!(r.lost_for("`__ts_timeline_id`").is_some(), "{r}");
    // The same file imports to the same ids.
    let again = import(&own("rules-timesketch.csv"), None);
    assert_eq!(again.case["events"], imp.case["events"]);
}

#[test]
fn timesketch_jsonl_rules() {
    let imp = import(&own("rules.jsonl"), None);
    let r = &imp.report;
    use caseboard::interop::report::At;
    assert!(
        r.skipped_for("not a JSON object")
            .is_some_and(|g| g.at == [At::Line(2)]),
        "{r}"
    );
    assert!(
        r.skipped_for("no message")
            .is_some_and(|g| g.at == [At::Line(4)]),
        "{r}"
    );
    assert!(
        r.skipped_for("invalid datetime")
            .is_some_and(|g| g.at == [At::Line(6)]),
        "{r}"
    );
    assert_eq!(imp.events().len(), 3);
    // A contradictory timestamp is kept out of the date: the datetime wins.
    assert_eq!(imp.event("First")["date"], "2015-07-24T19:01:01Z");
    assert_eq!(imp.event("No datetime")["date"], "2015-07-24T19:01:01Z");
    assert_eq!(
        imp.event("Starred")["tags"],
        serde_json::json!(["Write time", "x", "y"])
    );
    assert_eq!(
        imp.state().unwrap()["bookmarks"].as_object().unwrap().len(),
        1
    );
    assert!(r.lost_for("`extra_field_1`").is_some(), "{r}");
}

#[test]
fn timesketch_without_required_columns_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("case");
    let err = caseboard::interop::command::import_file(
        &own("no-datetime-header.csv"),
        &out,
        Some(Format::TimesketchCsv),
        common::interop::now(),
    )
    .unwrap_err();
    assert!(err.contains("datetime (or timestamp)"), "{err}");
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn ftm_rules() {
    let imp = import(&own("rules.ijson"), None);
    let r = &imp.report;
    assert!(r.skipped_for("not a JSON object").is_some(), "{r}");
    assert!(r.skipped_for("no date").is_some(), "{r}");
    assert_eq!(imp.events().len(), 7, "{:?}", titles(&imp));
    assert_eq!(imp.case["id"], "rules");
    let date = |t: &str| imp.event(t)["date"].as_str().unwrap().to_string();
    assert_eq!(date("Ada publishes the algorithm"), "1843-09-01/..");
    assert_eq!(date("Hopper serves in the Navy"), "1943-07/1946");
    assert_eq!(date("A year-only event"), "1952");
    assert_eq!(date("First name"), "1971-06");
    assert_eq!(date("Armstrong on the Moon"), "1969-07-20T20:17");
    assert!(r.lost_for("several dates").is_some(), "{r}");
    assert!(r.lost_for("second and later names").is_some(), "{r}");
    assert!(
        r.lost_for("references to entities the file does not have")
            .is_some(),
        "{r}"
    );
    assert_eq!(
        imp.event("HTML description")["summary"],
        "Friendship 7 & John Glenn"
    );
    assert_eq!(
        imp.event("HTML description")["entities"],
        serde_json::json!(["nasa"])
    );
    // Only the verbatim Documentation becomes a citation.
    let moon = imp.event("Armstrong on the Moon");
    assert_eq!(moon["citations"][0]["source"], "a1b2c3");
    assert_eq!(imp.checked.citations, 1);
    assert!(
        r.lost_for("without a verbatim quote (the event")
            .is_some_and(|g| g.count == 2),
        "{r}"
    );
    assert!(r.lost_for("links between entities").is_some(), "{r}");
    assert!(r.lost_for("mentions").is_some_and(|g| g.count == 2), "{r}");
    assert!(r.lost_for("Person property `birthDate`").is_some(), "{r}");
    // Entities: kinds, aliases; the Article is a source with its text and metadata.
    let ents = imp.case["entities"].as_array().unwrap();
    let ent = |id: &str| ents.iter().find(|e| e["id"] == id).unwrap();
    assert_eq!(ent("navy")["kind"], "government");
    assert_eq!(ent("harvard")["kind"], "organization");
    assert_eq!(
        ent("ada")["aliases"],
        serde_json::json!(["Countess of Lovelace"])
    );
    assert_eq!(ent("rozsa")["name"], "Rózsa Péter");
    let src = &imp.case["sources"][0];
    assert_eq!(src["publisher"], "Example Press");
    assert_eq!(src["published"], "2020-05-01");
    assert_eq!(src["byline"], "A. Writer");
    // The note on the moon landing is in the state.
    let state = imp.state().unwrap();
    assert_eq!(state["notes"]["ev-moon"]["text"], "Check the exact minute.");
}

/// The counts FORMATS.md gives for each shared fixture: (file, events, skipped, entities).
const SHARED: &[(&str, usize, usize, usize)] = &[
    ("timelinejs/timeline3.json", 18, 0, 0),
    ("timelinejs/marktwain.json", 17, 0, 0),
    ("timelinejs/women_in_computing.json", 10, 0, 0),
    ("timelinejs/women_in_computing.csv", 10, 0, 0),
    ("timelinejs/eras.json", 23, 0, 0),
    ("timelinejs/cosmo-mixed.json", 5, 6, 0),
    ("timelinejs/all-media-types.json", 41, 0, 0),
    ("timesketch/sigma_events.jsonl", 5, 0, 0),
    ("timesketch/sigma_events.csv", 4, 0, 0),
    ("timesketch/validate_timestamp_conversion.csv", 3, 0, 0),
    ("timesketch/invalid_datetime.csv", 3, 1, 0),
    ("timesketch/validate_no_datetime_timestamps.csv", 3, 2, 0),
    ("timesketch/validate_time_out_of_range.csv", 1, 1, 0),
    ("timesketch/validate_time_precision.csv", 2, 0, 0),
    ("timesketch/csv_timestamp_no_datetime.csv", 3, 0, 0),
    ("timesketch/csv_datetime_last_column.csv", 4, 0, 0),
    ("timesketch/evtx_part.csv", 13, 0, 0),
    ("ftm/donations.ijson", 290, 0, 184),
];

#[test]
fn shared_fixtures_import_with_the_expected_counts() {
    let Some(dir) = shared() else { return };
    for &(file, events, skipped, entities) in SHARED {
        let imp = import(&dir.join(file), None);
        let r = &imp.report;
        assert_eq!(imp.checked.events, events, "{file}:\n{r}");
        assert_eq!(r.get("events"), events, "{file}:\n{r}");
        assert_eq!(r.skipped_total(), skipped, "{file}:\n{r}");
        assert_eq!(imp.checked.entities, entities, "{file}:\n{r}");
    }
}

#[test]
fn shared_fixture_details() {
    let Some(dir) = shared() else { return };
    // marktwain: one interval, four slides without a headline, seconds kept.
    let mt = import(&dir.join("timelinejs/marktwain.json"), None);
    let intervals = mt
        .events()
        .iter()
        .filter(|e| e["date"].as_str().unwrap().contains('/'))
        .count();
    assert_eq!(intervals, 1);
    let r = &mt.report;
    let untitled = r
        .lost_for("without a headline (titled")
        .map_or(0, |g| g.count)
        + r.lost_for("without a headline or text")
            .map_or(0, |g| g.count);
    assert_eq!(untitled, 4, "{r}");
    assert_eq!(
        mt.events()
            .iter()
            .filter(|e| e["date"] == "1900-01-06T06:45:56")
            .count(),
        3
    );
    // The women in computing JSON and sheet: the same events, dates and headlines.
    let js = import(&dir.join("timelinejs/women_in_computing.json"), None);
    let sh = import(&dir.join("timelinejs/women_in_computing.csv"), None);
    let key = |i: &common::interop::Imported| -> Vec<(Value, Value, Value)> {
        i.events()
            .iter()
            .map(|e| (e["id"].clone(), e["date"].clone(), e["title"].clone()))
            .collect()
    };
    assert_eq!(key(&js), key(&sh));
    assert_eq!(js.case["title"], sh.case["title"]);
    let interval_n = js
        .events()
        .iter()
        .filter(|e| e["date"].as_str().unwrap().contains('/'))
        .count();
    assert_eq!(interval_n, 3);
    assert!(
        js.events()
            .iter()
            .any(|e| e["title"] == "Rózsa Péter writes recursion")
    );
    assert!(
        js.events()
            .iter()
            .any(|e| e["id"] == "karen-sparck-jones-makes-search-possible")
    );
    // cosmo-mixed: the six negative years are reported, not changed.
    let cosmo = import(&dir.join("timelinejs/cosmo-mixed.json"), None);
    assert_eq!(
        cosmo
            .report
            .lost_for("negative or cosmological")
            .unwrap()
            .count,
        6
    );
    // all-media-types: five groups.
    let media = import(&dir.join("timelinejs/all-media-types.json"), None);
    let mut groups: Vec<String> = media
        .events()
        .iter()
        .filter_map(|e| e["tags"][0].as_str().map(String::from))
        .collect();
    groups.sort();
    groups.dedup();
    assert_eq!(groups, ["Audio", "HTML", "Image", "Social Media", "Video"]);
    // evtx_part: two starred rows become bookmarks; repeated records get -2…
    let evtx = import(&dir.join("timesketch/evtx_part.csv"), None);
    assert_eq!(
        evtx.state().unwrap()["bookmarks"]
            .as_object()
            .unwrap()
            .len(),
        2
    );
    assert!(
        evtx.report
            .lost_for("repeated rows")
            .is_some_and(|g| g.count == 9)
    );
    // validate_timestamp_conversion: all three normalised to UTC.
    let conv = import(
        &dir.join("timesketch/validate_timestamp_conversion.csv"),
        None,
    );
    let dates: Vec<&str> = conv
        .events()
        .iter()
        .map(|e| e["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        dates,
        [
            "2012-03-14T04:17:38Z",
            "2022-07-24T19:01:01Z",
            "2015-07-25T02:01:01Z"
        ]
    );
    // csv_timestamp_no_datetime: s, ms and µs give the same instant.
    let ts = import(&dir.join("timesketch/csv_timestamp_no_datetime.csv"), None);
    assert!(
        ts.events()
            .iter()
            .all(|e| e["date"] == "2022-07-24T19:01:01Z")
    );
    // donations: 290 payments with payer and beneficiary, 95 legal entities and 89 places.
    let don = import(&dir.join("ftm/donations.ijson"), None);
    let ents = don.case["entities"].as_array().unwrap();
    let places = ents.iter().filter(|e| e["kind"] == "place").count();
    assert_eq!((ents.len() - places, places), (95, 89));
    assert!(
        don.events()
            .iter()
            .all(|e| e["entities"].as_array().unwrap().len() == 2
                && e["title"].as_str().unwrap().starts_with("Payment: ")
                && e["title"].as_str().unwrap().contains(", EUR "))
    );
    assert!(
        don.report
            .lost_for("`namesMentioned`")
            .is_some_and(|g| g.count == 290)
    );
}

#[test]
fn large_timesketch_files_get_a_source_per_thousand_events() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("many.csv");
    let mut csv = String::from("message,datetime,timestamp_desc\n");
    for i in 0..2500 {
        csv.push_str(&format!(
            "Row {i} says the same thing,2020-01-01T00:00:{:02}Z,Write time\n",
            i % 60
        ));
    }
    std::fs::write(&file, csv).unwrap();
    let imp = import(&file, None);
    assert_eq!(imp.checked.events, 2500);
    assert_eq!(imp.checked.sources, 3);
    let sources: Vec<&str> = imp.case["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["timesketch", "timesketch-2", "timesketch-3"]);
    assert_eq!(
        imp.case["sources"][2]["title"],
        "many.csv (messages 2001–2500)"
    );
    assert_eq!(imp.events()[1000]["citations"][0]["source"], "timesketch-2");
    let last = std::fs::read_to_string(imp.path().join("sources/timesketch-3.txt")).unwrap();
    assert_eq!(last.lines().count(), 500);
}

//! Reading dates out of prose for the bundled case's rules: the words of a text, the
//! calendar dates and months it writes out, the weekdays it names, and whether a passage
//! states a given day, hedges, or places its time relative to something else.

use chrono::{Datelike, NaiveDate, Weekday};

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// The short forms news style uses ("Oct. 3"), without their dot.
pub const MONTH_ABBR: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec",
];
pub const WEEKDAYS: [(&str, Weekday); 7] = [
    ("Monday", Weekday::Mon),
    ("Tuesday", Weekday::Tue),
    ("Wednesday", Weekday::Wed),
    ("Thursday", Weekday::Thu),
    ("Friday", Weekday::Fri),
    ("Saturday", Weekday::Sat),
    ("Sunday", Weekday::Sun),
];
/// Days the texts name without a calendar date. The one in this case: the 2016 election.
pub const NAMED_DAYS: [(&str, (i32, u32, u32)); 1] = [("election day", (2016, 11, 8))];
/// Words that make a statement a guess ("Nix appeared to be referencing …").
pub const HEDGES: [&str; 9] = [
    "appeared to",
    "appears to",
    "apparently",
    "seemed to",
    "seems to",
    "possibly",
    "probably",
    "may have",
    "might have",
];
/// Words that place a passage's time relative to something else.
pub const RELATIVE: [&str; 5] = ["later", "earlier", "previously", "last month", " ago"];

/// The words of `text`, stripped of the punctuation around them ("(13", "[Monday],").
pub fn words(text: &str) -> Vec<&str> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect()
}

pub fn month_of(word: &str) -> Option<u32> {
    (0..12)
        .find(|&i| word == MONTHS[i] || word == MONTH_ABBR[i])
        .map(|i| i as u32 + 1)
}

pub fn day_of(word: &str) -> Option<u32> {
    word.parse().ok().filter(|d| (1..=31).contains(d))
}

pub fn year_of(word: &str) -> Option<i32> {
    (word.len() == 4).then(|| word.parse().ok()).flatten()
}

/// Calendar dates written out with their year: "13 November 2017", "October 12, 2016".
pub fn full_dates(text: &str) -> Vec<NaiveDate> {
    let w = words(text);
    let mut out = Vec::new();
    for i in 0..w.len().saturating_sub(2) {
        let ymd = match (month_of(w[i]), month_of(w[i + 1])) {
            (_, Some(m)) => day_of(w[i]).map(|d| (year_of(w[i + 2]), m, d)),
            (Some(m), None) => day_of(w[i + 1]).map(|d| (year_of(w[i + 2]), m, d)),
            _ => None,
        };
        if let Some((Some(y), m, d)) = ymd {
            out.extend(NaiveDate::from_ymd_opt(y, m, d));
        }
    }
    out
}

/// Months written with their year ("October 2017", also inside "12 October 2017").
pub fn months_with_year(text: &str) -> Vec<(i32, u32)> {
    let w = words(text);
    (0..w.len().saturating_sub(1))
        .filter_map(|i| Some((year_of(w[i + 1])?, month_of(w[i])?)))
        .collect()
}

pub fn weekdays_named(text: &str) -> Vec<Weekday> {
    let w = words(text);
    WEEKDAYS
        .iter()
        .filter(|(name, _)| w.contains(name))
        .map(|&(_, d)| d)
        .collect()
}

/// Whether `passage` states `day`: as month and day ("Oct. 12", "June 12, 2016"), by its
/// weekday ("Monday"), or by a name the texts give it ("election day").
pub fn states_day(passage: &str, day: NaiveDate) -> bool {
    let w = words(passage);
    let by_date = w
        .windows(2)
        .any(|p| month_of(p[0]) == Some(day.month()) && day_of(p[1]) == Some(day.day()));
    let by_name = NAMED_DAYS.iter().any(|&(name, (y, m, d))| {
        NaiveDate::from_ymd_opt(y, m, d) == Some(day) && passage.to_lowercase().contains(name)
    });
    by_date || by_name || weekdays_named(passage).contains(&day.weekday())
}

pub fn is_relative(passage: &str) -> bool {
    RELATIVE.iter().any(|r| passage.contains(r))
}

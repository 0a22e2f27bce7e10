//! Finding the phrases that date things in a text: "Oct. 12", "July 29, 2016", "early
//! June 2016", "prior to November 2016", "Monday", "last month", "two days later",
//! "election day", … Each is found with its place in the text; what it means in
//! dates is left to the caller, which knows the publication date and the event followed.

use chrono::Weekday;

/// A word, number or mark of the text, with its byte range.
#[derive(Debug, Clone)]
pub(super) struct Tok<'a> {
    pub(super) text: &'a str,
    pub(super) lower: String,
    pub(super) start: usize,
    pub(super) end: usize,
}

impl Tok<'_> {
    pub(super) fn is(&self, w: &str) -> bool {
        self.lower == w
    }
    fn number(&self) -> Option<i64> {
        if !self.text.is_empty()
            && self.text.bytes().all(|b| b.is_ascii_digit())
            && self.text.len() <= 4
        {
            self.text.parse().ok()
        } else {
            None
        }
    }
}

pub(super) fn tokens(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c.is_alphanumeric() {
            // A word: letters and digits, with inner hyphens ("mid-June") split off.
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
        }
        let t = &text[i..end];
        out.push(Tok {
            text: t,
            lower: t.to_lowercase(),
            start: i,
            end,
        });
    }
    out
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Month `t` names (1–12): full names, and abbreviations (with or without a full stop),
/// capitalized.
fn month(t: &Tok) -> Option<u8> {
    // English capitalizes month names; "march" and "may" in lower case are other words.
    if !t.text.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    if let Some(k) = MONTHS.iter().position(|m| *m == t.lower) {
        return Some(k as u8 + 1);
    }
    let abbr = [
        "jan", "feb", "mar", "apr", "", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    if t.lower == "sept" {
        return Some(9);
    }
    abbr.iter()
        .position(|a| !a.is_empty() && *a == t.lower)
        .map(|k| k as u8 + 1)
}

fn weekday(t: &Tok) -> Option<Weekday> {
    // Capitalized only: "monday" in running text is rare, "Monday" is the way.
    if !t.text.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    Some(match t.lower.as_str() {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn count(t: &Tok) -> Option<i64> {
    if let Some(n) = t.number() {
        return Some(n);
    }
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    if let Some(n) = WORDS.iter().position(|w| *w == t.lower) {
        return Some(n as i64);
    }
    match t.lower.as_str() {
        "a" | "an" => Some(1),
        "thirty" => Some(30),
        "forty" => Some(40),
        "fifty" => Some(50),
        "sixty" => Some(60),
        _ => None,
    }
}

/// A unit of time in "two days later".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

fn unit(t: &Tok) -> Option<Unit> {
    Some(match t.lower.trim_end_matches('s') {
        "minute" => Unit::Minute,
        "hour" => Unit::Hour,
        "day" => Unit::Day,
        "week" => Unit::Week,
        "month" => Unit::Month,
        "year" => Unit::Year,
        _ => return None,
    })
}

/// A part of a day: "this morning", "last night".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl Part {
    pub fn word(self) -> &'static str {
        match self {
            Part::Morning => "morning",
            Part::Afternoon => "afternoon",
            Part::Evening => "evening",
            Part::Night => "night",
        }
    }
}

fn part(t: &Tok) -> Option<Part> {
    Some(match t.lower.as_str() {
        "morning" => Part::Morning,
        "afternoon" => Part::Afternoon,
        "evening" => Part::Evening,
        "night" => Part::Night,
        _ => return None,
    })
}

/// A calendar day as a text gives it: the year may be left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Md {
    pub year: Option<i32>,
    pub month: u8,
    pub day: Option<u8>,
}

/// What a phrase says about a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Said {
    /// A day or month, maybe without its year ("Oct. 12", "July 29, 2016", "in June").
    On(Md),
    /// "early June 2016", "late October": roughly that month.
    Roughly(Md),
    /// "from November 6 to November 9".
    Between(Md, Md),
    /// "prior to November 2016", "before July 29, 2016".
    Before(Md),
    /// "after June 2016", "since July 2016".
    After(Md, bool),
    /// A year on its own ("in 2016", "the 2016 election").
    Year(i32),
    /// "election day".
    ElectionDay,
    /// "Monday"; `-1` for "last Monday", `1` for "next Monday".
    Weekday(Weekday, i8),
    /// "yesterday" (-1), "today" (0), "tomorrow" (1), with the part of the day a
    /// phrase names: "this morning" (0, morning), "last night" (-1, night).
    DaysFromNow(i64, Option<Part>),
    /// "last month" (-1), "this month" (0), "next month" (1).
    Months(i32),
    /// "earlier this month".
    EarlierThisMonth,
    /// "last year" (-1), "this year" (0).
    Years(i32),
    /// "two days later" (`n` units after the event followed); `more` for "more than a
    /// week later", negative for "two days earlier".
    Later { n: i64, unit: Unit, more: bool },
}

/// A dating phrase found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub said: Said,
    /// Byte range of the phrase in the text.
    pub start: usize,
    pub end: usize,
}

/// The years (1900–2099) a text names on their own, with their byte offsets.
pub fn years(text: &str) -> Vec<(i32, usize)> {
    tokens(text)
        .iter()
        .filter_map(|t| {
            let n = t.number()?;
            (t.text.len() == 4 && (1900..2100).contains(&n)).then_some((n as i32, t.start))
        })
        .collect()
}

fn year_at(toks: &[Tok], i: usize) -> Option<i32> {
    let t = toks.get(i)?;
    let n = t.number()?;
    (t.text.len() == 4 && (1900..2100).contains(&n)).then_some(n as i32)
}

/// A month and day from token `i`: "Oct. 12", "October 12, 2016", "12 October 2016",
/// "June 2016", or a month alone when `alone` (as in "in June"). The date and the
/// tokens it took.
fn date_at(toks: &[Tok], i: usize, alone: bool) -> Option<(Md, usize)> {
    let t = toks.get(i)?;
    // "12 October 2016"
    if let Some(d) = t.number().filter(|d| (1..=31).contains(d))
        && let Some(m) = toks.get(i + 1).and_then(month)
    {
        let year = year_at(toks, i + 2);
        return Some((
            Md {
                year,
                month: m,
                day: Some(d as u8),
            },
            2 + usize::from(year.is_some()),
        ));
    }
    let m = month(t)?;
    let mut j = i + 1;
    // The full stop of an abbreviation ("Oct. 12"), not the end of a sentence.
    if t.text.len() <= 4
        && !MONTHS.contains(&t.lower.as_str())
        && toks.get(j).is_some_and(|t| t.text == ".")
    {
        j += 1;
    }
    if let Some(y) = year_at(toks, j) {
        return Some((
            Md {
                year: Some(y),
                month: m,
                day: None,
            },
            j + 1 - i,
        ));
    }
    if let Some(d) = toks
        .get(j)
        .and_then(Tok::number)
        .filter(|d| (1..=31).contains(d))
        && toks.get(j).is_some_and(|t| t.text.len() <= 2)
    {
        let mut k = j + 1;
        // "July 29, 2016" or "July 29 2016"
        let comma = toks.get(k).is_some_and(|t| t.text == ",");
        let year = year_at(toks, k + usize::from(comma));
        if year.is_some() {
            k += 1 + usize::from(comma);
        }
        return Some((
            Md {
                year,
                month: m,
                day: Some(d as u8),
            },
            k - i,
        ));
    }
    // A bare month: only where the caller allows it, and not an abbreviation.
    (alone && (t.text.len() > 3 || t.text == "May")).then_some((
        Md {
            year: None,
            month: m,
            day: None,
        },
        j - i,
    ))
}

/// Every dating phrase in `text`, in order.
pub fn scan(text: &str) -> Vec<Found> {
    let toks = tokens(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match phrase(&toks, i) {
            Some((said, n)) => {
                out.push(Found {
                    said,
                    start: toks[i].start,
                    end: toks[i + n - 1].end,
                });
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

/// The phrase starting at token `i`, and how many tokens it takes.
fn phrase(toks: &[Tok], i: usize) -> Option<(Said, usize)> {
    let t = &toks[i];
    let at = |k: usize| toks.get(i + k);
    let word = |k: usize, w: &str| at(k).is_some_and(|t| t.is(w));

    // "from November 6 to November 9", "between June 1 and June 15, 2016"
    if (t.is("from") || t.is("between"))
        && let Some((a, n)) = date_at(toks, i + 1, false)
        && a.day.is_some()
        && (word(1 + n, "to") || word(1 + n, "and") || word(1 + n, "through"))
        && let Some((mut b, m)) = date_at(toks, i + 2 + n, false).or_else(|| {
            // "from November 6 to 9"
            let d = at(2 + n)?.number().filter(|d| (1..=31).contains(d))?;
            Some((
                Md {
                    year: None,
                    month: a.month,
                    day: Some(d as u8),
                },
                1,
            ))
        })
    {
        let a = Md {
            year: a.year.or(b.year),
            ..a
        };
        b.year = b.year.or(a.year);
        return Some((Said::Between(a, b), 2 + n + m));
    }
    // "prior to November 2016", "before July 29, 2016", "after June 2016", "since July"
    let (lead, kind) = if t.is("prior") && word(1, "to") {
        (2, Some(0))
    } else if t.is("before") || t.is("until") || t.is("till") {
        (1, Some(0))
    } else if t.is("after") {
        (1, Some(1))
    } else if t.is("since") {
        (1, Some(2))
    } else {
        (0, None)
    };
    if let Some(kind) = kind
        && let Some((md, n)) = date_at(toks, i + lead, true)
    {
        let said = match kind {
            0 => Said::Before(md),
            1 => Said::After(md, false),
            _ => Said::After(md, true),
        };
        return Some((said, lead + n));
    }
    // "early June 2016", "mid-June", "late October"
    let rough = t.is("early")
        || t.is("late")
        || t.is("mid")
        || (t.is("the") && word(1, "end") && word(2, "of"));
    if rough {
        let skip = if t.is("the") {
            3
        } else if word(1, "-") {
            2
        } else {
            1
        };
        if let Some((md, n)) = date_at(toks, i + skip, true)
            && md.day.is_none()
        {
            return Some((Said::Roughly(md), skip + n));
        }
    }
    // "in June", "in June 2016", "in July 2016"
    if t.is("in")
        && let Some((md, n)) = date_at(toks, i + 1, true)
    {
        return Some((Said::On(md), 1 + n));
    }
    if let Some((md, n)) = date_at(toks, i, false) {
        return Some((Said::On(md), n));
    }
    // "election day"
    if t.is("election") && word(1, "day") {
        return Some((Said::ElectionDay, 2));
    }
    // "last Monday", "next Friday", "Monday"
    if (t.is("last") || t.is("next"))
        && let Some(wd) = at(1).and_then(weekday)
    {
        return Some((Said::Weekday(wd, if t.is("last") { -1 } else { 1 }), 2));
    }
    if let Some(wd) = weekday(t) {
        // "on Monday last", "Monday next" (but "Monday last week" is another week).
        let unit_follows = at(2).is_some_and(|t| unit(t).is_some());
        if (word(1, "last") || word(1, "next")) && !unit_follows {
            return Some((Said::Weekday(wd, if word(1, "last") { -1 } else { 1 }), 2));
        }
        return Some((Said::Weekday(wd, 0), 1));
    }
    // "today", "earlier today", "this morning", "tonight", "yesterday afternoon",
    // "last night", "tomorrow evening"
    if (t.is("earlier") || t.is("later")) && word(1, "today") {
        return Some((Said::DaysFromNow(0, None), 2));
    }
    let day = match t.lower.as_str() {
        "yesterday" => Some(-1),
        "today" => Some(0),
        "tomorrow" => Some(1),
        _ => None,
    };
    if let Some(n) = day {
        return Some(match at(1).and_then(part) {
            Some(p) => (Said::DaysFromNow(n, Some(p)), 2),
            None => (Said::DaysFromNow(n, None), 1),
        });
    }
    if t.is("tonight") {
        return Some((Said::DaysFromNow(0, Some(Part::Night)), 1));
    }
    if let Some(p) = at(1).and_then(part) {
        if t.is("this") && p != Part::Night {
            return Some((Said::DaysFromNow(0, Some(p)), 2));
        }
        if t.is("last") && matches!(p, Part::Night | Part::Evening) {
            return Some((Said::DaysFromNow(-1, Some(p)), 2));
        }
    }
    // "last month", "this year", "earlier this month", "next month"
    if t.is("earlier") && word(1, "this") && word(2, "month") {
        return Some((Said::EarlierThisMonth, 3));
    }
    let shift = match t.lower.as_str() {
        "last" | "previous" => Some(-1),
        "this" => Some(0),
        "next" => Some(1),
        _ => None,
    };
    if let Some(shift) = shift {
        if word(1, "month") {
            return Some((Said::Months(shift), 2));
        }
        if word(1, "year") {
            return Some((Said::Years(shift), 2));
        }
    }
    // "the next day", "the following week", "the day before", "the previous day"
    if t.is("the") {
        if (word(1, "next") || word(1, "following"))
            && let Some(u) = at(2).and_then(unit)
        {
            return Some((
                Said::Later {
                    n: 1,
                    unit: u,
                    more: false,
                },
                3,
            ));
        }
        if word(1, "previous")
            && let Some(u) = at(2).and_then(unit)
        {
            return Some((
                Said::Later {
                    n: -1,
                    unit: u,
                    more: false,
                },
                3,
            ));
        }
        if let Some(u) = at(1).and_then(unit)
            && (word(2, "before") || word(2, "after"))
            && !at(3).is_some_and(|t| count(t).is_some() || month(t).is_some())
        {
            let n = if word(2, "before") { -1 } else { 1 };
            return Some((
                Said::Later {
                    n,
                    unit: u,
                    more: false,
                },
                3,
            ));
        }
    }
    // "two days later", "more than a week later", "fifteen minutes later", "15 minutes later"
    let (more, lead) = if t.is("more") && word(1, "than") {
        (true, 2)
    } else {
        (false, 0)
    };
    if let Some(n) = at(lead).and_then(count)
        && let Some(u) = at(lead + 1).and_then(unit)
        && at(lead + 1).is_some_and(|t| t.is_plural_ok(n))
    {
        let after = lead + 2;
        if word(after, "later")
            || word(after, "after")
            || word(after, "afterward")
            || word(after, "afterwards")
        {
            return Some((Said::Later { n, unit: u, more }, after + 1));
        }
        if word(after, "earlier") || word(after, "before") {
            return Some((
                Said::Later {
                    n: -n,
                    unit: u,
                    more,
                },
                after + 1,
            ));
        }
    }
    // A year on its own.
    if let Some(y) = year_at(toks, i) {
        return Some((Said::Year(y), 1));
    }
    None
}

impl Tok<'_> {
    /// "two days" and "a day", not "two day" (a compound like "two-day trip").
    fn is_plural_ok(&self, n: i64) -> bool {
        self.lower.ends_with('s') == (n != 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(text: &str) -> Vec<Said> {
        scan(text).into_iter().map(|f| f.said).collect()
    }

    #[test]
    fn phrases_are_found_with_their_places() {
        let text = "Pence told Fox News on Oct. 12 when asked.";
        let f = scan(text);
        assert_eq!(f.len(), 1);
        assert_eq!(&text[f[0].start..f[0].end], "Oct. 12");
        assert_eq!(
            said("in ‘‘early June 2016’’"),
            [Said::Roughly(Md {
                year: Some(2016),
                month: 6,
                day: None
            })]
        );
        assert_eq!(
            said("two days later, on October 14, 2016, he"),
            [
                Said::Later {
                    n: 2,
                    unit: Unit::Day,
                    more: false
                },
                Said::On(Md {
                    year: Some(2016),
                    month: 10,
                    day: Some(14)
                })
            ]
        );
        assert_eq!(said("we may go"), []);
        // A month's name takes no full stop: it ends the sentence.
        let text = "They met in June. Then";
        let f = scan(text);
        assert_eq!(&text[f[0].start..f[0].end], "in June");
        assert_eq!(
            said(
                "this morning, this afternoon, tonight, earlier today, last night, yesterday \
                  evening, tomorrow, today"
            ),
            [
                Said::DaysFromNow(0, Some(Part::Morning)),
                Said::DaysFromNow(0, Some(Part::Afternoon)),
                Said::DaysFromNow(0, Some(Part::Night)),
                Said::DaysFromNow(0, None),
                Said::DaysFromNow(-1, Some(Part::Night)),
                Said::DaysFromNow(-1, Some(Part::Evening)),
                Said::DaysFromNow(1, None),
                Said::DaysFromNow(0, None),
            ]
        );
        // "on Monday last" is the Monday before; "Monday last week" is not read as that.
        assert_eq!(said("on Monday last"), [Said::Weekday(Weekday::Mon, -1)]);
        assert_eq!(said("Friday next"), [Said::Weekday(Weekday::Fri, 1)]);
        assert_eq!(
            said("on Monday last week"),
            [Said::Weekday(Weekday::Mon, 0)]
        );
        // "this night" and "last morning" are not said.
        assert_eq!(said("this night, last morning"), []);
        assert_eq!(said("a two-day trip"), []);
    }
}

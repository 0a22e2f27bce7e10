// Over 600 lines with its unit tests: the parser is 540 lines, and its tests sit beside it.
//! Uncertain dates: the subset of ISO 8601-2 / EDTF that case files use.
//!
//! Accepted forms: `2016`, `2016-06`, `2016-06-12`, `2016-10-12T11:41` (optional `:SS`
//! and `Z` / `±HH:MM` offset); a trailing `?` (uncertain), `~` (approximate) or `%` (both)
//! on any point; intervals `A/B`; open ends `../B` (on or before) and `A/..` (on or after).
//!
//! Every date covers a span of instants. The timeline orders by the earliest possible
//! instant ([`Date::earliest`]); filters test overlap with [`Date::latest`] too.

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

/// How exactly a point is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
    Minute,
    Second,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
            Precision::Minute => "minute",
            Precision::Second => "second",
        }
    }
}

/// EDTF qualification of a point: `?`, `~` or `%`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Qualifier {
    #[default]
    None,
    /// `?`: the source is not sure of it.
    Uncertain,
    /// `~`: roughly this ("early June").
    Approximate,
    /// `%`: both uncertain and approximate.
    Both,
}

impl Qualifier {
    pub fn symbol(self) -> &'static str {
        match self {
            Qualifier::None => "",
            Qualifier::Uncertain => "?",
            Qualifier::Approximate => "~",
            Qualifier::Both => "%",
        }
    }
    fn words(self) -> &'static str {
        match self {
            Qualifier::None => "",
            Qualifier::Uncertain => "uncertain",
            Qualifier::Approximate => "approximate",
            Qualifier::Both => "uncertain, approximate",
        }
    }
}

/// One calendar point at some precision, e.g. `2016-06~`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Point {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
    /// Hour, minute, second (second is 0 when not given; see `precision`).
    pub time: Option<(u8, u8, u8)>,
    /// UTC offset in minutes, when the time carries one.
    pub offset_minutes: Option<i16>,
    pub precision: Precision,
    pub qualifier: Qualifier,
}

/// One end of an interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Bound {
    Point(Point),
    /// `..`: open, unbounded on this side.
    Open,
}

/// A possibly uncertain date: a single point or an interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Date {
    Single(Point),
    Interval(Bound, Bound),
}

/// Why a date string was rejected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DateError(pub String);

const HELP: &str = "use YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM], \
optionally followed by ? ~ or %, or an interval A/B with .. for an open end";

fn err(s: &str, why: &str) -> DateError {
    DateError(format!("bad date {s:?}: {why}; {HELP}"))
}

impl Point {
    /// `s` read as `YYYY-MM-DD`, if it is just that and a real day; `None` for anything
    /// else, which [`Point::parse`] reads (or explains).
    fn plain_day(s: &str) -> Option<Point> {
        let b: &[u8; 10] = s.as_bytes().try_into().ok()?;
        let digit = |i: usize| b[i].is_ascii_digit().then(|| i32::from(b[i] - b'0'));
        if b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = digit(0)? * 1000 + digit(1)? * 100 + digit(2)? * 10 + digit(3)?;
        let month = (digit(5)? * 10 + digit(6)?) as u8;
        let day = (digit(8)? * 10 + digit(9)?) as u8;
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            1..=12 => 31,
            _ => return None,
        };
        (1..=days).contains(&day).then_some(Point {
            year,
            month: Some(month),
            day: Some(day),
            time: None,
            offset_minutes: None,
            precision: Precision::Day,
            qualifier: Qualifier::None,
        })
    }

    fn parse(s: &str, whole: &str) -> Result<Point, DateError> {
        let (body, qualifier) = match s.as_bytes().last() {
            Some(b'?') => (&s[..s.len() - 1], Qualifier::Uncertain),
            Some(b'~') => (&s[..s.len() - 1], Qualifier::Approximate),
            Some(b'%') => (&s[..s.len() - 1], Qualifier::Both),
            _ => (s, Qualifier::None),
        };
        if body.is_empty() {
            return Err(err(whole, "empty date"));
        }
        let (date_part, time_part) = match body.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (body, None),
        };
        // EDTF writes years before 1 CE with a minus (`-0044` is 45 BCE): said as such,
        // not as a malformed year.
        if date_part.starts_with('-') {
            return Err(err(
                whole,
                "years before 0001 are not supported (a negative year is BCE)",
            ));
        }
        let mut fields = date_part.split('-');
        let year_s = fields.next().unwrap_or_default();
        if year_s.len() != 4 || !year_s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err(whole, "the year must be four digits"));
        }
        let year: i32 = year_s.parse().map_err(|_| err(whole, "bad year"))?;
        let two = |f: Option<&str>, what: &str| -> Result<Option<u8>, DateError> {
            match f {
                None => Ok(None),
                Some(x) if x.len() == 2 && x.bytes().all(|b| b.is_ascii_digit()) => {
                    Ok(Some(x.parse().expect("two ascii digits")))
                }
                Some(_) => Err(err(whole, &format!("the {what} must be two digits"))),
            }
        };
        let month = two(fields.next(), "month")?;
        let day = two(fields.next(), "day")?;
        if fields.next().is_some() {
            return Err(err(whole, "too many '-' separated parts"));
        }
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(err(whole, &format!("there is no month {m:02}")));
        }
        if let (Some(m), Some(d)) = (month, day)
            && NaiveDate::from_ymd_opt(year, m.into(), d.into()).is_none()
        {
            return Err(err(whole, &format!("{year}-{m:02} has no day {d:02}")));
        }
        let mut precision = match (month, day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        };
        let mut time = None;
        let mut offset_minutes = None;
        if let Some(t) = time_part {
            if day.is_none() {
                return Err(err(whole, "a time needs a full date before the 'T'"));
            }
            let (clock, offset) = split_offset(t).ok_or_else(|| err(whole, "bad UTC offset"))?;
            offset_minutes = offset;
            let parts: Vec<&str> = clock.split(':').collect();
            let num = |x: &str, max: u8, what: &str| -> Result<u8, DateError> {
                if x.len() == 2 && x.bytes().all(|b| b.is_ascii_digit()) {
                    let v: u8 = x.parse().expect("two ascii digits");
                    if v <= max {
                        return Ok(v);
                    }
                }
                Err(err(whole, &format!("bad {what} {x:?}")))
            };
            match parts.as_slice() {
                [h, m] => {
                    time = Some((num(h, 23, "hour")?, num(m, 59, "minute")?, 0));
                    precision = Precision::Minute;
                }
                [h, m, sec] => {
                    time = Some((
                        num(h, 23, "hour")?,
                        num(m, 59, "minute")?,
                        num(sec, 59, "second")?,
                    ));
                    precision = Precision::Second;
                }
                _ => return Err(err(whole, "the time must be HH:MM or HH:MM:SS")),
            }
        }
        Ok(Point {
            year,
            month,
            day,
            time,
            offset_minutes,
            precision,
            qualifier,
        })
    }

    /// First instant the point covers, as seconds since 1970-01-01 UTC.
    /// Times without an offset are read as UTC.
    pub fn start(&self) -> i64 {
        let date = NaiveDate::from_ymd_opt(
            self.year,
            self.month.unwrap_or(1).into(),
            self.day.unwrap_or(1).into(),
        )
        .expect("validated at parse");
        let (h, m, s) = self.time.unwrap_or((0, 0, 0));
        let t = NaiveTime::from_hms_opt(h.into(), m.into(), s.into()).expect("validated at parse");
        NaiveDateTime::new(date, t).and_utc().timestamp()
            - i64::from(self.offset_minutes.unwrap_or(0)) * 60
    }

    /// Last instant the point covers (inclusive), in seconds since 1970-01-01 UTC.
    pub fn end(&self) -> i64 {
        let next = match self.precision {
            Precision::Year => ymd(self.year + 1, 1, 1)
                .and_hms_opt(0, 0, 0)
                .expect("midnight")
                .and_utc()
                .timestamp(),
            Precision::Month => {
                let m = self.month.expect("month precision") as u32;
                let (y, m) = if m == 12 {
                    (self.year + 1, 1)
                } else {
                    (self.year, m + 1)
                };
                ymd(y, m, 1)
                    .and_hms_opt(0, 0, 0)
                    .expect("midnight")
                    .and_utc()
                    .timestamp()
            }
            Precision::Day => self.start() + 86_400,
            Precision::Minute => self.start() + 60,
            Precision::Second => self.start() + 1,
        };
        next - 1
    }

    /// Day of the week, when the point names a day.
    pub fn weekday(&self) -> Option<chrono::Weekday> {
        Some(NaiveDate::from_ymd_opt(self.year, self.month?.into(), self.day?.into())?.weekday())
    }

    /// Human wording: "12 June 2016", "June 2016", "2016", "12 Oct 2016 11:41 UTC".
    pub fn human(&self) -> String {
        let mut s = match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", month_name(m), self.year),
            (Some(m), None) => format!("{} {}", month_name(m), self.year),
            _ => self.year.to_string(),
        };
        if let Some((h, m, sec)) = self.time {
            s.push_str(&format!(" {h:02}:{m:02}"));
            if self.precision == Precision::Second {
                s.push_str(&format!(":{sec:02}"));
            }
            if let Some(off) = self.offset_minutes {
                s.push(' ');
                s.push_str(&format_offset(off));
            }
        }
        s
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid calendar date")
}

/// The English name of month `m` (1–12; out-of-range values are clamped).
pub fn month_name(m: u8) -> &'static str {
    const NAMES: [&str; 12] = [
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
    NAMES[usize::from(m.clamp(1, 12)) - 1]
}

fn format_offset(off: i16) -> String {
    if off == 0 {
        return "UTC".into();
    }
    let sign = if off < 0 { '-' } else { '+' };
    let a = off.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", a / 60, a % 60)
}

/// Splits `HH:MM[:SS]` from a trailing `Z` or `±HH:MM`; `None` if the offset is malformed.
fn split_offset(t: &str) -> Option<(&str, Option<i16>)> {
    if let Some(clock) = t.strip_suffix('Z') {
        return Some((clock, Some(0)));
    }
    let Some(pos) = t.rfind(['+', '-']) else {
        return Some((t, None));
    };
    let (clock, off) = t.split_at(pos);
    let sign: i16 = if off.starts_with('-') { -1 } else { 1 };
    let digits = &off[1..];
    let (h, m) = digits.split_once(':').unwrap_or((digits, "00"));
    let ok = |x: &str| x.len() == 2 && x.bytes().all(|b| b.is_ascii_digit());
    if !ok(h) || !ok(m) {
        return None;
    }
    let (h, m): (i16, i16) = (h.parse().ok()?, m.parse().ok()?);
    if h > 14 || m > 59 {
        return None;
    }
    Some((clock, Some(sign * (h * 60 + m))))
}

impl Date {
    /// Parses an EDTF-subset date string. The error says what is wrong and which forms work.
    pub fn parse(s: &str) -> Result<Date, DateError> {
        // Most dates in a large case are plain days: read those without splitting.
        if let Some(p) = Point::plain_day(s) {
            return Ok(Date::Single(p));
        }
        Date::parse_any(s)
    }

    /// [`Date::parse`] for any date, without the shortcut for plain days.
    fn parse_any(s: &str) -> Result<Date, DateError> {
        let s_trim = s.trim();
        if s_trim != s {
            return Err(err(s, "leading or trailing spaces"));
        }
        match s.split_once('/') {
            None => {
                if s == ".." {
                    return Err(err(s, "'..' is only allowed as one end of an interval"));
                }
                Ok(Date::Single(Point::parse(s, s)?))
            }
            Some((a, b)) => {
                if b.contains('/') {
                    return Err(err(s, "an interval has exactly one '/'"));
                }
                let bound = |x: &str| -> Result<Bound, DateError> {
                    if x == ".." {
                        Ok(Bound::Open)
                    } else {
                        Point::parse(x, s).map(Bound::Point)
                    }
                };
                let (start, end) = (bound(a)?, bound(b)?);
                match (start, end) {
                    (Bound::Open, Bound::Open) => {
                        Err(err(s, "at least one end of an interval must be a date"))
                    }
                    (Bound::Point(p), Bound::Point(q)) if q.end() < p.start() => {
                        Err(err(s, "the interval ends before it starts"))
                    }
                    _ => Ok(Date::Interval(start, end)),
                }
            }
        }
    }

    /// Earliest possible instant (seconds since epoch, UTC); `i64::MIN` for an open start.
    pub fn earliest(&self) -> i64 {
        match self {
            Date::Single(p) => p.start(),
            Date::Interval(Bound::Point(p), _) => p.start(),
            Date::Interval(Bound::Open, _) => i64::MIN,
        }
    }

    /// Where the date sits on the timeline: its earliest instant, or for an open start
    /// ("on or before …") the start of its known bound, so such an event is placed by
    /// what is known of it rather than before everything.
    pub fn timeline_key(&self) -> i64 {
        match self {
            Date::Interval(Bound::Open, Bound::Point(p)) => p.start(),
            _ => self.earliest(),
        }
    }

    /// Latest possible instant (inclusive); `i64::MAX` for an open end.
    pub fn latest(&self) -> i64 {
        match self {
            Date::Single(p) => p.end(),
            Date::Interval(_, Bound::Point(p)) => p.end(),
            Date::Interval(_, Bound::Open) => i64::MAX,
        }
    }

    /// Whether the date's span overlaps `[from, to]` (inclusive instants).
    pub fn overlaps(&self, from: i64, to: i64) -> bool {
        self.earliest() <= to && self.latest() >= from
    }

    /// The point that places the date on the timeline: the start, or the end when the start is open.
    pub fn anchor(&self) -> Point {
        match self {
            Date::Single(p)
            | Date::Interval(Bound::Point(p), _)
            | Date::Interval(Bound::Open, Bound::Point(p)) => *p,
            Date::Interval(Bound::Open, Bound::Open) => unreachable!("rejected at parse"),
        }
    }

    /// True when the date is not one exact point: qualified, an interval, or coarser than a day.
    pub fn is_vague(&self) -> bool {
        match self {
            Date::Single(p) => p.qualifier != Qualifier::None,
            Date::Interval(..) => true,
        }
    }

    /// The coarsest precision among the date's points.
    pub fn precision(&self) -> Precision {
        match self {
            Date::Single(p) => p.precision,
            Date::Interval(a, b) => {
                let pa = if let Bound::Point(p) = a {
                    p.precision
                } else {
                    Precision::Second
                };
                let pb = if let Bound::Point(p) = b {
                    p.precision
                } else {
                    Precision::Second
                };
                pa.min(pb)
            }
        }
    }

    /// A sentence-like description: "12 June 2016", "June 2016 (approximate)",
    /// "between 1 June 2016 and 15 June 2016", "on or before November 2016".
    pub fn describe(&self) -> String {
        fn point(p: &Point) -> String {
            if p.qualifier == Qualifier::None {
                p.human()
            } else {
                format!("{} ({})", p.human(), p.qualifier.words())
            }
        }
        match self {
            Date::Single(p) => point(p),
            Date::Interval(Bound::Open, Bound::Point(p)) => format!("on or before {}", point(p)),
            Date::Interval(Bound::Point(p), Bound::Open) => format!("on or after {}", point(p)),
            Date::Interval(Bound::Point(a), Bound::Point(b)) => {
                format!("between {} and {}", point(a), point(b))
            }
            Date::Interval(Bound::Open, Bound::Open) => unreachable!("rejected at parse"),
        }
    }
}

impl fmt::Display for Point {
    /// The canonical EDTF form, e.g. `2016-06-12`, `2016-06~`, `2016-10-12T11:41+02:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        if let Some((h, m, s)) = self.time {
            write!(f, "T{h:02}:{m:02}")?;
            if self.precision == Precision::Second {
                write!(f, ":{s:02}")?;
            }
            match self.offset_minutes {
                Some(0) => f.write_str("Z")?,
                Some(o) => {
                    let a = o.unsigned_abs();
                    write!(
                        f,
                        "{}{:02}:{:02}",
                        if o < 0 { '-' } else { '+' },
                        a / 60,
                        a % 60
                    )?
                }
                None => {}
            }
        }
        f.write_str(self.qualifier.symbol())
    }
}

impl fmt::Display for Date {
    /// The canonical EDTF form; parsing it gives the same date back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bound = |b: &Bound, f: &mut fmt::Formatter<'_>| match b {
            Bound::Open => f.write_str(".."),
            Bound::Point(p) => write!(f, "{p}"),
        };
        match self {
            Date::Single(p) => write!(f, "{p}"),
            Date::Interval(a, b) => {
                bound(a, f)?;
                f.write_str("/")?;
                bound(b, f)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    proptest::proptest! {
        /// The shortcut for plain days reads what the full parse reads, and leaves
        /// everything else to it: dates near the shape, with any digits.
        #[test]
        fn plain_days_read_as_any_date(s in "[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9-]{10}|[0-9]{4}-[0-9]{2}-[0-9]{2}[?~ T0-9:]{0,6}") {
            proptest::prop_assert_eq!(Date::parse(&s), Date::parse_any(&s));
        }
    }

    #[test]
    fn plain_days_at_the_edges() {
        for (s, ok) in [
            ("2016-02-29", true),
            ("2015-02-29", false),
            ("2000-02-29", true),
            ("1900-02-29", false),
            ("2016-04-31", false),
            ("2016-12-31", true),
            ("2016-13-01", false),
            ("2016-00-10", false),
            ("2016-06-00", false),
            ("0000-01-01", true),
        ] {
            assert_eq!(Point::plain_day(s).is_some(), ok, "{s}");
            assert_eq!(Date::parse(s), Date::parse_any(s), "{s}");
        }
        // Every month and day, valid or not, over leap and century years.
        let years = [0, 4, 100, 400, 1900, 2000, 2100, 9996, 9999].into_iter();
        for y in years.chain(1990..2030) {
            for m in 0..14 {
                for d in 0..33 {
                    let s = format!("{y:04}-{m:02}-{d:02}");
                    match Point::plain_day(&s) {
                        Some(p) => assert_eq!(Ok(Date::Single(p)), Date::parse_any(&s), "{s}"),
                        None => assert!(Date::parse_any(&s).is_err(), "{s}"),
                    }
                }
            }
        }
        // Near the shape: left to the general parse.
        for s in [
            "2016-06715",
            "2016-06/15",
            "2016x06-15",
            "+2016-06-15",
            "2016-06-1\u{661}",
            "\u{662}016-06-1",
            "2016-6-15 ",
            "2016/06/15",
            "-2016-01-01",
            "2016-06-15Z",
            "2016-06-15?",
        ] {
            assert_eq!(Point::plain_day(s), None, "{s}");
            assert_eq!(Date::parse(s), Date::parse_any(s), "{s}");
        }
    }

    #[test]
    fn precisions() {
        assert_eq!(d("2016").precision(), Precision::Year);
        assert_eq!(d("2016-06").precision(), Precision::Month);
        assert_eq!(d("2016-06-12").precision(), Precision::Day);
        assert_eq!(d("2016-10-12T11:41").precision(), Precision::Minute);
        assert_eq!(d("2016-10-12T11:41:07Z").precision(), Precision::Second);
        assert_eq!(d("2016-06/2016-06-15").precision(), Precision::Month);
    }

    #[test]
    fn spans_cover_the_whole_unit() {
        let june = d("2016-06");
        assert_eq!(june.earliest(), d("2016-06-01").earliest());
        assert_eq!(june.latest(), d("2016-07-01").earliest() - 1);
        let dec = d("2016-12");
        assert_eq!(dec.latest(), d("2017-01-01").earliest() - 1);
        let leap = d("2016-02");
        assert_eq!(leap.latest(), d("2016-02-29").latest());
        assert_eq!(d("2016").latest(), d("2016-12-31").latest());
    }

    #[test]
    fn offsets_shift_to_utc() {
        assert_eq!(
            d("2016-10-12T11:41+02:00").earliest(),
            d("2016-10-12T09:41Z").earliest()
        );
        assert_eq!(
            d("2016-10-12T11:41-05:30").earliest(),
            d("2016-10-12T17:11").earliest()
        );
    }

    #[test]
    fn qualifiers_parse_and_print() {
        for s in [
            "2016-06~",
            "2016-06-12?",
            "2016%",
            "2016-06-01/2016-06-15",
            "../2016-11",
            "2016-06/..",
            "2016-06-01?/2016-06-15~",
        ] {
            assert_eq!(d(s).to_string(), s);
        }
        assert!(d("2016-06~").is_vague());
        assert!(!d("2016-06-12").is_vague());
        assert!(
            !d("2016-06").is_vague(),
            "plain month precision is exact at its precision"
        );
    }

    #[test]
    fn open_ends() {
        let before = d("../2016-11");
        assert_eq!(before.earliest(), i64::MIN);
        assert_eq!(before.latest(), d("2016-11").latest());
        let after = d("2016-06/..");
        assert_eq!(after.latest(), i64::MAX);
        assert_eq!(before.describe(), "on or before November 2016");
        assert_eq!(after.describe(), "on or after June 2016");
    }

    #[test]
    fn ordering_by_earliest_instant() {
        let mut v = [
            d("2016-06-12"),
            d("2016"),
            d("../2016-11"),
            d("2016-06~"),
            d("2016-06-01/2016-06-15"),
            d("2016-06-12T08:00"),
        ];
        v.sort_by_key(|x| x.earliest());
        let got: Vec<String> = v.iter().map(|x| x.to_string()).collect();
        // Stable sort keeps file order among equal starts (2016-06~ before the interval).
        assert_eq!(
            got,
            [
                "../2016-11",
                "2016",
                "2016-06~",
                "2016-06-01/2016-06-15",
                "2016-06-12",
                "2016-06-12T08:00"
            ]
        );
    }

    #[test]
    fn overlap() {
        let oct = d("2016-10");
        assert!(d("2016-10-12").overlaps(oct.earliest(), oct.latest()));
        assert!(d("2016").overlaps(oct.earliest(), oct.latest()));
        assert!(!d("2016-11-08").overlaps(oct.earliest(), oct.latest()));
        assert!(d("../2016-11").overlaps(oct.earliest(), oct.latest()));
    }

    #[test]
    fn describe_reads_well() {
        assert_eq!(d("2016-06-12").describe(), "12 June 2016");
        assert_eq!(d("2016-06~").describe(), "June 2016 (approximate)");
        assert_eq!(
            d("2016-06-01/2016-06-15").describe(),
            "between 1 June 2016 and 15 June 2016"
        );
        assert_eq!(
            d("2016-10-12T11:41Z").describe(),
            "12 October 2016 11:41 UTC"
        );
        assert_eq!(d("2017-11-13?").describe(), "13 November 2017 (uncertain)");
    }

    #[test]
    fn rejects_with_reasons() {
        for (s, why) in [
            ("", "empty"),
            ("16-06", "four digits"),
            ("2016-13", "no month 13"),
            ("2016-02-30", "no day 30"),
            ("2016-6", "two digits"),
            ("2016-06-12T25:00", "hour"),
            ("2016-06T11:00", "full date"),
            ("../..", "at least one end"),
            ("2016-07/2016-06", "ends before"),
            ("..", "only allowed"),
            ("2016-06-12T11:41+99:00", "offset"),
            (" 2016", "spaces"),
            ("2016/2017/2018", "exactly one"),
            ("June 2016", "four digits"),
            ("2016-06-12-01", "too many"),
            ("-0044-03-15", "years before 0001 are not supported"),
            ("-0044-03-15/2016", "years before 0001"),
        ] {
            let e = Date::parse(s).expect_err(s).0;
            assert!(e.contains(why), "{s:?}: {e}");
        }
    }

    #[test]
    fn weekday_of_relative_dates() {
        // The sources say "Thursday" for 9 November 2017 and "Monday" for 13 November 2017.
        assert_eq!(
            d("2017-11-09").anchor().weekday(),
            Some(chrono::Weekday::Thu)
        );
        assert_eq!(
            d("2017-11-13").anchor().weekday(),
            Some(chrono::Weekday::Mon)
        );
    }
}

//! Dates between the formats and the case's EDTF subset: calendar parts to a checked
//! EDTF point, ISO 8601 date-times (with offsets, fractions, a space for `T`) to UTC parts,
//! and a case date's points back to UTC parts for the formats that need an instant.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Timelike, Utc};

use crate::case::date::{Bound, Date, Point, Precision};

/// Calendar parts of one point, as a format gives them (UTC or naive local time).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Parts {
    pub year: i64,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub hour: Option<u32>,
    pub minute: Option<u32>,
    pub second: Option<u32>,
}

/// The years a case date can hold.
pub const YEARS: std::ops::RangeInclusive<i64> = 1..=9999;

impl Parts {
    /// The EDTF point for these parts (`0602`, `1969-07-20T20:17`, `…:56`), or why not.
    /// A time needs a day; an hour without minutes is given as `HH:00`.
    pub fn to_edtf(&self) -> Result<String, String> {
        if !YEARS.contains(&self.year) {
            return Err(format!(
                "year {} is outside the years a case holds (0001–9999)",
                self.year
            ));
        }
        let mut s = format!("{:04}", self.year);
        let Some(m) = self.month else {
            return Ok(s);
        };
        if !(1..=12).contains(&m) {
            return Err(format!("there is no month {m}"));
        }
        s.push_str(&format!("-{m:02}"));
        let Some(d) = self.day else {
            return Ok(s);
        };
        if NaiveDate::from_ymd_opt(self.year as i32, m, d).is_none() {
            return Err(format!("{:04}-{m:02} has no day {d}", self.year));
        }
        s.push_str(&format!("-{d:02}"));
        let Some(h) = self.hour else {
            return Ok(s);
        };
        let min = self.minute.unwrap_or(0);
        if h > 23 || min > 59 {
            return Err(format!("there is no time {h}:{min:02}"));
        }
        s.push_str(&format!("T{h:02}:{min:02}"));
        if let Some(sec) = self.second {
            if sec > 59 {
                return Err(format!("there is no second {sec}"));
            }
            s.push_str(&format!(":{sec:02}"));
        }
        Ok(s)
    }
}

/// A date-time read from ISO 8601 text, in UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instant {
    pub utc: NaiveDateTime,
    /// Whether the text had a fraction of a second that was not zero (it is dropped).
    pub fraction: bool,
    /// Whether the text gave no offset (read as UTC).
    pub naive: bool,
    /// Whether the text had a time at all.
    pub has_time: bool,
}

impl Instant {
    /// Seconds since 1970-01-01 UTC.
    pub fn timestamp(&self) -> i64 {
        self.utc.and_utc().timestamp()
    }

    /// The case date at second precision in UTC: `2015-07-24T19:01:01Z`.
    pub fn edtf_seconds(&self) -> String {
        self.utc.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    }
}

/// Reads `2015-07-24T19:01:01+00:00`, `2015-07-25 02:01:01+0000`, `…Z`, `….877297Z`,
/// `2017-09-24 19:01:01` (naive: UTC) or a plain `2017-09-24` (midnight UTC).
pub fn parse_iso(s: &str) -> Option<Instant> {
    let s = s.trim();
    if s.len() == 10
        && let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d")
    {
        return Some(Instant {
            utc: d.and_hms_opt(0, 0, 0)?,
            fraction: false,
            naive: true,
            has_time: false,
        });
    }
    let t = s.replacen(' ', "T", 1);
    let (body, offset) = split_offset(&t)?;
    let dt = NaiveDateTime::parse_from_str(body, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(body, "%Y-%m-%dT%H:%M"))
        .ok()?;
    let utc = match offset {
        Some(off) => dt.and_local_timezone(off).single()?.naive_utc(),
        None => dt,
    };
    Some(Instant {
        utc: utc.with_nanosecond(0)?,
        fraction: dt.nanosecond() != 0,
        naive: offset.is_none(),
        has_time: true,
    })
}

/// Splits a trailing `Z`, `±HH:MM` or `±HHMM` off a date-time.
fn split_offset(t: &str) -> Option<(&str, Option<FixedOffset>)> {
    if let Some(body) = t.strip_suffix('Z').or_else(|| t.strip_suffix('z')) {
        return Some((body, FixedOffset::east_opt(0)));
    }
    let time_at = t.find('T')?;
    let Some(pos) = t[time_at..].rfind(['+', '-']).map(|p| p + time_at) else {
        return Some((t, None));
    };
    let (body, off) = t.split_at(pos);
    let sign = if off.starts_with('-') { -1 } else { 1 };
    let digits: String = off[1..].chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: i32 = digits[..2].parse().ok()?;
    let m: i32 = digits[2..].parse().ok()?;
    Some((
        body,
        Some(FixedOffset::east_opt(sign * (h * 3600 + m * 60))?),
    ))
}

/// An epoch number as Timesketch reads it by magnitude: > 1e17 nanoseconds, > 1e14
/// microseconds, > 1e11 milliseconds, else seconds. Returns the UTC instant.
pub fn from_epoch(n: i64) -> Option<Instant> {
    let (secs, sub) = match n.unsigned_abs() {
        a if a > 100_000_000_000_000_000 => {
            (n.div_euclid(1_000_000_000), n.rem_euclid(1_000_000_000))
        }
        a if a > 100_000_000_000_000 => (n.div_euclid(1_000_000), n.rem_euclid(1_000_000)),
        a if a > 100_000_000_000 => (n.div_euclid(1000), n.rem_euclid(1000)),
        _ => (n, 0),
    };
    let utc = DateTime::<Utc>::from_timestamp(secs, 0)?.naive_utc();
    Some(Instant {
        utc,
        fraction: sub != 0,
        naive: false,
        has_time: true,
    })
}

/// The UTC date-time a point starts at (its offset applied).
pub fn point_utc(p: &Point) -> NaiveDateTime {
    DateTime::<Utc>::from_timestamp(p.start(), 0)
        .expect("case years fit")
        .naive_utc()
}

/// Calendar parts of a point at its own precision; times are converted to UTC.
pub fn point_parts(p: &Point) -> Parts {
    let mut parts = Parts {
        year: i64::from(p.year),
        month: p.month.map(u32::from),
        day: p.day.map(u32::from),
        ..Parts::default()
    };
    if p.time.is_some() {
        let t = point_utc(p);
        parts.year = i64::from(t.year());
        parts.month = Some(t.month());
        parts.day = Some(t.day());
        parts.hour = Some(t.hour());
        parts.minute = Some(t.minute());
        if p.precision == Precision::Second {
            parts.second = Some(t.second());
        }
    }
    parts
}

/// The same instant with its time in UTC (`Z`), when it has a time with an offset.
pub fn to_utc(p: &Point) -> Point {
    if p.time.is_none() || p.offset_minutes.is_none() {
        return *p;
    }
    let t = point_utc(p);
    Point {
        year: t.year(),
        month: Some(t.month() as u8),
        day: Some(t.day() as u8),
        time: Some((t.hour() as u8, t.minute() as u8, t.second() as u8)),
        offset_minutes: Some(0),
        ..*p
    }
}

/// A point as an EDTF string without its qualifier, times in UTC (`Z`) when it has one.
pub fn point_plain(p: &Point) -> String {
    let parts = point_parts(p);
    let mut s = parts.to_edtf().expect("a case point is a valid date");
    if p.time.is_some() && p.offset_minutes.is_some() {
        s.push('Z');
    }
    s
}

/// The start and end points of a date; `None` for an open end.
pub fn bounds(d: &Date) -> (Option<Point>, Option<Point>) {
    match d {
        Date::Single(p) => (Some(*p), None),
        Date::Interval(a, b) => {
            let pt = |x: &Bound| match x {
                Bound::Point(p) => Some(*p),
                Bound::Open => None,
            };
            (pt(a), pt(b))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(y: i64, m: Option<u32>, d: Option<u32>) -> Parts {
        Parts {
            year: y,
            month: m,
            day: d,
            ..Parts::default()
        }
    }

    #[test]
    fn parts_become_points() {
        assert_eq!(parts(602, None, None).to_edtf().unwrap(), "0602");
        assert_eq!(parts(1943, Some(7), None).to_edtf().unwrap(), "1943-07");
        let mut p = parts(1900, Some(1), Some(6));
        p.hour = Some(6);
        assert_eq!(p.to_edtf().unwrap(), "1900-01-06T06:00");
        p.minute = Some(45);
        p.second = Some(56);
        assert_eq!(p.to_edtf().unwrap(), "1900-01-06T06:45:56");
        assert!(
            parts(-500, None, None)
                .to_edtf()
                .unwrap_err()
                .contains("outside")
        );
        assert!(parts(0, None, None).to_edtf().is_err());
        assert!(parts(2015, Some(2), Some(29)).to_edtf().is_err());
        assert!(parts(2015, Some(13), None).to_edtf().is_err());
        for s in ["0602", "1900-01-06T06:45:56", "1943-07"] {
            assert!(Date::parse(s).is_ok(), "{s}");
        }
    }

    #[test]
    fn iso_date_times_in_utc() {
        let utc = |s: &str| parse_iso(s).map(|i| i.edtf_seconds());
        let want = Some("2015-07-25T02:01:01Z".to_string());
        assert_eq!(utc("2015-07-25T02:01:01+00:00"), want);
        assert_eq!(utc("2015-07-25T02:01:01+0000"), want);
        assert_eq!(utc("2015-07-25 02:01:01+00:00"), want);
        assert_eq!(utc("2015-07-24T19:01:01-07:00"), want);
        assert_eq!(utc("2015-07-25T02:01:01Z"), want);
        assert_eq!(utc("2015-07-25 02:01:01"), want);
        let frac = parse_iso("2012-03-14 04:17:38.276340+00:00").unwrap();
        assert!(frac.fraction && !frac.naive);
        assert_eq!(frac.edtf_seconds(), "2012-03-14T04:17:38Z");
        assert!(parse_iso("2017-09-24 19:01:01").unwrap().naive);
        assert_eq!(utc("2017-09-24"), Some("2017-09-24T00:00:00Z".into()));
        assert_eq!(utc("1234 19:01:01"), None);
        assert_eq!(utc(""), None);
        assert_eq!(utc("2015-07-25T02:01:01+5"), None);
    }

    #[test]
    fn epochs_by_magnitude() {
        let want = "2022-07-24T19:01:01Z";
        for n in [
            1_658_689_261,
            1_658_689_261_123,
            1_658_689_261_123_456,
            1_658_689_261_123_456_789,
        ] {
            assert_eq!(from_epoch(n).unwrap().edtf_seconds(), want, "{n}");
        }
        assert!(!from_epoch(1_658_689_261).unwrap().fraction);
        assert!(from_epoch(1_658_689_261_123).unwrap().fraction);
    }

    #[test]
    fn points_in_utc() {
        let p = |s: &str| Date::parse(s).unwrap().anchor();
        assert_eq!(
            point_plain(&p("2016-10-12T11:41+02:00")),
            "2016-10-12T09:41Z"
        );
        assert_eq!(point_plain(&p("2016-10-12T11:41")), "2016-10-12T11:41");
        assert_eq!(
            point_plain(&p("2016-10-12T23:41:07-02:00")),
            "2016-10-13T01:41:07Z"
        );
        assert_eq!(point_plain(&p("2016-06~")), "2016-06");
    }
}

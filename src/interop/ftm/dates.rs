//! FtM dates: ISO 8601 prefixes (`2021`, `2021-02`, `2021-02-16`, `2021-02-16T21`,
//! `…T21:48`, `…T21:48:52`), read as FtM normalises them: a space for `T`, `2017-4-4` padded,
//! `-00` ends the precision, an offset converted to UTC and dropped, fractions dropped.

use chrono::{NaiveDate, NaiveDateTime, Timelike};

use crate::interop::dates::{Parts, parse_iso};

/// The case date for an FtM date string, and whether a finer part (a fraction) was cut.
pub fn ftm_date(s: &str) -> Result<(String, bool), String> {
    let s = s.trim().replacen(' ', "T", 1);
    let (date, time) = match s.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (s.as_str(), None),
    };
    let mut nums: Vec<u32> = Vec::new();
    for (i, p) in date.split('-').enumerate() {
        let ok = !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && (i > 0 || p.len() == 4);
        if !ok || i > 2 {
            return Err(format!("{s:?} is not an ISO date"));
        }
        let v: u32 = p.parse().map_err(|_| format!("{s:?} is not an ISO date"))?;
        // `-00` ends the precision here.
        if i > 0 && v == 0 {
            break;
        }
        nums.push(v);
    }
    let mut parts = Parts {
        year: i64::from(nums[0]),
        month: nums.get(1).copied(),
        day: nums.get(2).copied(),
        ..Parts::default()
    };
    let Some(time) = time.filter(|t| !t.is_empty() && parts.day.is_some()) else {
        return parts.to_edtf().map(|d| (d, false));
    };
    let day = parts.to_edtf()?;
    // An hour alone gets minutes (a case date's finest unit below a day is the minute).
    let hour_only = time.len() >= 2 && !time[..2.min(time.len())].contains(':') && {
        let rest = &time[2..];
        rest.is_empty() || rest.starts_with(['Z', '+', '-'])
    };
    let full = if hour_only {
        format!("{day}T{}:00{}", &time[..2], &time[2..])
    } else {
        format!("{day}T{time}")
    };
    let inst = parse_iso(&full).ok_or_else(|| format!("{s:?} is not an ISO date-time"))?;
    let t: NaiveDateTime = inst.utc;
    let d: NaiveDate = t.date();
    let seconds = !hour_only
        && time
            .split([':', 'Z', '+', '-'])
            .nth(2)
            .is_some_and(|x| !x.is_empty());
    parts = Parts {
        year: i64::from(chrono::Datelike::year(&d)),
        month: Some(chrono::Datelike::month(&d)),
        day: Some(chrono::Datelike::day(&d)),
        hour: Some(t.hour()),
        minute: Some(t.minute()),
        second: seconds.then_some(t.second()),
    };
    parts.to_edtf().map(|d| (d, inst.fraction))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_and_normalisation() {
        let d = |s: &str| ftm_date(s).map(|x| x.0);
        assert_eq!(d("2021"), Ok("2021".into()));
        assert_eq!(d("2021-02"), Ok("2021-02".into()));
        assert_eq!(d("2017-4-4"), Ok("2017-04-04".into()));
        assert_eq!(d("2017-00-00"), Ok("2017".into()));
        assert_eq!(d("2021-02-16T21"), Ok("2021-02-16T21:00".into()));
        assert_eq!(d("1969-07-20T20:17"), Ok("1969-07-20T20:17".into()));
        assert_eq!(d("2021-02-16 21:48:52"), Ok("2021-02-16T21:48:52".into()));
        assert_eq!(
            d("2021-02-16T23:48:52+02:00"),
            Ok("2021-02-16T21:48:52".into())
        );
        assert_eq!(
            ftm_date("2021-02-16T21:48:52.5Z"),
            Ok(("2021-02-16T21:48:52".into(), true))
        );
        assert!(d("21-02").is_err());
        assert!(d("yesterday").is_err());
        assert!(d("2021-02-30").is_err());
    }
}

//! The time strip: how many events fall in each period of the case, at the finest scale
//! (days, months, years, or spans of years) that fits the width.
//!
//! How events are counted: each event once, in the period that places it on the
//! timeline (where the timeline lists it): its first possible instant, or for an open
//! start ("on or before X") its known bound X. An event whose date is not one exact
//! point inside that period (a `?`, `~` or `%` date, an interval, an open end, or a date
//! coarser than the strip's periods, such as "2016" on a strip of months) is counted at
//! that bound and also in [`Strip::vague`], which the strip shows beside the count.
//! Spreading such events over their span would draw a flat smear for "2016" across
//! twelve months and make the count of a period differ from what its filter shows.
//!
//! Cost: [`Placement`] is built once per case (one pass over the timeline); a
//! [`Strip`] once per filter or width (one pass over the events shown, integer
//! comparisons only). Drawing reads the buckets and costs nothing per event.

use chrono::{DateTime, Datelike, NaiveDate};

use crate::case::{Case, Date, Precision};

/// The calendar unit of one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Month,
    Year,
}

/// The strip's periods: `step` units each (more than one only for years).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    pub unit: Unit,
    pub step: u32,
}

impl Scale {
    /// How the strip names its periods: "days", "months", "years", "5-year spans".
    pub fn name(&self) -> String {
        match (self.unit, self.step) {
            (Unit::Day, _) => "days".into(),
            (Unit::Month, _) => "months".into(),
            (Unit::Year, 1) => "years".into(),
            (Unit::Year, n) => format!("{n}-year spans"),
        }
    }

    /// One period's name: "day", "month", "year", "5-year span".
    pub fn unit_name(&self) -> String {
        match (self.unit, self.step) {
            (Unit::Day, _) => "day".into(),
            (Unit::Month, _) => "month".into(),
            (Unit::Year, 1) => "year".into(),
            (Unit::Year, n) => format!("{n}-year span"),
        }
    }
}

/// Set in [`Placement::flags`] for a date that is not one exact point.
const VAGUE: u8 = 0x80;

/// Where each event sits in time, in timeline order: built once per case.
#[derive(Debug, Clone, Default)]
pub struct Placement {
    /// The instant that places each event (see the module doc), ascending.
    pub keys: Vec<i64>,
    /// Its date's coarsest precision (low bits) and [`VAGUE`].
    flags: Vec<u8>,
}

fn precision_code(p: Precision) -> u8 {
    match p {
        Precision::Year => 0,
        Precision::Month => 1,
        Precision::Day => 2,
        Precision::Minute => 3,
        Precision::Second => 4,
    }
}

impl Placement {
    pub fn of(case: &Case) -> Placement {
        let n = case.index.timeline.len();
        let mut keys = Vec::with_capacity(n);
        let mut flags = Vec::with_capacity(n);
        for &ix in &case.index.timeline {
            let d = &case.event(ix).date;
            keys.push(d.timeline_key());
            flags.push(precision_code(d.precision()) | if d.is_vague() { VAGUE } else { 0 });
        }
        Placement { keys, flags }
    }

    /// Whether the event at timeline position `pos` is counted at a bound on a strip of
    /// `unit`s: its date is vague, or coarser than the unit.
    fn vague_at(&self, pos: usize, unit: Unit) -> bool {
        let f = self.flags[pos];
        let finest_needed = match unit {
            Unit::Day => 2,
            Unit::Month => 1,
            Unit::Year => 0,
        };
        f & VAGUE != 0 || (f & !VAGUE) < finest_needed
    }
}

/// The unit number an instant falls in: days since 1970, months since year 0, the year.
pub fn unit_of(t: i64, unit: Unit) -> i64 {
    let d = DateTime::from_timestamp(t, 0)
        .map(|t| t.date_naive())
        .unwrap_or(NaiveDate::MIN);
    match unit {
        Unit::Day => t.div_euclid(86_400),
        Unit::Month => i64::from(d.year()) * 12 + i64::from(d.month0()),
        Unit::Year => i64::from(d.year()),
    }
}

/// The first instant of unit number `u`.
pub fn unit_start(u: i64, unit: Unit) -> i64 {
    let date = match unit {
        Unit::Day => return u * 86_400,
        Unit::Month => {
            NaiveDate::from_ymd_opt(u.div_euclid(12) as i32, u.rem_euclid(12) as u32 + 1, 1)
        }
        Unit::Year => NaiveDate::from_ymd_opt(u as i32, 1, 1),
    };
    date.map_or(i64::MAX, |d| {
        d.and_hms_opt(0, 0, 0)
            .expect("midnight")
            .and_utc()
            .timestamp()
    })
}

/// The finest scale whose periods from `min` to `max` fit in `width` columns.
pub fn choose_scale(min: i64, max: i64, width: usize) -> Scale {
    let width = width.max(1) as i64;
    for unit in [Unit::Day, Unit::Month] {
        if unit_of(max, unit) - unit_of(min, unit) < width {
            return Scale { unit, step: 1 };
        }
    }
    let years = unit_of(max, Unit::Year) - unit_of(min, Unit::Year) + 1;
    Scale {
        unit: Unit::Year,
        step: (years as u64).div_ceil(width as u64).max(1) as u32,
    }
}

/// Event counts per period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strip {
    pub scale: Scale,
    /// Unit number of the first period's first unit.
    first: i64,
    /// Events of the case in each period.
    pub all: Vec<u32>,
    /// Of those, events counted at a bound (see the module doc).
    pub vague: Vec<u32>,
    /// Events passing the filter (all but its period) in each period.
    pub shown: Vec<u32>,
    /// Whether a filter narrows `shown`.
    pub filtered: bool,
    /// The largest count of `all`.
    pub max: u32,
}

impl Strip {
    /// Buckets the case's events for a strip `width` columns wide. `shown`: the timeline
    /// positions of the events a filter keeps, ascending (`None`: every event).
    pub fn build(placement: &Placement, shown: Option<&[u32]>, width: usize) -> Strip {
        let keys = &placement.keys;
        let (Some(&min), Some(&max)) = (keys.first(), keys.last()) else {
            return Strip {
                scale: Scale {
                    unit: Unit::Year,
                    step: 1,
                },
                first: 0,
                all: Vec::new(),
                vague: Vec::new(),
                shown: Vec::new(),
                filtered: shown.is_some(),
                max: 0,
            };
        };
        let scale = choose_scale(min, max, width);
        let first = unit_of(min, scale.unit);
        let n = ((unit_of(max, scale.unit) - first) / i64::from(scale.step) + 1) as usize;
        let mut strip = Strip {
            scale,
            first,
            all: vec![0; n],
            vague: vec![0; n],
            shown: vec![0; n],
            filtered: shown.is_some(),
            max: 0,
        };
        // Keys ascend: walk them with the bucket whose end is next.
        let ends: Vec<i64> = (0..n).map(|i| strip.span(i).1).collect();
        let mut b = 0;
        for (pos, &k) in keys.iter().enumerate() {
            while k > ends[b] {
                b += 1;
            }
            strip.all[b] += 1;
            if placement.vague_at(pos, scale.unit) {
                strip.vague[b] += 1;
            }
        }
        match shown {
            None => strip.shown.clone_from(&strip.all),
            Some(positions) => {
                let mut b = 0;
                for &pos in positions {
                    let k = keys[pos as usize];
                    while k > ends[b] {
                        b += 1;
                    }
                    strip.shown[b] += 1;
                }
            }
        }
        strip.max = strip.all.iter().copied().max().unwrap_or(0);
        strip
    }

    pub fn len(&self) -> usize {
        self.all.len()
    }

    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    /// The period an instant falls in, if inside the strip.
    pub fn bucket_of(&self, t: i64) -> Option<usize> {
        let u = unit_of(t, self.scale.unit) - self.first;
        (u >= 0)
            .then(|| (u / i64::from(self.scale.step)) as usize)
            .filter(|&b| b < self.len())
    }

    /// The period of the event's date.
    pub fn bucket_of_date(&self, d: &Date) -> Option<usize> {
        self.bucket_of(d.timeline_key())
    }

    /// The units period `i` spans: first and last unit numbers.
    fn units(&self, i: usize) -> (i64, i64) {
        let step = i64::from(self.scale.step);
        let a = self.first + i as i64 * step;
        (a, a + step - 1)
    }

    /// First and last instants (inclusive) of period `i`.
    pub fn span(&self, i: usize) -> (i64, i64) {
        let (a, b) = self.units(i);
        let unit = self.scale.unit;
        (
            unit_start(a, unit),
            unit_start(b + 1, unit).saturating_sub(1),
        )
    }

    /// How period `i` reads: "12 Jun 2016", "Jun 2016", "2016", "2010–2014".
    pub fn label(&self, i: usize) -> String {
        let (a, b) = self.units(i);
        match self.scale.unit {
            Unit::Day => day(a).format("%-d %b %Y").to_string(),
            Unit::Month => format!(
                "{} {}",
                crate::case::date::month_name(a.rem_euclid(12) as u8 + 1),
                a.div_euclid(12)
            ),
            Unit::Year if a == b => a.to_string(),
            Unit::Year => format!("{a}–{b}"),
        }
    }

    /// Period `i` as a date `:filter period:` reads: "2016-06-12", "2016-06", "2016",
    /// "2010/2014".
    pub fn edtf(&self, i: usize) -> String {
        let (a, b) = self.units(i);
        match self.scale.unit {
            Unit::Day => day(a).format("%Y-%m-%d").to_string(),
            Unit::Month => format!("{:04}-{:02}", a.div_euclid(12), a.rem_euclid(12) + 1),
            Unit::Year if a == b => format!("{a:04}"),
            Unit::Year => format!("{a:04}/{b:04}"),
        }
    }

    /// The periods overlapping `[from, to]`, as a range of indices (empty if none).
    pub fn buckets_within(&self, from: i64, to: i64) -> std::ops::Range<usize> {
        let lo = (0..self.len()).find(|&i| self.span(i).1 >= from);
        let hi = (0..self.len()).rev().find(|&i| self.span(i).0 <= to);
        match (lo, hi) {
            (Some(l), Some(h)) if l <= h => l..h + 1,
            _ => 0..0,
        }
    }
}

/// Columns the strip keeps beside its bars for the marked period's count, when it can.
pub const BESIDE: usize = 26;

/// Columns each period takes on a strip of `len` periods `width` columns wide: one, or
/// up to three when few periods leave room (with [`BESIDE`] columns to spare).
pub fn column_width(len: usize, width: usize) -> usize {
    (width.saturating_sub(BESIDE) / len.max(1)).clamp(1, 3)
}

/// The period drawn at column `col` of the strip, if any.
pub fn column_bucket(len: usize, width: usize, col: usize) -> Option<usize> {
    let b = col / column_width(len, width);
    (b < len && col < width).then_some(b)
}

fn day(u: i64) -> NaiveDate {
    DateTime::from_timestamp(u * 86_400, 0)
        .map(|t| t.date_naive())
        .unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placement(dates: &[&str]) -> Placement {
        let mut keyed: Vec<(i64, u8)> = dates
            .iter()
            .map(|s| {
                let d = Date::parse(s).unwrap();
                (
                    d.timeline_key(),
                    precision_code(d.precision()) | if d.is_vague() { VAGUE } else { 0 },
                )
            })
            .collect();
        keyed.sort();
        Placement {
            keys: keyed.iter().map(|k| k.0).collect(),
            flags: keyed.iter().map(|k| k.1).collect(),
        }
    }

    fn t(s: &str) -> i64 {
        Date::parse(s).unwrap().earliest()
    }

    #[test]
    fn the_finest_scale_that_fits_is_chosen() {
        let (a, b) = (t("2016-06-01"), t("2016-08-15"));
        assert_eq!(
            choose_scale(a, b, 100).unit,
            Unit::Day,
            "76 days fit in 100"
        );
        assert_eq!(
            choose_scale(a, b, 60).unit,
            Unit::Month,
            "76 days do not fit in 60"
        );
        let (a, b) = (t("2010-01"), t("2017-12"));
        assert_eq!(choose_scale(a, b, 96).unit, Unit::Month, "96 months fit");
        assert_eq!(
            choose_scale(a, b, 95),
            Scale {
                unit: Unit::Year,
                step: 1
            }
        );
        assert_eq!(
            choose_scale(a, b, 3).step,
            3,
            "8 years in 3 columns: 3 a column"
        );
        assert_eq!(choose_scale(a, b, 3).name(), "3-year spans");
    }

    #[test]
    fn events_are_counted_once_where_the_timeline_places_them() {
        let p = placement(&[
            "2016-06-12",
            "2016-06-30T23:59",
            "2016-07-01",
            "2016-07~",           // approximate: July, marked
            "2016-07-05/2016-09", // an interval: at its start, marked
            "../2016-09-02",      // on or before: at its known end, marked
            "2016",               // coarser than a month: January, marked
        ]);
        let s = Strip::build(&p, None, 40);
        assert_eq!(s.scale.unit, Unit::Month);
        assert_eq!(s.label(0), "January 2016");
        assert_eq!(s.len(), 9, "January to September");
        assert_eq!(s.all, vec![1, 0, 0, 0, 0, 2, 3, 0, 1]);
        assert_eq!(s.vague, vec![1, 0, 0, 0, 0, 0, 2, 0, 1]);
        assert_eq!(s.all.iter().sum::<u32>(), 7, "each event once");
        assert_eq!(s.shown, s.all);
        assert!(!s.filtered);
        assert_eq!(s.max, 3);
        assert_eq!(s.edtf(5), "2016-06");
        assert_eq!(s.bucket_of(t("2016-07-31T12:00")), Some(6));
        assert_eq!(s.bucket_of(t("2015-12-31")), None);
        assert_eq!(s.buckets_within(t("2016-06-15"), t("2016-07-02")), 5..7);
    }

    #[test]
    fn a_day_scale_marks_dates_coarser_than_a_day() {
        let p = placement(&["2016-06-12", "2016-06", "2016-06-13?", "2016-06-14T10:00"]);
        let s = Strip::build(&p, Some(&[0, 3]), 80);
        assert_eq!(s.scale.unit, Unit::Day);
        assert_eq!(s.label(0), "1 Jun 2016");
        assert_eq!(s.edtf(11), "2016-06-12");
        assert_eq!(s.all[0], 1);
        assert_eq!(s.vague[0], 1, "a month is vague on a strip of days");
        assert_eq!(s.vague[12], 1, "13 June? is marked");
        assert_eq!(s.vague[13], 0, "a time is within its day");
        assert!(s.filtered);
        assert_eq!(s.shown.iter().sum::<u32>(), 2);
        assert_eq!(s.shown[0], 1, "position 0 is the June one, first in order");
    }

    #[test]
    fn spans_of_years_cover_long_cases() {
        let p = placement(&["1990", "2001-05-02", "2020-12-31"]);
        let s = Strip::build(&p, None, 10);
        assert_eq!(s.scale.step, 4, "31 years in 10 columns");
        assert_eq!(s.len(), 8);
        assert_eq!(s.label(0), "1990–1993");
        assert_eq!(s.edtf(2), "1998/2001");
        assert_eq!(s.all, vec![1, 0, 1, 0, 0, 0, 0, 1]);
        let (from, to) = s.span(7);
        assert_eq!((from, to), (t("2018"), t("2022") - 1));
        assert!(Strip::build(&Placement::default(), None, 10).is_empty());
        assert_eq!(column_width(8, 10), 1);
        assert_eq!(column_width(8, 100), 3);
        assert_eq!(column_width(8, 48), 2, "26 columns kept beside 8 periods");
        assert_eq!(column_bucket(8, 100, 5), Some(1));
        assert_eq!(column_bucket(8, 100, 24), None, "past the last period");
    }
}

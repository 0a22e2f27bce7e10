//! Dates counted from a day: a weekday from the publication date or the event followed,
//! election day, and "two days later" from the event followed.

use chrono::{Datelike, Months, NaiveDate, Weekday};

use super::scan::{Found, Unit};
use super::tense::{Signal, Tense};
use super::{
    Context, Draft, day_of, election_day, nearby_year, nearer, on_words, published_point, q,
    weekday_name, ymd,
};
use crate::case::Precision;

pub(super) fn weekday(ctx: &Context, wd: Weekday, shift: i8, tense: Option<Signal>) -> Vec<Draft> {
    let mut out = Vec::new();
    let name = weekday_name(wd);
    if let Some(pubd) = ctx.published {
        let (p, _) = published_point(pubd);
        if let Some(anchor) = day_of(&p).filter(|_| p.precision >= Precision::Day) {
            let published = on_words(pubd);
            let draft = |day: NaiveDate, also: &str| {
                let why = if day == anchor {
                    format!("it was published {published}, a {name}{also}")
                } else {
                    let which = if day < anchor { "before" } else { "after" };
                    format!(
                        "it was published {published}, a {}; the {name} {which} that{also}",
                        weekday_name(anchor.weekday())
                    )
                };
                Draft {
                    date: format!("{}{}", ymd(day), q(p.qualifier)),
                    why,
                }
            };
            // The same weekday on or before the anchor, and on or after it.
            let mut back = anchor;
            while back.weekday() != wd {
                back = back.pred_opt().expect("in range");
            }
            let mut ahead = anchor;
            while ahead.weekday() != wd {
                ahead = ahead.succ_opt().expect("in range");
            }
            match (shift, tense) {
                (s, _) if s < 0 => {
                    let day = if back == anchor {
                        back - chrono::Duration::days(7)
                    } else {
                        back
                    };
                    out.push(draft(day, ""));
                }
                (s, _) if s > 0 => {
                    let day = if ahead == anchor {
                        ahead + chrono::Duration::days(7)
                    } else {
                        ahead
                    };
                    out.push(draft(day, ""));
                }
                (
                    _,
                    Some(Signal {
                        tense: Tense::Future,
                        words,
                    }),
                ) => out.push(draft(
                    ahead,
                    &format!(", as the text speaks of what is to come (\"{words}\")"),
                )),
                (_, Some(_)) => out.push(draft(back, "")),
                (_, None) => {
                    if nearer(anchor, back, ahead) {
                        out.push(draft(
                            ahead,
                            ", much nearer than the one before, as the text does not say \
                             whether it has happened or is to come",
                        ));
                    }
                    out.push(draft(back, ""));
                }
            }
        }
    }
    if let Some(f) = ctx.follows
        && let Some(mut day) = day_of(&f.anchor())
    {
        while day.weekday() != wd {
            day = day.succ_opt().expect("in range");
        }
        out.push(Draft {
            date: ymd(day),
            why: format!(
                "the first {name} on or after the event it follows ({})",
                f.describe()
            ),
        });
    }
    out
}

pub(super) fn election(ctx: &Context, text: &str, found: &Found) -> Vec<Draft> {
    let mut out = Vec::new();
    let rule = "U.S. election day is the Tuesday after the first Monday in November";
    if let Some(y) = nearby_year(ctx, text, found)
        && let Some(d) = election_day(y)
    {
        out.push(Draft {
            date: ymd(d),
            why: format!("the text around it names {y}; {rule}"),
        });
    }
    // General elections fall in even years.
    let even = |from: i32, step: i32| {
        let mut y = from;
        while y % 2 != 0 {
            y += step;
        }
        y
    };
    if let Some(f) = ctx.follows
        && let Some(start) = day_of(&f.anchor())
    {
        let mut y = even(start.year(), 1);
        if election_day(y).is_some_and(|d| d < start) {
            y += 2;
        }
        if let Some(d) = election_day(y) {
            out.push(Draft {
                date: ymd(d),
                why: format!(
                    "the first election day after the event it follows ({}); {rule}",
                    f.describe()
                ),
            });
        }
    }
    if let Some(pubd) = ctx.published {
        let (p, _) = published_point(pubd);
        let anchor = day_of(&p)
            .or_else(|| NaiveDate::from_ymd_opt(p.year, p.month.unwrap_or(12).into(), 28));
        if let Some(anchor) = anchor {
            let mut y = even(anchor.year(), -1);
            if election_day(y).is_some_and(|d| d > anchor) {
                y -= 2;
            }
            if let Some(d) = election_day(y) {
                out.push(Draft {
                    date: format!("{}{}", ymd(d), q(p.qualifier)),
                    why: format!(
                        "the last general election before publication ({}); {rule}",
                        pubd.describe()
                    ),
                });
            }
        }
    }
    out
}

pub(super) fn later(ctx: &Context, n: i64, unit: Unit, more: bool) -> Vec<Draft> {
    let Some(f) = ctx.follows else {
        return Vec::new();
    };
    let p = f.anchor();
    let Some(day) = day_of(&p) else {
        return Vec::new();
    };
    let fw = f.describe();
    let shift_days = |k: i64| day.checked_add_signed(chrono::Duration::days(k));
    let (date, why) = match unit {
        Unit::Minute | Unit::Hour => {
            let minutes = if unit == Unit::Hour { n * 60 } else { n };
            match p.time {
                Some((h, m, _)) if !more => {
                    let t = day.and_hms_opt(h.into(), m.into(), 0).expect("valid time")
                        + chrono::Duration::minutes(minutes);
                    let mut s = t.format("%Y-%m-%dT%H:%M").to_string();
                    match p.offset_minutes {
                        Some(0) => s.push('Z'),
                        Some(o) => {
                            let sign = if o < 0 { '-' } else { '+' };
                            let a = o.unsigned_abs();
                            s.push_str(&format!("{sign}{:02}:{:02}", a / 60, a % 60));
                        }
                        None => {}
                    }
                    (
                        s,
                        format!("{} after the event it follows ({fw})", span(n, unit)),
                    )
                }
                _ if minutes.abs() < 12 * 60 => (
                    ymd(day),
                    format!("a short time after the event it follows ({fw}), so the same day"),
                ),
                _ => return Vec::new(),
            }
        }
        Unit::Day | Unit::Week => {
            let k = if unit == Unit::Week { 7 * n } else { n };
            let Some(target) = shift_days(k) else {
                return Vec::new();
            };
            if more {
                let Some(next) = target.succ_opt() else {
                    return Vec::new();
                };
                (
                    format!("{}/..", ymd(next)),
                    format!(
                        "more than {} after the event it follows ({fw})",
                        span(n, unit)
                    ),
                )
            } else {
                (
                    ymd(target),
                    format!(
                        "{} {} the event it follows ({fw})",
                        span(n, unit),
                        if n < 0 { "before" } else { "after" }
                    ),
                )
            }
        }
        Unit::Month => {
            let first = NaiveDate::from_ymd_opt(day.year(), day.month(), 1).expect("a month");
            let m = if n >= 0 {
                first.checked_add_months(Months::new(n as u32))
            } else {
                first.checked_sub_months(Months::new(n.unsigned_abs() as u32))
            };
            let Some(m) = m else { return Vec::new() };
            (
                format!("{:04}-{:02}", m.year(), m.month()),
                format!("{} the event it follows ({fw})", span(n, unit)),
            )
        }
        Unit::Year => (
            (day.year() + n as i32).to_string(),
            format!("{} the event it follows ({fw})", span(n, unit)),
        ),
    };
    vec![Draft { date, why }]
}

fn unit_words(unit: Unit, n: i64) -> &'static str {
    let one = n.abs() == 1;
    match (unit, one) {
        (Unit::Minute, true) => "minute",
        (Unit::Minute, false) => "minutes",
        (Unit::Hour, true) => "hour",
        (Unit::Hour, false) => "hours",
        (Unit::Day, true) => "day",
        (Unit::Day, false) => "days",
        (Unit::Week, true) => "week",
        (Unit::Week, false) => "weeks",
        (Unit::Month, true) => "month",
        (Unit::Month, false) => "months",
        (Unit::Year, true) => "year",
        (Unit::Year, false) => "years",
    }
}

/// "two days", "one week", "45 minutes".
fn span(n: i64, unit: Unit) -> String {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    let k = n.unsigned_abs();
    let count = WORDS
        .get(k as usize)
        .map_or_else(|| k.to_string(), |w| w.to_string());
    format!("{count} {}", unit_words(unit, n))
}

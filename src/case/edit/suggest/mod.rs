//! Date suggestions: what a passage and its paragraph say about when something happened,
//! turned into dates of the case's EDTF subset, each with its reasoning in words (the
//! way the bundled case's summaries explain their dates), for the capture form to offer.
//!
//! Absolute phrases ("July 29, 2016", "early June 2016", "prior to November 2016") give
//! their date; a phrase without a year ("Oct. 12", "in June") takes it from a year the
//! text names nearby, from the event it follows, or from the publication date, each a
//! candidate. Relative phrases resolve against the publication date ("Monday", "last
//! month", "yesterday", "this morning", "last night") or against the event followed
//! ("two days later", "fifteen minutes later", "the next day"). An uncertain publication
//! date carries its uncertainty into what is read from it.
//!
//! From the publication date, a day or month without its year and a weekday are read
//! by the tense of the words around them: what is to come ("could open in
//! early May", "will meet on Friday") forward, to the first such day on or after
//! publication; what has happened ("was described in April", "said Monday") backward,
//! to the latest on or before it. When the text does not say, backward, but the first
//! such day ahead is offered first as well when it is much nearer (less than half as
//! far: "March 20" five days ahead rather than a year back). The reasoning quotes the
//! words that decided.
//!
//! ```
//! use caseboard::case::Date;
//! use caseboard::case::edit::suggest::{Context, suggest};
//! let published = Date::parse("2017-11-13?/..").unwrap();
//! let got = suggest(&Context {
//!     passage: "according to correspondence made public Monday.",
//!     paragraph: "",
//!     source: "the Post",
//!     published: Some(&published),
//!     follows: None,
//! });
//! assert_eq!(got[0].date, "2017-11-13?");
//! assert_eq!(got[0].reasoning, "the Post says \"Monday\"; it was published on or after \
//!     13 November 2017 (uncertain), a Monday, so 13 November 2017 (uncertain)");
//! ```

mod relative;
mod scan;
mod tense;

use chrono::{Datelike, Months, NaiveDate, Weekday};

use crate::case::date::{Bound, Point, month_name};
use crate::case::{Date, Precision, Qualifier};
use relative::{election, later, weekday};
use scan::{Found, Md, Part, Said, scan, years};
use tense::{Signal, Tense};

/// What a suggestion is drawn from.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The selected passage.
    pub passage: &'a str,
    /// The paragraph holding it (may be empty).
    pub paragraph: &'a str,
    /// How the reasoning names the source: "the Post".
    pub source: &'a str,
    /// The source's publication date, if stated.
    pub published: Option<&'a Date>,
    /// The date of the event the new one follows, if any.
    pub follows: Option<&'a Date>,
}

/// A suggested date with its reasoning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// The date in the case's EDTF subset.
    pub date: String,
    /// The phrase of the text it comes from.
    pub phrase: String,
    /// Why, in words: `the Post says "Oct. 12"; …, so 12 October 2017 (uncertain)`.
    pub reasoning: String,
}

/// The date as the detail area spells it out ("on or before 12 June 2016 (uncertain)"),
/// or why it is not a date of the case's subset: for a date field to show as it is typed.
pub fn spelled_out(edtf: &str) -> Result<String, String> {
    Date::parse(edtf).map(|d| d.describe()).map_err(|e| e.0)
}

/// Every date the passage, then its paragraph, suggests, best first, each date once.
pub fn suggest(ctx: &Context) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> = Vec::new();
    for text in [ctx.passage, ctx.paragraph] {
        // Within a text, what says most comes first: a full date before a day without
        // its year, before what is counted from the event followed, before what is
        // counted from publication, before a year on its own.
        let mut found = scan(text);
        found.sort_by_key(|f| rank(&f.said));
        for f in found {
            for s in resolve(ctx, text, &f) {
                if !out.iter().any(|o| o.date == s.date) {
                    out.push(s);
                }
            }
        }
    }
    out
}

fn rank(said: &Said) -> u8 {
    match said {
        Said::On(Md { year: Some(_), .. })
        | Said::Between(..)
        | Said::Before(Md { year: Some(_), .. })
        | Said::After(Md { year: Some(_), .. }, _) => 0,
        Said::On(_) | Said::Roughly(_) | Said::Before(_) | Said::After(..) => 1,
        Said::Later { .. } | Said::ElectionDay => 2,
        Said::Weekday(..)
        | Said::DaysFromNow(..)
        | Said::Months(_)
        | Said::Years(_)
        | Said::EarlierThisMonth => 3,
        Said::Year(_) => 4,
    }
}

/// A day known to the day, from a date's point.
fn day_of(p: &Point) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(p.year, p.month?.into(), p.day?.into())
}

/// The publication date's start (or its end, for "on or before"), and whether it is
/// open-ended (the article may be later).
fn published_point(d: &Date) -> (Point, bool) {
    match d {
        Date::Single(p) => (*p, false),
        Date::Interval(Bound::Point(p), Bound::Open) => (*p, true),
        Date::Interval(Bound::Point(p), Bound::Point(_)) => (*p, true),
        Date::Interval(Bound::Open, Bound::Point(p)) => (*p, true),
        Date::Interval(Bound::Open, Bound::Open) => unreachable!("rejected at parse"),
    }
}

fn q(qualifier: Qualifier) -> &'static str {
    qualifier.symbol()
}

/// `a` and `b` together: approximate and uncertain make `%`.
fn both(a: Qualifier, b: Qualifier) -> Qualifier {
    use Qualifier::*;
    match (a, b) {
        (None, x) | (x, None) => x,
        (Uncertain, Uncertain) => Uncertain,
        (Approximate, Approximate) => Approximate,
        _ => Both,
    }
}

fn ymd(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn words(edtf: &str) -> String {
    Date::parse(edtf).map_or_else(|_| edtf.to_string(), |d| d.describe())
}

fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// U.S. election day of `year`: the Tuesday after the first Monday of November.
fn election_day(year: i32) -> Option<NaiveDate> {
    (2..=8)
        .filter_map(|d| NaiveDate::from_ymd_opt(year, 11, d))
        .find(|d| d.weekday() == Weekday::Tue)
}

/// A candidate being built: the date and the reason's middle part.
struct Draft {
    date: String,
    why: String,
}

fn resolve(ctx: &Context, text: &str, found: &Found) -> Vec<Suggestion> {
    let phrase = text[found.start..found.end].to_string();
    let drafts = drafts(ctx, text, found);
    drafts
        .into_iter()
        .filter(|d| Date::parse(&d.date).is_ok())
        .map(|d| Suggestion {
            reasoning: format!(
                "{} says \"{phrase}\"; {}, so {}",
                ctx.source,
                d.why,
                words(&d.date)
            ),
            date: d.date,
            phrase: phrase.clone(),
        })
        .collect()
}

/// The year the text names nearest to the phrase (outside the phrase itself); for a
/// phrase of the passage that names none, the paragraph's year nearest the passage.
fn nearby_year(ctx: &Context, text: &str, found: &Found) -> Option<i32> {
    let own = years(text)
        .into_iter()
        .filter(|&(_, off)| off < found.start || off >= found.end)
        .min_by_key(|&(_, off)| off.abs_diff(found.start))
        .map(|(y, _)| y);
    if own.is_some() || !std::ptr::eq(text, ctx.passage) {
        return own;
    }
    let at = ctx.paragraph.find(ctx.passage).unwrap_or(0);
    years(ctx.paragraph)
        .into_iter()
        .min_by_key(|&(_, off)| off.abs_diff(at))
        .map(|(y, _)| y)
}

/// The years a month (and day) without one may fall in, each with the reason.
fn years_for(ctx: &Context, text: &str, found: &Found, md: Md) -> Vec<(i32, Qualifier, String)> {
    let mut out = Vec::new();
    let day = md.day.unwrap_or(1);
    let label = match md.day {
        Some(d) => format!("{} {d}", month_name(md.month)),
        None => month_name(md.month).to_string(),
    };
    if let Some(y) = nearby_year(ctx, text, found) {
        out.push((y, Qualifier::None, format!("the text around it names {y}")));
    }
    if let Some(f) = ctx.follows {
        let p = f.anchor();
        let after = (md.month, day) >= (p.month.unwrap_or(1), p.day.unwrap_or(1));
        let y = if after { p.year } else { p.year + 1 };
        out.push((
            y,
            Qualifier::None,
            format!(
                "the first {label} on or after the event it follows ({})",
                f.describe()
            ),
        ));
    }
    if let Some(pubd) = ctx.published {
        let (p, _) = published_point(pubd);
        let published = pubd.describe();
        // The latest such day on or before publication, and the first on or after it.
        let back = if (md.month, day) <= (p.month.unwrap_or(12), p.day.unwrap_or(31)) {
            p.year
        } else {
            p.year - 1
        };
        let last_day = md.day.unwrap_or(31);
        let ahead = if (md.month, last_day) >= (p.month.unwrap_or(1), p.day.unwrap_or(1)) {
            p.year
        } else {
            p.year + 1
        };
        let backward = |why: String| (back, p.qualifier, why);
        let forward = |why: String| (ahead, p.qualifier, why);
        match tense_of(ctx, text, found) {
            Some(Signal {
                tense: Tense::Future,
                words,
            }) => out.push(forward(format!(
                "no year is given and the text speaks of what is to come (\"{words}\"): the \
                 first {label} on or after publication ({published})"
            ))),
            Some(Signal {
                tense: Tense::Past,
                words,
            }) => out.push(backward(format!(
                "no year is given and the text speaks of what has happened (\"{words}\"): the \
                 latest {label} on or before publication ({published})"
            ))),
            None => {
                let today = format!(
                    "no year is given: the latest {label} on or before publication ({published})"
                );
                if back != ahead && much_nearer_ahead(&p, md, back, ahead) {
                    out.push(forward(format!(
                        "no year is given and the text does not say whether it has happened or \
                         is to come: the first {label} on or after publication ({published}), \
                         much nearer than the latest before it"
                    )));
                }
                out.push(backward(today));
            }
        }
    }
    out
}

/// Whether the first such day (or month) on or after publication, in year `ahead`, is
/// much nearer (less than half as far) than the latest on or before it, in year `back`.
fn much_nearer_ahead(p: &Point, md: Md, back: i32, ahead: i32) -> bool {
    let Some(r) = day_of(p).filter(|_| p.precision >= Precision::Day) else {
        return false;
    };
    let first = |y: i32| NaiveDate::from_ymd_opt(y, md.month.into(), md.day.unwrap_or(1).into());
    let last = |y: i32| match md.day {
        Some(d) => NaiveDate::from_ymd_opt(y, md.month.into(), d.into()),
        None => NaiveDate::from_ymd_opt(y, md.month.into(), 1)?
            .checked_add_months(Months::new(1))?
            .pred_opt(),
    };
    let (Some(b), Some(a)) = (last(back), first(ahead)) else {
        return false;
    };
    nearer(r, b, a)
}

/// Whether `ahead` (on or after `r`) is less than half as far from `r` as `back` (on
/// or before it).
fn nearer(r: NaiveDate, back: NaiveDate, ahead: NaiveDate) -> bool {
    let b = (r - back).num_days();
    let a = (ahead - r).num_days();
    b > 0 && a >= 0 && 2 * a < b
}

/// The tense the words around a phrase speak in: read in the paragraph when the
/// passage is part of it, as the passage may be only part of the phrase's sentence.
fn tense_of(ctx: &Context, text: &str, found: &Found) -> Option<Signal> {
    if std::ptr::eq(text, ctx.passage)
        && !ctx.paragraph.is_empty()
        && let Some(at) = ctx.paragraph.find(ctx.passage)
    {
        return tense::tense(ctx.paragraph, at + found.start, at + found.end);
    }
    tense::tense(text, found.start, found.end)
}

/// A month and day (or month) with its year as a date.
fn md_date(md: Md, year: i32, qual: Qualifier) -> String {
    match md.day {
        Some(d) => format!("{year:04}-{:02}-{d:02}{}", md.month, q(qual)),
        None => format!("{year:04}-{:02}{}", md.month, q(qual)),
    }
}

/// Dates with the year filled in: given, or each candidate year.
fn with_years(
    ctx: &Context,
    text: &str,
    found: &Found,
    md: Md,
    given: &str,
) -> Vec<(i32, Qualifier, String)> {
    match md.year {
        Some(y) => vec![(y, Qualifier::None, given.to_string())],
        None => years_for(ctx, text, found, md),
    }
}

fn drafts(ctx: &Context, text: &str, found: &Found) -> Vec<Draft> {
    let draft = |date: String, why: String| Draft { date, why };
    match &found.said {
        Said::On(md) => with_years(ctx, text, found, *md, "a full date")
            .into_iter()
            .map(|(y, qual, why)| draft(md_date(*md, y, qual), why))
            .collect(),
        Said::Roughly(md) => with_years(ctx, text, found, *md, "roughly that month")
            .into_iter()
            .map(|(y, qual, why)| {
                let md = Md { day: None, ..*md };
                draft(
                    md_date(md, y, both(qual, Qualifier::Approximate)),
                    format!("{why}, approximate"),
                )
            })
            .collect(),
        Said::Between(a, b) => {
            let Some((y, qual, why)) = with_years(ctx, text, found, *a, "a span of days")
                .into_iter()
                .next()
            else {
                return Vec::new();
            };
            let by = b.year.unwrap_or(if (b.month, b.day) < (a.month, a.day) {
                y + 1
            } else {
                y
            });
            let from = md_date(
                Md {
                    year: Some(y),
                    ..*a
                },
                y,
                qual,
            );
            let to = md_date(
                Md {
                    year: Some(by),
                    ..*b
                },
                by,
                qual,
            );
            vec![draft(format!("{from}/{to}"), why)]
        }
        Said::Before(md) => with_years(ctx, text, found, *md, "before it")
            .into_iter()
            .filter_map(|(y, qual, why)| {
                let end = match md.day {
                    Some(d) => {
                        ymd(NaiveDate::from_ymd_opt(y, md.month.into(), d.into())?.pred_opt()?)
                    }
                    None => {
                        let first = NaiveDate::from_ymd_opt(y, md.month.into(), 1)?.pred_opt()?;
                        format!("{:04}-{:02}", first.year(), first.month())
                    }
                };
                // A date with its year says "before it" already.
                let why = match md.year {
                    Some(_) => why,
                    None => format!("{why}, before it"),
                };
                Some(draft(format!("../{end}{}", q(qual)), why))
            })
            .collect(),
        Said::After(md, since) => with_years(ctx, text, found, *md, "after it")
            .into_iter()
            .filter_map(|(y, qual, why)| {
                let start =
                    if *since {
                        md_date(
                            Md {
                                year: Some(y),
                                ..*md
                            },
                            y,
                            Qualifier::None,
                        )
                    } else {
                        match md.day {
                            Some(d) => ymd(NaiveDate::from_ymd_opt(y, md.month.into(), d.into())?
                                .succ_opt()?),
                            None => {
                                let next = NaiveDate::from_ymd_opt(y, md.month.into(), 1)?
                                    .checked_add_months(Months::new(1))?;
                                format!("{:04}-{:02}", next.year(), next.month())
                            }
                        }
                    };
                Some(draft(format!("{start}{}/..", q(qual)), why))
            })
            .collect(),
        Said::Year(y) => vec![draft(y.to_string(), "the year alone".into())],
        Said::ElectionDay => election(ctx, text, found),
        Said::Weekday(wd, shift) => {
            let tense = (*shift == 0).then(|| tense_of(ctx, text, found)).flatten();
            weekday(ctx, *wd, *shift, tense)
        }
        Said::DaysFromNow(n, part) => days_from_now(ctx, &found_phrase(text, found), *n, *part),
        Said::Months(n) => from_publication(ctx, |p, open| {
            let first = NaiveDate::from_ymd_opt(p.year, p.month?.into(), 1)?;
            let m = if *n >= 0 {
                first.checked_add_months(Months::new(*n as u32))?
            } else {
                first.checked_sub_months(Months::new(n.unsigned_abs()))?
            };
            let qual = if open {
                both(p.qualifier, Qualifier::Uncertain)
            } else {
                p.qualifier
            };
            Some((format!("{:04}-{:02}", m.year(), m.month()), qual))
        }),
        Said::Years(n) => from_publication(ctx, |p, open| {
            let qual = if open {
                both(p.qualifier, Qualifier::Uncertain)
            } else {
                p.qualifier
            };
            Some(((p.year + n).to_string(), qual))
        }),
        Said::EarlierThisMonth => from_publication(ctx, |p, _| {
            let end = day_of(&p)?;
            Some((
                format!("{:04}-{:02}-01/{}", end.year(), end.month(), ymd(end)),
                p.qualifier,
            ))
        }),
        Said::Later { n, unit, more } => later(ctx, *n, *unit, *more),
    }
}

fn found_phrase(text: &str, found: &Found) -> String {
    text[found.start..found.end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// "today", "this morning", "yesterday", "last night", "tomorrow": the day of
/// publication, or the day before or after it; without a publication date, the day of
/// the event followed (as if the text were written that day).
fn days_from_now(ctx: &Context, phrase: &str, n: i64, part: Option<Part>) -> Vec<Draft> {
    let what = match (n, part) {
        (0, None) => "that day".to_string(),
        (0, Some(Part::Night)) => "the night of that day".to_string(),
        (0, Some(p)) => format!("the {} of that day", p.word()),
        (-1, Some(p @ (Part::Night | Part::Evening))) => format!("the {} before", p.word()),
        (-1, None) => "the day before".to_string(),
        (-1, Some(p)) => format!("the {} of the day before", p.word()),
        (1, None) => "the day after".to_string(),
        (1, Some(p)) => format!("the {} of the day after", p.word()),
        _ => format!("{n} days from then"),
    };
    let mut out = from_publication(ctx, |p, _| {
        let day = day_of(&p)
            .filter(|_| p.precision >= Precision::Day)?
            .checked_add_signed(chrono::Duration::days(n))?;
        Some((ymd(day), p.qualifier))
    });
    for d in &mut out {
        d.why = format!("{}; \"{phrase}\" is {what}", d.why);
    }
    if let Some(f) = ctx.follows
        && let Some(day) = day_of(&f.anchor())
            .filter(|_| f.anchor().precision >= Precision::Day)
            .and_then(|d| d.checked_add_signed(chrono::Duration::days(n)))
    {
        out.push(Draft {
            date: ymd(day),
            why: format!(
                "if it is said on the day of the event it follows ({}), \"{phrase}\" is {what}",
                f.describe()
            ),
        });
    }
    out
}

/// A date read from the publication date (`f` gets its point and whether it is
/// open-ended, and gives the date and its qualifier).
fn from_publication(
    ctx: &Context,
    f: impl Fn(Point, bool) -> Option<(String, Qualifier)>,
) -> Vec<Draft> {
    let Some(pubd) = ctx.published else {
        return Vec::new();
    };
    let (p, open) = published_point(pubd);
    let Some((date, qual)) = f(p, open) else {
        return Vec::new();
    };
    let mut why = format!("it was published {}", on_words(pubd));
    if open && qual != p.qualifier {
        why.push_str(", and may be later");
    }
    let date = match date.split_once('/') {
        Some((a, b)) => format!("{a}/{b}{}", q(qual)),
        None => format!("{date}{}", q(qual)),
    };
    vec![Draft { date, why }]
}

/// "on or after 13 November 2017 (uncertain)", "on 10 November 2017".
fn on_words(d: &Date) -> String {
    match d {
        Date::Single(_) => format!("on {}", d.describe()),
        _ => d.describe(),
    }
}

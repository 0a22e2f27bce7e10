//! Query parsing: an optional scope prefix, date filters, and fuzzy text terms.
//!
//! ```text
//! query  := [scope] token*          (tokens separated by whitespace)
//! scope  := '@' entities | '#' event tags | '"' source passages (a closing '"' is ignored)
//! token  := date | date '..' date | date '..' | '..' date | text     ('/' works like '..')
//! date   := YYYY | YYYY-MM | YYYY-MM-DD
//! ```
//!
//! Every text term must match (fuzzily) for an item to be a hit. Smart case is per term:
//! a term with an uppercase ASCII letter matches case-sensitively. Several date tokens
//! intersect.

use crate::case::Date;

use super::fold::{Needle, fold_query};
use super::scorer::Pattern;

/// Which kinds of item a query looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Events, entities and passages.
    All,
    /// `@`: entities only.
    Entities,
    /// `#`: events, matched by their tags only.
    Tags,
    /// `"`: source passages only.
    Passages,
}

/// An inclusive span of instants (seconds since 1970 UTC) that a date filter keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateRange {
    pub from: i64,
    pub to: i64,
}

impl DateRange {
    /// Whether a date spanning `[earliest, latest]` overlaps this range.
    pub fn overlaps(&self, earliest: i64, latest: i64) -> bool {
        earliest <= self.to && latest >= self.from
    }
}

/// One fuzzy text term of a query.
#[derive(Clone, Debug)]
pub struct Term {
    /// The term as typed.
    pub text: String,
    /// The term folded like the texts it is matched against (accents stripped, …).
    pub folded: String,
    /// True when the term has an uppercase letter (smart case).
    pub case_sensitive: bool,
    /// Number of chars in `folded`.
    pub chars: usize,
    pub(crate) needle: Needle,
    /// The folded term prepared for the scorer's bound.
    pub(crate) pattern: Pattern,
}

/// A parsed query.
#[derive(Clone, Debug)]
pub struct Query {
    /// The input as typed.
    pub raw: String,
    pub scope: Scope,
    /// The date filter, if the query has date tokens.
    pub dates: Option<DateRange>,
    /// Fuzzy text terms; all must match.
    pub terms: Vec<Term>,
}

impl Query {
    /// True when the query has no text terms (it only filters, and lists in timeline order).
    pub fn is_text_free(&self) -> bool {
        self.terms.is_empty()
    }

    /// True when every hit of `self` is certainly a hit of `prev`, so `self` may be
    /// answered by rescanning only `prev`'s hits: same scope and date filter, and the
    /// folded text of `self` extends that of `prev` (each old term is kept or grown, new
    /// terms only add conditions, and a term gaining an uppercase letter only narrows).
    pub fn refines(&self, prev: &Query) -> bool {
        if self.scope != prev.scope || self.dates != prev.dates {
            return false;
        }
        if prev.terms.len() > self.terms.len() {
            return false;
        }
        let n = prev.terms.len();
        for (i, (old, new)) in prev.terms.iter().zip(&self.terms).enumerate() {
            let ok = if i + 1 == n {
                new.folded.starts_with(&old.folded)
            } else {
                new.folded == old.folded
            };
            // Case sensitivity may only be gained: a sensitive old term with an insensitive new one widens.
            if !ok || (old.case_sensitive && !new.case_sensitive) {
                return false;
            }
        }
        true
    }
}

/// Parses a finder query. Never fails: anything that is not a scope or a date is text.
pub fn parse(input: &str) -> Query {
    let trimmed = input.trim_start();
    // The scope mark leads the first word that is not a date, so "2016-10 #tweet" scopes
    // like "#tweet 2016-10".
    let lead = trimmed
        .split_whitespace()
        .find(|t| date_token(t).is_none())
        .map(|t| t.as_ptr() as usize - trimmed.as_ptr() as usize);
    let scope = match lead.and_then(|at| trimmed[at..].chars().next()) {
        Some('@') => Scope::Entities,
        Some('#') => Scope::Tags,
        Some('"') => Scope::Passages,
        _ => Scope::All,
    };
    let unmarked;
    let rest = match (scope, lead) {
        (Scope::All, _) | (_, None) => trimmed,
        (_, Some(at)) => {
            let mut r = format!("{}{}", &trimmed[..at], &trimmed[at + 1..]);
            if scope == Scope::Passages && r.trim_end().ends_with('"') {
                r = r.trim_end().strip_suffix('"').unwrap_or(&r).to_string();
            }
            unmarked = r;
            unmarked.as_str()
        }
    };
    let mut dates: Option<DateRange> = None;
    let mut terms = Vec::new();
    for tok in rest.split_whitespace() {
        if let Some(r) = date_token(tok) {
            dates = Some(match dates {
                None => r,
                Some(d) => DateRange {
                    from: d.from.max(r.from),
                    to: d.to.min(r.to),
                },
            });
            continue;
        }
        let folded = fold_query(tok);
        if folded.is_empty() {
            continue;
        }
        let case_sensitive = folded.bytes().any(|b| b.is_ascii_uppercase());
        let needle = Needle::new(&folded, case_sensitive);
        let pattern = Pattern::new(&folded, case_sensitive);
        terms.push(Term {
            text: tok.to_string(),
            chars: folded.chars().count(),
            folded,
            case_sensitive,
            needle,
            pattern,
        });
    }
    Query {
        raw: input.to_string(),
        scope,
        dates,
        terms,
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as a span of instants.
fn date_point(s: &str) -> Option<(i64, i64)> {
    let shape_ok = matches!(s.len(), 4 | 7 | 10)
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape_ok {
        return None;
    }
    let d = Date::parse(s).ok()?;
    Some((d.earliest(), d.latest()))
}

/// A date filter token, or `None` if the token is text.
fn date_token(tok: &str) -> Option<DateRange> {
    // `A..B`, or EDTF's `A/B` where `..` marks an open end.
    fn open(s: &str) -> &str {
        if s == ".." { "" } else { s }
    }
    let split = match tok.split_once('/') {
        Some((a, b)) => Some((open(a), open(b))),
        None => tok.split_once(".."),
    };
    match split {
        None => date_point(tok).map(|(from, to)| DateRange { from, to }),
        Some((a, b)) => {
            let from = if a.is_empty() {
                i64::MIN
            } else {
                date_point(a)?.0
            };
            let to = if b.is_empty() {
                i64::MAX
            } else {
                date_point(b)?.1
            };
            (!(a.is_empty() && b.is_empty()) && from <= to).then_some(DateRange { from, to })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(s: &str) -> (i64, i64) {
        let d = Date::parse(s).unwrap();
        (d.earliest(), d.latest())
    }

    #[test]
    fn scopes() {
        assert_eq!(parse("@nix").scope, Scope::Entities);
        assert_eq!(parse("#leak").scope, Scope::Tags);
        assert_eq!(parse("  \"dirt\"").scope, Scope::Passages);
        assert_eq!(parse("\"dirt\"").terms[0].text, "dirt");
        assert_eq!(parse("nix").scope, Scope::All);
        assert_eq!(parse("nix@x").scope, Scope::All);
        assert_eq!(
            parse("nix #leak").scope,
            Scope::All,
            "only the first word scopes"
        );
    }

    #[test]
    fn the_scope_mark_may_follow_a_date() {
        let q = parse("2016-10 #tweet");
        assert_eq!(q.scope, Scope::Tags);
        assert_eq!(q.terms.len(), 1);
        assert_eq!(q.terms[0].folded, "tweet");
        assert_eq!(q.dates, parse("#tweet 2016-10").dates);
        let q = parse("2016 \"fifteen minutes\"");
        assert_eq!(q.scope, Scope::Passages);
        let words: Vec<&str> = q.terms.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(words, ["fifteen", "minutes"]);
        assert_eq!(parse("2016-06..2016-11").scope, Scope::All);
    }

    #[test]
    fn dates_mix_with_text() {
        let q = parse("@nix 2016");
        assert_eq!(q.terms.len(), 1);
        assert_eq!(q.terms[0].folded, "nix");
        let (a, b) = span("2016");
        assert_eq!(q.dates, Some(DateRange { from: a, to: b }));
        let q = parse("2016-06..2016-11 leak");
        assert_eq!(
            q.dates,
            Some(DateRange {
                from: span("2016-06").0,
                to: span("2016-11").1
            })
        );
        assert_eq!(q.terms[0].text, "leak");
        assert_eq!(parse("..2016-10").dates.unwrap().from, i64::MIN);
        assert_eq!(parse("2016-10-12/..").dates.unwrap().to, i64::MAX);
    }

    #[test]
    fn non_dates_are_text() {
        for t in [
            "201",
            "2016-13",
            "2016-6",
            "2016-02-30",
            "2017..2016",
            "..",
            "20161",
            "2016-06-12T10:00",
        ] {
            let q = parse(t);
            assert_eq!(q.dates, None, "{t}");
            assert_eq!(q.terms.len(), 1, "{t}");
        }
    }

    #[test]
    fn several_dates_intersect() {
        let q = parse("2016 2016-10");
        assert_eq!(
            q.dates,
            Some(DateRange {
                from: span("2016-10").0,
                to: span("2016-10").1
            })
        );
    }

    #[test]
    fn smart_case_per_term() {
        let q = parse("nix Assange josé");
        assert_eq!(
            q.terms.iter().map(|t| t.case_sensitive).collect::<Vec<_>>(),
            [false, true, false]
        );
        assert_eq!(q.terms[2].folded, "jose");
    }

    #[test]
    fn refinement() {
        assert!(parse("wik").refines(&parse("wi")));
        assert!(parse("wik le").refines(&parse("wik")));
        assert!(parse("wik le").refines(&parse("wik ")));
        assert!(parse("wiK").refines(&parse("wi")));
        assert!(!parse("wi").refines(&parse("wik")));
        assert!(!parse("@wik").refines(&parse("wi")));
        assert!(!parse("wik 2016").refines(&parse("wik")));
        assert!(!parse("wix").refines(&parse("wik")));
        assert!(!parse("wk le").refines(&parse("wik")));
        assert!(parse("Wi").refines(&parse("W")));
        assert!(!parse("wi").refines(&parse("W")));
    }
}

//! Whether the words around a dating phrase speak of what has happened or of what is
//! to come: "could open in early May" (to come), "was described in April" (happened),
//! "On Monday, the council voted" (happened). A day or month without its year, or a
//! weekday, is read forward or backward from the publication date accordingly.
//!
//! The nearest sign in the phrase's clause (its sentence, up to a word like "that" or
//! "when" that begins another) decides: first the plain ones (will, would, could, is to,
//! expected, scheduled, plans to, is due, next; was, were, had, said, met, last, ago, …),
//! then, when there is none, the weaker ones (a verb ending in "-ed" or a past form that
//! is also a participle, unless a form of "be" comes before it; "until", "by" or
//! "from … on" before the phrase).

use super::scan::{Tok, tokens};

/// What the text around a phrase speaks of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    /// What is to come: "will", "could", "is expected", "next".
    Future,
    /// What has happened: "was", "said", "met", "last".
    Past,
}

/// The sign of a tense found near a phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signal {
    pub tense: Tense,
    /// The words from the sign to the phrase (or the phrase to the sign), on one line:
    /// "could open in early May".
    pub words: String,
}

/// How far from the phrase (in words) a sign is looked for.
const REACH: usize = 12;

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "jr", "sr", "mr", "mrs", "ms", "dr", "st", "rep", "sen", "gov", "gen", "lt", "col", "sgt",
    "prof", "rev", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "no", "vs", "inc", "co", "corp", "ltd", "mt", "ft",
];

const FUTURE: &[&str] = &[
    "will",
    "would",
    "could",
    "shall",
    "should",
    "might",
    "can",
    "expected",
    "expects",
    "expect",
    "scheduled",
    "next",
    "upcoming",
    "forthcoming",
    "soon",
    "tomorrow",
];

/// Words that speak of the future when "to" follows: "plans to", "is to", "set to".
const FUTURE_TO: &[&str] = &[
    "plans", "plan", "planning", "intends", "intend", "aims", "hopes", "set", "going", "about",
    "is", "are",
];

const PAST: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "said",
    "told",
    "met",
    "ago",
    "last",
    "earlier",
    "previously",
    "yesterday",
    "began",
    "became",
    "came",
    "went",
    "took",
    "gave",
    "saw",
    "wrote",
    "ran",
    "rose",
    "fell",
    "knew",
    "spoke",
    "broke",
    "chose",
    "drew",
    "flew",
    "grew",
];

/// Past forms that are also participles ("should be built by May"): weak signs, like a
/// verb in "-ed".
const PAST_OR_PARTICIPLE: &[&str] = &[
    "made", "held", "left", "sent", "paid", "found", "kept", "lost", "built", "sold", "brought",
    "bought", "caught", "thought", "sought", "fought", "spent", "heard", "meant", "felt", "stood",
    "sat", "led", "fled", "got", "won",
];

/// Words ending in "-ed" that are not verbs in the past.
const NOT_PAST: &[&str] = &[
    "hundred", "red", "bed", "shed", "sacred", "naked", "wicked", "rugged", "kindred", "beloved",
    "indeed", "need", "speed", "seed", "feed", "proceed", "exceed", "succeed", "united",
];

/// Words that begin another clause: a sign beyond one speaks of that clause ("tweeted
/// Monday that he could not confirm": "could" is not what "Monday" is read by).
const CLAUSE: &[&str] = &[
    "that", "which", "who", "whom", "whose", "when", "where", "while", "because", "if", "although",
    "though", "but", "whether",
];

/// Forms of "be" before a participle: "is being held", "would be suspended". The
/// participle is then no sign; the form of "be" (or a word before it) is.
const BE: &[&str] = &["be", "being", "been", "is", "are", "am"];

/// A sign at token `k`: its tense and whether it is a plain one (not a weak one).
fn sign(toks: &[Tok], k: usize) -> Option<(Tense, bool)> {
    let t = &toks[k];
    let next = |w: &str| toks.get(k + 1).is_some_and(|n| n.is(w));
    let apostrophe = |n: usize| {
        n > 0
            && toks
                .get(n - 1)
                .is_some_and(|a| a.text == "'" || a.text == "’")
    };
    // "it'll", "won't"
    if t.is("ll") && apostrophe(k) {
        return Some((Tense::Future, true));
    }
    if t.is("won")
        && toks.get(k + 2).is_some_and(|n| n.is("t"))
        && toks
            .get(k + 1)
            .is_some_and(|a| a.text == "'" || a.text == "’")
    {
        return Some((Tense::Future, true));
    }
    // "is to", "was to" (what was then to come), "plans to", "is due"
    if (FUTURE_TO.contains(&t.lower.as_str()) || t.is("was") || t.is("were")) && next("to") {
        return Some((Tense::Future, true));
    }
    if t.is("due") && !next("to") {
        return Some((Tense::Future, true));
    }
    // "has been", "have agreed", "has built"
    if (t.is("has") || t.is("have"))
        && toks
            .get(k + 1)
            .is_some_and(|n| n.is("been") || past_participle(n))
    {
        return Some((Tense::Past, true));
    }
    // "may" in lower case; "May" is the month.
    if t.text == "may" || FUTURE.contains(&t.lower.as_str()) {
        return Some((Tense::Future, true));
    }
    if PAST.contains(&t.lower.as_str()) {
        return Some((Tense::Past, true));
    }
    let after_be = k
        .checked_sub(1)
        .is_some_and(|p| BE.contains(&toks[p].lower.as_str()));
    if past_participle(t) && !after_be {
        return Some((Tense::Past, false));
    }
    None
}

/// A word in "-ed": "voted", "suspended".
fn past_participle(t: &Tok) -> bool {
    let lower = t.lower.as_str();
    PAST_OR_PARTICIPLE.contains(&lower)
        || (lower.len() >= 5
            && lower.ends_with("ed")
            && !lower.ends_with("eed")
            && t.text.chars().all(char::is_alphabetic)
            && t.text.chars().next().is_some_and(char::is_lowercase)
            && !NOT_PAST.contains(&lower)
            && !FUTURE.contains(&lower))
}

/// Whether token `k` ends a sentence.
fn ends_sentence(toks: &[Tok], k: usize) -> bool {
    match toks[k].text {
        "!" | "?" | ";" => true,
        "." => !k.checked_sub(1).and_then(|p| toks.get(p)).is_some_and(|p| {
            ABBREVIATIONS.contains(&p.lower.as_str())
                || (p.text.chars().count() == 1 && p.text.chars().all(char::is_uppercase))
        }),
        _ => false,
    }
}

/// The tense the words around `text[start..end]` (a dating phrase) speak in, with the
/// words that show it; `None` when nothing in its sentence says.
pub fn tense(text: &str, start: usize, end: usize) -> Option<Signal> {
    let toks = tokens(text);
    let first = toks.iter().position(|t| t.start >= start)?;
    let last = toks.iter().rposition(|t| t.end <= end)?;
    if last < first {
        return None;
    }
    // The sentence: back to the last sentence end before the phrase, on to the next.
    let from = (0..first)
        .rev()
        .find(|&k| ends_sentence(&toks, k))
        .map_or(0, |k| k + 1)
        .max(first.saturating_sub(REACH));
    let to = (last + 1..toks.len())
        .find(|&k| ends_sentence(&toks, k))
        .unwrap_or(toks.len())
        .min(last + 1 + REACH);
    let lead = &toks[first];
    // The signs before and after the phrase, nearest first, and the weak ones the
    // phrase itself begins with ("until March 15").
    let mut plain: Option<(usize, Tense, usize)> = None;
    let mut weak: Option<(usize, Tense, usize)> = None;
    let note = |slot: &mut Option<(usize, Tense, usize)>, dist: usize, tense: Tense, k: usize| {
        if slot.is_none_or(|(d, _, _)| dist < d) {
            *slot = Some((dist, tense, k));
        }
    };
    // Only this clause: back to the word that begins it, on to the word that begins
    // the next.
    let is_clause = |k: usize| CLAUSE.contains(&toks[k].lower.as_str());
    let from = (from..first)
        .rev()
        .find(|&k| is_clause(k))
        .map_or(from, |k| k + 1);
    let to = (last + 1..to).find(|&k| is_clause(k)).unwrap_or(to);
    for k in (from..first).rev().chain(last + 1..to) {
        let dist = if k < first { first - k } else { k - last };
        if let Some((tense, strong)) = sign(&toks, k) {
            if strong {
                note(&mut plain, dist, tense, k);
            } else {
                note(&mut weak, dist, tense, k);
            }
        }
    }
    // "until March 15", "by May", "from March 15 on": weak signs of what is to come,
    // taken over a verb in "-ed" as far away or farther.
    let before = first.checked_sub(1).map(|p| &toks[p]);
    let prep = if lead.is("until") || lead.is("till") {
        Some((0, first))
    } else if before.is_some_and(|b| b.is("until") || b.is("till") || b.is("by"))
        || (before.is_some_and(|b| b.is("from"))
            && toks
                .get(last + 1)
                .is_some_and(|a| a.is("on") || a.is("onward") || a.is("onwards")))
    {
        Some((1, first - 1))
    } else {
        None
    };
    if let Some((dist, k)) = prep
        && weak.is_none_or(|(d, _, _)| dist <= d)
    {
        weak = Some((dist, Tense::Future, k));
    }
    let (_, tense, k) = plain.or(weak)?;
    // "it'll": from the word before the apostrophe.
    let k_from = if toks[k].is("ll") {
        k.saturating_sub(2)
    } else {
        k
    };
    let a = toks[k_from].start.min(toks[first].start);
    let b = toks[k].end.max(toks[last].end);
    Some(Signal {
        tense,
        words: text[a..b].split_whitespace().collect::<Vec<_>>().join(" "),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(text: &str, phrase: &str) -> Option<(Tense, String)> {
        let start = text.find(phrase).expect("the phrase is in the text");
        tense(text, start, start + phrase.len()).map(|s| (s.tense, s.words))
    }

    #[test]
    fn the_nearest_plain_sign_decides() {
        let t =
            "The operator said a temporary landing at the north slipway could open in early May.";
        assert_eq!(
            of(t, "early May"),
            Some((Tense::Future, "could open in early May".into()))
        );
        let t = "Bluewater Lines, said in a statement that crossings to Gull Island would be \
                 suspended from March 15 until a temporary landing is built.";
        assert_eq!(
            of(t, "March 15"),
            Some((Tense::Future, "would be suspended from March 15".into()))
        );
        let t = "WikiLeaks was described in April by CIA Director Mike Pompeo.";
        assert_eq!(
            of(t, "in April"),
            Some((Tense::Past, "was described in April".into()))
        );
        // After the phrase too: "On Monday, the council met".
        assert_eq!(
            of("On Monday, the council met.", "Monday"),
            Some((Tense::Past, "Monday, the council met".into()))
        );
        assert_eq!(
            of("The plan is to reopen it in June.", "in June").map(|s| s.0),
            Some(Tense::Future)
        );
        assert_eq!(
            of("The report is due March 20.", "March 20").map(|s| s.0),
            Some(Tense::Future)
        );
        assert_eq!(
            of("It'll reopen in June.", "in June").map(|s| s.0),
            Some(Tense::Future)
        );
        assert_eq!(
            of("Talks have stalled since June.", "June").map(|s| s.0),
            Some(Tense::Past)
        );
    }

    #[test]
    fn a_plain_sign_outweighs_a_verb_in_ed_and_a_preposition() {
        // "suspended" is nearer than "would", but "would" is the plain sign.
        let t = "Crossings would be suspended on March 15.";
        assert_eq!(of(t, "March 15").map(|s| s.0), Some(Tense::Future));
        // A verb in "-ed" alone says past; "until" before the phrase says to come.
        assert_eq!(
            of("The council voted on Monday.", "Monday").map(|s| s.0),
            Some(Tense::Past)
        );
        assert_eq!(
            of("The terminal stays shut until April 6.", "until April 6"),
            Some((Tense::Future, "until April 6".into()))
        );
        assert_eq!(
            of("Crossings resume from April 1 on.", "April 1"),
            Some((Tense::Future, "from April 1".into()))
        );
        assert_eq!(
            of("The landing opens by June 1.", "June 1").map(|s| s.0),
            Some(Tense::Future)
        );
        // "May" is the month, "may" the verb; "hundred" is no past.
        assert_eq!(
            of("Crossings may resume on June 1.", "June 1").map(|s| s.0),
            Some(Tense::Future)
        );
        assert_eq!(of("A hundred people on June 1.", "June 1"), None);
    }

    #[test]
    fn only_the_phrases_sentence_is_read() {
        // The sentence before ended; "Jr." and "Oct." do not end one.
        let t = "It was a bad year. Crossings resume on June 1.";
        assert_eq!(of(t, "June 1"), None);
        let t = "Trump Jr. asked during one exchange on Oct. 3.";
        assert_eq!(of(t, "Oct. 3").map(|s| s.0), Some(Tense::Past));
        let t = "\"What's behind this Wednesday leak?\" Trump Jr. asked.";
        assert_eq!(of(t, "Wednesday"), None);
        assert_eq!(of("Crossings resume on June 1.", "June 1"), None);
    }

    #[test]
    fn only_the_phrases_clause_is_read_and_a_participle_after_be_says_nothing() {
        // "could" is in the clause "that" begins; "tweeted" is the sign.
        let t = "Julian Assange tweeted Monday that he could not confirm the messages.";
        assert_eq!(
            of(t, "Monday"),
            Some((Tense::Past, "tweeted Monday".into()))
        );
        let t = "He said that crossings would be suspended from March 15.";
        assert_eq!(of(t, "March 15").map(|s| s.0), Some(Tense::Future));
        assert_eq!(of("The summit is being held on June 1.", "June 1"), None);
        assert_eq!(
            of("The summit was held on June 1.", "June 1").map(|s| s.0),
            Some(Tense::Past)
        );
        assert_eq!(
            of("It'll reopen in June.", "in June").map(|s| s.1),
            Some("It'll reopen in June".into())
        );
    }
}

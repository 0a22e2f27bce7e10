//! The bundled case held to the case format's rules where a rule can check them: quotes
//! verbatim, dates no firmer than the passages that state them, relative dates resolved
//! in the summary, links pointing the right way and shown from both ends, aliases the
//! texts use, reports attributed to what the sources say. Each rule below names the
//! slip it catches; the last tests pin what a fact-check of the case found and fixed.
//!
//! The case is read from the checkout with the library's loader (so these rules see what
//! the board shows); only the quotes as written, which the model does not keep once they
//! are found, are read from the JSON itself.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use caseboard::case::date::Point;
use caseboard::case::{Case, Date, EntityIx, Event, LinkKind, Precision, Qualifier, bundled};
use chrono::{Datelike, NaiveDate};

#[path = "bundled_case/text.rs"]
mod text;
use text::*;

fn case() -> Case {
    let loaded = caseboard::case::load_path(&bundled::checkout_dir()).expect("bundled case loads");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    loaded.case
}

fn case_json() -> String {
    std::fs::read_to_string(bundled::checkout_dir().join("case.json")).expect("case.json")
}

/// Asserts no rule was broken, listing every break at once.
fn assert_none(rule: &str, broken: Vec<String>) {
    assert!(broken.is_empty(), "{rule}:\n  {}", broken.join("\n  "));
}

/// The passages an event cites, as the source has them.
fn passages<'a>(c: &'a Case, e: &'a Event) -> impl Iterator<Item = &'a str> {
    e.citations.iter().map(|cit| c.passage(cit))
}

fn day_point(e: &Event) -> Option<(Point, NaiveDate)> {
    match e.date {
        Date::Single(p) if p.precision == Precision::Day => {
            let day = NaiveDate::from_ymd_opt(p.year, p.month?.into(), p.day?.into())?;
            Some((p, day))
        }
        _ => None,
    }
}

/// Slip caught: a quote that matches only once whitespace and quote marks are folded
/// (a line break, a no-break space) where the source has a verbatim passage to quote.
/// Every quote in this case has one, so every quote must equal its passage byte for byte.
#[test]
fn every_quote_is_verbatim() {
    let c = case();
    let json: serde_json::Value = serde_json::from_str(&case_json()).unwrap();
    let mut broken = Vec::new();
    for (e, raw) in c.events.iter().zip(json["events"].as_array().unwrap()) {
        assert_eq!(raw["id"], e.id.as_str(), "events in file order");
        assert_eq!(
            raw["citations"].as_array().unwrap().len(),
            e.citations.len()
        );
        for (cit, q) in e.citations.iter().zip(raw["citations"].as_array().unwrap()) {
            let quote = q["quote"].as_str().unwrap();
            if c.passage(cit) != quote {
                broken.push(format!("{}: {quote:?} is not verbatim", e.id));
            }
        }
    }
    assert_none("quotes folded to match", broken);
}

/// Slip caught: an event dated to the day when no passage it cites gives that day. A cited
/// passage must state the day (as a date, its weekday, or a named day such as election
/// day), or place it relative to something ("fifteen minutes later") with the summary
/// naming the day it resolves to.
#[test]
fn day_dates_are_stated_by_their_citations() {
    let c = case();
    let mut broken = Vec::new();
    for e in &c.events {
        let Some((_, day)) = day_point(e) else {
            continue;
        };
        let stated = passages(&c, e).any(|p| states_day(p, day));
        let resolved = passages(&c, e).any(is_relative) && full_dates(&e.summary).contains(&day);
        if !stated && !resolved {
            broken.push(format!("{} ({day}): no cited passage gives the day", e.id));
        }
    }
    assert_none("days no citation states", broken);
}

/// Slip caught: a day taken as firm although every passage that gives it hedges ("Nix
/// appeared to be referencing a June 12, 2016, article"): the date must be uncertain.
#[test]
fn a_day_stated_only_as_a_guess_is_uncertain() {
    let c = case();
    let mut broken = Vec::new();
    for e in &c.events {
        let Some((p, day)) = day_point(e) else {
            continue;
        };
        let stating: Vec<&str> = passages(&c, e).filter(|t| states_day(t, day)).collect();
        let all_hedged = !stating.is_empty()
            && stating
                .iter()
                .all(|t| HEDGES.iter().any(|h| t.to_lowercase().contains(h)));
        if all_hedged && !matches!(p.qualifier, Qualifier::Uncertain | Qualifier::Both) {
            broken.push(format!("{} ({day}) rests on a hedged passage", e.id));
        }
    }
    assert_none("hedged days given as firm", broken);
}

/// Slip caught: an event dated to a month no cited passage names. Approximate months
/// (`~`, "around the time") are left out: they say themselves that the text is loose.
/// "Last month" counts when the summary names the month it resolves to.
#[test]
fn month_dates_are_stated_by_their_citations() {
    let c = case();
    let mut broken = Vec::new();
    for e in &c.events {
        let Date::Single(p) = e.date else { continue };
        if p.precision != Precision::Month
            || matches!(p.qualifier, Qualifier::Approximate | Qualifier::Both)
        {
            continue;
        }
        let m = u32::from(p.month.expect("month precision"));
        let named = passages(&c, e).any(|t| words(t).iter().any(|w| month_of(w) == Some(m)));
        let resolved = passages(&c, e).any(|t| t.to_lowercase().contains("last month"))
            && months_with_year(&e.summary).contains(&(p.year, m));
        if !named && !resolved {
            broken.push(format!(
                "{}: no cited passage names {}",
                e.id,
                MONTHS[m as usize - 1]
            ));
        }
    }
    assert_none("months no citation states", broken);
}

/// Slip caught: a relative date left unresolved ("this Wednesday leak" on a Monday). For
/// every weekday a cited passage names, the summary names it too and gives a date (with
/// its year) that falls on it; for "later", "earlier", "previously", "last month", some
/// date or month.
#[test]
fn relative_dates_in_citations_are_resolved_in_the_summary() {
    let c = case();
    let mut broken = Vec::new();
    for e in &c.events {
        let dates = full_dates(&e.summary);
        let in_summary = weekdays_named(&e.summary);
        for day in passages(&c, e).flat_map(weekdays_named) {
            if !in_summary.contains(&day) || !dates.iter().any(|d| d.weekday() == day) {
                broken.push(format!("{}: {day} is not resolved to a date", e.id));
            }
        }
        if passages(&c, e).any(is_relative)
            && dates.is_empty()
            && months_with_year(&e.summary).is_empty()
        {
            broken.push(format!("{}: a relative time is not resolved", e.id));
        }
    }
    broken.dedup();
    assert_none("relative dates left unresolved", broken);
}

/// Slip caught: a source note claiming a "latest dated event" that the case contradicts.
/// The claimed date must be the latest firm day (unqualified, to the day) among the
/// events citing that source.
#[test]
fn source_notes_name_the_latest_dated_event_truly() {
    let c = case();
    let mut broken = Vec::new();
    for (s, source) in c.sources.iter().enumerate() {
        let Some(note) = &source.note else { continue };
        let Some((_, claim)) = note.split_once("latest dated event is ") else {
            continue;
        };
        let claimed = full_dates(claim.split(['.', ';', ':']).next().unwrap_or(claim));
        let latest = c
            .events
            .iter()
            .filter(|e| e.citations.iter().any(|cit| cit.source.get() == s))
            .filter_map(day_point)
            .filter(|(p, _)| p.qualifier == Qualifier::None)
            .map(|(_, d)| d)
            .max();
        if claimed.first().copied() != latest {
            broken.push(format!(
                "{}: note claims {claimed:?}, the case's latest is {latest:?}",
                source.id
            ));
        }
    }
    assert_none("notes with a wrong latest event", broken);
}

/// The board marks a contradiction on both events (≠) and lists it in both details, from
/// the index's links in each direction: every `contradicts` link must be found from its
/// target's side too.
#[test]
fn contradictions_are_shown_from_both_ends() {
    let c = case();
    let mut n = 0;
    for (i, e) in c.events.iter().enumerate() {
        for (k, l) in e.links.iter().enumerate() {
            if l.kind == LinkKind::Contradicts {
                n += 1;
                let back = &c.index.links_in[l.to.get()];
                assert!(
                    back.iter()
                        .any(|&(from, j)| from.get() == i && j as usize == k),
                    "{} ≠ {} is not shown from {}",
                    e.id,
                    c.event(l.to).id,
                    c.event(l.to).id
                );
            }
        }
    }
    assert!(n > 0, "the case records contradictions");
}

/// Slip caught: a link pointing the wrong way. `follows` points from the later event to
/// the earlier, so its source cannot lie wholly before its target; `part-of` points from
/// a part to the whole, whose date span must hold the part's.
#[test]
fn links_point_from_the_later_or_the_part() {
    let c = case();
    let mut broken = Vec::new();
    for e in &c.events {
        for l in &e.links {
            let to = c.event(l.to);
            let ok = match l.kind {
                LinkKind::Follows => e.date.latest() >= to.date.earliest(),
                LinkKind::PartOf => {
                    to.date.earliest() <= e.date.earliest() && e.date.latest() <= to.date.latest()
                }
                _ => true,
            };
            if !ok {
                broken.push(format!("{} {} {}", e.id, l.kind, to.id));
            }
        }
    }
    assert_none("links pointing the wrong way", broken);
}

/// Which entity names and aliases the board's highlighter finds in the sources.
fn found_names(c: &Case) -> HashMap<EntityIx, Vec<&str>> {
    let mut out: HashMap<EntityIx, Vec<&str>> = HashMap::new();
    for (s, list) in c.index.mentions.iter().enumerate() {
        for m in list {
            out.entry(m.entity)
                .or_default()
                .push(&c.sources[s].text[m.range.clone()]);
        }
    }
    out
}

/// Slip caught: an alias no source uses as a word (so the source pane never highlights
/// it), such as a name the text only prints run together with the next word.
#[test]
fn every_alias_is_found_in_the_sources() {
    let c = case();
    let found = found_names(&c);
    let mut broken = Vec::new();
    for (i, ent) in c.entities.iter().enumerate() {
        let names = found.get(&EntityIx(i as u32));
        for a in &ent.aliases {
            if !names.is_some_and(|n| n.contains(&a.as_str())) {
                broken.push(format!("{}: alias {a:?} never found", ent.id));
            }
        }
    }
    assert_none("aliases the texts do not use", broken);
}

/// Entities the texts name only through others: Congress through its "congressional
/// committees", the House through its Intelligence Committee.
const NAMED_THROUGH_OTHERS: [&str; 2] = ["us-congress", "us-house"];

/// Slip caught: an entity the sources never name, by its name or an alias (a misspelt
/// name, a kind of thing rather than a named one), apart from those listed above. A name
/// the page runs together with other words ("Read moreBrynn Anderson") still counts.
#[test]
fn every_entity_is_named_in_the_sources() {
    let c = case();
    let found = found_names(&c);
    let in_text = |n: &String| c.sources.iter().any(|s| s.text.contains(n.as_str()));
    let broken = c
        .entities
        .iter()
        .enumerate()
        .filter(|(i, e)| {
            !found.contains_key(&EntityIx(*i as u32))
                && !std::iter::once(&e.name).chain(&e.aliases).any(in_text)
                && !NAMED_THROUGH_OTHERS.contains(&e.id.as_str())
        })
        .map(|(_, e)| format!("{} ({}) is named in no source", e.id, e.kind))
        .collect();
    assert_none("entities the texts do not name", broken);
    for id in NAMED_THROUGH_OTHERS {
        assert!(
            c.entity_by_id(id).is_some(),
            "{id} is listed but not in the case"
        );
    }
}

/// The media entities an event's title names ("The Atlantic reports …").
fn outlets_in_title(c: &Case, e: &Event) -> Vec<EntityIx> {
    e.entities
        .iter()
        .copied()
        .filter(|&x| {
            let ent = c.entity(x);
            ent.kind == caseboard::case::EntityKind::Media
                && std::iter::once(&ent.name)
                    .chain(&ent.aliases)
                    .any(|n| e.title.contains(n.as_str()))
        })
        .collect()
}

/// Slip caught: an outlet's report cited from a source through a passage that does not
/// name the outlet. When a title names an outlet, every source the event cites must name
/// it in one of the passages cited from it.
#[test]
fn outlets_in_titles_are_named_in_every_cited_source() {
    let c = case();
    let mut broken = Vec::new();
    for e in &c.events {
        for outlet in outlets_in_title(&c, e) {
            for cit in &e.citations {
                let s = cit.source;
                let named = e.citations.iter().filter(|x| x.source == s).any(|x| {
                    c.index.mentions[s.get()].iter().any(|m| {
                        m.entity == outlet
                            && x.range.start <= m.range.start
                            && m.range.end <= x.range.end
                    })
                });
                if !named {
                    broken.push(format!(
                        "{}: no passage from {} names {}",
                        e.id,
                        c.source(s).id,
                        c.entity(outlet).name
                    ));
                }
            }
        }
    }
    broken.sort();
    broken.dedup();
    assert_none("outlets not named where cited", broken);
}

/// Verbs with which a summary attributes words or dates to an outlet ("the Post says").
const ATTRIBUTING: [&str; 14] = [
    "says",
    "said",
    "gives",
    "reports",
    "reported",
    "describes",
    "dates",
    "places",
    "puts",
    "does",
    "relays",
    "writes",
    "calls",
    "identifies",
];

/// Slip caught: a summary attributing a source's words to a publisher the source record
/// does not state ("the Post says" of an article whose publisher is "not stated"). "The
/// X says" must name the publisher of a cited source, or an outlet among the event's
/// entities (whose own report the event relays).
#[test]
fn summaries_attribute_only_to_stated_outlets() {
    let c = case();
    let last_word = |s: &str| s.split_whitespace().last().unwrap_or("").to_string();
    let mut broken = Vec::new();
    for e in &c.events {
        let mut known: Vec<String> = e
            .citations
            .iter()
            .map(|cit| last_word(&c.source(cit.source).publisher))
            .collect();
        for &x in &e.entities {
            let ent = c.entity(x);
            if ent.kind == caseboard::case::EntityKind::Media {
                known.extend(
                    std::iter::once(&ent.name)
                        .chain(&ent.aliases)
                        .map(|n| last_word(n)),
                );
            }
        }
        let w: Vec<&str> = e.summary.split_whitespace().collect();
        for t in w.windows(3) {
            let outlet = t[1].trim_end_matches(['\'', '’', 's']);
            let verb = t[2].trim_matches(|ch: char| !ch.is_alphanumeric());
            if (t[0] == "the" || t[0] == "The")
                && t[1].starts_with(char::is_uppercase)
                && ATTRIBUTING.contains(&verb)
                && !known.iter().any(|k| k == t[1] || k == outlet)
            {
                broken.push(format!("{}: \"{} {} {}\"", e.id, t[0], t[1], t[2]));
            }
        }
    }
    assert_none("summaries naming a publisher no record states", broken);
}

/// What the fact-check of the case found missing or wrong, each kept fixed: links the
/// articles support, events and entities they state, an alias their text uses, and the
/// two claims the case had stated as fact.
#[test]
fn fact_check_findings_stay_fixed() {
    let c = case();
    let links = [
        // Trump Jr. tweeted the link (Oct. 14) that his lawyer says he "did not bite" on.
        (
            "futerfas-says-trump-jr-did-not-bite",
            "contradicts",
            "trump-jr-tweets-wikileaks-link",
        ),
        // Posting the messages belies Pence's "Nothing could be further from the truth".
        (
            "trump-jr-posts-wikileaks-messages",
            "contradicts",
            "pence-denies-wikileaks-ties-on-fox-news",
        ),
        // A committee "has chosen to selectively leak" what the lawyers handed over.
        (
            "atlantic-reports-trump-jr-messages",
            "follows",
            "trump-jr-lawyers-give-messages-to-congress",
        ),
        (
            "committee-leaks-trump-jr-messages",
            "follows",
            "trump-jr-lawyers-give-messages-to-congress",
        ),
        (
            "trump-jr-posts-wikileaks-messages",
            "responds-to",
            "committee-leaks-trump-jr-messages",
        ),
        (
            "trump-jr-asks-about-wednesday-leak",
            "responds-to",
            "rumored-wednesday-leak",
        ),
        (
            "wikileaks-releases-dnc-emails",
            "follows",
            "dnc-emails-stolen-in-cyber-hack",
        ),
        (
            "bannon-leaves-white-house",
            "follows",
            "bannon-white-house-strategist",
        ),
        (
            "trump-campaign-first-payment-to-cambridge-analytica",
            "part-of",
            "trump-campaign-pays-cambridge-analytica-total",
        ),
    ];
    for (from, kind, to) in links {
        let e = c.event(c.event_by_id(from).unwrap_or_else(|| panic!("{from}")));
        let to_ix = c.event_by_id(to).unwrap_or_else(|| panic!("{to}"));
        assert!(
            e.links
                .iter()
                .any(|l| l.to == to_ix && l.kind.as_str() == kind),
            "{from} {kind} {to}"
        );
    }
    for id in [
        "mercer-backs-cambridge-analytica",
        "bannon-white-house-strategist",
        "bannon-leaves-white-house",
    ] {
        assert!(c.event_by_id(id).is_some(), "{id}");
    }
    for id in [
        "clinton-campaign",
        "us-congress",
        "us-house",
        "washington",
        "portugal",
    ] {
        assert!(c.entity_by_id(id).is_some(), "{id}");
    }
    let jr = c.entity(c.entity_by_id("donald-trump-jr").unwrap());
    assert!(jr.aliases.iter().any(|a| a == "Donald"), "\"Hey Donald\"");
    // Bannon's vice presidency (before 2017) no longer carries the present-tense Mercer claim.
    let bannon = c.event(
        c.event_by_id("bannon-cambridge-analytica-vice-president")
            .unwrap(),
    );
    assert!(passages(&c, bannon).all(|p| !p.contains("Mercer")));
    // Futerfas asked whether the Post or the Times watching WikiLeaks would be improper; he
    // did not say they watched it, and neither may the case.
    let futerfas = c.event(c.event_by_id("futerfas-calls-exchanges-innocuous").unwrap());
    assert!(
        !futerfas.summary.contains("as were"),
        "{}",
        futerfas.summary
    );
    for id in ["washington-post", "new-york-times"] {
        let d = &c.entity(c.entity_by_id(id).unwrap()).description;
        assert!(d.contains("rhetorical question"), "{id}: {d}");
    }
}

/// The case file keeps the one layout the case writer uses (two-space indent, keys in
/// file order, no ASCII escaping of other characters, a final newline), so a load and
/// save with no edit leaves it byte-identical and a one-record edit is a one-hunk diff.
#[test]
fn case_file_keeps_the_canonical_layout() {
    let text = case_json();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let canonical = serde_json::to_string_pretty(&value).unwrap() + "\n";
    let first_difference = text
        .lines()
        .zip(canonical.lines())
        .position(|(a, b)| a != b);
    assert!(text == canonical, "differs from line {first_difference:?}");
}

/// The README's figures for the bundled case (its intro and the `caseboard check` example)
/// are what `caseboard check` prints for it.
#[test]
fn readme_counts_are_the_case_counts() {
    let out = Command::new(env!("CARGO_BIN_EXE_caseboard"))
        .arg("check")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    assert!(
        readme.contains(&format!("$ caseboard check\n{stdout}")),
        "README's example differs from:\n{stdout}"
    );
    let c = case();
    let citations: usize = c.events.iter().map(|e| e.citations.len()).sum();
    let intro = format!(
        "{} events, {} entities, {} citations",
        c.events.len(),
        c.entities.len(),
        citations
    );
    let prose = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        prose.contains(&intro),
        "README's intro should say {intro:?}"
    );
    assert!(readme.contains(&format!("1 Timeline ({})", c.events.len())));
}

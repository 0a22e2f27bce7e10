//! A deterministic generator of large, valid cases, for benches, tests and the
//! `gen_case` tool.
//!
//! For `n` events it writes about `n / 10` entities and `n / 1000` sources (at least two)
//! of about 20 KB of prose each. Source sentences name entities, so mentions exist;
//! every citation quotes a real sentence, clause or pair of sentences of its source,
//! written with straight quotes and single spaces while the source uses curly quotes,
//! doubled spaces and line wrapping, so quote folding is exercised. Dates run over
//! 2014–2020 at mixed precision with some uncertain, approximate and interval dates.
//! Every entity is used by some event, so a generated case loads with no warnings.
//!
//! The same `(events, seed)` always gives the same bytes (no hash-order dependence).
//!
//! [`memory::case`] builds a case of random words straight into memory instead (no
//! files, no loader), for search tests and benches that want every query to hit.
//!
//! The map: `rng` (the one source of randomness), `words` (the word lists, from
//! `data/words/`), `cast` (entities), `prose` (sentences, paragraphs, dates), `memory`
//! (in-memory cases); the JSON writer is here.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::Path;

use serde::Serialize;

mod cast;
pub mod memory;
mod prose;
pub mod rng;
pub mod words;

use cast::{Generator, KIND_NAMES, article, capitalize, digits};
use prose::{Sentence, source_text};
use words::*;

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub events: usize,
    pub seed: u64,
}

/// What was written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub events: usize,
    pub entities: usize,
    pub sources: usize,
    pub citations: usize,
    /// Entities whose name contains a non-ASCII character.
    pub non_ascii_names: usize,
    pub case_json_bytes: u64,
    pub source_bytes: u64,
}

impl Spec {
    /// Entity count for this spec: one per ten events, at least one.
    pub fn entity_count(&self) -> usize {
        (self.events / 10).max(1)
    }
    /// Source count for this spec: one per thousand events, at least two
    /// (so small cases still have events with two sources).
    pub fn source_count(&self) -> usize {
        (self.events / 1000).max(2)
    }
}

/// The link kinds events use, as case.json names them.
const LINK_KINDS: &[&str] = &[
    "follows",
    "responds-to",
    "contradicts",
    "corroborates",
    "part-of",
];
#[derive(Serialize)]
struct OutSource<'a> {
    id: &'a str,
    title: &'a str,
    publisher: &'a str,
    published: &'a str,
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct OutEntity<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    aliases: &'a [String],
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
}

#[derive(Serialize)]
struct OutCitation<'a> {
    source: &'a str,
    quote: &'a str,
}

#[derive(Serialize)]
struct OutLink<'a> {
    to: &'a str,
    kind: &'a str,
}

#[derive(Serialize)]
struct OutEvent<'a> {
    id: &'a str,
    date: &'a str,
    title: &'a str,
    summary: &'a str,
    entities: Vec<&'a str>,
    citations: Vec<OutCitation<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    links: Vec<OutLink<'a>>,
}

/// Writes `dir/case.json` and `dir/sources/src-NNNN.txt` for `spec`; creates `dir`.
///
/// The JSON holds one source, entity or event per line (how large generated cases
/// usually look, and what diffs well).
pub fn write_case(spec: &Spec, dir: &Path) -> io::Result<Summary> {
    let mut g = Generator::new(spec);
    let n_sources = spec.source_count();
    let swidth = digits(n_sources).max(4);
    fs::create_dir_all(dir.join("sources"))?;

    // Sources: ~20 KB of sentences each.
    let mut sources: Vec<(String, Vec<Sentence>)> = Vec::with_capacity(n_sources);
    let mut source_bytes = 0u64;
    let mut meta = Vec::with_capacity(n_sources);
    for s in 0..n_sources {
        let target = g.rng.range(15_000, 25_000);
        let mut sentences = Vec::new();
        let mut len = 0;
        while len < target {
            let st = g.sentence();
            len += st.text.len() + 1;
            sentences.push(st);
        }
        let id = format!("src-{:0swidth$}", s + 1);
        let file = format!("sources/{id}.txt");
        let text = source_text(&mut g.rng, &sentences);
        fs::write(dir.join(&file), &text)?;
        source_bytes += text.len() as u64;
        let publisher = {
            let m = g.some(Some(2));
            g.entities[m as usize].name.clone()
        };
        let title = format!(
            "{} {} {}, {} say",
            capitalize(g.rng.pick(&ADJ)),
            g.rng.pick(&NOUNS),
            g.rng.pick(&VERBS),
            g.rng
                .pick(&["records", "officials", "documents", "witnesses"])
        );
        let published = format!(
            "{}-{:02}-{:02}",
            g.rng.range(2014, 2020),
            g.rng.range(1, 12),
            g.rng.range(1, 28)
        );
        let url = g.rng.chance(0.7).then(|| {
            format!(
                "https://news.example.org/{}/{}",
                published.replace('-', "/"),
                id
            )
        });
        meta.push((title, publisher, published, file, url));
        sources.push((id, sentences));
    }

    let file = File::create(dir.join("case.json"))?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    let title = format!(
        "Generated case: {} events (seed {})",
        spec.events, spec.seed
    );
    write!(
        w,
        "{{\"format\":1,\"id\":\"generated-{}-{}\",\"title\":",
        spec.events, spec.seed
    )?;
    serde_json::to_writer(&mut w, &title)?;
    w.write_all(b",\"summary\":\"A synthetic case for measuring caseboard on large inputs.\",\n\"sources\":[\n")?;
    for (k, ((id, _), (title, publisher, published, file, url))) in
        sources.iter().zip(&meta).enumerate()
    {
        let rec = OutSource {
            id,
            title,
            publisher,
            published,
            file,
            url: url.as_deref(),
        };
        if k > 0 {
            w.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut w, &rec)?;
    }
    w.write_all(b"\n],\n\"entities\":[\n")?;
    let mut non_ascii_names = 0;
    for (k, e) in g.entities.iter().enumerate() {
        non_ascii_names += usize::from(!e.name.is_ascii());
        let rec = OutEntity {
            id: &e.id,
            name: &e.name,
            kind: KIND_NAMES[e.kind],
            aliases: &e.aliases,
            description: &e.description,
        };
        if k > 0 {
            w.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut w, &rec)?;
    }
    w.write_all(b"\n],\n\"events\":[\n")?;

    // Events: every entity is forced into one event, spread evenly over the timeline
    // of the file, so none is left unused; the rest come from the cited sentences.
    let n_ent = g.entities.len();
    let mut forced: Vec<u32> = (0..n_ent as u32).collect();
    for i in (1..forced.len()).rev() {
        forced.swap(i, g.rng.below(i + 1));
    }
    let ewidth = digits(spec.events).max(6);
    let ev_id = |i: usize| format!("ev-{:0ewidth$}", i + 1);
    let mut citations_total = 0;
    let mut quote_buf: Vec<String> = Vec::new();
    for i in 0..spec.events {
        let id = ev_id(i);
        let date = g.date();
        let n_cit = match g.rng.below(100) {
            0..50 => 1,
            50..85 => 2,
            _ => 3,
        };
        let first_src = g.rng.below(n_sources);
        let mut cites: Vec<(usize, usize)> = Vec::with_capacity(n_cit);
        quote_buf.clear();
        let mut cited: Vec<u32> = Vec::new();
        for c in 0..n_cit {
            let s = if c == 0 || g.rng.chance(0.5) {
                first_src
            } else {
                g.rng.below(n_sources)
            };
            let sents = &sources[s].1;
            let j = g.rng.below(sents.len());
            let roll = g.rng.below(100);
            let quote = if roll < 10 && j + 1 < sents.len() {
                cited.extend(&sents[j + 1].entities);
                format!("{} {}", sents[j].quote, sents[j + 1].quote)
            } else if roll < 40 {
                // A clause: a run of at least six words.
                let words: Vec<&str> = sents[j].quote.split(' ').collect();
                if words.len() >= 8 {
                    let len = g.rng.range(6, words.len() - 1);
                    let start = g.rng.below(words.len() - len + 1);
                    words[start..start + len].join(" ")
                } else {
                    sents[j].quote.clone()
                }
            } else {
                sents[j].quote.clone()
            };
            cited.extend(&sents[j].entities);
            cites.push((s, quote_buf.len()));
            quote_buf.push(quote);
        }
        // 0–3 entities, distinct, in the order the cited sentences name them.
        let want = if g.rng.chance(0.05) {
            0
        } else {
            g.rng.range(1, 3)
        };
        let mut ents: Vec<u32> = Vec::with_capacity(3);
        for e in cited {
            if ents.len() < want && !ents.contains(&e) {
                ents.push(e);
            }
        }
        let lo = i * n_ent / spec.events.max(1);
        let hi = (i + 1) * n_ent / spec.events.max(1);
        for &f in &forced[lo..hi] {
            if !ents.contains(&f) {
                if ents.len() >= 3 {
                    ents.pop();
                }
                ents.push(f);
            }
        }

        let subject = ents
            .first()
            .map_or("Officials", |&e| g.entities[e as usize].name.as_str())
            .to_string();
        let title = format!(
            "{subject} {} {}",
            g.rng.pick(&VERBS),
            article(g.rng.pick(&NOUNS))
        );
        let summary = format!(
            "{} {} {} with {} {}, according to {}.",
            capitalize(&article(g.rng.pick(&ADJ))),
            g.rng.pick(&NOUNS),
            g.rng.pick(&[
                "was reached",
                "was discussed",
                "came to light",
                "was put on hold",
                "drew scrutiny"
            ]),
            article(g.rng.pick(&ADJ)),
            g.rng.pick(&NOUNS),
            g.rng.pick(&[
                "two sources",
                "several officials",
                "court records",
                "people familiar with the matter",
                "internal emails"
            ]),
        );
        let n_tags = match g.rng.below(10) {
            0..4 => 0,
            4..8 => 1,
            _ => 2,
        };
        let mut tags: Vec<&str> = Vec::with_capacity(n_tags);
        for _ in 0..n_tags {
            let t = g.rng.pick(&TAGS);
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        let mut link_ids: Vec<(String, &str)> = Vec::new();
        if i > 0 && g.rng.chance(0.15) {
            let n_links = if g.rng.chance(0.2) { 2 } else { 1 };
            for _ in 0..n_links {
                let back = g.rng.range(1, i.min(1000));
                let to = ev_id(i - back);
                if !link_ids.iter().any(|(t, _)| *t == to) {
                    link_ids.push((to, g.rng.pick(LINK_KINDS)));
                }
            }
        }

        let rec = OutEvent {
            id: &id,
            date: &date,
            title: &title,
            summary: &summary,
            entities: ents
                .iter()
                .map(|&e| g.entities[e as usize].id.as_str())
                .collect(),
            citations: cites
                .iter()
                .map(|&(s, q)| OutCitation {
                    source: &sources[s].0,
                    quote: &quote_buf[q],
                })
                .collect(),
            tags,
            links: link_ids
                .iter()
                .map(|(to, kind)| OutLink { to, kind })
                .collect(),
        };
        if i > 0 {
            w.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut w, &rec)?;
        citations_total += cites.len();
    }
    w.write_all(b"\n]}\n")?;
    w.flush()?;
    let case_json_bytes = w.get_ref().metadata()?.len();
    Ok(Summary {
        events: spec.events,
        entities: n_ent,
        sources: n_sources,
        citations: citations_total,
        non_ascii_names,
        case_json_bytes,
        source_bytes,
    })
}

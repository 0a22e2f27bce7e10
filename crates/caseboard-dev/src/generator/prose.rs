//! Source prose: sentences that name the cast, each in two forms, as quoted (straight
//! quotes, single spaces) and as the source writes it (curly quotes, sometimes doubled
//! spaces), wrapped into paragraphs; and event dates.

use caseboard::case::date::month_name;

use super::cast::{Generator, article};
use super::rng::Rng;
use super::words::*;

/// A source sentence: how it is quoted (straight quotes, single spaces) and how it is
/// written in the source text (curly quotes, sometimes doubled spaces).
pub(super) struct Sentence {
    pub(super) quote: String,
    pub(super) text: String,
    /// The entities it names, each once.
    pub(super) entities: Vec<u32>,
}

/// Builds a sentence's quoted and written forms side by side.
#[derive(Default)]
struct Both {
    quote: String,
    text: String,
}

impl Both {
    fn s(&mut self, x: &str) -> &mut Self {
        self.quote.push_str(x);
        self.text.push_str(x);
        self
    }
    /// A space that the source sometimes doubles.
    fn sp(&mut self, rng: &mut Rng) -> &mut Self {
        self.quote.push(' ');
        self.text
            .push_str(if rng.chance(0.03) { "  " } else { " " });
        self
    }
    fn dq(&mut self, inner: &str) -> &mut Self {
        self.quote.push('"');
        self.quote.push_str(inner);
        self.quote.push('"');
        self.text.push('“');
        self.text.push_str(inner);
        self.text.push('”');
        self
    }
    fn sq(&mut self, inner: &str) -> &mut Self {
        self.quote.push('\'');
        self.quote.push_str(inner);
        self.quote.push('\'');
        self.text.push('‘');
        self.text.push_str(inner);
        self.text.push('’');
        self
    }
    /// Possessive `’s` in the source, `'s` in quotes.
    fn poss(&mut self) -> &mut Self {
        self.quote.push_str("'s");
        self.text.push_str("’s");
        self
    }
}

impl Generator {
    /// A sentence naming one to three entities.
    pub(super) fn sentence(&mut self) -> Sentence {
        let mut b = Both::default();
        let mut ents = Vec::new();
        // Picks an entity, records it, and returns how this sentence names it.
        fn name(g: &mut Generator, kind: Option<usize>, ents: &mut Vec<u32>) -> String {
            let e = g.some(kind);
            ents.push(e);
            let alias = g.rng.chance(0.3);
            let ent = &g.entities[e as usize];
            if alias && !ent.aliases.is_empty() {
                ent.aliases[0].clone()
            } else {
                ent.name.clone()
            }
        }
        let a = name(self, None, &mut ents);
        let r = &mut Rng::new(self.rng.next_u64());
        match self.rng.below(9) {
            0 => {
                let bn = name(self, Some(0), &mut ents);
                let p = name(self, Some(4), &mut ents);
                let d = self.day_phrase();
                b.s(&a)
                    .sp(r)
                    .s("met")
                    .sp(r)
                    .s(&bn)
                    .sp(r)
                    .s("in")
                    .sp(r)
                    .s(&p)
                    .sp(r)
                    .s("on")
                    .sp(r)
                    .s(&d)
                    .sp(r)
                    .s("to discuss the")
                    .sp(r)
                    .s(r.pick(&NOUNS))
                    .s(".");
            }
            1 => {
                let m = name(self, Some(2), &mut ents);
                b.s("According to")
                    .sp(r)
                    .s(&m)
                    .s(",")
                    .sp(r)
                    .s(&a)
                    .sp(r)
                    .s(r.pick(&VERBS))
                    .sp(r)
                    .s("the")
                    .sp(r)
                    .s(r.pick(&NOUNS))
                    .sp(r)
                    .s(r.pick(&TIMES))
                    .s(".");
            }
            2 => {
                let inner = format!("{} and {}", r.pick(&ADJ), r.pick(&ADJ));
                b.s(&a)
                    .sp(r)
                    .s("told reporters that the")
                    .sp(r)
                    .s(r.pick(&NOUNS))
                    .sp(r)
                    .s("was")
                    .sp(r)
                    .dq(&inner)
                    .s(".");
            }
            3 => {
                let bn = name(self, None, &mut ents);
                let month = format!(
                    "{} {}",
                    month_name(r.range(1, 12) as u8),
                    r.range(2014, 2020)
                );
                b.s("In")
                    .sp(r)
                    .s(&month)
                    .s(",")
                    .sp(r)
                    .s(&a)
                    .poss()
                    .sp(r)
                    .s(r.pick(&ROLES))
                    .sp(r)
                    .s(r.pick(&VERBS))
                    .sp(r)
                    .s(&article(r.pick(&NOUNS)))
                    .sp(r)
                    .s("with")
                    .sp(r)
                    .s(&bn)
                    .s(".");
            }
            4 => {
                let bn = name(self, None, &mut ents);
                b.s(&a)
                    .sp(r)
                    .s("denied any")
                    .sp(r)
                    .s(r.pick(&NOUNS))
                    .sp(r)
                    .s("with")
                    .sp(r)
                    .s(&bn)
                    .s(",")
                    .sp(r)
                    .s("calling the reports")
                    .sp(r)
                    .sq(r.pick(&ADJ))
                    .s(".");
            }
            5 => {
                let m = name(self, Some(2), &mut ents);
                let bn = name(self, None, &mut ents);
                let d = self.day_phrase();
                let amount = format!("${},{:03}", r.range(2, 950), r.below(1000));
                b.s("Records reviewed by")
                    .sp(r)
                    .s(&m)
                    .sp(r)
                    .s("show that")
                    .sp(r)
                    .s(&a)
                    .sp(r)
                    .s("transferred")
                    .sp(r)
                    .s(&amount)
                    .sp(r)
                    .s("to")
                    .sp(r)
                    .s(&bn)
                    .sp(r)
                    .s("on")
                    .sp(r)
                    .s(&d)
                    .s(".");
            }
            6 => {
                let o = name(self, Some(1), &mut ents);
                b.s(&a)
                    .s(",")
                    .sp(r)
                    .s(&article(r.pick(&ROLES)))
                    .sp(r)
                    .s("at")
                    .sp(r)
                    .s(&o)
                    .s(",")
                    .sp(r)
                    .s("said the")
                    .sp(r)
                    .s(r.pick(&NOUNS))
                    .sp(r)
                    .s("had been")
                    .sp(r)
                    .s(r.pick(&VERBS))
                    .sp(r)
                    .s(r.pick(&TIMES))
                    .s(".");
            }
            7 => {
                let bn = name(self, None, &mut ents);
                let m = name(self, Some(2), &mut ents);
                let d = self.day_phrase();
                b.s("The")
                    .sp(r)
                    .s(r.pick(&NOUNS))
                    .sp(r)
                    .s("between")
                    .sp(r)
                    .s(&a)
                    .sp(r)
                    .s("and")
                    .sp(r)
                    .s(&bn)
                    .sp(r)
                    .s("was first reported by")
                    .sp(r)
                    .s(&m)
                    .sp(r)
                    .s("on")
                    .sp(r)
                    .s(&d)
                    .s(".");
            }
            _ => {
                let g = name(self, Some(3), &mut ents);
                let inner = format!("{} {}", r.pick(&ADJ), r.pick(&NOUNS));
                b.s(&g)
                    .sp(r)
                    .s("opened an inquiry into")
                    .sp(r)
                    .s(&a)
                    .poss()
                    .sp(r)
                    .s(r.pick(&NOUNS))
                    .s(",")
                    .sp(r)
                    .s("citing what it called")
                    .sp(r)
                    .dq(&inner)
                    .sp(r)
                    .s(r.pick(&TIMES))
                    .s(".");
            }
        }
        let mut seen = Vec::with_capacity(ents.len());
        for e in ents {
            if !seen.contains(&e) {
                seen.push(e);
            }
        }
        Sentence {
            quote: b.quote,
            text: b.text,
            entities: seen,
        }
    }

    fn day_phrase(&mut self) -> String {
        format!(
            "{} {} {}",
            self.rng.range(1, 28),
            month_name(self.rng.below(12) as u8 + 1),
            self.rng.range(2014, 2020)
        )
    }

    /// A date string in the case's EDTF subset, over 2014–2020.
    pub(super) fn date(&mut self) -> String {
        let r = &mut self.rng;
        let (y, m, d) = (r.range(2014, 2020), r.range(1, 12), r.range(1, 28));
        let q = match r.below(100) {
            0..5 => "?",
            5..8 => "~",
            8 => "%",
            _ => "",
        };
        match r.below(100) {
            0..74 => format!("{y}-{m:02}-{d:02}{q}"),
            74..84 => format!("{y}-{m:02}{q}"),
            84..88 => format!("{y}{q}"),
            88..91 => format!("{y}-{m:02}-{d:02}T{:02}:{:02}", r.below(24), r.below(60)),
            91..97 => {
                // A closed interval of up to about four months.
                let (m2, d2) = if m < 12 && r.chance(0.6) {
                    (r.range(m + 1, 12.min(m + 4)), r.range(1, 28))
                } else {
                    (m, r.range(d, 28))
                };
                format!("{y}-{m:02}-{d:02}/{y}-{m2:02}-{d2:02}")
            }
            97..99 => format!("../{y}-{m:02}"),
            _ => format!("{y}-{m:02}/.."),
        }
    }
}

/// Joins sentences into wrapped paragraphs (about 72 columns), the way text pasted
/// from a web page often arrives.
pub(super) fn source_text(rng: &mut Rng, sentences: &[Sentence]) -> String {
    let mut out = String::with_capacity(sentences.iter().map(|s| s.text.len() + 2).sum());
    let mut k = 0;
    while k < sentences.len() {
        let para = rng.range(3, 7).min(sentences.len() - k);
        let mut line_len = 0;
        for (j, s) in sentences[k..k + para].iter().enumerate() {
            if j > 0 {
                let sep = if rng.chance(0.2) { "  " } else { " " };
                out.push_str(sep);
                line_len += sep.len();
            }
            for (w, word) in s.text.split(' ').enumerate() {
                if w > 0 {
                    if line_len > 0 && line_len + word.chars().count() > 72 {
                        out.push('\n');
                        line_len = 0;
                    } else {
                        out.push(' ');
                        line_len += 1;
                    }
                }
                out.push_str(word);
                line_len += word.chars().count();
            }
        }
        out.push_str("\n\n");
        k += para;
    }
    out
}

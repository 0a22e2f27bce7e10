//! The case's cast: entities of every kind with varied names (some non-ASCII, some with
//! aliases), and the generator's state, which draws them for sentences.

use std::collections::HashSet;
use std::fmt::Write as _;

use super::Spec;
use super::rng::Rng;
use super::words::*;

/// An entity as the generator keeps it.
pub(super) struct GenEntity {
    pub(super) id: String,
    pub(super) name: String,
    /// Index into [`KIND_NAMES`].
    pub(super) kind: usize,
    pub(super) aliases: Vec<String>,
    pub(super) description: String,
}

/// The generator: its randomness and its cast.
pub(super) struct Generator {
    pub(super) rng: Rng,
    pub(super) entities: Vec<GenEntity>,
    by_kind: [Vec<u32>; 8],
    /// A small "main cast" that turns up far more often than the rest.
    cast: usize,
}

impl Generator {
    pub(super) fn new(spec: &Spec) -> Generator {
        let mut rng = Rng::new(spec.seed ^ 0x6361_7365_626f_6172);
        let n = spec.entity_count();
        let mut used: HashSet<String> = HashSet::with_capacity(n * 2);
        let mut entities = Vec::with_capacity(n);
        let mut by_kind: [Vec<u32>; 8] = Default::default();
        let width = digits(n).max(5);
        for i in 0..n {
            let kind = match rng.below(100) {
                0..60 => 0,
                60..75 => 1,
                75..80 => 2,
                80..85 => 3,
                85..92 => 4,
                92..96 => 5,
                96..98 => 6,
                _ => 7,
            };
            // Exactly every 12.5th entity has a non-ASCII name (8%), spread evenly.
            let non_ascii = (i + 1) * 2 / 25 != i * 2 / 25;
            let mut attempt = 0;
            let name = loop {
                let mut name = entity_name(&mut rng, kind, non_ascii);
                if attempt > 20 {
                    let _ = write!(name, " {}", roman(attempt - 19));
                }
                if !used.contains(&name) {
                    break name;
                }
                attempt += 1;
            };
            used.insert(name.clone());
            let mut aliases = Vec::new();
            let alias = match kind {
                0 if rng.chance(0.15) => {
                    // "Anna K. Berg" is also "Anna Berg".
                    let parts: Vec<&str> = name.split(' ').collect();
                    (parts.len() == 3).then(|| format!("{} {}", parts[0], parts[2]))
                }
                1 if rng.chance(0.3) => {
                    let initials: String =
                        name.split(' ').filter_map(|w| w.chars().next()).collect();
                    (initials.chars().count() >= 2).then_some(initials)
                }
                _ => None,
            };
            if let Some(a) = alias
                && used.insert(a.clone())
            {
                aliases.push(a);
            }
            let description = match kind {
                0 => format!(
                    "{} {} in the {} {}",
                    article(rng.pick(&ADJ)),
                    rng.pick(&ROLES),
                    rng.pick(&NOUNS),
                    rng.pick(&["affair", "case", "matter", "inquiry"])
                ),
                1 => format!(
                    "{} firm linked to the {}",
                    rng.pick(&[
                        "A consulting",
                        "An investment",
                        "A holding",
                        "A logistics",
                        "A data"
                    ]),
                    rng.pick(&NOUNS)
                ),
                2 => "A news outlet that reported on the case".to_string(),
                3 => "A public body with oversight of the matter".to_string(),
                4 => "A place where events in the case took place".to_string(),
                5 => "A social media account".to_string(),
                6 => format!("A document central to the {}", rng.pick(&NOUNS)),
                _ => String::new(),
            };
            by_kind[kind].push(i as u32);
            entities.push(GenEntity {
                id: format!("ent-{:0width$}", i + 1),
                name,
                kind,
                aliases,
                description,
            });
        }
        let cast = (n / 100).max(1);
        Generator {
            rng,
            entities,
            by_kind,
            cast,
        }
    }

    /// An entity of `kind` if there is one, else any; 30% of the time from the main cast.
    pub(super) fn some(&mut self, kind: Option<usize>) -> u32 {
        if let Some(k) = kind
            && !self.by_kind[k].is_empty()
        {
            let list = &self.by_kind[k];
            return list[self.rng.below(list.len())];
        }
        if self.rng.chance(0.3) {
            self.rng.below(self.cast) as u32
        } else {
            self.rng.below(self.entities.len()) as u32
        }
    }
}

fn entity_name(rng: &mut Rng, kind: usize, non_ascii: bool) -> String {
    let first = |rng: &mut Rng| {
        if non_ascii && rng.chance(0.5) {
            rng.pick(&NA_FIRST)
        } else {
            rng.pick(&FIRST)
        }
    };
    let last = |rng: &mut Rng, first_was_na: bool| {
        if non_ascii && !first_was_na {
            rng.pick(&NA_LAST)
        } else {
            rng.pick(&LAST)
        }
    };
    let place = |rng: &mut Rng| {
        if non_ascii {
            rng.pick(&NA_PLACES)
        } else {
            rng.pick(&PLACES)
        }
    };
    match kind {
        0 => {
            let f = first(rng);
            let l = last(rng, !f.is_ascii());
            if rng.chance(0.7) {
                format!("{f} {}. {l}", (b'A' + rng.below(26) as u8) as char)
            } else {
                format!("{f} {l}")
            }
        }
        1 => {
            let w = if non_ascii {
                rng.pick(&NA_LAST)
            } else {
                rng.pick(&ORG_WORDS)
            };
            if rng.chance(0.5) {
                format!("{w} {}", rng.pick(&ORG_SUFFIX))
            } else {
                format!("{w} {} {}", rng.pick(&ORG_SUFFIX), rng.pick(&ORG_SUFFIX))
            }
        }
        2 => format!("The {} {}", place(rng), rng.pick(&PAPERS)),
        3 => format!(
            "{} {} of {}",
            place(rng),
            rng.pick(&GOV_DEPT),
            rng.pick(&GOV_AREA)
        ),
        4 => format!("{} {}", place(rng), rng.pick(&PLACE_KINDS)),
        5 => {
            let f = first(rng);
            let l = last(rng, !f.is_ascii());
            format!("@{f}{l}{}", rng.below(100))
        }
        6 => {
            let w = if non_ascii {
                rng.pick(&NA_LAST)
            } else {
                rng.pick(&ORG_WORDS)
            };
            format!(
                "{w} {} {}",
                capitalize(rng.pick(&NOUNS)),
                rng.pick(&DOC_KIND)
            )
        }
        _ => {
            let w = if non_ascii {
                rng.pick(&NA_PLACES)
            } else {
                rng.pick(&ORG_WORDS)
            };
            format!("Operation {w} {}", capitalize(rng.pick(&NOUNS)))
        }
    }
}

pub(super) fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

pub(super) fn article(word: &str) -> String {
    let an = word.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {word}", if an { "an" } else { "a" })
}

fn roman(n: usize) -> String {
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
        .get(n - 1)
        .map_or_else(|| n.to_string(), |s| s.to_string())
}

pub(super) fn digits(n: usize) -> usize {
    n.max(1).ilog10() as usize + 1
}

/// The entity kinds as case.json names them, by the generator's kind numbers.
pub(super) const KIND_NAMES: [&str; 8] = [
    "person",
    "organization",
    "media",
    "government",
    "place",
    "account",
    "document",
    "other",
];

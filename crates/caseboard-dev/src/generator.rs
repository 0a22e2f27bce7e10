//! A deterministic generator of large, valid cases, for benches, tests and the
//! `gen_case` example. Not part of the board: hidden from the docs.
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

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::Path;

use serde::Serialize;

use caseboard::case::date::month_name;

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

/// splitmix64: tiny, fast and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 11) as u128 * n as u128) >> 53) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const FIRST: &[&str] = &[
    "James",
    "Mary",
    "John",
    "Patricia",
    "Robert",
    "Jennifer",
    "Michael",
    "Linda",
    "William",
    "Elizabeth",
    "David",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Charles",
    "Karen",
    "Daniel",
    "Nancy",
    "Matthew",
    "Lisa",
    "Anthony",
    "Betty",
    "Mark",
    "Margaret",
    "Donald",
    "Sandra",
    "Steven",
    "Ashley",
    "Paul",
    "Kimberly",
    "Andrew",
    "Emily",
    "Joshua",
    "Donna",
    "Kenneth",
    "Michelle",
    "Kevin",
    "Carol",
    "Brian",
    "Amanda",
    "George",
    "Melissa",
    "Edward",
    "Deborah",
    "Ronald",
    "Stephanie",
    "Timothy",
    "Rebecca",
    "Jason",
    "Laura",
    "Jeffrey",
    "Sharon",
    "Ryan",
    "Cynthia",
    "Jacob",
    "Kathleen",
    "Gary",
    "Amy",
    "Nicholas",
    "Shirley",
    "Eric",
    "Angela",
    "Jonathan",
    "Helen",
    "Stephen",
    "Anna",
    "Larry",
    "Brenda",
    "Justin",
    "Pamela",
    "Scott",
    "Nicole",
    "Brandon",
    "Emma",
    "Benjamin",
    "Samantha",
    "Samuel",
    "Katherine",
    "Gregory",
    "Christine",
    "Frank",
    "Debra",
    "Alexander",
    "Rachel",
    "Raymond",
    "Catherine",
    "Patrick",
    "Carolyn",
    "Jack",
    "Janet",
    "Dennis",
    "Ruth",
    "Jerry",
    "Maria",
    "Tyler",
    "Heather",
    "Aaron",
    "Diane",
    "Jose",
    "Virginia",
    "Adam",
    "Julie",
    "Henry",
    "Joyce",
    "Nathan",
    "Victoria",
    "Douglas",
    "Olivia",
    "Zachary",
    "Kelly",
    "Peter",
    "Christina",
    "Kyle",
    "Lauren",
    "Walter",
    "Joan",
    "Ethan",
    "Evelyn",
    "Jeremy",
    "Judith",
    "Harold",
    "Megan",
    "Keith",
    "Cheryl",
    "Christian",
    "Andrea",
    "Roger",
    "Hannah",
    "Noah",
    "Martha",
    "Gerald",
    "Jacqueline",
    "Carl",
    "Frances",
    "Terry",
    "Gloria",
    "Sean",
    "Ann",
    "Austin",
    "Teresa",
    "Arthur",
    "Kathryn",
    "Lawrence",
    "Sara",
    "Jesse",
    "Janice",
    "Dylan",
    "Jean",
    "Bryan",
    "Alice",
    "Ivan",
    "Nadia",
    "Omar",
    "Priya",
    "Kenji",
    "Mei",
    "Ahmed",
    "Fatima",
    "Sergei",
    "Olga",
    "Lars",
    "Ingrid",
    "Pablo",
    "Lucia",
    "Dmitri",
];

const LAST: &[&str] = &[
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "Gomez",
    "Phillips",
    "Evans",
    "Turner",
    "Diaz",
    "Parker",
    "Cruz",
    "Edwards",
    "Collins",
    "Reyes",
    "Stewart",
    "Morris",
    "Morales",
    "Murphy",
    "Cook",
    "Rogers",
    "Gutierrez",
    "Ortiz",
    "Morgan",
    "Cooper",
    "Peterson",
    "Bailey",
    "Reed",
    "Kelly",
    "Howard",
    "Ramos",
    "Kim",
    "Cox",
    "Ward",
    "Richardson",
    "Watson",
    "Brooks",
    "Chavez",
    "Wood",
    "James",
    "Bennett",
    "Gray",
    "Mendoza",
    "Ruiz",
    "Hughes",
    "Price",
    "Alvarez",
    "Castillo",
    "Sanders",
    "Patel",
    "Myers",
    "Long",
    "Ross",
    "Foster",
    "Jimenez",
    "Powell",
    "Jenkins",
    "Perry",
    "Russell",
    "Sullivan",
    "Bell",
    "Coleman",
    "Butler",
    "Henderson",
    "Barnes",
    "Gonzales",
    "Fisher",
    "Vasquez",
    "Simmons",
    "Romero",
    "Jordan",
    "Patterson",
    "Alexander",
    "Hamilton",
    "Graham",
    "Reynolds",
    "Griffin",
    "Wallace",
    "Moreno",
    "West",
    "Cole",
    "Hayes",
    "Bryant",
    "Herrera",
    "Gibson",
    "Ellis",
    "Tran",
    "Medina",
    "Aguilar",
    "Stevens",
    "Murray",
    "Ford",
    "Castro",
    "Marshall",
    "Owens",
    "Harrison",
    "Fernandez",
    "McDonald",
    "Woods",
    "Washington",
    "Kennedy",
    "Wells",
    "Vargas",
    "Henry",
    "Chen",
    "Freeman",
    "Webb",
    "Tucker",
    "Guzman",
    "Burns",
    "Crawford",
    "Olson",
    "Simpson",
    "Porter",
    "Hunter",
    "Gordon",
    "Mendez",
    "Silva",
    "Shaw",
    "Snyder",
    "Mason",
    "Dixon",
    "Munoz",
    "Hunt",
    "Hicks",
    "Holmes",
    "Palmer",
    "Wagner",
    "Black",
    "Robertson",
    "Boyd",
    "Rose",
    "Stone",
    "Salazar",
    "Fox",
    "Warren",
    "Mills",
    "Meyer",
    "Rice",
    "Schmidt",
    "Garza",
    "Daniels",
    "Ferguson",
    "Nichols",
    "Stephens",
    "Soto",
    "Weaver",
    "Ryan",
    "Gardner",
    "Payne",
    "Grant",
    "Dunn",
    "Kelley",
    "Spencer",
    "Hawkins",
    "Arnold",
    "Pierce",
    "Vazquez",
    "Hansen",
    "Peters",
    "Santos",
    "Hart",
    "Bradley",
    "Knight",
    "Elliott",
    "Cunningham",
    "Duncan",
    "Armstrong",
    "Hudson",
    "Carroll",
    "Lane",
    "Riley",
    "Andrews",
    "Ivanov",
    "Petrov",
    "Novak",
    "Larsen",
    "Okafor",
    "Tanaka",
    "Sato",
    "Khan",
    "Haddad",
    "Rossi",
    "Bianchi",
    "Kowalski",
    "Nakamura",
    "Lindqvist",
    "Berg",
];

/// Non-ASCII name parts (about 8% of entities draw one).
const NA_FIRST: &[&str] = &[
    "José",
    "Zoë",
    "Łukasz",
    "Søren",
    "Björn",
    "Ólafur",
    "Renée",
    "Chloé",
    "Inês",
    "João",
    "Małgorzata",
    "Jiří",
    "Ángel",
    "François",
    "Hélène",
    "Jürgen",
    "Dóra",
    "Noémie",
    "Ştefan",
    "Çağla",
    "Ása",
    "Jörg",
    "Zoltán",
    "Agnès",
    "Tomás",
];
const NA_LAST: &[&str] = &[
    "Müller",
    "Ñuñez",
    "Dvořák",
    "Şahin",
    "Gößling",
    "Nørgaard",
    "Łęcki",
    "Öztürk",
    "Peña",
    "Brontë",
    "Čapek",
    "Ramírez",
    "Håkansson",
    "Schäfer",
    "Jovanović",
    "Kovač",
    "Yılmaz",
    "Fernández",
    "Grünewald",
    "Åberg",
    "Zieliński",
    "Lévesque",
    "Sørensen",
    "Castaño",
    "Weiß",
];
const NA_PLACES: &[&str] = &[
    "Göteborg",
    "Kraków",
    "Zürich",
    "Málaga",
    "Reykjavík",
    "São Paulo",
    "Türkheim",
    "Łódź",
    "Ålesund",
    "Besançon",
    "Düsseldorf",
    "Córdoba",
];

const PLACES: &[&str] = &[
    "Ashford",
    "Brookfield",
    "Carver",
    "Dunmore",
    "Easton",
    "Fairview",
    "Glenwood",
    "Harlow",
    "Irvington",
    "Jasper",
    "Kingsley",
    "Lakemont",
    "Marlow",
    "Newbury",
    "Oakridge",
    "Pinecrest",
    "Quincy",
    "Ridgeway",
    "Stanton",
    "Thornbury",
    "Upton",
    "Vale",
    "Westfield",
    "Yorkton",
    "Alder",
    "Bexley",
    "Cedar",
    "Denholm",
    "Elmsford",
    "Foxhall",
    "Granton",
    "Hollis",
    "Ivydale",
    "Juniper",
    "Kestrel",
    "Linden",
    "Millbrook",
    "Northam",
    "Orchard",
    "Preston",
    "Redhill",
    "Silverton",
    "Tamworth",
    "Underhill",
    "Verona",
    "Whitby",
    "Calder",
    "Brighton",
    "Avalon",
    "Monroe",
];
const PLACE_KINDS: &[&str] = &[
    "Harbor", "Heights", "County", "Park", "Junction", "Crossing", "Springs", "Valley", "Point",
    "Falls", "Ridge", "Bay", "Hills", "Port",
];
const ORG_WORDS: &[&str] = &[
    "Northgate",
    "Bluewater",
    "Ironbridge",
    "Summit",
    "Keystone",
    "Meridian",
    "Silverline",
    "Granite",
    "Harborview",
    "Crescent",
    "Pinnacle",
    "Redwood",
    "Atlas",
    "Beacon",
    "Sterling",
    "Vanguard",
    "Horizon",
    "Cobalt",
    "Evergreen",
    "Falcon",
    "Lantern",
    "Orion",
    "Quarry",
    "Trident",
    "Westbrook",
    "Aurora",
    "Bastion",
    "Cypress",
    "Delta",
    "Ember",
];
const ORG_SUFFIX: &[&str] = &[
    "Capital",
    "Holdings",
    "Partners",
    "Group",
    "Consulting",
    "Analytics",
    "Strategies",
    "Media",
    "Logistics",
    "Ventures",
    "Energy",
    "Trust",
    "Foundation",
    "Associates",
    "Systems",
    "Solutions",
    "Industries",
    "Advisors",
    "Labs",
    "Networks",
];
const PAPERS: &[&str] = &[
    "Herald",
    "Ledger",
    "Tribune",
    "Gazette",
    "Courier",
    "Observer",
    "Chronicle",
    "Dispatch",
    "Sentinel",
    "Post",
    "Review",
    "Times",
];
const GOV_DEPT: &[&str] = &[
    "Ministry",
    "Department",
    "Office",
    "Bureau",
    "Commission",
    "Agency",
    "Council",
    "Directorate",
];
const GOV_AREA: &[&str] = &[
    "Finance",
    "Justice",
    "Trade",
    "Defense",
    "Energy",
    "Transport",
    "Health",
    "Foreign Affairs",
    "Elections",
    "Customs",
    "Revenue",
    "Interior",
    "Communications",
    "Land",
    "Fisheries",
    "Labor",
    "Housing",
    "Audit",
    "Competition",
    "Procurement",
];
const DOC_KIND: &[&str] = &[
    "Memo",
    "Report",
    "Filing",
    "Dossier",
    "Agreement",
    "Ledger",
    "Briefing",
    "Audit",
    "Contract",
    "Minutes",
];
const ADJ: &[&str] = &[
    "unusual",
    "routine",
    "secret",
    "confidential",
    "preliminary",
    "disputed",
    "informal",
    "lucrative",
    "sudden",
    "lengthy",
    "brief",
    "controversial",
    "undisclosed",
    "private",
    "public",
    "urgent",
    "delayed",
    "tentative",
    "exclusive",
    "revised",
];
const NOUNS: &[&str] = &[
    "contract",
    "payment",
    "meeting",
    "agreement",
    "proposal",
    "investigation",
    "transfer",
    "loan",
    "deal",
    "audit",
    "campaign",
    "merger",
    "lawsuit",
    "settlement",
    "donation",
    "license",
    "tender",
    "shipment",
    "inquiry",
    "subpoena",
    "memorandum",
    "partnership",
    "acquisition",
    "briefing",
    "hearing",
    "leak",
    "invoice",
    "consultancy",
    "permit",
    "bid",
];
const VERBS: &[&str] = &[
    "signed",
    "approved",
    "rejected",
    "negotiated",
    "disclosed",
    "concealed",
    "announced",
    "questioned",
    "financed",
    "cancelled",
    "reviewed",
    "leaked",
    "postponed",
    "defended",
    "criticized",
    "renewed",
    "investigated",
    "brokered",
];
const ROLES: &[&str] = &[
    "lawyer",
    "spokesperson",
    "adviser",
    "accountant",
    "director",
    "chief of staff",
    "deputy",
    "partner",
    "treasurer",
    "press secretary",
    "consultant",
    "board member",
    "auditor",
    "assistant",
];
const TIMES: &[&str] = &[
    "last spring",
    "the following week",
    "late that year",
    "within days",
    "two months later",
    "earlier that summer",
    "before the election",
    "after the hearing",
    "over the winter",
    "in the same quarter",
];
const TAGS: &[&str] = &[
    "finance",
    "meeting",
    "legal",
    "lobbying",
    "media",
    "contract",
    "travel",
    "donation",
    "leak",
    "investigation",
    "election",
    "real-estate",
    "shipping",
    "energy",
    "procurement",
    "offshore",
    "testimony",
    "denial",
    "timeline",
    "key",
];
const LINK_KINDS: &[&str] = &[
    "follows",
    "responds-to",
    "contradicts",
    "corroborates",
    "part-of",
];
const KIND_NAMES: [&str; 8] = [
    "person",
    "organization",
    "media",
    "government",
    "place",
    "account",
    "document",
    "other",
];

struct GenEntity {
    id: String,
    name: String,
    kind: usize,
    aliases: Vec<String>,
    description: String,
}

/// A source sentence: how it is quoted (straight quotes, single spaces) and how it is
/// written in the source text (curly quotes, sometimes doubled spaces).
struct Sentence {
    quote: String,
    text: String,
    entities: Vec<u32>,
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

struct Generator {
    rng: Rng,
    entities: Vec<GenEntity>,
    by_kind: [Vec<u32>; 8],
    /// A small "main cast" that turns up far more often than the rest.
    cast: usize,
}

impl Generator {
    fn new(spec: &Spec) -> Generator {
        let mut rng = Rng(spec.seed ^ 0x6361_7365_626f_6172);
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
                    article(rng.pick(ADJ)),
                    rng.pick(ROLES),
                    rng.pick(NOUNS),
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
                    rng.pick(NOUNS)
                ),
                2 => "A news outlet that reported on the case".to_string(),
                3 => "A public body with oversight of the matter".to_string(),
                4 => "A place where events in the case took place".to_string(),
                5 => "A social media account".to_string(),
                6 => format!("A document central to the {}", rng.pick(NOUNS)),
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
    fn some(&mut self, kind: Option<usize>) -> u32 {
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

    fn sentence(&mut self) -> Sentence {
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
        let r = &mut Rng(self.rng.next());
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
                    .s(r.pick(NOUNS))
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
                    .s(r.pick(VERBS))
                    .sp(r)
                    .s("the")
                    .sp(r)
                    .s(r.pick(NOUNS))
                    .sp(r)
                    .s(r.pick(TIMES))
                    .s(".");
            }
            2 => {
                let inner = format!("{} and {}", r.pick(ADJ), r.pick(ADJ));
                b.s(&a)
                    .sp(r)
                    .s("told reporters that the")
                    .sp(r)
                    .s(r.pick(NOUNS))
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
                    .s(r.pick(ROLES))
                    .sp(r)
                    .s(r.pick(VERBS))
                    .sp(r)
                    .s(&article(r.pick(NOUNS)))
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
                    .s(r.pick(NOUNS))
                    .sp(r)
                    .s("with")
                    .sp(r)
                    .s(&bn)
                    .s(",")
                    .sp(r)
                    .s("calling the reports")
                    .sp(r)
                    .sq(r.pick(ADJ))
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
                    .s(&article(r.pick(ROLES)))
                    .sp(r)
                    .s("at")
                    .sp(r)
                    .s(&o)
                    .s(",")
                    .sp(r)
                    .s("said the")
                    .sp(r)
                    .s(r.pick(NOUNS))
                    .sp(r)
                    .s("had been")
                    .sp(r)
                    .s(r.pick(VERBS))
                    .sp(r)
                    .s(r.pick(TIMES))
                    .s(".");
            }
            7 => {
                let bn = name(self, None, &mut ents);
                let m = name(self, Some(2), &mut ents);
                let d = self.day_phrase();
                b.s("The")
                    .sp(r)
                    .s(r.pick(NOUNS))
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
                let inner = format!("{} {}", r.pick(ADJ), r.pick(NOUNS));
                b.s(&g)
                    .sp(r)
                    .s("opened an inquiry into")
                    .sp(r)
                    .s(&a)
                    .poss()
                    .sp(r)
                    .s(r.pick(NOUNS))
                    .s(",")
                    .sp(r)
                    .s("citing what it called")
                    .sp(r)
                    .dq(&inner)
                    .sp(r)
                    .s(r.pick(TIMES))
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
    fn date(&mut self) -> String {
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

fn entity_name(rng: &mut Rng, kind: usize, non_ascii: bool) -> String {
    let first = |rng: &mut Rng| {
        if non_ascii && rng.chance(0.5) {
            rng.pick(NA_FIRST)
        } else {
            rng.pick(FIRST)
        }
    };
    let last = |rng: &mut Rng, first_was_na: bool| {
        if non_ascii && !first_was_na {
            rng.pick(NA_LAST)
        } else {
            rng.pick(LAST)
        }
    };
    let place = |rng: &mut Rng| {
        if non_ascii {
            rng.pick(NA_PLACES)
        } else {
            rng.pick(PLACES)
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
                rng.pick(NA_LAST)
            } else {
                rng.pick(ORG_WORDS)
            };
            if rng.chance(0.5) {
                format!("{w} {}", rng.pick(ORG_SUFFIX))
            } else {
                format!("{w} {} {}", rng.pick(ORG_SUFFIX), rng.pick(ORG_SUFFIX))
            }
        }
        2 => format!("The {} {}", place(rng), rng.pick(PAPERS)),
        3 => format!(
            "{} {} of {}",
            place(rng),
            rng.pick(GOV_DEPT),
            rng.pick(GOV_AREA)
        ),
        4 => format!("{} {}", place(rng), rng.pick(PLACE_KINDS)),
        5 => {
            let f = first(rng);
            let l = last(rng, !f.is_ascii());
            format!("@{f}{l}{}", rng.below(100))
        }
        6 => {
            let w = if non_ascii {
                rng.pick(NA_LAST)
            } else {
                rng.pick(ORG_WORDS)
            };
            format!("{w} {} {}", capitalize(rng.pick(NOUNS)), rng.pick(DOC_KIND))
        }
        _ => {
            let w = if non_ascii {
                rng.pick(NA_PLACES)
            } else {
                rng.pick(ORG_WORDS)
            };
            format!("Operation {w} {}", capitalize(rng.pick(NOUNS)))
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn article(word: &str) -> String {
    let an = word.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {word}", if an { "an" } else { "a" })
}

fn roman(n: usize) -> String {
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
        .get(n - 1)
        .map_or_else(|| n.to_string(), |s| s.to_string())
}

fn digits(n: usize) -> usize {
    n.max(1).ilog10() as usize + 1
}

/// Joins sentences into wrapped paragraphs (about 72 columns), the way text pasted
/// from a web page often arrives.
fn source_text(rng: &mut Rng, sentences: &[Sentence]) -> String {
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
            capitalize(g.rng.pick(ADJ)),
            g.rng.pick(NOUNS),
            g.rng.pick(VERBS),
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
            g.rng.pick(VERBS),
            article(g.rng.pick(NOUNS))
        );
        let summary = format!(
            "{} {} {} with {} {}, according to {}.",
            capitalize(&article(g.rng.pick(ADJ))),
            g.rng.pick(NOUNS),
            g.rng.pick(&[
                "was reached",
                "was discussed",
                "came to light",
                "was put on hold",
                "drew scrutiny"
            ]),
            article(g.rng.pick(ADJ)),
            g.rng.pick(NOUNS),
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
            let t = g.rng.pick(TAGS);
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

//! The word lists the generator draws from: `data/words/*.txt`, one word or phrase a line,
//! compiled in.

use std::sync::LazyLock;

/// The lines of a list, blank ones left out.
fn lines(text: &'static str) -> Vec<&'static str> {
    text.lines().filter(|l| !l.trim().is_empty()).collect()
}

macro_rules! lists {
    ($($(#[$doc:meta])* $name:ident = $file:literal;)*) => {$(
        $(#[$doc])*
        pub static $name: LazyLock<Vec<&'static str>> =
            LazyLock::new(|| lines(include_str!(concat!("../../data/words/", $file))));
    )*};
}

lists! {
    /// First names.
    FIRST = "first.txt";
    /// Last names.
    LAST = "last.txt";
    /// Non-ASCII first names (about 8% of entities draw a non-ASCII part).
    NA_FIRST = "na-first.txt";
    /// Non-ASCII last names, also used for organizations and documents.
    NA_LAST = "na-last.txt";
    /// Non-ASCII place names.
    NA_PLACES = "na-places.txt";
    /// Place names.
    PLACES = "places.txt";
    /// What a place is ("Harbor", "County").
    PLACE_KINDS = "place-kinds.txt";
    /// Words organizations are named after.
    ORG_WORDS = "org-words.txt";
    /// How organization names end ("Holdings").
    ORG_SUFFIX = "org-suffix.txt";
    /// Newspaper names, after `The <place>`.
    PAPERS = "papers.txt";
    /// Government departments.
    GOV_DEPT = "gov-dept.txt";
    /// What a department oversees.
    GOV_AREA = "gov-area.txt";
    /// Kinds of document.
    DOC_KIND = "doc-kind.txt";
    /// Adjectives.
    ADJ = "adj.txt";
    /// Nouns of the case's affairs.
    NOUNS = "nouns.txt";
    /// Verbs, past tense.
    VERBS = "verbs.txt";
    /// Roles people hold.
    ROLES = "roles.txt";
    /// Time phrases that end sentences.
    TIMES = "times.txt";
    /// Event tags.
    TAGS = "tags.txt";
    /// The words in-memory cases are made of: plain, capitalised, accented, multi-byte,
    /// with curly quotes.
    SOUP = "soup.txt";
}

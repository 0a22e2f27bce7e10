//! What an import or export did: counts, skipped records (where and why), and what the
//! format held that the other side cannot.
//!
//! Reasons are grouped, so a million bad rows make one line with a count and the first
//! few line numbers, as Timesketch reports dropped rows. Everything in a report may come
//! from an untrusted file: [`Report`]'s `Display` never prints raw control characters.

use std::fmt;

use super::text::clean_line;

/// How many locations a group keeps to print (the count is always exact).
const SHOWN: usize = 8;

/// Where a skipped or lossy record is in its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum At {
    /// A line number (1-based): CSV rows and JSON lines.
    Line(u64),
    /// A record's position in a list (1-based), e.g. `events[3]` is record 4.
    Record(&'static str, usize),
}

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            At::Line(n) => write!(f, "line {n}"),
            At::Record(list, n) => write!(f, "{list} {n}"),
        }
    }
}

/// One reason, how often it applied, and the first few places.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub why: String,
    pub count: usize,
    pub at: Vec<At>,
}

/// The report of one import or export.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// What the report is about, e.g. "imported evtx_part.csv (Timesketch CSV)".
    pub heading: String,
    /// Counts of what went through: ("events", 13), ("bookmarks", 2), …
    pub counts: Vec<(String, usize)>,
    /// Records left out, by reason.
    pub skipped: Vec<Group>,
    /// What the format held that the other side cannot (or can only approximate), by kind.
    pub lost: Vec<Group>,
    /// Choices made for the user to know (time zones, invented precision, …).
    pub notes: Vec<String>,
}

fn add(groups: &mut Vec<Group>, why: &str, at: Option<At>) {
    add_n(groups, why, at, 1);
}

fn add_n(groups: &mut Vec<Group>, why: &str, at: Option<At>, n: usize) {
    if n == 0 {
        return;
    }
    let g = match groups.iter_mut().position(|g| g.why == why) {
        Some(i) => &mut groups[i],
        None => {
            groups.push(Group {
                why: why.to_string(),
                count: 0,
                at: Vec::new(),
            });
            groups.last_mut().expect("just pushed")
        }
    };
    g.count += n;
    if let Some(at) = at
        && g.at.len() < SHOWN
    {
        g.at.push(at);
    }
}

impl Report {
    /// An empty report under `heading`.
    pub fn new(heading: impl Into<String>) -> Report {
        Report {
            heading: heading.into(),
            ..Report::default()
        }
    }

    /// Sets the count `what` (replacing an earlier one).
    pub fn count(&mut self, what: &str, n: usize) {
        match self.counts.iter_mut().find(|(w, _)| w == what) {
            Some(c) => c.1 = n,
            None => self.counts.push((what.to_string(), n)),
        }
    }

    /// The count `what`, 0 when never set.
    pub fn get(&self, what: &str) -> usize {
        self.counts
            .iter()
            .find(|(w, _)| w == what)
            .map_or(0, |c| c.1)
    }

    /// Records that the record at `at` was skipped because `why`.
    pub fn skip(&mut self, why: &str, at: At) {
        add(&mut self.skipped, why, Some(at));
    }

    /// Records that something at `at` (if known) could not be carried over: `why`.
    pub fn lose(&mut self, why: &str, at: Option<At>) {
        add(&mut self.lost, why, at);
    }

    /// Records `n` losses of one kind at once (places unknown).
    pub fn lose_n(&mut self, why: &str, n: usize) {
        add_n(&mut self.lost, why, None, n);
    }

    /// Adds a note (once).
    pub fn note(&mut self, text: impl Into<String>) {
        let text = text.into();
        if !self.notes.contains(&text) {
            self.notes.push(text);
        }
    }

    /// How many records were skipped in all.
    pub fn skipped_total(&self) -> usize {
        self.skipped.iter().map(|g| g.count).sum()
    }

    /// The group of skipped records with this reason, if any.
    pub fn skipped_for(&self, why_contains: &str) -> Option<&Group> {
        self.skipped.iter().find(|g| g.why.contains(why_contains))
    }

    /// The group of losses whose reason contains `why_contains`, if any.
    pub fn lost_for(&self, why_contains: &str) -> Option<&Group> {
        self.lost.iter().find(|g| g.why.contains(why_contains))
    }
}

fn write_group(f: &mut fmt::Formatter<'_>, g: &Group) -> fmt::Result {
    write!(f, "  {:>6}  {}", g.count, clean_line(&g.why, 400))?;
    if !g.at.is_empty() {
        let list: Vec<String> = g.at.iter().map(ToString::to_string).collect();
        write!(f, " ({}", list.join(", "))?;
        if g.count > g.at.len() {
            write!(f, ", …")?;
        }
        write!(f, ")")?;
    }
    writeln!(f)
}

impl fmt::Display for Report {
    /// Plain text for a terminal: the heading, counts, then skipped, lost and notes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", clean_line(&self.heading, 400))?;
        for (what, n) in &self.counts {
            writeln!(f, "  {n:>6}  {}", clean_line(what, 200))?;
        }
        if !self.skipped.is_empty() {
            writeln!(f, "skipped {}:", self.skipped_total())?;
            for g in &self.skipped {
                write_group(f, g)?;
            }
        }
        if !self.lost.is_empty() {
            writeln!(f, "not carried over:")?;
            for g in &self.lost {
                write_group(f, g)?;
            }
        }
        if !self.notes.is_empty() {
            writeln!(f, "notes:")?;
            for n in &self.notes {
                writeln!(f, "  - {}", clean_line(n, 600))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_count_every_case_and_keep_the_first_places() {
        let mut r = Report::new("imported x.csv");
        for line in 2..30 {
            r.skip("invalid datetime", At::Line(line));
        }
        r.skip("no message", At::Line(40));
        assert_eq!(r.skipped_total(), 29);
        assert_eq!(r.skipped[0].count, 28);
        assert_eq!(r.skipped[0].at.len(), SHOWN);
        let text = r.to_string();
        assert!(
            text.contains("28  invalid datetime (line 2, line 3"),
            "{text}"
        );
        assert!(text.contains(", …)"), "{text}");
        assert!(text.contains("1  no message (line 40)\n"), "{text}");
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let mut r = Report::new("imported \u{1b}[31mred\u{7}");
        r.lose("field \"\u{1b}]0;title\u{7}\"", None);
        r.note("a\nb\rc\u{9b}d");
        let text = r.to_string();
        for c in text.chars() {
            assert!(!c.is_control() || c == '\n', "{c:?} in {text:?}");
        }
        assert_eq!(text.lines().count(), 5, "{text}");
    }
}

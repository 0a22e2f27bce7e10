//! Finding each citation's quote in its source, once every event is parsed: quotes are
//! grouped by source, so each source's folded text and index stay in cache while its
//! quotes are matched; a quote that is not found is reported with the closest passage.

use std::ops::Range;

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::case::fold::{
    FoldedSource, QuoteSearcher, closest_passage, find_quote, find_quote_with,
};
use crate::case::load::files::Files;
use crate::case::load::locate::line_col;
use crate::case::load::validate::checks::Problems;
use crate::case::model::*;

/// A quote to find: citation `citation` of draft `draft` of chunk `arena`.
#[derive(Clone, Debug)]
pub(crate) struct QuoteJob {
    pub(crate) draft: u32,
    pub(crate) citation: u32,
    pub(crate) source: SourceIx,
    /// Array indices of the event and the citation in the file (for messages).
    pub(crate) at: usize,
    pub(crate) cit_at: u32,
    /// Which chunk's arena holds the folded quote, and where.
    pub(crate) arena: u32,
    pub(crate) folded: Range<u32>,
}

/// Where every quote was found, by its job's index.
pub(crate) struct Matched {
    /// Each job's range in its source; [`NOT_FOUND`] when the quote is not there.
    start: Vec<AtomicUsize>,
    end: Vec<AtomicUsize>,
    /// The jobs whose quote is not in its source, with the closest passage.
    pub(crate) missed: Vec<(usize, Option<Range<usize>>)>,
}

const NOT_FOUND: usize = usize::MAX;

impl Matched {
    /// Where job `k`'s quote is in its source, if it is there.
    pub(crate) fn range(&self, k: usize) -> Option<Range<usize>> {
        let start = self.start[k].load(Ordering::Relaxed);
        (start != NOT_FOUND).then(|| start..self.end[k].load(Ordering::Relaxed))
    }
}

/// Finds every quote in its source: for each job (by its index in `jobs`), the
/// range, or the closest passage. Each chunk's jobs are ordered by source, so a
/// source's quotes are read as one short stretch per chunk, with its text and index in
/// cache; the ranges are written in job order, so they are read back in file order.
pub(crate) fn match_quotes(sources: &[Source], arenas: &[String], jobs: &[QuoteJob]) -> Matched {
    let start: Vec<AtomicUsize> = (0..jobs.len()).map(|_| AtomicUsize::new(0)).collect();
    let end: Vec<AtomicUsize> = (0..jobs.len()).map(|_| AtomicUsize::new(0)).collect();
    // Each source's stretches of jobs (a job knows its chunk's arena, so a stretch may
    // run on into the next chunk).
    let mut by_source: Vec<Vec<Range<usize>>> = vec![Vec::new(); sources.len()];
    let mut from = 0;
    for stretch in jobs.chunk_by(|a, b| a.source == b.source) {
        by_source[stretch[0].source.get()].push(from..from + stretch.len());
        from += stretch.len();
    }
    let missed = by_source
        .into_par_iter()
        .enumerate()
        .flat_map_iter(|(s, mine)| {
            let count: usize = mine.iter().map(ExactSizeIterator::len).sum();
            if count == 0 {
                return Vec::new();
            }
            let folded = FoldedSource::new(&sources[s].text);
            // Indexing the text pays for itself after a handful of quotes.
            let searcher = (count >= 8).then(|| QuoteSearcher::new(&folded.text));
            let mut missed = Vec::new();
            for k in mine.into_iter().flatten() {
                let job = &jobs[k];
                let q =
                    &arenas[job.arena as usize][job.folded.start as usize..job.folded.end as usize];
                let found = match &searcher {
                    Some(sr) => find_quote_with(&folded, sr, q),
                    None => find_quote(&folded, q),
                };
                match found {
                    Some(r) => {
                        start[k].store(r.start, Ordering::Relaxed);
                        end[k].store(r.end, Ordering::Relaxed);
                    }
                    None => {
                        start[k].store(NOT_FOUND, Ordering::Relaxed);
                        missed.push((k, closest_passage(&folded, q)));
                    }
                }
            }
            missed
        })
        .collect();
    Matched { start, end, missed }
}

/// Reports a quote that is not in its source, with the passage that comes closest.
pub(crate) fn quote_not_found(
    p: &mut Problems,
    job: &QuoteJob,
    closest: Option<Range<usize>>,
    src: &Source,
    files: &dyn Files,
) {
    let mut hint = format!(
        "quotes must appear verbatim in {} (whitespace and quote marks fold)",
        files.display(&src.file)
    );
    if let Some(r) = closest {
        let (line, _) = line_col(src.text.as_bytes(), r.start);
        hint.push_str(&format!(
            "\nclosest passage (line {line}): \"{}\"",
            ellipsize(&src.text[r], 200)
        ));
    }
    p.error(
        format!("events[{}].citations[{}].quote", job.at, job.cit_at),
        format!("quote not found in source \"{}\"", src.id),
        Some(hint),
    );
}

fn ellipsize(s: &str, max: usize) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        s
    } else {
        let cut: String = s.chars().take(max).collect();
        format!("{cut}…")
    }
}

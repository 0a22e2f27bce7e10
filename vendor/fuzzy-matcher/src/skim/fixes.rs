//! caseboard: tests of the matrix fixes in this vendored copy.
//!
//! [`published`] is 0.3.7's `SkimMatcherV2::fuzzy` as released, on a matrix the caller
//! passes in. On a freshly allocated matrix with traceback rows (what a new matcher's
//! first `fuzzy_indices` call sees) it gives the scores caseboard ranked by before the
//! fixes; the fixed matcher must give exactly those, reused or not, scoring only or not.

use super::*;

/// Published 0.3.7's `fuzzy` (with `use_cache`, no `element_limit`), on `matrix`.
fn published(
    matrix: &mut Vec<MatrixCell>,
    choice: &str,
    pattern: &str,
    case_sensitive: bool,
    with_pos: bool,
) -> Option<(ScoreType, Vec<IndexType>)> {
    let s = SkimMatcherV2::default();
    if pattern.is_empty() {
        return Some((0, Vec::new()));
    }
    let compressed = !with_pos;
    let choice: Vec<char> = choice.chars().collect();
    let pattern: Vec<char> = pattern.chars().collect();
    let first = cheap_matches(&choice, &pattern, case_sensitive)?;
    let cols = choice.len() + 1;
    let rows = if compressed { 2 } else { pattern.len() + 1 };

    // ScoreMatrix::new as published: cells beyond the old length only.
    matrix.resize(rows * cols, MatrixCell::default());
    let mut m = ScoreMatrix {
        matrix: &mut matrix[..],
        rows,
        cols,
    };
    let cfg = s.score_config;
    let mut bonuses = vec![0; cols];
    s.build_in_place_bonus(&choice, &mut bonuses);
    m[(0, 0)].reset();
    for i in 1..m.rows {
        m[(i, first[i - 1])].reset();
    }
    for j in 0..m.cols {
        m[(0, j)].reset();
        m[(0, j)].p_score = cfg.gap_extension;
    }
    for (i, &p_ch) in pattern.iter().enumerate() {
        let row = s.adjust_row_idx(i + 1, compressed);
        let row_prev = s.adjust_row_idx(i, compressed);
        let to_skip = first[i];
        for (j, &c_ch) in choice[to_skip..].iter().enumerate() {
            let col = to_skip + j + 1;
            let col_prev = to_skip + j;
            let idx_cur = m.get_index(row, col);
            let idx_last = m.get_index(row, col_prev);
            let idx_prev = m.get_index(row_prev, col_prev);
            if let Some(cur) = s.calculate_match_score(c_ch, p_ch, case_sensitive) {
                let prev_match_score = m.matrix[idx_prev].m_score;
                let prev_skip_score = m.matrix[idx_prev].p_score;
                let prev_match_bonus = m.matrix[idx_last].bonus;
                let in_place_bonus = bonuses[col];
                let consecutive_bonus =
                    max(prev_match_bonus, max(in_place_bonus, cfg.bonus_consecutive));
                m.matrix[idx_last].bonus = consecutive_bonus;
                let score_match = prev_match_score + consecutive_bonus;
                let score_skip = prev_skip_score + in_place_bonus;
                if score_match >= score_skip {
                    m.matrix[idx_cur].m_score = score_match + cur as i32;
                    m.matrix[idx_cur].m_move = Movement::Match;
                } else {
                    m.matrix[idx_cur].m_score = score_skip + cur as i32;
                    m.matrix[idx_cur].m_move = Movement::Skip;
                }
            } else {
                m.matrix[idx_cur].m_score = MATRIX_CELL_NEG_INFINITY;
                m.matrix[idx_cur].m_move = Movement::Skip;
                m.matrix[idx_cur].bonus = 0;
            }
            let prev_match_score = cfg.gap_start + cfg.gap_extension + m.matrix[idx_last].m_score;
            let prev_skip_score = cfg.gap_extension + m.matrix[idx_last].p_score;
            if prev_match_score >= prev_skip_score {
                m.matrix[idx_cur].p_score = prev_match_score;
                m.matrix[idx_cur].p_move = Movement::Match;
            } else {
                m.matrix[idx_cur].p_score = prev_skip_score;
                m.matrix[idx_cur].p_move = Movement::Skip;
            }
        }
    }
    let last_first = first[first.len() - 1];
    let last_row = m.get_row(s.adjust_row_idx(pattern.len(), compressed));
    let (pat_idx, score) = last_row[last_first..]
        .iter()
        .enumerate()
        .max_by_key(|&(_, x)| x.m_score)
        .map(|(idx, cell)| (idx + last_first, cell.m_score))
        .unwrap();
    let mut positions = Vec::new();
    if with_pos {
        let (mut i, mut j) = (m.rows - 1, pat_idx);
        let (mut track_m, mut current_move) = (true, Match);
        while i > 0 && j > first[0] {
            if current_move == Match {
                positions.push((j - 1) as IndexType);
            }
            let cell = &m[(i, j)];
            current_move = if track_m { cell.m_move } else { cell.p_move };
            if track_m {
                i -= 1;
            }
            j -= 1;
            track_m = current_move == Match;
        }
        positions.reverse();
    }
    Some((score as ScoreType, positions))
}

/// What a new matcher's first `fuzzy_indices` gives: the published algorithm on a fresh matrix.
fn clean(choice: &str, pattern: &str, case_sensitive: bool) -> Option<(ScoreType, Vec<IndexType>)> {
    published(&mut Vec::new(), choice, pattern, case_sensitive, true)
}

/// A small deterministic generator (xorshift), so the tests need no dependencies.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn string(&mut self, alphabet: &[char], max_len: u64) -> String {
        let len = self.next() % (max_len + 1);
        (0..len)
            .map(|_| alphabet[(self.next() % alphabet.len() as u64) as usize])
            .collect()
    }
}

/// Texts and patterns over a few letters, both cases, separators and a non-ASCII letter:
/// many matches, repeated letters, camel humps and word starts.
fn pairs(n: usize, seed: u64) -> Vec<(String, String)> {
    let text_chars: Vec<char> = "aabbeenAEN -_/.é1".chars().collect();
    let pattern_chars: Vec<char> = "abenAE -é".chars().collect();
    let mut rng = Rng(seed);
    (0..n)
        .map(|_| (rng.string(&text_chars, 40), rng.string(&pattern_chars, 6)))
        .collect()
}

fn matchers() -> [(SkimMatcherV2, bool); 2] {
    [
        (SkimMatcherV2::default().ignore_case(), false),
        (SkimMatcherV2::default().respect_case(), true),
    ]
}

#[test]
fn a_reused_matcher_scores_like_a_fresh_one() {
    for (matcher, case_sensitive) in matchers() {
        for (text, pattern) in pairs(20_000, 0x9e37_79b9_7f4a_7c15) {
            let want = clean(&text, &pattern, case_sensitive);
            assert_eq!(
                matcher.fuzzy_indices(&text, &pattern),
                want,
                "fuzzy_indices({text:?}, {pattern:?})"
            );
            assert_eq!(
                matcher.fuzzy_match(&text, &pattern),
                want.map(|(s, _)| s),
                "fuzzy_match({text:?}, {pattern:?})"
            );
        }
    }
}

#[test]
fn the_same_text_scores_the_same_whatever_came_before() {
    let matcher = SkimMatcherV2::default().ignore_case();
    let pattern = "een";
    let texts: Vec<String> = pairs(3_000, 7).into_iter().map(|(t, _)| t).collect();
    let first: Vec<_> = texts
        .iter()
        .map(|t| matcher.fuzzy_indices(t, pattern))
        .collect();
    let first_scores: Vec<_> = texts
        .iter()
        .map(|t| matcher.fuzzy_match(t, pattern))
        .collect();
    // Again in reverse and interleaved with long texts, so every call follows different ones.
    let long = "e e n ".repeat(40);
    for (i, t) in texts.iter().enumerate().rev() {
        matcher.fuzzy_indices(&long, pattern);
        assert_eq!(matcher.fuzzy_indices(t, pattern), first[i], "{t:?}");
        matcher.fuzzy_match(&long, "en");
        assert_eq!(matcher.fuzzy_match(t, pattern), first_scores[i], "{t:?}");
    }
}

#[test]
fn score_only_equals_the_score_of_fuzzy_indices() {
    for (matcher, _) in matchers() {
        for (text, pattern) in pairs(20_000, 42) {
            assert_eq!(
                matcher.fuzzy_match(&text, &pattern),
                matcher.fuzzy_indices(&text, &pattern).map(|(s, _)| s),
                "{text:?} {pattern:?}"
            );
        }
    }
}

#[test]
fn published_scores_depended_on_history_and_mode() {
    // What the fixes are for: the published algorithm, reusing one matrix as its cache
    // did, or on its two-row matrix, disagrees with a fresh matrix for some texts.
    let mut shared = Vec::new();
    let (mut reuse_differs, mut two_rows_differ) = (false, false);
    for (text, pattern) in pairs(20_000, 3) {
        let want = clean(&text, &pattern, false);
        reuse_differs |= published(&mut shared, &text, &pattern, false, true) != want;
        let two_rows = published(&mut Vec::new(), &text, &pattern, false, false);
        two_rows_differ |= two_rows.map(|(s, _)| s) != want.map(|(s, _)| s);
    }
    assert!(reuse_differs && two_rows_differ);
}

#[test]
fn without_the_cache_nothing_panics() {
    let matcher = SkimMatcherV2::default().use_cache(false);
    assert_eq!(
        matcher.fuzzy_indices("WikiLeaks", "wl"),
        clean("WikiLeaks", "wl", false)
    );
    assert_eq!(
        matcher.fuzzy_match("axbycz", "abc"),
        matcher.fuzzy_match("axbycz", "abc")
    );
    assert_eq!(matcher.fuzzy_match("abc", "abx"), None);
}

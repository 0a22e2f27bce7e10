//! Counts in words that agree in number: "1 match", "2 matches"; "1 event cites it",
//! "2 events cite it".

/// `one` when `n` is 1, `many` otherwise: `plural(n, "event", "events")`, or a verb:
/// `plural(n, "cites", "cite")`.
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// The count and its word: "1 match", "0 matches", "3 matches".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", plural(n, one, many))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(1, "match", "matches"), "1 match");
        assert_eq!(count(0, "match", "matches"), "0 matches");
        assert_eq!(count(2, "event", "events"), "2 events");
        assert_eq!(plural(1, "cites", "cite"), "cites");
        assert_eq!(plural(11, "cites", "cite"), "cite");
    }
}

//! Building the text rules' regexes with a bound on their size.
//!
//! A counted repeat of a Unicode class compiles to that many copies of the class: `\p{L}{1,40}`
//! is forty copies of every letter range, and `(?:{W}\s+){0,5}` five copies of a word. One such
//! pattern (the name-line rule, `\p{Lo}{1,12}` in each of its word positions) compiled to 10 MB
//! of automaton, which the regex engine then mirrors in the search caches of every thread that
//! uses it: a third of `mailcase ingest`'s peak memory went to a few patterns like it. Every
//! rule is now built through [`build`], which refuses a pattern over [`MAX_AUTOMATON_BYTES`], so
//! the next such pattern fails its first test instead of quietly costing memory. Bounds that
//! matter ("a name of at most twelve characters") are checked in code after the match.

use regex::{Regex, RegexBuilder};

/// The most automaton (the regex engine's `size_limit`) one rule may compile to. The largest
/// rules today are about 2.5 MB (the mobile-footer alternation, the name line).
pub const MAX_AUTOMATON_BYTES: usize = 3 << 20;

/// Compiles `pattern`, refusing one that would compile to more than [`MAX_AUTOMATON_BYTES`].
pub fn build(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .size_limit(MAX_AUTOMATON_BYTES)
        .build()
}

/// [`build`], case-insensitive.
pub fn build_ci(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(MAX_AUTOMATON_BYTES)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_counted_repeat_of_a_unicode_class_is_refused_and_its_bounded_check_is_not() {
        // forty copies of every letter: over the bound
        assert!(build(r"^\p{L}{1,40}\p{L}{1,40}\p{L}{1,40}$").is_err());
        // the same rule written as a run, its length checked by the caller
        assert!(build(r"^\p{L}+$").is_ok());
        assert!(build_ci(r"\bhello\b").unwrap().is_match("HELLO there"));
    }
}

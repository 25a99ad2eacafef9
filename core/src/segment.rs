//! Sentence spans of one line, as `cleaner.segment.sentences` defined them in Python.
//!
//! The Python splitter was one regular expression with variable-length look-behinds, which
//! the `regex` crate cannot compile:
//!
//! ```text
//! (?<=[^\s.][.!?…]+["'”’)\]]*)\s+      "end. Next": white space after a sentence end
//! (?<=\p{Ll}{2}[.!?]["'”’)\]]*)(?=\p{Lu})   "difference.Kim": glued, not "U.S"
//! ```
//!
//! Here the same two boundaries are found by looking back from each candidate position, in
//! time linear in the line (each look-back stops at the first character that cannot belong
//! to it, and closing quotes and sentence ends are disjoint classes, so the longest run is
//! the only one to try).

use crate::chars::{py_alpha, py_space, re_lower, re_space, re_upper};

/// Characters that may close a sentence after its end mark: `"'”’)]`.
fn closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']')
}

/// Sentence end marks of the first boundary: `.!?…`.
fn end_mark(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Words after which a period does not end a sentence (lower case).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "col", "lt", "sgt", "capt", "gov", "sen",
    "rep", "rev", "no", "vs", "etc", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
];

/// Longest token looked at before a period (keeps the abbreviation check O(1) per period).
const WORD_WINDOW: usize = 32;

/// Start of the run of closers that ends at `p` (exclusive end).
fn closers_start(line: &[char], p: usize) -> usize {
    let mut i = p;
    while i > 0 && closer(line[i - 1]) {
        i -= 1;
    }
    i
}

/// The first boundary's look-behind at `p`: `[^\s.][.!?…]+["'”’)\]]*` ends at `p`.
fn sentence_end_before(line: &[char], p: usize) -> bool {
    let marks_end = closers_start(line, p);
    let mut i = marks_end;
    while i > 0 && end_mark(line[i - 1]) {
        i -= 1;
    }
    if i == marks_end {
        return false; // no end mark
    }
    // A shorter run of marks is preceded by a mark, which is `[^\s.]` unless it is a '.'.
    if line[i..marks_end - 1].iter().any(|&c| c != '.') {
        return true;
    }
    i > 0 && !re_space(line[i - 1]) && line[i - 1] != '.'
}

/// The second boundary's look-behind at `p`: `\p{Ll}{2}[.!?]["'”’)\]]*` ends at `p`.
fn glued_end_before(line: &[char], p: usize) -> bool {
    let i = closers_start(line, p);
    i >= 3 && matches!(line[i - 1], '.' | '!' | '?') && re_lower(line[i - 2]) && re_lower(line[i - 3])
}

/// Python's `str.rstrip(chars)` end: the index after the last character not in the set.
fn rstrip_end(line: &[char], start: usize, mut end: usize, strip: fn(char) -> bool) -> usize {
    while end > start && strip(line[end - 1]) {
        end -= 1;
    }
    end
}

/// True when the period before `end` closes an abbreviation or an initial ("Mr.", "J.").
fn ends_with_abbreviation(line: &[char], start: usize, end: usize) -> bool {
    let window = end.saturating_sub(WORD_WINDOW);
    let head_start = start.max(window);
    let head_end = rstrip_end(line, head_start, end, closer);
    if head_end == head_start || line[head_end - 1] != '.' {
        return false;
    }
    let before = &line[head_start..head_end - 1];
    // `before.rsplit(None, 1)[-1] if before.split() else ""`
    let trimmed = rstrip_end(before, 0, before.len(), py_space);
    let word: &[char] = if trimmed == 0 {
        &[]
    } else {
        let mut a = trimmed;
        while a > 0 && !py_space(before[a - 1]) {
            a -= 1;
        }
        &before[a..trimmed]
    };
    if word.len() == before.len() && window > start {
        return false; // the token runs past the window: far too long to be an abbreviation
    }
    let lead = word
        .iter()
        .take_while(|&&c| matches!(c, '(' | '"' | '\'' | '“' | '‘'))
        .count();
    let lowered: String = word[lead..].iter().flat_map(|c| c.to_lowercase()).collect();
    if ABBREVIATIONS.contains(&lowered.as_str()) {
        return true;
    }
    let mut letters = lowered.chars();
    matches!((letters.next(), letters.next()), (Some(c), None) if py_alpha(c))
}

/// Sentence spans `(start, end)` of `line` in character offsets; each span includes its
/// trailing white space, and together they cover the line.
pub fn sentences(line: &[char]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    let mut p = 0;
    while p < line.len() {
        let c = line[p];
        if re_space(c) && p > 0 && sentence_end_before(line, p) {
            let mut q = p;
            while q < line.len() && re_space(line[q]) {
                q += 1;
            }
            if !ends_with_abbreviation(line, start, p) {
                spans.push((start, q));
                start = q;
            }
            p = q;
            continue;
        }
        if re_upper(c) && glued_end_before(line, p) {
            spans.push((start, p));
            start = p;
        }
        p += 1;
    }
    if start < line.len() {
        spans.push((start, line.len()));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        sentences(&chars)
            .into_iter()
            .map(|(a, b)| chars[a..b].iter().collect())
            .collect()
    }

    #[test]
    fn splits_after_sentence_ends_and_keeps_the_space() {
        assert_eq!(split("One. Two! Three?"), ["One. ", "Two! ", "Three?"]);
        assert_eq!(
            split("He said \"yes.\"  Then left."),
            ["He said \"yes.\"  ", "Then left."]
        );
        // "no." is an abbreviation ("No. 5"), so it does not end the sentence
        assert_eq!(
            split("He said \"no.\"  Then left."),
            ["He said \"no.\"  Then left."]
        );
    }

    #[test]
    fn splits_glued_boilerplate_but_not_initialisms() {
        assert_eq!(
            split("all the difference.Kim Jong-un"),
            ["all the difference.", "Kim Jong-un"]
        );
        assert_eq!(split("the U.S. Army"), ["the U.S. Army"]);
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            split("Mr. Smith met J. Doe. Then"),
            ["Mr. Smith met J. Doe. ", "Then"]
        );
        assert_eq!(split("(Dr. Who) came"), ["(Dr. Who) came"]);
    }

    #[test]
    fn ellipsis_and_mark_runs() {
        assert_eq!(split("Wait... what?! Yes"), ["Wait... ", "what?! ", "Yes"]);
        assert_eq!(split(". leading"), [". leading"]);
        assert_eq!(split("a ?. b"), ["a ?. ", "b"]);
    }

    #[test]
    fn empty_and_blank() {
        assert!(split("").is_empty());
        assert_eq!(split("   "), ["   "]);
    }

    #[test]
    fn linear_on_runs_of_initials() {
        let line = "a. ".repeat(200_000);
        let chars: Vec<char> = line.chars().collect();
        let t = std::time::Instant::now();
        let spans = sentences(&chars);
        assert_eq!(spans.len(), 1);
        assert!(t.elapsed().as_secs_f64() < 2.0);
    }
}

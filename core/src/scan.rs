//! Rule patterns on a linear-time engine: check, compile, and scan a document for all of
//! them at once.
//!
//! Rule packs are written in the syntax of Python's `regex` module. The `regex` crate runs
//! finite automata (time linear in the input, so no pattern can hang a worker) and so has
//! no look-around, back-references, atomic groups or possessive repeats. `check` names
//! such a construct and the fix; `Scanner` compiles the patterns that pass into one
//! scanner and answers, per line of a document, which rules match somewhere in it.

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use regex_syntax::ast::{self, ErrorKind};

use crate::chars::py_space;

/// Why a pattern cannot run on the engine, in words a rule author can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported {
    /// The construct: "look-around", "back-reference", ...
    pub construct: &'static str,
    /// Character offset of the construct in the pattern.
    pub offset: usize,
    /// What to write instead.
    pub fix: &'static str,
    /// The engine's own message.
    pub detail: String,
}

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} at offset {} is not supported by the linear-time engine; {}",
            self.construct, self.offset, self.fix
        )
    }
}

const FIX_LOOKAROUND: &str = "drop the look-around: match what the rule takes, and write the exception \
     as its own pattern (a `keep` rule or a check in the stage) instead of (?=...), (?!...), (?<=...) or (?<!...)";
const FIX_BACKREF: &str = "a back-reference (\\1, (?P=name)) cannot be matched in linear time: match the \
     repeated text with its own pattern, or leave the repeat to the duplicates stage";
const FIX_ATOMIC: &str = "the engine never backtracks, so an atomic group (?>...) or a possessive \
     repeat (*+, ++, ?+) is not needed: write a plain group or repeat";
const FIX_SYNTAX: &str = "rewrite it in the syntax of Rust's `regex` crate (https://docs.rs/regex), \
     which rule packs share with Python's `regex` module for everything but look-around, \
     back-references, atomic groups and possessive repeats";

/// Python `regex` syntax with the same meaning in the `regex` crate: `\Z` (end of text) is
/// `\z`, and `{,n}` is `{0,n}`. Everything else is passed on for the engine to judge.
pub fn translate(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let next = chars.next();
                match next {
                    Some('Z') if !in_class => out.push_str("\\z"),
                    Some(n) => {
                        out.push('\\');
                        out.push(n);
                    }
                    None => out.push('\\'),
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                // A ']' or '^]' right after '[' is a literal in both syntaxes.
                if chars.peek() == Some(&'^') {
                    out.push(chars.next().unwrap());
                }
                if chars.peek() == Some(&']') {
                    out.push_str("\\]");
                    chars.next();
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            '[' if in_class => out.push_str("\\["),
            '{' if !in_class && chars.peek() == Some(&',') => {
                out.push_str("{0");
            }
            _ => out.push(c),
        }
    }
    out
}

fn char_offset(pattern: &str, byte: usize) -> usize {
    pattern[..byte.min(pattern.len())].chars().count()
}

/// Whether `pattern` (Python `regex` syntax) runs on the engine; if not, which construct
/// stops it and how to rewrite it.
///
/// Parses the pattern to the engine's high-level form without building its automata: the
/// loader checks every pattern of every pack, and building the built-in ones cost about a
/// second of CPU and a transient 130 MB per process (`compile` builds them).
pub fn check(pattern: &str, case_sensitive: bool) -> Result<(), Unsupported> {
    let translated = parsed(pattern)?;
    regex_syntax::ParserBuilder::new()
        .case_insensitive(!case_sensitive)
        .build()
        .parse(&translated)
        .map(|_| ())
        .map_err(|e| rejected(&e.to_string()))
}

/// `pattern` (Python `regex` syntax) compiled for the engine, or which construct stops it
/// and how to rewrite it (see `check`).
pub fn compile(pattern: &str, case_sensitive: bool) -> Result<Regex, Unsupported> {
    let translated = parsed(pattern)?;
    build(&translated, case_sensitive).map_err(|e| rejected(&e.to_string()))
}

fn rejected(message: &str) -> Unsupported {
    Unsupported {
        construct: "a pattern the engine rejects",
        offset: 0,
        fix: FIX_SYNTAX,
        detail: message.lines().last().unwrap_or_default().trim().to_string(),
    }
}

/// The pattern translated to the engine's syntax, once it is known to hold no construct the
/// engine lacks.
fn parsed(pattern: &str) -> Result<String, Unsupported> {
    let translated = translate(pattern);
    // Possessive repeats and atomic groups parse as errors of other kinds; name them first.
    if let Some(at) = pattern.find("(?P=") {
        return Err(Unsupported {
            construct: "back-reference",
            offset: char_offset(pattern, at),
            fix: FIX_BACKREF,
            detail: String::new(),
        });
    }
    if let Some(at) = find_atomic(pattern) {
        return Err(Unsupported {
            construct: "atomic group or possessive repeat",
            offset: at,
            fix: FIX_ATOMIC,
            detail: String::new(),
        });
    }
    if let Err(err) = ast::parse::Parser::new().parse(&translated) {
        let construct = match err.kind() {
            ErrorKind::UnsupportedLookAround => "look-around",
            ErrorKind::UnsupportedBackreference => "back-reference",
            _ => "syntax the engine does not know",
        };
        let fix = match construct {
            "look-around" => FIX_LOOKAROUND,
            "back-reference" => FIX_BACKREF,
            _ => FIX_SYNTAX,
        };
        // `translate` only widens text after the construct's position in rare cases
        // (`{,` and a literal `[`), so the offset is read off the translated pattern.
        return Err(Unsupported {
            construct,
            offset: char_offset(&translated, err.span().start.offset),
            fix,
            detail: err.kind().to_string(),
        });
    }
    Ok(translated)
}

/// Offset of `(?>` or of a possessive repeat (`*+`, `++`, `?+`, `}+`) outside a class.
fn find_atomic(pattern: &str) -> Option<usize> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut i = 0;
    let mut in_class = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            // `\p{L}`, `\x{41}`, `\N{...}`: the braces belong to the escape, not a repeat.
            if matches!(chars.get(i + 1), Some('p' | 'P' | 'x' | 'N')) && chars.get(i + 2) == Some(&'{') {
                i += 3;
                while i < chars.len() && chars[i] != '}' {
                    i += 1;
                }
                i += 1;
            } else {
                i += 2;
            }
            continue;
        }
        if in_class {
            if c == ']' {
                in_class = false;
            }
        } else if c == '[' {
            in_class = true;
            if chars.get(i + 1) == Some(&'^') {
                i += 1;
            }
            if chars.get(i + 1) == Some(&']') {
                i += 1;
            }
        } else if c == '(' && chars.get(i + 1) == Some(&'?') && chars.get(i + 2) == Some(&'>') {
            return Some(i);
        } else if matches!(c, '*' | '+' | '?' | '}') && chars.get(i + 1) == Some(&'+') && i > 0 {
            // `(?+` is not a repeat; a repeat follows an atom.
            if !(c == '?' && chars[i - 1] == '(') {
                return Some(i);
            }
        }
        i += 1;
    }
    None
}

/// Size limits for the compiled automata: generous, as a rule set is compiled once.
const SIZE_LIMIT: usize = 256 << 20;
/// The lazy DFA's cache per pattern: with the crate's default (2 MB) or `SIZE_LIMIT` the
/// caches of the built-in rules grew by tens of MB per process; at 64 kB the rule search kept
/// its speed (docs/core.md).
const CACHE_LIMIT: usize = 64 << 10;

fn build(translated: &str, case_sensitive: bool) -> Result<Regex, regex::Error> {
    RegexBuilder::new(translated)
        .case_insensitive(!case_sensitive)
        .size_limit(SIZE_LIMIT)
        .dfa_size_limit(CACHE_LIMIT)
        .build()
}

/// Heap bytes the engine holds for `pattern` once compiled (its automata and prefilter, as
/// `compile` builds them, before any search adds its caches).
///
/// A bounded repeat is a copy of its sub-pattern per repetition, and a Unicode class such as
/// `.` or `[^()]` is a UTF-8 automaton of dozens of states: `.{0,40000}` alone compiled to
/// 139 MB. The test suite bounds this for every built-in rule.
pub fn compiled_bytes(pattern: &str, case_sensitive: bool) -> Result<usize, Unsupported> {
    use regex_automata::{meta, util::syntax};
    let translated = parsed(pattern)?;
    // The configuration `RegexBuilder` gives the meta engine (regex 1.x `builders.rs`).
    let config = meta::Config::new()
        .nfa_size_limit(Some(SIZE_LIMIT))
        .hybrid_cache_capacity(2 << 20)
        .utf8_empty(true);
    meta::Regex::builder()
        .configure(config)
        .syntax(syntax::Config::new().case_insensitive(!case_sensitive))
        .build(&translated)
        .map(|re| re.memory_usage())
        .map_err(|e| rejected(&e.to_string()))
}

/// All rule patterns that run on the engine, compiled once, searched together per line.
///
/// Measured on the ScrapingHub extractor outputs (docs/core.md): one `RegexSet` of the 96
/// built-in patterns ran at 0.38 MB per CPU-second, slower than the 96 patterns one by one,
/// because the union loses each pattern's literal prefilter and its lazy DFA gives up on
/// Unicode `\b` in non-ASCII text. So each pattern is its own `Regex` (with its own
/// prefilter); a line costs one search per pattern, each linear in the line.
pub struct Scanner {
    regexes: Vec<Regex>,
    /// Index into the caller's pattern list of each compiled pattern.
    members: Vec<usize>,
}

impl Scanner {
    /// Compile `patterns` (pattern, case sensitive); returns the scanner and, per pattern
    /// the engine cannot run, its index and why.
    pub fn new(patterns: &[(String, bool)]) -> (Scanner, Vec<(usize, Unsupported)>) {
        let mut members = Vec::new();
        let mut regexes = Vec::new();
        let mut rejected = Vec::new();
        for (i, (pattern, case_sensitive)) in patterns.iter().enumerate() {
            match compile(pattern, *case_sensitive) {
                Ok(regex) => {
                    regexes.push(regex);
                    members.push(i);
                }
                Err(why) => rejected.push((i, why)),
            }
        }
        (Scanner { regexes, members }, rejected)
    }

    /// How many patterns it holds.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Indexes (into the caller's list) of the patterns that match somewhere in `text`.
    pub fn matching(&self, text: &str) -> Vec<usize> {
        self.regexes
            .iter()
            .zip(&self.members)
            .filter(|(re, _)| re.is_match(text))
            .map(|(_, &i)| i)
            .collect()
    }

    /// For each line of `text` (1-based number) that some pattern matches, stripped as the
    /// rules see it, the indexes of those patterns. One call for the whole document.
    pub fn lines(&self, text: &str) -> Vec<(usize, Vec<usize>)> {
        let mut out = Vec::new();
        for (number, line) in text.split('\n').enumerate() {
            let stripped = line.trim_matches(py_space);
            if stripped.is_empty() {
                continue;
            }
            let hits = self.matching(stripped);
            if !hits.is_empty() {
                out.push((number + 1, hits));
            }
        }
        out
    }
}

/// The same patterns as one `RegexSet`: kept for the measurement above (`cargo test`
/// checks it agrees with `Scanner`), not used by the stages.
pub fn regex_set(patterns: &[(String, bool)]) -> Result<RegexSet, regex::Error> {
    let sources: Vec<String> = patterns
        .iter()
        .filter(|(p, c)| check(p, *c).is_ok())
        .map(|(p, c)| format!("{}(?:{})", if *c { "" } else { "(?i)" }, translate(p)))
        .collect();
    RegexSetBuilder::new(&sources)
        .size_limit(SIZE_LIMIT)
        .dfa_size_limit(SIZE_LIMIT)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_size_grows_with_a_bounded_repeat() {
        let bounded = compiled_bytes(r"^x.{0,1000}$", false).unwrap();
        let plain = compiled_bytes(r"^x.*$", false).unwrap();
        assert!(bounded > 50 * plain, "{bounded} vs {plain}");
        assert!(compiled_bytes(r"(?<=x)y", false).is_err());
    }

    #[test]
    fn python_only_spellings_are_translated() {
        assert_eq!(translate(r"end\Z"), r"end\z");
        assert_eq!(translate(r"a{,3}"), r"a{0,3}");
        assert_eq!(translate(r"[[(]x"), r"[\[(]x");
        assert_eq!(translate(r"[]a]"), r"[\]a]");
    }

    #[test]
    fn look_around_is_named_with_its_offset_and_fix() {
        let err = check(r"^share(?!d)", false).unwrap_err();
        assert_eq!(err.construct, "look-around");
        assert_eq!(err.offset, 6);
        assert!(err.to_string().contains("keep"));
    }

    #[test]
    fn back_references_atomic_groups_and_possessive_repeats() {
        assert_eq!(check(r"(a)\1", false).unwrap_err().construct, "back-reference");
        assert_eq!(
            check(r"(?P<x>a)(?P=x)", false).unwrap_err().construct,
            "back-reference"
        );
        assert!(
            check(r"\p{L}+\.? \x{41}+", false).is_ok(),
            "an escape's braces are not a repeat"
        );
        assert_eq!(
            check(r"(?>ab)c", false).unwrap_err().construct,
            "atomic group or possessive repeat"
        );
        assert_eq!(
            check(r"a++", false).unwrap_err().construct,
            "atomic group or possessive repeat"
        );
    }

    #[test]
    fn ordinary_rule_syntax_compiles() {
        for p in [
            r"^(?:read|see) more\b",
            r"\p{Lu}\w+ says:$",
            r"(?P<cut>posted:.{0,40})$",
            r"[|•·»]",
        ] {
            assert!(check(p, false).is_ok(), "{p}");
        }
    }

    #[test]
    fn one_scan_names_every_rule_on_every_line() {
        let patterns = vec![
            (r"^share this\b".to_string(), false),
            (r"newsletter".to_string(), false),
            (r"(?<=x)y".to_string(), false),
        ];
        let (scanner, rejected) = Scanner::new(&patterns);
        assert_eq!(rejected.len(), 1);
        assert_eq!(rejected[0].0, 2);
        let text = "Article text.\n  Share this story  \nGet our NEWSLETTER\n";
        assert_eq!(scanner.lines(text), vec![(2, vec![0]), (3, vec![1])]);
        let set = regex_set(&patterns).unwrap();
        let line = "Get our NEWSLETTER";
        assert_eq!(set.matches(line).into_iter().collect::<Vec<_>>(), vec![1]);
        assert_eq!(scanner.matching(line), vec![1]);
    }
}

//! One rule on the linear-time engine: its pattern and the conditions that replaced
//! look-around and back-references (`requires`, `unless`, `same`), searched in one text.
//!
//! The Python side (`cleaner.rulepack.Rule.search`) hands over the folded text and gets
//! back code-point offsets of the match and of its `cut` group; which texts to search and
//! what a hit means (zones, `max_words`, `spares`, runs) stays with the stages.

use regex::{Regex, RegexBuilder};

use crate::scan::{self, Unsupported};

/// A rule's patterns, compiled.
pub struct Rule {
    main: Regex,
    requires: Vec<Regex>,
    unless: Vec<Regex>,
    /// Capture indexes of the two `same` groups.
    same: Option<(usize, usize)>,
    /// Capture index of the `cut` group, if the pattern has one.
    cut: Option<usize>,
    case_sensitive: bool,
}

/// Where a rule matched, in code points of the searched text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    /// The `cut` group's span, when the pattern has the group and it took part.
    pub cut: Option<(usize, usize)>,
}

fn compile(pattern: &str, case_sensitive: bool) -> Result<Regex, Unsupported> {
    scan::compile(pattern, case_sensitive)
}

/// Code-point offset of byte offset `byte` in `text`.
fn chars_before(text: &str, byte: usize) -> usize {
    if text.is_ascii() {
        byte
    } else {
        text[..byte].chars().count()
    }
}

impl Rule {
    /// Compile a rule; the first pattern the engine cannot run is the error, with its
    /// position in the rule (0: `pattern`, then `requires`, then `unless`).
    pub fn new(
        pattern: &str,
        requires: &[String],
        unless: &[String],
        same: Option<(&str, &str)>,
        case_sensitive: bool,
    ) -> Result<Rule, (usize, Unsupported)> {
        let main = compile(pattern, case_sensitive).map_err(|e| (0, e))?;
        let mut extra = Vec::new();
        for (i, p) in requires.iter().chain(unless).enumerate() {
            extra.push(compile(p, case_sensitive).map_err(|e| (i + 1, e))?);
        }
        let unless_compiled = extra.split_off(requires.len());
        let index = |name: &str| main.capture_names().position(|n| n == Some(name));
        let same = same.and_then(|(a, b)| Some((index(a)?, index(b)?)));
        let cut = index("cut");
        Ok(Rule {
            main,
            requires: extra,
            unless: unless_compiled,
            same,
            cut,
            case_sensitive,
        })
    }

    /// The rule's match in `text`, if the pattern matches and every condition holds.
    pub fn search(&self, text: &str) -> Option<Hit> {
        let caps = self.main.captures(text)?;
        if !self.requires.iter().all(|re| re.is_match(text)) || self.unless.iter().any(|re| re.is_match(text))
        {
            return None;
        }
        if let Some((a, b)) = self.same {
            if let (Some(first), Some(second)) = (caps.get(a), caps.get(b)) {
                if !same_text(first.as_str(), second.as_str(), self.case_sensitive) {
                    return None;
                }
            }
        }
        let whole = caps.get(0).expect("group 0 always takes part");
        let cut = self
            .cut
            .and_then(|i| caps.get(i))
            .map(|m| (chars_before(text, m.start()), chars_before(text, m.end())));
        Some(Hit {
            start: chars_before(text, whole.start()),
            end: chars_before(text, whole.end()),
            cut,
        })
    }
}

/// Whether two captured texts are the same as a back-reference compares them: exactly, or
/// character by character under simple case folding for a case-insensitive rule.
pub fn same_text(first: &str, second: &str, case_sensitive: bool) -> bool {
    if first == second {
        return true;
    }
    if case_sensitive {
        return false;
    }
    RegexBuilder::new(&format!("^{}$", regex::escape(first)))
        .case_insensitive(true)
        .build()
        .map(|re| re.is_match(second))
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(pattern: &str, requires: &[&str], unless: &[&str], same: Option<(&str, &str)>) -> Rule {
        let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Rule::new(pattern, &owned(requires), &owned(unless), same, false).unwrap()
    }

    #[test]
    fn requires_and_unless_decide_with_the_pattern() {
        let r = rule(r"^updated\b.*$", &[r"\d"], &[r"^updated by\b"], None);
        assert!(r.search("Updated 12:30").is_some());
        assert!(r.search("Updated on Monday").is_none());
        assert!(r.search("Updated by 2 editors").is_none());
    }

    #[test]
    fn same_groups_compare_ignoring_case() {
        let r = rule(
            r"^\[(?P<tag>[a-z]+)\].*\[/(?P<close>[a-z]+)\]$",
            &[],
            &[],
            Some(("tag", "close")),
        );
        assert!(r.search("[b]x[/B]").is_some());
        assert!(r.search("[b]x[/i]").is_none());
    }

    #[test]
    fn offsets_are_code_points_and_the_cut_is_reported() {
        let r = rule(r"(?P<cut>posted: \d+)$", &[], &[], None);
        let hit = r.search("Café “news” posted: 12").unwrap();
        assert_eq!((hit.start, hit.end, hit.cut), (12, 22, Some((12, 22))));
    }

    #[test]
    fn a_pattern_the_engine_cannot_run_is_named_by_its_place() {
        let err = Rule::new("x", &["(?=y)".to_string()], &[], None, false)
            .err()
            .unwrap();
        assert_eq!(err.0, 1);
        assert_eq!(err.1.construct, "look-around");
    }
}

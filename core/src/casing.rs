//! Python's string predicates and `str.lower`, and the `regex` module's `\w`, `\d`,
//! `[\p{L}\p{N}]` and ASCII case folding, exactly as the running Python judges them (tables
//! read off Python by scripts/gen_scorer_tables.py): the scorer's features must hash the same
//! strings the shipped model was trained on.

use crate::chars::in_table;
use crate::scorer_tables::{
    PY_CASED, PY_CASE_IGNORABLE, PY_DIGIT, PY_LOWER, PY_LOWER_MAP, PY_TITLE, PY_UPPER, RE_ALNUM,
    RE_ASCII_FOLD, RE_DIGIT, RE_WORD,
};

/// The `regex` module's `\w`.
pub fn re_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    in_table(RE_WORD, c)
}

/// The `regex` module's `\d`.
pub fn re_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_table(RE_DIGIT, c)
}

/// The `regex` module's `[\p{L}\p{N}]`.
pub fn re_alnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    in_table(RE_ALNUM, c)
}

/// `str.isdigit()` of one character.
pub fn py_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_table(PY_DIGIT, c)
}

/// `str.isupper()` of one character.
pub fn py_upper(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    in_table(PY_UPPER, c)
}

/// `str.islower()` of one character.
pub fn py_lower(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase();
    }
    in_table(PY_LOWER, c)
}

fn py_title(c: char) -> bool {
    !c.is_ascii() && in_table(PY_TITLE, c)
}

/// `str.isupper()` of a string: no lower-case or title-case character, and at least one
/// upper-case one.
pub fn py_str_upper(text: &[char]) -> bool {
    let mut cased = false;
    for &c in text {
        if py_lower(c) || py_title(c) {
            return false;
        }
        cased |= py_upper(c);
    }
    cased
}

/// `str.isdigit()` of a string.
pub fn py_str_digit(text: &[char]) -> bool {
    !text.is_empty() && text.iter().all(|&c| py_digit(c))
}

fn cased(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    in_table(PY_CASED, c)
}

fn case_ignorable(c: char) -> bool {
    in_table(PY_CASE_IGNORABLE, c)
}

/// Python's final-sigma rule: a capital sigma after a cased letter (case-ignorable
/// characters skipped) and not before one lowers to `ς`.
fn final_sigma(text: &[char], i: usize) -> bool {
    let before = text[..i].iter().rev().find(|&&c| !case_ignorable(c));
    if !before.is_some_and(|&c| cased(c)) {
        return false;
    }
    match text[i + 1..].iter().find(|&&c| !case_ignorable(c)) {
        None => true,
        Some(&c) => !cased(c),
    }
}

/// `str.lower()`.
pub fn py_lower_str(text: &[char]) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, &c) in text.iter().enumerate() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if c == '\u{3a3}' {
            out.push(if final_sigma(text, i) { 'ς' } else { 'σ' });
        } else {
            let code = c as u32;
            match PY_LOWER_MAP.binary_search_by_key(&code, |&(k, _)| k) {
                Ok(at) => out.push_str(PY_LOWER_MAP[at].1),
                Err(_) => out.push(c),
            }
        }
    }
    out
}

/// The ASCII letter a character matches under the `regex` module's IGNORECASE, or the
/// character itself.
pub fn ascii_fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match RE_ASCII_FOLD.binary_search_by_key(&(c as u32), |&(k, _)| k) {
        Ok(at) => RE_ASCII_FOLD[at].1 as char,
        Err(_) => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn lower_is_pythons() {
        assert_eq!(py_lower_str(&chars("ΟΔΟΣ")), "οδος");
        assert_eq!(py_lower_str(&chars("ΟΔΟΣΑ")), "οδοσα");
        assert_eq!(py_lower_str(&chars("Σ")), "σ");
        assert_eq!(py_lower_str(&chars("AΣ'")), "aς'");
        assert_eq!(py_lower_str(&chars("İstanbul")), "i\u{307}stanbul");
        assert_eq!(py_lower_str(&chars("ÉCOLE")), "école");
    }

    #[test]
    fn predicates_are_pythons() {
        assert!(!py_str_upper(&chars("NASA's")));
        assert!(py_str_upper(&chars("U.S.")));
        assert!(!py_str_upper(&chars("12")));
        assert!(py_digit('²') && !re_digit('²'));
        assert!(re_word('_') && !re_alnum('_'));
        assert_eq!(ascii_fold('\u{212a}'), 'k');
        assert_eq!(ascii_fold('İ'), 'i');
        assert_eq!(ascii_fold('ı'), 'ı');
    }
}

//! Character classes exactly as Python judges them (tables read off Python, see `tables`).

use crate::tables::{PY_ALPHA, PY_SPACE, RE_LL, RE_LU, RE_SPACE};

pub(crate) fn in_table(table: &[(u32, u32)], c: char) -> bool {
    let code = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < code {
                std::cmp::Ordering::Less
            } else if lo > code {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// `str.isspace()`: what `str.strip()` and `str.split()` treat as white space.
pub fn py_space(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '\t'..='\r' | '\x1c'..='\x1f' | ' ');
    }
    in_table(PY_SPACE, c)
}

/// `str.isalpha()`.
pub fn py_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    in_table(PY_ALPHA, c)
}

/// The `regex` module's `\s`.
pub fn re_space(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '\t'..='\r' | ' ');
    }
    in_table(RE_SPACE, c)
}

/// The `regex` module's `\p{Ll}`.
pub fn re_lower(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase();
    }
    in_table(RE_LL, c)
}

/// The `regex` module's `\p{Lu}`.
pub fn re_upper(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    in_table(RE_LU, c)
}

/// Whether `chars` holds only `str.isspace()` characters (`not s.strip()` in Python).
pub fn all_space(chars: &[char]) -> bool {
    chars.iter().all(|&c| py_space(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_fast_paths_agree_with_the_tables() {
        for code in 0u32..128 {
            let c = char::from_u32(code).unwrap();
            assert_eq!(py_space(c), in_table(PY_SPACE, c), "isspace {code:#x}");
            assert_eq!(py_alpha(c), in_table(PY_ALPHA, c), "isalpha {code:#x}");
            assert_eq!(re_space(c), in_table(RE_SPACE, c), "\\s {code:#x}");
            assert_eq!(re_lower(c), in_table(RE_LL, c), "Ll {code:#x}");
            assert_eq!(re_upper(c), in_table(RE_LU, c), "Lu {code:#x}");
        }
    }

    #[test]
    fn python_space_differs_from_rust_whitespace_where_python_says() {
        assert!(py_space('\x1c') && !'\x1c'.is_whitespace());
        assert!(!re_space('\x1c'));
        assert!(py_space('\u{3000}') && re_space('\u{3000}'));
        assert!(!py_space('\u{200b}'));
    }

    #[test]
    fn letters() {
        assert!(re_lower('é') && re_upper('É') && py_alpha('ß'));
        assert!(!re_lower('ª'), "ª is Lo, not Ll");
        assert!(
            !py_alpha('Ⅻ'),
            "a roman numeral is Nl: alphabetic in Rust, not isalpha"
        );
    }
}

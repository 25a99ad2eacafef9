//! Features of one line on its own, for the learned line scorer (the one implementation:
//! the stage scores with it and `scripts/train_scorer.py` trains with it).
//!
//! Why these: the signals that transfer across sites (length, stopword share, punctuation,
//! case shape) plus the lower-cased words and word pairs, which carry phrasing families
//! ("follow us", "photo:", "read more") without naming one site's strings. Every feature is
//! a short readable string, so a removal's reason can say which ones drove its score, and
//! `bucket` maps each into a fixed number of buckets with crc32 (stable across processes),
//! so the model is a plain list of weights. Nothing about where the line stands or what its
//! neighbours are: a verdict on the line alone is the same on every pass (idempotence).
//!
//! Every predicate is the Python one the shipped model was trained with (`str.split`,
//! `str.lower`, the `regex` module's classes; see `casing`), so the same line hashes to the
//! same buckets.

use crate::casing::{
    ascii_fold, py_digit, py_lower, py_lower_str, py_str_digit, py_str_upper, py_upper, re_alnum, re_digit,
    re_word,
};
use crate::chars::{py_space, re_space};

/// Number of hash buckets (a power of two). Changing it invalidates the shipped model.
pub const BUCKETS: u32 = 1 << 18;
/// Words after which the word features stop.
const MAX_TOKENS: usize = 40;

/// A small closed class of English function words: enough for a stopword share that says
/// "prose" without a language model (the rule packs are English today). Sorted.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by",
    "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "him", "his",
    "how", "i", "if", "in", "into", "is", "it", "its", "just", "more", "most", "my", "no", "not", "of", "on",
    "one", "or", "our", "out", "over", "she", "so", "some", "than", "that", "the", "their", "them", "then",
    "there", "these", "they", "this", "those", "to", "up", "was", "we", "were", "what", "when", "where",
    "which", "while", "who", "will", "with", "would", "you", "your",
];

/// A feature's bucket: crc32 of its UTF-8 bytes, stable across processes and versions.
pub fn bucket(feature: &str) -> u32 {
    crc32(feature.as_bytes()) & (BUCKETS - 1)
}

fn crc32(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            table[i] = c;
            i += 1;
        }
        table
    };
    let mut crc = !0u32;
    for &b in bytes {
        crc = TABLE[((crc ^ b as u32) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

/// `str.strip()`.
pub fn strip(text: &[char]) -> &[char] {
    let start = text.iter().position(|&c| !py_space(c)).unwrap_or(text.len());
    let end = text.iter().rposition(|&c| !py_space(c)).map_or(start, |e| e + 1);
    &text[start..end]
}

/// `str.split()`: the runs of non-space characters.
pub fn split_words(text: &[char]) -> Vec<&[char]> {
    text.split(|&c| py_space(c)).filter(|w| !w.is_empty()).collect()
}

/// The `regex` pattern `[\p{L}\p{N}][\p{L}\p{N}'’]*`, every match.
fn tokens(text: &[char]) -> Vec<&[char]> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if re_alnum(text[i]) {
            let start = i;
            i += 1;
            while i < text.len() && (re_alnum(text[i]) || text[i] == '\'' || text[i] == '’') {
                i += 1;
            }
            out.push(&text[start..i]);
        } else {
            i += 1;
        }
    }
    out
}

fn closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']')
}

/// Where the tail `["'”’)\]]*\s*$` of `text` starts (the earliest such start).
pub fn closing_tail(text: &[char]) -> usize {
    let mut k = text.len();
    while k > 0 && re_space(text[k - 1]) {
        k -= 1;
    }
    while k > 0 && closer(text[k - 1]) {
        k -= 1;
    }
    k
}

/// How the line ends: `([.!?:;,…]|\.\.\.)["'”’)\]]*\s*$`, "none" when it does not match.
fn end_class(text: &[char]) -> String {
    let k = closing_tail(text);
    if k >= 3 && text[k - 3..k] == ['.', '.', '.'] {
        return "ellipsis".into();
    }
    match k.checked_sub(1).map(|i| text[i]) {
        Some('…') => "ellipsis".into(),
        Some(c @ ('.' | '!' | '?' | ':' | ';' | ',')) => c.to_string(),
        _ => "none".into(),
    }
}

fn bucket_of(value: f64, edges: &[f64]) -> usize {
    edges.iter().position(|&e| value <= e).unwrap_or(edges.len())
}

/// `a / b`, or 0 when `b` is 0 (Python's `a / b if b else 0`).
fn share(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// `text[i..]` starts with `word` (lower-case ASCII) under the `regex` module's IGNORECASE.
fn starts_folded(text: &[char], i: usize, word: &str) -> bool {
    let mut rest = text.get(i..).unwrap_or(&[]).iter();
    word.chars()
        .all(|w| rest.next().is_some_and(|&c| ascii_fold(c) == w))
}

/// A `\b` (the `regex` module's: between `\w` and not `\w`) at `i`.
fn boundary(text: &[char], i: usize) -> bool {
    let before = i > 0 && re_word(text[i - 1]);
    let after = i < text.len() && re_word(text[i]);
    before != after
}

/// `https?://|www\.|\b[\w-]+\.(?:com|org|net|co\.uk|gov|edu)\b`, IGNORECASE, anywhere.
fn has_url(text: &[char]) -> bool {
    let mut run_has_word = false; // the `[\w-]` run ending here holds a `\w`
    for i in 0..text.len() {
        if starts_folded(text, i, "http://")
            || starts_folded(text, i, "https://")
            || starts_folded(text, i, "www.")
        {
            return true;
        }
        if text[i] == '.' && run_has_word {
            for tld in ["com", "org", "net", "co.uk", "gov", "edu"] {
                let end = i + 1 + tld.chars().count();
                if starts_folded(text, i + 1, tld) && boundary(text, end) {
                    return true;
                }
            }
        }
        let c = text[i];
        if re_word(c) {
            run_has_word = true;
        } else if c != '-' {
            run_has_word = false;
        }
    }
    false
}

/// `(?<!\w)@\w{2,}` anywhere.
fn has_handle(text: &[char]) -> bool {
    (0..text.len()).any(|i| {
        text[i] == '@'
            && (i == 0 || !re_word(text[i - 1]))
            && text.len() > i + 2
            && re_word(text[i + 1])
            && re_word(text[i + 2])
    })
}

/// `\b[\w.+-]+@[\w-]+\.[\w.]+\b` anywhere: before an `@` a run of `[\w.+-]` holding a `\w`
/// (a `\b` can then open it), after it a run of `[\w-]`, a dot, and a run of `[\w.]` holding
/// a `\w` (a `\b` can then close it).
fn has_email(text: &[char]) -> bool {
    let mut left_has_word = false; // the `[\w.+-]` run ending here holds a `\w`
    for (i, &c) in text.iter().enumerate() {
        if c == '@' && left_has_word {
            let mut d = i + 1;
            while d < text.len() && (re_word(text[d]) || text[d] == '-') {
                d += 1;
            }
            if d > i + 1 && d < text.len() && text[d] == '.' {
                let mut e = d + 1;
                while e < text.len() && (re_word(text[e]) || text[e] == '.') {
                    if re_word(text[e]) {
                        return true;
                    }
                    e += 1;
                }
            }
        }
        if re_word(c) {
            left_has_word = true;
        } else if !matches!(c, '.' | '+' | '-') {
            left_has_word = false;
        }
    }
    false
}

/// `\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}` anywhere (the optional opening bracket never decides).
fn has_phone(text: &[char]) -> bool {
    let digits = |at: usize, n: usize| at + n <= text.len() && text[at..at + n].iter().all(|&c| re_digit(c));
    let sep = |at: usize| at < text.len() && (re_space(text[at]) || text[at] == '.' || text[at] == '-');
    (0..text.len()).any(|i| {
        if !digits(i, 3) {
            return false;
        }
        let s = if i + 3 < text.len() && text[i + 3] == ')' {
            i + 4
        } else {
            i + 3
        };
        sep(s) && digits(s + 1, 3) && sep(s + 4) && digits(s + 5, 4)
    })
}

/// How many `\s[|·•»/]\s` there are (non-overlapping, left to right).
fn separators(text: &[char]) -> usize {
    let mut count = 0;
    let mut i = 0;
    while i + 3 <= text.len() {
        if re_space(text[i]) && matches!(text[i + 1], '|' | '·' | '•' | '»' | '/') && re_space(text[i + 2])
        {
            count += 1;
            i += 3;
        } else {
            i += 1;
        }
    }
    count
}

/// The line's features, in a fixed order: the shape features, then each distinct word and
/// word pair in the order they first occur, then the first and last words.
pub fn line_shape(text: &[char]) -> Vec<String> {
    let stripped = strip(text);
    let words = split_words(stripped);
    let lowered: Vec<String> = tokens(stripped).into_iter().map(py_lower_str).collect();
    let n = words.len();
    let wc = bucket_of(n as f64, &[1.0, 2.0, 3.0, 5.0, 8.0, 12.0, 20.0, 40.0]);
    let end = end_class(stripped);
    let caps = words.iter().filter(|w| py_upper(w[0])).count();
    let upper = words.iter().filter(|w| w.len() > 1 && py_str_upper(w)).count();
    let digits = stripped.iter().filter(|&&c| py_digit(c)).count();
    let stop = lowered
        .iter()
        .filter(|t| STOPWORDS.binary_search(&t.as_str()).is_ok())
        .count();
    let first_class = match stripped.first() {
        Some(&c) if py_upper(c) => "upper",
        Some(&c) if py_lower(c) => "lower",
        Some(&c) if py_digit(c) => "digit",
        _ => "punct",
    };
    let stop_bucket = bucket_of(share(stop, lowered.len()), &[0.0, 0.1, 0.2, 0.3, 0.4]);
    let mut feats = vec![
        "bias".to_string(),
        format!("wc={wc}"),
        format!("end={end}"),
        format!("wc={wc}|end={end}"),
        format!("first={first_class}"),
        format!("caps={}", bucket_of(share(caps, n), &[0.2, 0.5, 0.8, 0.99])),
        format!("upper={}", bucket_of(share(upper, n), &[0.0, 0.3, 0.7])),
        format!(
            "digits={}",
            bucket_of(share(digits, stripped.len().max(1)), &[0.0, 0.05, 0.2, 0.5])
        ),
        format!("stop={stop_bucket}"),
        format!("stop={stop_bucket}|wc={wc}"),
        format!(
            "chars={}",
            bucket_of(
                stripped.len() as f64,
                &[10.0, 25.0, 50.0, 80.0, 120.0, 200.0, 400.0]
            )
        ),
    ];
    if has_url(stripped) {
        feats.push("has=url".into());
    }
    if has_handle(stripped) {
        feats.push("has=handle".into());
    }
    if has_email(stripped) {
        feats.push("has=email".into());
    }
    if has_phone(stripped) {
        feats.push("has=phone".into());
    }
    let seps = separators(stripped);
    if seps > 0 {
        feats.push(format!("seps={}", bucket_of(seps as f64, &[1.0, 3.0])));
    }
    if stripped.iter().any(|&c| c == '"' || c == '“') {
        feats.push("has=quote".into());
    }
    let norm: Vec<&str> = lowered
        .iter()
        .take(MAX_TOKENS)
        .map(|t| {
            let cs: Vec<char> = t.chars().collect();
            if py_str_digit(&cs) {
                "0"
            } else {
                t.as_str()
            }
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    for t in &norm {
        let f = format!("w={t}");
        if seen.insert(f.clone()) {
            feats.push(f);
        }
    }
    for pair in norm.windows(2) {
        let f = format!("ww={}_{}", pair[0], pair[1]);
        if seen.insert(f.clone()) {
            feats.push(f);
        }
    }
    if let (Some(first), Some(last)) = (norm.first(), norm.last()) {
        feats.push(format!("first={first}"));
        feats.push(format!("last={last}"));
        if norm.len() > 1 {
            feats.push(format!("first2={first}_{}", norm[1]));
        }
    }
    feats
}

/// The buckets of the line's features (`line_shape`, hashed), in the same order.
pub fn line_buckets(text: &[char]) -> Vec<u32> {
    line_shape(text).iter().map(|f| bucket(f)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(s: &str) -> Vec<String> {
        line_shape(&s.chars().collect::<Vec<_>>())
    }

    fn has(s: &str, feature: &str) -> bool {
        shape(s).iter().any(|f| f == feature)
    }

    #[test]
    fn crc32_is_zlibs() {
        // zlib.crc32(b"bias") and zlib.crc32(b"123456789")
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn shape_features() {
        let f = shape("  Follow us on Twitter @cleaner  ");
        assert_eq!(
            &f[..5],
            &["bias", "wc=3", "end=none", "wc=3|end=none", "first=upper"]
        );
        assert!(f.contains(&"has=handle".to_string()));
        assert!(f.contains(&"ww=follow_us".to_string()));
        assert!(f.contains(&"first2=follow_us".to_string()));
        assert!(f.contains(&"last=cleaner".to_string()));
        assert!(has("Read more...", "end=ellipsis"));
        assert!(has("Read more…”", "end=ellipsis"));
        assert!(has("Is it? ", "end=?"));
        assert!(has("Photo: 2019", "w=0"));
    }

    #[test]
    fn links_and_contacts() {
        assert!(has("Visit EXAMPLE.COM today", "has=url"));
        assert!(has("see -x.co.uk", "has=url"));
        assert!(!has("see -.com", "has=url"));
        assert!(!has("a.community", "has=url"));
        assert!(has("HTTPſ://x", "has=url"));
        assert!(has("mail a.b@c-d.org.", "has=email"));
        assert!(!has("mail .@c.org", "has=email"));
        assert!(!has("mail a@b..", "has=email"));
        assert!(has("call (555) 123-4567", "has=phone"));
        assert!(has("call 555.123 4567", "has=phone"));
        assert!(!has("a@b", "has=handle"));
        assert!(has("Home | News | Sport", "seps=1"));
        assert!(has("a | b | c | d | e", "seps=2"));
    }
}

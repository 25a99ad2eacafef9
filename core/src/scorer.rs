//! The learned line scorer's inference: a logistic model over `line_shape`'s features, the
//! features that weighed most (for the removal's reason), the category model, and the
//! guards that keep it off article text. One call per document judges every live line.
//!
//! It takes a line only when the model is very sure, never a line shaped like an article
//! paragraph (more than `MAX_WORDS` words, or a full sentence of `SENTENCE_WORDS`+), not the
//! headline in first place, not a transcript's speaker label, not a credit line the
//! guideline keeps, and nothing at all in a hard-wrapped document.

use crate::casing::{ascii_fold, py_lower, re_word};
use crate::chars::{py_space, re_space, re_upper};
use crate::line_shape::{bucket, closing_tail, line_shape, split_words, strip, BUCKETS};

/// Lines longer than this are never the scorer's to take (rules and duplicates judge them).
pub const MAX_WORDS: usize = 25;
/// A line that ends like a sentence and has this many words is article-shaped: left alone.
pub const SENTENCE_WORDS: usize = 8;
/// The first line of a document with this many words is its headline (the guideline keeps it).
pub const HEADLINE_WORDS: usize = 4;
/// This many lines running on into a line that opens in lower case: hard-wrapped prose.
pub const WRAPPED_LINES: usize = 3;

/// The weights of the boilerplate-vs-article model and of the category model.
pub struct Model {
    /// One weight per bucket (0 where the model has none).
    weights: Vec<f64>,
    categories: Vec<String>,
    /// Per bucket, the row of category weights (`None`: no row).
    category_rows: std::collections::HashMap<u32, Vec<f64>>,
}

/// What the scorer found on a line it takes.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// Index of the line in the document's live lines.
    pub index: usize,
    /// Probability of boilerplate.
    pub p: f64,
    /// The features that weighed most, largest first (ties by name).
    pub drivers: Vec<(String, f64)>,
    /// The most likely category.
    pub category: String,
}

impl Model {
    /// `weights` and `category_weights` by bucket; a bucket outside the table is an error.
    pub fn new(
        weights: &[(u32, f64)],
        categories: Vec<String>,
        category_weights: Vec<(u32, Vec<f64>)>,
    ) -> Result<Model, String> {
        let mut dense = vec![0.0; BUCKETS as usize];
        for &(k, w) in weights {
            *dense
                .get_mut(k as usize)
                .ok_or_else(|| format!("weight bucket {k} is outside 0..{BUCKETS}"))? = w;
        }
        if let Some((k, row)) = category_weights
            .iter()
            .find(|(k, row)| *k >= BUCKETS || row.len() != categories.len())
        {
            return Err(format!(
                "category row of bucket {k} has {} weights for {} categories",
                row.len(),
                categories.len()
            ));
        }
        Ok(Model {
            weights: dense,
            categories,
            category_rows: category_weights.into_iter().collect(),
        })
    }

    /// Probability that the line is boilerplate, and each of its features with its weight,
    /// largest first and ties by name (so a reason reads the same in every process). The
    /// sum runs in that order too.
    pub fn score(&self, text: &[char]) -> (f64, Vec<(String, f64)>) {
        let mut parts: Vec<(String, f64)> = line_shape(text)
            .into_iter()
            .map(|f| {
                let w = self.weights[bucket(&f) as usize];
                (f, w)
            })
            .collect();
        parts.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap().then_with(|| a.0.cmp(&b.0)));
        let z: f64 = parts.iter().fold(0.0, |sum, (_, w)| sum + w);
        let p = 1.0 / (1.0 + (-z.clamp(-30.0, 30.0)).exp());
        (p, parts)
    }

    /// The most likely category of a boilerplate line, from its own features (the first of
    /// equal totals; "other" for a model without categories).
    /// The totals are summed in `line_shape`'s order.
    pub fn category(&self, text: &[char]) -> String {
        let mut totals = vec![0.0f64; self.categories.len()];
        for f in line_shape(text) {
            if let Some(row) = self.category_rows.get(&bucket(&f)) {
                for (t, w) in totals.iter_mut().zip(row) {
                    *t += w;
                }
            }
        }
        let mut best: Option<usize> = None;
        for (i, &t) in totals.iter().enumerate() {
            if best.is_none_or(|b| t > totals[b]) {
                best = Some(i);
            }
        }
        best.map_or_else(|| "other".into(), |b| self.categories[b].clone())
    }

    /// Every live line of a document the scorer takes, with `threshold` and `explain`
    /// drivers: nothing in a hard-wrapped document, and only lines `eligible` (the first
    /// line as the headline's place).
    pub fn judge(&self, texts: &[Vec<char>], threshold: f64, explain: usize) -> Vec<Verdict> {
        if hard_wrapped(texts) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (index, text) in texts.iter().enumerate() {
            if !eligible(strip(text), index == 0) {
                continue;
            }
            let (p, parts) = self.score(text);
            if p < threshold {
                continue;
            }
            out.push(Verdict {
                index,
                p,
                drivers: parts.into_iter().take(explain).collect(),
                category: self.category(text),
            });
        }
        out
    }
}

/// `[.!?]["'”’)\]]*\s*$`: ends with sentence punctuation (a closing quote or bracket may follow).
fn sentence_mark_end(text: &[char]) -> bool {
    let k = closing_tail(text);
    k > 0 && matches!(text[k - 1], '.' | '!' | '?')
}

/// `(?:\.\.\.|…|\.\s\.\s\.)["'”’)\]]*\s*$`: cut off with an ellipsis, as teasers are.
fn truncated(text: &[char]) -> bool {
    let head = &text[..closing_tail(text)];
    head.ends_with(&['.', '.', '.'])
        || head.ends_with(&['…'])
        || (head.len() >= 5
            && head[head.len() - 5] == '.'
            && re_space(head[head.len() - 4])
            && head[head.len() - 3] == '.'
            && re_space(head[head.len() - 2])
            && head[head.len() - 1] == '.')
}

/// `cleaner.signals.ends_sentence`: sentence punctuation at the end, not an ellipsis.
pub fn ends_sentence(text: &[char]) -> bool {
    sentence_mark_end(text) && !truncated(text)
}

/// What the guideline keeps although it is shaped like chrome: credit lines of the article
/// itself (`\b(?:additional reporting|contributed (?:to )?(?:this )?(?:report|story)|
/// (?:reporting|writing|editing) by|editor'?s note|correction)\b`, IGNORECASE).
const GUIDELINE_KEEPS: &[&str] = &[
    "additional reporting",
    "contributed report",
    "contributed story",
    "contributed this report",
    "contributed this story",
    "contributed to report",
    "contributed to story",
    "contributed to this report",
    "contributed to this story",
    "reporting by",
    "writing by",
    "editing by",
    "editor's note",
    "editors note",
    "correction",
];

fn boundary(text: &[char], i: usize) -> bool {
    let before = i > 0 && re_word(text[i - 1]);
    let after = i < text.len() && re_word(text[i]);
    before != after
}

fn guideline_keeps(text: &[char]) -> bool {
    (0..text.len()).any(|i| {
        boundary(text, i)
            && GUIDELINE_KEEPS.iter().any(|phrase| {
                let n = phrase.chars().count();
                i + n <= text.len()
                    && phrase
                        .chars()
                        .zip(&text[i..i + n])
                        .all(|(p, &c)| ascii_fold(c) == p)
                    && boundary(text, i + n)
            })
    })
}

/// `^(?:\p{Lu}[\p{Lu}.'’-]*,?\s){0,4}\p{Lu}[\p{Lu}.'’-]*:$`: a transcript's speaker label
/// ("MR. SMITH:", "ANDERSON COOPER, CNN:").
fn speaker_label(text: &[char]) -> bool {
    let label_char = |c: char| re_upper(c) || matches!(c, '.' | '\'' | '’' | '-');
    let mut i = 0;
    for group in 0..=4 {
        if i >= text.len() || !re_upper(text[i]) {
            return false;
        }
        i += 1;
        while i < text.len() && label_char(text[i]) {
            i += 1;
        }
        if i < text.len()
            && text[i] == ':'
            && (i + 1 == text.len() || (i + 2 == text.len() && text[i + 1] == '\n'))
        {
            return true;
        }
        if group == 4 {
            return false;
        }
        if i < text.len() && text[i] == ',' {
            i += 1;
        }
        if i >= text.len() || !re_space(text[i]) {
            return false;
        }
        i += 1;
    }
    false
}

/// Lines the scorer may judge at all (`text` stripped): short, not shaped like an article
/// sentence, not a headline in first place, not a speaker label, not a credit the guideline keeps.
pub fn eligible(text: &[char], first: bool) -> bool {
    let words = split_words(text).len();
    if !(0 < words && words <= MAX_WORDS) || (words >= SENTENCE_WORDS && ends_sentence(text)) {
        return false;
    }
    !((first && words >= HEADLINE_WORDS) || guideline_keeps(text) || speaker_label(text))
}

/// True when `WRAPPED_LINES` lines of the document run on into the next, which opens in
/// lower case: hard-wrapped prose (OCR, e-mail, a transcript), whose broken lines look like teasers.
pub fn hard_wrapped(texts: &[Vec<char>]) -> bool {
    let mut runs = 0;
    for pair in texts.windows(2) {
        let opens_lower = pair[1]
            .iter()
            .find(|&&c| !py_space(c))
            .is_some_and(|&c| py_lower(c));
        if opens_lower && !ends_sentence(&pair[0]) {
            runs += 1;
            if runs >= WRAPPED_LINES {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence(&c("It rained.\" ")));
        assert!(!ends_sentence(&c("It rained...")));
        assert!(!ends_sentence(&c("It rained. . .")));
        assert!(!ends_sentence(&c("It rained")));
    }

    #[test]
    fn guards() {
        assert!(guideline_keeps(&c("Additional REPORTING by Reuters")));
        assert!(guideline_keeps(&c("X contributed to this report.")));
        assert!(!guideline_keeps(&c("corrections")));
        assert!(speaker_label(&c("MR. SMITH:")));
        assert!(speaker_label(&c("ANDERSON COOPER, CNN:")));
        assert!(!speaker_label(&c("A B C D E F:")));
        assert!(!speaker_label(&c("Mr. Smith:")));
        assert!(eligible(&c("Story Continued Below"), false));
        assert!(!eligible(&c("Story Continued Below Here Now"), true));
        assert!(!eligible(
            &c("The council approved the new budget on Tuesday night."),
            false
        ));
    }

    #[test]
    fn wrapped() {
        let lines: Vec<Vec<char>> = [
            "the agency had been warned about the",
            "risks of the",
            "memos by",
            "several",
        ]
        .iter()
        .map(|s| c(s))
        .collect();
        assert!(hard_wrapped(&lines));
        assert!(!hard_wrapped(&lines[..3]));
    }

    #[test]
    fn scores_and_explains() {
        let feats = line_shape(&c("Story Continued Below"));
        let weights: Vec<(u32, f64)> = vec![(bucket("w=story"), 3.0), (bucket("bias"), -1.0)];
        let model = Model::new(
            &weights,
            vec!["ads".into(), "other".into()],
            vec![(bucket("w=story"), vec![0.0, 1.0])],
        )
        .unwrap();
        let (p, parts) = model.score(&c("Story Continued Below"));
        assert_eq!(parts.len(), feats.len());
        assert_eq!(parts[0], ("w=story".to_string(), 3.0));
        assert_eq!(parts.last().unwrap().0, "bias");
        assert!((p - 1.0 / (1.0 + (-2.0f64).exp())).abs() < 1e-12);
        assert_eq!(model.category(&c("Story Continued Below")), "other");
        let verdicts = model.judge(&[c("Story Continued Below")], 0.5, 2);
        assert_eq!(verdicts.len(), 1, "a first line of under 4 words is no headline");
        assert_eq!(verdicts[0].drivers.len(), 2);
        assert_eq!(verdicts[0].category, "other");
        assert!(model.judge(&[c("Story Continued Below")], 0.9, 2).is_empty());
    }
}

//! The clean text from the repaired text and the removal spans (`cleaner.render`'s rules).
//!
//! 1. every removal span is cut;
//! 2. a line that a removal left with nothing but white space is dropped with its newline;
//! 3. blank lines around a dropped line collapse to one (other spacing is left as it was);
//! 4. blank lines at the start and end go, and a non-empty result ends with one newline.
//!
//! The result is a plan over the input, in character offsets: the ranges of the input that
//! make the output, in order, plus whether a final newline is added. Python joins the
//! slices, so text the core cannot hold as UTF-8 (a lone surrogate) is copied unchanged.

use crate::chars::py_space;

/// What one line becomes: kept as it is, cut to some ranges (character offsets into the
/// text), or dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fate {
    Whole,
    Cut(Vec<(usize, usize)>),
    Dropped,
}

/// A line of the text: where it starts and how many characters it has (no newline).
#[derive(Clone, Copy, Debug)]
struct Line {
    start: usize,
    len: usize,
    blank: bool,
}

/// The render of one document.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Ranges `[a, b)` of the input whose concatenation is the output (less `final_newline`).
    pub pieces: Vec<(usize, usize)>,
    /// Whether a `"\n"` not in the input ends the output.
    pub final_newline: bool,
    /// Lines whose fate is not `Whole`, with it (0-based line index).
    pub changed: Vec<(usize, Fate)>,
    pub lines_dropped: usize,
    pub blank_lines_collapsed: usize,
    pub edge_lines_trimmed: usize,
}

fn lines_of(text: &[char]) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut blank = true;
    for (i, &c) in text.iter().enumerate() {
        if c == '\n' {
            lines.push(Line {
                start,
                len: i - start,
                blank,
            });
            start = i + 1;
            blank = true;
        } else if blank && !py_space(c) {
            blank = false;
        }
    }
    lines.push(Line {
        start,
        len: text.len() - start,
        blank,
    });
    lines
}

/// The line holding offset `pos` (`bisect_right(starts, pos) - 1`).
fn line_of(lines: &[Line], pos: usize) -> usize {
    lines.partition_point(|l| l.start <= pos).saturating_sub(1)
}

/// Plan the output of `text` (as characters) with `spans` cut.
pub fn plan(text: &[char], spans: &[(usize, usize)]) -> Plan {
    let n = text.len();
    let mut spans = spans.to_vec();
    spans.sort_unstable();
    let lines = lines_of(text);
    let mut fates = vec![Fate::Whole; lines.len()];
    let mut dropped = Vec::new();
    let mut index = 0;
    while index < spans.len() {
        let line = line_of(&lines, spans[index].0);
        let pos = lines[line].start;
        let end = pos + lines[line].len;
        let (mut pieces, mut cursor) = (Vec::new(), pos);
        while index < spans.len() && spans[index].0 <= end {
            let (a, b) = spans[index];
            pieces.push((cursor.min(n), cursor.max(a).min(n)));
            cursor = cursor.max(b);
            index += 1;
        }
        pieces.push((cursor.min(end), end));
        pieces.retain(|&(a, b)| a < b);
        if pieces
            .iter()
            .any(|&(a, b)| text[a..b].iter().any(|&c| !py_space(c)))
        {
            fates[line] = Fate::Cut(pieces);
        } else {
            fates[line] = Fate::Dropped;
            dropped.push(line);
        }
    }
    let blank = |fates: &[Fate], i: usize| match &fates[i] {
        Fate::Dropped => true,
        Fate::Whole => lines[i].blank,
        Fate::Cut(pieces) => pieces
            .iter()
            .all(|&(a, b)| text[a..b].iter().all(|&c| py_space(c))),
    };
    let mut collapsed = 0;
    let mut done_until: Option<usize> = None;
    for &line in &dropped {
        if done_until.is_some_and(|d| line <= d) {
            continue;
        }
        let (mut i, mut j) = (line, line + 1);
        while i > 0 && blank(&fates, i - 1) {
            i -= 1;
        }
        while j < fates.len() && blank(&fates, j) {
            j += 1;
        }
        let mut first = true;
        for fate in fates.iter_mut().take(j).skip(i) {
            if *fate == Fate::Dropped {
                continue;
            }
            if first {
                first = false;
            } else {
                *fate = Fate::Dropped;
                collapsed += 1;
            }
        }
        done_until = Some(j - 1);
    }
    let mut trimmed = 0;
    for forward in [true, false] {
        for k in 0..fates.len() {
            let i = if forward { k } else { fates.len() - 1 - k };
            if fates[i] == Fate::Dropped {
                continue;
            }
            if !blank(&fates, i) {
                break;
            }
            fates[i] = Fate::Dropped;
            trimmed += 1;
        }
    }
    let mut out = Plan {
        lines_dropped: dropped.len(),
        blank_lines_collapsed: collapsed,
        edge_lines_trimmed: trimmed,
        ..Plan::default()
    };
    let push = |pieces: &mut Vec<(usize, usize)>, a: usize, b: usize| {
        if a >= b {
            return;
        }
        match pieces.last_mut() {
            Some(last) if last.1 == a => last.1 = b,
            _ => pieces.push((a, b)),
        }
    };
    // Each kept line is followed by a newline: its own one from the input when it has one
    // (the last line of the text has none), so untouched runs stay one contiguous range.
    let mut last_kept_has_newline = true;
    let mut any = false;
    for (i, fate) in fates.iter().enumerate() {
        let line = lines[i];
        let end = line.start + line.len;
        match fate {
            Fate::Dropped => continue,
            Fate::Whole => push(&mut out.pieces, line.start, end),
            Fate::Cut(pieces) => {
                for &(a, b) in pieces {
                    push(&mut out.pieces, a, b);
                }
            }
        }
        any = true;
        last_kept_has_newline = end < n;
        if end < n {
            push(&mut out.pieces, end, end + 1);
        }
    }
    // The output is the kept lines joined by newlines plus one final newline. Every kept line
    // above got its own newline; the last one's stands for the final newline, or, when the
    // line is the text's last, a new one is added. An output of only empty kept lines would
    // be empty in Python (the body would be ""), but trimming leaves a non-blank first line.
    if any && !last_kept_has_newline {
        out.final_newline = true;
    }
    out.changed = fates
        .into_iter()
        .enumerate()
        .filter(|(_, f)| *f != Fate::Whole)
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str, spans: &[(usize, usize)]) -> (String, usize, usize, usize) {
        let chars: Vec<char> = text.chars().collect();
        let p = plan(&chars, spans);
        let mut out: String = p.pieces.iter().flat_map(|&(a, b)| chars[a..b].iter()).collect();
        if p.final_newline {
            out.push('\n');
        }
        (
            out,
            p.lines_dropped,
            p.blank_lines_collapsed,
            p.edge_lines_trimmed,
        )
    }

    #[test]
    fn nothing_removed_keeps_the_text_and_ends_it_with_one_newline() {
        assert_eq!(render("a\n\nb", &[]).0, "a\n\nb\n");
        assert_eq!(render("a\n", &[]).0, "a\n");
        assert_eq!(render("\n\n  \na\n\n", &[]), ("a\n".into(), 0, 0, 5));
        assert_eq!(render("", &[]).0, "");
    }

    #[test]
    fn a_removed_line_goes_with_its_newline_and_blanks_collapse() {
        let text = "one\n\nShare this\n\ntwo\n";
        assert_eq!(render(text, &[(5, 15)]), ("one\n\ntwo\n".into(), 1, 1, 1));
    }

    #[test]
    fn part_of_a_line() {
        assert_eq!(
            render("keep this. Drop.\nnext", &[(10, 16)]).0,
            "keep this.\nnext\n"
        );
    }

    #[test]
    fn everything_removed_is_empty() {
        assert_eq!(render("junk\n\nmore junk", &[(0, 4), (6, 15)]).0, "");
    }
}

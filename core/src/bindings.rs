//! `cleaner._core`: the one PyO3 module. Thin: it converts Python strings to characters,
//! calls the plain Rust modules and hands back tuples and lists. Offsets are code points.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::{render, rules, scan, segment};

/// The characters of a Python string. A lone surrogate (which UTF-8 cannot hold) becomes
/// U+FFFD, one character for one, so every offset still matches Python's indexing.
fn chars_of(text: &Bound<'_, PyString>) -> PyResult<Vec<char>> {
    if let Ok(s) = text.to_str() {
        return Ok(s.chars().collect());
    }
    let raw = text.call_method1("encode", ("utf-32-le", "surrogatepass"))?;
    let bytes = raw.cast::<PyBytes>()?.as_bytes();
    Ok(bytes
        .chunks_exact(4)
        .map(|b| char::from_u32(u32::from_le_bytes([b[0], b[1], b[2], b[3]])).unwrap_or('\u{FFFD}'))
        .collect())
}

/// Sentence spans `(start, end)` of one line (see `cleaner.segment.sentences`).
#[pyfunction]
fn sentences(line: &Bound<'_, PyString>) -> PyResult<Vec<(usize, usize)>> {
    Ok(segment::sentences(&chars_of(line)?))
}

type Ranges = Vec<(usize, usize)>;
type Changed = Vec<(usize, Option<Ranges>)>;
/// (pieces, final newline, changed lines, lines dropped, blank lines collapsed, edge lines trimmed)
type PlanTuple = (Ranges, bool, Changed, usize, usize, usize);

/// The render plan of `text` with `spans` cut: (pieces, final newline, changed lines,
/// lines dropped, blank lines collapsed, edge lines trimmed). A changed line is
/// `(index, None)` when dropped, else `(index, kept ranges)`.
#[pyfunction]
fn render_plan(text: &Bound<'_, PyString>, spans: Vec<(usize, usize)>) -> PyResult<PlanTuple> {
    let chars = chars_of(text)?;
    if let Some(&(a, b)) = spans.iter().find(|&&(a, b)| a > b || b > chars.len()) {
        return Err(PyValueError::new_err(format!(
            "span {a}:{b} is outside the text (length {})",
            chars.len()
        )));
    }
    let plan = render::plan(&chars, &spans);
    let changed = plan
        .changed
        .into_iter()
        .map(|(i, fate)| match fate {
            render::Fate::Cut(pieces) => (i, Some(pieces)),
            _ => (i, None),
        })
        .collect();
    Ok((
        plan.pieces,
        plan.final_newline,
        changed,
        plan.lines_dropped,
        plan.blank_lines_collapsed,
        plan.edge_lines_trimmed,
    ))
}

/// Why `pattern` cannot run on the linear-time engine, or None when it can:
/// `(construct, offset, message)`.
#[pyfunction]
#[pyo3(signature = (pattern, case_sensitive=false))]
fn check_pattern(pattern: &str, case_sensitive: bool) -> Option<(String, usize, String)> {
    scan::check(pattern, case_sensitive)
        .err()
        .map(|why| (why.construct.to_string(), why.offset, why.to_string()))
}

/// Heap bytes of `pattern` compiled for the engine (`scan::compiled_bytes`); ValueError if
/// the engine cannot run it.
#[pyfunction]
#[pyo3(signature = (pattern, case_sensitive=false))]
fn compiled_bytes(pattern: &str, case_sensitive: bool) -> PyResult<usize> {
    scan::compiled_bytes(pattern, case_sensitive).map_err(|why| PyValueError::new_err(why.to_string()))
}

/// Rule patterns compiled for the linear-time engine (see `scan::Scanner`).
#[pyclass(frozen, module = "cleaner._core")]
struct Scanner {
    inner: scan::Scanner,
    rejected: Vec<(usize, String, usize, String)>,
}

#[pymethods]
impl Scanner {
    /// `patterns`: (pattern, case sensitive) pairs in rule order.
    #[new]
    fn new(patterns: Vec<(String, bool)>) -> Self {
        let (inner, rejected) = scan::Scanner::new(&patterns);
        let rejected = rejected
            .into_iter()
            .map(|(i, why)| (i, why.construct.to_string(), why.offset, why.to_string()))
            .collect();
        Scanner { inner, rejected }
    }

    /// (index, construct, offset, message) of each pattern the engine cannot run.
    #[getter]
    fn rejected(&self) -> Vec<(usize, String, usize, String)> {
        self.rejected.clone()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// Indexes of the patterns that match somewhere in `text`.
    fn matching(&self, py: Python<'_>, text: &str) -> Vec<usize> {
        py.detach(|| self.inner.matching(text))
    }

    /// (1-based line, pattern indexes) for every stripped line some pattern matches.
    fn lines(&self, py: Python<'_>, text: &str) -> Vec<(usize, Vec<usize>)> {
        py.detach(|| self.inner.lines(text))
    }
}

// --- The learned line scorer (`cleaner.stages.scorer`, `cleaner.line_features`) ---

/// The scorer's features of one line (`line_shape::line_shape`).
#[pyfunction]
fn line_shape(text: &Bound<'_, PyString>) -> PyResult<Vec<String>> {
    Ok(crate::line_shape::line_shape(&chars_of(text)?))
}

/// The buckets of the line's features, in `line_shape`'s order (what the model weighs).
#[pyfunction]
fn line_buckets(text: &Bound<'_, PyString>) -> PyResult<Vec<u32>> {
    Ok(crate::line_shape::line_buckets(&chars_of(text)?))
}

/// A feature's bucket (crc32, stable across processes).
#[pyfunction]
fn feature_bucket(feature: &str) -> u32 {
    crate::line_shape::bucket(feature)
}

/// Whether the lines of a document are hard-wrapped prose (the scorer then stays out).
#[pyfunction]
fn scorer_hard_wrapped(texts: Vec<Bound<'_, PyString>>) -> PyResult<bool> {
    let lines = texts.iter().map(chars_of).collect::<PyResult<Vec<_>>>()?;
    Ok(crate::scorer::hard_wrapped(&lines))
}

type Drivers = Vec<(String, f64)>;

/// The scorer's model, loaded once (`cleaner.stages.scorer.LineModel` builds it).
#[pyclass(frozen, module = "cleaner._core")]
struct LineScorer {
    inner: crate::scorer::Model,
}

#[pymethods]
impl LineScorer {
    /// `weights` and `category_weights` by bucket, `categories` in the rows' order.
    #[new]
    fn new(
        weights: std::collections::HashMap<u32, f64>,
        categories: Vec<String>,
        category_weights: std::collections::HashMap<u32, Vec<f64>>,
    ) -> PyResult<Self> {
        let weights: Vec<(u32, f64)> = weights.into_iter().collect();
        crate::scorer::Model::new(&weights, categories, category_weights.into_iter().collect())
            .map(|inner| LineScorer { inner })
            .map_err(PyValueError::new_err)
    }

    /// (probability of boilerplate, every feature with its weight, largest first).
    fn score(&self, text: &Bound<'_, PyString>) -> PyResult<(f64, Drivers)> {
        Ok(self.inner.score(&chars_of(text)?))
    }

    /// The most likely category of a boilerplate line.
    fn category(&self, text: &Bound<'_, PyString>) -> PyResult<String> {
        Ok(self.inner.category(&chars_of(text)?))
    }

    /// Every live line of one document the scorer takes:
    /// (index, probability, the `explain` top drivers, category).
    fn judge(
        &self,
        py: Python<'_>,
        texts: Vec<Bound<'_, PyString>>,
        threshold: f64,
        explain: usize,
    ) -> PyResult<Vec<(usize, f64, Drivers, String)>> {
        let lines = texts.iter().map(chars_of).collect::<PyResult<Vec<_>>>()?;
        let verdicts = py.detach(|| self.inner.judge(&lines, threshold, explain));
        Ok(verdicts
            .into_iter()
            .map(|v| (v.index, v.p, v.drivers, v.category))
            .collect())
    }
}

fn add_scorer(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(line_shape, m)?)?;
    m.add_function(wrap_pyfunction!(line_buckets, m)?)?;
    m.add_function(wrap_pyfunction!(feature_bucket, m)?)?;
    m.add_function(wrap_pyfunction!(scorer_hard_wrapped, m)?)?;
    m.add("SCORER_BUCKETS", crate::line_shape::BUCKETS)?;
    m.add_class::<LineScorer>()?;
    Ok(())
}
// --- end of the learned line scorer ---

// --- Rules on the engine (issue 17, phase 2): one rule's search (docs/core.md, phase 2 status).

/// A Python string as Rust text; a lone surrogate becomes U+FFFD, one character for one,
/// so offsets still match Python's indexing.
fn text_of(text: &Bound<'_, PyString>) -> PyResult<String> {
    match text.to_str() {
        Ok(s) => Ok(s.to_string()),
        Err(_) => Ok(chars_of(text)?.into_iter().collect()),
    }
}

/// One rule compiled for the linear-time engine (see `rules::Rule`).
#[pyclass(frozen, module = "cleaner._core", name = "Rule")]
struct CoreRule {
    inner: rules::Rule,
}

#[pymethods]
impl CoreRule {
    /// Raises ValueError naming the pattern (0: `pattern`, then `requires`, then `unless`)
    /// the engine cannot run.
    #[new]
    #[pyo3(signature = (pattern, requires, unless, same, case_sensitive))]
    fn new(
        pattern: &str,
        requires: Vec<String>,
        unless: Vec<String>,
        same: Option<(String, String)>,
        case_sensitive: bool,
    ) -> PyResult<Self> {
        let same = same.as_ref().map(|(a, b)| (a.as_str(), b.as_str()));
        rules::Rule::new(pattern, &requires, &unless, same, case_sensitive)
            .map(|inner| CoreRule { inner })
            .map_err(|(i, why)| PyValueError::new_err(format!("pattern {i}: {why}")))
    }

    /// `(start, end, cut_start, cut_end)` of the rule's match in `text` (code points; the cut
    /// is `(-1, -1)` without a `cut` group), or None.
    fn search(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
    ) -> PyResult<Option<(usize, usize, isize, isize)>> {
        let hit = match text.to_str() {
            Ok(s) => py.detach(|| self.inner.search(s)),
            Err(_) => {
                let owned = text_of(text)?;
                py.detach(|| self.inner.search(&owned))
            }
        };
        Ok(hit.map(|h| {
            let (a, b) = h.cut.map_or((-1, -1), |(a, b)| (a as isize, b as isize));
            (h.start, h.end, a, b)
        }))
    }
}
// --- end of rules on the engine

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(sentences, m)?)?;
    m.add_function(wrap_pyfunction!(render_plan, m)?)?;
    m.add_function(wrap_pyfunction!(check_pattern, m)?)?;
    m.add_function(wrap_pyfunction!(compiled_bytes, m)?)?;
    m.add_class::<Scanner>()?;
    add_scorer(m)?;

    m.add_class::<CoreRule>()?; // rules on the engine
    Ok(())
}

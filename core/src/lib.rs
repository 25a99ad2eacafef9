//! The compiled core of `cleaner`.
//!
//! The logic lives in plain Rust modules that know nothing of Python (`segment`, `render`,
//! `scan`); `bindings` is the one small PyO3 module, `cleaner._core`, compiled only with the
//! `python` feature (maturin enables it). Offsets crossing the boundary are Python string
//! indices (code points), never bytes.

pub mod chars;
pub mod render;
pub mod scan;
pub mod segment;
mod tables;

// The learned line scorer (issue 17): line features, model, guards.
pub mod casing;
pub mod line_shape;
pub mod scorer;
mod scorer_tables;

#[cfg(feature = "python")]
mod bindings;

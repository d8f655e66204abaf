//! orgraph models an organization as a typed graph: roles are nodes, reporting lines and
//! responsibilities (a kind such as `what` or `market`, on a scope such as a product, at a RACI
//! level) are edges. It checks the graph for gaps, duplicate owners, cycles, spans and drift from
//! the canonical roles, compares organizations, and draws them. The library does the work and
//! never prints; the `orgraph` binary is a thin command line over it.
//!
//! The parts, in the order a model goes through them:
//!
//! - [`model`]: [`load`] reads a model file (TOML, JSON or YAML, and the bases it `extends`)
//!   into a [`Model`] whose references are indexes that exist, or fails with located
//!   diagnostics. [`Model::hierarchy`] and [`Model::items`] are the indexes everything shares.
//! - [`check()`]: runs every check ([`registry::Check`]) and returns the findings as data.
//! - [`report`], [`export`], [`compare`], [`stats`]: findings for people and machines, diagrams
//!   and RACI matrices, models side by side, size and shape.
//! - [`source`] reads every input (regular files of a bounded size only), [`output`] writes
//!   every output (whole or not at all, never over an input).
//!
//! Load a model, check it, draw it:
//!
//! ```
//! use orgraph::check::{Check, CheckOptions};
//! use orgraph::export::{self, Engine, Options, View};
//! use orgraph::model::{self, Format};
//!
//! let text = r#"
//! name = "Acme"
//!
//! [[role]]
//! id = "ceo"
//! title = "Chief Executive Officer"
//! owns = ["strategy", "execution"]
//!
//! [[role]]
//! id = "pm"
//! title = "Product Manager"
//! reports_to = "ceo"
//! owns = ["what", "how", "market"]
//! "#;
//! let options = CheckOptions::default();
//! let model = model::load_str("acme.toml", Format::Toml, text, &options.canon)?;
//! assert_eq!(model.hierarchy().layers(), 2);
//!
//! let report = orgraph::check(&model, &options);
//! // Nobody is accountable for `customers`, one of the kinds a product needs by default.
//! let gaps: Vec<String> = report
//!     .findings
//!     .iter()
//!     .filter(|finding| finding.check == Check::Gap)
//!     .map(|finding| finding.message(&model).to_string())
//!     .collect();
//! assert_eq!(gaps, ["nobody is accountable for `customers` on `product`"]);
//!
//! let svg = export::export(
//!     &model,
//!     &report.findings,
//!     &Options::new(View::Org),
//!     export::Format::Svg,
//!     Engine::Builtin,
//! )?;
//! assert!(String::from_utf8(svg)?.contains("Product Manager"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(clippy::print_stdout, clippy::print_stderr)]
#![warn(missing_docs)]

pub mod check;
pub mod compare;
pub mod diag;
pub mod export;
pub mod html;
pub mod import;
pub mod model;
pub mod output;
mod parallel;
pub mod registry;
pub mod report;
pub mod source;
pub mod stats;
pub mod terminal;

pub use check::check;
pub use model::{Canon, Model, load};

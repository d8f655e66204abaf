//! orgraph: an organization as a typed graph of roles, responsibilities and reporting lines;
//! checked, compared and drawn. The library does the work and never prints.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod check;
pub mod compare;
pub mod diag;
pub mod export;
pub mod html;
pub mod import;
pub mod model;
pub mod output;
pub mod registry;
pub mod report;
pub mod source;
pub mod stats;

pub use model::{Canon, Model, load};

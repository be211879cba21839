//! gongwen: a year's data and a template become a Chinese official report (公文),
//! laid out per GB/T 9704-2012, as DOCX, PDF, OFD and plain text.
//!
//! The stages, one module each: [`data`] → [`template`] (with [`helpers`]) →
//! [`markup`] → [`model::Document`] → writers ([`text`]). [`pipeline`] joins
//! them; [`batch`] and [`cli`] are the only layers that touch files.

pub mod batch;
pub mod check;
pub mod cli;
pub mod data;
pub mod data_values;
pub mod docx;
pub mod draft;
pub mod error;
pub mod escape;
pub mod fonts;
pub mod helpers;
pub mod i18n;
pub mod import;
pub mod input;
pub mod interrupt;
pub mod layout;
pub mod markup;
pub mod markup_front;
pub mod markup_inline;
pub mod model;
pub mod new_project;
pub mod ofd;
pub mod output;
mod package;
pub mod pdf;
pub mod pipeline;
pub mod project;
pub mod replace;
pub mod review;
pub mod style;
pub mod template;
mod template_lines;
pub mod template_scan;
pub mod template_types;
pub mod text;
pub mod watch;
pub mod workers;

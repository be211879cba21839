//! gongwen: a year's data and a template become a Chinese official report (公文),
//! laid out per GB/T 9704-2012, as DOCX, PDF and plain text.

pub mod docx;
pub mod error;
pub mod model;
pub mod style;

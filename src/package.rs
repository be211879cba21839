//! The ZIP container of the DOCX and the OFD (GB/T 33190-2016 7.2): parts in
//! a fixed order, deflate-compressed, every entry stamped with the document's
//! own date, so the same input gives the same bytes.

use crate::error::{Error, Result};
use crate::model::Date;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// Packs `parts`; `what` names the format in an error ("DOCX", "OFD").
pub(crate) fn zip(parts: &[(String, Vec<u8>)], date: Date, what: &str) -> Result<Vec<u8>> {
    let fail =
        |e: &dyn std::fmt::Display| Error::new(format!("cannot write the {what} package: {e}"));
    // ZIP dates run from 1980 to 2107; outside that the epoch of ZIP stands in.
    let stamp = u16::try_from(date.year)
        .ok()
        .and_then(|y| {
            DateTime::from_date_and_time(y, date.month as u8, date.day as u8, 0, 0, 0).ok()
        })
        .unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(stamp)
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), options)
            .map_err(|e| fail(&e))?;
        zip.write_all(bytes).map_err(|e| fail(&e))?;
    }
    let cursor = zip.finish().map_err(|e| fail(&e))?;
    Ok(cursor.into_inner())
}

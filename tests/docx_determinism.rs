//! Same input, same bytes: a DOCX can be committed, diffed and reproduced.

mod docx_support;

use docx_support::{entries, sample, small_doc};
use gongwen::style::Style;

#[test]
fn the_same_document_gives_the_same_bytes() {
    let doc = sample();
    let a = gongwen::docx::write(&doc, &Style::default()).unwrap();
    // Another document in between must not leak into the next one.
    gongwen::docx::write(&small_doc(vec![]), &Style::default()).unwrap();
    let b = gongwen::docx::write(&doc, &Style::default()).unwrap();
    assert!(a == b, "two writes of the sample differ");
    // From another thread as well (docx-rs keeps per-thread counters).
    let c = std::thread::spawn(move || gongwen::docx::write(&doc, &Style::default()).unwrap())
        .join()
        .unwrap();
    assert!(a == c, "a write on another thread differs");
}

#[test]
fn entries_carry_the_document_date_not_the_clock() {
    let docx = gongwen::docx::write(&small_doc(vec![]), &Style::default()).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
    for i in 0..entries(&docx).len() {
        let f = zip.by_index(i).unwrap();
        let t = f.last_modified().expect("a timestamp");
        assert_eq!(
            (t.year(), t.month(), t.day()),
            (2021, 1, 10),
            "{}",
            f.name()
        );
    }
}

mod common;
#[test]
fn dump() {
    for (name, doc) in [("ref", common::reference_document()), ("show", common::showcase_document())] {
        let fonts = common::fonts();
        let t = std::time::Instant::now();
        let layout = gongwen::layout::layout(&doc, &gongwen::style::Style::default(), &fonts).expect("layout");
        let bytes = gongwen::pdf::write(&layout, &doc, &fonts).expect("pdf");
        println!("{name}: {} pages, {} bytes, {:?}, warnings {:?}", layout.pages.len(), bytes.len(), t.elapsed(), layout.warnings);
        std::fs::write(format!("/tmp/scratch/{name}.pdf"), bytes).unwrap();
    }
}

//! A document built in a batch is byte for byte the document built alone:
//! nothing one document of a batch prepares (fonts, subsets, templates)
//! leaks into the next.

mod common;

use std::path::{Path, PathBuf};

/// A few variants of the counties, two of them sharing a county so that their
/// documents embed nearly the same font subsets, plus the prefecture file.
fn write_variants(dir: &Path) -> Vec<PathBuf> {
    let counties = common::root().join("data/counties");
    let mut files = Vec::new();
    for (i, county) in ["shuangbai", "shuangbai", "yongren"].iter().enumerate() {
        let path = dir.join(format!("v{i}.yaml"));
        let text = format!(
            "extends: {}\nname: variant-{i}\nresults:\n  funds: {}\n",
            counties.join(format!("{county}-2020.yaml")).display(),
            150 + 7 * i
        );
        std::fs::write(&path, text).unwrap();
        files.push(path);
    }
    files.push(common::root().join("data/chuxiong-2020.yaml"));
    files
}

#[test]
fn every_file_of_a_batch_equals_the_file_built_alone() {
    let dir = common::scratch("batch-alone");
    let inputs = write_variants(&dir);

    // One batch on two threads, every input at once.
    let batch_out = dir.join("batch");
    let mut args = vec!["build", "--jobs", "2", "--out", batch_out.to_str().unwrap()];
    args.extend(inputs.iter().map(|p| p.to_str().unwrap()));
    let o = common::gongwen(&dir, &args);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let batch = common::contents(&batch_out);
    assert_eq!(
        batch.len(),
        2 * inputs.len(),
        "a DOCX and a PDF each: {batch:?}"
    );

    // Each input in a process of its own.
    let alone_out = dir.join("alone");
    for input in &inputs {
        let o = common::build(&dir, input, &alone_out, &[]);
        assert!(o.status.success(), "{}", common::stderr(&o));
    }
    let alone = common::contents(&alone_out);

    let names = |files: &[(PathBuf, Vec<u8>)]| -> Vec<PathBuf> {
        files.iter().map(|(p, _)| p.clone()).collect()
    };
    assert_eq!(names(&batch), names(&alone));
    for ((name, in_batch), (_, by_itself)) in batch.iter().zip(&alone) {
        assert!(
            in_batch == by_itself,
            "{} differs between the batch ({} bytes) and a lone build ({} bytes)",
            name.display(),
            in_batch.len(),
            by_itself.len()
        );
    }
}

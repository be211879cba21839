//! `gongwen new DIR`: a ready project — the sample's data, the built-in
//! template to edit, and a short README in Chinese — that builds with no flags.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::output::write_atomic;
use crate::pipeline::SAMPLE_DATA;
use crate::project::{TEMPLATES_DIR, TEMPLATE_EXTENSION};

/// The data file a new project starts from.
pub const DATA_FILE: &str = "report.yaml";

/// The template a new project carries, copied from the built-in one of that name.
const TEMPLATE: &str = "work-report";

const README: &str = "# 公文项目

本目录由 `gongwen new` 生成，可以直接生成一份工作报告。

- `report.yaml`：报告的数据（数字、日期、发文机关等）。改数字、改日期，就改这里。
  还不知道的数值写成 `~`，生成的文件里会留出醒目的占位。
- `templates/work-report.md.hbs`：报告的模板（正文的文字和结构）。改措辞，就改这里。
  本目录（或上级目录）的 `templates/` 会被自动找到，按名称替代内置模板，不必加 `--templates`。

## 生成

在本目录运行：

    gongwen build

DOCX 和 PDF 写在 `out/` 目录。只要纯文本：`gongwen build --format txt`。

默认生成信息公开稿（标题下有索引号等信息）。要印发的正式公文（版头、主送、版记，
取自数据中的 `printed_copy`）：`gongwen build --form printed`；两种一起生成：
`gongwen build --form both`，公开稿的文件名以 `-公开` 结尾。

边改边看：运行 `gongwen watch`，每次保存数据或模板都会自动重新生成（按 Ctrl-C 停止），
在能自动刷新的 PDF 阅读器里打开 `out/` 中的 PDF 即可。

## 检查

    gongwen check

列出还要填写的数值和需要注意的地方；没有问题时显示 `ok`。

## 修改

- 模板开头 `---` 之间的文头中，`title`（标题）、`issuer`（发文机关署名）、`date`（成文日期）三项必须有。
- 数据里的 `template: work-report` 指向 `templates/work-report.md.hbs`；
  也可以写模板文件的相对路径，如 `template: templates/work-report.md.hbs`。
- 另写一份报告：复制 `report.yaml`，改名后修改即可；`gongwen build` 会生成本目录下所有 `*.yaml`。
";

/// The files a new project holds, relative to its directory: (path, text).
fn files() -> Result<Vec<(PathBuf, &'static str)>> {
    let template = crate::template::builtin(TEMPLATE)
        .ok_or_else(|| Error::new(format!("no built-in template named `{TEMPLATE}`")))?;
    Ok(vec![
        (PathBuf::from(DATA_FILE), SAMPLE_DATA),
        (
            Path::new(TEMPLATES_DIR).join(format!("{TEMPLATE}{TEMPLATE_EXTENSION}")),
            template,
        ),
        (PathBuf::from("README.md"), README),
    ])
}

/// Creates the project in `dir`, which must not exist or be empty; returns
/// the files written.
pub fn create(dir: &Path) -> Result<Vec<PathBuf>> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(
                Error::new(format!("{} exists and is not a directory", dir.display()))
                    .hint("name a new directory: gongwen new DIR"),
            );
        }
        let mut entries =
            std::fs::read_dir(dir).map_err(|e| Error::io("read directory", dir, e))?;
        if entries.next().is_some() {
            return Err(Error::new(format!("{} is not empty", dir.display())).hint(
                "a new project goes in a new or empty directory, so nothing there is overwritten",
            ));
        }
    }
    let mut written = Vec::new();
    for (rel, text) in files()? {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::io("create directory", parent, e))?;
        }
        write_atomic(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

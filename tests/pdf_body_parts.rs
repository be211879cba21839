//! The parts of a 公文 around its body, measured on the generated PDF with
//! `pdftotext -bbox` at ±0.5 mm (GB/T 9704-2012): 主送 at the left edge one
//! blank line under the title (7.3.2), 附注 two characters in on the line
//! after the date (7.3.6), the signature variants (7.3.5), the 纪要
//! attendance lists (10.3), attachment pages (7.3.7, 8) and the paragraph
//! kinds. The closing block is measured in `pdf_closing.rs`.
mod pdf_support;

use pdf_support::parts::*;
use pdf_support::*;

#[test]
fn addressees_flush_left_one_blank_line_under_the_title() {
    let (lines, _) = measure(&parse(NOTICE));
    let title_last = find(&lines, "科技型中小企业评价工作的通知");
    let addressees = find(&lines, "各县市科技局");
    assert_eq!(addressees.text, "各县市科技局，州级有关部门：");
    near(addressees.x_min, LEFT_MM, "主送 left edge");
    near(
        grid_line_top(addressees),
        pt_to_mm(grid_line_top(title_last)) + 2.0 * PITCH_MM,
        "主送 one blank line under the title",
    );
    // The body starts on the next line, two characters in (7.3.3).
    let body = find(&lines, "为贯彻落实");
    near(
        grid_line_top(body),
        pt_to_mm(grid_line_top(addressees)) + PITCH_MM,
        "body under 主送",
    );
    near(body.x_min, LEFT_MM + 2.0 * CELL_MM, "body indent");
}

#[test]
fn sealed_signature_date_four_in_issuer_centred_and_note_on_the_next_line() {
    let (lines, _) = measure(&parse(NOTICE));
    let body = find(&lines, "为贯彻落实");
    let issuer = lines
        .iter()
        .find(|l| l.text == "楚雄州科学技术局")
        .expect("issuer line");
    let date = find(&lines, "2021年1月10日");
    // 7.3.5.1: the date four characters in from the right, the issuer
    // centred over it; room for the seal: three blank lines under the body.
    near(
        cells_end(date),
        RIGHT_MM - 4.0 * CELL_MM,
        "date's right end",
    );
    let centre = |l: &BoxLine| (l.x_min + cells_end(l)) / 2.0;
    near(
        centre(issuer),
        pt_to_mm(centre(date)),
        "issuer centred over the date",
    );
    // The body is two lines.
    near(
        grid_line_top(issuer),
        pt_to_mm(grid_line_top(body)) + 5.0 * PITCH_MM,
        "issuer three blank lines under the body",
    );
    // 7.3.6: 附注 two characters in, on the line after the date (a line
    // opening with digits has its own box top: the date is between).
    let note = find(&lines, "（此件公开发布）");
    near(
        note.x_min,
        LEFT_MM + 2.0 * CELL_MM,
        "附注 two characters in",
    );
    near(
        grid_line_top(note),
        pt_to_mm(grid_line_top(issuer)) + 2.0 * PITCH_MM,
        "附注 two lines under the issuer",
    );
    assert!(
        issuer.y_max < date.y_min && date.y_max < note.y_min,
        "{date:?}"
    );
    assert_eq!(
        baseline_gap(&parse(NOTICE), "楚雄州科学技术局", "2021年1月10日"),
        1
    );
    assert_eq!(baseline_gap(&parse(NOTICE), "2021年1月10日", "（此件"), 1);
}

#[test]
fn attachment_pages_start_with_their_label_and_title_on_line_three() {
    let doc = parse(
        "---
title: 关于印发两个办法的通知
issuer: 楚雄州科学技术局
date: 2021-01-10
---
现将两个办法印发给你们，请遵照执行。

# 楚雄州科技计划项目管理办法 {.attachment}

# 总则

为规范项目管理，制定本办法。

# 楚雄州科技计划资金管理办法 {.attachment}

# 总则

为规范资金管理，制定本办法。
",
    );
    let (lines, _) = measure(&doc);
    assert_eq!(pages(&lines), 3, "{lines:#?}");
    for (page, label, title) in [
        (2, "附件1", "楚雄州科技计划项目管理办法"),
        (3, "附件2", "楚雄州科技计划资金管理办法"),
    ] {
        let l = find(&lines, label);
        assert_eq!((l.page, l.text.as_str()), (page, label));
        // 8: "附件N" at the block's top-left, its title centred on line 3.
        near(l.x_min, LEFT_MM, "附件N left");
        near(grid_line_top(l), TOP_MM, "附件N top");
        let t = find(&lines, title);
        assert_eq!(t.page, page);
        near(
            grid_line_top(t),
            TOP_MM + 2.0 * PITCH_MM,
            "attachment title on line 3",
        );
        near(
            (t.x_min + t.x_max) / 2.0,
            (LEFT_MM + RIGHT_MM) / 2.0,
            "attachment title centred",
        );
        // Its headings are numbered afresh.
        let heading = lines
            .iter()
            .find(|l| l.page == page && l.text.starts_with("一、总则"))
            .expect("heading 一、");
        assert!(heading.y_min > t.y_max);
    }
    // The 附件说明 lists both; page numbers continue through the attachments.
    find(&lines, "附件：1.楚雄州科技计划项目管理办法");
    let numbers: Vec<String> = page_numbers(&lines).into_iter().map(|(_, n)| n).collect();
    assert_eq!(numbers, ["—1—", "—2—", "—3—"]);
}

#[test]
fn a_speech_attachment_has_subtitle_speaker_and_salutation_lines() {
    let doc = parse(
        "---
title: 关于印发政府工作报告的通知
issuer: 双柏县人民政府
date: 2022-01-25
---
现将《政府工作报告》印发给你们。

# 政府工作报告 {.attachment}

——2022年1月20日在双柏县第十七届人民代表大会第一次会议上 {.subtitle}

县长　李国华 {.speaker}

各位代表：{.salutation}

现在，我代表县人民政府，向大会报告政府工作，请予审议。

## 经济运行稳中有进。

全县地区生产总值增长8.5%。

第一季度完成全年任务的四分之一。 {.right}

以上数据为快报数。 {.noindent}

（完） {.center}
",
    );
    let (lines, _) = measure(&doc);
    let centre = (LEFT_MM + RIGHT_MM) / 2.0;
    let mid = |l: &BoxLine| (l.x_min + cells_end(l)) / 2.0;
    let title = find(&lines, "政府工作报告");
    let subtitle = find(&lines, "——2022年1月20日");
    // Straight under the title, centred, and balanced: a wrapped subtitle
    // does not leave a character alone on its second line.
    near(
        grid_line_top(subtitle),
        pt_to_mm(grid_line_top(title)) + PITCH_MM,
        "subtitle under the title",
    );
    near(mid(subtitle), centre, "subtitle centred");
    let second = lines
        .iter()
        .find(|l| l.page == subtitle.page && (l.y_min - subtitle.y_min - 28.95).abs() < 1.0)
        .expect("the subtitle's second line");
    // …nor breaks inside an ordinal (第十七届).
    assert_eq!(second.text, "人民代表大会第一次会议上");
    near(mid(second), centre, "subtitle's second line centred");
    let speaker = find(&lines, "县长");
    near(
        grid_line_top(speaker),
        pt_to_mm(grid_line_top(second)) + PITCH_MM,
        "speaker line",
    );
    near(mid(speaker), centre, "speaker centred");
    // A blank line, then the salutation flush left, then the body indented.
    let salutation = find(&lines, "各位代表：");
    near(salutation.x_min, LEFT_MM, "salutation flush left");
    near(
        grid_line_top(salutation),
        pt_to_mm(grid_line_top(speaker)) + 2.0 * PITCH_MM,
        "salutation",
    );
    near(
        find(&lines, "现在").x_min,
        LEFT_MM + 2.0 * CELL_MM,
        "body indent",
    );
    near(
        cells_end(find(&lines, "第一季度")),
        RIGHT_MM,
        "{.right} flush right",
    );
    near(
        find(&lines, "以上数据").x_min,
        LEFT_MM,
        "{.noindent} flush left",
    );
    near(mid(find(&lines, "（完）")), centre, "{.center} centred");

    // Subtitle and speaker in 楷体, as a level-2 heading; the salutation in 仿宋.
    let layout = lay_out(&doc);
    let font_of = |start: &str| {
        layout
            .pages
            .iter()
            .flat_map(|p| &p.runs)
            .find(|r| r.text.starts_with(start))
            .map(|r| r.font)
            .unwrap_or_else(|| panic!("no run {start}"))
    };
    assert_eq!(font_of("县长"), font_of("（一）"));
    assert_eq!(font_of("——"), font_of("（一）"));
    assert_eq!(font_of("各位代表"), font_of("现在"));
}

#[test]
fn joint_issuers_side_by_side_sealed_and_stacked_unsealed() {
    let markup = "---
title: 关于印发资金管理办法的通知
issuer: [楚雄州科学技术局, 楚雄州财政局]
date: 2021-03-15
sealing: sealed
---
现印发给你们，请认真遵照执行。
";
    let (lines, _) = measure(&parse(markup));
    let date = find(&lines, "2021年3月15日");
    let row = lines
        .iter()
        .find(|l| l.text.starts_with("楚雄州科学技术局"))
        .expect("issuers' row");
    // 7.3.5.1: the issuers in order on one row, the last over the date.
    assert_eq!(row.text, "楚雄州科学技术局楚雄州财政局");
    assert_eq!(
        baseline_gap(&parse(markup), "楚雄州科学技术局", "2021年3月15日"),
        1
    );
    let last_centre = pt_to_mm(cells_end(row)) - 3.0 * CELL_MM;
    let date_centre = pt_to_mm((date.x_min + cells_end(date)) / 2.0);
    assert!(
        (last_centre - date_centre).abs() < TOL_MM,
        "last issuer centred at {last_centre} mm, the date at {date_centre} mm"
    );

    let (lines, _) = measure(&parse(&markup.replace("sealing: sealed\n", "")));
    let lead = lines
        .iter()
        .find(|l| l.text == "楚雄州科学技术局")
        .expect("lead issuer");
    let other = lines
        .iter()
        .find(|l| l.text == "楚雄州财政局")
        .expect("second issuer");
    let date = find(&lines, "2021年3月15日");
    // 7.3.5.2: the lead first, the others under it, the date last.
    near(
        grid_line_top(other),
        pt_to_mm(grid_line_top(lead)) + PITCH_MM,
        "second issuer under the lead",
    );
    near(
        date.x_min,
        pt_to_mm(lead.x_min) + 2.0 * CELL_MM,
        "date two characters right of the lead's start",
    );
    let unsealed = parse(&markup.replace("sealing: sealed\n", ""));
    assert_eq!(baseline_gap(&unsealed, "楚雄州财政局", "2021年3月15日"), 1);
    near(
        cells_end(lead),
        RIGHT_MM - 2.0 * CELL_MM,
        "lead two characters in",
    );
}

#[test]
fn a_signature_stamp_has_the_signer_and_the_date_four_characters_in() {
    let doc = parse(
        "---
title: 楚雄彝族自治州人民政府令
issuer: 楚雄彝族自治州人民政府
date: 2021-05-10
sealing: stamp
signer: 州长　李文彬
---
《楚雄彝族自治州科学技术奖励办法》现予公布施行。
",
    );
    let (lines, _) = measure(&doc);
    let body = find(&lines, "《楚雄彝族");
    let signer = find(&lines, "州长");
    let date = find(&lines, "2021年5月10日");
    // 7.3.5.3: two blank lines under the body, four characters in from the
    // right; the date one blank line under it, four characters in.
    near(
        grid_line_top(signer),
        pt_to_mm(grid_line_top(body)) + 3.0 * PITCH_MM,
        "signer line",
    );
    near(
        cells_end(signer),
        RIGHT_MM - 4.0 * CELL_MM,
        "signer's right end",
    );
    assert_eq!(baseline_gap(&doc, "州长", "2021年5月10日"), 2);
    near(
        cells_end(date),
        RIGHT_MM - 4.0 * CELL_MM,
        "date's right end",
    );
    assert!(!lines.iter().any(|l| l.text == "楚雄彝族自治州人民政府"));
}

#[test]
fn minutes_list_attendance_two_in_wrapped_after_the_colon() {
    let names: Vec<String> = (1..=8).map(|i| format!("张{i}号")).collect();
    let doc = parse(&format!(
        "---
title: 局务会议纪要
format: minutes
issuer: 楚雄州科学技术局办公室
date: 2021-03-02
attendance: {{出席: [{}], 请假: [陈静]}}
---
会议研究了全州科技创新工作。
",
        names.join(", ")
    ));
    let (lines, _) = measure(&doc);
    let body = find(&lines, "会议研究");
    let present = find(&lines, "出席：");
    near(
        present.x_min,
        LEFT_MM + 2.0 * CELL_MM,
        "出席 two characters in",
    );
    near(
        grid_line_top(present),
        pt_to_mm(grid_line_top(body)) + 2.0 * PITCH_MM,
        "one blank line under the body",
    );
    let wrapped = lines
        .iter()
        .find(|l| l.page == present.page && (l.y_min - present.y_min - 28.95).abs() < 1.0)
        .expect("出席 wraps");
    near(
        wrapped.x_min,
        LEFT_MM + 5.0 * CELL_MM,
        "wrapped names after the colon",
    );
    let absent = find(&lines, "请假：陈静");
    near(
        grid_line_top(absent),
        pt_to_mm(grid_line_top(wrapped)) + PITCH_MM,
        "请假 on the next line",
    );
}

#[test]
fn joint_signature_stamps_stand_one_under_another_four_characters_in() {
    let doc = parse(
        "---
title: 关于印发资金管理办法的通知
issuer: [楚雄州科学技术局, 楚雄州财政局]
date: 2021-03-15
sealing: stamp
signer: \"楚雄州科学技术局局长　张三\\n楚雄州财政局局长　李四\"
---
现将办法印发给你们，请认真遵照执行。
",
    );
    let (lines, _) = measure(&doc);
    let lead = find(&lines, "楚雄州科学技术局局长");
    let other = find(&lines, "楚雄州财政局局长");
    // 7.3.5.3: one signer a line, the lead first, aligned on the right.
    near(
        grid_line_top(other),
        pt_to_mm(grid_line_top(lead)) + 2.0 * PITCH_MM,
        "second signer",
    );
    for l in [lead, other] {
        near(cells_end(l), RIGHT_MM - 4.0 * CELL_MM, "signer's right end");
    }
    assert_eq!(baseline_gap(&doc, "楚雄州财政局局长", "2021年3月15日"), 2);
}

#[test]
fn the_outline_nests_each_attachments_headings_under_it() {
    let doc = parse(
        "---
title: 关于印发政府工作报告的通知
issuer: 双柏县人民政府
date: 2022-01-25
---
# 工作要求

请认真贯彻落实。

# 政府工作报告 {.attachment}

# 过去一年工作回顾

全县经济社会保持平稳健康发展。
",
    );
    let pdf = temp_file("outline.pdf", &build_pdf(&doc));
    // The attachment's entry holds its own 一、 heading.
    let json = tool(
        "qpdf",
        &["--json", "--json-key=outlines", pdf.to_str().unwrap()],
    );
    let text = String::from_utf8_lossy(&json.stdout);
    let outlines: serde_json::Value = serde_json::from_str(&text).expect("qpdf json");
    let top: Vec<&serde_json::Value> = outlines["outlines"].as_array().unwrap().iter().collect();
    let titles: Vec<&str> = top.iter().map(|o| o["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["一、工作要求", "附件 政府工作报告"]);
    let kids: Vec<&str> = top[1]["kids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["title"].as_str().unwrap())
        .collect();
    assert_eq!(kids, ["一、过去一年工作回顾"]);
}

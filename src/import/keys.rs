//! Readable data keys: a figure is named by the words before it in its
//! clause (计划总投资, 科技项目资金), a section's group by its heading.

use super::scan::{is_cjk, Found, Kind, Token};

/// Words that start or end a clause's noun phrase and read badly in a key.
pub(super) const TRIM_END: &[char] = &[
    '达', '为', '约', '共', '的', '了', '计', '是', '至', '和', '及', '在', '占', '有',
];

/// The longest key made from the text, in characters.
pub(super) const MAX_KEY_CHARS: usize = 10;

/// Words after which a figure's noun phrase starts (全州新增|省级专家工作站).
pub(super) const CUT_AFTER: &[&str] = &[
    "的",
    "了",
    "和",
    "与",
    "及",
    "向",
    "把",
    "将",
    "从",
    "由",
    "并",
    "占",
    "差",
    "其中",
    "实现",
    "完成",
    "组织",
    "开展",
    "认定",
    "申报",
    "获批",
    "举办",
    "争取",
    "新增",
    "评选出",
    "批准",
    "建立",
    "策划",
    "推介",
    "签订",
    "培训",
];

/// The document's own region and year, which say nothing in a key (全州|高新技术企业).
pub(super) const OWN_REGION: &[&str] = &[
    "全州", "全市", "全县", "全区", "我州", "我市", "我县", "我区", "全年",
];

/// Words that read badly at the start of a key.
pub(super) const TRIM_START: &[char] = &['的', '了', '和', '及', '共', '约', '为', '达'];

/// A readable key: the words just before the figure in its clause (计划总投资,
/// 科技项目资金), else its unit.
pub(super) fn key_for(tokens: &[Token], i: usize, f: &Found) -> String {
    if matches!(f.kind, Kind::Ordinal(_)) {
        // 第二届科普讲解大赛: the event is named after the ordinal.
        if let Some(Token::Text(after)) = tokens.get(i + 1) {
            let words: String = after
                .chars()
                .skip(1)
                .take_while(|c| is_cjk(*c))
                .take(6)
                .collect();
            if !words.is_empty() {
                return format!("{words}届次");
            }
        }
    }
    let before = match i.checked_sub(1).map(|j| &tokens[j]) {
        Some(Token::Text(t)) => t.as_str(),
        _ => "",
    };
    // 19所高校20名博士: the words before 20 name the figure before it; 20 is
    // named by the noun after its own measure word.
    let after_figure = i >= 2 && matches!(tokens[i - 2], Token::Figure(_));
    if after_figure && before.chars().count() <= 3 && before.chars().all(is_cjk) {
        if let Some(Token::Text(after)) = tokens.get(i + 1) {
            let noun: String = after
                .chars()
                .skip(1)
                .take_while(|c| is_cjk(*c) && !"的到在和与及".contains(*c))
                .take(6)
                .collect();
            if noun.chars().count() >= 2 {
                return noun;
            }
        }
    }
    let clause = before
        .rsplit(|c: char| "，。；：、（）()“”《》,;:！？!? 　".contains(c))
        .next()
        .unwrap_or("");
    let clause: String = clause
        .trim_end_matches(['第', '前'])
        .chars()
        .filter(|c| is_cjk(*c) || c.is_ascii_alphanumeric())
        .collect();
    let clause = clause.trim_end_matches(TRIM_END);
    // The noun phrase starts after the last verb or particle that opens one.
    let cut = CUT_AFTER
        .iter()
        .filter_map(|m| clause.rfind(m).map(|at| at + m.len()))
        .filter(|&at| clause[at..].chars().count() >= 2)
        .max()
        .unwrap_or(0);
    let words: Vec<char> = clause[cut..].chars().collect();
    let mut key: String = words[words.len().saturating_sub(MAX_KEY_CHARS)..]
        .iter()
        .collect();
    for own in OWN_REGION {
        if let Some(rest) = key.strip_prefix(own).filter(|r| r.chars().count() >= 2) {
            key = rest.to_string();
        }
    }
    key = key
        .trim_start_matches(TRIM_START)
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .to_string();
    if !key.chars().any(is_cjk) {
        key = match &f.kind {
            Kind::Date(..) => "日期".into(),
            Kind::Ordinal(_) => "届次".into(),
            _ => {
                let unit: String = f.unit.chars().filter(|c| is_cjk(*c)).take(3).collect();
                if unit.is_empty() {
                    "数值".into()
                } else if unit.starts_with('月') {
                    "月份".into()
                } else {
                    format!("{unit}数")
                }
            }
        };
    }
    if f.unit == "%" && !key.ends_with('率') && !key.ends_with("比重") {
        key.push_str("比例");
    }
    if matches!(f.kind, Kind::Date(..)) && !key.ends_with("日期") {
        key.push_str("日期");
    }
    if matches!(f.kind, Kind::Ordinal(_)) && !key.ends_with("届次") {
        key.push_str("届次");
    }
    key
}

/// A section's group key from its heading: its first clause, figures and marks removed.
pub(super) fn group_name(heading: &str) -> String {
    let clause = heading
        .split(['，', '。', '：', ',', ':', '；'])
        .next()
        .unwrap_or("");
    let words: String = clause.chars().filter(|c| is_cjk(*c)).collect::<String>();
    let words = words.trim_start_matches(['年', '月', '度']);
    let words: String = words.chars().take(12).collect();
    if words.is_empty() {
        "正文".into()
    } else {
        words
    }
}

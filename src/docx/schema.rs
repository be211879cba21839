//! Child order of the WordprocessingML elements where Word is strict
//! (ECMA-376 Part 1, wml.xsd). docx-rs writes some children in its own order
//! (`w:rPr` first in `w:pPr`, `w:sz` before `w:rFonts`, footer references
//! after `w:pgSz`); Word reports such a file as damaged, so the
//! post-processing step sorts children by these sequences.

/// The schema sequence for an element's children, when we enforce one.
pub(crate) fn sequence(element: &str) -> Option<&'static [&'static str]> {
    Some(match element {
        "w:pPr" => PPR,
        "w:rPr" => RPR,
        "w:sectPr" => SECT_PR,
        "w:style" => STYLE,
        "w:tblPr" => TBL_PR,
        "w:tblBorders" => TBL_BORDERS,
        "w:tcBorders" => TBL_BORDERS,
        "w:tcPr" => TC_PR,
        "w:settings" => SETTINGS,
        "w:docDefaults" => &["w:rPrDefault", "w:pPrDefault"],
        "w:tbl" => &["w:tblPr", "w:tblGrid", "w:tr"],
        "w:tr" => &["w:tblPrEx", "w:trPr", "w:tc"],
        "w:tc" => &["w:tcPr", "w:p", "w:tbl"],
        "w:font" => FONT,
        "cp:coreProperties" => CORE,
        _ => return None,
    })
}

/// CT_PPr: CT_PPrBase, then rPr, sectPr, pPrChange.
const PPR: &[&str] = &[
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
];

/// CT_RPr (EG_RPrBase), then rPrChange.
const RPR: &[&str] = &[
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
    "w:ins",
    "w:del",
    "w:rPrChange",
];

/// CT_SectPr: header/footer references (any order among themselves) first.
const SECT_PR: &[&str] = &[
    "w:headerReference|w:footerReference",
    "w:footnotePr",
    "w:endnotePr",
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
    "w:pgNumType",
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
];

/// CT_Style.
const STYLE: &[&str] = &[
    "w:name",
    "w:aliases",
    "w:basedOn",
    "w:next",
    "w:link",
    "w:autoRedefine",
    "w:hidden",
    "w:uiPriority",
    "w:semiHidden",
    "w:unhideWhenUsed",
    "w:qFormat",
    "w:locked",
    "w:personal",
    "w:personalCompose",
    "w:personalReply",
    "w:rsid",
    "w:pPr",
    "w:rPr",
    "w:tblPr",
    "w:trPr",
    "w:tcPr",
    "w:tblStylePr",
];

/// CT_TblPr.
const TBL_PR: &[&str] = &[
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
];

/// CT_TblBorders and CT_TcBorders.
const TBL_BORDERS: &[&str] = &[
    "w:top",
    "w:left|w:start",
    "w:bottom",
    "w:right|w:end",
    "w:insideH",
    "w:insideV",
    "w:tl2br",
    "w:tr2bl",
];

/// CT_TcPr.
const TC_PR: &[&str] = &[
    "w:cnfStyle",
    "w:tcW",
    "w:gridSpan",
    "w:hMerge",
    "w:vMerge",
    "w:tcBorders",
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
];

/// CT_Font.
const FONT: &[&str] = &[
    "w:altName",
    "w:panose1",
    "w:charset",
    "w:family",
    "w:notTrueType",
    "w:pitch",
    "w:sig",
];

/// Core properties have no strict order, but a fixed one keeps the golden files stable.
const CORE: &[&str] = &[
    "dc:title",
    "dc:subject",
    "dc:creator",
    "cp:keywords",
    "dc:description",
    "cp:lastModifiedBy",
    "cp:revision",
    "dc:language",
    "dcterms:created",
    "dcterms:modified",
];

/// CT_Settings, the elements docx-rs or we may write.
const SETTINGS: &[&str] = &[
    "w:writeProtection",
    "w:view",
    "w:zoom",
    "w:removePersonalInformation",
    "w:removeDateAndTime",
    "w:proofState",
    "w:attachedTemplate",
    "w:documentProtection",
    "w:defaultTabStop",
    "w:autoHyphenation",
    "w:evenAndOddHeaders",
    "w:drawingGridHorizontalSpacing",
    "w:drawingGridVerticalSpacing",
    "w:displayHorizontalDrawingGridEvery",
    "w:displayVerticalDrawingGridEvery",
    "w:noPunctuationKerning",
    "w:characterSpacingControl",
    "w:printTwoOnOne",
    "w:strictFirstAndLastChars",
    "w:noLineBreaksAfter",
    "w:noLineBreaksBefore",
    "w:updateFields",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:decimalSymbol",
    "w:listSeparator",
];

/// Where `name` falls in `sequence`; unknown names go last, in their order.
pub(crate) fn rank(sequence: &[&str], name: &str) -> usize {
    sequence
        .iter()
        .position(|entry| entry.split('|').any(|n| n == name))
        .unwrap_or(sequence.len())
}

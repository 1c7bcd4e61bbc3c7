//! CSV meant for spreadsheets: a cell that a spreadsheet would read as a formula gets a leading
//! apostrophe, so text a citizen wrote can never run as a formula on a staff member's machine
//! (CSV injection). A formula is a cell starting — after any leading whitespace — with `=`, `+`,
//! `-` or `@`, or their full-width forms (`＝＋－＠`, which some spreadsheets also take), or
//! starting with a tab or a carriage return. Spreadsheets in a Norwegian locale split cells at
//! `;`, so every part after a `;` is judged the same way.

/// Starts like a formula (after leading whitespace).
fn formula(part: &str) -> bool {
    matches!(
        part.trim_start().chars().next(),
        Some('=' | '+' | '-' | '@' | '\u{ff1d}' | '\u{ff0b}' | '\u{ff0d}' | '\u{ff20}')
    )
}

pub fn cell(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 1);
    for (i, part) in value.split(';').enumerate() {
        if i > 0 {
            out.push(';');
        }
        if formula(part) || (i == 0 && part.starts_with(['\t', '\r'])) {
            out.push('\'');
        }
        out.push_str(part);
    }
    out
}

/// A CSV document of `header` and `rows`, each cell made safe, with a byte-order mark (so that
/// Excel reads UTF-8).
pub fn csv<R, C>(header: &[&str], rows: R) -> Result<Vec<u8>, String>
where
    R: IntoIterator<Item = C>,
    C: IntoIterator<Item = String>,
{
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(header).map_err(|e| e.to_string())?;
    for row in rows {
        let row: Vec<String> = row.into_iter().map(|c| cell(&c)).collect();
        w.write_record(&row).map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    Ok([b"\xEF\xBB\xBF".as_slice(), &bytes].concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_everything_else_is_kept() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(cell("+47 22 00 00 00"), "'+47 22 00 00 00");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("Kari Nordmann"), "Kari Nordmann");
        assert_eq!(cell("  =1+1"), "'  =1+1", "after leading whitespace");
        assert_eq!(cell("\n=1+1"), "'\n=1+1");
        assert_eq!(cell("\u{ff1d}1+1"), "'\u{ff1d}1+1", "full-width =");
        assert_eq!(cell("\u{ff20}SUM(A1)"), "'\u{ff20}SUM(A1)", "full-width @");
        assert_eq!(
            cell("ja;=1+1"),
            "ja;'=1+1",
            "split at ; in a Norwegian spreadsheet"
        );
        assert_eq!(cell("ja; -2;ok"), "ja;' -2;ok");
        assert_eq!(cell("a;b"), "a;b");
        assert_eq!(cell(""), "");
        let doc = csv(&["navn"], [vec!["=1+1".to_string()]]).unwrap();
        assert_eq!(String::from_utf8(doc).unwrap(), "\u{feff}navn\n'=1+1\n");
    }
}

//! CSV meant for spreadsheets: a cell that a spreadsheet would read as a formula (starting with
//! `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe, so text a citizen
//! wrote can never run as a formula on a staff member's machine (CSV injection).

pub fn cell(value: &str) -> String {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_string(),
    }
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
        assert_eq!(cell(""), "");
        let doc = csv(&["navn"], [vec!["=1+1".to_string()]]).unwrap();
        assert_eq!(String::from_utf8(doc).unwrap(), "\u{feff}navn\n'=1+1\n");
    }
}

//! Formats the server writes: Markdown made safe as HTML, and CSV cells safe in a spreadsheet.

pub mod markdown;
pub mod spreadsheet;
pub mod ssb;

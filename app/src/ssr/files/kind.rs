//! What a file is, judged by its content (never by its name or the browser's word), and a safe
//! name for it.

use crate::error::FieldErrors;
use std::io::Cursor;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    Odt,
    Docx,
    Png,
    Jpeg,
}

impl FileKind {
    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Odt => "odt",
            FileKind::Docx => "docx",
            FileKind::Png => "png",
            FileKind::Jpeg => "jpg",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Odt => "application/vnd.oasis.opendocument.text",
            FileKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            FileKind::Png => "image/png",
            FileKind::Jpeg => "image/jpeg",
        }
    }

    pub fn from_content_type(s: &str) -> Option<Self> {
        [
            FileKind::Pdf,
            FileKind::Odt,
            FileKind::Docx,
            FileKind::Png,
            FileKind::Jpeg,
        ]
        .into_iter()
        .find(|k| k.content_type() == s)
    }
}

/// Documents: the kinds a hearing's documents may be.
pub const DOCUMENTS: &[FileKind] = &[FileKind::Pdf, FileKind::Odt, FileKind::Docx];
/// Attachments to a submission may also be photos.
pub const ATTACHMENTS: &[FileKind] = &[
    FileKind::Pdf,
    FileKind::Odt,
    FileKind::Docx,
    FileKind::Png,
    FileKind::Jpeg,
];

/// Largest hearing document.
pub const MAX_DOCUMENT_BYTES: usize = 25 * 1024 * 1024;

/// A hearing document's file: there, at most `MAX_DOCUMENT_BYTES`, and a document by its
/// content. `Err` is the message for the file field.
pub fn check_document(bytes: &[u8]) -> Result<FileKind, FieldErrors> {
    let key = if bytes.is_empty() {
        "hearing.document.missing"
    } else if bytes.len() > MAX_DOCUMENT_BYTES {
        "hearing.document.too_large"
    } else if let Some(k) = detect(bytes).filter(|k| DOCUMENTS.contains(k)) {
        return Ok(k);
    } else {
        "hearing.document.type_invalid"
    };
    Err(FieldErrors::one("document_file", key))
}

const ODT_MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.text";

/// The kind of `bytes`, if it is one we accept at all.
pub fn detect(bytes: &[u8]) -> Option<FileKind> {
    if bytes.starts_with(b"%PDF-") {
        return Some(FileKind::Pdf);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(FileKind::Png);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(FileKind::Jpeg);
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return None;
    }
    // OpenDocument: the first entry is an uncompressed `mimetype` file.
    if bytes.get(30..38) == Some(b"mimetype")
        && bytes.get(38..38 + ODT_MIMETYPE.len()) == Some(ODT_MIMETYPE)
    {
        return zip::ZipArchive::new(Cursor::new(bytes))
            .ok()
            .filter(|z| z.index_for_name("content.xml").is_some())
            .map(|_| FileKind::Odt);
    }
    let zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    (zip.index_for_name("[Content_Types].xml").is_some()
        && zip.index_for_name("word/document.xml").is_some())
    .then_some(FileKind::Docx)
}

/// A file name that is safe to store, show and send back: no path, only letters, digits,
/// space, `.`, `-`, `_`, at most 100 characters, and the extension of what the file really is.
pub fn safe_name(original: &str, kind: FileKind) -> String {
    let base = original.rsplit(['/', '\\']).next().unwrap_or("");
    let stem = match base.rsplit_once('.') {
        Some((s, _)) => s,
        None => base,
    };
    let mut clean: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    clean = clean
        .trim_matches(|c: char| c == ' ' || c == '_' || c == '.')
        .to_string();
    if clean.is_empty() {
        clean = "dokument".into();
    }
    let clean: String = clean.chars().take(100).collect();
    format!("{clean}.{}", kind.extension())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_with(entries: &[(&str, &[u8])], stored_first: bool) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            for (i, (name, content)) in entries.iter().enumerate() {
                let opts = if stored_first && i == 0 {
                    zip::write::SimpleFileOptions::default()
                        .compression_method(zip::CompressionMethod::Stored)
                } else {
                    zip::write::SimpleFileOptions::default()
                };
                z.start_file(*name, opts).unwrap();
                z.write_all(content).unwrap();
            }
            z.finish().unwrap();
        }
        buf.into_inner()
    }

    pub fn odt() -> Vec<u8> {
        zip_with(
            &[("mimetype", ODT_MIMETYPE), ("content.xml", b"<office/>")],
            true,
        )
    }

    pub fn docx() -> Vec<u8> {
        zip_with(
            &[
                ("[Content_Types].xml", b"<Types/>"),
                ("word/document.xml", b"<w:document/>"),
            ],
            false,
        )
    }

    #[test]
    fn kinds_are_told_by_content() {
        assert_eq!(detect(b"%PDF-1.7\n..."), Some(FileKind::Pdf));
        assert_eq!(detect(b"\x89PNG\r\n\x1a\n...."), Some(FileKind::Png));
        assert_eq!(
            detect(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]),
            Some(FileKind::Jpeg)
        );
        assert_eq!(detect(&odt()), Some(FileKind::Odt));
        assert_eq!(detect(&docx()), Some(FileKind::Docx));
    }

    #[test]
    fn a_renamed_executable_or_an_arbitrary_zip_is_not_a_document() {
        assert_eq!(
            detect(b"MZ\x90\x00\x03\x00\x00\x00 a Windows program"),
            None
        );
        assert_eq!(detect(b"\x7fELF\x02\x01\x01 a Linux program"), None);
        assert_eq!(detect(b"<script>alert(1)</script>"), None);
        assert_eq!(detect(&zip_with(&[("virus.exe", b"MZ")], false)), None);
        assert_eq!(detect(b"PK\x03\x04 but broken"), None);
    }

    #[test]
    fn names_lose_their_path_and_odd_characters_and_get_the_real_extension() {
        assert_eq!(
            safe_name("C:\\Users\\kari\\Høringssvar 2027.docx", FileKind::Docx),
            "Høringssvar 2027.docx"
        );
        assert_eq!(safe_name("../../etc/passwd", FileKind::Pdf), "passwd.pdf");
        assert_eq!(
            safe_name("rapport.pdf.exe", FileKind::Pdf),
            "rapport_pdf.pdf"
        );
        assert_eq!(safe_name("<script>.pdf", FileKind::Pdf), "script.pdf");
        assert_eq!(safe_name("", FileKind::Odt), "dokument.odt");
        assert_eq!(
            safe_name(&"a".repeat(300), FileKind::Pdf).chars().count(),
            104
        );
    }

    #[test]
    fn a_hearing_document_must_be_there_within_its_size_and_a_document() {
        let key = |b: &[u8]| {
            check_document(b)
                .unwrap_err()
                .get("document_file")
                .map(str::to_string)
        };
        assert_eq!(check_document(&docx()), Ok(FileKind::Docx));
        assert_eq!(key(b"").as_deref(), Some("hearing.document.missing"));
        let mut big = b"%PDF-1.7\n".to_vec();
        big.resize(MAX_DOCUMENT_BYTES + 1, b' ');
        assert_eq!(key(&big).as_deref(), Some("hearing.document.too_large"));
        assert_eq!(
            key(b"\x89PNG\r\n\x1a\n a photo").as_deref(),
            Some("hearing.document.type_invalid")
        );
    }
}

//! Attachments citizens upload, to a comment or to an initiative: one set of limits and checks,
//! and storing them so that a failure leaves no file behind.

use super::FileStore;
use super::kind::{self, ATTACHMENTS, FileKind as Kind};
use crate::error::{AppError, FieldErrors};

/// At most this many attachments to one comment or initiative.
pub const MAX_ATTACHMENTS: usize = 5;
/// At most this many bytes in one attachment.
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;

/// A file as it came in a form.
#[derive(Debug, Clone)]
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// An attachment that passed the checks: a safe file name and what the file really is.
#[derive(Debug)]
pub struct Checked<'a> {
    pub name: String,
    pub kind: Kind,
    pub bytes: &'a [u8],
}

/// Checks the number, the size and the kind (by content) of the files; `oversized` says the
/// form reader already found one too large. `Err` holds the message for the attachments field.
pub fn check(files: &[Upload], oversized: bool) -> Result<Vec<Checked<'_>>, FieldErrors> {
    check_each(files, oversized).map_err(|key| FieldErrors::one("attachments", key))
}

fn check_each(files: &[Upload], oversized: bool) -> Result<Vec<Checked<'_>>, &'static str> {
    if files.len() > MAX_ATTACHMENTS {
        return Err("submission.form.too_many_files");
    }
    if oversized || files.iter().any(|f| f.bytes.len() > MAX_ATTACHMENT_BYTES) {
        return Err("submission.form.file_too_large");
    }
    files
        .iter()
        .map(|f| {
            let k = kind::detect(&f.bytes)
                .filter(|k| ATTACHMENTS.contains(k))
                .ok_or("submission.form.file_type")?;
            Ok(Checked {
                name: kind::safe_name(&f.name, k),
                kind: k,
                bytes: &f.bytes,
            })
        })
        .collect()
}

/// Stores one file; a store that cannot take it (a full disk, a directory that cannot be
/// written) is logged for the operator and told to the person as such (503), not as a bug.
pub async fn put(store: &FileStore, bytes: &[u8]) -> Result<String, AppError> {
    store.put(bytes).await.map_err(|e| {
        tracing::error!(error = %e, "a file could not be stored");
        AppError::Unavailable("attachments.not_stored".into())
    })
}

/// Stores every file and returns their keys in order; if one fails, those already stored are
/// removed again.
pub async fn store_all(store: &FileStore, files: &[Checked<'_>]) -> Result<Vec<String>, AppError> {
    let mut keys = Vec::with_capacity(files.len());
    for f in files {
        match put(store, f.bytes).await {
            Ok(key) => keys.push(key),
            Err(e) => {
                remove_all(store, &keys).await;
                return Err(e);
            }
        }
    }
    Ok(keys)
}

/// Removes stored files, when what was to point at them was not written after all.
pub async fn remove_all(store: &FileStore, keys: &[String]) {
    for key in keys {
        let _ = store.delete(key).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upload(name: &str, bytes: &[u8]) -> Upload {
        Upload {
            name: name.into(),
            bytes: bytes.to_vec(),
        }
    }

    const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

    #[test]
    fn too_many_too_large_or_the_wrong_kind_is_refused_with_its_reason() {
        let six: Vec<_> = (0..6).map(|n| upload(&format!("{n}.pdf"), PDF)).collect();
        assert_eq!(
            check_each(&six, false).unwrap_err(),
            "submission.form.too_many_files"
        );
        let one = [upload("a.pdf", PDF)];
        assert_eq!(
            check_each(&one, true).unwrap_err(),
            "submission.form.file_too_large"
        );
        let script = [upload("a.pdf", b"#!/bin/sh\nrm -rf /\n")];
        assert_eq!(
            check(&script, false)
                .unwrap_err()
                .get("attachments")
                .unwrap(),
            "submission.form.file_type"
        );
    }

    #[test]
    fn a_pdf_passes_under_a_safe_name() {
        let files = [upload("../Mitt innspill.pdf", PDF)];
        let checked = check(&files, false).expect("a pdf");
        assert_eq!(checked.len(), 1);
        assert_eq!(checked[0].kind, Kind::Pdf);
        assert!(!checked[0].name.contains('/'), "{}", checked[0].name);
    }
}

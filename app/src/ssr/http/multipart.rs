//! Reading a multipart form (a form with files) within limits: text fields, and files that are
//! dropped (and flagged) when larger than allowed. The form's CSRF token is checked here,
//! because the CSRF layer cannot read a streamed multipart body: it must come before the first
//! file (as the forms' first field does), and it is checked when that file begins, before a
//! byte of it is read — a forged post cannot make the server read or store a file.

use crate::error::AppError;
use tower_sessions::Session;

pub struct FormFile {
    pub field: String,
    pub name: String,
    pub bytes: Vec<u8>,
}

#[derive(Default)]
pub struct MultipartForm {
    fields: Vec<(String, String)>,
    pub files: Vec<FormFile>,
    /// A file was larger than allowed; it was not kept.
    pub oversized: bool,
    /// Text fields longer than allowed, kept only up to the limit.
    pub cut: Vec<String>,
}

impl MultipartForm {
    /// The field's value ("" when absent).
    pub fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// A checkbox: sent means ticked.
    pub fn checked(&self, name: &str) -> bool {
        self.fields.iter().any(|(k, _)| k == name)
    }

    pub fn fields(&self) -> &[(String, String)] {
        &self.fields
    }
}

const MAX_TEXT_FIELD: usize = 200_000;
/// All text fields together: what a failed form keeps in the session is at most this much.
const MAX_TEXT_TOTAL: usize = 1_000_000;
/// Parts in one form: far more than any of the app's forms has (a survey page of matrices and
/// rankings has some hundreds), so that a body of many tiny parts cannot grow memory.
const MAX_PARTS: usize = 2_000;

/// Reads the whole form (more than 2,000 parts are read to the end and refused), its CSRF token checked before the first file;
/// files above `max_file_bytes` are dropped and flagged, text fields are
/// cut at 200 000 bytes each and 1 000 000 together (at a character's start, and named in
/// `cut`, so that the person is told), at most `max_files` files are kept (more are counted
/// as oversized).
pub async fn read(
    data: server_fn::codec::MultipartData,
    max_file_bytes: usize,
    max_files: usize,
) -> Result<MultipartForm, AppError> {
    let mut mp = data
        .into_inner()
        .ok_or_else(|| crate::ssr::internal("multipart data on the server"))?;
    let mut form = MultipartForm::default();
    let mut too_many = 0usize;
    let mut text_total = 0usize;
    let mut checked = false;
    let mut parts = 0usize;
    while let Some(mut field) = mp
        .next_field()
        .await
        .map_err(|_| AppError::field("form", "form.upload_broken"))?
    {
        parts += 1;
        if parts > MAX_PARTS {
            // Read on to the end keeping nothing, so that the sender gets the answer (a refusal
            // sent mid-body breaks the connection) while memory stays flat.
            while field
                .chunk()
                .await
                .map_err(|_| AppError::field("form", "form.upload_broken"))?
                .is_some()
            {}
            continue;
        }
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        if file_name.is_some() && !checked {
            verify_csrf(&form)?;
            checked = true;
        }
        let mut bytes = Vec::new();
        let mut over = false;
        let limit = if file_name.is_some() {
            max_file_bytes
        } else {
            MAX_TEXT_FIELD.min(MAX_TEXT_TOTAL - text_total)
        };
        while let Some(chunk) = field
            .chunk()
            .await
            .map_err(|_| AppError::field("form", "form.upload_broken"))?
        {
            if bytes.len() + chunk.len() > limit {
                // Up to the limit exactly, then read on to the end of the field keeping nothing.
                if !over {
                    let room = limit.saturating_sub(bytes.len());
                    bytes.extend_from_slice(&chunk[..room]);
                }
                over = true;
                continue;
            }
            bytes.extend_from_slice(&chunk);
        }
        match file_name {
            // An empty file input sends a part with no name and no content.
            Some(f) if f.is_empty() && bytes.is_empty() && !over => {}
            Some(f) => {
                if over {
                    form.oversized = true;
                } else if form.files.len() >= max_files {
                    too_many += 1;
                } else {
                    form.files.push(FormFile {
                        field: name,
                        name: f,
                        bytes,
                    });
                }
            }
            None => {
                text_total += bytes.len();
                let text = match std::str::from_utf8(&bytes) {
                    Ok(t) => t.to_string(),
                    // Cut inside a character: keep the whole characters before it.
                    Err(e) if over => String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into(),
                    Err(_) => String::from_utf8_lossy(&bytes).into_owned(),
                };
                if over {
                    form.cut.push(name.clone());
                }
                // PostgreSQL stores no NUL in text, and nobody types one.
                let text = if text.contains('\0') {
                    text.replace('\0', "\u{fffd}")
                } else {
                    text
                };
                form.fields.push((name, text));
            }
        }
    }
    if !checked {
        verify_csrf(&form)?;
    }
    if parts > MAX_PARTS {
        return Err(AppError::field("form", "form.too_many_parts"));
    }
    if too_many > 0 {
        // Keep the count visible to the checks: one more than allowed.
        form.files.push(FormFile {
            field: "attachments".into(),
            name: String::new(),
            bytes: Vec::new(),
        });
    }
    Ok(form)
}

/// Checks the form's `csrf_token` (read so far) against the browser's CSRF cookie.
fn verify_csrf(form: &MultipartForm) -> Result<(), AppError> {
    crate::ssr::http::csrf::verify(form.get(crate::ssr::http::csrf::FIELD))
}

/// The form's refusal, saying at each text field that was cut that only its beginning came back
/// (instead of a length message about text the person no longer sees whole).
pub fn tell_cut(form: &MultipartForm, e: AppError) -> AppError {
    if form.cut.is_empty() {
        return e;
    }
    let mut errors = match e {
        AppError::Validation(errors) => errors,
        other => return other,
    };
    for field in &form.cut {
        errors.set(field, "form.text_cut");
    }
    AppError::Validation(errors)
}

/// Keeps the text a failed plain form post had, for the page to show again (never files).
pub async fn keep(
    session: &Session,
    form_name: &str,
    form: &MultipartForm,
) -> Result<(), AppError> {
    let values: Vec<(&str, &str)> = form
        .fields()
        .iter()
        .filter(|(k, _)| k != crate::ssr::http::csrf::FIELD)
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    crate::ssr::http::flash::keep_form_values(session, form_name, &values).await
}

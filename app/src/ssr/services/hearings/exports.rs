//! Exports of a hearing's submissions for its staff: every submission as CSV (spreadsheet),
//! and every attachment in one ZIP. Each download is in the audit log.

use crate::dto::hearings::{SectionDto, StaffSubmission};
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::{audit, hearings as hearings_db, submissions as db};
use crate::ssr::security::auth::Staff;
use crate::ssr::services::hearings::{hearing_of, staff_org};
use crate::ssr::services::screening::SCREENERS;
use crate::ssr::state::AppState;
use std::io::Write;

/// A file to download: its name and bytes.
pub struct Export {
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// Every confirmed submission, one row each, one column per section.
pub async fn csv(state: &AppState, staff: &Staff, slug: &str, id: i32) -> Result<Export, AppError> {
    let org = staff_org(state, staff, slug, SCREENERS).await?;
    let h = hearing_of(state, &org, id).await?;
    let sections = hearings_db::sections(&state.db, id).await.or_internal()?;
    let subs = db::for_staff(&state.db, id, &sections)
        .await
        .or_internal()?;
    let header = csv_header(&sections, org.written_standard.lang());
    let rows: Vec<Vec<String>> = subs.iter().map(|s| csv_row(s, &sections)).collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let bytes =
        crate::ssr::formats::spreadsheet::csv(&header, rows).map_err(crate::ssr::internal)?;
    audit::record(
        &state.db,
        Some(org.id),
        Some(staff.user_id),
        "hearing_export_csv",
        &format!("hearing {id}"),
        state.clock.now(),
    )
    .await
    .or_internal()?;
    Ok(Export {
        file_name: format!("horing-{}-innspill.csv", h.id),
        content_type: "text/csv; charset=utf-8",
        bytes,
    })
}

/// A download written while it is sent: its name and its chunks, as they are made.
pub struct StreamedExport {
    pub file_name: String,
    pub content_type: &'static str,
    pub chunks: tokio::sync::mpsc::Receiver<std::io::Result<Vec<u8>>>,
}

/// Every attachment of every confirmed submission, in a folder per submission reference.
/// Streamed: one attachment at a time is read and sent (stored as it is, uncompressed: PDFs,
/// office files and images are compressed already), so a hearing with gigabytes of attachments
/// needs no more memory than its largest file. The download is in the audit log before the
/// first byte is sent.
pub async fn zip(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
) -> Result<StreamedExport, AppError> {
    let org = staff_org(state, staff, slug, SCREENERS).await?;
    let h = hearing_of(state, &org, id).await?;
    let files = db::attachments_of_hearing(&state.db, id)
        .await
        .or_internal()?;
    audit::record(
        &state.db,
        Some(org.id),
        Some(staff.user_id),
        "hearing_export_zip",
        &format!("hearing {id}"),
        state.clock.now(),
    )
    .await
    .or_internal()?;
    let (tx, rx) = tokio::sync::mpsc::channel(2);
    let store = state.files.clone();
    tokio::spawn(async move {
        let out = Taken::default();
        let mut z = zip::ZipWriter::new_stream(out.clone());
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .large_file(false);
        for (reference, a) in files {
            let written = match store.get(&a.storage_key).await {
                Ok(bytes) => z
                    .start_file(format!("{reference}/{}-{}", a.id, a.file_name), opts)
                    .map_err(std::io::Error::other)
                    .and_then(|()| z.write_all(&bytes)),
                Err(e) => Err(e),
            };
            if let Err(e) = written {
                tracing::error!(error = %e, hearing_id = id, "attachment export stopped");
                let _ = tx.send(Err(e)).await;
                return;
            }
            // The reader went away: stop.
            if tx.send(Ok(out.take())).await.is_err() {
                return;
            }
        }
        let end = z
            .finish()
            .map(|_| out.take())
            .map_err(std::io::Error::other);
        let _ = tx.send(end).await;
    });
    Ok(StreamedExport {
        file_name: format!("horing-{}-vedlegg.zip", h.id),
        content_type: "application/zip",
        chunks: rx,
    })
}

/// A writer whose bytes are taken out after each file of a streamed ZIP.
#[derive(Clone, Default)]
struct Taken(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl Taken {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl Write for Taken {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The columns of the CSV, in the organisation's written standard: the submission's facts, one
/// per section, then attachments, tags and the staff's notes.
fn csv_header(sections: &[SectionDto], lang: crate::domain::lang::Lang) -> Vec<String> {
    let t = crate::i18n::I18n(lang);
    let mut header: Vec<String> = [
        "csv.submissions.reference",
        "csv.submissions.received",
        "csv.submissions.kind",
        "csv.submissions.name",
        "csv.submissions.organisation",
        "csv.submissions.org_number",
        "csv.submissions.email",
        "csv.submissions.show_name",
        "csv.submissions.objects",
        "csv.submissions.objection_reason",
        "csv.submissions.publication",
        "csv.submissions.withhold_reason",
        "csv.submissions.general_comment",
    ]
    .map(|k| t.t(k))
    .to_vec();
    header.extend(
        sections
            .iter()
            .map(|s| format!("{}. {}", s.number, s.title)),
    );
    header.extend(
        [
            "csv.submissions.attachments",
            "csv.submissions.tags",
            "csv.submissions.admin_comment",
            "csv.submissions.summary",
        ]
        .map(|k| t.t(k)),
    );
    header
}

fn csv_row(s: &StaffSubmission, sections: &[SectionDto]) -> Vec<String> {
    let mut row = vec![
        s.reference.clone(),
        s.received_at.to_rfc3339(),
        s.kind.as_str().to_string(),
        s.name.clone(),
        s.organisation_name.clone().unwrap_or_default(),
        s.org_number.clone().unwrap_or_default(),
        s.email.clone().unwrap_or_default(),
        s.show_name.to_string(),
        s.objects_to_publication.to_string(),
        s.objection_reason.clone().unwrap_or_default(),
        s.publication.as_str().to_string(),
        s.withhold_reason
            .map(|r| r.as_str().to_string())
            .unwrap_or_default(),
        s.general_comment.clone(),
    ];
    row.extend(sections.iter().map(|sec| {
        s.comments
            .iter()
            .find(|c| c.section_id == sec.id)
            .map(|c| c.text.clone())
            .unwrap_or_default()
    }));
    row.push(
        s.attachments
            .iter()
            .map(|a| a.file_name.as_str())
            .collect::<Vec<_>>()
            .join("; "),
    );
    row.push(s.tags.join(", "));
    row.push(s.admin_comment.clone());
    row.push(s.staff_summary.clone());
    row
}

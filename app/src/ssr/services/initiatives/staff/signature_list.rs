//! The signature list for the organisation's handlers; every download is on record.

use crate::dto::initiatives::{SignatureList, SignatureRow};
use crate::error::AppError;
use crate::ssr::db::audit;
use crate::ssr::db::signatures;
use crate::ssr::security::auth::Staff;
use crate::ssr::services::initiatives::staff::{initiative_of, org_of};
use crate::ssr::state::AppState;
use crate::ssr::{OrInternal, internal};

/// The signature list, for the organisation's handlers only; every read is on record.
pub async fn signature_list(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    format: &str,
) -> Result<SignatureList, AppError> {
    let org = org_of(state, staff, slug).await?;
    let i = initiative_of(state, &org, id).await?;
    let rows: Vec<SignatureRow> = signatures::signatures(&state.db, id)
        .await
        .or_internal()?
        .into_iter()
        .map(|s| SignatureRow {
            name: s.name,
            birth_date: s.birth_date,
            address: s.address,
            paper: s.source == "paper",
            signed_at: s.signed_at,
            resident: s.resident,
            kommunenummer: s.residency_kommunenummer,
        })
        .collect();
    let online = rows.iter().filter(|r| !r.paper).count() as i64;
    let paper = rows.len() as i64 - online;
    let (online, paper) = match (i.final_online, i.final_paper) {
        (Some(a), Some(b)) => (a as i64, b as i64),
        _ => (online, paper),
    };
    audit::record(
        &state.db,
        Some(org.id),
        Some(staff.user_id),
        "initiative_signature_list",
        &format!("initiative {id} {format}"),
        state.clock.now(),
    )
    .await
    .or_internal()?;
    Ok(SignatureList {
        lang: crate::ssr::services::initiatives::org_lang(&org),
        title: i.title,
        organisation_name: org.name,
        online,
        paper,
        rows,
        deleted_at: i.signer_data_deleted_at,
    })
}

/// The list as CSV (for a spreadsheet), headed in the organisation's written standard.
pub fn signature_csv(list: &SignatureList) -> Result<Vec<u8>, AppError> {
    use chrono_tz::Europe::Oslo;
    let t = crate::i18n::I18n(list.lang);
    let (paper, online, yes, no) = (
        t.t("csv.signatures.paper"),
        t.t("csv.signatures.online"),
        t.t("csv.yes"),
        t.t("csv.no"),
    );
    let rows = list.rows.iter().map(|r| {
        vec![
            r.name.clone().unwrap_or_default(),
            r.birth_date.map(|d| d.to_string()).unwrap_or_default(),
            r.address.clone().unwrap_or_default(),
            r.signed_at
                .with_timezone(&Oslo)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string(),
            (if r.paper { &paper } else { &online }).clone(),
            (if r.resident { &yes } else { &no }).clone(),
            r.kommunenummer.clone().unwrap_or_default(),
        ]
    });
    let header = [
        "csv.signatures.name",
        "csv.signatures.birth_date",
        "csv.signatures.address",
        "csv.signatures.signed_at",
        "csv.signatures.how",
        "csv.signatures.resident",
        "csv.signatures.kommunenummer",
    ]
    .map(|k| t.t(k));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    crate::ssr::formats::spreadsheet::csv(&header, rows).map_err(internal)
}

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
        title: i.title,
        organisation_name: org.name,
        online,
        paper,
        rows,
        deleted_at: i.signer_data_deleted_at,
    })
}

/// The list as CSV (for a spreadsheet).
pub fn signature_csv(list: &SignatureList) -> Result<Vec<u8>, AppError> {
    use chrono_tz::Europe::Oslo;
    let rows = list.rows.iter().map(|r| {
        vec![
            r.name.clone().unwrap_or_default(),
            r.birth_date.map(|d| d.to_string()).unwrap_or_default(),
            r.address.clone().unwrap_or_default(),
            r.signed_at
                .with_timezone(&Oslo)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string(),
            (if r.paper { "papir" } else { "elektronisk" }).to_string(),
            (if r.resident { "ja" } else { "nei" }).to_string(),
            r.kommunenummer.clone().unwrap_or_default(),
        ]
    });
    crate::ssr::formats::spreadsheet::csv(
        &[
            "navn",
            "fødselsdato",
            "adresse",
            "underskrevet (norsk tid)",
            "måte",
            "bosatt",
            "kommunenummer",
        ],
        rows,
    )
    .map_err(internal)
}

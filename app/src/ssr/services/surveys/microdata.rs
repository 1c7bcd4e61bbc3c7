//! The staff's export of a survey's microdata: every sent response under a pseudonym (a keyed
//! hash of the response, for this survey only, so two exports agree and nothing leads back to
//! the response's row), in the order of the pseudonyms — not the order they came — one column
//! per answer part (`domain::survey::microdata`). No contact data: a response has none.
//! Each export is on record in the audit log.

use super::{EDITORS, staff_org, survey_of};
use crate::domain::survey::microdata::{columns, row};
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::audit;
use crate::ssr::db::surveys::responses;
use crate::ssr::security::auth::Staff;
use crate::ssr::state::AppState;

/// The CSV (with a byte-order mark, every cell safe for a spreadsheet).
pub async fn microdata_csv(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
) -> Result<Vec<u8>, AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let s = survey_of(state, &org, id).await?;
    let qs = super::all_questions(state, &s).await?;
    let i = crate::i18n::I18n(org.written_standard.lang());
    let (other, dont_know) = (i.t("survey.answer.other"), i.t("survey.answer.dont_know"));
    let mut rows: Vec<Vec<String>> = responses::submitted_answers(&state.db, s.id)
        .await
        .or_internal()?
        .into_iter()
        .map(|(response, answers)| {
            let pseudonym = crate::ssr::security::seal::keyed_hash(
                state.settings.secret(),
                &[format!("survey-respondent:{}:{response}", s.id).as_bytes()],
            );
            let mut r = vec![pseudonym[..16].to_string()];
            r.extend(row(&qs, &answers, &other, &dont_know));
            r
        })
        .collect();
    rows.sort();
    let mut header = vec![i.t("survey.microdata.respondent")];
    header.extend(columns(&qs));
    let header: Vec<String> = header
        .iter()
        .map(|h| crate::ssr::formats::spreadsheet::cell(h))
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let bytes =
        crate::ssr::formats::spreadsheet::csv(&header, rows).map_err(crate::ssr::internal)?;
    audit::record(
        &state.db,
        Some(org.id),
        Some(staff.user_id),
        "survey_microdata",
        &format!("survey {id}"),
        state.clock.now(),
    )
    .await
    .or_internal()?;
    tracing::info!(survey_id = id, "survey microdata exported");
    Ok(bytes)
}

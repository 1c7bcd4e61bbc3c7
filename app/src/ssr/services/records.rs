//! The records of processing (GDPR art. 30) of one organisation, in its written standard: each
//! activity Innspill performs for it, with the retention figures read from the very settings the
//! worker deletes by — the organisation's signer retention, the installation's hours and days,
//! and the constants of the code — so the page cannot drift from what happens.

use crate::dto::organisations::{ProcessingActivity, ProcessingRecords};
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::organisations;
use crate::ssr::state::AppState;

pub async fn records(state: &AppState, slug: &str) -> Result<ProcessingRecords, AppError> {
    let org = organisations::find_by_slug(&state.db, slug)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let s = &state.settings;
    let n = |v: i64| v.to_string();
    let activity = |key: &str, figures: Vec<(&str, String)>| ProcessingActivity {
        key: key.to_string(),
        figures: figures
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    };
    let activities = vec![
        activity(
            "submissions",
            vec![("hours", n(s.unconfirmed_hours.into()))],
        ),
        activity(
            "signatures",
            vec![("months", n(org.signer_retention_months.into()))],
        ),
        activity("proposals", vec![]),
        activity("logins", vec![("minutes", n(s.session_idle_minutes))]),
        activity(
            "follows",
            vec![
                (
                    "confirm_hours",
                    n(crate::ssr::services::follows::follow::CONFIRM_HOURS),
                ),
                ("days", n(crate::ssr::services::follows::FINISHED_CASE_DAYS)),
                ("mail_days", n(s.mail_retention_days.into())),
            ],
        ),
        activity(
            "exports",
            vec![("days", n(crate::ssr::services::my_data::export::KEEP_DAYS))],
        ),
        activity(
            "surveys",
            vec![(
                "days",
                n(crate::ssr::services::surveys::purge::UNFINISHED_DAYS),
            )],
        ),
        activity("panels", vec![]),
        activity(
            "dialogue",
            vec![
                (
                    "flag_days",
                    n(crate::ssr::services::dialogue::retention::FLAG_DAYS),
                ),
                (
                    "days",
                    n(crate::ssr::services::dialogue::retention::HIDDEN_TEXT_DAYS),
                ),
            ],
        ),
        activity(
            "staff",
            vec![("days", n(crate::ssr::services::admin::INVITATION_DAYS))],
        ),
    ];
    Ok(ProcessingRecords {
        organisation: org.name,
        lang: org.written_standard.lang(),
        activities,
    })
}

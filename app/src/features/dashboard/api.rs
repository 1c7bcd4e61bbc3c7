//! Server functions of the staff dashboard: what needs action in an organisation, and the
//! staff member's own notification choices there.

use crate::dto::dashboard::Dashboard;
use crate::error::AppError;
use leptos::prelude::*;

/// What needs action in the organisation, for its admins, case officers and moderators.
#[server(prefix = "/api", endpoint = "staff_dashboard", input = server_fn::codec::GetUrl)]
pub async fn staff_dashboard(slug: String) -> Result<Dashboard, AppError> {
    let (state, staff, _) = crate::ssr::security::auth::staff_request(None).await?;
    crate::ssr::services::dashboard::dashboard(&state, &staff, &slug).await
}

/// The staff member's choice of digests in the organisation: which kinds, and how often.
#[server(prefix = "/api", endpoint = "save_staff_notices")]
pub async fn save_staff_notices(
    csrf_token: String,
    slug: String,
    submissions: Option<String>,
    deadlines: Option<String>,
    initiatives: Option<String>,
    cadence: String,
) -> Result<(), AppError> {
    use crate::dto::dashboard::StaffNotices;
    use crate::ssr::OrInternal;
    let (state, staff, _) = crate::ssr::security::auth::staff_request(Some(&csrf_token)).await?;
    let org = crate::ssr::services::hearings::staff_org(
        &state,
        &staff,
        &slug,
        crate::ssr::services::screening::SCREENERS,
    )
    .await?;
    if !["daily", "weekly", "never"].contains(&cadence.as_str()) {
        return Err(AppError::field(
            "cadence",
            "dashboard.notices.cadence_invalid",
        ));
    }
    let notices = StaffNotices {
        submissions: submissions.is_some(),
        deadlines: deadlines.is_some(),
        initiatives: initiatives.is_some(),
        cadence,
    };
    crate::ssr::services::dashboard::notices::save(
        &state.db,
        staff.user_id,
        org.id,
        &notices,
        state.clock.now(),
    )
    .await
    .or_internal()
}

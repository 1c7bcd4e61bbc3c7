//! The organisation's initiative rules: the longest collection, the retention of signer data,
//! the days staff take to screen.

use crate::domain::organisation::forms::InitiativeRules;
use crate::domain::role::Role;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::organisation;
use crate::ssr::db::{audit, organisations};
use crate::ssr::security::auth::Staff;
use crate::ssr::state::AppState;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// The organisation's own limits for initiatives.
pub async fn update_settings(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    max_collection_months: &str,
    signer_retention_months: &str,
    screening_days: &str,
) -> Result<(), AppError> {
    let org = organisations::find_by_slug(&state.db, slug)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    staff.require(org.id, &[Role::Admin])?;
    let InitiativeRules {
        max_collection_months: max,
        signer_retention_months: keep,
        screening_days: days,
    } = InitiativeRules::parse(
        max_collection_months,
        signer_retention_months,
        screening_days,
    )?;
    use sea_orm::sea_query::Expr;
    organisation::Entity::update_many()
        .col_expr(organisation::Column::MaxCollectionMonths, Expr::value(max))
        .col_expr(
            organisation::Column::SignerRetentionMonths,
            Expr::value(keep),
        )
        .col_expr(organisation::Column::ScreeningDays, Expr::value(days))
        .filter(organisation::Column::Id.eq(org.id))
        .exec(&state.db)
        .await
        .or_internal()?;
    audit::record(
        &state.db,
        Some(org.id),
        Some(staff.user_id),
        "initiative_settings_update",
        &format!(
            "collection at most {max} months, keep signers {keep} months, screening {days} days"
        ),
        state.clock.now(),
    )
    .await
    .or_internal()
}

//! The organisation's initiative rules: the longest collection, the retention of signer data,
//! the days staff take to screen.

use crate::domain::role::Role;
use crate::error::{AppError, FieldErrors};
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
    let mut errors = FieldErrors::new();
    let num = |s: &str| s.trim().parse::<i32>().ok();
    let max = num(max_collection_months).filter(|m| (1..=12).contains(m));
    if max.is_none() {
        errors.add("max_collection_months", "admin.initiatives.months_invalid");
    }
    let keep = num(signer_retention_months).filter(|m| (0..=120).contains(m));
    if keep.is_none() {
        errors.add(
            "signer_retention_months",
            "admin.initiatives.retention_invalid",
        );
    }
    let days = num(screening_days).filter(|d| (1..=90).contains(d));
    if days.is_none() {
        errors.add("screening_days", "admin.initiatives.days_invalid");
    }
    errors.into_result()?;
    let (Some(max), Some(keep), Some(days)) = (max, keep, days) else {
        return Err(crate::ssr::internal("settings validated"));
    };
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

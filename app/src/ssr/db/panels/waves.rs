//! Waves and their invitations. An invitation names the member's contact row, never the
//! pseudonym; whether a member answered is read from the responses by pseudonym, to count and to
//! remind, and nothing here returns an answer.

use crate::domain::survey::strata::Stratum;
use crate::domain::survey::wave::{WavePlan, WaveStatus, encode_strata};
use crate::ssr::db::entities::{
    panel_invitation, panel_member, panel_wave, survey_answer, survey_response,
};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::{BTreeMap, HashSet};

/// A new scheduled wave; returns it.
pub async fn insert(
    db: &impl ConnectionTrait,
    panel_id: i32,
    plan: &WavePlan,
    seed: u64,
    created_by: i32,
    now: DateTime<Utc>,
) -> Result<panel_wave::Model, DbErr> {
    panel_wave::ActiveModel {
        panel_id: Set(panel_id),
        survey_id: Set(plan.survey_id),
        sample_size: Set(plan.sample_size.map(|n| n as i32)),
        seed: Set(seed as i64),
        opens_at: Set(plan.opens_at),
        closes_at: Set(plan.closes_at),
        first_reminder_days: Set(plan.reminders.first().map(|d| *d as i32)),
        second_reminder_days: Set(plan.reminders.get(1).map(|d| *d as i32)),
        status: Set(WaveStatus::Scheduled.as_str().into()),
        invited: Set(0),
        created_by: Set(Some(created_by)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The reminders' days of a wave, ascending.
pub fn reminders(w: &panel_wave::Model) -> Vec<u32> {
    [w.first_reminder_days, w.second_reminder_days]
        .into_iter()
        .flatten()
        .map(|d| d.max(0) as u32)
        .collect()
}

/// The panel's waves, newest first.
pub async fn of_panel(
    db: &impl ConnectionTrait,
    panel_id: i32,
) -> Result<Vec<panel_wave::Model>, DbErr> {
    panel_wave::Entity::find()
        .filter(panel_wave::Column::PanelId.eq(panel_id))
        .order_by_desc(panel_wave::Column::Id)
        .all(db)
        .await
}

pub async fn by_id(db: &impl ConnectionTrait, id: i32) -> Result<Option<panel_wave::Model>, DbErr> {
    panel_wave::Entity::find_by_id(id).one(db).await
}

/// The wave that sends this survey, if any.
pub async fn of_survey(
    db: &impl ConnectionTrait,
    survey_id: i32,
) -> Result<Option<panel_wave::Model>, DbErr> {
    panel_wave::Entity::find()
        .filter(panel_wave::Column::SurveyId.eq(survey_id))
        .one(db)
        .await
}

/// Waves in `status`, oldest first.
pub async fn in_status(
    db: &impl ConnectionTrait,
    status: WaveStatus,
) -> Result<Vec<panel_wave::Model>, DbErr> {
    panel_wave::Entity::find()
        .filter(panel_wave::Column::Status.eq(status.as_str()))
        .order_by_asc(panel_wave::Column::Id)
        .all(db)
        .await
}

/// Moves the wave from `from` to `to` (with the number invited in all and per stratum, when
/// given); `false` when another process moved it first. On PostgreSQL the update also holds
/// the wave's row until the transaction ends, so that one process at a time works on a wave.
pub async fn advance(
    db: &impl ConnectionTrait,
    id: i32,
    from: WaveStatus,
    to: WaveStatus,
    invited: Option<&BTreeMap<Stratum, u64>>,
) -> Result<bool, DbErr> {
    let mut q = panel_wave::Entity::update_many()
        .col_expr(panel_wave::Column::Status, Expr::value(to.as_str()))
        .filter(panel_wave::Column::Id.eq(id))
        .filter(panel_wave::Column::Status.eq(from.as_str()));
    if let Some(strata) = invited {
        let n: u64 = strata.values().sum();
        q = q
            .col_expr(panel_wave::Column::Invited, Expr::value(n as i32))
            .col_expr(
                panel_wave::Column::InvitedStrata,
                Expr::value(encode_strata(strata)),
            );
    }
    Ok(q.exec(db).await?.rows_affected == 1)
}

/// Records how many the wave invited, in all and per stratum.
pub async fn set_invited(
    db: &impl ConnectionTrait,
    id: i32,
    strata: &BTreeMap<Stratum, u64>,
) -> Result<(), DbErr> {
    let n: u64 = strata.values().sum();
    panel_wave::Entity::update_many()
        .col_expr(panel_wave::Column::Invited, Expr::value(n as i32))
        .col_expr(
            panel_wave::Column::InvitedStrata,
            Expr::value(encode_strata(strata)),
        )
        .filter(panel_wave::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Invites these members (`(member id, token hash)`), mailed at `now`.
pub async fn invite(
    db: &impl ConnectionTrait,
    wave_id: i32,
    invitees: &[(i32, String)],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    for chunk in invitees.chunks(1000) {
        panel_invitation::Entity::insert_many(chunk.iter().map(|(member, hash)| {
            panel_invitation::ActiveModel {
                wave_id: Set(wave_id),
                member_id: Set(Some(*member)),
                token_hash: Set(Some(hash.clone())),
                reminders: Set(0),
                mailed_at: Set(Some(now)),
                ..Default::default()
            }
        }))
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// The invitation whose link's token has this hash.
pub async fn invitation_by_token(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<panel_invitation::Model>, DbErr> {
    panel_invitation::Entity::find()
        .filter(panel_invitation::Column::TokenHash.eq(token_hash))
        .one(db)
        .await
}

/// The wave's invitations of members still in the panel, with the member.
pub async fn invitees(
    db: &impl ConnectionTrait,
    wave_id: i32,
) -> Result<Vec<(panel_invitation::Model, panel_member::Model)>, DbErr> {
    let invitations = panel_invitation::Entity::find()
        .filter(panel_invitation::Column::WaveId.eq(wave_id))
        .filter(panel_invitation::Column::MemberId.is_not_null())
        .order_by_asc(panel_invitation::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(invitations.len());
    for chunk in invitations.chunks(500) {
        let ids: Vec<i32> = chunk.iter().filter_map(|i| i.member_id).collect();
        let members = panel_member::Entity::find()
            .filter(panel_member::Column::Id.is_in(ids))
            .all(db)
            .await?;
        for i in chunk {
            if let Some(m) = members.iter().find(|m| Some(m.id) == i.member_id) {
                out.push((i.clone(), m.clone()));
            }
        }
    }
    Ok(out)
}

/// Deletes the survey's responses never sent (a wave has closed: they can no longer be, and
/// each names a member's pseudonym).
pub async fn delete_unsent(db: &impl ConnectionTrait, survey_id: i32) -> Result<u64, DbErr> {
    let ids: Vec<i64> = survey_response::Entity::find()
        .select_only()
        .column(survey_response::Column::Id)
        .filter(survey_response::Column::SurveyId.eq(survey_id))
        .filter(survey_response::Column::SubmittedAt.is_null())
        .into_tuple()
        .all(db)
        .await?;
    for chunk in ids.chunks(500) {
        survey_answer::Entity::delete_many()
            .filter(survey_answer::Column::ResponseId.is_in(chunk.to_vec()))
            .exec(db)
            .await?;
        survey_response::Entity::delete_many()
            .filter(survey_response::Column::Id.is_in(chunk.to_vec()))
            .exec(db)
            .await?;
    }
    Ok(ids.len() as u64)
}

/// The pseudonyms that have sent an answer to the survey.
pub async fn answered(db: &impl ConnectionTrait, survey_id: i32) -> Result<HashSet<String>, DbErr> {
    let rows: Vec<Option<String>> = survey_response::Entity::find()
        .select_only()
        .column(survey_response::Column::PanelPseudonym)
        .filter(survey_response::Column::SurveyId.eq(survey_id))
        .filter(survey_response::Column::SubmittedAt.is_not_null())
        .filter(survey_response::Column::PanelPseudonym.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().flatten().collect())
}

/// How many sent an answer to the survey as members.
pub async fn answered_count(db: &impl ConnectionTrait, survey_id: i32) -> Result<u64, DbErr> {
    survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(survey_id))
        .filter(survey_response::Column::SubmittedAt.is_not_null())
        .filter(survey_response::Column::PanelPseudonym.is_not_null())
        .count(db)
        .await
}

/// Records reminder number `n` (from 1) for these invitations, unless one was recorded by
/// another process; returns the invitations this call recorded.
pub async fn reminded(
    db: &impl ConnectionTrait,
    ids: &[i64],
    n: i16,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let mut total = 0;
    for chunk in ids.chunks(500) {
        total += panel_invitation::Entity::update_many()
            .col_expr(panel_invitation::Column::Reminders, Expr::value(n))
            .col_expr(panel_invitation::Column::MailedAt, Expr::value(now))
            .filter(panel_invitation::Column::Id.is_in(chunk.to_vec()))
            .filter(panel_invitation::Column::MemberId.is_not_null())
            .filter(panel_invitation::Column::Reminders.eq(n - 1))
            .exec(db)
            .await?
            .rows_affected;
    }
    Ok(total)
}

/// A member's invitations lose the member and the link (they left): the wave still counts
/// them as invited, and nothing leads from them to the answers any more.
pub async fn forget_member(db: &impl ConnectionTrait, member_id: i32) -> Result<(), DbErr> {
    panel_invitation::Entity::update_many()
        .col_expr(
            panel_invitation::Column::MemberId,
            Expr::value(Option::<i32>::None),
        )
        .col_expr(
            panel_invitation::Column::TokenHash,
            Expr::value(Option::<String>::None),
        )
        .filter(panel_invitation::Column::MemberId.eq(member_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Sets a member's waves skipped in a row.
pub async fn set_skipped(
    db: &impl ConnectionTrait,
    member_ids: &[i32],
    skipped: i32,
) -> Result<(), DbErr> {
    for chunk in member_ids.chunks(500) {
        panel_member::Entity::update_many()
            .col_expr(panel_member::Column::SkippedInRow, Expr::value(skipped))
            .filter(panel_member::Column::Id.is_in(chunk.to_vec()))
            .exec(db)
            .await?;
    }
    Ok(())
}

//! The dialogue's spaces, an organisation's dialogue settings and its participants; posts,
//! supports and flags in `posts`, the moderation log in `moderation`.

pub mod moderation;
pub mod officials;
pub mod posts;

use crate::domain::dialogue::space::SpaceFacts;
use crate::ssr::db::entities::{dialogue_participant, dialogue_setting, dialogue_space};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

pub async fn insert_space(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    f: &SpaceFacts,
    created_by: i32,
    now: DateTime<Utc>,
) -> Result<dialogue_space::Model, DbErr> {
    dialogue_space::ActiveModel {
        organisation_id: Set(organisation_id),
        kind: Set(f.kind.as_str().into()),
        title: Set(f.title.clone()),
        description: Set(f.description.clone()),
        hearing_id: Set(f.hearing_id),
        initiative_id: Set(None),
        opens_at: Set(f.opens_at),
        closes_at: Set(f.closes_at),
        moderation: Set(f.moderation.as_str().into()),
        residents_only: Set(f.residents_only),
        published: Set(f.published),
        created_by: Set(Some(created_by)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The organisation's spaces (only the published ones unless `all`), newest first.
pub async fn spaces(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    all: bool,
) -> Result<Vec<dialogue_space::Model>, DbErr> {
    let mut q = dialogue_space::Entity::find()
        .filter(dialogue_space::Column::OrganisationId.eq(organisation_id));
    if !all {
        q = q.filter(dialogue_space::Column::Published.eq(true));
    }
    q.order_by_desc(dialogue_space::Column::OpensAt)
        .order_by_desc(dialogue_space::Column::Id)
        .all(db)
        .await
}

/// The published spaces that belong to a hearing.
pub async fn spaces_of_hearing(
    db: &impl ConnectionTrait,
    hearing_id: i32,
) -> Result<Vec<dialogue_space::Model>, DbErr> {
    dialogue_space::Entity::find()
        .filter(dialogue_space::Column::HearingId.eq(hearing_id))
        .filter(dialogue_space::Column::Published.eq(true))
        .all(db)
        .await
}

/// The organisation's space `id`.
pub async fn space(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    id: i32,
) -> Result<Option<dialogue_space::Model>, DbErr> {
    dialogue_space::Entity::find_by_id(id)
        .filter(dialogue_space::Column::OrganisationId.eq(organisation_id))
        .one(db)
        .await
}

/// The organisation's dialogue settings, if it has set any.
pub async fn settings(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<Option<dialogue_setting::Model>, DbErr> {
    dialogue_setting::Entity::find_by_id(organisation_id)
        .one(db)
        .await
}

/// The person as a participant in the organisation's dialogue, if they have taken part.
pub async fn participant_of(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    person_id: i32,
) -> Result<Option<dialogue_participant::Model>, DbErr> {
    dialogue_participant::Entity::find()
        .filter(dialogue_participant::Column::OrganisationId.eq(organisation_id))
        .filter(dialogue_participant::Column::PersonId.eq(person_id))
        .one(db)
        .await
}

/// The person as a participant, made on their first post, support or flag (two at once make
/// one).
pub async fn ensure_participant(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    person_id: i32,
    now: DateTime<Utc>,
) -> Result<dialogue_participant::Model, DbErr> {
    dialogue_participant::Entity::insert(dialogue_participant::ActiveModel {
        organisation_id: Set(organisation_id),
        person_id: Set(Some(person_id)),
        published_posts: Set(0),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            dialogue_participant::Column::OrganisationId,
            dialogue_participant::Column::PersonId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    participant_of(db, organisation_id, person_id)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("dialogue participant".into()))
}

pub async fn participant(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<dialogue_participant::Model>, DbErr> {
    dialogue_participant::Entity::find_by_id(id).one(db).await
}

/// Suspends the participant until `until`, citing `rule`, for `reason`.
pub async fn suspend(
    db: &impl ConnectionTrait,
    p: dialogue_participant::Model,
    until: DateTime<Utc>,
    rule: u32,
    reason: &str,
) -> Result<(), DbErr> {
    let mut a: dialogue_participant::ActiveModel = p.into();
    a.suspended_until = Set(Some(until));
    a.suspension_rule = Set(Some(rule as i32));
    a.suspension_reason = Set(Some(reason.to_string()));
    a.update(db).await?;
    Ok(())
}

/// The names the participants appear under: the display name they chose, else their name
/// from ID-porten; none for a deleted account.
pub async fn names(
    db: &impl ConnectionTrait,
    participant_ids: Vec<i32>,
) -> Result<std::collections::HashMap<i32, String>, DbErr> {
    use crate::ssr::db::entities::person;
    let ps = dialogue_participant::Entity::find()
        .filter(dialogue_participant::Column::Id.is_in(participant_ids))
        .all(db)
        .await?;
    let persons: Vec<i32> = ps.iter().filter_map(|p| p.person_id).collect();
    let people = person::Entity::find()
        .filter(person::Column::Id.is_in(persons))
        .all(db)
        .await?;
    let mut out = std::collections::HashMap::new();
    for p in ps {
        let real = p
            .person_id
            .and_then(|id| people.iter().find(|x| x.id == id))
            .and_then(|x| {
                let name = [x.given_name.as_deref(), x.family_name.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                (!name.is_empty()).then_some(name)
            });
        if let Some(name) = p.display_name.clone().or(real) {
            out.insert(p.id, name);
        }
    }
    Ok(out)
}

/// One more of the participant's posts is published (the first lifts the first-time rules).
pub async fn count_published(db: &impl ConnectionTrait, participant_id: i32) -> Result<(), DbErr> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    dialogue_participant::Entity::update_many()
        .col_expr(
            dialogue_participant::Column::PublishedPosts,
            Expr::col(dialogue_participant::Column::PublishedPosts).add(1),
        )
        .filter(dialogue_participant::Column::Id.eq(participant_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The person's participant rows, in every organisation.
pub async fn participants_of_person(
    db: &impl ConnectionTrait,
    person_id: i32,
) -> Result<Vec<dialogue_participant::Model>, DbErr> {
    dialogue_participant::Entity::find()
        .filter(dialogue_participant::Column::PersonId.eq(person_id))
        .all(db)
        .await
}

/// An update of participants that forgets their suspensions (until, rule, reason).
fn without_suspension() -> sea_orm::UpdateMany<dialogue_participant::Entity> {
    use sea_orm::sea_query::Expr;
    dialogue_participant::Entity::update_many()
        .col_expr(
            dialogue_participant::Column::SuspendedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            dialogue_participant::Column::SuspensionRule,
            Expr::value(Option::<i32>::None),
        )
        .col_expr(
            dialogue_participant::Column::SuspensionReason,
            Expr::value(Option::<String>::None),
        )
}

/// Cuts the participant from the person (deleting an account): no name, no suspension; their
/// published posts stay, shown under no name.
pub async fn unlink_participant(db: &impl ConnectionTrait, id: i32) -> Result<(), DbErr> {
    use sea_orm::sea_query::Expr;
    without_suspension()
        .col_expr(
            dialogue_participant::Column::PersonId,
            Expr::value(Option::<i32>::None),
        )
        .col_expr(
            dialogue_participant::Column::DisplayName,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            dialogue_participant::Column::NameKey,
            Expr::value(Option::<String>::None),
        )
        .filter(dialogue_participant::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets a suspension's reason and dates once it ended before `before`.
pub async fn forget_suspensions(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(without_suspension()
        .filter(dialogue_participant::Column::SuspendedUntil.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}

/// The officials hosting the space.
pub async fn hosts(db: &impl ConnectionTrait, space_id: i32) -> Result<Vec<i32>, DbErr> {
    use crate::ssr::db::entities::dialogue_host;
    use sea_orm::QuerySelect;
    dialogue_host::Entity::find()
        .select_only()
        .column(dialogue_host::Column::UserId)
        .filter(dialogue_host::Column::SpaceId.eq(space_id))
        .into_tuple()
        .all(db)
        .await
}

/// The spaces `user_id` hosts.
pub async fn hosted_by(db: &impl ConnectionTrait, user_id: i32) -> Result<Vec<i32>, DbErr> {
    use crate::ssr::db::entities::dialogue_host;
    use sea_orm::QuerySelect;
    dialogue_host::Entity::find()
        .select_only()
        .column(dialogue_host::Column::SpaceId)
        .filter(dialogue_host::Column::UserId.eq(user_id))
        .into_tuple()
        .all(db)
        .await
}

/// Makes `user_id` a host of the space (again: nothing changes).
pub async fn add_host(db: &impl ConnectionTrait, space_id: i32, user_id: i32) -> Result<(), DbErr> {
    use crate::ssr::db::entities::dialogue_host;
    dialogue_host::Entity::insert(dialogue_host::ActiveModel {
        space_id: Set(space_id),
        user_id: Set(user_id),
    })
    .on_conflict(
        OnConflict::columns([
            dialogue_host::Column::SpaceId,
            dialogue_host::Column::UserId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

pub async fn remove_host(
    db: &impl ConnectionTrait,
    space_id: i32,
    user_id: i32,
) -> Result<bool, DbErr> {
    use crate::ssr::db::entities::dialogue_host;
    Ok(dialogue_host::Entity::delete_by_id((space_id, user_id))
        .exec(db)
        .await?
        .rows_affected
        == 1)
}

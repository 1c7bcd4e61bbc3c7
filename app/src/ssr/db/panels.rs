//! Citizen panels, their members (the contact side) and the members' profiles (the analysis
//! side, by pseudonym). Nothing here returns a member's address or hash beside a profile: the
//! two are joined only to count.

use crate::domain::survey::background::BackgroundQuestion;
use crate::domain::survey::margins::PopulationMargins;
use crate::domain::survey::panel::{Enrolment, KeepAnswers, MemberStatus, PanelFacts};
use crate::domain::survey::strata::{AgeBand, Gender, Stratum};
use crate::ssr::db::entities::{
    panel, panel_member, panel_profile, survey_answer, survey_response,
};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::BTreeMap;

pub mod recruitment;
pub mod waves;

/// The background questions of a panel (none where it has none).
pub fn background(p: &panel::Model) -> Vec<BackgroundQuestion> {
    p.background
        .as_deref()
        .and_then(|b| serde_json::from_str(b).ok())
        .unwrap_or_default()
}

fn background_json(qs: &[BackgroundQuestion]) -> Option<String> {
    (!qs.is_empty()).then(|| serde_json::to_string(qs).unwrap_or_default())
}

/// A member's background answers as kept (none where they gave none).
fn answers_json(a: &[Option<u16>]) -> Option<String> {
    a.iter()
        .any(Option::is_some)
        .then(|| serde_json::to_string(a).unwrap_or_default())
}

/// A profile's background answers (per question an option's position, `None` unanswered).
pub fn answers_of(p: &panel_profile::Model) -> Vec<Option<u16>> {
    p.background
        .as_deref()
        .and_then(|b| serde_json::from_str(b).ok())
        .unwrap_or_default()
}

/// Whether anyone (a member, or answers kept from a former one) has a profile in the panel.
pub async fn has_profiles(db: &impl ConnectionTrait, panel_id: i32) -> Result<bool, DbErr> {
    Ok(panel_profile::Entity::find()
        .filter(panel_profile::Column::PanelId.eq(panel_id))
        .one(db)
        .await?
        .is_some())
}

/// The profiles of these pseudonyms (those that still have one).
pub async fn profiles_of(
    db: &impl ConnectionTrait,
    pseudonyms: &[String],
) -> Result<std::collections::HashMap<String, panel_profile::Model>, DbErr> {
    let mut out = std::collections::HashMap::new();
    for chunk in pseudonyms.chunks(500) {
        let rows = panel_profile::Entity::find()
            .filter(panel_profile::Column::Pseudonym.is_in(chunk.to_vec()))
            .all(db)
            .await?;
        out.extend(rows.into_iter().map(|p| (p.pseudonym.clone(), p)));
    }
    Ok(out)
}

/// The districts of a panel (a panel whose list cannot be read is an internal error).
pub fn districts(p: &panel::Model) -> Result<Vec<String>, DbErr> {
    serde_json::from_str(&p.districts).map_err(|e| DbErr::Custom(format!("panel {}: {e}", p.id)))
}

pub async fn insert(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    f: &PanelFacts,
    created_by: i32,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let p = panel::ActiveModel {
        organisation_id: Set(organisation_id),
        name: Set(f.name.clone()),
        purpose: Set(f.purpose.clone()),
        district_kind: Set(f.district_kind.clone()),
        districts: Set(serde_json::to_string(&f.districts).unwrap_or_default()),
        skip_limit: Set(f.skip_limit as i32),
        recruiting: Set(f.recruiting),
        background: Set(background_json(&f.background)),
        created_by: Set(Some(created_by)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(p.id)
}

pub async fn update(
    db: &impl ConnectionTrait,
    p: panel::Model,
    f: &PanelFacts,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut a = p.into_active_model();
    a.name = Set(f.name.clone());
    a.purpose = Set(f.purpose.clone());
    a.district_kind = Set(f.district_kind.clone());
    a.districts = Set(serde_json::to_string(&f.districts).unwrap_or_default());
    a.skip_limit = Set(f.skip_limit as i32);
    a.recruiting = Set(f.recruiting);
    a.background = Set(background_json(&f.background));
    a.updated_at = Set(now);
    a.update(db).await.map(|_| ())
}

/// The panel, if it belongs to the organisation.
pub async fn find(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    id: i32,
) -> Result<Option<panel::Model>, DbErr> {
    panel::Entity::find_by_id(id)
        .filter(panel::Column::OrganisationId.eq(organisation_id))
        .one(db)
        .await
}

/// Keeps the population the panel's results are weighted to.
pub async fn set_margins(
    db: &impl ConnectionTrait,
    p: panel::Model,
    margins: &PopulationMargins,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut a = p.into_active_model();
    a.margins = Set(Some(serde_json::to_string(margins).unwrap_or_default()));
    a.updated_at = Set(now);
    a.update(db).await.map(|_| ())
}

/// The population the panel's results are weighted to, if staff imported it.
pub fn margins(p: &panel::Model) -> Option<PopulationMargins> {
    serde_json::from_str(p.margins.as_deref()?).ok()
}

/// The panel, wherever it belongs (for a link that names its member, not its organisation).
pub async fn by_id(db: &impl ConnectionTrait, id: i32) -> Result<Option<panel::Model>, DbErr> {
    panel::Entity::find_by_id(id).one(db).await
}

pub async fn member_by_id(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<panel_member::Model>, DbErr> {
    panel_member::Entity::find_by_id(id).one(db).await
}

pub async fn of_organisation(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<Vec<panel::Model>, DbErr> {
    panel::Entity::find()
        .filter(panel::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(panel::Column::Id)
        .all(db)
        .await
}

/// Every panel, for finding a citizen's memberships (a person's hash differs per panel).
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<panel::Model>, DbErr> {
    panel::Entity::find()
        .order_by_asc(panel::Column::Id)
        .all(db)
        .await
}

/// The active member with this hash in the panel.
pub async fn active_member(
    db: &impl ConnectionTrait,
    panel_id: i32,
    person_hash: &str,
) -> Result<Option<panel_member::Model>, DbErr> {
    panel_member::Entity::find()
        .filter(panel_member::Column::PanelId.eq(panel_id))
        .filter(panel_member::Column::PersonHash.eq(person_hash))
        .filter(panel_member::Column::Status.eq(MemberStatus::Active.as_str()))
        .one(db)
        .await
}

/// The active memberships among these hashes (one per panel at most).
pub async fn memberships(
    db: &impl ConnectionTrait,
    hashes: Vec<String>,
) -> Result<Vec<panel_member::Model>, DbErr> {
    panel_member::Entity::find()
        .filter(panel_member::Column::PersonHash.is_in(hashes))
        .filter(panel_member::Column::Status.eq(MemberStatus::Active.as_str()))
        .all(db)
        .await
}

/// A new member: the contact row and, apart, the profile under a fresh pseudonym. A second
/// enrolment of the same person is a unique violation of `(panel_id, person_hash)`.
#[allow(clippy::too_many_arguments)]
pub async fn enrol(
    db: &impl ConnectionTrait,
    panel_id: i32,
    person_hash: &str,
    pseudonym: &str,
    e: &Enrolment,
    age: AgeBand,
    source: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    panel_member::ActiveModel {
        panel_id: Set(panel_id),
        person_hash: Set(Some(person_hash.into())),
        email: Set(Some(e.email.as_str().into())),
        pseudonym: Set(Some(pseudonym.into())),
        source: Set(source.into()),
        status: Set(MemberStatus::Active.as_str().into()),
        skipped_in_row: Set(0),
        joined_at: Set(now),
        ended_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    panel_profile::ActiveModel {
        pseudonym: Set(pseudonym.into()),
        panel_id: Set(panel_id),
        age_band: Set(i16::from(age.0)),
        gender: Set(e.gender.as_str().into()),
        district: Set(e.district as i16),
        background: Set(answers_json(&e.background)),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A member as the demo and a sample's enrolments write many at once.
pub struct NewMember {
    pub person_hash: String,
    pub email: String,
    pub pseudonym: String,
    pub source: &'static str,
    pub age: AgeBand,
    pub gender: Gender,
    pub district: u16,
    pub background: Vec<Option<u16>>,
}

/// Enrols many members in two statements (contact rows, then profiles).
pub async fn enrol_many(
    db: &impl ConnectionTrait,
    panel_id: i32,
    members: &[NewMember],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    if members.is_empty() {
        return Ok(());
    }
    panel_member::Entity::insert_many(members.iter().map(|m| panel_member::ActiveModel {
        panel_id: Set(panel_id),
        person_hash: Set(Some(m.person_hash.clone())),
        email: Set(Some(m.email.clone())),
        pseudonym: Set(Some(m.pseudonym.clone())),
        source: Set(m.source.into()),
        status: Set(MemberStatus::Active.as_str().into()),
        skipped_in_row: Set(0),
        joined_at: Set(now),
        ended_at: Set(None),
        ..Default::default()
    }))
    .exec(db)
    .await?;
    panel_profile::Entity::insert_many(members.iter().map(|m| panel_profile::ActiveModel {
        pseudonym: Set(m.pseudonym.clone()),
        panel_id: Set(panel_id),
        age_band: Set(i16::from(m.age.0)),
        gender: Set(m.gender.as_str().into()),
        district: Set(m.district as i16),
        background: Set(answers_json(&m.background)),
    }))
    .exec(db)
    .await?;
    Ok(())
}

/// Ends a membership (`Left` or `Retired`): the hash, the address and the pseudonym are
/// forgotten, and the invitations and kept answers lose the hash of the mailed link, so
/// nothing kept can be tied to the person again; with `Deleted`, the answers given under the
/// pseudonym and the profile go too.
pub async fn end(
    db: &impl ConnectionTrait,
    m: panel_member::Model,
    status: MemberStatus,
    answers: KeepAnswers,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    if let (KeepAnswers::Deleted, Some(p)) = (answers, m.pseudonym.clone()) {
        let responses: Vec<i64> = survey_response::Entity::find()
            .select_only()
            .column(survey_response::Column::Id)
            .filter(survey_response::Column::PanelPseudonym.eq(p.clone()))
            .into_tuple()
            .all(db)
            .await?;
        survey_answer::Entity::delete_many()
            .filter(survey_answer::Column::ResponseId.is_in(responses.clone()))
            .exec(db)
            .await?;
        survey_response::Entity::delete_many()
            .filter(survey_response::Column::Id.is_in(responses))
            .exec(db)
            .await?;
        panel_profile::Entity::delete_by_id(p).exec(db).await?;
    } else if let Some(p) = m.pseudonym.clone() {
        // Kept answers lose the hash their invitation's link finds them by (the link is in the
        // mail, and can be worked out again from the wave and the member): a new random one.
        let kept: Vec<i64> = survey_response::Entity::find()
            .select_only()
            .column(survey_response::Column::Id)
            .filter(survey_response::Column::PanelPseudonym.eq(p))
            .into_tuple()
            .all(db)
            .await?;
        for id in kept {
            let unreachable = format!(
                "{}{}",
                uuid::Uuid::new_v4().simple(),
                uuid::Uuid::new_v4().simple()
            );
            survey_response::Entity::update_many()
                .col_expr(survey_response::Column::TokenHash, Expr::value(unreachable))
                .filter(survey_response::Column::Id.eq(id))
                .exec(db)
                .await?;
        }
    }
    let id = m.id;
    let mut a = m.into_active_model();
    a.person_hash = Set(None);
    a.email = Set(None);
    a.pseudonym = Set(None);
    a.status = Set(status.as_str().into());
    a.ended_at = Set(Some(now));
    a.update(db).await?;
    // After the member row, so that a wave opening meanwhile finds them gone.
    waves::forget_member(db, id).await
}

/// The stratum a profile falls in (`None` for one that cannot be read).
fn stratum(p: &panel_profile::Model) -> Option<Stratum> {
    let (Ok(age), Some(gender)) = (u8::try_from(p.age_band), Gender::parse(&p.gender)) else {
        return None;
    };
    Some(Stratum {
        age: AgeBand(age),
        gender,
        district: p.district.max(0) as u16,
    })
}

/// The strata of these pseudonyms' profiles (those that still have one).
pub async fn strata_of(
    db: &impl ConnectionTrait,
    pseudonyms: &[String],
) -> Result<std::collections::HashMap<String, Stratum>, DbErr> {
    let mut out = std::collections::HashMap::new();
    for chunk in pseudonyms.chunks(500) {
        let rows = panel_profile::Entity::find()
            .filter(panel_profile::Column::Pseudonym.is_in(chunk.to_vec()))
            .all(db)
            .await?;
        out.extend(
            rows.into_iter()
                .filter_map(|p| Some((p.pseudonym.clone(), stratum(&p)?))),
        );
    }
    Ok(out)
}

/// The panel's active members, each with their stratum (to draw a wave's sub-sample and to
/// count): the two sides joined in memory, never returned beyond the service that draws.
pub async fn active_with_strata(
    db: &impl ConnectionTrait,
    panel_id: i32,
) -> Result<Vec<(panel_member::Model, Stratum)>, DbErr> {
    let members = panel_member::Entity::find()
        .filter(panel_member::Column::PanelId.eq(panel_id))
        .filter(panel_member::Column::Status.eq(MemberStatus::Active.as_str()))
        .filter(panel_member::Column::Pseudonym.is_not_null())
        .order_by_asc(panel_member::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(members.len());
    for chunk in members.chunks(500) {
        let pseudonyms: Vec<String> = chunk.iter().filter_map(|m| m.pseudonym.clone()).collect();
        let profiles: BTreeMap<String, Stratum> = panel_profile::Entity::find()
            .filter(panel_profile::Column::Pseudonym.is_in(pseudonyms))
            .all(db)
            .await?
            .into_iter()
            .filter_map(|p| Some((p.pseudonym.clone(), stratum(&p)?)))
            .collect();
        for m in chunk {
            if let Some(s) = m.pseudonym.as_ref().and_then(|p| profiles.get(p)) {
                out.push((m.clone(), *s));
            }
        }
    }
    Ok(out)
}

/// The panel's active members per stratum (profiles of members still in the panel).
pub async fn composition(
    db: &impl ConnectionTrait,
    panel_id: i32,
) -> Result<BTreeMap<Stratum, u64>, DbErr> {
    let mut out = BTreeMap::new();
    for (_, s) in active_with_strata(db, panel_id).await? {
        *out.entry(s).or_insert(0) += 1;
    }
    Ok(out)
}

/// How many members ever joined, and how many left or were retired, by how they came in.
pub async fn counts_by_status(
    db: &impl ConnectionTrait,
    panel_id: i32,
) -> Result<Vec<(String, String, i64)>, DbErr> {
    panel_member::Entity::find()
        .select_only()
        .column(panel_member::Column::Source)
        .column(panel_member::Column::Status)
        .column_as(panel_member::Column::Id.count(), "n")
        .filter(panel_member::Column::PanelId.eq(panel_id))
        .group_by(panel_member::Column::Source)
        .group_by(panel_member::Column::Status)
        .into_tuple()
        .all(db)
        .await
}

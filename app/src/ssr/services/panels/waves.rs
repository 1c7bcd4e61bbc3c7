//! Waves: staff send a draft survey to the panel (`create`); the worker opens it when its time
//! comes — drawing the sub-sample with the wave's recorded seed, inviting each member by mail
//! with a personal link and a one-click leave link — reminds those who have not answered, and
//! closes it, counting the waves each invitee skipped in a row and retiring those at the
//! panel's limit (`run_due`). Several processes may run the worker: each step claims the wave
//! by a conditional update in the transaction that does the work.
//!
//! A member's link carries a token derived from the wave and the member under the
//! installation's secret, so a reminder can carry the same link without any token being kept;
//! the invitation keeps only its hash. The first visit starts the member's response under
//! their pseudonym (`invited_response`); one answer per member is a unique index.

use super::{EDITORS, leave_link, panel_of, staff_org};
use crate::domain::survey::SurveyStatus;
use crate::domain::survey::panel::{KeepAnswers, MemberStatus};
use crate::domain::survey::sampling::sub_sample;
use crate::domain::survey::strata::{AGE_BANDS, AgeBand, Gender, Stratum};
use crate::domain::survey::wave::{WaveForm, WaveStatus, after_wave, decode_strata, reminder_due};
use crate::dto::organisations::OrganisationDto;
use crate::dto::panels::{DraftSurvey, RateRow, RateTable, WaveItem};
use crate::error::AppError;
use crate::i18n::I18n;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::{panel, panel_member, panel_wave, survey, survey_response};
use crate::ssr::db::panels::{self as panels_db, waves as db};
use crate::ssr::db::surveys::{self as surveys_db, responses};
use crate::ssr::db::{audit, organisations};
use crate::ssr::mail::{OutgoingMail, queue, templates};
use crate::ssr::security::auth::Staff;
use crate::ssr::security::seal::keyed_hash;
use crate::ssr::security::tokens::{random_bytes, token_hash};
use crate::ssr::services::{Audit, record_transition};
use crate::ssr::state::AppState;
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbErr, TransactionTrait};
use std::collections::BTreeMap;

/// The token of member `member_id`'s link to wave `wave_id`.
pub fn invitation_token(secret: &[u8], wave_id: i32, member_id: i32) -> String {
    keyed_hash(
        secret,
        &[
            b"innspill-panel-wave:",
            wave_id.to_string().as_bytes(),
            b":",
            member_id.to_string().as_bytes(),
        ],
    )[..40]
        .to_string()
}

/// The organisation's draft open surveys with questions, which a wave may send.
pub async fn sendable(
    state: &AppState,
    org: &OrganisationDto,
) -> Result<Vec<DraftSurvey>, AppError> {
    let mut out = Vec::new();
    for (s, _) in surveys_db::list(&state.db, org.id).await.or_internal()? {
        if s.kind == "open" && s.status == SurveyStatus::Draft.as_str() {
            out.push(DraftSurvey {
                id: s.id,
                title: s.title,
            });
        }
    }
    Ok(out)
}

/// Plans a wave that sends one of the organisation's draft surveys to the panel; the survey
/// becomes the panel's (it can no longer be opened to the public). Returns the wave's id.
pub async fn create(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    panel_id: i32,
    form: &WaveForm,
) -> Result<i32, AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let p = panel_of(state, &org, panel_id).await?;
    let now = state.clock.now();
    let plan = form.parse(now)?;
    let s = surveys_db::find(&state.db, org.id, plan.survey_id)
        .await
        .or_internal()?
        .filter(|s| s.kind == "open" && s.status == SurveyStatus::Draft.as_str())
        .ok_or_else(|| AppError::field("survey", "panel.wave.survey_not_draft"))?;
    let v = surveys_db::current_version(&state.db, &s)
        .await
        .or_internal()?;
    surveys_db::questionnaire(&v)
        .or_internal()?
        .ready()
        .map_err(|_| AppError::field("survey", "panel.wave.survey_not_ready"))?;
    let seed = u64::from_le_bytes(random_bytes::<8>()) >> 1;
    let txn = state.db.begin().await.or_internal()?;
    if !surveys_db::make_panel_survey(&txn, s.id)
        .await
        .or_internal()?
    {
        return Err(AppError::field("survey", "panel.wave.survey_not_draft"));
    }
    let w = match db::insert(&txn, p.id, &plan, seed, staff.user_id, now).await {
        Ok(w) => w,
        Err(e) if crate::ssr::db::is_unique_violation(&e) => {
            return Err(AppError::field("survey", "panel.wave.survey_not_draft"));
        }
        Err(e) => return Err(e).or_internal(),
    };
    let sample = plan
        .sample_size
        .map_or_else(|| "all".to_string(), |n| n.to_string());
    record_transition(
        txn,
        &[],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "panel_wave_create",
            detail: &format!(
                "panel {} wave {} survey {} sample {sample} seed {seed}",
                p.id, w.id, s.id
            ),
        },
        now,
    )
    .await?;
    tracing::info!(panel_id = p.id, wave_id = w.id, "panel wave planned");
    Ok(w.id)
}

/// Invited and answered per age band, gender and district.
fn rate_tables(
    i: I18n,
    districts: &[String],
    invited: &BTreeMap<Stratum, u64>,
    answered: &BTreeMap<Stratum, u64>,
) -> Vec<RateTable> {
    let labels: [Vec<String>; 3] = [
        (0..AGE_BANDS.len() as u8)
            .map(|b| AgeBand(b).label())
            .collect(),
        Gender::ALL
            .iter()
            .map(|g| i.t(&format!("panel.gender.{}", g.as_str())))
            .collect(),
        districts.to_vec(),
    ];
    // The row of each variable's table a stratum falls in.
    let row = |variable: usize, s: &Stratum| match variable {
        0 => usize::from(s.age.0),
        1 => Gender::ALL.iter().position(|g| *g == s.gender).unwrap_or(0),
        _ => usize::from(s.district),
    };
    ["age", "gender", "district"]
        .iter()
        .enumerate()
        .map(|(v, variable)| {
            let mut rows: Vec<RateRow> = labels[v]
                .iter()
                .map(|label| RateRow {
                    label: label.clone(),
                    invited: 0,
                    answered: 0,
                })
                .collect();
            for (s, n) in invited {
                if let Some(r) = rows.get_mut(row(v, s)) {
                    r.invited += n;
                }
            }
            for (s, n) in answered {
                if let Some(r) = rows.get_mut(row(v, s)) {
                    r.answered += n;
                }
            }
            RateTable {
                variable: variable.to_string(),
                rows,
            }
        })
        .collect()
}

/// The panel's waves for its staff page: each with its survey, times and response rate, in all
/// and per group.
pub async fn list(state: &AppState, p: &panel::Model, i: I18n) -> Result<Vec<WaveItem>, AppError> {
    let districts = panels_db::districts(p).or_internal()?;
    let mut out = Vec::new();
    for w in db::of_panel(&state.db, p.id).await.or_internal()? {
        let s = surveys_db::find(&state.db, p.organisation_id, w.survey_id)
            .await
            .or_internal()?;
        let answered = db::answered_count(&state.db, w.survey_id)
            .await
            .or_internal()?;
        let rates = match &w.invited_strata {
            Some(json) => {
                let pseudonyms: Vec<String> = db::answered(&state.db, w.survey_id)
                    .await
                    .or_internal()?
                    .into_iter()
                    .collect();
                let mut by_stratum = BTreeMap::new();
                for s in panels_db::strata_of(&state.db, &pseudonyms)
                    .await
                    .or_internal()?
                    .into_values()
                {
                    *by_stratum.entry(s).or_insert(0u64) += 1;
                }
                rate_tables(i, &districts, &decode_strata(json), &by_stratum)
            }
            None => vec![],
        };
        out.push(WaveItem {
            id: w.id,
            survey_id: w.survey_id,
            survey_title: s.map(|s| s.title).unwrap_or_default(),
            status: WaveStatus::parse(&w.status).unwrap_or(WaveStatus::Scheduled),
            sample_size: w.sample_size.map(|n| n.max(0) as u32),
            opens_at: w.opens_at,
            closes_at: w.closes_at,
            reminders: db::reminders(&w),
            invited: w.invited.max(0) as u64,
            answered,
            seed: w.seed.to_string(),
            rates,
        });
    }
    Ok(out)
}

/// The response a member's link starts on its first visit (under the member's pseudonym, to
/// the survey's current version), or `None` when the token is no open wave's invitation of a
/// member still in the panel (`Conflict` once the wave has closed). A second visit at the same moment finds the first's.
pub async fn invited_response(
    state: &AppState,
    s: &survey::Model,
    token: &str,
) -> Result<Option<survey_response::Model>, AppError> {
    let hash = token_hash(token);
    let Some(inv) = db::invitation_by_token(&state.db, &hash)
        .await
        .or_internal()?
    else {
        return Ok(None);
    };
    let Some(w) = db::by_id(&state.db, inv.wave_id).await.or_internal()? else {
        return Ok(None);
    };
    if w.survey_id != s.id {
        return Ok(None);
    }
    if w.status != WaveStatus::Open.as_str() {
        return Err(AppError::Conflict("survey.answer.closed".into()));
    }
    let member = match inv.member_id {
        Some(id) => panels_db::member_by_id(&state.db, id).await.or_internal()?,
        None => None,
    };
    let Some(pseudonym) = member
        .filter(|m| m.status == MemberStatus::Active.as_str())
        .and_then(|m| m.pseudonym)
    else {
        return Ok(None);
    };
    let version = surveys_db::current_version(&state.db, s)
        .await
        .or_internal()?;
    let day = state
        .clock
        .now()
        .date_naive()
        .and_time(chrono::NaiveTime::MIN)
        .and_utc();
    match responses::start_for_member(&state.db, s.id, version.id, &hash, &pseudonym, day).await {
        Ok(r) => Ok(Some(r)),
        Err(e) if crate::ssr::db::is_unique_violation(&e) => {
            responses::by_token(&state.db, &hash).await.or_internal()
        }
        Err(e) => Err(e).or_internal(),
    }
}

/// Opens the waves whose time has come, reminds, and closes those past their closing time.
pub async fn run_due(state: &AppState) -> Result<(), AppError> {
    let now = state.clock.now();
    // Each wave on its own: one that fails (and is tried again next time) holds up no other.
    let report = |id: i32, r: Result<(), AppError>| {
        if let Err(e) = r {
            tracing::warn!(wave_id = id, error = %e, "panel wave step failed; will retry");
        }
    };
    for w in db::in_status(&state.db, WaveStatus::Scheduled)
        .await
        .or_internal()?
    {
        if w.opens_at <= now {
            let id = w.id;
            report(id, open(state, w, now).await);
        }
    }
    for w in db::in_status(&state.db, WaveStatus::Open)
        .await
        .or_internal()?
    {
        let id = w.id;
        if w.closes_at <= now {
            report(id, close(state, w, now).await);
        } else {
            report(id, remind(state, &w, now).await);
        }
    }
    Ok(())
}

struct Context {
    org: OrganisationDto,
    panel: panel::Model,
    survey: survey::Model,
}

async fn context(state: &AppState, w: &panel_wave::Model) -> Result<Option<Context>, AppError> {
    let Some(panel) = panels_db::by_id(&state.db, w.panel_id)
        .await
        .or_internal()?
    else {
        return Ok(None);
    };
    let Some(slug) = organisations::slug_of(&state.db, panel.organisation_id)
        .await
        .or_internal()?
    else {
        return Ok(None);
    };
    let Some(org) = organisations::find_by_slug(&state.db, &slug)
        .await
        .or_internal()?
    else {
        return Ok(None);
    };
    let Some(survey) = surveys_db::find(&state.db, org.id, w.survey_id)
        .await
        .or_internal()?
    else {
        return Ok(None);
    };
    Ok(Some(Context { org, panel, survey }))
}

/// The invitation (`reminder` 0) or reminder mail to a member.
fn mail(
    state: &AppState,
    c: &Context,
    w: &panel_wave::Model,
    m: &panel_member::Model,
    reminder: u32,
) -> Option<OutgoingMail> {
    let email = m.email.as_deref()?;
    let lang = c.org.written_standard.lang();
    let token = invitation_token(state.settings.secret(), w.id, m.id);
    let link = crate::paths::absolute(
        &state.settings.base_url,
        &crate::paths::survey_response(&c.org.slug, c.survey.id, &token, None),
    );
    let leave = leave_link::link(state, m.id);
    let ctx = serde_json::json!({
        "organisation": c.org.name,
        "panel": c.panel.name,
        "title": c.survey.title,
        "link": link,
        "deadline": crate::i18n::format::date_time(lang, w.closes_at),
        "unsubscribe": leave,
        "count": reminder,
    });
    match templates::render("panel_wave", lang, email, ctx) {
        Ok(mut mail) => {
            mail.unsubscribe = Some(leave);
            Some(mail)
        }
        Err(e) => {
            tracing::error!(error = %e, "panel wave mail does not render");
            None
        }
    }
}

/// Whom a wave goes to (every one of the active `members`, or a sub-sample of `size` drawn
/// with `seed` in proportion per stratum), and how many of them per stratum.
pub fn audience(
    members: Vec<(panel_member::Model, Stratum)>,
    size: Option<u64>,
    seed: u64,
) -> (Vec<panel_member::Model>, BTreeMap<Stratum, u64>) {
    let drawn = sub_sample(
        members.into_iter().map(|(m, s)| ((m, s), s)).collect(),
        size,
        seed,
    );
    let mut strata = BTreeMap::new();
    for (_, s) in &drawn {
        *strata.entry(*s).or_insert(0u64) += 1;
    }
    (drawn.into_iter().map(|(m, _)| m).collect(), strata)
}

async fn open(state: &AppState, w: panel_wave::Model, now: DateTime<Utc>) -> Result<(), AppError> {
    let Some(c) = context(state, &w).await? else {
        return Ok(());
    };
    // A deactivated organisation's waves wait: nobody could answer them.
    if c.org.deactivated_at.is_some() {
        return Ok(());
    }
    let txn = state.db.begin().await.or_internal()?;
    // Past its closing time before it could open (the worker was down): closed without
    // inviting anyone, and nobody is counted as having skipped it.
    if w.closes_at <= now {
        if db::advance(&txn, w.id, WaveStatus::Scheduled, WaveStatus::Closed, None)
            .await
            .or_internal()?
        {
            audit::record(
                &txn,
                Some(c.org.id),
                None,
                "panel_wave_missed",
                &format!("panel {} wave {}", w.panel_id, w.id),
                now,
            )
            .await
            .or_internal()?;
            txn.commit().await.or_internal()?;
            tracing::warn!(wave_id = w.id, "panel wave closed before it could open");
        }
        return Ok(());
    }
    if !db::advance(&txn, w.id, WaveStatus::Scheduled, WaveStatus::Open, None)
        .await
        .or_internal()?
    {
        return Ok(());
    }
    // The members as they are now, read after the wave is claimed.
    let members = panels_db::active_with_strata(&txn, w.panel_id)
        .await
        .or_internal()?;
    let (invitees, strata) = audience(
        members,
        w.sample_size.map(|n| n.max(0) as u64),
        w.seed as u64,
    );
    db::set_invited(&txn, w.id, &strata).await.or_internal()?;
    let rows: Vec<(i32, String)> = invitees
        .iter()
        .map(|m| {
            let token = invitation_token(state.settings.secret(), w.id, m.id);
            (m.id, token_hash(&token))
        })
        .collect();
    db::invite(&txn, w.id, &rows, now).await.or_internal()?;
    let mails: Vec<OutgoingMail> = invitees
        .iter()
        .filter_map(|m| mail(state, &c, &w, m, 0))
        .collect();
    queue::enqueue_many(&txn, &mails, now).await.or_internal()?;
    surveys_db::set_status(&txn, c.survey.clone(), SurveyStatus::Open, Some(false), now)
        .await
        .or_internal()?;
    audit::record(
        &txn,
        Some(c.org.id),
        None,
        "panel_wave_open",
        &format!(
            "panel {} wave {} invited {}",
            w.panel_id,
            w.id,
            invitees.len()
        ),
        now,
    )
    .await
    .or_internal()?;
    txn.commit().await.or_internal()?;
    tracing::info!(
        wave_id = w.id,
        invited = invitees.len(),
        "panel wave opened"
    );
    Ok(())
}

async fn remind(
    state: &AppState,
    w: &panel_wave::Model,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let days = db::reminders(w);
    if days.is_empty() {
        return Ok(());
    }
    let invitees = db::invitees(&state.db, w.id).await.or_internal()?;
    let answered = db::answered(&state.db, w.survey_id).await.or_internal()?;
    // At least a day after the last mail, also when a wave opened late.
    let rested =
        |at: Option<DateTime<Utc>>| at.is_none_or(|t| now - t >= chrono::Duration::days(1));
    let due: Vec<_> = invitees
        .into_iter()
        .filter(|(i, m)| {
            m.status == MemberStatus::Active.as_str()
                && m.pseudonym.as_ref().is_some_and(|p| !answered.contains(p))
                && reminder_due(&days, w.opens_at, i.reminders.max(0) as u32, now)
                && rested(i.mailed_at)
        })
        .collect();
    if due.is_empty() {
        return Ok(());
    }
    let Some(c) = context(state, w).await? else {
        return Ok(());
    };
    if c.org.deactivated_at.is_some() {
        return Ok(());
    }
    // Reminders go out in turn: each invitation moves from its count to the next, claimed
    // by the conditional update, so that two processes never send the same one.
    for n in 1..=days.len() as i16 {
        let batch: Vec<&(_, panel_member::Model)> =
            due.iter().filter(|(i, _)| i.reminders == n - 1).collect();
        if batch.is_empty() {
            continue;
        }
        let txn = state.db.begin().await.or_internal()?;
        if !claim(&txn, w.id).await.or_internal()? {
            // Closed meanwhile by another process.
            return Ok(());
        }
        let ids: Vec<i64> = batch.iter().map(|(i, _)| i.id).collect();
        if db::reminded(&txn, &ids, n, now).await.or_internal()? != ids.len() as u64 {
            // Another process got there first: leave this round to it.
            continue;
        }
        let mails: Vec<OutgoingMail> = batch
            .iter()
            .filter_map(|(_, m)| mail(state, &c, w, m, n as u32))
            .collect();
        queue::enqueue_many(&txn, &mails, now).await.or_internal()?;
        txn.commit().await.or_internal()?;
        tracing::info!(
            wave_id = w.id,
            reminder = n,
            sent = mails.len(),
            "panel wave reminders"
        );
    }
    Ok(())
}

/// Holds the wave's row for the transaction (PostgreSQL): two processes reminding at once
/// take turns, and the second finds the invitations moved on. `false` when it is no longer
/// open.
async fn claim(db: &impl ConnectionTrait, wave_id: i32) -> Result<bool, DbErr> {
    db::advance(db, wave_id, WaveStatus::Open, WaveStatus::Open, None).await
}

async fn close(state: &AppState, w: panel_wave::Model, now: DateTime<Utc>) -> Result<(), AppError> {
    let Some(c) = context(state, &w).await? else {
        return Ok(());
    };
    let txn = state.db.begin().await.or_internal()?;
    if !db::advance(&txn, w.id, WaveStatus::Open, WaveStatus::Closed, None)
        .await
        .or_internal()?
    {
        return Ok(());
    }
    // A member's unfinished answers can no longer be sent.
    db::delete_unsent(&txn, w.survey_id).await.or_internal()?;
    let answered = db::answered(&txn, w.survey_id).await.or_internal()?;
    // A deactivated organisation's wave could not be answered: nobody skipped it.
    let limit = c.panel.skip_limit.max(0) as u32;
    let counts = c.org.deactivated_at.is_none();
    let mut answered_ids = Vec::new();
    let mut skipped: BTreeMap<i32, Vec<i32>> = BTreeMap::new();
    let mut retire = Vec::new();
    for (_, m) in db::invitees(&txn, w.id).await.or_internal()? {
        if !counts || m.status != MemberStatus::Active.as_str() {
            continue;
        }
        let did = m.pseudonym.as_ref().is_some_and(|p| answered.contains(p));
        let (n, retired) = after_wave(m.skipped_in_row.max(0) as u32, did, limit);
        if retired {
            retire.push(m);
        } else if did {
            answered_ids.push(m.id);
        } else {
            skipped.entry(n as i32).or_default().push(m.id);
        }
    }
    db::set_skipped(&txn, &answered_ids, 0)
        .await
        .or_internal()?;
    for (n, ids) in &skipped {
        db::set_skipped(&txn, ids, *n).await.or_internal()?;
    }
    let mut retired = 0;
    for m in retire {
        // As the member is now: one who left meanwhile stays left.
        let Some(m) = panels_db::member_by_id(&txn, m.id)
            .await
            .or_internal()?
            .filter(|m| m.status == MemberStatus::Active.as_str())
        else {
            continue;
        };
        panels_db::end(&txn, m, MemberStatus::Retired, KeepAnswers::Anonymised, now)
            .await
            .or_internal()?;
        retired += 1;
    }
    if c.survey.status == SurveyStatus::Open.as_str() {
        surveys_db::set_status(&txn, c.survey.clone(), SurveyStatus::Closed, None, now)
            .await
            .or_internal()?;
    }
    audit::record(
        &txn,
        Some(c.org.id),
        None,
        "panel_wave_close",
        &format!(
            "panel {} wave {} answered {} retired {retired}",
            w.panel_id,
            w.id,
            answered.len()
        ),
        now,
    )
    .await
    .or_internal()?;
    txn.commit().await.or_internal()?;
    tracing::info!(wave_id = w.id, retired, "panel wave closed");
    Ok(())
}

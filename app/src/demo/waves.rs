//! Two completed waves of the demo panel, each closed with its results published: "Kommunens
//! tjenester" to every member eight weeks ago, and "Klima og transport" to a stratified
//! sub-sample of 150 three weeks ago. Younger members answer less often than older ones (as in
//! real panels, so that weighting has something to correct); those who did not answer were
//! reminded twice, and have skipped one or two waves in a row.

use super::surveys::{questionnaire, respondent};
use crate::domain::survey::SurveyFacts;
use crate::domain::survey::SurveyStatus;
use crate::domain::survey::sampling::SplitMix64;
use crate::domain::survey::wave::{WavePlan, WaveStatus, after_wave};
use crate::ssr::db::panels::{self as panels_db, waves as db};
use crate::ssr::db::surveys::{self as surveys_db, responses};
use crate::ssr::security::tokens::token_hash;
use crate::ssr::services::panels::waves::{audience, invitation_token};
use crate::ssr::state::AppState;
use chrono::Duration;
use sea_orm::DbErr;
use std::collections::BTreeMap;

/// The waves' surveys (tests find them by their titles).
pub const WAVE_SURVEYS: [&str; 2] = [
    "Panelet: kommunens tjenester 2026",
    "Panelet: klima og transport",
];

pub async fn seed(state: &AppState, kommune: i32, panel: i32, officer: i32) -> Result<(), DbErr> {
    let now = state.clock.now();
    let qs = questionnaire();
    let ids: Vec<u32> = qs.questions().map(|q| q.id).collect();
    let members = panels_db::active_with_strata(&state.db, panel).await?;
    let mut skipped: BTreeMap<i32, u32> = BTreeMap::new();
    let waves = [
        (WAVE_SURVEYS[0], None, 56, 20_261_101_u64),
        (WAVE_SURVEYS[1], Some(150), 21, 20_261_102_u64),
    ];
    let mut rng = SplitMix64::new(20_261_205);
    for (title, size, days_ago, seed) in waves {
        let facts = SurveyFacts {
            title: title.into(),
            intro: "Takk for at du er med i innbyggerpanelet. Undersøkelsen tar om lag fem \
                    minutter."
                .into(),
            one_per_person: false,
            min_cell: None,
        };
        let id = surveys_db::insert(&state.db, kommune, &facts, &qs, officer, now).await?;
        surveys_db::make_panel_survey(&state.db, id).await?;
        let opens_at = now - Duration::days(days_ago);
        let plan = WavePlan {
            survey_id: id,
            sample_size: size,
            opens_at,
            closes_at: opens_at + Duration::days(14),
            reminders: vec![5, 10],
        };
        let w = db::insert(&state.db, panel, &plan, seed >> 1, officer, opens_at).await?;
        let (invitees, strata) = audience(members.clone(), size.map(u64::from), seed >> 1);
        db::advance(
            &state.db,
            w.id,
            WaveStatus::Scheduled,
            WaveStatus::Closed,
            Some(&strata),
        )
        .await?;
        let rows: Vec<(i32, String)> = invitees
            .iter()
            .map(|m| {
                let t = invitation_token(state.settings.secret(), w.id, m.id);
                (m.id, token_hash(&t))
            })
            .collect();
        db::invite(&state.db, w.id, &rows, opens_at).await?;
        let Some(s) = surveys_db::find(&state.db, kommune, id).await? else {
            continue;
        };
        surveys_db::set_status(&state.db, s.clone(), SurveyStatus::Open, None, opens_at).await?;
        let version = surveys_db::current_version(&state.db, &s).await?;
        let band: BTreeMap<i32, u8> = members.iter().map(|(m, s)| (m.id, s.age.0)).collect();
        for (m, (_, hash)) in invitees.iter().zip(&rows) {
            // From about one in three of the youngest to nine in ten of the oldest.
            let chance = 30 + 8 * u64::from(band.get(&m.id).copied().unwrap_or(0));
            let answers = rng.below(100) < chance;
            let n = skipped.entry(m.id).or_insert(0);
            *n = after_wave(*n, answers, 3).0;
            let Some(p) = m.pseudonym.as_deref().filter(|_| answers) else {
                continue;
            };
            let day = (opens_at + Duration::days(1 + rng.below(12) as i64))
                .date_naive()
                .and_time(chrono::NaiveTime::MIN)
                .and_utc();
            let r = responses::start_for_member(&state.db, id, version.id, hash, p, day).await?;
            let a = respondent(&qs, &mut rng);
            responses::save_section(&state.db, r.id, &ids, &a, 1).await?;
            responses::submit(&state.db, r.id, day).await?;
        }
        responses::mark_answered(&state.db, version.id).await?;
        // Those who did not answer were reminded after five and ten days.
        let answered = db::answered(&state.db, id).await?;
        let silent: Vec<i64> = db::invitees(&state.db, w.id)
            .await?
            .into_iter()
            .filter(|(_, m)| m.pseudonym.as_ref().is_none_or(|p| !answered.contains(p)))
            .map(|(i, _)| i.id)
            .collect();
        for n in 1..=2 {
            db::reminded(
                &state.db,
                &silent,
                n,
                opens_at + Duration::days(5 * i64::from(n)),
            )
            .await?;
        }
        if let Some(s) = surveys_db::find(&state.db, kommune, id).await? {
            surveys_db::set_status(&state.db, s, SurveyStatus::Closed, Some(true), now).await?;
        }
    }
    let mut by_count: BTreeMap<u32, Vec<i32>> = BTreeMap::new();
    for (m, n) in skipped {
        by_count.entry(n).or_default().push(m);
    }
    for (n, ids) in by_count {
        db::set_skipped(&state.db, &ids, n as i32).await?;
    }
    Ok(())
}

//! Demo initiatives in each status, with signatures from the ID-porten stand-in's synthetic
//! persons (Kari Nordmann has signed none, so a newcomer can sign as her): one collecting, one
//! submitted and waiting for the council, one decided long ago (its signer data deleted, the
//! counts kept), and one waiting for screening.

use crate::domain::initiative::{InitiativeStatus, decision_due};
use crate::domain::national_id::NationalId;
use crate::ssr::db::citizens::{self, LoginIdentity};
use crate::ssr::db::entities::initiative;
use crate::ssr::db::initiatives::{self as db, Proposal};
use crate::ssr::db::signatures::{self, NewSignature};
use crate::ssr::residency::RegisteredPerson;
use crate::ssr::state::AppState;
use chrono::{Duration, NaiveDate};
use chrono_tz::Europe::Oslo;
use sea_orm::{ActiveModelTrait, DbErr, EntityTrait, Set};

pub(super) async fn person(
    state: &AppState,
    id: &str,
    pid: &str,
) -> Result<(i32, Option<RegisteredPerson>), DbErr> {
    let national_id = NationalId::parse(pid, true).map_err(|e| DbErr::Custom(e.to_string()))?;
    let registered = state
        .residency
        .lookup(&national_id, None)
        .await
        .ok()
        .flatten();
    let name = registered
        .as_ref()
        .map(|p| p.name.clone())
        .unwrap_or_default();
    let (given, family) = name.split_once(' ').unwrap_or((&name, ""));
    let hash = crate::ssr::security::pid::pid_hash(state.settings.pid_key(), &national_id);
    let person_id = citizens::upsert_person(
        &state.db,
        &LoginIdentity {
            issuer: "demo",
            subject: id,
            pid_hash: Some(&hash),
            given_name: Some(given),
            family_name: Some(family),
            lang: "nb",
        },
        state.clock.now(),
    )
    .await?;
    citizens::set_email(&state.db, person_id, Some(&format!("{id}@eksempel.no"))).await?;
    Ok((person_id, registered))
}

async fn sign(
    state: &AppState,
    i: &initiative::Model,
    pid: &str,
    paper: bool,
    ago: Duration,
) -> Result<(), DbErr> {
    let national_id = NationalId::parse(pid, true).map_err(|e| DbErr::Custom(e.to_string()))?;
    let Some(p) = state
        .residency
        .lookup(&national_id, None)
        .await
        .ok()
        .flatten()
    else {
        return Ok(());
    };
    let hash = crate::ssr::security::pid::pid_hash(state.settings.pid_key(), &national_id);
    let now = state.clock.now() - ago;
    signatures::insert_signature(
        &state.db,
        NewSignature {
            initiative_id: i.id,
            organisation_id: i.organisation_id,
            pid_hash: &hash,
            paper,
            person_id: None,
            name: Some(&p.name),
            birth_date: p.birth_date,
            address: p.address.as_deref(),
            kommunenummer: p.kommunenummer.as_deref(),
            notify: false,
            entered_by: None,
        },
        now.with_timezone(&Oslo).date_naive(),
        now,
    )
    .await?;
    Ok(())
}

/// `n` paper signatures of people the register knows (synthetic hashes and names), so that a
/// demo initiative can have passed its threshold.
async fn paper_crowd(state: &AppState, i: &initiative::Model, n: usize) -> Result<(), DbErr> {
    let now = state.clock.now() - Duration::days(30);
    for k in 0..n {
        let hash = format!(
            "{:064x}",
            0xdeu64 * 1_000_000 + i.id as u64 * 10_000 + k as u64
        );
        signatures::insert_signature(
            &state.db,
            NewSignature {
                initiative_id: i.id,
                organisation_id: i.organisation_id,
                pid_hash: &hash,
                paper: true,
                person_id: None,
                name: Some(&format!("Demoperson {:03}", k + 1)),
                birth_date: NaiveDate::from_ymd_opt(
                    1950 + (k % 50) as i32,
                    1 + (k % 12) as u32,
                    1 + (k % 28) as u32,
                ),
                address: Some("Eksempelvegen 1, 9999 Eksempelby"),
                kommunenummer: Some("9999"),
                notify: false,
                entered_by: None,
            },
            now.with_timezone(&Oslo).date_naive(),
            now,
        )
        .await?;
    }
    Ok(())
}

async fn initiative(
    state: &AppState,
    org: i32,
    proposer: i32,
    title: &str,
    ask: &str,
    status: InitiativeStatus,
    ends_in: Duration,
) -> Result<initiative::Model, DbErr> {
    let today = state.clock.today();
    let id = db::insert(
        &state.db,
        org,
        proposer,
        Proposal {
            title: title.into(),
            ask: ask.into(),
            justification: "Mange innbyggere har ønsket dette lenge, og det koster lite sammenliknet med nytten. Forslaget er drøftet på et åpent møte i velforeningen.".into(),
            collection_ends: today + ends_in,
            contact_email: "forslagsstiller@eksempel.no".into(),
            lang: crate::domain::lang::Lang::Nb,
        },
        state.clock.now() - Duration::days(60),
    )
    .await?;
    let m = initiative::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("seeded initiative".into()))?;
    let mut am: initiative::ActiveModel = m.into();
    am.status = Set(status.as_str().into());
    if status.is_public() {
        am.published_at = Set(Some(state.clock.now() - Duration::days(55)));
    }
    am.update(&state.db).await
}

pub async fn seed(state: &AppState, kommune: i32) -> Result<(), DbErr> {
    let days = Duration::days;
    let (ola, _) = person(state, "ola-nordmann", "15868523589").await?;
    let (ingrid, _) = person(state, "ingrid-hansen", "09835234565").await?;
    let today = state.clock.today();

    let collecting = initiative(state, kommune, ola, "Gratis parkering i sentrum på lørdager",
        "Kommunestyret bes innføre gratis parkering på kommunale plasser i sentrum på lørdager fra 1. mars.",
        InitiativeStatus::Collecting, days(120)).await?;
    for (pid, paper) in [
        ("15868523589", false),
        ("09835234565", false),
        ("30917245750", false),
        ("21879816820", false),
        ("14826727900", false),
        ("05851151291", true),
        ("63848838901", true),
    ] {
        sign(state, &collecting, pid, paper, days(10)).await?;
    }

    let submitted = initiative(
        state,
        kommune,
        ingrid,
        "Lengre åpningstid på biblioteket",
        "Kommunestyret bes holde hovedbiblioteket åpent til kl. 22 på hverdager.",
        InitiativeStatus::Collecting,
        days(30),
    )
    .await?;
    // Signed while it collected, then submitted 20 days ago.
    for pid in ["09835234565", "15868523589", "30917245750"] {
        sign(state, &submitted, pid, false, days(40)).await?;
    }
    paper_crowd(state, &submitted, 300).await?;
    let on = today - days(20);
    let mut am: initiative::ActiveModel = submitted.into();
    am.status = Set(InitiativeStatus::Submitted.as_str().into());
    am.collection_ends = Set(on);
    am.submitted_at = Set(Some(state.clock.now() - days(20)));
    am.decision_due = Set(Some(decision_due(on)));
    am.update(&state.db).await?;

    let decided = initiative(state, kommune, ola, "Skatepark ved Eksempel skole",
        "Kommunestyret bes sette av penger til en skatepark ved Eksempel skole i budsjettet for 2027.",
        InitiativeStatus::Decided, -days(400)).await?;
    let mut am: initiative::ActiveModel = decided.into();
    am.submitted_at = Set(Some(state.clock.now() - days(380)));
    am.decision_due = Set(Some(decision_due(today - days(380))));
    am.outcome_text = Set(Some(
        "Kommunestyret vedtok å bygge skateparken i 2027 og satte av 2 millioner kroner.".into(),
    ));
    am.outcome_date = Set(Some(today - days(300)));
    am.minutes_url = Set(Some(
        "https://eksempel.kommune.no/politikk/moter/2025-11-20/protokoll".into(),
    ));
    am.final_online = Set(Some(284));
    am.final_paper = Set(Some(41));
    am.signer_data_deleted_at = Set(Some(state.clock.now() - days(5)));
    am.update(&state.db).await?;

    let screening = initiative(
        state,
        kommune,
        ingrid,
        "Flere benker langs elvepromenaden",
        "Kommunestyret bes sette opp ti nye benker langs elvepromenaden.",
        InitiativeStatus::Screening,
        days(180),
    )
    .await?;
    let mut am: initiative::ActiveModel = screening.into();
    am.sent_to_screening_at = Set(Some(state.clock.now() - days(2)));
    am.screening_due = Set(Some(today + days(12)));
    am.update(&state.db).await?;
    Ok(())
}

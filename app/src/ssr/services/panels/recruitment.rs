//! Recruiting a panel by probability sample. Staff set targets per stratum (`save_targets`);
//! a draw (`draw`) invites, within each stratum, a simple random sample without replacement of
//! the residents the population register lists — as many as the stratum needs to reach its
//! target at its enrolment rate, nobody drawn before and no member — with a random seed kept
//! in the audit log. Each is asked through KRR how they may be reached: by email where it gives
//! a usable address and the person is not reserved, else by letter (`letters`, a printable
//! page and a CSV for a print house). Each invitation carries a personal enrolment code, with
//! which the invitee joins without logging in (`enrol_with_code`); one who logs in with
//! ID-porten instead joins through the panel's page and their invitation is counted too. Later
//! draws top the panel up towards the same targets. The worker lapses invitations after
//! `INVITATION_DAYS`, forgetting the address, name and postal address (`run_due`).
//!
//! The register here is `PopulationSource`: outside production the synthetic population of the
//! organisation's number; in production a Folkeregisteret extract is designed (README,
//! "Panels") but not connected, and a draw is refused with that said.

use super::{EDITORS, member_hash, panel_of, staff_org};
use crate::domain::email::Email;
use crate::domain::field_errors::FieldErrors;
use crate::domain::survey::panel::Enrolment;
use crate::domain::survey::population::{self, SyntheticResident};
use crate::domain::survey::recruitment::{
    CODE_LEN, CodeEnrolForm, INVITATION_DAYS, TargetForm, code_from, display_code, enrolment_rate,
    normalise_code, to_invite,
};
use crate::domain::survey::sampling;
use crate::domain::survey::strata::{AgeBand, Gender, Stratum};
use crate::domain::survey::wave::encode_strata;
use crate::dto::panels::{CodeInvitation, DrawItem, Letter, LetterSheet, Recruitment, TargetRow};
use crate::error::AppError;
use crate::i18n::I18n;
use crate::ssr::OrInternal;
use crate::ssr::contact::Reach;
use crate::ssr::db::entities::{panel, panel_invitee};
use crate::ssr::db::panels::recruitment::{self as db, ENROLLED, NewInvitee};
use crate::ssr::db::panels::{self as panels_db};
use crate::ssr::db::{audit, organisations};
use crate::ssr::mail::{OutgoingMail, templates};
use crate::ssr::security::auth::Staff;
use crate::ssr::security::pid::pid_hash;
use crate::ssr::security::seal::keyed_hash;
use crate::ssr::security::tokens::random_bytes;
use crate::ssr::services::{Audit, commit_with_mails, record_transition};
use crate::ssr::state::AppState;
use chrono::{DateTime, Duration, Utc};
use sea_orm::TransactionTrait;
use std::collections::{BTreeMap, HashSet};

/// Invitee rows (the keyed hash and the stratum, so nobody is drawn twice) are kept this long
/// after their draw.
pub const KEEP_DRAWN_DAYS: i64 = 365;

/// The enrolment code of a person drawn for a panel: derived from the panel, the draw's seed
/// and the person under the installation's secret, so the letter list can be printed again
/// without any code being kept (the invitee row keeps only a keyed hash of it), and a later
/// draw of the same person gives another code.
pub fn enrolment_code(secret: &[u8], panel_id: i32, seed: i64, person_hash: &str) -> String {
    let hex = keyed_hash(
        secret,
        &[
            b"innspill-panel-enrol:",
            panel_id.to_string().as_bytes(),
            b":",
            seed.to_string().as_bytes(),
            b":",
            person_hash.as_bytes(),
        ],
    );
    let bytes: Vec<u8> = (0..CODE_LEN)
        .filter_map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok())
        .collect();
    code_from(&bytes)
}

/// What is kept of a code: a keyed hash (50 bits of code would not withstand a search of an
/// unkeyed one by whoever had a copy of the database).
fn code_hash(secret: &[u8], code: &str) -> String {
    keyed_hash(secret, &[b"panel-enrol-code:", code.as_bytes()])
}

/// The invitee's stratum, as the register gave it.
fn stratum(i: &panel_invitee::Model) -> Option<Stratum> {
    Some(Stratum {
        age: AgeBand(u8::try_from(i.age_band).ok()?),
        gender: Gender::parse(&i.gender)?,
        district: u16::try_from(i.district).ok()?,
    })
}

/// The residents the panel's sample is drawn from, where a register is connected.
fn frame(state: &AppState, number: &str) -> Option<std::sync::Arc<Vec<SyntheticResident>>> {
    super::views::population_of(state, number)
}

/// Saves the panel's targets.
pub async fn save_targets(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    form: &TargetForm,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let p = panel_of(state, &org, id).await?;
    let targets = form.parse()?;
    let now = state.clock.now();
    let txn = state.db.begin().await.or_internal()?;
    db::set_targets(&txn, p, &targets, now)
        .await
        .or_internal()?;
    record_transition(
        txn,
        &[],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "panel_targets",
            detail: &format!("panel {id}"),
        },
        now,
    )
    .await
}

/// One stratum's place against its target.
struct PlanRow {
    stratum: Stratum,
    population: u64,
    target: u64,
    members: u64,
    open: u64,
    rate: f64,
    to_invite: u64,
}

/// Every stratum of the population against the panel's targets.
async fn plan(
    state: &AppState,
    p: &panel::Model,
    population: &BTreeMap<Stratum, u64>,
) -> Result<Vec<PlanRow>, AppError> {
    let Some(targets) = db::targets(p) else {
        return Ok(Vec::new());
    };
    let cells = targets.cells(population);
    let members = panels_db::composition(&state.db, p.id)
        .await
        .or_internal()?;
    let invitations = db::by_stratum(&state.db, p.id).await.or_internal()?;
    Ok(population
        .iter()
        .map(|(s, pop)| {
            let inv = invitations.get(s).copied().unwrap_or_default();
            let m = members.get(s).copied().unwrap_or(0);
            let target = cells.get(s).copied().unwrap_or(0);
            let rate = enrolment_rate(inv.enrolled, inv.ended, targets.expected_rate);
            PlanRow {
                stratum: *s,
                population: *pop,
                target,
                members: m,
                open: inv.open,
                rate,
                to_invite: to_invite(target, m, inv.open, rate),
            }
        })
        .collect())
}

/// The recruitment part of the panel's staff page.
pub async fn view(
    state: &AppState,
    p: &panel::Model,
    i: I18n,
    districts: &[String],
    population: Option<&BTreeMap<Stratum, u64>>,
) -> Result<Recruitment, AppError> {
    let rows = match population {
        Some(pop) => plan(state, p, pop).await?,
        None => Vec::new(),
    };
    let draws = db::draws(&state.db, p.id)
        .await
        .or_internal()?
        .into_iter()
        .map(|(d, enrolled)| DrawItem {
            id: d.id,
            drawn_at: d.created_at,
            expires_at: d.expires_at,
            seed: d.seed.to_string(),
            invited: d.invited.max(0) as u64,
            by_email: d.by_email.max(0) as u64,
            by_letter: d.by_letter.max(0) as u64,
            enrolled,
        })
        .collect();
    Ok(Recruitment {
        targets: db::targets(p).map(|t| t.form()),
        next_draw: rows.iter().map(|r| r.to_invite).sum(),
        rows: rows
            .into_iter()
            .filter(|r| r.target > 0 || r.members > 0)
            .map(|r| TargetRow {
                age: r.stratum.age.label(),
                gender: i.t(&format!("panel.gender.{}", r.stratum.gender.as_str())),
                district: districts
                    .get(usize::from(r.stratum.district))
                    .cloned()
                    .unwrap_or_default(),
                population: r.population,
                target: r.target,
                members: r.members,
                open: r.open,
                rate: r.rate,
                to_invite: r.to_invite,
            })
            .collect(),
        draws,
    })
}

/// The invitation mail to a drawn resident.
fn invitation_mail(
    org: &crate::dto::organisations::OrganisationDto,
    p: &panel::Model,
    base_url: &str,
    email: &str,
    code: &str,
    expires_at: DateTime<Utc>,
) -> Result<OutgoingMail, AppError> {
    let lang = org.written_standard.lang();
    let link = crate::paths::absolute(base_url, &crate::paths::panel_enrol(Some(code)));
    templates::render(
        "panel_recruit",
        lang,
        email,
        serde_json::json!({
            "organisation": org.name,
            "panel": p.name,
            "summary": p.purpose,
            "link": link,
            "code": display_code(code),
            "expires": crate::i18n::format::date_time(lang, expires_at),
        }),
    )
    .map_err(crate::ssr::internal)
}

/// The most invitations one draw may send (a larger need is met by several draws, or by a
/// higher expected enrolment rate).
pub const MAX_INVITES_PER_DRAW: u64 = 10_000;

/// Draws residents towards the targets and invites them; the draw's id. `confirm` is the
/// ticked box that says staff mean it (a draw mails and prints at once and cannot be undone).
pub async fn draw(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    confirm: bool,
) -> Result<i32, AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let p = panel_of(state, &org, id).await?;
    if !confirm {
        return Err(AppError::field("confirm", "panel.draw.confirm_missing"));
    }
    let seen = p.draws;
    if org.deactivated_at.is_some() {
        return Err(AppError::Conflict("org.deactivated_refusal".into()));
    }
    if db::targets(&p).is_none() {
        return Err(AppError::Conflict("panel.draw.no_targets".into()));
    }
    let people = frame(state, &org.number)
        .ok_or_else(|| AppError::Conflict("panel.draw.no_register".into()))?;
    let now = state.clock.now();
    let today = now.date_naive();
    let districts = panels_db::districts(&p).or_internal()?.len();
    let population = population::counts(&people, today, districts);
    let wanted: BTreeMap<Stratum, u64> = plan(state, &p, &population)
        .await?
        .into_iter()
        .filter(|r| r.to_invite > 0)
        .map(|r| (r.stratum, r.to_invite))
        .collect();
    if wanted.is_empty() {
        return Err(AppError::Conflict("panel.draw.at_target".into()));
    }
    if wanted.values().sum::<u64>() > MAX_INVITES_PER_DRAW {
        return Err(AppError::Conflict("panel.draw.too_many".into()));
    }
    // Nobody drawn before (while their row is kept) and no member.
    let mut taken: HashSet<String> = db::drawn_hashes(&state.db, p.id).await.or_internal()?;
    taken.extend(
        panels_db::active_with_strata(&state.db, p.id)
            .await
            .or_internal()?
            .into_iter()
            .filter_map(|(m, _)| m.person_hash),
    );
    let mut pools: BTreeMap<Stratum, Vec<(usize, String)>> = BTreeMap::new();
    for (n, r) in people.iter().enumerate() {
        let Some(s) = r.stratum(today, districts) else {
            continue;
        };
        if !wanted.contains_key(&s) {
            continue;
        }
        let hash = member_hash(
            state,
            p.id,
            &pid_hash(state.settings.pid_key(), &r.national_id),
        );
        if !taken.contains(&hash) {
            pools.entry(s).or_default().push((n, hash));
        }
    }
    let strata: Vec<Stratum> = pools.keys().copied().collect();
    let groups: Vec<Vec<(usize, String)>> = pools.into_values().collect();
    let sizes: Vec<u64> = strata.iter().map(|s| wanted[s]).collect();
    let seed = u64::from_le_bytes(random_bytes::<8>()) >> 1;
    let drawn: Vec<(Stratum, usize, String)> = sampling::draw(&groups, &sizes, seed)
        .into_iter()
        .zip(&strata)
        .flat_map(|(g, s)| g.into_iter().map(move |(n, h)| (*s, n, h)))
        .collect();
    if drawn.is_empty() {
        return Err(AppError::Conflict("panel.draw.none_left".into()));
    }
    // How each may be reached, asked of KRR in batches; a register that does not answer stops
    // the draw with nothing stored.
    let orgnr = organisations::model_by_slug(&state.db, slug)
        .await
        .or_internal()?
        .and_then(|m| m.orgnr);
    let mut reach = Vec::with_capacity(drawn.len());
    for chunk in drawn.chunks(1000) {
        let ids: Vec<_> = chunk
            .iter()
            .map(|(_, n, _)| people[*n].national_id.clone())
            .collect();
        reach.extend(
            state
                .contacts
                .reach(&ids, orgnr.as_deref(), now)
                .await
                .map_err(|e| {
                    tracing::warn!(error = %e, "contact register unavailable for a panel draw");
                    AppError::Conflict("panel.draw.krr_unavailable".into())
                })?,
        );
    }
    let expires_at = now + Duration::days(INVITATION_DAYS);
    let mut invitees = Vec::with_capacity(drawn.len());
    let mut mails = Vec::new();
    let mut counts: BTreeMap<Stratum, u64> = BTreeMap::new();
    for ((s, n, hash), how) in drawn.into_iter().zip(reach) {
        let r = &people[n];
        let code = enrolment_code(state.settings.secret(), p.id, seed as i64, &hash);
        *counts.entry(s).or_insert(0) += 1;
        let (email, name, address) = match how {
            Reach::Email(e) => {
                mails.push(invitation_mail(
                    &org,
                    &p,
                    &state.settings.base_url,
                    &e,
                    &code,
                    expires_at,
                )?);
                (Some(e), None, None)
            }
            Reach::Paper => (None, Some(r.name.clone()), Some(r.address.clone())),
        };
        invitees.push(NewInvitee {
            person_hash: hash,
            stratum: s,
            code_hash: code_hash(state.settings.secret(), &code),
            email,
            name,
            address,
        });
    }
    let txn = state.db.begin().await.or_internal()?;
    if !db::claim_draw(&txn, p.id, seen).await.or_internal()? {
        return Err(AppError::Conflict("panel.draw.concurrent".into()));
    }
    let d = match db::insert_draw(
        &txn,
        p.id,
        seed,
        &invitees,
        encode_strata(&counts),
        expires_at,
        staff.user_id,
        now,
    )
    .await
    {
        Ok(d) => d,
        Err(e) if crate::ssr::db::is_unique_violation(&e) => {
            return Err(AppError::Conflict("panel.draw.concurrent".into()));
        }
        Err(e) => return Err(e).or_internal(),
    };
    record_transition(
        txn,
        &mails,
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "panel_draw",
            detail: &format!(
                "panel {} draw {} invited {} by email {} by letter {} seed {seed}",
                p.id, d.id, d.invited, d.by_email, d.by_letter
            ),
        },
        now,
    )
    .await?;
    tracing::info!(
        panel_id = p.id,
        draw_id = d.id,
        invited = d.invited,
        "panel sample drawn"
    );
    Ok(d.id)
}

/// The open letters of one draw, for printing: seen only by those who run panels, and every
/// view is in the audit log.
pub async fn letters(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    draw_id: i32,
) -> Result<LetterSheet, AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let p = panel_of(state, &org, id).await?;
    let d = db::draw(&state.db, p.id, draw_id)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let rows = db::letters(&state.db, d.id).await.or_internal()?;
    audit::record(
        &state.db,
        Some(org.id),
        Some(staff.user_id),
        "panel_letters",
        &format!("panel {} draw {} letters {}", p.id, d.id, rows.len()),
        state.clock.now(),
    )
    .await
    .or_internal()?;
    Ok(LetterSheet {
        organisation_name: org.name.clone(),
        content_lang: org.written_standard.lang(),
        enrol_url: crate::paths::absolute(
            &state.settings.base_url,
            &crate::paths::panel_enrol(None),
        ),
        expires_at: d.expires_at,
        letters: rows
            .into_iter()
            .map(|r| Letter {
                code: display_code(&enrolment_code(
                    state.settings.secret(),
                    p.id,
                    d.seed,
                    &r.person_hash,
                )),
                name: r.name.unwrap_or_default(),
                address: r.address.unwrap_or_default(),
            })
            .collect(),
        panel_name: p.name,
        purpose: p.purpose,
    })
}

/// The open letters of one draw as a CSV for a print house's mail merge (name, postal address,
/// code, the address to enrol at, the last day).
pub async fn letters_csv(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    draw_id: i32,
) -> Result<Vec<u8>, AppError> {
    let sheet = letters(state, staff, slug, id, draw_id).await?;
    let i = I18n(sheet.content_lang);
    let header = [
        i.t("panel.letters.name"),
        i.t("panel.letters.address"),
        i.t("panel.letters.code"),
        i.t("panel.letters.url"),
        i.t("panel.letters.expires"),
    ];
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let expires = crate::i18n::format::date_time(sheet.content_lang, sheet.expires_at);
    let cell = crate::ssr::formats::spreadsheet::cell;
    let rows: Vec<Vec<String>> = sheet
        .letters
        .into_iter()
        .map(|l| {
            vec![
                cell(&l.name),
                cell(&l.address),
                l.code,
                sheet.enrol_url.clone(),
                expires.clone(),
            ]
        })
        .collect();
    crate::ssr::formats::spreadsheet::csv(&header, rows).map_err(crate::ssr::internal)
}

/// Counts one look-up of a code from this client; too many in an hour is refused.
async fn limit_codes(state: &AppState, client: &str) -> Result<(), AppError> {
    use crate::ssr::security::rate_limit::{self, Limit};
    // 50 bits of code: at this pace a guess succeeds once in millions of years; a library's
    // shared computer still serves a queue of residents.
    let limit = Limit {
        max: 60,
        window: Duration::hours(1),
    };
    if let Err(minutes) = rate_limit::hit(
        &state.db,
        &format!("panel-code:ip:{client}"),
        limit,
        state.clock.now(),
    )
    .await
    .or_internal()?
    {
        tracing::warn!("panel enrolment codes rate limited for a client");
        return Err(AppError::RateLimited {
            retry_after_minutes: minutes,
        });
    }
    Ok(())
}

/// The open invitation a typed code belongs to, and its panel.
async fn invitation(
    state: &AppState,
    typed: &str,
) -> Result<(String, panel_invitee::Model, panel::Model), AppError> {
    let code =
        normalise_code(typed).ok_or_else(|| AppError::field("code", "panel.code.invalid"))?;
    let inv = db::by_code(
        &state.db,
        &code_hash(state.settings.secret(), &code),
        state.clock.now(),
    )
    .await
    .or_internal()?
    .ok_or_else(|| AppError::field("code", "panel.code.unknown"))?;
    let p = panels_db::by_id(&state.db, inv.panel_id)
        .await
        .or_internal()?
        .ok_or_else(|| AppError::field("code", "panel.code.unknown"))?;
    Ok((code, inv, p))
}

/// What the holder of a code is invited to (the code checked, each look-up counted).
pub async fn code_invitation(
    state: &AppState,
    typed: &str,
    client: &str,
) -> Result<CodeInvitation, AppError> {
    limit_codes(state, client).await?;
    let (code, _, p) = invitation(state, typed).await?;
    let slug = organisations::slug_of(&state.db, p.organisation_id)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let panel = super::views::public_panel(state, &slug, p.id, None).await?;
    Ok(CodeInvitation {
        code: display_code(&code),
        panel,
    })
}

/// Enrols the holder of an open invitation's code.
pub async fn enrol_with_code(
    state: &AppState,
    form: &CodeEnrolForm,
    client: &str,
) -> Result<(), AppError> {
    limit_codes(state, client).await?;
    let mut e = FieldErrors::new();
    if form.consent.is_none() {
        e.add("consent", "panel.join.consent_missing");
    }
    let email = match Email::parse(&form.email) {
        Ok(m) => Some(m),
        Err(crate::domain::email::EmailError::Empty) => {
            e.add("email", "panel.join.email_missing");
            None
        }
        Err(_) => {
            e.add("email", "panel.join.email_invalid");
            None
        }
    };
    let found = invitation(state, &form.code).await;
    let answers = match &found {
        Ok((_, _, p)) => match crate::domain::survey::background::answers(
            &panels_db::background(p),
            &form.background_fields(),
        ) {
            Ok(a) => a,
            Err(wrong) => {
                for field in wrong {
                    e.add(&field, "panel.background.answer_invalid");
                }
                Vec::new()
            }
        },
        Err(_) => Vec::new(),
    };
    if let Err(AppError::Validation(f)) = &found {
        e.merge(f.clone());
    }
    e.into_result()?;
    let (_, inv, p) = found?;
    let Some(email) = email else {
        return Err(AppError::field("email", "panel.join.email_missing"));
    };
    let s = stratum(&inv).ok_or_else(|| AppError::field("code", "panel.code.unknown"))?;
    let slug = organisations::slug_of(&state.db, p.organisation_id)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let org = organisations::find_by_slug(&state.db, &slug)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    if org.deactivated_at.is_some() {
        return Err(AppError::Conflict("org.deactivated_refusal".into()));
    }
    let now = state.clock.now();
    let txn = state.db.begin().await.or_internal()?;
    if !db::end(&txn, inv.id, ENROLLED, now).await.or_internal()? {
        return Err(AppError::field("code", "panel.code.unknown"));
    }
    let enrolment = Enrolment {
        email,
        gender: s.gender,
        district: s.district,
        background: answers,
    };
    match panels_db::enrol(
        &txn,
        p.id,
        &inv.person_hash,
        &super::membership::pseudonym(),
        &enrolment,
        s.age,
        "sample",
        now,
    )
    .await
    {
        Ok(()) => {}
        Err(e) if crate::ssr::db::is_unique_violation(&e) => {
            return Err(AppError::Conflict("panel.join.already".into()));
        }
        Err(e) => return Err(e).or_internal(),
    }
    commit_with_mails(txn, &[], now).await?;
    tracing::info!(panel_id = p.id, "panel member enrolled by code");
    Ok(())
}

/// The worker's step: open invitations of expired draws lapse (the address, name and postal
/// address forgotten), and the rows of draws a year old go.
pub async fn run_due(state: &AppState) -> Result<(), AppError> {
    let now = state.clock.now();
    let lapsed = db::expire_due(&state.db, now).await.or_internal()?;
    let deleted = db::delete_drawn_before(&state.db, now - Duration::days(KEEP_DRAWN_DAYS))
        .await
        .or_internal()?;
    if lapsed + deleted > 0 {
        tracing::info!(lapsed, deleted, "panel invitations tidied");
    }
    Ok(())
}

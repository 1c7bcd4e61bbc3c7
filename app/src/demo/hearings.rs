//! Demo hearings in every status, so that a newcomer sees a living municipality: an open one
//! with a document, sections, invited consultees and published, redacted, withheld, pending and
//! unconfirmed submissions; a short one with its reason; upcoming, closed, concluded,
//! cancelled and draft ones; and one in the county, in nynorsk.

mod plans;
use plans::{Extra, other_plans};

use crate::domain::hearing::HearingStatus;
use crate::domain::hearing::draft::HearingDraft;
use crate::domain::submission::{Publication, SubmitterKind, WithholdReason};
use crate::ssr::db::entities::hearing;
use crate::ssr::db::hearings as db;
use crate::ssr::db::submissions::{self as subs, NewAttachment, NewSubmission, Screening};
use crate::ssr::state::AppState;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, DbErr, EntityTrait, Set};

/// A small, valid one-page PDF ("Planbeskrivelse").
/// The open demo hearing's title.
pub const STORGATA: &str = "Reguleringsplan for Storgata 10–14";

pub const DEMO_PDF: &[u8] = b"%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj
4 0 obj << /Length 58 >> stream
BT /F1 24 Tf 72 760 Td (Planbeskrivelse - demo) Tj ET
endstream endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
trailer << /Root 1 0 R >>
%%EOF
";

struct Plan<'a> {
    title: &'a str,
    summary: &'a str,
    body: &'a str,
    opens: Duration,
    deadline: Duration,
    short_reason: Option<&'a str>,
    status: HearingStatus,
}

async fn hearing(
    state: &AppState,
    org_id: i32,
    body_id: Option<i32>,
    by: i32,
    p: Plan<'_>,
) -> Result<hearing::Model, DbErr> {
    let now = state.clock.now();
    let id = db::insert(
        &state.db,
        org_id,
        HearingDraft {
            title: p.title.into(),
            summary: p.summary.into(),
            body_md: p.body.into(),
            body_id,
            case_number: Some(format!(
                "2026/{}",
                1000 + org_id * 100 + p.title.len() as i32
            )),
            contact_name: "Sigurd Saksbehandler".into(),
            contact_email: Some("postmottak@eksempel.kommune.no".into()),
            opens_at: now + p.opens,
            deadline: now + p.deadline,
            short_reason: p.short_reason.map(Into::into),
        },
        by,
        now,
    )
    .await?;
    let h = hearing::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("seeded hearing".into()))?;
    let mut am: hearing::ActiveModel = h.into();
    am.status = Set(p.status.as_str().into());
    if !matches!(p.status, HearingStatus::Draft | HearingStatus::Cancelled) {
        am.published_at = Set(Some(now));
    }
    am.update(&state.db).await
}

struct Sub<'a> {
    kind: SubmitterKind,
    name: &'a str,
    org: Option<(&'a str, &'a str)>,
    show_name: bool,
    text: &'a str,
    section: Option<(i32, &'a str)>,
    publication: Publication,
    confirmed: bool,
    ago: Duration,
}

async fn submission(state: &AppState, h: &hearing::Model, s: Sub<'_>) -> Result<(), DbErr> {
    let received: DateTime<Utc> = state.clock.now() - s.ago;
    let raw = crate::ssr::security::tokens::random_bytes::<8>();
    let id = subs::insert(
        &state.db,
        h.id,
        h.organisation_id,
        NewSubmission {
            reference: crate::domain::submission::new_reference(raw),
            kind: s.kind,
            name: s.name.into(),
            organisation_name: s.org.map(|o| o.0.into()),
            org_number: s.org.map(|o| o.1.into()),
            person_id: None,
            email: Some(format!(
                "{}@eksempel.no",
                s.name.to_lowercase().replace(' ', ".")
            )),
            show_name: s.show_name,
            objects_to_publication: false,
            objection_reason: None,
            general_comment: s.text.into(),
            received_at: received,
            confirmation: (!s.confirmed).then(|| ("0".repeat(64), received + Duration::hours(24))),
            late_by_extension: false,
            lang: "nb".into(),
        },
        s.section
            .map(|(id, t)| vec![(id, t.to_string())])
            .unwrap_or_default(),
        Vec::<NewAttachment>::new(),
    )
    .await?;
    if s.publication == Publication::Pending || !s.confirmed {
        return Ok(());
    }
    let Some(model) = subs::find_in_hearing(&state.db, h.id, id).await? else {
        return Ok(());
    };
    let screening = match s.publication {
        Publication::Redacted => Screening {
            publication: Publication::Redacted,
            withhold_reason: None,
            withhold_note: None,
            public_general_comment: Some(
                "Jeg er bekymret for trafikken i Storgata. [Opplysninger om en navngitt nabo er fjernet.]".into(),
            ),
            public_comments: vec![],
        },
        Publication::Withheld => Screening {
            publication: Publication::Withheld,
            withhold_reason: Some(WithholdReason::Defamatory),
            withhold_note: None,
            public_general_comment: None,
            public_comments: vec![],
        },
        _ => Screening {
            publication: Publication::Published,
            withhold_reason: None,
            withhold_note: None,
            public_general_comment: None,
            public_comments: vec![],
        },
    };
    // Screened a day after it came (long past the moment a publication may be undone).
    let screened_at = (model.received_at + chrono::Duration::days(1))
        .min(state.clock.now() - chrono::Duration::hours(1));
    subs::screen(&state.db, model, screening, 0, screened_at).await
}

/// Seeds the demo hearings; `by` is the demo case officer.
pub async fn seed(
    state: &AppState,
    kommune: i32,
    council: i32,
    fylke: i32,
    by: i32,
) -> Result<(), DbErr> {
    storgata(state, kommune, council, by).await?;
    others(state, kommune, council, fylke, by).await
}

/// A demo submission's facts, in the order `Sub` has them.
#[allow(clippy::too_many_arguments)] // one per fact of a demo submission
fn sub(
    kind: SubmitterKind,
    name: &'static str,
    org: Option<(&'static str, &'static str)>,
    show_name: bool,
    text: &'static str,
    section: Option<(i32, &'static str)>,
    publication: Publication,
    confirmed: bool,
    ago: Duration,
) -> Sub<'static> {
    Sub {
        kind,
        name,
        org,
        show_name,
        text,
        section,
        publication,
        confirmed,
        ago,
    }
}

/// The open hearing on Storgata 10–14, with a document, sections, invited consultees and
/// submissions in every state of screening.
async fn storgata(state: &AppState, kommune: i32, council: i32, by: i32) -> Result<(), DbErr> {
    let days = Duration::days;
    let open = hearing(state, kommune, Some(council), by, Plan {
        title: STORGATA,
        summary: "Kommunen foreslår å regulere kvartalet i Storgata 10–14 til boliger, forretninger og en ny møteplass. Vi vil gjerne høre hva du mener.",
        body: "## Bakgrunn\n\nKvartalet har stått delvis tomt siden 2019. Forslaget gir rom for om lag **60 boliger**, forretninger på gateplan og en ny **møteplass** mot elva.\n\n## Hva skjer videre?\n\nInnspillene oppsummeres i saksframlegget til kommunestyret. Les planbeskrivelsen før du svarer.",
        opens: -days(20),
        deadline: days(70),
        short_reason: None,
        status: HearingStatus::Open,
    }).await?;
    let key = state
        .files
        .put(DEMO_PDF)
        .await
        .map_err(|e| DbErr::Custom(e.to_string()))?;
    db::insert_document(
        &state.db,
        open.id,
        db::NewDocument {
            title: "Planbeskrivelse",
            file_name: "Planbeskrivelse Storgata 10-14.pdf",
            content_type: "application/pdf",
            size_bytes: DEMO_PDF.len() as i64,
            storage_key: &key,
        },
        state.clock.now(),
    )
    .await?;
    let s1 = db::add_section(
        &state.db,
        open.id,
        "Boliger og høyder",
        "Bygningene kan ha inntil fem etasjer mot Storgata og tre mot elva.",
    )
    .await?;
    let s2 = db::add_section(
        &state.db,
        open.id,
        "Trafikk og parkering",
        "Kvartalet får parkering under bakken og innkjøring fra Tverrgata.",
    )
    .await?;
    db::add_section(
        &state.db,
        open.id,
        "Møteplass ved elva",
        "Det avsettes 1 200 kvadratmeter til en åpen møteplass.",
    )
    .await?;
    let now = state.clock.now();
    for (name, email, number) in [
        (
            "Statens vegvesen",
            "firmapost@vegvesen.no",
            Some("971032081"),
        ),
        ("Eksempel historielag", "post@eksempel-historielag.no", None),
    ] {
        let c = db::add_consultee(&state.db, open.id, name, email, number, now).await?;
        db::mark_invited(&state.db, c, now - days(20)).await?;
    }
    storgata_submissions(state, &open, s1, s2).await
}

async fn storgata_submissions(
    state: &AppState,
    open: &hearing::Model,
    s1: i32,
    s2: i32,
) -> Result<(), DbErr> {
    let days = Duration::days;
    for s in [
        sub(
            SubmitterKind::Organisation,
            "Per Olsen",
            Some(("Eksempel historielag", "974760673")),
            true,
            "Historielaget ber om at den gamle fasaden i Storgata 12 tas vare på.",
            Some((s1, "Fem etasjer er for høyt mot den gamle bebyggelsen.")),
            Publication::Published,
            true,
            days(15),
        ),
        sub(
            SubmitterKind::Private,
            "Kari Nordmann",
            None,
            true,
            "Jeg støtter møteplassen ved elva, men ønsker flere trær.",
            None,
            Publication::Published,
            true,
            days(12),
        ),
        sub(
            SubmitterKind::Private,
            "Ola Nordmann",
            None,
            false,
            "Jeg er bekymret for trafikken i Storgata. Naboen min, Hans Hansen i nr. 9, kjører altfor fort.",
            Some((s2, "Innkjøringen fra Tverrgata blir farlig for skolebarn.")),
            Publication::Redacted,
            true,
            days(10),
        ),
        sub(
            SubmitterKind::Private,
            "Anonym Anonymsen",
            None,
            false,
            "Saksbehandleren er inhabil og burde sparkes.",
            None,
            Publication::Withheld,
            true,
            days(8),
        ),
        sub(
            SubmitterKind::Private,
            "Ingrid Hansen",
            None,
            true,
            "Kan kommunen legge til rette for sykkelparkering?",
            None,
            Publication::Pending,
            true,
            days(2),
        ),
        sub(
            SubmitterKind::Private,
            "Ubekreftet Person",
            None,
            true,
            "Dette innspillet er ikke bekreftet på e-post ennå.",
            None,
            Publication::Pending,
            false,
            Duration::hours(3),
        ),
    ] {
        submission(state, open, s).await?;
    }
    Ok(())
}

/// The other hearings, one in each status, and one of the county's, in the order their ids
/// have always had.
async fn others(
    state: &AppState,
    kommune: i32,
    council: i32,
    fylke: i32,
    by: i32,
) -> Result<(), DbErr> {
    for (org, body, plan, extra) in other_plans(kommune, council, fylke) {
        let h = hearing(state, org, body, by, plan).await?;
        match extra {
            Extra::Nothing => {}
            Extra::Submission(s) => submission(state, &h, s).await?,
            Extra::Outcome(outcome, url) => {
                let mut am: hearing::ActiveModel = h.into();
                am.outcome = Set(Some(outcome.into()));
                am.decision_url = Set(Some(url.into()));
                am.update(&state.db).await?;
            }
        }
    }
    Ok(())
}

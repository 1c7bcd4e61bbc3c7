//! Storing a comment that passed its checks: under a new reference, with the receipt (or, for
//! an address not confirmed as the citizen's own, the confirmation link) queued in the same
//! transaction. Neither mail carries anything the submitter wrote: the hearing's title, the
//! reference and a link only, so that the form cannot be used to mail any text to anyone.
use crate::domain::lang::Lang;
use crate::domain::submission::comment::NewComment;
use crate::domain::submission::new_reference;
use crate::dto::hearings::Receipt;
use crate::error::AppError;
use crate::ssr::db::entities::{hearing, organisation};
use crate::ssr::db::submissions::{self as db, NewAttachment, NewSubmission};
use crate::ssr::mail::{OutgoingMail, queue, templates};
use crate::ssr::security::auth::Citizen;
use crate::ssr::services::submissions::CONFIRM_HOURS;
use crate::ssr::state::AppState;
use crate::ssr::{OrInternal, internal};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{EntityTrait, TransactionTrait};

fn random_reference() -> String {
    new_reference(crate::ssr::security::tokens::random_bytes())
}

/// A comment on its way to the database, with its stored attachments and who sent it when.
pub(super) struct Sent<'a> {
    pub comment: NewComment,
    pub attachments: Vec<NewAttachment>,
    pub citizen: Option<&'a Citizen>,
    /// Held until the link mailed to its address is followed (without login, or to an
    /// address that is not the logged-in citizen's confirmed one).
    pub confirm: bool,
    pub late: bool,
    pub lang: Lang,
    pub now: DateTime<Utc>,
}

impl Sent<'_> {
    fn needs_confirmation(&self) -> bool {
        self.confirm
    }

    fn row(&self, reference: &str, token: &str, expires: DateTime<Utc>) -> NewSubmission {
        let c = &self.comment;
        NewSubmission {
            reference: reference.to_string(),
            kind: c.kind,
            name: c.name.clone(),
            organisation_name: c.organisation.as_ref().map(|o| o.name.clone()),
            org_number: c
                .organisation
                .as_ref()
                .map(|o| o.number.as_str().to_string()),
            person_id: self.citizen.map(|c| c.person_id),
            email: c.email.clone(),
            show_name: c.show_name,
            objects_to_publication: c.objection.is_some(),
            objection_reason: c.objection.clone(),
            general_comment: c.general.clone(),
            received_at: self.now,
            confirmation: self
                .needs_confirmation()
                .then(|| (crate::ssr::security::tokens::token_hash(token), expires)),
            late_by_extension: self.late,
            lang: self.lang.code().into(),
        }
    }
}

/// Stores the comment under a new reference, with its receipt or confirmation mail, in one
/// transaction; a reference that exists already (astronomically rare) is drawn again.
pub(super) async fn store(
    state: &AppState,
    h: &hearing::Model,
    slug: &str,
    sent: Sent<'_>,
) -> Result<Receipt, AppError> {
    let org = organisation::Entity::find_by_id(h.organisation_id)
        .one(&state.db)
        .await
        .or_internal()?
        .ok_or_else(|| internal("hearing without organisation"))?;
    let token = crate::ssr::security::tokens::random_token();
    let expires = sent.now + Duration::hours(CONFIRM_HOURS);
    let c = &sent.comment;
    for _ in 0..3 {
        let reference = random_reference();
        let mail = Mail {
            hearing: h,
            organisation: &org.name,
            reference: &reference,
            slug,
        }
        .render(state, &sent, &token, expires)?;
        let txn = state.db.begin().await.or_internal()?;
        let row = sent.row(&reference, &token, expires);
        let attachments = sent.attachments.iter().map(NewAttachment::clone).collect();
        match db::insert(
            &txn,
            h.id,
            h.organisation_id,
            row,
            c.sections.clone(),
            attachments,
        )
        .await
        {
            Ok(id) => {
                if let Some(m) = &mail {
                    queue::enqueue(&txn, m, sent.now).await.or_internal()?;
                }
                if let Some(citizen) = sent.citizen.filter(|_| !sent.needs_confirmation()) {
                    follow_as_submitter(
                        &txn,
                        h,
                        Some(citizen.person_id),
                        None,
                        sent.lang,
                        sent.now,
                    )
                    .await
                    .or_internal()?;
                }
                txn.commit().await.or_internal()?;
                tracing::info!(
                    hearing_id = h.id,
                    submission_id = id,
                    kind = c.kind.as_str(),
                    logged_in = sent.citizen.is_some(),
                    late_by_extension = sent.late,
                    "submission received"
                );
                return Ok(Receipt {
                    reference,
                    hearing_id: h.id,
                    hearing_title: h.title.clone(),
                    organisation_slug: slug.to_string(),
                    received_at: sent.now,
                    confirmed: !sent.needs_confirmation(),
                    emailed: mail.is_some(),
                });
            }
            Err(e) if crate::ssr::db::is_unique_violation(&e) => {
                let _ = txn.rollback().await;
            }
            Err(e) => {
                let _ = txn.rollback().await;
                return Err(internal(e));
            }
        }
    }
    // `internal` logs when made, so the error is made only when every attempt failed.
    Err(internal("no free submission reference in three attempts"))
}

/// The mail a submitter gets: the confirmation link, or the receipt with a link to the
/// hearing. None without an address.
struct Mail<'a> {
    hearing: &'a hearing::Model,
    organisation: &'a str,
    reference: &'a str,
    slug: &'a str,
}

impl Mail<'_> {
    fn render(
        &self,
        state: &AppState,
        sent: &Sent<'_>,
        token: &str,
        expires: DateTime<Utc>,
    ) -> Result<Option<OutgoingMail>, AppError> {
        let Some(email) = &sent.comment.email else {
            return Ok(None);
        };
        let lang = sent.lang;
        let received = crate::i18n::format::date_time(lang, sent.now);
        let (template, vars) = if sent.needs_confirmation() {
            let link = crate::paths::absolute(
                &state.settings.base_url,
                &crate::paths::confirm_submission(token),
            );
            let expires = crate::i18n::format::date_time(lang, expires);
            (
                "submission_confirm",
                serde_json::json!({
                    "title": self.hearing.title, "organisation": self.organisation,
                    "reference": self.reference, "link": link, "expires": expires,
                    "received": received,
                }),
            )
        } else {
            let link = crate::paths::absolute(
                &state.settings.base_url,
                &crate::paths::hearing(self.slug, self.hearing.id),
            );
            (
                "submission_receipt",
                serde_json::json!({
                    "title": self.hearing.title, "organisation": self.organisation,
                    "reference": self.reference, "link": link, "received": received,
                }),
            )
        };
        templates::render(template, lang, email, vars)
            .map(Some)
            .or_internal()
    }
}

/// The submitter hears of the hearing from now on (its extension, closing and outcome): as the
/// person, at `email` if they typed another address than their own, or as that address alone.
pub(super) async fn follow_as_submitter(
    db: &impl sea_orm::ConnectionTrait,
    h: &hearing::Model,
    person_id: Option<i32>,
    email: Option<&str>,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    use crate::domain::follow::{Cadence, CaseKind, Reason};
    use crate::ssr::db::follows::{self, Case, PersonFollow};
    let case = Case {
        organisation_id: h.organisation_id,
        kind: CaseKind::Hearing,
        id: h.id,
    };
    match (person_id, email) {
        (Some(person_id), email) => {
            let f = PersonFollow {
                case,
                person_id,
                email,
                lang,
                cadence: Cadence::Immediate,
                reason: Reason::Submitted,
            };
            follows::follow_person(db, f, now).await?;
        }
        (None, Some(email)) => {
            if follows::of_address(db, case.kind, case.id, email)
                .await?
                .is_none()
                && !follows::person_follow_mails(db, case.kind, case.id, email).await?
            {
                follows::follow_address(
                    db,
                    case,
                    email,
                    lang,
                    Cadence::Immediate,
                    Reason::Submitted,
                    None,
                    now,
                )
                .await?;
            }
        }
        (None, None) => {}
    }
    Ok(())
}

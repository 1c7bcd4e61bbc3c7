//! What a notification says: an event told in the follower's language from its public facts
//! (the case's title, dates, the outcome and its link) — never a note, a name or anything the
//! case page does not show — with why it came and how to stop it.

use crate::domain::follow::{EventKind, Reason};
use crate::domain::initiative::InitiativeStatus;
use crate::domain::lang::Lang;
use crate::i18n::{I18n, format};
use crate::ssr::db::entities::case_event;
use crate::ssr::mail::{OutgoingMail, templates};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use serde_json::Value;

/// The public case an event belongs to.
#[derive(Debug, Clone)]
pub struct CaseInfo {
    pub title: String,
    pub organisation: String,
    /// The case page, absolute.
    pub link: String,
}

/// One event, told in one language.
#[derive(Debug, Clone, Serialize)]
pub struct Told {
    pub headline: String,
    pub details: Vec<String>,
    pub more: Option<String>,
    pub title: String,
    pub link: String,
    pub at: String,
}

fn date_of(v: &Value) -> Option<NaiveDate> {
    v.as_str().and_then(|s| s.get(..10)?.parse().ok())
}

fn time_of(v: &Value) -> Option<DateTime<Utc>> {
    v.as_str()
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc))
}

/// The event `e` of `case`, told in `lang`.
pub fn tell(e: &case_event::Model, case: &CaseInfo, lang: Lang) -> Option<Told> {
    let kind = EventKind::parse(&e.kind)?;
    let i = I18n(lang);
    let d: Value = serde_json::from_str(&e.detail).unwrap_or(Value::Null);
    let title = case.title.as_str();
    let when = |key: &str| -> String {
        time_of(&d[key])
            .map(|t| format::date_time(lang, t))
            .or_else(|| date_of(&d[key]).map(|t| format::date(lang, t)))
            .unwrap_or_default()
    };
    let mut details = Vec::new();
    let mut more = None;
    let args: Vec<(&str, String)> = match kind {
        EventKind::HearingOpened | EventKind::HearingExtended => {
            vec![("deadline", when("deadline"))]
        }
        EventKind::InitiativePublished => vec![("date", when("collection_ends"))],
        EventKind::InitiativeThreshold => vec![(
            "count",
            format::number(lang, d["threshold"].as_i64().unwrap_or(0)),
        )],
        EventKind::InitiativeSubmitted => vec![("date", when("due"))],
        EventKind::HearingConcluded => {
            details.extend(d["outcome"].as_str().map(str::to_string));
            more = d["url"].as_str().map(str::to_string);
            vec![]
        }
        EventKind::InitiativeDecided => {
            let status = d["status"]
                .as_str()
                .and_then(InitiativeStatus::parse)
                .map(|s| i.t(s.label_key()))
                .unwrap_or_default();
            details.extend(d["outcome"].as_str().map(str::to_string));
            more = d["url"].as_str().map(str::to_string);
            vec![("outcome", status), ("date", when("date"))]
        }
        EventKind::HearingClosed | EventKind::HearingCancelled | EventKind::InitiativeExpired => {
            vec![]
        }
    };
    let mut args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    args.push(("title", title));
    Some(Told {
        headline: i.tf(&kind.headline_key(), &args),
        details,
        more,
        title: case.title.clone(),
        link: case.link.clone(),
        at: format::date(
            lang,
            e.at.with_timezone(&chrono_tz::Europe::Oslo).date_naive(),
        ),
    })
}

/// The mail telling one follower of one event at once.
pub fn event_mail(
    told: &Told,
    case: &CaseInfo,
    to: &str,
    lang: Lang,
    reason: Reason,
    unsubscribe: &str,
) -> Result<OutgoingMail, String> {
    let i = I18n(lang);
    let mut mail = templates::render(
        "case_event",
        lang,
        to,
        serde_json::json!({
            "event": told,
            "organisation": case.organisation,
            "why": i.tf(reason.why_key(), &[("title", &told.title)]),
            "unsubscribe": unsubscribe,
        }),
    )?;
    mail.unsubscribe = Some(unsubscribe.to_string());
    Ok(mail)
}

/// The digest of several events for one recipient.
pub fn digest_mail(
    events: &[Told],
    to: &str,
    lang: Lang,
    weekly: bool,
    unsubscribe: &str,
    manage: Option<&str>,
) -> Result<OutgoingMail, String> {
    let mut mail = templates::render(
        "case_digest",
        lang,
        to,
        serde_json::json!({
            "weekly": weekly,
            "count": format::number(lang, events.len() as i64),
            "events": events,
            "unsubscribe": unsubscribe,
            "manage": manage,
        }),
    )?;
    mail.unsubscribe = Some(unsubscribe.to_string());
    Ok(mail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: EventKind, detail: Value) -> case_event::Model {
        case_event::Model {
            id: 1,
            organisation_id: 1,
            case_kind: kind.case_kind().as_str().into(),
            case_id: 7,
            kind: kind.as_str().into(),
            detail: detail.to_string(),
            once_key: None,
            at: "2026-11-29T10:00:00Z".parse().unwrap(),
            fanout_cursor: 0,
            claimed_by: None,
            claimed_at: None,
            fanned_out_at: None,
        }
    }

    fn case() -> CaseInfo {
        CaseInfo {
            title: "Ny skole på Berg".into(),
            organisation: "Eksempel kommune".into(),
            link: "https://innspill.example/org/eksempel/horinger/7".into(),
        }
    }

    #[test]
    fn an_extension_tells_the_new_deadline_in_the_followers_language() {
        let e = event(
            EventKind::HearingExtended,
            serde_json::json!({"deadline": "2027-01-15T22:59:00Z"}),
        );
        let nb = tell(&e, &case(), Lang::Nb).unwrap();
        assert!(nb.headline.contains("Ny skole på Berg"), "{}", nb.headline);
        assert!(
            nb.headline.contains("15. januar 2027 kl. 23.59"),
            "{}",
            nb.headline
        );
        let en = tell(&e, &case(), Lang::En).unwrap();
        assert!(
            en.headline.contains("15 January 2027 at 23:59"),
            "{}",
            en.headline
        );
    }

    #[test]
    fn a_decision_tells_its_outcome_and_links_the_minutes() {
        let e = event(
            EventKind::InitiativeDecided,
            serde_json::json!({"outcome": "Vedtatt som foreslått.", "status": "decided",
                "url": "https://eksempel.kommune.no/protokoll", "date": "2027-03-01"}),
        );
        let t = tell(&e, &case(), Lang::Nb).unwrap();
        assert_eq!(t.details, vec!["Vedtatt som foreslått.".to_string()]);
        assert_eq!(
            t.more.as_deref(),
            Some("https://eksempel.kommune.no/protokoll")
        );
        assert!(t.headline.contains("1. mars 2027"), "{}", t.headline);
        let m = event_mail(
            &t,
            &case(),
            "kari@eksempel.no",
            Lang::Nb,
            Reason::Signed,
            "https://x/avmeld/f1.abc",
        )
        .unwrap();
        assert!(m.text.contains("https://x/avmeld/f1.abc"));
        assert!(m.text.contains("Vedtatt som foreslått."));
        assert!(m.html.contains("eksempel.kommune.no"), "{}", m.html);
        assert_eq!(m.subject, "Nytt i en sak du følger hos Eksempel kommune");
        assert_eq!(m.unsubscribe.as_deref(), Some("https://x/avmeld/f1.abc"));
    }

    #[test]
    fn an_unknown_kind_is_not_told() {
        let mut e = event(EventKind::HearingClosed, serde_json::json!({}));
        e.kind = "staff_note".into();
        assert!(tell(&e, &case(), Lang::Nb).is_none());
    }
}

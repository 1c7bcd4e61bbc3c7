//! Pieces the hearing pages share: the status tag, the deadline in words, a hearing in a list.

use crate::components::context::use_i18n;
use crate::domain::hearing::{HearingStatus, TimeLeft, time_left};
use crate::dto::hearings::HearingSummary;
use crate::i18n::I18n;
use crate::i18n::format;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// "Frist 15. januar 2027 kl. 23.59 – 12 dager igjen", or that it has passed (in a list).
pub fn deadline_words(i: I18n, deadline: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let when = format::date_time(i.lang(), deadline);
    match left_words(i, deadline, now) {
        None => i.tf("hearing.deadline_passed", &[("deadline", &when)]),
        Some(left) => i.tf(
            "hearing.deadline_line",
            &[("deadline", &when), ("left", &left)],
        ),
    }
}

/// "15. januar 2027 kl. 23.59 – 12 dager igjen" (after a "Høringsfrist" label).
pub fn deadline_value(i: I18n, deadline: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let when = format::date_time(i.lang(), deadline);
    let left = left_words(i, deadline, now).unwrap_or_else(|| i.t("hearing.status.closed"));
    format!("{when} – {left}")
}

/// "12 dager igjen", "1 dag igjen", "siste dag i dag", or `None` once it has passed.
fn left_words(i: I18n, deadline: DateTime<Utc>, now: DateTime<Utc>) -> Option<String> {
    Some(match time_left(deadline, now) {
        TimeLeft::Passed => return None,
        TimeLeft::Today => i.t("hearing.today"),
        TimeLeft::Days(1) => i.t("hearing.day_left"),
        TimeLeft::Days(n) => i.tf("hearing.days_left", &[("days", &n.to_string())]),
    })
}

#[component]
pub fn StatusTag(status: HearingStatus) -> impl IntoView {
    let i = use_i18n();
    let color = match status {
        HearingStatus::Open => "success",
        HearingStatus::Scheduled => "info",
        HearingStatus::Cancelled => "danger",
        HearingStatus::Draft => "warning",
        _ => "neutral",
    };
    view! { <span class="ds-tag" data-color=color>{i.t(status.label_key())}</span> }
}

/// A hearing in a list: title (a link), organisation, status, deadline and days left.
#[component]
pub fn HearingCard(
    h: HearingSummary,
    now: DateTime<Utc>,
    #[prop(optional)] show_org: bool,
) -> impl IntoView {
    let i = use_i18n();
    let href = crate::paths::hearing(&h.organisation_slug, h.id);
    let when = match h.status {
        HearingStatus::Scheduled => i.tf(
            "hearing.opens_on",
            &[("date", &format::date_time(i.lang(), h.opens_at))],
        ),
        _ => deadline_words(i, h.deadline, now),
    };
    view! {
        <li class="ds-card hearing-card">
            <h3 class="ds-heading" data-size="sm" lang=h.content_lang.code()><a class="ds-link" href=href>{h.title}</a></h3>
            <p class="ds-paragraph hearing-card__meta">
                <StatusTag status=h.status/>
                {show_org.then(|| view! { " " <span>{h.organisation_name}</span> })}
            </p>
            <p class="ds-paragraph" lang=h.content_lang.code()>{h.summary}</p>
            <p class="ds-paragraph hearing-card__deadline">{when}</p>
        </li>
    }
}

//! Pieces the initiative pages share: the status tag and the count against the threshold.

use crate::components::context::use_i18n;
use crate::domain::initiative::InitiativeStatus;
use crate::dto::initiatives::InitiativeSummary;
use crate::i18n::format;
use leptos::prelude::*;

#[component]
pub fn InitiativeStatusTag(status: InitiativeStatus) -> impl IntoView {
    let i = use_i18n();
    let color = match status {
        InitiativeStatus::Collecting => "success",
        InitiativeStatus::Submitted | InitiativeStatus::Referred => "info",
        InitiativeStatus::Rejected | InitiativeStatus::Expired => "danger",
        InitiativeStatus::Draft | InitiativeStatus::Screening => "warning",
        _ => "neutral",
    };
    view! { <span class="ds-tag" data-color=color>{i.t(status.label_key())}</span> }
}

/// "123 av 300 underskrifter" with a progress bar (the bar is decoration; the words say it).
#[component]
pub fn SignatureProgress(
    count: i64,
    threshold: i64,
    #[prop(optional)] id: Option<String>,
) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let words = i.tf(
        "initiative.progress",
        &[
            ("count", &format::number(lang, count)),
            ("threshold", &format::number(lang, threshold)),
        ],
    );
    let reached = count >= threshold;
    view! {
        <div class="signature-progress" id=id>
            <progress max=threshold.max(1).to_string() value=count.min(threshold.max(1)).to_string() aria-hidden="true"></progress>
            <p class="ds-paragraph signature-progress__words">
                {words}
                {reached.then(|| view! { " – " <strong>{i.t("initiative.threshold_reached")}</strong> })}
            </p>
        </div>
    }
}

#[component]
pub fn InitiativeCard(s: InitiativeSummary, #[prop(optional)] show_org: bool) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let href = crate::paths::initiative(&s.organisation_slug, s.id);
    let when = match s.status {
        InitiativeStatus::Collecting => Some(i.tf(
            "initiative.collecting_until",
            &[("date", &format::date(lang, s.collection_ends))],
        )),
        InitiativeStatus::Submitted => s.decision_due.map(|d| {
            i.tf(
                "initiative.decision_due",
                &[("date", &format::date(lang, d))],
            )
        }),
        _ => None,
    };
    view! {
        <li class="ds-card initiative-card">
            <h3 class="ds-heading" data-size="sm" lang=s.content_lang.map(|l| l.code())><a class="ds-link" href=href>{s.title.clone()}</a></h3>
            <p class="ds-paragraph hearing-card__meta">
                <InitiativeStatusTag status=s.status/>
                {show_org.then(|| view! { " " <span>{s.organisation_name.clone()}</span> })}
            </p>
            <SignatureProgress count=s.signatures threshold=s.threshold/>
            {when.map(|w| view! { <p class="ds-paragraph">{w}</p> })}
        </li>
    }
}

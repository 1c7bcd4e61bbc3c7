//! An initiative's page: the proposal, how many have signed against the legal threshold, and
//! what the person looking may do — sign, withdraw, or, as proposer, send it for screening or
//! submit it. All forms work without JavaScript.

use super::components::{InitiativeStatusTag, SignatureProgress};
use crate::components::context::use_i18n;
use crate::components::follow::FollowLinks;
use crate::components::form::{CheckboxField, CsrfField, FormAlert};
use crate::components::status::ErrorPage;
use crate::domain::initiative::InitiativeStatus;
use crate::dto::initiatives::InitiativePage;
use crate::error::AppError;
use crate::features::initiatives::api::{
    SendInitiativeToScreening, SignInitiative, SubmitInitiative, WithdrawSignature, get_initiative,
};
use crate::i18n::{I18n, format};
use crate::paths::citizen_login_href;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[derive(Clone, Copy)]
struct Actions {
    screening: ServerAction<SendInitiativeToScreening>,
    sign: ServerAction<SignInitiative>,
    withdraw: ServerAction<WithdrawSignature>,
    submit: ServerAction<SubmitInitiative>,
}

#[component]
pub fn InitiativePublicPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let actions = Actions {
        screening: ServerAction::new(),
        sign: ServerAction::new(),
        withdraw: ServerAction::new(),
        submit: ServerAction::new(),
    };
    let page = Resource::new(
        move || {
            (
                params.with(|p| {
                    (
                        p.get("slug").unwrap_or_default(),
                        p.get("id").and_then(|v| v.parse().ok()).unwrap_or(0),
                    )
                }),
                actions.screening.version().get()
                    + actions.sign.version().get()
                    + actions.withdraw.version().get()
                    + actions.submit.version().get(),
            )
        },
        |((slug, id), _)| get_initiative(slug, id),
    );
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <InitiativeView p actions/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn InitiativeView(p: InitiativePage, actions: Actions) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let total = p.total();
    let content_lang = p.content_lang.map(|l| l.code());
    let counts = i.tf(
        "initiative.counts",
        &[
            ("online", &format::number(lang, p.online)),
            ("paper", &format::number(lang, p.paper)),
        ],
    );
    let threshold_note = i.tf(
        "initiative.threshold_note",
        &[
            ("threshold", &format::number(lang, p.threshold)),
            ("population", &format::number(lang, p.population)),
            ("date", &format::date(lang, p.population_date)),
        ],
    );
    let v = p.viewer.clone();
    let decided = matches!(
        p.status,
        InitiativeStatus::Decided | InitiativeStatus::NotTreated | InitiativeStatus::Referred
    );
    view! {
        <Title text=p.title.clone()/>
        <Meta name="description" content=crate::i18n::format::excerpt(&p.ask, 300)/>
        <article class="initiative">
            <h1 class="ds-heading" data-size="lg" lang=content_lang>{p.title.clone()}</h1>
            <p class="ds-paragraph"><InitiativeStatusTag status=p.status/></p>
            {status_notice(&p, i).map(|n| view! { <p class="ds-paragraph initiative__notice">{n}</p> })}
            {p.status.is_public().then(|| view! {
                <SignatureProgress count=total threshold=p.threshold/>
                <p class="ds-paragraph">{counts.clone()}</p>
                <p class="ds-paragraph">{threshold_note.clone()}</p>
            })}
            {decided.then(|| view! { <OutcomeSection p=p.clone()/> })}
            {p.status.is_public().then(|| view! {
                <FollowLinks follow=crate::paths::follow_initiative(&p.organisation_slug, p.id)
                    feed=crate::paths::initiative_feed(p.id)/>
            })}
            {(p.status == InitiativeStatus::Collecting && !v.is_staff).then(|| view! { <SignBlock p=p.clone() actions/> })}
            {v.is_proposer.then(|| view! { <ProposerBlock p=p.clone() actions/> })}
            {v.is_staff.then(|| view! {
                <p class="ds-paragraph"><a class="ds-link" href=crate::paths::staff_initiative(&p.organisation_slug, p.id)>
                    {i.t("initiative.page.staff_link")}</a></p>
            })}
            <h2 class="ds-heading" data-size="md">{i.t("initiative.page.ask")}</h2>
            <p class="ds-paragraph prewrap" lang=content_lang>{p.ask.clone()}</p>
            <h2 class="ds-heading" data-size="md">{i.t("initiative.page.justification")}</h2>
            <p class="ds-paragraph prewrap" lang=content_lang>{p.justification.clone()}</p>
            <Facts p=p.clone()/>
        </article>
    }
}

/// What the status means for the reader now: the screening's or the council's date, the
/// reason for a rejection, or until when it collects.
fn status_notice(p: &InitiativePage, i: I18n) -> Option<String> {
    let lang = i.lang();
    let on = |key: &str, d| i.tf(key, &[("date", &format::date(lang, d))]);
    match p.status {
        InitiativeStatus::Screening => p.screening_due.map(|d| on("initiative.page.screening", d)),
        InitiativeStatus::Rejected => Some(i.tf(
            "initiative.page.rejected",
            &[("reason", &p.rejected_reason.clone().unwrap_or_default())],
        )),
        InitiativeStatus::Collecting => Some(on("initiative.collecting_until", p.collection_ends)),
        InitiativeStatus::Expired => Some(i.t("initiative.page.expired")),
        InitiativeStatus::Submitted => p
            .decision_due
            .map(|d| on("initiative.page.council_must_decide", d)),
        InitiativeStatus::Referred => Some(i.t("initiative.page.referred")),
        _ => None,
    }
}

/// The hidden fields every form on the page sends: the CSRF token and which initiative.
#[component]
fn CaseFields(p: InitiativePage) -> impl IntoView {
    view! {
        <CsrfField/>
        <input type="hidden" name="slug" value=p.organisation_slug.clone()/>
        <input type="hidden" name="id" value=p.id.to_string()/>
    }
}

/// The council's outcome, with its date and the minutes.
#[component]
fn OutcomeSection(p: InitiativePage) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    view! {
        <section aria-labelledby="outcome-heading" class="outcome">
            <h2 class="ds-heading" data-size="md" id="outcome-heading">{i.t("initiative.page.outcome")}</h2>
            {p.outcome_date.map(|d| view! { <p class="ds-paragraph">{format!("{} – {}", i.t(p.status.label_key()), format::date(lang, d))}</p> })}
            <p class="ds-paragraph prewrap">{p.outcome_text.clone().unwrap_or_default()}</p>
            {p.minutes_url.clone().map(|u| view! { <p class="ds-paragraph"><a class="ds-link" href=u>{i.t("initiative.page.minutes")}</a></p> })}
        </section>
    }
}

/// Signing while it collects: log in first, a national id needed, signed (and withdraw), or
/// the sign button.
#[component]
fn SignBlock(p: InitiativePage, actions: Actions) -> impl IntoView {
    let i = use_i18n();
    let v = p.viewer.clone();
    let here = crate::paths::initiative(&p.organisation_slug, p.id);
    // A refusal that another try cannot change (not resident, signing switched off) replaces
    // the button; the answer to a try (already signed, closed) is shown above whatever follows.
    let final_refusal = actions.sign.value().with_untracked(|r| {
        matches!(r, Some(Err(AppError::Conflict(k)))
            if k == "initiative.sign.not_resident" || k == "initiative.sign.disabled")
    });
    let form = if !v.logged_in {
        view! {
            <p class="ds-paragraph">{i.t("initiative.sign.login_needed")}</p>
            <p class="ds-paragraph"><a class="ds-button" data-variant="primary" rel="external" href=citizen_login_href(&here)>
                {i.t("initiative.sign.login_to_sign")}</a></p>
        }.into_any()
    } else if !v.has_pid {
        view! { <div class="ds-alert" data-color="warning"><p class="ds-paragraph">{i.t("initiative.sign.no_pid")}</p></div> }.into_any()
    } else if v.signed {
        view! {
            <p class="ds-paragraph" role="status"><strong>{i.t("initiative.sign.signed")}</strong></p>
            <ActionForm action=actions.withdraw attr:class="form">
                <FormAlert action=actions.withdraw/>
                <CaseFields p=p.clone()/>
                <button class="ds-button" data-variant="secondary" type="submit">{i.t("initiative.sign.withdraw")}</button>
            </ActionForm>
        }.into_any()
    } else if final_refusal {
        ().into_any()
    } else {
        view! {
            <ActionForm action=actions.sign attr:class="form">
                <CaseFields p=p.clone()/>
                <p class="ds-paragraph">{i.t("initiative.sign.explain")}</p>
                {v.has_email.then(|| view! { <CheckboxField name="notify" label=i.t("initiative.sign.notify")/> })}
                <button class="ds-button" data-variant="primary" type="submit">{i.t("initiative.sign.button")}</button>
            </ActionForm>
        }.into_any()
    };
    view! {
        <section aria-labelledby="sign-heading" class="sign-block">
            <h2 class="ds-heading" data-size="md" id="sign-heading">{i.t("initiative.sign.heading")}</h2>
            <FormAlert action=actions.sign/>
            {form}
        </section>
    }
}

/// What the proposer may do: edit and send a draft for screening (warned of similar ones), or
/// submit once enough have signed.
#[component]
fn ProposerBlock(p: InitiativePage, actions: Actions) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let total = p.total();
    let edit = crate::paths::edit_proposal(&p.organisation_slug, p.id);
    let body = match p.status {
        InitiativeStatus::Draft => view! {
            {(!p.similar.is_empty()).then(|| view! {
                <div class="ds-alert" data-color="warning">
                    <p class="ds-paragraph">{i.t("initiative.similar.intro")}</p>
                    <ul>
                        {p.similar.iter().map(|s| view! {
                            <li><a class="ds-link" href=crate::paths::initiative(&p.organisation_slug, s.id)>{s.title.clone()}</a>
                                {format!(" ({}, {} %)", i.t(s.status.label_key()), s.score)}</li>
                        }).collect_view()}
                    </ul>
                </div>
            })}
            <p class="ds-paragraph">{i.t("initiative.page.draft")}</p>
            <p class="ds-paragraph"><a class="ds-link" href=edit>{i.t("initiative.page.edit")}</a></p>
            <ActionForm action=actions.screening attr:class="form">
                <FormAlert action=actions.screening/>
                <CaseFields p=p.clone()/>
                <button class="ds-button" data-variant="primary" type="submit">{i.t("initiative.page.send_to_screening")}</button>
            </ActionForm>
        }.into_any(),
        InitiativeStatus::Collecting if total >= p.threshold => view! {
            <p class="ds-paragraph">{i.t("initiative.page.can_submit")}</p>
            <ActionForm action=actions.submit attr:class="form">
                <FormAlert action=actions.submit/>
                <CaseFields p=p.clone()/>
                <button class="ds-button" data-variant="primary" type="submit">{i.t("initiative.page.submit")}</button>
            </ActionForm>
        }.into_any(),
        InitiativeStatus::Collecting => view! {
            <p class="ds-paragraph">{i.tf("initiative.page.needs_more", &[("missing", &format::number(lang, p.threshold - total))])}</p>
        }.into_any(),
        _ => ().into_any(),
    };
    view! {
        <section aria-labelledby="proposer-heading" class="proposer-block">
            <h2 class="ds-heading" data-size="md" id="proposer-heading">{i.t("initiative.page.proposer_heading")}</h2>
            {body}
        </section>
    }
}

/// Who proposed it and when it was published and submitted, and its attachments.
#[component]
fn Facts(p: InitiativePage) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    view! {
        <dl class="facts">
            {p.proposer_name.clone().map(|n| view! { <dt>{i.t("initiative.page.proposer")}</dt><dd>{n}</dd> })}
            {p.published_at.map(|t| view! { <dt>{i.t("initiative.page.published")}</dt><dd>{format::date_time(lang, t)}</dd> })}
            {p.submitted_at.map(|t| view! { <dt>{i.t("initiative.page.submitted")}</dt><dd>{format::date_time(lang, t)}</dd> })}
        </dl>
        {(!p.attachments.is_empty()).then(|| view! {
            <h2 class="ds-heading" data-size="md">{i.t("submit.attachments")}</h2>
            <ul class="plain-list">
                {p.attachments.iter().map(|a| view! {
                    <li><a class="ds-link" href=crate::paths::initiative_attachment(a.id, &a.file_name)>{a.file_name.clone()}</a>
                        {format!(" ({})", format::file_size(lang, a.size_bytes))}</li>
                }).collect_view()}
            </ul>
        })}
    }
}

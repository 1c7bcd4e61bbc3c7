//! After sending: the reference, and (without login) that the emailed link must be followed.
//! Also the page behind that link.

use crate::components::context::use_i18n;
use crate::components::form::CsrfField;
use crate::components::status::{ErrorPage, set_status};
use crate::dto::hearings::Receipt;
use crate::error::AppError;
use crate::features::hearings::api::{
    get_receipt, preview_submission_confirmation, submission_fate,
};
use crate::i18n::format;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ReceiptPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let receipt = Resource::new(
        move || {
            params.with(|p| {
                (
                    p.get("slug").unwrap_or_default(),
                    p.get("id").and_then(|v| v.parse().ok()).unwrap_or(0),
                    p.get("reference").unwrap_or_default(),
                )
            })
        },
        |(slug, id, reference)| get_receipt(slug, id, reference),
    );
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match receipt.await {
                    Ok(r) => view! { <ReceiptView r/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReceiptView(r: Receipt) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let (heading, body) = if r.confirmed {
        (
            i.t("receipt.heading"),
            i.tf(
                "receipt.body",
                &[
                    ("title", &r.hearing_title),
                    ("date", &format::date_time(lang, r.received_at)),
                ],
            ),
        )
    } else {
        (i.t("receipt.confirm_heading"), i.t("receipt.confirm_body"))
    };
    let back = crate::paths::hearing(&r.organisation_slug, r.hearing_id);
    view! {
        <Title text=heading.clone()/>
        <h1 class="ds-heading" data-size="lg">{heading}</h1>
        <div class="ds-alert" data-color=if r.confirmed { "success" } else { "warning" } role="status">
            <p class="ds-paragraph">{body}</p>
        </div>
        <p class="ds-paragraph">{i.t("receipt.reference")}" " <strong class="reference">{r.reference.clone()}</strong></p>
        {(r.confirmed && r.emailed).then(|| view! { <p class="ds-paragraph">{i.t("receipt.emailed")}</p> })}
        <p class="ds-paragraph">{i.t("receipt.screening")}</p>
        <p class="ds-paragraph"><a class="ds-link" href=back>{i.t("receipt.back")}</a></p>
    }
}

#[component]
pub fn ConfirmSubmissionPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let result = Resource::new(token, preview_submission_confirmation);
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match result.await {
                    Ok(r) if r.confirmed => view! { <ReceiptView r/><Fate token=token()/> }.into_any(),
                    Ok(r) => view! { <ConfirmButton r token=token()/> }.into_any(),
                    Err(AppError::NotFound) => {
                        set_status(404);
                        view! {
                            <Title text=i.t("receipt.link_invalid_heading")/>
                            <h1 class="ds-heading" data-size="lg">{i.t("receipt.link_invalid_heading")}</h1>
                            <p class="ds-paragraph">{i.t("receipt.link_invalid_body")}</p>
                        }.into_any()
                    }
                    Err(AppError::Conflict(key)) => {
                        set_status(409);
                        view! {
                            <Title text=i.t("receipt.too_late_heading")/>
                            <h1 class="ds-heading" data-size="lg">{i.t("receipt.too_late_heading")}</h1>
                            <p class="ds-paragraph">{i.t(&key)}</p>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The submission waiting for its sender: a button (a POST) confirms it, so that a link
/// scanner opening the mailed link confirms nothing.
#[component]
fn ConfirmButton(r: Receipt, token: String) -> impl IntoView {
    let i = use_i18n();
    view! {
        <Title text=i.t("receipt.confirm_page_heading")/>
        <h1 class="ds-heading" data-size="lg">{i.t("receipt.confirm_page_heading")}</h1>
        <p class="ds-paragraph">{i.tf("receipt.confirm_page_body", &[("title", &r.hearing_title)])}</p>
        <p class="ds-paragraph">{i.t("receipt.reference")}" " <strong class="reference">{r.reference.clone()}</strong></p>
        <form method="post" action=crate::paths::CONFIRM_SUBMISSION_ACTION class="form">
            <CsrfField/>
            <input type="hidden" name="token" value=token/>
            <button class="ds-button" data-variant="primary" type="submit">{i.t("receipt.confirm_button")}</button>
        </form>
    }
}

/// Behind the mailed link, for its sender: what became of the comment, and a button (a POST)
/// to withdraw it while no one has screened it.
#[component]
fn Fate(token: String) -> impl IntoView {
    use crate::domain::submission::Publication;
    let i = use_i18n();
    let t = token.clone();
    let fate = Resource::new(move || t.clone(), submission_fate);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    let Ok(f) = fate.await else { return ().into_any() };
                    let status = match (f.publication, f.withhold_reason) {
                        (Publication::Withheld, Some(r)) => i.tf("me.submissions.withheld", &[("reason", &i.t(r.label_key()))]),
                        (p, _) => i.t(p.label_key()),
                    };
                    view! {
                        <section aria-labelledby="fate-heading">
                            <h2 class="ds-heading" data-size="md" id="fate-heading">{i.t("receipt.fate_heading")}</h2>
                            <p class="ds-paragraph" role="status"><strong>{status}</strong></p>
                            {f.can_withdraw.then(|| view! {
                                <p class="ds-paragraph">{i.t("receipt.withdraw_body")}</p>
                                <form method="post" action=crate::paths::WITHDRAW_SUBMISSION_ACTION class="form">
                                    <CsrfField/>
                                    <input type="hidden" name="token" value=token.clone()/>
                                    <button class="ds-button" data-variant="secondary" type="submit">{i.t("receipt.withdraw_button")}</button>
                                </form>
                            })}
                        </section>
                    }.into_any()
                })
            }}
        </Suspense>
    }
}

/// Where withdrawing leads: the comment is gone.
#[component]
pub fn SubmissionWithdrawnPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <Title text=i.t("receipt.withdrawn_heading")/>
        <h1 class="ds-heading" data-size="lg">{i.t("receipt.withdrawn_heading")}</h1>
        <p class="ds-paragraph">{i.t("receipt.withdrawn_body")}</p>
        <p class="ds-paragraph"><a class="ds-link" href=crate::paths::HOME>{i.t("follow.unsubscribe.home")}</a></p>
    }
}

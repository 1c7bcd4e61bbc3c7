//! After sending: the reference, and (without login) that the emailed link must be followed.
//! Also the page behind that link.

use crate::components::context::use_i18n;
use crate::components::status::{ErrorPage, set_status};
use crate::dto::hearings::Receipt;
use crate::error::AppError;
use crate::features::hearings::api::{confirm_submission, get_receipt};
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
    let result = Resource::new(
        move || params.with(|p| p.get("token").unwrap_or_default()),
        confirm_submission,
    );
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match result.await {
                    Ok(r) => view! { <ReceiptView r/> }.into_any(),
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

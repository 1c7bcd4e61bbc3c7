//! The printable signature list for the organisation's staff (every view is on record).

use super::staff_api::get_signature_list;
use crate::components::context::use_i18n;
use crate::components::status::ErrorPage;
use crate::i18n::format;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SignatureListPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let list = Resource::new(
        move || {
            params.with(|p| {
                (
                    p.get("slug").unwrap_or_default(),
                    p.get("id").and_then(|v| v.parse().ok()).unwrap_or(0),
                )
            })
        },
        |(slug, id)| get_signature_list(slug, id),
    );
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(l) => {
                        let lang = i.lang();
                        let heading = i.tf("signature_list.heading", &[("title", &l.title)]);
                        view! {
                            <Title text=heading.clone()/>
                            <h1 class="ds-heading" data-size="lg">{heading}</h1>
                            <p class="ds-paragraph">{i.tf("initiative.counts", &[("online", &l.online.to_string()), ("paper", &l.paper.to_string())])}</p>
                            <p class="ds-paragraph">{i.t("signature_list.confidential")}</p>
                            {l.deleted_at.map(|d| view! {
                                <div class="ds-alert" data-color="info"><p class="ds-paragraph">
                                    {i.tf("signature_list.deleted", &[("date", &format::date_time(lang, d))])}
                                </p></div>
                            })}
                            <table class="ds-table summary-table">
                                <thead><tr>
                                    <th scope="col">{i.t("summary.number")}</th>
                                    <th scope="col">{i.t("signature_list.name")}</th>
                                    <th scope="col">{i.t("signature_list.birth_date")}</th>
                                    <th scope="col">{i.t("signature_list.address")}</th>
                                    <th scope="col">{i.t("signature_list.signed")}</th>
                                    <th scope="col">{i.t("signature_list.how")}</th>
                                    <th scope="col">{i.t("signature_list.resident")}</th>
                                </tr></thead>
                                <tbody>
                                    {l.rows.into_iter().enumerate().map(|(n, r)| view! {
                                        <tr>
                                            <td>{(n + 1).to_string()}</td>
                                            <td>{r.name.unwrap_or_default()}</td>
                                            <td>{r.birth_date.map(|d| format::date(lang, d)).unwrap_or_default()}</td>
                                            <td>{r.address.unwrap_or_default()}</td>
                                            <td>{format::date_time(lang, r.signed_at)}</td>
                                            <td>{if r.paper { i.t("signature_list.paper") } else { i.t("signature_list.online") }}</td>
                                            <td>{if r.resident { i.tf("signature_list.resident_yes", &[("number", &r.kommunenummer.unwrap_or_default())]) } else { i.t("signature_list.resident_no") }}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

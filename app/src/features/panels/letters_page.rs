//! The letters of one draw of a panel's sample, for staff to print: one letter a page, each with
//! the resident's name and postal address (for a window envelope), what the panel is, the
//! personal enrolment code and where to type it, and the last day. Opening it is in the audit
//! log. A print house takes the same as a CSV.

use super::staff_api::get_panel_letters;
use crate::components::context::use_i18n;
use crate::components::status::ErrorPage;
use crate::i18n::format;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn PanelLettersPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let key = move || {
        params.with(|p| {
            (
                p.get("slug").unwrap_or_default(),
                p.get("id").and_then(|v| v.parse().ok()).unwrap_or(0),
                p.get("draw").and_then(|v| v.parse().ok()).unwrap_or(0),
            )
        })
    };
    let sheet = Resource::new(key, |(slug, id, draw)| get_panel_letters(slug, id, draw));
    view! {
        <Title text=i.t("panel.letters.title")/>
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let s = match sheet.await {
                    Ok(s) => s,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let (slug, id, draw) = key();
                let lang = s.content_lang;
                let expires = format::date_time(lang, s.expires_at);
                let n = s.letters.len();
                view! {
                    <div class="no-print">
                        <p class="ds-paragraph"><a class="ds-link" href=crate::paths::staff_panel(&slug, id)>{s.panel_name.clone()}</a></p>
                        <h1 class="ds-heading" data-size="lg">{i.t("panel.letters.title")}</h1>
                        <p class="ds-paragraph">{i.tf("panel.letters.intro", &[("n", &n.to_string())])}</p>
                        <p class="ds-paragraph">
                            <a class="ds-link" rel="external" download="" href=crate::paths::panel_letters_csv(&slug, id, draw)>{i.t("panel.letters.csv")}</a>
                        </p>
                    </div>
                    <div lang=lang.code()>
                        {s.letters.into_iter().map(|l| {
                            let (organisation, panel, purpose, url) = (s.organisation_name.clone(), s.panel_name.clone(), s.purpose.clone(), s.enrol_url.clone());
                            let it = crate::i18n::I18n(lang);
                            view! {
                                <article class="panel-letter">
                                    <address class="panel-letter__to">{l.name.clone()}<br/>{l.address.clone()}</address>
                                    <h2 class="ds-heading" data-size="md">{it.tf("panel.letters.heading", &[("organisation", &organisation)])}</h2>
                                    <p class="ds-paragraph">{it.tf("panel.letters.drawn", &[("panel", &panel), ("organisation", &organisation)])}</p>
                                    <p class="ds-paragraph prewrap">{purpose}</p>
                                    <p class="ds-paragraph">{it.tf("panel.letters.how", &[("url", &url), ("expires", &expires)])}</p>
                                    <p class="panel-letter__code">{it.t("panel.letters.your_code")}" "<strong>{l.code.clone()}</strong></p>
                                    <p class="ds-paragraph">{it.t("panel.letters.idporten")}</p>
                                    <p class="ds-paragraph">{it.t("panel.letters.voluntary")}</p>
                                    <p class="ds-paragraph">{it.tf("panel.letters.regards", &[("organisation", &organisation)])}</p>
                                </article>
                            }
                        }).collect_view()}
                    </div>
                }.into_any()
            })}
        </Suspense>
    }
}

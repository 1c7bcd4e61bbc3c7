//! A space's public moderation log: what was approved, hidden, restored, locked or suspended,
//! when, under which house rule and by which role — never by which person.

use super::api::get_dialogue_log;
use super::space_page::house_rules;
use crate::components::context::use_i18n;
use crate::components::status::ErrorPage;
use crate::i18n::format;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn DialogueLogPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let key = move || {
        params.with(|p| {
            (
                p.get("slug").unwrap_or_default(),
                p.get("id").and_then(|v| v.parse().ok()).unwrap_or(0),
            )
        })
    };
    let log = Resource::new(key, |(slug, id)| get_dialogue_log(slug, id));
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let l = match log.await {
                    Ok(l) => l,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let (slug, id) = key();
                let title = i.tf("dialogue.log.title", &[("title", &l.title)]);
                view! {
                    <Title text=title.clone()/>
                    <p class="ds-paragraph"><a class="ds-link" href=crate::paths::dialogue(&slug, id)>{l.title.clone()}</a></p>
                    <h1 class="ds-heading" data-size="lg">{title}</h1>
                    <p class="ds-paragraph">{i.t("dialogue.log.intro")}</p>
                    {if l.lines.is_empty() {
                        view! { <p class="ds-paragraph">{i.t("dialogue.log.none")}</p> }.into_any()
                    } else {
                        view! {
                            <table class="ds-table" data-border="true">
                                <caption>{i.t("dialogue.log.caption")}</caption>
                                <thead><tr>
                                    <th scope="col">{i.t("dialogue.log.when")}</th>
                                    <th scope="col">{i.t("dialogue.log.what")}</th>
                                    <th scope="col">{i.t("dialogue.log.rule")}</th>
                                    <th scope="col">{i.t("dialogue.log.who")}</th>
                                </tr></thead>
                                <tbody>
                                    {l.lines.into_iter().map(|line| view! {
                                        <tr>
                                            <td>{format::date_time(i.lang(), line.at)}</td>
                                            <td>{i.t(&format!("dialogue.log.action.{}", line.action))}</td>
                                            <td>{line.rule.map_or_else(|| "–".to_string(), |r| r.to_string())}</td>
                                            <td>{i.t(&format!("dialogue.log.role.{}", line.role.as_str()))}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                    {house_rules(i, &l.rules)}
                }.into_any()
            })}
        </Suspense>
    }
}

//! The platform administrator's page: every organisation with its number and whether it uses
//! Innspill, a link to create one, and deactivating or reactivating one.

use crate::components::action::{Changes, reload_on_success};
use crate::components::context::use_i18n;
use crate::components::form::{CsrfField, FormAlert};
use crate::components::status::ErrorPage;
use crate::domain::organisation::OrgKind;
use crate::dto::organisations::OrganisationDto;
use crate::features::platform::api::{SetOrganisationActive, get_platform_overview};
use crate::i18n::format;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PlatformPage() -> impl IntoView {
    let i = use_i18n();
    let toggle = ServerAction::<SetOrganisationActive>::new();
    let changes = Changes::new();
    reload_on_success(toggle, changes);
    let overview = Resource::new(move || changes.get(), |_| get_platform_overview());
    let created = use_query_map().with_untracked(|q| q.get("opprettet"));
    view! {
        <Title text=i.t("platform.title")/>
        <h1 class="ds-heading" data-size="lg">{i.t("platform.title")}</h1>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || {
                let created = created.clone();
                Suspend::new(async move {
                match overview.await {
                    Ok(o) => {
                        let created_name = created.as_ref().and_then(|slug| {
                            o.organisations.iter().find(|x| &x.slug == slug).map(|x| x.name.clone())
                        });
                        view! {
                            {created_name.map(|name| view! {
                                <div class="ds-alert" data-color="success" role="status">
                                    <p class="ds-paragraph">{i.tf("platform.created", &[("name", &name)])}</p>
                                </div>
                            })}
                            <p><a class="ds-button" data-variant="primary" href=crate::paths::NEW_ORGANISATION>{i.t("platform.new")}</a></p>
                            <h2 class="ds-heading" data-size="md">{i.t("platform.organisations")}</h2>
                            <FormAlert action=toggle/>
                            <table class="ds-table">
                                <thead><tr>
                                    <th scope="col">{i.t("platform.name")}</th>
                                    <th scope="col">{i.t("org.kind")}</th>
                                    <th scope="col">{i.t("org.number")}</th>
                                    <th scope="col">{i.t("platform.status")}</th>
                                    <th scope="col">{i.t("admin.staff.actions")}</th>
                                </tr></thead>
                                <tbody>
                                    {o.organisations.into_iter().map(|org| view! { <OrganisationRow org toggle/> }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}}
        </Suspense>
    }
}

#[component]
fn OrganisationRow(
    org: OrganisationDto,
    toggle: ServerAction<SetOrganisationActive>,
) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let kind = match org.kind {
        OrgKind::Municipality => i.t("org.kind.municipality"),
        OrgKind::County => i.t("org.kind.county"),
    };
    let (status, next, button) = match org.deactivated_at {
        Some(at) => (
            i.tf(
                "platform.deactivated_at",
                &[("date", &format::date(lang, at.date_naive()))],
            ),
            "true",
            i.tf("platform.reactivate", &[("name", &org.name)]),
        ),
        None => (
            i.t("platform.active"),
            "false",
            i.tf("platform.deactivate", &[("name", &org.name)]),
        ),
    };
    view! {
        <tr>
            <td><a class="ds-link" href=crate::paths::organisation(&org.slug)>{org.name.clone()}</a></td>
            <td>{kind}</td>
            <td>{org.number.clone()}</td>
            <td>{status}</td>
            <td>
                <ActionForm action=toggle attr:class="inline-form">
                    <CsrfField/>
                    <input type="hidden" name="slug" value=org.slug.clone()/>
                    <input type="hidden" name="active" value=next/>
                    <button class="ds-button" data-variant="secondary" type="submit">{button}</button>
                </ActionForm>
            </td>
        </tr>
    }
}

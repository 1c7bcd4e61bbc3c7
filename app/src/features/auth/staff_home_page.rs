//! The staff start page: the organisations this user works for, and their role in each.

use crate::components::context::{use_auth_epoch, use_i18n};
use crate::components::status::ErrorPage;
use crate::domain::role::Role;
use crate::error::AppError;
use crate::features::auth::api::current_staff_summary;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn StaffHomePage() -> impl IntoView {
    let i = use_i18n();
    let epoch = use_auth_epoch();
    let me = Resource::new(move || epoch.get(), |_| current_staff_summary());
    view! {
        <Title text=i.t("staff.title")/>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(s)) => view! {
                        <h1 class="ds-heading" data-size="lg">{i.tf("staff.heading", &[("name", &s.name)])}</h1>
                        {(!s.needs_second_factor.is_empty()).then(|| {
                            let names = s.needs_second_factor.iter().map(|m| m.organisation_name.clone()).collect::<Vec<_>>().join(", ");
                            view! {
                                <div class="ds-alert" data-color="warning" role="status">
                                    <p class="ds-paragraph">{i.tf("staff.needs_second_factor", &[("names", &names)])}</p>
                                    <p class="ds-paragraph"><a class="ds-link" href=crate::paths::SECOND_FACTOR>{i.t("staff.second_factor_setup")}</a></p>
                                </div>
                            }
                        })}
                        {s.platform_admin.then(|| view! {
                            <p class="ds-paragraph"><a class="ds-link" href=crate::paths::PLATFORM>{i.t("platform.title")}</a></p>
                        })}
                        <p class="ds-paragraph">
                            <a class="ds-link" href=crate::paths::SECOND_FACTOR>
                                {if s.second_factor { i.t("staff.second_factor_on") } else { i.t("staff.second_factor_setup") }}
                            </a>
                        </p>
                        <h2 class="ds-heading" data-size="md">{i.t("staff.organisations")}</h2>
                        <ul class="card-list">
                            {s.memberships.into_iter().map(|m| {
                                let admin = m.role == Role::Admin;
                                let hearings = matches!(m.role, Role::Admin | Role::CaseOfficer | Role::Moderator);
                                let initiatives = matches!(m.role, Role::Admin | Role::CaseOfficer);
                                let slug3 = m.slug.clone();
                                let slug4 = m.slug.clone();
                                let slug = m.slug.clone();
                                let slug2 = m.slug.clone();
                                let slug5 = m.slug.clone();
                                let slug6 = m.slug.clone();
                                let slug7 = m.slug.clone();
                                let slug8 = m.slug.clone();
                                view! {
                                    <li class="ds-card">
                                        <h3 class="ds-heading" data-size="sm">
                                            <a class="ds-link" href=crate::paths::organisation(&m.slug)>{m.organisation_name}</a>
                                        </h3>
                                        <p class="ds-paragraph">{i.t("staff.your_role")}" "{i.t(m.role.label_key())}</p>
                                        {hearings.then(|| view! {
                                            <p><a class="ds-link" href=crate::paths::staff_dashboard(&slug4)>{i.t("staff.dashboard")}</a></p>
                                        })}
                                        {hearings.then(|| view! {
                                            <p><a class="ds-link" href=crate::paths::staff_hearings(&slug2)>{i.t("staff.hearings")}</a></p>
                                        })}
                                        {initiatives.then(|| view! {
                                            <p><a class="ds-link" href=crate::paths::staff_initiatives(&slug3)>{i.t("staff.initiatives")}</a></p>
                                        })}
                                        {initiatives.then(|| view! {
                                            <p><a class="ds-link" href=crate::paths::staff_surveys(&slug5)>{i.t("staff.surveys")}</a></p>
                                        })}
                                        {initiatives.then(|| view! {
                                            <p><a class="ds-link" href=crate::paths::staff_panels(&slug6)>{i.t("staff.panels")}</a></p>
                                        })}
                                        {hearings.then(|| view! {
                                            <p><a class="ds-link" href=crate::paths::staff_dialogue(&slug7)>{i.t("staff.dialogue")}</a></p>
                                        })}
                                        {admin.then(|| view! {
                                            <p><a class="ds-link" href=crate::paths::staff_officials(&slug8)>{i.t("staff.officials")}</a></p>
                                        })}
                                        {admin.then(|| view! {
                                            <p><a class="ds-link" href=crate::paths::admin(&slug)>{i.t("staff.administer")}</a></p>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Ok(None) => view! { <ErrorPage error=AppError::Unauthorized/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

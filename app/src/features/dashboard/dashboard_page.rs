//! The staff dashboard of an organisation: what needs action (submissions to screen, proposals
//! to screen, deadlines within 30 days, overdue), each with a link; and the staff member's
//! choice of digests.

use crate::components::context::use_i18n;
use crate::components::form::{CheckboxField, CsrfField, FormAlert, RadioGroup, field_error};
use crate::components::status::ErrorPage;
use crate::dto::dashboard::{ActionItem, StaffNotices};
use crate::features::dashboard::api::{SaveStaffNotices, staff_dashboard};
use crate::i18n::format;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StaffDashboardPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let save = ServerAction::<SaveStaffNotices>::new();
    let data = Resource::new(
        move || (slug(), save.version().get()),
        |(s, _)| staff_dashboard(s),
    );
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => {
                        let title = i.tf("dashboard.title", &[("organisation", &d.organisation)]);
                        view! {
                            <Title text=title.clone()/>
                            <h1 class="ds-heading" data-size="lg">{title}</h1>
                            <section aria-labelledby="actions-heading">
                                <h2 class="ds-heading" data-size="md" id="actions-heading">{i.t("dashboard.actions")}</h2>
                                {if d.items.is_empty() {
                                    view! { <p class="ds-paragraph">{i.t("dashboard.nothing")}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="plain-list">
                                            {d.items.into_iter().map(|a| view! { <Item a/> }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            </section>
                            <Notices n=d.notices slug=slug() save/>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Item(a: ActionItem) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let what = match a.due {
        Some(d) => i.tf(
            "dashboard.due",
            &[
                ("what", &i.t(a.kind.label_key())),
                ("date", &format::date(lang, d)),
            ],
        ),
        None => i.tf(
            "dashboard.count",
            &[
                ("what", &i.t(a.kind.label_key())),
                ("count", &a.count.to_string()),
            ],
        ),
    };
    view! {
        <li>
            <a class="ds-link" href=a.path>{a.title}</a>
            <br/>{what}
            {a.overdue.then(|| view! { " " <span class="ds-tag" data-color="danger">{i.t("dashboard.overdue")}</span> })}
        </li>
    }
}

#[component]
fn Notices(n: StaffNotices, slug: String, save: ServerAction<SaveStaffNotices>) -> impl IntoView {
    let i = use_i18n();
    let cadences = ["daily", "weekly", "never"]
        .map(|c| (c.to_string(), i.t(&format!("dashboard.notices.{c}"))))
        .to_vec();
    view! {
        <section aria-labelledby="notices-heading">
            <h2 class="ds-heading" data-size="md" id="notices-heading">{i.t("dashboard.notices.heading")}</h2>
            <p class="ds-paragraph">{i.t("dashboard.notices.intro")}</p>
            <ActionForm action=save attr:class="form">
                <FormAlert action=save/>
                <CsrfField/>
                <input type="hidden" name="slug" value=slug/>
                <fieldset class="ds-fieldset">
                    <legend class="ds-label">{i.t("dashboard.notices.what")}</legend>
                    <CheckboxField name="submissions" label=i.t("dashboard.notices.submissions") checked=n.submissions/>
                    <CheckboxField name="deadlines" label=i.t("dashboard.notices.deadlines") checked=n.deadlines/>
                    <CheckboxField name="initiatives" label=i.t("dashboard.notices.initiatives") checked=n.initiatives/>
                </fieldset>
                <RadioGroup name="cadence" legend=i.t("dashboard.notices.how_often") options=cadences
                    selected=n.cadence error=field_error(save, "cadence")/>
                <button class="ds-button" data-variant="primary" type="submit">{i.t("dashboard.notices.save")}</button>
            </ActionForm>
        </section>
    }
}

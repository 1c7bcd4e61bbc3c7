//! The admin's page of elected officials: the organisation's party groups, and each official's
//! seats on its bodies with their party group — what the badge on their posts says.

use super::staff_api::{AddOfficialSeat, AddPartyGroup, RemoveOfficialSeat, get_officials};
use crate::components::action::failed;
use crate::components::context::use_i18n;
use crate::components::form::choice::SelectField;
use crate::components::form::{CsrfField, FormAlert, TextField, field_error, kept};
use crate::components::status::ErrorPage;
use crate::dto::auth::KeptForm;
use crate::features::auth::api::kept_form_values;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn OfficialsPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let party = ServerAction::<AddPartyGroup>::new();
    let seat = ServerAction::<AddOfficialSeat>::new();
    let remove = ServerAction::<RemoveOfficialSeat>::new();
    let data = Resource::new(
        move || {
            (
                slug(),
                party.version().get(),
                seat.version().get(),
                remove.version().get(),
            )
        },
        |(slug, _, _, _)| get_officials(slug),
    );
    let kept_values = Resource::new(|| (), |_| kept_form_values());
    view! {
        <Title text=i.t("officials.title")/>
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let o = match data.await {
                    Ok(o) => o,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let kept_all = kept_values.await.unwrap_or_default();
                let party_values = KeptForm::values_for(&kept_all, "add_party_group", failed(party));
                let seat_values = KeptForm::values_for(&kept_all, "add_official_seat", failed(seat));
                let choose = |k: &str| (String::new(), i.t(k));
                let officials: Vec<(String, String)> = std::iter::once(choose("officials.choose_official"))
                    .chain(o.officials.iter().map(|x| (x.user_id.to_string(), x.name.clone())))
                    .collect();
                let bodies: Vec<(String, String)> = std::iter::once(choose("officials.choose_body"))
                    .chain(o.bodies.iter().map(|(id, n)| (id.to_string(), n.clone())))
                    .collect();
                let parties: Vec<(String, String)> = std::iter::once(choose("officials.no_party"))
                    .chain(o.parties.iter().map(|(id, n)| (id.to_string(), n.clone())))
                    .collect();
                let slug = o.organisation_slug.clone();
                let (slug_seat, slug_party) = (slug.clone(), slug.clone());
                let parties_list: Vec<String> = o.parties.iter().map(|(_, n)| n.clone()).collect();
                let no_officials = o.officials.is_empty();
                view! {
                    <h1 class="ds-heading" data-size="lg">{i.t("officials.title")}</h1>
                    <p class="ds-paragraph">{i.t("officials.intro")}</p>
                    <section aria-labelledby="officials-heading">
                        <h2 class="ds-heading" data-size="md" id="officials-heading">{i.t("officials.officials")}</h2>
                        <FormAlert action=remove/>
                        {no_officials.then(|| view! { <p class="ds-paragraph">{i.t("officials.none")}</p> })}
                        <ul class="plain-list">
                            {o.officials.into_iter().map(|x| {
                                let slug = slug.clone();
                                view! {
                                    <li>
                                        <h3 class="ds-heading" data-size="xs">{x.name}</h3>
                                        <p class="ds-paragraph" data-size="sm">{match &x.badge {
                                            Some(b) => i.tf("officials.badge", &[("badge", b)]),
                                            None => i.t("officials.no_seat"),
                                        }}</p>
                                        <ul class="plain-list">
                                            {x.seats.into_iter().map(|s| {
                                                let slug = slug.clone();
                                                let label = match &s.party {
                                                    Some(p) => format!("{} ({p})", s.body),
                                                    None => s.body.clone(),
                                                };
                                                view! {
                                                    <li>
                                                        <span>{label.clone()}</span>
                                                        <ActionForm action=remove attr:class="inline-form">
                                                            <CsrfField/>
                                                            <input type="hidden" name="slug" value=slug.clone()/>
                                                            <input type="hidden" name="seat" value=s.id.to_string()/>
                                                            <button class="ds-button" data-variant="secondary" data-size="sm" type="submit">
                                                                {i.tf("officials.remove_seat", &[("seat", &label)])}
                                                            </button>
                                                        </ActionForm>
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <h3 class="ds-heading" data-size="sm">{i.t("officials.add_seat")}</h3>
                        <ActionForm action=seat attr:class="form" attr:novalidate=true>
                            <FormAlert action=seat/>
                            <CsrfField/>
                            <input type="hidden" name="slug" value=slug_seat/>
                            <SelectField name="official" label=i.t("officials.official") options=officials
                                selected=kept(&seat_values, "official", "") error=field_error(seat, "official")/>
                            <SelectField name="body" label=i.t("officials.body") options=bodies
                                selected=kept(&seat_values, "body", "") error=field_error(seat, "body")/>
                            <SelectField name="party" label=i.t("officials.party") options=parties
                                selected=kept(&seat_values, "party", "") error=field_error(seat, "party")/>
                            <button class="ds-button" data-variant="primary" type="submit">{i.t("officials.add_seat_button")}</button>
                        </ActionForm>
                    </section>
                    <section aria-labelledby="parties-heading">
                        <h2 class="ds-heading" data-size="md" id="parties-heading">{i.t("officials.parties")}</h2>
                        <ul class="plain-list">
                            {parties_list.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                        </ul>
                        <ActionForm action=party attr:class="form" attr:novalidate=true>
                            <FormAlert action=party/>
                            <CsrfField/>
                            <input type="hidden" name="slug" value=slug_party/>
                            <TextField name="party_name" label=i.t("officials.party_name")
                                value=kept(&party_values, "party_name", "") error=field_error(party, "party_name")/>
                            <button class="ds-button" data-variant="primary" type="submit">{i.t("officials.add_party")}</button>
                        </ActionForm>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

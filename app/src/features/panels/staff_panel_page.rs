//! A panel's page for staff: its members against the population — by age band, gender and
//! district, each as counts and shares — how many came and went, its waves (and a new one),
//! and its facts.

use super::staff_api::{CreateWave, DrawPanelSample, SavePanel, SavePanelTargets, get_staff_panel};
use super::staff_margins::MarginsSection;
use super::staff_recruitment::RecruitmentSection;
use super::staff_waves::{NewWaveForm, WaveTable};
use crate::components::action::failed;
use crate::components::context::use_i18n;
use crate::components::form::choice::{CheckboxField, SelectField};
use crate::components::form::{CsrfField, FormAlert, TextAreaField, TextField, field_error, kept};
use crate::components::status::ErrorPage;
use crate::domain::survey::panel::DISTRICT_KINDS;
use crate::dto::auth::KeptForm;
use crate::dto::panels::{CompositionRow, StaffPanel};
use crate::features::auth::api::kept_form_values;
use crate::i18n::I18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn percent(i: I18n, x: f64) -> String {
    format!("{} %", crate::i18n::format::decimal(i.lang(), x, 1))
}

/// One variable's table: members and population per group.
fn composition_table(
    i: I18n,
    caption: String,
    group: String,
    rows: Vec<CompositionRow>,
    population: bool,
) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="ds-table">
                <caption>{caption}</caption>
                <thead><tr>
                    <th scope="col">{group}</th>
                    <th scope="col">{i.t("staff_panel.members")}</th>
                    <th scope="col">{i.t("staff_panel.member_share")}</th>
                    {population.then(|| view! {
                        <th scope="col">{i.t("staff_panel.population")}</th>
                        <th scope="col">{i.t("staff_panel.population_share")}</th>
                    })}
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <th scope="row">{r.label.clone()}</th>
                            <td>{r.members.to_string()}</td>
                            <td>{percent(i, r.member_share)}</td>
                            {population.then(|| view! {
                                <td>{r.population.map(|p| p.to_string()).unwrap_or_default()}</td>
                                <td>{r.population_share.map(|s| percent(i, s)).unwrap_or_default()}</td>
                            })}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A panel's facts: created without `panel`, saved with it.
#[component]
pub fn PanelDetailsForm(
    save: ServerAction<SavePanel>,
    panel: Option<StaffPanel>,
    values: Vec<(String, String)>,
    slug: String,
) -> impl IntoView {
    let i = use_i18n();
    let id = panel.as_ref().map(|p| p.id);
    let v = |field: &str, now: String| kept(&values, field, &now);
    let name = v(
        "name",
        panel.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
    );
    let purpose = v(
        "purpose",
        panel
            .as_ref()
            .map(|p| p.purpose.clone())
            .unwrap_or_default(),
    );
    let kind = v(
        "district_kind",
        panel
            .as_ref()
            .map(|p| p.district_kind.clone())
            .unwrap_or_else(|| "bydel".into()),
    );
    let districts = v(
        "districts",
        panel
            .as_ref()
            .map(|p| p.districts.join("\n"))
            .unwrap_or_default(),
    );
    let skip = v(
        "skip_limit",
        panel
            .as_ref()
            .map(|p| p.skip_limit.to_string())
            .unwrap_or_else(|| "3".into()),
    );
    let background = v(
        "background",
        panel
            .as_ref()
            .map(|p| crate::domain::survey::background::unparse(&p.background))
            .unwrap_or_default(),
    );
    let recruiting = if values.is_empty() {
        panel.as_ref().is_none_or(|p| p.recruiting)
    } else {
        values.iter().any(|(k, _)| k == "recruiting")
    };
    let kinds = DISTRICT_KINDS
        .iter()
        .map(|k| (k.to_string(), i.t(&format!("panel.district_kind.{k}"))))
        .collect::<Vec<_>>();
    view! {
        <ActionForm action=save attr:class="form" attr:novalidate=true>
            <FormAlert action=save/>
            <CsrfField/>
            <input type="hidden" name="slug" value=slug/>
            {id.map(|id| view! { <input type="hidden" name="id" value=id.to_string()/> })}
            <TextField name="name" label=i.t("panel.form.name") required=true value=name error=field_error(save, "name")/>
            <TextAreaField name="purpose" label=i.t("panel.form.purpose") hint=i.t("panel.form.purpose_hint") rows=4
                value=purpose error=field_error(save, "purpose")/>
            <SelectField name="district_kind" label=i.t("panel.form.district_kind") options=kinds selected=kind
                error=field_error(save, "district_kind")/>
            <TextAreaField name="districts" label=i.t("panel.form.districts") hint=i.t("panel.form.districts_hint") rows=6
                value=districts error=field_error(save, "districts")/>
            <TextField name="skip_limit" kind="number" label=i.t("panel.form.skip_limit") hint=i.t("panel.form.skip_limit_hint")
                value=skip error=field_error(save, "skip_limit")/>
            <CheckboxField name="recruiting" label=i.t("panel.form.recruiting") hint=i.t("panel.form.recruiting_hint")
                checked=recruiting error=field_error(save, "recruiting")/>
            <TextAreaField name="background" label=i.t("panel.background.label") hint=i.t("panel.background.hint") rows=6
                value=background error=field_error(save, "background")/>
            <button class="ds-button" data-variant="primary" type="submit">
                {if id.is_some() { i.t("common.save") } else { i.t("staff_panels.create") }}
            </button>
            <p role="status" class="form-status">
                {move || matches!(save.value().get(), Some(Ok(_))).then(|| i.t("common.saved"))}
            </p>
        </ActionForm>
    }
}

#[component]
pub fn StaffPanelPage() -> impl IntoView {
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
    let save = ServerAction::<SavePanel>::new();
    let create = ServerAction::<CreateWave>::new();
    let targets = ServerAction::<SavePanelTargets>::new();
    let draw = ServerAction::<DrawPanelSample>::new();
    let panel = Resource::new(
        move || {
            (
                key(),
                save.version().get(),
                create.version().get(),
                targets.version().get() + draw.version().get(),
            )
        },
        |((slug, id), _, _, _)| get_staff_panel(slug, id),
    );
    let kept_values = Resource::new(|| (), |_| kept_form_values());
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let p = match panel.await {
                    Ok(p) => p,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let kept_forms = kept_values.await.unwrap_or_default();
                let values = KeptForm::values_for(&kept_forms, "save_panel", failed(save));
                let wave_values = KeptForm::values_for(&kept_forms, "create_wave", failed(create));
                let target_values = KeptForm::values_for(&kept_forms, "save_panel_targets", failed(targets));
                let slug = key().0;
                let kind = i.t(&format!("panel.district_kind.{}", p.district_kind));
                let pop = p.population_known;
                let a = p.attrition.clone();
                view! {
                    <Title text=p.name.clone()/>
                    <p class="ds-paragraph"><a class="ds-link" href=crate::paths::staff_panels(&slug)>{i.t("staff_panels.title")}</a></p>
                    <h1 class="ds-heading" data-size="lg">{p.name.clone()}</h1>
                    <ul class="link-list">
                        <li><a class="ds-link" href=crate::paths::panel(&slug, p.id)>{i.t("staff_panel.public_page")}</a></li>
                        <li><a class="ds-link" href=crate::paths::panel_privacy(&slug, p.id)>{i.t("staff_panel.privacy")}</a></li>
                    </ul>
                    <section aria-labelledby="composition-heading">
                        <h2 class="ds-heading" data-size="md" id="composition-heading">{i.t("staff_panel.composition")}</h2>
                        <p class="ds-paragraph">{i.tf("staff_panel.members_now", &[("n", &p.members.to_string())])}</p>
                        {(!pop).then(|| view! { <p class="ds-paragraph">{i.t("staff_panel.population_unknown")}</p> })}
                        {composition_table(i, i.t("staff_panel.by_age"), i.t("staff_panel.age_band"), p.by_age.clone(), pop)}
                        {composition_table(i, i.t("staff_panel.by_gender"), i.t("staff_panel.gender"), p.by_gender.clone(), pop)}
                        {composition_table(i, i.tf("staff_panel.by_district", &[("kind", &kind.to_lowercase())]), kind.clone(), p.by_district.clone(), pop)}
                    </section>
                    <section aria-labelledby="recruitment-heading">
                        <h2 class="ds-heading" data-size="md" id="recruitment-heading">{i.t("panel.targets.heading")}</h2>
                        <RecruitmentSection save=targets draw r=p.recruitment.clone() values=target_values slug=slug.clone()
                            panel=p.id district_kind=kind.clone() population_known=pop/>
                    </section>
                    <section aria-labelledby="attrition-heading">
                        <h2 class="ds-heading" data-size="md" id="attrition-heading">{i.t("staff_panel.attrition")}</h2>
                        <dl class="facts">
                            <dt>{i.t("staff_panel.joined_self")}</dt><dd>{a.joined_self.to_string()}</dd>
                            <dt>{i.t("staff_panel.joined_sample")}</dt><dd>{a.joined_sample.to_string()}</dd>
                            <dt>{i.t("staff_panel.left")}</dt><dd>{a.left.to_string()}</dd>
                            <dt>{i.t("staff_panel.retired")}</dt><dd>{a.retired.to_string()}</dd>
                        </dl>
                    </section>
                    <section aria-labelledby="waves-heading">
                        <h2 class="ds-heading" data-size="md" id="waves-heading">{i.t("staff_panel.waves")}</h2>
                        <WaveTable waves=p.waves.clone() slug=slug.clone()/>
                        <h3 class="ds-heading" data-size="sm">{i.t("staff_panel.wave_new")}</h3>
                        <NewWaveForm create sendable=p.sendable.clone() values=wave_values slug=slug.clone() panel=p.id/>
                    </section>
                    <section aria-labelledby="margins-heading">
                        <h2 class="ds-heading" data-size="md" id="margins-heading">{i.t("panel.margins.heading")}</h2>
                        <MarginsSection slug=slug.clone() panel=p.id districts=p.districts.clone() margins=p.margins.clone()
                            population_known=pop kept_forms=kept_forms.clone()/>
                    </section>
                    <section aria-labelledby="details-heading">
                        <h2 class="ds-heading" data-size="md" id="details-heading">{i.t("staff_panel.details")}</h2>
                        <PanelDetailsForm save panel=Some(p.clone()) values slug=slug.clone()/>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

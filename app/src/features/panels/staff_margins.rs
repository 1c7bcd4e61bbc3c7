//! The population a panel's results are weighted to, on its staff page: what is in use (the
//! figures staff imported, as of their date; else the synthetic population outside production,
//! or nothing), and a multipart form that works without JavaScript — the CSV Statistics
//! Norway's statistics bank exports, and the districts' residents typed one per line. A
//! refused form comes back with what was typed and a message next to each wrong field.

use super::staff_api::SavePanelMargins;
use crate::components::context::use_i18n;
use crate::components::form::{
    CsrfField, FileField, TextAreaField, UrlErrorAlert, error_for, kept, url_error,
};
use crate::domain::survey::margins::PopulationMargins;
use crate::dto::auth::KeptForm;
use crate::i18n::format;
use leptos::prelude::*;

#[component]
pub fn MarginsSection(
    slug: String,
    panel: i32,
    districts: Vec<String>,
    margins: Option<PopulationMargins>,
    population_known: bool,
    kept_forms: Option<KeptForm>,
) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let error = url_error::<SavePanelMargins>();
    let v = KeptForm::values_for(&kept_forms, "save_panel_margins", error.is_some());
    let err = |field: &'static str| error_for(i, &error, field);
    let now = match &margins {
        Some(m) => i.tf(
            "panel.margins.in_use",
            &[
                ("date", &format::date(lang, m.as_of)),
                ("total", &format::number(lang, m.total() as i64)),
            ],
        ),
        None if population_known => i.t("panel.margins.synthetic"),
        None => i.t("panel.margins.none"),
    };
    let typed = margins
        .as_ref()
        .map(|m| {
            m.district
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();
    let hint = i.tf(
        "panel.margins.districts_hint",
        &[("districts", &districts.join(", "))],
    );
    view! {
        <p class="ds-paragraph">{now}</p>
        <UrlErrorAlert error=error.clone()/>
        <form method="post" action=crate::paths::SAVE_PANEL_MARGINS_ACTION enctype="multipart/form-data" class="form" novalidate>
            <CsrfField/>
            <input type="hidden" name="slug" value=slug/>
            <input type="hidden" name="panel" value=panel.to_string()/>
            <FileField name="margins_file" label=i.t("panel.margins.file")
                hint=i.t("panel.margins.file_hint") accept=".csv,text/csv" error=err("margins_file")/>
            <TextAreaField name="margin_districts" label=i.t("panel.margins.districts") hint=hint rows=5
                value=kept(&v, "margin_districts", &typed) error=err("margin_districts")/>
            <button class="ds-button" data-variant="secondary" type="submit">{i.t("panel.margins.save")}</button>
        </form>
    }
}

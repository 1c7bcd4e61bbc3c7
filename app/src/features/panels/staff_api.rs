//! Server functions for staff who run panels. Each authenticates the staff user; the services
//! check the role in this very organisation.

use crate::domain::survey::panel::PanelForm;
use crate::domain::survey::recruitment::TargetForm;
use crate::domain::survey::wave::WaveForm;
use crate::dto::panels::{LetterSheet, PanelItem, StaffPanel};
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::{GetUrl, MultipartData, MultipartFormData};

#[cfg(feature = "ssr")]
use crate::ssr::security::auth::staff_request as staff_ctx;

#[server(prefix = "/api", endpoint = "list_staff_panels", input = GetUrl)]
pub async fn list_staff_panels(slug: String) -> Result<Vec<PanelItem>, AppError> {
    let (state, staff, _) = staff_ctx(None).await?;
    crate::ssr::services::panels::views::staff_list(&state, &staff, &slug).await
}

/// The panel's facts and its composition against the population.
#[server(prefix = "/api", endpoint = "get_staff_panel", input = GetUrl)]
pub async fn get_staff_panel(slug: String, id: i32) -> Result<StaffPanel, AppError> {
    let (state, staff, _) = staff_ctx(None).await?;
    crate::ssr::services::panels::views::staff_view(&state, &staff, &slug, id).await
}

/// Creates (without `id`; then on to its page) or saves a panel's facts.
#[server(prefix = "/api", endpoint = "save_panel")]
pub async fn save_panel(
    csrf_token: String,
    slug: String,
    id: Option<i32>,
    #[server(flatten)] form: PanelForm,
) -> Result<i32, AppError> {
    use crate::ssr::services::panels::edit::{create, update};
    let (state, staff, session) = staff_ctx(Some(&csrf_token)).await?;
    let res = match id {
        None => create(&state, &staff, &slug, &form).await.inspect(|new| {
            leptos_axum::redirect(&crate::paths::staff_panel(&slug, *new));
        }),
        Some(id) => update(&state, &staff, &slug, id, &form).await.map(|_| id),
    };
    if res.is_err() {
        crate::ssr::http::flash::keep_form(&session, "save_panel", &form).await?;
    }
    res
}

/// Plans a wave: one of the organisation's draft surveys sent to the panel's members (all or a
/// stratified sub-sample) between two times, with up to two reminders.
#[server(prefix = "/api", endpoint = "create_wave")]
pub async fn create_wave(
    csrf_token: String,
    slug: String,
    panel: i32,
    #[server(flatten)] form: WaveForm,
) -> Result<i32, AppError> {
    let (state, staff, session) = staff_ctx(Some(&csrf_token)).await?;
    let res =
        crate::ssr::services::panels::waves::create(&state, &staff, &slug, panel, &form).await;
    if res.is_err() {
        crate::ssr::http::flash::keep_form(&session, "create_wave", &form).await?;
    }
    res
}

/// The population the panel's results are weighted to, as a multipart form whose CSRF token is
/// a field: a Statbank CSV (table 07459 by sex and age; optional once imported) and the
/// districts' residents, one per line. On success, back to the panel's page.
#[server(prefix = "/api", endpoint = "save_panel_margins", input = MultipartFormData)]
pub async fn save_panel_margins(data: MultipartData) -> Result<(), AppError> {
    use crate::domain::role::Role;
    use crate::ssr::http::multipart;
    let (state, staff, session) = staff_ctx(None).await?;
    // Only those who run panels somewhere get their upload read; the organisation is checked
    // once the form (which names it) is read.
    if !staff
        .memberships
        .iter()
        .any(|m| matches!(m.role, Role::Admin | Role::CaseOfficer))
    {
        return Err(AppError::Forbidden);
    }
    let form = multipart::read(data, 1_000_000, 1).await?;
    let slug = form.get("slug").to_string();
    let id: i32 = form.get("panel").parse().map_err(|_| AppError::NotFound)?;
    let res = if form.oversized {
        Err(AppError::field(
            "margins_file",
            "panel.margins.file_invalid",
        ))
    } else {
        let csv = form.files.first().map(|f| f.bytes.as_slice());
        crate::ssr::services::panels::margins::save(
            &state,
            &staff,
            &slug,
            id,
            csv,
            form.get("margin_districts"),
        )
        .await
    };
    match res {
        Ok(()) => {
            leptos_axum::redirect(&format!(
                "{}?befolkning=lagret",
                crate::paths::staff_panel(&slug, id)
            ));
            Ok(())
        }
        Err(e) => {
            multipart::keep(&session, "save_panel_margins", &form).await?;
            Err(multipart::tell_cut(&form, e))
        }
    }
}

/// Sets the probability sample's targets: in proportion to the population with a total, or the
/// same number in every stratum, and the share of invitees expected to enrol.
#[server(prefix = "/api", endpoint = "save_panel_targets")]
pub async fn save_panel_targets(
    csrf_token: String,
    slug: String,
    panel: i32,
    #[server(flatten)] form: TargetForm,
) -> Result<(), AppError> {
    let (state, staff, session) = staff_ctx(Some(&csrf_token)).await?;
    let res = crate::ssr::services::panels::recruitment::save_targets(
        &state, &staff, &slug, panel, &form,
    )
    .await;
    if res.is_err() {
        crate::ssr::http::flash::keep_form(&session, "save_panel_targets", &form).await?;
    }
    res
}

/// Draws residents towards the targets and invites them (by email where KRR allows, else by
/// letter), once `confirm` is ticked; the draw's id.
#[server(prefix = "/api", endpoint = "draw_panel_sample")]
pub async fn draw_panel_sample(
    csrf_token: String,
    slug: String,
    panel: i32,
    confirm: Option<String>,
) -> Result<i32, AppError> {
    let (state, staff, _) = staff_ctx(Some(&csrf_token)).await?;
    crate::ssr::services::panels::recruitment::draw(&state, &staff, &slug, panel, confirm.is_some())
        .await
}

/// The letters of one draw still open, to print (every view in the audit log).
#[server(prefix = "/api", endpoint = "get_panel_letters", input = GetUrl)]
pub async fn get_panel_letters(
    slug: String,
    panel: i32,
    draw: i32,
) -> Result<LetterSheet, AppError> {
    let (state, staff, _) = staff_ctx(None).await?;
    crate::ssr::services::panels::recruitment::letters(&state, &staff, &slug, panel, draw).await
}

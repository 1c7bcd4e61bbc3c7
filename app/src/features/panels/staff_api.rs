//! Server functions for staff who run panels. Each authenticates the staff user; the services
//! check the role in this very organisation.

use crate::domain::survey::panel::PanelForm;
use crate::domain::survey::wave::WaveForm;
use crate::dto::panels::{PanelItem, StaffPanel};
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

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

//! An organisation's branding as files: its logo (`GET /org/{slug}/logo/{version}`) and its
//! theme stylesheet (`GET /org/{slug}/tema/{rrggbb}.css`), which sets Designsystemet's accent
//! tokens from its accent colour (a stylesheet, since the pages' policy allows no inline style).
//! Both addresses change with what they serve, so both may be cached for a year. Public: they
//! are on the organisation's public pages.

use app::domain::organisation::branding::{AccentColour, LogoKind};
use app::ssr::db::organisations::model_by_slug;
use app::ssr::{AppState, OrInternal};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};

const YEAR: &str = "public, max-age=31536000, immutable";

fn not_found() -> Response {
    StatusCode::NOT_FOUND.into_response()
}

/// `GET /org/{slug}/logo/{version}`: the logo, if `version` is its current one. An SVG is
/// served under a policy that lets it run nothing and load nothing, even opened on its own.
pub async fn logo(
    State(state): State<AppState>,
    Path((slug, version)): Path<(String, String)>,
) -> Response {
    let Ok(Some(org)) = model_by_slug(&state.db, &slug).await.or_internal() else {
        return not_found();
    };
    let (Some(key), Some(kind)) = (
        org.logo_key,
        org.logo_type
            .as_deref()
            .and_then(LogoKind::parse_content_type),
    ) else {
        return not_found();
    };
    if key != version {
        return not_found();
    }
    let reading = match state.files.open(&key).await {
        Ok(r) => r,
        Err(e) => {
            tracing::error!(error = %e, organisation_id = org.id, "an organisation's logo is missing from the file store");
            return not_found();
        }
    };
    let size = reading.meta.size;
    let mut res = axum::body::Body::from_stream(reading.into_stream()).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(kind.content_type()),
    );
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(size));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(YEAR));
    // Marks the answer as a file, so that the security layer keeps its cache rule.
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static(match kind {
            LogoKind::Png => "inline; filename=\"logo.png\"",
            LogoKind::Svg => "inline; filename=\"logo.svg\"",
        }),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; sandbox"),
    );
    res
}

/// The theme of an accent colour: Designsystemet's accent tokens (light scheme), the colour as
/// the base and strong border, darker shades for hover, active and text, lighter tints for
/// surfaces and subtle borders.
pub fn theme_css(colour: AccentColour) -> String {
    let c = colour.hex();
    format!(
        "/* Innspill: the organisation's accent colour {c}, contrast at least 4.5:1 on white. */\n\
         :root, [data-color-scheme=light] {{\n\
         \x20 --ds-color-accent-base-default: {c};\n\
         \x20 --ds-color-accent-base-hover: {hover};\n\
         \x20 --ds-color-accent-base-active: {active};\n\
         \x20 --ds-color-accent-base-contrast-default: #ffffff;\n\
         \x20 --ds-color-accent-base-contrast-subtle: {tint15};\n\
         \x20 --ds-color-accent-border-default: {c};\n\
         \x20 --ds-color-accent-border-strong: {hover};\n\
         \x20 --ds-color-accent-border-subtle: {tint45};\n\
         \x20 --ds-color-accent-text-subtle: {c};\n\
         \x20 --ds-color-accent-text-default: {text};\n\
         \x20 --ds-color-accent-background-tinted: {tint8};\n\
         \x20 --ds-color-accent-surface-tinted: {tint15};\n\
         \x20 --ds-color-accent-surface-hover: {tint25};\n\
         \x20 --ds-color-accent-surface-active: {tint35};\n\
         }}\n",
        hover = colour.shade(0.82),
        active = colour.shade(0.66),
        text = colour.shade(0.45),
        tint8 = colour.tint(0.08),
        tint15 = colour.tint(0.15),
        tint25 = colour.tint(0.25),
        tint35 = colour.tint(0.35),
        tint45 = colour.tint(0.45),
    )
}

/// `GET /org/{slug}/tema/{rrggbb}.css`: the theme, if `rrggbb` is the organisation's colour.
pub async fn theme(
    State(state): State<AppState>,
    Path((slug, file)): Path<(String, String)>,
) -> Response {
    let Ok(Some(org)) = model_by_slug(&state.db, &slug).await.or_internal() else {
        return not_found();
    };
    let Some(colour) = org
        .accent_colour
        .as_deref()
        .and_then(|c| AccentColour::parse(c).ok())
    else {
        return not_found();
    };
    if file != format!("{}.css", colour.hex().trim_start_matches('#')) {
        return not_found();
    }
    let mut res = theme_css(colour).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(YEAR));
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("inline; filename=\"tema.css\""),
    );
    res
}

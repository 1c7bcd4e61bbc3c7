//! A hearing's public page: what it is about, its documents and sections, who is invited, the
//! deadline in words, the published submissions, and the outcome when concluded.

use super::components::{StatusTag, deadline_value};
use crate::components::context::use_i18n;
use crate::components::follow::FollowLinks;
use crate::components::list::Pager;
use crate::components::status::ErrorPage;
use crate::domain::hearing::HearingStatus;
use crate::domain::lang::Lang;
use crate::dto::hearings::{DocumentDto, HearingBody, HearingPage, PublicSubmission};
use crate::error::AppError;
use crate::features::hearings::api::get_hearing;
use crate::i18n::format;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

/// Route params `slug` and `id`, as the hearing pages read them.
pub fn hearing_params() -> impl Fn() -> (String, i32) + Clone + Send + Sync + 'static {
    let params = use_params_map();
    move || {
        params.with(|p| {
            (
                p.get("slug").unwrap_or_default(),
                p.get("id").and_then(|v| v.parse().ok()).unwrap_or(0),
            )
        })
    }
}

#[component]
pub fn HearingPublicPage() -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let params = hearing_params();
    let query = leptos_router::hooks::use_query_map();
    let page = move || {
        query.with(|q| {
            q.get("page")
                .and_then(|p| p.parse::<u64>().ok())
                .unwrap_or(1)
                .max(1)
        })
    };
    let body = Resource::new(
        move || (params(), page()),
        move |((slug, id), page)| hearing_body(slug, id, page, lang),
    );
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match body.await {
                    Ok(b) => view! {
                        <Title text=b.title/>
                        <Meta name="description" content=b.description/>
                        <div class="hearing-page" inner_html=b.html></div>
                    }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The page below the header, the same for every reader (which is what lets the page cache
/// serve logged-in citizens too): rendered at most once a second per hearing and language and
/// shared (the page cache's fragments, forgotten at any change) by the cache's render and by
/// every page rendered for a reader of its own (staff).
async fn hearing_body(
    slug: String,
    id: i32,
    page: u64,
    lang: Lang,
) -> Result<HearingBody, AppError> {
    #[cfg(feature = "ssr")]
    {
        use crate::ssr::http::page_cache::Fragment;
        use std::sync::Arc;
        let state = crate::ssr::app_state()?;
        let key = format!("hearing {} {slug} {id} {page}", lang.code());
        let now = state.clock.now();
        let body_of = |f: &Fragment| HearingBody {
            title: f.title.clone(),
            description: f.description.clone(),
            html: f.html.clone(),
        };
        if let Some(f) = state.page_cache.fragment(&key, now) {
            return Ok(body_of(&f));
        }
        let generation = state.page_cache.generation();
        let h = get_hearing(slug, id, page).await?;
        let fragment = Fragment {
            title: h.title.clone(),
            description: format::excerpt(&h.summary, 300),
            html: render_body(h, lang),
        };
        let fragment = Arc::new(fragment);
        state
            .page_cache
            .store_fragment(key, generation, now, fragment.clone());
        Ok(body_of(&fragment))
    }
    // Pages are rendered on the server only (islands); this never runs in the browser.
    #[cfg(not(feature = "ssr"))]
    {
        let _ = (slug, id, page, lang, get_hearing, HearingView);
        Err(AppError::NotFound)
    }
}

/// The hearing's body as HTML, in `lang`, apart from the page being rendered.
#[cfg(feature = "ssr")]
fn render_body(h: HearingPage, lang: crate::domain::lang::Lang) -> String {
    use leptos::tachys::view::RenderHtml;
    let owner = Owner::new();
    owner.with(|| {
        provide_context(crate::i18n::I18n(lang));
        view! { <HearingView h/> }.to_html()
    })
}

#[component]
fn HearingView(h: HearingPage) -> impl IntoView {
    let i = use_i18n();
    let mut h = h;
    let documents = std::mem::take(&mut h.documents);
    let sections = std::mem::take(&mut h.sections);
    let consultees = std::mem::take(&mut h.consultees);
    let submissions = std::mem::take(&mut h.submissions);
    let content_lang = h.content_lang.code();
    view! {
        <article class="hearing">
            <h1 class="ds-heading" data-size="lg" lang=content_lang>{h.title.clone()}</h1>
            <p class="ds-paragraph"><StatusTag status=h.status/></p>
            <p class="ds-paragraph" data-size="lg" lang=content_lang>{h.summary.clone()}</p>
            <HearingFacts h=h.clone()/>
            {(h.status == HearingStatus::Concluded).then(|| view! {
                <section aria-labelledby="outcome-heading" class="outcome">
                    <h2 class="ds-heading" data-size="md" id="outcome-heading">{i.t("hearing.page.outcome")}</h2>
                    <p class="ds-paragraph prewrap" lang=content_lang>{h.outcome.clone().unwrap_or_default()}</p>
                    {h.decision_url.clone().map(|u| view! {
                        <p class="ds-paragraph"><a class="ds-link" href=u>{i.t("hearing.page.decision_link")}</a></p>
                    })}
                </section>
            })}
            <WhatToDo h=h.clone()/>
            {(!h.debates.is_empty()).then(|| view! {
                <section aria-labelledby="debate-heading">
                    <h2 class="ds-heading" data-size="md" id="debate-heading">{i.t("hearing.page.debate")}</h2>
                    <p class="ds-paragraph">{i.t("hearing.page.debate_intro")}</p>
                    <ul class="link-list">
                        {h.debates.iter().map(|(id, title)| view! {
                            <li><a class="ds-link" href=crate::paths::dialogue(&h.organisation_slug, *id)>{title.clone()}</a></li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            <FollowLinks follow=crate::paths::follow_hearing(&h.organisation_slug, h.id)
                feed=crate::paths::hearing_feed(h.id)/>
            <div class="prose" lang=content_lang inner_html=h.body_html.clone()></div>
            <Documents documents/>
            {(!sections.is_empty()).then(|| view! {
                <section aria-labelledby="sections-heading">
                    <h2 class="ds-heading" data-size="md" id="sections-heading">{i.t("hearing.page.sections")}</h2>
                    {sections.iter().map(|s| view! {
                        <h3 class="ds-heading" data-size="sm" id=format!("del-{}", s.number) lang=content_lang>{format!("{}. {}", s.number, s.title)}</h3>
                        <p class="ds-paragraph prewrap" lang=content_lang>{s.body.clone()}</p>
                    }).collect_view()}
                </section>
            })}
            {(!consultees.is_empty()).then(|| view! {
                <section aria-labelledby="consultees-heading">
                    <h2 class="ds-heading" data-size="md" id="consultees-heading">{i.t("hearing.page.consultees")}</h2>
                    <ul>
                        {consultees.iter().map(|c| view! { <li>{c.name.clone()}</li> }).collect_view()}
                    </ul>
                </section>
            })}
            <Submissions submissions total=h.submission_total page=h.submission_page
                pages=h.submission_pages base=crate::paths::hearing(&h.organisation_slug, h.id)/>
        </article>
    }
}

/// The deadline, the opening, the deciding body, the case number and the contact; and, where
/// they apply, an extended deadline and the reason for a short period.
#[component]
fn HearingFacts(h: HearingPage) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    view! {
        <dl class="facts">
            <dt>{i.t("hearing.page.deadline")}</dt><dd>{deadline_value(i, h.deadline, h.now)}</dd>
            <dt>{i.t("hearing.page.opened")}</dt><dd>{format::date_time(lang, h.opens_at)}</dd>
            {h.body_name.clone().map(|b| view! { <dt>{i.t("hearing.page.decided_by")}</dt><dd>{b}</dd> })}
            {h.case_number.clone().map(|c| view! { <dt>{i.t("hearing.page.case_number")}</dt><dd>{c}</dd> })}
            <dt>{i.t("hearing.page.contact")}</dt>
            <dd>{h.contact_name.clone()}
                {h.contact_email.clone().map(|e| view! { ", " <a class="ds-link" href=format!("mailto:{e}")>{e.clone()}</a> })}
            </dd>
        </dl>
        {h.original_deadline.map(|o| view! {
            <div class="ds-alert" data-color="info"><p class="ds-paragraph">
                {i.tf("hearing.page.extended", &[("from", &format::date_time(lang, o)), ("to", &format::date_time(lang, h.deadline))])}
            </p></div>
        })}
        {h.short_reason.clone().map(|r| view! {
            <div class="ds-alert" data-color="warning"><p class="ds-paragraph">
                {i.tf("hearing.page.short", &[("reason", &r)])}
            </p></div>
        })}
    }
}

/// What a reader can do now: submit while it is open, or why not.
#[component]
fn WhatToDo(h: HearingPage) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    match h.status {
        HearingStatus::Open => view! {
            <p class="ds-paragraph"><a class="ds-button" data-variant="primary"
                href=crate::paths::submit_comment(&h.organisation_slug, h.id)>{i.t("hearing.page.submit")}</a></p>
        }.into_any(),
        HearingStatus::Scheduled => view! {
            <div class="ds-alert" data-color="info"><p class="ds-paragraph">
                {i.tf("hearing.opens_on", &[("date", &format::date_time(lang, h.opens_at))])}
            </p></div>
        }.into_any(),
        HearingStatus::Closed | HearingStatus::Concluded => view! {
            <div class="ds-alert" data-color="info"><p class="ds-paragraph">
                {i.tf("hearing.page.closed_notice", &[("deadline", &format::date_time(lang, h.deadline))])}
            </p></div>
        }.into_any(),
        HearingStatus::Cancelled => view! {
            <div class="ds-alert" data-color="warning"><p class="ds-paragraph">{i.t("hearing.page.cancelled")}</p></div>
        }.into_any(),
        HearingStatus::Draft => ().into_any(),
    }
}

/// The hearing's documents, each with its kind and size.
#[component]
fn Documents(documents: Vec<DocumentDto>) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    (!documents.is_empty()).then(|| view! {
        <section aria-labelledby="documents-heading">
            <h2 class="ds-heading" data-size="md" id="documents-heading">{i.t("hearing.page.documents")}</h2>
            <ul class="plain-list">
                {documents.iter().map(|d| {
                    let href = crate::paths::hearing_document(d.id, &d.file_name);
                    let kind = d.file_name.rsplit('.').next().unwrap_or("").to_uppercase();
                    view! {
                        <li><a class="ds-link" href=href>{d.title.clone()}</a>
                            {format!(" ({kind}, {})", format::file_size(lang, d.size_bytes))}</li>
                    }
                }).collect_view()}
            </ul>
        </section>
    })
}

/// The published submissions, a page at a time (`?page=`, plain links), or that there are
/// none yet.
#[component]
fn Submissions(
    submissions: Vec<PublicSubmission>,
    total: u64,
    page: u64,
    pages: u64,
    base: String,
) -> impl IntoView {
    let i = use_i18n();
    let href = move |p: u64| {
        if p == 1 {
            format!("{base}#submissions-heading")
        } else {
            format!("{base}?page={p}#submissions-heading")
        }
    };
    let first = href(1);
    let prev = (page > 1 && page <= pages).then(|| href(page - 1));
    let next = (page < pages).then(|| href(page + 1));
    view! {
        <section aria-labelledby="submissions-heading">
            <h2 class="ds-heading" data-size="md" id="submissions-heading">
                {i.tf("hearing.page.submissions", &[("count", &total.to_string())])}
            </h2>
            {if submissions.is_empty() && total == 0 {
                view! { <p class="ds-paragraph">{i.t("hearing.page.no_submissions")}</p> }.into_any()
            } else if submissions.is_empty() {
                view! {
                    <p class="ds-paragraph">{i.t("hearing.page.no_such_page")}" "
                        <a class="ds-link" href=first>{i.t("hearing.page.first_page")}</a></p>
                }.into_any()
            } else {
                view! {
                    <ul class="submission-list">
                        {submissions.into_iter().map(|s| view! { <SubmissionView s/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(pages > 1 && page <= pages).then(|| view! { <Pager page pages prev next/> })}
        </section>
    }
}

#[component]
fn SubmissionView(s: PublicSubmission) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let who = s
        .submitter
        .clone()
        .unwrap_or_else(|| i.t("submission.private_person"));
    view! {
        <li class="ds-card submission" id=s.reference.clone()>
            <h3 class="ds-heading" data-size="xs">{who}</h3>
            <p class="ds-paragraph submission__meta">
                {i.tf("submission.received", &[("date", &format::date_time(lang, s.received_at))])}
                {s.redacted.then(|| view! { " · " <span>{i.t("submission.redacted_note")}</span> })}
            </p>
            {(!s.general_comment.is_empty()).then(|| view! { <p class="ds-paragraph prewrap">{s.general_comment.clone()}</p> })}
            {s.comments.into_iter().map(|c| view! {
                <h4 class="ds-heading" data-size="2xs">{i.tf("submission.on_section", &[("number", &c.section_number.to_string()), ("title", &c.section_title)])}</h4>
                <p class="ds-paragraph prewrap">{c.text}</p>
            }).collect_view()}
            {(!s.attachments.is_empty()).then(|| view! {
                <ul class="plain-list">
                    {s.attachments.into_iter().map(|a| {
                        let href = crate::paths::submission_attachment(a.id, &a.file_name);
                        view! { <li><a class="ds-link" href=href>{a.file_name.clone()}</a>
                            {format!(" ({})", format::file_size(lang, a.size_bytes))}</li> }
                    }).collect_view()}
                </ul>
            })}
        </li>
    }
}

//! A dialogue space's public page: what it is about, the house rules where one writes, the
//! threads (a hidden post shows the rule it broke), and for a logged-in citizen the forms to
//! post, reply, support and flag — each a plain form that works without JavaScript.

use super::api::{FlagDialoguePost, PostDialogue, SupportDialoguePost, get_dialogue};
use super::staff_api::OfficialPostDialogue;
use crate::components::context::use_i18n;
use crate::components::form::choice::SelectField;
use crate::components::form::{CsrfField, FormAlert, TextAreaField, error_for, field_error, kept};
use crate::components::status::{ErrorPage, error_message};
use crate::domain::dialogue::post::FlagReason;
use crate::dto::auth::KeptForm;
use crate::dto::dialogue::{Hidden, HouseRules, PostView, SpaceView};
use crate::error::AppError;
use crate::features::auth::api::kept_form_values;
use crate::i18n::{I18n, format};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The house rules, numbered as moderators cite them.
pub fn house_rules(i: I18n, rules: &HouseRules) -> impl IntoView {
    let texts: Vec<String> = match rules {
        HouseRules::Default(n) => (1..=*n)
            .map(|k| i.t(&crate::domain::dialogue::default_rule_key(k)))
            .collect(),
        HouseRules::Own(r) => r.clone(),
    };
    view! {
        <section aria-labelledby="rules-heading" class="dialogue-rules">
            <h2 class="ds-heading" data-size="sm" id="rules-heading">{i.t("dialogue.rules.heading")}</h2>
            <ol class="ds-list">
                {texts.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
            </ol>
        </section>
    }
}

/// What failed on the page: the form it came from (by its kept values) and the error.
#[derive(Clone)]
struct Failed {
    form: String,
    error: AppError,
    values: Vec<(String, String)>,
}

#[component]
pub fn DialogueSpacePage() -> impl IntoView {
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
    let post = ServerAction::<PostDialogue>::new();
    let support = ServerAction::<SupportDialoguePost>::new();
    let flag = ServerAction::<FlagDialoguePost>::new();
    let official = ServerAction::<OfficialPostDialogue>::new();
    let space = Resource::new(
        move || {
            (
                key(),
                post.version().get(),
                support.version().get(),
                flag.version().get(),
                official.version().get(),
            )
        },
        |((slug, id), _, _, _, _)| get_dialogue(slug, id),
    );
    let kept_values = Resource::new(|| (), |_| kept_form_values());
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let s = match space.await {
                    Ok(s) => s,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let kept = kept_values.await.unwrap_or_default();
                let failed = post.value().get_untracked().and_then(|v| v.err()).map(|error| {
                    let form = kept.as_ref().map(|k| k.form.clone()).unwrap_or_else(|| "post_dialogue".into());
                    let values = KeptForm::values_for(&kept, &form, true);
                    Failed { form, error, values }
                });
                let official_failed = official.value().get_untracked().is_some_and(|v| v.is_err());
                let official_values =
                    KeptForm::values_for(&kept, "official_post_dialogue", official_failed);
                view! { <SpaceBody s failed post support flag official official_values/> }.into_any()
            })}
        </Suspense>
    }
}

#[component]
fn SpaceBody(
    s: SpaceView,
    failed: Option<Failed>,
    post: ServerAction<PostDialogue>,
    support: ServerAction<SupportDialoguePost>,
    flag: ServerAction<FlagDialoguePost>,
    official: ServerAction<OfficialPostDialogue>,
    official_values: Vec<(String, String)>,
) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let here = crate::paths::dialogue(&s.organisation_slug, s.id);
    let period = match s.closes_at {
        Some(c) => i.tf(
            "dialogue.space.open_between",
            &[
                ("from", &format::date_time(lang, s.opens_at)),
                ("to", &format::date_time(lang, c)),
            ],
        ),
        None => i.tf(
            "dialogue.space.open_from",
            &[("from", &format::date_time(lang, s.opens_at))],
        ),
    };
    let can_post = s.viewer.cannot_post.is_none();
    let flagged =
        leptos_router::hooks::use_query_map().with_untracked(|q| q.get("flagget").is_some());
    let as_official = s.open && s.viewer.official_badge.is_some();
    let ctx = ThreadCtx {
        slug: s.organisation_slug.clone(),
        id: s.id,
        can_post,
        official: as_official.then_some(official),
        failed: failed.clone(),
        post,
        support,
        flag,
    };
    let main_failed = failed.filter(|f| f.form == "post_dialogue");
    view! {
        <Title text=s.title.clone()/>
        <p class="ds-paragraph"><a class="ds-link" href=crate::paths::dialogues(&s.organisation_slug)>{i.t("dialogue.list.title")}</a></p>
        <h1 class="ds-heading" data-size="lg">{s.title.clone()}</h1>
        <p class="ds-paragraph prewrap">{s.description.clone()}</p>
        {s.hearing.clone().map(|(h, title)| view! {
            <p class="ds-paragraph">{i.t("dialogue.space.about_hearing")}" "
                <a class="ds-link" href=crate::paths::hearing(&s.organisation_slug, h)>{title}</a></p>
        })}
        <p class="ds-paragraph">{period}</p>
        <p class="ds-paragraph">{i.t(match s.moderation {
            crate::domain::dialogue::ModerationMode::Pre => "dialogue.space.pre_moderated",
            crate::domain::dialogue::ModerationMode::Post => "dialogue.space.post_moderated",
        })}" "<a class="ds-link" href=crate::paths::dialogue_log(&s.organisation_slug, s.id)>{i.t("dialogue.log.link")}</a></p>
        {house_rules(i, &s.rules)}
        <FormAlert action=support/>
        <FormAlert action=flag/>
        {flagged.then(|| view! {
            <div class="ds-alert" data-color="success" role="status"><p class="ds-paragraph">{i.t("dialogue.flag.thanks")}</p></div>
        })}
        <section aria-labelledby="write-heading">
            <h2 class="ds-heading" data-size="md" id="write-heading">{i.t("dialogue.post.heading")}</h2>
            {match (&s.viewer.cannot_post, &s.viewer.suspension) {
                _ if as_official => view! {
                    <p class="ds-paragraph">{i.tf("dialogue.official.as", &[("badge", &s.viewer.official_badge.clone().unwrap_or_default())])}</p>
                    <OfficialFormView official slug=s.organisation_slug.clone() id=s.id reply_to=None values=official_values.clone()/>
                }.into_any(),
                (_, Some(sus)) => view! {
                    <div class="ds-alert" data-color="warning" role="status">
                        <p class="ds-paragraph">{i.tf("dialogue.suspended.body", &[
                            ("until", &format::date_time(lang, sus.until)),
                            ("rule", &sus.rule.to_string()),
                        ])}</p>
                        <p class="ds-paragraph prewrap">{sus.reason.clone()}</p>
                        <p class="ds-paragraph">{i.t("dialogue.suspended.complain")}</p>
                    </div>
                }.into_any(),
                (Some(why), None) if why == "dialogue.post.log_in" => view! {
                    <p class="ds-paragraph">{i.t(why)}</p>
                    <p class="ds-paragraph"><a class="ds-button" data-variant="primary" rel="external"
                        href=crate::paths::citizen_login_href(&here)>{i.t("dialogue.post.log_in_button")}</a></p>
                }.into_any(),
                (Some(why), None) => view! { <p class="ds-paragraph">{i.t(why)}</p> }.into_any(),
                (None, None) => view! {
                    <PostFormView post slug=s.organisation_slug.clone() id=s.id reply_to=None failed=main_failed/>
                }.into_any(),
            }}
        </section>
        <section aria-labelledby="threads-heading">
            <h2 class="ds-heading" data-size="md" id="threads-heading">{i.tf("dialogue.threads.heading", &[("count", &s.threads.len().to_string())])}</h2>
            {s.threads.is_empty().then(|| view! { <p class="ds-paragraph">{i.t("dialogue.threads.none")}</p> })}
            {s.threads.into_iter().map(|t| {
                let ctx = ctx.clone();
                let replies = t.replies.clone();
                let root_id = t.root.id;
                let locked = t.root.locked;
                view! {
                    <article class="dialogue-thread" aria-labelledby=format!("innlegg-{root_id}-by")>
                        <PostCard p=t.root.clone() ctx=ctx.clone() reply_to=Some(root_id) locked/>
                        {(!replies.is_empty()).then(|| view! {
                            <ul class="dialogue-replies" aria-label=i.t("dialogue.replies.label")>
                                {replies.into_iter().map(|r| view! {
                                    <li><PostCard p=r ctx=ctx.clone() reply_to=None locked/></li>
                                }).collect_view()}
                            </ul>
                        })}
                    </article>
                }
            }).collect_view()}
        </section>
    }
}

fn flag_options(i: I18n) -> Vec<(String, String)> {
    std::iter::once((String::new(), i.t("dialogue.flag.choose")))
        .chain(
            FlagReason::ALL
                .into_iter()
                .map(|r| (r.as_str().to_string(), i.t(r.label_key()))),
        )
        .collect()
}

#[derive(Clone)]
struct ThreadCtx {
    slug: String,
    id: i32,
    can_post: bool,
    /// The visitor is an official with a seat: they answer as one.
    official: Option<ServerAction<OfficialPostDialogue>>,
    failed: Option<Failed>,
    post: ServerAction<PostDialogue>,
    support: ServerAction<SupportDialoguePost>,
    flag: ServerAction<FlagDialoguePost>,
}

#[component]
fn PostFormView(
    post: ServerAction<PostDialogue>,
    slug: String,
    id: i32,
    reply_to: Option<i64>,
    failed: Option<Failed>,
) -> impl IntoView {
    let i = use_i18n();
    let error = failed.as_ref().map(|f| f.error.clone());
    let values = failed.map(|f| f.values).unwrap_or_default();
    let field_id = match reply_to {
        Some(r) => format!("text-{r}"),
        None => "text".into(),
    };
    let label = if reply_to.is_some() {
        i.t("dialogue.reply.label")
    } else {
        i.t("dialogue.post.label")
    };
    view! {
        <ActionForm action=post attr:class="form" attr:novalidate=true>
            {error.clone().filter(|e| !matches!(e, AppError::Validation(_))).map(|e| view! {
                <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{error_message(i, &e)}</p></div>
            })}
            <CsrfField/>
            <input type="hidden" name="slug" value=slug/>
            <input type="hidden" name="id" value=id.to_string()/>
            {reply_to.map(|r| view! { <input type="hidden" name="reply_to" value=r.to_string()/> })}
            <TextAreaField name="text" id=field_id label rows=4 hint=i.t("dialogue.post.hint")
                value=kept(&values, "text", "") error=error_for(i, &error, "text")/>
            <button class="ds-button" data-variant="primary" type="submit">{
                if reply_to.is_some() { i.t("dialogue.reply.submit") } else { i.t("dialogue.post.submit") }
            }</button>
        </ActionForm>
    }
}

/// An official's post or reply, under their name and badge.
#[component]
fn OfficialFormView(
    official: ServerAction<OfficialPostDialogue>,
    slug: String,
    id: i32,
    reply_to: Option<i64>,
    /// What was typed in the form that failed (the main form's: replies keep none).
    #[prop(optional)]
    values: Vec<(String, String)>,
) -> impl IntoView {
    let i = use_i18n();
    let field_id = match reply_to {
        Some(r) => format!("official-text-{r}"),
        None => "official-text".into(),
    };
    view! {
        <ActionForm action=official attr:class="form" attr:novalidate=true>
            // One form tells what went wrong (the first), not every reply's.
            {reply_to.is_none().then(|| view! { <FormAlert action=official/> })}
            <CsrfField/>
            <input type="hidden" name="slug" value=slug/>
            <input type="hidden" name="id" value=id.to_string()/>
            {reply_to.map(|r| view! { <input type="hidden" name="reply_to" value=r.to_string()/> })}
            <TextAreaField name="text" id=field_id label=i.t("dialogue.official.label") rows=4
                hint=i.t("dialogue.official.hint") value=kept(&values, "text", "")
                error=if reply_to.is_none() { field_error(official, "text") } else { Signal::derive(|| None) }/>
            <button class="ds-button" data-variant="primary" type="submit">{i.t("dialogue.official.submit")}</button>
        </ActionForm>
    }
}

#[component]
fn PostCard(p: PostView, ctx: ThreadCtx, reply_to: Option<i64>, locked: bool) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let anchor = format!("innlegg-{}", p.id);
    let by = match (&p.hidden, &p.author) {
        (Some(_), _) => i.t("dialogue.post.hidden_author"),
        (None, Some(a)) => a.clone(),
        (None, None) => i.t("dialogue.post.deleted_author"),
    };
    let body = match (p.hidden, p.html.clone()) {
        (Some(Hidden::Rule(n)), _) => view! {
            <p class="ds-paragraph dialogue-hidden">{i.tf("dialogue.post.hidden_rule", &[("rule", &n.to_string())])}</p>
        }.into_any(),
        (Some(Hidden::PendingReview), _) => view! {
            <p class="ds-paragraph dialogue-hidden">{i.t("dialogue.post.hidden_flags")}</p>
        }.into_any(),
        (None, Some(html)) => view! { <div class="prose" inner_html=html></div> }.into_any(),
        (None, None) => ().into_any(),
    };
    let visible = p.hidden.is_none() && !p.pending;
    let failed_here = reply_to.and_then(|r| {
        ctx.failed
            .clone()
            .filter(|f| f.form == format!("post_dialogue_{r}"))
    });
    let open_reply = failed_here.is_some();
    let (slug, slug2) = (ctx.slug.clone(), ctx.slug.clone());
    let slug_support = ctx.slug.clone();
    let (support, flag, post) = (ctx.support, ctx.flag, ctx.post);
    let (space_id, can_post) = (ctx.id, ctx.can_post);
    let official = ctx.official;
    let slug3 = ctx.slug.clone();
    view! {
        <div class="dialogue-post" id=anchor.clone()>
            <p class="ds-paragraph" data-size="sm" id=format!("{anchor}-by")>
                <strong>{by}</strong>
                {p.badge.clone().map(|b| view! { " · "<span class="dialogue-badge">{b}</span> })}
                " · "{format::date_time(lang, p.created_at)}
                {p.pending.then(|| view! { " · "<span class="ds-tag" data-color="warning">{i.t("dialogue.post.pending")}</span> })}
            </p>
            {body}
            {visible.then(|| view! {
                <p class="ds-paragraph" data-size="sm">{i.tf("dialogue.support.count", &[("count", &p.supports.to_string())])}</p>
            })}
            {(visible && can_post && !p.mine).then(move || view! {
                <div class="dialogue-actions">
                    {if p.supported {
                        view! { <p class="ds-paragraph" data-size="sm">{i.t("dialogue.support.given")}</p> }.into_any()
                    } else {
                        view! {
                            <ActionForm action=support attr:class="inline-form">
                                <CsrfField/>
                                <input type="hidden" name="slug" value=slug_support/>
                                <input type="hidden" name="id" value=space_id.to_string()/>
                                <input type="hidden" name="post" value=p.id.to_string()/>
                                <button class="ds-button" data-variant="secondary" data-size="sm" type="submit">{i.t("dialogue.support.button")}</button>
                            </ActionForm>
                        }.into_any()
                    }}
                    <details class="dialogue-flag">
                        <summary>{i.t("dialogue.flag.summary")}</summary>
                        <ActionForm action=flag attr:class="form">
                            <CsrfField/>
                            <input type="hidden" name="slug" value=slug.clone()/>
                            <input type="hidden" name="id" value=space_id.to_string()/>
                            <input type="hidden" name="post" value=p.id.to_string()/>
                            <SelectField name="reason" id=format!("flag-{}", p.id) label=i.t("dialogue.flag.legend")
                                options=flag_options(i)/>
                            <button class="ds-button" data-variant="secondary" data-size="sm" type="submit">{i.t("dialogue.flag.submit")}</button>
                        </ActionForm>
                    </details>
                </div>
            })}
            {(reply_to.is_some() && visible && can_post && !locked).then(|| view! {
                <details class="dialogue-reply" open=open_reply>
                    <summary>{i.t("dialogue.reply.summary")}</summary>
                    <PostFormView post slug=slug2.clone() id=space_id reply_to failed=failed_here.clone()/>
                </details>
            })}
            {match (official, reply_to) {
                (Some(official), Some(r)) if visible && !locked => Some(view! {
                    <details class="dialogue-reply">
                        <summary>{i.t("dialogue.official.reply")}</summary>
                        <OfficialFormView official slug=slug3.clone() id=space_id reply_to=Some(r)/>
                    </details>
                }),
                _ => None,
            }}
            {(reply_to.is_some() && locked).then(|| view! {
                <p class="ds-paragraph" data-size="sm">{i.t("dialogue.thread.locked")}</p>
            })}
        </div>
    }
}

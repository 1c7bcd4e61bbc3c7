//! The links every public case page carries — to its follow page, and to its Atom feed — and
//! the feed link of every public list. Plain links, the same for every reader, so a cached page
//! stays the same for all.

use crate::components::context::use_i18n;
use leptos::prelude::*;

#[component]
pub fn FollowLinks(follow: String, feed: String) -> impl IntoView {
    let i = use_i18n();
    view! {
        <p class="ds-paragraph follow-links">
            <a class="ds-link" href=follow>{i.t("follow.link")}</a>
            " · "
            <a class="ds-link" href=feed type="application/atom+xml">{i.t("follow.feed.short")}</a>
        </p>
    }
}

/// A list's Atom feed of its cases' events: announced in the head and linked in the page.
#[component]
pub fn FeedLink(href: String) -> impl IntoView {
    let i = use_i18n();
    view! {
        <leptos_meta::Link rel="alternate" type_="application/atom+xml" href=href.clone()/>
        <p class="ds-paragraph">
            <a class="ds-link" href=href type="application/atom+xml">{i.t("follow.feed.list")}</a>
        </p>
    }
}

//! What the public lists (hearings, initiatives) share: the filter read from the address, the
//! filter form, the links between pages, and the page navigation.

use crate::components::context::use_i18n;
use crate::components::form::SelectField;
use crate::paths::urlencode;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The list's filter from the address: (organisation, status, search words, page). A list
/// fixed to one organisation ignores `organisation=`.
pub fn use_list_query(
    fixed_slug: Option<String>,
    default_status: &'static str,
) -> impl Fn() -> (Option<String>, String, String, u64) + Clone + Send + Sync + 'static {
    let query = use_query_map();
    move || {
        query.with(|q| {
            (
                fixed_slug.clone().or_else(|| q.get("organisation")),
                q.get("status").unwrap_or_else(|| default_status.into()),
                q.get("q").unwrap_or_default(),
                q.get("page")
                    .and_then(|p| p.parse::<u64>().ok())
                    .unwrap_or(1),
            )
        })
    }
}

/// The address of `page` of the list at `base` with the same filter.
pub fn page_href(
    base: &str,
    organisation: Option<&str>,
    status: &str,
    q: &str,
    page: u64,
) -> String {
    let mut p = vec![
        format!("status={}", urlencode(status)),
        format!("page={page}"),
    ];
    if let Some(o) = organisation {
        p.push(format!("organisation={}", urlencode(o)));
    }
    if !q.is_empty() {
        p.push(format!("q={}", urlencode(q)));
    }
    format!("{base}?{}", p.join("&"))
}

/// "Previous", "page N of M", "next".
#[component]
pub fn Pager(page: u64, pages: u64, prev: Option<String>, next: Option<String>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <nav class="pagination" aria-label=i.t("hearing.list.pages")>
            {prev.map(|href| view! { <a class="ds-link" href=href rel="prev">{i.t("hearing.list.previous")}</a> })}
            <span>{i.tf("hearing.list.page_of", &[("page", &page.to_string()), ("pages", &pages.to_string())])}</span>
            {next.map(|href| view! { <a class="ds-link" href=href rel="next">{i.t("hearing.list.next")}</a> })}
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_links_keep_the_filter_and_encode_what_was_typed() {
        assert_eq!(
            page_href(
                "/horinger",
                Some("eksempel-kommune"),
                "open",
                "skole & vei",
                2
            ),
            "/horinger?status=open&page=2&organisation=eksempel-kommune&q=skole%20%26%20vei"
        );
        assert_eq!(
            page_href("/org/lillevik-kommune/innbyggerforslag", None, "all", "", 3),
            "/org/lillevik-kommune/innbyggerforslag?status=all&page=3",
            "no organisation in a list fixed to one, no empty search"
        );
    }
}

/// The filter of a public list, a plain GET form: the organisation (`organisations`, none when
/// the list is one organisation's), the status and words to search for.
#[component]
pub fn FilterForm(
    action: String,
    organisations: Option<Vec<(String, String)>>,
    organisation: String,
    statuses: Vec<(String, String)>,
    status: String,
    query: String,
    search_label: String,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <form method="get" action=action class="filter-form" role="search">
            {organisations.map(|options| view! {
                <SelectField name="organisation" label=i.t("hearing.list.organisation")
                    options selected=organisation/>
            })}
            <SelectField name="status" label=i.t("hearing.list.status") options=statuses selected=status/>
            <div class="ds-field">
                <label class="ds-label" for="f-q">{search_label}</label>
                <input class="ds-input" id="f-q" name="q" type="search" value=query/>
            </div>
            <button class="ds-button" data-variant="secondary" type="submit">{i.t("hearing.list.filter")}</button>
        </form>
    }
}

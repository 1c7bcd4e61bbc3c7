//! Markdown written by staff (a hearing's text), turned into HTML that is safe to show: parsed
//! with pulldown-cmark and cleaned with ammonia (no scripts, styles, event handlers or raw
//! HTML tricks; links get `rel="noopener noreferrer"`). What citizens and officials write in the
//! dialogue gets a smaller subset (`post_to_safe_html`): paragraphs, emphasis, lists, quotes,
//! code and links — no images, headings, tables or raw HTML.

use pulldown_cmark::{Options, Parser, html};

pub fn to_safe_html(markdown: &str) -> String {
    let mut raw = String::new();
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    html::push_html(&mut raw, Parser::new_ext(markdown, opts));
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .clean(&raw)
        .to_string()
}

/// The tags a dialogue post may have.
const POST_TAGS: [&str; 13] = [
    "p",
    "br",
    "em",
    "strong",
    "del",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "a",
    "hr",
];

/// A dialogue post's markdown as HTML: the small subset, raw HTML shown as text, links that
/// open nothing but the web or mail and tell search engines they are not endorsed.
pub fn post_to_safe_html(markdown: &str) -> String {
    use pulldown_cmark::Event;
    let mut raw = String::new();
    // Raw HTML in a post is text, not markup; images become their alt text.
    let events = Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH).map(|e| match e {
        Event::Html(t) | Event::InlineHtml(t) => Event::Text(t),
        e => e,
    });
    html::push_html(&mut raw, events);
    ammonia::Builder::empty()
        .add_tags(POST_TAGS)
        .add_tag_attributes("a", ["href"])
        .link_rel(Some("nofollow noopener noreferrer"))
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .url_relative(ammonia::UrlRelative::Deny)
        .clean(&raw)
        .to_string()
}

/// The links a post's HTML (from `post_to_safe_html`) holds: what a reader can follow, however
/// the markdown spelled it.
pub fn links_in_html(html: &str) -> usize {
    html.matches("<a href=").count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_html_and_scripts_do_not_survive() {
        let html =
            to_safe_html("## Bakgrunn\n\nKommunen *foreslår* [en plan](https://eksempel.no).");
        assert!(html.contains("<h2>Bakgrunn</h2>"));
        assert!(html.contains("<em>foreslår</em>"));
        assert!(html.contains("href=\"https://eksempel.no\""));
        assert!(html.contains("noopener"));
        let evil = to_safe_html(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) and <a href=\"data:text/html,x\">y</a>",
        );
        assert!(!evil.contains("<script"));
        assert!(!evil.contains("onerror"));
        assert!(evil.contains(">x</a>"), "the link text stays: {evil}");
        assert!(!evil.contains("href=\"javascript"), "{evil}");
        assert!(!evil.contains("data:text"), "{evil}");
    }

    #[test]
    fn a_post_keeps_emphasis_lists_and_links_and_nothing_more() {
        let html = post_to_safe_html(
            "# Overskrift\n\n*Viktig*: se [planen](https://kommune.no).\n\n- én\n- to\n\n![bilde](https://x.no/a.png)\n\n<b>fet</b> <script>alert(1)</script>",
        );
        assert!(html.contains("<em>Viktig</em>"), "{html}");
        assert!(html.contains("<li>én</li>"), "{html}");
        assert!(
            html.contains(
                "<a href=\"https://kommune.no\" rel=\"nofollow noopener noreferrer\">planen</a>"
            ),
            "{html}"
        );
        assert!(!html.contains("<h1"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(
            html.contains("&lt;script&gt;"),
            "raw HTML is shown as text: {html}"
        );
    }

    #[test]
    fn every_way_of_writing_a_link_counts_and_relative_ones_go_nowhere() {
        for (md, n) in [
            ("[a](https://x.no) og [b](http://y.no)", 2),
            ("[a](h&#116;tps://x.no)", 1),
            ("[a](https:/x.no)", 1),
            ("[a](//spam.example) [b](/side)", 0),
            ("bare https://x.no i teksten", 0),
        ] {
            let html = post_to_safe_html(md);
            assert_eq!(links_in_html(&html), n, "{md}: {html}");
        }
    }
}

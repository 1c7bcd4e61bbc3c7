//! Markdown written by staff (a hearing's text), turned into HTML that is safe to show: parsed
//! with pulldown-cmark and cleaned with ammonia (no scripts, styles, event handlers or raw
//! HTML tricks; links get `rel="noopener noreferrer"`).

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
}

//! An organisation's branding: an accent colour that keeps text readable (WCAG 2.1 AA, contrast
//! at least 4.5:1 against white, where the accent is used for links, buttons and borders on
//! white), and a logo checked by its content (PNG or SVG, never what its name claims).

use serde::{Deserialize, Serialize};

/// WCAG 2.1 AA for normal text.
pub const MIN_CONTRAST: f64 = 4.5;

/// A colour written `#rrggbb`, its contrast against white at least [`MIN_CONTRAST`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccentColour([u8; 3]);

#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
pub enum ColourError {
    #[error("write the colour as #rrggbb")]
    Format,
    #[error("the colour's contrast against white is {0:.2}:1, below 4.5:1")]
    Contrast(f64),
}

/// The relative luminance of an sRGB colour (WCAG 2.1, "relative luminance").
fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// The contrast ratio of two colours (WCAG 2.1, "contrast ratio"), from 1 to 21.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

impl AccentColour {
    pub const MESSAGE_KEYS: &[&str] = &["admin.brand.colour_format", "admin.brand.colour_contrast"];

    pub fn parse(s: &str) -> Result<Self, ColourError> {
        let hex = s.trim().strip_prefix('#').ok_or(ColourError::Format)?;
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(ColourError::Format);
        }
        let byte =
            |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| ColourError::Format);
        let rgb = [byte(0)?, byte(2)?, byte(4)?];
        let ratio = contrast(rgb, [255, 255, 255]);
        if ratio < MIN_CONTRAST {
            return Err(ColourError::Contrast(ratio));
        }
        Ok(Self(rgb))
    }

    /// `#rrggbb`, lower case.
    pub fn hex(self) -> String {
        let [r, g, b] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// The colour mixed with white (`share` of the colour, 0–1), for tints such as hover
    /// backgrounds and subtle borders.
    pub fn tint(self, share: f64) -> String {
        let mix = |c: u8| (f64::from(c) * share + 255.0 * (1.0 - share)).round() as u8;
        let [r, g, b] = self.0;
        format!("#{:02x}{:02x}{:02x}", mix(r), mix(g), mix(b))
    }

    /// The colour darkened (`share` of it kept, the rest black), for hover and active states;
    /// darker keeps the contrast against white.
    pub fn shade(self, share: f64) -> String {
        let mix = |c: u8| (f64::from(c) * share).round() as u8;
        let [r, g, b] = self.0;
        format!("#{:02x}{:02x}{:02x}", mix(r), mix(g), mix(b))
    }

    /// The translation key of what is wrong, for the form.
    pub fn message_key(e: ColourError) -> &'static str {
        match e {
            ColourError::Format => "admin.brand.colour_format",
            ColourError::Contrast(_) => "admin.brand.colour_contrast",
        }
    }
}

/// The largest logo accepted.
pub const MAX_LOGO_BYTES: usize = 256 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LogoKind {
    Png,
    Svg,
}

impl LogoKind {
    pub fn content_type(self) -> &'static str {
        match self {
            LogoKind::Png => "image/png",
            LogoKind::Svg => "image/svg+xml",
        }
    }

    pub fn parse_content_type(s: &str) -> Option<Self> {
        match s {
            "image/png" => Some(LogoKind::Png),
            "image/svg+xml" => Some(LogoKind::Svg),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LogoError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than 256 KB")]
    TooLarge,
    #[error("the file is neither a PNG nor an SVG image")]
    NotAnImage,
    #[error("the SVG holds scripts, event handlers or links to other files")]
    ActiveSvg,
}

impl LogoError {
    pub const MESSAGE_KEYS: &[&str] = &[
        "admin.brand.logo_empty",
        "admin.brand.logo_too_large",
        "admin.brand.logo_not_image",
        "admin.brand.logo_active",
    ];

    pub fn message_key(self) -> &'static str {
        match self {
            LogoError::Empty => "admin.brand.logo_empty",
            LogoError::TooLarge => "admin.brand.logo_too_large",
            LogoError::NotAnImage => "admin.brand.logo_not_image",
            LogoError::ActiveSvg => "admin.brand.logo_active",
        }
    }
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// What the logo's bytes are, whatever its name says: a PNG (its signature followed by its
/// header chunk) or an SVG (UTF-8 text whose first element is `<svg`) without anything that
/// could run or fetch (scripts, event handlers, `foreignObject`, links other than to its own
/// fragments). The logo is also served with a policy that forbids scripts; this check keeps a
/// logo that would need one from being stored at all.
pub fn check_logo(bytes: &[u8]) -> Result<LogoKind, LogoError> {
    if bytes.is_empty() {
        return Err(LogoError::Empty);
    }
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(LogoError::TooLarge);
    }
    if bytes.starts_with(PNG_SIGNATURE) {
        // The first chunk of a PNG is IHDR, 13 bytes long.
        return if bytes.len() >= 33 && &bytes[8..16] == b"\x00\x00\x00\x0dIHDR" {
            Ok(LogoKind::Png)
        } else {
            Err(LogoError::NotAnImage)
        };
    }
    let text = std::str::from_utf8(bytes).map_err(|_| LogoError::NotAnImage)?;
    let text = text.trim_start_matches('\u{feff}');
    if !first_element_is_svg(text) {
        return Err(LogoError::NotAnImage);
    }
    if svg_is_active(text) {
        return Err(LogoError::ActiveSvg);
    }
    Ok(LogoKind::Svg)
}

/// Skips an XML declaration, comments and a doctype, and asks whether the first element is
/// `<svg`.
fn first_element_is_svg(text: &str) -> bool {
    let mut rest = text.trim_start();
    loop {
        if let Some(r) = rest.strip_prefix("<?") {
            let Some(end) = r.find("?>") else {
                return false;
            };
            rest = r[end + 2..].trim_start();
        } else if let Some(r) = rest.strip_prefix("<!--") {
            let Some(end) = r.find("-->") else {
                return false;
            };
            rest = r[end + 3..].trim_start();
        } else if rest.starts_with("<!DOCTYPE") || rest.starts_with("<!doctype") {
            // A doctype with an internal subset could define entities: refuse it.
            if rest[..rest.find('>').unwrap_or(rest.len())].contains('[') {
                return false;
            }
            let Some(end) = rest.find('>') else {
                return false;
            };
            rest = rest[end + 1..].trim_start();
        } else {
            return rest.starts_with("<svg")
                && rest[4..].starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/');
        }
    }
}

/// Whether the SVG holds anything that could run or load: a script or foreignObject element,
/// an `on…` attribute, an entity declaration, a stylesheet import, a `javascript:` or `data:`
/// address, or a link (`href`, `xlink:href`, `url(`) to anything but its own `#fragment`.
fn svg_is_active(text: &str) -> bool {
    const BAD: &[&str] = &[
        "<script",
        "<foreignobject",
        "<!entity",
        "<iframe",
        "<embed",
        "<object",
        "@import",
        "javascript:",
        "data:",
    ];
    let lower = text.to_ascii_lowercase();
    let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    BAD.iter().any(|bad| compact.contains(bad))
        || has_event_attribute(&lower)
        || !links_only_fragments(&compact)
}

/// An attribute named `on…` inside a tag.
fn has_event_attribute(lower: &str) -> bool {
    let bytes = lower.as_bytes();
    let mut in_tag = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'<' => in_tag = true,
            b'>' => in_tag = false,
            b'o' if in_tag
                && i > 0
                && (bytes[i - 1].is_ascii_whitespace() || bytes[i - 1] == b'/')
                && bytes.get(i + 1) == Some(&b'n') =>
            {
                let name: String = lower[i..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                let after = lower[i + name.len()..].trim_start();
                if name.len() > 2 && after.starts_with('=') {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// Every `href=`, `xlink:href=` and `url(` points at a `#fragment`.
fn links_only_fragments(compact: &str) -> bool {
    let targets = ["href=\"", "href='", "url(", "url(\"", "url('"];
    let mut rest = compact;
    while let Some(pos) = targets
        .iter()
        .filter_map(|t| rest.find(t).map(|p| (p, t.len())))
        .min_by_key(|(p, _)| *p)
    {
        let after = &rest[pos.0 + pos.1..];
        let after = after.trim_start_matches(['"', '\'']);
        if !after.starts_with('#') {
            return false;
        }
        rest = after;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_wcag() {
        let ratio = contrast([0, 0, 0], [255, 255, 255]);
        assert!((ratio - 21.0).abs() < 0.01, "{ratio}");
        assert!((contrast([255, 255, 255], [255, 255, 255]) - 1.0).abs() < 1e-9);
        // #767676 is the lightest grey with 4.5:1 on white; #777777 is just below.
        assert!(contrast([0x76, 0x76, 0x76], [255, 255, 255]) >= 4.5);
        assert!(contrast([0x77, 0x77, 0x77], [255, 255, 255]) < 4.5);
    }

    #[test]
    fn a_readable_colour_is_kept_and_a_pale_one_refused() {
        assert_eq!(
            AccentColour::parse(" #0062BA ").map(AccentColour::hex),
            Ok("#0062ba".into())
        );
        assert!(matches!(AccentColour::parse("#ffcc00"), Err(ColourError::Contrast(r)) if r < 2.0));
        for bad in ["0062ba", "#0062b", "#0062bz", "blue", "", "#0062ba00"] {
            assert_eq!(AccentColour::parse(bad), Err(ColourError::Format), "{bad}");
        }
    }

    #[test]
    fn shades_and_tints_mix_with_black_and_white() {
        let c = AccentColour::parse("#204060").expect("dark enough");
        assert_eq!(c.shade(0.5), "#102030");
        assert_eq!(c.tint(0.0), "#ffffff");
        assert_eq!(c.tint(1.0), "#204060");
    }

    fn png() -> Vec<u8> {
        let mut b = PNG_SIGNATURE.to_vec();
        b.extend_from_slice(
            b"\x00\x00\x00\x0dIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00",
        );
        b.extend_from_slice(&[0; 4]);
        b
    }

    #[test]
    fn a_logo_is_judged_by_its_content() {
        assert_eq!(check_logo(&png()), Ok(LogoKind::Png));
        let svg = br##"<?xml version="1.0"?><!-- logo --><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="10" height="10"/><use href="#g"/></svg>"##;
        assert_eq!(check_logo(svg), Ok(LogoKind::Svg));
        assert_eq!(check_logo(b""), Err(LogoError::Empty));
        assert_eq!(
            check_logo(b"%PDF-1.7 not a logo"),
            Err(LogoError::NotAnImage)
        );
        assert_eq!(
            check_logo(b"<html><svg></svg></html>"),
            Err(LogoError::NotAnImage)
        );
        assert_eq!(
            check_logo(&PNG_SIGNATURE.repeat(2)),
            Err(LogoError::NotAnImage)
        );
        assert_eq!(
            check_logo(&vec![b' '; MAX_LOGO_BYTES + 1]),
            Err(LogoError::TooLarge)
        );
    }

    #[test]
    fn an_svg_that_could_run_or_fetch_is_refused() {
        for bad in [
            r#"<svg><script>alert(1)</script></svg>"#,
            r#"<svg><rect onload="alert(1)"/></svg>"#,
            r#"<svg><rect
                ONCLICK = "x"/></svg>"#,
            r#"<svg><foreignObject><p>x</p></foreignObject></svg>"#,
            r#"<svg><a href="javascript:alert(1)"><rect/></a></svg>"#,
            r#"<svg><image href="https://evil.example/x.png"/></svg>"#,
            r#"<svg><use xlink:href="other.svg#a"/></svg>"#,
            r#"<svg><rect style="fill: url(https://evil.example/x)"/></svg>"#,
            r#"<svg><image href="data:image/png;base64,AAAA"/></svg>"#,
        ] {
            assert_eq!(
                check_logo(bad.as_bytes()),
                Err(LogoError::ActiveSvg),
                "{bad}"
            );
        }
        let doctype = r#"<!DOCTYPE svg [<!ENTITY x "y">]><svg>&x;</svg>"#;
        assert_eq!(check_logo(doctype.as_bytes()), Err(LogoError::NotAnImage));
    }
}

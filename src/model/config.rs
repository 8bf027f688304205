//! A consultant's branding and framing: `learnlead.yaml` in the current folder, or the file
//! named with `--config`. Title, client, consultant, date, logo, accent colour, which sections to
//! show, an executive summary and recommendations (Markdown), and a confidentiality line.
//!
//! Everything is checked when the file is read: a missing or unsupported logo, a colour that is
//! not a colour, an unknown section are clear errors. The consultant's Markdown reaches HTML
//! through a renderer that lets no HTML, script or remote image through.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

use crate::error::Problem;
use crate::yaml;

/// The file looked for in the current folder.
pub const FILE_NAME: &str = "learnlead.yaml";

/// Sections a configuration can show or leave out, across reports, group reports and bundles.
pub const SECTIONS: &[&str] = &[
    "summary",
    "method",
    "session",
    "overview",
    "scores",
    "highlights",
    "dimensions",
    "coverage",
    "talk",
    "desired",
    "roles",
    "change",
    "matrix",
    "items",
    "notes",
    "participants",
    "recommendations",
];

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: Option<String>,
    pub client: Option<String>,
    pub consultant: Option<Consultant>,
    pub date: Option<String>,
    /// A PNG, JPEG or SVG file, relative to the configuration file.
    pub logo: Option<PathBuf>,
    /// `#rgb` or `#rrggbb`.
    pub accent_color: Option<String>,
    /// The sections to show; all when absent.
    pub sections: Option<Vec<String>>,
    /// Markdown.
    pub summary: Option<String>,
    /// Markdown.
    pub recommendations: Option<String>,
    pub confidentiality: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consultant {
    pub name: Option<String>,
    pub contact: Option<String>,
}

/// The branding as templates see it (`brand`), with every key present.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Brand {
    pub title: Option<String>,
    pub client: Option<String>,
    pub consultant_name: Option<String>,
    pub consultant_contact: Option<String>,
    pub date: Option<String>,
    /// The logo as a `data:` URI.
    pub logo: Option<String>,
    pub accent_color: Option<String>,
    /// The accent for text: the accent itself where it reads on white (WCAG AA, 4.5:1), else
    /// the accent darkened until it does. Fills and lines keep the accent.
    pub accent_text: Option<String>,
    /// The accent's contrast on white, when it is too low for text (for a warning).
    pub accent_contrast: Option<f64>,
    /// The summary rendered to safe HTML, and as written (for Markdown output).
    pub summary_html: Option<String>,
    pub summary_md: Option<String>,
    pub recommendations_html: Option<String>,
    pub recommendations_md: Option<String>,
    pub confidentiality: Option<String>,
    /// The configuration file that was applied, as the reports name it.
    pub config_file: Option<String>,
}

/// Which sections to show (`show` in templates): every name in [`SECTIONS`], true or false.
pub type Show = BTreeMap<String, bool>;

/// Branding and sections, ready for templates.
#[derive(Debug, Clone)]
pub struct Framing {
    pub brand: Brand,
    pub show: Show,
}

impl Default for Framing {
    fn default() -> Self {
        Framing {
            brand: Brand::default(),
            show: SECTIONS.iter().map(|s| (s.to_string(), true)).collect(),
        }
    }
}

/// WCAG AA's least contrast for normal text.
pub const AA_TEXT: f64 = 4.5;

/// `#rgb` or `#rrggbb` as red, green and blue, 0 to 255.
fn rgb(hex: &str) -> [u8; 3] {
    let h = hex.trim_start_matches('#');
    let long: String = match h.len() {
        3 => h.chars().flat_map(|c| [c, c]).collect(),
        _ => h.to_string(),
    };
    let byte = |i: usize| u8::from_str_radix(long.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0);
    [byte(0), byte(2), byte(4)]
}

/// WCAG's relative luminance of a colour.
fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// The contrast ratio of `hex` on white, 1 to 21.
pub fn contrast_on_white(hex: &str) -> f64 {
    contrast(hex, "#ffffff")
}

/// The contrast ratio of two colours, 1 to 21.
pub fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(rgb(a)), luminance(rgb(b)));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The light backgrounds the accent is set on as text in the shipped pages: the page itself,
/// and the tinted boxes (`--soft`: the next step, notes, framing).
pub const LIGHT_BACKGROUNDS: [&str; 2] = ["#ffffff", "#f3f6f8"];

/// `hex` as it is if it reads on every light background, else darkened step by step (towards
/// black, keeping its hue) until it reaches [`AA_TEXT`] on each.
pub fn readable_on_white(hex: &str) -> String {
    let [r, g, b] = rgb(hex);
    let mut k = 1.0f64;
    loop {
        let shade = [r, g, b].map(|c| (f64::from(c) * k).round() as u8);
        let text = format!("#{:02x}{:02x}{:02x}", shade[0], shade[1], shade[2]);
        let reads = LIGHT_BACKGROUNDS
            .iter()
            .all(|bg| contrast(&text, bg) >= AA_TEXT);
        if reads || k <= 0.0 {
            return text;
        }
        k -= 0.02;
    }
}

/// Turns a logo named in a configuration into a `data:` URI, or says why it cannot.
pub type LogoLoader<'a> = &'a dyn Fn(&Path) -> std::result::Result<String, String>;

/// Checks a configuration's text; every problem is reported at once. The logo it names is
/// handed to `logo` (which reads the file: `io::config_file`), so the model reads nothing.
pub fn parse(text: &str, logo: LogoLoader) -> std::result::Result<Framing, Vec<Problem>> {
    let config: Config = yaml::from_str(text).map_err(|p| vec![p])?;
    let mut problems = Vec::new();
    let at = |key: &str| yaml::locate(text, &[yaml::Seg::from(key)]);

    let accent_color = config.accent_color.as_ref().and_then(|c| {
        let c = c.trim();
        let hex = c.strip_prefix('#').unwrap_or("");
        if (hex.len() == 3 || hex.len() == 6) && hex.chars().all(|h| h.is_ascii_hexdigit()) {
            Some(c.to_ascii_lowercase())
        } else {
            problems.push(Problem::at(
                at("accent_color"),
                format!(
                    "accent_color {c:?} is not a colour: write it as #rgb or #rrggbb, e.g. #1f5f8b"
                ),
            ));
            None
        }
    });
    let mut show: Show = SECTIONS
        .iter()
        .map(|s| (s.to_string(), config.sections.is_none()))
        .collect();
    for s in config.sections.iter().flatten() {
        match show.get_mut(s.trim()) {
            Some(v) => *v = true,
            None => problems.push(Problem::at(
                at("sections"),
                format!(
                    "unknown section `{s}`; the sections are: {}",
                    SECTIONS.join(", ")
                ),
            )),
        }
    }
    let logo = match &config.logo {
        Some(file) => match logo(file) {
            Ok(uri) => Some(uri),
            Err(msg) => {
                problems.push(Problem::at(at("logo"), msg));
                None
            }
        },
        None => None,
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let clean = |s: &Option<String>| {
        s.as_ref()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let consultant = config.consultant.clone().unwrap_or_default();
    Ok(Framing {
        brand: Brand {
            title: clean(&config.title),
            client: clean(&config.client),
            consultant_name: clean(&consultant.name),
            consultant_contact: clean(&consultant.contact),
            date: clean(&config.date),
            logo,
            accent_text: accent_color.as_deref().map(readable_on_white),
            accent_contrast: accent_color
                .as_deref()
                .map(contrast_on_white)
                .filter(|c| *c < AA_TEXT),
            accent_color,
            summary_html: clean(&config.summary).map(|m| markdown_to_safe_html(&m)),
            summary_md: clean(&config.summary),
            recommendations_html: clean(&config.recommendations).map(|m| markdown_to_safe_html(&m)),
            recommendations_md: clean(&config.recommendations),
            confidentiality: clean(&config.confidentiality),
            config_file: None,
        },
        show,
    })
}

/// Markdown to HTML that carries no HTML of its own: raw HTML shows as text, links keep only
/// web and mail addresses, and images become their alternative text (a report loads nothing).
pub fn markdown_to_safe_html(markdown: &str) -> String {
    let events = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .filter_map(|event| match event {
        Event::Html(h) | Event::InlineHtml(h) => Some(Event::Text(h)),
        // An image becomes its alternative text: the text between its start and end.
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let url = dest_url.trim().to_ascii_lowercase();
            let safe = url.starts_with("https://")
                || url.starts_with("http://")
                || url.starts_with("mailto:")
                || url.starts_with('#');
            Some(Event::Start(Tag::Link {
                link_type,
                dest_url: if safe { dest_url } else { "#".into() },
                title,
                id,
            }))
        }
        other => Some(other),
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cannot_carry_html_script_or_remote_images() {
        let html = markdown_to_safe_html(
            "**Bold** <script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[ok](https://example.org) [bad](javascript:alert(3)) ![logo](https://tracker.example/x.png)",
        );
        assert!(html.contains("<strong>Bold</strong>"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(
            html.contains(r#"<a href="https://example.org">ok</a>"#),
            "{html}"
        );
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("tracker.example"), "{html}");
        assert!(html.contains("logo"), "the image's text stays: {html}");
    }

    #[test]
    fn sections_listed_are_the_only_ones_shown() {
        let no_logo: LogoLoader = &|_| Err("no logo here".into());
        let f = parse("sections: [overview, talk]\n", no_logo).unwrap();
        assert!(f.show["overview"] && f.show["talk"]);
        assert!(!f.show["items"]);
        assert!(Framing::default().show.values().all(|v| *v));
        let problems = parse("logo: x.png\n", no_logo).unwrap_err();
        assert_eq!(problems[0].message, "no logo here");
    }

    #[test]
    fn an_accent_too_light_for_text_is_darkened_until_it_reads() {
        assert!((contrast_on_white("#ffffff") - 1.0).abs() < 1e-9);
        assert!((contrast_on_white("#000") - 21.0).abs() < 1e-9);
        assert!((contrast_on_white("#ffdd00") - 1.34).abs() < 0.01);
        assert_eq!(readable_on_white("#1f5f8b"), "#1f5f8b", "already fine");
        let dark = readable_on_white("#ffdd00");
        assert!(contrast_on_white(&dark) >= AA_TEXT, "{dark}");
        // And on the tinted box of the next step, where 4.5 on white gave 4.22.
        assert!(contrast(&dark, "#f3f6f8") >= AA_TEXT, "{dark}");
        let teal = readable_on_white("#2a7a78");
        assert!(contrast(&teal, "#f3f6f8") >= AA_TEXT, "{teal}");
        assert!(
            contrast_on_white(&dark) < 5.5,
            "no darker than it needs: {dark}"
        );
        let f = parse("accent_color: \"#ffdd00\"\n", &|_| Ok(String::new())).unwrap();
        assert_eq!(f.brand.accent_text.as_deref(), Some(dark.as_str()));
        assert!(f.brand.accent_contrast.is_some_and(|c| c < 1.4));
    }
}

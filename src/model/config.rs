//! A consultant's branding and framing: `learnlead.yaml` in the current folder, or the file
//! named with `--config`. Title, client, consultant, date, logo, accent colour, which sections to
//! show, an executive summary and recommendations (Markdown), and a confidentiality line.
//!
//! Everything is checked when the file is read: a missing or unsupported logo, a colour that is
//! not a colour, an unknown section are clear errors. The consultant's Markdown reaches HTML
//! through a renderer that lets no HTML, script or remote image through.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use base64::Engine;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Problem, Result};
use crate::io::yaml;

/// The file looked for in the current folder.
pub const FILE_NAME: &str = "learnlead.yaml";

/// Sections a configuration can show or leave out, across reports, group reports and bundles.
pub const SECTIONS: &[&str] = &[
    "summary",
    "method",
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
    /// The summary rendered to safe HTML, and as written (for Markdown output).
    pub summary_html: Option<String>,
    pub summary_md: Option<String>,
    pub recommendations_html: Option<String>,
    pub recommendations_md: Option<String>,
    pub confidentiality: Option<String>,
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

/// The configuration named, else `learnlead.yaml` in the current folder, else none.
pub fn find(explicit: Option<&Path>) -> Result<Framing> {
    match explicit {
        Some(p) => load(p),
        None if Path::new(FILE_NAME).is_file() => {
            crate::say_err!("note: using {FILE_NAME} from the current folder");
            load(Path::new(FILE_NAME))
        }
        None => Ok(Framing::default()),
    }
}

/// Reads and checks a configuration file; every problem is reported at once.
pub fn load(path: &Path) -> Result<Framing> {
    let text = crate::io::input::read_text(path, crate::io::input::Kind::Config)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    parse(&text, dir).map_err(|problems| Error::invalid(path, problems))
}

/// Checks a configuration's text; the logo is looked for in `dir`, the configuration's folder.
pub fn parse(text: &str, dir: &Path) -> std::result::Result<Framing, Vec<Problem>> {
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
        Some(file) => match logo_data_uri(dir, file) {
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
            accent_color,
            summary_html: clean(&config.summary).map(|m| markdown_to_safe_html(&m)),
            summary_md: clean(&config.summary),
            recommendations_html: clean(&config.recommendations).map(|m| markdown_to_safe_html(&m)),
            recommendations_md: clean(&config.recommendations),
            confidentiality: clean(&config.confidentiality),
        },
        show,
    })
}

/// A logo file as a `data:` URI: PNG, JPEG or SVG (recognised by content), at most
/// [`input::Kind::Logo`]'s limit. A web address is refused: a report loads nothing.
fn logo_data_uri(dir: &Path, file: &Path) -> std::result::Result<String, String> {
    let text = file.to_string_lossy();
    if text.contains("://") || text.starts_with("data:") {
        return Err(format!(
            "the logo must be an image file beside the configuration, not an address ({}); \
             save the image and name the file",
            crate::safe_text::quote(&text)
        ));
    }
    let path = dir.join(file);
    // The logo lies in the configuration's folder (or below): a configuration from someone
    // else cannot put a picture from elsewhere on this computer into a report.
    let real_dir = std::fs::canonicalize(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    })
    .map_err(|e| {
        format!(
            "cannot read the folder {}: {}",
            dir.display(),
            crate::error::io_words(&e)
        )
    })?;
    let real = std::fs::canonicalize(&path).map_err(|e| {
        format!(
            "cannot read the logo {}: {}",
            path.display(),
            crate::error::io_words(&e)
        )
    })?;
    if !real.starts_with(&real_dir) {
        return Err(format!(
            "the logo {} lies outside the configuration's folder; put the image beside learnlead.yaml",
            path.display()
        ));
    }
    let bytes =
        crate::io::input::read(&real, crate::io::input::Kind::Logo).map_err(|e| match e {
            Error::Invalid { problems, .. } => format!(
                "the logo {}: {}",
                path.display(),
                problems
                    .first()
                    .map(|p| p.message.as_str())
                    .unwrap_or("cannot be read")
            ),
            e => format!("{e}").replace("cannot read ", "cannot read the logo "),
        })?;
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let mime = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else if head.trim_start().starts_with("<svg")
        || (head.trim_start().starts_with("<?xml") && head.contains("<svg"))
    {
        // Shown through <img>, where an SVG's scripts never run.
        "image/svg+xml"
    } else {
        return Err(format!(
            "the logo {} is not a PNG, JPEG or SVG image",
            path.display()
        ));
    };
    Ok(format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(&bytes)
    ))
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
    fn the_example_is_valid() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("learnlead.yaml");
        std::fs::write(
            &p,
            crate::io::assets::CONFIG_EXAMPLE.replace("logo: logo.png", "# logo: logo.png"),
        )
        .unwrap();
        let f = load(&p).unwrap();
        assert_eq!(f.brand.accent_color.as_deref(), Some("#1f5f8b"));
        assert!(f.brand.summary_html.unwrap().contains("<p>"));
    }

    #[test]
    fn bad_colour_section_and_logo_are_all_reported() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.yaml");
        std::fs::write(
            &p,
            "accent_color: blue\nsections: [overview, apendix]\nlogo: nope.png\n",
        )
        .unwrap();
        let err = load(&p).unwrap_err().to_string();
        assert!(
            err.contains(":1:1: accent_color \"blue\" is not a colour"),
            "{err}"
        );
        assert!(err.contains("unknown section `apendix`"), "{err}");
        assert!(err.contains("cannot read the logo"), "{err}");
        assert!(err.contains("3 problems"), "{err}");
    }

    #[test]
    fn logos_are_recognised_by_content_and_limited_in_size() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("l.png"), b"\x89PNG\r\n\x1a\nrest").unwrap();
        assert!(logo_data_uri(d, Path::new("l.png"))
            .unwrap()
            .starts_with("data:image/png;base64,iVBORw0KG"));
        std::fs::write(d.join("l.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>").unwrap();
        assert!(logo_data_uri(d, Path::new("l.svg"))
            .unwrap()
            .starts_with("data:image/svg+xml;base64,"));
        std::fs::write(d.join("l.gif"), b"GIF89a").unwrap();
        assert!(logo_data_uri(d, Path::new("l.gif"))
            .unwrap_err()
            .contains("not a PNG, JPEG or SVG"));
        let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        bytes.resize(crate::io::input::Kind::Logo.limit() as usize + 1, 0);
        std::fs::write(d.join("big.png"), bytes).unwrap();
        let err = logo_data_uri(d, Path::new("big.png")).unwrap_err();
        assert!(err.contains("the limit is 512 KiB"), "{err}");
        let err = logo_data_uri(d, Path::new("https://example.org/logo.png")).unwrap_err();
        assert!(err.contains("not an address"), "{err}");
        let err = logo_data_uri(Path::new("/dev"), Path::new("zero")).unwrap_err();
        assert!(err.contains("a device"), "{err}");
    }

    #[test]
    fn sections_listed_are_the_only_ones_shown() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.yaml");
        std::fs::write(&p, "sections: [overview, talk]\n").unwrap();
        let f = load(&p).unwrap();
        assert!(f.show["overview"] && f.show["talk"]);
        assert!(!f.show["items"]);
        assert!(Framing::default().show.values().all(|v| *v));
    }
}

//! A configuration on disk: `learnlead.yaml` found, read (bounded), and its logo read from the
//! configuration's own folder and embedded. What the configuration means is the model's
//! ([`crate::model::config`]).

use std::path::{Path, PathBuf};

use base64::Engine;

use crate::error::{Error, Result};
use crate::io::input;
use crate::model::config::{self, Framing, FILE_NAME};

/// Where the branding came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// No configuration.
    None,
    /// `--config FILE`.
    Given(PathBuf),
    /// The nearest `learnlead.yaml` in the current folder or above it, trusted.
    Found(PathBuf),
    /// The nearest `learnlead.yaml`, not used: someone else could change it.
    PassedOver { path: PathBuf, why: String },
}

/// The configuration named, else the nearest `learnlead.yaml` in the current folder or one
/// above it (as `.editorconfig` is found), else none; with where it came from, so the caller
/// can say so. A file found by walking up is used only when it is this user's and no one else
/// may change it ([`crate::platform::files::trusted_owner`]): a `learnlead.yaml` that another
/// user left in a shared parent folder must not brand your deliverable. It is passed over, and
/// can still be used on purpose with `--config`.
pub fn find(explicit: Option<&Path>) -> Result<(Framing, Source)> {
    match explicit {
        Some(p) => Ok((load(p)?, Source::Given(p.to_path_buf()))),
        None => match nearest(&std::env::current_dir().unwrap_or_default()) {
            Some(p) => match crate::platform::files::trusted_owner(&p) {
                Ok(()) => Ok((load(&p)?, Source::Found(p))),
                Err(why) => Ok((Framing::default(), Source::PassedOver { path: p, why })),
            },
            None => Ok((Framing::default(), Source::None)),
        },
    }
}

/// `learnlead.yaml` in `dir` or the nearest folder above it.
fn nearest(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// Reads and checks a configuration file; every problem is reported at once.
pub fn load(path: &Path) -> Result<Framing> {
    let text = input::read_text(path, input::Kind::Config)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    config::parse(&text, &|file| logo_data_uri(dir, file))
        .map_err(|problems| Error::invalid(path, problems))
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
    let real = input::inside(dir, &path).map_err(|why| match why {
        input::NotInside::Unreadable(what) => format!("cannot read the logo {what}"),
        input::NotInside::Outside => format!(
            "the logo {} lies outside the configuration's folder; put the image beside learnlead.yaml",
            path.display()
        ),
    })?;
    let bytes = input::read(&real, input::Kind::Logo).map_err(|e| match e {
        Error::Invalid { problems, .. } => format!(
            "the logo {}: {}",
            path.display(),
            problems
                .first()
                .map_or("cannot be read", |p| p.message.as_str())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_configuration_above_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        assert_eq!(nearest(&deep), None);
        std::fs::write(dir.path().join("learnlead.yaml"), "title: T\n").unwrap();
        assert_eq!(nearest(&deep), Some(dir.path().join("learnlead.yaml")));
        std::fs::write(deep.join("learnlead.yaml"), "title: U\n").unwrap();
        assert_eq!(
            nearest(&deep),
            Some(deep.join("learnlead.yaml")),
            "the nearest wins"
        );
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
}

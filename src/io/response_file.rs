//! A response on disk: read (bounded, see [`input::Kind::Response`]) and saved atomically. The
//! response's content and its checks are the model's ([`Response`]); this is only the file.

use std::path::Path;

use crate::error::{Error, Result};
use crate::io::{input, output};
use crate::model::response::Response;

/// Reads a response file, with its text (for locating problems found later). Only its shape is
/// checked here; see [`Response::problems`].
pub fn read(path: &Path) -> Result<(Response, String)> {
    let text = input::read_text(path, input::Kind::Response)?;
    let response = Response::parse(&text).map_err(|p| Error::invalid_one(path, p))?;
    Ok((response, text))
}

/// Reads a response file.
pub fn load(path: &Path) -> Result<Response> {
    read(path).map(|(response, _)| response)
}

/// How many response files beside a response are read for an earlier one by the same person:
/// a person's own folder holds a handful; a group's folder is not searched through.
const MAX_NEIGHBOURS: usize = 500;

/// A file beside a response larger than this is not a response of one person's (those are a
/// few kilobytes), and is not read.
const MAX_NEIGHBOUR_BYTES: u64 = 1024 * 1024;

/// The latest earlier response beside `path` by the same person (same name, not anonymous) on
/// the same rubric, with its date: what a return visit compares with. Files that are not
/// responses, or cannot be read, are passed over.
pub fn earlier_beside(path: &Path, response: &Response) -> Option<(std::path::PathBuf, String)> {
    use crate::model::response::date_of;
    if crate::io::input::is_stdin(path) {
        return None;
    }
    let name = response
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())?;
    let date = date_of(response.completed.as_deref().unwrap_or(&response.started));
    if date == "undated" {
        return None;
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let own = std::fs::canonicalize(path).ok();
    let responses = std::fs::read_dir(&folder)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .filter(|p| {
            std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.len() <= MAX_NEIGHBOUR_BYTES)
        })
        .take(MAX_NEIGHBOURS);
    let mut best: Option<(std::path::PathBuf, String)> = None;
    for candidate in responses {
        if std::fs::canonicalize(&candidate).ok() == own {
            continue;
        }
        let Ok(other) = load(&candidate) else {
            continue;
        };
        let other_date = date_of(other.completed.as_deref().unwrap_or(&other.started)).to_string();
        let same = other.rubric.id == response.rubric.id
            && other
                .name
                .as_deref()
                .map(str::trim)
                .is_some_and(|n| n.eq_ignore_ascii_case(name));
        let earlier = other_date != "undated" && other_date.as_str() < date;
        if same && earlier && best.as_ref().is_none_or(|(_, d)| *d < other_date) {
            best = Some((candidate, other_date));
        }
    }
    best
}

/// Writes the response atomically over its own file (the questionnaire saving as it goes):
/// the file on disk is always a whole response.
pub fn save(response: &Response, path: &Path) -> Result<()> {
    output::write_atomic(path, response.to_yaml()?.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::assets;
    use crate::model::rubric::Rubric;

    #[test]
    fn the_earlier_response_of_the_same_person_is_found_beside_a_new_one() {
        let rubric = Rubric::parse(assets::STARTER_RUBRIC).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let made = |file: &str, name: &str, started: &str| {
            let mut r = Response::new(&rubric);
            r.name = Some(name.into());
            r.started = started.into();
            let path = dir.path().join(file);
            save(&r, &path).unwrap();
            (path, r)
        };
        let (old, _) = made("ana-2025.yaml", "Ana", "2025-09-15T10:00:00Z");
        made("ana-2024.yaml", "Ana", "2024-09-15T10:00:00Z");
        made("bo-2025.yaml", "Bo", "2025-10-01T10:00:00Z");
        std::fs::write(dir.path().join("notes.yaml"), "not: a response\n").unwrap();
        let (new, r) = made("ana-2026.yaml", "ana", "2026-03-02T10:00:00Z");
        assert_eq!(
            earlier_beside(&new, &r),
            Some((old, "2025-09-15".to_string())),
            "the latest earlier one, by name whatever its case"
        );
        let (first, r) = made("cy.yaml", "Cy", "2026-01-01T10:00:00Z");
        assert_eq!(earlier_beside(&first, &r), None);
        let mut anonymous = r.clone();
        anonymous.name = None;
        assert_eq!(earlier_beside(&first, &anonymous), None);
    }

    #[test]
    fn a_saved_response_reads_back_the_same() {
        let rubric = Rubric::parse(assets::STARTER_RUBRIC).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ana.yaml");
        let mut r = Response::new(&rubric);
        r.name = Some("Ana".into());
        save(&r, &path).unwrap();
        assert_eq!(load(&path).unwrap(), r);
        let err = read(&dir.path().join("missing.yaml")).unwrap_err();
        assert_eq!(err.exit_code(), 2);
    }
}

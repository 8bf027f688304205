//! Finds rubrics by name: a path to a YAML file, an id in the user's rubric folder
//! (`--rubrics-dir` or `LEARNLEAD_RUBRICS`), or an id of a shipped rubric, in that order.
//!
//! A user's rubric with the same id as a shipped one takes its place: that is how a person adapts
//! a shipped rubric (copy it with `rubrics show ID --format yaml`, edit, keep the id). The tool
//! says so on standard error whenever it happens, and `rubrics list` marks it.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::io::assets;
use crate::io::output;
use crate::model::response::RubricStamp;
use crate::model::rubric::Rubric;

/// Where a loaded rubric came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Shipped,
    File(PathBuf),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Shipped => write!(f, "shipped"),
            Origin::File(p) => write!(f, "{}", p.display()),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Loaded {
    pub rubric: Rubric,
    pub origin: Origin,
    /// A user's rubric that takes the place of the shipped one with the same id.
    pub overrides_shipped: bool,
}

impl Loaded {
    /// What a response records of this rubric: id, version, content hash, and the file it was
    /// read from when it is not shipped, so that later commands can find it again.
    pub fn stamp(&self) -> RubricStamp {
        let mut stamp = RubricStamp::of(&self.rubric);
        if let Origin::File(p) = &self.origin {
            stamp.file = Some(
                std::fs::canonicalize(p)
                    .unwrap_or_else(|_| p.clone())
                    .display()
                    .to_string(),
            );
        }
        stamp
    }
}

/// The rubrics a person can name.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub user_dir: Option<PathBuf>,
}

impl Catalog {
    pub fn new(user_dir: Option<PathBuf>) -> Self {
        Catalog { user_dir }
    }

    /// Loads the rubric `name` names: a path (it has a `/`, ends in `.yaml`/`.yml`, or is an
    /// existing file), else an id in the user's folder, else a shipped id.
    pub fn load(&self, name: &str) -> Result<Loaded> {
        if looks_like_path(name) {
            return load_file(Path::new(name));
        }
        if let Some(loaded) = self.by_id(name)? {
            return Ok(loaded);
        }
        Err(self.unknown(name)?)
    }

    /// No rubric `name`: the refusal, with the rubrics there are and the nearest of them.
    fn unknown(&self, name: &str) -> Result<Error> {
        let known: Vec<String> = self.list()?.0.into_iter().map(|l| l.rubric.id).collect();
        let guess = crate::suggest::did_you_mean(name, known.iter().map(String::as_str));
        Ok(Error::UnknownRubric {
            name: name.to_string(),
            guess,
            available: known,
        })
    }

    /// The rubric a response was given on: `explicit` if the person named one, else the id
    /// the response records, looked up only among the shipped rubrics and the rubrics folder.
    /// A response is someone else's file: its content is never used as a path. The file it
    /// records is only a hint in the message when the id is not found.
    pub fn load_for(&self, stamp: &RubricStamp, explicit: Option<&str>) -> Result<Loaded> {
        if let Some(name) = explicit {
            return self.load(name);
        }
        let id = &stamp.id;
        if !crate::model::rubric::is_id(id) {
            return Err(Error::NotARubricId {
                id: crate::safe_text::quote(id).clone(),
            });
        }
        if let Some(loaded) = self.by_id(id)? {
            return Ok(loaded);
        }
        let hint = match &stamp.file {
            Some(f) => format!(
                "; it was given on the file {}: if you trust it, add --rubric {}",
                crate::safe_text::quote(f),
                crate::safe_text::quote(f)
            ),
            None => "; put it in your rubrics folder (--rubrics-dir) or add --rubric FILE".into(),
        };
        Err(Error::RubricNotFound {
            id: id.clone(),
            hint,
        })
    }

    /// The rubric with the id `name`: the user's, else the shipped one, else none.
    fn by_id(&self, name: &str) -> Result<Option<Loaded>> {
        if let Some(path) = self.user_file(name)? {
            let loaded = load_file(&path)?;
            if loaded.rubric.id != name {
                return Err(Error::RubricFileMisnamed {
                    path,
                    id: loaded.rubric.id,
                    name: name.to_string(),
                });
            }
            return Ok(Some(loaded));
        }
        if let Some(asset) = assets::shipped_rubric(name) {
            return Ok(Some(Loaded {
                rubric: parse_shipped(asset)?,
                origin: Origin::Shipped,
                overrides_shipped: false,
            }));
        }
        Ok(None)
    }

    /// The user's rubric file for `id`, if there is a user folder and it holds one.
    fn user_file(&self, id: &str) -> Result<Option<PathBuf>> {
        let Some(dir) = &self.user_dir else {
            return Ok(None);
        };
        if !dir.is_dir() {
            return Err(Error::NoRubricsFolder { path: dir.clone() });
        }
        if !crate::model::rubric::is_id(id) {
            return Ok(None);
        }
        for ext in ["yaml", "yml"] {
            let p = dir.join(format!("{id}.{ext}"));
            if p.is_file() {
                return Ok(Some(p));
            }
        }
        Ok(None)
    }

    /// Every rubric a person can name by id: the user's first, then the shipped ones they do not
    /// replace. User files that do not validate are returned apart, with their errors, so one
    /// broken file does not hide the others.
    pub fn list(&self) -> Result<(Vec<Loaded>, Vec<Error>)> {
        let mut user = Vec::new();
        let mut broken = Vec::new();
        if let Some(dir) = &self.user_dir {
            for p in output::yaml_files_in(dir)? {
                match load_file(&p) {
                    Ok(l) => user.push(l),
                    Err(e) => broken.push(e),
                }
            }
        }
        let mut all = user;
        for asset in assets::RUBRICS {
            let rubric = parse_shipped(asset)?;
            if all.iter().any(|l| l.rubric.id == rubric.id) {
                for l in all.iter_mut().filter(|l| l.rubric.id == rubric.id) {
                    l.overrides_shipped = true;
                }
                continue;
            }
            all.push(Loaded {
                rubric,
                origin: Origin::Shipped,
                overrides_shipped: false,
            });
        }
        Ok((all, broken))
    }
}

fn looks_like_path(name: &str) -> bool {
    // Both separators, whatever the system: `rubrics\\mine.yaml` is a path on Windows, and a
    // name with either is never taken for an id.
    let lower = name.to_ascii_lowercase();
    name.contains('/')
        || name.contains('\\')
        || lower.ends_with(".yaml")
        || lower.ends_with(".yml")
        || Path::new(name).is_file()
}

/// Loads and validates a rubric file.
pub fn load_file(path: &Path) -> Result<Loaded> {
    load_checked(path).map(|(loaded, _)| loaded)
}

/// As [`load_file`], with the rubric's warnings (what makes it a weaker instrument), each
/// located in the file where it can be.
pub fn load_checked(path: &Path) -> Result<(Loaded, Vec<crate::error::Problem>)> {
    let text = crate::io::input::read_text(path, crate::io::input::Kind::Rubric)?;
    checked(path, &text, Origin::File(path.to_path_buf()))
}

impl Catalog {
    /// As [`load_checked`], for a path or an id: a file given by its path, else the rubric of
    /// that id in the rubrics folder, else the shipped one. Returns how to name it too.
    pub fn checked(&self, name: &Path) -> Result<(Loaded, Vec<crate::error::Problem>, PathBuf)> {
        let id = name
            .to_str()
            .filter(|n| !looks_like_path(n) && crate::model::rubric::is_id(n));
        let (Some(id), false) = (id, name.exists()) else {
            return load_checked(name).map(|(l, w)| (l, w, name.to_path_buf()));
        };
        if let Some(path) = self.user_file(id)? {
            return load_checked(&path).map(|(l, w)| (l, w, path));
        }
        match assets::shipped_rubric(id) {
            Some(asset) => {
                let label = PathBuf::from(format!("rubrics/{} (shipped)", asset.name));
                checked(&label, asset.text, Origin::Shipped).map(|(l, w)| (l, w, label))
            }
            None => Err(self.unknown(id)?),
        }
    }
}

/// `text` (from `path`) as a rubric with its warnings, each located where it can be.
fn checked(
    path: &Path,
    text: &str,
    origin: Origin,
) -> Result<(Loaded, Vec<crate::error::Problem>)> {
    let rubric = Rubric::parse(text).map_err(|problems| Error::invalid(path, problems))?;
    let locator = crate::yaml::Locator::new(text);
    let warnings = rubric
        .warnings()
        .into_iter()
        .map(|(at, message)| crate::error::Problem::at(locator.locate(&at), message))
        .collect();
    let overrides_shipped =
        matches!(origin, Origin::File(_)) && assets::shipped_rubric(&rubric.id).is_some();
    let loaded = Loaded {
        rubric,
        origin,
        overrides_shipped,
    };
    Ok((loaded, warnings))
}

fn parse_shipped(asset: &assets::Asset) -> Result<Rubric> {
    // Shipped rubrics are checked by the test suite; a failure here is a bug in the build.
    Rubric::parse(asset.text)
        .map_err(|problems| Error::invalid(format!("rubrics/{} (shipped)", asset.name), problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_rubric_validates_and_is_named_after_its_id() {
        for asset in assets::RUBRICS {
            let rubric = parse_shipped(asset).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(format!("{}.yaml", rubric.id), asset.name);
        }
    }

    #[test]
    fn user_rubric_takes_the_place_of_a_shipped_one() {
        let dir = tempfile::tempdir().unwrap();
        let text = assets::shipped_rubric("cop-functions")
            .unwrap()
            .text
            .replace("title: ", "title: Ours - ");
        std::fs::write(dir.path().join("cop-functions.yaml"), text).unwrap();
        let catalog = Catalog::new(Some(dir.path().to_path_buf()));
        let loaded = catalog.load("cop-functions").unwrap();
        assert!(loaded.overrides_shipped);
        assert!(loaded.rubric.title.starts_with("Ours - "));
        let (all, broken) = catalog.list().unwrap();
        assert!(broken.is_empty());
        assert_eq!(
            all.iter()
                .filter(|l| l.rubric.id == "cop-functions")
                .count(),
            1
        );
        assert_eq!(all.len(), assets::RUBRICS.len());
    }

    #[test]
    fn unknown_id_lists_the_available_ones() {
        let err = Catalog::default().load("nope").unwrap_err();
        assert!(
            matches!(&err, Error::UnknownRubric { name, available, .. }
                if name == "nope" && available.iter().any(|a| a == "wenger-trayner")),
            "{err:?}"
        );
        let msg = err.to_string();
        assert!(msg.contains("no rubric `nope`"), "{msg}");
        assert!(msg.contains("wenger-trayner"), "{msg}");
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn a_missing_rubrics_folder_and_a_misnamed_rubric_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("gone");
        let err = Catalog::new(Some(gone.clone()))
            .load("wenger-trayner")
            .unwrap_err();
        assert!(
            matches!(&err, Error::NoRubricsFolder { path } if *path == gone),
            "{err:?}"
        );
        let text = assets::shipped_rubric("cop-functions").unwrap().text;
        let misnamed = dir.path().join("mine.yaml");
        std::fs::write(&misnamed, text).unwrap();
        let err = Catalog::new(Some(dir.path().to_path_buf()))
            .load("mine")
            .unwrap_err();
        assert!(
            matches!(&err, Error::RubricFileMisnamed { path, id, name }
                if *path == misnamed && id == "cop-functions" && name == "mine"),
            "{err:?}"
        );
    }
}

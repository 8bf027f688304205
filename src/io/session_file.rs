//! A session on disk: `session.yaml` in a responses folder, or a file named on the command
//! line. Read bounded and checked against the rubric; written atomically. An existing file is
//! replaced only when it is a session (learnlead's format), never anything else.

use std::path::{Path, PathBuf};

use crate::error::{Error, Problem, Result};
use crate::io::{input, output};
use crate::model::rubric::Rubric;
use crate::model::session::{self, Session};

/// The session file in `folder`, if there is one.
pub fn in_folder(folder: &Path) -> Option<PathBuf> {
    let path = folder.join(session::FILE_NAME);
    std::fs::symlink_metadata(&path).is_ok().then_some(path)
}

/// Reads a session file's shape, with its text (for locating problems found later).
pub fn read(path: &Path) -> Result<(Session, String)> {
    let text = input::read_text(path, input::Kind::Session)?;
    let session = Session::parse(&text).map_err(|p| Error::invalid_one(path, p))?;
    Ok((session, text))
}

/// Reads a session file and checks it against `rubric`: every problem at its line and column.
pub fn load(path: &Path, rubric: &Rubric) -> Result<Session> {
    let (session, text) = read(path)?;
    let problems = session.problems(rubric, Some(&text));
    if !problems.is_empty() {
        return Err(Error::invalid(path, problems));
    }
    Ok(session)
}

/// Saves a new session at `path`, never replacing a file there.
pub fn create(session: &Session, path: &Path) -> Result<()> {
    output::check_folder(path)?;
    output::write_new(path, session.to_yaml()?.as_bytes())
}

/// Saves `session` over its own file at `path`, atomically: the file on disk is always a whole
/// session. What is there must be a session (whatever its contents), or nothing.
pub fn save(session: &Session, path: &Path) -> Result<()> {
    if std::fs::symlink_metadata(path).is_ok() {
        let (_, _) = read(path).map_err(|_| {
            Error::invalid_one(
                path,
                Problem::at(
                    None,
                    "this file is not a learnlead session, so it is not replaced; name another with --session",
                ),
            )
        })?;
    }
    output::write_atomic(path, session.to_yaml()?.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::assets;

    #[test]
    fn a_session_is_created_once_then_saved_over_itself_but_nothing_else_is_replaced() {
        let rubric = Rubric::parse(assets::STARTER_RUBRIC).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(session::FILE_NAME);
        assert_eq!(in_folder(dir.path()), None);
        let mut s = Session::new(&rubric, "2026-12-04", "ab12");
        create(&s, &path).unwrap();
        assert_eq!(in_folder(dir.path()), Some(path.clone()));
        assert!(
            create(&s, &path).is_err(),
            "a new session never replaces a file"
        );
        s.scope = Some("the core team".into());
        save(&s, &path).unwrap();
        assert_eq!(load(&path, &rubric).unwrap(), s);

        let other = dir.path().join("notes.yaml");
        std::fs::write(&other, "these: are my notes\n").unwrap();
        let err = save(&s, &other).unwrap_err();
        assert!(
            err.to_string().contains("not replaced") || format!("{err:?}").contains("not replaced"),
            "{err:?}"
        );
        assert_eq!(
            std::fs::read_to_string(&other).unwrap(),
            "these: are my notes\n"
        );
    }
}

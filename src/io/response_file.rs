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

//! How large a file learnlead reads may be, and how long a text a person types. Every response learnlead writes must be one it can
//! read back, so each name, community, role, note and reason is bounded where it comes in (the
//! questionnaire, a form, an import) and where it is read (a response file). A leaf: the model
//! and the readers below it share it.

/// The most a person may type into one text (a name, community, role, note or reason): 64 KiB,
/// some thirty pages. Bounding each text keeps every response learnlead writes readable by it.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// Checks one text a person typed against [`MAX_TEXT_BYTES`]; `what` names it ("the name").
pub fn check_text_len(what: &str, text: &str) -> std::result::Result<(), String> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(format!(
            "{what} is {} KiB long; the limit is {} KiB",
            text.len().div_ceil(1024),
            MAX_TEXT_BYTES / 1024
        ));
    }
    Ok(())
}

/// What is being read, with the largest size accepted. The limits are documented in the README
/// ("Limits"); each is far above any real file of its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Rubric,
    Response,
    Answers,
    Csv,
    Config,
    Session,
    Template,
    Logo,
}

/// One mebibyte.
const MIB: u64 = 1 << 20;

impl Kind {
    /// The largest file of this kind that is read.
    pub fn limit(self) -> u64 {
        match self {
            Kind::Rubric | Kind::Answers | Kind::Config | Kind::Session | Kind::Template => 4 * MIB,
            // A response holds at most a few texts of MAX_TEXT_BYTES each per item.
            Kind::Response => 16 * MIB,
            // 100,000 rows of a large rubric with short notes.
            Kind::Csv => 256 * MIB,
            Kind::Logo => 512 * 1024,
        }
    }

    pub fn noun(self) -> &'static str {
        match self {
            Kind::Rubric => "a rubric",
            Kind::Response => "a response",
            Kind::Answers => "an answers file",
            Kind::Csv => "a CSV file to import",
            Kind::Config => "a learnlead.yaml configuration",
            Kind::Session => "a session file",
            Kind::Template => "a report template",
            Kind::Logo => "a logo",
        }
    }
}

/// A size as people say it: "4 MiB", "512 KiB".
pub fn size_words(bytes: u64) -> String {
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{} KiB", bytes.div_ceil(1024))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_bounded() {
        assert!(check_text_len("the name", &"x".repeat(MAX_TEXT_BYTES)).is_ok());
        let err = check_text_len("the note", &"x".repeat(MAX_TEXT_BYTES + 1)).unwrap_err();
        assert_eq!(err, "the note is 65 KiB long; the limit is 64 KiB");
    }
}

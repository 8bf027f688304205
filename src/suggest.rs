//! "Did you mean ...?": the closest of the known names to a misspelt one, as clap does for
//! subcommands. Used for rubric ids, item and dimension ids, CSV columns and YAML keys.

/// How alike two names must be (Jaro-Winkler similarity, 0 to 1) to be suggested.
const ALIKE: f64 = 0.8;

/// The known name most like `given`, if any is alike enough.
pub fn closest<'a>(given: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let given = given.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(&given, &k.to_lowercase()), k))
        .filter(|(score, _)| *score >= ALIKE)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// ` (did you mean `x`?)` for the closest known name, or nothing.
pub fn did_you_mean<'a>(given: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    closest(given, known)
        .map(|k| format!(" (did you mean `{k}`?)"))
        .unwrap_or_default()
}

/// serde's "unknown field `x`, expected one of `a`, `b`" with the closest of them named.
pub fn unknown_field(message: &str) -> String {
    let Some(rest) = message.split("unknown field `").nth(1) else {
        return message.to_string();
    };
    let Some((given, expected)) = rest.split_once('`') else {
        return message.to_string();
    };
    let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    match closest(given, known) {
        Some(k) => format!("{message} (did you mean `{k}`?)"),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_close_name_is_suggested_and_a_far_one_is_not() {
        let ids = ["wenger-trayner", "cop-functions", "leadership-roles"];
        assert_eq!(closest("wenger-trainer", ids), Some("wenger-trayner"));
        assert_eq!(closest("COP-FUNCTION", ids), Some("cop-functions"));
        assert_eq!(closest("budget", ids), None);
        assert_eq!(
            did_you_mean("relevence-1", ["relevance-1", "voices-1"]),
            " (did you mean `relevance-1`?)"
        );
        assert_eq!(did_you_mean("xyz", ["relevance-1"]), "");
    }

    #[test]
    fn serde_unknown_field_messages_name_the_closest_field() {
        let m = "unknown field `sectons`, expected one of `title`, `sections`, `logo`";
        assert_eq!(unknown_field(m), format!("{m} (did you mean `sections`?)"));
        let far = "unknown field `zzz`, expected `id`";
        assert_eq!(unknown_field(far), far);
        assert_eq!(unknown_field("something else"), "something else");
    }
}

//! The only module that knows the YAML library (serde_yaml), so it can be swapped.
//!
//! Besides parsing and printing, it finds where a value sits in a YAML text ([`locate`]), so that
//! problems found after parsing (a duplicate id, a gap between bands) can still name a line and a
//! column. serde_yaml keeps no positions for parsed values, so [`locate`] reads the block-style
//! layout the way a person does: by indentation, keys and dashes.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{Location, Problem};

/// One step of a path into a YAML document: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

impl From<&str> for Seg {
    fn from(k: &str) -> Self {
        Seg::Key(k.to_string())
    }
}

impl From<usize> for Seg {
    fn from(i: usize) -> Self {
        Seg::Index(i)
    }
}

/// Builds a path from keys and indices: `path!["groups", 0, "id"]`.
#[macro_export]
macro_rules! path {
    ($($seg:expr),* $(,)?) => { vec![$($crate::yaml::Seg::from($seg)),*] };
}

/// Parses YAML text into `T`. On failure, returns the problem with its line and column, with
/// the path to the offending value in the message (`groups[0].dimensions[1]: unknown field ...`).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Problem> {
    serde_yaml::from_str(text).map_err(|e| {
        let message = e.to_string();
        // A character the reader refuses (a control character, DEL) is reported at a byte
        // offset, "at position N", with the location of the start of the file.
        let (message, at_byte) = split_position(&message);
        let location = match at_byte.and_then(|n| byte_location(text, n)) {
            Some(l) => Some(l),
            None => e.location().map(|l| Location {
                line: l.line(),
                column: l.column(),
            }),
        };
        Problem::at(
            location,
            crate::suggest::unknown_field(&clean_message(&message)),
        )
    })
}

/// `message` without its " at position N", and N.
fn split_position(message: &str) -> (String, Option<usize>) {
    let Some(i) = message.find(" at position ") else {
        return (message.to_string(), None);
    };
    let after = &message[i + " at position ".len()..];
    let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let n = after[..digits].parse().ok();
    (format!("{}{}", &message[..i], &after[digits..]), n)
}

/// The line and column (in characters) of byte `offset` in `text`.
fn byte_location(text: &str, offset: usize) -> Option<Location> {
    let before = text.get(..offset).or_else(|| {
        // Inside a character: the start of that character.
        (0..offset).rev().find_map(|i| text.get(..i))
    })?;
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Some(Location {
        line,
        column: before[line_start..].chars().count() + 1,
    })
}

/// serde_yaml and libyaml put " at line L column C" into their messages; the location is
/// reported separately, so it is cut from the text.
fn clean_message(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let tail = &after[digits..];
        if let Some(t) = tail.strip_prefix(" column ") {
            rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
        } else {
            out.push_str(" at line ");
            rest = after;
        }
    }
    out.push_str(rest);
    // A whole file that is one string (a text file, /etc/passwd) is not quoted back: its first
    // line says nothing about what was expected, and the file may not be the person's own.
    if let Some(quoted) = out.strip_prefix("invalid type: string \"") {
        if let Some(end) = quoted.rfind("\", expected ") {
            out = format!("this is plain text, not YAML keys; {}", &quoted[end + 3..]);
        }
    }
    // Type names are Rust's; people read "a whole number" and "a response".
    let out = shorten_quotes(&struct_names_as_words(&out));
    out.replace(" as u128", " (too large)")
        .replace(" as i128", " (too large)")
        .replace("invalid type: floating point", "not a whole number:")
        .replace("invalid type: integer", "not expected here: the number")
        .replace("expected i64", "expected a whole number")
        .replace("expected u32", "expected a whole number")
        .replace("expected f64", "expected a number")
        .replace("expected a boolean", "expected true or false")
}

/// Cuts every quoted value in a message to its first [`crate::safe_text::QUOTE_CHARS`]
/// characters: a message names a bad value, it does not repeat a 5 MB one.
fn shorten_quotes(message: &str) -> String {
    let max = crate::safe_text::QUOTE_CHARS;
    let mut out = String::with_capacity(message.len().min(4096));
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c != '"' {
            continue;
        }
        // Inside a quoted value: copy up to `max` characters, skip the rest, up to the close.
        let mut kept = 0;
        let mut cut = false;
        while let Some(q) = chars.next() {
            if q == '"' {
                break;
            }
            let escaped = if q == '\\' { chars.next() } else { None };
            if kept < max {
                out.push(q);
                if let Some(e) = escaped {
                    out.push(e);
                }
                kept += 1;
            } else {
                cut = true;
            }
        }
        if cut {
            out.push_str("...");
        }
        out.push('"');
    }
    out
}

/// Replaces each "expected struct Name" with what the struct is to a person: a description for
/// the documents and parts people most often get wrong, else the name in words
/// (`DimensionAnswer` becomes "a dimension answer"). The whole name is matched, so one name
/// that begins another (`Rubric`, `RubricStamp`) cannot leave a stray tail.
fn struct_names_as_words(message: &str) -> String {
    const MARK: &str = "expected struct ";
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(MARK) {
        out.push_str(&rest[..i]);
        let after = &rest[i + MARK.len()..];
        let len = after.len()
            - after
                .trim_start_matches(|c: char| c.is_ascii_alphanumeric())
                .len();
        let name = &after[..len];
        out.push_str("expected ");
        match name {
            "Response" => {
                out.push_str("a learnlead response (keys such as `format`, `rubric`, `answers`)");
            }
            "RubricStamp" => {
                out.push_str("the rubric this response answers (keys `id`, `version`, `hash`)");
            }
            "Rubric" => out.push_str("a rubric (keys such as `id`, `title`, `scale`, `groups`)"),
            "AnswersFile" => out.push_str("an answers file (keys such as `name`, `answers`)"),
            "Config" => {
                out.push_str("a learnlead.yaml configuration (keys such as `title`, `client`)");
            }
            _ => {
                let vowel = name.starts_with(['A', 'E', 'I', 'O', 'U']);
                out.push_str(if vowel {
                    "a mapping of keys for an"
                } else {
                    "a mapping of keys for a"
                });
                for c in name.chars() {
                    if c.is_ascii_uppercase() {
                        out.push(' ');
                    }
                    out.push(c.to_ascii_lowercase());
                }
            }
        }
        rest = &after[len..];
    }
    out.push_str(rest);
    out
}

/// Prints `value` as YAML.
pub fn to_string<T: Serialize>(value: &T) -> Result<String, EncodeError> {
    serde_yaml::to_string(value).map_err(EncodeError)
}

/// YAML that could not be written, with the library's error as its cause (the library itself
/// stays known to this module only).
#[derive(Debug)]
pub struct EncodeError(serde_yaml::Error);

impl std::fmt::Display for EncodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for EncodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

/// A key or dash on a line of block-style YAML.
#[derive(Debug)]
struct Token<'a> {
    line: usize,
    column: usize,
    kind: Kind<'a>,
}

#[derive(Debug, PartialEq)]
enum Kind<'a> {
    Dash,
    Key(&'a str),
    Other,
}

fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut block_scalar_indent: Option<usize> = None;
    for (n, raw) in text.lines().enumerate() {
        let trimmed = raw.trim_start_matches(' ');
        let mut col = raw.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        // Lines of a `|` or `>` block scalar are text, not structure.
        if let Some(indent) = block_scalar_indent {
            if col > indent {
                continue;
            }
            block_scalar_indent = None;
        }
        let mut rest = trimmed;
        loop {
            if rest == "-" || rest.starts_with("- ") {
                tokens.push(Token {
                    line: n + 1,
                    column: col + 1,
                    kind: Kind::Dash,
                });
                let after = rest[1..].trim_start_matches(' ');
                col += rest.len() - after.len();
                rest = after;
                if rest.is_empty() {
                    break;
                }
                continue;
            }
            let kind = match key_of(rest) {
                Some(k) => Kind::Key(k),
                None => Kind::Other,
            };
            let opens_block = matches!(kind, Kind::Key(_))
                && rest.split_once(':').is_some_and(|(_, v)| {
                    let v = v.trim();
                    v.starts_with('|') || v.starts_with('>')
                });
            tokens.push(Token {
                line: n + 1,
                column: col + 1,
                kind,
            });
            if opens_block {
                block_scalar_indent = Some(col);
            }
            break;
        }
    }
    tokens
}

/// The key at the start of `s` if `s` is `key: ...` or `key:`.
fn key_of(s: &str) -> Option<&str> {
    let (key, _) = if let Some(q) = s.strip_prefix('"') {
        let end = q.find('"')?;
        let after = &q[end + 1..];
        if after.starts_with(':') {
            return Some(&q[..end]);
        }
        return None;
    } else if let Some(q) = s.strip_prefix('\'') {
        let end = q.find('\'')?;
        let after = &q[end + 1..];
        if after.starts_with(':') {
            return Some(&q[..end]);
        }
        return None;
    } else {
        let i = s.find(':')?;
        let after = &s[i + 1..];
        if !(after.is_empty() || after.starts_with(' ')) {
            return None;
        }
        (&s[..i], after)
    };
    if key.is_empty() || key.starts_with(['{', '[', '&', '*', '!', '|', '>']) {
        return None;
    }
    Some(key)
}

/// Finds where the value at `path` is written in a block-style YAML `text`: the position of its
/// key (or its dash, for a sequence entry). Where the path cannot be followed to its end (flow
/// style, a missing key), the position of the deepest part that was found; `None` if not even
/// the first step was found.
pub fn locate(text: &str, path: &[Seg]) -> Option<Location> {
    Locator::new(text).locate(path)
}

/// [`locate`] for many paths in one text: the text is read once, so locating every problem of
/// a file with thousands of them stays fast.
pub struct Locator<'a> {
    tokens: Vec<Token<'a>>,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Locator {
            tokens: tokenize(text),
        }
    }

    /// Where `path` sits in the text; see [`locate`].
    pub fn locate(&self, path: &[Seg]) -> Option<Location> {
        walk(&self.tokens, path)
    }
}

fn walk(tokens: &[Token<'_>], path: &[Seg]) -> Option<Location> {
    let mut lo = 0;
    let mut hi = tokens.len();
    let mut found: Option<Location> = None;
    for seg in path {
        let Some(block_col) = tokens[lo..hi].iter().map(|t| t.column).min() else {
            return found;
        };
        let mut hit = None;
        match seg {
            Seg::Key(k) => {
                for (i, t) in tokens.iter().enumerate().take(hi).skip(lo) {
                    if t.column == block_col && t.kind == Kind::Key(k.as_str()) {
                        hit = Some(i);
                        break;
                    }
                }
            }
            Seg::Index(n) => {
                let mut count = 0;
                for (i, t) in tokens.iter().enumerate().take(hi).skip(lo) {
                    if t.column == block_col && t.kind == Kind::Dash {
                        if count == *n {
                            hit = Some(i);
                            break;
                        }
                        count += 1;
                    }
                }
            }
        }
        let Some(i) = hit else {
            return found;
        };
        let t = &tokens[i];
        found = Some(Location {
            line: t.line,
            column: t.column,
        });
        // The value's block: what follows, up to the next token at this column or left of it;
        // a key's block sequence may sit at the key's own column (`actions:` then `- id: a1`).
        let key = matches!(t.kind, Kind::Key(_));
        let end = tokens[i + 1..hi]
            .iter()
            .position(|u| {
                u.column < t.column || (u.column == t.column && !(key && u.kind == Kind::Dash))
            })
            .map_or(hi, |p| i + 1 + p);
        lo = i + 1;
        hi = end;
    }
    found
}

impl From<EncodeError> for crate::error::Error {
    fn from(e: EncodeError) -> Self {
        crate::error::Error::Encode {
            what: "YAML",
            cause: Box::new(e),
        }
    }
}

#[cfg(test)]
#[allow(clippy::useless_vec)]
mod tests {
    use super::*;

    #[test]
    fn huge_numbers_are_said_in_words() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct S {
            n: i64,
        }
        let p = from_str::<S>("n: 99999999999999999999999999\n").unwrap_err();
        assert!(!p.message.contains("u128"), "{}", p.message);
        assert!(p.message.contains("(too large)"), "{}", p.message);
    }

    #[test]
    fn a_huge_bad_value_is_quoted_short() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct S {
            n: i64,
        }
        let text = format!("n: \"{}\"\n", "x".repeat(10_000));
        let p = from_str::<S>(&text).unwrap_err();
        assert!(p.message.len() < 200, "{}", p.message);
        assert!(p.message.contains("xxx...\""), "{}", p.message);
        assert_eq!(shorten_quotes(r#"a "b\"c" d"#), r#"a "b\"c" d"#);
    }

    const DOC: &str = "\
id: demo
title: \"Demo\"
groups:
  - id: meaning
    name: Meaning
    description: |
      id: not a key
      - nor a dash
    dimensions:
      - id: relevance
        items:
          - id: r1
            statement: One
          - id: r2
            statement: Two
  - id: modes
    dimensions: [a, b]
";

    fn loc(line: usize, column: usize) -> Option<Location> {
        Some(Location { line, column })
    }

    #[test]
    fn finds_keys_and_entries() {
        assert_eq!(locate(DOC, &path!["title"]), loc(2, 1));
        assert_eq!(locate(DOC, &path!["groups", 0, "id"]), loc(4, 5));
        assert_eq!(locate(DOC, &path!["groups", 1]), loc(16, 3));
        assert_eq!(locate(DOC, &path!["groups", 1, "id"]), loc(16, 5));
        assert_eq!(
            locate(DOC, &path!["groups", 0, "dimensions", 0, "items", 1, "id"]),
            loc(14, 13)
        );
        assert_eq!(
            locate(
                DOC,
                &path!["groups", 0, "dimensions", 0, "items", 1, "statement"]
            ),
            loc(15, 13)
        );
    }

    #[test]
    fn block_scalars_are_text() {
        // `id:` inside the description must not be taken for the group's id.
        assert_eq!(locate(DOC, &path!["groups", 0, "dimensions"]), loc(9, 5));
    }

    #[test]
    fn falls_back_to_deepest_found() {
        assert_eq!(
            locate(DOC, &path!["groups", 1, "dimensions", 1]),
            loc(17, 5)
        );
        assert_eq!(locate(DOC, &path!["groups", 7]), loc(3, 1));
        assert_eq!(locate(DOC, &path!["nothing"]), None);
    }

    #[test]
    fn a_file_of_plain_text_is_named_as_such_not_quoted_back() {
        let p = from_str::<crate::model::response::Response>("root:x:0:0:root:/root:/bin/bash\n")
            .unwrap_err();
        assert!(!p.message.contains("root"), "{}", p.message);
        assert!(
            p.message
                .starts_with("this is plain text, not YAML keys; expected a learnlead response"),
            "{}",
            p.message
        );
        // A string where a nested value belongs is still quoted: it names the bad value.
        let p =
            from_str::<crate::model::response::Response>("format: 1\nrubric: oops\n").unwrap_err();
        assert!(p.message.contains("\"oops\""), "{}", p.message);
    }

    #[test]
    fn type_names_become_words() {
        let p = from_str::<crate::model::response::Response>("hello\n").unwrap_err();
        assert!(
            p.message.contains("expected a learnlead response"),
            "{}",
            p.message
        );
        assert!(!p.message.contains("struct"), "{}", p.message);
    }

    #[test]
    fn struct_names_are_matched_whole() {
        assert_eq!(
            struct_names_as_words("rubric: invalid type: sequence, expected struct RubricStamp"),
            "rubric: invalid type: sequence, expected the rubric this response answers (keys `id`, `version`, `hash`)"
        );
        assert_eq!(
            struct_names_as_words("expected struct Rubric at the top"),
            "expected a rubric (keys such as `id`, `title`, `scale`, `groups`) at the top"
        );
        assert_eq!(
            struct_names_as_words("x: expected struct DimensionAnswer"),
            "x: expected a mapping of keys for a dimension answer"
        );
        assert_eq!(
            struct_names_as_words("expected struct Item"),
            "expected a mapping of keys for an item"
        );
        assert_eq!(struct_names_as_words("no types here"), "no types here");
    }

    #[test]
    fn a_refused_character_is_located_where_it_is() {
        let text = "format: 1\nname: \"Ana \u{7f} Zed\"\nnote: \"é \u{90}\"\n";
        let p = from_str::<serde_yaml::Value>(text).unwrap_err();
        assert_eq!(p.location, loc(2, 12), "{p:?}");
        assert!(!p.message.contains("position"), "{}", p.message);
        let later = "format: 1\nnote: \"é \u{90}\"\n";
        let p = from_str::<serde_yaml::Value>(later).unwrap_err();
        assert_eq!(p.location, loc(2, 10), "{p:?}");
    }

    #[test]
    fn parse_errors_carry_location() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct T {
            a: u32,
        }
        let p = from_str::<T>("a: 1\nb: 2\n").unwrap_err();
        assert_eq!(p.location, loc(2, 1));
        assert!(p.message.contains("unknown field `b`"), "{}", p.message);
        assert!(!p.message.contains("at line"), "{}", p.message);
        let p = from_str::<T>("a: [1\n").unwrap_err();
        assert!(p.location.is_some());
    }

    #[test]
    fn a_sequence_at_its_keys_own_indentation_is_found() {
        let text = "actions:\n- id: a1\n  text: one\n- id: a2\n  due: soon\nprevious:\n  id: x\n";
        let at = |p: &[Seg]| locate(text, p).map(|l| (l.line, l.column));
        assert_eq!(at(&path!["actions", 1, "due"]), Some((5, 3)));
        assert_eq!(at(&path!["actions", 0, "text"]), Some((3, 3)));
        assert_eq!(at(&path!["previous", "id"]), Some((7, 3)));
    }
}

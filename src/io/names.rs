//! File names made from people's names: plain, and numbered when taken. One place for what
//! assess, import and bundle each need.

use std::collections::{HashMap, HashSet};

/// A name as a file name part: lowercase ASCII letters and digits, other runs of characters as
/// one `-`, at most 40 characters. May be empty (a name of only symbols).
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    // Letters keep their sound: "Chloé" is "chloe", "Łukasz" is "lukasz", "Zoë" is "zoe".
    for c in deunicode::deunicode(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').chars().take(40).collect()
}

/// `NAME-DATE` for a response's default file name (`response-DATE` when anonymous).
pub fn response_stem(response: &crate::model::response::Response) -> String {
    let slug = response
        .name
        .as_deref()
        .map(slug)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "response".to_string());
    format!(
        "{slug}-{}",
        crate::model::response::date_of(&response.started)
    )
}

/// The `n`th name for `stem` with extension `ext`: `stem.ext`, then `stem-2.ext`, ...
pub fn numbered(stem: &str, n: usize, ext: &str) -> String {
    match n {
        0 | 1 => format!("{stem}.{ext}"),
        n => format!("{stem}-{n}.{ext}"),
    }
}

/// The first of `stem.ext`, `stem-2.ext`, ... that names nothing in the current folder: a
/// suggested `--out` that would not meet a file already there.
pub fn free_here(stem: &str, ext: &str) -> String {
    (1..=10_000)
        .map(|n| numbered(stem, n, ext))
        .find(|name| std::fs::symlink_metadata(name).is_err())
        .unwrap_or_else(|| format!("{stem}.{ext}"))
}

/// The `n`th name for the file name `name` (`ana.yaml`, `ana-2.yaml`, ...).
pub fn renumbered(name: &str, n: usize) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) => numbered(stem, n, ext),
        None => numbered(name, n, "").trim_end_matches('.').to_string(),
    }
}

/// Names chosen for a set of files, each new in the set.
#[derive(Debug, Default)]
pub struct NameSet {
    taken: HashSet<String>,
    /// Per stem and extension, the number to try first: a thousand people named Ana cost a
    /// thousand lookups, not half a million.
    next: HashMap<(String, String), usize>,
}

impl NameSet {
    /// A set holding `names` already (the files in a folder), so that new names step over them.
    pub fn with_taken(names: impl IntoIterator<Item = String>) -> NameSet {
        NameSet {
            taken: names.into_iter().collect(),
            next: HashMap::new(),
        }
    }

    /// The first of `stem.ext`, `stem-2.ext`, ... not yet in the set, now taken.
    pub fn take(&mut self, stem: &str, ext: &str) -> String {
        let next = self
            .next
            .entry((stem.to_string(), ext.to_string()))
            .or_insert(1);
        // The set is finite, so a number past every name in it is free: the search ends.
        #[allow(clippy::maybe_infinite_iter)]
        let (n, name) = (*next..)
            .map(|n| (n, numbered(stem, n, ext)))
            .find(|(_, name)| !self.taken.contains(name))
            .unwrap_or_default();
        *next = n + 1;
        self.taken.insert(name.clone());
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain() {
        assert_eq!(slug("Ana María O'Neil"), "ana-maria-o-neil");
        assert_eq!(slug("Chloé Martin"), "chloe-martin");
        assert_eq!(slug("Łukasz Żółć"), "lukasz-zolc");
        assert_eq!(slug("  --  "), "");
        assert_eq!(slug(&"x".repeat(100)).len(), 40);
    }

    #[test]
    fn names_are_numbered_from_two() {
        assert_eq!(numbered("ana", 1, "yaml"), "ana.yaml");
        assert_eq!(numbered("ana", 3, "yaml"), "ana-3.yaml");
        assert_eq!(renumbered("ana.yaml", 2), "ana-2.yaml");
        assert_eq!(renumbered("README", 2), "README-2");
        let mut set = NameSet::default();
        assert_eq!(set.take("ana", "html"), "ana.html");
        assert_eq!(set.take("ana", "html"), "ana-2.html");
        assert_eq!(set.take("bo", "html"), "bo.html");
        // A stem that is another's numbered name is still skipped.
        assert_eq!(set.take("cy-2", "html"), "cy-2.html");
        assert_eq!(set.take("cy", "html"), "cy.html");
        assert_eq!(set.take("cy", "html"), "cy-3.html");
        assert_eq!(set.take("ana", "yaml"), "ana.yaml", "per extension");
    }
}

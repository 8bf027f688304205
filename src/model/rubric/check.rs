//! Checking a rubric: every problem that makes it unusable, each with its path (hence its
//! line and column), and the warnings about what makes it a weaker instrument.

use std::collections::HashMap;

use super::{is_id, path_name, Dimension, Group, Rubric, MAX_SCALE_POINTS, SCALE_BOUND};
use crate::path;
use crate::yaml::Seg;

/// Fewer statements than this in a dimension draw a warning.
pub const MIN_STATEMENTS: usize = 3;

impl Rubric {
    /// Everything wrong with this rubric beyond its shape, with the path to each problem.
    pub fn problems(&self) -> Vec<(Vec<Seg>, String)> {
        let mut out: Vec<(Vec<Seg>, String)> = Vec::new();
        let mut problem = |path: Vec<Seg>, msg: String| out.push((path, msg));
        self.header_problems(&mut problem);
        self.scale_problems(&mut problem);
        self.role_and_set_problems(&mut problem);
        // Groups, dimensions, items: ids unique across the whole rubric (response files and
        // answer sheets name items and dimensions by id alone).
        let mut ids: HashMap<&str, String> = HashMap::new();
        if self.groups.is_empty() {
            problem(
                path!["groups"],
                "`groups` is empty: a rubric needs at least one group".into(),
            );
        }
        for (g, group) in self.groups.iter().enumerate() {
            self.group_problems(g, group, &mut ids, &mut problem);
        }
        out
    }

    /// What makes the rubric a weaker instrument though a usable one, with the path to each: a
    /// dimension with fewer than [`MIN_STATEMENTS`] statements, with no reverse-scored one (so
    /// agreeing with everything scores at the top), or without a description of what it looks
    /// like at each band; and statements that break the writing rules a machine can see (see
    /// [`statement_warnings`]).
    pub fn warnings(&self) -> Vec<(Vec<Seg>, String)> {
        let mut out = Vec::new();
        for (g, group) in self.groups.iter().enumerate() {
            for (d, dim) in group.dimensions.iter().enumerate() {
                let dp = path!["groups", g, "dimensions", d];
                statement_warnings(dim, &dp, &mut out);
                if dim.items.len() < MIN_STATEMENTS {
                    out.push((
                        with(&dp, path!["items"]),
                        format!(
                            "dimension `{}` has {} statement{}; {MIN_STATEMENTS} or more measure it more reliably",
                            dim.id,
                            dim.items.len(),
                            if dim.items.len() == 1 { "" } else { "s" }
                        ),
                    ));
                }
                if !dim.items.iter().any(|i| i.reverse) {
                    out.push((
                        with(&dp, path!["items"]),
                        format!("dimension `{}` has no reverse-scored statement", dim.id),
                    ));
                }
                let missing: Vec<&str> = self
                    .bands
                    .iter()
                    .filter(|b| !dim.looks_like.contains_key(&b.id))
                    .map(|b| b.id.as_str())
                    .collect();
                if !missing.is_empty() {
                    out.push((
                        with(&dp, path!["id"]),
                        format!(
                            "dimension `{}` has no `looks_like` for {}",
                            dim.id,
                            missing.join(", ")
                        ),
                    ));
                }
            }
        }
        out
    }

    /// The rubric's id, title, version, description and source.
    fn header_problems(&self, problem: &mut dyn FnMut(Vec<Seg>, String)) {
        check_id(&self.id, path!["id"], problem);
        for (key, text) in [
            ("title", &self.title),
            ("version", &self.version),
            ("description", &self.description),
        ] {
            check_text(text, path![key], problem);
        }
        check_text(&self.source.title, path!["source", "title"], problem);
        if self.source.authors.is_empty() {
            problem(
                path!["source", "authors"],
                "`source.authors` is empty".into(),
            );
        }
        for (i, a) in self.source.authors.iter().enumerate() {
            check_text(a, path!["source", "authors", i], problem);
        }
    }

    /// The scale, then the bands on it. When the scale itself is wrong (or a band's end is not
    /// a number), what lies on it cannot be checked, so those checks wait until it is fixed.
    fn scale_problems(&self, problem: &mut dyn FnMut(Vec<Seg>, String)) {
        let scale = &self.scale;
        let mut band_ids: HashMap<&str, usize> = HashMap::new();
        for (i, band) in self.bands.iter().enumerate() {
            check_id(&band.id, path!["bands", i, "id"], problem);
            check_text(&band.name, path!["bands", i, "name"], problem);
            if let Some(first) = band_ids.insert(&band.id, i) {
                problem(
                    path!["bands", i, "id"],
                    format!("duplicate band id `{}` (also band {})", band.id, first + 1),
                );
            }
        }
        if self.bands.is_empty() {
            problem(
                path!["bands"],
                "`bands` is empty: at least one band must cover the scale".into(),
            );
        }
        let mut finite_bands = true;
        for (i, band) in self.bands.iter().enumerate() {
            for (key, v) in [("from", band.from), ("to", band.to)] {
                if !v.is_finite() {
                    problem(
                        path!["bands", i, key],
                        format!("band `{}`: `{key}` must be a number", band.id),
                    );
                    finite_bands = false;
                }
            }
        }
        if scale.min < -SCALE_BOUND || scale.max > SCALE_BOUND {
            problem(
                path!["scale", if scale.min < -SCALE_BOUND { "min" } else { "max" }],
                format!(
                    "the scale {}..{} goes beyond -{SCALE_BOUND}..{SCALE_BOUND}; a scale is a few points, like 1..5",
                    scale.min, scale.max
                ),
            );
        } else if scale.min >= scale.max {
            problem(
                path!["scale", "min"],
                format!(
                    "scale.min ({}) must be less than scale.max ({})",
                    scale.min, scale.max
                ),
            );
        } else if scale.max - scale.min > MAX_SCALE_POINTS - 1 {
            problem(
                path!["scale", "max"],
                format!(
                    "a scale of {} points is too long to answer; use at most {MAX_SCALE_POINTS}",
                    scale.max - scale.min + 1
                ),
            );
        } else if finite_bands {
            self.label_problems(problem);
            self.band_problems(problem);
        }
    }

    /// One group, its dimensions and their items; `ids` holds every id seen so far.
    fn group_problems<'a>(
        &'a self,
        g: usize,
        group: &'a Group,
        ids: &mut HashMap<&'a str, String>,
        problem: &mut dyn FnMut(Vec<Seg>, String),
    ) {
        let gp = path!["groups", g];
        check_id(&group.id, with(&gp, path!["id"]), problem);
        let what = "a group".to_string();
        check_unique(ids, &group.id, what, with(&gp, path!["id"]), problem);
        check_text(&group.name, with(&gp, path!["name"]), problem);
        check_text(&group.description, with(&gp, path!["description"]), problem);
        if group.dimensions.is_empty() {
            problem(
                with(&gp, path!["dimensions"]),
                format!("group `{}` has no dimensions", group.id),
            );
        }
        for (d, dim) in group.dimensions.iter().enumerate() {
            let dp = with(&gp, path!["dimensions", d]);
            check_id(&dim.id, with(&dp, path!["id"]), problem);
            let what = format!("a dimension in group `{}`", group.id);
            check_unique(ids, &dim.id, what, with(&dp, path!["id"]), problem);
            self.dimension_problems(&dp, dim, problem);
            for (i, item) in dim.items.iter().enumerate() {
                let ip = with(&dp, path!["items", i]);
                check_id(&item.id, with(&ip, path!["id"]), problem);
                let what = format!("an item in dimension `{}`", dim.id);
                check_unique(ids, &item.id, what, with(&ip, path!["id"]), problem);
                check_text(&item.statement, with(&ip, path!["statement"]), problem);
                self.item_problems(&ip, item, problem);
            }
        }
    }

    /// A dimension's texts, its items being there, and its prompts keyed by known bands.
    fn dimension_problems(
        &self,
        dp: &[Seg],
        dim: &Dimension,
        problem: &mut dyn FnMut(Vec<Seg>, String),
    ) {
        for (key, text) in [
            ("name", &dim.name),
            ("question", &dim.question),
            ("description", &dim.description),
        ] {
            check_text(text, with(dp, path![key]), problem);
        }
        if dim.items.is_empty() {
            problem(
                with(dp, path!["items"]),
                format!("dimension `{}` has no items", dim.id),
            );
        }
        for (band, prompts) in &dim.prompts {
            self.band_key_problem(dim, "prompts", band, dp, problem);
            for (k, p) in prompts.iter().enumerate() {
                check_text(p, with(dp, path!["prompts", band.as_str(), k]), problem);
            }
        }
        for (band, text) in &dim.looks_like {
            self.band_key_problem(dim, "looks_like", band, dp, problem);
            check_text(text, with(dp, path!["looks_like", band.as_str()]), problem);
        }
        for (key, list) in [
            ("perspectives", &dim.perspectives),
            ("pitfalls", &dim.pitfalls),
            ("quality_signs", &dim.quality_signs),
        ] {
            for (k, t) in list.iter().enumerate() {
                check_text(t, with(dp, path![key, k]), problem);
            }
        }
        for (k, m) in dim.methods.iter().enumerate() {
            check_text(&m.text, with(dp, path!["methods", k]), problem);
            for band in &m.bands {
                self.band_key_problem(
                    dim,
                    "a method",
                    band,
                    &with(dp, path!["methods", k]),
                    problem,
                );
            }
        }
        self.answer_set_reference(&dim.answers, with(dp, path!["answers"]), problem);
        if let Some(r) = &dim.reliability {
            let span = (self.scale.max - self.scale.min) as f64;
            if !(r.alpha.is_finite() && (0.0..=1.0).contains(&r.alpha)) {
                problem(
                    with(dp, path!["reliability", "alpha"]),
                    format!("alpha {} is not between 0 and 1", r.alpha),
                );
            }
            if !(r.sd.is_finite() && r.sd > 0.0 && r.sd <= span) {
                problem(
                    with(dp, path!["reliability", "sd"]),
                    format!(
                        "sd {} is not above 0 and within the scale's span ({span})",
                        r.sd
                    ),
                );
            }
        }
    }

    /// `band` (a key of `what` in dimension `dim`) must be one of the rubric's bands.
    fn band_key_problem(
        &self,
        dim: &Dimension,
        what: &str,
        band: &str,
        at: &[Seg],
        problem: &mut dyn FnMut(Vec<Seg>, String),
    ) {
        if !self.bands.iter().any(|b| b.id == band) {
            let path = match what {
                "prompts" | "looks_like" => with(at, path![what, band]),
                _ => at.to_vec(),
            };
            problem(
                path,
                format!(
                    "dimension `{}`: {what} for unknown band `{band}` (bands: {})",
                    dim.id,
                    self.band_ids().join(", ")
                ),
            );
        }
    }

    /// `answers`, where given, must name one of the rubric's answer sets.
    fn answer_set_reference(
        &self,
        answers: &Option<String>,
        at: Vec<Seg>,
        problem: &mut dyn FnMut(Vec<Seg>, String),
    ) {
        if let Some(name) = answers {
            if !self.answer_sets.contains_key(name) {
                let known: Vec<&str> = self.answer_sets.keys().map(String::as_str).collect();
                problem(
                    at,
                    match known.is_empty() {
                        true => format!(
                            "answer set `{name}` is not defined: the rubric has no `answer_sets`"
                        ),
                        false => format!(
                            "unknown answer set `{name}` (answer sets: {})",
                            known.join(", ")
                        ),
                    },
                );
            }
        }
    }

    /// An item's answer set and the perspectives it is asked of.
    fn item_problems(
        &self,
        ip: &[Seg],
        item: &super::Item,
        problem: &mut dyn FnMut(Vec<Seg>, String),
    ) {
        self.answer_set_reference(&item.answers, with(ip, path!["answers"]), problem);
        for (k, role) in item.roles.iter().enumerate() {
            if !self.roles.iter().any(|r| &r.id == role) {
                let known: Vec<&str> = self.roles.iter().map(|r| r.id.as_str()).collect();
                problem(
                    with(ip, path!["roles", k]),
                    match known.is_empty() {
                        true => format!(
                            "item `{}` is for role `{role}`, but the rubric declares no `roles`",
                            item.id
                        ),
                        false => format!(
                            "item `{}`: unknown role `{role}` (roles: {})",
                            item.id,
                            known.join(", ")
                        ),
                    },
                );
            }
        }
    }

    /// The declared perspectives (ids unique) and the answer sets' names.
    fn role_and_set_problems(&self, problem: &mut dyn FnMut(Vec<Seg>, String)) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, role) in self.roles.iter().enumerate() {
            check_id(&role.id, path!["roles", i, "id"], problem);
            check_text(&role.name, path!["roles", i, "name"], problem);
            if let Some(first) = seen.insert(&role.id, i) {
                problem(
                    path!["roles", i, "id"],
                    format!("duplicate role id `{}` (also role {})", role.id, first + 1),
                );
            }
        }
        for name in self.answer_sets.keys() {
            check_id(name, path!["answer_sets", name.as_str()], problem);
        }
    }

    /// A label for every point of a scale that is itself valid, and none outside it: the
    /// scale's own labels and those of every answer set.
    fn label_problems(&self, problem: &mut dyn FnMut(Vec<Seg>, String)) {
        self.labels_problems(&self.scale.labels, path!["scale", "labels"], problem);
        for (name, labels) in &self.answer_sets {
            self.labels_problems(&labels.0, path!["answer_sets", name.as_str()], problem);
        }
    }

    fn labels_problems(
        &self,
        labels: &std::collections::BTreeMap<i64, String>,
        at: Vec<Seg>,
        problem: &mut dyn FnMut(Vec<Seg>, String),
    ) {
        let scale = &self.scale;
        for point in scale.min..=scale.max {
            match labels.get(&point) {
                None => problem(at.clone(), format!("scale point {point} has no label")),
                Some(l) if l.trim().is_empty() => problem(
                    at.clone(),
                    format!("the label of scale point {point} is empty"),
                ),
                Some(_) => {}
            }
        }
        for point in labels.keys() {
            if !self.in_scale(*point) {
                problem(
                    at.clone(),
                    format!(
                        "label for {point} is outside the scale {}..{}",
                        scale.min, scale.max
                    ),
                );
            }
        }
    }

    /// Bands on a valid scale: each within it, covering it from bottom to top without gaps or
    /// overlaps.
    fn band_problems(&self, problem: &mut dyn FnMut(Vec<Seg>, String)) {
        let scale = &self.scale;
        let (lo, hi) = (scale.min as f64, scale.max as f64);
        for (i, band) in self.bands.iter().enumerate() {
            if band.from >= band.to {
                problem(
                    path!["bands", i, "from"],
                    format!(
                        "band `{}`: `from` ({}) must be less than `to` ({})",
                        band.id, band.from, band.to
                    ),
                );
            }
            for (key, v) in [("from", band.from), ("to", band.to)] {
                if v < lo || v > hi {
                    problem(
                        path!["bands", i, key],
                        format!(
                            "band `{}`: `{key}` ({v}) is outside the scale {}..{}",
                            band.id, scale.min, scale.max
                        ),
                    );
                }
            }
        }
        if let (Some(first), Some(last)) = (self.bands.first(), self.bands.last()) {
            if first.from != lo {
                problem(
                    path!["bands", 0, "from"],
                    format!(
                        "the bands must start at the bottom of the scale ({}), but `{}` starts at {}",
                        scale.min, first.id, first.from
                    ),
                );
            }
            if last.to != hi {
                problem(
                    path!["bands", self.bands.len() - 1, "to"],
                    format!(
                        "the bands must end at the top of the scale ({}), but `{}` ends at {}",
                        scale.max, last.id, last.to
                    ),
                );
            }
        }
        for (i, pair) in self.bands.windows(2).enumerate() {
            let (a, b) = (&pair[0], &pair[1]);
            if b.from > a.to {
                problem(
                    path!["bands", i + 1, "from"],
                    format!(
                        "gap between bands `{}` (to {}) and `{}` (from {}): scores in between would have no band",
                        a.id, a.to, b.id, b.from
                    ),
                );
            } else if b.from < a.to {
                problem(
                    path!["bands", i + 1, "from"],
                    format!(
                        "bands `{}` (to {}) and `{}` (from {}) overlap",
                        a.id, a.to, b.id, b.from
                    ),
                );
            }
        }
    }
}

fn with(base: &[Seg], rest: Vec<Seg>) -> Vec<Seg> {
    let mut p = base.to_vec();
    p.extend(rest);
    p
}

fn check_text(text: &str, path: Vec<Seg>, problem: &mut dyn FnMut(Vec<Seg>, String)) {
    if text.trim().is_empty() {
        let name = path_name(&path);
        problem(path, format!("`{name}` is empty"));
    }
}

/// Ids are lowercase letters, digits, `-`, `_` and `.`, starting with a letter or digit: they
/// appear in file names, CSV column headers and command lines.
/// Whether `id` is a valid id: lowercase letters, digits, `-`, `_` or `.`, starting with a
/// letter or digit. Such an id can never name a path outside a folder.
fn check_id(id: &str, path: Vec<Seg>, problem: &mut dyn FnMut(Vec<Seg>, String)) {
    if !is_id(id) {
        let name = path_name(&path);
        problem(
            path,
            format!(
                "`{name}` is {:?}: an id uses lowercase letters, digits, `-`, `_` or `.`, and starts with a letter or digit",
                crate::safe_text::quote(id)
            ),
        );
    }
}

fn check_unique<'a>(
    ids: &mut HashMap<&'a str, String>,
    id: &'a str,
    what: String,
    path: Vec<Seg>,
    problem: &mut dyn FnMut(Vec<Seg>, String),
) {
    if id.is_empty() {
        return;
    }
    match ids.get(id) {
        Some(first) => problem(
            path,
            format!("duplicate id `{id}` (first used for {first})"),
        ),
        None => {
            ids.insert(id, what);
        }
    }
}

/// Words that say how many or how much: the scale says how true, so a statement with one of
/// them asks two things at once ("most members" is true of whom?).
const QUANTITY_WORDS: [&str; 6] = ["most", "mostly", "mainly", "largely", "some", "any"];

/// Words that turn a statement into its negation.
const NEGATIONS: [&str; 5] = ["not", "no", "never", "nobody", "nothing"];

/// A statement's words, lower case, without punctuation (an apostrophe stays in a word), with
/// negated auxiliaries written out ("can't" is "can not", "cannot" too).
fn words_of(statement: &str) -> Vec<String> {
    let mut words = Vec::new();
    let lower = statement.to_lowercase().replace('\u{2019}', "'");
    for w in lower.split(|c: char| !c.is_alphanumeric() && c != '\'') {
        let expanded: &[&str] = match w {
            "can't" | "cannot" => &["can", "not"],
            "won't" => &["will", "not"],
            "shan't" => &["shall", "not"],
            _ => &[],
        };
        if !expanded.is_empty() {
            words.extend(expanded.iter().map(|s| (*s).to_string()));
        } else if let Some(aux) = w.strip_suffix("n't") {
            words.extend([aux.to_string(), "not".to_string()]);
        } else if !w.is_empty() {
            words.push(w.to_string());
        }
    }
    words
}

/// The writing rules `validate` can check in a dimension's statements: no quantity word; no
/// statement that holds another of the same dimension whole (the two are one question asked
/// twice); no reverse item that is only a forward one with a negation added (people read past
/// the "not", and the pair measures reading, not practice).
fn statement_warnings(dim: &super::Dimension, dp: &[Seg], out: &mut Vec<(Vec<Seg>, String)>) {
    let words: Vec<Vec<String>> = dim.items.iter().map(|i| words_of(&i.statement)).collect();
    for (k, item) in dim.items.iter().enumerate() {
        let at = with(dp, path!["items", k, "statement"]);
        // "what matters most" ends on "most": a superlative, not a quantity.
        let last = words[k].len().saturating_sub(1);
        let quantity = QUANTITY_WORDS.iter().find(|q| {
            words[k]
                .iter()
                .enumerate()
                .any(|(i, w)| w == *q && !(i == last && **q == "most"))
        });
        if let Some(q) = quantity {
            out.push((
                at.clone(),
                format!(
                    "statement `{}` says `{q}`: say who or how often, or let the scale say how true",
                    item.id
                ),
            ));
        }
        for (j, other) in dim.items.iter().enumerate() {
            if j == k || words[j].len() < 3 {
                continue;
            }
            if words[k].len() > words[j].len()
                && words[k]
                    .windows(words[j].len())
                    .any(|w| w == words[j].as_slice())
            {
                out.push((
                    at.clone(),
                    format!(
                        "statement `{}` holds statement `{}` whole: ask one thing once",
                        item.id, other.id
                    ),
                ));
            }
            if item.reverse && !other.reverse && only_negated(&words[k], &words[j]) {
                out.push((
                    at.clone(),
                    format!(
                        "reverse statement `{}` is statement `{}` with a negation: state the opposite practice instead",
                        item.id, other.id
                    ),
                ));
            }
        }
    }
}

/// Whether `reverse` is `forward` with negation words added (and nothing else changed).
fn only_negated(reverse: &[String], forward: &[String]) -> bool {
    // "do not bring" negates "bring": the auxiliary goes with the negation.
    let plain = |ws: &[String]| -> Vec<String> {
        ws.iter()
            .filter(|w| {
                !NEGATIONS.contains(&w.as_str()) && !["do", "does", "did"].contains(&w.as_str())
            })
            .cloned()
            .collect()
    };
    let negated = |ws: &[String]| {
        ws.iter()
            .filter(|w| NEGATIONS.contains(&w.as_str()))
            .count()
    };
    negated(reverse) > negated(forward) && plain(reverse) == plain(forward)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::assets;

    #[test]
    fn ids_must_be_plain() {
        let text = assets::STARTER_RUBRIC.replace("id: first-1", "id: First 1");
        let problems = Rubric::parse(&text).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("\"First 1\""), "{problems:?}");
    }

    #[test]
    fn prompts_for_an_unknown_band_are_an_error() {
        let text =
            assets::STARTER_RUBRIC.replace("          developing:\n", "          develop:\n");
        let problems = Rubric::parse(&text).unwrap_err();
        assert!(
            problems[0].message.contains("unknown band `develop`"),
            "{problems:?}"
        );
        assert!(problems[0].location.is_some());
    }

    #[test]
    fn missing_label_and_overlapping_bands() {
        let text = assets::STARTER_RUBRIC
            .replace("    3: Sometimes true\n", "")
            .replace("    from: 2.5\n", "    from: 2\n");
        let problems = Rubric::parse(&text).unwrap_err();
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert!(
            messages.contains(&"scale point 3 has no label"),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("overlap")),
            "{messages:?}"
        );
    }

    /// The JSON Schema that editors use must accept what learnlead accepts: every key of every
    /// shipped rubric is declared in the schema, and every key the schema requires is present.
    fn with_scale(min: &str, max: &str, top_band_to: &str) -> String {
        assets::STARTER_RUBRIC
            .replacen("  min: 1\n", &format!("  min: {min}\n"), 1)
            .replacen("  max: 5\n", &format!("  max: {max}\n"), 1)
            .replacen("to: 5\n", &format!("to: {top_band_to}\n"), 1)
    }

    fn messages(text: &str) -> Vec<String> {
        Rubric::parse(text)
            .unwrap_err()
            .into_iter()
            .map(|p| p.message)
            .collect()
    }

    #[test]
    fn huge_or_misplaced_scales_are_refused_without_overflow() {
        let m = messages(&with_scale("-5e18", "5e18", "5"));
        assert!(
            m.iter().any(|m| m.contains("expected a whole number")),
            "{m:?}"
        );
        let m = messages(&with_scale(
            "-5000000000000000000",
            "5000000000000000000",
            "5",
        ));
        assert!(m[0].contains("goes beyond -1000..1000"), "{m:?}");
        let m = messages(&with_scale("40000", "40004", "5"));
        assert!(m[0].contains("goes beyond -1000..1000"), "{m:?}");
        let m = messages(&with_scale("-1000", "1000", "5"));
        assert!(m[0].contains("2001 points is too long"), "{m:?}");
        assert!(Rubric::parse(assets::STARTER_RUBRIC).is_ok());
    }

    #[test]
    fn a_label_or_a_band_of_prompts_given_twice_is_refused() {
        let text = assets::STARTER_RUBRIC.replacen(
            "    2: Rarely true\n",
            "    2: Rarely true\n    2: Again\n",
            1,
        );
        let m = messages(&text);
        assert!(m[0].contains("`2` is given twice"), "{m:?}");
        let text = assets::STARTER_RUBRIC.replacen(
            "          emerging:\n",
            "          emerging: [Once.]\n          emerging:\n",
            1,
        );
        let m = messages(&text);
        assert!(m[0].contains("`emerging` is given twice"), "{m:?}");
    }

    #[test]
    fn band_ends_must_be_numbers() {
        let m = messages(&with_scale("1", "5", ".nan"));
        assert!(
            m.iter().any(|m| m.contains("`to` must be a number")),
            "{m:?}"
        );
        let m = messages(&with_scale("1", "5", ".inf"));
        assert!(
            m.iter().any(|m| m.contains("`to` must be a number")),
            "{m:?}"
        );
    }

    /// The starter rubric with `extra` added at the top level and `dim` into its dimension.
    fn starter_with(extra: &str, dim: &str) -> String {
        assets::STARTER_RUBRIC
            .replacen("groups:\n", &format!("{extra}groups:\n"), 1)
            .replacen(
                "        perspectives:\n",
                &format!("{dim}        perspectives:\n"),
                1,
            )
    }

    #[test]
    fn answer_sets_label_every_point_and_are_named_where_used() {
        let sets = "answer_sets:\n  how-often:\n    1: Never\n    2: Rarely\n    3: Sometimes\n    4: Often\n";
        let m = messages(&starter_with(sets, "        answers: how-many\n"));
        assert!(m.iter().any(|m| m == "scale point 5 has no label"), "{m:?}");
        assert!(
            m.iter()
                .any(|m| m == "unknown answer set `how-many` (answer sets: how-often)"),
            "{m:?}"
        );
        let none = messages(&starter_with("", "        answers: how-often\n"));
        assert!(
            none.iter()
                .any(|m| m.contains("the rubric has no `answer_sets`")),
            "{none:?}"
        );
    }

    #[test]
    fn items_are_for_declared_roles_only() {
        let text = assets::STARTER_RUBRIC.replacen(
            "            reverse: true\n",
            "            reverse: true\n            roles: [convenor]\n",
            1,
        );
        let m = messages(&text);
        assert!(
            m.iter()
                .any(|m| m.contains("for role `convenor`, but the rubric declares no `roles`")),
            "{m:?}"
        );
        let declared = text.replacen(
            "groups:\n",
            "roles:\n  - {id: member, name: Member}\n  - {id: member, name: Again}\ngroups:\n",
            1,
        );
        let m = messages(&declared);
        assert!(
            m.iter()
                .any(|m| m.contains("unknown role `convenor` (roles: member, member)")),
            "{m:?}"
        );
        assert!(
            m.iter().any(|m| m.contains("duplicate role id `member`")),
            "{m:?}"
        );
    }

    /// The starter's looks_like, replaced by `with`.
    fn looks_like(with: &str) -> String {
        let start = assets::STARTER_RUBRIC
            .find("        looks_like:\n")
            .unwrap();
        let end = assets::STARTER_RUBRIC[start..]
            .find("        # Reflection")
            .unwrap()
            + start;
        format!(
            "{}{with}{}",
            &assets::STARTER_RUBRIC[..start],
            &assets::STARTER_RUBRIC[end..]
        )
    }

    #[test]
    fn looks_like_and_methods_name_known_bands() {
        let m = messages(&looks_like(
            "        looks_like:\n          emerging: Rare.\n          top: Always.\n",
        ));
        assert!(
            m.iter()
                .any(|m| m.contains("looks_like for unknown band `top`")),
            "{m:?}"
        );
        let text = assets::STARTER_RUBRIC.replacen(
            "          - A method or tool to try.\n",
            "          - {method: Try this., bands: [emerging, later]}\n",
            1,
        );
        let m = messages(&text);
        assert!(
            m.iter()
                .any(|m| m.contains("a method for unknown band `later`")),
            "{m:?}"
        );
        let odd = assets::STARTER_RUBRIC.replacen(
            "          - A method or tool to try.\n",
            "          - {text: Try this.}\n",
            1,
        );
        let m = messages(&odd);
        assert!(
            m.iter()
                .any(|m| m.contains("a method: text, or {method: text")),
            "{m:?}"
        );
    }

    #[test]
    fn warnings_name_thin_dimensions_and_missing_descriptions() {
        let warnings = |text: &str| -> Vec<String> {
            let r = Rubric::parse(text).unwrap();
            r.warnings().into_iter().map(|(_, m)| m).collect()
        };
        assert!(
            warnings(assets::STARTER_RUBRIC).is_empty(),
            "the starter sets the example"
        );
        // Without its reverse-scored third statement and without looks_like.
        let thin = looks_like("").replacen(
            "          - id: first-3\n            statement: A plausible practice where agreeing is a bad sign.\n",
            "",
            1,
        );
        let thin = thin.replacen("            reverse: true\n", "", 1);
        assert_eq!(
            warnings(&thin),
            [
                "dimension `first-dimension` has 2 statements; 3 or more measure it more reliably",
                "dimension `first-dimension` has no reverse-scored statement",
                "dimension `first-dimension` has no `looks_like` for emerging, developing, established",
            ]
        );
        let partial = looks_like("        looks_like: {emerging: a, established: c}\n");
        assert_eq!(
            warnings(&partial),
            ["dimension `first-dimension` has no `looks_like` for developing"]
        );
    }

    #[test]
    fn quantity_words_nested_statements_and_bare_negations_are_warned_of() {
        let warnings = |first: &str, second: &str, third: &str| -> Vec<String> {
            let text = assets::STARTER_RUBRIC
                .replace(
                    "A concrete statement a person can say is true or not of their situation.",
                    first,
                )
                .replace("A second practice someone could point to.", second)
                .replace("A plausible practice where agreeing is a bad sign.", third);
            let r = Rubric::parse(&text).unwrap();
            r.warnings().into_iter().map(|(_, m)| m).collect()
        };
        assert_eq!(
            warnings(
                "Most members bring cases from their work.",
                "Members visit each other's practice.",
                "Contact between members goes through the convenor."
            ),
            ["statement `first-1` says `most`: say who or how often, or let the scale say how true"]
        );
        // "anyone" is not "any".
        assert!(warnings(
            "Anyone can bring a case.",
            "Members visit each other's practice.",
            "Contact between members goes through the convenor."
        )
        .is_empty());
        assert_eq!(
            warnings(
                "Members bring cases.",
                "Members bring cases from their work to our meetings.",
                "Contact between members goes through the convenor."
            ),
            ["statement `first-2` holds statement `first-1` whole: ask one thing once"]
        );
        assert_eq!(
            warnings(
                "Members bring cases from their work.",
                "Members visit each other's practice.",
                "Members do not bring cases from their work."
            ),
            ["reverse statement `first-3` is statement `first-1` with a negation: state the opposite practice instead"]
        );
        // Contractions are negations too; a superlative "most" is not a quantity.
        assert_eq!(
            warnings(
                "Members can speak freely.",
                "This is what matters most.",
                "Members can't speak freely."
            ),
            ["reverse statement `first-3` is statement `first-1` with a negation: state the opposite practice instead"]
        );
    }

    #[test]
    fn the_shipped_rubrics_pass_the_authoring_checks() {
        for asset in assets::RUBRICS {
            let r = Rubric::parse(asset.text).unwrap();
            let w: Vec<String> = r.warnings().into_iter().map(|(_, m)| m).collect();
            assert!(w.is_empty(), "{}: {w:?}", asset.name);
        }
    }
}

//! What a rubric is: groups of dimensions, each a handful of items scored on a scale, with the
//! reflection material (prompts per band, perspectives, methods, pitfalls, signs of quality) that
//! reports draw on. Parsing is strict (unknown keys are errors) and [`Rubric::parse`] reports
//! every problem at once, each with its line and column where known.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::Problem;
use crate::io::yaml::{self, Seg};
use crate::path;

/// The most points a scale may have.
pub const MAX_SCALE_POINTS: i64 = 21;
/// Every point of a scale lies within -SCALE_BOUND..=SCALE_BOUND, so that arithmetic on scores
/// (`min + max - answer`, differences, sums over many responses) can never overflow.
pub const SCALE_BOUND: i64 = 1000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    /// Lowercase, kebab-case: how commands and response files name the rubric.
    pub id: String,
    pub title: String,
    pub version: String,
    pub source: Source,
    pub description: String,
    pub scale: Scale,
    /// Score bands, lowest first, covering the scale without gaps; they pick reflection prompts.
    pub bands: Vec<Band>,
    /// After each dimension, ask where the person wants to be on it.
    #[serde(default)]
    pub ask_desired: bool,
    /// After a "not applicable" answer, ask for a short reason.
    #[serde(default)]
    pub ask_na_reason: bool,
    pub groups: Vec<Group>,
    /// Item and dimension ids to their places, built on first use, so a lookup by id takes the
    /// same time in a rubric of ten items or ten thousand.
    #[serde(skip)]
    index: IndexCell,
}

/// Where each id sits: (group, dimension, item) and (group, dimension) positions.
#[derive(Debug, Clone, Default)]
struct Index {
    items: HashMap<String, (usize, usize, usize)>,
    dimensions: HashMap<String, (usize, usize)>,
}

/// The index, built once on first use.
#[derive(Clone, Default)]
struct IndexCell(std::sync::OnceLock<Index>);

/// The index is derived from the rubric: two rubrics are equal whether or not it is built.
impl PartialEq for IndexCell {
    fn eq(&self, _: &IndexCell) -> bool {
        true
    }
}

impl std::fmt::Debug for IndexCell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("(index)")
    }
}

/// Where the framework comes from, quoted with attribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub authors: Vec<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// What is quoted and what is our own wording.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub min: i64,
    pub max: i64,
    /// A label for every point of the scale, keyed by the point (each point once).
    #[serde(deserialize_with = "crate::model::response::unique_map")]
    pub labels: BTreeMap<i64, String>,
    /// Whether "not applicable / don't know" is offered.
    #[serde(default)]
    pub not_applicable: bool,
}

/// A range of scores on the scale: `from` is included, `to` is not, except for the highest
/// band, which includes the top of the scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub id: String,
    pub name: String,
    pub from: f64,
    pub to: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub description: String,
    pub dimensions: Vec<Dimension>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    pub id: String,
    pub name: String,
    /// The dimension's guiding question.
    pub question: String,
    pub description: String,
    pub items: Vec<Item>,
    /// Reflection prompts, keyed by band id (each band once).
    #[serde(default, deserialize_with = "crate::model::response::unique_map")]
    pub prompts: BTreeMap<String, Vec<String>>,
    /// Perspectives to take when looking at this dimension.
    #[serde(default)]
    pub perspectives: Vec<String>,
    /// Methods and tools to try.
    #[serde(default)]
    pub methods: Vec<String>,
    /// Pitfalls to avoid.
    #[serde(default)]
    pub pitfalls: Vec<String>,
    /// Signs that the work on this dimension is going well.
    #[serde(default)]
    pub quality_signs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub statement: String,
    /// Agreeing is bad: scored as `min + max - answer`.
    #[serde(default)]
    pub reverse: bool,
}

/// Where an item sits in its rubric.
#[derive(Debug, Clone, Copy)]
pub struct ItemRef<'a> {
    pub group: &'a Group,
    pub dimension: &'a Dimension,
    pub item: &'a Item,
}

impl Rubric {
    /// Parses and validates a rubric. On failure, every problem found, each with its line and
    /// column where the YAML location is known.
    pub fn parse(text: &str) -> Result<Rubric, Vec<Problem>> {
        let rubric: Rubric = yaml::from_str(text).map_err(|p| vec![p])?;
        let problems = rubric.problems();
        if problems.is_empty() {
            Ok(rubric)
        } else {
            let locator = yaml::Locator::new(text);
            Err(problems
                .into_iter()
                .map(|(path, message)| Problem::at(locator.locate(&path), message))
                .collect())
        }
    }

    /// Everything wrong with this rubric beyond its shape, with the path to each problem.
    pub fn problems(&self) -> Vec<(Vec<Seg>, String)> {
        let mut out: Vec<(Vec<Seg>, String)> = Vec::new();
        let mut problem = |path: Vec<Seg>, msg: String| out.push((path, msg));
        self.header_problems(&mut problem);
        self.scale_problems(&mut problem);
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
            if !self.bands.iter().any(|b| &b.id == band) {
                problem(
                    with(dp, path!["prompts", band.as_str()]),
                    format!(
                        "dimension `{}`: prompts for unknown band `{band}` (bands: {})",
                        dim.id,
                        self.band_ids().join(", ")
                    ),
                );
            }
            for (k, p) in prompts.iter().enumerate() {
                check_text(p, with(dp, path!["prompts", band.as_str(), k]), problem);
            }
        }
        for (key, list) in [
            ("perspectives", &dim.perspectives),
            ("methods", &dim.methods),
            ("pitfalls", &dim.pitfalls),
            ("quality_signs", &dim.quality_signs),
        ] {
            for (k, t) in list.iter().enumerate() {
                check_text(t, with(dp, path![key, k]), problem);
            }
        }
    }

    /// A label for every point of a scale that is itself valid, and none outside it.
    fn label_problems(&self, problem: &mut dyn FnMut(Vec<Seg>, String)) {
        let scale = &self.scale;
        for point in scale.min..=scale.max {
            match scale.labels.get(&point) {
                None => problem(
                    path!["scale", "labels"],
                    format!("scale point {point} has no label"),
                ),
                Some(l) if l.trim().is_empty() => problem(
                    path!["scale", "labels"],
                    format!("the label of scale point {point} is empty"),
                ),
                Some(_) => {}
            }
        }
        for point in scale.labels.keys() {
            if !self.in_scale(*point) {
                problem(
                    path!["scale", "labels"],
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

    pub fn band_ids(&self) -> Vec<&str> {
        self.bands.iter().map(|b| b.id.as_str()).collect()
    }

    /// The band a score falls in.
    pub fn band_for(&self, score: f64) -> Option<&Band> {
        let last = self.bands.len().checked_sub(1)?;
        self.bands.iter().enumerate().find_map(|(i, b)| {
            let inside = score >= b.from && (score < b.to || (i == last && score <= b.to));
            inside.then_some(b)
        })
    }

    /// The middle of the scale: `(min + max) / 2`.
    pub fn middle(&self) -> f64 {
        (self.scale.min as f64 + self.scale.max as f64) / 2.0
    }

    /// Whether `band` is one of the upper bands: it starts at or above the scale's middle. Only
    /// a score in an upper band is called a strength.
    pub fn is_upper(&self, band: &Band) -> bool {
        band.from >= self.middle()
    }

    /// Whether `band` is one of the lower bands: it ends at or below the scale's middle.
    pub fn is_lower(&self, band: &Band) -> bool {
        band.to <= self.middle()
    }

    pub fn dimensions(&self) -> impl Iterator<Item = (&Group, &Dimension)> {
        self.groups
            .iter()
            .flat_map(|g| g.dimensions.iter().map(move |d| (g, d)))
    }

    /// Every item in questionnaire order, with its group and dimension.
    pub fn items(&self) -> impl Iterator<Item = ItemRef<'_>> {
        self.dimensions().flat_map(|(group, dimension)| {
            dimension.items.iter().map(move |item| ItemRef {
                group,
                dimension,
                item,
            })
        })
    }

    pub fn item_count(&self) -> usize {
        self.dimensions().map(|(_, d)| d.items.len()).sum()
    }

    pub fn dimension_count(&self) -> usize {
        self.groups.iter().map(|g| g.dimensions.len()).sum()
    }

    pub fn find_item(&self, id: &str) -> Option<ItemRef<'_>> {
        let &(g, d, i) = self.index().items.get(id)?;
        let group = &self.groups[g];
        let dimension = &group.dimensions[d];
        Some(ItemRef {
            group,
            dimension,
            item: &dimension.items[i],
        })
    }

    pub fn find_dimension(&self, id: &str) -> Option<(&Group, &Dimension)> {
        let &(g, d) = self.index().dimensions.get(id)?;
        let group = &self.groups[g];
        Some((group, &group.dimensions[d]))
    }

    /// The index of ids, built on first use. Where an id is given twice (an invalid rubric),
    /// the first place is kept, as a search in order would find it.
    fn index(&self) -> &Index {
        self.index.0.get_or_init(|| {
            let mut index = Index::default();
            for (g, group) in self.groups.iter().enumerate() {
                for (d, dim) in group.dimensions.iter().enumerate() {
                    index.dimensions.entry(dim.id.clone()).or_insert((g, d));
                    for (i, item) in dim.items.iter().enumerate() {
                        index.items.entry(item.id.clone()).or_insert((g, d, i));
                    }
                }
            }
            index
        })
    }

    pub fn label(&self, point: i64) -> &str {
        self.scale
            .labels
            .get(&point)
            .map(String::as_str)
            .unwrap_or("")
    }

    /// Whether `point` is a point of the scale.
    pub fn in_scale(&self, point: i64) -> bool {
        (self.scale.min..=self.scale.max).contains(&point)
    }

    /// A hash of the rubric's content (not its formatting or comments), so a response can tell
    /// when the rubric it was answered on has changed since.
    pub fn content_hash(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        let digest = Sha256::digest(&json);
        let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        format!("sha256:{hex}")
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
pub fn is_id(id: &str) -> bool {
    id.chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c))
}

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

/// `groups[0].dimensions[1].id`, as people read paths.
pub fn path_name(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::assets;

    fn shipped(id: &str) -> Rubric {
        Rubric::parse(assets::shipped_rubric(id).unwrap().text).unwrap()
    }

    #[test]
    fn wenger_trayner_has_the_twelve_disciplines_as_published() {
        let r = shipped("wenger-trayner");
        let expected = [
            (
                "Meaning",
                vec![
                    ("Relevance", "what is our learning partnership about?"),
                    ("Accountability", "how is accountability negotiated?"),
                    ("Value creation", "what difference are we making for whom?"),
                ],
            ),
            (
                "Participation",
                vec![
                    ("Voices", "who needs to be involved?"),
                    ("Power", "how can learning trump power?"),
                    ("Leadership", "how to foster distributed leadership?"),
                ],
            ),
            (
                "Modes",
                vec![
                    ("Engagement", "how to work together on issues of practice?"),
                    ("Imagination", "what images inform and orient learning?"),
                    ("Alignment", "how to achieve effectiveness at scale?"),
                ],
            ),
            (
                "Time/space",
                vec![
                    ("Continuity", "how to enable ongoing learning loops?"),
                    ("Boundaries", "how to make boundaries into learning assets?"),
                    ("Scale", "how to maintain a multi-scale perspective?"),
                ],
            ),
        ];
        assert_eq!(r.groups.len(), 4);
        for (group, (name, dims)) in r.groups.iter().zip(expected) {
            assert_eq!(group.name, name);
            let got: Vec<(&str, &str)> = group
                .dimensions
                .iter()
                .map(|d| (d.name.as_str(), d.question.as_str()))
                .collect();
            assert_eq!(got, dims);
        }
        assert!(r.ask_desired && r.ask_na_reason && r.scale.not_applicable);
        assert_eq!(assets::DEFAULT_RUBRIC, r.id);
    }

    #[test]
    fn every_shipped_dimension_holds_what_a_discipline_holds() {
        for asset in assets::RUBRICS {
            let r = Rubric::parse(asset.text).unwrap();
            let min_items = if r.id == "cop-functions" { 2 } else { 3 };
            let mut reverse = 0;
            for (_, d) in r.dimensions() {
                assert!(d.items.len() >= min_items, "{}: {}", r.id, d.id);
                reverse += d.items.iter().filter(|i| i.reverse).count();
                for band in r.band_ids() {
                    assert!(
                        d.prompts.get(band).is_some_and(|p| !p.is_empty()),
                        "{}: {} has no prompts for {band}",
                        r.id,
                        d.id
                    );
                }
                assert!(!d.methods.is_empty(), "{}: {} has no methods", r.id, d.id);
                assert!(!d.pitfalls.is_empty(), "{}: {} has no pitfalls", r.id, d.id);
                if r.id == "wenger-trayner" {
                    assert!(!d.quality_signs.is_empty(), "{}", d.id);
                    assert!(!d.perspectives.is_empty(), "{}", d.id);
                }
            }
            assert!(reverse >= 3, "{} has too few reverse-scored items", r.id);
        }
    }

    #[test]
    fn band_for_includes_from_excludes_to_except_at_the_top() {
        let r = shipped("wenger-trayner");
        let band = |s: f64| r.band_for(s).map(|b| b.id.as_str());
        assert_eq!(band(1.0), Some("emerging"));
        assert_eq!(band(2.49), Some("emerging"));
        assert_eq!(band(2.5), Some("developing"));
        assert_eq!(band(3.75), Some("established"));
        assert_eq!(band(5.0), Some("established"));
        assert_eq!(band(5.1), None);
        assert_eq!(band(0.9), None);
    }

    #[test]
    fn upper_bands_start_and_lower_bands_end_at_the_middle() {
        let r = shipped("wenger-trayner");
        let kind = |id: &str| {
            let b = r.bands.iter().find(|b| b.id == id).unwrap();
            (r.is_lower(b), r.is_upper(b))
        };
        assert_eq!(r.middle(), 3.0);
        assert_eq!(kind("emerging"), (true, false));
        assert_eq!(
            kind("developing"),
            (false, false),
            "2.5 to 3.75 spans the middle"
        );
        assert_eq!(kind("established"), (false, true));
    }

    #[test]
    fn content_hash_follows_content_not_formatting() {
        let text = assets::shipped_rubric("cop-functions").unwrap().text;
        let a = Rubric::parse(text).unwrap();
        let b = Rubric::parse(&format!("# a comment\n{text}")).unwrap();
        assert_eq!(a.content_hash(), b.content_hash());
        let c = Rubric::parse(&text.replace("Good practices are", "Good practice is")).unwrap();
        assert_ne!(a.content_hash(), c.content_hash());
        assert!(a.content_hash().starts_with("sha256:"));
    }

    #[test]
    fn ids_must_be_plain() {
        let text = assets::STARTER_RUBRIC.replace("id: first-1", "id: First 1");
        let problems = Rubric::parse(&text).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].message.contains("\"First 1\""),
            "{:?}",
            problems
        );
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
    #[test]
    fn schema_agrees_with_the_shipped_rubrics() {
        let schema: serde_json::Value = serde_json::from_str(assets::RUBRIC_SCHEMA).unwrap();
        fn resolve<'a>(
            root: &'a serde_json::Value,
            node: &'a serde_json::Value,
        ) -> &'a serde_json::Value {
            match node.get("$ref").and_then(|r| r.as_str()) {
                Some(r) => {
                    let name = r.trim_start_matches("#/$defs/");
                    resolve(root, &root["$defs"][name])
                }
                None => node,
            }
        }
        fn check(
            root: &serde_json::Value,
            schema: &serde_json::Value,
            value: &serde_json::Value,
            at: &str,
        ) {
            let schema = resolve(root, schema);
            match value {
                serde_json::Value::Object(map) => {
                    if let Some(props) = schema.get("properties").and_then(|p| p.as_object()) {
                        for (k, v) in map {
                            let sub = props
                                .get(k)
                                .unwrap_or_else(|| panic!("{at}.{k} is not in the schema"));
                            check(root, sub, v, &format!("{at}.{k}"));
                        }
                        for req in schema["required"].as_array().into_iter().flatten() {
                            assert!(
                                map.contains_key(req.as_str().unwrap()),
                                "{at}: {req} required"
                            );
                        }
                    } else if let Some(add) =
                        schema.get("additionalProperties").filter(|a| a.is_object())
                    {
                        for (k, v) in map {
                            check(root, add, v, &format!("{at}.{k}"));
                        }
                    }
                }
                serde_json::Value::Array(items) => {
                    for (i, v) in items.iter().enumerate() {
                        check(root, &schema["items"], v, &format!("{at}[{i}]"));
                    }
                }
                _ => {}
            }
        }
        for asset in assets::RUBRICS {
            let r = Rubric::parse(asset.text).unwrap();
            let json = serde_json::to_value(&r).unwrap();
            check(&schema, &schema, &json, &r.id);
        }
    }

    /// The starter rubric with its scale (and band ends) replaced.
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

    #[test]
    fn ids_are_found_by_index_first_place_first() {
        let r = shipped("wenger-trayner");
        let found = r.find_item("relevance-1").unwrap();
        assert_eq!(found.dimension.id, "relevance");
        assert_eq!(r.find_dimension("scale").unwrap().1.id, "scale");
        assert!(r.find_item("nope").is_none());
        for item in r.items() {
            assert_eq!(r.find_item(&item.item.id).unwrap().item.id, item.item.id);
        }
        assert_eq!(r.clone(), shipped("wenger-trayner"));
    }
}

//! What a rubric is: groups of dimensions, each a handful of items scored on a scale, with the
//! reflection material (prompts per band, perspectives, methods, pitfalls, signs of quality) that
//! reports draw on. Parsing is strict (unknown keys are errors) and [`Rubric::parse`] reports
//! every problem at once, each with its line and column where known.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::Problem;
use crate::io::yaml::{self, Seg};

mod check;

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

pub fn is_id(id: &str) -> bool {
    id.chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c))
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

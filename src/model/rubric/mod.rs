//! What a rubric is: groups of dimensions, each a handful of items scored on a scale, with the
//! reflection material (prompts per band, perspectives, methods, pitfalls, signs of quality) that
//! reports draw on. Parsing is strict (unknown keys are errors) and [`Rubric::parse`] reports
//! every problem at once, each with its line and column where known.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::Problem;
use crate::yaml::{self, Seg};

mod check;

pub use check::MIN_STATEMENTS;

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
    /// The perspectives people answer from (a response's `role`). Declared, they are offered as
    /// choices, and a statement can be asked of some of them only (its `roles`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleDef>,
    /// Named sets of answer labels, for statements the scale's own labels do not fit ("how
    /// often", "how many"): each labels every point of the scale. A dimension or a statement
    /// names the set it uses in `answers`.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "crate::model::response::unique_map"
    )]
    pub answer_sets: BTreeMap<String, Labels>,
    pub groups: Vec<Group>,
    /// Item and dimension ids to their places, built on first use, so a lookup by id takes the
    /// same time in a rubric of ten items or ten thousand.
    #[serde(skip)]
    index: IndexCell,
    /// For a rubric narrowed to some dimensions ([`Rubric::narrowed`]): the whole rubric's
    /// content hash, which stays its identity (responses are stamped with the whole rubric).
    #[serde(skip)]
    whole_hash: Option<String>,
}

/// Where each id sits: (group, dimension, item) and (group, dimension) positions.
#[derive(Debug, Clone, Default)]
struct Index {
    items: HashMap<String, (usize, usize, usize), foldhash::fast::RandomState>,
    dimensions: HashMap<String, (usize, usize), foldhash::fast::RandomState>,
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
    /// Whether "not applicable" is offered: the statement does not apply to this community.
    #[serde(default)]
    pub not_applicable: bool,
    /// Whether "don't know" is offered: the statement applies, but the person cannot tell.
    /// Unscored like "not applicable", and counted apart from it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub dont_know: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A label for every point of the scale, keyed by the point (each point once).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Labels(
    #[serde(deserialize_with = "crate::model::response::unique_map")] pub BTreeMap<i64, String>,
);

/// A perspective people answer from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleDef {
    pub id: String,
    pub name: String,
}

/// A method or tool to try; `bands` says from which bands it is the next thing to try (from
/// any band, when empty). Written as text, or as `{method: text, bands: [ids]}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Method {
    pub text: String,
    pub bands: Vec<String>,
}

impl Serialize for Method {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Banded<'a> {
            method: &'a str,
            bands: &'a [String],
        }
        match self.bands.is_empty() {
            true => s.serialize_str(&self.text),
            false => Banded {
                method: &self.text,
                bands: &self.bands,
            }
            .serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Method {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Banded {
            method: String,
            #[serde(default)]
            bands: Vec<String>,
        }
        #[derive(Deserialize)]
        #[serde(
            untagged,
            expecting = "a method: text, or {method: text, bands: [band ids]}"
        )]
        enum Written {
            Text(String),
            Banded(Banded),
        }
        Ok(match Written::deserialize(d)? {
            Written::Text(text) => Method {
                text,
                bands: Vec::new(),
            },
            Written::Banded(b) => Method {
                text: b.method,
                bands: b.bands,
            },
        })
    }
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
    /// The answer set its statements use (a name in `answer_sets`); the scale's labels without.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answers: Option<String>,
    /// Reflection prompts, keyed by band id (each band once).
    #[serde(default, deserialize_with = "crate::model::response::unique_map")]
    pub prompts: BTreeMap<String, Vec<String>>,
    /// What the practice looks like at each band, keyed by band id: what you would see and
    /// could point to.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "crate::model::response::unique_map"
    )]
    pub looks_like: BTreeMap<String, String>,
    /// Perspectives to take when looking at this dimension.
    #[serde(default)]
    pub perspectives: Vec<String>,
    /// Methods and tools to try, each from any band or from the bands it names.
    #[serde(default)]
    pub methods: Vec<Method>,
    /// Pitfalls to avoid.
    #[serde(default)]
    pub pitfalls: Vec<String>,
    /// Signs that the work on this dimension is going well.
    #[serde(default)]
    pub quality_signs: Vec<String>,
    /// How reliably its statements measure, from responses (`rubrics analyze`): what a change
    /// must exceed to be more than measurement error. Without it, a cautious default is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reliability: Option<StoredReliability>,
}

/// A dimension's reliability as `rubrics analyze` found it on many responses.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredReliability {
    /// Cronbach's alpha of its statements, 0 to 1.
    pub alpha: f64,
    /// The standard deviation of people's dimension scores.
    pub sd: f64,
    /// How many responses it rests on.
    pub n: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub statement: String,
    /// Agreeing is bad: scored as `min + max - answer`.
    #[serde(default)]
    pub reverse: bool,
    /// The answer set it uses, over its dimension's (a name in `answer_sets`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answers: Option<String>,
    /// Only people answering from these perspectives (ids in `roles`) are asked it; everyone
    /// when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
}

impl Item {
    /// A statement about the person's own experience or work ("I ...", "my ..."): people
    /// answer it of different things, so different answers are not different views of the
    /// community.
    pub fn is_first_person(&self) -> bool {
        self.statement
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .any(|w| matches!(w, "I" | "I'm" | "I've" | "my" | "My" | "me" | "Me"))
    }
}

impl Dimension {
    /// The method to try next from `band`: the first tied to it, else the first tied to none.
    pub fn method_for(&self, band: &str) -> Option<&str> {
        self.methods
            .iter()
            .find(|m| m.bands.iter().any(|b| b == band))
            .or_else(|| self.methods.iter().find(|m| m.bands.is_empty()))
            .map(|m| m.text.as_str())
    }

    /// The methods that fit `band`: those tied to it first, then those for every band; the ones
    /// tied to other bands are left out. Without a band, those for every band (or, where every
    /// method is tied to a band, all of them).
    pub fn methods_for(&self, band: Option<&str>) -> Vec<String> {
        let untied = self.methods.iter().filter(|m| m.bands.is_empty());
        let chosen: Vec<&Method> = match band {
            Some(band) => self
                .methods
                .iter()
                .filter(|m| m.bands.iter().any(|b| b == band))
                .chain(untied)
                .collect(),
            None if untied.clone().next().is_some() => untied.collect(),
            None => self.methods.iter().collect(),
        };
        chosen.into_iter().map(|m| m.text.clone()).collect()
    }
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

    /// The labels `item` (in `dim`) is answered with: its answer set, its dimension's, or the
    /// scale's own.
    pub fn labels_for(&self, dim: &Dimension, item: &Item) -> &BTreeMap<i64, String> {
        item.answers
            .as_ref()
            .or(dim.answers.as_ref())
            .and_then(|name| self.answer_sets.get(name))
            .map_or(&self.scale.labels, |l| &l.0)
    }

    /// The label of `point` for `item` (in `dim`).
    pub fn answer_label(&self, dim: &Dimension, item: &Item, point: i64) -> &str {
        self.labels_for(dim, item)
            .get(&point)
            .map_or("", String::as_str)
    }

    /// The declared perspective `role` names: by id or by name, ignoring case.
    pub fn role_of(&self, role: Option<&str>) -> Option<&RoleDef> {
        let role = role?.trim();
        self.roles
            .iter()
            .find(|r| r.id.eq_ignore_ascii_case(role) || r.name.eq_ignore_ascii_case(role))
    }

    /// Whether someone answering from `role` is asked `item`: everyone is asked a statement
    /// without `roles`, and so is anyone whose role is not one the rubric declares.
    pub fn asks(&self, item: &Item, role: Option<&str>) -> bool {
        item.roles.is_empty()
            || self
                .role_of(role)
                .is_none_or(|r| item.roles.iter().any(|id| id == &r.id))
    }

    /// The middle of the scale: `(min + max) / 2`.
    pub fn middle(&self) -> f64 {
        f64::midpoint(self.scale.min as f64, self.scale.max as f64)
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

    /// The rubric with only the dimensions `ids` (a group left with none is dropped): what a
    /// session that covers some dimensions asks and compares. Everything else is kept; a
    /// response keeps the whole rubric's stamp ([`crate::model::response::RubricStamp`]).
    #[must_use]
    pub fn narrowed(&self, ids: &[String]) -> Rubric {
        let mut groups = self.groups.clone();
        for g in &mut groups {
            g.dimensions.retain(|d| ids.contains(&d.id));
        }
        groups.retain(|g| !g.dimensions.is_empty());
        Rubric {
            groups,
            index: IndexCell::default(),
            whole_hash: Some(self.content_hash()),
            ..self.clone()
        }
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
        self.scale.labels.get(&point).map_or("", String::as_str)
    }

    /// Whether `point` is a point of the scale.
    pub fn in_scale(&self, point: i64) -> bool {
        (self.scale.min..=self.scale.max).contains(&point)
    }

    /// A hash of the rubric's content (not its formatting or comments), so a response can tell
    /// when the rubric it was answered on has changed since. A rubric narrowed to some
    /// dimensions keeps the whole rubric's hash.
    pub fn content_hash(&self) -> String {
        if let Some(whole) = &self.whole_hash {
            return whole.clone();
        }
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
            assert!(r.warnings().is_empty(), "{}: {:?}", r.id, r.warnings());
            assert!(
                r.scale.dont_know,
                "{}: statements may ask what one cannot know",
                r.id
            );
            for (_, d) in r.dimensions() {
                assert!(d.items.len() >= MIN_STATEMENTS, "{}: {}", r.id, d.id);
                assert!(d.items.iter().any(|i| i.reverse), "{}: {}", r.id, d.id);
                for band in r.band_ids() {
                    assert!(
                        d.prompts.get(band).is_some_and(|p| !p.is_empty()),
                        "{}: {} has no prompts for {band}",
                        r.id,
                        d.id
                    );
                    assert!(d.looks_like.contains_key(band), "{}: {}", r.id, d.id);
                    assert!(d.method_for(band).is_some(), "{}: {} {band}", r.id, d.id);
                }
                for (what, list) in [
                    ("pitfalls", &d.pitfalls),
                    ("quality signs", &d.quality_signs),
                    ("perspectives", &d.perspectives),
                ] {
                    assert!(!list.is_empty(), "{}: {} has no {what}", r.id, d.id);
                }
            }
        }
    }

    /// The item-writing rules of docs/rubrics.md that a machine can check: no frequency or
    /// negation word of its own (the scale says how true, or the answer set how often), no
    /// reason clause, and a question only where an answer set fits it.
    #[test]
    fn shipped_statements_follow_the_authoring_rules() {
        let frequency = [
            "always",
            "often",
            "rarely",
            "regularly",
            "never",
            "little",
            "nobody",
            "usually",
            "seldom",
            "at least",
        ];
        for asset in assets::RUBRICS {
            let r = Rubric::parse(asset.text).unwrap();
            for i in r.items() {
                let st = i.item.statement.to_lowercase();
                let words: Vec<&str> = st
                    .split(|c: char| !c.is_alphanumeric() && c != '\'')
                    .collect();
                for f in frequency {
                    let found = match f.contains(' ') {
                        true => st.contains(f),
                        false => words.contains(&f),
                    };
                    assert!(!found, "{}: `{f}` in {}", r.id, i.item.id);
                }
                assert!(
                    !words.contains(&"because"),
                    "{}: a reason in {}",
                    r.id,
                    i.item.id
                );
                let set = i.item.answers.as_ref().or(i.dimension.answers.as_ref());
                assert_eq!(
                    st.ends_with('?'),
                    set.is_some_and(|s| s == "how-many"),
                    "{}: {} asks a question only with how-many answers",
                    r.id,
                    i.item.id
                );
            }
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
            let mut schema = resolve(root, schema);
            // Of `oneOf`'s variants, the one for this kind of value (text, or an object).
            if let Some(variants) = schema.get("oneOf").and_then(|v| v.as_array()) {
                let object = value.is_object();
                schema = variants
                    .iter()
                    .map(|v| resolve(root, v))
                    .find(|v| (v["type"] == "object") == object)
                    .unwrap_or_else(|| panic!("{at}: no variant of oneOf fits"));
            }
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
        let texts = assets::RUBRICS.iter().map(|a| a.text);
        for text in texts.chain([ROLES, assets::STARTER_RUBRIC]) {
            let r = Rubric::parse(text).unwrap();
            let json = serde_json::to_value(&r).unwrap();
            check(&schema, &schema, &json, &r.id);
        }
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

    const ROLES: &str = r#"
id: t
title: T
version: "1"
source: {authors: [A], title: S}
description: D
scale: {min: 1, max: 3, labels: {1: not true, 2: partly, 3: true}, dont_know: true}
bands: [{id: low, name: Low, from: 1, to: 2}, {id: high, name: High, from: 2, to: 3}]
roles: [{id: convenor, name: Convenor}, {id: member, name: Member}]
answer_sets:
  often: {1: never, 2: sometimes, 3: often}
  many: {1: none, 2: some, 3: all}
groups:
  - id: g
    name: G
    description: D
    dimensions:
      - id: d
        name: D
        question: Q
        description: D
        answers: often
        items:
          - {id: own, statement: I do it., roles: [convenor]}
          - {id: all, statement: We do it.}
          - {id: count, statement: Members who do it., answers: many}
        methods:
          - Any time.
          - {method: From low., bands: [low]}
"#;

    #[test]
    fn statements_use_their_own_answer_set_then_their_dimensions() {
        let r = Rubric::parse(ROLES).unwrap();
        let (_, d) = r.find_dimension("d").unwrap();
        assert_eq!(
            r.answer_label(d, &d.items[0], 1),
            "never",
            "the dimension's set"
        );
        assert_eq!(r.answer_label(d, &d.items[2], 3), "all", "its own set");
        assert!(r.scale.dont_know);
    }

    #[test]
    fn a_statement_for_some_roles_is_asked_of_them_and_of_undeclared_roles() {
        let r = Rubric::parse(ROLES).unwrap();
        let own = r.find_item("own").unwrap().item;
        assert!(r.asks(own, Some("convenor")));
        assert!(r.asks(own, Some(" CONVENOR ")), "by id, any case");
        assert!(!r.asks(own, Some("Member")), "by name");
        assert!(
            r.asks(own, Some("sponsor")),
            "a role the rubric does not know"
        );
        assert!(r.asks(own, None), "no role given");
        assert!(r.asks(r.find_item("all").unwrap().item, Some("member")));
    }

    #[test]
    fn methods_for_a_band_leave_out_those_tied_to_other_bands() {
        let r = Rubric::parse(ROLES).unwrap();
        let (_, d) = r.find_dimension("d").unwrap();
        assert_eq!(d.methods_for(Some("low")), ["From low.", "Any time."]);
        assert_eq!(d.methods_for(Some("high")), ["Any time."]);
        assert_eq!(d.methods_for(None), ["Any time."]);
    }

    #[test]
    fn the_next_method_is_the_first_for_the_band_else_the_first_for_any() {
        let r = Rubric::parse(ROLES).unwrap();
        let (_, d) = r.find_dimension("d").unwrap();
        assert_eq!(d.method_for("low"), Some("From low."));
        assert_eq!(d.method_for("high"), Some("Any time."));
        // Written back as written: text, or the banded form.
        let yaml = serde_json::to_string(&d.methods).unwrap();
        assert_eq!(
            yaml,
            r#"["Any time.",{"method":"From low.","bands":["low"]}]"#
        );
    }

    #[test]
    fn new_optional_fields_leave_an_older_rubrics_serialization_as_it_was() {
        let older = ROLES
            .replace(", dont_know: true", "")
            .replace("roles: [{id: convenor, name: Convenor}, {id: member, name: Member}]\n", "")
            .replace(", roles: [convenor]", "")
            .replace("answer_sets:\n  often: {1: never, 2: sometimes, 3: often}\n  many: {1: none, 2: some, 3: all}\n", "")
            .replace("        answers: often\n", "")
            .replace(", answers: many", "");
        let json = serde_json::to_string(&Rubric::parse(&older).unwrap()).unwrap();
        for key in [
            "dont_know",
            "roles",
            "answer_sets",
            "\"answers\"",
            "looks_like",
        ] {
            assert!(!json.contains(key), "{key} in {json}");
        }
    }

    #[test]
    fn a_narrowed_rubric_keeps_only_the_dimensions_named_and_finds_them() {
        let r = Rubric::parse(assets::shipped_rubric("wenger-trayner").unwrap().text).unwrap();
        let keep = vec!["voices".to_string(), "relevance".to_string()];
        let n = r.narrowed(&keep);
        let ids: Vec<&str> = n.dimensions().map(|(_, d)| d.id.as_str()).collect();
        assert_eq!(ids, ["relevance", "voices"], "in the rubric's order");
        assert_eq!(n.groups.len(), 2, "groups left empty are dropped");
        assert!(n.find_dimension("power").is_none());
        assert!(n
            .find_item(&n.groups[1].dimensions[0].items[0].id)
            .is_some());
        assert_eq!((n.id.as_str(), n.scale.max), (r.id.as_str(), r.scale.max));
        assert_eq!(
            n.content_hash(),
            r.content_hash(),
            "still the same rubric to a response"
        );
    }
}

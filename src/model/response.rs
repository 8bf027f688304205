//! A person's answers to one rubric, as a YAML file they can read and edit by hand.
//!
//! The file remembers which rubric it answers (id, version and a hash of the rubric's content),
//! so a report can warn when the rubric changed since. Answers are kept in the rubric's order.
//! [`Response::check`] holds the file against its rubric: unknown ids and out-of-range scores are
//! errors naming the item and, where known, its line.

use std::fmt;

use indexmap::IndexMap;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Problem, Result};
use crate::limits as input;
use crate::model::rubric::Rubric;
use crate::path;
use crate::yaml;

/// A map keyed by ids, in the order given: a response's answers, a session's agreed positions.
/// Hashed with foldhash (see Cargo.toml).
pub type Ids<V> = IndexMap<String, V, foldhash::fast::RandomState>;

/// The version of the response file format this build writes and reads.
pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// The response file format version.
    pub format: u32,
    pub rubric: RubricStamp,
    /// Blank means anonymous.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub community: Option<String>,
    /// The perspective the person answers from: convenor, member, sponsor, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// When the person started, RFC 3339.
    pub started: String,
    /// When the person finished; absent while the response is partial.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed: Option<String>,
    /// Item id -> answer, in the rubric's order. An id given twice is an error.
    #[serde(default, deserialize_with = "unique_keys")]
    pub answers: Ids<Answer>,
    /// Dimension id -> where the person wants to be and their note.
    #[serde(
        default,
        skip_serializing_if = "IndexMap::is_empty",
        deserialize_with = "unique_keys"
    )]
    pub dimensions: Ids<DimensionAnswer>,
    /// What was being rated, when a workshop session set it (its `scope`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The dimensions the person was asked, when a session covered only some (ids, in the
    /// rubric's order); all of them when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RubricStamp {
    pub id: String,
    pub version: String,
    pub hash: String,
    /// Where the rubric was read from, when it was a file rather than a shipped rubric or one
    /// in the rubrics folder, so `--resume` and `report` can find it again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

impl RubricStamp {
    pub fn of(rubric: &Rubric) -> Self {
        RubricStamp {
            id: rubric.id.clone(),
            version: rubric.version.clone(),
            hash: rubric.content_hash(),
            file: None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DimensionAnswer {
    /// Where the person wants to be on this dimension, on the rubric's scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desired: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl DimensionAnswer {
    pub fn is_empty(&self) -> bool {
        self.desired.is_none() && self.note.is_none()
    }
}

/// One answer: a point on the scale, or "not applicable / don't know" with an optional reason.
/// In YAML: `4`, `na`, or `{na: the reason}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Score(i64),
    NotApplicable {
        reason: Option<String>,
    },
    /// The statement applies, but the person cannot tell: unscored, and counted apart from
    /// "not applicable".
    DontKnow,
}

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Answer::Score(s) => write!(f, "{s}"),
            Answer::NotApplicable { reason: None } => write!(f, "n/a"),
            Answer::NotApplicable { reason: Some(r) } => write!(f, "n/a ({r})"),
            Answer::DontKnow => write!(f, "don't know"),
        }
    }
}

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Answer::Score(v) => s.serialize_i64(*v),
            Answer::NotApplicable { reason: None } => s.serialize_str("na"),
            Answer::DontKnow => s.serialize_str("dk"),
            Answer::NotApplicable { reason: Some(r) } => {
                use serde::ser::SerializeMap;
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("na", r)?;
                m.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        const EXPECTED: &str = "a score (a whole number), `na`, `{na: reason}` or `dk`";
        impl<'de> Visitor<'de> for V {
            type Value = Answer;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(EXPECTED)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Answer, E> {
                Ok(Answer::Score(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Answer, E> {
                i64::try_from(v)
                    .map(Answer::Score)
                    .map_err(|_| E::custom(format!("{v} is too large for a score")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Answer, E> {
                match v.trim().to_ascii_lowercase().as_str() {
                    "na" | "n/a" => Ok(Answer::NotApplicable { reason: None }),
                    "dk" | "don't know" | "dont know" => Ok(Answer::DontKnow),
                    _ => Err(E::custom(format!("{v:?} is not {EXPECTED}"))),
                }
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Answer, A::Error> {
                let key: Option<String> = map.next_key()?;
                match key.as_deref() {
                    Some("na") => {
                        let reason: Option<String> = map.next_value()?;
                        if map.next_key::<String>()?.is_some() {
                            return Err(de::Error::custom(format!("expected {EXPECTED}")));
                        }
                        let reason = reason.filter(|r| !r.trim().is_empty());
                        Ok(Answer::NotApplicable { reason })
                    }
                    _ => Err(de::Error::custom(format!("expected {EXPECTED}"))),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// The text at the top of every response file.
const HEADER: &str = "\
# A learnlead response. You can read and edit it by hand: an answer is a score on the
# rubric's scale, `na`, `{na: reason}` or `dk` (don't know). Turn it into a report with
# `learnlead report FILE`.
";

impl Response {
    /// A new, empty response to `rubric`, started now.
    pub fn new(rubric: &Rubric) -> Self {
        Response::stamped(RubricStamp::of(rubric))
    }

    /// A new, empty response under a stamp already made, started now. Making a stamp hashes
    /// the whole rubric: where many responses are made at once (an import), make it once.
    pub fn stamped(stamp: RubricStamp) -> Self {
        Response {
            format: FORMAT,
            rubric: stamp,
            name: None,
            community: None,
            role: None,
            started: now(),
            completed: None,
            answers: Ids::default(),
            dimensions: Ids::default(),
            scope: None,
            covers: Vec::new(),
        }
    }

    pub fn parse(text: &str) -> std::result::Result<Response, Problem> {
        let r: Response = yaml::from_str(text)?;
        if r.format != FORMAT {
            return Err(Problem::at(
                yaml::locate(text, &[yaml::Seg::from("format")]),
                format!(
                    "response format {} is not one this learnlead reads (it reads {FORMAT}); a newer learnlead may",
                    r.format
                ),
            ));
        }
        Ok(r)
    }

    /// The response as YAML, with a short header for people who open the file.
    /// A response larger than learnlead reads back ([`crate::limits::Kind::Response`]) is refused here,
    /// before it is written: what learnlead writes, it can read.
    pub fn to_yaml(&self) -> Result<String> {
        let body = yaml::to_string(self)?;
        let text = format!("{HEADER}{body}");
        let limit = input::Kind::Response.limit();
        if text.len() as u64 > limit {
            return Err(Error::ResponseTooLarge {
                limit: input::size_words(limit),
            });
        }
        Ok(text)
    }

    /// The rubric as far as this response was asked it: the dimensions a session covered, or
    /// all of `full`.
    pub fn asked_of(&self, full: &Rubric) -> Rubric {
        match self.covers.is_empty() {
            true => full.clone(),
            false => full.narrowed(&self.covers),
        }
    }

    /// The names of the dimensions of `full` this response was not asked (a session covered
    /// others).
    pub fn not_asked(&self, full: &Rubric) -> Vec<String> {
        full.dimensions()
            .filter(|(_, d)| !self.covers.is_empty() && !self.covers.contains(&d.id))
            .map(|(_, d)| d.name.clone())
            .collect()
    }

    pub fn is_complete(&self) -> bool {
        self.completed.is_some()
    }

    /// Puts answers and dimension entries in the rubric's order (a hand-edited file may not be).
    pub fn sort_like(&mut self, rubric: &Rubric) {
        let order: IndexMap<&str, usize> = rubric
            .items()
            .enumerate()
            .map(|(i, r)| (r.item.id.as_str(), i))
            .collect();
        self.answers
            .sort_by_cached_key(|k, _| order.get(k.as_str()).copied().unwrap_or(usize::MAX));
        let dims: IndexMap<&str, usize> = rubric
            .dimensions()
            .enumerate()
            .map(|(i, (_, d))| (d.id.as_str(), i))
            .collect();
        self.dimensions
            .sort_by_cached_key(|k, _| dims.get(k.as_str()).copied().unwrap_or(usize::MAX));
        self.dimensions.retain(|_, d| !d.is_empty());
    }

    /// Ids of the rubric's items that have no answer yet, in order.
    pub fn unanswered<'r>(&self, rubric: &'r Rubric) -> Vec<&'r str> {
        rubric
            .items()
            .filter(|r| rubric.asks(r.item, self.role.as_deref()))
            .filter(|r| !self.answers.contains_key(&r.item.id))
            .map(|r| r.item.id.as_str())
            .collect()
    }

    /// Everything in this response that does not fit `rubric`: another rubric's id, unknown
    /// item or dimension ids, scores off the scale. `text` is the file's text, for locations.
    pub fn problems(&self, rubric: &Rubric, text: Option<&str>) -> Vec<Problem> {
        let paths = self.problem_paths(rubric);
        if paths.is_empty() {
            return Vec::new();
        }
        let locator = text.map(yaml::Locator::new);
        paths
            .into_iter()
            .map(|(p, m)| Problem::at(locator.as_ref().and_then(|l| l.locate(&p)), m))
            .collect()
    }

    /// [`Response::problems`], each with the path to the value in the response file.
    pub fn problem_paths(&self, rubric: &Rubric) -> Vec<(Vec<yaml::Seg>, String)> {
        let mut out = self.text_problems();
        if self.rubric.id != rubric.id {
            out.push((
                path!["rubric", "id"],
                format!(
                    "this response answers the rubric `{}`, not `{}`",
                    crate::safe_text::quote(&self.rubric.id),
                    rubric.id
                ),
            ));
            return out;
        }
        let (min, max) = (rubric.scale.min, rubric.scale.max);
        for (id, answer) in &self.answers {
            let at = path!["answers", id.as_str()];
            if rubric.find_item(id).is_none() {
                out.push((
                    at,
                    format!(
                        "`{id}` is not an item of the rubric `{}`{}",
                        rubric.id,
                        crate::suggest::did_you_mean(
                            id,
                            rubric.items().map(|i| i.item.id.as_str())
                        )
                    ),
                ));
                continue;
            }
            match answer {
                Answer::Score(s) if !rubric.in_scale(*s) => out.push((
                    at,
                    format!("item `{id}`: {s} is outside the scale {min}..{max}"),
                )),
                Answer::NotApplicable { .. } if !rubric.scale.not_applicable => out.push((
                    at,
                    format!(
                        "item `{id}`: the rubric `{}` does not offer \"not applicable\"",
                        rubric.id
                    ),
                )),
                Answer::DontKnow if !rubric.scale.dont_know => out.push((
                    at,
                    format!(
                        "item `{id}`: the rubric `{}` does not offer \"don't know\"",
                        rubric.id
                    ),
                )),
                _ => {}
            }
        }
        for (id, dim) in &self.dimensions {
            if rubric.find_dimension(id).is_none() {
                out.push((
                    path!["dimensions", id.as_str()],
                    format!(
                        "`{id}` is not a dimension of the rubric `{}`{}",
                        rubric.id,
                        crate::suggest::did_you_mean(
                            id,
                            rubric.dimensions().map(|(_, d)| d.id.as_str())
                        )
                    ),
                ));
                continue;
            }
            if let Some(d) = dim.desired {
                if !rubric.in_scale(d) {
                    out.push((
                        path!["dimensions", id.as_str(), "desired"],
                        format!("dimension `{id}`: desired {d} is outside the scale {min}..{max}"),
                    ));
                }
            }
        }
        for (i, id) in self.covers.iter().enumerate() {
            if rubric.find_dimension(id).is_none() {
                out.push((
                    path!["covers", i],
                    format!(
                        "`{}` is not a dimension of the rubric `{}`",
                        crate::safe_text::quote(id),
                        rubric.id
                    ),
                ));
            }
        }
        out
    }

    /// Texts longer than a person may type ([`crate::limits::MAX_TEXT_BYTES`]), each with its path.
    /// The path and the words are made only for a text that is too long: a response read among
    /// a hundred thousand costs no allocation here.
    fn text_problems(&self) -> Vec<(Vec<yaml::Seg>, String)> {
        let mut out = Vec::new();
        let too_long =
            |t: Option<&String>| t.is_some_and(|t| t.len() > crate::limits::MAX_TEXT_BYTES);
        let mut say = |at: Vec<yaml::Seg>, what: &str, text: Option<&String>| {
            if let Some(Err(m)) = text.map(|t| input::check_text_len(what, t)) {
                out.push((at, m));
            }
        };
        for (key, what, text) in [
            ("name", "the name", self.name.as_ref()),
            ("community", "the community", self.community.as_ref()),
            ("role", "the role", self.role.as_ref()),
            ("scope", "the scope", self.scope.as_ref()),
        ] {
            if too_long(text) {
                say(path![key], what, text);
            }
        }
        for (id, answer) in &self.answers {
            if let Answer::NotApplicable { reason } = answer {
                if too_long(reason.as_ref()) {
                    let what = format!("the reason for `{}`", crate::safe_text::quote(id));
                    say(path!["answers", id.as_str()], &what, reason.as_ref());
                }
            }
        }
        for (id, dim) in &self.dimensions {
            if too_long(dim.note.as_ref()) {
                let what = format!("the note on `{}`", crate::safe_text::quote(id));
                say(
                    path!["dimensions", id.as_str(), "note"],
                    &what,
                    dim.note.as_ref(),
                );
            }
        }
        out
    }

    /// Drops answers to items, and entries for dimensions, that `rubric` does not have (it has
    /// changed since); returns the ids of the items dropped.
    pub fn fit_to(&mut self, rubric: &Rubric) -> Vec<String> {
        let gone: Vec<String> = self
            .answers
            .keys()
            .filter(|id| rubric.find_item(id).is_none())
            .cloned()
            .collect();
        self.answers.retain(|id, _| rubric.find_item(id).is_some());
        self.dimensions
            .retain(|id, _| rubric.find_dimension(id).is_some());
        gone
    }

    /// Whether the rubric has changed since this response was given.
    pub fn rubric_changed(&self, rubric: &Rubric) -> bool {
        self.rubric.hash != rubric.content_hash()
    }

    /// The name to show for this person: their name, or "anonymous".
    pub fn display_name(&self) -> &str {
        self.name
            .as_deref()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or("anonymous")
    }
}

/// The current time, RFC 3339 in UTC, to the second.
pub fn now() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

/// The date part (YYYY-MM-DD) of an RFC 3339 time; "undated" when the text does not start with
/// one (a response is someone else's file: what is not a date is never shown as one).
pub fn date_of(time: &str) -> &str {
    let date = time.get(..10).unwrap_or("");
    let b = date.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    match shaped {
        true => date,
        false => "undated",
    }
}

/// A map from ids that refuses an id given twice (YAML allows it and would keep the last).
pub(crate) fn unique_keys<'de, D, V>(d: D) -> std::result::Result<Ids<V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    d.deserialize_map(Unique(std::marker::PhantomData))
}

/// [`unique_keys`] for any map type and key: rubric labels (keyed by point) and prompts (keyed
/// by band) as well as answers.
pub(crate) fn unique_map<'de, D, M, K, V>(d: D) -> std::result::Result<M, D::Error>
where
    D: Deserializer<'de>,
    M: Default + Extend<(K, V)>,
    K: Deserialize<'de> + Eq + std::hash::Hash + Clone + fmt::Display,
    V: Deserialize<'de>,
{
    let pairs: Vec<(K, V)> = d.deserialize_map(Pairs(std::marker::PhantomData))?;
    let mut map = M::default();
    map.extend(pairs);
    Ok(map)
}

struct Unique<V>(std::marker::PhantomData<V>);

impl<'de, V: Deserialize<'de>> Visitor<'de> for Unique<V> {
    type Value = Ids<V>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping of ids")
    }
    fn visit_unit<E: de::Error>(self) -> std::result::Result<Self::Value, E> {
        Ok(Ids::default())
    }
    /// Into the map as read, each key hashed once and never copied.
    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut out = Ids::with_capacity_and_hasher(
            map.size_hint().unwrap_or(0).min(4096),
            Default::default(),
        );
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value()?;
            match out.entry(key) {
                indexmap::map::Entry::Occupied(e) => {
                    return Err(de::Error::custom(format!(
                        "`{}` is given twice; keep one of them",
                        crate::safe_text::quote(e.key())
                    )))
                }
                indexmap::map::Entry::Vacant(e) => {
                    e.insert(value);
                }
            }
        }
        Ok(out)
    }
}

/// A mapping's entries in order, refusing a key given twice.
struct Pairs<K, V>(std::marker::PhantomData<(K, V)>);

impl<'de, K, V> Visitor<'de> for Pairs<K, V>
where
    K: Deserialize<'de> + Eq + std::hash::Hash + Clone + fmt::Display,
    V: Deserialize<'de>,
{
    type Value = Vec<(K, V)>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping")
    }
    fn visit_unit<E: de::Error>(self) -> std::result::Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        while let Some(key) = map.next_key::<K>()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!(
                    "`{}` is given twice; keep one of them",
                    crate::safe_text::quote(&key.to_string())
                )));
            }
            out.push((key, map.next_value()?));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_date_is_only_ever_a_date() {
        assert_eq!(date_of("2025-09-15T09:00:00Z"), "2025-09-15");
        assert_eq!(date_of("2025-09-15"), "2025-09-15");
        assert_eq!(date_of("now"), "undated");
        assert_eq!(date_of("2025-09-1é\n\n<img src=//x/t>"), "undated");
        assert_eq!(date_of("**bold**-and-more"), "undated");
    }

    use super::*;

    fn rubric() -> Rubric {
        crate::testing::shipped("cop-functions")
    }

    #[test]
    fn round_trips_through_yaml_in_rubric_order() {
        let r = rubric();
        let mut resp = Response::new(&r);
        resp.name = Some("Ana".into());
        resp.answers.insert("support-1".into(), Answer::Score(4));
        resp.answers.insert(
            "education-1".into(),
            Answer::NotApplicable {
                reason: Some("new: no questions yet".into()),
            },
        );
        resp.answers
            .insert("education-2".into(), Answer::NotApplicable { reason: None });
        resp.dimensions.insert(
            "education".into(),
            DimensionAnswer {
                desired: Some(4),
                note: Some("line one\nline two".into()),
            },
        );
        resp.sort_like(&r);
        let text = resp.to_yaml().unwrap();
        assert!(text.starts_with("# A learnlead response."));
        let back = Response::parse(&text).unwrap();
        assert_eq!(back, resp);
        let keys: Vec<&str> = back.answers.keys().map(String::as_str).collect();
        assert_eq!(keys, ["education-1", "education-2", "support-1"]);
        assert!(text.contains("education-2: na\n"), "{text}");
        assert!(text.contains("na: 'new: no questions yet'"), "{text}");
    }

    #[test]
    fn problems_name_unknown_items_and_scores_off_the_scale() {
        let r = rubric();
        let text = "format: 1\nrubric:\n  id: cop-functions\n  version: '1.0'\n  hash: x\nstarted: now\nanswers:\n  education-1: 9\n  nope-1: 3\ndimensions:\n  education:\n    desired: 0\n";
        let resp = Response::parse(text).unwrap();
        let problems = resp.problems(&r, Some(text));
        let messages: Vec<String> = problems
            .iter()
            .map(|p| format!("{}: {}", p.location.unwrap(), p.message))
            .collect();
        assert_eq!(
            messages,
            [
                "8:3: item `education-1`: 9 is outside the scale 1..5",
                "9:3: `nope-1` is not an item of the rubric `cop-functions`",
                "12:5: dimension `education`: desired 0 is outside the scale 1..5",
            ]
        );
        assert!(resp.rubric_changed(&r));
    }

    #[test]
    fn scores_one_past_either_end_of_the_scale_are_refused() {
        let r = rubric(); // 1..5
        for (value, ok) in [(0, false), (1, true), (5, true), (6, false)] {
            let text = format!(
                "format: 1\nrubric: {{id: cop-functions, version: '1', hash: x}}\nstarted: now\nanswers:\n  education-1: {value}\ndimensions:\n  education: {{desired: {value}}}\n"
            );
            let resp = Response::parse(&text).unwrap();
            let problems = resp.problems(&r, Some(&text));
            assert_eq!(problems.is_empty(), ok, "{value}: {problems:?}");
            if !ok {
                assert_eq!(
                    problems.len(),
                    2,
                    "the answer and the desired: {problems:?}"
                );
            }
        }
    }

    #[test]
    fn a_response_for_another_rubric_is_refused() {
        let r = rubric();
        let other = crate::testing::shipped("pioneering-leaders");
        let resp = Response::new(&other);
        let problems = resp.problems(&r, None);
        assert_eq!(problems.len(), 1);
        assert!(problems[0]
            .message
            .contains("answers the rubric `pioneering-leaders`, not `cop-functions`"));
    }

    #[test]
    fn bad_answer_values_are_explained() {
        let text = "format: 1\nrubric: {id: a, version: '1', hash: x}\nstarted: now\nanswers:\n  a-1: maybe\n";
        let p = Response::parse(text).unwrap_err();
        assert!(
            p.message.contains("\"maybe\" is not a score"),
            "{}",
            p.message
        );
        assert_eq!(p.location.map(|l| l.line), Some(5));
    }

    #[test]
    fn unknown_format_is_refused() {
        let text = "format: 7\nrubric: {id: a, version: '1', hash: x}\nstarted: now\n";
        let p = Response::parse(text).unwrap_err();
        assert!(p.message.contains("response format 7"), "{}", p.message);
    }

    #[test]
    fn an_item_or_dimension_given_twice_is_refused() {
        let text = "format: 1\nrubric: {id: a, version: '1', hash: x}\nstarted: now\nanswers:\n  a-1: 3\n  a-2: 4\n  a-1: 5\n";
        let p = Response::parse(text).unwrap_err();
        assert!(p.message.contains("`a-1` is given twice"), "{}", p.message);
        let text = "format: 1\nrubric: {id: a, version: '1', hash: x}\nstarted: now\ndimensions:\n  d: {desired: 3}\n  d: {desired: 4}\n";
        let p = Response::parse(text).unwrap_err();
        assert!(p.message.contains("`d` is given twice"), "{}", p.message);
    }

    #[test]
    fn texts_over_the_limit_are_problems() {
        let r = rubric();
        let mut resp = Response::new(&r);
        resp.name = Some("x".repeat(input::MAX_TEXT_BYTES + 1));
        resp.answers.insert(
            "education-1".into(),
            Answer::NotApplicable {
                reason: Some("y".repeat(input::MAX_TEXT_BYTES + 1)),
            },
        );
        let messages: Vec<String> = resp
            .problems(&r, None)
            .into_iter()
            .map(|p| p.message)
            .collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(
            messages[0].starts_with("the name is 65 KiB long"),
            "{messages:?}"
        );
        assert!(messages[1].contains("education-1"), "{messages:?}");
    }
}

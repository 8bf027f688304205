//! A workshop session: what the group rated (the scope), which dimensions it covered, where it
//! landed on each, what it will do about it, and the session it follows on from. A small YAML
//! file beside the responses (`session.yaml`), owned by the group and kept by learnlead: every
//! field is checked as strictly as a rubric's, and each problem names its line and column.
//!
//! The earlier session is recorded *inside* this one (`previous`: its id, date, scope, agreed
//! positions and actions as they stood), never as a path: a session file may come from someone
//! else, and its contents are never used to open another file.

use crate::model::response::Ids;
use serde::{Deserialize, Serialize};

use crate::error::Problem;
use crate::model::rubric::Rubric;
use crate::path;
use crate::yaml::{self, Seg};

/// The name of a session file in a responses folder.
pub const FILE_NAME: &str = "session.yaml";

/// The version of the session file format this build writes and reads.
pub const FORMAT: u32 = 1;

/// The longest scope, in characters: one line a person reads on every question.
pub const MAX_SCOPE_CHARS: usize = 300;

/// The most actions a session holds (a workshop agrees a handful).
pub const MAX_ACTIONS: usize = 200;

/// The header written above a session, for people who open the file.
const HEADER: &str = "# A learnlead workshop session: what the group rated, where it landed and what it will do.\n# Edit it with `learnlead session`, or by hand; `learnlead session --check` says whether it is still valid.\n";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// The session file format version (also what marks the file as a session).
    pub session: u32,
    /// This session's id: lowercase letters, digits and dashes (made from the date and a
    /// random part when the session is started).
    pub id: String,
    /// The rubric the session uses, by id.
    pub rubric: String,
    /// When the session is held, YYYY-MM-DD.
    pub date: String,
    /// What is being rated, in one line: "the Makers CoP core team, over the past six months".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The dimensions the session covers, in the rubric's order; all of them when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dimensions: Vec<String>,
    /// Per dimension, where the group landed: a record of the conversation, not an average.
    #[serde(
        default,
        skip_serializing_if = "Ids::is_empty",
        deserialize_with = "crate::model::response::unique_keys"
    )]
    pub agreed: Ids<Agreed>,
    /// What the group will do.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
    /// The session this one follows on from, as it stood when this one started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Previous>,
}

/// Where the group landed on a dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreed {
    /// A point on the rubric's scale; half steps allowed (3.5).
    pub point: f64,
    /// Why, in a few lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<String>,
    /// Who did not agree, or how many, and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dissent: Option<Dissent>,
}

/// Disagreement with the agreed position. Anonymized reports show the count and the reason,
/// never `who`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dissent {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// Something the group will do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Short and unique in the session (`a1`, `a2`); kept when the action is carried over.
    pub id: String,
    pub text: String,
    /// The dimension it serves, if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// YYYY-MM-DD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<Level>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<Level>,
    #[serde(default)]
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The id of the session it was agreed in, when carried over from an earlier one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Low,
    High,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Open,
    Done,
    Dropped,
}

impl Level {
    pub fn word(self) -> &'static str {
        match self {
            Level::Low => "low",
            Level::High => "high",
        }
    }
}

impl Status {
    pub fn word(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Done => "done",
            Status::Dropped => "dropped",
        }
    }
}

/// The earlier session, as it stood when this one started.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Previous {
    pub id: String,
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Where that group landed, per dimension.
    #[serde(
        default,
        skip_serializing_if = "Ids::is_empty",
        deserialize_with = "crate::model::response::unique_keys"
    )]
    pub agreed: Ids<f64>,
    /// Its actions as they stood at its end.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
}

impl Session {
    /// A new session on `rubric`, dated `date` (YYYY-MM-DD), with a fresh id made from the date
    /// and `salt` (a few random hex digits).
    pub fn new(rubric: &Rubric, date: &str, salt: &str) -> Session {
        Session {
            session: FORMAT,
            id: format!("{date}-{salt}"),
            rubric: rubric.id.clone(),
            date: date.to_string(),
            scope: None,
            dimensions: Vec::new(),
            agreed: Ids::default(),
            actions: Vec::new(),
            previous: None,
        }
    }

    /// A session's shape, read from YAML; its contents are checked by [`Session::problems`].
    pub fn parse(text: &str) -> Result<Session, Problem> {
        let s: Session = yaml::from_str(text)?;
        if s.session != FORMAT {
            return Err(Problem::at(
                yaml::locate(text, &[Seg::from("session")]),
                format!(
                    "session format {} is not one this learnlead reads (it reads {FORMAT}); a newer learnlead may",
                    s.session
                ),
            ));
        }
        Ok(s)
    }

    /// The session as YAML, with a short header for people who open the file.
    pub fn to_yaml(&self) -> Result<String, yaml::EncodeError> {
        Ok(format!("{HEADER}{}", yaml::to_string(self)?))
    }

    /// The dimensions covered, in the rubric's order: the session's, or all.
    pub fn covered<'r>(&self, rubric: &'r Rubric) -> Vec<&'r str> {
        rubric
            .dimensions()
            .map(|(_, d)| d.id.as_str())
            .filter(|id| self.covers(id))
            .collect()
    }

    /// Whether the session covers the dimension `id`.
    pub fn covers(&self, id: &str) -> bool {
        self.dimensions.is_empty() || self.dimensions.iter().any(|d| d == id)
    }

    /// The next free action id: `a1`, `a2`, ... (ids carried over from earlier sessions kept).
    pub fn next_action_id(&self) -> String {
        // Among the first n + 1 ids, one is free.
        (1..=self.actions.len() + 1)
            .map(|n| format!("a{n}"))
            .find(|id| !self.actions.iter().any(|a| &a.id == id))
            .unwrap_or_default()
    }

    /// Starts a session that follows on from `self`: the same rubric, scope and dimensions, the
    /// open actions carried over (still open, for the group to update), and `self` recorded as
    /// it stands in `previous`.
    #[must_use]
    pub fn follow_up(&self, date: &str, salt: &str) -> Session {
        let actions = self
            .actions
            .iter()
            .filter(|a| a.status == Status::Open)
            .map(|a| Action {
                from: Some(a.from.clone().unwrap_or_else(|| self.id.clone())),
                ..a.clone()
            })
            .collect();
        Session {
            session: FORMAT,
            id: format!("{date}-{salt}"),
            rubric: self.rubric.clone(),
            date: date.to_string(),
            scope: self.scope.clone(),
            dimensions: self.dimensions.clone(),
            agreed: Ids::default(),
            actions,
            previous: Some(Previous {
                id: self.id.clone(),
                date: self.date.clone(),
                scope: self.scope.clone(),
                agreed: self
                    .agreed
                    .iter()
                    .map(|(k, a)| (k.clone(), a.point))
                    .collect(),
                actions: self.actions.clone(),
            }),
        }
    }

    /// What happened to the earlier session's actions: each as it stood then, with its status
    /// now where this session carried it over and has updated it.
    pub fn earlier_actions(&self) -> Vec<(Action, Option<&Action>)> {
        let Some(previous) = &self.previous else {
            return Vec::new();
        };
        previous
            .actions
            .iter()
            .map(|then| {
                let now = self
                    .actions
                    .iter()
                    .find(|a| a.id == then.id && a.from.is_some());
                (then.clone(), now)
            })
            .collect()
    }

    /// Everything in the session that does not fit `rubric` or itself, each with its line and
    /// column in `text` when given.
    pub fn problems(&self, rubric: &Rubric, text: Option<&str>) -> Vec<Problem> {
        let locator = text.map(yaml::Locator::new);
        self.problem_paths(rubric)
            .into_iter()
            .map(|(p, m)| Problem::at(locator.as_ref().and_then(|l| l.locate(&p)), m))
            .collect()
    }

    /// [`Session::problems`], each with the path to the value in the session file.
    pub fn problem_paths(&self, rubric: &Rubric) -> Vec<(Vec<Seg>, String)> {
        let mut out = Vec::new();
        let mut say = |path: Vec<Seg>, message: String| out.push((path, message));
        if !is_id(&self.id) {
            say(path!["id"], format!("`{}` is not a session id: use lowercase letters, digits and dashes (at most 80)", quote(&self.id)));
        }
        if self.rubric != rubric.id {
            say(
                path!["rubric"],
                format!(
                    "this session is on the rubric `{}`, not `{}`",
                    quote(&self.rubric),
                    rubric.id
                ),
            );
            return out;
        }
        if !is_date(&self.date) {
            say(path!["date"], not_a_date(&self.date));
        }
        if let Some(scope) = &self.scope {
            check_scope(scope).unwrap_or_else(|m| say(path!["scope"], m));
        }
        for (i, d) in self.dimensions.iter().enumerate() {
            if rubric.find_dimension(d).is_none() {
                say(path!["dimensions", i], unknown_dimension(rubric, d));
            } else if self.dimensions[..i].contains(d) {
                say(path!["dimensions", i], format!("`{d}` is named twice"));
            }
        }
        for (id, agreed) in &self.agreed {
            let at = |k: &str| path!["agreed", id.as_str(), k];
            if rubric.find_dimension(id).is_none() {
                say(path!["agreed", id.as_str()], unknown_dimension(rubric, id));
                continue;
            }
            if !self.covers(id) {
                say(
                    path!["agreed", id.as_str()],
                    format!("`{id}` is not one of this session's dimensions"),
                );
            }
            if let Err(m) = check_point(rubric, agreed.point) {
                say(at("point"), m);
            }
            for (key, text) in [
                ("reasoning", agreed.reasoning.as_deref()),
                (
                    "dissent",
                    agreed.dissent.as_ref().and_then(|d| d.who.as_deref()),
                ),
                (
                    "dissent",
                    agreed.dissent.as_ref().and_then(|d| d.why.as_deref()),
                ),
            ] {
                if let Some(Err(m)) = text.map(|t| check_text(key, t)) {
                    say(at(key), m);
                }
            }
        }
        if self.actions.len() > MAX_ACTIONS {
            say(
                path!["actions"],
                format!(
                    "{} actions; a session holds at most {MAX_ACTIONS}",
                    self.actions.len()
                ),
            );
        }
        for (i, a) in self.actions.iter().enumerate() {
            let earlier = &self.actions[..i];
            for (key, m) in action_problems(rubric, a, earlier) {
                say(path!["actions", i, key], m);
            }
        }
        if let Some(p) = &self.previous {
            if p.id == self.id {
                say(
                    path!["previous", "id"],
                    "`previous` names this session itself; it must be an earlier one".to_string(),
                );
            } else if !is_id(&p.id) {
                say(
                    path!["previous", "id"],
                    format!("`{}` is not a session id", quote(&p.id)),
                );
            }
            if !is_date(&p.date) {
                say(path!["previous", "date"], not_a_date(&p.date));
            } else if is_date(&self.date) && p.date > self.date {
                say(
                    path!["previous", "date"],
                    format!(
                        "the earlier session's date {} is after this one's ({})",
                        p.date, self.date
                    ),
                );
            }
            for (id, point) in &p.agreed {
                if rubric.find_dimension(id).is_none() {
                    say(
                        path!["previous", "agreed", id.as_str()],
                        unknown_dimension(rubric, id),
                    );
                } else if let Err(m) = check_point(rubric, *point) {
                    say(path!["previous", "agreed", id.as_str()], m);
                }
            }
            for (i, a) in p.actions.iter().enumerate() {
                for (key, m) in action_problems(rubric, a, &p.actions[..i]) {
                    say(path!["previous", "actions", i, key], m);
                }
            }
        }
        out
    }
}

/// What does not fit in one action (`earlier`: the actions before it, for unique ids), with
/// the key it is at.
fn action_problems(rubric: &Rubric, a: &Action, earlier: &[Action]) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if !is_id(&a.id) {
        out.push((
            "id",
            format!(
                "`{}` is not an action id: use lowercase letters, digits and dashes",
                quote(&a.id)
            ),
        ));
    } else if earlier.iter().any(|e| e.id == a.id) {
        out.push(("id", format!("the action id `{}` is used twice", a.id)));
    }
    if a.text.trim().is_empty() {
        out.push((
            "text",
            "an action needs a text: what will be done".to_string(),
        ));
    }
    for (key, text) in [
        ("text", Some(a.text.as_str())),
        ("owner", a.owner.as_deref()),
        ("note", a.note.as_deref()),
    ] {
        if let Some(Err(m)) = text.map(|t| check_text(key, t)) {
            out.push((key, m));
        }
    }
    if let Some(d) = &a.dimension {
        if rubric.find_dimension(d).is_none() {
            out.push(("dimension", unknown_dimension(rubric, d)));
        }
    }
    if let Some(due) = &a.due {
        if !is_date(due) {
            out.push(("due", not_a_date(due)));
        }
    }
    if let Some(from) = &a.from {
        if !is_id(from) {
            out.push(("from", format!("`{}` is not a session id", quote(from))));
        }
    }
    out
}

/// Checks a scope: one line, at most [`MAX_SCOPE_CHARS`] characters.
pub fn check_scope(scope: &str) -> Result<(), String> {
    if scope.contains(['\n', '\r']) {
        return Err("the scope is one line: what is being rated, and over what time".into());
    }
    if scope.chars().count() > MAX_SCOPE_CHARS {
        return Err(format!(
            "the scope is {} characters long; keep it to one line of at most {MAX_SCOPE_CHARS}",
            scope.chars().count()
        ));
    }
    Ok(())
}

/// Checks an agreed point: on `rubric`'s scale, in whole or half steps.
pub fn check_point(rubric: &Rubric, point: f64) -> Result<(), String> {
    let (min, max) = (rubric.scale.min as f64, rubric.scale.max as f64);
    if !point.is_finite() || point < min || point > max {
        return Err(format!(
            "{point} is off the scale; an agreed point lies from {min} to {max}"
        ));
    }
    if (point * 2.0).fract() != 0.0 {
        return Err(format!(
            "{point} is between points; an agreed point is a whole or half step (3 or 3.5)"
        ));
    }
    Ok(())
}

fn check_text(key: &str, text: &str) -> Result<(), String> {
    crate::limits::check_text_len(&format!("the {key}"), text)
}

/// Whether `s` is an id: 1 to 80 lowercase letters, digits and dashes.
pub fn is_id(s: &str) -> bool {
    (1..=80).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether `s` is a calendar date, YYYY-MM-DD (2027-02-30 is not).
pub fn is_date(s: &str) -> bool {
    s.len() == 10
        && crate::model::response::date_of(s) == s
        && humantime::parse_rfc3339(&format!("{s}T00:00:00Z")).is_ok()
}

fn not_a_date(s: &str) -> String {
    format!(
        "`{}` is not a date; write it as YYYY-MM-DD (2027-01-31)",
        quote(s)
    )
}

fn unknown_dimension(rubric: &Rubric, id: &str) -> String {
    let ids: Vec<&str> = rubric.dimensions().map(|(_, d)| d.id.as_str()).collect();
    let hint = crate::suggest::did_you_mean(id, ids.iter().copied());
    format!(
        "`{}` is not a dimension of the rubric `{}`{hint}",
        quote(id),
        rubric.id
    )
}

fn quote(s: &str) -> String {
    crate::safe_text::quote(s)
}

/// `ids` (from `--only`) as the rubric's dimension ids, in the rubric's order; an error naming
/// what is not a dimension.
pub fn parse_only(rubric: &Rubric, ids: &[String]) -> Result<Vec<String>, String> {
    let mut wanted = Vec::new();
    for id in ids.iter().flat_map(|s| s.split(',')).map(str::trim) {
        if id.is_empty() {
            continue;
        }
        if rubric.find_dimension(id).is_none() {
            return Err(unknown_dimension(rubric, id));
        }
        wanted.push(id);
    }
    if wanted.is_empty() {
        return Err("--only names no dimension".to_string());
    }
    Ok(rubric
        .dimensions()
        .map(|(_, d)| d.id.clone())
        .filter(|d| wanted.contains(&d.as_str()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::assets;

    fn rubric() -> Rubric {
        Rubric::parse(assets::shipped_rubric("wenger-trayner").unwrap().text).unwrap()
    }

    fn dims(r: &Rubric) -> Vec<String> {
        r.dimensions().map(|(_, d)| d.id.clone()).collect()
    }

    fn session(r: &Rubric) -> Session {
        let d = dims(r);
        let mut s = Session::new(r, "2026-12-04", "3f9a");
        s.scope = Some("the core team, over the past six months".into());
        s.dimensions = vec![d[0].clone(), d[1].clone()];
        s.agreed.insert(
            d[0].clone(),
            Agreed {
                point: 3.5,
                reasoning: Some("We meet, but rarely decide.".into()),
                dissent: Some(Dissent {
                    count: Some(2),
                    who: None,
                    why: Some("they see it lower".into()),
                }),
            },
        );
        s.actions.push(Action {
            id: "a1".into(),
            text: "Ask members what they need".into(),
            dimension: Some(d[0].clone()),
            owner: Some("Ana".into()),
            due: Some("2027-01-31".into()),
            effort: Some(Level::Low),
            impact: Some(Level::High),
            status: Status::Open,
            note: None,
            from: None,
        });
        s
    }

    #[test]
    fn a_session_reads_back_as_written_and_has_no_problems() {
        let r = rubric();
        let s = session(&r);
        let text = s.to_yaml().unwrap();
        assert!(text.starts_with("# A learnlead workshop session"));
        let back = Session::parse(&text).unwrap();
        assert_eq!(back, s);
        assert!(back.problems(&r, Some(&text)).is_empty());
        assert_eq!(back.covered(&r).len(), 2);
    }

    #[test]
    fn each_bad_value_is_one_problem_at_its_line() {
        let r = rubric();
        let d = dims(&r);
        let text = format!(
            "session: 1\nid: s1\nrubric: {rid}\ndate: 2026-12-04\ndimensions: [{d0}, nonsense]\nagreed:\n  {d0}:\n    point: 9\nactions:\n- id: a1\n  text: ''\n  due: next week\nprevious:\n  id: s1\n  date: 2026-01-01\n",
            rid = r.id,
            d0 = d[0]
        );
        let s = Session::parse(&text).unwrap();
        let problems = s.problems(&r, Some(&text));
        let said: Vec<String> = problems
            .iter()
            .map(|p| {
                format!(
                    "{}: {}",
                    p.location.map(|l| l.to_string()).unwrap_or_default(),
                    p.message
                )
            })
            .collect();
        assert_eq!(said.len(), 5, "{said:#?}");
        assert!(
            said[0].contains("5:") && said[0].contains("`nonsense` is not a dimension"),
            "{said:#?}"
        );
        assert!(
            said[1].contains("8:") && said[1].contains("9 is off the scale"),
            "{said:#?}"
        );
        assert!(
            said[2].contains("11:") && said[2].contains("needs a text"),
            "{said:#?}"
        );
        assert!(
            said[3].contains("12:") && said[3].contains("`next week` is not a date"),
            "{said:#?}"
        );
        assert!(
            said[4].contains("14:") && said[4].contains("names this session itself"),
            "{said:#?}"
        );
    }

    #[test]
    fn points_are_whole_or_half_steps_on_the_scale() {
        let r = rubric();
        let (min, max) = (r.scale.min as f64, r.scale.max as f64);
        assert!(check_point(&r, min).is_ok());
        assert!(check_point(&r, max).is_ok());
        assert!(check_point(&r, min + 0.5).is_ok());
        assert!(check_point(&r, min + 0.25)
            .unwrap_err()
            .contains("between points"));
        assert!(check_point(&r, max + 0.5)
            .unwrap_err()
            .contains("off the scale"));
        assert!(check_point(&r, f64::NAN).is_err());
    }

    #[test]
    fn dates_are_calendar_dates() {
        assert!(is_date("2027-01-31"));
        assert!(is_date("2028-02-29"));
        assert!(!is_date("2027-02-30"));
        assert!(!is_date("2027-1-31"));
        assert!(!is_date("31/01/2027"));
        assert!(!is_date("2027-01-31T00:00:00Z"));
    }

    #[test]
    fn a_follow_up_carries_the_open_actions_and_records_the_earlier_session() {
        let r = rubric();
        let mut s = session(&r);
        let mut done = s.actions[0].clone();
        done.id = "a2".into();
        done.status = Status::Done;
        s.actions.push(done);
        let next = s.follow_up("2027-03-01", "77aa");
        assert_eq!(next.id, "2027-03-01-77aa");
        assert_eq!(next.actions.len(), 1, "only the open action is carried");
        assert_eq!(next.actions[0].from.as_deref(), Some(s.id.as_str()));
        let p = next.previous.as_ref().unwrap();
        assert_eq!(p.id, s.id);
        assert_eq!(p.actions.len(), 2);
        assert_eq!(p.agreed.values().copied().collect::<Vec<_>>(), vec![3.5]);
        assert!(next.problems(&r, None).is_empty());

        let mut updated = next.clone();
        updated.actions[0].status = Status::Done;
        updated.actions[0].note = Some("asked at the March call".into());
        let happened = updated.earlier_actions();
        assert_eq!(happened.len(), 2);
        assert_eq!(happened[0].1.map(|a| a.status), Some(Status::Done));
        assert_eq!(happened[1].0.status, Status::Done);
        assert!(happened[1].1.is_none(), "a2 was done then, not carried");
        assert_eq!(updated.next_action_id(), "a2");
    }

    #[test]
    fn only_takes_ids_in_the_rubrics_order_and_names_a_stranger() {
        let r = rubric();
        let d = dims(&r);
        let only = parse_only(&r, &[format!("{},{}", d[2], d[0])]).unwrap();
        assert_eq!(only, vec![d[0].clone(), d[2].clone()]);
        let err = parse_only(&r, &["nope".into()]).unwrap_err();
        assert!(err.contains("`nope` is not a dimension"), "{err}");
        assert!(parse_only(&r, &[",".into()]).is_err());
    }

    #[test]
    fn the_scope_is_one_line() {
        assert!(check_scope("the core team").is_ok());
        assert!(check_scope("two\nlines").is_err());
        assert!(check_scope(&"x".repeat(MAX_SCOPE_CHARS + 1)).is_err());
    }
}

//! The workshop session, live: which dimensions are open to answer and which are revealed,
//! how many have answered each, each phone's response this run, and the facilitator's changes
//! to the session (checked like a session file, then saved to it at once).

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use crate::model::response::{Answer, Response};
use crate::model::rubric::Rubric;
use crate::model::session::{self, Action, Agreed, Dissent, Level, Session, Status};

/// The most phones whose response files are remembered (a bound on the map).
const MAX_PHONES: usize = 10_000;

pub(super) struct Live {
    pub(super) session: Session,
    pub(super) path: PathBuf,
    /// Whether the session file is written yet (a room with no scope and nothing recorded
    /// leaves none).
    pub(super) on_disk: bool,
    /// The dimensions open to answer, in the rubric's order.
    pub(super) open: Vec<String>,
    /// Per revealed dimension: how many had answered it when it was revealed.
    pub(super) revealed: BTreeMap<String, usize>,
    /// Per dimension: how many responses answer some of its statements.
    pub(super) answered: BTreeMap<String, usize>,
    /// Each phone's response file this run (by its cookie).
    pub(super) phones: HashMap<String, PathBuf>,
}

/// What a change from the console leads to: the console again (at an anchor), or a page.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Next {
    Console(String),
    Reveal(String),
}

impl Live {
    /// The session as the room starts: every covered dimension open, none revealed, the
    /// answers in `responses` counted.
    pub(super) fn start(
        session: Session,
        path: PathBuf,
        on_disk: bool,
        rubric: &Rubric,
        responses: &[Response],
    ) -> Live {
        let open = session
            .covered(rubric)
            .iter()
            .map(|d| (*d).to_string())
            .collect();
        let mut answered = BTreeMap::new();
        for r in responses {
            for d in answered_dimensions(rubric, r) {
                *answered.entry(d).or_insert(0) += 1;
            }
        }
        Live {
            session,
            path,
            on_disk,
            open,
            revealed: BTreeMap::new(),
            answered,
            phones: HashMap::new(),
        }
    }

    /// Counts a new response's dimensions (or, for a phone's next answer, the ones it adds).
    pub(super) fn count(&mut self, dims: &[String]) {
        for d in dims {
            *self.answered.entry(d.clone()).or_insert(0) += 1;
        }
    }

    /// Remembers which file is a phone's.
    pub(super) fn remember(&mut self, phone: &str, file: PathBuf) {
        if self.phones.len() < MAX_PHONES || self.phones.contains_key(phone) {
            self.phones.insert(phone.to_string(), file);
        }
    }

    /// Applies a change the console posted; what to show next, or what is wrong, in words.
    /// Nothing is changed when the change is refused.
    pub(super) fn apply(
        &mut self,
        rubric: &Rubric,
        fields: &[(String, String)],
    ) -> Result<Next, String> {
        let get = |k: &str| {
            fields
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.trim())
                .filter(|v| !v.is_empty())
        };
        let covered: Vec<String> = self
            .session
            .covered(rubric)
            .iter()
            .map(|d| (*d).to_string())
            .collect();
        let dim = || -> Result<String, String> {
            let d = get("dim").ok_or("no dimension was named")?;
            covered.iter().find(|c| *c == d).cloned().ok_or_else(|| {
                format!(
                    "`{}` is not a dimension of this session",
                    crate::safe_text::quote(d)
                )
            })
        };
        let mut next = self.session.clone();
        let result = match get("do").unwrap_or_default() {
            "open" => {
                let d = dim()?;
                if !self.open.contains(&d) {
                    self.open.push(d.clone());
                    self.open
                        .sort_by_key(|x| covered.iter().position(|c| c == x));
                }
                return Ok(Next::Console(format!("dim-{d}")));
            }
            "close" => {
                let d = dim()?;
                self.open.retain(|o| *o != d);
                return Ok(Next::Console(format!("dim-{d}")));
            }
            "open-all" => {
                self.open.clone_from(&covered);
                return Ok(Next::Console("session".into()));
            }
            "close-all" => {
                self.open.clear();
                return Ok(Next::Console("session".into()));
            }
            "reveal" => {
                let d = dim()?;
                let n = self.answered.get(&d).copied().unwrap_or(0);
                self.revealed.insert(d.clone(), n);
                return Ok(Next::Reveal(d));
            }
            "landed" => {
                let d = dim()?;
                let point: f64 = get("point")
                    .ok_or("choose where the group landed")?
                    .parse()
                    .map_err(|_| "the point is not a number".to_string())?;
                session::check_point(rubric, point)?;
                let count = match get("dissent_count") {
                    Some(c) => Some(c.parse::<u32>().map_err(|_| {
                        format!("`{}` is not a number of people", crate::safe_text::quote(c))
                    })?),
                    None => None,
                };
                let (who, why) = (
                    get("dissent_who").map(String::from),
                    get("dissent_why").map(String::from),
                );
                let dissent = (count.is_some() || who.is_some() || why.is_some())
                    .then_some(Dissent { count, who, why });
                next.agreed.insert(
                    d.clone(),
                    Agreed {
                        point,
                        reasoning: get("reasoning").map(String::from),
                        dissent,
                    },
                );
                format!("dim-{d}")
            }
            "action" => {
                let level = |k: &str| match get(k) {
                    Some("low") => Ok(Some(Level::Low)),
                    Some("high") => Ok(Some(Level::High)),
                    None => Ok(None),
                    Some(other) => Err(format!(
                        "`{}` is not low or high",
                        crate::safe_text::quote(other)
                    )),
                };
                let dimension = match get("dimension") {
                    Some(_) => Some(dim_named(&covered, get("dimension"))?),
                    None => None,
                };
                next.actions.push(Action {
                    id: next.next_action_id(),
                    text: get("text")
                        .ok_or("an action needs a text: what will be done")?
                        .to_string(),
                    dimension,
                    owner: get("owner").map(String::from),
                    due: get("due").map(String::from),
                    effort: level("effort")?,
                    impact: level("impact")?,
                    status: Status::Open,
                    note: None,
                    from: None,
                });
                "actions".into()
            }
            "status" => {
                let id = get("id").ok_or("no action was named")?;
                let a = next
                    .actions
                    .iter_mut()
                    .find(|a| a.id == id)
                    .ok_or_else(|| {
                        format!("there is no action `{}`", crate::safe_text::quote(id))
                    })?;
                a.status = match get("status") {
                    Some("open") => Status::Open,
                    Some("done") => Status::Done,
                    Some("dropped") => Status::Dropped,
                    _ => return Err("the status is open, done or dropped".into()),
                };
                a.note = get("note").map(String::from);
                "actions".into()
            }
            "scope" => {
                let scope = get("scope").map(String::from);
                if let Some(s) = &scope {
                    session::check_scope(s)?;
                }
                next.scope = scope;
                "session".into()
            }
            _ => return Err("that is not a change the console makes".into()),
        };
        let problems = next.problems(rubric, None);
        if let Some(p) = problems.first() {
            return Err(p.message.clone());
        }
        self.session = next;
        Ok(Next::Console(result))
    }
}

fn dim_named(covered: &[String], given: Option<&str>) -> Result<String, String> {
    let d = given.unwrap_or_default();
    covered.iter().find(|c| *c == d).cloned().ok_or_else(|| {
        format!(
            "`{}` is not a dimension of this session",
            crate::safe_text::quote(d)
        )
    })
}

/// The dimensions of `rubric` in which `r` answers some statement (a point, not applicable or
/// don't know).
pub(super) fn answered_dimensions(rubric: &Rubric, r: &Response) -> Vec<String> {
    rubric
        .dimensions()
        .filter(|(_, d)| d.items.iter().any(|i| r.answers.contains_key(&i.id)))
        .map(|(_, d)| d.id.clone())
        .collect()
}

/// `earlier` with what `later` adds: answers to statements it had not answered (a phone's
/// first answer to a statement stands), wanted positions and notes it had not given.
pub(super) fn merge(mut earlier: Response, later: Response) -> Response {
    for (id, a) in later.answers {
        earlier.answers.entry(id).or_insert(a);
    }
    for (id, d) in later.dimensions {
        let e = earlier.dimensions.entry(id).or_default();
        e.desired = e.desired.or(d.desired);
        if e.note.is_none() {
            e.note = d.note;
        }
    }
    earlier
}

/// Whether `r` answers every statement of the dimensions `covered` that is asked of it.
pub(super) fn answers_all(rubric: &Rubric, r: &Response, covered: &[&str]) -> bool {
    rubric
        .items()
        .filter(|i| covered.contains(&i.dimension.id.as_str()))
        .filter(|i| rubric.asks(i.item, r.role.as_deref()))
        .all(|i| {
            matches!(
                r.answers.get(&i.item.id),
                Some(Answer::Score(_) | Answer::NotApplicable { .. } | Answer::DontKnow)
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rubric() -> Rubric {
        Rubric::parse(
            crate::io::assets::shipped_rubric("wenger-trayner")
                .unwrap()
                .text,
        )
        .unwrap()
    }

    fn live() -> Live {
        let r = rubric();
        let mut s = Session::new(&r, "2026-12-04", "ab12");
        s.dimensions = vec!["relevance".into(), "voices".into(), "power".into()];
        Live::start(s, PathBuf::from("session.yaml"), false, &r, &[])
    }

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect()
    }

    #[test]
    fn the_console_opens_closes_and_reveals_one_dimension_at_a_time() {
        let r = rubric();
        let mut l = live();
        assert_eq!(
            l.open,
            ["relevance", "voices", "power"],
            "all open at the start"
        );
        l.apply(&r, &fields(&[("do", "close-all")])).unwrap();
        assert!(l.open.is_empty());
        l.apply(&r, &fields(&[("do", "open"), ("dim", "power")]))
            .unwrap();
        l.apply(&r, &fields(&[("do", "open"), ("dim", "relevance")]))
            .unwrap();
        assert_eq!(l.open, ["relevance", "power"], "in the rubric's order");
        l.count(&["power".into(), "power".into()]);
        assert_eq!(
            l.apply(&r, &fields(&[("do", "reveal"), ("dim", "power")])),
            Ok(Next::Reveal("power".into()))
        );
        assert_eq!(l.revealed["power"], 2);
        let err = l
            .apply(&r, &fields(&[("do", "open"), ("dim", "scale")]))
            .unwrap_err();
        assert!(err.contains("not a dimension of this session"), "{err}");
    }

    #[test]
    fn a_landing_an_action_and_its_status_are_checked_then_recorded() {
        let r = rubric();
        let mut l = live();
        let err = l
            .apply(
                &r,
                &fields(&[("do", "landed"), ("dim", "voices"), ("point", "3.25")]),
            )
            .unwrap_err();
        assert!(err.contains("between points"), "{err}");
        assert!(l.session.agreed.is_empty(), "nothing recorded on a refusal");
        l.apply(
            &r,
            &fields(&[
                ("do", "landed"),
                ("dim", "voices"),
                ("point", "3.5"),
                ("reasoning", "newcomers less"),
                ("dissent_count", "2"),
            ]),
        )
        .unwrap();
        assert_eq!(l.session.agreed["voices"].point, 3.5);
        assert_eq!(
            l.session.agreed["voices"].dissent.as_ref().unwrap().count,
            Some(2)
        );
        let err = l
            .apply(
                &r,
                &fields(&[("do", "action"), ("text", "x"), ("due", "soon")]),
            )
            .unwrap_err();
        assert!(err.contains("not a date"), "{err}");
        assert!(l
            .apply(&r, &fields(&[("do", "action"), ("text", "")]))
            .is_err());
        l.apply(
            &r,
            &fields(&[
                ("do", "action"),
                ("text", "Pair newcomers"),
                ("dimension", "voices"),
                ("effort", "low"),
                ("impact", "high"),
                ("due", "2027-01-31"),
            ]),
        )
        .unwrap();
        l.apply(
            &r,
            &fields(&[
                ("do", "status"),
                ("id", "a1"),
                ("status", "done"),
                ("note", "four pairs"),
            ]),
        )
        .unwrap();
        let a = &l.session.actions[0];
        assert_eq!(
            (a.id.as_str(), a.status, a.note.as_deref()),
            ("a1", Status::Done, Some("four pairs"))
        );
        assert!(l
            .apply(&r, &fields(&[("do", "delete-everything")]))
            .is_err());
    }

    #[test]
    fn a_phones_next_answer_adds_to_its_first_and_never_changes_it() {
        let r = rubric();
        let mut first = Response::new(&r);
        first.name = Some("Ana".into());
        first.answers.insert("a".into(), Answer::Score(2));
        let mut later = Response::new(&r);
        later.name = Some("Someone else".into());
        later.answers.insert("a".into(), Answer::Score(5));
        later.answers.insert("b".into(), Answer::DontKnow);
        let merged = merge(first, later);
        assert_eq!(merged.name.as_deref(), Some("Ana"));
        assert_eq!(merged.answers["a"], Answer::Score(2));
        assert_eq!(merged.answers["b"], Answer::DontKnow);
    }
}

//! The session in a report: what was rated, the dimensions covered and those left out, where
//! the group landed beside the answers it came from, its actions (a table and an effort/impact
//! grid), and what happened to the earlier session's actions.

use serde::Serialize;

use crate::model::rubric::Rubric;
use crate::model::session::{Action, Level, Session, Status};
use crate::present::format::fmt_score;
use crate::present::view::GroupReport;

#[derive(Debug, Clone, Serialize)]
pub struct SessionView {
    /// The session's id and date, when there is a session file.
    pub id: Option<String>,
    pub date: Option<String>,
    /// What was rated, in one line.
    pub scope: Option<String>,
    /// The dimensions covered, by name, in the rubric's order.
    pub covered: Vec<String>,
    /// The dimensions this session did not assess, by name.
    pub not_assessed: Vec<String>,
    /// Where the group landed, per dimension, in the rubric's order.
    pub landed: Vec<Landed>,
    pub actions: Vec<ActionView>,
    /// The actions on an effort/impact grid: four quadrants, and the actions not placed.
    pub grid: Option<Grid>,
    /// What happened since the earlier session.
    pub followup: Option<FollowUp>,
}

/// Where the group landed on a dimension.
#[derive(Debug, Clone, Serialize)]
pub struct Landed {
    pub id: String,
    pub name: String,
    pub point: f64,
    /// The group's mean, where there are answers.
    pub mean: Option<f64>,
    /// "0.4 above the group's mean of 3.1": how far the agreed point sits from the mean.
    pub from_mean: Option<String>,
    /// The scored answers to the dimension's statements, per point of the scale, lowest first.
    pub counts: Option<Vec<usize>>,
    pub reasoning: Option<String>,
    /// "2 did not agree (Bo, Cy): they see newcomers left out"; who only when not anonymized.
    pub dissent: Option<String>,
    /// Where the earlier session landed, if it did.
    pub before: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    pub id: String,
    pub text: String,
    pub dimension: Option<String>,
    /// Left out of anonymized reports.
    pub owner: Option<String>,
    pub due: Option<String>,
    pub effort: Option<&'static str>,
    pub impact: Option<&'static str>,
    pub status: &'static str,
    pub note: Option<String>,
    /// Carried over from an earlier session.
    pub carried: bool,
}

/// The effort/impact grid: quadrants in reading order (high impact first).
#[derive(Debug, Clone, Serialize)]
pub struct Grid {
    pub quadrants: Vec<Quadrant>,
    /// Actions without an effort or an impact, by id.
    pub unplaced: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Quadrant {
    pub effort: &'static str,
    pub impact: &'static str,
    /// "Quick wins", "Major projects", "Small tasks", "Reconsider".
    pub title: &'static str,
    /// The actions placed here, by id.
    pub actions: Vec<String>,
}

/// The earlier session, and what became of it.
#[derive(Debug, Clone, Serialize)]
pub struct FollowUp {
    pub date: String,
    pub scope: Option<String>,
    pub actions: Vec<EarlierAction>,
    /// Where the group landed then and now, per dimension landed on both times.
    pub moved: Vec<Moved>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EarlierAction {
    pub text: String,
    pub owner: Option<String>,
    pub due: Option<String>,
    /// Its status at the end of the earlier session.
    pub then: &'static str,
    /// Its status now (the same when it was not carried over).
    pub status: &'static str,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Moved {
    pub name: String,
    pub then: f64,
    pub now: f64,
}

/// What a report covers: the session file (if any), the scope and the dimensions (all when
/// empty), as the command found them.
#[derive(Debug, Clone, Copy)]
pub struct Coverage<'a> {
    pub session: Option<&'a Session>,
    pub scope: Option<&'a str>,
    pub dimensions: &'a [String],
}

/// The session part of a group report: from the scope (and its session file, if any), with
/// the group's answers from `report`; `earlier` is the baseline round's session, for the
/// follow-up when this session does not record its previous one. `None` when there is no
/// session and no scope or dimensions were given.
pub fn scoped_view(
    full: &Rubric,
    scope: &Coverage<'_>,
    earlier: Option<&Session>,
    report: &GroupReport,
    anonymize: bool,
) -> Option<SessionView> {
    let session = scope.session;
    if session.is_none()
        && earlier.is_none()
        && scope.scope.is_none()
        && scope.dimensions.is_empty()
    {
        return None;
    }
    let mut view = match session {
        Some(s) => session_view(full, s, anonymize),
        None => SessionView {
            id: None,
            date: None,
            scope: None,
            covered: Vec::new(),
            not_assessed: Vec::new(),
            landed: Vec::new(),
            actions: Vec::new(),
            grid: None,
            followup: None,
        },
    };
    view.scope = scope.scope.map(str::to_string);
    view.covered = covered_names(full, scope.dimensions);
    view.not_assessed = full
        .dimensions()
        .filter(|(_, d)| !scope.dimensions.is_empty() && !scope.dimensions.contains(&d.id))
        .map(|(_, d)| d.name.clone())
        .collect();
    for l in &mut view.landed {
        beside_answers(l, full, report);
    }
    if view.followup.is_none() {
        if let (Some(then), now) = (earlier, session) {
            view.followup = Some(follow_up_from(full, then, now, anonymize));
        }
    }
    Some(view)
}

/// The session file as a report shows it (without the group's answers).
pub fn session_view(rubric: &Rubric, s: &Session, anonymize: bool) -> SessionView {
    let name = |id: &str| {
        rubric
            .find_dimension(id)
            .map_or_else(|| id.to_string(), |(_, d)| d.name.clone())
    };
    let before = |id: &str| s.previous.as_ref().and_then(|p| p.agreed.get(id).copied());
    let landed = rubric
        .dimensions()
        .filter_map(|(_, d)| s.agreed.get(&d.id).map(|a| (d, a)))
        .map(|(d, a)| Landed {
            id: d.id.clone(),
            name: d.name.clone(),
            point: a.point,
            mean: None,
            from_mean: None,
            counts: None,
            reasoning: a.reasoning.clone(),
            dissent: a.dissent.as_ref().and_then(|x| dissent_words(x, anonymize)),
            before: before(&d.id),
        })
        .collect();
    let actions: Vec<ActionView> = s
        .actions
        .iter()
        .map(|a| action_view(a, &name, anonymize))
        .collect();
    let grid = (!s.actions.is_empty()).then(|| grid(&s.actions));
    let followup = s
        .previous
        .is_some()
        .then(|| follow_up_from(rubric, &previous_as_session(s), Some(s), anonymize));
    SessionView {
        id: Some(s.id.clone()),
        date: Some(s.date.clone()),
        scope: s.scope.clone(),
        covered: covered_names(rubric, &s.dimensions),
        not_assessed: rubric
            .dimensions()
            .filter(|(_, d)| !s.covers(&d.id))
            .map(|(_, d)| d.name.clone())
            .collect(),
        landed,
        actions,
        grid,
        followup,
    }
}

fn covered_names(rubric: &Rubric, ids: &[String]) -> Vec<String> {
    rubric
        .dimensions()
        .filter(|(_, d)| ids.is_empty() || ids.contains(&d.id))
        .map(|(_, d)| d.name.clone())
        .collect()
}

/// The earlier session as `s` recorded it in `previous`.
fn previous_as_session(s: &Session) -> Session {
    let p = s
        .previous
        .clone()
        .unwrap_or_else(|| crate::model::session::Previous {
            id: String::new(),
            date: String::new(),
            scope: None,
            agreed: Default::default(),
            actions: Vec::new(),
        });
    Session {
        id: p.id,
        date: p.date,
        scope: p.scope,
        agreed: p
            .agreed
            .into_iter()
            .map(|(k, point)| {
                (
                    k,
                    crate::model::session::Agreed {
                        point,
                        reasoning: None,
                        dissent: None,
                    },
                )
            })
            .collect(),
        actions: p.actions,
        previous: None,
        ..s.clone()
    }
}

/// What happened to `then`'s actions (their status now, where `now` carried them over), and
/// how the agreed positions moved.
fn follow_up_from(
    rubric: &Rubric,
    then: &Session,
    now: Option<&Session>,
    anonymize: bool,
) -> FollowUp {
    let actions = then
        .actions
        .iter()
        .map(|a| {
            let carried = now.and_then(|n| {
                n.actions
                    .iter()
                    .find(|c| c.id == a.id && c.from.as_deref() == Some(then.id.as_str()))
            });
            let latest = carried.unwrap_or(a);
            EarlierAction {
                text: a.text.clone(),
                owner: a.owner.clone().filter(|_| !anonymize),
                due: a.due.clone(),
                then: a.status.word(),
                status: latest.status.word(),
                note: latest.note.clone(),
            }
        })
        .collect();
    let moved = rubric
        .dimensions()
        .filter_map(|(_, d)| {
            let was = then.agreed.get(&d.id)?.point;
            let is = now?.agreed.get(&d.id)?.point;
            Some(Moved {
                name: d.name.clone(),
                then: was,
                now: is,
            })
        })
        .collect();
    FollowUp {
        date: then.date.clone(),
        scope: then.scope.clone(),
        actions,
        moved,
    }
}

fn action_view(a: &Action, name: &dyn Fn(&str) -> String, anonymize: bool) -> ActionView {
    ActionView {
        id: a.id.clone(),
        text: a.text.clone(),
        dimension: a.dimension.as_deref().map(name),
        owner: a.owner.clone().filter(|_| !anonymize),
        due: a.due.clone(),
        effort: a.effort.map(Level::word),
        impact: a.impact.map(Level::word),
        status: a.status.word(),
        note: a.note.clone(),
        carried: a.from.is_some(),
    }
}

/// The actions still open or done (not dropped) on the effort/impact grid.
fn grid(actions: &[Action]) -> Grid {
    let kinds = [
        (Level::Low, Level::High, "Quick wins"),
        (Level::High, Level::High, "Major projects"),
        (Level::Low, Level::Low, "Small tasks"),
        (Level::High, Level::Low, "Reconsider"),
    ];
    let live = actions.iter().filter(|a| a.status != Status::Dropped);
    let quadrants = kinds
        .iter()
        .map(|&(effort, impact, title)| Quadrant {
            effort: effort.word(),
            impact: impact.word(),
            title,
            actions: live
                .clone()
                .filter(|a| a.effort == Some(effort) && a.impact == Some(impact))
                .map(|a| a.id.clone())
                .collect(),
        })
        .collect();
    Grid {
        quadrants,
        unplaced: live
            .filter(|a| a.effort.is_none() || a.impact.is_none())
            .map(|a| a.id.clone())
            .collect(),
    }
}

/// Dissent in words; `None` when nothing is said.
fn dissent_words(d: &crate::model::session::Dissent, anonymize: bool) -> Option<String> {
    let who = d.who.as_deref().filter(|_| !anonymize);
    let head = match (d.count, who) {
        (Some(1), Some(w)) => format!("1 did not agree ({w})"),
        (Some(n), Some(w)) => format!("{n} did not agree ({w})"),
        (Some(1), None) => "1 did not agree".to_string(),
        (Some(n), None) => format!("{n} did not agree"),
        (None, Some(w)) => format!("Did not agree: {w}"),
        (None, None) if d.why.is_some() => "Some did not agree".to_string(),
        (None, None) => return None,
    };
    Some(match &d.why {
        Some(why) => format!("{head}: {why}"),
        None => head,
    })
}

/// Puts the group's answers beside where it landed: its mean, how far the point sits from it,
/// and the scored answers per point.
fn beside_answers(l: &mut Landed, rubric: &Rubric, report: &GroupReport) {
    let c = &report.comparison;
    let Some(d) = c.dimensions.iter().find(|d| d.id == l.id) else {
        return;
    };
    l.mean = d.stats.mean;
    l.from_mean = d.stats.mean.map(|m| {
        let gap = crate::analysis::score::round2(l.point - m);
        let mean = fmt_score(Some(m));
        match gap {
            g if g.abs() < 0.005 => format!("at the group's mean of {mean}"),
            g if g > 0.0 => format!("{} above the group's mean of {mean}", fmt_score(Some(g))),
            g => format!("{} below the group's mean of {mean}", fmt_score(Some(-g))),
        }
    });
    let points = (rubric.scale.max - rubric.scale.min + 1) as usize;
    let mut counts = vec![0usize; points];
    let mut any = false;
    // Statements name their dimension by its name.
    for item in c.items.iter().filter(|i| i.dimension == d.name) {
        let Some(given) = &item.stats.counts else {
            continue;
        };
        any = true;
        for (k, n) in given.iter().enumerate().take(points) {
            let at = if item.reverse { points - 1 - k } else { k };
            counts[at] += n;
        }
    }
    l.counts = any.then_some(counts);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::session::{Agreed, Dissent};

    fn rubric() -> Rubric {
        Rubric::parse(
            crate::io::assets::shipped_rubric("wenger-trayner")
                .unwrap()
                .text,
        )
        .unwrap()
    }

    fn action(id: &str, effort: Option<Level>, impact: Option<Level>, status: Status) -> Action {
        Action {
            id: id.into(),
            text: format!("do {id}"),
            dimension: Some("voices".into()),
            owner: Some("Ana".into()),
            due: None,
            effort,
            impact,
            status,
            note: None,
            from: None,
        }
    }

    #[test]
    fn actions_land_in_their_quadrant_and_dropped_ones_leave_the_grid() {
        let g = grid(&[
            action("a1", Some(Level::Low), Some(Level::High), Status::Open),
            action("a2", Some(Level::High), Some(Level::High), Status::Done),
            action("a3", Some(Level::High), Some(Level::Low), Status::Dropped),
            action("a4", None, Some(Level::Low), Status::Open),
        ]);
        let by_title: Vec<(&str, Vec<String>)> = g
            .quadrants
            .iter()
            .map(|q| (q.title, q.actions.clone()))
            .collect();
        assert_eq!(by_title[0], ("Quick wins", vec!["a1".to_string()]));
        assert_eq!(by_title[1], ("Major projects", vec!["a2".to_string()]));
        assert!(
            by_title[3].1.is_empty(),
            "a dropped action is not on the grid"
        );
        assert_eq!(g.unplaced, ["a4"]);
    }

    #[test]
    fn an_anonymized_view_names_no_owner_and_no_dissenter() {
        let r = rubric();
        let mut s = Session::new(&r, "2026-12-04", "ab12");
        s.agreed.insert(
            "voices".into(),
            Agreed {
                point: 3.0,
                reasoning: None,
                dissent: Some(Dissent {
                    count: Some(2),
                    who: Some("Bo, Cy".into()),
                    why: Some("newcomers".into()),
                }),
            },
        );
        s.actions.push(action("a1", None, None, Status::Open));
        let named = session_view(&r, &s, false);
        assert_eq!(
            named.landed[0].dissent.as_deref(),
            Some("2 did not agree (Bo, Cy): newcomers")
        );
        assert_eq!(named.actions[0].owner.as_deref(), Some("Ana"));
        let anon = session_view(&r, &s, true);
        assert_eq!(
            anon.landed[0].dissent.as_deref(),
            Some("2 did not agree: newcomers")
        );
        assert_eq!(anon.actions[0].owner, None);
        let json = serde_json::to_string(&anon).unwrap();
        assert!(!json.contains("Ana") && !json.contains("Bo, Cy"), "{json}");
    }

    #[test]
    fn a_follow_up_shows_each_earlier_action_with_its_status_now() {
        let r = rubric();
        let mut first = Session::new(&r, "2026-06-01", "aaaa");
        first.agreed.insert(
            "voices".into(),
            Agreed {
                point: 2.5,
                reasoning: None,
                dissent: None,
            },
        );
        first.actions.push(action("a1", None, None, Status::Open));
        first
            .actions
            .push(action("a2", None, None, Status::Dropped));
        let mut next = first.follow_up("2026-12-04", "bbbb");
        next.actions[0].status = Status::Done;
        next.actions[0].note = Some("we did".into());
        next.agreed.insert(
            "voices".into(),
            Agreed {
                point: 3.5,
                reasoning: None,
                dissent: None,
            },
        );
        let v = session_view(&r, &next, false);
        let f = v.followup.unwrap();
        assert_eq!(f.date, "2026-06-01");
        assert_eq!(
            (
                f.actions[0].then,
                f.actions[0].status,
                f.actions[0].note.as_deref()
            ),
            ("open", "done", Some("we did"))
        );
        assert_eq!(
            (f.actions[1].then, f.actions[1].status),
            ("dropped", "dropped")
        );
        assert_eq!((f.moved[0].then, f.moved[0].now), (2.5, 3.5));
        assert_eq!(v.landed[0].before, Some(2.5));
        assert!(v.actions[0].carried);
    }
}

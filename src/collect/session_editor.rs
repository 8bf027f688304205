//! `learnlead session` in a terminal: the facilitator records where the group landed on each
//! dimension, the reasoning and the dissent, and the actions with their owners, dates and
//! status, through the same prompter as the questionnaire. Every change is saved at once.

use crate::collect::questionnaire::{Prompter, Reply};
use crate::error::Result;
use crate::model::rubric::Rubric;
use crate::model::session::{self, Action, Agreed, Dissent, Level, Session, Status};

const MENU_HELP: &str = "↑↓ move · enter choose · esc or ctrl-c: done (everything is saved)";
const HELP: &str = "enter to keep it as it is · esc back to the list";

/// The editor's menu entries.
const LANDED: &str = "Record where the group landed on a dimension";
const ADD: &str = "Add an action";
const UPDATE: &str = "Update an action: its status and a note";
const SCOPE: &str = "Change the scope (what is being rated)";
const DONE: &str = "Done";

/// Asks what to record until the facilitator is done; `save` is called after every change.
pub fn edit(
    p: &mut dyn Prompter,
    rubric: &Rubric,
    session: &mut Session,
    save: &mut dyn FnMut(&Session) -> Result<()>,
) -> Result<()> {
    loop {
        let mut entries = vec![LANDED, ADD];
        if !session.actions.is_empty() {
            entries.push(UPDATE);
        }
        entries.extend([SCOPE, DONE]);
        let options: Vec<String> = entries.iter().map(|e| (*e).to_string()).collect();
        let Reply::Value(i) = p.choose("What do you want to record?", &options, Some(0), MENU_HELP)
        else {
            return Ok(());
        };
        let changed = match entries[i] {
            LANDED => landed(p, rubric, session),
            ADD => add_action(p, rubric, session),
            UPDATE => update_action(p, session),
            SCOPE => scope(p, session),
            _ => return Ok(()),
        };
        if changed {
            save(session)?;
            p.show("Saved.");
        }
    }
}

/// Where the group landed on one dimension; whether anything was recorded.
fn landed(p: &mut dyn Prompter, rubric: &Rubric, session: &mut Session) -> bool {
    let dims = session.covered(rubric);
    let names: Vec<String> = dims
        .iter()
        .map(|id| {
            let name = rubric
                .find_dimension(id)
                .map_or(*id, |(_, d)| d.name.as_str());
            match session.agreed.get(*id) {
                Some(a) => format!("{name} (landed at {})", a.point),
                None => name.to_string(),
            }
        })
        .collect();
    let Reply::Value(d) = p.choose("Which dimension?", &names, None, HELP) else {
        return false;
    };
    let id = dims[d].to_string();
    let current = session.agreed.get(&id).cloned();
    let points = half_steps(rubric);
    let labels: Vec<String> = points
        .iter()
        .map(|v| match rubric.scale.labels.get(&(*v as i64)) {
            Some(label) if v.fract() == 0.0 => format!("{v} · {label}"),
            _ => format!("{v}"),
        })
        .collect();
    let start = current
        .as_ref()
        .and_then(|a| points.iter().position(|v| *v == a.point));
    let Reply::Value(at) = p.choose(
        "Where did the group land? (a record of the conversation, not an average)",
        &labels,
        start,
        HELP,
    ) else {
        return false;
    };
    let reasoning = ask_text(
        p,
        "Why, in a few words?",
        current.as_ref().and_then(|a| a.reasoning.as_deref()),
    );
    let old = current.and_then(|a| a.dissent).unwrap_or_default();
    let count = loop {
        let said = ask_text(
            p,
            "How many did not agree? (a number, or enter for none)",
            old.count.map(|c| c.to_string()).as_deref(),
        );
        match said.as_deref().map(str::parse::<u32>) {
            None => break None,
            Some(Ok(n)) => break Some(n),
            Some(Err(_)) => p.show("That is not a number: write 2, or leave it empty."),
        }
    };
    let who = ask_text(
        p,
        "Who did not agree? (optional; never in an anonymized report)",
        old.who.as_deref(),
    );
    let why = ask_text(p, "Why did they not agree? (optional)", old.why.as_deref());
    let dissent =
        (count.is_some() || who.is_some() || why.is_some()).then_some(Dissent { count, who, why });
    session.agreed.insert(
        id,
        Agreed {
            point: points[at],
            reasoning,
            dissent,
        },
    );
    true
}

/// The scale's whole and half steps, lowest first.
pub fn half_steps(rubric: &Rubric) -> Vec<f64> {
    let (min, max) = (rubric.scale.min, rubric.scale.max);
    (0..=(max - min) * 2)
        .map(|h| min as f64 + h as f64 / 2.0)
        .collect()
}

/// A new action; whether one was added.
fn add_action(p: &mut dyn Prompter, rubric: &Rubric, session: &mut Session) -> bool {
    let text = loop {
        match p.text("What will the group do?", HELP, None) {
            Reply::Value(t) if !t.trim().is_empty() => break t.trim().to_string(),
            Reply::Value(_) => p.show("An action needs a text: what will be done."),
            _ => return false,
        }
    };
    let dims = session.covered(rubric);
    let mut options: Vec<String> = dims
        .iter()
        .map(|id| {
            rubric
                .find_dimension(id)
                .map_or(*id, |(_, d)| d.name.as_str())
                .to_string()
        })
        .collect();
    options.push("– no one dimension".to_string());
    let dimension = match p.choose("Which dimension does it serve?", &options, None, HELP) {
        Reply::Value(i) => dims.get(i).map(|d| (*d).to_string()),
        _ => return false,
    };
    let owner = ask_text(p, "Who owns it? (optional)", None);
    let due = ask_date(p, None);
    let effort = ask_level(p, "Effort?");
    let impact = ask_level(p, "Impact?");
    session.actions.push(Action {
        id: session.next_action_id(),
        text,
        dimension,
        owner,
        due,
        effort,
        impact,
        status: Status::Open,
        note: None,
        from: None,
    });
    true
}

/// A new status and note for an action; whether it changed.
fn update_action(p: &mut dyn Prompter, session: &mut Session) -> bool {
    let options: Vec<String> = session
        .actions
        .iter()
        .map(|a| {
            format!(
                "{} [{}] {}",
                a.id,
                a.status.word(),
                crate::safe_text::shorten(&a.text, 60)
            )
        })
        .collect();
    let Reply::Value(i) = p.choose("Which action?", &options, None, HELP) else {
        return false;
    };
    let statuses = [Status::Open, Status::Done, Status::Dropped];
    let words: Vec<String> = statuses.iter().map(|s| s.word().to_string()).collect();
    let start = statuses
        .iter()
        .position(|s| *s == session.actions[i].status);
    let Reply::Value(s) = p.choose("Its status?", &words, start, HELP) else {
        return false;
    };
    let note = ask_text(
        p,
        "A note: what happened? (optional)",
        session.actions[i].note.as_deref(),
    );
    let a = &mut session.actions[i];
    a.status = statuses[s];
    a.note = note;
    true
}

fn scope(p: &mut dyn Prompter, session: &mut Session) -> bool {
    loop {
        let Reply::Value(t) = p.text(
            "What is being rated? (one line: who, and over what time)",
            HELP,
            session.scope.as_deref(),
        ) else {
            return false;
        };
        let t = t.trim();
        match session::check_scope(t) {
            Ok(()) => {
                session.scope = (!t.is_empty()).then(|| t.to_string());
                return true;
            }
            Err(m) => p.show(&m),
        }
    }
}

/// A line of text; `None` when left empty (or on Esc, which keeps what was there).
fn ask_text(p: &mut dyn Prompter, question: &str, current: Option<&str>) -> Option<String> {
    match p.text(question, HELP, current) {
        Reply::Value(t) => Some(t.trim().to_string()).filter(|t| !t.is_empty()),
        _ => current.map(str::to_string),
    }
}

fn ask_date(p: &mut dyn Prompter, current: Option<&str>) -> Option<String> {
    loop {
        let said = ask_text(p, "Due when? (YYYY-MM-DD, optional)", current)?;
        if session::is_date(&said) {
            return Some(said);
        }
        p.show("That is not a date: write it as 2027-01-31, or leave it empty.");
    }
}

fn ask_level(p: &mut dyn Prompter, question: &str) -> Option<Level> {
    let options = ["low", "high", "– not said"].map(String::from);
    match p.choose(question, &options, None, HELP) {
        Reply::Value(0) => Some(Level::Low),
        Reply::Value(1) => Some(Level::High),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collect::script::{Input::*, Script};
    use crate::io::assets;

    fn rubric() -> Rubric {
        Rubric::parse(assets::shipped_rubric("wenger-trayner").unwrap().text).unwrap()
    }

    #[test]
    fn the_facilitator_records_a_landing_and_an_action_each_saved_at_once() {
        let r = rubric();
        let mut s = Session::new(&r, "2026-12-04", "ab12");
        s.dimensions = vec!["relevance".into(), "voices".into()];
        let mut saves = Vec::new();
        let mut save = |s: &Session| -> Result<()> {
            saves.push(s.clone());
            Ok(())
        };
        let mut script = Script::new(vec![
            Pick(0), // record where the group landed
            Pick(1), // voices
            Pick(5), // 3.5
            Type("Most voices are heard; newcomers less."),
            Type("x"), // not a number: asked again
            Type("2"),
            Type(""),
            Type("they see newcomers left out"),
            Pick(1),  // add an action
            Type(""), // no text: asked again
            Type("Pair each newcomer with a member"),
            Pick(1), // voices
            Type("Ana"),
            Type("next week"), // not a date: asked again
            Type("2027-01-31"),
            Pick(0), // low effort
            Pick(1), // high impact
            Pick(2), // update an action
            Pick(0),
            Pick(1), // done
            Type("paired four so far"),
            Pick(4), // done
        ]);
        edit(&mut script, &r, &mut s, &mut save).unwrap();
        assert_eq!(saves.len(), 3, "a save after each change");
        let agreed = &s.agreed["voices"];
        assert_eq!(agreed.point, 3.5);
        assert_eq!(agreed.dissent.as_ref().unwrap().count, Some(2));
        assert_eq!(agreed.dissent.as_ref().unwrap().who, None);
        let a = &s.actions[0];
        assert_eq!(
            (a.id.as_str(), a.dimension.as_deref(), a.due.as_deref()),
            ("a1", Some("voices"), Some("2027-01-31"))
        );
        assert_eq!(
            (a.effort, a.impact, a.status),
            (Some(Level::Low), Some(Level::High), Status::Done)
        );
        assert_eq!(a.note.as_deref(), Some("paired four so far"));
        assert!(script.shown.iter().any(|m| m.contains("not a number")));
        assert!(script.shown.iter().any(|m| m.contains("needs a text")));
        assert!(script.shown.iter().any(|m| m.contains("not a date")));
        assert!(s.problems(&r, None).is_empty());
    }

    #[test]
    fn half_steps_cover_the_scale() {
        let r = rubric();
        let steps = half_steps(&r);
        assert_eq!(steps.first(), Some(&(r.scale.min as f64)));
        assert_eq!(steps.last(), Some(&(r.scale.max as f64)));
        assert_eq!(steps.len() as i64, (r.scale.max - r.scale.min) * 2 + 1);
    }

    #[test]
    fn stopping_in_the_menu_saves_nothing_more() {
        let r = rubric();
        let mut s = Session::new(&r, "2026-12-04", "ab12");
        let mut saved = 0;
        let mut save = |_: &Session| -> Result<()> {
            saved += 1;
            Ok(())
        };
        edit(&mut Script::new(vec![Quit]), &r, &mut s, &mut save).unwrap();
        assert_eq!(saved, 0);
    }
}

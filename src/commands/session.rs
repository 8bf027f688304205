//! `learnlead session`: keeps a workshop session's file (session.yaml beside the responses):
//! starts it (`--scope`, `--only`, `--follow-up OLD`), records where the group landed and its
//! actions (interactively, or `--from FILE`), and checks it (`--check`).
//!
//! Also the one place the other commands find their session: [`Scope::find`] reads the
//! `--session`, `--scope` and `--only` flags and the folder's session.yaml.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::cli::{SessionArgs, SessionFlags};
use crate::error::{Error, Problem, Result};
use crate::io::catalog::Catalog;
use crate::io::{assets, input, output, session_file};
use crate::model::rubric::Rubric;
use crate::model::session::{self, Action, Agreed, Level, Session, Status};
use crate::yaml;

/// What a command covers: the session (if one is found or named), the scope and the
/// dimensions (all when empty).
#[derive(Debug, Clone, Default)]
pub struct Scope {
    pub session: Option<(Session, PathBuf)>,
    pub scope: Option<String>,
    pub dimensions: Vec<String>,
}

impl Scope {
    /// The session named by `--session`, else `folder`'s session.yaml (said on standard
    /// error), with `--scope` and `--only` over it; checked against `rubric`.
    pub fn find(flags: &SessionFlags, folder: Option<&Path>, rubric: &Rubric) -> Result<Scope> {
        let path = match (&flags.session, folder) {
            (Some(p), _) => Some(p.clone()),
            (None, Some(dir)) => session_file::in_folder(dir).inspect(|p| {
                crate::say_prose!("note: using the session {}", p.display());
            }),
            (None, None) => None,
        };
        let session = match path {
            Some(p) => Some((session_file::load(&p, rubric)?, p)),
            None => None,
        };
        let scope = match &flags.scope {
            Some(s) => {
                session::check_scope(s.trim())
                    .map_err(|m| Error::usage(format!("--scope: {m}")))?;
                Some(s.trim().to_string()).filter(|s| !s.is_empty())
            }
            None => session.as_ref().and_then(|(s, _)| s.scope.clone()),
        };
        let dimensions = match flags.only.is_empty() {
            false => session::parse_only(rubric, &flags.only).map_err(Error::usage)?,
            true => session
                .as_ref()
                .map(|(s, _)| s.dimensions.clone())
                .unwrap_or_default(),
        };
        Ok(Scope {
            session,
            scope,
            dimensions,
        })
    }

    /// The rubric as far as this scope covers it.
    pub fn rubric(&self, full: &Rubric) -> Rubric {
        match self.dimensions.is_empty() {
            true => full.clone(),
            false => full.narrowed(&self.dimensions),
        }
    }

    /// Marks a new response with the scope and the dimensions it is asked.
    pub fn stamp(&self, response: &mut crate::model::response::Response) {
        response.scope.clone_from(&self.scope);
        response.covers.clone_from(&self.dimensions);
    }

    /// The names of the dimensions left out, in the rubric's order.
    pub fn not_assessed(&self, full: &Rubric) -> Vec<String> {
        if self.dimensions.is_empty() {
            return Vec::new();
        }
        full.dimensions()
            .filter(|(_, d)| !self.dimensions.contains(&d.id))
            .map(|(_, d)| d.name.clone())
            .collect()
    }
}

pub fn run(catalog: &Catalog, args: SessionArgs) -> Result<()> {
    if args.schema {
        return output::print(assets::SESSION_SCHEMA);
    }
    let path = match &args.session {
        Some(p) => p.clone(),
        None => args
            .folder
            .clone()
            .unwrap_or_else(|| PathBuf::from("."))
            .join(session::FILE_NAME),
    };
    let exists = std::fs::symlink_metadata(&path).is_ok();
    let (mut session, rubric, new) = match (&args.follow_up, exists) {
        (Some(_), true) => {
            return Err(Error::usage(format!(
                "{} is already a session; a follow-up starts a new one: name another folder or --session FILE",
                path.display()
            )))
        }
        (Some(old), false) => {
            let (earlier, rubric) = load_any(catalog, &earlier_path(old), args.rubric.as_deref())?;
            let next = earlier.follow_up(&today(), &salt());
            (next, rubric, true)
        }
        (None, true) => {
            let (s, rubric) = load_any(catalog, &path, args.rubric.as_deref())?;
            (s, rubric, false)
        }
        (None, false) if args.check => {
            return Err(Error::read(
                &path,
                std::io::Error::from(std::io::ErrorKind::NotFound),
            ))
        }
        (None, false) => {
            let rubric = new_rubric(catalog, &args, &path)?;
            (Session::new(&rubric, &today(), &salt()), rubric, true)
        }
    };
    if args.check {
        return print_summary(&session, &rubric, &path);
    }
    if let Some(s) = &args.scope {
        let s = s.trim();
        session::check_scope(s).map_err(|m| Error::usage(format!("--scope: {m}")))?;
        session.scope = Some(s.to_string()).filter(|s| !s.is_empty());
    }
    if !args.only.is_empty() {
        session.dimensions = session::parse_only(&rubric, &args.only).map_err(Error::usage)?;
    }
    if let Some(from) = &args.from {
        record_from(&mut session, &rubric, from)?;
    }
    check_whole(&session, &rubric, &path)?;
    if new {
        session_file::create(&session, &path)?;
        crate::say_prose!("wrote {}", path.display());
    } else {
        session_file::save(&session, &path)?;
    }
    let interactive = args.from.is_none()
        && std::io::stdin().is_terminal()
        && std::io::stdout().is_terminal()
        && std::env::var_os("CI").is_none();
    if interactive {
        let mut terminal = crate::collect::prompt::Terminal::new();
        let mut save = |s: &Session| session_file::save(s, &path);
        crate::collect::session_editor::edit(&mut terminal, &rubric, &mut session, &mut save)?;
    }
    print_summary(&session, &rubric, &path)
}

/// A session file and its rubric: the one it names (an id, never a path), or `--rubric`.
fn load_any(catalog: &Catalog, path: &Path, rubric: Option<&str>) -> Result<(Session, Rubric)> {
    let (s, text) = session_file::read(path)?;
    let name = match rubric {
        Some(r) => r.to_string(),
        None if crate::model::rubric::is_id(&s.rubric) => s.rubric.clone(),
        None => {
            return Err(Error::invalid_one(
                path,
                Problem::at(
                    yaml::locate(&text, &[yaml::Seg::from("rubric")]),
                    format!(
                        "`{}` is not a rubric id",
                        crate::safe_text::quote(&s.rubric)
                    ),
                ),
            ))
        }
    };
    let loaded = catalog.load(&name)?;
    super::note_override(&loaded);
    let problems = s.problems(&loaded.rubric, Some(&text));
    if !problems.is_empty() {
        return Err(Error::invalid(path, problems));
    }
    Ok((s, loaded.rubric))
}

/// The earlier session: a folder's session.yaml, or the file named.
fn earlier_path(old: &Path) -> PathBuf {
    match std::fs::metadata(old) {
        Ok(m) if m.is_dir() => old.join(session::FILE_NAME),
        _ => old.to_path_buf(),
    }
}

/// A new session's rubric: `--rubric`, else the one the folder's first response names, else
/// the default.
fn new_rubric(catalog: &Catalog, args: &SessionArgs, path: &Path) -> Result<Rubric> {
    let named = args.rubric.clone().or_else(|| {
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty())?;
        output::yaml_files_in(folder)
            .ok()?
            .iter()
            .find_map(|f| crate::io::response_file::load(f).ok())
            .map(|r| r.rubric.id)
            .filter(|id| crate::model::rubric::is_id(id))
    });
    let loaded = catalog.load(named.as_deref().unwrap_or(assets::DEFAULT_RUBRIC))?;
    super::note_override(&loaded);
    Ok(loaded.rubric)
}

/// The session's problems after a change, as one error naming the file.
fn check_whole(session: &Session, rubric: &Rubric, path: &Path) -> Result<()> {
    let problems = session.problems(rubric, None);
    match problems.is_empty() {
        true => Ok(()),
        false => Err(Error::invalid(path, problems)),
    }
}

/// What `--from FILE` may say: agreed positions and actions in the session's own format; an
/// action with the id of one already there updates it (the fields given), one without an id
/// is added.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Update {
    #[serde(default)]
    scope: Option<String>,
    #[serde(default, deserialize_with = "crate::model::response::unique_keys")]
    agreed: crate::model::response::Ids<Agreed>,
    #[serde(default)]
    actions: Vec<ActionUpdate>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionUpdate {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    dimension: Option<String>,
    #[serde(default)]
    owner: Option<String>,
    #[serde(default)]
    due: Option<String>,
    #[serde(default)]
    effort: Option<Level>,
    #[serde(default)]
    impact: Option<Level>,
    #[serde(default)]
    status: Option<Status>,
    #[serde(default)]
    note: Option<String>,
}

/// Records what `from` says into `session`. Each problem is said at its line and column in
/// `from` where the value came from there.
fn record_from(session: &mut Session, rubric: &Rubric, from: &Path) -> Result<()> {
    let text = input::read_text(from, input::Kind::Session)?;
    let update: Update = yaml::from_str(&text).map_err(|p| Error::invalid_one(from, p))?;
    let mut merged = session.clone();
    let given_scope = update.scope.is_some();
    if let Some(scope) = update.scope {
        merged.scope = Some(scope);
    }
    let given_agreed: Vec<String> = update.agreed.keys().cloned().collect();
    merged.agreed.extend(update.agreed);
    // Where each action of the update went in the merged session.
    let mut placed = Vec::with_capacity(update.actions.len());
    for u in update.actions {
        let existing =
            u.id.as_ref()
                .and_then(|id| merged.actions.iter().position(|a| &a.id == id));
        let k = if let Some(k) = existing {
            update_action(&mut merged.actions[k], u);
            k
        } else {
            let id = u.id.clone().unwrap_or_else(|| merged.next_action_id());
            merged.actions.push(new_action(id, u));
            merged.actions.len() - 1
        };
        placed.push(k);
    }
    let problems = merged.problem_paths(rubric);
    if problems.is_empty() {
        *session = merged;
        return Ok(());
    }
    let locator = yaml::Locator::new(&text);
    let in_update = |path: &[yaml::Seg]| -> Option<Vec<yaml::Seg>> {
        use yaml::Seg::{Index, Key};
        match path {
            [Key(k), ..] if k == "scope" && given_scope => Some(path.to_vec()),
            [Key(k), Key(d), ..] if k == "agreed" && given_agreed.contains(d) => {
                Some(path.to_vec())
            }
            [Key(k), Index(j), rest @ ..] if k == "actions" => {
                let i = placed.iter().position(|p| p == j)?;
                Some([vec![Key("actions".into()), Index(i)], rest.to_vec()].concat())
            }
            _ => None,
        }
    };
    let located = problems
        .into_iter()
        .map(|(path, m)| Problem::at(in_update(&path).and_then(|p| locator.locate(&p)), m))
        .collect();
    Err(Error::invalid(from, located))
}

fn update_action(a: &mut Action, u: ActionUpdate) {
    if let Some(t) = u.text {
        a.text = t;
    }
    a.dimension = u.dimension.or(a.dimension.take());
    a.owner = u.owner.or(a.owner.take());
    a.due = u.due.or(a.due.take());
    a.effort = u.effort.or(a.effort);
    a.impact = u.impact.or(a.impact);
    a.status = u.status.unwrap_or(a.status);
    a.note = u.note.or(a.note.take());
}

fn new_action(id: String, u: ActionUpdate) -> Action {
    Action {
        id,
        text: u.text.unwrap_or_default(),
        dimension: u.dimension,
        owner: u.owner,
        due: u.due,
        effort: u.effort,
        impact: u.impact,
        status: u.status.unwrap_or_default(),
        note: u.note,
        from: None,
    }
}

fn print_summary(session: &Session, rubric: &Rubric, path: &Path) -> Result<()> {
    let view = crate::present::view::session_view(rubric, session, false);
    let text = crate::present::table::session(&view, &path.display().to_string());
    output::print(&crate::safe_text::for_terminal(&text))
}

/// Today, YYYY-MM-DD.
fn today() -> String {
    crate::model::response::date_of(&crate::model::response::now()).to_string()
}

/// A few random hex digits for a new session's id.
fn salt() -> String {
    let mut b = [0u8; 2];
    let _ = getrandom::fill(&mut b);
    format!("{:02x}{:02x}", b[0], b[1])
}

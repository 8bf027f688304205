//! `learnlead assess`: the questionnaire in a terminal, or a response built from an answers
//! file. Never replaces a person's answers without `--force`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::analysis::score;
use crate::cli::AssessArgs;
use crate::collect::prompt::Terminal;
use crate::collect::questionnaire::{Outcome, Questionnaire};
use crate::error::{Error, Result};
use crate::io::assets;
use crate::io::catalog::{Catalog, Loaded, Origin};
use crate::io::lock::Lock;
use crate::io::{names, output};
use crate::model::answers;
use crate::model::response::{Response, RubricStamp};
use crate::model::rubric::Rubric;
use crate::present::table;
use crate::present::view;
use crate::safe_text::shell_arg;

pub fn run(catalog: &Catalog, args: AssessArgs) -> Result<()> {
    if let Some(file) = &args.answers {
        return from_answers(catalog, &args, file);
    }
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Error::NoTerminal);
    }
    match &args.resume {
        Some(file) => resume(catalog, &args, file),
        None => start(catalog, &args),
    }
}

/// The session this answer belongs to: `--session`, else session.yaml in the folder the
/// response is saved in, with `--scope` and `--only` over it.
fn find_scope(args: &AssessArgs, rubric: &Rubric) -> Result<crate::commands::session::Scope> {
    let folder = match args.out.as_deref().map(Path::parent) {
        Some(Some(p)) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    crate::commands::session::Scope::find(&args.scoped, Some(&folder), rubric)
}

fn load_rubric(catalog: &Catalog, name: Option<&str>) -> Result<Loaded> {
    let loaded = catalog.load(name.unwrap_or(assets::DEFAULT_RUBRIC))?;
    super::note_override(&loaded);
    Ok(loaded)
}

/// A new response to the loaded rubric, remembering the rubric's file if it came from one.
/// `--name`, `--community` and `--role` are bounded like every text a person types.
fn check_flag_texts(args: &AssessArgs) -> Result<()> {
    for (what, flag) in [
        ("--name", &args.name),
        ("--community", &args.community),
        ("--role", &args.role),
    ] {
        if let Some(Err(m)) = flag
            .as_deref()
            .map(|v| crate::io::input::check_text_len(what, v))
        {
            return Err(Error::usage(m));
        }
    }
    Ok(())
}

fn new_response(loaded: &Loaded) -> Response {
    let mut r = Response::new(&loaded.rubric);
    r.rubric = loaded.stamp();
    r
}

/// Refuses to replace an existing file at `--out` unless `--force`: it may hold someone's
/// answers.
fn check_out(path: &Path, force: bool) -> Result<()> {
    output::check_folder(path)?;
    if force || std::fs::symlink_metadata(path).is_err() {
        return Ok(());
    }
    let what = match crate::io::response_file::load(path) {
        Ok(r) if r.is_complete() => "a finished response".to_string(),
        Ok(_) => format!(
            "an unfinished response (continue it with `learnlead assess --resume {}`)",
            shell_arg(&path.display().to_string())
        ),
        Err(_) => "a file that is not a response".to_string(),
    };
    Err(Error::Occupied {
        path: path.to_path_buf(),
        holds: what,
    })
}

/// Where a new response is saved the first time; later saves replace that file, which is then
/// the questionnaire's own.
#[derive(Debug, Clone)]
enum Place {
    /// `NAME-DATE.yaml` in the folder, the first name no file has (parallel runs included).
    Free(PathBuf),
    /// `--out`: created new, never replacing a file that appeared meanwhile.
    New(PathBuf),
    /// `--out --force`: replaced.
    Replace(PathBuf),
}

impl Place {
    fn of(out: Option<&Path>, force: bool) -> Result<Place> {
        Ok(match out {
            Some(p) => {
                check_out(p, force)?;
                if force {
                    Place::Replace(p.to_path_buf())
                } else {
                    Place::New(p.to_path_buf())
                }
            }
            None => Place::Free(PathBuf::from(".")),
        })
    }

    /// Saves `response` for the first time; returns the file it is in.
    fn first_save(&self, response: &Response) -> Result<PathBuf> {
        let bytes = response.to_yaml()?;
        match self {
            Place::Free(dir) => {
                let stem = names::response_stem(response);
                let name = |n| names::numbered(&stem, n, "yaml");
                output::create_free(dir, name, bytes.as_bytes(), true)
            }
            Place::New(p) => output::write_new(p, bytes.as_bytes()).map(|()| p.clone()),
            Place::Replace(p) => output::write_atomic(p, bytes.as_bytes()).map(|()| p.clone()),
        }
    }
}

fn from_answers(catalog: &Catalog, args: &AssessArgs, file: &Path) -> Result<()> {
    check_flag_texts(args)?;
    let loaded = load_rubric(catalog, args.rubric.as_deref())?;
    let scope = find_scope(args, &loaded.rubric)?;
    let rubric = &scope.rubric(&loaded.rubric);
    let text = crate::io::input::read_text(file, crate::io::input::Kind::Answers)?;
    let mut response =
        answers::build(rubric, &text, args.partial).map_err(|p| Error::invalid(file, p))?;
    response.rubric = loaded.stamp();
    scope.stamp(&mut response);
    for (flag, field) in [
        (&args.name, &mut response.name),
        (&args.community, &mut response.community),
        (&args.role, &mut response.role),
    ] {
        if let Some(v) = flag {
            *field = Some(v.clone()).filter(|v| !v.trim().is_empty());
        }
    }
    let problems = response.problems(&loaded.rubric, None);
    if !problems.is_empty() {
        return Err(Error::invalid(file, problems));
    }
    let path = Place::of(args.out.as_deref(), args.force)?.first_save(&response)?;
    finish_message(rubric, &response, &path, &rubric_flag(catalog, &loaded));
    Ok(())
}

fn start(catalog: &Catalog, args: &AssessArgs) -> Result<()> {
    let loaded = load_rubric(catalog, args.rubric.as_deref())?;
    let scope = find_scope(args, &loaded.rubric)?;
    let rubric = &scope.rubric(&loaded.rubric);
    check_flag_texts(args)?;
    let place = Place::of(args.out.as_deref(), args.force)?;
    let mut response = new_response(&loaded);
    scope.stamp(&mut response);
    response.name = args.name.clone().filter(|v| !v.trim().is_empty());
    response.community = args.community.clone();
    response.role = args.role.clone();
    let ask_about = [
        args.name.is_none(),
        args.community.is_none(),
        args.role.is_none(),
    ];
    // The first save creates the file and locks it; later saves replace it.
    let mut path: Option<PathBuf> = None;
    let mut lock: Option<Lock> = None;
    let mut save = |r: &Response| -> Result<()> {
        if let Some(p) = &path {
            crate::io::response_file::save(r, p)
        } else {
            let p = place.first_save(r)?;
            lock = Some(Lock::acquire(&p)?);
            path = Some(p);
            Ok(())
        }
    };
    let mut terminal = Terminal::new();
    let mut q = Questionnaire::new(rubric, response, &mut save);
    terminal_show(&mut terminal, &q.introduction());
    if q.ask_about(&mut terminal, ask_about)?.is_none() {
        drop(q);
        return stopped(path.as_deref(), &rubric_flag(catalog, &loaded));
    }
    let outcome = q.run(&mut terminal, 0)?;
    end(
        rubric,
        outcome,
        path.as_deref(),
        &rubric_flag(catalog, &loaded),
    )
}

fn resume(catalog: &Catalog, args: &AssessArgs, file: &Path) -> Result<()> {
    let _lock = Lock::acquire(file)?;
    let (response, text) = crate::io::response_file::read(file)?;
    let loaded = catalog.load_for(&response.rubric, args.rubric.as_deref())?;
    super::note_override(&loaded);
    let flag = rubric_flag(catalog, &loaded);
    let problems = response.problems(&loaded.rubric, Some(&text));
    if !problems.is_empty() {
        return Err(Error::invalid(file, problems));
    }
    // A response from a session that covered some dimensions goes on with those.
    let rubric = match response.covers.is_empty() {
        true => loaded.rubric,
        false => loaded.rubric.narrowed(&response.covers),
    };
    if response.rubric_changed(&rubric) {
        crate::say_prose!(
            "warning: the rubric `{}` has changed since this response was started (version {} then, {} now); answers are matched by item id",
            rubric.id, response.rubric.version, rubric.version
        );
    }
    let complete = response.is_complete();
    let mut save = |r: &Response| -> Result<()> { crate::io::response_file::save(r, file) };
    let mut terminal = Terminal::new();
    let q = Questionnaire::new(&rubric, response, &mut save);
    let start = match q.resume_position() {
        Some(p) if !complete => {
            terminal_show(
                &mut terminal,
                &format!(
                    "Continuing {}: {} of {} statements answered.",
                    file.display(),
                    q.response().answers.len(),
                    rubric.item_count()
                ),
            );
            p
        }
        _ => {
            terminal_show(
                &mut terminal,
                &format!(
                    "{} is complete. Review your answers, change any, or save and finish.",
                    file.display()
                ),
            );
            q.steps().len()
        }
    };
    let outcome = q.run(&mut terminal, start)?;
    end(&rubric, outcome, Some(file), &flag)
}

fn terminal_show(t: &mut Terminal, text: &str) {
    use crate::collect::questionnaire::Prompter;
    t.show(text);
}

/// What later commands need to find the rubric again: nothing for a shipped rubric or one in
/// the rubrics folder (the response names it by id), else `--rubric FILE`, since a response's
/// content is never used as a path.
fn rubric_flag(catalog: &Catalog, loaded: &Loaded) -> String {
    let by_id = RubricStamp {
        file: None,
        ..loaded.stamp()
    };
    match (&loaded.origin, catalog.load_for(&by_id, None)) {
        (_, Ok(found)) if found.rubric == loaded.rubric => String::new(),
        (Origin::File(p), _) => format!(
            " --rubric {}",
            std::fs::canonicalize(p)
                .unwrap_or_else(|_| p.clone())
                .display()
        ),
        (Origin::Shipped, _) => String::new(),
    }
}

fn end(rubric: &Rubric, outcome: Outcome, path: Option<&Path>, flag: &str) -> Result<()> {
    match outcome {
        Outcome::Completed(response) => {
            let path =
                path.ok_or_else(|| Error::Internal("the response was never saved".into()))?;
            finish_message(rubric, &response, path, flag);
            Ok(())
        }
        Outcome::Stopped(_) => stopped(path, flag),
    }
}

/// Stopping is the person's choice: where the answers are and how to continue.
fn stopped(path: Option<&Path>, flag: &str) -> Result<()> {
    let saved = path.filter(|p| p.exists());
    Err(Error::Stopped {
        resume: saved
            .map(|p| {
                let p = shell_arg(&p.display().to_string());
                format!("learnlead assess --resume {p}{flag}")
            })
            .unwrap_or_default(),
        saved: saved.map(Path::to_path_buf),
    })
}

/// The first look at the scores, where the file is, and what to run next.
fn finish_message(rubric: &Rubric, response: &Response, path: &Path, flag: &str) {
    let scores = score::score(rubric, response);
    let view = view::report(rubric, response, &scores, None);
    crate::say!("\n{}", table::report(&view));
    let c = scores.coverage;
    crate::say!(
        "{} answered, {} not applicable, {} don't know, {} unanswered.",
        c.answered,
        c.not_applicable,
        c.dont_know,
        c.unanswered
    );
    crate::say!("{}", table::report_summary(&view).trim_start());
    if response.is_complete() {
        crate::say!("Saved your response to {}", path.display());
    } else {
        crate::say!(
            "Saved an unfinished response to {}; finish it with: learnlead assess --resume {}{flag}",
            path.display(),
            shell_arg(&path.display().to_string())
        );
    }
    let here = shell_arg(&path.display().to_string());
    match crate::io::response_file::earlier_beside(path, response) {
        Some((old, date)) => crate::say_prose!(
            "You answered this rubric before, on {date}. See what changed since then:\n  learnlead report {here}{flag} --baseline {} --out {}",
            shell_arg(&old.display().to_string()),
            crate::io::names::free_here("progress", "html")
        ),
        None => crate::say_prose!(
            "Next: learnlead report {here}{flag} --out {}",
            crate::io::names::free_here("report", "html")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_responses_never_take_a_used_name() {
        let dir = tempfile::tempdir().unwrap();
        let r = Rubric::parse(assets::STARTER_RUBRIC).unwrap();
        let mut resp = Response::new(&r);
        resp.started = "2026-11-22T10:00:00Z".into();
        resp.name = Some("Ana".into());
        let place = Place::Free(dir.path().to_path_buf());
        let first = place.first_save(&resp).unwrap();
        assert!(first.ends_with("ana-2026-11-22.yaml"));
        assert!(place
            .first_save(&resp)
            .unwrap()
            .ends_with("ana-2026-11-22-2.yaml"));
        resp.name = None;
        assert!(place
            .first_save(&resp)
            .unwrap()
            .ends_with("response-2026-11-22.yaml"));
        let err = Place::New(first.clone()).first_save(&resp).unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");
    }
}

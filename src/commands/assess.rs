//! `learnlead assess`: the questionnaire in a terminal, or a response built from an answers
//! file. Never replaces a person's answers without `--force`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::answers;
use crate::assets;
use crate::catalog::{Catalog, Loaded};
use crate::cli::AssessArgs;
use crate::error::{Error, Result};
use crate::output;
use crate::prompt::Terminal;
use crate::questionnaire::{Outcome, Questionnaire};
use crate::response::{date_of, Response};
use crate::rubric::Rubric;
use crate::score;
use crate::table;
use crate::view;

pub fn run(catalog: &Catalog, args: AssessArgs) -> Result<()> {
    if let Some(file) = &args.answers {
        return from_answers(catalog, &args, file);
    }
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Error::usage(
            "`learnlead assess` asks its questions in a terminal, and this is not one.\n\
             To build a response from a file of answers, use `learnlead assess --answers FILE` \
             (see `learnlead assess --help`).",
        ));
    }
    match &args.resume {
        Some(file) => resume(catalog, &args, file),
        None => start(catalog, &args),
    }
}

fn load_rubric(catalog: &Catalog, name: Option<&str>) -> Result<Loaded> {
    let loaded = catalog.load(name.unwrap_or(assets::DEFAULT_RUBRIC))?;
    note_override(&loaded);
    Ok(loaded)
}

/// Says which rubric won when a user's rubric takes a shipped one's place.
pub fn note_override(loaded: &Loaded) {
    if loaded.overrides_shipped {
        eprintln!(
            "note: using your rubric `{}` from {} in place of the shipped one",
            loaded.rubric.id, loaded.origin
        );
    }
}

/// A new response to the loaded rubric, remembering the rubric's file if it came from one.
fn new_response(loaded: &Loaded) -> Response {
    let mut r = Response::new(&loaded.rubric);
    r.rubric = loaded.stamp();
    r
}

/// Refuses to replace an existing file at `--out` unless `--force`: it may hold someone's
/// answers.
fn check_out(path: &Path, force: bool) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.is_dir() {
            return Err(Error::usage(format!(
                "the folder {} does not exist; create it, or choose another --out",
                dir.display()
            )));
        }
    }
    if force || !path.exists() {
        return Ok(());
    }
    let what = match Response::load(path) {
        Ok(r) if r.is_complete() => "a finished response".to_string(),
        Ok(_) => format!(
            "an unfinished response (continue it with `learnlead assess --resume {}`)",
            path.display()
        ),
        Err(_) => "a file that is not a response".to_string(),
    };
    Err(Error::usage(format!(
        "{} already holds {what}; it was left as it is. Use --force to replace it, or choose another --out",
        path.display()
    )))
}

/// `NAME-DATE.yaml` (or `response-DATE.yaml`) in the current folder, with `-2`, `-3`, ... added
/// until the name is free.
pub fn default_path(response: &Response, dir: &Path) -> PathBuf {
    let slug = response
        .name
        .as_deref()
        .map(slug)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "response".to_string());
    let date = date_of(&response.started);
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{slug}-{date}.yaml")
        } else {
            format!("{slug}-{date}-{n}.yaml")
        };
        let p = if dir == Path::new(".") {
            PathBuf::from(name)
        } else {
            dir.join(name)
        };
        if !p.exists() {
            return p;
        }
        n += 1;
    }
}

/// Lowercase ASCII letters and digits, other runs of characters as one `-`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').chars().take(40).collect()
}

fn from_answers(catalog: &Catalog, args: &AssessArgs, file: &Path) -> Result<()> {
    let loaded = load_rubric(catalog, args.rubric.as_deref())?;
    let rubric = &loaded.rubric;
    let text = output::read_text(file)?;
    let mut response =
        answers::build(rubric, &text, args.partial).map_err(|p| Error::invalid(file, p))?;
    response.rubric = loaded.stamp();
    for (flag, field) in [
        (&args.name, &mut response.name),
        (&args.community, &mut response.community),
        (&args.role, &mut response.role),
    ] {
        if let Some(v) = flag {
            *field = Some(v.clone()).filter(|v| !v.trim().is_empty());
        }
    }
    let path = match &args.out {
        Some(p) => {
            check_out(p, args.force)?;
            p.clone()
        }
        None => default_path(&response, Path::new(".")),
    };
    response.save(&path)?;
    finish_message(rubric, &response, &path);
    Ok(())
}

fn start(catalog: &Catalog, args: &AssessArgs) -> Result<()> {
    let loaded = load_rubric(catalog, args.rubric.as_deref())?;
    let rubric = &loaded.rubric;
    if let Some(p) = &args.out {
        check_out(p, args.force)?;
    }
    let mut response = new_response(&loaded);
    response.name = args.name.clone().filter(|v| !v.trim().is_empty());
    response.community = args.community.clone();
    response.role = args.role.clone();
    let ask_about = [
        args.name.is_none(),
        args.community.is_none(),
        args.role.is_none(),
    ];
    let mut path: Option<PathBuf> = args.out.clone();
    let mut save = |r: &Response| -> Result<()> {
        let p = path.get_or_insert_with(|| default_path(r, Path::new(".")));
        r.save(p)
    };
    let mut terminal = Terminal::new();
    let mut q = Questionnaire::new(rubric, response, &mut save);
    terminal_show(&mut terminal, &q.introduction());
    if q.ask_about(&mut terminal, ask_about)?.is_none() {
        drop(q);
        return stopped(path.as_deref());
    }
    let outcome = q.run(&mut terminal, 0)?;
    end(rubric, outcome, path.as_deref())
}

fn resume(catalog: &Catalog, args: &AssessArgs, file: &Path) -> Result<()> {
    let (response, text) = Response::read(file)?;
    let loaded = catalog.load_for(&response.rubric, args.rubric.as_deref())?;
    note_override(&loaded);
    let rubric = loaded.rubric;
    let problems = response.problems(&rubric, Some(&text));
    if !problems.is_empty() {
        return Err(Error::invalid(file, problems));
    }
    if response.rubric_changed(&rubric) {
        eprintln!(
            "warning: the rubric `{}` has changed since this response was started (version {} then, {} now); answers are matched by item id",
            rubric.id, response.rubric.version, rubric.version
        );
    }
    let complete = response.is_complete();
    let mut save = |r: &Response| -> Result<()> { r.save(file) };
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
    end(&rubric, outcome, Some(file))
}

fn terminal_show(t: &mut Terminal, text: &str) {
    use crate::questionnaire::Prompter;
    t.show(text);
}

fn end(rubric: &Rubric, outcome: Outcome, path: Option<&Path>) -> Result<()> {
    match outcome {
        Outcome::Completed(response) => {
            let path = path.ok_or_else(|| Error::Other("the response was never saved".into()))?;
            finish_message(rubric, &response, path);
            Ok(())
        }
        Outcome::Stopped(_) => stopped(path),
    }
}

fn stopped(path: Option<&Path>) -> Result<()> {
    match path.filter(|p| p.exists()) {
        Some(p) => Err(Error::Interrupted(format!(
            "stopped. Your answers so far are saved in {}.\nContinue with: learnlead assess --resume {}",
            p.display(),
            p.display()
        ))),
        None => Err(Error::Interrupted(
            "stopped before the first answer; nothing was saved".into(),
        )),
    }
}

/// The first look at the scores, where the file is, and what to run next.
fn finish_message(rubric: &Rubric, response: &Response, path: &Path) {
    let scores = score::score(rubric, response);
    let view = view::report(rubric, response, &scores, None);
    println!("\n{}", table::report(&view));
    let c = scores.coverage;
    println!(
        "{} answered, {} not applicable, {} unanswered.",
        c.answered, c.not_applicable, c.unanswered
    );
    if response.is_complete() {
        println!("Saved your response to {}", path.display());
    } else {
        println!(
            "Saved an unfinished response to {}; finish it with: learnlead assess --resume {}",
            path.display(),
            path.display()
        );
    }
    println!("Next: learnlead report {}", path.display());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain() {
        assert_eq!(slug("Ana María O'Neil"), "ana-mar-a-o-neil");
        assert_eq!(slug("  --  "), "");
    }

    #[test]
    fn default_path_never_reuses_a_name() {
        let dir = tempfile::tempdir().unwrap();
        let r = Rubric::parse(assets::STARTER_RUBRIC).unwrap();
        let mut resp = Response::new(&r);
        resp.started = "2026-11-22T10:00:00Z".into();
        resp.name = Some("Ana".into());
        let first = default_path(&resp, dir.path());
        assert!(first.ends_with("ana-2026-11-22.yaml"));
        std::fs::write(&first, "x").unwrap();
        assert!(default_path(&resp, dir.path()).ends_with("ana-2026-11-22-2.yaml"));
        resp.name = None;
        assert!(default_path(&resp, dir.path()).ends_with("response-2026-11-22.yaml"));
    }
}

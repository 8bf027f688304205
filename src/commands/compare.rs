//! `learnlead compare`: a group's responses side by side.

use std::path::{Path, PathBuf};

use crate::analysis::compare::{self, Options, Participant};
use crate::analysis::trend;
use crate::cli::{CompareArgs, CompareBy, CompareFormat, GroupArgs};
use crate::commands::session::Scope;
use crate::commands::{stream_out, write_out};
use crate::error::{Error, Result};
use crate::io::catalog::Catalog;
use crate::io::output;
use crate::model::config;
use crate::model::rubric::Rubric;
use crate::model::session::{self as session_model, Session};
use crate::present::document::{self, Format, GroupDocument, PresentDocument};
use crate::present::view::GroupReport;

pub fn run(catalog: &Catalog, args: CompareArgs) -> Result<()> {
    let format = choose_format(args.format, args.out.as_deref())?;
    if args.template.is_some() && !format.takes_a_template() {
        return Err(Error::usage(
            "--template renders md or html; choose --format md or html",
        ));
    }
    if args.present && format != Format::Html {
        return Err(Error::usage(
            "--present writes an HTML page: add --format html, or an --out ending in .html",
        ));
    }
    let framing = crate::commands::framing(args.group.config.as_deref())?;
    let group = Group::read(catalog, &args.group, args.with_notes)?;
    if args.present {
        let options = crate::commands::produce_options(None, &framing, &args.pdf);
        let bytes = document::produce(&PresentDocument { view: &group.view }, format, &options)?;
        return write_out(args.out.as_deref(), bytes, format.doc(), args.force);
    }
    let doc = GroupDocument {
        view: &group.view,
        answers: Some((&group.rubric, &group.participants, args.group.anonymize)),
    };
    let options = crate::commands::produce_options(args.template.as_deref(), &framing, &args.pdf);
    // A JSON or CSV of 100,000 responses is written as it is made.
    stream_out(args.out.as_deref(), format.doc(), args.force, &mut |out| {
        document::produce_to(&doc, format, &options, out)
    })
}

/// A group's responses, read and compared, with the change since a baseline if one is named,
/// and the group report's view of them.
pub struct Group {
    pub files: Vec<PathBuf>,
    /// The whole rubric, which every response is checked against.
    pub full: Rubric,
    /// The rubric as far as the session covers it: what is compared.
    pub rubric: Rubric,
    pub participants: Vec<Participant>,
    pub view: GroupReport,
}

impl Group {
    /// Reads the responses `args` name and compares them, with the change since the baseline
    /// if one is named.
    pub fn read(catalog: &Catalog, args: &GroupArgs, with_notes: bool) -> Result<Group> {
        if args.min_group < 1 {
            return Err(Error::usage("--min-group must be at least 1"));
        }
        let opts = Options {
            anonymize: args.anonymize,
            min_group: args.min_group,
            with_notes,
            by_role: args.by == Some(CompareBy::Role),
            seed: args.seed,
        };
        let files = response_files(&args.inputs)?;
        let full = rubric_of(catalog, &files, args.rubric.as_deref())?;
        let folder = args.inputs.iter().find(|p| p.is_dir());
        let scope = Scope::find(&args.scoped, folder.map(PathBuf::as_path), &full)?;
        let rubric = scope.rubric(&full);
        let participants = read_all(&full, &rubric, &files)?;
        let (files, mut participants) = match args.in_room {
            true => (files, participants),
            false => leave_out_partial(&rubric, files, participants, args.include_partial)?,
        };
        let mut comparison = compare::compare(&rubric, &mut participants, &opts);
        let mut rounds = Vec::with_capacity(args.baseline.len());
        for input in &args.baseline {
            rounds.push(earlier_round(
                catalog,
                input,
                (&full, &rubric),
                &opts,
                args.include_partial,
            )?);
        }
        rounds.sort_by(|a, b| a.date.cmp(&b.date));
        if let Some(then) = rounds.last_mut() {
            let mut change = compare::change_over_time(
                &rubric,
                (&comparison, &then.comparison),
                &participants,
                &then.participants,
                opts.anonymize,
            );
            change.then_date = Some(then.date.clone());
            comparison.change = Some(change);
        }
        let trend = (rounds.len() >= 2).then(|| {
            let now = round_scores(round_date(&participants), &comparison);
            let all = rounds
                .iter()
                .map(|r| round_scores(r.date.clone(), &r.comparison))
                .chain([now])
                .collect();
            crate::present::view::trend_view(&rubric, trend::trend(&rubric, all))
        });
        let mut view = crate::present::view::group_report(&rubric, comparison);
        view.trend = trend;
        view.method = crate::present::view::group_method(
            &rubric,
            args.seed,
            args.include_partial || args.in_room,
        );
        let earlier = rounds.last().and_then(|r| r.session.as_ref());
        let coverage = crate::present::view::Coverage {
            session: scope.session.as_ref().map(|(s, _)| s),
            scope: scope.scope.as_deref(),
            dimensions: &scope.dimensions,
        };
        view.session =
            crate::present::view::scoped_view(&full, &coverage, earlier, &view, args.anonymize);
        Ok(Group {
            files,
            full,
            rubric,
            participants,
            view,
        })
    }
}

/// An earlier round: its responses, their comparison, and its date.
struct Round {
    date: String,
    /// The round's session, when its folder has one.
    session: Option<Session>,
    participants: Vec<Participant>,
    comparison: compare::Comparison,
}

/// A round's group means, for the trend.
fn round_scores(date: String, c: &compare::Comparison) -> trend::RoundScores {
    trend::RoundScores {
        date,
        participants: c.participants.len(),
        overall: c.overall.mean,
        dimensions: c.dimensions.iter().map(|d| d.stats.mean).collect(),
    }
}

/// A round's date: when its last response was answered.
fn round_date(participants: &[Participant]) -> String {
    participants
        .iter()
        .map(|p| p.date.as_str())
        .max()
        .unwrap_or_default()
        .to_string()
}

/// Reads and compares an earlier round (a folder, or a response file) on the same rubric.
fn earlier_round(
    catalog: &Catalog,
    input: &Path,
    (full, rubric): (&Rubric, &Rubric),
    opts: &Options,
    include_partial: bool,
) -> Result<Round> {
    let files = response_files(&[input.to_path_buf()])?;
    let then_rubric = rubric_of(catalog, &files, None)?;
    if then_rubric.id != rubric.id {
        return Err(Error::OtherRubric {
            path: input.to_path_buf(),
            theirs: then_rubric.id,
            ours: rubric.id.clone(),
        });
    }
    let participants = read_all(&then_rubric, rubric, &files)?;
    let (_, mut participants) = leave_out_partial(rubric, files, participants, include_partial)?;
    let session = match crate::io::session_file::in_folder(input) {
        Some(p) => Some(crate::io::session_file::load(&p, full)?),
        None => None,
    };
    let comparison = compare::compare(rubric, &mut participants, opts);
    Ok(Round {
        session,
        date: round_date(&participants),
        participants,
        comparison,
    })
}

/// The response files named: files as given, and every `.yaml`/`.yml` file in a folder, in
/// name order. In a folder, a `learnlead.yaml` configuration is passed over with a note. A file
/// named twice (`a.yaml a.yaml ./a.yaml`) is one person: counted once, with a warning.
pub fn response_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|e| Error::read(input, e))?;
        if meta.is_dir() {
            let mut found = output::yaml_files_in(input)?;
            if let Some(i) = found
                .iter()
                .position(|f| f.file_name() == Some(std::ffi::OsStr::new(config::FILE_NAME)))
            {
                crate::say_prose!(
                    "note: {} is a configuration, not a response; it is passed over",
                    found[i].display()
                );
                found.remove(i);
            }
            found.retain(|f| f.file_name() != Some(std::ffi::OsStr::new(session_model::FILE_NAME)));
            if found.is_empty() {
                return Err(Error::NoResponses {
                    folder: input.clone(),
                });
            }
            files.extend(found);
        } else if meta.is_file() {
            files.push(input.clone());
        } else {
            return Err(Error::WrongKind {
                path: input.clone(),
                is: crate::io::input::file_type_words(&meta.file_type()),
                wanted: "a response file",
            });
        }
    }
    Ok(once_each(files))
}

/// The files with each one kept once, in the order first named: the same file under two
/// names (`a.yaml`, `./a.yaml`, a link) would count one person twice.
/// What tells two names of one file apart from two files.
#[derive(PartialEq, Eq, Hash)]
enum FileKey {
    Id(crate::platform::files::FileId),
    Path(PathBuf),
}

fn once_each(files: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(files.len());
    let mut repeated = Vec::new();
    for f in files {
        let key = match crate::platform::files::identity(&f) {
            Some(id) => FileKey::Id(id),
            None => FileKey::Path(std::fs::canonicalize(&f).unwrap_or_else(|_| f.clone())),
        };
        if seen.insert(key) {
            out.push(f);
        } else {
            repeated.push(f.display().to_string());
        }
    }
    if !repeated.is_empty() {
        crate::say_prose!(
            "warning: {} named more than once; each person is counted once (left out: {})",
            if repeated.len() == 1 {
                "a response file is"
            } else {
                "response files are"
            },
            repeated.join(", ")
        );
    }
    out
}

/// Reads every response, each reduced to a participant as it is read. All must answer the same
/// rubric: the one named, else the first file's. Files on another rubric are an error naming
/// them all; files on another version of the rubric are compared by item id, with a warning.
/// Files are read by several threads and the results kept in order; the work per file is
/// independent, so it stays linear in the number of files.
pub fn load(
    catalog: &Catalog,
    files: &[PathBuf],
    rubric_name: Option<&str>,
) -> Result<(Rubric, Vec<Participant>)> {
    let rubric = rubric_of(catalog, files, rubric_name)?;
    let participants = read_all(&rubric, &rubric, files)?;
    Ok((rubric, participants))
}

/// The rubric the responses are compared on: the one named, else the first file's.
pub fn rubric_of(
    catalog: &Catalog,
    files: &[PathBuf],
    rubric_name: Option<&str>,
) -> Result<Rubric> {
    let Some(first) = files.first() else {
        return Err(Error::usage("no response files to compare"));
    };
    let loaded = if let Some(name) = rubric_name {
        catalog.load(name)?
    } else {
        let (response, _) = crate::io::response_file::read(first)?;
        catalog.load_for(&response.rubric, None)?
    };
    crate::commands::note_override(&loaded);
    Ok(loaded.rubric)
}

/// Reads every response, checked against `full` (the whole rubric) and reduced to a
/// participant on `scoped` (the dimensions a session covers, or the whole rubric).
pub fn read_all(full: &Rubric, scoped: &Rubric, files: &[PathBuf]) -> Result<Vec<Participant>> {
    let rubric = full;
    let hash = rubric.content_hash();

    // Four readers per core: when the files are not in the page cache yet, a reader waits on
    // the disk, and the others keep the cores busy meanwhile (100,000 files read cold on two
    // cores: 12 s with one reader per core, 7 s with four; the same warm).
    let threads = std::thread::available_parallelism()
        .map_or(4, |n| n.get() * 4)
        .clamp(1, 16)
        .min(files.len());
    let per_thread = files.len().div_ceil(threads);
    let chunks: Vec<Result<Chunk>> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(per_thread)
            .map(|chunk| scope.spawn(|| read_chunk(rubric, scoped, &hash, chunk)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(Error::Internal("a reader thread failed".into())))
            })
            .collect()
    });
    let mut participants = Vec::with_capacity(files.len());
    let mut odd: Vec<String> = Vec::new();
    let (mut other_version, mut dropped) = (0, 0);
    for chunk in chunks {
        let chunk = chunk?;
        participants.extend(chunk.participants);
        odd.extend(chunk.odd);
        other_version += chunk.other_version;
        dropped += chunk.dropped;
    }
    if !odd.is_empty() {
        return Err(Error::MixedRubrics {
            rubric: rubric.id.clone(),
            files: odd,
        });
    }
    if other_version > 0 {
        crate::say_prose!(
            "warning: {other_version} response(s) were given on another version of the rubric `{}` (now {}); they are compared by item id{}",
            rubric.id,
            rubric.version,
            if dropped > 0 {
                format!(", and {dropped} answer(s) to items it no longer has are left out")
            } else {
                String::new()
            }
        );
    }
    Ok(participants)
}

/// Leaves out the responses that answer fewer than half the statements compared (those of
/// `rubric`: a session's dimensions only), naming them, unless `keep` (`--include-partial`),
/// when they are named and kept. `files` and `participants` stay side by side.
fn leave_out_partial(
    rubric: &Rubric,
    files: Vec<PathBuf>,
    participants: Vec<Participant>,
    keep: bool,
) -> Result<(Vec<PathBuf>, Vec<Participant>)> {
    let few = |p: &Participant| {
        let (done, asked) = p.answered_of(rubric);
        (done * 2 < asked).then(|| format!("{} ({done} of {asked})", p.file))
    };
    let named: Vec<String> = participants.iter().filter_map(few).collect();
    if named.is_empty() {
        return Ok((files, participants));
    }
    let shown = named
        .iter()
        .take(10)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    let more = match named.len() {
        n if n > 10 => format!(" and {} more", n - 10),
        _ => String::new(),
    };
    if keep {
        crate::say_prose!(
            "warning: {} response(s) answer fewer than half the statements compared: {shown}{more}. They are kept (--include-partial); their scores rest on few answers.",
            named.len()
        );
        return Ok((files, participants));
    }
    if named.len() == participants.len() {
        return Err(Error::usage(format!(
            "every response answers fewer than half the statements compared ({shown}{more}); to compare them anyway: --include-partial"
        )));
    }
    crate::say_prose!(
        "warning: {} response(s) answer fewer than half the statements compared and are left out: {shown}{more}. To keep them: --include-partial",
        named.len()
    );
    Ok(files
        .into_iter()
        .zip(participants)
        .filter(|(_, p)| few(p).is_none())
        .unzip())
}

/// What one reader thread found in its share of the files.
#[derive(Default)]
struct Chunk {
    participants: Vec<Participant>,
    /// Files that answer another rubric, with its id.
    odd: Vec<String>,
    other_version: usize,
    dropped: usize,
}

fn read_chunk(rubric: &Rubric, scoped: &Rubric, hash: &str, files: &[PathBuf]) -> Result<Chunk> {
    let mut out = Chunk::default();
    for file in files {
        let (mut response, text) = crate::io::response_file::read(file)?;
        if response.rubric.id != rubric.id {
            out.odd
                .push(format!("{} (`{}`)", file.display(), response.rubric.id));
            continue;
        }
        if response.rubric.hash != hash {
            out.other_version += 1;
            let before = response.answers.len();
            response
                .answers
                .retain(|id, _| rubric.find_item(id).is_some());
            response
                .dimensions
                .retain(|id, _| rubric.find_dimension(id).is_some());
            out.dropped += before - response.answers.len();
        }
        let problems = response.problems(rubric, Some(&text));
        if !problems.is_empty() {
            return Err(Error::invalid(file, problems));
        }
        out.participants.push(Participant::new(
            scoped,
            &response,
            file.display().to_string(),
        ));
    }
    Ok(out)
}

/// `--format`, else the extension of `--out`, else a table on a terminal and Markdown elsewhere.
fn choose_format(format: Option<CompareFormat>, out: Option<&Path>) -> Result<Format> {
    use std::io::IsTerminal;
    Format::choose(
        format.map(Format::from),
        out,
        Format::ALL,
        std::io::stdout().is_terminal(),
    )
}

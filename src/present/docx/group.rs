//! The group report as a Word document: what to talk about first, then the numbers.

use super::{front, radar, shown, Doc};
use crate::error::Result;
use crate::model::config::Framing;
use crate::present::format::{capitalized, fmt_score, fmt_signed};
use crate::present::view::{GroupReport, GroupWords, SessionView, GROUP_SECTIONS};

/// The group report as a Word document: what to talk about first, then the numbers; the
/// sections the configuration leaves out are left out here too.
pub fn group(view: &GroupReport, framing: &Framing) -> Result<Vec<u8>> {
    let c = &view.comparison;
    let rubric = &view.rubric.title;
    let title = framing
        .brand
        .title
        .clone()
        .unwrap_or_else(|| format!("Group report: {rubric}"));
    let mut doc = Doc::new(framing, &title);
    front(
        &mut doc,
        framing,
        &title,
        &format!(
            "Group report: {rubric} · {} participants",
            c.participants.len()
        ),
    );
    for n in &c.notices {
        doc.para(n);
    }
    for section in &GROUP_SECTIONS {
        if shown(framing, section.show) {
            write_section(&mut doc, view, section.id, section.title);
        }
    }
    doc.finish()
}

/// The section `id`, titled `title`, where the view has something for it. The round-by-round
/// table is left out: a page has no room for its columns.
fn write_section(doc: &mut Doc, view: &GroupReport, id: &str, title: &str) {
    match id {
        "session" | "followup" | "landed" | "actions" => {
            if let Some(v) = &view.session {
                session(doc, v, &view.words, id, title);
            }
        }
        "talk" => talk(doc, view, title),
        "conversation" => conversation(doc, view, title),
        "agree" => agreement(doc, view, title),
        "shape" => {
            if let Some(r) = &view.charts.radar {
                doc.heading("Heading1", title);
                radar(doc, r, &view.charts.radar_text);
            }
        }
        "dims" => dimensions(doc, view, title),
        "roles" => by_role(doc, view, title),
        "desired" if view.comparison.has_desired => desired(doc, view, title),
        "change" => change(doc, view, title),
        "matrix" => participants(doc, view, title),
        "items" => statements(doc, view, title),
        "notes" => notes(doc, view, title),
        "howmade" => super::method(doc, &view.method, title),
        _ => {}
    }
}

/// The session's part `id`: what was rated, what happened to the earlier actions, where the
/// group landed, and its actions (a table, and the effort/impact grid as a two-by-two table).
fn session(doc: &mut Doc, v: &SessionView, w: &GroupWords, id: &str, title: &str) {
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    match id {
        "session" => {
            doc.heading("Heading1", title);
            if let Some(scope) = &v.scope {
                doc.lead(&format!("{}: ", w.rating), scope);
            }
            if let Some(date) = &v.date {
                doc.para(&format!("Held on {date}."));
            }
            if !v.not_assessed.is_empty() {
                doc.lead(&format!("{}: ", w.covered), &v.covered.join(", "));
                doc.lead(&format!("{}: ", w.not_assessed), &v.not_assessed.join(", "));
            }
        }
        "followup" => {
            let Some(f) = &v.followup else { return };
            doc.heading("Heading1", title);
            doc.para(&format!("{} Agreed on {}.", w.followup_intro, f.date));
            let rows: Vec<Vec<String>> = f
                .actions
                .iter()
                .map(|a| {
                    vec![
                        a.text.clone(),
                        opt(&a.owner),
                        opt(&a.due),
                        a.then.into(),
                        a.status.into(),
                        opt(&a.note),
                    ]
                })
                .collect();
            match rows.is_empty() {
                true => doc.para(w.no_earlier_actions),
                false => doc.table(
                    &[
                        ("Action", 4),
                        ("Owner", 2),
                        ("Due", 2),
                        ("Then", 1),
                        ("Now", 1),
                        ("Note", 3),
                    ],
                    &rows,
                ),
            }
            let moved: Vec<String> = f
                .moved
                .iter()
                .map(|m| {
                    format!(
                        "{}: landed at {} then, {} now",
                        m.name,
                        fmt_score(Some(m.then)),
                        fmt_score(Some(m.now))
                    )
                })
                .collect();
            doc.bullets(&moved);
        }
        "landed" if !v.landed.is_empty() => {
            doc.heading("Heading1", title);
            doc.para(w.landed_note);
            for l in &v.landed {
                doc.heading(
                    "Heading2",
                    &format!("{}: {}", l.name, fmt_score(Some(l.point))),
                );
                let mut line = l.from_mean.as_deref().map(capitalized).unwrap_or_default();
                if let Some(b) = l.before {
                    line.push_str(&format!(". {}: {}", w.last_time, fmt_score(Some(b))));
                }
                if !line.is_empty() {
                    doc.para(&format!("{line}."));
                }
                if let Some(r) = &l.reasoning {
                    doc.lead(&format!("{}: ", w.why), r);
                }
                if let Some(d) = &l.dissent {
                    doc.lead(&format!("{}: ", w.dissent), d);
                }
            }
        }
        "actions" if !v.actions.is_empty() => {
            doc.heading("Heading1", title);
            let rows: Vec<Vec<String>> = v
                .actions
                .iter()
                .map(|a| {
                    let text = match &a.note {
                        Some(n) => format!("{} ({n})", a.text),
                        None => a.text.clone(),
                    };
                    vec![
                        a.id.clone(),
                        text,
                        opt(&a.dimension),
                        opt(&a.owner),
                        opt(&a.due),
                        a.effort.unwrap_or("").into(),
                        a.impact.unwrap_or("").into(),
                        a.status.into(),
                    ]
                })
                .collect();
            doc.table(
                &[
                    ("#", 1),
                    ("Action", 4),
                    ("Dimension", 2),
                    ("Owner", 2),
                    ("Due", 2),
                    ("Effort", 1),
                    ("Impact", 1),
                    ("Status", 1),
                ],
                &rows,
            );
            if let Some(g) = &v.grid {
                doc.heading("Heading2", w.grid_title);
                let cell = |i: usize| {
                    let q = &g.quadrants[i];
                    let ids = if q.actions.is_empty() {
                        "–".to_string()
                    } else {
                        q.actions.join(", ")
                    };
                    format!("{}: {ids}", q.title)
                };
                doc.table(
                    &[("", 2), ("Low effort", 3), ("High effort", 3)],
                    &[
                        vec!["High impact".into(), cell(0), cell(1)],
                        vec!["Low impact".into(), cell(2), cell(3)],
                    ],
                );
            }
        }
        _ => {}
    }
}

/// The group's statistics per dimension.
fn dimensions(doc: &mut Doc, view: &GroupReport, title: &str) {
    doc.heading("Heading1", title);
    let rows: Vec<Vec<String>> = view
        .comparison
        .dimensions
        .iter()
        .map(|d| {
            vec![
                d.name.clone(),
                fmt_score(d.stats.mean),
                d.band.clone().unwrap_or_default(),
                fmt_score(d.stats.sd),
                format!("{}–{}", fmt_score(d.stats.min), fmt_score(d.stats.max)),
                d.stats.n.to_string(),
            ]
        })
        .collect();
    doc.table(
        &[
            ("Dimension", 3),
            ("Mean", 1),
            ("Band", 2),
            ("sd", 1),
            ("Min–max", 2),
            ("n", 1),
        ],
        &rows,
    );
}

/// Each perspective's mean per dimension; a withheld perspective shows neither means nor size.
fn by_role(doc: &mut Doc, view: &GroupReport, title: &str) {
    let Some(by) = &view.comparison.by_role else {
        return;
    };
    doc.heading("Heading1", title);
    let heads: Vec<String> = by
        .roles
        .iter()
        .map(|r| match r.n {
            Some(n) => format!("{} (n={n})", r.role),
            None => format!("{} (withheld)", r.role),
        })
        .collect();
    let mut columns: Vec<(&str, usize)> = vec![("Dimension", 3)];
    columns.extend(heads.iter().map(|h| (h.as_str(), 2)));
    columns.push(("Spread", 1));
    let rows: Vec<Vec<String>> = by
        .dimensions
        .iter()
        .map(|d| {
            let mut row = vec![d.name.clone()];
            row.extend(d.stats.iter().map(|s| match s {
                Some(s) => fmt_score(s.mean),
                None => "withheld".to_string(),
            }));
            row.push(fmt_score(d.spread));
            row
        })
        .collect();
    doc.table(&columns, &rows);
}

/// Where participants want to be, against where they are.
fn desired(doc: &mut Doc, view: &GroupReport, title: &str) {
    doc.heading("Heading1", title);
    let rows: Vec<Vec<String>> = view
        .comparison
        .dimensions
        .iter()
        .filter_map(|d| {
            let want = d.desired.as_ref()?;
            Some(vec![
                d.name.clone(),
                fmt_score(d.stats.mean),
                fmt_score(want.mean),
                fmt_signed(want.mean.zip(d.stats.mean).map(|(w, m)| w - m)),
                fmt_score(want.sd),
                format!("{}–{}", fmt_score(want.min), fmt_score(want.max)),
            ])
        })
        .collect();
    doc.table(
        &[
            ("Dimension", 2),
            ("Now (mean)", 1),
            ("Wanted (mean)", 1),
            ("Difference", 1),
            ("Wanted: sd", 1),
            ("Wanted: min–max", 1),
        ],
        &rows,
    );
    doc.para(view.words.desired_note);
}

/// What changed since the earlier round (with --baseline).
fn change(doc: &mut Doc, view: &GroupReport, title: &str) {
    let Some(ch) = &view.comparison.change else {
        return;
    };
    doc.heading("Heading1", title);
    if !view.words.changed_most.is_empty() {
        doc.lead(
            "Changed most: ",
            &format!("{}.", view.words.changed_most.join("; ")),
        );
    }
    doc.para(view.words.noise_note);
    doc.para(&format!(
        "Since the earlier round{} ({} participants then, {} now). Spread is the standard \
         deviation; narrowed means the group sees it more alike.",
        ch.then_date
            .as_ref()
            .map(|d| format!(" of {d}"))
            .unwrap_or_default(),
        ch.then_participants,
        ch.now_participants
    ));
    let rows: Vec<Vec<String>> = std::iter::once(&ch.overall)
        .chain(&ch.dimensions)
        .map(|d| {
            vec![
                d.name.clone(),
                fmt_score(d.mean_then),
                fmt_score(d.mean_now),
                match d.reliable {
                    Some(false) => format!("{} (within noise)", fmt_signed(d.change)),
                    _ => fmt_signed(d.change),
                },
                fmt_score(d.sd_then),
                fmt_score(d.sd_now),
                d.spread.to_string(),
            ]
        })
        .collect();
    doc.table(
        &[
            ("Dimension", 3),
            ("Mean then", 1),
            ("Mean now", 1),
            ("Change", 1),
            ("sd then", 1),
            ("sd now", 1),
            ("Spread", 2),
        ],
        &rows,
    );
    if !ch.people.is_empty() {
        doc.heading("Heading2", view.words.people_in_both);
        let rows: Vec<Vec<String>> = ch
            .people
            .iter()
            .map(|p| {
                vec![
                    p.label.clone(),
                    fmt_score(p.overall_then),
                    fmt_score(p.overall_now),
                    fmt_signed(p.change),
                ]
            })
            .collect();
        doc.table(
            &[
                ("Participant", 3),
                ("Overall then", 1),
                ("Overall now", 1),
                ("Change", 1),
            ],
            &rows,
        );
    }
}

/// Each participant's score per dimension: dimensions down, five participants across per table,
/// so that nothing is cut off on the page.
fn participants(doc: &mut Doc, view: &GroupReport, title: &str) {
    let c = &view.comparison;
    doc.heading("Heading1", title);
    if !c.show_matrix {
        doc.para(&format!(
            "{} participants: each one's scores are in the JSON and CSV outputs.",
            c.participants.len()
        ));
        return;
    }
    doc.para("Each participant's score per dimension.");
    for chunk in c.participants.chunks(5) {
        let mut columns: Vec<(&str, usize)> = vec![("Dimension", 2)];
        columns.extend(chunk.iter().map(|p| (p.label.as_str(), 1)));
        let mut rows: Vec<Vec<String>> = c
            .dimensions
            .iter()
            .enumerate()
            .map(|(k, d)| {
                let mut row = vec![d.name.clone()];
                row.extend(chunk.iter().map(|p| fmt_score(p.dimensions[k])));
                row
            })
            .collect();
        let mut overall = vec!["Overall".to_string()];
        overall.extend(chunk.iter().map(|p| fmt_score(p.overall)));
        rows.push(overall);
        doc.table(&columns, &rows);
    }
}

/// The group's statistics per statement, with how many gave each answer.
fn statements(doc: &mut Doc, view: &GroupReport, title: &str) {
    let c = &view.comparison;
    doc.heading("Heading1", title);
    let rows: Vec<Vec<String>> = c
        .items
        .iter()
        .map(|i| {
            vec![
                i.statement.clone(),
                fmt_score(i.stats.mean),
                fmt_score(i.stats.sd),
                i.stats
                    .counts
                    .as_deref()
                    .map_or_else(|| "withheld".into(), counts_text),
            ]
        })
        .collect();
    let answers = capitalized(&answers_from(&c.scale_points));
    doc.table(
        &[
            ("Statement", 5),
            ("Mean (scored)", 1),
            ("sd", 1),
            (answers.as_str(), 2),
        ],
        &rows,
    );
}

/// The participants' notes per dimension (said whose only when not anonymized).
fn notes(doc: &mut Doc, view: &GroupReport, title: &str) {
    let c = &view.comparison;
    if c.notes.is_empty() {
        return;
    }
    doc.heading("Heading1", title);
    for d in &c.notes {
        doc.heading("Heading2", &d.name);
        let notes: Vec<String> = d
            .notes
            .iter()
            .map(|n| match &n.by {
                Some(by) => format!("{by}: {}", n.text),
                None => n.text.clone(),
            })
            .collect();
        doc.bullets(&notes);
    }
}

/// "What to talk about first": where the group is divided, its shared gaps, where it agrees.
fn talk(doc: &mut Doc, view: &GroupReport, title: &str) {
    use crate::present::view::TalkRef;
    let (c, w) = (&view.comparison, &view.words);
    let t = &c.talk;
    let points = &c.scale_points;
    let spread = |r: &TalkRef| {
        format!(
            "mean {}{}, sd {}",
            fmt_score(r.mean),
            r.band
                .as_ref()
                .map(|b| format!(", {b}"))
                .unwrap_or_default(),
            fmt_score(r.sd)
        )
    };
    doc.heading("Heading1", title);
    doc.heading("Heading2", w.divided);
    if t.dimensions.is_empty() && t.items.is_empty() {
        doc.para(w.divided_none);
    }
    let dims: Vec<String> = t
        .dimensions
        .iter()
        .map(|r| format!("{}: {}{}", r.name, spread(r), answers(points, &r.counts)))
        .collect();
    doc.bullets(&dims);
    let items: Vec<String> = t
        .items
        .iter()
        .map(|r| {
            let mean = match r.reverse {
                true => format!(
                    "reverse-scored: mean {} as given, {} as scored",
                    fmt_score(r.answer_mean),
                    fmt_score(r.mean)
                ),
                false => format!("mean {}", fmt_score(r.mean)),
            };
            format!(
                "“{}” ({}): {mean}, sd {}{}",
                r.name,
                r.dimension,
                fmt_score(r.sd),
                answers(points, &r.counts)
            )
        })
        .collect();
    doc.bullets(&items);
    doc.heading("Heading2", w.gaps);
    doc.para(&format!("{}.", w.gaps_intro));
    let gaps: Vec<String> = w
        .gap_lines
        .iter()
        .map(|g| format!("{}: {}", g.name, g.text))
        .collect();
    match gaps.is_empty() {
        true => doc.para(w.gaps_none),
        false => doc.bullets(&gaps),
    }
    if !w.role_lines.is_empty() {
        doc.heading("Heading2", w.roles_differ);
        let lines: Vec<String> = w
            .role_lines
            .iter()
            .map(|g| format!("{}: {}", g.name, g.text))
            .collect();
        doc.bullets(&lines);
    }
    doc.heading("Heading2", w.agreed);
    let agreed: Vec<String> = t
        .agreed
        .iter()
        .map(|r| {
            let strength = match t.shared_strengths.contains(&r.id) {
                true => format!(" ({})", w.strength),
                false => String::new(),
            };
            format!("{}: {}{strength}", r.name, spread(r))
        })
        .collect();
    match agreed.is_empty() {
        true => doc.para(w.agreed_none),
        false => doc.bullets(&agreed),
    }
    if !agreed.is_empty() && t.shared_strengths.is_empty() {
        doc.para(w.agreed_not_strong);
    }
    doc.para(&format!(
        "Divided means a standard deviation above {}; agreed, {} or less.",
        t.low_spread, t.low_spread
    ));
}

/// How many answers fell on each point of the scale, in words; nothing where withheld.
fn answers(points: &[i64], counts: &Option<Vec<usize>>) -> String {
    counts
        .as_deref()
        .map(|counts| format!("; {}: {}", answers_from(points), counts_text(counts)))
        .unwrap_or_default()
}

/// "answers from 1 to 5": what a list of counts per point of the scale counts.
fn answers_from(points: &[i64]) -> String {
    let (lo, hi) = (points.first(), points.last());
    format!(
        "answers from {} to {}",
        lo.copied().unwrap_or_default(),
        hi.copied().unwrap_or_default()
    )
}

/// Counts per point of the scale, lowest first: "1, 4, 2, 1, 0".
fn counts_text(counts: &[usize]) -> String {
    let counts: Vec<String> = counts.iter().map(usize::to_string).collect();
    counts.join(", ")
}

/// "For the conversation": per dimension to talk about, its question and what to bring.
fn conversation(doc: &mut Doc, view: &GroupReport, title: &str) {
    let (focus, w) = (&view.focus, &view.words);
    if focus.is_empty() {
        return;
    }
    doc.heading("Heading1", title);
    for f in focus {
        let why: Vec<&str> = f
            .why
            .iter()
            .map(|why| match *why {
                "divided" => w.why_divided,
                _ => w.why_gap,
            })
            .collect();
        doc.heading("Heading2", &format!("{} ({})", f.name, why.join(", ")));
        doc.para(&format!("{}: {}", w.guiding_question, f.question));
        let reflect = match &f.band {
            Some(b) => format!("{} ({})", w.lists.prompts, b.name),
            None => w.lists.prompts.to_string(),
        };
        for (list_title, list) in [
            (reflect.as_str(), &f.prompts),
            (w.lists.perspectives, &f.perspectives),
            (w.lists.methods, &f.methods),
            (w.lists.pitfalls, &f.pitfalls),
        ] {
            if !list.is_empty() {
                doc.heading("Heading3", list_title);
                doc.bullets(list);
            }
        }
    }
}

/// "How much do we agree?", overall and dimension by dimension, in words.
fn agreement(doc: &mut Doc, view: &GroupReport, title: &str) {
    let a = &view.comparison.agreement;
    doc.heading("Heading1", title);
    doc.para(&match &a.undefined {
        Some(why) => format!("Agreement cannot be told: {why}."),
        None => format!("Overall, {}.", a.reading),
    });
    let readings: Vec<String> = view
        .agreement_readings
        .iter()
        .map(|r| {
            let names: Vec<&str> = r.dimensions.iter().map(|d| d.name.as_str()).collect();
            let reading = match r.reading {
                "undefined" => view.words.cannot_tell.to_string(),
                other => capitalized(other),
            };
            format!("{reading}: {}.", names.join(", "))
        })
        .collect();
    doc.bullets(&readings);
    if !view.words.sure_lines.is_empty() {
        doc.heading("Heading2", view.words.sure_title);
        doc.para(&view.words.sure_intro);
        let lines: Vec<String> = view
            .words
            .sure_lines
            .iter()
            .map(|g| format!("{}: {}", g.name, g.text))
            .collect();
        doc.bullets(&lines);
    }
    doc.para(&format!(
        "Agreement is Krippendorff's alpha over the answers: {}",
        view.words.agreement_explained
    ));
}

//! A person's report as a Word document.

use super::{front, radar, shown, Doc};
use crate::error::Result;
use crate::model::config::Framing;
use crate::present::format::{fmt_score, fmt_signed};
use crate::present::view::{DimensionView, ReportView, ReportWords, REPORT_SECTIONS};

/// A person's report as a Word document.
pub fn report(view: &ReportView, framing: &Framing) -> Result<Vec<u8>> {
    let title = framing
        .brand
        .title
        .clone()
        .unwrap_or_else(|| view.words.title.clone());
    let mut doc = Doc::new(
        framing,
        &format!("{title} · {}", view.respondent.display_name),
    );
    let who = [
        Some(view.respondent.display_name.clone()),
        view.respondent.community.clone(),
        view.respondent
            .role
            .as_ref()
            .map(|r| format!("answering as {r}")),
        Some(view.respondent.date.clone()),
    ];
    let who: Vec<String> = who.into_iter().flatten().collect();
    front(
        &mut doc,
        framing,
        &title,
        &format!("{} · {}", view.words.title, who.join(" · ")),
    );
    if let Some(scope) = &view.scope {
        doc.lead("Rating: ", scope);
    }
    if !view.not_assessed.is_empty() {
        doc.lead(
            "Not assessed in this session: ",
            &view.not_assessed.join(", "),
        );
    }
    for w in &view.warnings {
        doc.para(w);
    }
    for section in &REPORT_SECTIONS {
        if !shown(framing, section.show) {
            continue;
        }
        let title = section.title;
        match section.id {
            "overview" => overview(&mut doc, view, title),
            "scores" => scores(&mut doc, view, title),
            "highlights" => highlights(&mut doc, view, title),
            "details" => dimensions(&mut doc, view, title),
            "coverage" => coverage(&mut doc, view, title),
            "howmade" => super::method(&mut doc, &view.method, title),
            // The round-by-round table: a page has no room for its columns.
            _ => {}
        }
    }
    doc.finish()
}

/// The overall score, the next step, and the radar.
fn overview(doc: &mut Doc, view: &ReportView, title: &str) {
    let w = &view.words;
    doc.heading("Heading1", title);
    if let Some(headline) = &w.changed_most {
        let moved = match w.largest_changes.is_empty() {
            true => w.nothing_moved.to_string(),
            false => w.largest_changes.join(", "),
        };
        doc.lead(&format!("{headline}:"), &moved);
    }
    doc.lead(
        &fmt_score(view.overall),
        &format!(
            "overall, on a scale of {} to {}",
            view.rubric.scale.min, view.rubric.scale.max
        ),
    );
    if let Some(n) = &view.next_step {
        doc.heading("Heading2", &format!("{}: {}", w.next_step, n.name));
        if let Some(why) = &w.next_step_why {
            doc.para(why);
        }
        if let (Some(l), Some(lead)) = (&n.looks_like, &w.looks_like) {
            doc.lead(lead, l.trim());
        }
        if let Some(m) = &n.method {
            doc.lead(w.one_thing, m);
        }
    }
    if let Some(r) = &view.charts.radar {
        radar(doc, r, &view.charts.radar_text);
    }
}

/// Every dimension's score, band, wanted position and gap in one table.
fn scores(doc: &mut Doc, view: &ReportView, title: &str) {
    doc.heading("Heading1", title);
    let rows: Vec<Vec<String>> = view
        .groups
        .iter()
        .flat_map(|g| g.dimensions.iter().map(move |d| (g, d)))
        .map(|(g, d)| {
            vec![
                g.name.clone(),
                d.name.clone(),
                fmt_score(d.score),
                d.band.as_ref().map(|b| b.name.clone()).unwrap_or_default(),
                d.desired.map(|v| v.to_string()).unwrap_or_default(),
                d.gap.map(|g| fmt_signed(Some(g))).unwrap_or_default(),
            ]
        })
        .collect();
    doc.table(
        &[
            ("Group", 3),
            ("Dimension", 3),
            ("Score", 1),
            ("Band", 2),
            ("Want", 1),
            ("Gap", 1),
        ],
        &rows,
    );
}

/// Strengths to build on and where to focus next.
fn highlights(doc: &mut Doc, view: &ReportView, title: &str) {
    let w = &view.words;
    doc.heading("Heading1", title);
    doc.heading("Heading2", w.strengths);
    let strengths: Vec<String> = view
        .strengths
        .iter()
        .map(|d| format!("{} ({}): {}", d.name, d.group, fmt_score(d.score)))
        .collect();
    match strengths.is_empty() {
        true => doc.para(w.no_scores),
        false => doc.bullets(&strengths),
    }
    doc.heading("Heading2", w.focus);
    let focus: Vec<String> = view
        .focus
        .iter()
        .map(|d| match (view.focus_by, d.desired) {
            ("gap", Some(want)) => format!(
                "{} ({}): {} now, {want} wanted",
                d.name,
                d.group,
                fmt_score(d.score)
            ),
            _ => format!("{} ({}): {}", d.name, d.group, fmt_score(d.score)),
        })
        .collect();
    if !focus.is_empty() {
        doc.para(w.focus_intro);
    }
    match focus.is_empty() {
        true => doc.para(w.no_scores),
        false => doc.bullets(&focus),
    }
}

/// Each dimension: its question, the answers, the person's note, and what to reflect on, try
/// and avoid.
fn dimensions(doc: &mut Doc, view: &ReportView, title: &str) {
    let w = &view.words;
    doc.heading("Heading1", title);
    for d in view.groups.iter().flat_map(|g| &g.dimensions) {
        let band = d
            .band
            .as_ref()
            .map(|b| format!(" ({})", b.name))
            .unwrap_or_default();
        doc.heading(
            "Heading2",
            &format!("{}: {}{band}", d.name, fmt_score(d.score)),
        );
        if let Some(t) = &d.too_few {
            doc.para(&format!("{t}."));
        }
        doc.para(&format!("{}: {}", w.guiding_question, d.question));
        let items: Vec<Vec<String>> = d
            .items
            .iter()
            .map(|i| {
                let statement = match i.reverse {
                    true => format!("{} (reverse-scored)", i.statement),
                    false => i.statement.clone(),
                };
                let answer = match &i.na_reason {
                    Some(why) => format!("{}: {why}", i.answer_label),
                    None => i.answer_label.clone(),
                };
                vec![statement, answer]
            })
            .collect();
        doc.table(&[(w.statement, 3), (w.your_answer, 1)], &items);
        if let Some(note) = &d.note {
            doc.lead(w.your_note, note);
        }
        good_looks_like(doc, w, d);
        for (list_title, list) in [
            (w.lists.prompts, &d.prompts),
            (w.lists.perspectives, &d.perspectives),
            (w.lists.methods, &d.methods),
            (w.lists.pitfalls, &d.pitfalls),
            (w.lists.quality_signs, &d.quality_signs),
        ] {
            if !list.is_empty() {
                doc.heading("Heading3", list_title);
                doc.bullets(list);
            }
        }
    }
}

/// What the dimension looks like in the person's band and the next, and one thing to try.
fn good_looks_like(doc: &mut Doc, w: &ReportWords, d: &DimensionView) {
    if d.looks_like.is_none() && d.looks_like_next.is_none() {
        return;
    }
    doc.heading("Heading3", w.good_looks_like);
    if let (Some(l), Some(b)) = (&d.looks_like, &d.band) {
        doc.lead(&format!("{} ({}):", b.name, w.where_you_are), l.trim());
    }
    if let (Some(l), Some(b)) = (&d.looks_like_next, &d.next_band) {
        doc.lead(&format!("{} ({}):", b.name, w.next), l.trim());
    }
    if let Some(m) = &d.next_method {
        doc.lead(w.one_thing_from_here, m);
    }
}

/// How many statements were scored, and which were not applicable, not known or not answered.
fn coverage(doc: &mut Doc, view: &ReportView, title: &str) {
    let (c, w) = (&view.coverage, &view.words);
    doc.heading("Heading1", title);
    let dont_know = match view.rubric.scale.dont_know {
        true => format!("{} don't know, ", c.dont_know),
        false => String::new(),
    };
    doc.para(&format!(
        "{} of {} statements scored, {} not applicable, {dont_know}{} not answered.",
        c.answered, c.total, c.not_applicable, c.unanswered
    ));
    for (list_title, items) in [
        (w.not_applicable, &c.not_applicable_items),
        (w.dont_know, &c.dont_know_items),
        (w.not_answered, &c.unanswered_items),
    ] {
        if items.is_empty() {
            continue;
        }
        doc.heading("Heading2", list_title);
        let lines: Vec<String> = items
            .iter()
            .map(|i| match &i.reason {
                Some(why) => format!("{}: {} (reason: {why})", i.dimension, i.statement),
                None => format!("{}: {}", i.dimension, i.statement),
            })
            .collect();
        doc.bullets(&lines);
    }
}

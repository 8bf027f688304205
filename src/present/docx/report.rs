//! A person's report as a Word document.

use super::{front, radar, shown, Doc};
use crate::error::Result;
use crate::model::config::Framing;
use crate::present::format::{fmt_score, fmt_signed};
use crate::present::view::ReportView;

/// A person's report as a Word document.
pub fn report(view: &ReportView, framing: &Framing) -> Result<Vec<u8>> {
    let rubric = &view.rubric.title;
    let title = framing
        .brand
        .title
        .clone()
        .unwrap_or_else(|| format!("Reflection report: {rubric}"));
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
        &format!("Reflection report: {rubric} · {}", who.join(" · ")),
    );
    let show = |section| shown(framing, section);
    for w in &view.warnings {
        doc.para(w);
    }
    if show("overview") {
        overview(&mut doc, view);
    }
    if show("scores") {
        scores(&mut doc, view);
    }
    if show("highlights") {
        highlights(&mut doc, view);
    }
    if show("dimensions") {
        dimensions(&mut doc, view);
    }
    doc.finish()
}

/// The overall score, the next step, and the radar.
fn overview(doc: &mut Doc, view: &ReportView) {
    doc.heading("Heading1", "Overview");
    doc.lead(
        &fmt_score(view.overall),
        &format!(
            "overall, on a scale of {} to {}{}",
            view.rubric.scale.min,
            view.rubric.scale.max,
            view.overall_band
                .as_ref()
                .map(|b| format!(" ({})", b.name))
                .unwrap_or_default()
        ),
    );
    if let Some(n) = &view.next_step {
        doc.heading("Heading2", &format!("Your next step: {}", n.name));
        if let Some(l) = &n.looks_like {
            let band = n.next_band.as_ref().map_or("At its best".to_string(), |b| {
                format!("{} looks like this:", b.name)
            });
            doc.lead(&band, l.trim());
        }
        if let Some(m) = &n.method {
            doc.lead("One thing to try:", m);
        }
    }
    if let Some(r) = &view.charts.radar {
        radar(doc, r, &view.charts.radar_text);
    }
}

/// Every dimension's score, band, wanted position and gap in one table.
fn scores(doc: &mut Doc, view: &ReportView) {
    doc.heading("Heading1", "Scores by dimension");
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
fn highlights(doc: &mut Doc, view: &ReportView) {
    doc.heading("Heading1", "Strengths and focus");
    doc.heading("Heading2", "Strengths to build on");
    let strengths: Vec<String> = view
        .strengths
        .iter()
        .map(|d| format!("{} ({}): {}", d.name, d.group, fmt_score(d.score)))
        .collect();
    match strengths.is_empty() {
        true => doc.para("No scores yet."),
        false => doc.bullets(&strengths),
    }
    doc.heading("Heading2", "Where to focus next");
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
        doc.para(match view.focus_by {
            "gap" => "The largest gaps to where you want to be:",
            _ => "Your lowest scores:",
        });
    }
    match focus.is_empty() {
        true => doc.para("No scores yet."),
        false => doc.bullets(&focus),
    }
}

/// Each dimension: its question, the answers, the person's note, and what to reflect on, try
/// and avoid.
fn dimensions(doc: &mut Doc, view: &ReportView) {
    doc.heading("Heading1", "Dimension by dimension");
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
        doc.para(&format!("Guiding question: {}", d.question));
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
        doc.table(&[("Statement", 3), ("Your answer", 1)], &items);
        if let Some(note) = &d.note {
            doc.lead("Your note:", note);
        }
        good_looks_like(doc, d);
        for (title, list) in [
            ("Questions for reflection", &d.prompts),
            ("Perspectives to take", &d.perspectives),
            ("Methods to try", &d.methods),
            ("Pitfalls to avoid", &d.pitfalls),
        ] {
            if !list.is_empty() {
                doc.heading("Heading3", title);
                doc.bullets(list);
            }
        }
    }
}

/// What the dimension looks like in the person's band and the next, and one thing to try.
fn good_looks_like(doc: &mut Doc, d: &crate::present::view::DimensionView) {
    if d.looks_like.is_none() && d.looks_like_next.is_none() {
        return;
    }
    doc.heading("Heading3", "What good looks like");
    if let (Some(l), Some(b)) = (&d.looks_like, &d.band) {
        doc.lead(&format!("{} (where you are):", b.name), l.trim());
    }
    if let (Some(l), Some(b)) = (&d.looks_like_next, &d.next_band) {
        doc.lead(&format!("{} (next):", b.name), l.trim());
    }
    if let Some(m) = &d.next_method {
        doc.lead("One thing to try from here:", m);
    }
}

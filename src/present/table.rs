//! Terminal tables (comfy-table): one style for the whole tool, fitted to the terminal's width.
//! No colour is used, so `NO_COLOR` and monochrome terminals need nothing special.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ContentArrangement, Table};

use crate::present::format::{bar, change_text, fmt_score, fmt_signed};

/// A table with `headers`, wrapping its cells to fit the terminal.
pub fn new(headers: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(headers.to_vec());
    if let Some(width) = width_override() {
        table.set_width(width);
    }
    table
}

/// Aligns the given columns to the right (numbers).
pub fn align_right(table: &mut Table, columns: &[usize]) {
    for &c in columns {
        if let Some(col) = table.column_mut(c) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
}

/// `COLUMNS` wins over the detected width, so output can be fitted when not on a terminal.
fn width_override() -> Option<u16> {
    std::env::var("COLUMNS").ok()?.parse().ok()
}

/// How many cells a bar gets on this terminal: 10, fewer on a narrow one, none below 60
/// columns, where the numbers matter more than the picture.
pub fn bar_width() -> usize {
    match width_override().or_else(|| Table::new().width()) {
        Some(w) if w < 60 => 0,
        Some(w) if w < 90 => 6,
        _ => 10,
    }
}

/// Keeps a column on one line (bars must not wrap).
fn no_wrap(table: &mut Table, column: usize) {
    if let Some(col) = table.column_mut(column) {
        col.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
    }
}

/// Scores per group and dimension, with bars, bands, where the person wants to be (when the
/// rubric asks or they said) and the change since a baseline (when there is one).
pub fn report(view: &crate::present::view::ReportView) -> Table {
    let with_desired = view.has_desired;
    let with_change = view.baseline.is_some();
    let mut headers = vec!["", "score", "", "band"];
    if with_desired {
        headers.extend(["want", "gap"]);
    }
    if with_change {
        headers.push("change");
    }
    let width = bar_width();
    let mut t = new(&headers);
    align_right(&mut t, &[1, 4, 5, 6]);
    let row = |name: String,
               score: Option<f64>,
               percent: Option<f64>,
               band: String,
               desired: Option<i64>,
               gap: Option<f64>,
               change: Option<&crate::analysis::change::Change>| {
        let mut r = vec![name, fmt_score(score), bar(percent, 0, 100, width), band];
        if with_desired {
            r.push(desired.map(|d| d.to_string()).unwrap_or_default());
            r.push(gap.map(|g| fmt_signed(Some(g))).unwrap_or_default());
        }
        if with_change {
            r.push(change.map(change_text).unwrap_or_default());
        }
        r
    };
    for g in &view.groups {
        t.add_row(row(
            g.name.to_uppercase(),
            g.score,
            g.percent,
            String::new(),
            None,
            None,
            g.baseline.as_ref(),
        ));
        for d in &g.dimensions {
            let band = d.band.as_ref().map(|b| b.name.clone()).unwrap_or_default();
            t.add_row(row(
                format!("  {}", d.name),
                d.score,
                d.percent,
                band,
                d.desired,
                d.gap,
                d.baseline.as_ref(),
            ));
        }
    }
    no_wrap(&mut t, 2);
    let overall_change = view.baseline.as_ref().and_then(|b| b.overall.as_ref());
    t.add_row(row(
        "OVERALL".to_string(),
        view.overall,
        view.overall_percent,
        view.overall_band
            .as_ref()
            .map(|b| b.name.clone())
            .unwrap_or_default(),
        None,
        None,
        overall_change,
    ));
    t
}

/// A group comparison for the terminal: agreement, dimensions, what to talk about, and the
/// roles side by side when asked.
pub fn comparison(view: &crate::present::view::GroupReport) -> String {
    let c = &view.comparison;
    use std::fmt::Write as _;
    let alpha = |a: &crate::analysis::compare::AgreementView| match (a.ordinal, a.interval) {
        (Some(o), Some(i)) => format!("{o:.3} / {i:.3}"),
        _ => "undefined".to_string(),
    };
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} · {} participant{}{}",
        view.rubric.title,
        c.participants.len(),
        if c.participants.len() == 1 { "" } else { "s" },
        if c.anonymized { " (anonymized)" } else { "" }
    );
    let _ = writeln!(
        s,
        "Agreement (Krippendorff's alpha, ordinal / interval): {} — {}",
        alpha(&c.agreement),
        c.agreement
            .undefined
            .as_deref()
            .unwrap_or(c.agreement.reading)
    );
    for n in &c.notices {
        let _ = writeln!(s, "Note: {n}");
    }
    let (min, max) = (view.rubric.scale.min, view.rubric.scale.max);
    let mut t = new(&[
        "group",
        "dimension",
        "n",
        "mean",
        "",
        "sd",
        "min–max",
        "alpha",
    ]);
    align_right(&mut t, &[2, 3, 5, 6, 7]);
    for d in &c.dimensions {
        t.add_row(vec![
            d.group.clone(),
            d.name.clone(),
            d.stats.n.to_string(),
            fmt_score(d.stats.mean),
            bar(d.stats.mean, min, max, bar_width()),
            fmt_score(d.stats.sd),
            match (d.stats.min, d.stats.max) {
                (Some(lo), Some(hi)) => format!("{}–{}", fmt_score(Some(lo)), fmt_score(Some(hi))),
                _ => "—".to_string(),
            },
            d.agreement
                .ordinal
                .map(|a| format!("{a:.2}"))
                .unwrap_or_else(|| "—".into()),
        ]);
    }
    t.add_row(vec![
        "OVERALL".to_string(),
        String::new(),
        c.overall.n.to_string(),
        fmt_score(c.overall.mean),
        bar(c.overall.mean, min, max, bar_width()),
        fmt_score(c.overall.sd),
        match (c.overall.min, c.overall.max) {
            (Some(lo), Some(hi)) => format!("{}–{}", fmt_score(Some(lo)), fmt_score(Some(hi))),
            _ => "—".to_string(),
        },
        c.agreement
            .ordinal
            .map(|a| format!("{a:.2}"))
            .unwrap_or_else(|| "—".into()),
    ]);
    no_wrap(&mut t, 4);
    let _ = writeln!(s, "{t}");
    let list = |s: &mut String, title: &str, refs: &[crate::analysis::compare::TalkRef]| {
        if refs.is_empty() {
            return;
        }
        let _ = writeln!(s, "{title}");
        for r in refs {
            let _ = writeln!(
                s,
                "  - {} (mean {}, sd {})",
                r.name,
                fmt_score(r.mean),
                fmt_score(r.sd)
            );
        }
    };
    list(
        &mut s,
        "Where you see it differently (talk about these first):",
        &c.talk.dimensions,
    );
    list(&mut s, "Statements with the most spread:", &c.talk.items);
    list(
        &mut s,
        "Shared strengths (high, agreed):",
        &c.talk.shared_strengths,
    );
    list(&mut s, "Shared gaps (low, agreed):", &c.talk.shared_gaps);
    if let Some(b) = &c.by_role {
        let mut headers: Vec<String> = vec!["dimension".into()];
        headers.extend(b.roles.iter().map(|r| format!("{} (n={})", r.role, r.n)));
        headers.push("spread".into());
        let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
        let mut t = new(&refs);
        for d in &b.dimensions {
            let mut row = vec![d.name.clone()];
            row.extend(d.stats.iter().map(|st| match st {
                Some(st) => fmt_score(st.mean),
                None => "withheld".to_string(),
            }));
            row.push(fmt_score(d.spread));
            t.add_row(row);
        }
        let _ = writeln!(s, "\nBy role (mean per dimension)\n{t}");
    }
    if let Some(ch) = &c.change {
        let mut t = new(&[
            "since the earlier round",
            "mean then",
            "mean now",
            "change",
            "sd then",
            "sd now",
            "spread",
        ]);
        align_right(&mut t, &[1, 2, 3, 4, 5]);
        for d in std::iter::once(&ch.overall).chain(&ch.dimensions) {
            t.add_row(vec![
                d.name.clone(),
                fmt_score(d.mean_then),
                fmt_score(d.mean_now),
                format!("{} {}", d.arrow, fmt_signed(d.change)),
                fmt_score(d.sd_then),
                fmt_score(d.sd_now),
                d.spread.to_string(),
            ]);
        }
        let _ = writeln!(
            s,
            "\nWhat changed ({} participants then, {} now)\n{t}",
            ch.then_participants, ch.now_participants
        );
    }
    if c.show_matrix {
        let mut headers: Vec<String> = vec!["participant".into()];
        headers.extend(c.dimensions.iter().map(|d| d.name.clone()));
        headers.push("overall".into());
        let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
        let mut t = new(&refs);
        align_right(&mut t, &(1..headers.len()).collect::<Vec<_>>());
        for p in &c.participants {
            let mut row = vec![p.label.clone()];
            row.extend(p.dimensions.iter().map(|v| fmt_score(*v)));
            row.push(fmt_score(p.overall));
            t.add_row(row);
        }
        let _ = writeln!(s, "\nParticipants × dimensions\n{t}");
    }
    let mut t = new(&["item", "statement", "n", "na", "mean", "sd", "answers"]);
    align_right(&mut t, &[2, 3, 4, 5]);
    for i in &c.items {
        t.add_row(vec![
            i.id.clone(),
            format!(
                "{}{}",
                i.statement,
                if i.reverse { " (reverse)" } else { "" }
            ),
            i.stats.n.to_string(),
            i.stats.na.to_string(),
            fmt_score(i.stats.mean),
            fmt_score(i.stats.sd),
            i.stats
                .counts
                .as_ref()
                .map(|counts| distribution(&c.scale_points, counts))
                .unwrap_or_else(|| "withheld".into()),
        ]);
    }
    let _ = writeln!(s, "\nStatements (answers per point of the scale)\n{t}");
    s
}

/// Answers per scale point as small bars with their counts: `1▁0 2▃2 3█5`.
pub fn distribution(points: &[i64], counts: &[usize]) -> String {
    const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let top = counts.iter().copied().max().unwrap_or(0).max(1);
    points
        .iter()
        .zip(counts)
        .map(|(p, c)| {
            let level = if *c == 0 { 0 } else { (c * 7).div_ceil(top) };
            format!("{p}{}{c}", LEVELS[level.min(7)])
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_in_proportion_to_the_scale() {
        assert_eq!(bar(Some(1.0), 1, 5, 8), "░░░░░░░░");
        assert_eq!(bar(Some(3.0), 1, 5, 8), "████░░░░");
        assert_eq!(bar(Some(5.0), 1, 5, 8), "████████");
        assert_eq!(bar(None, 1, 5, 8), "");
    }

    #[test]
    fn distributions_scale_to_the_largest_count() {
        assert_eq!(distribution(&[1, 2, 3], &[0, 2, 4]), "1▁0 2▅2 3█4");
    }

    #[test]
    fn changes_have_a_sign_except_zero() {
        assert_eq!(fmt_signed(Some(0.5)), "+0.5");
        assert_eq!(fmt_signed(Some(-1.254)), "-1.25");
        assert_eq!(fmt_signed(Some(0.001)), "0");
        assert_eq!(fmt_signed(None), "–");
    }

    #[test]
    fn scores_are_shown_with_at_most_two_decimals() {
        assert_eq!(fmt_score(Some(10.0 / 3.0)), "3.33");
        assert_eq!(fmt_score(Some(3.5)), "3.5");
        assert_eq!(fmt_score(Some(4.0)), "4");
        assert_eq!(fmt_score(None), "—");
    }
}

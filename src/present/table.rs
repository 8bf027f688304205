//! Terminal tables (comfy-table): one style for the whole tool, fitted to the terminal's width.
//! No colour is used, so `NO_COLOR` and monochrome terminals need nothing special.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ContentArrangement, Table};

use crate::analysis::compare::{AgreementView, ByRole, ChangeOverTime, Comparison};
use crate::analysis::stats::Stats;
use crate::present::format::{bar, change_text, fmt_score, fmt_signed};
use crate::present::view::GroupReport;

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
pub fn comparison(view: &GroupReport) -> String {
    let c = &view.comparison;
    let mut s = comparison_heading(view);
    s.push_str(&format!("{}\n", dimension_table(view)));
    s.push_str(&talk_lists(c));
    if let Some(b) = &c.by_role {
        s.push_str(&format!(
            "\nBy role (mean per dimension)\n{}\n",
            role_table(b)
        ));
    }
    if let Some(ch) = &c.change {
        s.push_str(&format!(
            "\nWhat changed ({} participants then, {} now)\n{}\n",
            ch.then_participants,
            ch.now_participants,
            change_table(ch)
        ));
    }
    if c.show_matrix {
        s.push_str(&format!(
            "\nParticipants × dimensions\n{}\n",
            participant_table(c)
        ));
    }
    s.push_str(&format!(
        "\nStatements (answers per point of the scale)\n{}\n",
        statement_table(c)
    ));
    s
}

fn alpha(a: &AgreementView) -> String {
    match (a.ordinal, a.interval) {
        (Some(o), Some(i)) => format!("{o:.3} / {i:.3}"),
        _ => "undefined".to_string(),
    }
}

/// The rubric, how many took part, the overall agreement and the notices.
fn comparison_heading(view: &GroupReport) -> String {
    let c = &view.comparison;
    let n = c.participants.len();
    let mut s = format!(
        "{} · {n} participant{}{}\n",
        view.rubric.title,
        if n == 1 { "" } else { "s" },
        if c.anonymized { " (anonymized)" } else { "" }
    );
    s.push_str(&format!(
        "Agreement (Krippendorff's alpha, ordinal / interval): {} — {}\n",
        alpha(&c.agreement),
        c.agreement
            .undefined
            .as_deref()
            .unwrap_or(c.agreement.reading)
    ));
    for n in &c.notices {
        s.push_str(&format!("Note: {n}\n"));
    }
    s
}

/// One row of statistics: n, mean with a bar, sd, range and agreement.
fn stats_row(
    label: [String; 2],
    st: &Stats,
    agreement: &AgreementView,
    scale: (i64, i64),
) -> Vec<String> {
    let [group, name] = label;
    vec![
        group,
        name,
        st.n.to_string(),
        fmt_score(st.mean),
        bar(st.mean, scale.0, scale.1, bar_width()),
        fmt_score(st.sd),
        match (st.min, st.max) {
            (Some(lo), Some(hi)) => format!("{}–{}", fmt_score(Some(lo)), fmt_score(Some(hi))),
            _ => "—".to_string(),
        },
        agreement
            .ordinal
            .map(|a| format!("{a:.2}"))
            .unwrap_or_else(|| "—".into()),
    ]
}

/// Each dimension's statistics, then the overall.
fn dimension_table(view: &GroupReport) -> Table {
    let c = &view.comparison;
    let scale = (view.rubric.scale.min, view.rubric.scale.max);
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
        t.add_row(stats_row(
            [d.group.clone(), d.name.clone()],
            &d.stats,
            &d.agreement,
            scale,
        ));
    }
    t.add_row(stats_row(
        ["OVERALL".into(), String::new()],
        &c.overall,
        &c.agreement,
        scale,
    ));
    no_wrap(&mut t, 4);
    t
}

/// What to talk about first, as lists.
fn talk_lists(c: &Comparison) -> String {
    let mut s = String::new();
    for (title, refs) in [
        (
            "Where you see it differently (talk about these first):",
            &c.talk.dimensions,
        ),
        ("Statements with the most spread:", &c.talk.items),
        ("Shared strengths (high, agreed):", &c.talk.shared_strengths),
        ("Shared gaps (low, agreed):", &c.talk.shared_gaps),
    ] {
        if refs.is_empty() {
            continue;
        }
        s.push_str(&format!("{title}\n"));
        for r in refs {
            s.push_str(&format!(
                "  - {} (mean {}, sd {})\n",
                r.name,
                fmt_score(r.mean),
                fmt_score(r.sd)
            ));
        }
    }
    s
}

/// Each role's mean per dimension, and how far apart the roles are.
fn role_table(b: &ByRole) -> Table {
    let mut headers: Vec<String> = vec!["dimension".into()];
    headers.extend(b.roles.iter().map(|r| match r.n {
        Some(n) => format!("{} (n={n})", r.role),
        None => format!("{} (withheld)", r.role),
    }));
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
    t
}

/// The change since an earlier round, overall and per dimension.
fn change_table(ch: &ChangeOverTime) -> Table {
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
    t
}

/// Each participant's score per dimension and overall.
fn participant_table(c: &Comparison) -> Table {
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
    t
}

/// Each statement's statistics and its answers per point of the scale.
fn statement_table(c: &Comparison) -> Table {
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
    t
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

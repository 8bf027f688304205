//! Terminal tables (comfy-table): one style for the whole tool, fitted to the terminal's width.
//! No colour is used, so `NO_COLOR` and monochrome terminals need nothing special.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ContentArrangement, Table};

use crate::present::format::{bar, change_text, fmt_score, fmt_signed, wrap};
use crate::present::view::{
    AgreementView, ByRole, ChangeOverTime, Comparison, FollowUp, GroupReport, SessionView, Stats,
    TalkRef, GROUP_SECTIONS,
};

/// A table with `headers`, wrapping its cells to fit the terminal (80 columns when the output
/// is not a terminal and `COLUMNS` is not set).
pub fn new(headers: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(headers.to_vec());
    table.set_width(u16::try_from(terminal_width()).unwrap_or(u16::MAX));
    table
}

/// The width prose is wrapped to: the terminal's, at most 90 columns, which reads better than
/// a line across a wide screen.
pub fn prose_width() -> usize {
    terminal_width().min(90)
}

/// Errors, warnings and notes: wrapped as [`prose`] when standard error is a terminal; whole
/// lines otherwise, for logs and for tools that read `FILE:LINE:COLUMN: message`.
pub fn prose_for_stderr(text: &str) -> String {
    use std::io::IsTerminal;
    match std::io::stderr().is_terminal() {
        true => prose(text),
        false => text.to_string(),
    }
}

/// `text` as prose for the terminal, wrapped to [`prose_width`]; a line that holds a command
/// to copy (`learnlead ...`) is left whole.
pub fn prose(text: &str) -> String {
    text.split('\n')
        .map(|line| match line.contains("learnlead ") {
            true => line.to_string(),
            false => wrap(line, prose_width()),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Aligns the given columns to the right (numbers).
pub fn align_right(table: &mut Table, columns: &[usize]) {
    for &c in columns {
        if let Some(col) = table.column_mut(c) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
}

/// `COLUMNS` wins over the detected width, so output can be fitted when not on a terminal. A
/// width of 0 (some terminals report it) or less than 20 is no width at all.
fn width_override() -> Option<u16> {
    std::env::var("COLUMNS")
        .ok()?
        .trim()
        .parse()
        .ok()
        .filter(|w| *w >= 20)
}

/// The terminal's width in columns: `COLUMNS`, else what the terminal says, else 80.
pub fn terminal_width() -> usize {
    width_override()
        .or_else(|| Table::new().width().filter(|w| *w >= 20))
        .map_or(80, usize::from)
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
    let since = view
        .baseline
        .as_ref()
        .map(|b| format!("since {}", b.date))
        .unwrap_or_default();
    let mut headers = vec!["", "score", "", "band"];
    if with_desired {
        headers.extend(["want", "gap"]);
    }
    if with_change {
        headers.push(&since);
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
               change: Option<&crate::present::view::Change>| {
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
        // No band overall: the bands describe a dimension's practice, and an average of
        // twelve of them describes none.
        String::new(),
        None,
        None,
        overall_change,
    ));
    t
}

/// Every round's values, oldest first, with the trend in blocks and the change from the first
/// round to the last.
pub fn trend_table(t: &crate::present::view::TrendView) -> Table {
    let mut headers: Vec<String> = vec!["round by round".into()];
    headers.extend(t.trend.rounds.iter().map(|r| match r.participants {
        1 => r.date.clone(),
        n => format!("{} (n={n})", r.date),
    }));
    headers.extend(["trend".into(), "first to last".into()]);
    let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut table = new(&refs);
    let rounds = t.trend.rounds.len();
    align_right(
        &mut table,
        &(1..=rounds).chain([rounds + 2]).collect::<Vec<_>>(),
    );
    let series = std::iter::once((&t.trend.overall, &t.overall_chart))
        .chain(t.trend.dimensions.iter().zip(&t.charts));
    for (n, (s, c)) in series.enumerate() {
        let mut row = vec![match n {
            0 => s.name.to_uppercase(),
            _ => s.name.clone(),
        }];
        row.extend(s.values.iter().map(|v| fmt_score(*v)));
        row.push(c.text.clone());
        row.push(format!("{} {}", s.arrow, fmt_signed(s.change)));
        table.add_row(row);
    }
    table
}

/// With a baseline, the line a progress report opens with: what changed most since then.
pub fn changed_most(view: &crate::present::view::ReportView) -> Option<String> {
    let w = &view.words;
    let headline = w.changed_most.as_ref()?;
    let moved = match w.largest_changes.is_empty() {
        true => w.nothing_moved.to_string(),
        false => w.largest_changes.join(", "),
    };
    Some(wrap(&format!("{headline}: {moved}\n"), prose_width()))
}

/// Under the score table: the next step (what the next band looks like, one thing to try),
/// the strengths and where to focus, as the HTML report opens with them.
pub fn report_summary(view: &crate::present::view::ReportView) -> String {
    let (mut s, w) = (String::new(), &view.words);
    if let Some(scope) = &view.scope {
        s.push_str(&format!("\nRating: {scope}\n"));
    }
    if !view.not_assessed.is_empty() {
        s.push_str(&format!(
            "Not assessed in this session: {}\n",
            view.not_assessed.join(", ")
        ));
    }
    for d in view.groups.iter().flat_map(|g| &g.dimensions) {
        if let Some(t) = &d.too_few {
            s.push_str(&prose(&format!("{}: {t}.\n", d.name)));
        }
    }
    if let Some(n) = &view.next_step {
        s.push_str(&format!("\n{}: {}\n", w.next_step, n.name));
        if let Some(why) = &w.next_step_why {
            s.push_str(&format!("  {why}\n"));
        }
        if let (Some(l), Some(lead)) = (&n.looks_like, &w.looks_like) {
            s.push_str(&format!("  {lead} {}\n", l.trim()));
        }
        if let Some(m) = &n.method {
            s.push_str(&format!("  {} {m}\n", w.one_thing));
        }
    }
    let list = |refs: &[crate::present::view::DimensionRef], gap: bool| {
        refs.iter()
            .map(|d| match gap {
                true => format!("{} {}", d.name, fmt_signed(d.gap)),
                false => format!("{} {}", d.name, fmt_score(d.score)),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !view.strengths.is_empty() {
        s.push_str(&format!(
            "{}: {}\n",
            w.strengths,
            list(&view.strengths, false)
        ));
    }
    if !view.focus.is_empty() {
        s.push_str(&format!(
            "{} ({}): {}\n",
            w.focus,
            w.focus_intro.trim_end_matches(':').to_lowercase(),
            list(&view.focus, view.focus_by == "gap")
        ));
    }
    wrap(&s, prose_width())
}

/// A group comparison for the terminal, in the order of the group report's sections; the
/// facilitation material, the radar and the notes are left to the documents.
pub fn comparison(view: &GroupReport) -> String {
    let mut s = comparison_heading(view);
    for section in &GROUP_SECTIONS {
        s.push_str(&section_text(view, section.id, section.title));
    }
    s
}

/// The section `id`, titled `title`, or nothing where the terminal does not show it.
fn section_text(view: &GroupReport, id: &str, title: &str) -> String {
    let c = &view.comparison;
    let session = view.session.as_ref();
    match id {
        "session" => session.map_or_else(String::new, |v| {
            wrap(&session_heading(v, title), prose_width())
        }),
        "followup" => session
            .and_then(|v| v.followup.as_ref())
            .map_or_else(String::new, |f| followup_text(f, title)),
        "landed" => session
            .filter(|v| !v.landed.is_empty())
            .map_or_else(String::new, |v| wrap(&landed_text(v, title), prose_width())),
        "actions" => session
            .filter(|v| !v.actions.is_empty())
            .map_or_else(String::new, |v| actions_text(v, title)),
        "talk" => wrap(&talk_lists(view, title), prose_width()),
        "agree" => wrap(&agreement_lists(view, title), prose_width()),
        "dims" => format!("\n{title}\n{}\n", dimension_table(view)),
        "roles" => c.by_role.as_ref().map_or_else(String::new, |b| {
            format!("\n{title} (mean per dimension)\n{}\n", role_table(b))
        }),
        "change" => c.change.as_ref().map_or_else(String::new, |ch| {
            let most = match view.words.changed_most.is_empty() {
                true => String::new(),
                false => format!("Changed most: {}.\n", view.words.changed_most.join("; ")),
            };
            format!(
                "\n{title} since {} ({} participants then, {} now)\n{most}{}\n{}\n",
                ch.then_date.as_deref().unwrap_or("the earlier round"),
                ch.then_participants,
                ch.now_participants,
                change_table(ch),
                prose(view.words.noise_note)
            )
        }),
        "rounds" => view
            .trend
            .as_ref()
            .map_or_else(String::new, |t| format!("\n{}\n", trend_table(t))),
        "matrix" if c.show_matrix => format!("\n{title}\n{}", participant_tables(c)),
        "howmade" => wrap(&method_text(&view.method, title), prose_width()),
        "items" => format!(
            "\n{title} (answers per point of the scale, as given)\n{}\n",
            statement_table(c)
        ),
        _ => String::new(),
    }
}

/// How the figures were made, short: the rubric, the rules, the reverse-scored statements by id.
pub fn method_text(m: &crate::present::view::MethodView, title: &str) -> String {
    let mut s = format!("\n{title}\n  Rubric: {}.\n", m.rubric);
    for l in &m.lines {
        s.push_str(&format!("  - {l}\n"));
    }
    if !m.reverse.is_empty() {
        let ids: Vec<&str> = m
            .reverse
            .iter()
            .map(|r| r.split(':').next().unwrap_or_default())
            .collect();
        s.push_str(&format!("  {} {}.\n", m.reverse_intro, ids.join(", ")));
    }
    s
}

/// What the session rated and covered.
fn session_heading(v: &SessionView, title: &str) -> String {
    let mut s = format!("\n{title}\n");
    if let Some(scope) = &v.scope {
        s.push_str(&format!("  We are rating: {scope}\n"));
    }
    if let Some(date) = &v.date {
        s.push_str(&format!("  Held on {date}\n"));
    }
    if !v.not_assessed.is_empty() {
        s.push_str(&format!("  Covered: {}\n", v.covered.join(", ")));
        s.push_str(&format!("  Not assessed: {}\n", v.not_assessed.join(", ")));
    }
    s
}

/// Each earlier action with its status then and now, and how the agreed positions moved.
fn followup_text(f: &FollowUp, title: &str) -> String {
    let mut s = format!("\n{title} (agreed on {})\n", f.date);
    if f.actions.is_empty() {
        s.push_str("  The earlier session agreed no actions.\n");
    } else {
        let mut t = new(&["Action", "Owner", "Due", "Then", "Now", "Note"]);
        for a in &f.actions {
            t.add_row(vec![
                a.text.clone(),
                a.owner.clone().unwrap_or_default(),
                a.due.clone().unwrap_or_default(),
                a.then.to_string(),
                a.status.to_string(),
                a.note.clone().unwrap_or_default(),
            ]);
        }
        s.push_str(&format!("{t}\n"));
    }
    for m in &f.moved {
        s.push_str(&format!(
            "  {}: landed at {} then, {} now\n",
            m.name,
            fmt_score(Some(m.then)),
            fmt_score(Some(m.now))
        ));
    }
    s
}

/// Where the group landed, beside its answers.
fn landed_text(v: &SessionView, title: &str) -> String {
    let mut s = format!("\n{title} (the group's word, not a statistic)\n");
    for l in &v.landed {
        s.push_str(&format!("  {}: {}", l.name, fmt_score(Some(l.point))));
        if let Some(from) = &l.from_mean {
            s.push_str(&format!(", {from}"));
        }
        if let Some(before) = l.before {
            s.push_str(&format!(
                " (landed at {} last time)",
                fmt_score(Some(before))
            ));
        }
        s.push('\n');
        if let Some(r) = &l.reasoning {
            s.push_str(&format!("    Why: {r}\n"));
        }
        if let Some(d) = &l.dissent {
            s.push_str(&format!("    {d}\n"));
        }
    }
    s
}

/// The actions as a table, and the effort/impact grid in words.
fn actions_text(v: &SessionView, title: &str) -> String {
    let mut t = new(&[
        "#",
        "Action",
        "Dimension",
        "Owner",
        "Due",
        "Effort",
        "Impact",
        "Status",
    ]);
    for a in &v.actions {
        t.add_row(vec![
            a.id.clone(),
            match &a.note {
                Some(n) => format!("{}\n({n})", a.text),
                None => a.text.clone(),
            },
            a.dimension.clone().unwrap_or_default(),
            a.owner.clone().unwrap_or_default(),
            a.due.clone().unwrap_or_default(),
            a.effort.unwrap_or("").to_string(),
            a.impact.unwrap_or("").to_string(),
            a.status.to_string(),
        ]);
    }
    let mut s = format!("\n{title}\n{t}\n");
    if let Some(g) = &v.grid {
        for q in g.quadrants.iter().filter(|q| !q.actions.is_empty()) {
            s.push_str(&format!(
                "  {} ({} effort, {} impact): {}\n",
                q.title,
                q.effort,
                q.impact,
                q.actions.join(", ")
            ));
        }
    }
    s
}

/// A session file as `learnlead session` prints it: where it is, then what it holds.
pub fn session(v: &SessionView, path: &str) -> String {
    let mut s = format!("Session {} ({path})", v.id.as_deref().unwrap_or(""));
    s.push_str(&prose(&session_heading(v, "")));
    if let Some(f) = &v.followup {
        s.push_str(&followup_text(f, "What happened to the earlier actions"));
    }
    if !v.landed.is_empty() {
        s.push_str(&prose(&landed_text(v, "Where the group landed")));
    }
    if !v.actions.is_empty() {
        s.push_str(&actions_text(v, "Actions"));
    }
    if v.landed.is_empty() && v.actions.is_empty() {
        s.push_str("\nNothing recorded yet: run `learnlead session` on a terminal after the conversation, or give --from FILE.\n");
    }
    s
}

/// The rubric, how many took part, and the notices.
fn comparison_heading(view: &GroupReport) -> String {
    let c = &view.comparison;
    let n = c.participants.len();
    let mut s = format!(
        "{} · {n} participant{}{}\n",
        view.rubric.title,
        if n == 1 { "" } else { "s" },
        if c.anonymized { " (anonymized)" } else { "" }
    );
    for n in &c.notices {
        s.push_str(&format!("Note: {n}\n"));
    }
    s
}

/// How much the group agrees, overall and per dimension, in words first: the dimensions
/// gathered under each reading.
fn agreement_lists(view: &GroupReport, title: &str) -> String {
    let (c, w) = (&view.comparison, &view.words);
    let mut s = format!("\n{title}\n");
    s.push_str(&match &c.agreement.undefined {
        Some(why) => format!("  Overall: {} ({why}).\n", w.cannot_tell.to_lowercase()),
        None => format!(
            "  Overall: {} (Krippendorff's alpha {}).\n",
            c.agreement.reading,
            alpha(&c.agreement)
        ),
    });
    for r in &view.agreement_readings {
        let dims: Vec<String> = r
            .dimensions
            .iter()
            .map(|d| match d.alpha {
                Some(a) => format!("{} ({a:.2})", d.name),
                None => d.name.clone(),
            })
            .collect();
        let reading = match r.reading {
            "undefined" => w.cannot_tell.to_string(),
            other => crate::present::format::capitalized(other),
        };
        s.push_str(&format!("  {reading}: {}\n", dims.join(", ")));
    }
    if !w.sure_lines.is_empty() {
        s.push_str(&format!("  {}. {}\n", w.sure_title, w.sure_intro));
        for g in &w.sure_lines {
            s.push_str(&format!("    {}: {}\n", g.name, g.text));
        }
    }
    s.push_str(&format!(
        "  Alpha (ordinal / interval): {}\n",
        w.agreement_explained
    ));
    s
}

fn alpha(a: &AgreementView) -> String {
    match (a.ordinal, a.interval) {
        (Some(o), Some(i)) => format!("{o:.2} / {i:.2}"),
        _ => "undefined".to_string(),
    }
}

/// One row of statistics: n, mean with a bar, band, sd and range.
fn stats_row(
    label: [String; 2],
    st: &Stats,
    band: &Option<String>,
    view: &GroupReport,
) -> Vec<String> {
    let [group, name] = label;
    let (min, max) = (view.rubric.scale.min, view.rubric.scale.max);
    vec![
        group,
        name,
        st.n.to_string(),
        fmt_score(st.mean),
        bar(st.mean, min, max, bar_width()),
        band.clone().unwrap_or_default(),
        fmt_score(st.sd),
        match (st.min, st.max) {
            (Some(lo), Some(hi)) => format!("{}–{}", fmt_score(Some(lo)), fmt_score(Some(hi))),
            _ => "—".to_string(),
        },
    ]
}

/// Each dimension's statistics, then the overall.
fn dimension_table(view: &GroupReport) -> Table {
    let c = &view.comparison;
    let mut t = new(&[
        "group",
        "dimension",
        "n",
        "mean",
        "",
        "band",
        "sd",
        "min–max",
    ]);
    align_right(&mut t, &[2, 3, 6, 7]);
    for d in &c.dimensions {
        t.add_row(stats_row(
            [d.group.clone(), d.name.clone()],
            &d.stats,
            &d.band,
            view,
        ));
    }
    t.add_row(stats_row(
        ["OVERALL".into(), String::new()],
        &c.overall,
        &None,
        view,
    ));
    no_wrap(&mut t, 4);
    t
}

/// What to talk about first: where the group is most divided, the shared gaps, and where it
/// agrees most (a strength only in an upper band).
fn talk_lists(view: &GroupReport, title: &str) -> String {
    let (c, w) = (&view.comparison, &view.words);
    let t = &c.talk;
    let mut s =
        format!("\n{title}\n(Answers per point of the scale: 2▅3 means three answers at 2.)\n");
    s.push_str(&format!("{}:\n", w.divided));
    if t.dimensions.is_empty() && t.items.is_empty() {
        s.push_str(&format!("  {}\n", w.divided_none));
    }
    let dist = |r: &TalkRef| {
        r.counts
            .as_ref()
            .map(|counts| format!("\n  {}", distribution(&c.scale_points, counts)))
            .unwrap_or_default()
    };
    list(
        &mut s,
        &format!(
            "  {} ({})",
            w.divided_dimensions,
            w.counts_scored.to_lowercase()
        ),
        t.dimensions
            .iter()
            .map(|r| format!("{}{}", dimension_line(r), dist(r))),
    );
    list(
        &mut s,
        &format!("  {} ({})", w.divided_items, w.counts_given.to_lowercase()),
        t.items.iter().map(|r| {
            let means = item_means(c, r);
            format!("{} ({}): {means}{}", r.name, r.dimension, dist(r))
        }),
    );
    s.push_str(&format!("{}:\n  {}:\n", w.gaps, w.gaps_intro));
    if w.gap_lines.is_empty() {
        s.push_str(&format!("    {}\n", w.gaps_none));
    }
    for g in &w.gap_lines {
        s.push_str(&format!("    - {}: {}\n", g.name, g.text));
    }
    if !w.role_lines.is_empty() {
        s.push_str(&format!("{}:\n", w.roles_differ));
        for g in &w.role_lines {
            s.push_str(&format!("  - {}: {}\n", g.name, g.text));
        }
    }
    s.push_str(&format!("{}:\n", w.agreed));
    if t.agreed.is_empty() {
        s.push_str(&format!("  {}\n", w.agreed_none));
    }
    list(
        &mut s,
        "",
        t.agreed
            .iter()
            .map(|r| match t.shared_strengths.contains(&r.id) {
                true => format!("{} — {}", dimension_line(r), w.strength),
                false => dimension_line(r),
            }),
    );
    if !t.agreed.is_empty() && t.shared_strengths.is_empty() {
        s.push_str(&format!("  {}\n", w.agreed_not_strong));
    }
    s
}

/// A list under `title` (none when empty), said only when it has lines; its items sit two
/// columns in from the title.
fn list(s: &mut String, title: &str, lines: impl Iterator<Item = String>) {
    let mut lines = lines.peekable();
    if lines.peek().is_none() {
        return;
    }
    if !title.is_empty() {
        s.push_str(&format!("{title}:\n"));
    }
    let pad = " ".repeat(title.len() - title.trim_start().len() + 2);
    for l in lines {
        s.push_str(&format!(
            "{pad}- {}\n",
            l.replace('\n', &format!("\n{pad}"))
        ));
    }
}

/// A dimension with its mean, band and spread.
fn dimension_line(r: &TalkRef) -> String {
    let band = r
        .band
        .as_ref()
        .map(|b| format!(", {b}"))
        .unwrap_or_default();
    format!(
        "{}: mean {}{band}, sd {}",
        r.name,
        fmt_score(r.mean),
        fmt_score(r.sd)
    )
}

/// A statement's means: as given, and for a reverse-scored one also as scored.
fn item_means(c: &Comparison, r: &TalkRef) -> String {
    let flip =
        c.scale_points.first().copied().unwrap_or(0) + c.scale_points.last().copied().unwrap_or(0);
    match r.reverse {
        true => format!(
            "answers mean {}, scored {} (reverse-scored: {flip} minus the answer), sd {}",
            fmt_score(r.answer_mean),
            fmt_score(r.mean),
            fmt_score(r.sd)
        ),
        false => format!("mean {}, sd {}", fmt_score(r.mean), fmt_score(r.sd)),
    }
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
            format!(
                "{} {}{}",
                d.arrow,
                fmt_signed(d.change),
                if d.reliable == Some(false) {
                    " (within noise)"
                } else {
                    ""
                }
            ),
            fmt_score(d.sd_then),
            fmt_score(d.sd_now),
            d.spread.to_string(),
        ]);
    }
    t
}

/// Each participant's score per dimension and overall: dimensions as rows, participants as
/// columns, at most [`PER_TABLE`] participants to a table so that no table grows wider than a
/// screen or a page.
fn participant_tables(c: &Comparison) -> String {
    c.participants
        .chunks(PER_TABLE)
        .map(|chunk| {
            let mut headers: Vec<String> = vec!["dimension".into()];
            headers.extend(chunk.iter().map(|p| p.label.clone()));
            let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
            let mut t = new(&refs);
            align_right(&mut t, &(1..headers.len()).collect::<Vec<_>>());
            for (k, d) in c.dimensions.iter().enumerate() {
                let mut row = vec![d.name.clone()];
                row.extend(chunk.iter().map(|p| fmt_score(p.dimensions[k])));
                t.add_row(row);
            }
            let mut row = vec!["OVERALL".to_string()];
            row.extend(chunk.iter().map(|p| fmt_score(p.overall)));
            t.add_row(row);
            format!("{t}\n")
        })
        .collect()
}

/// How many participants a table of participants' scores shows side by side.
pub const PER_TABLE: usize = 6;

/// Each statement's statistics and its answers per point of the scale; a "don't know" column
/// where anyone said it.
fn statement_table(c: &Comparison) -> Table {
    let with_dk = c.items.iter().any(|i| i.dk > 0);
    let mut headers = vec!["item", "statement", "n", "n/a"];
    if with_dk {
        headers.push("dk");
    }
    headers.extend(["mean (scored)", "sd", "answers"]);
    let mut t = new(&headers);
    let numbers = if with_dk { 2..7 } else { 2..6 };
    align_right(&mut t, &numbers.collect::<Vec<_>>());
    for i in &c.items {
        let mut row = vec![
            i.id.clone(),
            format!(
                "{}{}",
                i.statement,
                if i.reverse { " (reverse)" } else { "" }
            ),
            i.stats.n.to_string(),
            i.stats.na.to_string(),
        ];
        if with_dk {
            row.push(i.dk.to_string());
        }
        row.extend([
            fmt_score(i.stats.mean),
            fmt_score(i.stats.sd),
            i.stats.counts.as_ref().map_or_else(
                || "withheld".into(),
                |counts| distribution(&c.scale_points, counts),
            ),
        ]);
        t.add_row(row);
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

/// The instrument report: a table of dimensions, then each dimension's statements and flags.
pub fn instrument(view: &crate::present::view::InstrumentView) -> String {
    let i = &view.instrument;
    let opt = |v: Option<f64>| v.map_or_else(|| "–".to_string(), |v| format!("{v:.2}"));
    let mut s = format!(
        "{} (v{}, {}) · {} responses · missing answers {}\n",
        view.rubric.title, view.rubric.version, view.rubric_hash, i.responses, i.missing
    );
    let mut t = new(&[
        "Dimension",
        "n",
        "k",
        "alpha",
        "95% interval",
        "omega",
        "mean r",
        "reading",
    ]);
    for d in &i.dimensions {
        let q = &d.quality;
        t.add_row(vec![
            d.name.clone(),
            format!("{}{}", q.n_used, if d.unstable { "*" } else { "" }),
            q.k.to_string(),
            opt(q.alpha),
            q.alpha_ci
                .map_or_else(|| "–".into(), |(lo, hi)| format!("{lo:.2} to {hi:.2}")),
            opt(q.omega),
            opt(q.mean_inter_item_r),
            d.reading.to_string(),
        ]);
    }
    align_right(&mut t, &[1, 2, 3, 5, 6]);
    s.push_str(&format!("{t}\n"));
    if i.dimensions.iter().any(|d| d.unstable) {
        s.push_str(&prose(&format!(
            "* fewer than {} respondents: the figures are shown, but unstable.\n",
            crate::analysis::instrument::STABLE_N
        )));
    }
    for d in &i.dimensions {
        s.push_str(&format!("\n{}: {}\n", d.name, d.sentence));
        if let Some(r) = &d.store {
            s.push_str(&format!(
                "  To judge change against this dimension's own error, add under it in the rubric:\n    reliability: {{alpha: {}, sd: {}, n: {}}}\n",
                r.alpha, r.sd, r.n
            ));
        }
        for f in &d.flags {
            s.push_str(&prose(&format!("  ! {f}\n")));
        }
        let mut t = new(&[
            "Statement",
            "answers",
            "mean",
            "sd",
            "n/a",
            "dk",
            "item-rest r",
            "alpha without",
        ]);
        for (st, q) in d.statements.iter().zip(&d.quality.items) {
            let pct =
                |v: Option<f64>| v.map_or_else(|| "–".into(), |v| format!("{:.0}%", v * 100.0));
            t.add_row(vec![
                format!("{}{}", st.id, if st.reverse { " (R)" } else { "" }),
                distribution(&view.scale_points, &st.counts),
                opt(q.mean),
                opt(q.sd),
                pct(st.na_share),
                pct(st.dk_share),
                opt(q.item_rest_r),
                opt(q.alpha_if_dropped),
            ]);
        }
        align_right(&mut t, &[2, 3, 4, 5, 6, 7]);
        s.push_str(&format!("{t}\n"));
        for st in d.statements.iter().filter(|st| !st.flags.is_empty()) {
            s.push_str(&prose(&format!("  {}: {}\n", st.id, st.flags.join("; "))));
        }
    }
    s
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

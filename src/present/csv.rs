//! The long CSV format for spreadsheets, R and pandas: one row per participant and item.

use crate::analysis::compare::{Participant, Stored};
use crate::analysis::score;
use crate::model::response::Answer;
use crate::model::rubric::Rubric;

/// The long format for spreadsheets, R and pandas: one row per participant and item, with the
/// answer as given and its score (empty for not applicable and unanswered). A name or role that
/// a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is written with a leading
/// `'` ([`crate::safe_text::csv_cell`]). The header row is learnlead's mark on the file.
pub fn write_csv<W: std::io::Write>(
    rubric: &Rubric,
    participants: &[Participant],
    anonymize: bool,
    out: W,
) -> Result<(), csv::Error> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(crate::io::output::CSV_MARK.split(','))?;
    let items: Vec<_> = rubric.items().collect();
    for p in participants {
        let role = if anonymize {
            ""
        } else {
            p.role.as_deref().unwrap_or("")
        };
        for (r, (stored, point)) in items.iter().zip(p.given(rubric)) {
            let (answer, score) = match (stored, point) {
                (Stored::NotApplicable, _) => ("na".to_string(), String::new()),
                (Stored::DontKnow, _) => ("dk".to_string(), String::new()),
                (_, None) => (String::new(), String::new()),
                (_, Some(v)) => {
                    let s = score::item_score(rubric, r.item, Some(&Answer::Score(v)));
                    (v.to_string(), s.map(|s| s.to_string()).unwrap_or_default())
                }
            };
            // Names and roles are people's text: never a formula in a spreadsheet.
            w.write_record([
                &*crate::safe_text::csv_cell(&p.label),
                &*crate::safe_text::csv_cell(role),
                r.group.id.as_str(),
                r.dimension.id.as_str(),
                r.item.id.as_str(),
                &answer,
                &score,
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}

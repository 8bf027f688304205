//! Numbers as people read them, in every format: scores, signed changes, bars. A leaf: it
//! depends on scoring's rounding only, so views, tables, templates and charts share it without
//! depending on each other.

use crate::analysis::change::Change;
use crate::analysis::score::round2;

/// A score for people: two decimals at most, "—" when there is none.
pub fn fmt_score(v: Option<f64>) -> String {
    match v {
        Some(v) => {
            let s = format!("{:.2}", round2(v));
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
        None => "—".to_string(),
    }
}

/// A change or gap for people: `+0.5`, `-1.25`, `0`; "–" when there is none.
pub fn fmt_signed(v: Option<f64>) -> String {
    match v.map(round2) {
        Some(0.0) => "0".to_string(),
        Some(v) => format!("{v:+}"),
        None => "–".to_string(),
    }
}

/// `▲ +0.5`, `▼ -1`, `= 0` (no change), or `–` when there is nothing to compare.
pub fn change_text(c: &Change) -> String {
    match (c.change, c.reliable) {
        (Some(v), Some(false)) => format!("{} {} (within noise)", c.arrow, fmt_signed(Some(v))),
        (Some(v), _) => format!("{} {}", c.arrow, fmt_signed(Some(v))),
        (None, _) => c.arrow.to_string(),
    }
}

/// A bar of `width` cells for `value` on the scale `min..=max`: filled cells, then light ones,
/// so it reads without colour.
pub fn bar(value: Option<f64>, min: i64, max: i64, width: usize) -> String {
    let Some(v) = value else {
        return String::new();
    };
    let span = (max - min) as f64;
    let filled = if span > 0.0 {
        (((v - min as f64) / span) * width as f64).round() as usize
    } else {
        0
    }
    .min(width);
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// `text` with its first letter in upper case ("people see this differently" starts a line).
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::change::change;

    #[test]
    fn scores_and_changes_read_plainly() {
        assert_eq!(fmt_score(Some(3.125)), "3.13");
        assert_eq!(fmt_score(Some(4.0)), "4");
        assert_eq!(fmt_score(Some(2.5)), "2.5");
        assert_eq!(fmt_score(None), "—");
        assert_eq!(fmt_signed(Some(0.5)), "+0.5");
        assert_eq!(fmt_signed(Some(-1.254)), "-1.25");
        assert_eq!(fmt_signed(Some(0.0)), "0");
        assert_eq!(change_text(&change(Some(3.0), Some(3.5))), "▲ +0.5");
        assert_eq!(change_text(&change(Some(3.0), Some(2.0))), "▼ -1");
        assert_eq!(change_text(&change(Some(3.0), Some(3.0))), "= 0");
        assert_eq!(capitalized("élan vital"), "Élan vital");
        assert_eq!(capitalized(""), "");
        assert_eq!(change_text(&change(None, Some(3.0))), "–");
        let beyond = crate::analysis::change::change_beyond;
        assert_eq!(
            change_text(&beyond(Some(3.0), Some(3.5), Some(1.2))),
            "▲ +0.5 (within noise)"
        );
        assert_eq!(
            change_text(&beyond(Some(2.0), Some(3.5), Some(1.2))),
            "▲ +1.5"
        );
    }

    #[test]
    fn bars_fill_in_proportion() {
        assert_eq!(bar(Some(3.0), 1, 5, 4), "██░░");
        assert_eq!(bar(Some(5.0), 1, 5, 4), "████");
        assert_eq!(bar(Some(1.0), 1, 5, 4), "░░░░");
        assert_eq!(bar(None, 1, 5, 4), "");
        // A scale of one point has no length: nothing is filled.
        assert_eq!(bar(Some(2.0), 1, 1, 4), "░░░░");
    }
}

/// Scores across rounds as a line of blocks (`▂▄▇`), one per round on the scale `min..=max`,
/// a space where a round has no score.
pub fn spark_text(values: &[Option<f64>], min: i64, max: i64) -> String {
    const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let span = (max - min).max(1) as f64;
    values
        .iter()
        .map(|v| match v {
            Some(v) => {
                let level = ((v - min as f64) / span * 7.0).round().clamp(0.0, 7.0);
                LEVELS[level as usize]
            }
            None => ' ',
        })
        .collect()
}

#[cfg(test)]
mod spark_tests {
    use super::spark_text;

    #[test]
    fn a_round_is_a_block_as_high_as_its_score_and_a_gap_without_one() {
        assert_eq!(
            spark_text(&[Some(1.0), Some(3.0), None, Some(5.0), Some(4.5)], 1, 5),
            "▁▅ █▇"
        );
        // On 0..10 the middle is the fourth or fifth block; out of range is clamped.
        assert_eq!(
            spark_text(&[Some(5.0), Some(-3.0), Some(12.0)], 0, 10),
            "▅▁█"
        );
        assert_eq!(spark_text(&[], 1, 5), "");
    }
}

/// `text` wrapped at word boundaries to `width` columns. Each line keeps its own indentation,
/// and the lines it is broken into are indented like it (a list item's, under its text, past
/// the `- `); a word longer than the width stays whole on its own line.
pub fn wrap(text: &str, width: usize) -> String {
    let width = width.max(20);
    let mut out = String::with_capacity(text.len() + 16);
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        // A line that fits is left as it is (its spacing may mean something: an excerpt with a
        // caret under a column, a path with two spaces).
        if line.chars().count() <= width {
            out.push_str(line);
            continue;
        }
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        let hanging = match body.starts_with("- ") {
            true => format!("{indent}  "),
            false => indent.to_string(),
        };
        let mut column = 0;
        for word in body.split_whitespace() {
            let len = word.chars().count();
            if column > 0 && column + 1 + len > width {
                out.push('\n');
                out.push_str(&hanging);
                column = hanging.chars().count();
            } else if column == 0 {
                out.push_str(indent);
                column = indent.chars().count();
            } else {
                out.push(' ');
                column += 1;
            }
            out.push_str(word);
            column += len;
        }
    }
    out
}

#[cfg(test)]
mod wrap_tests {
    use super::wrap;

    #[test]
    fn words_stay_whole_and_indentation_carries_over() {
        let text = "1/46 · Meaning › Relevance\n  I can say in one or two sentences what our partnership is about.";
        assert_eq!(
            wrap(text, 30),
            "1/46 · Meaning › Relevance\n  I can say in one or two\n  sentences what our\n  partnership is about."
        );
        for line in wrap(text, 30).lines() {
            assert!(line.chars().count() <= 30, "{line}");
        }
    }

    #[test]
    fn a_line_breaks_only_when_the_next_word_would_pass_the_width() {
        // Exactly 20 columns stay on one line; a word that would make 21 goes to the next.
        assert_eq!(
            wrap("aaaa bbbb cccc ddddd eeee", 20),
            "aaaa bbbb cccc ddddd\neeee"
        );
        assert_eq!(
            wrap("aaaa bbbb cccc dddddd eee", 20),
            "aaaa bbbb cccc\ndddddd eee"
        );
    }

    #[test]
    fn a_long_first_word_starts_its_line_with_no_empty_line_before_it() {
        assert_eq!(
            wrap("abcdefghijklmnopqrstuvwxyz more words", 20),
            "abcdefghijklmnopqrstuvwxyz\nmore words"
        );
    }

    #[test]
    fn a_line_that_fits_keeps_its_spacing() {
        let excerpt = "   5 > {{ x | nope }}\n     i        ^^^^ unknown filter";
        assert_eq!(wrap(excerpt, 80), excerpt);
    }

    #[test]
    fn a_list_item_carries_on_under_its_text() {
        assert_eq!(
            wrap("  - one two three four five six", 20),
            "  - one two three\n    four five six"
        );
    }

    #[test]
    fn a_word_longer_than_the_line_is_not_cut_and_blank_lines_stay() {
        assert_eq!(
            wrap("a Maximiliana-Wolkenstein-Obermayr b\n\nc", 20),
            "a\nMaximiliana-Wolkenstein-Obermayr\nb\n\nc"
        );
    }
}

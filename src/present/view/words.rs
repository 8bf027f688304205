//! The words of the reports, each said once: the sections in the order every format shows
//! them, their titles, and the phrases the formats share. The terminal table, the Word
//! document and the templates (shipped or a user's own) all print what is here, as `sections`
//! and `words` in the template context (docs/templates.md).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::compare::GapsFrom;

/// A section of a report: its id (the anchor in HTML), the `show` switch it answers to
/// (`sections:` in a configuration), and its title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Section {
    pub id: &'static str,
    pub show: &'static str,
    pub title: &'static str,
}

const fn section(id: &'static str, show: &'static str, title: &'static str) -> Section {
    Section { id, show, title }
}

/// The group report's sections, in the order every format shows them (a format leaves out
/// the ones it has no room for, never reorders them).
pub const GROUP_SECTIONS: [Section; 17] = [
    section("session", "session", "The session"),
    section("followup", "session", "What happened to our actions"),
    section("talk", "talk", "What to talk about first"),
    section("conversation", "talk", "For the conversation"),
    section("landed", "session", "Where the group landed"),
    section("actions", "session", "What we will do"),
    section("agree", "overview", "How much do we agree?"),
    section("shape", "overview", "The group's shape"),
    section("dims", "dimensions", "Dimensions"),
    section("roles", "roles", "By role"),
    section("desired", "desired", "Where we want to go"),
    section("change", "change", "What changed"),
    section("rounds", "change", "Round by round"),
    section("matrix", "matrix", "Participants"),
    section("items", "items", "Statements"),
    section("notes", "notes", "Notes"),
    section("howmade", "method", "How these figures were made"),
];

/// A person's report's sections, in the order every format shows them.
pub const REPORT_SECTIONS: [Section; 7] = [
    section("overview", "overview", "Overview"),
    section("scores", "scores", "Scores by dimension"),
    section("rounds", "scores", "Round by round"),
    section("highlights", "highlights", "Strengths and focus"),
    section("details", "dimensions", "Dimension by dimension"),
    section("coverage", "coverage", "Coverage"),
    section("howmade", "method", "How these figures were made"),
];

/// A view as templates receive it: its fields, its `words`, its `sections` in order, and
/// their `titles` by id.
#[derive(Serialize)]
pub struct Worded<'a, V, W> {
    #[serde(flatten)]
    pub view: &'a V,
    pub words: &'a W,
    pub sections: &'static [Section],
    pub titles: BTreeMap<&'static str, &'static str>,
}

impl<'a, V, W> Worded<'a, V, W> {
    pub fn new(view: &'a V, words: &'a W, sections: &'static [Section]) -> Self {
        Worded {
            view,
            words,
            sections,
            titles: sections.iter().map(|s| (s.id, s.title)).collect(),
        }
    }
}

/// The lists of facilitation material a dimension offers, with their titles.
#[derive(Debug, Clone, Serialize)]
pub struct ListTitles {
    pub prompts: &'static str,
    pub perspectives: &'static str,
    pub methods: &'static str,
    pub pitfalls: &'static str,
    pub quality_signs: &'static str,
}

const LISTS: ListTitles = ListTitles {
    prompts: "Questions for reflection",
    perspectives: "Perspectives to take",
    methods: "Methods to try",
    pitfalls: "Pitfalls to avoid",
    quality_signs: "Signs of quality",
};

const GUIDING_QUESTION: &str = "Guiding question";

/// The group report's phrases.
#[derive(Debug, Clone, Serialize)]
pub struct GroupWords {
    /// "Group report: " and the rubric's title.
    pub title: String,
    /// The three parts of "what to talk about first".
    pub divided: &'static str,
    pub divided_dimensions: &'static str,
    pub divided_items: &'static str,
    pub divided_none: &'static str,
    /// Over a dimension's answers and over a statement's.
    pub counts_scored: &'static str,
    pub counts_given: &'static str,
    pub gaps: &'static str,
    /// What the shared gaps are, which depends on whether anyone said where they want to be.
    pub gaps_intro: &'static str,
    pub gaps_none: &'static str,
    /// The shared gaps (`talk.shared_gaps`), each with what is said of it in one line.
    pub gap_lines: Vec<super::GapLine>,
    /// With `--by role`, the dimensions where the perspectives differ most, each with the
    /// roles' means in one line; shown under `roles_differ` in "what to talk about first".
    pub role_lines: Vec<super::GapLine>,
    /// How sure each dimension's agreement is: its bootstrap interval in words and numbers,
    /// under `sure_title`, after `sure_intro`.
    pub sure_lines: Vec<super::GapLine>,
    pub sure_title: &'static str,
    pub sure_intro: String,
    /// With a baseline: the dimensions whose mean moved most, those beyond measurement error
    /// first ("Voices ▲+0.62"), then the largest within it ("Power ▼-0.3 (within noise)").
    pub changed_most: Vec<String>,
    pub noise_note: &'static str,
    pub agreed: &'static str,
    pub agreed_none: &'static str,
    pub strength: &'static str,
    /// Under the agreed dimensions when none of them is strong.
    pub agreed_not_strong: &'static str,
    /// Why a dimension is in "for the conversation", by the codes in `focus[].why`.
    pub why_divided: &'static str,
    pub why_gap: &'static str,
    pub guiding_question: &'static str,
    pub lists: ListTitles,
    /// The reading of agreement where alpha cannot be computed.
    pub cannot_tell: &'static str,
    /// What Krippendorff's alpha means, and that low agreement is not a failure.
    pub agreement_explained: &'static str,
    pub roles_differ: &'static str,
    pub desired_note: &'static str,
    pub people_in_both: &'static str,
    pub rounds_intro: &'static str,
    pub notes_omitted: &'static str,
    /// The session's phrases: what is rated, what was left out, where the group landed.
    pub rating: &'static str,
    pub covered: &'static str,
    pub not_assessed: &'static str,
    pub landed_note: &'static str,
    pub why: &'static str,
    pub dissent: &'static str,
    pub last_time: &'static str,
    pub followup_intro: &'static str,
    pub no_earlier_actions: &'static str,
    pub grid_title: &'static str,
}

/// The group report's phrases, for a report on `rubric_title` whose shared gaps come `from`
/// wanted positions or low scores.
pub fn group_words(rubric_title: &str, from: GapsFrom) -> GroupWords {
    GroupWords {
        title: format!("Group report: {rubric_title}"),
        divided: "Where you see it most differently",
        divided_dimensions: "Dimensions",
        divided_items: "Statements",
        divided_none:
            "Nothing is divided: the group sees every dimension and statement much alike.",
        counts_scored: "Answers to its statements, as scored",
        counts_given: "Answers as given",
        gaps: "Shared gaps",
        gaps_intro: match from {
            GapsFrom::Desired => "Where most want to be higher than they are",
            GapsFrom::Scores => "Where the group agrees its score is low",
        },
        gaps_none: "None.",
        gap_lines: Vec::new(),
        role_lines: Vec::new(),
        sure_lines: Vec::new(),
        sure_title: "How sure we can be",
        changed_most: Vec::new(),
        noise_note: "A change marked \"within noise\" is smaller than what measurement error alone can make, for groups of these sizes (docs/statistics.md).",
        sure_intro: String::new(),
        agreed: "Where you agree most",
        agreed_none: "No dimension is agreed on this closely.",
        strength: "a shared strength",
        agreed_not_strong:
            "Agreed, not strong: a strength is a dimension the group scores in the upper bands.",
        why_divided: "divided",
        why_gap: "a shared gap",
        guiding_question: GUIDING_QUESTION,
        lists: ListTitles {
            prompts: "To reflect on",
            pitfalls: "Pitfalls",
            ..LISTS
        },
        cannot_tell: "Cannot tell",
        agreement_explained: "1 when everyone answers alike, 0 when answers agree no more than \
            chance would, below 0 when they differ more than chance. Krippendorff relies on data \
            from .800 and draws tentative conclusions from .667. In a workshop low agreement is \
            not a failure: it shows where people see their community differently, which is where \
            the conversation is.",
        roles_differ: "Where the perspectives differ most",
        desired_note: "A large sd of the wanted positions means people do not want the same \
            thing: worth talking about before planning.",
        people_in_both: "People in both rounds",
        rounds_intro: "The group's mean in each round, oldest first; what changed, above, is \
            since the latest earlier round.",
        notes_omitted: "Participants' notes are left out of an anonymized report.",
        rating: "We are rating",
        covered: "Covered",
        not_assessed: "Not assessed in this session",
        landed_note: "Where the group landed is its word after the conversation, not a \
            statistic: the answers it came from are beside it.",
        why: "Why",
        dissent: "Dissent",
        last_time: "Last time",
        followup_intro: "The actions agreed at the earlier session, each with its status then \
            and now.",
        no_earlier_actions: "The earlier session agreed no actions.",
        grid_title: "Effort and impact",
    }
}

/// A person's report's phrases.
#[derive(Debug, Clone, Serialize)]
pub struct ReportWords {
    /// "Reflection report: " and the rubric's title.
    pub title: String,
    /// With a baseline: "What changed most since 2025-09-15", the overview's first line.
    pub changed_most: Option<String>,
    /// With a baseline: the dimensions that moved most, largest first ("Leadership ▼-1.5").
    pub largest_changes: Vec<String>,
    /// In their place when nothing moved.
    pub nothing_moved: &'static str,
    pub next_step: &'static str,
    /// Why the next step is that dimension, in a sentence ("Your lowest score: 1.5 (Emerging).").
    pub next_step_why: Option<String>,
    /// What introduces the next step's description: "Established looks like this:", or at
    /// the top band "At its best:".
    pub looks_like: Option<String>,
    pub one_thing: &'static str,
    pub strengths: &'static str,
    pub focus: &'static str,
    /// What the focus list is: the largest gaps or the lowest scores.
    pub focus_intro: &'static str,
    pub no_scores: &'static str,
    pub guiding_question: &'static str,
    pub your_note: &'static str,
    pub statement: &'static str,
    pub your_answer: &'static str,
    pub good_looks_like: &'static str,
    pub where_you_are: &'static str,
    pub next: &'static str,
    pub one_thing_from_here: &'static str,
    pub lists: ListTitles,
    pub not_applicable: &'static str,
    pub dont_know: &'static str,
    pub not_answered: &'static str,
}

/// A person's report's phrases: `next` is the next step's dimension with its score, what the
/// person wants, its band and the next band's name; `focus_by` is `gap` or `score`.
pub fn report_words(
    rubric_title: &str,
    next: Option<&super::NextStep>,
    focus_by: &str,
) -> ReportWords {
    ReportWords {
        title: format!("Reflection report: {rubric_title}"),
        changed_most: None,
        largest_changes: Vec::new(),
        nothing_moved: "nothing moved.",
        next_step: "Your next step",
        next_step_why: next.map(next_step_why),
        looks_like: next.map(|n| match &n.next_band {
            Some(b) => format!("{} looks like this:", b.name),
            None => "At its best:".to_string(),
        }),
        one_thing: "One thing to try:",
        strengths: "Strengths to build on",
        focus: "Where to focus next",
        focus_intro: match focus_by {
            "gap" => "The largest gaps to where you want to be:",
            _ => "Your lowest scores:",
        },
        no_scores: "No scores yet.",
        guiding_question: GUIDING_QUESTION,
        your_note: "Your note:",
        statement: "Statement",
        your_answer: "Your answer",
        good_looks_like: "What good looks like",
        where_you_are: "where you are",
        next: "next",
        one_thing_from_here: "One thing to try from here:",
        lists: LISTS,
        not_applicable: "Not applicable",
        dont_know: "Don't know",
        not_answered: "Not answered",
    }
}

/// "The largest gap to where you want to be: 2.0 now, 4 wanted." or "Your lowest score: 1.5
/// (Emerging)."
fn next_step_why(n: &super::NextStep) -> String {
    use crate::present::format::fmt_score;
    match n.why {
        "gap" => format!(
            "The largest gap to where you want to be: {} now, {} wanted.",
            fmt_score(n.score),
            n.desired.map(|d| d.to_string()).unwrap_or_default()
        ),
        _ => format!(
            "Your lowest score: {}{}.",
            fmt_score(n.score),
            n.band
                .as_ref()
                .map(|b| format!(" ({})", b.name))
                .unwrap_or_default()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_id_is_said_once() {
        for sections in [&GROUP_SECTIONS[..], &REPORT_SECTIONS[..]] {
            for (i, s) in sections.iter().enumerate() {
                assert!(
                    sections[i + 1..].iter().all(|o| o.id != s.id),
                    "{} twice",
                    s.id
                );
            }
        }
    }

    #[test]
    fn every_show_switch_is_one_a_configuration_can_name() {
        let known = crate::model::config::SECTIONS;
        for s in GROUP_SECTIONS.iter().chain(&REPORT_SECTIONS) {
            assert!(known.contains(&s.show), "{} answers to {}", s.id, s.show);
        }
    }

    #[test]
    fn the_gaps_are_introduced_by_where_they_come_from() {
        assert_eq!(
            group_words("R", GapsFrom::Desired).gaps_intro,
            "Where most want to be higher than they are"
        );
        assert_eq!(
            group_words("R", GapsFrom::Scores).gaps_intro,
            "Where the group agrees its score is low"
        );
    }
}

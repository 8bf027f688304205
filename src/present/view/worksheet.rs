//! The worksheet's view: the rubric's questions in order, for the paper worksheet, the offline
//! form and the room's questionnaire page.

use super::{rubric_info, Generator, RubricInfo, ScalePoint};
use crate::model::rubric::{Dimension, Item, Rubric};
use serde::Serialize;

/// What a worksheet template receives: the rubric, and its questions in order.
#[derive(Debug, Clone, Serialize)]
pub struct WorksheetView {
    pub generator: Generator,
    pub rubric: RubricInfo,
    /// What a response records of the rubric (id, version, content hash): the form writes it
    /// into the file it saves, so a changed rubric is noticed.
    pub stamp: crate::model::response::RubricStamp,
    /// The perspectives the rubric declares (`id`, `name`).
    pub roles: Vec<crate::model::rubric::RoleDef>,
    /// The choices for where a person wants to be: each point as "3 of 5" (not by its band:
    /// the bands describe practice, they are not rungs to aim for).
    pub desired_options: Vec<ScalePoint>,
    /// Where the questionnaire page posts its answers (`learnlead serve`); none for a page
    /// that saves them as a file.
    pub submit: Option<String>,
    pub ask_desired: bool,
    pub ask_na_reason: bool,
    pub item_count: usize,
    pub groups: Vec<WorksheetGroup>,
    /// What is being rated, when a workshop session set it: shown on every page and question.
    pub scope: Option<String>,
    /// The dimensions asked, when a session covers only some (ids); the form writes them into
    /// the response.
    pub covers: Vec<String>,
    /// The dimensions left out, by name.
    pub not_assessed: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WorksheetGroup {
    pub id: String,
    pub name: String,
    pub dimensions: Vec<WorksheetDimension>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WorksheetDimension {
    pub id: String,
    pub name: String,
    pub question: String,
    pub description: String,
    /// Items with their `number` (1, 2, ... across the rubric), `id` and `statement`.
    pub items: Vec<WorksheetItem>,
    /// What the practice looks like at each band, in the bands' order.
    pub looks_like: Vec<BandText>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BandText {
    pub band: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct WorksheetItem {
    pub number: usize,
    pub id: String,
    pub statement: String,
    /// The words of its answers where they are not the scale's own (an answer set).
    pub answers: Option<Vec<ScalePoint>>,
    /// The names of the roles it is asked of; empty for everyone.
    pub roles: Vec<String>,
    /// The same, as ids.
    pub role_ids: Vec<String>,
    /// Its answers: every point of the scale with its label in the statement's words.
    pub options: Vec<ScalePoint>,
}

/// The questionnaire on `full` as far as `covers` goes (all of it when empty), with the
/// scope shown on it.
pub fn worksheet_scoped(full: &Rubric, scope: Option<&str>, covers: &[String]) -> WorksheetView {
    let narrowed;
    let rubric = if covers.is_empty() {
        full
    } else {
        narrowed = full.narrowed(covers);
        &narrowed
    };
    WorksheetView {
        stamp: crate::model::response::RubricStamp::of(full),
        scope: scope.map(str::to_string),
        covers: covers.to_vec(),
        not_assessed: full
            .dimensions()
            .filter(|(_, d)| !covers.is_empty() && !covers.contains(&d.id))
            .map(|(_, d)| d.name.clone())
            .collect(),
        ..worksheet(rubric)
    }
}

pub fn worksheet(rubric: &Rubric) -> WorksheetView {
    let mut number = 0;
    WorksheetView {
        scope: None,
        covers: Vec::new(),
        not_assessed: Vec::new(),
        generator: Generator {
            name: "learnlead",
            version: env!("CARGO_PKG_VERSION"),
        },
        rubric: rubric_info(rubric),
        stamp: crate::model::response::RubricStamp::of(rubric),
        roles: rubric.roles.clone(),
        desired_options: (rubric.scale.min..=rubric.scale.max)
            .map(|v| ScalePoint {
                value: v,
                label: format!("{v} of {}", rubric.scale.max),
            })
            .collect(),
        submit: None,
        ask_desired: rubric.ask_desired,
        ask_na_reason: rubric.ask_na_reason,
        item_count: rubric.item_count(),
        groups: rubric
            .groups
            .iter()
            .map(|g| WorksheetGroup {
                id: g.id.clone(),
                name: g.name.clone(),
                dimensions: g
                    .dimensions
                    .iter()
                    .map(|d| WorksheetDimension {
                        id: d.id.clone(),
                        name: d.name.clone(),
                        question: d.question.clone(),
                        description: d.description.trim().to_string(),
                        items: d
                            .items
                            .iter()
                            .map(|i| {
                                number += 1;
                                worksheet_item(rubric, d, i, number)
                            })
                            .collect(),
                        looks_like: rubric
                            .bands
                            .iter()
                            .filter_map(|b| {
                                d.looks_like.get(&b.id).map(|t| BandText {
                                    band: b.name.clone(),
                                    text: t.trim().to_string(),
                                })
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// A statement on the worksheet: its number, the words of its answers where they differ from
/// the scale's, and who is asked it.
fn worksheet_item(rubric: &Rubric, d: &Dimension, i: &Item, number: usize) -> WorksheetItem {
    let labels = rubric.labels_for(d, i);
    WorksheetItem {
        number,
        id: i.id.clone(),
        statement: i.statement.trim().to_string(),
        answers: (labels != &rubric.scale.labels).then(|| {
            labels
                .iter()
                .map(|(v, l)| ScalePoint {
                    value: *v,
                    label: l.clone(),
                })
                .collect()
        }),
        roles: i
            .roles
            .iter()
            .map(|id| {
                rubric
                    .roles
                    .iter()
                    .find(|r| &r.id == id)
                    .map_or(id.clone(), |r| r.name.clone())
            })
            .collect(),
        role_ids: i.roles.clone(),
        options: labels
            .iter()
            .map(|(v, l)| ScalePoint {
                value: *v,
                label: l.clone(),
            })
            .collect(),
    }
}

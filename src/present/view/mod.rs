//! The views templates receive: what each document shows, one file per document (the report,
//! the group report, the worksheet), and here what they share (the rubric, the respondent, the
//! generator). This is the template context documented in `docs/templates.md`; it stays
//! stable, so user templates keep working.

mod group;
mod instrument;
mod method;
mod report;
mod session;
mod words;
mod worksheet;

pub use group::*;
pub use instrument::*;
pub use method::*;
pub use report::*;
pub use session::*;
pub use words::*;
pub use worksheet::*;

use crate::model::response::{date_of, Response};
use crate::model::rubric::{Rubric, Source};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Generator {
    pub name: &'static str,
    pub version: &'static str,
}

impl Default for Generator {
    /// learnlead, this version.
    fn default() -> Self {
        Generator {
            name: "learnlead",
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RubricInfo {
    pub id: String,
    pub title: String,
    pub version: String,
    pub description: String,
    pub source: SourceInfo,
    pub scale: ScaleInfo,
    pub bands: Vec<BandInfo>,
}

/// Where the rubric's framework comes from. Every field is present (`none` when not given).
#[derive(Debug, Clone, Serialize)]
pub struct SourceInfo {
    pub authors: Vec<String>,
    pub title: String,
    pub year: Option<u32>,
    pub link: Option<String>,
    pub note: Option<String>,
}

impl From<&Source> for SourceInfo {
    fn from(s: &Source) -> Self {
        SourceInfo {
            authors: s.authors.clone(),
            title: s.title.clone(),
            year: s.year,
            link: s.link.clone(),
            note: s.note.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ScaleInfo {
    pub min: i64,
    pub max: i64,
    pub labels: Vec<ScalePoint>,
    pub not_applicable: bool,
    pub dont_know: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScalePoint {
    pub value: i64,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BandInfo {
    pub id: String,
    pub name: String,
    pub from: f64,
    pub to: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct BandRef {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Respondent {
    /// `None` when anonymous.
    pub name: Option<String>,
    /// The name, or "anonymous".
    pub display_name: String,
    pub community: Option<String>,
    pub role: Option<String>,
    pub started: String,
    pub completed: Option<String>,
    /// The date of the response (completed, else started), YYYY-MM-DD.
    pub date: String,
}

/// The rubric as templates see it.
pub fn rubric_info(rubric: &Rubric) -> RubricInfo {
    let (min, max) = (rubric.scale.min, rubric.scale.max);
    RubricInfo {
        id: rubric.id.clone(),
        title: rubric.title.clone(),
        version: rubric.version.clone(),
        description: rubric.description.trim().to_string(),
        source: SourceInfo::from(&rubric.source),
        scale: ScaleInfo {
            min,
            max,
            labels: rubric
                .scale
                .labels
                .iter()
                .map(|(v, l)| ScalePoint {
                    value: *v,
                    label: l.clone(),
                })
                .collect(),
            not_applicable: rubric.scale.not_applicable,
            dont_know: rubric.scale.dont_know,
        },
        bands: rubric
            .bands
            .iter()
            .map(|b| BandInfo {
                id: b.id.clone(),
                name: b.name.clone(),
                from: b.from,
                to: b.to,
            })
            .collect(),
    }
}

pub fn respondent(r: &Response) -> Respondent {
    Respondent {
        name: r.name.clone(),
        display_name: r.display_name().to_string(),
        community: r.community.clone(),
        role: r.role.clone(),
        started: r.started.clone(),
        completed: r.completed.clone(),
        date: date_of(r.completed.as_deref().unwrap_or(&r.started)).to_string(),
    }
}

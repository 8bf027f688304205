//! Perspectives side by side: each role's statistics per dimension, and the dimensions where
//! the roles differ most.

use std::collections::HashMap;

use serde::Serialize;

use super::{by_cmp, Options, Participant};
use crate::analysis::score::round2;
use crate::analysis::stats::Stats;
use crate::model::rubric::Rubric;

#[derive(Debug, Clone, Serialize)]
pub struct ByRole {
    pub roles: Vec<RoleInfo>,
    /// Per dimension, one entry per role (in the order of `roles`).
    pub dimensions: Vec<RoleDimension>,
    /// Dimensions where the roles' means differ most.
    pub most_different: Vec<RoleDimension>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleInfo {
    pub role: String,
    /// How many answered from this role; `None` where withheld.
    pub n: Option<usize>,
    /// Withheld to protect a small subgroup (anonymized, fewer than --min-group).
    pub withheld: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleDimension {
    pub id: String,
    pub name: String,
    /// One per role; `None` where withheld.
    pub stats: Vec<Option<Stats>>,
    /// The largest difference between two roles' means.
    pub spread: Option<f64>,
}

/// The roles (matched without regard to case), each role's statistics per dimension (withheld
/// for a small role when anonymized), and the dimensions where the roles' means differ most.
/// Roles come in the order they first appear in, or, anonymized, in alphabetical order, so
/// that their order says nothing about whose file came first.
pub(super) fn by_role(rubric: &Rubric, participants: &[Participant], opts: &Options) -> ByRole {
    let mut order: Vec<String> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (i, p) in participants.iter().enumerate() {
        let role = p
            .role
            .clone()
            .unwrap_or_else(|| "(no role given)".to_string());
        let key = role.to_lowercase();
        let k = *index.entry(key).or_insert_with(|| {
            order.push(role.clone());
            members.push(Vec::new());
            order.len() - 1
        });
        members[k].push(i);
    }
    if opts.anonymize {
        let mut sorted: Vec<(String, Vec<usize>)> = order.into_iter().zip(members).collect();
        sorted.sort_by_key(|(role, _)| role.to_lowercase());
        (order, members) = sorted.into_iter().unzip();
    }
    let roles: Vec<RoleInfo> = order
        .iter()
        .zip(&members)
        .map(|(r, m)| {
            let withheld = opts.anonymize && m.len() < opts.min_group;
            RoleInfo {
                role: r.clone(),
                // A small group's size would say who is in it: withheld with its statistics.
                n: (!withheld).then_some(m.len()),
                withheld,
            }
        })
        .collect();
    let dimensions: Vec<RoleDimension> = rubric
        .dimensions()
        .enumerate()
        .map(|(k, (_, d))| {
            let stats: Vec<Option<Stats>> = roles
                .iter()
                .zip(&members)
                .map(|(r, m)| {
                    (!r.withheld).then(|| {
                        let mut values: Vec<f64> = m
                            .iter()
                            .filter_map(|&i| participants[i].dimension(k))
                            .collect();
                        let none = m.len() - values.len();
                        Stats::from_values(&mut values, none, None)
                    })
                })
                .collect();
            let means: Vec<f64> = stats.iter().flatten().filter_map(|s| s.mean).collect();
            let spread = (means.len() >= 2).then(|| {
                let hi = means.iter().copied().fold(f64::MIN, f64::max);
                let lo = means.iter().copied().fold(f64::MAX, f64::min);
                round2(hi - lo)
            });
            RoleDimension {
                id: d.id.clone(),
                name: d.name.clone(),
                stats,
                spread,
            }
        })
        .collect();
    let mut most: Vec<RoleDimension> = dimensions
        .iter()
        .filter(|d| d.spread.is_some_and(|s| s > 0.0))
        .cloned()
        .collect();
    most.sort_by(|a, b| by_cmp(b.spread, a.spread));
    most.truncate(3);
    ByRole {
        roles,
        dimensions,
        most_different: most,
    }
}

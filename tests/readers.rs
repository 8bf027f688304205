//! Property tests: every reader of files from other people (rubric, response, answers, CSV,
//! configuration) gets arbitrary bytes and arbitrary YAML trees, and must answer with a value
//! or a problem, never a panic. Trees are built from the keys and values the formats use, so
//! they reach past the first "unknown field" into the checks behind it.

#![allow(unreachable_pub, clippy::unwrap_used, clippy::pedantic)] // test code: a failing unwrap is a failing test

mod common;

use common::small;
use proptest::prelude::*;

use learnlead::io::assets;
use learnlead::model::rubric::Rubric;

/// Keys the formats use, and a few they do not.
const KEYS: &[&str] = &[
    "format",
    "rubric",
    "id",
    "version",
    "hash",
    "file",
    "name",
    "community",
    "role",
    "started",
    "completed",
    "answers",
    "dimensions",
    "desired",
    "note",
    "na",
    "notes",
    "title",
    "source",
    "authors",
    "description",
    "scale",
    "min",
    "max",
    "labels",
    "not_applicable",
    "bands",
    "from",
    "to",
    "groups",
    "items",
    "statement",
    "reverse",
    "prompts",
    "low",
    "high",
    "share-1",
    "share-2",
    "care-1",
    "sharing",
    "caring",
    "logo",
    "accent_color",
    "sections",
    "summary",
    "client",
    "x",
];

/// Scalars as YAML writes them, the awkward ones included.
fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        (-5i64..25).prop_map(|n| n.to_string()),
        Just("99999999999999999999999999999".to_string()),
        Just("-9223372036854775808".to_string()),
        Just(".nan".to_string()),
        Just("-.inf".to_string()),
        Just("1e308".to_string()),
        Just("~".to_string()),
        Just("true".to_string()),
        Just("na".to_string()),
        Just("''".to_string()),
        "[a-z0-9 ./-]{0,12}".prop_map(|s| format!("{s:?}")),
        any::<String>().prop_map(|s| format!("{s:?}")),
    ]
}

/// A YAML document in flow style: mappings, sequences and scalars, nested.
fn tree() -> impl Strategy<Value = String> {
    scalar().prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(|v| format!("[{}]", v.join(", "))),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..8).prop_map(|kv| {
                let body: Vec<String> = kv.iter().map(|(k, v)| format!("{k}: {v}")).collect();
                format!("{{{}}}", body.join(", "))
            }),
        ]
    })
}

fn bytes_as_text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn rubrics_never_panic(text in tree(), bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = Rubric::parse(&text);
        let _ = Rubric::parse(&bytes_as_text(&bytes));
    }

    #[test]
    fn responses_never_panic(text in tree(), bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let rubric = small();
        for t in [text, bytes_as_text(&bytes)] {
            if let Ok(r) = learnlead::model::response::Response::parse(&t) {
                let _ = r.problems(&rubric, Some(&t));
                let scores = learnlead::analysis::score::score(&rubric, &r);
                let _ = learnlead::present::view::report(&rubric, &r, &scores, None);
            }
        }
    }

    #[test]
    fn answers_never_panic(text in tree(), partial in any::<bool>()) {
        let _ = learnlead::model::answers::build(&small(), &text, partial);
    }

    #[test]
    fn csv_never_panics(
        rows in prop::collection::vec(prop::collection::vec(scalar(), 0..6), 0..6),
        bytes in prop::collection::vec(any::<u8>(), 0..512),
    ) {
        let rubric = small();
        let mut text = String::from("name,share-1,share-2,care-1\n");
        for r in &rows {
            text.push_str(&r.join(","));
            text.push('\n');
        }
        let options = learnlead::collect::import::Options::default();
        for text in [text, bytes_as_text(&bytes)] {
            let sheet = learnlead::io::sheet::csv_text(&text);
            let _ = learnlead::collect::import::read(&rubric, sheet, &options);
        }
    }

    #[test]
    fn xlsx_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        // Anything that starts like a ZIP archive is read as a workbook.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.xlsx");
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend(&bytes);
        std::fs::write(&path, zip).unwrap();
        let _ = learnlead::io::sheet::read(&path, None);
    }

    #[test]
    fn configurations_never_panic(text in tree()) {
        let _ = learnlead::model::config::parse(&text, &|_| Ok("data:image/png;base64,".into()));
    }

    #[test]
    fn the_starter_rubric_with_one_value_replaced_never_panics(
        line in 0usize..120,
        value in scalar(),
    ) {
        // A real rubric with one value swapped: the checks after parsing get exercised.
        let text: Vec<String> = assets::STARTER_RUBRIC
            .lines()
            .enumerate()
            .map(|(i, l)| match l.split_once(": ") {
                Some((k, _)) if i == line => format!("{k}: {value}"),
                _ => l.to_string(),
            })
            .collect();
        let _ = Rubric::parse(&text.join("\n"));
    }
}

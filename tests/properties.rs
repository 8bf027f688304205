//! Property tests with oracles: not only "no panic", but what must hold of every result.
//!
//! - Rounding to two decimals is idempotent, lands on hundredths, never moves a value by more
//!   than half a hundredth, and rounds a true half away from zero.
//! - Krippendorff's alpha never exceeds 1, and is 1 when everyone answers every unit alike.
//! - Every score (item, dimension, group, overall) lies on its rubric's scale.
//! - What `compare --format csv` writes, imported again, gives the same answers back.

#![allow(unreachable_pub, clippy::unwrap_used, clippy::pedantic)] // test code: a failing unwrap is a failing test

mod common;

use common::small;
use proptest::prelude::*;

use learnlead::analysis::agreement::Reliability;
use learnlead::analysis::score::{round2, score};
use learnlead::model::response::{Answer, Response};
use learnlead::model::rubric::Rubric;

/// An answer on `rubric`'s scale (or not applicable), from a number.
fn answer(rubric: &Rubric, n: u8) -> Answer {
    let points = (rubric.scale.max - rubric.scale.min + 1) as u8;
    match n % (points + 1) {
        0 => Answer::NotApplicable { reason: None },
        k => Answer::Score(rubric.scale.min + i64::from(k) - 1),
    }
}

fn response(rubric: &Rubric, name: &str, picks: &[u8]) -> Response {
    let mut r = Response::new(rubric);
    r.name = Some(name.to_string());
    for (item, n) in rubric.items().zip(picks.iter().cycle()) {
        r.answers.insert(item.item.id.clone(), answer(rubric, *n));
    }
    r
}

proptest! {
    #[test]
    fn rounding_is_idempotent_on_hundredths_and_close(v in -1000.0f64..1000.0) {
        let r = round2(v);
        prop_assert_eq!(round2(r), r, "idempotent");
        prop_assert!((r * 100.0 - (r * 100.0).round()).abs() < 1e-6, "on hundredths: {}", r);
        prop_assert!((r - v).abs() <= 0.005 + 1e-9, "{} -> {}", v, r);
    }

    #[test]
    fn a_true_half_goes_away_from_zero(cents in -100_000i64..100_000) {
        // x.xx5 exactly (a sum of small fractions, as scores are): eighths, such as 0.125.
        let v = (cents as f64 + 0.5) / 100.0;
        let r = round2(v);
        let away = if v >= 0.0 { (cents + 1) as f64 / 100.0 } else { cents as f64 / 100.0 };
        prop_assert_eq!(r, away, "{} -> {}", v, r);
    }

    #[test]
    fn alpha_never_exceeds_one(units in prop::collection::vec(prop::collection::vec(0usize..4, 5), 1..30)) {
        let mut rel = Reliability::new(5);
        for counts in &units {
            rel.add_unit(counts);
        }
        let a = rel.agreement();
        for value in [a.ordinal, a.interval].into_iter().flatten() {
            prop_assert!(value <= 1.0 + 1e-12, "alpha {} over 1", value);
            prop_assert!(value.is_finite());
        }
    }

    #[test]
    fn everyone_alike_on_every_unit_agrees_perfectly(values in prop::collection::vec(0usize..5, 2..20), coders in 2usize..6) {
        let mut rel = Reliability::new(5);
        for v in &values {
            let mut counts = vec![0; 5];
            counts[*v] = coders;
            rel.add_unit(&counts);
        }
        let a = rel.agreement();
        // With at least two different values there is something to agree on.
        if values.iter().any(|v| *v != values[0]) {
            prop_assert_eq!(a.ordinal, Some(1.0));
            prop_assert_eq!(a.interval, Some(1.0));
        }
    }

    #[test]
    fn every_score_lies_on_the_scale(picks in prop::collection::vec(any::<u8>(), 3)) {
        let rubric = small();
        let r = response(&rubric, "Ana", &picks);
        let s = score(&rubric, &r);
        let (min, max) = (rubric.scale.min as f64, rubric.scale.max as f64);
        let on_scale = |v: Option<f64>| v.is_none_or(|v| (min..=max).contains(&v));
        prop_assert!(on_scale(s.overall), "overall {:?}", s.overall);
        for g in &s.groups {
            prop_assert!(on_scale(g.score), "group {:?}", g.score);
        }
        for d in s.dimensions() {
            prop_assert!(on_scale(d.score), "dimension {:?}", d.score);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The long CSV of every answer, imported again, gives each person's answers back.
    #[test]
    fn an_import_of_the_compare_csv_gives_the_same_answers_back(
        people in prop::collection::vec(prop::collection::vec(any::<u8>(), 3), 1..6)
    ) {
        let rubric = small();
        let responses: Vec<Response> = people
            .iter()
            .enumerate()
            .map(|(i, picks)| response(&rubric, &format!("Person {i}"), picks))
            .collect();
        let participants: Vec<_> = responses
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut p =
                    learnlead::analysis::compare::Participant::new(&rubric, r, format!("p{i}.yaml"));
                // As compare labels a named participant.
                p.label = r.name.clone().unwrap_or_default();
                p
            })
            .collect();
        let mut csv = Vec::new();
        learnlead::present::csv::write_csv(&rubric, &participants, false, &mut csv).unwrap();
        let sheet = learnlead::io::sheet::csv_text(&String::from_utf8(csv).unwrap());
        let read = learnlead::collect::import::read(
            &rubric,
            sheet,
            &learnlead::collect::import::Options::default(),
        )
        .unwrap();
        prop_assert_eq!(read.rows.len(), responses.len());
        for (row, original) in read.rows.iter().zip(&responses) {
            prop_assert_eq!(&row.response.name, &original.name);
            for (id, a) in &original.answers {
                let back = row.response.answers.get(id);
                let same = match (a, back) {
                    (Answer::NotApplicable { .. }, Some(Answer::NotApplicable { .. })) => true,
                    (a, Some(b)) => a == b,
                    (_, None) => false,
                };
                prop_assert!(same, "{}: {:?} came back as {:?}", id, a, back);
            }
        }
    }
}

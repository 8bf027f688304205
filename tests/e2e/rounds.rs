//! Progress over many rounds: `--baseline` once per earlier round, in any order.

use std::path::Path;

use crate::support::{learnlead, response_on, run};

fn report(args: &[&Path], format: &str) -> String {
    let mut cmd = learnlead();
    cmd.arg("report").arg(args[0]);
    for b in &args[1..] {
        cmd.arg("--baseline").arg(b);
    }
    let out = run(cmd.args(["--format", format]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout
}

#[test]
fn a_person_sees_every_round_in_date_order_whatever_the_order_given() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let first = response_on(d, "small-before.yaml", "small", "a.yaml", "2025-03-01");
    let second = response_on(d, "small-full.yaml", "small", "b.yaml", "2025-09-01");
    let now = response_on(d, "small-full.yaml", "small", "c.yaml", "2026-03-01");
    // Given in the wrong order: the rounds still run oldest first.
    let json: serde_json::Value =
        serde_json::from_str(&report(&[&now, &second, &first], "json")).unwrap();
    let rounds: Vec<&str> = json["trend"]["rounds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["date"].as_str().unwrap())
        .collect();
    assert_eq!(rounds, ["2025-03-01", "2025-09-01", "2026-03-01"]);
    let overall = &json["trend"]["overall"]["values"];
    assert_eq!(overall.as_array().unwrap().len(), 3);
    // The changes in the score table are since the latest earlier round (the same answers).
    assert_eq!(json["baseline"]["date"], "2025-09-01");
    assert_eq!(
        json["baseline"]["overall"]["change"], 0.0,
        "the same answers as last time"
    );

    let md = report(&[&now, &first, &second], "md");
    assert!(md.contains("## Round by round"), "{md}");
    assert!(
        md.contains("| Dimension | 2025-03-01 | 2025-09-01 | 2026-03-01 | Trend | First to last |"),
        "{md}"
    );
    let table = report(&[&now, &first, &second], "table");
    assert!(table.contains("round by round"), "{table}");
    let html = report(&[&now, &first, &second], "html");
    assert!(html.contains("id=\"rounds\""));
    assert!(
        html.contains("class=\"spark\""),
        "a sparkline per dimension"
    );
    // One baseline: the change, no trend.
    let two = report(&[&now, &second], "md");
    assert!(!two.contains("Round by round"));
}

#[test]
fn a_group_sees_every_round_and_each_baseline_takes_one_folder() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let round = |name: &str, date: &str| {
        let folder = d.join(name);
        std::fs::create_dir(&folder).unwrap();
        for (i, answers) in ["small-before.yaml", "small-full.yaml"].iter().enumerate() {
            let made = response_on(d, answers, "small", &format!("{name}-{i}.yaml"), date);
            std::fs::rename(&made, folder.join(format!("p{i}.yaml"))).unwrap();
        }
        folder
    };
    let r1 = round("r1", "2025-03-01");
    let r2 = round("r2", "2025-09-01");
    let now = round("now", "2026-03-01");
    let out = run(learnlead()
        .arg("compare")
        .arg(&now)
        .arg("--baseline")
        .arg(&r2)
        .arg("--baseline")
        .arg(&r1)
        .args(["--format", "md"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("Since the earlier round of 2025-09-01"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("| Dimension | 2025-03-01 (n=2) | 2025-09-01 (n=2) | 2026-03-01 (n=2) |"),
        "{}",
        out.stdout
    );
    // `--baseline r1 r2` no longer swallows the next argument: r2 is an input.
    let swallowed = run(learnlead()
        .arg("compare")
        .arg("--baseline")
        .arg(&r1)
        .arg(&now)
        .args(["--format", "json"]));
    assert_eq!(swallowed.code, 0, "{}", swallowed.stderr);
    let json: serde_json::Value = serde_json::from_str(&swallowed.stdout).unwrap();
    assert_eq!(json["participants"].as_array().unwrap().len(), 2);
    assert_eq!(json["change"]["then_date"], "2025-03-01");
}

/// A change between a person's rounds reads "within noise" unless it exceeds what measurement
/// error allows: by default (alpha .7 assumed) a one-point rise on Sharing does not, with the
/// reliability `rubrics analyze` found stored in the rubric it does, and the report then opens
/// with it.
#[test]
fn a_change_is_a_change_only_beyond_measurement_error() {
    let dir = tempfile::tempdir().unwrap();
    let plain = std::fs::read_to_string(crate::support::fixture("catalog/small.yaml")).unwrap();
    let measured = plain.replace(
        "        prompts:\n          low: [Who could share first?]",
        "        reliability: {alpha: 0.95, sd: 0.5, n: 120}\n        prompts:\n          low: [Who could share first?]",
    );
    assert_ne!(
        plain, measured,
        "the fixture has Sharing's prompts where expected"
    );
    let report = |rubric_text: &str| -> String {
        let rubric = dir.path().join("small.yaml");
        std::fs::write(&rubric, rubric_text).unwrap();
        let mut made = Vec::new();
        for (name, answers, date) in [
            (
                "before",
                "share-1: 2\n  share-2: 3\n  care-1: 2",
                "2025-09-01",
            ),
            (
                "after",
                "share-1: 3\n  share-2: 2\n  care-1: 2",
                "2026-03-01",
            ),
        ] {
            let file = dir.path().join(format!("{name}.txt"));
            std::fs::write(&file, format!("name: Ana\nanswers:\n  {answers}\n")).unwrap();
            let out = dir.path().join(format!("{name}.yaml"));
            let _ = std::fs::remove_file(&out);
            let r = run(learnlead()
                .args(["assess", "--answers"])
                .arg(&file)
                .arg("--rubric")
                .arg(&rubric)
                .arg("--out")
                .arg(&out));
            assert_eq!(r.code, 0, "{}", r.stderr);
            let text = std::fs::read_to_string(&out).unwrap();
            let dated = text
                .lines()
                .map(|l| match l.split_once(": ") {
                    Some(("started" | "completed", _)) => {
                        format!("{}: {date}T10:00:00Z", l.split(':').next().unwrap())
                    }
                    _ => l.to_string(),
                })
                .collect::<Vec<_>>()
                .join("\n");
            std::fs::write(&out, dated + "\n").unwrap();
            made.push(out);
        }
        let r = run(learnlead()
            .arg("report")
            .arg(&made[1])
            .arg("--baseline")
            .arg(&made[0])
            .arg("--rubric")
            .arg(&rubric)
            .args(["--format", "md"]));
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.stdout
    };
    let assumed = report(&plain);
    assert!(
        assumed.contains("What changed most since 2025-09-01:** Sharing ▲+1 (within noise)"),
        "{assumed}"
    );
    assert!(
        assumed.contains("#### Sharing: 3 · High · ▲ +1 (within noise)"),
        "{assumed}"
    );
    assert!(assumed.contains("a cautious alpha of .7"), "{assumed}");
    let stored = report(&measured);
    assert!(
        stored.contains("What changed most since 2025-09-01:** Sharing ▲+1"),
        "{stored}"
    );
    assert!(!stored.contains("Sharing ▲+1 (within noise)"), "{stored}");
    assert!(
        stored.contains("stored with the rubric for 1 of its 2 dimensions"),
        "{stored}"
    );
}

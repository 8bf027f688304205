//! `learnlead compare`, `import` and `worksheet`: a workshop group end to end.

use std::path::{Path, PathBuf};

use crate::support::{
    browser_or_skip, fixture, learnlead, probe_in_browser, response_from, run, word_text, workshop,
    workspace,
};

fn small() -> String {
    fixture("catalog/small.yaml").display().to_string()
}

/// Imports the small group's CSV into a folder of responses.
fn group(dir: &Path) -> PathBuf {
    let out = dir.join("responses");
    let r = run(learnlead()
        .arg("import")
        .arg(fixture("csv/small-group.csv"))
        .args(["--rubric", &small(), "--out-dir"])
        .arg(&out));
    assert_eq!(r.code, 0, "{}", r.stderr);
    out
}

fn compare(args: &[&str], inputs: &[&Path]) -> String {
    let r = run(learnlead().arg("compare").args(inputs).args(args));
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
}

#[test]
fn import_writes_one_response_per_row() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(learnlead()
        .arg("import")
        .arg(fixture("csv/small-group.csv"))
        .args(["--rubric", &small(), "--out-dir"])
        .arg(dir.path()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("wrote 4 response(s)"), "{}", r.stdout);
    assert!(
        r.stdout.contains("3 complete, 1 unfinished"),
        "{}",
        r.stdout
    );
    let cy = std::fs::read_to_string(dir.path().join("cy-moreau.yaml")).unwrap();
    assert!(cy.contains("share-2: na"), "{cy}");
    assert!(cy.contains("role: member"), "{cy}");
    // A second import never replaces the first.
    let again = run(learnlead()
        .arg("import")
        .arg(fixture("csv/small-group.csv"))
        .args(["--rubric", &small(), "--out-dir"])
        .arg(dir.path()));
    assert_eq!(again.code, 0);
    assert!(dir.path().join("cy-moreau-2.yaml").exists());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("cy-moreau.yaml")).unwrap(),
        cy
    );
}

#[test]
fn bad_csv_cells_are_named_by_row_and_column_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let r = run(learnlead()
        .arg("import")
        .arg(fixture("csv/small-bad.csv"))
        .args(["--rubric", &small(), "--out-dir"])
        .arg(&out));
    assert_eq!(r.code, 2);
    let f = fixture("csv/small-bad.csv").display().to_string();
    assert!(
        r.stderr.contains(&format!(
            "{f}:3:2: row 3, column B `share-1`: 7 is outside the scale 1..4"
        )),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&format!(
            "{f}:4:3: row 4, column C `share-2`: \"maybe\" is not a score"
        )),
        "{}",
        r.stderr
    );
    assert!(!out.exists(), "nothing written");
}

#[test]
fn table_shows_statistics_agreement_and_talk() {
    let dir = tempfile::tempdir().unwrap();
    let g = group(dir.path());
    let out = compare(&["--format", "table", "--by", "role"], &[&g]);
    assert!(out.contains("4 participants"), "{out}");
    // Talk first, then agreement in words, then the statistics.
    let at = |s: &str| out.find(s).unwrap_or_else(|| panic!("{s} in {out}"));
    assert!(at("What to talk about first") < at("How much do we agree?"));
    assert!(at("How much do we agree?") < at("\nDimensions\n"));
    assert!(out.contains("Krippendorff's alpha"), "{out}");
    assert!(out.contains("leader (n=1)"), "{out}");
    assert!(out.contains("member (n=3)"), "{out}");
}

#[test]
fn json_has_the_documented_fields_and_values() {
    let dir = tempfile::tempdir().unwrap();
    let g = group(dir.path());
    let json: serde_json::Value =
        serde_json::from_str(&compare(&["--format", "json"], &[&g])).unwrap();
    assert_eq!(json["rubric"]["id"], "small");
    assert_eq!(json["participants"].as_array().unwrap().len(), 4);
    // share-1 answers 4, 2, 3, 1: mean 2.5, median 2.5, sd 1.29, one answer on each point.
    let item = &json["items"][0];
    assert_eq!(item["id"], "share-1");
    assert_eq!(item["n"], 4);
    assert_eq!(item["mean"], 2.5);
    assert_eq!(item["median"], 2.5);
    assert_eq!(item["sd"], 1.29);
    assert_eq!(item["counts"], serde_json::json!([1, 1, 1, 1]));
    // share-2 is reverse-scored: answers 1, 3, na, 4 score 4, 2, 1.
    let rev = &json["items"][1];
    assert_eq!((rev["n"].as_u64(), rev["na"].as_u64()), (Some(3), Some(1)));
    assert_eq!(rev["mean"], 2.33);
    assert_eq!(
        rev["counts"],
        serde_json::json!([1, 0, 1, 1]),
        "answers as given"
    );
    for key in ["n", "na", "mean", "median", "min", "max", "sd", "counts"] {
        assert!(
            json["dimensions"][0].get(key).is_some(),
            "dimension has {key}"
        );
        assert!(json["groups"][0].get(key).is_some(), "group has {key}");
        assert!(json["overall"].get(key).is_some(), "overall has {key}");
    }
    assert!(json["agreement"].get("ordinal").is_some());
    assert!(json["agreement"].get("interval").is_some());
    assert!(json["dimensions"][0]["agreement"].get("ordinal").is_some());
}

#[test]
fn csv_is_long_format() {
    let dir = tempfile::tempdir().unwrap();
    let g = group(dir.path());
    let csv = compare(&["--format", "csv"], &[&g]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "participant,role,group,dimension,item,answer,score"
    );
    assert_eq!(lines.len(), 1 + 4 * 3);
    assert!(
        lines.contains(&"Ana Okafor,leader,together,sharing,share-2,1,4"),
        "{csv}"
    );
    assert!(
        lines.contains(&"Cy Moreau,member,together,sharing,share-2,na,"),
        "{csv}"
    );
    assert!(
        lines.contains(&"Dee Patel,member,together,caring,care-1,,"),
        "{csv}"
    );
}

/// What anonymized output must never hold: the small group's names, community and files (and a
/// note that names someone, without --with-notes).
const LEAKS: &[&str] = &[
    "Ana",
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Patel",
    "Makers",
    "okafor.yaml",
    "responses/",
];

#[test]
fn anonymize_leaks_no_name_community_note_or_file_in_any_format() {
    let dir = tempfile::tempdir().unwrap();
    let g = group(dir.path());
    // Add a note that names someone, to one response.
    let ana = g.join("ana-okafor.yaml");
    let text = std::fs::read_to_string(&ana).unwrap();
    std::fs::write(
        &ana,
        text + "dimensions:\n  sharing:\n    note: Okafor thinks we share too little\n",
    )
    .unwrap();
    for format in ["table", "md", "html", "json", "csv"] {
        let out = compare(&["--anonymize", "--format", format], &[&g]);
        for leak in LEAKS {
            assert!(!out.contains(leak), "{format}: {leak} leaked");
        }
        assert!(
            out.contains("Participant A") || format == "table",
            "{format}"
        );
    }
    // Four people, default --min-group 3: distributions shown; roles of 1 are withheld.
    let json: serde_json::Value = serde_json::from_str(&compare(
        &["--anonymize", "--by", "role", "--format", "json"],
        &[&g],
    ))
    .unwrap();
    assert!(json["items"][0]["counts"].is_array());
    let roles = &json["by_role"]["roles"];
    assert_eq!(
        roles[0]["role"], "leader",
        "anonymized: roles in alphabetical order"
    );
    assert_eq!(roles[0]["withheld"], true);
    assert!(
        roles[0]["n"].is_null(),
        "a withheld role's size is withheld too"
    );
    assert_eq!(roles[1]["n"], 3);
    assert!(json["by_role"]["dimensions"][0]["stats"][0].is_null());
    assert_eq!(json["notes_omitted"], true);
    // A smaller group than --min-group: every distribution withheld, and the report says so.
    let md = compare(
        &["--anonymize", "--min-group", "5", "--format", "md"],
        &[&g],
    );
    assert!(md.contains("distributions of answers are withheld"), "{md}");
    let json: serde_json::Value = serde_json::from_str(&compare(
        &["--anonymize", "--min-group", "5", "--format", "json"],
        &[&g],
    ))
    .unwrap();
    assert!(json["items"][0]["counts"].is_null());
    // --with-notes shows notes without saying whose.
    let md = compare(&["--anonymize", "--with-notes", "--format", "md"], &[&g]);
    assert!(md.contains("thinks we share too little"), "{md}");
    // The Word document, as its text (document.xml, footer included).
    let word = |extra: &[&str]| {
        let out = dir.path().join(format!("anon-{}.docx", extra.len()));
        let r = run(learnlead()
            .arg("compare")
            .arg(&g)
            .args(["--anonymize", "--out"])
            .arg(&out)
            .args(extra));
        assert_eq!(r.code, 0, "{}", r.stderr);
        word_text(&out)
    };
    let docx = word(&[]);
    assert!(docx.contains("What to talk about first"), "a real report");
    for leak in LEAKS {
        assert!(!docx.contains(leak), "docx: {leak} leaked");
    }
    let docx = word(&["--with-notes"]);
    assert!(docx.contains("thinks we share too little"));
    assert!(!docx.contains("Ana"), "a note is not attributed");
}

#[test]
fn mixed_rubrics_fail_naming_the_odd_files() {
    let dir = tempfile::tempdir().unwrap();
    let g = group(dir.path());
    let other = dir.path().join("other.yaml");
    let made = run(learnlead()
        .args([
            "assess",
            "--rubric",
            "pioneering-leaders",
            "--partial",
            "--answers",
        ])
        .arg(
            fixture("answers/small-full.yaml")
                .parent()
                .unwrap()
                .join("../answers/pioneering-one.yaml"),
        )
        .arg("--out")
        .arg(&other));
    assert_eq!(made.code, 0, "{}", made.stderr);
    let r = run(learnlead().arg("compare").arg(&g).arg(&other));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("all responses must answer the same rubric, `small`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("other.yaml (`pioneering-leaders`)"),
        "{}",
        r.stderr
    );
}

#[test]
fn one_participant_says_agreement_is_undefined() {
    let dir = tempfile::tempdir().unwrap();
    let g = group(dir.path());
    let md = compare(&["--format", "md"], &[&g.join("ana-okafor.yaml")]);
    assert!(
        md.contains("Agreement cannot be told: fewer than two participants"),
        "{md}"
    );
}

#[test]
fn markdown_group_report_tables_stay_tables() {
    let dir = tempfile::tempdir().unwrap();
    let g = group(dir.path());
    let md = compare(&["--format", "md", "--by", "role"], &[&g]);
    let mut tables = 0;
    let mut html = 0;
    for e in pulldown_cmark::Parser::new_ext(&md, pulldown_cmark::Options::ENABLE_TABLES) {
        match e {
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Table(_)) => tables += 1,
            pulldown_cmark::Event::Html(_) | pulldown_cmark::Event::InlineHtml(_) => html += 1,
            _ => {}
        }
    }
    // dimensions, groups, by role, participants, statements
    assert_eq!(tables, 5, "{md}");
    assert_eq!(html, 0);
}

#[test]
#[cfg_attr(no_browser, ignore = "needs Chromium or Chrome on PATH")]
fn group_report_renders_in_a_real_browser() {
    let Some(chromium) = browser_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let g = group(dir.path());
    let html = compare(&["--format", "html", "--by", "role"], &[&g]);
    let probe = probe_in_browser(&chromium, &html);
    assert_eq!(probe["h1"], "Group report: A small rubric");
    // Two dimensions: no radar (a radar needs three), but a bar per dimension and a
    // distribution per statement.
    assert_eq!(probe["radar"][0], 0.0, "{probe}");
    assert_eq!(probe["bars"], 2 + 3, "{probe}");

    // The default rubric's twelve dimensions: the radar with the group's range.
    let a = response_from(dir.path(), "wt-full.yaml", "wenger-trayner", "a.yaml");
    let b = response_from(dir.path(), "wt-baseline.yaml", "wenger-trayner", "b.yaml");
    let html = compare(&["--format", "html"], &[&a, &b]);
    let probe = probe_in_browser(&chromium, &html);
    assert!(probe["radar"][0].as_f64().unwrap() > 200.0, "{probe}");
    assert!(probe["radar"][1].as_f64().unwrap() > 150.0, "{probe}");
    assert!(
        html.contains("fill-rule=\"evenodd\""),
        "the min-max band is drawn"
    );
    // The note's <script> reaches the page escaped, and the reader sees it as text.
    assert!(html.contains("&lt;script&gt;"), "escaped in the HTML");
    assert!(
        probe["notes"].to_string().contains("<script>"),
        "shown as text: {probe}"
    );
    assert_eq!(probe["scripts"], 1, "a note's <script> stays text");
}

#[test]
fn worksheet_lists_every_item_with_its_id() {
    let md = run(learnlead().args(["worksheet", "--rubric", &small()]));
    assert_eq!(md.code, 0, "{}", md.stderr);
    for id in ["share-1", "share-2", "care-1"] {
        assert!(md.stdout.contains(&format!("`{id}`")), "{id}");
    }
    assert!(
        !md.stdout.contains("reverse"),
        "respondents are not told which items are reversed"
    );
    let html = run(learnlead().args(["worksheet", "--format", "html"]));
    assert_eq!(html.code, 0);
    let default = learnlead::io::assets::shipped_rubric("wenger-trayner").unwrap();
    let items = learnlead::model::rubric::Rubric::parse(default.text)
        .unwrap()
        .item_count();
    assert_eq!(html.stdout.matches("<tr><td class=\"num\">").count(), items);
}

#[test]
fn baseline_shows_what_changed_and_matches_people_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let now = group(dir.path());
    // The earlier round: everyone answered share-1 one point lower.
    let then = dir.path().join("then");
    std::fs::create_dir(&then).unwrap();
    for e in std::fs::read_dir(&now).unwrap() {
        let p = e.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap();
        let lowered: String = text
            .lines()
            .map(|l| match l.strip_prefix("  share-1: ") {
                Some(v) => format!(
                    "  share-1: {}",
                    v.parse::<i64>().map(|v| (v - 1).max(1)).unwrap_or(1)
                ),
                None => l.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(then.join(p.file_name().unwrap()), lowered + "\n").unwrap();
    }
    let md = compare(
        &["--format", "md", "--baseline", then.to_str().unwrap()],
        &[&now],
    );
    assert!(md.contains("## What changed"), "{md}");
    // Sharing then: (share-1 - 1 and share-2 reversed) per person; it went up.
    let changed = &md[md.find("## What changed").unwrap()..];
    let sharing = changed
        .lines()
        .find(|l| l.starts_with("| Sharing |"))
        .unwrap();
    assert!(sharing.contains("▲"), "{sharing}");
    assert!(
        md.contains("| Ana Okafor |"),
        "people matched by name: {md}"
    );
    let anon = compare(
        &[
            "--format",
            "md",
            "--anonymize",
            "--baseline",
            then.to_str().unwrap(),
        ],
        &[&now],
    );
    assert!(anon.contains("## What changed"));
    assert!(
        !anon.contains("People in both rounds"),
        "not matched when anonymized"
    );
}

#[test]
fn a_config_can_leave_sections_out() {
    let dir = tempfile::tempdir().unwrap();
    let g = group(dir.path());
    std::fs::write(dir.path().join("c.yaml"), "sections: [overview, talk]\n").unwrap();
    let html = compare(
        &[
            "--format",
            "html",
            "--config",
            dir.path().join("c.yaml").to_str().unwrap(),
        ],
        &[&g],
    );
    assert!(html.contains("id=\"agree\""));
    assert!(html.contains("id=\"talk\""));
    assert!(!html.contains("id=\"items\""), "statements left out");
    assert!(!html.contains("id=\"matrix\""), "participants left out");
}

/// The workshop's members are not asked the convenor's own statements, and "don't know" is
/// counted apart from "not applicable", in the person's report and in the group's.
#[test]
fn dont_know_and_statements_for_some_roles_reach_every_report() {
    let dir = tempfile::tempdir().unwrap();
    let people = crate::support::workshop(dir.path());
    let ugo = people.iter().find(|p| p.ends_with("ugo.yaml")).unwrap();
    let md = run(learnlead().arg("report").arg(ugo).args(["--format", "md"]));
    assert_eq!(md.code, 0, "{}", md.stderr);
    assert!(md.stdout.contains("1 don't know"), "{}", md.stdout);
    assert!(md.stdout.contains("Don't know:"), "{}", md.stdout);
    assert!(
        !md.stdout
            .contains("I organise the partnership's activities myself"),
        "a member is not shown the convenor's statement"
    );
    assert!(
        md.stdout.contains("46 of 47 statements scored"),
        "60 less the convenor's 2 and the sponsor's 11, one of them don't know: {}",
        md.stdout
    );

    let refs: Vec<&Path> = people.iter().map(PathBuf::as_path).collect();
    let json: serde_json::Value =
        serde_json::from_str(&compare(&["--format", "json"], &refs)).unwrap();
    let item = |id: &str| {
        json["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(item("power-4")["n"], 3, "three convenors answer it");
    assert_eq!(item("accountability-1")["dk"], 1);
    assert_eq!(item("accountability-1")["na"], 0);
    let csv = compare(&["--format", "csv"], &refs);
    assert!(csv.contains(",accountability-1,dk,"), "{csv}");
}

/// The group report's sections, in the one order every format keeps (src/present/view/words.rs).
const GROUP_ORDER: [&str; 12] = [
    "What to talk about first",
    "For the conversation",
    "How much do we agree?",
    "The group's shape",
    "Dimensions",
    "By role",
    "Where we want to go",
    "What changed",
    "Round by round",
    "Participants",
    "Statements",
    "Notes",
];

/// The section titles of `lines` (each a heading or a paragraph), in the order they come.
fn titles_in<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<usize> {
    lines
        .filter_map(|l| {
            GROUP_ORDER.iter().position(|t| {
                l == *t || l.starts_with(&format!("{t} (")) || l.starts_with(&format!("{t} since"))
            })
        })
        .collect()
}

#[test]
fn every_format_says_the_sections_in_one_order_with_the_same_words() {
    // A workshop of eight with roles and wanted positions, so that the role and the wanted
    // sections are there to be put in order.
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("workshop");
    std::fs::create_dir(&g).unwrap();
    crate::support::workshop(&g);
    let md = compare(&["--by", "role", "--format", "md"], &[&g]);
    let md_titles = titles_in(md.lines().filter_map(|l| l.strip_prefix("## ")));
    let html = compare(&["--by", "role", "--format", "html"], &[&g]);
    let html_titles = titles_in(html.split("<h2 id=\"").skip(1).filter_map(|h| {
        let text = h.split_once('>')?.1;
        Some(text.split_once("</h2>")?.0)
    }));
    let table = compare(&["--by", "role", "--format", "table"], &[&g]);
    let table_titles = titles_in(table.lines());
    let out = dir.path().join("group.docx");
    let r = run(learnlead()
        .arg("compare")
        .arg(&g)
        .args(["--by", "role", "--out"])
        .arg(&out));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let word = word_text(&out);
    let word_titles = titles_in(word.lines());
    for titles in [&md_titles, &html_titles, &word_titles] {
        assert!(titles.contains(&6), "where we want to go: {titles:?}");
    }
    for (format, titles, text) in [
        ("md", &md_titles, &md),
        ("html", &html_titles, &html),
        ("table", &table_titles, &table),
        ("docx", &word_titles, &word),
    ] {
        assert!(
            titles.windows(2).all(|w| w[0] < w[1]),
            "{format} says its sections out of order: {titles:?}"
        );
        // The sections every format has, whatever the group, and the roles.
        for must in [0, 2, 4, 5, 10] {
            assert!(
                titles.contains(&must),
                "{format} lacks {}",
                GROUP_ORDER[must]
            );
        }
        // The panel's parts, in the same words everywhere.
        for words in [
            "Where you see it most differently",
            "Shared gaps",
            "Where most want to be higher than they are",
            "Where the perspectives differ most",
            "Where you agree most",
            "Krippendorff relies on data from .800",
        ] {
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(flat.contains(words), "{format} lacks {words:?}");
        }
    }
}

#[test]
fn namesakes_are_told_apart_few_answers_are_named_and_the_bundle_lists_people_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("answers.csv");
    std::fs::write(
        &csv,
        "name,role,share-1,share-2,care-1\n\
         Zoe Quist,member,4,1,3\n\
         Eli Sand,member,2,3,3\n\
         Ana Okafor,member,3,2,2\n\
         Eli Sand,member,1,4,\n\
         Bo Lind,member,,,3\n",
    )
    .unwrap();
    let out = dir.path().join("responses");
    let r = run(learnlead()
        .arg("import")
        .arg(&csv)
        .args(["--rubric", &small(), "--out-dir"])
        .arg(&out));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(learnlead()
        .arg("compare")
        .arg(&out)
        .args(["--format", "md"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("| Eli Sand | Eli Sand (2) |"),
        "{}",
        r.stdout
    );
    // Bo answered one of three statements: left out, and named in a warning.
    assert!(
        r.stderr
            .contains("fewer than half the statements compared and are left out")
            && r.stderr.contains("bo-lind.yaml (1 of 3)"),
        "{}",
        r.stderr
    );
    let bundle = dir.path().join("bundle");
    // Kept on purpose, Bo is in the bundle too.
    let r = run(learnlead()
        .arg("bundle")
        .arg(&out)
        .arg("--include-partial")
        .arg("--out-dir")
        .arg(&bundle));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("They are kept (--include-partial)"),
        "{}",
        r.stderr
    );
    let index = std::fs::read_to_string(bundle.join("index.html")).unwrap();
    let at = |name: &str| {
        index
            .find(&format!(">{name}<"))
            .unwrap_or_else(|| panic!("{name}"))
    };
    let order = [
        "Ana Okafor",
        "Bo Lind",
        "Eli Sand",
        "Eli Sand (2)",
        "Zoe Quist",
    ];
    assert!(
        order.windows(2).all(|w| at(w[0]) < at(w[1])),
        "the index lists people by name"
    );
}

#[test]
fn with_roles_where_the_perspectives_differ_most_is_among_what_to_talk_about_first() {
    let dir = tempfile::tempdir().unwrap();
    let g = group(dir.path());
    let md = compare(&["--by", "role", "--format", "md"], &[&g]);
    let at = |s: &str| md.find(s).unwrap_or_else(|| panic!("{s} in {md}"));
    assert!(at("## What to talk about first") < at("### Where the perspectives differ most"));
    assert!(at("### Where the perspectives differ most") < at("## For the conversation"));
    assert!(
        // Cy scored one of Sharing's two statements: too few for a score, so members are Bo 2
        // and Dee 1.
        md.contains("- **Sharing**: leader 4, member 1.5; a spread of 2.5"),
        "{md}"
    );
    assert_eq!(
        md.matches("Where the perspectives differ most").count(),
        1,
        "said once"
    );
    let html = compare(&["--by", "role", "--format", "html"], &[&g]);
    let talk = &html[html.find("id=\"talk\"").unwrap()..html.find("id=\"conversation\"").unwrap()];
    assert!(
        talk.contains("<h3>Where the perspectives differ most</h3>"),
        "{talk}"
    );
}

#[test]
fn present_shows_one_topic_per_screen_and_the_arrow_keys_move_between_them() {
    let dir = tempfile::tempdir().unwrap();
    let g = group(dir.path());
    let out = dir.path().join("room.html");
    let r = run(learnlead()
        .arg("compare")
        .arg(&g)
        .args(["--by", "role", "--present", "--out"])
        .arg(&out));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = std::fs::read_to_string(&out).unwrap();
    for topic in [
        "Where you see it most differently",
        "Shared gaps",
        "Where the perspectives differ most",
        "Where you agree most",
    ] {
        assert!(html.contains(topic), "{topic}");
    }
    // Statistics words stay out of the room's screens.
    let text: String = html.split("<main>").nth(1).unwrap().to_string();
    assert!(!text.contains(" sd "), "no sd on a projected screen");
    // Markdown and the terminal have no projection layout.
    let md = run(learnlead()
        .arg("compare")
        .arg(&g)
        .args(["--present", "--format", "md"]));
    assert_eq!(md.code, 2);
    assert!(
        md.stderr.contains("--present writes an HTML page"),
        "{}",
        md.stderr
    );
    let Some(chromium) = browser_or_skip() else {
        return;
    };
    let probe = crate::support::probe_with(
        &chromium,
        &html,
        r"var slides = document.querySelectorAll('section.slide');
out.slides = slides.length;
out.start = document.activeElement ? document.activeElement.id : '';
document.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight'}));
out.next = document.activeElement.id;
document.dispatchEvent(new KeyboardEvent('keydown', {key: 'End'}));
out.last = document.activeElement.id;
document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Home'}));
out.home = document.activeElement.id;
out.lastSlide = slides[slides.length - 1].id;",
    );
    assert!(probe["slides"].as_u64().unwrap() >= 5, "{probe}");
    assert_eq!(probe["next"], "divided-sharing", "{probe}");
    assert_eq!(probe["last"], probe["lastSlide"], "{probe}");
    assert_eq!(probe["home"], "start", "{probe}");
}

/// A response with under half the statements answered is left out of the group by default and
/// named; `--include-partial` keeps it. A dimension with too few statements answered has no
/// score, band or next step in a person's report, and says so.
#[test]
fn partial_responses_are_left_out_by_name_and_thin_dimensions_are_not_scored() {
    let dir = workspace();
    let room = dir.path().join("room");
    std::fs::create_dir(&room).unwrap();
    let people = workshop(&room);
    let partial = dir.path().join("late.txt");
    std::fs::write(
        &partial,
        "name: Late Comer\nrole: member\nanswers:\n  relevance-1: 4\n  voices-1: 2\n  voices-2: 3\n",
    )
    .unwrap();
    let late = room.join("late.yaml");
    let made = run(learnlead()
        .args([
            "assess",
            "--rubric",
            "wenger-trayner",
            "--partial",
            "--answers",
        ])
        .arg(&partial)
        .arg("--out")
        .arg(&late));
    assert_eq!(made.code, 0, "{}", made.stderr);

    let out = run(learnlead()
        .arg("compare")
        .arg(&room)
        .args(["--format", "json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["participants"].as_array().unwrap().len(), people.len());
    assert!(out.stderr.contains("left out"), "{}", out.stderr);
    assert!(out.stderr.contains("late.yaml (3 of"), "{}", out.stderr);
    assert!(out.stderr.contains("--include-partial"), "{}", out.stderr);

    let kept =
        run(learnlead()
            .arg("compare")
            .arg(&room)
            .args(["--format", "json", "--include-partial"]));
    let json: serde_json::Value = serde_json::from_str(&kept.stdout).unwrap();
    assert_eq!(
        json["participants"].as_array().unwrap().len(),
        people.len() + 1
    );
    assert!(kept.stderr.contains("are kept"), "{}", kept.stderr);

    // Relevance: 1 of the statements a member is asked; Voices: 2 of them.
    let md = run(learnlead()
        .arg("report")
        .arg(&late)
        .args(["--format", "md"]));
    assert_eq!(md.code, 0, "{}", md.stderr);
    assert!(md.stdout.contains("#### Relevance: —"), "{}", md.stdout);
    assert!(
        md.stdout.contains(
            "1 of 4 statements answered with a point: too few to score (a score needs 2)"
        ),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout.contains("#### Voices: 2.5"),
        "half of 4 is enough: {}",
        md.stdout
    );

    // A session that covers Voices alone compares only its statements: the late response
    // answers 2 of them, half, and counts.
    let s = run(learnlead()
        .arg("session")
        .arg(&room)
        .args(["--only", "voices"]));
    assert_eq!(s.code, 0, "{}", s.stderr);
    let voices = run(learnlead()
        .arg("compare")
        .arg(&room)
        .args(["--format", "json"]));
    let json: serde_json::Value = serde_json::from_str(&voices.stdout).unwrap();
    assert_eq!(
        json["participants"].as_array().unwrap().len(),
        people.len() + 1,
        "{}",
        voices.stderr
    );
}

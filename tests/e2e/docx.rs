//! `--format docx`: the editable deliverable. Each Word document is opened by LibreOffice
//! (converted to PDF) and its text read back with pdftotext; without LibreOffice the check is
//! skipped, except on CI, where .ci/run installs it.

use std::path::Path;

use crate::bundle::engagement;
use crate::support::{learnlead, on_path, run, word_text, workshop};

/// LibreOffice's text of a Word document, page by page; `None` (with a note) when there is no
/// LibreOffice on this machine, which CI does not allow.
fn opened_by_libreoffice(docx: &Path) -> Option<Vec<String>> {
    let Some(soffice) = on_path(&["soffice"]) else {
        assert!(
            std::env::var("CI").is_err(),
            "CI must have LibreOffice: .ci/run installs libreoffice-writer-nogui"
        );
        eprintln!(
            "skipped the LibreOffice check: no soffice (apt-get install libreoffice-writer-nogui)"
        );
        return None;
    };
    let work = tempfile::tempdir().unwrap();
    // A profile of its own: two LibreOffice runs at once would otherwise share one and fail.
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        work.path().display()
    );
    let out = std::process::Command::new(soffice)
        .arg(profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(work.path())
        .arg(docx)
        .output()
        .unwrap();
    let pdf = work
        .path()
        .join(docx.file_stem().unwrap())
        .with_extension("pdf");
    assert!(
        pdf.exists(),
        "LibreOffice opened {}: {}{}",
        docx.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    Some(text.split('\u{c}').map(str::to_string).collect())
}

/// The near-black pixels of the first picture in a Word document: its text.
fn chart_text_pixels(docx: &Path) -> usize {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let name = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().to_string())
        .find(|n| n.starts_with("word/media/") && n.ends_with(".png"))
        .expect("a picture in the document");
    let mut png = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name(&name).unwrap(), &mut png).unwrap();
    let img = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
    img.pixels()
        .iter()
        .filter(|p| u16::from(p.red()) + u16::from(p.green()) + u16::from(p.blue()) < 150)
        .count()
}

/// Words run together in pdftotext's layout: one space between words.
fn squeezed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_word_report_opens_in_libreoffice_with_its_headings_and_branding() {
    let dir = tempfile::tempdir().unwrap();
    engagement(dir.path());
    let report = |out: &str| {
        run(learnlead().current_dir(dir.path()).args([
            "report",
            "responses/ana-okafor.yaml",
            "--out",
            out,
        ]))
    };
    let r = report("ana.docx");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let docx = dir.path().join("ana.docx");
    assert!(
        std::fs::read(&docx).unwrap().starts_with(b"PK"),
        "a Word (zip) file"
    );
    // Its own file is replaced on the next run; somebody else's Word document is not.
    assert_eq!(
        report("ana.docx").code,
        0,
        "learnlead knows its own document"
    );
    std::fs::write(
        dir.path().join("theirs.docx"),
        b"PK\x03\x04 a client's draft",
    )
    .unwrap();
    let refused = report("theirs.docx");
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(refused.stderr.contains("--force"), "{}", refused.stderr);
    assert_eq!(
        std::fs::read(dir.path().join("theirs.docx")).unwrap(),
        b"PK\x03\x04 a client's draft"
    );

    // The logo is a picture in the document (the small rubric has too few dimensions for a
    // radar, so it is the only one).
    let zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let pictures: Vec<&str> = zip
        .file_names()
        .filter(|n| n.starts_with("word/media/") && n.ends_with(".png"))
        .collect();
    assert_eq!(pictures.len(), 1, "{pictures:?}");
    let text = word_text(&docx);
    for heading in [
        "Overview",
        "Scores by dimension",
        "Strengths and focus",
        "Dimension by dimension",
        "Questions for reflection",
    ] {
        assert!(text.lines().any(|l| l == heading), "{heading:?}: {text}");
    }
    let Some(pages) = opened_by_libreoffice(&docx) else {
        return;
    };
    let all = squeezed(&pages.join("\n"));
    let first = squeezed(&pages[0]);
    assert!(
        first.starts_with("Leadership review"),
        "the title comes first: {first}"
    );
    // A title page of its own, as in print; the summary opens the next page.
    assert!(first.contains("Prepared for Example Foundation"), "{first}");
    assert!(!first.contains("Summary"), "{first}");
    assert!(squeezed(&pages[1]).starts_with("Summary"), "{}", pages[1]);
    for text in [
        "Reflection report: A small rubric",
        "Prepared for Example Foundation",
        "by Rae Consultant, rae@example.org",
        "Strong on sharing.",
        "Talk about caring first.",
        "Scores by dimension",
        "Dimension by dimension",
    ] {
        assert!(all.contains(text), "{text:?} in {all}");
    }
    assert!(
        !all.contains("**Strong"),
        "Markdown is formatting, not symbols"
    );
    for (n, page) in pages.iter().filter(|p| !p.trim().is_empty()).enumerate() {
        let page = squeezed(page);
        assert!(
            page.contains("Confidential to Example Foundation."),
            "page {} has the confidentiality line: {page}",
            n + 1
        );
        assert!(
            page.contains(&format!("page {}", n + 1)),
            "page {} is numbered: {page}",
            n + 1
        );
    }
}

#[test]
fn a_word_group_report_and_the_bundles_index_open_in_libreoffice() {
    let dir = tempfile::tempdir().unwrap();
    let made = workshop(dir.path());
    let r = run(learnlead()
        .current_dir(dir.path())
        .arg("compare")
        .args(&made)
        .args(["--format", "docx", "--out", "group.docx"]));
    assert_eq!(r.code, 0, "{}", r.stderr);

    let engaged = tempfile::tempdir().unwrap();
    engagement(engaged.path());
    let b = run(learnlead().current_dir(engaged.path()).args([
        "bundle",
        "responses",
        "--out-dir",
        "out",
        "--docx",
    ]));
    assert_eq!(b.code, 0, "{}", b.stderr);
    let index = std::fs::read_to_string(engaged.path().join("out/index.html")).unwrap();
    assert!(
        index.contains("href=\"index.docx\""),
        "the index links its Word document"
    );

    // The radar's picture has its words: labels drawn in the ink colour (near black; the
    // shapes are the accent, the rings light grey).
    let words = chart_text_pixels(&dir.path().join("group.docx"));
    assert!(
        words > 1_000,
        "the radar has its labels: {words} text pixels"
    );

    let Some(pages) = opened_by_libreoffice(&dir.path().join("group.docx")) else {
        return;
    };
    let all = squeezed(&pages.join("\n"));
    for text in [
        "Group report: The disciplines of social learning leadership",
        "What to talk about first",
        "Where you see it most differently",
        "How much do we agree?",
        "For the conversation",
        "Guiding question:",
        "Dimensions",
        "Statements",
        "Voices",
    ] {
        assert!(all.contains(text), "{text:?} in {all}");
    }
    let Some(pages) = opened_by_libreoffice(&engaged.path().join("out/index.docx")) else {
        return;
    };
    let first = squeezed(&pages[0]);
    assert!(first.starts_with("Leadership review"), "{first}");
    assert!(first.contains("Group report: A small rubric"), "{first}");
}

#[test]
fn the_word_group_report_holds_roles_wishes_and_people_and_leaves_out_what_the_config_does() {
    let dir = tempfile::tempdir().unwrap();
    let made = workshop(dir.path());
    let compare = |extra: &[&str], out: &str| {
        let r = run(learnlead()
            .current_dir(dir.path())
            .arg("compare")
            .args(&made)
            .args(["--by", "role", "--out", out])
            .args(extra));
        assert_eq!(r.code, 0, "{}", r.stderr);
        word_text(&dir.path().join(out))
    };
    let text = compare(&[], "all.docx");
    for heading in [
        "What to talk about first",
        "For the conversation",
        "How much do we agree?",
        "Dimensions",
        "By role",
        "Where we want to go",
        "Participants",
        "Statements",
    ] {
        assert!(
            text.lines().any(|l| l == heading),
            "{heading:?} is a paragraph of its own: {text}"
        );
    }
    assert!(text.contains("convenor (n="), "{text}");
    assert!(text.contains("Zoe"), "named participants are named: {text}");
    // Anonymized, with a minimum group larger than the convenors: their size is withheld too.
    let anon = compare(&["--anonymize", "--min-group", "4"], "anon.docx");
    assert!(anon.contains("convenor (withheld)"), "{anon}");
    assert!(!anon.contains("convenor (n="), "{anon}");
    assert!(!anon.contains("Zoe") && !anon.contains("Yusuf"), "{anon}");
    // A configuration's sections apply to the Word document as to the page.
    std::fs::write(dir.path().join("learnlead.yaml"), "sections: [talk]\n").unwrap();
    let talk = compare(&[], "talk.docx");
    assert!(talk.contains("What to talk about first"), "{talk}");
    for left_out in [
        "How much do we agree?",
        "By role",
        "Participants",
        "Statements",
    ] {
        assert!(
            !talk.lines().any(|l| l == left_out),
            "{left_out} is left out: {talk}"
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_word_document_is_not_poured_into_a_terminal() {
    use expectrl::session::OsSession as Session;
    use expectrl::{Eof, Expect};
    let dir = tempfile::tempdir().unwrap();
    let made = workshop(dir.path());
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_learnlead"));
    cmd.current_dir(dir.path())
        .env("NO_COLOR", "1")
        .arg("report")
        .arg(&made[0])
        .args(["--format", "docx"]);
    let mut s = Session::spawn(cmd).unwrap();
    s.set_expect_timeout(Some(std::time::Duration::from_secs(15)));
    s.expect("a Word document is not for the terminal: add --out FILE.docx")
        .unwrap();
    let _ = s.expect(Eof);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        made.len(),
        "nothing written"
    );
}

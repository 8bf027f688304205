//! `learnlead form`: the page answered in a real browser saves a response that `report` reads.

use crate::cdp::Browser;
use crate::support::{browser_or_skip, learnlead, run};

/// Answers every statement shown with 3 (one "don't know"), picks the member perspective,
/// fills the name and a note with characters YAML and HTML would read, and returns what the
/// page would save.
const ANSWER: &str = r#"(() => {
  const form = document.getElementById('ll-form');
  const pick = (name, value) => {
    const el = form.querySelector(`input[name="${name}"][value="${value}"]`);
    el.checked = true;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  };
  pick('role', 'member');
  const name = document.getElementById('ll-name');
  name.value = 'Zoë <b>"Bold"</b>: yes';
  name.dispatchEvent(new Event('input', { bubbles: true }));
  const shown = [...form.querySelectorAll('fieldset.item')].filter(f => !f.hidden);
  shown.forEach((f, i) => pick('item:' + f.dataset.item, i === 0 ? 'dk' : '3'));
  pick('desired:relevance', '4');
  const note = document.getElementById('note-relevance');
  note.value = 'Line one: "quoted"\n- not a list\n# not a comment';
  note.dispatchEvent(new Event('input', { bubbles: true }));
  return { yaml: window.learnleadResponse(), file: window.learnleadFileName(), shown: shown.length,
           hidden: form.querySelectorAll('fieldset.item[hidden]').length,
           progress: document.getElementById('ll-progress').textContent };
})()"#;

/// The default rubric's form page, written to `dir/survey.html`.
fn form_page(dir: &std::path::Path) -> std::path::PathBuf {
    let page = dir.join("survey.html");
    let made = run(learnlead()
        .args(["form", "--rubric", "wenger-trayner", "--out"])
        .arg(&page));
    assert_eq!(made.code, 0, "{}", made.stderr);
    page
}

#[test]
#[cfg_attr(no_browser, ignore = "needs Chromium or Chrome on PATH")]
fn the_form_answered_in_a_browser_saves_a_response_that_report_reads() {
    let Some(chromium) = browser_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = form_page(dir.path());
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        !html.contains("http://") && !html.contains("https://www"),
        "no network"
    );

    let mut browser = Browser::start(&chromium);
    let tab = browser.tab(390, "screen");
    browser.open(&tab, &page);
    let got = browser.eval(&tab, ANSWER);
    assert_eq!(
        got["hidden"], 13,
        "a member is not asked the convenor's two statements nor the sponsor's eleven"
    );
    assert_eq!(got["progress"], "47 of 47 statements answered.");
    assert!(
        got["file"]
            .as_str()
            .unwrap()
            .starts_with("zoe-b-bold-b-yes-"),
        "{got}"
    );
    let saved = dir.path().join("zoe.yaml");
    std::fs::write(&saved, got["yaml"].as_str().unwrap()).unwrap();

    let md = run(learnlead()
        .arg("report")
        .arg(&saved)
        .args(["--format", "md"]));
    assert_eq!(md.code, 0, "{}\n{}", md.stderr, got["yaml"]);
    assert!(md.stdout.contains("1 don't know"), "{}", md.stdout);
    assert!(
        !md.stdout.contains("*unfinished*"),
        "every statement asked was answered"
    );
    let json: serde_json::Value = serde_json::from_str(
        &run(learnlead()
            .arg("report")
            .arg(&saved)
            .args(["--format", "json"]))
        .stdout,
    )
    .unwrap();
    assert_eq!(json["respondent"]["role"], "member");
    assert_eq!(json["respondent"]["name"], "Zoë <b>\"Bold\"</b>: yes");
    let yaml: serde_yaml::Value = serde_yaml::from_str(got["yaml"].as_str().unwrap()).unwrap();
    assert_eq!(
        yaml["dimensions"]["relevance"]["note"],
        "Line one: \"quoted\"\n- not a list\n# not a comment"
    );
    assert_eq!(yaml["dimensions"]["relevance"]["desired"], 4);

    // Reopened, the page has kept the answers.
    browser.open(&tab, &page);
    let kept = browser.eval(
        &tab,
        "[...document.querySelectorAll('#ll-form input[type=radio]:checked')].length",
    );
    assert!(kept.as_u64().unwrap() >= 46, "{kept}");
}

#[test]
#[cfg_attr(no_browser, ignore = "needs Chromium or Chrome on PATH")]
fn a_name_with_control_characters_and_a_lone_surrogate_saves_a_file_report_reads() {
    let Some(chromium) = browser_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = form_page(dir.path());
    let mut browser = Browser::start(&chromium);
    let tab = browser.tab(390, "screen");
    browser.open(&tab, &page);
    // DEL, the C1 controls NEL and DCS, a lone surrogate, and U+FFFF: pasted from elsewhere.
    let got = browser.eval(
        &tab,
        r#"(() => {
          const name = document.getElementById('ll-name');
          name.value = 'Ana \u007f \u0085\u0090 \ud800 \uffff Zed';
          name.dispatchEvent(new Event('input', { bubbles: true }));
          return window.learnleadResponse();
        })()"#,
    );
    let saved = dir.path().join("ana.yaml");
    std::fs::write(&saved, got.as_str().unwrap()).unwrap();
    let out = run(learnlead()
        .arg("report")
        .arg(&saved)
        .args(["--format", "json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let name = json["respondent"]["name"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(name.starts_with("Ana \u{7f} \u{85}\u{90} "), "{name:?}");
    assert!(
        name.contains('\u{fffd}') && name.ends_with("Zed"),
        "{name:?}"
    );
}

//! Rendering reports with minijinja: the shipped templates (embedded), a person's own template
//! (`--template FILE`), and the filters templates use.
//!
//! - Escaping follows the output: HTML output escapes everything from a response (minijinja's
//!   auto-escape); Markdown has no auto-escape, so templates pass text through the `md` and
//!   `md_cell` filters, which make any text inert Markdown.
//! - Names in `extends`, `include` and `import` resolve beside the user's template first, then
//!   among the shipped templates, and never outside those folders.
//! - A user's template runs on a bounded amount of work (fuel), so an endless loop stops.
//! - Errors name the template and line, with the line itself.

use std::path::{Path, PathBuf};

use minijinja::syntax::SyntaxConfig;
use minijinja::value::{Serde, Value};
use minijinja::{AutoEscape, Environment, Error as JinjaError, ErrorKind, UndefinedBehavior};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::io::assets;
use crate::io::input::NotInside;

/// An output format rendered by a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    Html,
    Markdown,
}

/// How much work a user's template may do before it is stopped: far more than any real report
/// needs, far less than an endless loop.
const USER_TEMPLATE_FUEL: u64 = 50_000_000;

/// What every template receives: the view's fields, and `brand` and `show` from the
/// configuration (docs/templates.md).
#[derive(Serialize)]
struct Framed<'a, T: Serialize> {
    #[serde(flatten)]
    view: &'a T,
    brand: &'a crate::model::config::Brand,
    show: &'a crate::model::config::Show,
}

/// Renders `context` with the shipped template `name` (e.g. `report.html.j2`), or with the
/// user's `template` file instead, branded and framed by `framing`.
pub fn render<T: Serialize>(
    name: &str,
    markup: Markup,
    template: Option<&Path>,
    context: &T,
    framing: &crate::model::config::Framing,
) -> Result<String> {
    let context = Framed {
        view: context,
        brand: &framing.brand,
        show: &framing.show,
    };
    // A user's template is found by its real path; what it includes must lie in that folder.
    let (user_dir, main) = match template {
        Some(path) => {
            crate::io::input::read_text(path, crate::io::input::Kind::Template)?;
            let real = std::fs::canonicalize(path).map_err(|e| Error::read(path, e))?;
            let file =
                real.file_name()
                    .and_then(|f| f.to_str())
                    .ok_or_else(|| Error::NotAFile {
                        path: path.to_path_buf(),
                        wanted: "a template file",
                    })?;
            let file = file.to_string();
            (real.parent().map(Path::to_path_buf), file)
        }
        None => (None, name.to_string()),
    };
    let env = environment(markup, user_dir)?;
    let tmpl = env.get_template(&main).map_err(template_error)?;
    let mut out = Vec::new();
    let over = std::cell::Cell::new(false);
    let mut render = || {
        tmpl.render_captured_to(
            Value::from(Serde(&context)),
            Bounded {
                out: &mut out,
                over: &over,
            },
        )
    };
    // A person's own template renders within a memory budget; the shipped ones are ours.
    let written = match template {
        Some(path) => crate::memory::with_budget(
            crate::memory::TEMPLATE_BUDGET,
            format!(
                "{}: the template built values larger than {} MiB while rendering and was stopped; a report needs far less (does it multiply or join text in a loop?)",
                path.display(),
                crate::memory::TEMPLATE_BUDGET >> 20
            ),
            render,
        ),
        None => render(),
    };
    if over.get() {
        return Err(Error::Template {
            message: format!(
                "template {main}: the report grew past {} MB and was stopped; a report is far smaller (does the template repeat or multiply text?)",
                MAX_RENDERED_BYTES / 1_000_000
            ),
            cause: None,
        });
    }
    written.map_err(template_error)?;
    String::from_utf8(out).map_err(|e| Error::Template {
        message: format!("template {main} wrote text that is not UTF-8: {e}"),
        cause: None,
    })
}

/// The largest report a template may write: 50 MB, some hundred times the largest real one.
pub const MAX_RENDERED_BYTES: usize = 50_000_000;

/// The rendered text, refusing to grow past [`MAX_RENDERED_BYTES`].
struct Bounded<'a> {
    out: &'a mut Vec<u8>,
    over: &'a std::cell::Cell<bool>,
}

impl std::io::Write for Bounded<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.out.len() + bytes.len() > MAX_RENDERED_BYTES {
            self.over.set(true);
            return Err(std::io::Error::other("the report is too large"));
        }
        self.out.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn environment(markup: Markup, user_dir: Option<PathBuf>) -> Result<Environment<'static>> {
    let mut env = Environment::new();
    env.set_debug(true);
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    let syntax = SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
        .map_err(|e| Error::Internal(format!("the template syntax: {e}")))?;
    env.set_syntax(syntax);
    let user = user_dir.is_some();
    if user {
        env.set_fuel(Some(USER_TEMPLATE_FUEL));
    }
    env.set_loader(move |name| load(user_dir.as_deref(), name));
    // Escaping follows the template's own name where it says html or md, else the output's.
    env.set_auto_escape_callback(move |name| {
        let lower = name.to_ascii_lowercase();
        let name = lower.trim_end_matches(".j2");
        if name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".svg") {
            AutoEscape::Html
        } else if name.ends_with(".md") {
            AutoEscape::None
        } else {
            match markup {
                Markup::Html => AutoEscape::Html,
                Markup::Markdown => AutoEscape::None,
            }
        }
    });
    env.add_filter("md", md);
    env.add_filter("md_cell", md_cell);
    env.add_filter("score", |v: Option<f64>| {
        crate::present::format::fmt_score(v)
    });
    env.add_filter("bar", |percent: Option<f64>| {
        crate::present::format::bar(percent, 0, 100, 10)
    });
    env.add_filter("signed", crate::present::format::fmt_signed);
    // Two decimals (alpha, correlations), "–" for none; a share as a percentage.
    env.add_filter("two", |v: Option<f64>| {
        v.map_or_else(|| "–".to_string(), |v| format!("{v:.2}"))
    });
    env.add_filter("pct", |v: Option<f64>| {
        v.map_or_else(|| "–".to_string(), |v| format!("{:.0}%", v * 100.0))
    });
    env.add_filter("css_string", css_string);
    // Answers per point as small bars: `{{ counts | dist(scale_points) }}` gives `1▁0 2▅2 3█4`.
    env.add_filter("dist", |counts: Vec<usize>, points: Vec<i64>| {
        crate::present::table::distribution(&points, &counts)
    });
    Ok(env)
}

/// Finds a template by name: beside the user's template first, then among the shipped ones.
/// Names that could leave those folders (absolute, or with `..`) are refused.
fn load(user_dir: Option<&Path>, name: &str) -> std::result::Result<Option<String>, JinjaError> {
    let path = Path::new(name);
    let safe = !name.is_empty()
        && path.is_relative()
        && path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
    if !safe {
        return Err(JinjaError::new(
            ErrorKind::TemplateNotFound,
            format!(
                "template names are relative to the template's folder and stay in it: {name:?}"
            ),
        ));
    }
    if let Some(dir) = user_dir {
        let p = dir.join(path);
        if p.exists() {
            return read_inside(dir, &p).map(Some);
        }
    }
    Ok(assets::shipped_template(name).map(|a| a.text.to_string()))
}

/// Reads the template at `path`, which must really lie in `dir`: a link that leads outside the
/// template's folder (`passwd.txt -> /etc/passwd`) is refused. The read is bounded.
fn read_inside(dir: &Path, path: &Path) -> std::result::Result<String, JinjaError> {
    let refuse = |why: String| JinjaError::new(ErrorKind::InvalidOperation, why);
    let real = crate::io::input::inside(dir, path).map_err(|why| match why {
        NotInside::Unreadable(what) => refuse(format!("cannot read {what}")),
        NotInside::Outside => refuse(format!(
            "{} leads outside the template's folder; templates stay in their folder",
            path.display()
        )),
    })?;
    crate::io::input::read_text(&real, crate::io::input::Kind::Template)
        .map_err(|e| refuse(e.to_string()))
}

/// A template error as people can act on it: the template and line, what went wrong, and the
/// template's lines around it.
fn template_error(e: JinjaError) -> Error {
    let mut msg = String::new();
    match (e.name(), e.line()) {
        (Some(name), Some(line)) => msg.push_str(&format!("template {name}, line {line}: ")),
        (Some(name), None) => msg.push_str(&format!("template {name}: ")),
        _ => msg.push_str("template: "),
    }
    let kind = match e.kind() {
        ErrorKind::OutOfFuel => {
            "the template did too much work and was stopped (an endless loop?)".to_string()
        }
        k => match e.detail() {
            Some(d) => format!("{k}: {d}"),
            None => k.to_string(),
        },
    };
    msg.push_str(&kind);
    // The framed excerpt of the template; the dump of every variable after it is too long to
    // help.
    let info = e.display_debug_info().to_string();
    let excerpt = match info.find("Referenced variables:") {
        Some(i) => info[..i].trim_end(),
        None => info.trim_end(),
    };
    if !excerpt.trim().is_empty() {
        msg.push('\n');
        msg.push_str(excerpt.trim_start_matches('\n'));
    }
    Error::Template {
        message: msg,
        cause: Some(e),
    }
}

/// Text made inert for a Markdown paragraph or list item: every character that Markdown or HTML
/// could read as syntax is escaped, lines that could open a block (a heading, a list, a quote, a
/// rule) are defused, and line breaks become hard breaks.
pub fn md(value: &Value) -> String {
    let text = value_text(value);
    let lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(escape_md_line)
        .collect();
    lines.join("\\\n")
}

/// Text made inert for a GFM table cell: as [`md`], on one line.
pub fn md_cell(value: &Value) -> String {
    let text = value_text(value);
    let one_line: Vec<&str> = text.split_whitespace().collect();
    escape_md_line(&one_line.join(" "))
}

/// Text as a quoted CSS string, for `content:` in a `<style>` element (a running footer). Every
/// character that could end the string, the declaration or the element is written as a CSS
/// escape, and line breaks become spaces; the result is marked safe, since HTML escaping inside
/// `<style>` would show its entities literally.
pub fn css_string(value: &Value) -> Value {
    let mut out = String::from("\"");
    for c in value_text(value).chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' | '\'' | '{' | '}' | ';' => {
                out.push_str(&format!("\\{:x} ", c as u32));
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    Value::from_safe_string(out)
}

fn value_text(value: &Value) -> String {
    if value.is_none() || value.is_undefined() {
        String::new()
    } else if let Some(s) = value.as_str() {
        s.to_string()
    } else {
        value.to_string()
    }
}

fn escape_md_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    for (i, c) in line.chars().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '#' | '!' | '|' | '~'
            | '&' | '$' => {
                out.push('\\');
                out.push(c);
            }
            // A control character (an escape sequence from a hostile file) would reach the
            // terminal of whoever prints the file: it shows as U+FFFD instead.
            c if c.is_control() && c != '\t' => out.push('\u{FFFD}'),
            // Only at the start of a line do these open a block.
            '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    // "1. " or "1) " at the start would open an ordered list.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && matches!(out[digits..].chars().next(), Some('.' | ')')) {
        out.insert(digits, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md_of(s: &str) -> String {
        md(&Value::from(s))
    }

    #[test]
    fn control_characters_never_reach_markdown() {
        assert_eq!(md_of("Sam\u{1b}[2J\u{7}"), "Sam\u{FFFD}\\[2J\u{FFFD}");
        assert_eq!(md_cell(&Value::from("a\u{9b}b")), "a\u{FFFD}b");
    }

    #[test]
    fn output_may_reach_the_limit_but_not_pass_it() {
        use std::io::Write;
        let (mut out, over) = (Vec::new(), std::cell::Cell::new(false));
        let mut w = Bounded {
            out: &mut out,
            over: &over,
        };
        w.write_all(&vec![b'x'; MAX_RENDERED_BYTES - 10]).unwrap();
        w.write_all(&[b'y'; 10]).unwrap();
        assert!(!over.get(), "exactly the limit is allowed");
        assert!(w.write_all(b"z").is_err());
        assert!(over.get());
        assert_eq!(out.len(), MAX_RENDERED_BYTES);
    }

    #[test]
    fn a_template_named_html_htm_or_svg_escapes_even_into_markdown() {
        #[derive(Serialize)]
        struct Ctx {
            name: &'static str,
        }
        let dir = tempfile::tempdir().unwrap();
        let framing = crate::model::config::Framing::default();
        for (file, escaped) in [
            ("a.html.j2", true),
            ("a.htm.j2", true),
            ("a.svg.j2", true),
            ("a.md.j2", false),
        ] {
            let t = dir.path().join(file);
            std::fs::write(&t, "{{ name }}").unwrap();
            let ctx = Ctx { name: "<b>Ana</b>" };
            let out = render("x", Markup::Markdown, Some(&t), &ctx, &framing).unwrap();
            assert_eq!(out.contains("&lt;b&gt;"), escaped, "{file}: {out}");
        }
    }

    #[test]
    fn only_a_number_before_a_dot_opens_a_list() {
        assert_eq!(md_of(".net and 1.5"), ".net and 1.5");
        assert_eq!(md_of(") aside"), ") aside");
        assert_eq!(md_of("1. first"), "1\\. first");
    }

    #[test]
    fn markdown_syntax_is_escaped() {
        assert_eq!(
            md_of("*bold* _it_ `code`"),
            "\\*bold\\* \\_it\\_ \\`code\\`"
        );
        assert_eq!(
            md_of("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(md_of("[link](http://x)"), "\\[link\\](http://x)");
        assert_eq!(md_of("a & b"), "a \\& b");
    }

    #[test]
    fn block_openers_are_defused_and_lines_become_hard_breaks() {
        assert_eq!(
            md_of("# title\n- item\n\n1. first\n> quote"),
            "\\# title\\\n\\- item\\\n1\\. first\\\n\\> quote"
        );
        assert_eq!(md_of("---"), "\\---");
        assert_eq!(md_of("a - b"), "a - b", "a dash inside a line is text");
    }

    #[test]
    fn css_strings_cannot_end_the_string_or_the_style_element() {
        let css = |s: &str| css_string(&Value::from(s)).to_string();
        assert_eq!(css("Group report: Caring"), "\"Group report: Caring\"");
        assert_eq!(
            css("a\"b\\c</style><script>"),
            "\"a\\22 b\\5c c\\3c /style\\3e \\3c script\\3e \""
        );
        assert_eq!(css("x;}\n@import"), "\"x\\3b \\7d  @import\"");
    }

    #[test]
    fn table_cells_stay_on_one_line_and_pipes_are_escaped() {
        assert_eq!(md_cell(&Value::from("a | b\nc")), "a \\| b c");
        assert_eq!(md_cell(&Value::from(())), "");
    }

    #[test]
    fn template_names_cannot_leave_their_folders() {
        for name in ["../secret", "/etc/passwd", "a/../../b"] {
            assert!(load(None, name).is_err(), "{name}");
        }
        assert!(load(None, "report.html.j2").unwrap().is_some());
        assert!(load(None, "nope.j2").unwrap().is_none());
    }
}

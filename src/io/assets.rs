//! The only place that knows what is embedded in the binary: the shipped rubrics, the shipped
//! report templates, and the starter files that `init` commands write. The binary works from any
//! directory with no files beside it.

/// A file shipped inside the binary.
#[derive(Debug, Clone, Copy)]
pub struct Asset {
    /// The file name, as it is in the source tree and as `export` commands write it.
    pub name: &'static str,
    pub text: &'static str,
}

macro_rules! asset {
    ($dir:literal, $name:literal) => {
        Asset {
            name: $name,
            text: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/", $dir, "/", $name)),
        }
    };
}

/// The shipped rubrics, the default first. Each file is named after the rubric's id.
pub const RUBRICS: &[Asset] = &[
    asset!("rubrics", "wenger-trayner.yaml"),
    asset!("rubrics", "leadership-roles.yaml"),
    asset!("rubrics", "pioneering-leaders.yaml"),
    asset!("rubrics", "cop-functions.yaml"),
];

/// The shipped report templates: minijinja, the extension picks the escaping.
pub const TEMPLATES: &[Asset] = &[
    asset!("templates", "base.html.j2"),
    asset!("templates", "charts.html.j2"),
    asset!("templates", "report.html.j2"),
    asset!("templates", "report.md.j2"),
    asset!("templates", "bundle.html.j2"),
    asset!("templates", "compare.html.j2"),
    asset!("templates", "compare.md.j2"),
    asset!("templates", "present.html.j2"),
    asset!("templates", "worksheet.html.j2"),
    asset!("templates", "worksheet.md.j2"),
    asset!("templates", "form.html.j2"),
    asset!("templates", "room-message.html.j2"),
    asset!("templates", "room-console.html.j2"),
    asset!("templates", "analyze.html.j2"),
    asset!("templates", "analyze.md.j2"),
];

/// The shipped template with this name.
pub fn shipped_template(name: &str) -> Option<&'static Asset> {
    TEMPLATES.iter().find(|a| a.name == name)
}

/// The id of the default rubric.
pub const DEFAULT_RUBRIC: &str = "wenger-trayner";

/// The commented starter rubric that `learnlead rubrics init` writes.
pub const STARTER_RUBRIC: &str = include_str!("assets/starter-rubric.yaml");

/// The JSON Schema of the rubric format, printed by `learnlead rubrics schema`.
pub const RUBRIC_SCHEMA: &str = include_str!("assets/rubric.schema.json");

/// The JSON Schema of the session format, printed by `learnlead session --schema`.
pub const SESSION_SCHEMA: &str = include_str!("assets/session.schema.json");

/// The shipped rubric with this id.
pub fn shipped_rubric(id: &str) -> Option<&'static Asset> {
    RUBRICS
        .iter()
        .find(|a| a.name.strip_suffix(".yaml") == Some(id))
}

/// The commented example configuration that `learnlead init-config` writes.
pub const CONFIG_EXAMPLE: &str = include_str!("assets/learnlead.example.yaml");

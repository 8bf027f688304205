//! Helpers shared by the end-to-end tests.

use std::path::PathBuf;

use assert_cmd::Command;

/// The `learnlead` binary, run in a fresh temporary folder with no user rubrics folder and no
/// colour, so that tests see what a new user sees.
pub fn learnlead() -> Command {
    let mut cmd = Command::cargo_bin("learnlead").expect("the learnlead binary is built");
    cmd.env_remove("LEARNLEAD_RUBRICS")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "120");
    cmd
}

pub fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// What a finished command printed, as text.
pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(cmd: &mut Command) -> Outcome {
    let out = cmd.output().expect("learnlead runs");
    Outcome {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

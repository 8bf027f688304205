//! Where Chrome, Chromium and Edge are: on PATH under their usual names, or in the places their
//! installers put them (on Windows and macOS these are rarely on PATH).

use std::path::PathBuf;

/// Names looked for on PATH, in order (with `.exe` on Windows).
const ON_PATH: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "microsoft-edge-stable",
    "msedge",
];

/// The first browser on PATH, else in its usual install place.
pub fn find() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let on_path = ON_PATH.iter().flat_map(|name| {
        let file = format!("{name}{}", std::env::consts::EXE_SUFFIX);
        std::env::split_paths(&path)
            .map(move |d| d.join(&file))
            .collect::<Vec<_>>()
    });
    on_path.chain(install_places()).find(|p| p.is_file())
}

/// The places browsers install themselves on this system, in order of preference.
pub fn install_places() -> Vec<PathBuf> {
    #[cfg(windows)]
    {
        let roots: Vec<PathBuf> = ["ProgramFiles", "ProgramFiles(x86)", "LocalAppData"]
            .iter()
            .filter_map(std::env::var_os)
            .map(PathBuf::from)
            .collect();
        let inside = [
            r"Google\Chrome\Application\chrome.exe",
            r"Chromium\Application\chrome.exe",
            r"Microsoft\Edge\Application\msedge.exe",
        ];
        inside
            .iter()
            .flat_map(|i| roots.iter().map(move |r| r.join(i)))
            .collect()
    }
    #[cfg(target_os = "macos")]
    {
        let apps = [
            "Google Chrome.app/Contents/MacOS/Google Chrome",
            "Chromium.app/Contents/MacOS/Chromium",
            "Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
        ];
        let mut roots = vec![PathBuf::from("/Applications")];
        if let Some(home) = std::env::var_os("HOME") {
            roots.push(PathBuf::from(home).join("Applications"));
        }
        apps.iter()
            .flat_map(|a| roots.iter().map(move |r| r.join(a)))
            .collect()
    }
    #[cfg(not(any(windows, target_os = "macos")))]
    {
        [
            "/snap/bin/chromium",
            "/opt/google/chrome/chrome",
            "/opt/microsoft/msedge/msedge",
        ]
        .iter()
        .map(PathBuf::from)
        .collect()
    }
}

/// What to install, in words for this system.
pub fn install_hint() -> &'static str {
    if cfg!(windows) {
        "Install Google Chrome or Microsoft Edge"
    } else if cfg!(target_os = "macos") {
        "Install Google Chrome, Chromium or Microsoft Edge in Applications"
    } else {
        "Install Chromium (Debian and Ubuntu: `apt-get install chromium`) or Google Chrome"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn install_places_are_full_paths_to_programs() {
        let places = install_places();
        assert!(!places.is_empty());
        for p in places {
            assert!(p.is_absolute() || cfg!(windows), "{}", p.display());
            let name = p.file_name().unwrap().to_string_lossy().to_lowercase();
            assert!(
                ["chrom", "edge"].iter().any(|b| name.contains(b)),
                "{}",
                p.display()
            );
        }
    }
}

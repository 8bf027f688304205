//! The browser the page tests drive: learnlead's own DevTools client
//! (`learnlead::present::devtools`), with a fresh profile, failing the test on any error.

use std::path::Path;
use std::time::Duration;

use serde_json::Value;

pub use learnlead::present::devtools::Tab;

pub struct Browser {
    inner: learnlead::present::devtools::Browser,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub fn start(chromium: &Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let inner = learnlead::present::devtools::Browser::start(
            chromium,
            profile.path(),
            Duration::from_secs(60),
        )
        .expect("chromium starts");
        Browser {
            inner,
            _profile: profile,
        }
    }

    pub fn tab(&mut self, width: u32, media: &str) -> Tab {
        self.inner.tab(width, media).unwrap()
    }

    pub fn open(&mut self, tab: &Tab, page: &Path) {
        self.inner.open(tab, page).unwrap()
    }

    pub fn open_url(&mut self, tab: &Tab, url: &str) {
        self.inner.open_url(tab, url).unwrap()
    }

    pub fn wait_load(&mut self, tab: &Tab) {
        self.inner.wait_load(tab).unwrap()
    }

    pub fn eval(&mut self, tab: &Tab, script: &str) -> Value {
        self.inner.eval(tab, script).unwrap()
    }
}

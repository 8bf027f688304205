//! End-to-end tests: they run the real `learnlead` binary. One module per feature; fixtures in
//! `tests/fixtures/`. See tests/README.md for how to add a test.

#![allow(unreachable_pub, clippy::unwrap_used, clippy::pedantic)] // test code: a failing unwrap is a failing test

mod assess;
#[cfg(unix)]
mod assess_terminal;
mod bundle;
mod cdp;
mod cli;
mod compare;
mod conventions;
mod core;
mod docx;
mod exports;
mod form;
mod hostile;
pub mod pages;
mod report;
mod rounds;
mod rubrics;
mod serve;
mod session;
mod support;
mod trust;

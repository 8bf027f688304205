//! How results look: views, rendering, terminal tables, charts and PDF.

/// Chart geometry for reports.
pub mod chart;
/// The long CSV of every answer.
pub mod csv;
/// A small DevTools client for a headless browser, over a pipe or a local port.
pub mod devtools;
/// One way from a view to a document in any format.
pub mod document;
/// Word documents: the report and the group report, editable.
pub mod docx;
/// Numbers as people read them: scores, signed changes, bars.
pub mod format;
/// PDF by printing HTML with a local Chromium or Chrome.
pub mod pdf;
/// The participants' address as a QR code.
pub mod qr;
/// Rendering reports with minijinja templates.
pub mod render;
/// The pages `serve` shows: messages and the facilitator's console.
pub mod room;
/// Terminal tables.
pub mod table;
/// The views templates receive: what a report shows.
pub mod view;

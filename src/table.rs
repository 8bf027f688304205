//! Terminal tables (comfy-table): one style for the whole tool, fitted to the terminal's width.
//! No colour is used, so `NO_COLOR` and monochrome terminals need nothing special.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ContentArrangement, Table};

/// A table with `headers`, wrapping its cells to fit the terminal.
pub fn new(headers: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(headers.to_vec());
    if let Some(width) = width_override() {
        table.set_width(width);
    }
    table
}

/// Aligns the given columns to the right (numbers).
pub fn align_right(table: &mut Table, columns: &[usize]) {
    for &c in columns {
        if let Some(col) = table.column_mut(c) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
}

/// `COLUMNS` wins over the detected width, so output can be fitted when not on a terminal.
fn width_override() -> Option<u16> {
    std::env::var("COLUMNS").ok()?.parse().ok()
}

//! An editable deliverable: the report and the group report as a Word document (docx-rs), with
//! real headings (Word's own "Heading 1" ... styles, so a client's styles apply), tables and
//! bulleted lists, the radar chart as a picture (drawn by resvg), and the branding: the title as
//! the first heading, the logo, the accent on headings, the confidentiality line and page
//! numbers in the footer. Text goes in as text: nothing is interpreted as markup.

use std::io::Cursor;

mod group;
mod report;

pub use group::group;
pub use report::report;

use docx_rs::{
    AbstractNumbering, AlignmentType, Docx, Footer, IndentLevel, Level, LevelJc, LevelText,
    NumberFormat, Numbering, NumberingId, PageMargin, PageNum, Paragraph, Pic, Run, RunFonts,
    Shading, SpecialIndentType, Start, Style, StyleType, Table, TableCell, TableLayoutType,
    TableRow, WidthType,
};

use crate::error::{Error, Result};
use crate::model::config::Framing;
use crate::present::chart::Radar;

/// A run of text. Everything in it is text, never markup (docx-rs escapes `<` and `&`), and
/// characters XML 1.0 cannot hold (control characters from a hostile file) become U+FFFD, so
/// the document always opens.
fn text_run(text: impl AsRef<str>) -> Run {
    Run::new().add_text(xml_safe(text.as_ref()))
}

/// `text` with every character XML 1.0 forbids (controls other than tab and line breaks,
/// U+FFFE, U+FFFF) replaced by U+FFFD.
fn xml_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let forbidden = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    match text.chars().any(forbidden) {
        false => std::borrow::Cow::Borrowed(text),
        true => text
            .chars()
            .map(|c| if forbidden(c) { '\u{FFFD}' } else { c })
            .collect(),
    }
}

/// A document being written, top to bottom.
struct Doc {
    docx: Docx,
    accent: String,
}

/// The page's text width in twentieths of a point: A4 less two 2 cm margins.
const TEXT_WIDTH: usize = 11_906 - 2 * 1_134;

/// Pixels per EMU-inch: Word measures pictures in EMU (914,400 to the inch, 9,525 to a pixel).
const EMU_PER_PX: u32 = 9_525;

impl Doc {
    fn new(framing: &Framing, footer_title: &str) -> Doc {
        let accent = framing
            .brand
            .accent_text
            .clone()
            .unwrap_or_else(|| "#1f5f8b".into())
            .trim_start_matches('#')
            .to_string();
        let heading = |id: &str, name: &str, size: usize, level: usize| {
            Style::new(id, StyleType::Paragraph)
                .name(name)
                .based_on("Normal")
                .next("Normal")
                .bold()
                .size(size)
                .color(accent.clone())
                .outline_lvl(level)
        };
        let mut footer_line = Paragraph::new().add_run(text_run(footer_title).size(16));
        if let Some(c) = &framing.brand.confidentiality {
            footer_line = footer_line.add_run(text_run(format!(" · {c}")).size(16));
        }
        let footer = Footer::new().add_paragraph(
            footer_line
                .add_run(text_run(" · page ").size(16))
                .add_page_num(PageNum::new()),
        );
        // A sans body in 11 pt, as the PDF has, instead of the word processor's Times: Arial,
        // which LibreOffice draws with Liberation Sans where Arial is not installed.
        let sans = RunFonts::new()
            .ascii("Arial")
            .hi_ansi("Arial")
            .cs("Arial")
            .east_asia("Arial");
        let docx = Docx::new()
            .default_fonts(sans)
            .default_size(22)
            .add_style(heading("Title", "Title", 48, 0))
            .add_style(heading("Heading1", "heading 1", 32, 0))
            .add_style(heading("Heading2", "heading 2", 26, 1))
            .add_style(heading("Heading3", "heading 3", 23, 2))
            .add_abstract_numbering(
                AbstractNumbering::new(2).add_level(
                    Level::new(
                        0,
                        Start::new(1),
                        NumberFormat::new("bullet"),
                        LevelText::new("•"),
                        LevelJc::new("left"),
                    )
                    .indent(
                        Some(720),
                        Some(SpecialIndentType::Hanging(360)),
                        None,
                        None,
                    ),
                ),
            )
            .add_numbering(Numbering::new(2, 2))
            .page_margin(
                PageMargin::new()
                    .top(1_134)
                    .bottom(1_134)
                    .left(1_134)
                    .right(1_134),
            )
            .footer(footer);
        Doc { docx, accent }
    }

    fn add(&mut self, p: Paragraph) {
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_paragraph(p);
    }

    fn heading(&mut self, style: &str, text: &str) {
        self.add(Paragraph::new().style(style).add_run(text_run(text)));
    }

    fn para(&mut self, text: &str) {
        self.add(Paragraph::new().add_run(text_run(text)));
    }

    /// A paragraph with a bold lead-in: `lead` then `text`.
    fn lead(&mut self, lead: &str, text: &str) {
        self.add(
            Paragraph::new()
                .add_run(text_run(lead).bold())
                .add_run(text_run(format!(" {text}"))),
        );
    }

    fn bullets<S: AsRef<str>>(&mut self, items: &[S]) {
        for i in items {
            self.add(
                Paragraph::new()
                    .add_run(text_run(i.as_ref()))
                    .numbering(NumberingId::new(2), IndentLevel::new(0)),
            );
        }
    }

    /// A table with a shaded header row; each column as wide as its share of the weights.
    fn table(&mut self, columns: &[(&str, usize)], rows: &[Vec<String>]) {
        let total: usize = columns.iter().map(|(_, w)| w).sum::<usize>().max(1);
        let widths: Vec<usize> = columns
            .iter()
            .map(|(_, w)| TEXT_WIDTH * w / total)
            .collect();
        let cell = |text: &str, head: bool, width: usize| {
            // Tables in 10 pt, so that a row of numbers keeps its headings on one line.
            let run = text_run(text).size(20);
            let mut c = TableCell::new().width(width, WidthType::Dxa).add_paragraph(
                Paragraph::new().add_run(match head {
                    true => run.bold(),
                    false => run,
                }),
            );
            if head {
                c = c.shading(Shading::new().fill("f3f6f8"));
            }
            c
        };
        let row = |texts: Vec<&str>, head: bool| {
            TableRow::new(
                texts
                    .into_iter()
                    .zip(&widths)
                    .map(|(t, w)| cell(t, head, *w))
                    .collect(),
            )
        };
        let mut all = vec![row(columns.iter().map(|(h, _)| *h).collect(), true)];
        all.extend(
            rows.iter()
                .map(|r| row(r.iter().map(String::as_str).collect(), false)),
        );
        let table = Table::new(all)
            .set_grid(widths.clone())
            .layout(TableLayoutType::Fixed)
            .width(TEXT_WIDTH, WidthType::Dxa);
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_table(table);
        self.para("");
    }

    /// A picture from PNG bytes, `width_px` wide on the page.
    fn picture(&mut self, png: Vec<u8>, w: u32, h: u32, width_px: u32) {
        let height_px = (f64::from(width_px) * f64::from(h) / f64::from(w.max(1))) as u32;
        let pic =
            Pic::new_with_dimensions(png, w, h).size(width_px * EMU_PER_PX, height_px * EMU_PER_PX);
        self.add(
            Paragraph::new()
                .add_run(Run::new().add_image(pic))
                .align(AlignmentType::Center),
        );
    }

    fn finish(self) -> Result<Vec<u8>> {
        let mut out = Cursor::new(Vec::new());
        self.docx
            .build()
            .pack(&mut out)
            .map_err(|e| Error::Encode {
                what: "Word (docx)",
                cause: Box::new(e),
            })?;
        Ok(out.into_inner())
    }
}

/// The title page's lines (the logo, the title, who it is for and by, the date), on a page of
/// their own when the document is branded; then the summary and the recommendations.
fn front(doc: &mut Doc, framing: &Framing, title: &str, subtitle: &str) {
    let brand = &framing.brand;
    if let Some((png, w, h)) = brand.logo.as_deref().and_then(logo_png) {
        doc.picture(png, w, h, 160);
    }
    doc.heading("Title", title);
    doc.para(subtitle);
    let who = [
        brand.client.as_ref().map(|c| format!("Prepared for {c}")),
        brand
            .consultant_name
            .as_ref()
            .map(|n| match &brand.consultant_contact {
                Some(c) => format!("by {n}, {c}"),
                None => format!("by {n}"),
            }),
        brand.date.clone(),
        brand.confidentiality.clone(),
    ];
    for line in who.into_iter().flatten() {
        doc.para(&line);
    }
    // A branded document opens with a title page of its own, as the printed page does.
    let branded = brand.logo.is_some()
        || brand.title.is_some()
        || brand.client.is_some()
        || brand.consultant_name.is_some();
    if branded {
        doc.add(Paragraph::new().add_run(Run::new().add_break(docx_rs::BreakType::Page)));
    }
    for (section, heading, text) in [
        ("summary", "Summary", &brand.summary_md),
        (
            "recommendations",
            "Recommendations",
            &brand.recommendations_md,
        ),
    ] {
        if let (true, Some(text)) = (shown(framing, section), text) {
            doc.heading("Heading1", heading);
            markdown(doc, text);
        }
    }
}

/// The configuration's Markdown (summary, recommendations) as Word paragraphs: paragraphs,
/// bulleted items, bold and italic; links keep their text, anything else its text only.
fn markdown(doc: &mut Doc, md: &str) {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut open: Option<Paragraph> = None;
    let (mut bold, mut italic) = (0, 0);
    // The lists we are in: a numbered one holds the number its next item takes.
    let mut lists: Vec<Option<u64>> = Vec::new();
    for event in Parser::new(md) {
        match event {
            Event::Start(Tag::List(start)) => lists.push(start),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                open = Some(match lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        Paragraph::new()
                            .indent(Some(720), Some(SpecialIndentType::Hanging(360)), None, None)
                            .add_run(text_run(format!("{}. ", *n - 1)))
                    }
                    _ => Paragraph::new().numbering(NumberingId::new(2), IndentLevel::new(0)),
                });
            }
            Event::Start(Tag::Paragraph) if open.is_none() => open = Some(Paragraph::new()),
            Event::Start(Tag::Heading { .. }) => {
                open = Some(open.take().unwrap_or_default());
                bold += 1;
            }
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold -= 1,
            Event::Start(Tag::Emphasis) => italic += 1,
            Event::End(TagEnd::Emphasis) => italic -= 1,
            Event::End(TagEnd::Heading(_)) => {
                bold -= 1;
                doc.add(open.take().unwrap_or_default());
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item) => {
                if let Some(p) = open.take() {
                    doc.add(p);
                }
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                let mut run = text_run(t.as_ref());
                if bold > 0 {
                    run = run.bold();
                }
                if italic > 0 {
                    run = run.italic();
                }
                open = Some(open.take().unwrap_or_default().add_run(run));
            }
            Event::SoftBreak => open = Some(open.take().unwrap_or_default().add_run(text_run(" "))),
            Event::HardBreak => {
                open = Some(
                    open.take()
                        .unwrap_or_default()
                        .add_run(Run::new().add_break(docx_rs::BreakType::TextWrapping)),
                );
            }
            _ => {}
        }
    }
    if let Some(p) = open {
        doc.add(p);
    }
}

/// Whether the configuration shows a section (all are shown unless `sections` says otherwise).
/// How these figures were made: the rubric, the scoring rules, the reverse-scored statements.
fn method(doc: &mut Doc, m: &crate::present::view::MethodView, title: &str) {
    doc.heading("Heading1", title);
    doc.lead("Rubric: ", &m.rubric);
    doc.bullets(&m.lines);
    if !m.reverse.is_empty() {
        doc.para(&m.reverse_intro);
        doc.bullets(&m.reverse);
    }
}

fn shown(framing: &Framing, section: &str) -> bool {
    framing.show.get(section).copied().unwrap_or(true)
}

/// The radar as a picture, with its description below it.
fn radar(doc: &mut Doc, r: &Radar, text: &str) {
    let svg = crate::present::chart::radar_svg(r, &format!("#{}", doc.accent));
    if let Some((png, w, h)) = svg_png(&svg, 1040) {
        doc.picture(png, w, h, 520);
    }
    doc.para(text);
}

/// The font charts are drawn in, shipped with learnlead (DejaVu Sans; its licence is in
/// `fonts/LICENSE-DejaVu.txt`). A chart asks for "sans-serif", and a machine without a font the
/// renderer finds for it (no fontconfig, no Arial) would lose every label, number and legend
/// without a word.
const CHART_FONT: &[u8] = include_bytes!("../../../fonts/DejaVuSans.ttf");

/// An SVG drawn to PNG `width` pixels wide (at most as tall as it is wide, times three); none
/// if it cannot be read. The SVG may come from a configuration, so nothing it names is loaded:
/// only `data:` pictures inside it are drawn, never a file.
fn svg_png(svg: &str, width: u32) -> Option<(Vec<u8>, u32, u32)> {
    use resvg::usvg::{ImageHrefResolver, Options, Tree};
    let mut options = Options {
        image_href_resolver: ImageHrefResolver {
            resolve_data: ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..Options::default()
    };
    let fonts = options.fontdb_mut();
    fonts.load_font_data(CHART_FONT.to_vec());
    // The system's fonts stay behind it, for letters DejaVu Sans does not have.
    fonts.load_system_fonts();
    fonts.set_sans_serif_family("DejaVu Sans");
    fonts.set_serif_family("DejaVu Sans");
    let tree = Tree::from_str(svg, &options).ok()?;
    let size = tree.size();
    let scale = width as f32 / size.width();
    let (w, h) = (width, (size.height() * scale).ceil() as u32);
    if h == 0 || h > width * 3 {
        return None;
    }
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h)?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Some((pixmap.encode_png().ok()?, w, h))
}

/// The configuration's logo (a `data:` URI) as PNG: a PNG as it is, an SVG drawn; a JPEG is
/// left out (Word pictures here are PNG).
fn logo_png(uri: &str) -> Option<(Vec<u8>, u32, u32)> {
    use base64::Engine;
    let (head, data) = uri.split_once(',')?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data)
        .ok()?;
    if head.contains("image/svg+xml") {
        return svg_png(std::str::from_utf8(&bytes).ok()?, 480);
    }
    if head.contains("image/png") && bytes.len() > 24 {
        let w = u32::from_be_bytes(bytes[16..20].try_into().ok()?);
        let h = u32::from_be_bytes(bytes[20..24].try_into().ok()?);
        // A picture no more than three times as tall as it is wide: the page holds it.
        let sane = w > 0 && h > 0 && u64::from(h) <= u64::from(w) * 3;
        return sane.then_some((bytes, w, h));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn document_xml(bytes: Vec<u8>) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml
    }

    /// Dark pixels (text is drawn in the ink colour) in the box of `half` pixels around
    /// (`x`, `y`).
    fn dark_pixels(png: &[u8], x: f32, y: f32, half: f32) -> usize {
        let img = resvg::tiny_skia::Pixmap::decode_png(png).unwrap();
        let mut n = 0;
        for py in (y - half).max(0.0) as u32..((y + half) as u32).min(img.height()) {
            for px in (x - half).max(0.0) as u32..((x + half) as u32).min(img.width()) {
                let c = img.pixel(px, py).unwrap();
                if u16::from(c.red()) + u16::from(c.green()) + u16::from(c.blue()) < 300 {
                    n += 1;
                }
            }
        }
        n
    }

    #[test]
    fn every_axis_of_the_chart_has_its_words_with_the_shipped_font() {
        let axes: Vec<(String, String)> = ["Relevance", "Voices", "Power", "Scale", "Time"]
            .iter()
            .map(|n| (n.to_lowercase(), (*n).to_string()))
            .collect();
        let now = vec![Some(3.0), Some(2.0), Some(4.0), Some(1.5), Some(3.5)];
        let r = crate::present::chart::radar(&axes, 1, 5, &[("now", now)]).unwrap();
        let svg = crate::present::chart::radar_svg(&r, "#1f5f8b");
        let (png, w, _) = svg_png(&svg, 1040).unwrap();
        // The same chart without its words, to tell text pixels from lines.
        let mut bare = String::new();
        let mut rest = svg.as_str();
        while let Some(i) = rest.find("<text") {
            bare.push_str(&rest[..i]);
            let end = rest[i..].find("</text>").unwrap() + i + "</text>".len();
            rest = &rest[end..];
        }
        bare.push_str(rest);
        let (plain, _, _) = svg_png(&bare, 1040).unwrap();
        let scale = w as f32 / r.width as f32;
        for a in &r.axes {
            let (x, y) = (a.label_x as f32 * scale, a.label_y as f32 * scale);
            let with_words = dark_pixels(&png, x, y, 40.0);
            let without = dark_pixels(&plain, x, y, 40.0);
            assert!(
                with_words > without + 40,
                "{}: {with_words} dark pixels with its label, {without} without",
                a.label
            );
        }
    }

    #[test]
    fn the_body_is_sans_and_headings_and_table_heads_stand_out() {
        let mut doc = Doc::new(&Framing::default(), "Title");
        doc.heading("Heading1", "Dimensions");
        doc.table(
            &[("Dimension", 2), ("Mean", 1)],
            &[vec!["Voices".into(), "2.5".into()]],
        );
        let bytes = doc.finish().unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes.clone())).unwrap();
        let mut styles = String::new();
        zip.by_name("word/styles.xml")
            .unwrap()
            .read_to_string(&mut styles)
            .unwrap();
        assert!(
            styles.contains("w:ascii=\"Arial\""),
            "a sans body: {styles}"
        );
        assert!(
            styles.contains("w:color w:val=\"1f5f8b\""),
            "headings in the accent"
        );
        let xml = document_xml(bytes);
        assert!(xml.contains("w:fill=\"f3f6f8\""), "a shaded header row");
    }

    #[test]
    fn markdown_becomes_words_in_bold_and_bullets_not_symbols() {
        let mut doc = Doc::new(&Framing::default(), "Title");
        markdown(
            &mut doc,
            "We **agree** on most.\n\n- first <b>thing</b>\n- second\n\n3. third\n4. fourth\n\n[read](https://x.example)",
        );
        let xml = document_xml(doc.finish().unwrap());
        assert!(!xml.contains("**"), "{xml}");
        assert!(xml.contains("<w:b />") || xml.contains("<w:b/>"), "{xml}");
        assert!(xml.contains(">agree<"), "{xml}");
        assert!(xml.contains("&lt;b&gt;"), "markup stays text: {xml}");
        assert_eq!(xml.matches("<w:numId w:val=\"2\"").count(), 2, "{xml}");
        assert!(
            xml.contains(">3. <") && xml.contains(">4. <"),
            "numbered from 3: {xml}"
        );
        assert!(
            xml.contains(">read<") && !xml.contains("x.example"),
            "{xml}"
        );
    }

    #[test]
    fn control_characters_from_a_hostile_file_cannot_break_the_document() {
        let mut doc = Doc::new(&Framing::default(), "Title\u{1b}[31m");
        doc.para("Sam\u{1}\u{b}X\u{8} <w:p> & co\ttab\nline");
        doc.table(&[("Name\u{0}", 1)], &[vec!["a\u{7f}b\u{FFFF}".into()]]);
        let xml = document_xml(doc.finish().unwrap());
        let bad: Vec<char> = xml
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            .collect();
        assert!(bad.is_empty(), "{bad:?}");
        assert!(
            xml.contains("Sam\u{FFFD}\u{FFFD}X\u{FFFD} &lt;w:p&gt; &amp; co"),
            "{xml}"
        );
        assert!(xml.contains("a\u{FFFD}b\u{FFFD}"), "{xml}");
        assert_eq!(
            xml_safe("Chloé\tMartin"),
            "Chloé\tMartin",
            "tabs and letters stay"
        );
    }

    #[test]
    fn an_svg_logo_draws_no_file_it_names_and_keeps_to_the_page() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("secret.svg");
        std::fs::write(
            &file,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="red"/></svg>"#,
        )
        .unwrap();
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image xlink:href="{}" width="10" height="10"/></svg>"#,
            file.display()
        );
        let (png, w, h) = svg_png(&svg, 20).expect("the SVG itself draws");
        assert_eq!((w, h), (20, 20));
        let drawn = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
        let centre = drawn.pixel(10, 10).unwrap();
        assert_eq!(
            (centre.red(), centre.green()),
            (255, 255),
            "white, not the file's red"
        );
        let tall = r#"<svg xmlns="http://www.w3.org/2000/svg" width="1" height="100000"/>"#;
        assert!(
            svg_png(tall, 480).is_none(),
            "a strip taller than a page is left out"
        );
    }

    #[test]
    fn a_png_logo_with_impossible_dimensions_is_left_out() {
        use base64::Engine;
        let mut png = red_png();
        png[20..24].copy_from_slice(&u32::MAX.to_be_bytes());
        let uri = format!(
            "data:image/png;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(&png)
        );
        assert!(logo_png(&uri).is_none());
        let uri = format!(
            "data:image/png;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(red_png())
        );
        assert_eq!(logo_png(&uri).map(|(_, w, h)| (w, h)), Some((4, 4)));
    }

    fn red_png() -> Vec<u8> {
        let mut red = resvg::tiny_skia::Pixmap::new(4, 4).unwrap();
        red.fill(resvg::tiny_skia::Color::from_rgba8(255, 0, 0, 255));
        red.encode_png().unwrap()
    }
}

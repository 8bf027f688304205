//! Chart geometry for reports: where the axes, rings, labels and shapes of a radar chart go.
//! Templates draw it (`<line>`, `<polygon>`, `<text>`), so they stay in charge of style and the
//! text in charts is escaped like all other text.

use serde::Serialize;

/// Everything a template needs to draw a radar chart in an SVG `viewBox="0 0 width height"`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Radar {
    pub width: f64,
    pub height: f64,
    pub cx: f64,
    pub cy: f64,
    pub radius: f64,
    /// One ring per point of the scale, innermost first.
    pub rings: Vec<Ring>,
    /// One axis per dimension, clockwise from the top.
    pub axes: Vec<Axis>,
    /// The shapes drawn on the axes: `now`, and where present `desired` and `baseline`.
    pub shapes: Vec<Shape>,
    /// A square `viewBox` around the chart alone, for narrow screens: there each axis is
    /// labelled with its number (at `number_x`, `number_y`) and the names follow in a list, so
    /// that the text stays legible when the chart is small.
    pub compact_box: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Ring {
    pub value: i64,
    /// The ring as an SVG `points` list.
    pub points: String,
    /// Where to write the ring's value, on the first axis.
    pub label_x: f64,
    pub label_y: f64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Axis {
    pub id: String,
    pub label: String,
    /// The label broken into short lines, for `<tspan>`s 15 units apart.
    pub lines: Vec<String>,
    pub x: f64,
    pub y: f64,
    pub label_x: f64,
    pub label_y: f64,
    /// SVG `text-anchor` for the label: `start`, `middle` or `end`.
    pub anchor: &'static str,
    /// Where the axis number goes in the compact chart (centred, `dominant-baseline: middle`).
    pub number_x: f64,
    pub number_y: f64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Shape {
    /// `now`, `desired` or `baseline`.
    pub kind: &'static str,
    /// The shape as an SVG `points` list. A dimension with no value sits at the centre.
    pub points: String,
    /// The vertices, for drawing markers.
    pub vertices: Vec<Point>,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// A radar chart of `axes` (id, label) on the scale `min..=max`, with one shape per series of
/// values (one value per axis). `None` when there are fewer than three axes: a radar of two
/// axes is a line, and the bar charts say it better.
pub fn radar(
    axes: &[(String, String)],
    min: i64,
    max: i64,
    series: &[(&'static str, Vec<Option<f64>>)],
) -> Option<Radar> {
    if axes.len() < 3 || max <= min {
        return None;
    }
    let g = Geometry {
        n: axes.len(),
        min,
        max,
        cx: 360.0,
        cy: 250.0,
        radius: 175.0,
    };
    let rings = (min..=max)
        .map(|v| {
            let ps: Vec<Point> = (0..g.n).map(|i| g.at(i, v as f64)).collect();
            Ring {
                value: v,
                points: polygon(&ps),
                label_x: round1(g.cx + 5.0),
                label_y: round1(ps[0].y + 12.0),
            }
        })
        .collect();
    let axes = axes
        .iter()
        .enumerate()
        .map(|(i, (id, label))| g.axis(i, id, label))
        .collect();
    let shapes = series
        .iter()
        .filter(|(_, values)| values.iter().any(Option::is_some))
        .map(|(kind, values)| {
            let vertices: Vec<Point> = values
                .iter()
                .enumerate()
                .map(|(i, v)| g.at(i, v.unwrap_or(min as f64)))
                .collect();
            Shape {
                kind,
                points: polygon(&vertices),
                vertices,
            }
        })
        .collect();
    Some(Radar {
        width: 2.0 * g.cx,
        height: 2.0 * g.cy,
        cx: g.cx,
        cy: g.cy,
        radius: g.radius,
        rings,
        axes,
        shapes,
        compact_box: {
            let r = g.radius + COMPACT_MARGIN;
            format!("{} {} {} {}", g.cx - r, g.cy - r, 2.0 * r, 2.0 * r)
        },
    })
}

/// Room around the compact chart for the axis numbers.
const COMPACT_MARGIN: f64 = 40.0;

/// Where things go on a radar of `n` axes centred at (`cx`, `cy`).
struct Geometry {
    n: usize,
    min: i64,
    max: i64,
    cx: f64,
    cy: f64,
    radius: f64,
}

impl Geometry {
    /// Axis `i`'s angle: the first points up, the others follow clockwise.
    fn angle(&self, i: usize) -> f64 {
        -std::f64::consts::FRAC_PI_2 + i as f64 * std::f64::consts::TAU / self.n as f64
    }

    /// The point for value `v` on axis `i`, clamped to the scale.
    fn at(&self, i: usize, v: f64) -> Point {
        let span = (self.max - self.min) as f64;
        let r = self.radius * ((v - self.min as f64) / span).clamp(0.0, 1.0);
        Point {
            x: round1(self.cx + r * self.angle(i).cos()),
            y: round1(self.cy + r * self.angle(i).sin()),
        }
    }

    /// Axis `i`, with its label placed outside the chart and anchored away from it.
    fn axis(&self, i: usize, id: &str, label: &str) -> Axis {
        let end = self.at(i, self.max as f64);
        let (c, s) = (self.angle(i).cos(), self.angle(i).sin());
        let anchor = if c > 0.2 {
            "start"
        } else if c < -0.2 {
            "end"
        } else {
            "middle"
        };
        let lines = wrap(label, 18);
        // Labels above the centre grow upwards, so their last line sits by the axis.
        let up = if s < -0.3 {
            (lines.len() - 1) as f64 * 15.0
        } else {
            0.0
        };
        let below = if s > 0.3 { 12.0 } else { 4.0 };
        Axis {
            id: id.to_string(),
            label: label.to_string(),
            x: end.x,
            y: end.y,
            label_x: round1(self.cx + (self.radius + 14.0) * c),
            label_y: round1(self.cy + (self.radius + 14.0) * s + below - up),
            anchor,
            lines,
            number_x: round1(self.cx + (self.radius + COMPACT_MARGIN / 2.0) * c),
            number_y: round1(self.cy + (self.radius + COMPACT_MARGIN / 2.0) * s),
        }
    }
}

/// The radar as a standalone SVG, for a picture outside HTML (a Word document): rings, axes
/// and their names, the main shape (`now` or `mean`) in `accent`, other shapes dashed. Every
/// name is escaped for XML.
pub fn radar_svg(r: &Radar, accent: &str) -> String {
    let esc = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="sans-serif">"#,
        w = r.width,
        h = r.height
    );
    for ring in &r.rings {
        s.push_str(&format!(
            r##"<polygon points="{}" fill="none" stroke="#c3cbd3"/><text x="{}" y="{}" font-size="12" fill="#56606b">{}</text>"##,
            ring.points, ring.label_x, ring.label_y, ring.value
        ));
    }
    for a in &r.axes {
        s.push_str(&format!(
            r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#c3cbd3"/><text x="{}" y="{}" text-anchor="{}" font-size="14" fill="#1d232a">"##,
            r.cx, r.cy, a.x, a.y, a.label_x, a.label_y, a.anchor
        ));
        for (k, line) in a.lines.iter().enumerate() {
            s.push_str(&format!(
                r#"<tspan x="{}" dy="{}">{}</tspan>"#,
                a.label_x,
                if k == 0 { 0 } else { 15 },
                esc(line)
            ));
        }
        s.push_str("</text>");
    }
    for shape in &r.shapes {
        let style = match shape.kind {
            "now" | "mean" => {
                format!(r#"fill="{accent}" fill-opacity="0.15" stroke="{accent}" stroke-width="3""#)
            }
            "desired" => {
                r##"fill="none" stroke="#8a5a00" stroke-width="2" stroke-dasharray="2 4""##
                    .to_string()
            }
            _ => r##"fill="none" stroke="#56606b" stroke-width="1.5" stroke-dasharray="6 4""##
                .to_string(),
        };
        s.push_str(&format!(r#"<polygon points="{}" {style}/>"#, shape.points));
    }
    s.push_str("</svg>");
    s
}

/// A small line chart of one score across rounds, for `viewBox="0 0 width height"`: one
/// polyline per run of rounds with a score (a round without one breaks the line) and a dot per
/// score.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Spark {
    pub width: f64,
    pub height: f64,
    pub lines: Vec<String>,
    pub dots: Vec<Point>,
}

/// Width per round and height of a sparkline, in user units (drawn at this size in pixels).
const SPARK_STEP: f64 = 24.0;
const SPARK_HEIGHT: f64 = 24.0;

/// The sparkline of `values` on the scale `min..=max`; `None` with fewer than two scores.
pub fn sparkline(values: &[Option<f64>], min: i64, max: i64) -> Option<Spark> {
    if values.iter().flatten().count() < 2 || max <= min {
        return None;
    }
    let span = (max - min) as f64;
    let at = |i: usize, v: f64| Point {
        x: round1(6.0 + i as f64 * SPARK_STEP),
        y: round1(
            SPARK_HEIGHT - 4.0 - ((v - min as f64) / span).clamp(0.0, 1.0) * (SPARK_HEIGHT - 8.0),
        ),
    };
    let mut lines = Vec::new();
    let mut run: Vec<Point> = Vec::new();
    let mut dots = Vec::new();
    for (i, v) in values.iter().enumerate() {
        if let Some(v) = v {
            let p = at(i, *v);
            dots.push(p);
            run.push(p);
        } else {
            if run.len() >= 2 {
                lines.push(polygon(&run));
            }
            run.clear();
        }
    }
    if run.len() >= 2 {
        lines.push(polygon(&run));
    }
    Some(Spark {
        width: 12.0 + (values.len() - 1) as f64 * SPARK_STEP,
        height: SPARK_HEIGHT,
        lines,
        dots,
    })
}

/// Points as an SVG polygon's `points` attribute.
fn polygon(ps: &[Point]) -> String {
    ps.iter()
        .map(|p| format!("{},{}", p.x, p.y))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Breaks `text` into lines of at most about `width` characters, at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axes(n: usize) -> Vec<(String, String)> {
        (0..n).map(|i| (format!("d{i}"), format!("D{i}"))).collect()
    }

    #[test]
    fn needs_three_axes() {
        assert!(radar(&axes(2), 1, 5, &[]).is_none());
        assert!(radar(&axes(3), 1, 5, &[]).is_some());
    }

    #[test]
    fn values_sit_on_their_axes_in_proportion() {
        let r = radar(
            &axes(4),
            1,
            5,
            &[("now", vec![Some(5.0), Some(3.0), Some(1.0), None])],
        )
        .unwrap();
        let v = &r.shapes[0].vertices;
        // Top axis at full scale: straight up by the radius.
        assert_eq!(
            v[0],
            Point {
                x: r.cx,
                y: r.cy - r.radius
            }
        );
        // Right axis at the middle of the scale: half the radius to the right.
        assert_eq!(
            v[1],
            Point {
                x: r.cx + r.radius / 2.0,
                y: r.cy
            }
        );
        // The bottom of the scale and a missing value sit at the centre.
        assert_eq!(v[2], Point { x: r.cx, y: r.cy });
        assert_eq!(v[3], Point { x: r.cx, y: r.cy });
        assert_eq!(r.rings.len(), 5);
        assert_eq!(r.axes[1].anchor, "start");
        assert_eq!(r.axes[3].anchor, "end");
    }

    #[test]
    fn the_compact_chart_is_a_square_around_the_rings_with_numbers_outside() {
        let r = radar(&axes(4), 1, 5, &[]).unwrap();
        let edge = r.radius + COMPACT_MARGIN;
        assert_eq!(
            r.compact_box,
            format!(
                "{} {} {} {}",
                r.cx - edge,
                r.cy - edge,
                2.0 * edge,
                2.0 * edge
            )
        );
        // The top axis's number sits above the outer ring, inside the box.
        let top = &r.axes[0];
        assert_eq!(top.number_x, r.cx);
        assert!(top.number_y < r.cy - r.radius && top.number_y > r.cy - edge);
        // The right axis's number, to the right of the ring.
        assert!(r.axes[1].number_x > r.cx + r.radius && r.axes[1].number_x < r.cx + edge);
    }

    #[test]
    fn sparklines_rise_with_the_score_and_break_at_a_missing_round() {
        assert!(
            sparkline(&[Some(3.0), None], 1, 5).is_none(),
            "one score is no line"
        );
        let s = sparkline(&[Some(1.0), Some(5.0), None, Some(3.0), Some(4.0)], 1, 5).unwrap();
        assert_eq!(s.dots.len(), 4);
        assert!(s.dots[1].y < s.dots[0].y, "a higher score is drawn higher");
        assert_eq!(s.dots[0].y, SPARK_HEIGHT - 4.0, "the bottom of the scale");
        assert_eq!(s.dots[1].y, 4.0, "the top of the scale");
        assert_eq!(s.lines.len(), 2, "the missing round breaks the line");
        assert_eq!(s.width, 12.0 + 4.0 * SPARK_STEP);
    }

    #[test]
    fn the_standalone_radar_escapes_its_names() {
        let axes = vec![
            ("a".to_string(), "A & <b>".to_string()),
            ("b".into(), "B".into()),
            ("c".into(), "C".into()),
        ];
        let r = radar(&axes, 1, 5, &[("now", vec![Some(3.0); 3])]).unwrap();
        let svg = radar_svg(&r, "#123456");
        assert!(svg.contains("A &amp; &lt;b&gt;"), "{svg}");
        assert!(!svg.contains("<b>"));
        assert!(svg.contains(r##"stroke="#123456""##));
    }

    #[test]
    fn long_labels_wrap_at_spaces() {
        assert_eq!(
            wrap("Cultivation and skill development", 18),
            ["Cultivation and", "skill development"]
        );
        assert_eq!(wrap("Voices", 18), ["Voices"]);
    }

    #[test]
    fn series_without_values_are_not_drawn() {
        let r = radar(
            &axes(3),
            1,
            5,
            &[("now", vec![Some(2.0); 3]), ("desired", vec![None; 3])],
        )
        .unwrap();
        assert_eq!(r.shapes.len(), 1);
        assert_eq!(r.shapes[0].kind, "now");
    }
}

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
    let n = axes.len();
    if n < 3 || max <= min {
        return None;
    }
    let (width, height) = (720.0, 500.0);
    let (cx, cy, radius) = (width / 2.0, height / 2.0, 175.0);
    let angle =
        |i: usize| -std::f64::consts::FRAC_PI_2 + i as f64 * std::f64::consts::TAU / n as f64;
    let at = |i: usize, v: f64| {
        let r = radius * ((v - min as f64) / (max - min) as f64).clamp(0.0, 1.0);
        Point {
            x: round1(cx + r * angle(i).cos()),
            y: round1(cy + r * angle(i).sin()),
        }
    };
    let points = |ps: &[Point]| {
        ps.iter()
            .map(|p| format!("{},{}", p.x, p.y))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let rings = (min..=max)
        .map(|v| {
            let ps: Vec<Point> = (0..n).map(|i| at(i, v as f64)).collect();
            Ring {
                value: v,
                points: points(&ps),
                label_x: round1(cx + 5.0),
                label_y: round1(ps[0].y + 12.0),
            }
        })
        .collect();
    let axes = axes
        .iter()
        .enumerate()
        .map(|(i, (id, label))| {
            let end = at(i, max as f64);
            let (c, s) = (angle(i).cos(), angle(i).sin());
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
            Axis {
                id: id.clone(),
                label: label.clone(),
                x: end.x,
                y: end.y,
                label_x: round1(cx + (radius + 14.0) * c),
                label_y: round1(cy + (radius + 14.0) * s + if s > 0.3 { 12.0 } else { 4.0 } - up),
                anchor,
                lines,
            }
        })
        .collect();
    let shapes = series
        .iter()
        .filter(|(_, values)| values.iter().any(Option::is_some))
        .map(|(kind, values)| {
            let vertices: Vec<Point> = values
                .iter()
                .enumerate()
                .map(|(i, v)| at(i, v.unwrap_or(min as f64)))
                .collect();
            Shape {
                kind,
                points: points(&vertices),
                vertices,
            }
        })
        .collect();
    Some(Radar {
        width,
        height,
        cx,
        cy,
        radius,
        rings,
        axes,
        shapes,
    })
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

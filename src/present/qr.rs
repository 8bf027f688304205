//! The participants' address as a QR code: drawn in the terminal with half blocks, and as a
//! picture (SVG) on the facilitator's console. Made here from the address alone.

/// The code for `url`, if one can hold it.
fn code(url: &str) -> Option<qrcode::QrCode> {
    qrcode::QrCode::new(url.as_bytes()).ok()
}

/// `url` as a QR code drawn with half blocks, for phones to scan off the screen.
pub fn text(url: &str) -> String {
    code(url).map_or_else(String::new, |c| {
        c.render::<qrcode::render::unicode::Dense1x2>()
            .quiet_zone(true)
            .build()
    })
}

/// `url` as a QR code picture, at least 320 pixels square.
pub fn svg(url: &str) -> String {
    code(url).map_or_else(String::new, |c| {
        c.render::<qrcode::render::svg::Color>()
            .min_dimensions(320, 320)
            .quiet_zone(true)
            .build()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "http://192.0.2.7:8080/p/0123456789abcdef0123456789abcdef";

    #[test]
    fn the_code_is_drawn_in_blocks_and_as_a_picture_without_script() {
        let blocks = text(URL);
        assert!(blocks.lines().count() > 10);
        assert!(blocks.contains('█') || blocks.contains('▀'));
        let picture = svg(URL);
        assert!(picture.contains("<svg"), "{picture}");
        assert!(!picture.contains("<script"));
    }
}

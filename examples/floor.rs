//! The floor under `learnlead compare`: every `.yaml` file in a folder read and parsed by
//! serde_yaml into a plain YAML value, and nothing else. benches/side_by_side.sh times it
//! beside learnlead and the Python peer. Usage: `cargo run --release --example floor DIR`.

#![allow(clippy::unwrap_used)] // a measuring tool: a failure is a failed measurement

fn main() {
    let dir = std::env::args().nth(1).expect("a folder of responses");
    let mut parsed = 0usize;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(&path).unwrap();
            let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
            parsed += usize::from(!value.is_null());
        }
    }
    println!("{parsed}");
}

//! The participant rows of a comparison, shared: one row per person, which a group of 100,000
//! makes the largest part of a report's view.
//!
//! Serialized, they are a list of rows, as in the JSON. For a template, they are handed over as
//! a sequence that makes each row a template value only when the template reads it, not as a
//! value per row made before rendering begins (which, at 100,000 rows, took more memory than
//! everything else in the report together). minijinja asks through
//! [`minijinja::value::serializing_for_value`], its documented way for a type to serialize
//! differently for the template engine.

use std::sync::Arc;

use minijinja::value::{Enumerator, Object, ObjectRepr, Value};
use serde::{Serialize, Serializer};

use super::ParticipantRow;

/// The participant rows, in the report's order.
#[derive(Debug, Clone, Default)]
pub struct ParticipantRows(Arc<Vec<ParticipantRow>>);

impl ParticipantRows {
    pub fn new(rows: Vec<ParticipantRow>) -> Self {
        ParticipantRows(Arc::new(rows))
    }
}

impl std::ops::Deref for ParticipantRows {
    type Target = [ParticipantRow];

    fn deref(&self) -> &[ParticipantRow] {
        &self.0
    }
}

impl Serialize for ParticipantRows {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if minijinja::value::serializing_for_value() {
            return Value::from_object(Lazy(Arc::clone(&self.0))).serialize(s);
        }
        self.0.serialize(s)
    }
}

/// The rows as a template's sequence: row `i` becomes a template value when it is read.
#[derive(Debug)]
struct Lazy(Arc<Vec<ParticipantRow>>);

impl Object for Lazy {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let row = self.0.get(key.as_usize()?)?;
        Some(Value::from(minijinja::value::Serde(row)))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.0.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(n: usize) -> ParticipantRows {
        ParticipantRows::new(
            (0..n)
                .map(|i| ParticipantRow {
                    label: format!("P{i}"),
                    role: None,
                    file: Some(format!("p{i}.yaml")),
                    complete: true,
                    overall: Some(i as f64),
                    dimensions: vec![Some(1.5), None],
                })
                .collect(),
        )
    }

    #[test]
    fn a_template_reads_the_rows_as_the_json_lists_them() {
        let rows = rows(3);
        let json = serde_json::to_value(&rows).unwrap();
        assert_eq!(json[2]["label"], "P2");
        assert_eq!(json[0]["dimensions"], serde_json::json!([1.5, null]));
        let env = minijinja::Environment::new();
        let ctx =
            minijinja::context! { participants => Value::from(minijinja::value::Serde(&rows)) };
        let out = env
            .render_str(
                "{{ participants|length }}:{% for p in participants %} {{ p.label }}={{ p.overall }}/{{ p.dimensions[0] }}{% endfor %}; {{ participants[1].file }}; {{ participants[-1].label }}; {{ participants[:2]|map(attribute='label')|join(',') }}",
                ctx,
            )
            .unwrap();
        assert_eq!(
            out,
            "3: P0=0.0/1.5 P1=1.0/1.5 P2=2.0/1.5; p1.yaml; P2; P0,P1"
        );
    }

    #[test]
    fn the_rows_are_shared_with_the_template_not_copied_into_it() {
        let rows = rows(100);
        let value = Value::from(minijinja::value::Serde(&rows));
        assert_eq!(value.len(), Some(100));
        assert_eq!(
            Arc::strong_count(&rows.0),
            2,
            "the template's sequence holds the same rows"
        );
    }
}

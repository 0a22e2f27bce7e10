//! The case file as written: tolerant serde types that never fail on a wrong type.
//!
//! Every field is a [`Field`], which records "missing" or "wrong type" instead of
//! aborting, so one streaming parse can report every structural problem at once
//! (a typed `serde_json::Value` tree would cost several times the memory on large
//! cases). Unknown fields are ignored: the format lets users add their own.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// A field as found in the file.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Field<T> {
    /// Not present in its object.
    #[default]
    Missing,
    /// Present with another JSON type; holds what was found ("a number").
    Wrong(&'static str),
    /// Present and of the right type.
    Ok(T),
}

impl<T> Field<T> {
    #[cfg(test)]
    pub fn ok(self) -> Option<T> {
        match self {
            Field::Ok(v) => Some(v),
            _ => None,
        }
    }
}

/// A type a [`Field`] can hold: which JSON values it accepts.
///
/// Each constructor returns `None` for "not mine", which the one visitor below turns
/// into [`Field::Wrong`] naming what was found.
pub trait Lenient: Sized {
    fn from_str(_: &str) -> Option<Self> {
        None
    }
    fn from_u64(_: u64) -> Option<Self> {
        None
    }
    fn from_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<Option<Self>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Option<Self>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

impl Lenient for String {
    fn from_str(s: &str) -> Option<Self> {
        Some(s.to_owned())
    }
}

impl Lenient for u64 {
    fn from_u64(v: u64) -> Option<Self> {
        Some(v)
    }
}

impl<T: Lenient> Lenient for Vec<Field<T>> {
    fn from_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<Option<Self>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element::<Field<T>>()? {
            out.push(item);
        }
        Ok(Some(out))
    }
}

/// Objects deserialize with their derived impl, fed the map the visitor found.
macro_rules! lenient_object {
    ($($t:ty),*) => {$(
        impl Lenient for $t {
            fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Option<Self>, A::Error> {
                <$t>::deserialize(de::value::MapAccessDeserializer::new(map)).map(Some)
            }
        }
    )*};
}

struct FieldVisitor<T>(PhantomData<T>);

impl<T> FieldVisitor<T> {
    fn pick(v: Option<T>, found: &'static str) -> Field<T> {
        v.map_or(Field::Wrong(found), Field::Ok)
    }
}

impl<'de, T: Lenient> Visitor<'de> for FieldVisitor<T> {
    type Value = Field<T>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Field::Wrong("true/false"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Field::Wrong("a negative number"))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Self::pick(T::from_u64(v), "a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Field::Wrong("a number"))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Self::pick(T::from_str(v), "a string"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Field::Wrong("null"))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Field::Wrong("null"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Ok(Self::pick(T::from_seq(seq)?, "an array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Ok(Self::pick(T::from_map(map)?, "an object"))
    }
}

impl<'de, T: Lenient> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FieldVisitor(PhantomData))
    }
}

/// An array of `T` where each element is checked on its own.
pub type List<T> = Field<Vec<Field<T>>>;

/// `case.json` as written.
#[derive(Debug, serde::Deserialize)]
pub struct RawCase {
    #[serde(default)]
    pub format: Field<u64>,
    #[serde(default)]
    pub id: Field<String>,
    #[serde(default)]
    pub title: Field<String>,
    #[serde(default)]
    pub summary: Field<String>,
    #[serde(default)]
    pub sources: List<RawSource>,
    #[serde(default)]
    pub entities: List<RawEntity>,
    #[serde(default)]
    pub events: List<RawEvent>,
}

#[derive(Debug, serde::Deserialize)]
pub struct RawSource {
    #[serde(default)]
    pub id: Field<String>,
    #[serde(default)]
    pub title: Field<String>,
    #[serde(default)]
    pub publisher: Field<String>,
    #[serde(default)]
    pub published: Field<String>,
    #[serde(default)]
    pub file: Field<String>,
    #[serde(default)]
    pub url: Field<String>,
    #[serde(default)]
    pub byline: Field<String>,
    #[serde(default)]
    pub note: Field<String>,
}

#[derive(Debug, serde::Deserialize)]
pub struct RawEntity {
    #[serde(default)]
    pub id: Field<String>,
    #[serde(default)]
    pub name: Field<String>,
    #[serde(default)]
    pub kind: Field<String>,
    #[serde(default)]
    pub aliases: List<String>,
    #[serde(default)]
    pub description: Field<String>,
}

#[derive(Debug, serde::Deserialize)]
pub struct RawEvent {
    #[serde(default)]
    pub id: Field<String>,
    #[serde(default)]
    pub date: Field<String>,
    #[serde(default)]
    pub title: Field<String>,
    #[serde(default)]
    pub summary: Field<String>,
    #[serde(default)]
    pub entities: List<String>,
    #[serde(default)]
    pub citations: List<RawCitation>,
    #[serde(default)]
    pub tags: List<String>,
    #[serde(default)]
    pub links: List<RawLink>,
}

#[derive(Debug, serde::Deserialize)]
pub struct RawCitation {
    #[serde(default)]
    pub source: Field<String>,
    #[serde(default)]
    pub quote: Field<String>,
}

#[derive(Debug, serde::Deserialize)]
pub struct RawLink {
    #[serde(default)]
    pub to: Field<String>,
    #[serde(default)]
    pub kind: Field<String>,
}

/// An event as a well-formed file writes it, parsed straight into plain types that
/// borrow from the file where they can: the fast path for the millions of events a big
/// case has. Any surprise (a missing field, a wrong type, an escaped id) makes the parse
/// fail, and the event is parsed again as a [`RawEvent`], which says what is wrong.
#[derive(Debug, serde::Deserialize)]
pub struct FastEvent<'a> {
    pub id: String,
    #[serde(borrow)]
    pub date: Text<'a>,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default, borrow)]
    pub entities: Vec<Text<'a>>,
    #[serde(default, borrow)]
    pub citations: Vec<Object<FastCitation<'a>>>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default, borrow)]
    pub links: Vec<Object<FastLink<'a>>>,
}

#[derive(Debug, serde::Deserialize)]
pub struct FastCitation<'a> {
    #[serde(borrow)]
    pub source: Text<'a>,
    #[serde(borrow)]
    pub quote: Text<'a>,
}

#[derive(Debug, serde::Deserialize)]
pub struct FastLink<'a> {
    #[serde(borrow)]
    pub to: Text<'a>,
    #[serde(borrow)]
    pub kind: Text<'a>,
}

/// A string read in place from the file when it has no escapes, copied when it does.
#[derive(Debug)]
pub struct Text<'a>(pub std::borrow::Cow<'a, str>);

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = std::borrow::Cow<'de, str>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(std::borrow::Cow::Borrowed(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(std::borrow::Cow::Owned(v.to_owned()))
            }
        }
        d.deserialize_str(V).map(Text)
    }
}

/// A struct that must be written as a JSON object: serde's derive also takes an array
/// of its fields in order, which the case format does not allow.
#[derive(Debug)]
pub struct Object<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(V(PhantomData)).map(Object)
    }
}

lenient_object!(
    RawCase,
    RawSource,
    RawEntity,
    RawEvent,
    RawCitation,
    RawLink
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_types_are_recorded_not_fatal() {
        let raw: Field<RawCase> = serde_json::from_str(
            r#"{"format": "1", "title": 5, "events": [{"id": "a", "entities": "x"}, 7, {"tags": [1, "t"]}]}"#,
        )
        .unwrap();
        let Field::Ok(raw) = raw else {
            panic!("top level is an object")
        };
        assert_eq!(raw.format, Field::Wrong("a string"));
        assert_eq!(raw.title, Field::Wrong("a number"));
        assert_eq!(raw.id, Field::Missing);
        let Field::Ok(events) = raw.events else {
            panic!()
        };
        assert_eq!(events.len(), 3);
        let Field::Ok(e0) = &events[0] else { panic!() };
        assert_eq!(e0.entities, Field::Wrong("a string"));
        assert!(matches!(events[1], Field::Wrong("a number")));
        let Field::Ok(e2) = &events[2] else { panic!() };
        assert_eq!(
            e2.tags,
            Field::Ok(vec![Field::Wrong("a number"), Field::Ok("t".into())])
        );
    }

    #[test]
    fn nulls_and_nested_values_are_wrong_types() {
        let raw: Field<RawCitation> =
            serde_json::from_str(r#"{"source": null, "quote": {"a": [1]}}"#).unwrap();
        let Field::Ok(c) = raw else { panic!() };
        assert_eq!(c.source, Field::Wrong("null"));
        assert_eq!(c.quote, Field::Wrong("an object"));
    }

    #[test]
    fn top_level_array_is_wrong() {
        let raw: Field<RawCase> = serde_json::from_str("[1,2]").unwrap();
        assert_eq!(raw.ok().map(|_| ()), None);
    }
}

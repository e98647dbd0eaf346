//! Snowball stemming by script: Cyrillic words take the Russian stemmer,
//! Latin words the English one, anything else stays as it is.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};

use super::fold::{script, Script};

/// The stem of a folded term.
pub(crate) fn stem(term: &str) -> Cow<'_, str> {
    // Stemmer::create only picks a function pointer; no state to keep.
    match script(term) {
        Script::Latin => Stemmer::create(Algorithm::English).stem(term),
        Script::Cyrillic => Stemmer::create(Algorithm::Russian).stem(term),
        Script::Number | Script::Other => Cow::Borrowed(term),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_by_script() {
        assert_eq!(stem("наркотиков"), stem("наркотики"));
        assert_eq!(stem("dismantled"), stem("dismantling"));
        assert_eq!(stem("laboratories"), stem("laboratory"));
        assert_eq!(stem("2025"), "2025");
        assert_eq!(stem("αβγ"), "αβγ");
    }
}

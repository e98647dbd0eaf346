//! Facts for synthetic events: what a third of real events report, a
//! seizure of one or two drugs with its weight, so that the catalogue's
//! facets and its sparse `seized` column have realistic sizes at scale.
//!
//! Drawn from a random source of their own, seeded by the event's serial
//! number: the rest of a synthetic archive (text, dates, ids) is the same
//! as before facts were generated.

use rand::rngs::Xoshiro256PlusPlus;
use rand::SeedableRng;

use caricc_core::model::{Facts, Seized};

use super::Dice;

/// Substances seized and how often, with the typical weight (kg) of a
/// seizure of each: cannabis and hashish by the tens of kilograms, heroin
/// and synthetics by the kilogram, precursors by the hundred.
const SEIZED: &[((&str, f64), u32)] = &[
    (("hashish", 20.0), 20),
    (("heroin", 3.0), 18),
    (("cannabis", 30.0), 15),
    (("synthetic", 1.0), 12),
    (("unspecified", 10.0), 10),
    (("opium", 15.0), 8),
    (("methamphetamine", 2.0), 6),
    (("mephedrone", 1.0), 5),
    (("precursors", 200.0), 3),
    (("medicines", 0.5), 2),
    (("cocaine", 1.0), 1),
];

/// The facts of synthetic event number `serial`: `None` for two thirds of
/// events (a meeting, a training, an arrest without a weight), else a
/// seizure of one substance, sometimes two, sometimes with a part of it
/// named ("50 kg of drugs, including 5 kg of heroin"), and about one
/// quantity in a hundred marked doubtful, as the ingest marks them.
pub(super) fn facts(serial: u64) -> Option<Facts> {
    let mut dice = Dice(Xoshiro256PlusPlus::seed_from_u64(
        serial ^ 0x9e37_79b9_7f4a_7c15,
    ));
    if !dice.chance(0.33) {
        return None;
    }
    let mut seized: Vec<Seized> = Vec::new();
    let n = if dice.chance(0.2) { 2 } else { 1 };
    for _ in 0..n {
        let &(substance, typical) = dice.weighted(SEIZED);
        // Log-uniform over two orders of magnitude each side of the typical weight.
        let kg = typical * 10f64.powf(dice.unit() * 4.0 - 2.0);
        // As releases write them: whole above 10 kg, to the gram below.
        let kg = if kg >= 10.0 {
            kg.round()
        } else {
            (kg * 1000.0).round().max(1.0) / 1000.0
        };
        let doubtful = dice.chance(0.01);
        seized.push(Seized {
            substance: substance.to_string(),
            kg: if doubtful { kg * 1000.0 + 1.0 } else { kg },
            quote: format!("Seized {kg} kg of {substance}."),
            doubtful: doubtful.then(|| "glued".to_string()),
            part_of: None,
        });
    }
    if n == 1 && seized[0].substance == "unspecified" && dice.chance(0.3) {
        let whole = seized[0].kg;
        let kg = (whole * 1000.0 * dice.unit()).round().max(1.0) / 1000.0;
        seized.push(Seized {
            substance: "heroin".into(),
            kg,
            quote: format!("Including {kg} kg of heroin."),
            doubtful: None,
            part_of: Some(0),
        });
    }
    let mut substances: Vec<String> = Vec::new();
    for id in caricc_core::index::SUBSTANCES {
        if seized.iter().any(|s| s.substance == *id) {
            substances.push(id.to_string());
        }
    }
    Some(Facts {
        topics: vec!["seizure".into()],
        substances,
        seized,
        places: Vec::new(),
        counts: Vec::new(),
    })
}

//! Countries: ISO 3166-1 alpha-2 codes, their English and Russian names, and
//! the one colour each country has everywhere in the app.

/// Every officially assigned ISO 3166-1 alpha-2 code, concatenated, sorted.
const ISO_ALPHA2: &str = "ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSYEYTZAZMZW";

/// True for an assigned ISO 3166-1 alpha-2 code (upper case).
pub fn is_iso_code(code: &str) -> bool {
    code.len() == 2
        && code.bytes().all(|b| b.is_ascii_uppercase())
        && ISO_ALPHA2
            .as_bytes()
            .chunks(2)
            .any(|c| c == code.as_bytes())
}

/// A country the archive knows by name.
#[derive(Debug, Clone, Copy)]
pub struct Country {
    pub code: &'static str,
    pub name_en: &'static str,
    pub name_ru: &'static str,
}

/// The CARICC member states first (they fill the archive), then the
/// neighbours and partners the releases mention most.
pub const COUNTRIES: &[Country] = &[
    Country { code: "KZ", name_en: "Kazakhstan", name_ru: "Казахстан" },
    Country { code: "RU", name_en: "Russia", name_ru: "Россия" },
    Country { code: "KG", name_en: "Kyrgyzstan", name_ru: "Кыргызстан" },
    Country { code: "TJ", name_en: "Tajikistan", name_ru: "Таджикистан" },
    Country { code: "UZ", name_en: "Uzbekistan", name_ru: "Узбекистан" },
    Country { code: "TM", name_en: "Turkmenistan", name_ru: "Туркменистан" },
    Country { code: "AZ", name_en: "Azerbaijan", name_ru: "Азербайджан" },
    Country { code: "AF", name_en: "Afghanistan", name_ru: "Афганистан" },
    Country { code: "IR", name_en: "Iran", name_ru: "Иран" },
    Country { code: "CN", name_en: "China", name_ru: "Китай" },
    Country { code: "BY", name_en: "Belarus", name_ru: "Беларусь" },
    Country { code: "AM", name_en: "Armenia", name_ru: "Армения" },
    Country { code: "GE", name_en: "Georgia", name_ru: "Грузия" },
    Country { code: "TR", name_en: "Turkey", name_ru: "Турция" },
    Country { code: "PK", name_en: "Pakistan", name_ru: "Пакистан" },
    Country { code: "UA", name_en: "Ukraine", name_ru: "Украина" },
    Country { code: "DE", name_en: "Germany", name_ru: "Германия" },
    Country { code: "PL", name_en: "Poland", name_ru: "Польша" },
    Country { code: "LT", name_en: "Lithuania", name_ru: "Литва" },
    Country { code: "ES", name_en: "Spain", name_ru: "Испания" },
    Country { code: "US", name_en: "United States", name_ru: "США" },
];

/// The named country for `code`, if the archive knows its name.
pub fn find(code: &str) -> Option<&'static Country> {
    COUNTRIES.iter().find(|c| c.code == code)
}

/// The display name of `code` in `lang` (`"ru"` or anything else for English);
/// the code itself when the country has no stored name.
pub fn name<'a>(code: &'a str, lang: &str) -> &'a str {
    match find(code) {
        Some(c) if lang == "ru" => c.name_ru,
        Some(c) => c.name_en,
        None => code,
    }
}

/// A colour-blind-safe palette (Okabe & Ito, then Paul Tol's "muted"), so
/// that the member states, which come first in [`COUNTRIES`], get the most
/// distinguishable colours.
pub const PALETTE: &[&str] = &[
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#332288",
    "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499",
];

/// The colour of `code`: stable for a code, whatever else is in the archive.
pub fn color(code: &str) -> &'static str {
    let index = match COUNTRIES.iter().position(|c| c.code == code) {
        Some(i) => i,
        // Unnamed codes still get a stable colour, from the tail of the palette.
        None => code.bytes().fold(7usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize)),
    };
    PALETTE[index % PALETTE.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_codes() {
        for ok in ["KZ", "KG", "RU", "TJ", "TM", "UZ", "AZ", "ZW", "AD"] {
            assert!(is_iso_code(ok), "{ok}");
        }
        for bad in ["", "K", "kz", "XX", "KZZ", "ZZ", "Z", "ZK", "BQZ"] {
            assert!(!is_iso_code(bad), "{bad}");
        }
        // The table is sorted pairs; a misaligned match ("DA" from "AD AE") must not count.
        assert!(!is_iso_code("DA"));
    }

    #[test]
    fn member_states_have_distinct_colours() {
        let members = ["KZ", "RU", "KG", "TJ", "UZ", "TM", "AZ"];
        let mut colours: Vec<_> = members.iter().map(|c| color(c)).collect();
        colours.sort();
        colours.dedup();
        assert_eq!(colours.len(), members.len());
        assert_eq!(name("KZ", "ru"), "Казахстан");
        assert_eq!(name("QQ", "en"), "QQ");
    }
}

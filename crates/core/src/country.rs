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
    /// Its ISO 3166-1 alpha-2 code, as events carry it (`KZ`).
    pub code: &'static str,
    /// Its short name in English (`Kazakhstan`).
    pub name_en: &'static str,
    /// Its short name in Russian (`Казахстан`).
    pub name_ru: &'static str,
}

/// The CARICC member states first (they fill the archive), then the
/// neighbours and partners the releases mention most.
pub const COUNTRIES: &[Country] = &[
    Country {
        code: "KZ",
        name_en: "Kazakhstan",
        name_ru: "Казахстан",
    },
    Country {
        code: "RU",
        name_en: "Russia",
        name_ru: "Россия",
    },
    Country {
        code: "KG",
        name_en: "Kyrgyzstan",
        name_ru: "Кыргызстан",
    },
    Country {
        code: "TJ",
        name_en: "Tajikistan",
        name_ru: "Таджикистан",
    },
    Country {
        code: "UZ",
        name_en: "Uzbekistan",
        name_ru: "Узбекистан",
    },
    Country {
        code: "TM",
        name_en: "Turkmenistan",
        name_ru: "Туркменистан",
    },
    Country {
        code: "AZ",
        name_en: "Azerbaijan",
        name_ru: "Азербайджан",
    },
    Country {
        code: "AF",
        name_en: "Afghanistan",
        name_ru: "Афганистан",
    },
    Country {
        code: "IR",
        name_en: "Iran",
        name_ru: "Иран",
    },
    Country {
        code: "CN",
        name_en: "China",
        name_ru: "Китай",
    },
    Country {
        code: "BY",
        name_en: "Belarus",
        name_ru: "Беларусь",
    },
    Country {
        code: "AM",
        name_en: "Armenia",
        name_ru: "Армения",
    },
    Country {
        code: "GE",
        name_en: "Georgia",
        name_ru: "Грузия",
    },
    Country {
        code: "TR",
        name_en: "Turkey",
        name_ru: "Турция",
    },
    Country {
        code: "PK",
        name_en: "Pakistan",
        name_ru: "Пакистан",
    },
    Country {
        code: "UA",
        name_en: "Ukraine",
        name_ru: "Украина",
    },
    Country {
        code: "DE",
        name_en: "Germany",
        name_ru: "Германия",
    },
    Country {
        code: "PL",
        name_en: "Poland",
        name_ru: "Польша",
    },
    Country {
        code: "LT",
        name_en: "Lithuania",
        name_ru: "Литва",
    },
    Country {
        code: "ES",
        name_en: "Spain",
        name_ru: "Испания",
    },
    Country {
        code: "US",
        name_en: "United States",
        name_ru: "США",
    },
];

/// The named country for `code`, if the archive knows its name.
pub fn find(code: &str) -> Option<&'static Country> {
    COUNTRIES.iter().find(|c| c.code == code)
}

/// The display name of `code` in `lang`; the code itself when the country
/// has no stored name.
pub fn name(code: &str, lang: crate::model::Lang) -> &str {
    match find(code) {
        Some(c) if lang == crate::model::Lang::Ru => c.name_ru,
        Some(c) => c.name_en,
        None => code,
    }
}

/// One colour of the [`PALETTE`]: the variant drawn on light backgrounds
/// (and paper), and the one drawn on the dark theme's background.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour {
    /// A CSS colour for light backgrounds and downloads.
    pub light: &'static str,
    /// A CSS colour for the dark theme, as distinct as `light` is there.
    pub dark: &'static str,
}

impl Colour {
    /// The variant for a dark background (`dark`) or a light one.
    pub fn on(self, dark: bool) -> &'static str {
        if dark {
            self.dark
        } else {
            self.light
        }
    }
}

const fn same(c: &'static str) -> Colour {
    Colour { light: c, dark: c }
}

/// The background of the dark theme (`--bg` in style/main.css): every dark
/// variant has a contrast of at least 3:1 against it (WCAG 1.4.11).
pub const DARK_BACKGROUND: &str = "#0f1419";

/// The country colours. Colour-blind-safe palettes first (Okabe & Ito, then
/// Paul Tol's "muted"), so that the member states, which come first in
/// [`COUNTRIES`], get the most distinguishable colours; then enough of Tol's
/// other palettes that every named country has a slot of its own, plus
/// three for codes the archive does not name. Tol's indigo and wine are too
/// dark on the dark theme: they have lighter variants there.
pub const PALETTE: &[Colour] = &[
    same("#0072B2"),
    same("#E69F00"),
    same("#009E73"),
    same("#CC79A7"),
    same("#56B4E9"),
    same("#D55E00"),
    same("#F0E442"),
    Colour {
        light: "#332288",
        dark: "#8877DD",
    },
    same("#88CCEE"),
    same("#44AA99"),
    same("#117733"),
    same("#999933"),
    same("#DDCC77"),
    same("#CC6677"),
    Colour {
        light: "#882255",
        dark: "#C2447F",
    },
    same("#AA4499"),
    same("#996633"),
    same("#BBBBBB"),
    same("#BBCC33"),
    same("#EE8866"),
    same("#EE3377"),
    same("#FFAABB"),
    same("#AAAA00"),
    same("#77AADD"),
];

/// The slot of a code no [`Palette`] knows: a named country's own, else a
/// stable one from the slots no named country has.
fn default_slot(code: &str) -> usize {
    match COUNTRIES.iter().position(|c| c.code == code) {
        Some(i) => i,
        None => {
            let spare = PALETTE.len() - COUNTRIES.len();
            let h = code
                .bytes()
                .fold(7usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize));
            COUNTRIES.len() + h % spare
        }
    }
}

/// The colour of `code` on a light background, without knowing the archive:
/// each named country has its own; see [`Palette`] for codes it does not name.
pub fn color(code: &str) -> &'static str {
    PALETTE[default_slot(code)].light
}

/// The colours of the countries of one archive: one per country, the same
/// in every list, legend and chart of the app, and different for every two
/// countries as long as the archive has no more countries than the
/// [`PALETTE`] has colours. A named country always has its own colour; a code
/// the app does not name (partner archives) takes a slot no other country
/// of the archive uses.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Palette {
    /// Codes the archive has that are not named, with their slots, sorted by code.
    others: Vec<(String, usize)>,
}

impl Palette {
    /// The palette for an archive whose events carry `codes` (in any order,
    /// duplicates allowed).
    pub fn for_codes<'a>(codes: impl IntoIterator<Item = &'a str>) -> Palette {
        let mut unnamed: Vec<&str> = Vec::new();
        let mut used = vec![false; PALETTE.len()];
        for code in codes {
            match COUNTRIES.iter().position(|c| c.code == code) {
                Some(i) => used[i] = true,
                None => unnamed.push(code),
            }
        }
        crate::search::sort::sort_dedup(&mut unnamed);
        // Free slots: the spare ones first, then those of named countries
        // this archive does not have, from the least prominent.
        let mut free: Vec<usize> = (COUNTRIES.len()..PALETTE.len())
            .chain((0..COUNTRIES.len()).rev())
            .filter(|&i| !used[i])
            .collect();
        free.reverse(); // popped from the end
        let others = unnamed
            .into_iter()
            .map(|code| {
                let slot = free.pop().unwrap_or_else(|| default_slot(code));
                (code.to_string(), slot)
            })
            .collect();
        Palette { others }
    }

    fn slot(&self, code: &str) -> usize {
        match self.others.binary_search_by(|(c, _)| c.as_str().cmp(code)) {
            Ok(i) => self.others[i].1,
            Err(_) => default_slot(code),
        }
    }

    /// The colour of `code`, in its variant for a dark background when `dark`.
    pub fn colour(&self, code: &str, dark: bool) -> &'static str {
        PALETTE[self.slot(code)].on(dark)
    }
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
        assert_eq!(name("KZ", crate::model::Lang::Ru), "Казахстан");
        assert_eq!(name("QQ", crate::model::Lang::En), "QQ");
    }

    /// Relative luminance of `#RRGGBB` (WCAG 2).
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn the_palette_is_distinct_and_readable_on_the_dark_theme() {
        assert!(
            PALETTE.len() > COUNTRIES.len(),
            "every named country has its own colour, and some are spare"
        );
        for dark in [false, true] {
            let mut all: Vec<&str> = PALETTE.iter().map(|c| c.on(dark)).collect();
            all.sort();
            all.dedup();
            assert_eq!(all.len(), PALETTE.len(), "dark: {dark}");
        }
        for c in PALETTE {
            let ratio = contrast(c.dark, DARK_BACKGROUND);
            assert!(ratio >= 3.0, "{} on {DARK_BACKGROUND}: {ratio:.2}", c.dark);
        }
        let mut named: Vec<&str> = COUNTRIES.iter().map(|c| color(c.code)).collect();
        named.sort();
        named.dedup();
        assert_eq!(named.len(), COUNTRIES.len());
    }

    #[test]
    fn an_archive_palette_gives_every_country_its_own_colour() {
        // All named countries, and unnamed codes up to the palette's size.
        let mut codes: Vec<String> = COUNTRIES.iter().map(|c| c.code.to_string()).collect();
        codes.extend(["XK", "QQ", "=1", "ZZ"].map(String::from));
        codes.truncate(PALETTE.len());
        let palette = Palette::for_codes(codes.iter().map(String::as_str));
        let mut colours: Vec<&str> = codes.iter().map(|c| palette.colour(c, false)).collect();
        colours.sort();
        colours.dedup();
        assert_eq!(colours.len(), codes.len());
        // Named countries keep their colour whatever else the archive has.
        assert_eq!(palette.colour("KZ", false), color("KZ"));
        assert_eq!(palette.colour("AF", true), "#8877DD");

        // A partner archive of a few countries, most of them unnamed: all distinct.
        let small = ["KZ", "AA", "AB", "AC", "AD", "AE", "AG", "KG"];
        let palette = Palette::for_codes(small.iter().copied().chain(small.iter().copied()));
        let mut colours: Vec<&str> = small.iter().map(|c| palette.colour(c, true)).collect();
        colours.sort();
        colours.dedup();
        assert_eq!(colours.len(), small.len());
        // A code the palette was not built for still gets a colour.
        assert!(PALETTE
            .iter()
            .any(|c| c.light == palette.colour("ZY", false)));
    }
}

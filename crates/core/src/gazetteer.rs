//! A small gazetteer of the member states' regions and main cities, in
//! their Latin and Cyrillic spellings, and the matcher that finds the first
//! place a text names ("in Zhambyl region", "в Ашхабаде", "Тверской
//! области", "область Жетысу").
//!
//! The data is a table of English name, country, kind, English forms and
//! Russian forms (see [`PLACES`]); Russian forms are declined when the
//! matcher is built, so the table lists each name once, in the nominative.

use fnv::{FnvHashMap as HashMap, FnvHashSet as HashSet};
use std::sync::OnceLock;

use crate::names::{ru_adjective_forms, ru_noun_forms};
use crate::text::{is_capitalized, with_lower, words};

/// What kind of place an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    /// A city or town.
    City,
    /// A region (oblast, province, krai, republic within a state).
    Region,
}

/// A place the gazetteer knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The English name stored in the archive, e.g. "Zhambyl Region".
    pub name: &'static str,
    /// The ISO code of its country.
    pub country: &'static str,
    /// City or region.
    pub kind: PlaceKind,
}

/// `(kind, English name, country, English forms, Russian forms)`.
///
/// English forms are lower case, `|`-separated; a region's form matches only
/// when a region word ("region", "oblast", "krai" ...) follows, unless it
/// ends in `!` (the bare name means the region: "Zhetysu", "Mordovia").
/// Russian forms are nominative, `|`-separated: "Жамбылская область" (an
/// adjective before a region word), "область Жетысу" (a name after one), a
/// noun or a multi-word name; `!` again marks a bare region name.
#[rustfmt::skip]
pub const PLACES: &[(char, &str, &str, &str, &str)] = &[
    // Kazakhstan: regions, then cities.
    ('r', "Abay Region", "KZ", "abay|abai", "область Абай"),
    ('r', "Akmola Region", "KZ", "akmola", "Акмолинская область"),
    ('r', "Aktobe Region", "KZ", "aktobe|aktyubinsk", "Актюбинская область"),
    ('r', "Almaty Region", "KZ", "almaty", "Алматинская область"),
    ('r', "Atyrau Region", "KZ", "atyrau", "Атырауская область"),
    ('r', "East Kazakhstan Region", "KZ", "east kazakhstan", "Восточно-Казахстанская область|ВКО"),
    ('r', "Zhambyl Region", "KZ", "zhambyl|jambyl|zhambul", "Жамбылская область"),
    ('r', "Zhetysu Region", "KZ", "zhetysu!|jetisu!|zhetisu!", "область Жетысу"),
    ('r', "Karaganda Region", "KZ", "karaganda|karagandy", "Карагандинская область"),
    ('r', "Kostanay Region", "KZ", "kostanay|kostanai", "Костанайская область"),
    ('r', "Kyzylorda Region", "KZ", "kyzylorda", "Кызылординская область"),
    ('r', "Mangystau Region", "KZ", "mangystau!|mangistau!", "Мангистауская область|Мангыстауская область"),
    ('r', "North Kazakhstan Region", "KZ", "north kazakhstan", "Северо-Казахстанская область|СКО"),
    ('r', "Pavlodar Region", "KZ", "pavlodar", "Павлодарская область"),
    ('r', "Turkestan Region", "KZ", "turkestan|turkistan", "Туркестанская область"),
    ('r', "Ulytau Region", "KZ", "ulytau", "область Улытау"),
    ('r', "West Kazakhstan Region", "KZ", "west kazakhstan", "Западно-Казахстанская область|ЗКО"),
    ('c', "Astana", "KZ", "astana|nur-sultan", "Астана|Нур-Султан"),
    ('c', "Almaty", "KZ", "almaty|alma-ata", "Алматы|Алма-Ата"),
    ('c', "Shymkent", "KZ", "shymkent|chimkent", "Шымкент|Чимкент"),
    ('c', "Karaganda", "KZ", "karaganda|karagandy", "Караганда"),
    ('c', "Aktobe", "KZ", "aktobe", "Актобе"),
    ('c', "Taraz", "KZ", "taraz", "Тараз"),
    ('c', "Pavlodar", "KZ", "pavlodar", "Павлодар"),
    ('c', "Oskemen", "KZ", "oskemen|ust-kamenogorsk", "Усть-Каменогорск|Оскемен"),
    ('c', "Semey", "KZ", "semey|semipalatinsk", "Семей|Семипалатинск"),
    ('c', "Atyrau", "KZ", "atyrau", "Атырау"),
    ('c', "Kostanay", "KZ", "kostanay|kostanai", "Костанай"),
    ('c', "Kyzylorda", "KZ", "kyzylorda", "Кызылорда"),
    ('c', "Oral", "KZ", "uralsk", "Уральск"),
    ('c', "Petropavl", "KZ", "petropavl|petropavlovsk", "Петропавловск"),
    ('c', "Aktau", "KZ", "aktau", "Актау"),
    ('c', "Temirtau", "KZ", "temirtau", "Темиртау"),
    ('c', "Turkestan", "KZ", "turkestan|turkistan", "Туркестан"),
    ('c', "Kokshetau", "KZ", "kokshetau", "Кокшетау"),
    ('c', "Taldykorgan", "KZ", "taldykorgan", "Талдыкорган"),
    ('c', "Ekibastuz", "KZ", "ekibastuz", "Экибастуз"),
    ('c', "Zhezkazgan", "KZ", "zhezkazgan", "Жезказган"),
    ('c', "Satpayev", "KZ", "satpayev|satpaev", "Сатпаев"),
    ('c', "Konaev", "KZ", "konaev|konayev|kapchagay", "Конаев|Капчагай"),
    ('c', "Zhanaozen", "KZ", "zhanaozen", "Жанаозен"),
    ('c', "Kentau", "KZ", "kentau", "Кентау"),
    ('c', "Balkhash", "KZ", "balkhash", "Балхаш"),
    ('c', "Rudny", "KZ", "rudny", "Рудный"),
    ('c', "Baikonur", "KZ", "baikonur|baikonyr", "Байконур"),
    // Kyrgyzstan.
    ('r', "Chuy Region", "KG", "chuy|chui", "Чуйская область"),
    ('r', "Osh Region", "KG", "osh", "Ошская область"),
    ('r', "Jalal-Abad Region", "KG", "jalal-abad|jalalabad", "Джалал-Абадская область"),
    ('r', "Batken Region", "KG", "batken", "Баткенская область"),
    ('r', "Naryn Region", "KG", "naryn", "Нарынская область"),
    ('r', "Issyk-Kul Region", "KG", "issyk-kul!|issyk kul!|ysyk-kol!", "Иссык-Кульская область"),
    ('r', "Talas Region", "KG", "talas", "Таласская область"),
    ('c', "Bishkek", "KG", "bishkek", "Бишкек"),
    ('c', "Osh", "KG", "osh", "Ош"),
    ('c', "Jalal-Abad", "KG", "jalal-abad", "Джалал-Абад"),
    ('c', "Karakol", "KG", "karakol", "Каракол"),
    ('c', "Tokmok", "KG", "tokmok|tokmak", "Токмок"),
    ('c', "Kara-Balta", "KG", "kara-balta", "Кара-Балта"),
    ('c', "Naryn", "KG", "naryn", "Нарын"),
    ('c', "Batken", "KG", "batken", "Баткен"),
    ('c', "Talas", "KG", "talas", "Талас"),
    // Tajikistan.
    ('r', "Sughd Region", "TJ", "sughd!|sogd!|sugd!", "Согдийская область"),
    ('r', "Khatlon Region", "TJ", "khatlon!", "Хатлонская область"),
    ('r', "Gorno-Badakhshan", "TJ", "gorno-badakhshan!|gbao!", "Горно-Бадахшанская!|ГБАО"),
    ('c', "Dushanbe", "TJ", "dushanbe", "Душанбе"),
    ('c', "Khujand", "TJ", "khujand|khudzhand", "Худжанд"),
    ('c', "Bokhtar", "TJ", "bokhtar|bohtar|kurgan-tyube", "Бохтар|Курган-Тюбе"),
    ('c', "Kulob", "TJ", "kulob|kulyab", "Куляб|Кулоб"),
    ('c', "Istaravshan", "TJ", "istaravshan", "Истаравшан"),
    ('c', "Khorog", "TJ", "khorog", "Хорог"),
    ('c', "Panjakent", "TJ", "panjakent|penjikent", "Пенджикент"),
    ('c', "Isfara", "TJ", "isfara", "Исфара"),
    ('c', "Tursunzoda", "TJ", "tursunzoda|tursunzade", "Турсунзаде"),
    ('c', "Vahdat", "TJ", "vahdat", "Вахдат"),
    // Uzbekistan.
    ('r', "Andijan Region", "UZ", "andijan", "Андижанская область"),
    ('r', "Bukhara Region", "UZ", "bukhara", "Бухарская область"),
    ('r', "Fergana Region", "UZ", "fergana|ferghana", "Ферганская область"),
    ('r', "Jizzakh Region", "UZ", "jizzakh|jizzax", "Джизакская область"),
    ('r', "Kashkadarya Region", "UZ", "kashkadarya!|qashqadaryo!", "Кашкадарьинская область"),
    ('r', "Khorezm Region", "UZ", "khorezm!|xorazm!", "Хорезмская область"),
    ('r', "Namangan Region", "UZ", "namangan", "Наманганская область"),
    ('r', "Navoi Region", "UZ", "navoi|navoiy", "Навоийская область"),
    ('r', "Samarkand Region", "UZ", "samarkand", "Самаркандская область"),
    ('r', "Surkhandarya Region", "UZ", "surkhandarya!|surxondaryo!", "Сурхандарьинская область"),
    ('r', "Syrdarya Region", "UZ", "syrdarya", "Сырдарьинская область"),
    ('r', "Tashkent Region", "UZ", "tashkent", "Ташкентская область"),
    ('r', "Karakalpakstan", "UZ", "karakalpakstan!", "Каракалпакстан"),
    ('c', "Tashkent", "UZ", "tashkent", "Ташкент"),
    ('c', "Samarkand", "UZ", "samarkand", "Самарканд"),
    ('c', "Bukhara", "UZ", "bukhara", "Бухара"),
    ('c', "Andijan", "UZ", "andijan", "Андижан"),
    ('c', "Namangan", "UZ", "namangan", "Наманган"),
    ('c', "Fergana", "UZ", "fergana", "Фергана"),
    ('c', "Nukus", "UZ", "nukus", "Нукус"),
    ('c', "Karshi", "UZ", "karshi|qarshi", "Карши"),
    ('c', "Termez", "UZ", "termez", "Термез"),
    ('c', "Urgench", "UZ", "urgench", "Ургенч"),
    ('c', "Navoi", "UZ", "navoi", "Навои"),
    ('c', "Jizzakh", "UZ", "jizzakh", "Джизак"),
    ('c', "Gulistan", "UZ", "gulistan", "Гулистан"),
    ('c', "Kokand", "UZ", "kokand", "Коканд"),
    // Turkmenistan.
    ('r', "Ahal Region", "TM", "ahal!|akhal!", "Ахалский велаят"),
    ('r', "Balkan Region", "TM", "balkan", "Балканский велаят"),
    ('r', "Dashoguz Region", "TM", "dashoguz", "Дашогузский велаят"),
    ('r', "Lebap Region", "TM", "lebap!", "Лебапский велаят"),
    ('r', "Mary Region", "TM", "mary", "Марыйский велаят"),
    ('c', "Ashgabat", "TM", "ashgabat|ashkhabad", "Ашхабад"),
    ('c', "Turkmenabat", "TM", "turkmenabat", "Туркменабат"),
    ('c', "Dashoguz", "TM", "dashoguz", "Дашогуз"),
    ('c', "Mary", "TM", "mary", "Мары"),
    ('c', "Balkanabat", "TM", "balkanabat", "Балканабат"),
    ('c', "Turkmenbashi", "TM", "turkmenbashi", "Туркменбаши"),
    // Azerbaijan.
    ('r', "Nakhchivan", "AZ", "nakhchivan!", "Нахичевань|Нахчыван"),
    ('c', "Baku", "AZ", "baku", "Баку"),
    ('c', "Ganja", "AZ", "ganja", "Гянджа"),
    ('c', "Sumgait", "AZ", "sumgait|sumqayit", "Сумгаит"),
    ('c', "Lankaran", "AZ", "lankaran", "Ленкорань"),
    // Russia: federal subjects, then main cities.
    ('r', "Moscow Region", "RU", "moscow", "Московская область|Подмосковье"),
    ('r', "Leningrad Region", "RU", "leningrad", "Ленинградская область"),
    ('r', "Tver Region", "RU", "tver", "Тверская область"),
    ('r', "Lipetsk Region", "RU", "lipetsk", "Липецкая область"),
    ('r', "Mordovia", "RU", "mordovia!", "Мордовия"),
    ('r', "Mari El", "RU", "mari el!", "Марий Эл"),
    ('r', "Primorsky Krai", "RU", "primorsky|primorye!", "Приморский край|Приморье"),
    ('r', "Stavropol Krai", "RU", "stavropol", "Ставропольский край|Ставрополье"),
    ('r', "Krasnodar Krai", "RU", "krasnodar|kuban!", "Краснодарский край|Кубань"),
    ('r', "Khabarovsk Krai", "RU", "khabarovsk", "Хабаровский край"),
    ('r', "Krasnoyarsk Krai", "RU", "krasnoyarsk", "Красноярский край"),
    ('r', "Altai Krai", "RU", "altai", "Алтайский край"),
    ('r', "Perm Krai", "RU", "perm", "Пермский край|Прикамье"),
    ('r', "Zabaykalsky Krai", "RU", "zabaykalsky|transbaikal!", "Забайкальский край|Забайкалье"),
    ('r', "Kamchatka Krai", "RU", "kamchatka!", "Камчатский край|Камчатка"),
    ('r', "Sverdlovsk Region", "RU", "sverdlovsk", "Свердловская область"),
    ('r', "Chelyabinsk Region", "RU", "chelyabinsk", "Челябинская область"),
    ('r', "Novosibirsk Region", "RU", "novosibirsk", "Новосибирская область"),
    ('r', "Omsk Region", "RU", "omsk", "Омская область"),
    ('r', "Tomsk Region", "RU", "tomsk", "Томская область"),
    ('r', "Kemerovo Region", "RU", "kemerovo|kuzbass!", "Кемеровская область|Кузбасс"),
    ('r', "Irkutsk Region", "RU", "irkutsk", "Иркутская область"),
    ('r', "Tyumen Region", "RU", "tyumen", "Тюменская область"),
    ('r', "Orenburg Region", "RU", "orenburg", "Оренбургская область"),
    ('r', "Samara Region", "RU", "samara", "Самарская область"),
    ('r', "Saratov Region", "RU", "saratov", "Саратовская область"),
    ('r', "Volgograd Region", "RU", "volgograd", "Волгоградская область"),
    ('r', "Astrakhan Region", "RU", "astrakhan", "Астраханская область"),
    ('r', "Rostov Region", "RU", "rostov", "Ростовская область"),
    ('r', "Voronezh Region", "RU", "voronezh", "Воронежская область"),
    ('r', "Belgorod Region", "RU", "belgorod", "Белгородская область"),
    ('r', "Kursk Region", "RU", "kursk", "Курская область"),
    ('r', "Bryansk Region", "RU", "bryansk", "Брянская область"),
    ('r', "Smolensk Region", "RU", "smolensk", "Смоленская область"),
    ('r', "Kaluga Region", "RU", "kaluga", "Калужская область"),
    ('r', "Tula Region", "RU", "tula", "Тульская область"),
    ('r', "Ryazan Region", "RU", "ryazan", "Рязанская область"),
    ('r', "Vladimir Region", "RU", "vladimir", "Владимирская область"),
    ('r', "Yaroslavl Region", "RU", "yaroslavl", "Ярославская область"),
    ('r', "Kostroma Region", "RU", "kostroma", "Костромская область"),
    ('r', "Ivanovo Region", "RU", "ivanovo", "Ивановская область"),
    ('r', "Nizhny Novgorod Region", "RU", "nizhny novgorod", "Нижегородская область"),
    ('r', "Kirov Region", "RU", "kirov", "Кировская область"),
    ('r', "Penza Region", "RU", "penza", "Пензенская область"),
    ('r', "Ulyanovsk Region", "RU", "ulyanovsk", "Ульяновская область"),
    ('r', "Tambov Region", "RU", "tambov", "Тамбовская область"),
    ('r', "Oryol Region", "RU", "oryol|orel", "Орловская область"),
    ('r', "Kurgan Region", "RU", "kurgan", "Курганская область"),
    ('r', "Murmansk Region", "RU", "murmansk", "Мурманская область"),
    ('r', "Arkhangelsk Region", "RU", "arkhangelsk", "Архангельская область"),
    ('r', "Kaliningrad Region", "RU", "kaliningrad", "Калининградская область"),
    ('r', "Pskov Region", "RU", "pskov", "Псковская область"),
    ('r', "Vologda Region", "RU", "vologda", "Вологодская область"),
    ('r', "Amur Region", "RU", "amur", "Амурская область|Приамурье"),
    ('r', "Sakhalin Region", "RU", "sakhalin!", "Сахалинская область|Сахалин"),
    ('r', "Magadan Region", "RU", "magadan", "Магаданская область"),
    ('r', "Tatarstan", "RU", "tatarstan!", "Татарстан"),
    ('r', "Bashkortostan", "RU", "bashkortostan!|bashkiria!", "Башкортостан|Башкирия"),
    ('r', "Udmurtia", "RU", "udmurtia!", "Удмуртская Республика|Удмуртия"),
    ('r', "Chuvashia", "RU", "chuvashia!", "Чувашская Республика|Чувашия"),
    ('r', "Dagestan", "RU", "dagestan!", "Дагестан"),
    ('r', "Chechnya", "RU", "chechnya!", "Чеченская Республика|Чечня"),
    ('r', "Ingushetia", "RU", "ingushetia!", "Ингушетия"),
    ('r', "Kabardino-Balkaria", "RU", "kabardino-balkaria!", "Кабардино-Балкарская Республика|Кабардино-Балкария"),
    ('r', "North Ossetia", "RU", "north ossetia!", "Северная Осетия"),
    ('r', "Komi", "RU", "komi", "Республика Коми"),
    ('r', "Karelia", "RU", "karelia!", "Карелия"),
    ('r', "Buryatia", "RU", "buryatia!", "Бурятия"),
    ('r', "Yakutia", "RU", "yakutia!|sakha!", "Якутия"),
    ('r', "Tuva", "RU", "tuva!|tyva!", "Тыва|Тува"),
    ('r', "Khakassia", "RU", "khakassia!", "Хакасия"),
    ('r', "Kalmykia", "RU", "kalmykia!", "Калмыкия"),
    ('r', "Adygea", "RU", "adygea!", "Адыгея"),
    ('r', "Khanty-Mansi Okrug", "RU", "khanty-mansi!|yugra!", "Ханты-Мансийский автономный округ|Югра"),
    ('r', "Yamalo-Nenets Okrug", "RU", "yamalo-nenets!|yamal!", "Ямало-Ненецкий автономный округ|Ямал"),
    ('c', "Moscow", "RU", "moscow", "Москва"),
    ('c', "Saint Petersburg", "RU", "saint petersburg|st petersburg|petersburg", "Санкт-Петербург|Петербург"),
    ('c', "Novosibirsk", "RU", "novosibirsk", "Новосибирск"),
    ('c', "Yekaterinburg", "RU", "yekaterinburg|ekaterinburg", "Екатеринбург"),
    ('c', "Kazan", "RU", "kazan", "Казань"),
    ('c', "Nizhny Novgorod", "RU", "nizhny novgorod", "Нижний Новгород"),
    ('c', "Chelyabinsk", "RU", "chelyabinsk", "Челябинск"),
    ('c', "Samara", "RU", "samara", "Самара"),
    ('c', "Omsk", "RU", "omsk", "Омск"),
    ('c', "Rostov-on-Don", "RU", "rostov-on-don", "Ростов-на-Дону"),
    ('c', "Ufa", "RU", "ufa", "Уфа"),
    ('c', "Krasnoyarsk", "RU", "krasnoyarsk", "Красноярск"),
    ('c', "Voronezh", "RU", "voronezh", "Воронеж"),
    ('c', "Perm", "RU", "perm", "Пермь"),
    ('c', "Volgograd", "RU", "volgograd", "Волгоград"),
    ('c', "Krasnodar", "RU", "krasnodar", "Краснодар"),
    ('c', "Saratov", "RU", "saratov", "Саратов"),
    ('c', "Tyumen", "RU", "tyumen", "Тюмень"),
    ('c', "Orenburg", "RU", "orenburg", "Оренбург"),
    ('c', "Astrakhan", "RU", "astrakhan", "Астрахань"),
    ('c', "Tomsk", "RU", "tomsk", "Томск"),
    ('c', "Kemerovo", "RU", "kemerovo", "Кемерово"),
    ('c', "Irkutsk", "RU", "irkutsk", "Иркутск"),
    ('c', "Barnaul", "RU", "barnaul", "Барнаул"),
    ('c', "Vladivostok", "RU", "vladivostok", "Владивосток"),
    ('c', "Khabarovsk", "RU", "khabarovsk", "Хабаровск"),
    ('c', "Stavropol", "RU", "stavropol", "Ставрополь"),
    ('c', "Pyatigorsk", "RU", "pyatigorsk", "Пятигорск"),
    ('c', "Tver", "RU", "tver", "Тверь"),
    ('c', "Lipetsk", "RU", "lipetsk", "Липецк"),
    ('c', "Saransk", "RU", "saransk", "Саранск"),
    ('c', "Yoshkar-Ola", "RU", "yoshkar-ola", "Йошкар-Ола"),
    ('c', "Kaliningrad", "RU", "kaliningrad", "Калининград"),
    ('c', "Makhachkala", "RU", "makhachkala", "Махачкала"),
    ('c', "Grozny", "RU", "grozny", "Грозный"),
    ('c', "Kurgan", "RU", "kurgan", "Курган"),
    ('c', "Murmansk", "RU", "murmansk", "Мурманск"),
];

/// Words that make a preceding (or, in Russian, following) name a region.
const EN_REGION_WORDS: &[&str] = &[
    "region",
    "oblast",
    "province",
    "krai",
    "kray",
    "territory",
    "velayat",
    "viloyat",
    "oblys",
    "okrug",
    "republic",
];

fn is_region_word(lower: &str) -> bool {
    EN_REGION_WORDS.contains(&lower)
        || [
            "област",
            "облыс",
            "регион",
            "республик",
            "автономн",
            "велаят",
            "вилоят",
            "округ",
        ]
        .iter()
        .any(|p| lower.starts_with(p))
        || matches!(lower, "край" | "края" | "краю" | "краем" | "крае")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Needs {
    /// The name alone names the place.
    Nothing,
    /// A region word must follow ("Zhambyl region", "Жамбылской области").
    RegionAfter,
    /// A region word must precede ("области Жетысу").
    RegionBefore,
}

#[derive(Debug)]
struct Pattern {
    /// Lower-case words after the first.
    rest: Vec<String>,
    needs: Needs,
    place: usize,
}

struct Matcher {
    places: Vec<Place>,
    by_first_word: HashMap<String, Vec<Pattern>>,
    /// Every word of every name, for [`is_place_word`]: the title casing
    /// asks it for each word of each title the list shows.
    words: HashSet<String>,
}

fn matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(build)
}

fn build() -> Matcher {
    let mut m = Matcher {
        places: Vec::with_capacity(PLACES.len()),
        by_first_word: HashMap::default(),
        words: HashSet::default(),
    };
    for (index, &(kind, name, country, en, ru)) in PLACES.iter().enumerate() {
        let kind = if kind == 'r' {
            PlaceKind::Region
        } else {
            PlaceKind::City
        };
        m.places.push(Place {
            name,
            country,
            kind,
        });
        for form in en.split('|').filter(|f| !f.is_empty()) {
            let (form, bare) = match form.strip_suffix('!') {
                Some(f) => (f, true),
                None => (form, false),
            };
            let needs = if kind == PlaceKind::Region && !bare {
                Needs::RegionAfter
            } else {
                Needs::Nothing
            };
            let seq: Vec<String> = form.split(' ').map(str::to_string).collect();
            add(&mut m, seq, needs, index);
        }
        for form in ru.split('|').filter(|f| !f.is_empty()) {
            let (form, bare) = match form.strip_suffix('!') {
                Some(f) => (f, true),
                None => (form, false),
            };
            let lower = form.to_lowercase().replace('ё', "е");
            let parts: Vec<&str> = lower.split(' ').collect();
            let region_word_at = parts.iter().position(|p| is_region_word(p));
            match (parts.as_slice(), region_word_at) {
                ([adjective], None) if is_adjective(adjective) => {
                    // "Рудный", "Грозный" are cities; a region adjective
                    // alone needs its region word unless marked bare.
                    let needs = if bare || kind == PlaceKind::City {
                        Needs::Nothing
                    } else {
                        Needs::RegionAfter
                    };
                    for f in adjective_forms(adjective) {
                        add(&mut m, vec![f], needs, index);
                    }
                }
                ([noun], None) => {
                    for f in ru_noun_forms(noun) {
                        add(&mut m, vec![f], Needs::Nothing, index);
                    }
                }
                ([_region, name], Some(0)) => {
                    // "Республика Коми", "область Жетысу".
                    let needs = if kind == PlaceKind::Region && !bare {
                        Needs::RegionBefore
                    } else {
                        Needs::Nothing
                    };
                    for f in ru_noun_forms(name) {
                        add(&mut m, vec![f], needs, index);
                    }
                }
                ([adjective, ..], Some(_)) => {
                    for f in adjective_forms(adjective) {
                        add(&mut m, vec![f], Needs::RegionAfter, index);
                    }
                }
                ([first, second], None) => {
                    // A two-word name: "Нижний Новгород", "Марий Эл".
                    let firsts = if is_adjective(first) {
                        adjective_forms(first)
                    } else {
                        vec![first.to_string()]
                    };
                    for a in &firsts {
                        for b in ru_noun_forms(second) {
                            add(&mut m, vec![a.clone(), b], Needs::Nothing, index);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    m
}

fn add(m: &mut Matcher, mut seq: Vec<String>, needs: Needs, place: usize) {
    if seq.is_empty() {
        return;
    }
    m.words.extend(seq.iter().cloned());
    let first = seq.remove(0);
    m.by_first_word.entry(first).or_default().push(Pattern {
        rest: seq,
        needs,
        place,
    });
}

fn is_adjective(word: &str) -> bool {
    ["ая", "яя", "ий", "ый", "ой"]
        .iter()
        .any(|e| word.ends_with(e))
        && word.chars().count() > 4
}

fn adjective_forms(word: &str) -> Vec<String> {
    let masculine = if let Some(stem) = word.strip_suffix("ая") {
        format!("{stem}ий")
    } else if let Some(stem) = word.strip_suffix("яя") {
        format!("{stem}ий")
    } else {
        word.to_string()
    };
    ru_adjective_forms(&masculine)
}

/// True when a lower-case word is a word of a known place name.
pub fn is_place_word(lower: &str) -> bool {
    matcher().words.contains(lower)
}

/// A place named in `text`, with the byte offset of its first word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// The byte offset of the place's first word in the text.
    pub offset: usize,
    /// The place.
    pub place: Place,
}

/// Every place `text` names, in text order. At one position a region
/// (the name followed by a region word) wins over a city of the same name,
/// and a city over a bare region name.
pub fn find_all(text: &str) -> Vec<Found> {
    let tokens: Vec<(usize, &str)> = words(text).collect();
    find_all_in(&tokens)
}

/// [`find_all`] in a text already cut into [`words`] (with their byte
/// offsets).
pub fn find_all_in(tokens: &[(usize, &str)]) -> Vec<Found> {
    let m = matcher();
    let region_word = |i: usize| {
        tokens
            .get(i)
            .is_some_and(|(_, w)| with_lower(w, is_region_word))
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // Place names are capitalised: other words are not looked up.
        if !is_capitalized(tokens[i].1) {
            i += 1;
            continue;
        }
        let mut best: Option<(u8, usize, usize)> = None; // (rank, place, words used)
        with_lower(tokens[i].1, |first| {
            let Some(patterns) = m.by_first_word.get(first) else {
                return;
            };
            for p in patterns {
                let n = 1 + p.rest.len();
                if i + n > tokens.len() {
                    continue;
                }
                let rest_matches = p
                    .rest
                    .iter()
                    .zip(&tokens[i + 1..])
                    .all(|(want, (_, got))| with_lower(got, |g| g == want));
                if !rest_matches {
                    continue;
                }
                let rank = match p.needs {
                    Needs::RegionAfter if region_word(i + n) => 3,
                    Needs::RegionBefore if i > 0 && region_word(i - 1) => 3,
                    Needs::Nothing => match m.places[p.place].kind {
                        PlaceKind::Region if region_word(i + n) => 3,
                        PlaceKind::City => 2,
                        PlaceKind::Region => 1,
                    },
                    _ => continue,
                };
                if best.is_none_or(|(r, _, used)| (rank, n) > (r, used)) {
                    best = Some((rank, p.place, n));
                }
            }
        });
        match best {
            Some((_, place, used)) => {
                found.push(Found {
                    offset: tokens[i].0,
                    place: m.places[place],
                });
                i += used;
            }
            None => i += 1,
        }
    }
    found
}

/// The first place named in `text` (title first, then body, as the caller
/// orders it), preferring one in `country` when given.
pub fn first_place(texts: &[&str], country: Option<&str>) -> Option<Place> {
    let found: Vec<Vec<Found>> = texts.iter().map(|t| find_all(t)).collect();
    first_place_in(&found, country)
}

/// [`first_place`] from what [`find_all`] found in each text, in order
/// (the ingest reads the places of an event's texts once, for this and for
/// its facts).
pub fn first_place_in(found: &[Vec<Found>], country: Option<&str>) -> Option<Place> {
    let mut any = None;
    for text in found {
        for &f in text {
            match country {
                Some(c) if f.place.country != c => {
                    any.get_or_insert(f.place);
                }
                _ => return Some(f.place),
            }
        }
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&'static str> {
        find_all(text).into_iter().map(|f| f.place.name).collect()
    }

    #[test]
    fn english_regions_and_cities() {
        assert_eq!(
            names("MONTH AGAINST DRUGS STARTED IN PAVLODAR REGION"),
            ["Pavlodar Region"]
        );
        assert_eq!(
            names("OPERATION “KARASORA-2025” CONTINUES IN ALMATY"),
            ["Almaty"]
        );
        assert_eq!(
            names("DRUG INSCRIPTIONS PAINTED OVER IN ALMATY REGION"),
            ["Almaty Region"]
        );
        assert_eq!(
            names("CULTURE AGAINST DRUGS: ZHETYSU COMBATS DRUG THREAT"),
            ["Zhetysu Region"]
        );
        assert_eq!(
            names("Police officers in Tver region and in the city of Tver"),
            ["Tver Region", "Tver"]
        );
        assert_eq!(names("IN THE REPUBLIC OF MARI EL"), ["Mari El"]);
        assert_eq!(
            names("POLICE OFFICERS IN PRIMORSKY KRAI"),
            ["Primorsky Krai"]
        );
        assert_eq!(names("Abay Kunanbayev wrote poems"), Vec::<&str>::new());
        assert_eq!(names("held in Ust-Kamenogorsk"), ["Oskemen"]);
    }

    #[test]
    fn russian_declined_forms() {
        assert_eq!(
            names("27-28 ноября 2024 г. в Ашхабаде (Туркменистан) прошла"),
            ["Ashgabat"]
        );
        assert_eq!(
            names("департамента полиции Алматы Мурат Жумабаев"),
            ["Almaty"]
        );
        assert_eq!(
            names("полиции Жамбылской области совместно с акиматом города Тараз"),
            ["Zhambyl Region", "Taraz"]
        );
        assert_eq!(names("В Таразе прошел турнир"), ["Taraz"]);
        assert_eq!(
            names("в области Жетысу и в Тверской области"),
            ["Zhetysu Region", "Tver Region"]
        );
        assert_eq!(names("В Жетысуском районе города"), Vec::<&str>::new());
        assert_eq!(
            names("в Приморском крае, в Нижнем Новгороде"),
            ["Primorsky Krai", "Nizhny Novgorod"]
        );
        assert_eq!(
            names("тверская область в нижнем регистре"),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn first_place_prefers_the_country() {
        let p = first_place(&["Talks in Moscow", "then in Bishkek"], Some("KG")).unwrap();
        assert_eq!(p.name, "Bishkek");
        let p = first_place(&["Talks in Moscow"], Some("KG")).unwrap();
        assert_eq!(p.name, "Moscow");
        assert_eq!(first_place(&["nothing here"], None), None);
    }

    #[test]
    fn every_place_has_a_valid_country_and_a_form() {
        for (_, name, country, en, ru) in PLACES {
            assert!(crate::country::is_iso_code(country), "{name}");
            assert!(!en.is_empty() || !ru.is_empty(), "{name}");
        }
    }
}

//! An amount written out in words, as an invoice, a contract or an act states it: «Двадцать
//! одна тысяча один рубль 05 копеек», "Twenty-one thousand one dollars and 5 cents".
//!
//! Russian numerals agree with the noun they count: «одна тысяча», «две тысячи», but «один
//! миллион», «два рубля», «одна копейка». The whole units are written in words; the minor units
//! in digits, as Russian invoices do.

use crate::domain::{Currency, Lang, Money};

/// The grammatical gender of a counted Russian noun: it picks «один»/«одна», «два»/«две».
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    /// «один рубль», «два миллиона».
    Masculine,
    /// «одна тысяча», «две копейки».
    Feminine,
}

/// A Russian noun in the three forms a number asks for.
#[derive(Clone, Copy, Debug)]
struct Noun {
    /// After 1, 21, 31… («рубль»).
    one: &'static str,
    /// After 2–4, 22–24… («рубля»).
    few: &'static str,
    /// After 0, 5–20, 25–30… («рублей»).
    many: &'static str,
    gender: Gender,
}

impl Noun {
    const fn new(one: &'static str, few: &'static str, many: &'static str, gender: Gender) -> Self {
        Noun {
            one,
            few,
            many,
            gender,
        }
    }

    /// The form that follows the number `n`.
    fn form(&self, n: u64) -> &'static str {
        match plural_ru(n) {
            RuPlural::One => self.one,
            RuPlural::Few => self.few,
            RuPlural::Many => self.many,
        }
    }
}

/// Russian's three counting forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RuPlural {
    One,
    Few,
    Many,
}

/// The form a Russian noun takes after `n`: 11–14 always take the "many" form.
fn plural_ru(n: u64) -> RuPlural {
    match (n % 10, n % 100) {
        (_, 11..=14) => RuPlural::Many,
        (1, _) => RuPlural::One,
        (2..=4, _) => RuPlural::Few,
        _ => RuPlural::Many,
    }
}

use Gender::{Feminine, Masculine};

/// Thousand, million, … up to the quintillions a `u64` reaches.
const SCALES_RU: [Noun; 6] = [
    Noun::new("тысяча", "тысячи", "тысяч", Feminine),
    Noun::new("миллион", "миллиона", "миллионов", Masculine),
    Noun::new("миллиард", "миллиарда", "миллиардов", Masculine),
    Noun::new("триллион", "триллиона", "триллионов", Masculine),
    Noun::new("квадриллион", "квадриллиона", "квадриллионов", Masculine),
    Noun::new("квинтиллион", "квинтиллиона", "квинтиллионов", Masculine),
];
const SCALES_EN: [&str; 6] = [
    "thousand",
    "million",
    "billion",
    "trillion",
    "quadrillion",
    "quintillion",
];

const UNITS_RU: [&str; 10] = [
    "",
    "один",
    "два",
    "три",
    "четыре",
    "пять",
    "шесть",
    "семь",
    "восемь",
    "девять",
];
const TEENS_RU: [&str; 10] = [
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
];
const TENS_RU: [&str; 10] = [
    "",
    "",
    "двадцать",
    "тридцать",
    "сорок",
    "пятьдесят",
    "шестьдесят",
    "семьдесят",
    "восемьдесят",
    "девяносто",
];
const HUNDREDS_RU: [&str; 10] = [
    "",
    "сто",
    "двести",
    "триста",
    "четыреста",
    "пятьсот",
    "шестьсот",
    "семьсот",
    "восемьсот",
    "девятьсот",
];

const UNITS_EN: [&str; 20] = [
    "",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS_EN: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// The words of `group` (0–999) in Russian, the units agreeing with `gender`.
fn group_ru(group: u64, gender: Gender, words: &mut Vec<&'static str>) {
    let (hundreds, rest) = (group / 100, group % 100);
    if hundreds > 0 {
        words.push(HUNDREDS_RU[hundreds as usize]);
    }
    if (10..20).contains(&rest) {
        words.push(TEENS_RU[(rest - 10) as usize]);
        return;
    }
    if rest >= 20 {
        words.push(TENS_RU[(rest / 10) as usize]);
    }
    match (rest % 10, gender) {
        (0, _) => {}
        (1, Feminine) => words.push("одна"),
        (2, Feminine) => words.push("две"),
        (unit, _) => words.push(UNITS_RU[unit as usize]),
    }
}

/// `n` in Russian words, agreeing with a noun of `gender`: `(21, Feminine)` is «двадцать одна».
pub fn number_ru(n: u64, gender: Gender) -> String {
    if n == 0 {
        return "ноль".to_owned();
    }
    let mut words = Vec::new();
    for scale in (0..=SCALES_RU.len()).rev() {
        let group = (n / 1000u64.pow(scale as u32)) % 1000;
        if group == 0 {
            continue;
        }
        match scale.checked_sub(1).map(|i| SCALES_RU[i]) {
            Some(noun) => {
                group_ru(group, noun.gender, &mut words);
                words.push(noun.form(group));
            }
            None => group_ru(group, gender, &mut words),
        }
    }
    words.join(" ")
}

/// The words of `group` (1–999) in English: "one hundred twenty-one".
fn group_en(group: u64, words: &mut Vec<String>) {
    let (hundreds, rest) = (group / 100, group % 100);
    if hundreds > 0 {
        words.push(format!("{} hundred", UNITS_EN[hundreds as usize]));
    }
    match rest {
        0 => {}
        1..=19 => words.push(UNITS_EN[rest as usize].to_owned()),
        _ if rest % 10 == 0 => words.push(TENS_EN[(rest / 10) as usize].to_owned()),
        _ => words.push(format!(
            "{}-{}",
            TENS_EN[(rest / 10) as usize],
            UNITS_EN[(rest % 10) as usize]
        )),
    }
}

/// `n` in English words, without "and": 1,205 is "one thousand two hundred five".
pub fn number_en(n: u64) -> String {
    if n == 0 {
        return "zero".to_owned();
    }
    let mut words = Vec::new();
    for scale in (0..=SCALES_EN.len()).rev() {
        let group = (n / 1000u64.pow(scale as u32)) % 1000;
        if group == 0 {
            continue;
        }
        group_en(group, &mut words);
        if let Some(i) = scale.checked_sub(1) {
            words.push(SCALES_EN[i].to_owned());
        }
    }
    words.join(" ")
}

/// The major and minor units' nouns of a currency in Russian.
fn nouns_ru(currency: Currency) -> (Noun, Noun) {
    let cent = Noun::new("цент", "цента", "центов", Masculine);
    match currency {
        Currency::Rub => (
            Noun::new("рубль", "рубля", "рублей", Masculine),
            Noun::new("копейка", "копейки", "копеек", Feminine),
        ),
        Currency::Usd => (
            Noun::new("доллар США", "доллара США", "долларов США", Masculine),
            cent,
        ),
        // «Евро» does not decline; it is masculine («один евро»).
        Currency::Eur => (Noun::new("евро", "евро", "евро", Masculine), cent),
    }
}

/// The major and minor units' nouns of a currency in English, singular and plural.
fn nouns_en(currency: Currency) -> ((&'static str, &'static str), (&'static str, &'static str)) {
    match currency {
        Currency::Rub => (("rouble", "roubles"), ("kopeck", "kopecks")),
        Currency::Usd => (("dollar", "dollars"), ("cent", "cents")),
        Currency::Eur => (("euro", "euros"), ("cent", "cents")),
    }
}

/// `text` with its first letter in capitals, as the sentence it is on a document. The words
/// here start with a Latin or a Russian letter, so no Unicode case table is needed.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let upper = match first {
        'а'..='я' => char::from_u32(first as u32 - 0x20).unwrap_or(first),
        _ => first.to_ascii_uppercase(),
    };
    std::iter::once(upper).chain(chars).collect()
}

/// `amount` in words in `lang`, as documents state it: «Одна тысяча двести рублей 05 копеек»,
/// "One thousand two hundred dollars and 5 cents". A negative amount starts with «Минус» /
/// "Minus" (a refund; the documents themselves never carry one).
pub fn amount_in_words(amount: Money, currency: Currency, lang: Lang) -> String {
    let minus = amount.0 < 0;
    let abs = amount.0.unsigned_abs();
    let (major, minor) = (abs / 100, abs % 100);
    let text = match lang {
        Lang::Ru => {
            let (major_noun, minor_noun) = nouns_ru(currency);
            let sign = if minus { "минус " } else { "" };
            format!(
                "{sign}{} {} {minor:02} {}",
                number_ru(major, major_noun.gender),
                major_noun.form(major),
                minor_noun.form(minor)
            )
        }
        Lang::En => {
            let ((one, many), (minor_one, minor_many)) = nouns_en(currency);
            let sign = if minus { "minus " } else { "" };
            let major_noun = if major == 1 { one } else { many };
            let minor_noun = if minor == 1 { minor_one } else { minor_many };
            format!(
                "{sign}{} {major_noun} and {minor} {minor_noun}",
                number_en(major)
            )
        }
    };
    capitalised(&text)
}

#[cfg(test)]
mod tests;

use super::*;
use crate::domain::validate::MAX_AMOUNT;
use proptest::prelude::*;

fn rub(kopecks: i64) -> String {
    amount_in_words(Money(kopecks), Currency::Rub, Lang::Ru)
}

#[test]
fn the_hard_cases_in_russian() {
    assert_eq!(rub(0), "Ноль рублей 00 копеек");
    assert_eq!(rub(100), "Один рубль 00 копеек");
    assert_eq!(rub(101), "Один рубль 01 копейка");
    assert_eq!(rub(2122), "Двадцать один рубль 22 копейки");
    assert_eq!(rub(1105), "Одиннадцать рублей 05 копеек");
    assert_eq!(rub(1411), "Четырнадцать рублей 11 копеек");
    assert_eq!(rub(1900), "Девятнадцать рублей 00 копеек");
    assert_eq!(rub(100_000), "Одна тысяча рублей 00 копеек");
    assert_eq!(rub(200_000), "Две тысячи рублей 00 копеек");
    assert_eq!(rub(500_000), "Пять тысяч рублей 00 копеек");
    assert_eq!(rub(2_100_000), "Двадцать одна тысяча рублей 00 копеек");
    assert_eq!(rub(1_200_000), "Двенадцать тысяч рублей 00 копеек");
    assert_eq!(rub(100_000_000), "Один миллион рублей 00 копеек");
    assert_eq!(rub(200_000_100), "Два миллиона один рубль 00 копеек");
    assert_eq!(rub(500_000_000_000), "Пять миллиардов рублей 00 копеек");
    assert_eq!(
        rub(123_456_789),
        "Один миллион двести тридцать четыре тысячи пятьсот шестьдесят семь рублей 89 копеек"
    );
    assert_eq!(
        rub(MAX_AMOUNT),
        "Девятьсот миллиардов рублей 00 копеек",
        "the largest amount the app accepts"
    );
    assert_eq!(rub(-250), "Минус два рубля 50 копеек");
}

#[test]
fn other_currencies_in_russian() {
    let usd = |c| amount_in_words(Money(c), Currency::Usd, Lang::Ru);
    let eur = |c| amount_in_words(Money(c), Currency::Eur, Lang::Ru);
    assert_eq!(usd(2101), "Двадцать один доллар США 01 цент");
    assert_eq!(usd(300_003), "Три тысячи долларов США 03 цента");
    assert_eq!(eur(100_101), "Одна тысяча один евро 01 цент");
}

#[test]
fn the_hard_cases_in_english() {
    let usd = |c| amount_in_words(Money(c), Currency::Usd, Lang::En);
    assert_eq!(usd(120_005), "One thousand two hundred dollars and 5 cents");
    assert_eq!(usd(101), "One dollar and 1 cent");
    assert_eq!(usd(0), "Zero dollars and 0 cents");
    assert_eq!(usd(2100), "Twenty-one dollars and 0 cents");
    assert_eq!(usd(1_300), "Thirteen dollars and 0 cents");
    assert_eq!(usd(100_000_000), "One million dollars and 0 cents");
    assert_eq!(usd(200_000_100), "Two million one dollars and 0 cents");
    assert_eq!(usd(99_999), "Nine hundred ninety-nine dollars and 99 cents");
    let rub = amount_in_words(Money(200), Currency::Rub, Lang::En);
    assert_eq!(rub, "Two roubles and 0 kopecks");
    let eur = amount_in_words(Money(101), Currency::Eur, Lang::En);
    assert_eq!(eur, "One euro and 1 cent");
}

// A second formulation of the grammar: reading the words back. It knows each word's value and
// judges agreement by the last numeral before a noun, never by the digits.

/// Every Russian numeral word with its value and its gender where it has one.
fn ru_word(word: &str) -> Option<(u64, Option<Gender>)> {
    let masculine = [("один", 1), ("два", 2)];
    let feminine = [("одна", 1), ("две", 2)];
    let plain = [
        ("три", 3),
        ("четыре", 4),
        ("пять", 5),
        ("шесть", 6),
        ("семь", 7),
        ("восемь", 8),
        ("девять", 9),
        ("десять", 10),
        ("одиннадцать", 11),
        ("двенадцать", 12),
        ("тринадцать", 13),
        ("четырнадцать", 14),
        ("пятнадцать", 15),
        ("шестнадцать", 16),
        ("семнадцать", 17),
        ("восемнадцать", 18),
        ("девятнадцать", 19),
        ("двадцать", 20),
        ("тридцать", 30),
        ("сорок", 40),
        ("пятьдесят", 50),
        ("шестьдесят", 60),
        ("семьдесят", 70),
        ("восемьдесят", 80),
        ("девяносто", 90),
        ("сто", 100),
        ("двести", 200),
        ("триста", 300),
        ("четыреста", 400),
        ("пятьсот", 500),
        ("шестьсот", 600),
        ("семьсот", 700),
        ("восемьсот", 800),
        ("девятьсот", 900),
    ];
    let find = |list: &[(&str, u64)]| list.iter().find(|(w, _)| *w == word).map(|(_, v)| *v);
    find(&masculine)
        .map(|v| (v, Some(Masculine)))
        .or_else(|| find(&feminine).map(|v| (v, Some(Feminine))))
        .or_else(|| find(&plain).map(|v| (v, None)))
}

/// The form a noun must take after the numeral `last`, judged from the word alone.
fn ru_form_after(last: &str) -> usize {
    match last {
        "один" | "одна" => 0,
        "два" | "две" | "три" | "четыре" => 1,
        _ => 2,
    }
}

/// The value of Russian number words followed by a noun, checking that every numeral agrees
/// with the scale word after it in gender and form.
fn read_ru(words: &[&str]) -> Result<u64, String> {
    let scales: [([&str; 3], Gender, u64); 6] = [
        (["тысяча", "тысячи", "тысяч"], Feminine, 1_000),
        (["миллион", "миллиона", "миллионов"], Masculine, 1_000_000),
        (
            ["миллиард", "миллиарда", "миллиардов"],
            Masculine,
            1_000_000_000,
        ),
        (
            ["триллион", "триллиона", "триллионов"],
            Masculine,
            10u64.pow(12),
        ),
        (
            ["квадриллион", "квадриллиона", "квадриллионов"],
            Masculine,
            10u64.pow(15),
        ),
        (
            ["квинтиллион", "квинтиллиона", "квинтиллионов"],
            Masculine,
            10u64.pow(18),
        ),
    ];
    if words == ["ноль"] {
        return Ok(0);
    }
    let (mut total, mut group, mut last, mut last_value) = (0u64, 0u64, "", u64::MAX);
    let mut last_scale = u64::MAX;
    let agree = |last: &str, forms: [&str; 3], form: &str, want: Gender| -> Result<(), String> {
        if forms[ru_form_after(last)] != form {
            return Err(format!("«{last} {form}»: wrong form"));
        }
        match ru_word(last) {
            Some((_, Some(g))) if g != want => Err(format!("«{last} {form}»: wrong gender")),
            _ => Ok(()),
        }
    };
    for word in words {
        if let Some((value, _)) = ru_word(word) {
            // Within a group the numerals go down: hundreds, then tens, then units.
            let fits = match last_value {
                u64::MAX => true,
                100.. => value < 100,
                20..=99 => value < 10,
                _ => false,
            };
            if !fits {
                return Err(format!("«{last} {word}»: out of order"));
            }
            group += value;
            (last, last_value) = (word, value);
        } else if let Some((forms, g, scale)) = scales.iter().find(|(f, ..)| f.contains(word)) {
            if group == 0 || *scale >= last_scale {
                return Err(format!("«{word}» without its number"));
            }
            agree(last, *forms, word, *g)?;
            total += group * scale;
            (group, last_value, last_scale) = (0, u64::MAX, *scale);
        } else {
            return Err(format!("«{word}» is not a numeral"));
        }
    }
    Ok(total + group)
}

/// Checks the noun after the number words: after a bare scale («тысяч») it takes the "many"
/// form, otherwise the form and gender the last numeral asks for.
fn check_noun(words: &[&str], noun: &str, forms: [&str; 3], gender: Gender) -> Result<(), String> {
    let last = *words.last().ok_or("no words")?;
    let form = match ru_word(last) {
        Some((_, Some(g))) if g != gender => return Err(format!("«{last} {noun}»: wrong gender")),
        Some(_) => ru_form_after(last),
        None => 2,
    };
    if forms[form] == noun {
        Ok(())
    } else {
        Err(format!(
            "«{last} {noun}»: wrong form, want «{}»",
            forms[form]
        ))
    }
}

/// Reads a rouble amount in words back into kopecks.
fn read_roubles(text: &str) -> Result<i64, String> {
    let lower = crate::text::fold_case(text);
    let mut words: Vec<&str> = lower.split(' ').collect();
    let minus = words.first() == Some(&"минус");
    if minus {
        words.remove(0);
    }
    let [.., noun, minor, minor_noun] = words[..] else {
        return Err(text.to_owned());
    };
    let numerals = &words[..words.len() - 3];
    let major = read_ru(numerals)?;
    check_noun(numerals, noun, ["рубль", "рубля", "рублей"], Masculine)?;
    if minor.len() != 2 {
        return Err(format!("kopecks «{minor}» not in two digits"));
    }
    let minor: u64 = minor.parse().map_err(|_| format!("kopecks «{minor}»"))?;
    let kop = ["копейка", "копейки", "копеек"];
    let last_digit_word = ru_digits_last_word(minor);
    check_noun(&[last_digit_word], minor_noun, kop, Feminine)?;
    let value = (major * 100 + minor) as i64;
    Ok(if minus { -value } else { value })
}

/// The numeral a count of kopecks would end with if read aloud, to judge the noun after digits.
fn ru_digits_last_word(n: u64) -> &'static str {
    if (10..20).contains(&(n % 100)) {
        return "десять";
    }
    [
        "ноль",
        "одна",
        "две",
        "три",
        "четыре",
        "пять",
        "шесть",
        "семь",
        "восемь",
        "девять",
    ][(n % 10) as usize]
}

/// Reads English number words back into their value.
fn read_en(text: &str) -> Result<u64, String> {
    let small = |w: &str| -> Option<u64> {
        let names = [
            "zero",
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
        let tens = [
            "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        ];
        if let Some(i) = names.iter().position(|n| *n == w) {
            return Some(i as u64);
        }
        if let Some(i) = tens.iter().position(|n| *n == w) {
            return Some(20 + 10 * i as u64);
        }
        let (tens_word, unit) = w.split_once('-')?;
        let t = tens.iter().position(|n| *n == tens_word)?;
        let u = names[1..10].iter().position(|n| *n == unit)?;
        Some(20 + 10 * t as u64 + u as u64 + 1)
    };
    let scales = [
        "thousand",
        "million",
        "billion",
        "trillion",
        "quadrillion",
        "quintillion",
    ];
    let (mut total, mut group) = (0u64, 0u64);
    for word in text.split(' ') {
        if let Some(v) = small(word) {
            group += v;
        } else if word == "hundred" {
            group *= 100;
        } else if let Some(i) = scales.iter().position(|s| *s == word) {
            total += group * 1000u64.pow(i as u32 + 1);
            group = 0;
        } else {
            return Err(format!("\"{word}\" is not a number word"));
        }
    }
    Ok(total + group)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// Every amount the app accepts reads back to itself, every noun agreeing with its number.
    #[test]
    fn russian_words_read_back(kopecks in -MAX_AMOUNT..=MAX_AMOUNT) {
        let text = rub(kopecks);
        prop_assert_eq!(read_roubles(&text), Ok(kopecks), "{}", text);
    }

    /// Beyond the amounts too: every `u64`, in both genders.
    #[test]
    fn russian_numbers_read_back(n in any::<u64>(), feminine in any::<bool>()) {
        let gender = if feminine { Feminine } else { Masculine };
        let text = number_ru(n, gender);
        let words: Vec<&str> = text.split(' ').collect();
        prop_assert_eq!(read_ru(&words), Ok(n), "{}", text);
        if n % 1000 != 0 {
            let forms = if feminine { ["тысяча", "тысячи", "тысяч"] } else { ["рубль", "рубля", "рублей"] };
            let noun = forms[match plural_ru(n) { RuPlural::One => 0, RuPlural::Few => 1, RuPlural::Many => 2 }];
            prop_assert_eq!(check_noun(&words, noun, forms, gender), Ok(()), "{}", text);
        }
    }

    #[test]
    fn english_numbers_read_back(n in any::<u64>()) {
        let text = number_en(n);
        prop_assert_eq!(read_en(&text), Ok(n), "{}", text);
    }

    #[test]
    fn english_amounts_read_back(cents in 0..=MAX_AMOUNT) {
        let text = amount_in_words(Money(cents), Currency::Usd, Lang::En);
        let lower = crate::text::fold_case(&text);
        let (number, rest) = lower.split_once(" dollar").expect("names the dollars");
        let major = read_en(number).map_err(TestCaseError::fail)?;
        let minor = rest.split(" and ").nth(1).and_then(|r| r.split(' ').next()).unwrap_or("");
        let minor: u64 = minor.parse().map_err(|_| TestCaseError::fail(text.clone()))?;
        prop_assert_eq!((major * 100 + minor) as i64, cents, "{}", text);
        prop_assert_eq!(rest.starts_with("s "), major != 1, "{}", text);
        prop_assert_eq!(rest.ends_with("cents"), minor != 1, "{}", text);
    }
}

#[test]
fn every_number_below_a_million_reads_back_in_russian() {
    for n in 0..1_000_000u64 {
        let text = number_ru(n, Masculine);
        let words: Vec<&str> = text.split(' ').collect();
        assert_eq!(read_ru(&words), Ok(n), "{text}");
    }
}

use super::*;
use RequisiteError::*;

// Real, published requisites: ПАО Сбербанк and its Saint Petersburg bank, ООО «Яндекс», АО «ТБанк»; the 12-digit ИНН and the
// ОГРНИП are the Federal Tax Service's own examples; the IBANs are ISO 13616's and the
// European Committee for Banking Standards'.
const SBER_INN: &str = "7707083893";
const YANDEX_INN: &str = "7736207543";
const PERSON_INN: &str = "500100732259";
const SBER_OGRN: &str = "1027700132195";
const YANDEX_OGRN: &str = "1027700229193";
const ENTREPRENEUR_OGRNIP: &str = "304500116000157";
const SBER_BIK: &str = "044525225";
const SBER_CORRESPONDENT: &str = "30101810400000000225";
const TBANK_BIK: &str = "044525974";
const TBANK_CORRESPONDENT: &str = "30101810145250000974";
/// Северо-Западный банк ПАО Сбербанк, Saint Petersburg: another region, another key prefix.
const SPB_BIK: &str = "044030653";
const SPB_CORRESPONDENT: &str = "30101810500000000653";
/// An account keyed to Сбербанк's БИК (the key digit is the ninth).
const SBER_SETTLEMENT: &str = "40702810038000001230";

/// Every number one mistyped digit away from `valid`.
fn one_digit_off(valid: &str) -> Vec<String> {
    let chars: Vec<char> = valid.chars().collect();
    let mut out = Vec::new();
    for i in 0..chars.len() {
        for d in '0'..='9' {
            if d != chars[i] {
                let mut typo = chars.clone();
                typo[i] = d;
                out.push(typo.into_iter().collect());
            }
        }
    }
    out
}

/// Asserts that `check` takes `valid` and refuses each of its single-digit typos.
fn catches_every_typo(valid: &str, check: impl Fn(&str) -> Result<(), RequisiteError>) {
    assert_eq!(check(valid), Ok(()), "{valid}");
    let typos = one_digit_off(valid);
    assert_eq!(typos.len(), valid.len() * 9);
    for typo in typos {
        assert_eq!(check(&typo), Err(Checksum), "{typo}, a typo of {valid}");
    }
}

#[test]
fn inn_of_ten_and_twelve_digits() {
    for inn in [SBER_INN, YANDEX_INN, PERSON_INN] {
        catches_every_typo(inn, check_inn);
    }
    assert_eq!(check_inn("7707 083 893"), Ok(()), "spaces are ignored");
    assert_eq!(check_inn("770708389"), Err(Length(&[10, 12])));
    assert_eq!(check_inn("77070838931"), Err(Length(&[10, 12])));
    assert_eq!(
        check_inn("770708389O"),
        Err(NotDigits),
        "a letter O for a zero"
    );
    assert_eq!(check_inn(""), Err(Length(&[10, 12])));
}

#[test]
fn ogrn_and_ogrnip() {
    for number in [SBER_OGRN, YANDEX_OGRN, ENTREPRENEUR_OGRNIP] {
        catches_every_typo(number, check_ogrn);
    }
    assert_eq!(check_ogrn("10277001321"), Err(Length(&[13, 15])));
    assert_eq!(check_ogrn("3045001160001570"), Err(Length(&[13, 15])));
}

#[test]
fn kpp_takes_letters_only_in_the_reason_code() {
    assert_eq!(check_kpp("773601001"), Ok(()));
    assert_eq!(check_kpp("7736AB001"), Ok(()));
    assert_eq!(check_kpp("77360100"), Err(Length(&[9])));
    assert_eq!(check_kpp("A73601001"), Err(NotDigits));
    assert_eq!(
        check_kpp("7736ab001"),
        Err(NotDigits),
        "lower case is not the code"
    );
}

#[test]
fn bik_is_a_russian_bank() {
    assert_eq!(check_bik(SBER_BIK), Ok(()));
    assert_eq!(check_bik("144525225"), Err(NotRussianBank));
    assert_eq!(check_bik("04452522"), Err(Length(&[9])));
}

#[test]
fn accounts_are_keyed_to_their_bank() {
    catches_every_typo(SBER_CORRESPONDENT, |a| {
        check_correspondent_account(a, SBER_BIK)
    });
    catches_every_typo(TBANK_CORRESPONDENT, |a| {
        check_correspondent_account(a, TBANK_BIK)
    });
    catches_every_typo(SPB_CORRESPONDENT, |a| {
        check_correspondent_account(a, SPB_BIK)
    });
    catches_every_typo(SBER_SETTLEMENT, |a| check_settlement_account(a, SBER_BIK));
    // The right account at the wrong bank: the key is the bank's.
    assert_eq!(
        check_correspondent_account(SBER_CORRESPONDENT, SPB_BIK),
        Err(Checksum)
    );
    assert_eq!(
        check_settlement_account(SBER_SETTLEMENT, TBANK_BIK),
        Err(Checksum)
    );
    assert_eq!(check_settlement_account(SBER_SETTLEMENT, ""), Err(NeedsBik));
    assert_eq!(
        check_settlement_account("4070281003800000123", SBER_BIK),
        Err(Length(&[20]))
    );
}

#[test]
fn iban_mod_97() {
    for iban in [
        "GB82 WEST 1234 5698 7654 32",
        "DE89370400440532013000",
        "FR14 2004 1010 0505 0001 3M02 606",
    ] {
        assert_eq!(check_iban(iban), Ok(()), "{iban}");
    }
    assert_eq!(
        check_iban("gb82 west 1234 5698 7654 32"),
        Ok(()),
        "lower case is read as upper"
    );
    assert_eq!(check_iban("GB82 WEST 1234 5698 7654 33"), Err(Checksum));
    assert_eq!(
        check_iban("GB28 WEST 1234 5698 7654 32"),
        Err(Checksum),
        "swapped check digits"
    );
    assert_eq!(check_iban("GB82 WEST 12"), Err(LengthBetween(15, 34)));
    assert_eq!(check_iban("1282 WEST 1234 5698 7654 32"), Err(NotDigits));
    // Every single-character typo among the digits of the German example is caught.
    let valid = "DE89370400440532013000";
    for typo in one_digit_off(valid)
        .into_iter()
        .filter(|t| t.starts_with("DE"))
    {
        assert_eq!(check_iban(&typo), Err(Checksum), "{typo}");
    }
}

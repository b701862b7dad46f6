//! Property tests of the binary rows that localStorage keeps deals in: any deal (any text,
//! amount, date, optional field, task and history) comes back exactly, and any bytes at all are
//! either read or refused, never a panic.

use chrono::NaiveDate;
use proptest::prelude::*;
use voronka_core::domain::*;
use voronka_core::storage::rows;

fn date() -> impl Strategy<Value = NaiveDate> {
    // From 0001-01-01 to 9999-12-31, as day numbers.
    (1i32..=3_652_059).prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap())
}

fn text() -> impl Strategy<Value = String> {
    // Any Unicode, including astral characters and control characters.
    proptest::collection::vec(any::<char>(), 0..24).prop_map(|c| c.into_iter().collect())
}

fn task() -> impl Strategy<Value = TaskState> {
    (
        any::<u32>(),
        any::<bool>(),
        proptest::collection::vec(text(), 0..4),
        proptest::option::of(date()),
    )
        .prop_map(|(stage, done, checked, due)| TaskState {
            stage: StageId(stage),
            done,
            checked,
            due,
        })
}

fn change() -> impl Strategy<Value = StageChange> {
    (
        proptest::option::of(any::<u32>()),
        any::<u32>(),
        any::<i64>(),
    )
        .prop_map(|(from, to, at)| StageChange {
            from: from.map(StageId),
            to: StageId(to),
            at: Stamp(at),
        })
}

prop_compose! {
    fn deal()(
        ids in (any::<u32>(), any::<u32>(), any::<u32>(), any::<u32>()),
        title in text(),
        client in (text(), text(), text(), text()),
        amount in any::<i64>(),
        times in (any::<i64>(), proptest::option::of(date()), proptest::option::of(any::<i64>())),
        loss_reason in proptest::option::of(text()),
        nps in proptest::option::of(any::<u8>()),
        notes in text(),
        tasks in proptest::collection::vec(task(), 0..4),
        history in proptest::collection::vec(change(), 0..5),
        source in proptest::option::weighted(0.3, (text(), text(), proptest::option::of(text()))),
    ) -> Deal {
        Deal {
            id: DealId(ids.0),
            title,
            client: Client { company: client.0, contact: client.1, phone: client.2, email: client.3 },
            amount: Money(amount),
            owner: EmployeeId(ids.1),
            direction: DirectionId(ids.2),
            stage: StageId(ids.3),
            created_at: Stamp(times.0),
            expected_close: times.1,
            closed_at: times.2.map(Stamp),
            loss_reason,
            nps,
            notes,
            tasks,
            history,
            source: source.map(|(system, id, currency)| Box::new(DealSource { system, id, currency })),
        }
    }
}

#[test]
fn shards_without_imported_deals_keep_the_first_form() {
    let ws = voronka_core::domain::demo::generate(&voronka_core::domain::demo::DemoConfig {
        seed: 1,
        employees: 1,
        deals: 1,
        now: voronka_core::domain::Stamp::at_midnight(
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        )
        .plus_minutes(18 * 60),
        lang: Lang::Ru,
    });
    let mut deal = ws.deals().next().unwrap().clone();
    assert_eq!(
        rows::encode(&[&deal])[0],
        rows::TAG,
        "readable by earlier versions"
    );
    deal.source = Some(Box::new(DealSource {
        system: "Bitrix24".into(),
        id: "17".into(),
        currency: Some("USD".into()),
    }));
    let bytes = rows::encode(&[&deal]);
    assert_eq!(bytes[0], rows::TAG_SOURCES);
    assert_eq!(rows::decode(&bytes), Ok(vec![deal]));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_deals_come_back_exactly(deals in proptest::collection::vec(deal(), 0..12)) {
        let refs: Vec<&Deal> = deals.iter().collect();
        prop_assert_eq!(rows::decode(&rows::encode(&refs)), Ok(deals));
    }

    #[test]
    fn any_bytes_are_read_or_refused_without_panicking(
        mut bytes in proptest::collection::vec(any::<u8>(), 0..400),
        tagged in any::<bool>(),
    ) {
        if tagged && !bytes.is_empty() {
            bytes[0] = if bytes.len() % 2 == 0 { rows::TAG } else { rows::TAG_SOURCES };
        }
        let _ = rows::decode(&bytes);
    }

    #[test]
    fn a_flipped_byte_never_panics(deals in proptest::collection::vec(deal(), 1..4), at in any::<usize>(), bit in 0u8..8) {
        let refs: Vec<&Deal> = deals.iter().collect();
        let mut bytes = rows::encode(&refs);
        let i = at % bytes.len();
        bytes[i] ^= 1 << bit;
        let _ = rows::decode(&bytes);
    }
}

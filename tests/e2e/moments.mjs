// The clock sweep: the moments and zones at which the date-sensitive end-to-end tests (those
// tagged @clock) run again, besides the default moment every test runs at. Each moment is the
// local wall-clock time in its zone. The two far zones take the year's ends where the UTC date
// is another year's: 1 January 00:05 in Kiritimati (UTC+14: 31 December 10:05 UTC) and
// 31 December 23:59 in Pago Pago (UTC−11: 1 January 10:59 UTC).
export const SWEEP = [
  { name: 'leap day', moment: '2028-02-29T12:00', zone: 'Europe/Moscow' },
  { name: 'end of a quarter 23:59', moment: '2027-03-31T23:59', zone: 'Europe/Moscow' },
  { name: 'the 1st of a month', moment: '2026-12-01T09:00', zone: 'Europe/Moscow' },
  { name: 'the 2nd of a month', moment: '2026-12-02T10:00', zone: 'Europe/Moscow' },
  { name: 'end of a half-year 23:59', moment: '2027-06-30T23:59', zone: 'Europe/Moscow' },
  { name: 'DST starts, 23:59', moment: '2027-03-14T23:59', zone: 'America/New_York' },
  { name: 'DST ends, 01:30 (twice that night)', moment: '2026-11-01T01:30', zone: 'America/New_York' },
  { name: 'new year 00:05, UTC+14', moment: '2027-01-01T00:05', zone: 'Pacific/Kiritimati' },
  { name: 'end of a year 23:59, UTC−11', moment: '2026-12-31T23:59', zone: 'Pacific/Pago_Pago' },
];

//! Numbers with one decimal, as `format!("{:.1}", v)` writes them, fast for the values a layout
//! makes. Coordinates are mostly quarters and halves, exact ties between two tenths (x.25), which
//! send std's formatter down its slow exact path (big-number arithmetic): a fifth of the time of
//! painting 100,000 roles went there.

use std::fmt;

/// `v` as `{:.1}` writes it: rounded to tenths, ties to even, `-` on every negative number
/// (`-0.0` included).
#[derive(Clone, Copy, Debug)]
pub struct Tenths(pub f64);

/// Below this, a multiple of 1/1024 is at most 2^50 / 1024, so `v * 10.0` (5n/512 for
/// v = n/1024) is exact in an `f64` and rounding it rounds `v` itself.
const FAST_BELOW: f64 = (1u64 << 40) as f64;

impl fmt::Display for Tenths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        // NaN and the infinities fail the first test.
        if !(v.abs() < FAST_BELOW && (v * 1024.0).fract() == 0.0) {
            return write!(f, "{v:.1}");
        }
        // At most 2^40 * 10 < 2^44: 14 digits, the point, one decimal and a sign.
        let mut text = [0u8; 20];
        let mut at = text.len();
        let tenths = (v * 10.0).round_ties_even().abs() as u64;
        at -= 1;
        text[at] = b'0' + (tenths % 10) as u8;
        at -= 1;
        text[at] = b'.';
        at = digits_ending_at(&mut text, at, tenths / 10);
        if v.is_sign_negative() {
            at -= 1;
            text[at] = b'-';
        }
        // Only ASCII digits, a point and a sign were written.
        f.write_str(std::str::from_utf8(&text[at..]).map_err(|_| fmt::Error)?)
    }
}

/// Writes `number`'s decimal digits into `buf` so that they end just before `end`, and returns
/// where they start: numbers written without `fmt`, which costs more than the digits.
pub(crate) fn digits_ending_at(buf: &mut [u8], mut end: usize, mut number: u64) -> usize {
    loop {
        end -= 1;
        buf[end] = b'0' + (number % 10) as u8;
        number /= 10;
        if number == 0 {
            return end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn digits_end_where_asked() {
        let mut buf = [b'x'; 21];
        let start = digits_ending_at(&mut buf, 20, u64::MAX);
        assert_eq!(&buf[start..], b"18446744073709551615x");
        assert_eq!(digits_ending_at(&mut buf, 3, 0), 2);
        assert_eq!(&buf[..3], b"180");
    }

    fn same(v: f64) -> Result<(), TestCaseError> {
        prop_assert_eq!(Tenths(v).to_string(), format!("{v:.1}"), "{:?}", v);
        Ok(())
    }

    #[test]
    fn every_eighth_and_every_1024th_is_written_as_std_writes_it() {
        // Every multiple of 1/8 from -200,000 to 200,000: all the ties there are at that step.
        for n in -1_600_000i64..=1_600_000 {
            same(n as f64 / 8.0)
                .map_err(|e| e.to_string())
                .expect("same text");
        }
        // Every multiple of 1/1024 from -64 to 64, the finest step of the fast path.
        for n in -65_536i64..=65_536 {
            same(n as f64 / 1024.0)
                .map_err(|e| e.to_string())
                .expect("same text");
        }
    }

    #[test]
    fn edges_are_written_as_std_writes_them() {
        let limit = FAST_BELOW;
        for v in [
            0.0,
            -0.0,
            0.05,
            -0.05,
            1.0 / 1024.0,
            -1.0 / 1024.0,
            1.0 / 2048.0,
            -1.0 / 32.0,
            limit,
            -limit,
            limit - 1.0 / 1024.0,
            -(limit - 1.0 / 1024.0),
            limit - 0.25,
            limit + 0.5,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            -f64::MIN_POSITIVE,
            f64::EPSILON,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            1e300,
            123_456_789.95,
        ] {
            same(v).map_err(|e| e.to_string()).expect("same text");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn any_number_is_written_as_std_writes_it(v in any::<f64>()) {
            same(v)?;
        }

        #[test]
        fn any_multiple_of_a_power_of_two_is_written_as_std_writes_it(
            n in -(1i64 << 52)..(1i64 << 52),
            shift in 0u32..16,
        ) {
            same(n as f64 / f64::from(1u32 << shift))?;
        }

        #[test]
        fn any_layout_sized_number_is_written_as_std_writes_it(v in -1e7f64..1e7) {
            same(v)?;
            same((v * 4.0).round() / 4.0)?;
        }
    }
}

//! Numbers with one or two decimals, as `format!("{:.1}", v)` and `format!("{:.2}", v)` write
//! them, fast for the values a layout makes. Coordinates are mostly quarters and halves, exact
//! ties between two tenths (x.25), which send std's formatter down its slow exact path
//! (big-number arithmetic): a fifth of the time of painting 100,000 roles went there. Box
//! widths in DOT (points / 72) are rarely ties, but std's exact path took 3% of an export too.

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
        let tenths = (v * 10.0).round_ties_even().abs() as u64;
        fixed(f, tenths, 1, v.is_sign_negative())
    }
}

/// `v` as `{:.2}` writes it, `-` on every negative number (`-0.0` included).
#[derive(Clone, Copy, Debug)]
pub struct Hundredths(pub f64);

/// Below this, `v * 100.0` is under 2^27 and within half an ulp (2^-26) of the exact product.
const HUNDREDTHS_FAST_BELOW: f64 = (1u64 << 20) as f64;
/// Farther than this from a tie between two hundredths, `v * 100.0` rounds as the exact
/// product does; a number closer to one is left to std, which rounds it exactly.
const OFF_TIE: f64 = 1e-6;

impl fmt::Display for Hundredths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        let scaled = (v * 100.0).abs();
        // NaN and the infinities fail the first test.
        if !(v.abs() < HUNDREDTHS_FAST_BELOW && (scaled.fract() - 0.5).abs() > OFF_TIE) {
            return write!(f, "{v:.2}");
        }
        fixed(f, scaled.round() as u64, 2, v.is_sign_negative())
    }
}

/// `units` of 10^-`decimals` (at most 2^44, one or two decimals) as a decimal number.
fn fixed(f: &mut fmt::Formatter<'_>, units: u64, decimals: u32, negative: bool) -> fmt::Result {
    // At most 14 digits, the point, two decimals and a sign.
    let mut text = [0u8; 20];
    let mut at = text.len();
    let scale = 10u64.pow(decimals);
    let mut fraction = units % scale;
    for _ in 0..decimals {
        at -= 1;
        text[at] = b'0' + (fraction % 10) as u8;
        fraction /= 10;
    }
    at -= 1;
    text[at] = b'.';
    at = digits_ending_at(&mut text, at, units / scale);
    if negative {
        at -= 1;
        text[at] = b'-';
    }
    // Only ASCII digits, a point and a sign were written.
    f.write_str(std::str::from_utf8(&text[at..]).map_err(|_| fmt::Error)?)
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
        prop_assert_eq!(Hundredths(v).to_string(), format!("{v:.2}"), "{:?}", v);
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
            HUNDREDTHS_FAST_BELOW,
            -HUNDREDTHS_FAST_BELOW,
            HUNDREDTHS_FAST_BELOW - 0.005,
            0.005,
            0.015,
            -0.125,
            0.004_999_999,
            1.005,
            99.995,
            999_999.994_999,
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

        /// DOT box widths: points over 72, points a sum of glyph advances and padding.
        #[test]
        fn any_box_width_in_inches_is_written_as_std_writes_it(points in 0.0f64..5000.0) {
            same(points / 72.0)?;
            same(f64::from(points as f32) / 72.0)?;
            same((points * 100.0).round() / 100.0)?;
            same((points * 1000.0).round() / 1000.0 + 0.005)?;
        }
    }
}

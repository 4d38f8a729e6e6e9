//! Numbers as readers see them: rounded half up (四舍五入) to a fixed number of decimals,
//! the same in a letter, a sheet and a CSV file. A score of 98.125 is 98.13, not the
//! 98.12 that rounding half to even would give.

/// `x` rounded half away from zero to `decimals` places. A value that prints as a
/// half (1.005, stored as 1.00499…) rounds up as it reads.
pub fn round_half_up(x: f64, decimals: u8) -> f64 {
    let scale = 10f64.powi(i32::from(decimals));
    let scaled = x * scale;
    (scaled + scaled.signum() * 1e-9).round() / scale
}

/// `x` as text with exactly `decimals` places, rounded half up.
pub fn fixed(x: f64, decimals: u8) -> String {
    format!("{:.*}", usize::from(decimals), round_half_up(x, decimals))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn halves_round_up() {
        assert_eq!(fixed(98.125, 2), "98.13");
        assert_eq!(fixed(1.005, 2), "1.01");
        assert_eq!(fixed(97.458_333_333, 2), "97.46");
        assert_eq!(fixed(-2.5, 0), "-3");
        assert_eq!(fixed(2.0, 1), "2.0");
    }

    proptest! {
        #[test]
        fn rounding_moves_a_value_by_at_most_half_a_unit(x in -1000.0f64..1000.0, d in 0u8..4) {
            let unit = 10f64.powi(-i32::from(d));
            prop_assert!((round_half_up(x, d) - x).abs() <= unit / 2.0 + 1e-9);
            prop_assert_eq!(fixed(x, d).parse::<f64>().unwrap(), round_half_up(x, d));
        }
    }
}

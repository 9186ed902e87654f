//! RFC 3339 date-times, read by hand (days since the epoch, no date crate: the WebAssembly build
//! stays small). Only what the token rules need: parse, compare, add seconds.

use crate::structure::Format;
use crate::text::clip;

/// An instant, as nanoseconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Instant(i128);

const NANOS: i128 = 1_000_000_000;

impl Instant {
    /// Reads an RFC 3339 date-time (`2024-01-31T12:00:00Z`, `2024-01-31T13:00:00.5+01:00`). A leap
    /// second (`:60`) is read as the first second of the next minute. The error names what is wrong,
    /// quoting the text (times are not secrets).
    pub fn parse(s: &str) -> Result<Instant, String> {
        if !Format::DateTime.matches(s) {
            return Err(format!("`{}` is not {}", clip(s), Format::DateTime.name()));
        }
        let b = s.as_bytes();
        let num =
            |r: std::ops::Range<usize>| b[r].iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0'));
        let (year, month, day) = (num(0..4), num(5..7), num(8..10));
        let (hour, minute, second) = (num(11..13), num(14..16), num(17..19));
        let bad = |what: String| Err(format!("`{}` is not a real date-time: {what}", clip(s)));
        if !(1..=12).contains(&month) {
            return bad(format!("month {month} does not exist"));
        }
        if day < 1 || day > days_in_month(year, month) {
            return bad(format!(
                "day {day} does not exist in month {month} of {year}"
            ));
        }
        if hour > 23 || minute > 59 || second > 60 {
            return bad(format!(
                "{hour:02}:{minute:02}:{second:02} is not a time of day"
            ));
        }
        let mut i = 19;
        let mut nanos = 0i128;
        if b[i] == b'.' {
            i += 1;
            let mut scale = NANOS / 10;
            while i < b.len() && b[i].is_ascii_digit() {
                nanos += i128::from(b[i] - b'0') * scale;
                scale /= 10;
                i += 1;
            }
        }
        let offset = match b[i] {
            b'Z' | b'z' => 0,
            sign => {
                let (oh, om) = (num(i + 1..i + 3), num(i + 4..i + 6));
                if oh > 23 || om > 59 {
                    return bad(format!("the offset {} is not a time offset", &s[i..]));
                }
                let o = oh * 3600 + om * 60;
                if sign == b'-' { -o } else { o }
            }
        };
        let seconds =
            days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
                - offset;
        Ok(Instant(i128::from(seconds) * NANOS + nanos))
    }

    /// This instant moved by `seconds` (negative moves back).
    pub fn plus_seconds(self, seconds: f64) -> Instant {
        Instant(self.0 + (seconds * 1e9) as i128)
    }

    /// `self - earlier` in seconds.
    pub fn seconds_since(self, earlier: Instant) -> f64 {
        (self.0 - earlier.0) as f64 / 1e9
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: &str) -> i128 {
        Instant::parse(s).expect("valid").0 / NANOS
    }

    #[test]
    fn reads_rfc3339() {
        assert_eq!(secs("1970-01-01T00:00:00Z"), 0);
        assert_eq!(secs("2000-03-01T00:00:00Z"), 951_868_800);
        assert_eq!(secs("2024-02-29T12:00:00Z"), 1_709_208_000);
        assert_eq!(secs("2024-02-29T13:30:00+01:30"), 1_709_208_000);
        assert_eq!(secs("2024-02-29t07:00:00-05:00"), 1_709_208_000);
        assert_eq!(secs("1969-12-31T23:59:59Z"), -1);
        assert_eq!(secs("2016-12-31T23:59:60Z"), secs("2017-01-01T00:00:00Z"));
        assert_eq!(
            Instant::parse("2024-01-01T00:00:00.25Z").unwrap().0 % NANOS,
            250_000_000
        );
        assert_eq!(
            Instant::parse("2024-01-01T00:00:00.1234567891Z").unwrap().0 % NANOS,
            123_456_789
        );
    }

    #[test]
    fn rejects_what_is_not_a_time() {
        for bad in [
            "2023-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-00-01T00:00:00Z",
            "2024-04-31T00:00:00Z",
            "2024-01-01T24:00:00Z",
            "2024-01-01T00:60:00Z",
            "2024-01-01T00:00:61Z",
            "2024-01-01T00:00:00+24:00",
            "2024-01-01 00:00:00Z",
            "2024-01-01T00:00:00",
            "1700000000",
            "",
            "2024-01-01T00:00:00.Z",
        ] {
            let e = Instant::parse(bad).expect_err(bad);
            assert!(e.contains("date-time"), "{e}");
        }
        assert!(Instant::parse("2000-02-29T00:00:00Z").is_ok());
    }

    #[test]
    fn arithmetic() {
        let a = Instant::parse("2024-01-01T00:00:00Z").unwrap();
        let b = a.plus_seconds(3600.0);
        assert_eq!(b, Instant::parse("2024-01-01T01:00:00Z").unwrap());
        assert_eq!(b.seconds_since(a), 3600.0);
        assert!(a < b);
    }
}

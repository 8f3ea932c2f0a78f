//! Dates in Vietnam's time zone (UTC+7, no daylight saving), without a date crate.
//!
//! Articles carry RFC 3339 times with an offset. Readers anywhere see the
//! date and time as it was in Vietnam, so the app never uses the browser's zone.

/// Vietnam's offset from UTC, in seconds.
pub const VN_OFFSET_SECS: i64 = 7 * 3600;

/// A wall-clock time in Vietnam.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct VnDateTime {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

impl VnDateTime {
    /// The moment an RFC 3339 string names, seen in Vietnam.
    pub fn parse(rfc3339: &str) -> Option<Self> {
        parse_rfc3339(rfc3339).map(Self::from_unix)
    }

    /// A Unix time (seconds) seen in Vietnam.
    pub fn from_unix(secs: i64) -> Self {
        let local = secs + VN_OFFSET_SECS;
        let days = local.div_euclid(86_400);
        let rem = local.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        VnDateTime {
            year,
            month,
            day,
            hour: (rem / 3600) as u32,
            minute: (rem % 3600 / 60) as u32,
            second: (rem % 60) as u32,
        }
    }

    /// Seconds since the Unix epoch.
    pub fn to_unix(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day) * 86_400
            + i64::from(self.hour * 3600 + self.minute * 60 + self.second)
            - VN_OFFSET_SECS
    }

    /// `dd/mm/yyyy`, as Vietnamese portals write dates.
    pub fn date(&self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }

    /// `HH:MM`, 24-hour.
    pub fn time(&self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }

    /// RFC 3339 with the `+07:00` offset, as the contract stores times.
    pub fn to_rfc3339(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+07:00",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

/// `dd/mm/yyyy` in Vietnam for an RFC 3339 time, or `None` when it does not parse.
pub fn format_date(rfc3339: &str) -> Option<String> {
    VnDateTime::parse(rfc3339).map(|d| d.date())
}

/// English month names, for dates in English.
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl VnDateTime {
    /// The day in `lang`: `dd/mm/yyyy` in Vietnamese, "23 January 2024" in English.
    pub fn date_in(&self, lang: crate::strings::Lang) -> String {
        match lang {
            crate::strings::Lang::Vi => self.date(),
            crate::strings::Lang::En => {
                let name = MONTHS_EN
                    .get(self.month.wrapping_sub(1) as usize)
                    .unwrap_or(&"");
                format!("{} {name} {}", self.day, self.year)
            }
        }
    }
}

/// The day in Vietnam of an RFC 3339 time, in `lang` (see
/// [`VnDateTime::date_in`]), or `None` when it does not parse.
pub fn format_date_in(lang: crate::strings::Lang, rfc3339: &str) -> Option<String> {
    VnDateTime::parse(rfc3339).map(|d| d.date_in(lang))
}

/// `dd/mm/yyyy HH:MM` in Vietnam for an RFC 3339 time.
pub fn format_date_time(rfc3339: &str) -> Option<String> {
    VnDateTime::parse(rfc3339).map(|d| format!("{} {}", d.date(), d.time()))
}

/// Parses `YYYY-MM-DDTHH:MM[:SS[.frac]](Z|±HH:MM)` into Unix seconds.
/// A space may stand for `T`; the offset is required (times without a zone are ambiguous).
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 17 {
        return None;
    }
    let num = |from: usize, len: usize| -> Option<u32> {
        let part = s.get(from..from + len)?;
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    let year = num(0, 4)? as i32;
    if b[4] != b'-' || b[7] != b'-' || !(b[10] == b'T' || b[10] == b't' || b[10] == b' ') {
        return None;
    }
    let month = num(5, 2)?;
    let day = num(8, 2)?;
    if b[13] != b':' {
        return None;
    }
    let hour = num(11, 2)?;
    let minute = num(14, 2)?;
    let mut i = 16;
    let mut second = 0;
    if b.get(i) == Some(&b':') {
        second = num(i + 1, 2)?;
        i += 3;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == start {
                return None;
            }
        }
    }
    let offset = match b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if i + 6 == b.len() && b[i + 3] == b':' => {
            let (oh, om) = (num(i + 1, 2)?, num(i + 4, 2)?);
            if oh > 23 || om > 59 {
                return None;
            }
            let o = i64::from(oh * 3600 + om * 60);
            if *sign == b'-' {
                -o
            } else {
                o
            }
        }
        _ => return None,
    };
    if !(1..=12).contains(&month)
        || day == 0
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let secs = days_from_civil(year, month, day) * 86_400
        + i64::from(hour * 3600 + minute * 60 + second.min(59));
    Some(secs - offset)
}

/// Days in a month of the proleptic Gregorian calendar.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days.
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((y + i64::from(m <= 2)) as i32, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_in_each_language() {
        use crate::strings::Lang;
        let t = "2024-12-31T17:00:00Z";
        assert_eq!(format_date_in(Lang::Vi, t).as_deref(), Some("01/01/2025"));
        assert_eq!(
            format_date_in(Lang::En, t).as_deref(),
            Some("1 January 2025")
        );
        assert_eq!(
            format_date_in(Lang::En, "2024-01-23T08:00:00+07:00").as_deref(),
            Some("23 January 2024")
        );
        assert_eq!(format_date_in(Lang::En, "hôm qua"), None);
    }

    #[test]
    fn vietnam_time_whatever_the_offset() {
        // The same instant written in three zones is one Vietnamese wall-clock time.
        for s in [
            "2024-01-23T08:30:00+07:00",
            "2024-01-23T01:30:00Z",
            "2024-01-22T20:30:00-05:00",
            "2024-01-23T10:30:00.250+09:00",
        ] {
            let d = VnDateTime::parse(s).unwrap();
            assert_eq!(d.date(), "23/01/2024", "{s}");
            assert_eq!(d.time(), "08:30", "{s}");
        }
    }

    #[test]
    fn crosses_day_month_and_year_boundaries() {
        assert_eq!(
            format_date_time("2023-12-31T17:05:00Z").as_deref(),
            Some("01/01/2024 00:05")
        );
        assert_eq!(
            format_date_time("2024-02-28T20:00:00+00:00").as_deref(),
            Some("29/02/2024 03:00")
        );
        assert_eq!(
            format_date_time("2024-03-01T00:10:00+07:00").as_deref(),
            Some("01/03/2024 00:10")
        );
    }

    #[test]
    fn refuses_broken_dates() {
        for s in [
            "",
            "23/01/2024",
            "2024-01-23",
            "2024-01-23T08:30:00",
            "2024-13-01T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2024-01-32T00:00:00Z",
            "2024-01-23T24:00:00Z",
            "2024-01-23T08:30:00+7:00",
            "2024-01-23T08:30:00+07:00x",
            "２０２４-01-23T08:30:00Z",
        ] {
            assert!(parse_rfc3339(s).is_none(), "{s:?} should not parse");
        }
    }

    #[test]
    fn round_trip() {
        let d = VnDateTime::parse("2025-06-30T23:59:59+07:00").unwrap();
        assert_eq!(d.to_rfc3339(), "2025-06-30T23:59:59+07:00");
        assert_eq!(VnDateTime::from_unix(d.to_unix()), d);
        assert_eq!(parse_rfc3339("1970-01-01T07:00:00+07:00"), Some(0));
    }
}

// FEEL dates, times and durations, and the arithmetic the statutory clocks and ages need.
import FEEL
import Testing

@Suite("FEEL dates and durations")
struct DateTests {
    @Test("an age is the whole years between a birth date and a day")
    func ages() {
        #expect(feel("years and months duration(date(\"2018-04-09\"), date(\"2026-01-15\")).years") == 7)
        #expect(feel("years and months duration(date(\"2018-04-09\"), date(\"2026-04-09\")).years") == 8)
        #expect(feel("years and months duration(date(\"2018-04-09\"), date(\"2026-04-08\")).years") == 7)
    }

    @Test("dates move by durations and subtract to days")
    func arithmetic() {
        #expect(feel("date(\"2026-01-31\") + duration(\"P1M\")") == date("2026-02-28"))
        #expect(feel("date(\"2025-12-01\") + duration(\"P45D\")") == date("2026-01-15"))
        #expect(feel("date(\"2026-02-05\") - date(\"2025-12-01\")") == .daysTime(FEELDaysTimeDuration(days: 66)!))
        #expect(feel("@\"2026-01-15\" < @\"2026-01-16\"") == .true)
        #expect(feel("date(2026, 2, 30)") == .null)
    }

    @Test("durations read and print in ISO 8601")
    func durations() {
        #expect(feel("duration(\"P1Y2M\")").description == "duration(\"P1Y2M\")")
        #expect(feel("duration(\"P1DT2H\") + duration(\"PT30M\")").description == "duration(\"P1DT2H30M\")")
        #expect(feel("duration(\"P1Y\") = duration(\"P12M\")") == .true)
        #expect(feel("duration(\"P1Y1D\")") == .null)
        #expect(feel("duration(\"P2Y\") / 2").description == "duration(\"P1Y\")")
    }

    @Test("times and dates and times, with and without zones")
    func times() {
        #expect(feel("time(\"10:30:00\").hour") == 10)
        #expect(feel("date and time(\"2026-01-15T10:30:00Z\") = date and time(\"2026-01-15T11:30:00+01:00\")") == .true)
        #expect(feel("date and time(\"2026-01-15T23:00:00\") + duration(\"PT2H\")") == .dateTime(FEELDateTime(iso: "2026-01-16T01:00:00")!))
        #expect(feel("time(\"25:00:00\")") == .null)
    }

    @Test("calendar names and parts")
    func parts() {
        #expect(feel("day of week(date(\"2025-12-01\"))") == "Monday")
        #expect(feel("month of year(date(\"2025-12-01\"))") == "December")
        #expect(feel("date(\"2025-12-01\").weekday") == 1)
        #expect(feel("week of year(date(\"2021-01-03\"))") == 53)
        #expect(feel("day of year(date(\"2026-02-01\"))") == 32)
    }
}

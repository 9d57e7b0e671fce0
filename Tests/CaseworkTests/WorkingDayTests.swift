// Working days: the statutory clock, day 0, bank holidays and the end of the known list.
import Casework
import Store
import Testing

@Suite("Working days")
struct WorkingDayTests {
    let calendar = WorkingDayCalendar.englandAndWales

    @Test("a referral on 2025-12-01 has its 45-working-day deadline on 2026-02-05")
    func deadlineFixture() {
        let deadline = calendar.deadline(.childInNeedAssessment, from: day("2025-12-01"))
        #expect(deadline.date == day("2026-02-05"))
        #expect(!deadline.assumesNoBankHolidays)
    }

    @Test("the referral day is day 0: one working day after a Monday is the Tuesday")
    func dayZero() {
        #expect(calendar.adding(workingDays: 0, to: day("2025-12-01")) == day("2025-12-01"))
        #expect(calendar.adding(workingDays: 1, to: day("2025-12-01")) == day("2025-12-02"))
        #expect(calendar.workingDays(from: day("2025-12-01"), to: day("2026-02-05")) == 45)
    }

    @Test("a referral on a Saturday counts from the Monday")
    func weekendReferral() {
        #expect(calendar.adding(workingDays: 1, to: day("2025-11-29")) == day("2025-12-01"))
    }

    @Test("Christmas Day, Boxing Day and New Year's Day are skipped")
    func christmas() {
        // Wednesday 24 December 2025: the next working day is Monday 29th (25, 26 holidays; 27, 28 weekend).
        #expect(calendar.adding(workingDays: 1, to: day("2025-12-24")) == day("2025-12-29"))
        #expect(calendar.adding(workingDays: 3, to: day("2025-12-29")) == day("2026-01-02"))
        #expect(!calendar.isWorkingDay(day("2026-01-01")))
    }

    @Test("a substitute day is skipped when Christmas falls at a weekend")
    func substituteDays() {
        // 2026: 25 December is a Friday, Boxing Day Saturday, so Monday 28th is the substitute holiday.
        #expect(calendar.adding(workingDays: 1, to: day("2026-12-24")) == day("2026-12-29"))
    }

    @Test("Good Friday and Easter Monday are skipped")
    func easter() {
        // Easter 2026: Good Friday 3 April, Easter Monday 6 April.
        #expect(calendar.adding(workingDays: 1, to: day("2026-04-02")) == day("2026-04-07"))
        #expect(calendar.workingDays(from: day("2026-03-30"), to: day("2026-04-10")) == 7)
    }

    @Test("past the last year of known bank holidays only weekends are skipped, and the deadline says so")
    func beyondTheList() {
        #expect(calendar.knowsBankHolidays(through: day("2028-12-31")))
        #expect(!calendar.knowsBankHolidays(through: day("2029-01-01")))
        let deadline = calendar.deadline(.childInNeedAssessment, from: day("2028-12-01"))
        #expect(deadline.assumesNoBankHolidays)
        // 2029-01-01 is a Monday and would be a bank holiday, but the list does not know it.
        #expect(calendar.isWorkingDay(day("2029-01-01")))
        #expect(calendar.adding(workingDays: 1, to: day("2029-06-08")) == day("2029-06-11"))
    }

    @Test("EHC social care advice is due six calendar weeks after the request")
    func sixWeeks() {
        #expect(calendar.deadline(.ehcSocialCareAdvice, from: day("2025-12-01")).date == day("2026-01-12"))
    }

    @Test("the bundled list covers 2024 to 2028")
    func coverage() {
        #expect(BankHolidays.englandAndWales.coveredYears == 2024...2028)
        #expect(BankHolidays.englandAndWales.dates.contains(day("2027-03-26")))
    }

    @Test("a bank-holiday file with a bad date names the line")
    func badFile() {
        #expect(throws: BankHolidayFileError.self) { try BankHolidays(csv: "date,title,notes\n2025-12-25,Christmas,\n25/12/2026,Christmas,\n") }
        do {
            _ = try BankHolidays(csv: "date,title\n2025-13-01,Nonsense\n", source: "holidays.csv")
        } catch {
            #expect(error.description.hasPrefix("holidays.csv:2:"))
        }
    }

    @Test("calendar dates read and write ISO text and know leap years")
    func dates() {
        #expect(CalendarDate(iso: "2028-02-29") != nil)
        #expect(CalendarDate(iso: "2026-02-29") == nil)
        #expect(CalendarDate(iso: "2026-2-1") == nil)
        #expect(day("2026-02-05").description == "2026-02-05")
        #expect(day("2026-02-05").weekday == 4)
        #expect(day("2025-01-31").adding(months: 1) == day("2025-02-28"))
        #expect(day("2026-03-15").adding(months: -12) == day("2025-03-15"))
    }
}

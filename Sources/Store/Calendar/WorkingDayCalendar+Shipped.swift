// The England and Wales bank holidays shipped with Heeded: the GOV.UK-derived CSV bundled with the Store, read once.
import Casework
import Foundation

extension BankHolidays {
    /// The list shipped with Heeded (`Resources/bank-holidays-england-and-wales.csv`, 2024–2028). Casework parses
    /// it; reading the file is the Store's, the first module allowed to touch the disk.
    public static let englandAndWales: BankHolidays = {
        guard let url = Bundle.module.url(forResource: "bank-holidays-england-and-wales", withExtension: "csv"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else {
            preconditionFailure("the Store's bundled bank-holidays-england-and-wales.csv is missing from the build")
        }
        do {
            return try BankHolidays(csv: text, source: url.lastPathComponent)
        } catch {
            preconditionFailure("\(error)")
        }
    }()
}

extension WorkingDayCalendar {
    /// England and Wales, from the list shipped with Heeded.
    public static let englandAndWales = WorkingDayCalendar(bankHolidays: .englandAndWales)
}

// Printing report rows as an aligned table, CSV (RFC 4180) or JSON, written in large chunks to standard output.
import Casework
import Foundation

enum ReportOutput {
    struct Column<Row>: Sendable {
        let title: String
        let value: @Sendable (Row) -> String
    }

    static let unmetColumns: [Column<UnmetNeed>] = [
        Column(title: "case") { $0.caseReference },
        Column(title: "child") { $0.childName },
        Column(title: "team") { $0.team.rawValue },
        Column(title: "kind") { $0.kind.rawValue },
        Column(title: "area") { $0.area.rawValue },
        Column(title: "service") { $0.service?.rawValue ?? "" },
        Column(title: "legal basis") { $0.legalBasis?.rawValue ?? "" },
        Column(title: "due") { $0.unitsDue.map(number) ?? "" },
        Column(title: "delivered") { $0.unitsDelivered.map(number) ?? "" },
        Column(title: "shortfall") { row in row.shortfall.map { "\(number($0)) \(row.unit?.countedThing ?? "")" } ?? "" },
        Column(title: "missed by cause") { row in
            guard let missed = row.missed else { return "" }
            return ShortfallCause.allCases.filter { missed[$0] >= 0.05 }.map { "\($0.rawValue) \(number(missed[$0]))" }.joined(separator: "; ")
        },
        Column(title: "missed by month") { row in row.missedByMonth.map { "\($0.month.description.prefix(7)) \(number($0.units))" }.joined(separator: "; ") },
        Column(title: "unmet since") { $0.unmetSince.description },
        Column(title: "days") { String($0.daysUnmet) },
        Column(title: "reason") { $0.reason },
    ]

    static let overdueColumns: [Column<OverdueWork>] = [
        Column(title: "case") { $0.caseReference },
        Column(title: "child") { $0.childName },
        Column(title: "team") { $0.team.rawValue },
        Column(title: "kind") { $0.kind.rawValue },
        Column(title: "what") { $0.what },
        Column(title: "due") { $0.dueOn.description },
        Column(title: "working days overdue") { String($0.workingDaysOverdue) },
    ]

    /// A whole number as it is; anything else to one decimal place (`12.5`), without a trip through `String(format:)`.
    static func number(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return sign + String(abs(tenths) / 10) + "." + String(abs(tenths) % 10)
    }

    static func write<Row: Encodable & Sendable>(_ rows: [Row], format: ReportFormat, columns: [Column<Row>]) async {
        var output = OutputBuffer()
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            output.append("[")
            for (index, row) in rows.enumerated() {
                output.append(index == 0 ? "\n" : ",\n")
                output.append(String(decoding: (try? encoder.encode(row)) ?? Data("null".utf8), as: UTF8.self))
            }
            output.append(rows.isEmpty ? "]\n" : "\n]\n")
        case .csv:
            func line(_ values: [String]) {
                for (index, value) in values.enumerated() {
                    if index > 0 { output.append(",") }
                    output.append(csv(value))
                }
                output.append("\r\n")
            }
            line(columns.map(\.title))
            for row in rows { line(columns.map { $0.value(row) }) }
        case .table:
            // The widths need every row before the first line is written, and a county's report has a million
            // cells: each half of the rows is made into cells on its own core, into one byte buffer per half.
            let middle = rows.count / 2
            async let firstHalf = TableCells(rows[..<middle], columns: columns)
            let secondHalf = TableCells(rows[middle...], columns: columns)
            let first = await firstHalf
            let titles = TableCells(titlesOf: columns)
            let widths = titles.widths.indices.map { max(titles.widths[$0], first.widths[$0], secondHalf.widths[$0]) }
            titles.write(to: &output, widths: widths)
            first.write(to: &output, widths: widths)
            secondHalf.write(to: &output, widths: widths)
        }
        output.flush()
    }

    static func csv(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        var quoted: [UInt8] = [0x22]
        for byte in text.utf8 {
            quoted.append(byte)
            if byte == 0x22 { quoted.append(0x22) }
        }
        quoted.append(0x22)
        return String(decoding: quoted, as: UTF8.self)
    }
}

/// Some rows of a table as cells, one after another in one byte buffer, and each column's widest cell.
struct TableCells: Sendable {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private(set) var widths: [Int]

    init<Row>(_ rows: ArraySlice<Row>, columns: [ReportOutput.Column<Row>]) {
        widths = Array(repeating: 0, count: columns.count)
        ends.reserveCapacity(rows.count * columns.count)
        for row in rows { for column in columns { append(column.value(row)) } }
    }

    init<Row>(titlesOf columns: [ReportOutput.Column<Row>]) {
        widths = Array(repeating: 0, count: columns.count)
        for column in columns { append(column.title) }
    }

    private mutating func append(_ cell: String) {
        let start = bytes.count
        bytes.append(contentsOf: cell.utf8)
        let column = ends.count % widths.count
        widths[column] = max(widths[column], Self.width(of: bytes[start...]))
        ends.append(bytes.count)
    }

    /// Each row on its own line, each column padded to `widths` and two spaces from the next, the last unpadded.
    func write(to output: inout OutputBuffer, widths: [Int]) {
        var start = 0
        for (index, end) in ends.enumerated() {
            let column = index % widths.count
            let cell = bytes[start..<end]
            output.append(bytes: cell)
            if column < widths.count - 1 {
                output.append(spaces: widths[column] - Self.width(of: cell) + 2)
            } else {
                output.append(bytes: CollectionOfOne(UInt8(ascii: "\n")))
            }
            start = end
        }
    }

    /// Width in Unicode scalars (every byte but UTF-8's continuation bytes): exact for the names and codes these
    /// reports hold.
    private static func width(of cell: ArraySlice<UInt8>) -> Int {
        cell.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }
}

/// Collects output and writes it in 64 KB pieces: a report of 100,000 lines should not make 100,000 system calls.
struct OutputBuffer {
    private var bytes: [UInt8] = []

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        if bytes.count >= 65_536 { flush() }
    }

    mutating func append(bytes more: some Collection<UInt8>) {
        bytes.append(contentsOf: more)
        if bytes.count >= 65_536 { flush() }
    }

    mutating func append(spaces count: Int) {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: max(0, count)))
    }

    mutating func flush() {
        guard !bytes.isEmpty else { return }
        FileHandle.standardOutput.write(Data(bytes))
        bytes.removeAll(keepingCapacity: true)
    }
}

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

    static func write<Row: Encodable>(_ rows: [Row], format: ReportFormat, columns: [Column<Row>]) {
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
            let cells = rows.map { row in columns.map { $0.value(row) } }
            // Widths in Unicode scalars: exact for the names and codes these reports hold, and cheap to count.
            var widths = columns.map(\.title.unicodeScalars.count)
            for line in cells { for (index, cell) in line.enumerated() { widths[index] = max(widths[index], cell.unicodeScalars.count) } }
            func line(_ values: [String]) {
                for (index, value) in values.enumerated() {
                    output.append(value)
                    if index < values.count - 1 {
                        output.append(spaces: widths[index] - value.unicodeScalars.count + 2)
                    }
                }
                output.append("\n")
            }
            line(columns.map(\.title))
            for values in cells { line(values) }
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

/// Collects output and writes it in 64 KB pieces: a report of 100,000 lines should not make 100,000 system calls.
struct OutputBuffer {
    private var bytes: [UInt8] = []

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
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

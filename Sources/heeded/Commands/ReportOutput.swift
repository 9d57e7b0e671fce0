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

    static func number(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(format: "%.1f", value)
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
            output.append(columns.map { csv($0.title) }.joined(separator: ",") + "\r\n")
            for row in rows { output.append(columns.map { csv($0.value(row)) }.joined(separator: ",") + "\r\n") }
        case .table:
            let cells = rows.map { row in columns.map { $0.value(row) } }
            var widths = columns.map(\.title.count)
            for line in cells { for (index, cell) in line.enumerated() { widths[index] = max(widths[index], cell.count) } }
            func line(_ values: [String]) -> String {
                values.enumerated().map { index, value in
                    index == values.count - 1 ? value : value.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                }.joined(separator: "  ") + "\n"
            }
            output.append(line(columns.map(\.title)))
            for values in cells { output.append(line(values)) }
        }
        output.flush()
    }

    static func csv(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Collects output and writes it in 64 KB pieces: a report of 100,000 lines should not make 100,000 system calls.
struct OutputBuffer {
    private var bytes: [UInt8] = []

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        if bytes.count >= 65_536 { flush() }
    }

    mutating func flush() {
        guard !bytes.isEmpty else { return }
        FileHandle.standardOutput.write(Data(bytes))
        bytes.removeAll(keepingCapacity: true)
    }
}

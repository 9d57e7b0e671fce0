// The plain-text outline of a form that `heeded forms show` prints.
import Forms

struct FormOutline {
    let form: FormDefinition
    let library: FormLibrary

    var text: String {
        var lines = [
            "\(form.title)",
            "id \(form.id), version \(form.version), for \(form.audience.rawValue); legal basis: \(form.legalBasis)",
        ]
        for section in form.sections {
            lines.append("")
            lines.append("[\(section.id)] \(section.title)" + (section.relevant.map { "  (asked when \($0.source))" } ?? ""))
            for field in section.fields { lines += describe(field, indent: "  ") }
        }
        if !form.bindings.isEmpty {
            lines.append("")
            lines.append("Request facts")
            for binding in form.bindings { lines.append("  \(binding.fact) = \(binding.expression.source)") }
        }
        return lines.joined(separator: "\n")
    }

    private func describe(_ field: Field, indent: String) -> [String] {
        var line = "\(indent)\(field.id): \(field.kind.name)\(field.required ? ", required" : "") \"\(field.label)\""
        switch field.kind {
        case .number(let min, let max, let integer, let unit):
            let range = [min.map { "min \($0)" }, max.map { "max \($0)" }, integer ? "whole" : nil, unit].compactMap { $0 }
            if !range.isEmpty { line += " [\(range.joined(separator: ", "))]" }
        case .computed(let expression):
            line += " = \(expression.source)"
        case .code(let list, _, let options) where options.isEmpty:
            let count = library.codeList(list, in: form)?.codes.count ?? 0
            line += " from \(list) (\(count) codes)"
        default:
            break
        }
        var lines = [line]
        if !field.options.isEmpty {
            lines.append("\(indent)    options: " + field.options.map { "\($0.value)" }.joined(separator: " | "))
        }
        if let relevant = field.relevant { lines.append("\(indent)    asked when: \(relevant.source)") }
        for constraint in field.constraints { lines.append("\(indent)    must hold: \(constraint.test.source)  (\"\(constraint.message)\")") }
        for child in field.childFields { lines += describe(child, indent: indent + "    ") }
        return lines
    }
}

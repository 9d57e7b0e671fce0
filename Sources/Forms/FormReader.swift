// Turns a schema-valid XML element tree into typed form definitions and code lists, noting every problem.
import FEEL
import Foundation
import HeededXML

/// Reads one file's elements. The XSD has already checked structure, so this reads values and compiles
/// expressions; what only a whole library can check (references, uniqueness across files) is in
/// `FormChecks`.
struct FormReader {
    private(set) var problems: [XMLProblem] = []
    /// The layout of the form being read; expressions are compiled against it.
    private var layout = FormLayout(fieldIDs: [])

    mutating func form(from root: XMLElement) -> FormDefinition {
        layout = FormLayout(fieldIDs: FormLayout.fieldIDs(of: root))
        let localLists = root.children(named: "codelist").map(codeList)
        var sections: [Section] = []
        for section in root.children(named: "section") {
            sections.append(Section(
                id: section.attribute("id") ?? "",
                title: section.attribute("title") ?? "",
                intro: section.child(named: "intro").map { normalised($0.text) },
                relevant: expression(section, attribute: "relevant"),
                fields: fields(in: section),
                location: section.location))
        }
        var bindings: [Binding] = []
        for bind in root.child(named: "bindings")?.children(named: "bind") ?? [] {
            if let compiled = expression(bind, attribute: "expr") {
                bindings.append(Binding(fact: bind.attribute("fact") ?? "", expression: compiled))
            }
        }
        return FormDefinition(
            id: root.attribute("id") ?? "",
            version: Int(root.attribute("version") ?? "") ?? 0,
            title: root.attribute("title") ?? "",
            audience: FormDefinition.Audience(rawValue: root.attribute("audience") ?? "") ?? .practitioner,
            legalBasis: root.attribute("legal-basis") ?? "",
            summary: root.child(named: "summary").map { normalised($0.text) },
            sections: sections,
            bindings: bindings,
            localCodeLists: localLists,
            location: root.location,
            layout: layout)
    }

    func codeList(_ element: XMLElement) -> CodeList {
        CodeList(
            id: element.attribute("id") ?? "",
            title: element.attribute("title") ?? "",
            source: element.attribute("source"),
            codes: element.children(named: "code").map(option),
            location: element.location)
    }

    private mutating func fields(in parent: XMLElement) -> [Field] {
        var fields: [Field] = []
        for element in parent.children where Self.fieldElements.contains(element.name) {
            fields.append(field(element))
        }
        return fields
    }

    static let fieldElements: Set<String> = [
        "text", "long-text", "yes-no", "yes-no-unsure", "choice", "multi-choice", "scale", "number", "date",
        "code", "computed", "repeat",
    ]

    private mutating func field(_ element: XMLElement) -> Field {
        let options = element.children(named: "option").map(option)
        let kind: Field.Kind
        switch element.name {
        case "text": kind = .text(maxLength: integer(element, "max-length"), input: element.attribute("input"))
        case "long-text": kind = .longText(maxLength: integer(element, "max-length"))
        case "yes-no": kind = .yesNo
        case "yes-no-unsure": kind = .yesNoUnsure
        case "choice": kind = .choice(options)
        case "multi-choice": kind = .multiChoice(options)
        case "scale": kind = .scale(options)
        case "number":
            kind = .number(
                min: decimal(element, "min"), max: decimal(element, "max"),
                integer: element.attribute("integer") == "true", unit: element.attribute("unit"))
        case "date": kind = .date(notFuture: element.attribute("not-future") == "true")
        case "code":
            kind = .code(list: element.attribute("list") ?? "", multiple: element.attribute("multiple") == "true", options: options)
        case "computed":
            if let compiled = expression(element, attribute: "expr") {
                kind = .computed(compiled)
            } else {
                kind = .computed(FormExpression(source: "null", compiled: Self.null, location: element.location))
            }
        case "repeat":
            kind = .repeat(min: integer(element, "min"), max: integer(element, "max"), fields: fields(in: element))
        default:
            preconditionFailure("FormReader.field called with <\(element.name)>, which is not a field element")
        }
        var constraints: [Constraint] = []
        for constraint in element.children(named: "constraint") {
            if let test = expression(constraint, attribute: "test") {
                constraints.append(Constraint(test: test, message: normalised(constraint.text)))
            }
        }
        return Field(
            id: element.attribute("id") ?? "",
            label: element.child(named: "label").map { normalised($0.text) } ?? "",
            hint: element.child(named: "hint").map { normalised($0.text) },
            help: element.child(named: "help").map { normalised($0.text) },
            kind: kind,
            required: element.attribute("required") == "true",
            relevant: expression(element, attribute: "relevant"),
            constraints: constraints,
            location: element.location,
            slot: layout.slot(of: element.attribute("id") ?? "") ?? 0)
    }

    private static let null = try! FEELExpression(parsing: "null")

    private func option(_ element: XMLElement) -> AnswerOption {
        AnswerOption(
            value: element.attribute("value") ?? "",
            label: normalised(element.text),
            exclusive: element.attribute("exclusive") == "true")
    }

    /// Compiles an expression attribute, reporting a syntax error at the attribute's place.
    private mutating func expression(_ element: XMLElement, attribute name: String) -> FormExpression? {
        guard let source = element.attribute(name) else { return nil }
        let location = element.location(ofAttribute: name)
        do {
            let compiled = try FEELExpression(parsing: source, layout: layout.feel)
            // FEEL evaluates a call it cannot make as null; in a form definition that is a mistake to report.
            for problem in compiled.problems {
                problems.append(XMLProblem(at: location,
                    "\(name)=\"\(source)\": \(problem.message) (at character \(problem.offset + 1))"))
            }
            return FormExpression(source: source, compiled: compiled, location: location)
        } catch {
            problems.append(XMLProblem(at: location,
                "\(name)=\"\(source)\" is not a valid expression: \(error.message) (at character \(error.offset + 1))"))
            return nil
        }
    }

    private func integer(_ element: XMLElement, _ name: String) -> Int? { element.attribute(name).flatMap { Int($0) } }
    private func decimal(_ element: XMLElement, _ name: String) -> FEELNumber? {
        element.attribute(name).flatMap { FEELNumber($0) }
    }

    /// Labels and help are written across several lines in XML; shown to people, they are one paragraph.
    /// XML's white space is space, tab, carriage return and line feed; runs of it become one space.
    private func normalised(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                pendingSpace = !bytes.isEmpty
            } else {
                if pendingSpace { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

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
    /// Characters of expression compiled so far in the form being read, against `FormLimits.maxExpressionCharacters`.
    private var expressionCharacters = 0

    /// Reads a form, or notes why it cannot be and returns nil: a form over one of `FormLimits` is not read
    /// further, so nothing after it works in proportion to a hostile file's size.
    mutating func form(from root: XMLElement) -> FormDefinition? {
        let sectionElements = root.children(named: "section")
        let fieldElements = sectionElements.flatMap(Self.fieldElements(in:))
        guard withinLimits(root, sections: sectionElements, fields: fieldElements) else { return nil }
        layout = FormLayout(fieldIDs: fieldElements.compactMap { $0.attribute("id") })
        expressionCharacters = 0
        let localLists = root.children(named: "codelist").compactMap { codeList($0) }
        var sections: [Section] = []
        for section in sectionElements {
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

    /// The field elements of a section in document order, a repeat's own fields after it. The schema allows
    /// no repeat inside a repeat, so this goes two levels down and no further.
    private static func fieldElements(in section: XMLElement) -> [XMLElement] {
        var fields: [XMLElement] = []
        for field in section.children where fieldNames.contains(field.name) {
            fields.append(field)
            if field.name == "repeat" { fields += field.children.filter { fieldNames.contains($0.name) } }
        }
        return fields
    }

    /// Checks the counts of `FormLimits` (sections, questions, repeating groups), each at the first element past
    /// its limit.
    private mutating func withinLimits(_ root: XMLElement, sections: [XMLElement], fields: [XMLElement]) -> Bool {
        let name = root.attribute("id") ?? "this form"
        let repeats = fields.filter { $0.name == "repeat" }
        for (elements, limit, what) in [
            (sections, FormLimits.maxSections, "sections"), (fields, FormLimits.maxFields, "questions"),
            (repeats, FormLimits.maxRepeatGroups, "repeating groups"),
        ] where elements.count > limit {
            problems.append(XMLProblem(at: elements[limit].location,
                "form \"\(name)\" has more than \(limit) \(what); the limit is \(limit)"))
            return false
        }
        return true
    }

    /// Reads a code list, or notes that it has more codes than `FormLimits.maxCodes` and returns nil.
    mutating func codeList(_ element: XMLElement) -> CodeList? {
        let codes = element.children(named: "code")
        guard withinCodeLimit(codes, of: "code list \"\(element.attribute("id") ?? "")\"", what: "codes") else { return nil }
        return CodeList(
            id: element.attribute("id") ?? "",
            title: element.attribute("title") ?? "",
            source: element.attribute("source"),
            codes: codes.map(option),
            location: element.location)
    }

    private mutating func withinCodeLimit(_ elements: [XMLElement], of owner: String, what: String) -> Bool {
        guard elements.count > FormLimits.maxCodes else { return true }
        problems.append(XMLProblem(at: elements[FormLimits.maxCodes].location,
            "\(owner) has more than \(FormLimits.maxCodes) \(what); the limit is \(FormLimits.maxCodes)"))
        return false
    }

    /// The questions of a section, or of a repeating group (whose own questions `field` reads through here:
    /// the schema allows no repeat inside a repeat, and `fieldElements` counted only two levels).
    private mutating func fields(in parent: XMLElement) -> [Field] {
        var fields: [Field] = []
        for element in parent.children where Self.fieldNames.contains(element.name) {
            fields.append(field(element))
        }
        return fields
    }

    static let fieldNames: Set<String> = [
        "text", "long-text", "yes-no", "yes-no-unsure", "choice", "multi-choice", "scale", "number", "date",
        "code", "computed", "repeat",
    ]

    private mutating func field(_ element: XMLElement) -> Field {
        let optionElements = element.children(named: "option")
        let id = element.attribute("id") ?? ""
        let options = withinCodeLimit(optionElements, of: "question \"\(id)\"", what: "options")
            ? optionElements.map(option) : []
        let kind: Field.Kind
        switch element.name {
        case "text":
            kind = .text(maxLength: textLength(element, default: FormLimits.shortTextLength), input: element.attribute("input"))
        case "long-text":
            kind = .longText(maxLength: textLength(element, default: FormLimits.longTextLength))
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
            kind = .repeat(min: integer(element, "min"), max: repeatItems(element), fields: fields(in: element))
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
            requiredMessage: element.attribute("required-message").map(normalised),
            relevant: expression(element, attribute: "relevant"),
            constraints: constraints,
            location: element.location,
            slot: layout.slot(of: id) ?? 0)
    }

    /// A text question's `max-length`, or the default for its kind; more than `FormLimits.maxTextLength` is a
    /// problem.
    private mutating func textLength(_ element: XMLElement, default length: Int) -> Int {
        bounded(element, "max-length", default: length, limit: FormLimits.maxTextLength, unit: "characters")
    }

    /// A repeating group's `max`, or the default; more than `FormLimits.maxRepeatItems` is a problem.
    private mutating func repeatItems(_ element: XMLElement) -> Int {
        bounded(element, "max", default: FormLimits.repeatItems, limit: FormLimits.maxRepeatItems, unit: "items")
    }

    private mutating func bounded(_ element: XMLElement, _ name: String, default value: Int, limit: Int, unit: String) -> Int {
        guard let text = element.attribute(name) else { return value }
        guard let given = Int(text), given <= limit else {
            problems.append(XMLProblem(at: element.location(ofAttribute: name),
                "\(name)=\"\(text)\" is more than \(limit) \(unit), the most Heeded accepts"))
            return limit
        }
        return given
    }

    private static let null = try! FEELExpression(parsing: "null")

    private func option(_ element: XMLElement) -> AnswerOption {
        AnswerOption(
            value: element.attribute("value") ?? "",
            label: normalised(element.text),
            exclusive: element.attribute("exclusive") == "true")
    }

    /// Compiles an expression attribute, reporting a syntax error, or an expression too long or too deeply
    /// nested for `FormLimits`, at the attribute's place.
    private mutating func expression(_ element: XMLElement, attribute name: String) -> FormExpression? {
        guard let source = element.attribute(name) else { return nil }
        let location = element.location(ofAttribute: name)
        let length = source.unicodeScalars.count
        if length > FormLimits.maxExpressionLength {
            problems.append(XMLProblem(at: location, "\(name) is \(length) characters long; the limit for an "
                + "expression is \(FormLimits.maxExpressionLength)"))
            return nil
        }
        expressionCharacters += length
        if expressionCharacters > FormLimits.maxExpressionCharacters {
            if expressionCharacters - length <= FormLimits.maxExpressionCharacters {
                problems.append(XMLProblem(at: location, "the form's expressions come to more than "
                    + "\(FormLimits.maxExpressionCharacters) characters here; the limit is \(FormLimits.maxExpressionCharacters)"))
            }
            return nil
        }
        if Self.bracketNesting(source) > FormLimits.maxExpressionNesting {
            problems.append(XMLProblem(at: location, "\(name)=\"\(source)\" nests brackets more than "
                + "\(FormLimits.maxExpressionNesting) deep; the limit is \(FormLimits.maxExpressionNesting)"))
            return nil
        }
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

    /// How deep `(`, `[` and `{` nest in FEEL source, outside string literals and backquoted names.
    static func bracketNesting(_ source: String) -> Int {
        var depth = 0
        var deepest = 0
        var quote: UInt8?
        var escaped = false
        for byte in source.utf8 {
            if let open = quote {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") && open == UInt8(ascii: "\"") {
                    escaped = true
                } else if byte == open {
                    quote = nil
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "`"): quote = byte
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return deepest
    }

    private func integer(_ element: XMLElement, _ name: String) -> Int? { element.attribute(name).flatMap { Int($0) } }
    private func decimal(_ element: XMLElement, _ name: String) -> FEELNumber? {
        element.attribute(name).flatMap { FEELNumber($0) }
    }

    /// Labels and help are written across several lines in XML; shown to people, they are one paragraph.
    /// XML's white space is space, tab, carriage return and line feed; runs of it become one space.
    private func normalised(_ text: String) -> String {
        if Self.isNormalised(text) { return text }
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

    /// Whether text is one paragraph already (most labels are): no white space but single spaces between words.
    private static func isNormalised(_ text: String) -> Bool {
        var previous: UInt8 = 0x20
        for byte in text.utf8 {
            if byte == 0x09 || byte == 0x0A || byte == 0x0D || (byte == 0x20 && previous == 0x20) { return false }
            previous = byte
        }
        return previous != 0x20
    }
}

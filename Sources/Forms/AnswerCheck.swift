// Checks submitted answers against a form: types, required, relevant, constraints and codes.
import FEEL
import Foundation

/// The outcome of checking answers: the typed answers that stand, and a problem per question that needs one.
public struct AnswerCheck: Sendable {
    public let answers: Answers
    public let problems: [AnswerProblem]
    public var isValid: Bool { problems.isEmpty }

    /// The same answers with problems found outside the form (a rule the form language cannot say).
    public func adding(_ more: [AnswerProblem]) -> AnswerCheck {
        AnswerCheck(answers: answers, problems: problems + more)
    }
}

extension FormDefinition {
    /// Checks raw answers.
    ///
    /// Relevance is settled first, to a fixed point: a question whose `relevant` is false is hidden, so it is
    /// not required and its answer is dropped, which may in turn hide others. Then each asked question is
    /// checked for its type, whether it is required, its constraints and its codes. `today` decides what a
    /// "future" date is; pass the date of submission.
    public func check(_ raw: [String: RawAnswer], library: FormLibrary, today: FEELDate) -> AnswerCheck {
        var checker = AnswerChecker(form: self, library: library, today: today)
        return checker.check(raw)
    }

    /// Evaluates the form's bindings over checked answers, giving request facts keyed by contract name.
    public func facts(from answers: Answers, receivedDate: FEELDate) -> [String: FEELValue] {
        var scope = layout.empty
        for section in sections { answers.fill(&scope, for: section.fields) }
        if let slot = layout.slot(of: "received_date") { scope[slot] = .date(receivedDate) }
        var facts: [String: FEELValue] = [:]
        for binding in bindings { facts[binding.fact] = binding.expression.evaluate(scope) }
        return facts
    }
}

private struct AnswerChecker {
    let form: FormDefinition
    let library: FormLibrary
    let today: FEELDate
    private(set) var problems: [AnswerProblem] = []
    /// Problems with the form of an answer (not a number, not an option), keyed by answer key. They are
    /// reported only if the question turns out to be asked.
    private var typeProblems: [String: [AnswerProblem]] = [:]

    init(form: FormDefinition, library: FormLibrary, today: FEELDate) {
        self.form = form
        self.library = library
        self.today = today
    }

    mutating func check(_ raw: [String: RawAnswer]) -> AnswerCheck {
        // Answers and "is it asked" are kept by slot (`FormLayout`), so nothing here looks a question up by name.
        let topFields = form.sections.flatMap(\.fields)
        let slotCount = form.layout.names.count
        var kept = [Answer?](repeating: nil, count: slotCount)
        for field in topFields {
            if let value = raw[field.id] { kept[field.slot] = typedAnswer(value, for: field, key: field.id) }
        }
        // Settle relevance to a fixed point: hiding a question can hide the questions that depend on it.
        var asked = [Bool](repeating: true, count: slotCount)
        while true {
            let scope = slotsFor(kept, asked: asked, fields: topFields)
            var now = [Bool](repeating: false, count: slotCount)
            for section in form.sections where section.relevant?.holds(in: scope, whenUndecided: false) ?? true {
                for field in section.fields where field.relevant?.holds(in: scope, whenUndecided: false) ?? true {
                    now[field.slot] = true
                }
            }
            if now == asked { break }
            asked = now
        }
        // The scope is worked out again only when an answer has changed since (a dropped answer, a checked
        // group): once per question would make checking a long form quadratic in its questions.
        var scope = slotsFor(kept, asked: asked, fields: topFields)
        var keptChanged = false
        for field in topFields where asked[field.slot] {
            if let found = typeProblems[field.id] {
                problems += found
                kept[field.slot] = nil
                keptChanged = true
                continue
            }
            if keptChanged {
                scope = slotsFor(kept, asked: asked, fields: topFields)
                keptChanged = false
            }
            if case .repeat(_, _, let children) = field.kind, case .items(let items)? = kept[field.slot] {
                kept[field.slot] = .items(checkItems(items, children: children, key: field.id, outer: scope))
                keptChanged = true
            }
            checkAsked(field, answer: kept[field.slot], key: field.id, scope: scope)
        }
        // Computed values are kept as worked out from the answers that stand.
        let final = slotsFor(kept, asked: asked, fields: topFields)
        var answers: [String: Answer] = [:]
        for field in topFields where asked[field.slot] {
            if case .computed = field.kind {
                answers[field.id] = .computed(final[field.slot])
            } else if let answer = kept[field.slot] {
                answers[field.id] = answer
            }
        }
        return AnswerCheck(answers: Answers(answers), problems: problems)
    }

    /// What expressions see, in the form's slots: the answers to the asked questions, and each asked computed
    /// field worked out from them in form order, so a computed value can feed a `relevant`, a constraint or a
    /// later computed value. `outer` holds the top-level slots when `fields` are a repeat item's.
    private func slotsFor(_ answers: [Answer?], asked: [Bool], fields: [Field], outer: [FEELValue]? = nil) -> [FEELValue] {
        var scope = outer ?? form.layout.empty
        for field in fields {
            scope[field.slot] = asked[field.slot] ? (answers[field.slot]?.feelValue ?? .null) : .null
        }
        for field in fields where asked[field.slot] {
            if case .computed(let expression) = field.kind { scope[field.slot] = expression.evaluate(scope) }
        }
        return scope
    }

    /// Relevance, types, required and constraints inside each item of a repeating group. An item's
    /// expressions see the top-level answers and the item's own.
    private mutating func checkItems(
        _ items: [[String: Answer]], children: [Field], key: String, outer: [FEELValue]
    ) -> [[String: Answer]] {
        let slotCount = form.layout.names.count
        var checked: [[String: Answer]] = []
        for (index, original) in items.enumerated() {
            var item = [Answer?](repeating: nil, count: slotCount)
            for child in children { item[child.slot] = original[child.id] }
            var asked = [Bool](repeating: true, count: slotCount)
            while true {
                let current = slotsFor(item, asked: asked, fields: children, outer: outer)
                var now = asked
                for child in children { now[child.slot] = child.relevant?.holds(in: current, whenUndecided: false) ?? true }
                if now == asked { break }
                asked = now
            }
            var itemScope = slotsFor(item, asked: asked, fields: children, outer: outer)
            var itemChanged = false
            for child in children where asked[child.slot] {
                let childKey = "\(key)[\(index)].\(child.id)"
                if let found = typeProblems[childKey] {
                    problems += found
                    item[child.slot] = nil
                    itemChanged = true
                } else {
                    if itemChanged {
                        itemScope = slotsFor(item, asked: asked, fields: children, outer: outer)
                        itemChanged = false
                    }
                    checkAsked(child, answer: item[child.slot], key: childKey, scope: itemScope)
                }
            }
            let final = slotsFor(item, asked: asked, fields: children, outer: outer)
            var answers: [String: Answer] = [:]
            for child in children where asked[child.slot] {
                if case .computed = child.kind {
                    answers[child.id] = .computed(final[child.slot])
                } else if let answer = item[child.slot] {
                    answers[child.id] = answer
                }
            }
            checked.append(answers)
        }
        return checked
    }

    /// Required and constraint checks on a question that is asked.
    private mutating func checkAsked(_ field: Field, answer: Answer?, key: String, scope: [FEELValue]) {
        if case .computed = field.kind { return }
        guard let answer else {
            if field.required { problems.append(AnswerProblem(field: key, message: requiredMessage(field))) }
            return
        }
        if case .repeat(let min, _, _) = field.kind, case .items(let items) = answer, let min, items.count < min {
            problems.append(AnswerProblem(field: key, message: "Add at least \(min)"))
        }
        for constraint in field.constraints where !constraint.test.holds(in: scope, whenUndecided: true) {
            problems.append(AnswerProblem(field: key, message: constraint.message))
        }
    }

    /// Turns a raw answer into a typed one, or records why it cannot be. Empty answers count as unanswered.
    ///
    /// Sizes are checked before contents, so an answer far over a limit (a million options, a megabyte in a
    /// number) is refused without being read through: see `FormLimits`.
    private mutating func typedAnswer(_ raw: RawAnswer, for field: Field, key: String) -> Answer? {
        func problem(_ message: String) -> Answer? {
            typeProblems[key, default: []].append(AnswerProblem(field: key, message: message))
            return nil
        }
        switch (field.kind, raw) {
        case (.computed, _):
            return nil  // never taken from the submitter
        case (.repeat(_, let max, let children), .items(let items)):
            if items.count > max { return problem("Add no more than \(max.grouped)") }
            let typedItems = items.enumerated().map { index, item in
                var typedItem: [String: Answer] = [:]
                for child in children {
                    if let value = item[child.id], let answer = typedAnswer(value, for: child, key: "\(key)[\(index)].\(child.id)") {
                        typedItem[child.id] = answer
                    }
                }
                return typedItem
            }
            return typedItems.isEmpty ? nil : .items(typedItems)
        case (.repeat, _):
            return problem("Add the details for each item")
        case (_, .items):
            return problem("Give one answer to this question")
        case (.multiChoice, _), (.code(_, true, _), _):
            let values = raw.texts.filter { !$0.isEmpty }
            if values.isEmpty { return nil }
            let allowed = allowedValues(field)
            if values.count > allowed.count { return problem("Select no more than \(allowed.count.grouped) options") }
            if values.contains(where: Self.hasHiddenCharacters) { return problem(Self.hiddenCharactersMessage) }
            if let unknown = values.first(where: { !allowed.contains($0) }) { return problem(Self.notAnOption(unknown)) }
            if Set(values).count < values.count { return problem("Select each option only once") }
            if values.count > 1, let exclusive = exclusiveOption(field, among: values) {
                return problem("Select \"\(exclusive.label)\" on its own, or the other options without it")
            }
            return .choices(values)
        case (_, .values(let values)) where values.count > 1:
            return problem("Choose only one answer")
        default:
            break
        }
        guard let given = raw.texts.first else { return nil }
        switch field.kind {
        case .text, .longText: break
        default: if given.utf8.count > FormLimits.maxValueLength { return problem(invalidValueMessage(field)) }
        }
        if Self.hasHiddenCharacters(given) { return problem(Self.hiddenCharactersMessage) }
        let text = Self.trimmed(given)
        if text.isEmpty { return nil }
        switch field.kind {
        case .text(let maxLength, _), .longText(let maxLength):
            // Unicode scalars, not grapheme clusters: a thousand accents on one letter are a thousand characters
            // here, and a browser's own maxlength (UTF-16 units) never lets through more than this counts.
            if text.utf8.count > maxLength && text.unicodeScalars.count > maxLength {
                return problem(Self.limit(field, "must be \(maxLength.grouped) characters or fewer", asked: "Your answer must be \(maxLength.grouped) characters or fewer"))
            }
            return .text(text)
        case .yesNo:
            switch text.lowercased() {
            case "yes", "true": return .yesNo(true)
            case "no", "false": return .yesNo(false)
            default: return problem(invalidValueMessage(field))
            }
        case .yesNoUnsure:
            guard ["yes", "no", "unsure"].contains(text) else { return problem(invalidValueMessage(field)) }
            return .choice(text)
        case .choice, .scale, .code:
            guard allowedValues(field).contains(text) else { return problem(Self.notAnOption(text)) }
            return .choice(text)
        case .number(let min, let max, let integer, _):
            guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
                  let number = FEELNumber(text) else {
                return problem(invalidValueMessage(field))
            }
            if integer, !number.isInteger { return problem(Self.enter(field, "a whole number, like 3")) }
            if let min, number < min { return problem(Self.enter(field, max.map { "a number from \(min) to \($0)" } ?? "a number of \(min) or more")) }
            if let max, number > max { return problem(Self.enter(field, min.map { "a number from \($0) to \(max)" } ?? "a number of \(max) or less")) }
            return .number(number)
        case .date(let notFuture):
            guard let date = FEELDate(iso: text) else { return problem(invalidValueMessage(field)) }
            if notFuture, date > today { return problem(Self.limit(field, "must be today or in the past", asked: "Enter a date that is today or in the past")) }
            return .date(date)
        case .multiChoice, .computed, .repeat:
            preconditionFailure("handled above")
        }
    }

    /// An option among the chosen values that may only be chosen alone: marked so on the field, or in the
    /// code list a code field draws on (`NONE` in the census disability codes).
    private func exclusiveOption(_ field: Field, among values: [String]) -> AnswerOption? {
        var listed: CodeList?
        if case .code(let listID, _, _) = field.kind { listed = library.codeList(listID, in: form) }
        for value in values {
            let offered = field.options.first { $0.value == value }
            let code = listed?.code(value)
            if offered?.exclusive == true || code?.exclusive == true { return offered ?? code }
        }
        return nil
    }

    /// What to say when an answer is not a value its question takes.
    private func invalidValueMessage(_ field: Field) -> String {
        switch field.kind {
        case .number: Self.enter(field, "a number, like 3")
        case .date: Self.enter(field, "a real date, for example 27 3 2019")
        case .yesNo: "Select yes or no"
        case .yesNoUnsure: "Select yes, no or not sure"
        default: "Select one of the options for this question"
        }
    }

    /// An answer that is not among the options, quoted when it is short enough to read.
    private static func notAnOption(_ value: String) -> String {
        value.utf8.count > FormLimits.maxValueLength
            ? "Select one of the options for this question"
            : "\"\(value)\" is not one of the options for this question"
    }

    private static let hiddenCharactersMessage = "Remove the hidden characters from your answer (they can come with text you paste)"

    /// Whether text holds a control character other than tab, line feed and carriage return (a browser sends a
    /// new line as both): NUL and the like cannot be shown, and some systems stop reading at them.
    private static func hasHiddenCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: false
            case 0x00 ... 0x1F, 0x7F ... 0x9F: true
            default: false
            }
        }
    }

    /// Text without leading and trailing white space; the common case, nothing to trim, copies nothing.
    private static func trimmed(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        if !isSpace(first) && !isSpace(last) && first < 0x80 && last < 0x80 { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func allowedValues(_ field: Field) -> Set<String> {
        if case .code(let listID, _, let options) = field.kind, options.isEmpty {
            return Set(library.codeList(listID, in: form)?.codes.map(\.value) ?? [])
        }
        return Set(field.options.map(\.value))
    }

    /// The form's own words for an unanswered question, or words made from its label: "Enter your view", "Select
    /// area of life"; a question asked as a question is named in full ("Select an answer: Is the child's main carer 18
    /// or over?"), since the summary at the top of a page lists the message without the question beside it.
    private func requiredMessage(_ field: Field) -> String {
        if let message = field.requiredMessage { return message }
        let label = field.label.trimmingCharacters(in: .whitespacesAndNewlines)
        let choosing: Bool
        switch field.kind {
        case .choice, .scale, .yesNo, .yesNoUnsure, .code(_, false, _): choosing = true
        case .multiChoice, .code(_, true, _):
            return label.isEmpty || label.hasSuffix("?") ? "Select at least one option\(label.isEmpty ? "" : ": " + label)" : "Select \(Self.lowered(label))"
        case .repeat: return label.isEmpty ? "Add at least one" : "Add at least one: \(label)"
        default: choosing = false
        }
        let verb = choosing ? "Select" : "Enter"
        if label.isEmpty { return "\(verb) an answer" }
        if label.hasSuffix("?") { return "\(verb) an answer: \(label)" }
        return "\(verb) \(Self.lowered(label))"
    }

    /// "Enter age as a number from 0 to 120"; for a question, "Enter a number from 0 to 7: How many nights…?". The
    /// error summary lists a message without its question beside it, so every message names what it is about.
    private static func enter(_ field: Field, _ what: String) -> String {
        let label = field.label.trimmingCharacters(in: .whitespacesAndNewlines)
        if label.isEmpty { return "Enter \(what)" }
        if label.hasSuffix("?") { return "Enter \(what): \(label)" }
        return "Enter \(lowered(label)) as \(what)"
    }

    /// "Date the child was seen must be today or in the past"; for a question, `asked` with the question after it.
    private static func limit(_ field: Field, _ rule: String, asked: String) -> String {
        let label = field.label.trimmingCharacters(in: .whitespacesAndNewlines)
        if label.isEmpty { return asked }
        if label.hasSuffix("?") { return "\(asked): \(label)" }
        return "\(label) \(rule)"
    }

    /// A label as it reads after "Enter" or "Select": its first letter lower case unless the word is an abbreviation.
    private static func lowered(_ label: String) -> String {
        let letters = Array(label)
        guard let first = letters.first, first.isUppercase, letters.count < 2 || !letters[1].isUppercase else { return label }
        return first.lowercased() + String(letters.dropFirst())
    }
}

private extension Int {
    /// The number with a comma between thousands, as GOV.UK writes it: 10,000.
    var grouped: String {
        let digits = String(self.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return self < 0 ? "-" + result : result
    }
}

private extension RawAnswer {
    var texts: [String] {
        switch self {
        case .value(let text): [text]
        case .values(let texts): texts
        case .items: []
        }
    }
}

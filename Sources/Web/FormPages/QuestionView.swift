// A question as a template sees it: flags for its kind, its value, options, error and the ids that link them.
import Casework
import Forms

/// One question ready for the `question` partial. Mustache has no "switch", so each kind is a flag. Nothing is
/// optional: a partial rendered inside a repeating group would otherwise find a missing value in the enclosing
/// question (mustache looks up the context stack), so every text has a `has…` flag beside it.
struct QuestionView {
    let id: String
    let name: String
    let label: String
    let optional: Bool
    let hint: String
    let hasHint: Bool
    let help: String
    let hasHelp: Bool
    let error: String
    let hasError: Bool
    /// The ids of the hint and error, for `aria-describedby`.
    let describedBy: String
    let hasDescribedBy: Bool
    var isText = false, isLongText = false, isNumber = false, isDate = false
    var isRadios = false, isCheckboxes = false, isRepeat = false, isComputed = false
    var inlineRadios = false
    var inputType = "text"
    var autocomplete = ""
    var inputMode = ""
    var value = ""
    var day = "", month = "", year = ""
    var unit = ""
    var options: [OptionView] = []
    var items: [ItemView] = []
    var addAction = ""
    var canAdd = false
    var computedText = ""
    var maxLength: Int?
    /// Brought onto the page by an answer the person has just saved there.
    var isRevealed = false
    /// Where the error summary's link for this question points.
    var errorTarget: String { isDate ? id + "-day" : (isRadios || isCheckboxes) && !options.isEmpty ? options[0].id : id }
}

struct OptionView {
    let id: String
    let value: String
    let label: String
    let checked: Bool
    /// "None of these": shown after an "or" divider.
    let exclusive: Bool
}

/// One item of a repeating group, with its own questions and a button to remove it.
struct ItemView {
    let number: Int
    let legend: String
    let questions: [QuestionView]
    let removeAction: String
}

/// A link in the error summary.
struct ErrorLink {
    let href: String
    let message: String
}

/// Builds question views for a page from the form, the draft's raw answers and the problems found.
struct QuestionBuilder {
    let form: FormDefinition
    let library: FormLibrary
    let raw: [String: RawAnswer]
    let answers: Answers
    let problems: [String: String]
    /// The names of questions to mark as just brought in by an answer.
    var revealed: Set<String> = []

    static func htmlID(_ name: String) -> String {
        "f-" + String(name.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "-" })
    }

    /// The questions of a section that are asked given the answers so far.
    func questions(in section: Section) -> [QuestionView] {
        section.fields.filter { form.isAsked($0, given: answers) }.map { view($0, name: $0.id, raw: raw[$0.id], itemAnswers: nil) }
    }

    func view(_ field: Field, name: String, raw: RawAnswer?, itemAnswers: (group: Field, item: [String: Answer])?) -> QuestionView {
        let id = Self.htmlID(name)
        let error = problems[name]
        let hintID = field.hint == nil ? nil : id + "-hint"
        let errorID = error == nil ? nil : id + "-error"
        let describedBy = [hintID, errorID].compactMap { $0 }.joined(separator: " ")
        var view = QuestionView(
            id: id, name: name, label: field.label, optional: !field.required && !isComputed(field), hint: field.hint ?? "", hasHint: field.hint != nil,
            help: field.help ?? "", hasHelp: field.help != nil, error: error ?? "", hasError: error != nil,
            describedBy: describedBy, hasDescribedBy: !describedBy.isEmpty)
        view.isRevealed = revealed.contains(name)
        let text: String = {
            if case .value(let value)? = raw { return value }
            return ""
        }()
        let chosen: Set<String> = {
            switch raw {
            case .value(let value)?: [value]
            case .values(let values)?: Set(values)
            default: []
            }
        }()
        func options(_ list: [AnswerOption]) -> [OptionView] {
            list.enumerated().map { index, option in
                OptionView(id: index == 0 ? id : "\(id)-\(index + 1)", value: option.value, label: option.label, checked: chosen.contains(option.value), exclusive: option.exclusive)
            }
        }
        switch field.kind {
        case .text(let maxLength, let input):
            view.isText = true
            view.value = text
            view.maxLength = maxLength
            switch input {
            case "email": view.inputType = "email"; view.autocomplete = "email"
            case "tel": view.inputType = "tel"; view.autocomplete = "tel"
            case "postcode": view.autocomplete = "postal-code"
            case "nhs-number": view.inputMode = "numeric"
            default: break
            }
            if name == "requester_name" { view.autocomplete = "name" }
        case .longText(let maxLength):
            view.isLongText = true
            view.value = text
            view.maxLength = maxLength
        case .number(_, _, let integer, let unit):
            view.isNumber = true
            view.value = text
            view.unit = unit ?? ""
            view.inputMode = integer ? "numeric" : "decimal"
        case .date:
            view.isDate = true
            let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            if parts.count == 3 { (view.year, view.month, view.day) = (parts[0], parts[1], parts[2]) }
        case .yesNo:
            view.isRadios = true
            view.inlineRadios = true
            view.options = options([AnswerOption(value: "yes", label: "Yes"), AnswerOption(value: "no", label: "No")])
        case .yesNoUnsure:
            view.isRadios = true
            view.options = options([
                AnswerOption(value: "yes", label: "Yes"), AnswerOption(value: "no", label: "No"), AnswerOption(value: "unsure", label: "Not sure"),
            ])
        case .choice(let list), .scale(let list):
            view.isRadios = true
            view.options = options(list)
        case .multiChoice(let list):
            view.isCheckboxes = true
            view.options = options(list)
        case .code(let listID, let multiple, let list):
            let offered = list.isEmpty ? (library.codeList(listID, in: form)?.codes ?? []) : list
            if multiple { view.isCheckboxes = true } else { view.isRadios = true }
            view.options = options(offered)
        case .computed:
            view.isComputed = true
            if case .computed(let value)? = answers[field.id] ?? itemAnswers?.item[field.id] { view.computedText = AnswerDisplay.worked(value) }
        case .repeat(_, let max, let children):
            view.isRepeat = true
            var items: [[String: RawAnswer]] = []
            if case .items(let given)? = raw { items = given }
            var typedItems: [[String: Answer]] = []
            if case .items(let typed)? = answers[field.id] { typedItems = typed }
            view.items = items.enumerated().map { index, item in
                let typed = index < typedItems.count ? typedItems[index] : [:]
                let questions = children
                    .filter { form.isAsked($0, in: typed, of: field, given: answers) }
                    .map { child in self.view(child, name: "\(name)[\(index)].\(child.id)", raw: item[child.id], itemAnswers: (field, typed)) }
                return ItemView(number: index + 1, legend: "\(field.label): \(index + 1)", questions: questions, removeAction: "remove:\(name):\(index)")
            }
            view.addAction = "add:\(name)"
            view.canAdd = items.count < max
        }
        return view
    }

    private func isComputed(_ field: Field) -> Bool {
        if case .computed = field.kind { return true }
        return false
    }
}

// Questions for the record pages (a need, provision, a delivery, a manager's decision), which are fixed forms.
import Casework

extension QuestionView {
    /// A question with its common parts; the kind is set by the caller.
    private static func base(_ name: String, _ label: String, hint: String?, error: String?, optional: Bool) -> QuestionView {
        let id = QuestionBuilder.htmlID(name)
        let describedBy = [hint == nil ? nil : id + "-hint", error == nil ? nil : id + "-error"].compactMap { $0 }.joined(separator: " ")
        return QuestionView(
            id: id, name: name, label: label, optional: optional, hint: hint ?? "", hasHint: hint != nil, help: "", hasHelp: false,
            error: error ?? "", hasError: error != nil, describedBy: describedBy, hasDescribedBy: !describedBy.isEmpty)
    }

    static func text(_ name: String, _ label: String, value: String, hint: String? = nil, error: String? = nil, optional: Bool = false) -> QuestionView {
        var view = base(name, label, hint: hint, error: error, optional: optional)
        view.isText = true
        view.value = value
        return view
    }

    static func longText(_ name: String, _ label: String, value: String, hint: String? = nil, error: String? = nil, optional: Bool = false) -> QuestionView {
        var view = base(name, label, hint: hint, error: error, optional: optional)
        view.isLongText = true
        view.value = value
        return view
    }

    static func number(_ name: String, _ label: String, value: String, unit: String = "", hint: String? = nil, error: String? = nil) -> QuestionView {
        var view = base(name, label, hint: hint, error: error, optional: false)
        view.isNumber = true
        view.value = value
        view.unit = unit
        view.inputMode = "decimal"
        return view
    }

    static func date(_ name: String, _ label: String, form: FormBody?, default date: CalendarDate? = nil, error: String? = nil, optional: Bool = false) -> QuestionView {
        var view = base(name, label, hint: nil, error: error, optional: optional)
        view.isDate = true
        view.day = form?[name + "-day"] ?? date.map { String($0.day) } ?? ""
        view.month = form?[name + "-month"] ?? date.map { String($0.month) } ?? ""
        view.year = form?[name + "-year"] ?? date.map { String($0.year) } ?? ""
        return view
    }

    static func radios(
        _ name: String, _ label: String, options: [(value: String, label: String)], selected: String?, hint: String? = nil, error: String? = nil, optional: Bool = false
    ) -> QuestionView {
        var view = base(name, label, hint: hint, error: error, optional: optional)
        view.isRadios = true
        view.options = options.enumerated().map { index, option in
            OptionView(id: index == 0 ? view.id : "\(view.id)-\(index + 1)", value: option.value, label: option.label, checked: option.value == selected, exclusive: false)
        }
        return view
    }

    static func checkboxes(
        _ name: String, _ label: String, options: [(value: String, label: String)], selected: Set<String>, hint: String? = nil, error: String? = nil
    ) -> QuestionView {
        var view = base(name, label, hint: hint, error: error, optional: false)
        view.isCheckboxes = true
        view.options = options.enumerated().map { index, option in
            OptionView(id: index == 0 ? view.id : "\(view.id)-\(index + 1)", value: option.value, label: option.label, checked: selected.contains(option.value), exclusive: false)
        }
        return view
    }
}

/// A fixed form on one page: the record pages' forms.
struct SimpleFormView {
    let caption: String
    let title: String
    let intro: String?
    let action: String
    let csrfToken: String
    let questions: [QuestionView]
    let errors: [ErrorLink]
    let submitLabel: String
    let cancelHref: String

    init(caption: String, title: String, intro: String? = nil, action: String, csrfToken: String, questions: [QuestionView], submitLabel: String, cancelHref: String) {
        self.caption = caption
        self.title = title
        self.intro = intro
        self.action = action
        self.csrfToken = csrfToken
        self.questions = questions
        self.errors = questions.filter(\.hasError).map { ErrorLink(href: "#" + $0.errorTarget, message: $0.error) }
        self.submitLabel = submitLabel
        self.cancelHref = cancelHref
    }
}

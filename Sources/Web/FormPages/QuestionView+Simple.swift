// Questions a page adds beside a form's own (the provision page's choice of the case's needs), and the one-page form view.
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

// A list of codes (the DfE census code sets, or a form's own) with their plain-English labels.
import HeededXML

/// A named list of codes. Census code lists ship in `Forms/codelists/`; a form may declare its own.
public struct CodeList: Sendable {
    public let id: String
    public let title: String
    public let source: String?
    public let codes: [AnswerOption]
    public let location: XMLLocation

    public func code(_ value: String) -> AnswerOption? { codes.first { $0.value == value } }
}

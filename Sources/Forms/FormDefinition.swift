// A form definition: what a form asks, of whom, under which law, as typed values.
import FEEL
import HeededXML

/// One version of one form, loaded from XML and checked.
///
/// A submission records `id` and `version`; a `FormLibrary` keeps every version it loaded, so an old
/// submission stays readable after the form changes.
public struct FormDefinition: Sendable {
    public let id: String
    public let version: Int
    public let title: String
    public let audience: Audience
    public let legalBasis: String
    public let summary: String?
    public let sections: [Section]
    public let bindings: [Binding]
    /// Code lists declared inside this form (shared lists live in the `FormLibrary`).
    public let localCodeLists: [CodeList]
    public let location: XMLLocation
    /// The slots every expression of this form was compiled against.
    let layout: FormLayout

    /// Who fills the form in; decides tone and where it appears.
    public enum Audience: String, Sendable, CaseIterable {
        case parent, practitioner, manager
    }

    /// Every field of the form, top level and inside repeats, in document order.
    public var allFields: [Field] {
        sections.flatMap { section in section.fields.flatMap { [$0] + $0.childFields } }
    }

    /// The top-level field with this id, or a field inside a repeat.
    public func field(_ id: String) -> Field? {
        allFields.first { $0.id == id }
    }

    /// The section holding a top-level field.
    public func section(containing fieldID: String) -> Section? {
        sections.first { section in section.fields.contains { $0.id == fieldID } }
    }
}

/// A page of a form.
public struct Section: Sendable {
    public let id: String
    public let title: String
    public let intro: String?
    /// When false, none of the section's questions are asked.
    public let relevant: FormExpression?
    public let fields: [Field]
    public let location: XMLLocation
}

// A parsed element as a plain Swift value: no libxml2 pointer survives parsing.

/// An element of a parsed document, with its attributes, its content and where it stands in the file.
///
/// The whole tree is copied out of libxml2 while the C document is alive and the C document is then freed,
/// so an `XMLElement` is an ordinary `Sendable` value that any task may keep or share.
public struct XMLElement: Sendable, Hashable {
    /// The local name, without prefix: DMN files from different modelers use different prefixes and versions.
    public let name: String
    /// The namespace URI, if the element is in one.
    public let namespace: String?
    /// Where the start tag begins.
    public let location: XMLLocation
    public let attributes: [XMLAttribute]
    /// Element and text children in document order.
    public let content: [XMLContent]
    /// Namespace declarations in scope at this element, prefix to URI; the default namespace has the key "".
    public let namespacesInScope: [String: String]

    public init(
        name: String, namespace: String?, location: XMLLocation, attributes: [XMLAttribute],
        content: [XMLContent], namespacesInScope: [String: String]
    ) {
        self.name = name
        self.namespace = namespace
        self.location = location
        self.attributes = attributes
        self.content = content
        self.namespacesInScope = namespacesInScope
    }

    public var file: String { location.file }
    public var line: Int { location.line }

    /// The element children, in document order.
    public var children: [XMLElement] {
        content.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }

    /// The element children with the given local name.
    public func children(named name: String) -> [XMLElement] {
        children.filter { $0.name == name }
    }

    /// The first element child with the given local name.
    public func child(named name: String) -> XMLElement? {
        for case .element(let element) in content where element.name == name { return element }
        return nil
    }

    /// All text and CDATA below this element, concatenated, untrimmed.
    public var text: String {
        var result = ""
        appendText(to: &result)
        return result
    }

    private func appendText(to result: inout String) {
        for item in content {
            switch item {
            case .text(let text): result += text
            case .element(let element): element.appendText(to: &result)
            }
        }
    }

    /// The value of an attribute, matched by local name and, when given, namespace URI.
    public func attribute(_ name: String, namespace: String? = nil) -> String? {
        attributes.first { $0.name == name && (namespace == nil || $0.namespace == namespace) }?.value
    }

    /// Where an attribute's name starts, for errors about its value; the element's own place if it is absent.
    public func location(ofAttribute name: String) -> XMLLocation {
        attributes.first { $0.name == name }?.location ?? location
    }

    /// The namespace URI a prefix stands for here (nil prefix: the default namespace), for QName values
    /// such as `xsi:type="xsd:decimal"` or a DMN `typeRef`.
    public func namespaceURI(forPrefix prefix: String?) -> String? {
        namespacesInScope[prefix ?? ""]
    }
}

/// One attribute of an element.
public struct XMLAttribute: Sendable, Hashable {
    public let name: String
    public let namespace: String?
    public let value: String
    public let location: XMLLocation

    public init(name: String, namespace: String?, value: String, location: XMLLocation) {
        self.name = name
        self.namespace = namespace
        self.value = value
        self.location = location
    }
}

/// A child of an element: another element, or a run of text.
public enum XMLContent: Sendable, Hashable {
    case element(XMLElement)
    case text(String)
}

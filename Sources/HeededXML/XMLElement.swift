// A parsed element as a plain Swift value: no libxml2 pointer survives parsing.

/// An element of a parsed document, with its attributes, its content and where it stands in the file.
///
/// The whole tree is copied out of libxml2 while the parse runs and nothing of libxml2's is kept, so an
/// `XMLElement` is an ordinary `Sendable` value that any task may keep or share. It is one reference to
/// immutable storage: readers pass elements around and collect children constantly, and copying six fields
/// (and retaining each) every time was most of the cost of reading a form.
public struct XMLElement: Sendable, Hashable {
    private let storage: Storage

    public init(
        name: String, namespace: String?, location: XMLLocation, attributes: [XMLAttribute],
        content: [XMLContent], namespacesInScope: [String: String]
    ) {
        storage = Storage(
            name: name, namespace: namespace, location: location, attributes: attributes, content: content,
            namespacesInScope: namespacesInScope)
    }

    /// The local name, without prefix: DMN files from different modelers use different prefixes and versions.
    public var name: String { storage.name }
    /// The namespace URI, if the element is in one.
    public var namespace: String? { storage.namespace }
    /// Where the start tag begins.
    public var location: XMLLocation { storage.location }
    public var attributes: [XMLAttribute] { storage.attributes }
    /// Element and text children in document order.
    public var content: [XMLContent] { storage.content }
    /// Namespace declarations in scope at this element, prefix to URI; the default namespace has the key "".
    public var namespacesInScope: [String: String] { storage.namespacesInScope }

    public var file: String { location.file }
    public var line: Int { location.line }

    /// The element children, in document order.
    public var children: [XMLElement] { storage.children }

    /// The element children with the given local name.
    public func children(named name: String) -> [XMLElement] {
        storage.children.filter { $0.name == name }
    }

    /// The first element child with the given local name.
    public func child(named name: String) -> XMLElement? {
        storage.children.first { $0.name == name }
    }

    /// All text and CDATA below this element, concatenated, untrimmed.
    public var text: String {
        // The common case, one run of text and nothing else, is that run itself.
        if storage.content.count == 1, case .text(let text) = storage.content[0] { return text }
        var result = ""
        appendText(to: &result)
        return result
    }

    private func appendText(to result: inout String) {
        for item in storage.content {
            switch item {
            case .text(let text): result += text
            case .element(let element): element.appendText(to: &result)
            }
        }
    }

    /// The value of an attribute, matched by local name and, when given, namespace URI.
    public func attribute(_ name: String, namespace: String? = nil) -> String? {
        storage.attributes.first { $0.name == name && (namespace == nil || $0.namespace == namespace) }?.value
    }

    /// Where an attribute's name starts, for errors about its value; the element's own place if it is absent.
    public func location(ofAttribute name: String) -> XMLLocation {
        storage.attributes.first { $0.name == name }?.location ?? storage.location
    }

    /// The namespace URI a prefix stands for here (nil prefix: the default namespace), for QName values
    /// such as `xsi:type="xsd:decimal"` or a DMN `typeRef`.
    public func namespaceURI(forPrefix prefix: String?) -> String? {
        storage.namespacesInScope[prefix ?? ""]
    }

    public static func == (a: XMLElement, b: XMLElement) -> Bool {
        a.storage === b.storage
            || (a.name == b.name && a.namespace == b.namespace && a.location == b.location
                && a.attributes == b.attributes && a.content == b.content && a.namespacesInScope == b.namespacesInScope)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(namespace)
        hasher.combine(location)
        hasher.combine(attributes)
        hasher.combine(content)
        hasher.combine(namespacesInScope)
    }

    /// Never changed after `init`, so sharing it between tasks is safe.
    private final class Storage: Sendable {
        let name: String
        let namespace: String?
        let location: XMLLocation
        let attributes: [XMLAttribute]
        let content: [XMLContent]
        let namespacesInScope: [String: String]
        /// The element children, picked out of `content` once.
        let children: [XMLElement]

        init(
            name: String, namespace: String?, location: XMLLocation, attributes: [XMLAttribute],
            content: [XMLContent], namespacesInScope: [String: String]
        ) {
            self.name = name
            self.namespace = namespace
            self.location = location
            self.attributes = attributes
            self.content = content
            self.namespacesInScope = namespacesInScope
            children = content.compactMap { if case .element(let element) = $0 { element } else { nil } }
        }
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

// Copies a libxml2 tree into `XMLElement` values, placing each element and attribute where the source map says.
internal import CLibXML2

/// Walks a libxml2 document once, in document order, and copies it into plain values.
///
/// The walk keeps its own stack of open elements rather than recursing, so no input can exhaust the thread's
/// stack (the scanner has bounded the depth already; this does not rely on it). Elements and attributes take
/// their places from the `SourceMap` in the order both were read.
struct TreeConverter {
    private let map: SourceMap
    private let bytes: UnsafeBufferPointer<UInt8>
    private let file: String
    private var nextTag = 0
    /// Namespace URIs already copied, by libxml2 namespace: a document has a handful, used by every element.
    private var namespaceURIs: [xmlNsPtr: String] = [:]

    init(map: SourceMap, bytes: UnsafeBufferPointer<UInt8>, file: String) {
        self.map = map
        self.bytes = bytes
        self.file = file
    }

    /// An element being copied: what is known of it, the content copied so far, and the next child to copy.
    private struct OpenElement {
        let name: String
        let namespace: String?
        let location: XMLLocation
        let attributes: [XMLAttribute]
        let namespaces: [String: String]
        var content: [XMLContent] = []
        var nextChild: xmlNodePtr?

        var element: XMLElement {
            XMLElement(
                name: name, namespace: namespace, location: location, attributes: attributes, content: content,
                namespacesInScope: namespaces)
        }
    }

    mutating func element(from root: xmlNodePtr) -> XMLElement {
        var open = [self.open(root, inherited: [:])]
        while true {
            let top = open.count - 1
            guard let child = open[top].nextChild else {
                let finished = open.removeLast().element
                if open.isEmpty { return finished }
                open[top - 1].content.append(.element(finished))
                continue
            }
            open[top].nextChild = child.pointee.next
            switch child.pointee.type {
            case XML_ELEMENT_NODE:
                open.append(self.open(child, inherited: open[top].namespaces))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let text = child.pointee.content { open[top].content.append(.text(String(cString: text))) }
            default:
                break  // comments and processing instructions carry nothing we read
            }
        }
    }

    private mutating func open(_ node: xmlNodePtr, inherited: [String: String]) -> OpenElement {
        let tag = nextTag < map.tags.count ? map.tags[nextTag] : nil
        nextTag += 1
        let location = tag.map { XMLLocation(file: file, line: $0.line, column: $0.column) }
            ?? XMLLocation(file: file, line: Int(xmlGetLineNo(node)), column: 1)

        var namespaces = inherited
        var declaration = node.pointee.nsDef
        while let ns = declaration {
            namespaces[ns.pointee.prefix.map { String(cString: $0) } ?? ""] = ns.pointee.href.map { String(cString: $0) } ?? ""
            declaration = ns.pointee.next
        }

        var attributes: [XMLAttribute] = []
        attributes.reserveCapacity(tag?.attributeCount ?? 0)
        var index = tag?.firstAttribute ?? 0
        let end = tag.map { $0.firstAttribute + $0.attributeCount } ?? 0
        var property = node.pointee.properties
        while let attribute = property {
            var attributeLocation = location
            if index < end {
                let source = map.attributes[index]
                if isNamed(source, prefix: attribute.pointee.ns?.pointee.prefix, name: attribute.pointee.name) {
                    attributeLocation = XMLLocation(file: file, line: source.line, column: source.column)
                }
                index += 1
            }
            attributes.append(XMLAttribute(
                name: String(cString: attribute.pointee.name),
                namespace: attribute.pointee.ns.map { namespaceURI($0) },
                value: value(of: attribute),
                location: attributeLocation))
            property = attribute.pointee.next
        }
        return OpenElement(
            name: String(cString: node.pointee.name), namespace: node.pointee.ns.map { namespaceURI($0) }, location: location,
            attributes: attributes, namespaces: namespaces, nextChild: node.pointee.children)
    }

    private mutating func namespaceURI(_ ns: xmlNsPtr) -> String {
        if let known = namespaceURIs[ns] { return known }
        let uri = ns.pointee.href.map { String(cString: $0) } ?? ""
        namespaceURIs[ns] = uri
        return uri
    }

    /// An attribute's value. Without a DTD it is one text node (references such as `&amp;` already read), so
    /// that is copied directly; anything else goes through libxml2's own concatenation.
    private func value(of attribute: xmlAttrPtr) -> String {
        guard let first = attribute.pointee.children else { return "" }
        if first.pointee.next == nil, first.pointee.type == XML_TEXT_NODE, let content = first.pointee.content {
            return String(cString: content)
        }
        guard let raw = xmlNodeListGetString(attribute.pointee.doc, first, 1) else { return "" }
        defer { clibxml2_free(raw) }
        return String(cString: raw)
    }

    /// Whether the attribute the source map noted is spelled `prefix:name` (or `name`).
    private func isNamed(_ source: SourceMap.Attribute, prefix: UnsafePointer<xmlChar>?, name: UnsafePointer<xmlChar>) -> Bool {
        var offset = source.nameStart
        let end = source.nameStart + source.nameLength
        func take(_ text: UnsafePointer<xmlChar>) -> Bool {
            var character = text
            while character.pointee != 0 {
                guard offset < end, bytes[offset] == character.pointee else { return false }
                offset += 1
                character += 1
            }
            return true
        }
        if let prefix {
            guard take(prefix), offset < end, bytes[offset] == .colon else { return false }
            offset += 1
        }
        return take(name) && offset == end
    }
}

// Entry points: read a document safely, optionally validate it against a schema, and hand back plain values.
import Foundation
internal import CLibXML2

/// Safe XML loading for form definitions and decision tables.
///
/// Every document is parsed with network access, DTD loading and entity substitution off, and a DOCTYPE is
/// refused outright: neither forms nor DMN need one, and refusing it closes the door on entity expansion
/// attacks (billion laughs, quadratic blow-up, external entities) before any entity is read. Each parse has
/// its own parser context and error collector, so concurrent loads never see each other's errors.
public enum XML {
    /// Reads and parses a file. The file name in every problem is `path` as given.
    public static func load(
        file path: String, schema: XMLSchema? = nil, limits: XMLLimits = .default
    ) throws(XMLErrors) -> XMLElement {
        try parse(readBytes(path, limits: limits), file: path, schema: schema, limits: limits)
    }

    /// Parses a document from memory; `file` names it in problems.
    public static func parse(
        _ bytes: [UInt8], file: String, schema: XMLSchema? = nil, limits: XMLLimits = .default
    ) throws(XMLErrors) -> XMLElement {
        LibXML2Setup.ensure()
        guard bytes.count <= limits.maxBytes else {
            throw XMLErrors([XMLProblem(file: file, line: 1, column: 1, message:
                "the file is \(bytes.count) bytes long; the limit is \(limits.maxBytes) bytes")])
        }
        guard !bytes.isEmpty else {
            throw XMLErrors([XMLProblem(file: file, line: 1, column: 1, message: "the file is empty")])
        }
        let collector = ErrorCollector(file: file)
        let root: XMLElement? = withExtendedLifetime(collector) {
            guard let document = readDocument(bytes, collector: collector) else { return nil }
            defer { xmlFreeDoc(document) }
            if let schema, collector.problems.isEmpty {
                schema.validate(document, reportingTo: collector)
            }
            guard collector.problems.isEmpty, let rootNode = xmlDocGetRootElement(document) else { return nil }
            var converter = TreeConverter(bytes: bytes, file: file, maxDepth: limits.maxDepth, collector: collector)
            return converter.element(from: rootNode, depth: 1, inherited: [:])
        }
        guard let root, collector.problems.isEmpty else {
            let problems = collector.problems.isEmpty
                ? [XMLProblem(file: file, line: 1, column: 1, message: "the document has no root element")]
                : collector.problems
            throw XMLErrors(problems)
        }
        return root
    }

    /// Reads a file's bytes, refusing it by its size before reading when it is over the limit.
    static func readBytes(_ path: String, limits: XMLLimits) throws(XMLErrors) -> [UInt8] {
        let fail = { (message: String) in XMLErrors([XMLProblem(file: path, line: 1, column: 1, message: message)]) }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw fail("the file cannot be read (does it exist?)")
        }
        if let size = attributes[.size] as? Int, size > limits.maxBytes {
            throw fail("the file is \(size) bytes long; the limit is \(limits.maxBytes) bytes")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw fail("the file cannot be read")
        }
        return [UInt8](data)
    }

    /// Parses with a private parser context whose errors go to `collector`. Returns nil when the document is
    /// not well formed or declares a DOCTYPE.
    private static func readDocument(_ bytes: [UInt8], collector: ErrorCollector) -> xmlDocPtr? {
        guard let context = xmlNewParserCtxt() else {
            collector.add(line: 1, column: 1, message: "libxml2 could not allocate a parser")
            return nil
        }
        defer { xmlFreeParserCtxt(context) }
        context.pointee._private = collector.opaque
        context.pointee.sax.pointee.serror = { userData, error in
            guard let userData, let error else { return }
            let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
            guard let collector = context.pointee._private else { return }
            ErrorCollector.from(collector).add(UnsafePointer(error))
        }
        // Called as soon as `<!DOCTYPE` has been read, before any entity declaration: stop right there.
        context.pointee.sax.pointee.internalSubset = { userData, _, _, _ in
            guard let userData else { return }
            let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
            if let collector = context.pointee._private {
                ErrorCollector.from(collector).add(
                    line: Int(xmlSAX2GetLineNumber(context)), column: 1,
                    message: "a DOCTYPE declaration is not allowed: form definitions and decision tables "
                        + "never need one, and it could declare entities")
            }
            xmlStopParser(context)
        }
        let options = Int32(XML_PARSE_NONET.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlCtxtReadMemory(context, $0, Int32(buffer.count), collector.file, "UTF-8", options)
            }
        }
        if document == nil || context.pointee.wellFormed == 0 || !collector.problems.isEmpty {
            if collector.problems.isEmpty {
                collector.add(line: 1, column: 1, message: "the document is not well-formed XML")
            }
            if let document { xmlFreeDoc(document) }
            return nil
        }
        return document
    }
}

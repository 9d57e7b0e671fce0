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
    ///
    /// The bytes are scanned once for the limits first (`SourceScanner`); only a document within them reaches
    /// libxml2, which parses it, then the schema validates it, then it is copied into `XMLElement` values.
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
        let result: Result<XMLElement, XMLErrors> = bytes.withUnsafeBufferPointer { buffer in
            let map: SourceMap
            switch SourceScanner.scan(buffer, limits: limits) {
            case .success(let scanned):
                map = scanned
            case .failure(let refusal):
                let (line, column) = SourceScanner.location(of: refusal.offset, in: buffer)
                return .failure(XMLErrors([XMLProblem(file: file, line: line, column: column, message: refusal.message)]))
            }
            let collector = ErrorCollector(file: file, limit: limits.maxProblems)
            return withExtendedLifetime(collector) {
                guard let document = readDocument(buffer, collector: collector) else { return .failure(collector.errors) }
                defer { xmlFreeDoc(document) }
                if let schema {
                    schema.validate(document, reportingTo: collector)
                }
                guard collector.problems.isEmpty else { return .failure(collector.errors) }
                guard let rootNode = xmlDocGetRootElement(document) else {
                    return .failure(XMLErrors([XMLProblem(file: file, line: 1, column: 1, message: "the document has no root element")]))
                }
                var converter = TreeConverter(map: map, bytes: buffer, file: file)
                return .success(converter.element(from: rootNode))
            }
        }
        return try result.get()
    }

    /// Reads a file's bytes, refusing it by its size before reading when it is over the limit. One `open`,
    /// `fstat` and `read` straight into the array: Foundation's file attributes cost more than parsing a
    /// small form.
    static func readBytes(_ path: String, limits: XMLLimits) throws(XMLErrors) -> [UInt8] {
        let fail = { (message: String) in XMLErrors([XMLProblem(file: path, line: 1, column: 1, message: message)]) }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw fail("the file cannot be read (does it exist?)") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw fail("the file cannot be read")
        }
        let size = Int(status.st_size)
        if size > limits.maxBytes {
            throw fail("the file is \(size) bytes long; the limit is \(limits.maxBytes) bytes")
        }
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            while count < size {
                let got = read(descriptor, buffer.baseAddress! + count, size - count)
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else {
                    failed = got < 0
                    break
                }
                count += got
            }
        }
        if failed { throw fail("the file cannot be read") }
        return bytes
    }

    /// Parses with a private parser context whose errors go to `collector`. Returns nil when the document is
    /// not well formed or declares a DOCTYPE.
    private static func readDocument(_ bytes: UnsafeBufferPointer<UInt8>, collector: ErrorCollector) -> xmlDocPtr? {
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
        let document = bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
            xmlCtxtReadMemory(context, $0, Int32(bytes.count), collector.file, "UTF-8", options)
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

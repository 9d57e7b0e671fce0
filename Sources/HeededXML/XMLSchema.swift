// A compiled XML Schema (XSD), parsed once and used to validate many documents.
internal import CLibXML2

/// A compiled XSD.
///
/// `@unchecked Sendable` is sound here: the wrapped `xmlSchema` is never mutated after `init` (libxml2
/// validation reads it through a separate `xmlSchemaValidCtxt` per validation, created and freed inside
/// `validate`), and it is freed only in `deinit`, when no other reference exists. The concurrency test in
/// HeededXMLTests validates from many tasks at once against one schema.
public final class XMLSchema: @unchecked Sendable {
    private let schema: xmlSchemaPtr
    /// The file the schema came from, for messages.
    public let file: String

    /// Compiles a schema from a file.
    public convenience init(file path: String) throws(XMLErrors) {
        try self.init(bytes: XML.readBytes(path, limits: .default), file: path)
    }

    /// Compiles a schema from memory. Errors in the schema itself are reported against `file`.
    public init(bytes: [UInt8], file: String) throws(XMLErrors) {
        LibXML2Setup.ensure()
        self.file = file
        let collector = ErrorCollector(file: file)
        let compiled: xmlSchemaPtr? = withExtendedLifetime(collector) {
            let parserContext = bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlSchemaNewMemParserCtxt($0, Int32(buffer.count))
                }
            }
            guard let parserContext else { return nil }
            defer { xmlSchemaFreeParserCtxt(parserContext) }
            xmlSchemaSetParserStructuredErrors(parserContext, collectError, collector.opaque)
            // The schema document's own XML errors bypass the handler above and go to the thread's global
            // structured handler: point that at the collector for the duration, then clear it.
            xmlSetStructuredErrorFunc(collector.opaque, collectError)
            defer { xmlSetStructuredErrorFunc(nil, nil) }
            return xmlSchemaParse(parserContext)
        }
        guard let compiled, collector.problems.isEmpty else {
            if let compiled { xmlSchemaFree(compiled) }
            throw collector.problems.isEmpty
                ? XMLErrors([XMLProblem(file: file, line: 1, column: 1, message: "the schema could not be compiled")])
                : collector.errors
        }
        schema = compiled
    }

    deinit { xmlSchemaFree(schema) }

    /// Validates a parsed libxml2 document, adding each violation to `collector`.
    func validate(_ document: xmlDocPtr, reportingTo collector: ErrorCollector) {
        guard let validContext = xmlSchemaNewValidCtxt(schema) else {
            collector.add(line: 1, column: 1, message: "libxml2 could not allocate a schema validator")
            return
        }
        defer { xmlSchemaFreeValidCtxt(validContext) }
        xmlSchemaSetValidStructuredErrors(validContext, collectError, collector.opaque)
        let result = xmlSchemaValidateDoc(validContext, document)
        if result != 0 && collector.problems.isEmpty {
            collector.add(line: 1, column: 1, message: "the document could not be checked against \(file)")
        }
    }
}

/// The structured-error callback for schema contexts, whose user data is the collector itself.
private func collectError(_ userData: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let userData, let error else { return }
    ErrorCollector.from(userData).add(UnsafePointer(error))
}

// Process-wide libxml2 set-up, done once before the first document is parsed.
internal import CLibXML2

enum LibXML2Setup {
    /// Initialises libxml2 and installs an external-entity loader that refuses everything. Parse options
    /// already forbid network access and entity loading; this is the second lock on the same door.
    static let done: Void = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()

    static func ensure() { _ = done }
}

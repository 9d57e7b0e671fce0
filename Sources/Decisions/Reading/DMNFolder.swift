// A folder of decision models read from disk: each `*.dmn` file's name and bytes, in name order.
import Foundation

/// The `.dmn` files of a folder, read once: what a rules folder (Forms/rules) holds, for whoever compiles it.
public struct DMNFolder: Sendable {
    public struct File: Sendable {
        public let name: String
        public let bytes: [UInt8]
    }

    public let path: String
    /// In name order.
    public let files: [File]

    /// Reads every `*.dmn` file directly in `path`; a folder that cannot be read, or holds none, is refused.
    public init(path: String) throws(DMNFolderError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".dmn") }.sorted()
        } catch {
            throw DMNFolderError("\(path): cannot read the rules folder (\(error.localizedDescription))")
        }
        guard !names.isEmpty else { throw DMNFolderError("\(path): no .dmn files (pass --rules with the folder of routing tables)") }
        var files: [File] = []
        for name in names {
            let file = (path as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: file) else { throw DMNFolderError("\(file): cannot read") }
            files.append(File(name: name, bytes: Array(data)))
        }
        self.path = path
        self.files = files
    }
}

/// A rules folder that cannot be read.
public struct DMNFolderError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}

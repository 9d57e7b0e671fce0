// A problem found in an XML file, located so that a rules author can go straight to it.

/// One problem in one file, with the place it was found.
///
/// Its description is the conventional `file:line:column: message`, which editors and terminals turn into a
/// link, and which `heeded forms check` prints as it is.
public struct XMLProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public init(at location: XMLLocation, _ message: String) {
        self.init(file: location.file, line: location.line, column: location.column, message: message)
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// All the problems that stopped a document from loading, in the order they were found.
public struct XMLErrors: Error, Sendable, CustomStringConvertible {
    public let problems: [XMLProblem]

    public init(_ problems: [XMLProblem]) {
        precondition(!problems.isEmpty, "an XMLErrors value must carry at least one problem")
        self.problems = problems
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// Where something is in a source file. Lines and columns count from 1.
public struct XMLLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

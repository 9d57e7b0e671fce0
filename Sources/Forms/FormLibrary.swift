// The set of forms and code lists a council runs, loaded from files and checked as a whole.
import Foundation
import HeededXML

/// Every form definition (all versions) and shared code list loaded from a set of paths.
///
/// Loading is all-or-nothing: a library either loads with no problem at all, or the load throws every
/// problem found in every file, each with its file, line and column.
public struct FormLibrary: Sendable {
    public let forms: [FormDefinition]
    public let codeLists: [String: CodeList]

    /// The latest version of a form.
    public func form(_ id: String) -> FormDefinition? {
        forms.filter { $0.id == id }.max { $0.version < $1.version }
    }

    /// A particular version of a form, as a submission recorded it.
    public func form(_ id: String, version: Int) -> FormDefinition? {
        forms.first { $0.id == id && $0.version == version }
    }

    /// The code list a `code` field names, the form's own first.
    public func codeList(_ id: String, in form: FormDefinition) -> CodeList? {
        form.localCodeLists.first { $0.id == id } ?? codeLists[id]
    }

    /// Loads forms and code lists from files and directories. A directory contributes its `*.xml` files, those
    /// of its `codelists/` folder, and those of its `versions/` folder (earlier versions of its forms, kept so that
    /// what was submitted with them still reads as it was asked); a single form file also picks up the code lists
    /// in a `codelists/` folder beside it, so that checking one file sees the census codes it uses.
    public static func load(paths: [String]) throws(XMLErrors) -> FormLibrary {
        try load(files: files(for: paths))
    }

    /// Loads exactly these files.
    public static func load(files: [String]) throws(XMLErrors) -> FormLibrary {
        try load(count: files.count) { index throws(XMLErrors) in
            try XML.load(file: files[index], schema: FormSchema.shared, limits: FormLimits.document)
        }
    }

    /// Loads documents held in memory, as `load(files:)` loads files; each `file` names its document in problems.
    public static func load(documents: [(file: String, bytes: [UInt8])]) throws(XMLErrors) -> FormLibrary {
        try load(count: documents.count) { index throws(XMLErrors) in
            try XML.parse(documents[index].bytes, file: documents[index].file, schema: FormSchema.shared, limits: FormLimits.document)
        }
    }

    /// Reads `count` documents, each parsed by `parse` only when its turn comes, so one tree is held at a time.
    private static func load(count: Int, parse: (Int) throws(XMLErrors) -> XMLElement) throws(XMLErrors) -> FormLibrary {
        var problems: [XMLProblem] = []
        var reader = FormReader()
        var forms: [FormDefinition] = []
        var lists: [CodeList] = []
        for index in 0..<count {
            do {
                let root = try parse(index)
                switch root.name {
                case "form": if let form = reader.form(from: root) { forms.append(form) }
                default: lists += root.children(named: "codelist").compactMap { reader.codeList($0) }
                }
            } catch {
                problems += error.problems
            }
        }
        problems += reader.problems
        var checks = FormChecks(forms: forms, sharedLists: lists)
        checks.run()
        problems += checks.problems
        guard problems.isEmpty else { throw XMLErrors(problems.sorted(by: FormLibrary.order)) }
        return FormLibrary(forms: forms, codeLists: Dictionary(lists.map { ($0.id, $0) }) { first, _ in first })
    }

    private static func order(_ a: XMLProblem, _ b: XMLProblem) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }

    static func files(for paths: [String]) -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        func xmlFiles(in directory: String) -> [String] {
            ((try? manager.contentsOfDirectory(atPath: directory)) ?? [])
                .filter { $0.hasSuffix(".xml") }
                .sorted()
                .map { (directory as NSString).appendingPathComponent($0) }
        }
        for path in paths {
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                files += xmlFiles(in: (path as NSString).appendingPathComponent("codelists")) + xmlFiles(in: path)
                    + xmlFiles(in: (path as NSString).appendingPathComponent("versions"))
            } else {
                let beside = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("codelists")
                files += xmlFiles(in: beside.isEmpty ? "codelists" : beside) + [path]
            }
        }
        var seen = Set<String>()
        return files.filter { seen.insert(($0 as NSString).standardizingPath).inserted }
    }
}

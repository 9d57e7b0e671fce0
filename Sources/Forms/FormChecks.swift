// The checks an XSD cannot make: uniqueness, references, codes and bindings, across all loaded files.
import FEEL
import HeededXML

/// Semantic checks over everything loaded, each problem placed at the element or attribute at fault.
struct FormChecks {
    let forms: [FormDefinition]
    let sharedLists: [CodeList]
    private(set) var problems: [XMLProblem] = []

    init(forms: [FormDefinition], sharedLists: [CodeList]) {
        self.forms = forms
        self.sharedLists = sharedLists
    }

    mutating func run() {
        checkUniqueFormVersions()
        checkSharedLists()
        for form in forms { check(form) }
    }

    private mutating func report(_ location: XMLLocation, _ message: String) {
        problems.append(XMLProblem(at: location, message))
    }

    private mutating func checkUniqueFormVersions() {
        var seen: [String: FormDefinition] = [:]
        for form in forms {
            let key = "\(form.id) version \(form.version)"
            if let first = seen[key] {
                report(form.location, "form \(key) is defined twice (first at \(first.location))")
            } else {
                seen[key] = form
            }
        }
    }

    private mutating func checkSharedLists() {
        var seen: [String: CodeList] = [:]
        for list in sharedLists {
            if let first = seen[list.id] {
                report(list.location, "code list \"\(list.id)\" is defined twice (first at \(first.location))")
            }
            seen[list.id] = seen[list.id] ?? list
            checkCodes(list)
        }
    }

    private mutating func checkCodes(_ list: CodeList) {
        var values = Set<String>()
        for code in list.codes where !values.insert(code.value).inserted {
            report(list.location, "code \"\(code.value)\" appears twice in code list \"\(list.id)\"")
        }
    }

    private mutating func check(_ form: FormDefinition) {
        for list in form.localCodeLists { checkCodes(list) }
        var ids: [String: XMLLocation] = [:]
        var sectionIDs = Set<String>()
        for section in form.sections where !sectionIDs.insert(section.id).inserted {
            report(section.location, "section id \"\(section.id)\" is used twice in form \"\(form.id)\"")
        }
        for field in form.allFields {
            if FEELExpression.isReservedName(field.id) {
                report(field.location, "field id \"\(field.id)\" is a word FEEL uses itself (a keyword or a built-in function), "
                    + "so an expression could not read it: choose another id")
            }
            if let first = ids[field.id] {
                report(field.location, "field id \"\(field.id)\" is used twice in form \"\(form.id)\" (first at line \(first.line))")
            } else {
                ids[field.id] = field.location
            }
        }
        let topLevel = Set(form.sections.flatMap { $0.fields.map(\.id) })
        for section in form.sections {
            if let relevant = section.relevant { checkReferences(relevant, in: form, known: topLevel, what: "relevant") }
            for field in section.fields {
                check(field, in: form, known: topLevel)
                guard !field.childFields.isEmpty else { continue }
                let inside = topLevel.union(field.childFields.map(\.id))
                for child in field.childFields { check(child, in: form, known: inside) }
            }
        }
        checkBindings(form, known: topLevel)
    }

    private mutating func check(_ field: Field, in form: FormDefinition, known: Set<String>) {
        if let relevant = field.relevant { checkReferences(relevant, in: form, known: known, what: "relevant") }
        for constraint in field.constraints { checkReferences(constraint.test, in: form, known: known, what: "constraint") }
        var values = Set<String>()
        for option in field.options where !values.insert(option.value).inserted {
            report(field.location, "option \"\(option.value)\" appears twice in field \"\(field.id)\"")
        }
        switch field.kind {
        case .computed(let expression):
            checkReferences(expression, in: form, known: known.subtracting([field.id]), what: "expr")
        case .number(let min, let max, _, _):
            if let min, let max, min > max { report(field.location, "field \"\(field.id)\": min \(min) is more than max \(max)") }
        case .repeat(let min, let max, _):
            if let min, min > max { report(field.location, "repeat \"\(field.id)\": min \(min) is more than max \(max)") }
        case .code(let listID, _, let options):
            let list = form.localCodeLists.first { $0.id == listID } ?? sharedLists.first { $0.id == listID }
            guard let list else {
                report(field.location, "field \"\(field.id)\" uses code list \"\(listID)\", which is not defined "
                    + "(known lists: \(knownLists(form).joined(separator: ", ")))")
                return
            }
            for option in options where list.code(option.value) == nil {
                report(field.location, "field \"\(field.id)\" offers code \"\(option.value)\", which is not in code list \"\(listID)\"")
            }
        default:
            break
        }
    }

    private func knownLists(_ form: FormDefinition) -> [String] {
        (form.localCodeLists.map(\.id) + sharedLists.map(\.id)).sorted()
    }

    private mutating func checkBindings(_ form: FormDefinition, known: Set<String>) {
        var bound = Set<String>()
        let facts = Set(RequestFactKeys.all)
        for binding in form.bindings {
            if !facts.contains(binding.fact) {
                report(binding.expression.location, "bind fact=\"\(binding.fact)\" is not a request fact "
                    + "(expected one of: \(RequestFactKeys.all.joined(separator: ", ")))")
            } else if !bound.insert(binding.fact).inserted {
                report(binding.expression.location, "fact \"\(binding.fact)\" is bound twice in form \"\(form.id)\"")
            }
            checkReferences(binding.expression, in: form, known: known.union(RequestFactKeys.systemVariables), what: "expr")
        }
    }

    /// Every name an expression reads must be a field in scope (a field's id has a slot in the form's layout
    /// wherever it is, so reading a repeat's field outside its repeat is caught here).
    private mutating func checkReferences(_ expression: FormExpression, in form: FormDefinition, known: Set<String>, what: String) {
        let read = expression.compiled.referencedNames.union(expression.compiled.slotsRead.map { form.layout.names[$0] })
        for name in read.sorted() where !known.contains(name) {
            report(expression.location, "\(what)=\"\(expression.source)\" refers to \"\(name)\", which is not a field in scope here")
        }
    }
}

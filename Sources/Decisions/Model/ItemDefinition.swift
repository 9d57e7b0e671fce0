// DMN item definitions: the types a model declares, and whether a value conforms to one.
import FEEL

/// A type declared in a model: a base type with allowed values, a structure of components, or a collection.
struct ItemDefinition: Sendable {
    let name: String
    /// The base type's name (`string`, `number`, another item definition), when the item is not a structure.
    let typeRef: String?
    let allowedValues: FEELUnaryTests?
    let components: [ItemDefinition]
    let isCollection: Bool
}

/// Every item definition of a model, by name, for checking values against a `typeRef`.
struct TypeSystem: Sendable {
    let items: [String: ItemDefinition]

    /// Why a value does not conform to a type, or nil when it does (or the type is unknown: not ours to judge).
    /// Null conforms to every type.
    func problem(with value: FEELValue, asType typeRef: String?) -> String? {
        guard let typeRef, !value.isNull else { return nil }
        return problem(with: value, type: typeRef, depth: 0)
    }

    private func problem(with value: FEELValue, type name: String, depth: Int) -> String? {
        guard depth < 16 else { return nil }
        let local = Self.localName(name)
        if let item = items[local] ?? items[name] { return problem(with: value, item: item, depth: depth + 1) }
        let builtIn = FEELType(name: local)
        if case .named = builtIn { return nil }
        return builtIn.admits(value) ? nil : "\(value) is not a \(builtIn)"
    }

    private func problem(with value: FEELValue, item: ItemDefinition, depth: Int) -> String? {
        if item.isCollection {
            guard case .list(let elements) = value else { return "\(value) is not a list of \(item.name)" }
            let element = ItemDefinition(
                name: item.name, typeRef: item.typeRef, allowedValues: item.allowedValues, components: item.components,
                isCollection: false)
            for value in elements {
                if let problem = problem(with: value, item: element, depth: depth + 1) { return problem }
            }
            return nil
        }
        if !item.components.isEmpty {
            guard case .context(let context) = value else { return "\(value) is not a \(item.name)" }
            for component in item.components {
                if let entry = context[component.name], let problem = problem(with: entry, item: component, depth: depth + 1) {
                    return problem
                }
            }
            return nil
        }
        if let typeRef = item.typeRef, let problem = problem(with: value, type: typeRef, depth: depth + 1) { return problem }
        if let allowed = item.allowedValues, !allowed.test(value) {
            return "\(value) is not one of the values allowed for \(item.name) (\(allowed.source))"
        }
        return nil
    }

    /// `feel:string` and `xsd:string` name the same type as `string`.
    static func localName(_ typeRef: String) -> String {
        guard let colon = typeRef.firstIndex(of: ":"), !typeRef.contains(" ") else { return typeRef }
        return String(typeRef[typeRef.index(after: colon)...])
    }
}

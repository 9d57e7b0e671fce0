// DMN item definitions: the types a model declares, resolved once at load, and whether a value conforms.
import FEEL

/// A type declared in a model, as written: a base type with allowed values, a structure, or a collection.
struct ItemDefinition: Sendable {
    let name: String
    /// The base type's name (`string`, `number`, another item definition), when the item is not a structure.
    let typeRef: String?
    let allowedValues: FEELUnaryTests?
    let components: [ItemDefinition]
    let isCollection: Bool
    /// A `functionItem`: the type of a function value.
    let function: FunctionItem?

    struct FunctionItem: Sendable {
        let parameterTypes: [String?]
        let outputType: String?
    }
}

/// A `typeRef` resolved against the model's item definitions, so checking a value is a walk over this tree
/// and never a lookup by name.
indirect enum ValueType: Sendable {
    case builtIn(FEELType)
    case item(name: String, base: ValueType?, allowed: AllowedValues?, components: [(name: String, type: ValueType)], isCollection: Bool)

    /// The value as this type takes it: a list of one item where a single value is expected is that item,
    /// and a single value where a list is expected is a list of it (FEEL's singleton conversions). Values
    /// that convert to nothing are returned unchanged, for `problem(with:)` to judge.
    func coerced(_ value: FEELValue) -> FEELValue {
        switch (self, value) {
        case (.builtIn(.list), .list), (.item(_, _, _, _, true), .list): return value
        case (.builtIn(.list), .null), (.item(_, _, _, _, true), .null): return value
        case (.builtIn(.list), _), (.item(_, _, _, _, true), _): return .list([value])
        case (_, .list(let items)) where items.count == 1:
            if case .builtIn(.any) = self { return value }
            return problem(with: items[0]) == nil ? items[0] : value
        default: return value
        }
    }

    /// A value held to this type: converted as `coerced(_:)`, then null with the reason if it does not conform.
    func held(_ value: FEELValue, firedRules: FiredRules, problem: String?) -> (value: FEELValue, firedRules: FiredRules, problem: String?) {
        let converted = coerced(value)
        if problem == nil, let typeProblem = self.problem(with: converted) { return (.null, firedRules, typeProblem) }
        return (converted, firedRules, problem)
    }

    /// Why a value does not conform, or nil when it does. Null conforms to every type.
    func problem(with value: FEELValue) -> String? {
        if case .null = value { return nil }
        switch self {
        case .builtIn(let type):
            return type.admits(value) ? nil : "\(value) is not a \(type)"
        case .item(let name, let base, let allowed, let components, let isCollection):
            if isCollection {
                guard case .list(let elements) = value else { return "\(value) is not a list of \(name)" }
                let element = ValueType.item(name: name, base: base, allowed: allowed, components: components, isCollection: false)
                for item in elements {
                    if let problem = element.problem(with: item) { return problem }
                }
                return nil
            }
            if !components.isEmpty {
                guard case .context(let context) = value else { return "\(value) is not a \(name)" }
                for component in components {
                    guard let entry = context[component.name] else { return "\(value) has no \(component.name), which a \(name) has" }
                    if let problem = component.type.problem(with: entry) { return problem }
                }
                return nil
            }
            if let problem = base?.problem(with: value) { return problem }
            if let allowed, !allowed.admits(value) {
                return "\(value) is not one of the values allowed for \(name) (\(allowed.source))"
            }
            return nil
        }
    }
}

/// An item definition's allowed values: a set of strings checked by lookup (the usual enumeration), or any
/// unary tests, evaluated.
enum AllowedValues: Sendable {
    case strings(Set<String>, source: String)
    case tests(FEELUnaryTests)

    init(_ tests: FEELUnaryTests) {
        if case .atoms(let atoms, negated: false) = tests.shape {
            let strings = atoms.compactMap { atom -> String? in
                if case .equals(.string(let value)) = atom { return value }
                return nil
            }
            if strings.count == atoms.count {
                self = .strings(Set(strings), source: tests.source)
                return
            }
        }
        self = .tests(tests)
    }

    func admits(_ value: FEELValue) -> Bool {
        switch self {
        case .strings(let strings, _):
            guard case .string(let text) = value else { return false }
            return strings.contains(text)
        case .tests(let tests):
            return tests.test(value)
        }
    }

    var source: String {
        switch self {
        case .strings(_, let source): source
        case .tests(let tests): tests.source
        }
    }
}

/// The model's item definitions by name, for resolving `typeRef`s at load.
struct TypeSystem: Sendable {
    let items: [String: ItemDefinition]
    /// The item definitions as FEEL types (allowed values left out: `instance of` does not look at them).
    let feelTypes: [String: FEELType]

    init(items: [String: ItemDefinition]) {
        self.items = items
        var types: [String: FEELType] = [:]
        for name in items.keys { types[name] = Self.feelType(name: name, items: items, depth: 0) }
        feelTypes = types
    }

    /// The type of what a function of type `typeRef` returns (a decision service's `typeRef` names a function
    /// item), or the type itself when it is not a function's.
    func resolve(output typeRef: String?) -> ValueType? {
        guard let typeRef, let item = items[typeRef] ?? items[Self.localName(typeRef)], let function = item.function else {
            return resolve(typeRef)
        }
        return resolve(function.outputType)
    }

    /// The FEEL type a `typeRef` names; nil when none is given or it means any value.
    func feelType(_ typeRef: String?) -> FEELType? {
        guard let typeRef else { return nil }
        let type = Self.feelType(name: typeRef, items: items, depth: 0)
        if case .any = type { return nil }
        return type
    }

    private static func feelType(name: String, items: [String: ItemDefinition], depth: Int) -> FEELType {
        guard depth < 16 else { return .any }
        if let item = items[name] ?? items[localName(name)] { return feelType(item: item, items: items, depth: depth + 1) }
        let builtIn = FEELType(name: localName(name))
        if case .named = builtIn { return .any }
        return builtIn
    }

    private static func feelType(item: ItemDefinition, items: [String: ItemDefinition], depth: Int) -> FEELType {
        var type: FEELType
        if let function = item.function {
            type = .function(FEELType.Signature(
                parameters: function.parameterTypes.map { $0.map { feelType(name: $0, items: items, depth: depth + 1) } ?? .any },
                result: function.outputType.map { feelType(name: $0, items: items, depth: depth + 1) } ?? .any))
        } else if !item.components.isEmpty {
            type = .context(item.components.map { FEELType.Field(name: $0.name, type: feelType(item: $0, items: items, depth: depth + 1)) })
        } else {
            type = item.typeRef.map { feelType(name: $0, items: items, depth: depth + 1) } ?? .any
        }
        return item.isCollection ? .list(type) : type
    }

    /// The type a `typeRef` names; nil when there is nothing to check (no typeRef, `Any`, or a name neither
    /// FEEL nor the model defines: not ours to judge).
    func resolve(_ typeRef: String?) -> ValueType? {
        guard let typeRef else { return nil }
        return resolve(name: typeRef, depth: 0)
    }

    private func resolve(name: String, depth: Int) -> ValueType? {
        guard depth < 16 else { return nil }
        let local = Self.localName(name)
        if let item = items[local] ?? items[name] { return resolve(item: item, depth: depth + 1) }
        let builtIn = FEELType(name: local)
        switch builtIn {
        case .named, .any: return nil
        default: return .builtIn(builtIn)
        }
    }

    private func resolve(item: ItemDefinition, depth: Int) -> ValueType {
        .item(
            name: item.name,
            base: item.typeRef.flatMap { resolve(name: $0, depth: depth + 1) },
            allowed: item.allowedValues.map(AllowedValues.init),
            components: item.components.map { ($0.name, resolve(item: $0, depth: depth + 1)) },
            isCollection: item.isCollection)
    }

    /// `feel:string` and `xsd:string` name the same type as `string`.
    static func localName(_ typeRef: String) -> String {
        guard let colon = typeRef.firstIndex(of: ":"), !typeRef.contains(" ") else { return typeRef }
        return String(typeRef[typeRef.index(after: colon)...])
    }
}

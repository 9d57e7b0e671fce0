// FEEL's context built-ins: reading, listing, building and merging entries.

extension Builtins {
    static let contextFunctions: [BuiltinOverload] = [
        BuiltinOverload("get value", ["m", "key"]) { arguments in
            guard case .context(let context) = arguments[0], let key = string(arguments[1]) else { return .null }
            return context[key] ?? .null
        },
        BuiltinOverload("get entries", ["m"]) { arguments in
            guard case .context(let context) = arguments[0] else { return .null }
            return .list(context.entries.map { .context(FEELContext([("key", .string($0.key)), ("value", $0.value)])) })
        },
        BuiltinOverload("context", ["entries"]) { arguments in
            guard let entries = list(arguments[0]) else { return .null }
            var context = FEELContext()
            for entry in entries {
                guard case .context(let pair) = entry, let key = pair["key"]?.stringValue, let value = pair["value"],
                      context[key] == nil else { return .null }
                context[key] = value
            }
            return .context(context)
        },
        // Positional calls reach this first overload, which takes a key or a list of keys; named ones say which.
        BuiltinOverload("context put", ["context", "keys", "value"]) { arguments in
            guard case .context(let context) = arguments[0] else { return .null }
            switch arguments[1] {
            case .string(let key):
                return put(arguments[2], at: [key], in: context)
            case .list(let path):
                // A list of keys puts into nested contexts, making none that is missing.
                let keys = path.compactMap(\.stringValue)
                guard !keys.isEmpty, keys.count == path.count else { return .null }
                return put(arguments[2], at: keys[...], in: context)
            default:
                return .null
            }
        },
        BuiltinOverload("context put", ["context", "key", "value"]) { arguments in
            guard case .context(let context) = arguments[0], case .string(let key) = arguments[1] else { return .null }
            return put(arguments[2], at: [key], in: context)
        },
        BuiltinOverload("context merge", ["contexts"]) { arguments in
            guard let contexts = list(arguments[0]) else { return .null }
            var merged = FEELContext()
            for value in contexts {
                guard case .context(let context) = value else { return .null }
                for entry in context.entries { merged[entry.key] = entry.value }
            }
            return .context(merged)
        },
    ]

    /// `context` with `value` at the path of keys, each but the last naming a context that already exists.
    private static func put(_ value: FEELValue, at keys: ArraySlice<String>, in context: FEELContext) -> FEELValue {
        var context = context
        guard let key = keys.first else { return .null }
        if keys.count == 1 {
            context[key] = value
            return .context(context)
        }
        guard case .context(let inner)? = context[key] else { return .null }
        let replaced = put(value, at: keys.dropFirst(), in: inner)
        guard !replaced.isNull else { return .null }
        context[key] = replaced
        return .context(context)
    }
}

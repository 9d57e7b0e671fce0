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
        BuiltinOverload("context put", ["context", "key", "value"]) { arguments in
            guard case .context(var context) = arguments[0], let key = string(arguments[1]) else { return .null }
            context[key] = arguments[2]
            return .context(context)
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
}

// A page's posted fields read as the raw answers a form definition checks: the same reading for every form page.
import Forms

enum PostedAnswers {
    /// The raw answers posted for `fields`. Items of a repeating group that are left wholly empty are dropped unless
    /// `keepEmptyItems` (the page is being redrawn, not left).
    static func read(_ body: FormBody, fields: [Field], keepEmptyItems: Bool) -> [String: RawAnswer] {
        var answers: [String: RawAnswer] = [:]
        for field in fields {
            if let answer = answer(field, name: field.id, body: body, keepEmptyItems: keepEmptyItems) { answers[field.id] = answer }
        }
        return answers
    }

    private static func answer(_ field: Field, name: String, body: FormBody, keepEmptyItems: Bool) -> RawAnswer? {
        switch field.kind {
        case .computed:
            return nil
        case .multiChoice, .code(_, true, _):
            let values = body.values(name).filter { !$0.isEmpty }
            return values.isEmpty ? nil : .values(values)
        case .date:
            let day = body.text(name + "-day") ?? "", month = body.text(name + "-month") ?? "", year = body.text(name + "-year") ?? ""
            if day.isEmpty && month.isEmpty && year.isEmpty { return nil }
            func padded(_ part: String) -> String { part.count == 1 && part.allSatisfy(\.isNumber) ? "0" + part : part }
            return .value("\(year)-\(padded(month))-\(padded(day))")
        case .repeat(_, _, let children):
            let count = min(Int(body["\(name).count"] ?? "") ?? 0, 100)
            var items: [[String: RawAnswer]] = []
            for index in 0..<count {
                var item: [String: RawAnswer] = [:]
                for child in children {
                    if let value = answer(child, name: "\(name)[\(index)].\(child.id)", body: body, keepEmptyItems: keepEmptyItems) { item[child.id] = value }
                }
                if !item.isEmpty || keepEmptyItems { items.append(item) }
            }
            return items.isEmpty ? nil : .items(items)
        default:
            guard let text = body[name], !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
            return .value(text)
        }
    }
}

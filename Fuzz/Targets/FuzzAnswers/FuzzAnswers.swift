// Form answers: the first byte picks a shipped form (Forms/), the rest is answers as JSON (as a saved draft
// and the API carry them), decoded, checked against the form, and the checked answers bound to facts.
import FEEL
import Forms
import Foundation

/// The repository root, found from this file's place in Fuzz/Targets/FuzzAnswers.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

let library: FormLibrary = {
    do {
        return try FormLibrary.load(paths: [repositoryRoot.appendingPathComponent("Forms").path])
    } catch {
        fatalError("the shipped forms do not load: \(error)")
    }
}()
/// Every version of every form, in a fixed order, so that a corpus input keeps meaning the same form.
let forms = library.forms.sorted { ($0.id, $0.version) < ($1.id, $1.version) }
let today = FEELDate(iso: "2026-01-15")!

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let form = forms[Int(data[0]) % forms.count]
    let json = Data(bytes: data + 1, count: size - 1)
    guard let raw = try? JSONDecoder().decode([String: RawAnswer].self, from: json) else { return 0 }
    let check = form.check(raw, library: library, today: today)
    _ = form.facts(from: check.answers, receivedDate: today)
    _ = check.answers.values.values.map(\.displayText)
    return 0
}

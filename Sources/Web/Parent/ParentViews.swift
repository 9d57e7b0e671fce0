// The smaller views of the family's pages.

struct FamilyHomeView {
    let cases: [Line]
    let hasDraft: Bool
    let draftSaved: String?
    /// A second "send" of a request already sent brought the family here.
    let alreadySent: Bool

    struct Line {
        let reference: String
        let childName: String
        let href: String
    }
}

struct MissedSessionView {
    let caseHref: String
    let action: String
    let csrfToken: String
    let provisions: [Choice]
    let day: String
    let month: String
    let year: String
    let whatHappened: String
    let provisionError: String?
    let dateError: String?
    let whatError: String?
    let errors: [ErrorLink]

    struct Choice {
        let id: String
        let value: String
        let label: String
        let checked: Bool

        init(index: Int, value: String, label: String, checked: Bool) {
            id = index == 0 ? "f-provision" : "f-provision-\(index + 1)"
            self.value = value
            self.label = label
            self.checked = checked
        }
    }
}

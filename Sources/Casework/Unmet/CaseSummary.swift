// Just enough about a case to name it in a report: reference, child's name, team.

/// A case as a manager's list shows it.
public struct CaseSummary: Sendable, Hashable, Codable {
    public let id: CaseFile.ID
    public let reference: String
    public let childName: String
    public let team: Team

    public init(id: CaseFile.ID, reference: String, childName: String, team: Team) {
        self.id = id
        self.reference = reference
        self.childName = childName
        self.team = team
    }
}

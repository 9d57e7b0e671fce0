// What each person may see of a case, decided once here and used by every page and the API.

extension CaseRecord {
    /// The assessments someone in `role` may see. A family sees a section 47 record only once a manager has decided
    /// there is reasonable cause, and so has also been told why; practitioners and managers see every record.
    public func assessments(visibleTo role: ActingUser.Role) -> [Assessment] {
        guard role == .parent else { return assessments }
        return assessments.filter { $0.kind != .section47 || file.managerDecision?.outcome.section47 == true }
    }
}

extension CaseFile {
    /// The routing as it stands: what the tables decided on the triaged facts once the request was triaged, else on
    /// the request as the family sent it. (The request's own routing is kept beside it, unchanged.)
    public var currentRouting: RoutingRecord { managerDecision?.triage?.routing ?? routing }
}

// Tell it once: what a case already knows is filled in on the assessment forms, so nobody is asked it again.
import Forms

extension CaseRecord {
    /// The answers an assessment's form starts with: facts the request and the case already hold (the child's
    /// areas of life affected, their date of birth, who the young carer is and whom they care for, that the parent
    /// asked for their own assessment and when). The assessor checks and changes them like any other answer.
    public func knownAnswers(for assessment: Assessment) -> [String: RawAnswer] {
        let child = file.child
        switch assessment.kind {
        case .childInNeed:
            return child.disabilities.isEmpty ? [:] : ["disability_codes": .values(child.disabilities.map(\.rawValue))]
        case .parentCarer:
            var answers: [String: RawAnswer] = ["child_date_of_birth": .value(child.dateOfBirth.description)]
            if case .choice("yes")? = file.request.answers["want_parent_carer_assessment"] {
                answers["pcna_trigger"] = .value("request")
                answers["request_date"] = .value(file.request.receivedOn.description)
            }
            return answers
        case .youngCarer:
            var answers: [String: RawAnswer] = ["cared_for_child": .value(child.fullName)]
            // Opened with the case, it came from the family's request; later ones, from what the assessment found.
            if assessment.requestedOn == file.openedOn { answers["trigger"] = .value("needs-request") }
            if let name = assessment.subject { answers["young_carer_name"] = .value(name) }
            return answers
        default:
            return [:]
        }
    }
}

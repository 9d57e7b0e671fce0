// Tell it once: the needs an assessment records become need records, with the family's words beside.

extension CaseReport {
    /// The child in need assessment form's id.
    public static let childInNeedFormID = "child-in-need-assessment"

    /// Section 3 of the child in need assessment, area by area: the form's field prefix (its questions are
    /// `<prefix>_needs`, `<prefix>_severity` and, from version 2, `<prefix>_parent_view`), the area of life, and
    /// the question in the needs request where the family described the same part of life.
    static let needAreas: [(prefix: String, area: LifeArea, familyWords: String?)] = [
        ("health", .healthAndClinicalCare, "health_details"),
        ("communication", .communication, "communication_details"),
        ("mobility", .mobility, "mobility_details"),
        ("hand_function", .handFunction, nil),
        ("personal_care", .personalCare, "personal_care_details"),
        ("continence", .continence, "toileting_details"),
        ("sleep", .sleepAndNightTimeCare, "sleep_details"),
        ("behaviour", .behaviourAndEmotionalWellbeing, "behaviour_details"),
        ("danger_awareness", .safetyAndSupervision, "supervision_details"),
        ("learning", .learningAndEducation, "school_details"),
        ("identity", .identityAndSocialPresentation, nil),
        ("relationships", .familyAndSocialRelationships, "friendships_details"),
        ("leisure", .leisureAndCommunity, "friendships_details"),
        ("independence", .selfCareAndIndependence, nil),
    ]

    /// The needs a submitted assessment records.
    ///
    /// A child in need assessment records one for each area of life where the assessor wrote needs and rated the
    /// help needed above "none". The family's words sit beside the assessor's: their view of that area as written
    /// in the assessment, the later account, when there is one; otherwise their words from the request.
    ///
    /// A parent carer assessment (from version 4) records each of the parent carer's needs for support, in
    /// "support for the parent carer", whether or not the council decides to provide services for it: a need
    /// assessed and not met is what a manager must see.
    ///
    /// Empty for any other form.
    public func assessedNeeds(request: NeedsRequest?) -> [Need] {
        if formID == Self.parentCarerFormID, formVersion >= 4 {
            guard case .items(let items)? = answers["carer_needs"] else { return [] }
            var seen: Set<String> = []
            return items.compactMap { item in
                guard case .text(let words)? = item["carer_need"], !words.isEmpty,
                      seen.insert(Self.needDescription(words)).inserted else { return nil }
                return Need(
                    caseID: caseID, assessmentID: assessmentID, area: .parentCarerSupport, description: Self.needDescription(words),
                    parentView: "", assessorView: words, outcomeSought: "", identifiedOn: submittedOn)
            }
        }
        guard formID == Self.childInNeedFormID else { return [] }
        return Self.needAreas.compactMap { prefix, area, familyWords in
            guard case .text(let needs)? = answers["\(prefix)_needs"], !needs.isEmpty else { return nil }
            var severity: String?
            if case .choice(let rated)? = answers["\(prefix)_severity"] { severity = rated }
            guard severity != "none" else { return nil }
            var parentView = ""
            if case .text(let words)? = answers["\(prefix)_parent_view"], !words.isEmpty {
                parentView = words
            } else if let familyWords, case .text(let words)? = request?.answers[familyWords] {
                parentView = words
            }
            return Need(
                caseID: caseID, assessmentID: assessmentID, area: area, description: Self.needDescription(needs),
                parentView: parentView, assessorView: severity.map { "\(needs)\n\nHelp needed: \($0)." } ?? needs,
                outcomeSought: "", identifiedOn: submittedOn)
        }
    }

    /// A need's short description from what the assessor wrote: its first line, cut at 200 characters.
    static func needDescription(_ written: String) -> String {
        let firstLine = written.split(separator: "\n").first.map(String.init) ?? written
        return firstLine.count > 200 ? String(firstLine.prefix(200)) + "…" : firstLine
    }
}

extension CaseReport {
    /// The need records to save when this report is sent. A first report's are its `assessedNeeds`. A revision
    /// changes the needs the revised assessment recorded rather than adding to them: a need in an area the
    /// earlier report also recorded (for a parent carer's need, one that says the same) keeps its id and the day
    /// it was first identified, so provision linked to it stays linked; a need the revision no longer records is
    /// closed on the revision's day.
    ///
    /// - Parameter recorded: the case's needs as stored before this report.
    public func needRecords(request: NeedsRequest?, recorded: [Need]) -> [Need] {
        let assessed = assessedNeeds(request: request)
        guard revision != nil, let assessmentID else { return assessed }
        // A child in need assessment records one need an area; a parent carer assessment several, told apart by what they say.
        func key(_ need: Need) -> String { need.area == .parentCarerSupport ? "\(need.area.rawValue)\n\(need.description)" : need.area.rawValue }
        var earlier: [String: Need] = [:]
        for need in recorded where need.assessmentID == assessmentID && need.isOpen(on: submittedOn) && earlier[key(need)] == nil {
            earlier[key(need)] = need
        }
        var records = assessed.map { need in
            guard let kept = earlier.removeValue(forKey: key(need)) else { return need }
            return Need(
                id: kept.id, caseID: kept.caseID, assessmentID: assessmentID, area: need.area, description: need.description,
                parentView: need.parentView, assessorView: need.assessorView, outcomeSought: kept.outcomeSought, identifiedOn: kept.identifiedOn)
        }
        for var dropped in earlier.values.sorted(by: { key($0) < key($1) }) {
            dropped.closedOn = submittedOn
            records.append(dropped)
        }
        return records
    }
}

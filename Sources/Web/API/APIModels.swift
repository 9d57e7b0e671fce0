// The JSON shapes of the API, as documented in Resources/openapi.json.
import Casework
import Hummingbird
import Forms

struct TokenRequest: Decodable {
    let email: String
    let password: String
}

struct TokenResponse: ResponseEncodable {
    let token: String
    let expiresAt: String
}

struct NeedsRequestSubmission: Decodable {
    let answers: [String: RawAnswer]
}

struct ProblemsResponse: ResponseEncodable {
    let problems: [Problem]

    struct Problem: Encodable {
        let field: String
        let message: String
    }
}

struct MeResponse: ResponseEncodable {
    let email: String
    let role: String
    let team: String?
}

struct ReceivedResponse: ResponseEncodable {
    let caseId: String
    let reference: String
    let receivedOn: String
    let waitingForPerson: Bool
    let team: String
    let reasons: [String]
    let assessments: [AssessmentJSON]
}

struct AssessmentJSON: Encodable {
    let id: String
    let kind: String
    let status: String
    let dueOn: String
    let subject: String?
}

struct CaseJSON: ResponseEncodable {
    let id: String
    let reference: String
    let childName: String
    let team: String
    let openedOn: String
    let waitingForPerson: Bool
    let reasons: [String]
    let assessments: [AssessmentJSON]
    let needs: [NeedJSON]
    let provisions: [ProvisionJSON]
    let unmet: [UnmetJSON]

    /// A case as someone in `role` may see it (a family reads the reasons without rule references).
    init(_ record: CaseRecord, for role: ActingUser.Role, services: WebServices) {
        let file = record.file
        id = file.id.description
        reference = file.reference
        childName = file.child.fullName
        team = file.team.rawValue
        openedOn = file.openedOn.description
        waitingForPerson = file.outcome == nil
        reasons = role == .parent ? file.currentRouting.reasons.map(Formatting.plainReason) : file.currentRouting.reasons
        assessments = record.assessments(visibleTo: role).map(AssessmentJSON.init)
        needs = record.needs.map {
            .init(id: $0.id.description, area: $0.area.rawValue, description: $0.description, parentView: $0.parentView, assessorView: $0.assessorView)
        }
        provisions = record.provisionStatements.map(ProvisionJSON.init)
        let measure = DeliveryMeasure(asOf: services.today, policy: services.configuration.unmetPolicy)
        unmet = UnmetNeed.assessedButUnmet(UnmetNeedInputs(record: record, measure: measure), measure: measure).map(UnmetJSON.init)
    }

    struct NeedJSON: Encodable {
        let id: String
        let area: String
        let description: String
        let parentView: String
        let assessorView: String
    }

    struct ProvisionJSON: Encodable {
        let id: String
        let service: String
        let description: String
        let amount: String
        let provider: String?
        let legalBasis: String
        let startDate: String
        let endDate: String?
        /// Totals over `deliveries`, as every page shows them (`ProvisionStatement`).
        let plannedUnits: Double
        let deliveredUnits: Double
        let deliveries: [DeliveryJSON]

        init(_ statement: ProvisionStatement) {
            let provision = statement.provision
            id = provision.id.description
            service = provision.service.rawValue
            description = provision.description
            amount = provision.amount.description
            provider = provision.provider
            legalBasis = provision.legalBasis.rawValue
            startDate = provision.startDate.description
            endDate = provision.endDate?.description
            plannedUnits = statement.totals.plannedUnits
            deliveredUnits = statement.totals.deliveredUnits
            deliveries = statement.deliveries.map(DeliveryJSON.init)
        }
    }

    struct DeliveryJSON: Encodable {
        let periodStart: String
        let periodEnd: String
        let plannedUnits: Double
        let deliveredUnits: Double
        let reason: String?

        init(_ delivery: Delivery) {
            periodStart = delivery.periodStart.description
            periodEnd = delivery.periodEnd.description
            plannedUnits = delivery.plannedUnits
            deliveredUnits = delivery.deliveredUnits
            reason = delivery.reason?.rawValue
        }
    }
}

struct UnmetJSON: Encodable {
    let caseId: String
    let reference: String
    let childName: String
    let team: String
    let area: String
    let kind: String
    let service: String?
    let shortfall: Double?
    let unit: String?
    let unmetSince: String
    let daysUnmet: Int
    let reason: String

    init(_ item: UnmetNeed) {
        caseId = item.caseID.description
        reference = item.caseReference
        childName = item.childName
        team = item.team.rawValue
        area = item.area.rawValue
        kind = item.kind.rawValue
        service = item.service?.rawValue
        shortfall = item.shortfall
        unit = item.unit?.rawValue
        unmetSince = item.unmetSince.description
        daysUnmet = item.daysUnmet
        reason = item.reason
    }
}

struct UnmetReportJSON: ResponseEncodable {
    let asOf: String
    let total: Int
    let page: Int
    let pageSize: Int
    let items: [UnmetJSON]
}

extension AssessmentJSON {
    init(_ assessment: Assessment) {
        id = assessment.id.description
        kind = assessment.kind.rawValue
        status = assessment.status.rawValue
        dueOn = assessment.deadline.date.description
        subject = assessment.subject
    }
}

// The form language's XSD, shipped inside the module and compiled once per process.
import Foundation
import HeededXML

enum FormSchema {
    /// The compiled `Schemas/form.xsd` (bundled as a resource). A broken bundled schema is a build mistake,
    /// not a user error, hence the precondition.
    static let shared: XMLSchema = {
        guard let url = Bundle.module.url(forResource: "form", withExtension: "xsd") else {
            preconditionFailure("form.xsd is missing from the Forms module's resources")
        }
        do {
            return try XMLSchema(file: url.path)
        } catch {
            preconditionFailure("the bundled form.xsd does not compile: \(error)")
        }
    }()
}

/// The tagger's labels: a name's first word (B), its other words (I), for each kind, or outside a name (O).
/// The usual BIO scheme, so that two names side by side ("Apple Google") stay two names.
package enum EntityTag: Int, Sendable, CaseIterable {
    case outside = 0
    case beginPerson, insidePerson
    case beginPlace, insidePlace
    case beginOrganization, insideOrganization

    /// Number of labels: the width of one row of weights.
    static let count = 7

    /// The kind of name the tag belongs to; nil outside names.
    var kind: EntityKind? {
        switch self {
        case .outside: nil
        case .beginPerson, .insidePerson: .person
        case .beginPlace, .insidePlace: .place
        case .beginOrganization, .insideOrganization: .organization
        }
    }

    /// Starts a name.
    var begins: Bool { self == .beginPerson || self == .beginPlace || self == .beginOrganization }

    /// The tag that opens a name of `kind`.
    static func begin(_ kind: EntityKind) -> EntityTag {
        switch kind {
        case .person: .beginPerson
        case .place: .beginPlace
        case .organization: .beginOrganization
        }
    }

    /// The tag that continues a name of `kind`.
    static func inside(_ kind: EntityKind) -> EntityTag {
        switch kind {
        case .person: .insidePerson
        case .place: .insidePlace
        case .organization: .insideOrganization
        }
    }

    /// Whether this tag may follow `previous`: a name can only continue a name of its own kind.
    func mayFollow(_ previous: EntityTag) -> Bool {
        guard !begins, let kind else { return true }
        return previous.kind == kind
    }
}

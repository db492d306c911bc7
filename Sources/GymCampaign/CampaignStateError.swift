/// A request that does not fit a live campaign's state: `ask` on an external
/// agent's campaign, `tell` past the budget or out of turn.
public struct CampaignStateError: Error, CustomStringConvertible, Equatable, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// A stored campaign that this dsegym cannot continue as it was started: on
/// resume the agent proposes other configurations than the log holds, or
/// the environment is no longer the one that produced the logged trials.
///
/// Neither the command nor the database is wrong, so it is neither a
/// `SpecError` (exit 2) nor a store failure (exit 3): the command line exits
/// 4, and the remedy is a new campaign (or the dsegym that started this one).
public struct ResumeConflict: Error, CustomStringConvertible, Equatable, Sendable {
    /// The campaign (or database) concerned, when known.
    public var campaign: String?
    public var message: String

    public init(campaign: String? = nil, _ message: String) {
        self.campaign = campaign
        self.message = message
    }

    public var description: String {
        campaign.map { "campaign '\($0)': \(message)" } ?? message
    }
}

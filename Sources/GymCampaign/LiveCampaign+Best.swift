import GymCore
import GymStore

extension LiveCampaign {
    /// The `count` best feasible logged trials, highest reward first (earliest on ties).
    public func bestTrials(_ count: Int) throws -> [StoredTrial] {
        let logged = try store.storedTrials(of: record.id)
        let feasible = logged.filter { $0.feasible && $0.reward != nil }
        let ranked = feasible.sorted { a, b in a.reward! != b.reward! ? a.reward! > b.reward! : a.index < b.index }
        return Array(ranked.prefix(max(0, count)))
    }

    /// Up to `count` logged trials from index `start` on, in index order: what an
    /// outside agent replays to rebuild its state when it reopens a campaign.
    public func loggedTrials(from start: Int, count: Int) throws -> [StoredTrial] {
        let logged = try store.storedTrials(of: record.id)
        return Array(logged.lazy.filter { $0.index >= start }.prefix(max(0, count)))
    }

    /// The logged trials on the Pareto front, in index order, when the
    /// objective is `pareto` (nil otherwise).
    public func paretoTrials() throws -> [StoredTrial]? {
        guard objective.kind == .pareto else { return nil }
        let archive = try store.paretoArchive(of: record)
        let logged = try store.storedTrials(of: record.id)
        let byIndex = Dictionary(logged.map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
        return archive.front.compactMap { byIndex[$0.index] }
    }
}

/// Decides whether a column access closes its row (RDA/WRA, auto-precharge).
protocol PagePolicyRule: Sendable {
    /// - Parameters:
    ///   - hitsWaiting: another buffered request of this bank wants the same row.
    ///   - conflictsWaiting: a buffered request of this bank wants another row.
    func autoPrecharges(hitsWaiting: Bool, conflictsWaiting: Bool) -> Bool
}

extension ControllerConfiguration.PagePolicy {
    var rule: any PagePolicyRule {
        switch self {
        case .open: return OpenPagePolicy()
        case .closed: return ClosedPagePolicy()
        case .openAdaptive: return OpenAdaptivePagePolicy()
        case .closedAdaptive: return ClosedAdaptivePagePolicy()
        }
    }
}

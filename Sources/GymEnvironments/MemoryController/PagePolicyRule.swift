/// Decides whether a column access closes its row (RDA/WRA, auto-precharge).
protocol PagePolicyRule: Sendable {
    /// - Parameters:
    ///   - hitsWaiting: another buffered request of this bank wants the same row.
    ///   - conflictsWaiting: a buffered request of this bank wants another row.
    func autoPrecharges(hitsWaiting: Bool, conflictsWaiting: Bool) -> Bool
}

/// Open: keep the row open; a conflict later pays an explicit PRE.
struct OpenPagePolicy: PagePolicyRule {
    func autoPrecharges(hitsWaiting: Bool, conflictsWaiting: Bool) -> Bool { false }
}

/// Closed: every access auto-precharges.
struct ClosedPagePolicy: PagePolicyRule {
    func autoPrecharges(hitsWaiting: Bool, conflictsWaiting: Bool) -> Bool { true }
}

/// OpenAdaptive: keep the row open unless another row of this bank is
/// wanted and no request wants this one.
struct OpenAdaptivePagePolicy: PagePolicyRule {
    func autoPrecharges(hitsWaiting: Bool, conflictsWaiting: Bool) -> Bool { conflictsWaiting && !hitsWaiting }
}

/// ClosedAdaptive: auto-precharge unless another request wants this row.
struct ClosedAdaptivePagePolicy: PagePolicyRule {
    func autoPrecharges(hitsWaiting: Bool, conflictsWaiting: Bool) -> Bool { !hitsWaiting }
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

/// Closed: every access auto-precharges.
struct ClosedPagePolicy: PagePolicyRule {
    func autoPrecharges(hitsWaiting: Bool, conflictsWaiting: Bool) -> Bool { true }
}

/// ClosedAdaptive: auto-precharge unless another request wants this row.
struct ClosedAdaptivePagePolicy: PagePolicyRule {
    func autoPrecharges(hitsWaiting: Bool, conflictsWaiting: Bool) -> Bool { !hitsWaiting }
}

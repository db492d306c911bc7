import GymCore

extension CampaignSession {
    /// What a caller other than the terminal wants to see of a running
    /// campaign (the MCP server's progress notifications, cancellation).
    ///
    /// Both closures are called on the thread that runs the campaign, between
    /// batches: `progress` after every logged batch, `shouldStop` before every
    /// batch (true stops cleanly after the batch in flight, status `interrupted`).
    public struct Observer {
        public var progress: (CampaignProgress) -> Void
        public var shouldStop: () -> Bool

        public init(progress: @escaping (CampaignProgress) -> Void = { _ in },
                    shouldStop: @escaping () -> Bool = { false }) {
            self.progress = progress
            self.shouldStop = shouldStop
        }
    }
}

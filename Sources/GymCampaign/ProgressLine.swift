import Foundation
import GymCore

/// A live progress line on stderr when it is a terminal (trials, trials/s,
/// best reward, ETA), redrawn at most ten times a second; silent in pipes.
public final class ProgressLine {
    private let enabled: Bool
    private var lastDraw = 0.0

    public init(enabled: Bool = true) {
        self.enabled = enabled && isatty(STDERR_FILENO) == 1
    }

    public func update(_ p: CampaignProgress) {
        guard enabled, p.elapsedSeconds - lastDraw >= 0.1 || p.completed >= p.budget else { return }
        lastDraw = p.elapsedSeconds
        let remaining = Double(p.budget - p.completed) / max(p.rate, 1e-9)
        let best = p.bestReward.map { String(format: "%.6g", $0) } ?? "-"
        let line = String(format: "\r  %d/%d trials  %.0f trials/s  best %@  ETA %@   ",
                          p.completed, p.budget, p.rate, best, ProgressLine.duration(remaining))
        FileHandle.standardError.write(Data(line.utf8))
    }

    public func finish() {
        guard enabled, lastDraw > 0 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "-" }
        let s = Int(seconds.rounded())
        return String(format: "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
    }
}

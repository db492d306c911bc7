import Foundation

/// Runs a system tool (mount, umount, chmod) for a test's fixture.
public enum SystemTool {
    /// Runs `tool` with `arguments`, output discarded; true when it exited 0.
    @discardableResult
    public static func run(_ tool: String, _ arguments: [String]) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: tool) else { return false }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }
}

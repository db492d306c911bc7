import Foundation

/// The package's built executables (`dsegym`, `dsegym-mcp`) run as a user
/// would, for the bundles that test the command line and the servers: one
/// launcher instead of one per bundle.
public enum BuiltBinary {
    /// The package root.
    public static let packageRoot = URL(fileURLWithPath: Fixtures.repository)

    /// What a finished process said.
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String

        public init(status: Int32, stdout: String, stderr: String) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    /// The built `name`, debug preferred (what `swift test` just built).
    public static func url(_ name: String = "dsegym") -> URL {
        let candidates = [".build/debug/", ".build/release/"].map { packageRoot.appendingPathComponent($0 + name) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Runs `executable` (default: the built `dsegym`) from the package root
    /// with `input` on stdin (none: stdin is inherited), calls `whileRunning`
    /// with the started process (to signal it, say), and waits for it.
    public static func run(_ arguments: [String], executable: URL? = nil, input: String? = nil,
                           whileRunning: (Process) -> Void = { _ in }) throws -> Output {
        let process = Process()
        process.executableURL = executable ?? url()
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        let inPipe = Pipe(), out = Pipe(), err = Pipe()
        if input != nil { process.standardInput = inPipe }
        process.standardOutput = out
        process.standardError = err
        try process.run()
        if let input {
            inPipe.fileHandleForWriting.write(Data(input.utf8))
            try inPipe.fileHandleForWriting.close()
        }
        whileRunning(process)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs `/bin/sh -c script` from the package root (for resource limits).
    public static func run(shell script: String) throws -> Output {
        try run(["-c", script], executable: URL(fileURLWithPath: "/bin/sh"))
    }

    /// A fresh folder under the temporary directory.
    public static func temporaryFolder(_ prefix: String = "dsegym-test") -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

import ArgumentParser
import Foundation
import GymCore
import GymStore

/// How `dsegym` ends when a command throws: one exit status per kind of
/// failure, and one line on stderr, `error: <what>`, for every kind (the
/// README's "Exit codes" lists the same table).
///
///     0    success (and --help)
///     1    an unexpected failure (a bug: please report it)
///     2    bad input: a spec, preset, flag or argument (SpecError, usage errors)
///     3    the database or another file could not be read or written (StoreError)
///     4    a stored campaign cannot be continued as it was started (ResumeConflict)
///     130  interrupted: finished batches are logged, one still being
///          evaluated is discarded whole; resume continues
enum ExitStatus {
    static let badInput: Int32 = 2
    static let storage: Int32 = 3
    static let conflict: Int32 = 4

    /// The status for `error` and the line to print (nil: print nothing more).
    static func classify(_ error: Error, for command: any ParsableCommand.Type) -> (status: Int32, line: String?) {
        switch error {
        case let e as ExitCode:
            // Thrown after the command printed its own account (130 after an interruption).
            return (e.rawValue, nil)
        case let e as SpecError:
            return (badInput, "\(e)")
        case let e as StoreError:
            return (storage, "\(e)")
        case let e as ResumeConflict:
            return (conflict, "\(e)")
        case let e as CocoaError where e.isFileError:
            return (storage, e.localizedDescription)
        default:
            break
        }
        if command.exitCode(for: error) == .validationFailure {
            // A usage error from the argument parser: its first line says it all;
            // the four lines of usage after it would bury it.
            let first = command.message(for: error).split(whereSeparator: \.isNewline).first.map(String.init) ?? "invalid arguments"
            return (badInput, first + " (see --help)")
        }
        return (1, "\(error)")
    }

    /// Prints `error: <line>` on stderr, as one line whatever the message holds.
    static func report(_ line: String) {
        let flat = line.split(whereSeparator: \.isNewline).joined(separator: " ")
        FileHandle.standardError.write(Data("error: \(flat)\n".utf8))
    }
}

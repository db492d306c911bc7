import GymCore
import GymProxy
import GymStore

/// The trials a proxy is scored on (`proxy eval`), with the rule that keeps the
/// score honest: data the model was trained on is refused, dropped, or (only
/// when asked) scored with a warning that the figures then measure fit.
public struct ProxyHeldOutTrials {
    public enum OverlapPolicy: Sendable {
        /// Overlap is an error (the default).
        case refuse
        /// Training configurations are left out; a training campaign is still an error.
        case drop
        /// Everything is scored, with a warning.
        case allow
    }

    public var trials: TrialSet
    /// What the user should know about overlap, if anything.
    public var warning: String?

    public init(model: ProxyModel, space: DesignSpace, database: String, names: [String],
                policy: OverlapPolicy) throws {
        let store = try TrialStore.openReadOnly(database)
        trials = try TrialSet.load(store: store, names: names, fingerprint: model.environment.fingerprint, space: space)
        let overlap = ProxyEvaluation.overlap(of: trials, with: model)
        guard !overlap.isEmpty else { return }
        let what = (overlap.campaigns.isEmpty ? [] : ["campaign(s) \(overlap.campaigns.joined(separator: ", ")) were training data"])
            + (overlap.configurations == 0 ? [] : ["\(overlap.configurations) of \(trials.count) configurations were training configurations"])
        let message = "the evaluation data overlaps the model's training data: " + what.joined(separator: "; ")
        switch policy {
        case .allow:
            warning = message + ". --allow-overlap: these figures measure fit, not prediction, and flatter the model."
        case .drop where overlap.campaigns.isEmpty:
            trials = ProxyEvaluation.excludingTraining(trials, of: model)
            warning = "\(message); dropped them, scoring the \(trials.count) other configurations."
            guard trials.count > 0 else { throw SpecError(file: database, "no configuration left after dropping the training ones") }
        default:
            throw SpecError(file: database, key: names.isEmpty ? "--db" : "--name",
                            message + "; evaluate on a campaign or database the model never saw (e.g. a new campaign with another agent or seed)"
                            + (overlap.campaigns.isEmpty ? ", pass --drop-overlap to score only unseen configurations," : "")
                            + " or pass --allow-overlap to score anyway")
        }
    }
}

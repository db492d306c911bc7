import GymCore
import GymWorkloads

/// One task of a co-design problem (docs/references.md §5): a family of networks
/// generated from a choice vector, and a surrogate of the accuracy each
/// network would reach once trained.
///
/// Choices are parameters with short names (`filters1`, `depth`); the
/// co-design space prefixes them with the task name (`cifar10_filters1`).
/// A choice vector is a `Configuration` of the short names.
public protocol TaskNetworkFamily: Sendable {
    /// Task name, also the prefix of its parameters (`cifar10`).
    var name: String { get }
    /// What the task's accuracy measures (top-1 accuracy, IoU).
    var accuracyMeaning: String { get }
    /// The architecture choices, with short names.
    var choices: [Parameter] { get }
    /// The network as a layer table in the shared workload format.
    func workload(_ choice: Configuration) -> Workload
    /// Surrogate accuracy in [0, 1] (see each family's calibration notes).
    func surrogateAccuracy(_ choice: Configuration) -> Double
}

extension TaskNetworkFamily {
    /// `cifar10_filters1` for the choice `filters1`.
    public func parameterName(_ choice: String) -> String { "\(name)_\(choice)" }

    /// The task's choice vector inside a full co-design configuration.
    public func choice(in configuration: Configuration) -> Configuration {
        Configuration(Dictionary(uniqueKeysWithValues: choices.map { p in
            (p.name, configuration[parameterName(p.name)] ?? p.defaultValue)
        }))
    }

    /// The choices as co-design parameters (prefixed names).
    public var prefixedChoices: [Parameter] {
        choices.map { p in
            var q = p
            q.name = parameterName(p.name)
            q.summary = "\(name): \(p.summary)"
            return q
        }
    }

}

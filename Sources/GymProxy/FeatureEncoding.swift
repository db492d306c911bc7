import Foundation
import GymCore

/// How a configuration becomes a feature vector, as ArchGym's proxy does it
/// (docs/references.md §1): one 0/1 column per categorical choice (one-hot), one
/// column per numeric knob holding its value, or its log₂ when the knob spans
/// a geometric range (powers of two, log-scale reals) so that equal ratios
/// are equal steps.
///
/// The Gaussian process gets its own encoding (`gaussianProcessInputs`): one
/// coordinate per parameter, the unit-interval position for ordered knobs and
/// the choice index for categorical ones, which its Hamming kernel expects.
public struct FeatureEncoding: Codable, Hashable, Sendable {
    public struct Column: Codable, Hashable, Sendable {
        public enum Kind: String, Codable, Sendable {
            case oneHot = "one-hot", value, log2
        }
        /// Readable name: `dataflow=kcp_ws`, `log2(pes)`, `depth`.
        public var name: String
        public var parameter: String
        public var kind: Kind
        /// The choice a one-hot column stands for.
        public var choice: String?
    }

    public var parameters: [ParameterRecord]
    public var columns: [Column]

    /// The encoding of a design space.
    public init(space: DesignSpace) {
        parameters = space.parameters.map(ParameterRecord.init)
        columns = space.parameters.flatMap { p -> [Column] in
            switch p.domain {
            case .categorical(let choices):
                return choices.map { Column(name: "\(p.name)=\($0)", parameter: p.name, kind: .oneHot, choice: $0) }
            default:
                let log = FeatureEncoding.isGeometric(p.domain)
                return [Column(name: log ? "log2(\(p.name))" : p.name, parameter: p.name, kind: log ? .log2 : .value)]
            }
        }
    }

    /// True for positive numeric domains spanning at least a factor of 8 that
    /// are log-scaled by construction: ordinals (powers of two and the like)
    /// and log reals. Integer ranges stay linear.
    static func isGeometric(_ domain: Domain) -> Bool {
        switch domain {
        case .ordinal(let v):
            guard let lo = v.min(), let hi = v.max(), lo > 0 else { return false }
            return hi / lo >= 8
        case .real(let r, let log):
            return log && r.lowerBound > 0
        default:
            return false
        }
    }

    public var featureCount: Int { columns.count }

    /// The feature vector of a configuration (a missing or unknown value
    /// encodes as all-zero one-hot columns or NaN, which trees send right).
    public func features(_ configuration: Configuration) -> [Double] {
        var out = [Double]()
        out.reserveCapacity(columns.count)
        // Columns of one parameter are adjacent: look its value up once.
        var i = 0
        while i < columns.count {
            let name = columns[i].parameter
            let value = configuration[name]
            let number = value?.number
            let choice = number == nil ? value?.text : nil
            while i < columns.count, columns[i].parameter == name {
                switch columns[i].kind {
                case .oneHot: out.append(choice != nil && choice == columns[i].choice ? 1 : 0)
                case .value: out.append(number ?? .nan)
                case .log2: out.append(number.map { Foundation.log2($0) } ?? .nan)
                }
                i += 1
            }
        }
        return out
    }

    /// The design space the encoding was made from.
    public func designSpace(file: String?) throws -> DesignSpace {
        DesignSpace(try parameters.map { try $0.parameter(file: file) })
    }

    /// Which Gaussian-process coordinates are categorical (one per parameter).
    public var gaussianProcessCategorical: [Bool] { parameters.map { $0.kind == .categorical } }

    /// One coordinate per parameter: the choice index of a categorical, the
    /// position in [0, 1] of anything ordered (log-aware, see `Domain.unit(of:)`).
    public func gaussianProcessInputs(_ configuration: Configuration, space: DesignSpace) -> [Double] {
        space.parameters.map { p in
            guard let v = configuration[p.name] else { return 0 }
            if p.domain.isCategorical { return Double(p.domain.index(of: v) ?? 0) }
            return p.domain.unit(of: v)
        }
    }
}

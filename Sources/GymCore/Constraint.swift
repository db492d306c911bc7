/// A feasibility rule on a design space, e.g. "tile size divides the layer".
/// A configuration that breaks it is reported infeasible with `message`.
public struct Constraint: Sendable {
    public var name: String
    public var message: String
    public var isSatisfied: @Sendable (Configuration) -> Bool

    public init(_ name: String, message: String, _ isSatisfied: @escaping @Sendable (Configuration) -> Bool) {
        self.name = name
        self.message = message
        self.isSatisfied = isSatisfied
    }
}

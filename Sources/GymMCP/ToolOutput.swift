import MCP

/// What a tool returns: text for people and models, the same facts as
/// structured JSON for programs (`structuredContent`).
struct ToolOutput: Sendable {
    var text: String
    var structured: Value

    var result: CallTool.Result {
        CallTool.Result(content: [.text(text: text, annotations: nil, _meta: nil)], structuredContent: Value?.some(structured), isError: false)
    }

    /// A tool error: `isError: true` with the one-line message the CLI would print after `error: `.
    static func failure(_ message: String) -> CallTool.Result {
        CallTool.Result(content: [.text(text: message, annotations: nil, _meta: nil)], structuredContent: Value?.some(.object(["error": .string(message)])), isError: true)
    }
}

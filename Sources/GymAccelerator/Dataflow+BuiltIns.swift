import GymCore

/// The built-in dataflows, written in the text format users write.
///
/// `kcp_ws`, `rs` and `ykp_os` are MAESTRO's as docs/references.md §2 quotes them.
/// `xp_ws` and `tpu_ws` are DSEGym's own (MAESTRO's `xp_ws` file is not quoted
/// in our references), built from the descriptions in the comments.
extension Dataflow {
    /// NVDLA-like weight-stationary: K across clusters, C across the 64 PEs of a cluster.
    public static let kcpWS = builtIn("kcp_ws", """
        SpatialMap(1,1) K; TemporalMap(64,64) C; TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S;
        TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X;
        Cluster(64);
        SpatialMap(1,1) C; TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S
        """, depthwise: """
        SpatialMap(1,1) C; TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S
        """)

    /// Eyeriss row-stationary: output rows across clusters of R PEs; inside a
    /// cluster PE i holds filter row i and input row i (a diagonal), so the R
    /// PEs reduce one output row between them.
    public static let rs = builtIn("rs", """
        SpatialMap(1,1) Y'; TemporalMap(1,1) X'; TemporalMap(1,1) C; TemporalMap(16,16) K;
        TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S;
        Cluster(Sz(R));
        SpatialMap(1,1) Y; SpatialMap(1,1) R; TemporalMap(Sz(S),Sz(S)) S
        """)

    /// ShiDianNao-like output-stationary: output rows across clusters, 16 output
    /// channels inside a cluster, each PE accumulating one output in place.
    public static let ykpOS = builtIn("ykp_os", """
        TemporalMap(16,16) K; SpatialMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; TemporalMap(1,1) C;
        Cluster(16);
        SpatialMap(1,1) K; TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; TemporalMap(Sz(R),7) R; TemporalMap(Sz(S),7) S
        """)

    /// X-partitioned weight-stationary (DSEGym's reconstruction): output
    /// columns across clusters; inside a cluster of 16, PEs hold different
    /// output channels' filters for an 8-channel slice; K and C tiles stay
    /// (weight-stationary) while rows Y stream.
    public static let xpWS = builtIn("xp_ws", """
        TemporalMap(16,16) K; TemporalMap(8,8) C; TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S;
        SpatialMap(Sz(S),1) X; TemporalMap(Sz(R),1) Y;
        Cluster(16);
        SpatialMap(1,1) K; TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X
        """)

    /// TPU-like weight-stationary systolic array (DSEGym's): columns hold output
    /// channels (K across clusters), each 16-PE column holds 16 input channels
    /// (C across the cluster, reduced down the column) of one filter tap (R, S
    /// one at a time). Weights stay while 16 output columns, then 16 rows of N
    /// (tokens, for GEMMs) stream through.
    public static let tpuWS = builtIn("tpu_ws", """
        SpatialMap(1,1) K; TemporalMap(16,16) C; TemporalMap(1,1) R; TemporalMap(1,1) S;
        TemporalMap(1,1) Y'; TemporalMap(16,16) X'; TemporalMap(16,16) N;
        Cluster(16);
        SpatialMap(1,1) C
        """)

    /// Every built-in, by name.
    public static let builtIns: [Dataflow] = [kcpWS, rs, ykpOS, xpWS, tpuWS]

    public static var builtInNames: [String] { builtIns.map(\.name) }

    /// A built-in by name, or the text form parsed.
    /// - Throws: `SpecError` when `text` is neither a built-in name nor a readable dataflow.
    public static func named(_ text: String, key: String = "dataflow") throws -> Dataflow {
        if let b = builtIns.first(where: { $0.name == text }) { return b }
        guard text.contains("(") else {
            throw SpecError(key: key, "unknown dataflow '\(text)'; built-ins: \(builtInNames.joined(separator: ", ")), or write directives such as 'SpatialMap(1,1) K; Cluster(64); SpatialMap(1,1) C'")
        }
        return try parse(text, key: key)
    }

    private static func builtIn(_ name: String, _ text: String, depthwise: String? = nil) -> Dataflow {
        // The texts above are fixed and tested; a parse failure is a programming error.
        var d = try! parse(text, name: name)
        d.depthwiseDirectives = depthwise.map { try! parse($0, name: name).directives }
        return d
    }
}

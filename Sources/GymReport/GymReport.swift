/// Figures and reports drawn from the trial store, as self-contained SVG and HTML.
///
/// Layout: `Plot/` is a small SVG plotting layer (`Scale`, `Chart`, `Mark`,
/// legend); `Stats/` the statistics (quantiles, best-so-far bands,
/// trials-to-target ECDF, variance-based importance, first Pareto front);
/// `Data/` reads campaigns from a `TrialStore` and groups them by environment
/// and objective; `Figures/` turns a group into `Figure`s; `HTML/` and
/// `Report` assemble and write the page. Other modules add figures through
/// `FigureSource` (e.g. proxy parity plots with `ParityFigure`).
public enum GymReport {}

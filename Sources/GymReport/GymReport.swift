/// Figures and reports drawn from the trial store (self-contained SVG/HTML).
public enum GymReport {}

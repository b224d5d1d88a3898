import ExactArithmetic

/// The fast certified arithmetic of the engines: enclosures with `Double` endpoints, for
/// certificates that need only about ten digits (the unrefined Laplace rows, whose quadrature
/// tolerance is 10⁻¹⁰, and the curvature weights). `precision` is ignored: the endpoints have 53 bits.
extension DoubleInterval: EngineScalar {
  public init(_ value: Rational, precision: Int) { self.init(value) }
  public init(dyadic value: Double) { self.init(exactly: value) }
  public init(enclosure: Interval) { self.init(enclosing: enclosure) }
  public static func bracket(_ a: DoubleInterval, _ b: DoubleInterval) -> DoubleInterval { hull(a, b) }
  public var estimate: Double { midpoint }
}

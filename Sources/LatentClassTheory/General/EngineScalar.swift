import ContrastiveLoss
import ExactArithmetic
import Foundation

/// The arithmetic the expectation engines are generic over: `Double` for the
/// solver, ``Interval`` for certificates. One generic code path serves both, so the
/// solver optimizes exactly the function the certificate encloses.
public protocol EngineScalar: LossScalar {
  /// `value` rounded to this type (`Double`: nearest; `Interval`: an enclosure at `precision` bits).
  init(_ value: Rational, precision: Int)
  /// `e^x − 1`, accurate near 0.
  static func expm1(_ x: Self) -> Self
  /// `√x`.
  static func sqrt(_ x: Self) -> Self
  /// A value for a quantity known to lie between `a` and `b` (in either order):
  /// `Interval` returns the hull, which is certified; `Double` returns the midpoint.
  static func bracket(_ a: Self, _ b: Self) -> Self
  /// The exact value of a finite `Double` (every one is a dyadic rational).
  init(dyadic value: Double)
  /// A value for a quantity enclosed by `enclosure` (`Double`: a point inside; `Interval`: itself).
  init(enclosure: Interval)
  /// `self += a · b` without allocating where the type allows (hot quadrature loops).
  mutating func addProduct(_ a: Self, _ b: Self)
  /// A `Double` inside the value, for decisions that need no rigour (step sizes, refinement).
  var estimate: Double { get }
}

extension Double: EngineScalar {
  public init(_ value: Rational, precision: Int) { self = value.approximateDouble }
  public init(dyadic value: Double) { self = value }
  public init(enclosure: Interval) { self = enclosure.approximateDouble }
  public mutating func addProduct(_ a: Double, _ b: Double) { self += a * b }
  public static func expm1(_ x: Double) -> Double { Foundation.expm1(x) }
  public static func sqrt(_ x: Double) -> Double { x.squareRoot() }
  public static func bracket(_ a: Double, _ b: Double) -> Double { (a + b) / 2 }
  public var estimate: Double { self }
}

extension Interval: EngineScalar {
  public init(dyadic value: Double) { self.init(exactly: value) }
  public init(enclosure: Interval) { self = enclosure }
  public static func bracket(_ a: Interval, _ b: Interval) -> Interval { Interval.hull(a, b) }
  public var estimate: Double { approximateDouble }
}

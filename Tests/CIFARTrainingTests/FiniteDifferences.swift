import SeededRandom
import XCTest

@testable import CIFARTraining

/// Central finite differences for checking hand-written gradients in `Float`.
///
/// Each check perturbs by `step` and compares against the analytic value with a
/// tolerance `absolute + relative·|analytic|` chosen for Float rounding of O(1) losses.
enum FiniteDifferences {
  /// `(f(x + h e_i) − f(x − h e_i)) / 2h` for coordinate `index`.
  static func partial(_ f: ([Float]) -> Double, at point: [Float], index: Int, step: Float = 1e-2) -> Double {
    var plus = point
    var minus = point
    plus[index] += step
    minus[index] -= step
    return (f(plus) - f(minus)) / (Double(plus[index]) - Double(minus[index]))
  }

  /// The derivative of `f` along `direction`.
  static func directional(_ f: ([Float]) -> Double, at point: [Float], direction: [Float], step: Float = 1e-3) -> Double
  {
    let plus = zip(point, direction).map { $0 + step * $1 }
    let minus = zip(point, direction).map { $0 - step * $1 }
    return (f(plus) - f(minus)) / (2 * Double(step))
  }

  /// Asserts every coordinate of `analytic` against the finite difference of `f`.
  static func assertGradient(
    _ analytic: [Float], of f: ([Float]) -> Double, at point: [Float], step: Float = 1e-2,
    tolerance: Double = 2e-3, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(analytic.count, point.count, "gradient size", file: file, line: line)
    for index in point.indices {
      let numeric = partial(f, at: point, index: index, step: step)
      XCTAssertEqual(
        Double(analytic[index]), numeric, accuracy: tolerance * (1 + abs(numeric)),
        "coordinate \(index)", file: file, line: line)
    }
  }

  /// `Σ weights_i · values_i` in `Double`: a linear loss whose gradient is `weights`.
  static func weightedSum(_ values: [Float], _ weights: [Float]) -> Double {
    zip(values, weights).reduce(0) { $0 + Double($1.0) * Double($1.1) }
  }

  /// `count` standard normal draws.
  static func gaussians(_ count: Int, _ generator: inout SplitMix64) -> [Float] {
    (0..<count).map { _ in generator.gaussian() }
  }
}

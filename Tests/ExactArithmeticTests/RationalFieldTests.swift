import ExactArithmetic
import TestSupport
import XCTest

/// The field laws, canonical form, ordering and hashing of `Rational`, on seeded random values.
final class RationalFieldTests: XCTestCase {
  func testFieldLaws() {
    forEachSeed(400) { random, seed in
      let a = random.rational()
      let b = random.rational()
      let c = random.rational()
      XCTAssertEqual(a + b, b + a, seed)
      XCTAssertEqual(a * b, b * a, seed)
      XCTAssertEqual((a + b) + c, a + (b + c), seed)
      XCTAssertEqual((a * b) * c, a * (b * c), seed)
      XCTAssertEqual(a * (b + c), a * b + a * c, seed)
      XCTAssertEqual(a + .zero, a, seed)
      XCTAssertEqual(a * 1, a, seed)
      XCTAssertEqual(a + (-a), .zero, seed)
      XCTAssertEqual(a - b, a + (-b), seed)
      XCTAssertEqual(-(-a), a, seed)
      if a.signum != 0 {
        XCTAssertEqual(a * a.reciprocal, 1, seed)
        XCTAssertEqual(b / a * a, b, seed)
        if b.signum != 0 { XCTAssertEqual((b / a).reciprocal, a / b, seed) }
      }
    }
  }

  /// The compound assignments agree with the binary operators, also when both sides alias.
  func testCompoundAssignment() {
    forEachSeed(200) { random, seed in
      let a = random.rational()
      let b = random.nonZeroRational()
      var x = a
      x += b
      XCTAssertEqual(x, a + b, seed)
      x = a
      x -= b
      XCTAssertEqual(x, a - b, seed)
      x = a
      x *= b
      XCTAssertEqual(x, a * b, seed)
      x = a
      x /= b
      XCTAssertEqual(x, a / b, seed)
      x = a
      x += x
      XCTAssertEqual(x, 2 * a, seed)
      x = a
      x *= x
      XCTAssertEqual(x, a * a, seed)
    }
  }

  /// `a < b` exactly when `a − b` is negative, and the order is total.
  func testOrderingAgreesWithSignOfDifference() {
    forEachSeed(400) { random, seed in
      let a = random.rational()
      // Half the cases compare a value with itself reached another way, to hit equality.
      let b = Bool.random(using: &random) ? random.rational() : (a + 1) - 1
      let sign = (a - b).signum
      XCTAssertEqual(a < b, sign < 0, seed)
      XCTAssertEqual(a > b, sign > 0, seed)
      XCTAssertEqual(a == b, sign == 0, seed)
      XCTAssertEqual([a < b, a == b, a > b].filter { $0 }.count, 1, seed)
      // Cross-multiplication by positive denominators preserves the order.
      let crossed = a.numerator * b.denominator - b.numerator * a.denominator
      XCTAssertEqual(crossed.signum, sign, seed)
    }
  }

  /// Every value is stored in lowest terms with a positive denominator, whatever the input signs.
  func testCanonicalForm() {
    forEachSeed(300) { random, seed in
      let numerator = random.bigInt(limbs: 2)
      var denominator = random.bigInt(limbs: 2)
      if denominator.signum == 0 { denominator = BigInt(-7) }
      let common = random.bigInt(limbs: 1)
      let scale = common.signum == 0 ? BigInt(3) : common
      let value = Rational(numerator * scale, denominator * scale)
      XCTAssertEqual(value, Rational(numerator, denominator), seed)
      XCTAssertEqual(value.denominator.signum, 1, seed)
      XCTAssertEqual(BigInt.gcd(value.numerator, value.denominator), BigInt(1), seed)
      // n/d reconstructs the value: n · d' = n' · d.
      XCTAssertEqual(value.numerator * denominator, numerator * value.denominator, seed)
    }
    XCTAssertEqual(Rational(6, -4).numerator, BigInt(-3))
    XCTAssertEqual(Rational(6, -4).denominator, BigInt(2))
    XCTAssertEqual(Rational(0, -5).denominator, BigInt(1))
    XCTAssertTrue(Rational(4, 2).isInteger)
    XCTAssertFalse(Rational(1, 2).isInteger)
  }

  func testHashingIsConsistentWithEquality() {
    XCTAssertEqual(Rational(2, 4), Rational(1, 2))
    XCTAssertEqual(Rational(2, 4).hashValue, Rational(1, 2).hashValue)
    XCTAssertEqual(Rational(-2, -4).hashValue, Rational(1, 2).hashValue)
    XCTAssertEqual(Rational(0, 7).hashValue, Rational.zero.hashValue)
    XCTAssertEqual(Set([Rational(2, 4), Rational(1, 2), Rational(3, 6), Rational(-1, -2)]).count, 1)
    forEachSeed(200) { random, seed in
      let value = random.rational()
      let scale = BigInt(Int.random(in: 1...1_000_000, using: &random))
      let scaled = Rational(value.numerator * scale, value.denominator * scale)
      let recomputed = (value * 3 - value) / 2
      XCTAssertEqual(scaled, value, seed)
      XCTAssertEqual(scaled.hashValue, value.hashValue, seed)
      XCTAssertEqual(recomputed.hashValue, value.hashValue, seed)
    }
  }

  func testIntegerPowers() {
    XCTAssertEqual(Rational(2, 3).power(3), Rational(8, 27))
    XCTAssertEqual(Rational(-2, 3).power(3), Rational(-8, 27))
    XCTAssertEqual(Rational(-2, 3).power(-2), Rational(9, 4))
    XCTAssertEqual(Rational(5, 7).power(0), 1)
    forEachSeed(100) { random, seed in
      let base = random.smallRational(bound: 50)
      guard base.signum != 0 else { return }
      let m = Int.random(in: -6...6, using: &random)
      let n = Int.random(in: -6...6, using: &random)
      XCTAssertEqual(base.power(m) * base.power(n), base.power(m + n), seed)
      var product: Rational = 1
      for _ in 0..<abs(m) { product *= base }
      XCTAssertEqual(base.power(m), m >= 0 ? product : product.reciprocal, seed)
    }
  }

  func testCopyOnWrite() {
    let original = Rational(22, 7)
    var copy = original
    copy += 1
    XCTAssertEqual(original, Rational(22, 7))
    XCTAssertEqual(copy, Rational(29, 7))
    var product = original
    product *= product
    XCTAssertEqual(product, Rational(484, 49))
    XCTAssertEqual(original, Rational(22, 7))
  }
}

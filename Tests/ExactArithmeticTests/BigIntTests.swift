import ExactArithmetic
import TestSupport
import XCTest

/// `BigInt` against `Int` where `Int` is exact, and the division identities beyond it.
final class BigIntTests: XCTestCase {
  /// Operands below 2³¹ in magnitude, so every `Int` result below is exact.
  func testArithmeticAgreesWithIntOnSmallValues() {
    forEachSeed(500) { random, seed in
      let a = Int.random(in: -(1 << 31)...(1 << 31), using: &random)
      let b = Int.random(in: -(1 << 31)...(1 << 31), using: &random)
      let x = BigInt(a)
      let y = BigInt(b)
      XCTAssertEqual((x + y).exactInt, a + b, seed)
      XCTAssertEqual((x - y).exactInt, a - b, seed)
      XCTAssertEqual((x * y).exactInt, a * b, seed)
      XCTAssertEqual((-x).exactInt, -a, seed)
      XCTAssertEqual(x.magnitude.exactInt, a.magnitude == 0 ? 0 : Int(a.magnitude), seed)
      XCTAssertEqual(x.signum, a.signum(), seed)
      XCTAssertEqual(x < y, a < b, seed)
      XCTAssertEqual(x == y, a == b, seed)
      XCTAssertEqual(x.description, String(a), seed)
      XCTAssertEqual(x.bitWidth, Int.bitWidth - a.magnitude.leadingZeroBitCount, seed)
      if b != 0 {
        // Truncating division, like Int's.
        XCTAssertEqual((x / y).exactInt, a / b, seed)
        XCTAssertEqual((x % y).exactInt, a % b, seed)
      }
      var sum = x
      sum += y
      var difference = x
      difference -= y
      var product = x
      product *= y
      XCTAssertEqual(sum.exactInt, a + b, seed)
      XCTAssertEqual(difference.exactInt, a - b, seed)
      XCTAssertEqual(product.exactInt, a * b, seed)
    }
  }

  /// Truncating division on every sign combination, spelled out.
  func testDivisionTruncatesTowardZero() {
    let cases: [(Int, Int, Int, Int)] = [(7, 2, 3, 1), (-7, 2, -3, -1), (7, -2, -3, 1), (-7, -2, 3, -1), (6, 3, 2, 0)]
    for (a, b, quotient, remainder) in cases {
      XCTAssertEqual((BigInt(a) / BigInt(b)).exactInt, quotient, "\(a) / \(b)")
      XCTAssertEqual((BigInt(a) % BigInt(b)).exactInt, remainder, "\(a) % \(b)")
    }
  }

  /// `a = (a / b) · b + a % b` with `|a % b| < |b|` and the remainder carrying the
  /// dividend's sign, on multi-limb operands.
  func testQuotientRemainderIdentity() {
    forEachSeed(300) { random, seed in
      let a = random.bigInt(limbs: 6)
      var b = random.bigInt(limbs: 3)
      if b.signum == 0 { b = BigInt(1) }
      let quotient = a / b
      let remainder = a % b
      XCTAssertEqual(quotient * b + remainder, a, seed)
      XCTAssertLessThan(remainder.magnitude, b.magnitude, seed)
      XCTAssertTrue(remainder.signum == 0 || remainder.signum == a.signum, seed)
      // Truncation: the quotient is the largest in magnitude with |q·b| ≤ |a|.
      XCTAssertLessThanOrEqual((quotient * b).magnitude, a.magnitude, seed)
    }
  }

  func testRingLawsOnLargeValues() {
    forEachSeed(200) { random, seed in
      let a = random.bigInt(limbs: 5)
      let b = random.bigInt(limbs: 5)
      let c = random.bigInt(limbs: 5)
      XCTAssertEqual(a + b, b + a, seed)
      XCTAssertEqual(a * b, b * a, seed)
      XCTAssertEqual((a + b) + c, a + (b + c), seed)
      XCTAssertEqual((a * b) * c, a * (b * c), seed)
      XCTAssertEqual(a * (b + c), a * b + a * c, seed)
      XCTAssertEqual(a - a, BigInt.zero, seed)
      XCTAssertEqual(a + (-a), BigInt.zero, seed)
      XCTAssertEqual((a - b).signum, a == b ? 0 : (a < b ? -1 : 1), seed)
      XCTAssertEqual(BigInt(a.description), a, seed)
    }
  }

  func testIntBoundariesConvertExactly() {
    XCTAssertEqual(BigInt(Int.max).exactInt, Int.max)
    XCTAssertEqual(BigInt(Int.min).exactInt, Int.min)
    XCTAssertEqual(BigInt(Int.max).description, "9223372036854775807")
    XCTAssertEqual(BigInt(Int.min).description, "-9223372036854775808")
    XCTAssertNil((BigInt(Int.max) + BigInt(1)).exactInt)
    XCTAssertNil((BigInt(Int.min) - BigInt(1)).exactInt)
    XCTAssertEqual((-BigInt(Int.min)).description, "9223372036854775808")
    XCTAssertEqual(BigInt(Int.min).bitWidth, 64)
  }

  func testCombinatorics() {
    var factorial = 1
    for n in 0...20 {
      if n > 0 { factorial *= n }
      XCTAssertEqual(BigInt.factorial(n).exactInt, factorial, "\(n)!")
    }
    XCTAssertEqual(BigInt.factorial(25).description, "15511210043330985984000000")
    // Pascal's rule, and the boundaries.
    for n in 1...40 {
      for k in 1..<n {
        XCTAssertEqual(
          BigInt.binomial(n, k), BigInt.binomial(n - 1, k - 1) + BigInt.binomial(n - 1, k), "C(\(n), \(k))")
      }
      XCTAssertEqual(BigInt.binomial(n, 0), BigInt(1))
      XCTAssertEqual(BigInt.binomial(n, n), BigInt(1))
      XCTAssertEqual(BigInt.binomial(n, n + 1), BigInt(0))
      XCTAssertEqual(BigInt.binomial(n, -1), BigInt(0))
    }
    XCTAssertEqual(BigInt(2).power(100).description, "1267650600228229401496703205376")
    XCTAssertEqual(BigInt(-3).power(3).exactInt, -27)
    XCTAssertEqual(BigInt(0).power(0).exactInt, 1)
    XCTAssertEqual(BigInt.gcd(BigInt(-12), BigInt(18)).exactInt, 6)
    XCTAssertEqual(BigInt.gcd(BigInt(0), BigInt(0)).exactInt, 0)
  }

  func testParsing() {
    XCTAssertEqual(BigInt("123")?.exactInt, 123)
    XCTAssertEqual(BigInt("-123")?.exactInt, -123)
    XCTAssertEqual(BigInt("+123")?.exactInt, 123)
    XCTAssertEqual(BigInt("007")?.exactInt, 7)
    for bad in ["", "-", "+", " 1", "1 ", "1.0", "--1", "+-1", "0x10", "1e3", "١"] {
      XCTAssertNil(BigInt(bad), "\"\(bad)\" should not parse")
    }
  }

  func testHashingIsConsistentWithEquality() {
    forEachSeed(200) { random, seed in
      let a = random.bigInt(limbs: 4)
      let b = random.bigInt(limbs: 4)
      // The same value reached by a different computation (fresh storage).
      let same = (a + b) - b
      XCTAssertEqual(same, a, seed)
      XCTAssertEqual(same.hashValue, a.hashValue, seed)
      XCTAssertEqual(Set([a, same, BigInt(a.description)!]).count, 1, seed)
    }
    XCTAssertEqual((BigInt(5) - BigInt(5)).hashValue, BigInt.zero.hashValue)
  }

  /// Copies share storage until written; a write must not leak into the other copy.
  func testCopyOnWrite() {
    let original = BigInt("123456789012345678901234567890")!
    var copy = original
    copy += BigInt(1)
    XCTAssertEqual(original.description, "123456789012345678901234567890")
    XCTAssertEqual(copy.description, "123456789012345678901234567891")
    var product = original
    product *= product
    XCTAssertEqual(product, original * original)
    XCTAssertEqual(original.description, "123456789012345678901234567890")
    var difference = original
    difference -= difference
    XCTAssertEqual(difference, BigInt.zero)
    XCTAssertEqual(original.description, "123456789012345678901234567890")
  }
}

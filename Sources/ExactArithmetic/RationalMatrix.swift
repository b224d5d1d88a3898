/// A dense matrix of exact rationals, row-major.
public struct RationalMatrix: Sendable, Equatable {
  public let rows: Int
  public let columns: Int
  /// Entries in row-major order.
  public private(set) var entries: [Rational]

  /// A `rows × columns` matrix whose entry `(i, j)` is `entry(i, j)`.
  public init(rows: Int, columns: Int, entry: (Int, Int) -> Rational) {
    precondition(rows >= 0 && columns >= 0, "negative dimension")
    self.rows = rows
    self.columns = columns
    var entries: [Rational] = []
    entries.reserveCapacity(rows * columns)
    for i in 0..<rows {
      for j in 0..<columns { entries.append(entry(i, j)) }
    }
    self.entries = entries
  }

  /// A matrix from nested rows, which must all have the same length.
  public init(_ rows: [[Rational]]) {
    let width = rows.first?.count ?? 0
    precondition(rows.allSatisfy { $0.count == width }, "ragged rows")
    self.init(rows: rows.count, columns: width) { rows[$0][$1] }
  }

  /// The `n × n` identity.
  public static func identity(_ n: Int) -> RationalMatrix {
    RationalMatrix(rows: n, columns: n) { $0 == $1 ? 1 : 0 }
  }

  /// The `n × n` all-ones matrix `J`.
  public static func ones(_ n: Int) -> RationalMatrix {
    RationalMatrix(rows: n, columns: n) { _, _ in 1 }
  }

  public subscript(row: Int, column: Int) -> Rational {
    get { entries[row * columns + column] }
    set { entries[row * columns + column] = newValue }
  }

  public var isSquare: Bool { rows == columns }

  public var isSymmetric: Bool {
    isSquare && (0..<rows).allSatisfy { i in (0..<i).allSatisfy { j in self[i, j] == self[j, i] } }
  }

  /// The entries rounded to `Double`, row by row (for solvers and plots, never for proofs).
  ///
  /// - Complexity: O(rows · columns) conversions.
  public var approximateDoubles: [[Double]] { entries(\.approximateDouble) }

  /// The entries converted by `convert`, row by row (to the scalar an engine evaluates in).
  ///
  /// - Complexity: O(rows · columns) conversions.
  public func entries<T>(_ convert: (Rational) -> T) -> [[T]] {
    (0..<rows).map { i in (0..<columns).map { convert(self[i, $0]) } }
  }

  public var transposed: RationalMatrix {
    RationalMatrix(rows: columns, columns: rows) { self[$1, $0] }
  }

  /// The Frobenius inner product `⟨A, B⟩ = Σ A_ij B_ij`.
  public static func frobenius(_ a: RationalMatrix, _ b: RationalMatrix) -> Rational {
    precondition(a.rows == b.rows && a.columns == b.columns, "shape mismatch")
    return zip(a.entries, b.entries).reduce(Rational.zero) { $0 + $1.0 * $1.1 }
  }

  public static func + (a: RationalMatrix, b: RationalMatrix) -> RationalMatrix {
    precondition(a.rows == b.rows && a.columns == b.columns, "shape mismatch")
    return RationalMatrix(rows: a.rows, columns: a.columns) { a[$0, $1] + b[$0, $1] }
  }

  public static func - (a: RationalMatrix, b: RationalMatrix) -> RationalMatrix {
    precondition(a.rows == b.rows && a.columns == b.columns, "shape mismatch")
    return RationalMatrix(rows: a.rows, columns: a.columns) { a[$0, $1] - b[$0, $1] }
  }

  public static func * (scalar: Rational, a: RationalMatrix) -> RationalMatrix {
    RationalMatrix(rows: a.rows, columns: a.columns) { scalar * a[$0, $1] }
  }

  /// The matrix product.
  ///
  /// - Complexity: O(rows · columns · b.columns) exact multiplications.
  public static func * (a: RationalMatrix, b: RationalMatrix) -> RationalMatrix {
    precondition(a.columns == b.rows, "shape mismatch")
    return RationalMatrix(rows: a.rows, columns: b.columns) { i, j in
      (0..<a.columns).reduce(Rational.zero) { $0 + a[i, $1] * b[$1, j] }
    }
  }

  /// `xᵀ A x`.
  public func quadraticForm(_ x: [Rational]) -> Rational {
    precondition(isSquare && x.count == rows, "shape mismatch")
    var total = Rational.zero
    for i in 0..<rows where x[i].signum != 0 {
      var row = Rational.zero
      for j in 0..<columns where x[j].signum != 0 { row += self[i, j] * x[j] }
      total += x[i] * row
    }
    return total
  }
}

/// `e^x` and `e^x − 1` for `x ≤ 0` in `Double`, four arguments at a time, without calls into libm:
/// the inner loop of the `Double` Laplace kernel (``DoubleFrullaniKernel``), where glibc's `expm1`
/// took about a third of `verify --rho zipf:1:100 --k 2`.
///
/// **Method.** `x = n·ln 2 + r` with `n` the nearest integer to `x/ln 2` (found by the shifter
/// `1.5·2^52`, whose low mantissa bits then hold `n`) and `r = (x − n·ln2_hi) − n·ln2_lo`
/// (Cody–Waite: `ln2_hi` has 32 significant bits, so `n·ln2_hi` and the first subtraction are exact),
/// `|r| ≤ ln 2 / 2 + 2^{−40}`. Then `q = e^r − 1` by its Taylor polynomial of degree 13 (Horner), and with
/// `2^n` built from its bit pattern,
///
///     e^x = 2^n·q + 2^n,        e^x − 1 = 2^n·q + (2^n − 1).
///
/// For `|x| < ln 2 / 2` the shifter gives `n = 0` and `r = x` exactly, so `e^x − 1 = q` keeps its
/// relative accuracy near 0 (no cancellation); further out `|e^x − 1| ≥ 0.29` and the two terms
/// cannot cancel. Arguments below `−708` are clamped there, where `e^x < 3.4·10^{−308}`.
///
/// Error bound: the truncated Taylor term is below `|r|^{14}/14! ≤ 4.3·10^{−18}` absolute and
/// `|r|^{13}/14! ≤ 1.4·10^{−17}` relative to `|q|`; with the rounding of Horner's scheme and the final
/// sums both results are within about 2 ulps (relative error below `5·10^{−16}`) for `−708 ≤ x ≤ 0`;
/// below `−708` the absolute error is below `3.4·10^{−308}`. The tests compare with libm on a grid.
///
/// - Complexity: O(1): 13 multiply–adds and a handful of integer operations per lane, no branches.
enum NegativeExponential {
  /// Four lanes, so the compiler keeps two SSE2 registers' worth of independent work per step.
  typealias Lanes = SIMD4<Double>

  /// `(e^x, e^x − 1)` lane by lane, for `x ≤ 0` (see the type's error bound).
  @inline(__always)
  static func exponentials(_ x: Lanes) -> (exp: Lanes, expm1: Lanes) {
    let shifter = 0x1.8p52
    let clamped = x.replacing(with: -708, where: x .< -708)
    let shifted = clamped * 1.4426950408889634 + shifter
    let n = shifted - shifter
    // ln 2 = ln2_hi + ln2_lo (fdlibm's split).
    let r = (clamped - n * 6.93147180369123816490e-01) - n * 1.90821492927058770002e-10
    // Horner's scheme for e^r − 1 = r + r²(1/2! + r(1/3! + … + r/13!)).
    var q = r * 1.6059043836821613e-10 + 2.08767569878681e-09
    q = q * r + 2.505210838544172e-08
    q = q * r + 2.755731922398589e-07
    q = q * r + 2.7557319223985893e-06
    q = q * r + 2.48015873015873e-05
    q = q * r + 0.0001984126984126984
    q = q * r + 0.001388888888888889
    q = q * r + 0.008333333333333333
    q = q * r + 0.041666666666666664
    q = q * r + 0.16666666666666666
    q = q * r + 0.5
    q = r + (r * r) * q
    // `shifted`'s bit pattern is that of 1.5·2^52 plus n; its low 12 bits (n + 1023 after the add)
    // become the exponent field of 2^n, the shifter's own bits shifting out.
    let bits = unsafeBitCast(shifted, to: SIMD4<UInt64>.self) &+ 1023
    let scale = unsafeBitCast(bits &<< 52, to: Lanes.self)
    let scaled = scale * q
    return (scaled + scale, scaled + (scale - 1))
  }
}

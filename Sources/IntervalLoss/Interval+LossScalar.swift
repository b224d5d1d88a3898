import ContrastiveLoss
import ExactArithmetic

/// Certified conformance: every loss evaluated in `Interval` is an enclosure of the exact loss.
///
/// It lives in its own module so that `ContrastiveLoss`, and with it the `Float` trainer,
/// does not link GMP and MPFR.
extension Interval: LossScalar {}

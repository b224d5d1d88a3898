import ContrastiveLoss
import ExactArithmetic

/// Certified conformance: every loss evaluated in `DoubleInterval` is an enclosure of the exact loss,
/// about fifteen digits wide at best (for more, ``Interval``).
extension DoubleInterval: LossScalar {}

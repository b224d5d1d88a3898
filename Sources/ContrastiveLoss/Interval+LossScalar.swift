import ExactArithmetic

/// Certified conformance: every loss evaluated in `Interval` is an enclosure of the exact loss.
extension Interval: LossScalar {}

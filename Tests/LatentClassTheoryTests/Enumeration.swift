import ContrastiveLoss
import Foundation

/// Brute-force population quantities of a class-level model, by enumerating every
/// anchor class and every ordered sequence of negative classes (`N^k` of them).
/// Independent of the engines under test: it uses only the per-draw ``NCELoss``.
struct EnumeratedModel {
  let gram: [[Double]]
  let rho: [Double]
  let scale: Double
  let negatives: Int

  var classes: Int { rho.count }

  /// `L_k(G)` and its gradient, entry `(c, c')` being the partial derivative with
  /// respect to `G_{cc'}` as it appears in the scores of anchors of class `c`.
  func lossAndGradient() -> (loss: Double, gradient: [[Double]]) {
    var loss = 0.0
    var gradient = Array(repeating: Array(repeating: 0.0, count: classes), count: classes)
    for anchor in 0..<classes {
      forEachSequence { sequence, probability in
        let weight = rho[anchor] * probability
        let (value, positive, perNegative) = NCELoss.lossAndGradient(
          positive: gram[anchor][anchor], negatives: sequence.map { gram[anchor][$0] }, scale: scale)
        loss += weight * value
        gradient[anchor][anchor] += weight * positive
        for (negativeClass, derivative) in zip(sequence, perNegative) {
          gradient[anchor][negativeClass] += weight * derivative
        }
      }
    }
    return (loss, gradient)
  }

  private func forEachSequence(_ body: ([Int], Double) -> Void) {
    var sequence = Array(repeating: 0, count: negatives)
    let total = Int(pow(Double(classes), Double(negatives)))
    for code in 0..<total {
      var rest = code
      var probability = 1.0
      for i in 0..<negatives {
        sequence[i] = rest % classes
        rest /= classes
        probability *= rho[sequence[i]]
      }
      body(sequence, probability)
    }
  }
}

/// Non-overlapping 2×2 max pooling with stride 2 on `[C, B, H, W]` activations
/// (`H` and `W` even); the backward pass routes each gradient to the window's maximum.
public enum MaxPool2x2 {
  /// The pooled activation and, per output, which of the four inputs won (0…3,
  /// row-major in the window; the first maximum on ties).
  ///
  /// - Complexity: O(input.count).
  static func forward(_ input: [Float], shape: FeatureMapShape) -> (output: [Float], winners: [UInt8]) {
    precondition(shape.height % 2 == 0 && shape.width % 2 == 0, "max pooling needs even sides")
    let (height, width) = (shape.height, shape.width)
    let (outHeight, outWidth) = (height / 2, width / 2)
    let planes = shape.channels * shape.batch
    var output = [Float](repeating: 0, count: planes * outHeight * outWidth)
    var winners = [UInt8](repeating: 0, count: output.count)
    input.withUnsafeBufferPointer { input in
      output.withUnsafeMutableBufferPointer { output in
        winners.withUnsafeMutableBufferPointer { winners in
          for plane in 0..<planes {
            let source = input.baseAddress! + plane * height * width
            let outBase = plane * outHeight * outWidth
            for y in 0..<outHeight {
              for x in 0..<outWidth {
                let corner = source + 2 * y * width + 2 * x
                let window = (corner[0], corner[1], corner[width], corner[width + 1])
                var best = window.0
                var winner: UInt8 = 0
                if window.1 > best {
                  best = window.1
                  winner = 1
                }
                if window.2 > best {
                  best = window.2
                  winner = 2
                }
                if window.3 > best {
                  best = window.3
                  winner = 3
                }
                output[outBase + y * outWidth + x] = best
                winners[outBase + y * outWidth + x] = winner
              }
            }
          }
        }
      }
    }
    return (output, winners)
  }

  /// The gradient with respect to the input of shape `shape`.
  ///
  /// - Complexity: O(shape.count).
  static func backward(_ outputGradient: [Float], winners: [UInt8], shape: FeatureMapShape) -> [Float] {
    let (height, width) = (shape.height, shape.width)
    let (outHeight, outWidth) = (height / 2, width / 2)
    var inputGradient = [Float](repeating: 0, count: shape.count)
    outputGradient.withUnsafeBufferPointer { outputGradient in
      winners.withUnsafeBufferPointer { winners in
        inputGradient.withUnsafeMutableBufferPointer { inputGradient in
          for plane in 0..<shape.channels * shape.batch {
            let outBase = plane * outHeight * outWidth
            let inBase = plane * height * width
            for y in 0..<outHeight {
              for x in 0..<outWidth {
                let winner = Int(winners[outBase + y * outWidth + x])
                let target = inBase + (2 * y + winner / 2) * width + 2 * x + winner % 2
                inputGradient[target] = outputGradient[outBase + y * outWidth + x]
              }
            }
          }
        }
      }
    }
    return inputGradient
  }
}

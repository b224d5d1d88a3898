import CIFARTraining
import CommandLineSupport
import Foundation
import TrainingResults

/// Formats training progress: a bar for terminals, a plain line for logs.
public enum ProgressLine {
  /// `k=64 epoch 3/10 [#######.............]  35% loss 2.3134  812 img/s  ETA 4m05s`
  /// where the ETA covers the remaining epochs of this k at the current rate.
  public static func bar(_ progress: StepProgress, negatives: Int, width: Int = 24) -> String {
    let fraction = Double(progress.step) / Double(progress.stepsPerEpoch)
    let filled = Int(fraction * Double(width))
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    return
      "k=\(negatives) epoch \(progress.epoch)/\(progress.epochs) [\(bar)] \(String(format: "%3.0f%%", 100 * fraction)) "
      + summary(progress)
  }

  /// `k=64 epoch 3/10 step 120/196 loss 2.3134  812 img/s  ETA 4m05s`.
  public static func plain(_ progress: StepProgress, negatives: Int) -> String {
    "k=\(negatives) epoch \(progress.epoch)/\(progress.epochs) step \(progress.step)/\(progress.stepsPerEpoch) "
      + summary(progress)
  }

  static func summary(_ progress: StepProgress) -> String {
    let stepsLeft = (progress.epochs - progress.epoch + 1) * progress.stepsPerEpoch - progress.step
    let eta = Double(stepsLeft) * progress.elapsedSeconds / Double(max(progress.step, 1))
    return String(format: "loss %.4f  %.0f img/s  ETA ", progress.meanLoss, progress.imagesPerSecond)
      + TerminalProgress.duration(eta)
  }
}

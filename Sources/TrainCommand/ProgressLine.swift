import CIFARTraining
import CommandLineSupport
import Foundation
import TrainingResults

/// Formats training progress: the label of the terminal bar, and a plain line for logs.
public enum ProgressLine {
  /// `k=64 epoch 3/10 loss 2.3134  812 img/s`: the label of the terminal bar
  /// (``TerminalProgress``), which adds the fraction and the ETA of the whole run.
  public static func label(_ progress: StepProgress, negatives: Int) -> String {
    "k=\(negatives) epoch \(progress.epoch)/\(progress.epochs) "
      + String(format: "loss %.4f  %.0f img/s", progress.meanLoss, progress.imagesPerSecond)
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

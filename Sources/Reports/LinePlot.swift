import Foundation

/// A small, dependency-free SVG line chart with deterministic output, so a
/// regenerated report is byte-identical.
public struct LinePlot: Sendable {
  public struct Series: Sendable {
    public var label: String
    public var points: [(x: Double, y: Double)]
    public var color: String
    public var dashed: Bool
    /// Vertical bars from `low` to `high` at `x` (a spread over seeds, say), drawn in the series' colour.
    public var bars: [(x: Double, low: Double, high: Double)]
    /// A shaded band from `low` to `high` over the x values (an interval, say), drawn
    /// translucent under every line so a line inside it stays visible.
    public var band: [(x: Double, low: Double, high: Double)]

    public init(
      label: String, points: [(x: Double, y: Double)], color: String, dashed: Bool = false,
      bars: [(x: Double, low: Double, high: Double)] = [], band: [(x: Double, low: Double, high: Double)] = []
    ) {
      self.label = label
      self.points = points
      self.color = color
      self.dashed = dashed
      self.bars = bars
      self.band = band
    }
  }

  public var title: String
  public var xLabel: String
  public var yLabel: String
  public var series: [Series]
  public var logY: Bool
  public var logX: Bool
  /// With `logY`: the series' y values are already base-10 logarithms, for
  /// quantities beyond the range of `Double` (a bound of 10^458, say).
  public var yValuesAreLog10: Bool
  /// Fixed y limits (in plotted units: log10 with `logY`); lines beyond them are clipped.
  public var yLimits: (Double, Double)?
  /// Only whole-number ticks on a linear x axis (epochs, say), where 1.5 would mean nothing.
  public var integerXTicks: Bool

  public init(
    title: String, xLabel: String, yLabel: String, series: [Series], logX: Bool = false, logY: Bool = false,
    yValuesAreLog10: Bool = false, yLimits: (Double, Double)? = nil, integerXTicks: Bool = false
  ) {
    self.yLimits = yLimits
    self.integerXTicks = integerXTicks
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.series = series
    self.logX = logX
    self.logY = logY
    self.yValuesAreLog10 = yValuesAreLog10
  }

  private let width = 720.0, height = 420.0
  private let left = 78.0, right = 190.0, top = 40.0, bottom = 56.0

  /// The chart as a standalone SVG document.
  ///
  /// Points with a non-finite coordinate (or non-positive on a log axis) are skipped. The
  /// legend lists only what is drawn, with the glyph it is drawn with: a line for two or
  /// more points, a dot for one, a shaded box for a band, a bar for bars alone.
  public func svg() -> String {
    let usable = series.map { s in s.points.filter { isPlottable($0) } }
    let usableBars = series.map { s in s.bars.filter { isPlottable(($0.x, $0.low)) && isPlottable(($0.x, $0.high)) } }
    let usableBands = series.map { s in s.band.filter { isPlottable(($0.x, $0.low)) && isPlottable(($0.x, $0.high)) } }
    let xs = (usable.flatMap { $0.map(\.x) } + usableBands.flatMap { $0.map(\.x) }).map(transformX)
    // Bars widen the y range so they are never clipped; without bars the range is as before.
    let barEnds = (usableBars + usableBands).flatMap { $0.flatMap { [transformY($0.low), transformY($0.high)] } }
    let ys = usable.flatMap { $0.map { transformY($0.y) } } + barEnds
    let xRange = Axis.padded(xs.min() ?? 0, xs.max() ?? 1, pad: 0)
    var yRange = Axis.padded(ys.min() ?? 0, ys.max() ?? 1, pad: logY ? 0 : 0.05)
    if logY { yRange = (yRange.0.rounded(.down), yRange.1.rounded(.up)) }
    if let yLimits { yRange = yLimits }
    let plotWidth = width - left - right
    let plotHeight = height - top - bottom
    func px(_ x: Double) -> Double { left + (transformX(x) - xRange.0) / (xRange.1 - xRange.0) * plotWidth }
    func py(_ y: Double) -> Double {
      top + plotHeight - (transformY(y) - yRange.0) / (yRange.1 - yRange.0) * plotHeight
    }

    var svg = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
      <rect width="100%" height="100%" fill="white"/>
      <text x="\(f(width / 2 - right / 2 + left / 2))" y="22" text-anchor="middle" font-size="15" font-weight="bold">\(escape(title))</text>

      """
    // Axes and grid.
    for tick in Axis.ticks(yRange, logarithmic: logY) {
      let y = top + plotHeight - (tick.position - yRange.0) / (yRange.1 - yRange.0) * plotHeight
      svg +=
        "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(y))\" stroke=\"#e4e4e4\"/>\n"
      svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(escape(tick.label))</text>\n"
    }
    var xTicks = Axis.ticks(xRange, logarithmic: logX)
    if integerXTicks && !logX {
      // Positions are sums of steps, so a whole number may be off by a rounding error.
      xTicks = xTicks.filter { abs($0.position - $0.position.rounded()) < 1e-9 }.map {
        ($0.position.rounded(), String(format: "%g", $0.position.rounded()))
      }
    }
    for tick in xTicks {
      let x = left + (tick.position - xRange.0) / (xRange.1 - xRange.0) * plotWidth
      svg +=
        "<line x1=\"\(f(x))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(x))\" y2=\"\(f(top + plotHeight + 5))\" stroke=\"#333\"/>\n"
      svg +=
        "<text x=\"\(f(x))\" y=\"\(f(top + plotHeight + 19))\" text-anchor=\"middle\">\(escape(tick.label))</text>\n"
    }
    svg +=
      "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\" fill=\"none\" stroke=\"#333\"/>\n"
    svg +=
      "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(height - 14))\" text-anchor=\"middle\">\(escape(xLabel))</text>\n"
    svg +=
      "<text x=\"18\" y=\"\(f(top + plotHeight / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 18 \(f(top + plotHeight / 2)))\">\(escape(yLabel))</text>\n"
    // Series (clipped to the plot area) and legend.
    svg +=
      "<clipPath id=\"plot-area\"><rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\"/></clipPath>\n"
    for (index, line) in series.enumerated() where !usableBands[index].isEmpty {
      let band = usableBands[index]
      // A band over a single x is drawn as a short wide bar, so it is still seen.
      let edges =
        band.count == 1 ? [(px(band[0].x) - 5, band[0]), (px(band[0].x) + 5, band[0])] : band.map { (px($0.x), $0) }
      let outline =
        edges.map { "\(f($0.0)),\(f(py($0.1.high)))" } + edges.reversed().map { "\(f($0.0)),\(f(py($0.1.low)))" }
      svg +=
        "<polygon points=\"\(outline.joined(separator: " "))\" fill=\"\(line.color)\" fill-opacity=\"0.3\" stroke=\"none\" clip-path=\"url(#plot-area)\"/>\n"
    }
    var legendRow = 0
    for (index, (line, points)) in zip(series, usable).enumerated() {
      let dash = line.dashed ? " stroke-dasharray=\"6 4\"" : ""
      for bar in usableBars[index] {
        let (x, low, high) = (px(bar.x), py(bar.low), py(bar.high))
        svg +=
          "<path d=\"M\(f(x)),\(f(low)) V\(f(high)) M\(f(x - 4)),\(f(low)) H\(f(x + 4)) M\(f(x - 4)),\(f(high)) H\(f(x + 4))\" stroke=\"\(line.color)\" stroke-width=\"1.5\" fill=\"none\" clip-path=\"url(#plot-area)\"/>\n"
      }
      if points.count > 1 {
        let path = points.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
        svg +=
          "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"2\"\(dash) clip-path=\"url(#plot-area)\"/>\n"
      }
      if points.count <= 40 {
        for point in points {
          svg +=
            "<circle cx=\"\(f(px(point.x)))\" cy=\"\(f(py(point.y)))\" r=\"2.5\" fill=\"\(line.color)\" clip-path=\"url(#plot-area)\"/>\n"
        }
      }
      let legendY = top + 10 + Double(legendRow) * 20
      let legendX = left + plotWidth + 14
      if points.count > 1 {
        svg +=
          "<line x1=\"\(f(legendX))\" y1=\"\(f(legendY))\" x2=\"\(f(legendX + 22))\" y2=\"\(f(legendY))\" stroke=\"\(line.color)\" stroke-width=\"2\"\(dash)/>\n"
      } else if points.count == 1 {
        svg += "<circle cx=\"\(f(legendX + 11))\" cy=\"\(f(legendY))\" r=\"3\" fill=\"\(line.color)\"/>\n"
      } else if !usableBands[index].isEmpty {
        svg +=
          "<rect x=\"\(f(legendX))\" y=\"\(f(legendY - 6))\" width=\"22\" height=\"12\" fill=\"\(line.color)\" fill-opacity=\"0.3\"/>\n"
      } else if !usableBars[index].isEmpty {
        svg +=
          "<path d=\"M\(f(legendX + 11)),\(f(legendY - 7)) V\(f(legendY + 7))\" stroke=\"\(line.color)\" stroke-width=\"1.5\"/>\n"
      } else {
        continue  // nothing of this series is drawn, so it gets no legend entry
      }
      svg += "<text x=\"\(f(legendX + 28))\" y=\"\(f(legendY + 4))\">\(escape(line.label))</text>\n"
      legendRow += 1
    }
    return svg + "</svg>\n"
  }

  private func isPlottable(_ point: (x: Double, y: Double)) -> Bool {
    point.x.isFinite && point.y.isFinite && (!logY || yValuesAreLog10 || point.y > 0) && (!logX || point.x > 0)
  }

  private func transformX(_ x: Double) -> Double { logX ? log10(x) : x }
  private func transformY(_ y: Double) -> Double { logY && !yValuesAreLog10 ? log10(y) : y }

  private func f(_ value: Double) -> String { String(format: "%.1f", value) }

  private func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
  }
}

/// Axis ranges and tick marks.
enum Axis {
  static func padded(_ low: Double, _ high: Double, pad: Double) -> (Double, Double) {
    // A span Double cannot split into ticks (below about 1e-13 of the values; the tick loop would
    // step by less than an ulp and never end) is drawn like a single value.
    if high - low <= 1e-13 * max(abs(low), abs(high)) { return (low - 1, high + 1) }
    let margin = (high - low) * pad
    return (low - margin, high + margin)
  }

  /// "Nice" ticks (1, 2, 5 × 10^n) on a linear axis; powers of ten on a log axis
  /// (positions are then in log10 units), with 2 and 5 × 10^n too when it spans under three decades.
  static func ticks(_ range: (Double, Double), logarithmic: Bool) -> [(position: Double, label: String)] {
    if logarithmic {
      if range.1 - range.0 < 3 {
        // One or two powers of ten alone give too few values to read a line off.
        let decades = Int(range.0.rounded(.down))...Int(range.1.rounded(.down))
        return decades.flatMap { power in
          [1.0, 2, 5].map {
            (
              Double(power) + log10($0),
              $0 == 1 ? label(power: power) : String(format: "%g", $0 * pow(10, Double(power)))
            )
          }
        }.filter { $0.0 >= range.0 - 1e-9 && $0.0 <= range.1 + 1e-9 }
      }
      let first = Int(range.0.rounded(.up))
      let last = Int(range.1.rounded(.down))
      guard first <= last else { return [] }
      let every = max(1, (last - first) / 8 + 1)
      return stride(from: first, through: last, by: every).map { (Double($0), label(power: $0)) }
    }
    let span = range.1 - range.0
    let raw = span / 6
    let magnitude = pow(10, (log10(raw)).rounded(.down))
    let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
    var ticks: [(Double, String)] = []
    var value = (range.0 / step).rounded(.up) * step
    while value <= range.1 + step * 1e-9 {
      ticks.append((value, String(format: "%g", abs(value) < step * 1e-9 ? 0 : value)))
      value += step
    }
    return ticks
  }

  private static func label(power: Int) -> String {
    switch power {
    case 0: "1"
    case 1: "10"
    case 2: "100"
    case -1: "0.1"
    default: "1e\(power)"
    }
  }
}

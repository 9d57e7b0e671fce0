// The 12-month chart of unmet need, drawn on the server as SVG (no script), with a table beside it.
import Casework

/// A bar chart of unmet need at each month end and today: no provision and behind on delivery, stacked. Styled by the
/// stylesheet's classes (the Content-Security-Policy allows no inline style), hidden from screen readers,
/// which read the table instead.
enum TrendChart {
    static func svg(_ points: [UnmetNeedTrendPoint]) -> String {
        // A narrow drawing (the stylesheet caps it at 420 px) so 17-unit labels render at 14 px or more on a
        // phone's 315 px column, and about 20 px on a desktop; the month labels slope so twelve of them fit.
        let width = 360.0, height = 250.0, left = 44.0, bottom = 50.0, top = 14.0, fontSize = 17
        let plotHeight = height - bottom - top
        let maximum = max(1, points.map(\.total).max() ?? 1)
        let scale = niceCeiling(maximum)
        let slot = (width - left - 8) / Double(max(points.count, 1))
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-size=\"\(fontSize)\" role=\"img\" aria-hidden=\"true\" focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\">"
        for step in 0...4 {
            let value = scale * step / 4
            let y = top + plotHeight - plotHeight * Double(value) / Double(scale)
            svg += "<line class=\"chart__grid\" x1=\"\(left)\" x2=\"\(width - 8)\" y1=\"\(y)\" y2=\"\(y)\"/>"
            svg += "<text class=\"chart__label\" x=\"\(left - 6)\" y=\"\(y + 6)\" text-anchor=\"end\">\(value)</text>"
        }
        for (index, point) in points.enumerated() {
            let x = left + slot * Double(index) + slot * 0.15
            let barWidth = slot * 0.7
            let noneHeight = plotHeight * Double(point.noProvision) / Double(scale)
            let behindHeight = plotHeight * Double(point.behindOnDelivery) / Double(scale)
            let base = top + plotHeight
            svg += "<rect class=\"chart__bar chart__bar--none\" x=\"\(x)\" y=\"\(base - noneHeight)\" width=\"\(barWidth)\" height=\"\(noneHeight)\"/>"
            svg += "<rect class=\"chart__bar chart__bar--behind\" x=\"\(x)\" y=\"\(base - noneHeight - behindHeight)\" width=\"\(barWidth)\" height=\"\(behindHeight)\"/>"
            let labelX = x + barWidth / 2 + 4, labelY = base + 14
            // The last point is today's (`UnmetNeedTrend.dates`), not a month end: labelled so, like the table's row.
            let label = index == points.count - 1 ? "Now" : point.asOf.monthLabel.prefix(3)
            svg += "<text class=\"chart__label\" x=\"\(labelX)\" y=\"\(labelY)\" text-anchor=\"end\" transform=\"rotate(-45 \(labelX) \(labelY))\">\(label)</text>"
        }
        svg += "</svg>"
        return svg
    }

    /// A round number at or above `value` for the axis.
    static func niceCeiling(_ value: Int) -> Int {
        var magnitude = 1
        while magnitude * 10 <= value { magnitude *= 10 }
        for step in [1, 2, 5, 10] where step * magnitude >= value { return step * magnitude }
        return value
    }
}

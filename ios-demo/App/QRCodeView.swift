import SwiftUI
import TandemKit

/// Draws the core's QR code module by module (QrCode.isDark), with the
/// 4-module quiet zone, black on white whatever the appearance, so any
/// camera reads it. No CoreImage generator: the core made the matrix.
struct QRCodeView: View {
    @EnvironmentObject var model: AppModel
    let qr: QrCode

    var body: some View {
        Canvas { context, size in
            let side = Int(qr.size)
            let cell = min(size.width, size.height) / CGFloat(side + 8)
            context.fill(Path(CGRect(origin: .zero, size: size)), with: .color(.white))
            for row in 0..<side {
                for column in 0..<side where qr.isDark(row: row, column: column) {
                    let rect = CGRect(x: CGFloat(column + 4) * cell, y: CGFloat(row + 4) * cell,
                                      width: cell, height: cell)
                    context.fill(Path(rect), with: .color(.black))
                }
            }
        }
        .aspectRatio(1, contentMode: .fit)
        .frame(maxWidth: 320)
        .accessibilityLabel(model.words.pairingCode)
    }
}

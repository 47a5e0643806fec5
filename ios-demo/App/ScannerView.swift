import AVFoundation
import SwiftUI
import UIKit

/// The camera, reading QR codes only; hands the first code's text on (the
/// core then decides what it is). Without the camera it shows `hint` (the
/// core's words). Info.plist needs NSCameraUsageDescription.
struct ScannerView: UIViewControllerRepresentable {
    let hint: String
    let found: (String) -> Void

    func makeUIViewController(context: Context) -> ScannerController {
        ScannerController(hint: hint, found: found)
    }

    func updateUIViewController(_ controller: ScannerController, context: Context) {}
}

final class ScannerController: UIViewController, AVCaptureMetadataOutputObjectsDelegate {
    private let hint: String
    private let found: (String) -> Void
    private let session = AVCaptureSession()
    private var done = false

    init(hint: String, found: @escaping (String) -> Void) {
        self.hint = hint
        self.found = found
        super.init(nibName: nil, bundle: nil)
    }

    required init?(coder: NSCoder) { nil }

    override func viewDidLoad() {
        super.viewDidLoad()
        view.backgroundColor = .black
        guard let camera = AVCaptureDevice.default(for: .video),
              let input = try? AVCaptureDeviceInput(device: camera), session.canAddInput(input) else {
            showNote(hint)
            return
        }
        session.addInput(input)
        let output = AVCaptureMetadataOutput()
        guard session.canAddOutput(output) else { return }
        session.addOutput(output)
        output.setMetadataObjectsDelegate(self, queue: .main)
        output.metadataObjectTypes = [.qr]
        let preview = AVCaptureVideoPreviewLayer(session: session)
        preview.frame = view.layer.bounds
        preview.videoGravity = .resizeAspectFill
        view.layer.addSublayer(preview)
        DispatchQueue.global(qos: .userInitiated).async { [session] in session.startRunning() }
    }

    override func viewWillDisappear(_ animated: Bool) {
        super.viewWillDisappear(animated)
        DispatchQueue.global(qos: .userInitiated).async { [session] in session.stopRunning() }
    }

    func metadataOutput(_ output: AVCaptureMetadataOutput, didOutput objects: [AVMetadataObject],
                        from connection: AVCaptureConnection) {
        guard !done, let code = objects.first as? AVMetadataMachineReadableCodeObject,
              let text = code.stringValue else { return }
        done = true
        found(text)
    }

    private func showNote(_ text: String) {
        let label = UILabel(frame: view.bounds.insetBy(dx: 24, dy: 24))
        label.text = text
        label.textColor = .white
        label.numberOfLines = 0
        label.textAlignment = .center
        view.addSubview(label)
    }
}

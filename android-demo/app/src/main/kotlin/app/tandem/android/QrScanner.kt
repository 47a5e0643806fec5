package app.tandem.android

import android.annotation.SuppressLint
import android.content.Context
import android.graphics.ImageFormat
import android.graphics.SurfaceTexture
import android.hardware.camera2.CameraCaptureSession
import android.hardware.camera2.CameraCharacteristics
import android.hardware.camera2.CameraDevice
import android.hardware.camera2.CameraManager
import android.media.ImageReader
import android.os.Handler
import android.os.HandlerThread
import android.view.Surface
import android.view.TextureView
import java.util.concurrent.atomic.AtomicBoolean

/**
 * camera2: the back camera into a [TextureView] preview and an
 * [ImageReader] whose frames [QrDecoder] reads; the first code read goes to
 * [onScanned], once. [close] releases the camera, its session, the reader
 * and the camera thread; the activity calls it whenever the scanner leaves
 * the screen (a redraw, another screen, onPause).
 */
class QrScanner(private val context: Context, private val onScanned: (String) -> Unit) : AutoCloseable {
    private val thread = HandlerThread("qr-scanner").apply { start() }
    private val handler = Handler(thread.looper)
    private val reader = ImageReader.newInstance(WIDTH, HEIGHT, ImageFormat.YUV_420_888, 2)
    private val handed = AtomicBoolean(false)
    private val closed = AtomicBoolean(false)
    private var camera: CameraDevice? = null
    private var session: CameraCaptureSession? = null
    val preview = TextureView(context)

    init {
        reader.setOnImageAvailableListener({ r ->
            val image = r.acquireLatestImage() ?: return@setOnImageAvailableListener
            try {
                if (handed.get()) return@setOnImageAvailableListener
                val plane = image.planes[0]
                val bytes = ByteArray(plane.buffer.remaining()).also { plane.buffer.get(it) }
                val text = QrDecoder.decode(bytes, image.width, image.height, plane.rowStride)
                if (text != null && handed.compareAndSet(false, true)) onScanned(text)
            } finally {
                image.close()
            }
        }, handler)
        preview.surfaceTextureListener = object : TextureView.SurfaceTextureListener {
            override fun onSurfaceTextureAvailable(texture: SurfaceTexture, width: Int, height: Int) = open(texture)
            override fun onSurfaceTextureSizeChanged(texture: SurfaceTexture, width: Int, height: Int) = Unit
            override fun onSurfaceTextureDestroyed(texture: SurfaceTexture): Boolean = true.also { close() }
            override fun onSurfaceTextureUpdated(texture: SurfaceTexture) = Unit
        }
    }

    @SuppressLint("MissingPermission") // the screen asks for CAMERA before it makes a scanner
    private fun open(texture: SurfaceTexture) {
        if (closed.get()) return
        val manager = context.getSystemService(CameraManager::class.java)!!
        val id = manager.cameraIdList.firstOrNull {
            manager.getCameraCharacteristics(it).get(CameraCharacteristics.LENS_FACING) == CameraCharacteristics.LENS_FACING_BACK
        } ?: manager.cameraIdList.firstOrNull() ?: return
        texture.setDefaultBufferSize(WIDTH, HEIGHT)
        val surfaces = listOf(Surface(texture), reader.surface)
        manager.openCamera(id, object : CameraDevice.StateCallback() {
            override fun onOpened(device: CameraDevice) {
                if (closed.get()) return device.close()
                camera = device
                @Suppress("DEPRECATION") // the list form runs from API 24; SessionConfiguration needs 28
                device.createCaptureSession(surfaces, object : CameraCaptureSession.StateCallback() {
                    override fun onConfigured(s: CameraCaptureSession) {
                        if (closed.get()) return s.close()
                        session = s
                        val request = device.createCaptureRequest(CameraDevice.TEMPLATE_PREVIEW).apply { surfaces.forEach(::addTarget) }
                        s.setRepeatingRequest(request.build(), null, handler)
                    }
                    override fun onConfigureFailed(s: CameraCaptureSession) = close()
                }, handler)
            }
            override fun onDisconnected(device: CameraDevice) = close()
            override fun onError(device: CameraDevice, error: Int) = close()
        }, handler)
    }

    override fun close() {
        if (!closed.compareAndSet(false, true)) return
        handler.post {
            session?.close()
            camera?.close()
            reader.close()
            session = null
            camera = null
            thread.quitSafely()
        }
    }

    private companion object {
        const val WIDTH = 1280
        const val HEIGHT = 720
    }
}

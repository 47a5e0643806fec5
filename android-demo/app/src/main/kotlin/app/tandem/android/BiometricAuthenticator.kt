package app.tandem.android

import android.app.Activity
import android.hardware.biometrics.BiometricManager.Authenticators.BIOMETRIC_STRONG
import android.hardware.biometrics.BiometricManager.Authenticators.DEVICE_CREDENTIAL
import android.hardware.biometrics.BiometricPrompt
import android.os.Build
import android.os.CancellationSignal
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyPermanentlyInvalidatedException
import android.security.keystore.KeyProperties
import app.tandem.shell.UserAuthenticator
import java.security.GeneralSecurityException
import java.security.KeyStore
import java.security.ProviderException
import java.util.concurrent.Executor
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey

/**
 * The shell's [UserAuthenticator] over the platform's BiometricPrompt
 * (android.hardware.biometrics, API 28+): BIOMETRIC_STRONG or
 * DEVICE_CREDENTIAL from Android 11, strong biometrics before, with a
 * CryptoObject over a dedicated Android Keystore key made with
 * setUserAuthenticationRequired(true). A success counts only when the
 * Keystore then lets that cipher run.
 *
 * The lock key is NOT the storage key's wrapping key (KeystoreKeyProvider):
 * Tandem opens its database in the background (reminders, boot, time
 * changes) with nobody there to authenticate. Losing the lock key (a new
 * fingerprint, a screen lock removed) loses no data: it is made again.
 * The answer goes to [answerOn] (the app's worker).
 */
class BiometricAuthenticator(private val activity: Activity, private val answerOn: Executor) : UserAuthenticator {

    override fun authenticate(reason: String, done: (Boolean) -> Unit) {
        val answer = { ok: Boolean -> answerOn.execute { done(ok) } }
        activity.runOnUiThread {
            val cipher = cipher()
            if (cipher == null || activity.isFinishing) return@runOnUiThread answer(false) // no screen lock: set one first (the lock's hint says so)
            val main = activity.mainExecutor
            val builder = BiometricPrompt.Builder(activity).setTitle("Tandem").setSubtitle(reason)
            if (Build.VERSION.SDK_INT >= 30) {
                builder.setAllowedAuthenticators(BIOMETRIC_STRONG or DEVICE_CREDENTIAL)
            } else {
                builder.setNegativeButton((activity.application as TandemApp).session.labels().cancel, main) { _, _ -> answer(false) }
            }
            builder.build().authenticate(BiometricPrompt.CryptoObject(cipher), CancellationSignal(), main,
                object : BiometricPrompt.AuthenticationCallback() {
                    override fun onAuthenticationSucceeded(result: BiometricPrompt.AuthenticationResult) = answer(proves(result.cryptoObject?.cipher))

                    // Cancelled, locked out, no hardware: nothing is done (the shell keeps the content hidden).
                    override fun onAuthenticationError(errorCode: Int, errString: CharSequence) = answer(false)
                })
        }
    }

    /** The unlocked cipher works only if the Keystore saw the authentication. */
    private fun proves(cipher: Cipher?): Boolean = try {
        cipher != null && cipher.doFinal(CHALLENGE).isNotEmpty()
    } catch (e: GeneralSecurityException) {
        false
    } catch (e: ProviderException) {
        false
    }

    /** An encrypting cipher over the lock key, or null when none can be made (no secure screen lock, no key store). */
    private fun cipher(): Cipher? = try {
        Cipher.getInstance(TRANSFORM).apply { init(Cipher.ENCRYPT_MODE, lockKey()) }
    } catch (e: KeyPermanentlyInvalidatedException) {
        // A new fingerprint or screen lock invalidated it: make a new one (no data hangs on it).
        runCatching { keystore().deleteEntry(ALIAS); Cipher.getInstance(TRANSFORM).apply { init(Cipher.ENCRYPT_MODE, lockKey()) } }.getOrNull()
    } catch (e: GeneralSecurityException) {
        null
    } catch (e: ProviderException) {
        null
    } catch (e: IllegalStateException) {
        null // "Secure lock screen must be enabled"
    }

    private fun keystore(): KeyStore = KeyStore.getInstance("AndroidKeyStore").apply { load(null) }

    private fun lockKey(): SecretKey {
        (keystore().getKey(ALIAS, null) as? SecretKey)?.let { return it }
        val spec = KeyGenParameterSpec.Builder(ALIAS, KeyProperties.PURPOSE_ENCRYPT)
            .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
            .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
            .setKeySize(256)
            .setUserAuthenticationRequired(true)
            .setInvalidatedByBiometricEnrollment(true)
        if (Build.VERSION.SDK_INT >= 30) {
            // Every use needs a fresh authentication, by strong biometrics or the device credential.
            spec.setUserAuthenticationParameters(0, KeyProperties.AUTH_BIOMETRIC_STRONG or KeyProperties.AUTH_DEVICE_CREDENTIAL)
        }
        return KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, "AndroidKeyStore").apply { init(spec.build()) }.generateKey()
    }

    private companion object {
        const val ALIAS = "tandem-app-lock"
        const val TRANSFORM = "AES/GCM/NoPadding"
        val CHALLENGE = "tandem-unlock".toByteArray()
    }
}

package app.tandem.android

import android.os.Build
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyPermanentlyInvalidatedException
import android.security.keystore.KeyProperties
import androidx.biometric.BiometricManager
import androidx.biometric.BiometricManager.Authenticators.BIOMETRIC_STRONG
import androidx.biometric.BiometricManager.Authenticators.DEVICE_CREDENTIAL
import androidx.biometric.BiometricPrompt
import androidx.core.content.ContextCompat
import androidx.fragment.app.FragmentActivity
import app.tandem.shell.UserAuthenticator
import java.security.GeneralSecurityException
import java.security.KeyStore
import java.util.concurrent.Executor
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey

/**
 * The shell's [UserAuthenticator] over BiometricPrompt: BIOMETRIC_STRONG or
 * DEVICE_CREDENTIAL, with a CryptoObject over a dedicated Android Keystore
 * key made with setUserAuthenticationRequired(true). A success counts only
 * when the Keystore then lets that cipher run: the authentication reached
 * the secure hardware, not just a callback.
 *
 * The lock key is NOT the storage key's wrapping key (KeystoreKeyProvider).
 * A key that needs the person's authentication can only be used right after
 * they authenticate, and Tandem opens its database with nobody there: the
 * reminder receiver, BOOT_COMPLETED and the time-change re-plans run in the
 * background. So the storage key stays usable without a prompt, and this
 * separate key only proves the prompt succeeded; losing it (a new
 * fingerprint, a screen lock removed) loses no data: it is made again.
 *
 * The answer goes to [answerOn] (the app's worker), where the shell's lock
 * controller runs the guarded action. Before Android 11 a key that device
 * credentials can unlock per use does not exist, so there only strong
 * biometrics unlock; without them the prompt reports an error (false).
 */
class BiometricAuthenticator(
    private val activity: FragmentActivity,
    private val answerOn: Executor,
) : UserAuthenticator {

    override fun authenticate(reason: String, done: (Boolean) -> Unit) {
        val answer = { ok: Boolean -> answerOn.execute { done(ok) } }
        activity.runOnUiThread {
            val allowed = if (Build.VERSION.SDK_INT >= 30) BIOMETRIC_STRONG or DEVICE_CREDENTIAL else BIOMETRIC_STRONG
            val cipher = if (BiometricManager.from(activity).canAuthenticate(allowed) == BiometricManager.BIOMETRIC_SUCCESS) cipher() else null
            if (cipher == null || activity.isFinishing) return@runOnUiThread answer(false) // no screen lock: set one first (LockTexts.HINT)
            val prompt = BiometricPrompt(activity, ContextCompat.getMainExecutor(activity), object : BiometricPrompt.AuthenticationCallback() {
                override fun onAuthenticationSucceeded(result: BiometricPrompt.AuthenticationResult) = answer(proves(result.cryptoObject?.cipher))

                // Cancelled, locked out, no hardware: nothing is done (the shell keeps the content hidden).
                override fun onAuthenticationError(errorCode: Int, errString: CharSequence) = answer(false)
                // onAuthenticationFailed (a finger not recognised): the prompt stays up and asks again.
            })
            val info = BiometricPrompt.PromptInfo.Builder()
                .setTitle("Tandem")
                .setSubtitle(reason)
                .setAllowedAuthenticators(allowed)
                .apply { if (Build.VERSION.SDK_INT < 30) setNegativeButtonText("Cancel") }
                .build()
            prompt.authenticate(info, BiometricPrompt.CryptoObject(cipher))
        }
    }

    /** The unlocked cipher works only if the Keystore saw the authentication. */
    private fun proves(cipher: Cipher?): Boolean = try {
        cipher != null && cipher.doFinal(CHALLENGE).isNotEmpty()
    } catch (e: GeneralSecurityException) {
        false
    }

    /** An encrypting cipher over the lock key, or null when none can be made (no secure screen lock). */
    private fun cipher(): Cipher? = try {
        Cipher.getInstance(TRANSFORM).apply { init(Cipher.ENCRYPT_MODE, lockKey()) }
    } catch (e: KeyPermanentlyInvalidatedException) {
        // A new fingerprint or screen lock invalidated it: make a new one (no data hangs on it).
        keystore().deleteEntry(ALIAS)
        runCatching { Cipher.getInstance(TRANSFORM).apply { init(Cipher.ENCRYPT_MODE, lockKey()) } }.getOrNull()
    } catch (e: GeneralSecurityException) {
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
        return KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, "AndroidKeyStore")
            .apply { init(spec.build()) }
            .generateKey()
    }

    private companion object {
        const val ALIAS = "tandem-app-lock"
        const val TRANSFORM = "AES/GCM/NoPadding"
        val CHALLENGE = "tandem-unlock".toByteArray()
    }
}

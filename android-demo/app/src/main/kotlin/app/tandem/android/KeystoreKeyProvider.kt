package app.tandem.android

import android.content.Context
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyProperties
import app.tandem.shell.StorageKeyProvider
import app.tandem.shell.newStorageKey
import java.io.File
import java.security.KeyStore
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

/**
 * The 32-byte storage key, made once by the core ([newStorageKey]) and kept
 * wrapped with an Android Keystore AES-256-GCM key in app-private storage
 * (`files/storage-key.wrapped`: 12-byte IV, then ciphertext and tag). The
 * Keystore key never leaves the Keystore. A missing file or Keystore entry
 * means no key: [hasStorageKey] is false and the shell's TandemLauncher
 * offers restore or start over instead of making a new key over the data.
 */

class KeystoreKeyProvider(context: Context) : StorageKeyProvider {
    private val file = File(context.filesDir, "storage-key.wrapped")

    /**
     * Loaded at first use, on the worker, not in the constructor (which runs
     * in Application.onCreate): a key store that refuses throws
     * GeneralSecurityException or ProviderException from [hasStorageKey] or
     * [storageKey], which the shell's launcher turns into KeyStoreFailed.
     */
    private val keystore: KeyStore by lazy { KeyStore.getInstance("AndroidKeyStore").apply { load(null) } }

    @Synchronized
    override fun hasStorageKey(): Boolean = file.exists() && keystore.containsAlias(ALIAS)

    @Synchronized
    override fun storageKey(): ByteArray {
        if (hasStorageKey()) return unwrap(file.readBytes())
        // The key store first: if it refuses, no key was made to be lost.
        val cipher = Cipher.getInstance(TRANSFORM).apply { init(Cipher.ENCRYPT_MODE, wrappingKey()) }
        val key = newStorageKey()
        val tmp = File(file.parentFile, ".storage-key.part")
        tmp.writeBytes(cipher.iv + cipher.doFinal(key))
        check(tmp.renameTo(file)) { "could not store the wrapped key" }
        return key
    }

    @Synchronized
    override fun deleteStorageKey() {
        if (file.exists()) {
            file.writeBytes(ByteArray(file.length().toInt()))
            file.delete()
        }
        if (keystore.containsAlias(ALIAS)) keystore.deleteEntry(ALIAS)
    }

    private fun unwrap(blob: ByteArray): ByteArray {
        val key = keystore.getKey(ALIAS, null) as SecretKey
        val cipher = Cipher.getInstance(TRANSFORM)
        cipher.init(Cipher.DECRYPT_MODE, key, GCMParameterSpec(128, blob, 0, IV_BYTES))
        return cipher.doFinal(blob, IV_BYTES, blob.size - IV_BYTES)
    }

    private fun wrappingKey(): SecretKey {
        (keystore.getKey(ALIAS, null) as? SecretKey)?.let { return it }
        val generator = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, "AndroidKeyStore")
        generator.init(
            KeyGenParameterSpec.Builder(ALIAS, KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT)
                .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
                .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
                .setKeySize(256)
                .build(),
        )
        return generator.generateKey()
    }

    private companion object {
        const val ALIAS = "tandem-storage-key-wrap"
        const val TRANSFORM = "AES/GCM/NoPadding"
        const val IV_BYTES = 12
    }
}

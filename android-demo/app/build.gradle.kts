// The Android app on the platform's own APIs only (Activity and views,
// Notification.Builder, AlarmManager, camera2, android.security.keystore,
// android.hardware.biometrics): no AndroidX, Compose, CameraX, ML Kit or
// Play services, so it builds from Maven Central alone and is F-Droid-eligible.
// Build it with the Android SDK (see ../README.md); without one,
// scripts/test-android.sh compiles and links the same sources.
plugins {
    id("com.android.application")
    id("org.jetbrains.kotlin.android")
}

android {
    namespace = "app.tandem.android"
    compileSdk = 35
    defaultConfig {
        applicationId = "app.tandem.android"
        // 28: the platform's BiometricPrompt (android.hardware.biometrics) starts there.
        minSdk = 28
        targetSdk = 35
        versionCode = 1
        versionName = "0.1.0"
        ndk { abiFilters += listOf("arm64-v8a", "armeabi-v7a", "x86_64") }
    }
    buildTypes {
        release {
            isMinifyEnabled = true
            proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"), "proguard-rules.pro")
        }
    }
    // libtandem_ffi.so per ABI, from `cargo ndk ... -o android-demo/app/src/main/jniLibs`.
    sourceSets["main"].jniLibs.srcDirs("src/main/jniLibs")
    sourceSets["main"].java.srcDirs("src/main/kotlin")
    sourceSets["test"].java.srcDirs("src/test/kotlin")
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    testOptions { unitTests.isIncludeAndroidResources = true }
}

kotlin { jvmToolchain(17) }

dependencies {
    implementation(project(":shell"))
    implementation("net.java.dev.jna:jna:5.14.0@aar")
    // The QR decoder for camera frames (Apache-2.0, plain Java).
    implementation("com.google.zxing:core:3.5.3")
    testImplementation("junit:junit:4.13.2")
    testImplementation("org.robolectric:robolectric:4.16")
}

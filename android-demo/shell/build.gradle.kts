// The shell as an Android library: its own sources plus the generated
// bindings (scripts/gen-bindings.sh writes them to build/bindings/kotlin).
// The JVM lane (scripts/test-kotlin.sh) compiles the same sources with kotlinc.
plugins {
    id("com.android.library")
    id("org.jetbrains.kotlin.android")
}

android {
    namespace = "app.tandem.shell"
    compileSdk = 35
    defaultConfig { minSdk = 28 }
    sourceSets["main"].java.srcDirs("src/main/kotlin", "../../build/bindings/kotlin")
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
}

kotlin { jvmToolchain(17) }

dependencies {
    api("net.java.dev.jna:jna:5.14.0@aar")
}

plugins {
    // AGP 8.7 supports compileSdk 35 (8.5 stops at 34) and needs Gradle 8.9+.
    id("com.android.application") version "8.7.3" apply false
    id("com.android.library") version "8.7.3" apply false
    id("org.jetbrains.kotlin.android") version "2.0.21" apply false
}

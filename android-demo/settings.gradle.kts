// The Android demo: :shell (the tested shell, as an Android library) and :app.
// Built with the Android SDK elsewhere; without one, scripts/test-android.sh
// compiles and links the same sources (see README.md).
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}
dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}
rootProject.name = "tandem-android"
include(":app", ":shell")

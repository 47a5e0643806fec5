// The Android demo: :shell (the tested shell, as an Android library) and :app.
// Not built on the machine that wrote it (no Android SDK); see README.md.
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

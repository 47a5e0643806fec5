#!/usr/bin/env bash
# The app layers must stay thin renderers of the tested shell layers (the
# Android app is compiled and linked by the android lane, scripts/test-android.sh;
# the iOS app cannot be compiled here: no Xcode). It fails when
#   - an app file is longer than its budget (150 lines),
#   - an app file imports anything but the shell and platform APIs
#     (Kotlin: android., app.tandem.shell., java., javax.crypto., kotlin.,
#     com.google.zxing. (the QR decoder); Swift: SwiftUI, UIKit,
#     Foundation, UserNotifications, AVFoundation, BackgroundTasks, Security,
#     LocalAuthentication, CoreImage, UniformTypeIdentifiers, TandemKit),
#   - the Android app names AndroidX, Compose, CameraX, ML Kit or Google Play
#     services anywhere (sources, manifest, Gradle file): it is platform-only,
#     F-Droid-eligible, and needs no Google services on the phone,
#   - an app file reaches the core directly (the generated bindings'
#     `Tandem` object or module) instead of going through the shell,
#   - the app lock's platform pieces are missing (Android: BiometricPrompt
#     (android.hardware.biometrics) with a CryptoObject over a Keystore key
#     that requires the user's authentication, FLAG_SECURE on the window,
#     every Notification.Builder notification VISIBILITY_PRIVATE with a
#     public version; backup rules (dataExtractionRules, fullBackupContent); iOS: LAContext's .deviceOwnerAuthentication, a Keychain
#     item with .userPresence, a cover whenever scenePhase is not .active),
#   - an app file writes words of its own (a sentence, a label, a unit):
#     they come from the core's catalog,
#   - an app file writes a duration (a pause length, snooze or extension,
#     an "N min" label, minutes or milliseconds computed outside a comment):
#     the core offers them, the shell holds platform intervals,
#   - there are no app files at all (an empty lane proves nothing).
# Usage: check-thin-apps.sh [ROOT]   (default: the repository)
set -uo pipefail
root=${1:-"$(cd "$(dirname "$0")/.." && pwd)"}
budget=150
fail=0
complain() { echo "thin-apps: $*" >&2; fail=1; }

mapfile -t kotlin < <(find "$root/android-demo/app" -name '*.kt' -not -path '*/src/test/*' 2>/dev/null | sort)  # the app, not its tests
mapfile -t swift < <(find "$root/ios-demo/App" -name '*.swift' 2>/dev/null | sort)
[ ${#kotlin[@]} -gt 0 ] || complain "no Kotlin files under android-demo/app"
[ ${#swift[@]} -gt 0 ] || complain "no Swift files under ios-demo/App"

for f in "${kotlin[@]}" "${swift[@]}"; do
  n=$(wc -l <"$f")
  [ "$n" -le $budget ] || complain "${f#$root/} has $n lines (budget $budget): move logic into the shell"
done

for f in "${kotlin[@]}"; do
  while IFS= read -r line; do
    imp=${line#import }
    case "$imp" in
      android.*|app.tandem.shell.*|java.*|javax.crypto.*|kotlin.*|com.google.zxing.*) ;;
      *) complain "${f#$root/} imports $imp (only the shell and platform APIs)" ;;
    esac
  done < <(grep -E '^import ' "$f")
  if grep -nE 'app\.tandem\.ffi|Tandem\.open' "$f" >/dev/null; then
    complain "${f#$root/} reaches the core directly; go through the shell"
  fi
done

# Platform only: no AndroidX, Compose, CameraX, ML Kit or Play services, not even in a string or the build.
for f in "${kotlin[@]}" "$root/android-demo/app/src/main/AndroidManifest.xml" "$root/android-demo/app/build.gradle.kts"; do
  [ -f "$f" ] || continue
  if hits=$(grep -nE 'androidx[.:]|compose|camerax|com\.google\.mlkit|com\.google\.android\.gms|play-services' "$f"); then
    complain "${f#$root/} uses AndroidX, Compose, CameraX, ML Kit or Play services (the app is platform-only): $(head -n 1 <<<"$hits")"
  fi
done

for f in "${swift[@]}"; do
  while IFS= read -r line; do
    mod=$(echo "$line" | awk '{print $2}')
    case "$mod" in
      SwiftUI|UIKit|Foundation|UserNotifications|AVFoundation|BackgroundTasks|Security|LocalAuthentication|CoreImage|UniformTypeIdentifiers|TandemKit) ;;
      *) complain "${f#$root/} imports $mod (only TandemKit and platform frameworks)" ;;
    esac
  done < <(grep -E '^(@testable )?import ' "$f" | sed 's/^@testable //')
  if grep -nE 'TandemFFI|Tandem\.open' "$f" >/dev/null; then
    complain "${f#$root/} reaches the core directly; go through TandemKit"
  fi
done

# Durations are the core's (Offers) or the shell's (refresh intervals): no
# pause length, extension or snooze written into an app layer, no "N min"
# label of its own, and no minutes, hours or milliseconds computed outside
# a comment.
for f in "${kotlin[@]}" "${swift[@]}"; do
  if hits=$(grep -nE '(startPause|extendPause|extend\(pause|snooze(Reminder)?)\([^)]*[0-9]|"[^"]*[0-9]+ (more )?min(utes)?|[0-9]+ *\* *60|60_?000|3_?600|86_?400|[mM]inutes *[:=(] *[0-9]' "$f" |
    grep -vE '^[0-9]+:\s*(//|\*|/\*)'); then
    complain "${f#$root/} writes a duration the core offers (Offers or the shell): $(head -n 1 <<<"$hits")"
  fi
done

# Words are the core's (its catalog: screen models, labels, notices): no
# sentence, label or unit written into an app layer. A string literal, with
# its interpolations taken out, is words when it holds two words, a single
# capitalised word ("Cancel") or a unit ("min"). Names (Tandem, Android), ids,
# file names, MIME types, annotations and exception messages for logs are not.
for f in "${kotlin[@]}" "${swift[@]}"; do
  if hits=$(perl -ne '
      next if m{^\s*(//|\*|/\*)};
      s{\s//\s.*$}{};
      next if m{\@Suppress|\@Deprecated|\@SuppressLint|\bthrow\b|Exception\(|\bcheck\(|\brequire\(|getInstance\(|DispatchQueue\(label:};
      while (m{"((?:[^"\\]|\\.)*)"}g) {
        my $t = $1;
        $t =~ s/\$\{[^}]*\}//g; $t =~ s/\$[A-Za-z_]\w*//g; $t =~ s/\\\([^)]*\)//g;
        next if $t eq "Tandem" || $t eq "Android";
        if ($t =~ /[A-Za-z]{2,} +[A-Za-z]{2,}/ || $t =~ /^\s*[A-Z][a-z]{2,}[.\x{2026}!?]?\s*$/ || $t =~ /(^|\s)(min|h|hours?|minutes?|days?)\b/) {
          print "$.: $_"; last;
        }
      }' "$f"); then
    [ -n "$hits" ] && complain "${f#$root/} writes words the core's catalog should say: $(head -n 1 <<<"$hits")"
  fi
done

# The app lock: TandemKit and the Android shell decide; these must carry it out.
need() { # need LANE PATTERN WHAT FILES...
  local lane=$1 pattern=$2 what=$3; shift 3
  [ $# -gt 0 ] && grep -qF -- "$pattern" "$@" 2>/dev/null || complain "$lane app lacks $what ($pattern)"
}
need Android 'import android.hardware.biometrics.BiometricPrompt' "the platform's BiometricPrompt" "${kotlin[@]}"
need Android 'BiometricPrompt.CryptoObject' "the prompt's CryptoObject" "${kotlin[@]}"
need Android 'setUserAuthenticationRequired(true)' "a Keystore lock key that needs the user" "${kotlin[@]}"
need Android 'FLAG_SECURE' "FLAG_SECURE on the window" "${kotlin[@]}"
# Every notification the Android app builds is private on the lock screen, with a public version.
for f in "${kotlin[@]}"; do
  if grep -qE 'Notification(Compat)?\.Builder' "$f"; then
    grep -qF 'setVisibility(Notification.VISIBILITY_PRIVATE)' "$f" && grep -qF 'setPublicVersion(' "$f" \
      || complain "${f#$root/} builds a notification without VISIBILITY_PRIVATE and a public version"
  fi
done
need Android 'android:dataExtractionRules="@xml/data_extraction_rules"' "Android 12+ backup and transfer rules" "$root/android-demo/app/src/main/AndroidManifest.xml"
need Android 'android:fullBackupContent="@xml/backup_rules"' "Android 11- backup rules" "$root/android-demo/app/src/main/AndroidManifest.xml"
need iOS '.deviceOwnerAuthentication' "LAContext's device-owner authentication" "${swift[@]}"
need iOS '.userPresence' "a Keychain item guarded by user presence" "${swift[@]}"
need iOS 'phase != .active' "a privacy cover while the scene is not active" "${swift[@]}"

if [ $fail -eq 0 ]; then
  echo "thin-apps: ${#kotlin[@]} Kotlin and ${#swift[@]} Swift app files, each within $budget lines, importing only the shells and platform APIs, with the app lock's platform pieces"
fi
exit $fail

#!/usr/bin/env bash
# The apps lane: first shows the thinness check can fail (a fixture with a
# fat file, a direct core import, a stray import, a notification without a
# private lock-screen version, words of its own, and none of the app
# lock's platform pieces)
# and that it takes an allowed platform import, then runs it on the real
# app sources.
set -uo pipefail
cd "$(dirname "$0")/.."
fixture=$(mktemp -d)
trap 'rm -rf "$fixture"' EXIT
mkdir -p "$fixture/android-demo/app" "$fixture/ios-demo/App"
{ echo "import app.tandem.ffi.Tandem"; echo "import com.example.Logic"; for i in $(seq 200); do echo "val x$i = $i"; done; } \
  >"$fixture/android-demo/app/Fat.kt"
printf 'import TandemFFI\nimport SwiftUI\nlet t = try Tandem.open(path: "", storageKey: [], deviceName: nil)\n' \
  >"$fixture/ios-demo/App/Direct.swift"
printf 'import androidx.core.app.NotificationCompat\nimport android.app.Notification\nval n = Notification.Builder(context, "RITUALS").build()\n' \
  >"$fixture/android-demo/app/Notify.kt"
printf 'import SwiftUI\nlet b = Button("20 more minutes") { }\nlet s = { try c.snooze(ritual: id, date: d, minutes: 10) }\n' \
  >"$fixture/ios-demo/App/Numbers.swift"
printf 'import SwiftUI\n// every 6 * 60 * 60 seconds, in a comment: fine\nlet refresh = 6 * 60 * 60\n' \
  >"$fixture/ios-demo/App/Interval.swift"
printf 'fun Ui.x() {\n    quiet("${r.title}: ${r.status}")\n    button("Cancel") { }\n}\n' >"$fixture/android-demo/app/Cancel.kt"
printf 'fun Ui.y() { text("${r.time}  ${r.minutes} min") }\n' >"$fixture/android-demo/app/Unit.kt"
printf 'import SwiftUI\nlet t = Text("Do both phones show these digits?")\nlet ok = Text("\\(row.title): \\(row.status)")\n' \
  >"$fixture/ios-demo/App/Words.swift"
out=$(bash scripts/check-thin-apps.sh "$fixture" 2>&1)
if [ $? -eq 0 ]; then
  echo "[apps] the thinness check passed a fixture that breaks every rule" >&2
  exit 1
fi
for expected in "has 202 lines" "imports com.example.Logic" "Fat.kt reaches the core" "Direct.swift reaches the core" \
  "Android app lacks FLAG_SECURE" "iOS app lacks a Keychain item guarded by user presence" \
  "Notify.kt builds a notification without VISIBILITY_PRIVATE" "Notify.kt imports androidx.core.app.NotificationCompat" \
  "Notify.kt uses AndroidX" "Android app lacks the platform's BiometricPrompt" \
  "Numbers.swift writes a duration the core offers" "Interval.swift writes a duration the core offers (Offers or the shell): 3:let refresh" \
  "Cancel.kt writes words the core's catalog should say: 3:" "Unit.kt writes words the core's catalog should say: 1:" \
  "Words.swift writes words the core's catalog should say: 2:"; do
  if ! grep -q "$expected" <<<"$out"; then
    echo "[apps] the thinness check missed: $expected" >&2
    echo "$out" >&2
    exit 1
  fi
done
# An allowed platform import is not refused (LocalAuthentication, for the app lock).
printf 'import LocalAuthentication\nimport TandemKit\n' >"$fixture/ios-demo/App/Lock.swift"
if bash scripts/check-thin-apps.sh "$fixture" 2>&1 | grep -q "Lock.swift imports"; then
  echo "[apps] the thinness check refused LocalAuthentication" >&2
  exit 1
fi
echo "[apps] the check refuses a fixture that breaks the rules"
bash scripts/check-thin-apps.sh

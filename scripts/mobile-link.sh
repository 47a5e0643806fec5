#!/usr/bin/env bash
# The linker for the mobile library (scripts/build-mobile.sh passes it as
# `-C linker`): the system's C compiler driver ($TANDEM_LINKER, else cc),
# with one change to what rustc asks of it. rustc exports every
# `#[no_mangle]` item of a cdylib through a version script, and uniffi's
# UNIFFI_META_* statics are such items: metadata that only uniffi-bindgen
# reads, from the library it generates the bindings from (the debug build,
# scripts/gen-bindings.sh). Exported, the linker must keep them and
# everything they point to (about 107 KB). The shipped library exports the
# functions the bindings call and nothing else.
set -euo pipefail
args=()
for arg in "$@"; do
  case "$arg" in
    -Wl,--version-script=*)
      list=${arg#-Wl,--version-script=}
      grep -v 'UNIFFI_META_' "$list" > "$list.calls"
      args+=("-Wl,--version-script=$list.calls")
      ;;
    *) args+=("$arg") ;;
  esac
done
exec "${TANDEM_LINKER:-cc}" "${args[@]}"

#!/bin/sh
# Makes the distribution's runtime/: a Java runtime linked by jlink from the JDK that builds, with only the modules the
# agent uses (docs/design.md, "Which modules are in runtime/?"), and runtime/interpreter, the ELF interpreter (the C
# library's loader) its bin/java needs, so that the launcher can say what is wrong in an image without it (musl).
#
# Usage: make-runtime.sh JDK OUTPUT MODULES COMPRESS     (MODULES comma-separated, COMPRESS a jlink --compress value)
set -eu
[ $# -eq 4 ] || { echo "usage: make-runtime.sh JDK OUTPUT MODULES COMPRESS" >&2; exit 2; }
jdk=$1 output=$2 modules=$3 compress=$4

# jlink refuses an existing folder; a build without "clean" finds the last one.
rm -rf "$output"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress="$compress" \
  --output "$output"

# Unsigned little-endian number of $2 bytes at offset $1 of the runtime's java.
number() {
  od -An -tu"$2" -j"$1" -N"$2" "$output/bin/java" | tr -d ' '
}

# The PT_INTERP segment of a 64-bit little-endian ELF (x86-64, aarch64), read from its program headers. Any other
# format gets no record, and the launcher then checks nothing.
[ "$(od -An -c -N6 "$output/bin/java" | tr -d ' ')" = '177ELF002001' ] || exit 0
headers=$(number 32 8) size=$(number 54 2) count=$(number 56 2)
i=0
while [ "$i" -lt "$count" ]; do
  header=$((headers + i * size))
  if [ "$(number "$header" 4)" -eq 3 ]; then
    offset=$(number $((header + 8)) 8) length=$(number $((header + 32)) 8)
    # The segment ends with the string's NUL.
    dd if="$output/bin/java" bs=1 skip="$offset" count=$((length - 1)) 2>/dev/null >"$output/interpreter"
    echo >>"$output/interpreter"
    exit 0
  fi
  i=$((i + 1))
done

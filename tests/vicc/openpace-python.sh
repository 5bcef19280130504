#!/bin/sh
# Builds OpenPACE's Python bindings (the `eac` module vicc's nPA card imports) into DIR.
#
# Debian packages OpenPACE's library (libeac-dev) but not its Python bindings. This takes the SWIG
# interface files from the Debian source of the same version, runs swig and compiles the module
# against the system library. Nothing is installed; the source tarball is cached in target/.
#   openpace-python.sh DIR
set -eu
out=${1:?usage: openpace-python.sh DIR}
repo=$(cd "$(dirname "$0")/../.." && pwd)
cache=${CARGO_TARGET_DIR:-$repo/target}/openpace
version=$(dpkg-query -W -f='${Version}' libeac-dev)
upstream=${version#*:}
upstream=${upstream%-*}
tarball=$cache/openpace_$upstream.orig.tar.xz
mkdir -p "$cache" "$out"
if [ ! -s "$tarball" ]; then
    curl -fsSL -o "$tarball.part" "http://deb.debian.org/debian/pool/main/o/openpace/openpace_$upstream.orig.tar.xz"
    mv "$tarball.part" "$tarball"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xJf "$tarball" -C "$work" --wildcards '*/bindings/*.i' '*/bindings/python/chat.py'
src=$(echo "$work"/openpace-*/bindings)
swig -python -I"$src" -outdir "$out" -o "$work/eac_wrap.c" "$src/eac.i"
# shellcheck disable=SC2046
gcc -shared -fPIC -O1 -w $(python3-config --includes) "$work/eac_wrap.c" -leac -lcrypto \
    -o "$out/_eac$(python3-config --extension-suffix)"
cp "$src/python/chat.py" "$out/"
echo "openpace-python: eac and chat modules for vicc's nPA in $out"

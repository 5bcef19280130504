#!/usr/bin/env bash
# Makes a test PKI for the virtual passport, with OpenSSL: a CSCA and a document signer (ECDSA P-256).
# NOT a real authority: for the demo and tests only. Keeps an existing one.
#   scripts/test-pki.sh DIR     → DIR/csca.der (what the kiosk trusts), DIR/ds.pem, DIR/ds.key
set -euo pipefail
dir="${1:?usage: scripts/test-pki.sh DIR}"
mkdir -p "$dir"
cd "$dir"
[[ -f csca.der && -f ds.pem && -f ds.key ]] && exit 0
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out csca.key 2>/dev/null
openssl req -x509 -new -key csca.key -subj "/C=KR/O=Minwon Test (not an authority)/CN=Minwon Test CSCA" \
  -days 3650 -sha256 -out csca.pem \
  -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign"
openssl x509 -in csca.pem -outform DER -out csca.der
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ds.key 2>/dev/null
openssl req -new -key ds.key -subj "/C=KR/O=Minwon Test (not an authority)/CN=Minwon Test Document Signer" -out ds.csr
printf "keyUsage=critical,digitalSignature\n" > ds.ext
openssl x509 -req -in ds.csr -CA csca.pem -CAkey csca.key -CAcreateserial -days 3650 -sha256 \
  -extfile ds.ext -out ds.pem 2>/dev/null
rm -f ds.csr ds.ext

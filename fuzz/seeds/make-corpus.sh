#!/usr/bin/env bash
# Writes the committed seed corpus (fuzz/corpus/<target>/) from the reference bodies in
# seeds/bodies/ (the API reference's fixtures, the drift and error cases of
# crates/plex-auth-core/tests/{decoding,errors}.rs, and bodies that echo or plant secrets).
# Re-run after changing a body or the input layout of src/input.rs; the output is deterministic.
# Kept: the fixed findings copied in as corpus/<target>/finding-* (see findings/README.md) and
# corpus/token_file/, which is committed as is (this script writes no token-file inputs).
set -euo pipefail
export LC_ALL=C # awk writes bytes, not characters
cd "$(dirname "$0")"
B=bodies
C=../corpus
mkdir -p "$C"
find "$C" -type f ! -name 'finding-*' ! -path "$C/token_file/*" ! -path "$C/verify_plex_jwt/*" -delete
find "$C" -mindepth 1 -type d -empty -delete

# Content-type and Retry-After indexes into src/input.rs's CONTENT_TYPES and RETRY_AFTERS.
NONE=0 JSON=1 JSON_UTF8=2 TEXT_XML=3 APP_XML=4 HTML=6 PLAIN=7
RA_NONE=0 RA_SECONDS=1 RA_DATE=4

# seed TARGET STATUS CONTENT_TYPE RETRY_AFTER BODYFILE: header (status big-endian, two index
# bytes) then the body, named after the body and status.
seed() {
  local target=$1 status=$2 ct=$3 ra=$4 body=$5
  mkdir -p "$C/$target"
  local out="$C/$target/${status}-$(basename "$body")"
  printf "\\x$(printf %02x $((status >> 8)))\\x$(printf %02x $((status & 255)))" > "$out"
  printf "\\x$(printf %02x "$ct")\\x$(printf %02x "$ra")" >> "$out"
  cat "$body" >> "$out"
}

for t in transient_token_get transient_token_post; do
  seed $t 200 $JSON $RA_NONE $B/transient-token.json
  seed $t 200 $TEXT_XML $RA_NONE $B/transient-token.xml
  seed $t 201 $NONE $RA_NONE $B/transient-token.xml
  seed $t 200 $JSON $RA_NONE $B/echo-string-token.json
  seed $t 401 $JSON $RA_NONE $B/echo-error-token.json
  seed $t 401 $APP_XML $RA_NONE $B/echo-error-token.xml
  seed $t 403 $HTML $RA_NONE $B/error-403.html
  seed $t 429 $PLAIN $RA_SECONDS $B/error-single.json
done

seed source_info 200 $JSON $RA_NONE $B/source-info.json
seed source_info 200 $JSON_UTF8 $RA_NONE $B/source-info-array.json
seed source_info 200 $APP_XML $RA_NONE $B/source-info.xml
seed source_info 200 $NONE $RA_NONE $B/planted-source.xml
seed source_info 200 $JSON $RA_NONE $B/planted-source.json
seed source_info 403 $HTML $RA_NONE $B/error-403.html
seed source_info 401 $JSON $RA_NONE $B/echo-error-token.json

seed resources 200 $JSON $RA_NONE $B/resources.json
seed resources 200 $JSON_UTF8 $RA_NONE $B/planted-resources.json
seed resources 200 $APP_XML $RA_NONE $B/resources.xml
seed resources 200 $NONE $RA_NONE $B/resources.xml
seed resources 401 $JSON $RA_NONE $B/echo-error-token.json
seed resources 429 $PLAIN $RA_SECONDS $B/error-single.json
seed identity 200 $JSON $RA_NONE $B/identity.json
seed identity 200 $TEXT_XML $RA_NONE $B/identity.xml
seed identity 200 $NONE $RA_NONE $B/planted-identity.xml
seed identity 200 $JSON $RA_NONE $B/planted-identity.json
seed identity 401 $HTML $RA_NONE $B/error-403.html
seed identity 200 $JSON $RA_NONE $B/transient-token.json
for t in ping sign_out; do
  seed $t 200 $JSON $RA_NONE $B/error-single.json
  seed $t 204 $NONE $RA_NONE $B/identity.xml
  seed $t 401 $JSON $RA_NONE $B/echo-error-token.json
  seed $t 403 $APP_XML $RA_NONE $B/echo-error-token.xml
  seed $t 422 $APP_XML $RA_NONE $B/error-422.xml
done

seed create_pin 201 $JSON $RA_NONE $B/pin.json
seed create_pin 201 $JSON_UTF8 $RA_NONE $B/planted-pin.json
seed create_pin 200 $NONE $RA_NONE $B/pin-approved.json
seed create_pin 201 $JSON $RA_NONE $B/echo-string-token.json
seed create_pin 400 $JSON $RA_NONE $B/error-single.json
seed create_pin 429 $PLAIN $RA_SECONDS $B/error-single.json
seed create_pin 201 $HTML $RA_NONE $B/error-403.html
seed get_pin 200 $JSON $RA_NONE $B/pin.json
seed get_pin 200 $JSON_UTF8 $RA_NONE $B/pin-approved.json
seed get_pin 200 $JSON $RA_NONE $B/planted-pin.json
seed get_pin 200 $NONE $RA_NONE $B/echo-pin-token.json
seed get_pin 404 $JSON $RA_NONE $B/error-pin-expired.json
seed get_pin 200 $TEXT_XML $RA_NONE $B/identity.xml
seed get_pin 503 $HTML $RA_SECONDS $B/error-403.html
seed link_pin 204 $NONE $RA_NONE $B/identity.xml
seed link_pin 200 $JSON $RA_NONE $B/pin.json
seed link_pin 401 $JSON $RA_NONE $B/echo-error-token.json
seed link_pin 401 $JSON $RA_NONE $B/echo-error-signin.json
seed link_pin 403 $APP_XML $RA_NONE $B/echo-error-token.xml
seed link_pin 404 $JSON $RA_NONE $B/error-pin-expired.json
seed link_pin 422 $APP_XML $RA_NONE $B/error-422.xml

for f in signin-201.json signin-201-variant.json drift-account.json drift-enums.json planted-account.json \
  planted-token-object.json echo-string-token.json; do
  seed token_details 200 $JSON_UTF8 $RA_NONE $B/$f
  seed sign_in 201 $JSON $RA_NONE $B/$f
done
seed token_details 401 $JSON $RA_NONE $B/error-401.json
seed token_details 422 $APP_XML $RA_NONE $B/error-422.xml
seed token_details 401 $JSON $RA_NONE $B/echo-error-token.json
seed token_details 429 $NONE $RA_DATE $B/error-single.json
seed sign_in 401 $JSON $RA_NONE $B/error-2fa.json
seed sign_in 401 $TEXT_XML $RA_NONE $B/error-2fa.xml
seed sign_in 401 $JSON $RA_NONE $B/echo-error-signin.json
seed sign_in 400 $JSON $RA_NONE $B/error-single.json
seed sign_in 200 $HTML $RA_NONE $B/error-403.html

for f in error-401.json error-2fa.json error-single.json echo-error-token.json echo-error-signin.json \
  error-pin-expired.json; do
  seed error_body 401 $JSON $RA_NONE $B/$f
done
for f in error-401.xml error-422.xml error-2fa.xml echo-error-token.xml; do
  seed error_body 422 $NONE $RA_NONE $B/$f
done
seed error_body 403 $HTML $RA_NONE $B/error-403.html
seed error_body 429 $PLAIN $RA_DATE $B/error-single.json
seed error_body 503 $NONE $RA_SECONDS $B/error-single.json

mkdir -p "$C/xml"
for f in $B/*.xml $B/error-403.html; do cp "$f" "$C/xml/"; done

# mutated_bodies: per reference body (src/mutate.rs REFERENCES order) one seed without
# mutations and one followed by 96 fixed pseudo-random bytes (a few mutations to start from).
mkdir -p "$C/mutated_bodies"
for i in $(seq 0 20); do
  printf "\\x$(printf %02x "$i")\\x00\\x00" > "$C/mutated_bodies/reference-$i"
  { printf "\\x$(printf %02x "$i")\\x00\\x00"
    awk -v seed="$i" 'BEGIN { x = seed * 7919 + 17; for (n = 0; n < 96; n++) { x = (x * 1103515245 + 12345) % 2147483648; printf "%c", int(x / 65536) % 256 } }'
  } > "$C/mutated_bodies/reference-$i-mutated"
done

# The JWT routes (issue 11): nonces, Plex JWT answers, key sets, and their error bodies.
seed register_device_key 201 $NONE $RA_NONE $B/nonce.json
seed register_device_key 201 $JSON $RA_NONE $B/planted-token-answer.json
seed register_device_key 422 $JSON $RA_NONE $B/error-jwt-thumbprint.json
seed register_device_key 401 $JSON $RA_NONE $B/echo-error-token.json
seed register_device_key 401 $JSON $RA_NONE $B/error-jwk-missing.json
seed get_nonce 200 $JSON $RA_NONE $B/nonce.json
seed get_nonce 200 $NONE $RA_NONE $B/nonce-drift.json
seed get_nonce 429 $NONE $RA_NONE $B/error-single.json
seed get_nonce 400 $JSON $RA_NONE $B/error-1003.json
seed exchange_device_jwt 200 $JSON $RA_NONE $B/token-answer.json
seed exchange_device_jwt 200 $JSON $RA_NONE $B/planted-token-answer.json
seed exchange_device_jwt 422 $JSON $RA_NONE $B/error-jwt-signature.json
seed exchange_device_jwt 498 $JSON $RA_NONE $B/error-498-echo.json
seed exchange_device_jwt 401 $JSON $RA_NONE $B/error-jwk-missing.json
seed get_plex_keys 200 $JSON $RA_NONE $B/keys.json
seed get_plex_keys 200 $NONE $RA_NONE $B/keys-single.json
seed get_plex_keys 200 $JSON $RA_NONE $B/nonce.json
seed get_plex_keys 503 $HTML $RA_SECONDS $B/error-403.html
for f in error-jwt-signature.json error-jwt-thumbprint.json error-jwk-missing.json error-1003.json error-498-echo.json; do
  seed error_body 422 $JSON $RA_NONE $B/$f
done
# corpus/verify_plex_jwt/ is committed as is (tokens signed by the target's fixed key, written
# once with Python's `cryptography`; this script does not write them).

# Starts the real `signpost serve` on loopback over a fresh run store of an extract folder,
# with one API token (triage) and one triage account, for the API check in .ci/run and the
# service benchmarks. Source it from the repository's root:
#
#   SIGNPOST=.build/debug/signpost INPUT=samples/wigan AS_OF=2025-04-01 \
#     . Benchmarks/service/start-service.sh
#
# It sets SERVICE_DIR (the store, configuration and log), SERVICE_URL, SERVICE_TOKEN (a
# bearer token), SERVICE_COOKIE (a signed-in triage session, "signpost_session=...") and
# SERVICE_PID; `stop_service` stops it (SIGTERM, by its pid) and removes SERVICE_DIR.
# SERVICE_TMP names the folder SERVICE_DIR is made in (default TMPDIR or /tmp): the store's
# commits wait for fsync (synchronous = FULL), so its disk is part of every audited request.

: "${SIGNPOST:?set SIGNPOST to the signpost binary}"
: "${INPUT:?set INPUT to the extract folder}"
: "${AS_OF:?set AS_OF to the extracts date}"
repo="$(pwd)"
SERVICE_DIR="$(mktemp -d -p "${SERVICE_TMP:-${TMPDIR:-/tmp}}")"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
SERVICE_URL="http://127.0.0.1:$port"
head -c 48 /dev/urandom >"$SERVICE_DIR/session.key"
password="service-check-$RANDOM$RANDOM"
password_hash="$(printf '%s\n' "$password" | "$SIGNPOST" serve --hash-password)"
token_lines="$("$SIGNPOST" serve --new-token)"
SERVICE_TOKEN="$(printf '%s\n' "$token_lines" | sed -n 's/^token: //p')"
token_sha256="$(printf '%s\n' "$token_lines" | sed -n 's/.*token_sha256: "\([0-9a-f]*\)".*/\1/p')"
cat >"$SERVICE_DIR/signpost.yaml" <<YAML
pack: $repo/rules/wigan
input: $(cd "$INPUT" && pwd)
store: runs.sqlite
output: runs
as_of: $AS_OF
serve:
  address: 127.0.0.1
  port: $port
  session_secret_file: session.key
  secure_cookies: false
  school_field: school
  ward_field: ward
  users:
    - { name: triage, role: triage, password_hash: "$password_hash" }
  tokens:
    - { name: service-check, role: triage, token_sha256: "$token_sha256" }
YAML
"$SIGNPOST" run --config "$SERVICE_DIR/signpost.yaml" >"$SERVICE_DIR/run.log" 2>&1
"$SIGNPOST" serve --config "$SERVICE_DIR/signpost.yaml" >"$SERVICE_DIR/serve.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 120); do
  curl -fs "$SERVICE_URL/ready" >/dev/null 2>&1 && break
  kill -0 "$SERVICE_PID" 2>/dev/null || { cat "$SERVICE_DIR/serve.log" >&2; exit 1; }
  sleep 0.5
done
curl -fs "$SERVICE_URL/ready" >/dev/null || { echo "the service did not become ready" >&2; exit 1; }

# Sign in as a browser does: the form's CSRF token and its cookie, then the post.
jar="$SERVICE_DIR/cookies.txt"
csrf="$(curl -fs -c "$jar" "$SERVICE_URL/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)"
curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "username=triage" \
  --data-urlencode "password=$password" --data-urlencode "csrf=$csrf" "$SERVICE_URL/login"
SERVICE_COOKIE="signpost_session=$(awk '$6 == "signpost_session" { print $7 }' "$jar")"

stop_service() {
  kill -TERM "$SERVICE_PID" 2>/dev/null || true
  wait "$SERVICE_PID" 2>/dev/null || true
  rm -rf "$SERVICE_DIR"
}

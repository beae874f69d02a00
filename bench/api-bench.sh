#!/usr/bin/env bash
# API benchmark (issues #7, #17): wrk against a Release build on 127.0.0.1, each API beside an empty endpoint of the
# same app measured in the same run. Usage: bench/api-bench.sh [seconds per run, default 10]
# Needs wrk (apt-get install -y wrk). Not part of `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
connections="${BENCH_CONNECTIONS:-32}"
port="${BENCH_PORT:-5399}"
work="$(mktemp -d)"
base="http://127.0.0.1:$port"
key="vox-demo-riverside"
partner_key="pk_demo_northwind"
trap 'kill $app 2>/dev/null || true; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
if curl -s -o /dev/null "$base/healthz"; then echo "Something already answers on port $port: stop it or set BENCH_PORT"; exit 1; fi
echo "Publishing a Release build..."
dotnet publish PartnerPortal -c Release -o "$work/app" --nologo -v quiet >/dev/null

ASPNETCORE_ENVIRONMENT=Development \
ConnectionStrings__Portal="Data Source=$work/bench.db" \
Logging__LogLevel__Default=Warning \
Api__RateLimit__PermitsPerSecond=100000000 Api__RateLimit__Burst=100000000 \
Verification__AutoApproveAfter=00:00:00 \
Delivery__Enabled=false \
  dotnet "$work/app/PartnerPortal.dll" --urls "$base" --contentRoot "$work/app" > "$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 120); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
kill -0 "$app" 2>/dev/null && curl -fs "$base/healthz" >/dev/null || { echo "The app did not start:"; tail -20 "$work/app.log"; exit 1; }

auth="Authorization: Bearer $key"
message_id=$(curl -fs -X POST "$base/api/v1/integration/messages/send" -H "$auth" -H 'Content-Type: application/json' \
  -d '{"providerId":"P-1001","content":"Benchmark seed message"}' | sed -E 's/.*"messageId":"?([^",]+)"?.*/\1/')
curl -fs "$base/api/v1/integration/messages/$message_id" -H "$auth" >/dev/null || { echo "GET /messages/$message_id failed"; exit 1; }
sms=$(curl -s -X POST "$base/api/io/SmsSend" -H "Authorization: Bearer $partner_key" -H 'Content-Type: application/json' \
  -d '{"accountId":"riverside","to":"+16145550177","message":"Benchmark seed message"}')
case "$sms" in *'"successful":true'*) ;; *) echo "SmsSend failed: $sms"; exit 1;; esac

cat > "$work/get.lua" <<LUA
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer $key"
LUA
post_lua() { # file key body
  printf 'wrk.method = "POST"\nwrk.headers["Authorization"] = "Bearer %s"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [[%s]]\n' \
    "$2" "$3" > "$work/$1"
}
text="Your appointment is tomorrow at 9:00. Reply STOP to opt out."
post_lua send.lua "$key" '{"providerId":"P-1001","content":"'"$text"'"}'
# The Partner API's SmsSend (same account, same text, an inline recipient) beside the Integration send.
post_lua smssend.lua "$partner_key" '{"accountId":"riverside","to":"+16145550177","message":"'"$text"'"}'

run() { # id label script path
  wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$3" "$base$4" > "$work/$1.txt"
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/$1.txt")
  p99=$(awk '$1=="99%" {print $2}' "$work/$1.txt")
  errors=$(awk '/Non-2xx/ {printf "%s non-2xx ", $NF} /Socket errors/ {printf "%s ", $0}' "$work/$1.txt")
  printf '%-24s %10s req/s   p99 %8s   errors: %s\n' "$2" "$rps" "$p99" "${errors:-none}"
  echo "$rps" > "$work/$1.rps"
}

echo "Warming up (JIT tiers, connection and context pools), not counted: 15 s of each send, 5 s on each GET..."
for target in "send.lua /api/v1/integration/messages/send 15" "smssend.lua /api/io/SmsSend 15" "get.lua /api/v1/integration/ping 5" "get.lua /api/v1/integration/messages/$message_id 5"; do
  set -- $target
  wrk -t2 -c"$connections" -d"$3s" -s "$work/$1" "$base$2" > /dev/null
done
echo "wrk: 2 threads, $connections connections, ${duration}s per run"
run empty1 "empty (GET /ping)" "$work/get.lua" "/api/v1/integration/ping"
run send "POST /messages/send" "$work/send.lua" "/api/v1/integration/messages/send"
run smssend "POST /api/io/SmsSend" "$work/smssend.lua" "/api/io/SmsSend"
run empty2 "empty (GET /ping)" "$work/get.lua" "/api/v1/integration/ping"
run get "GET /messages/{id}" "$work/get.lua" "/api/v1/integration/messages/$message_id"

empty=$(cat "$work/empty1.rps" "$work/empty2.rps" | awk '{s+=$1} END {print s/NR}')
send=$(cat "$work/send.rps")
smssend=$(cat "$work/smssend.rps")
get=$(cat "$work/get.rps")
awk -v e="$empty" -v s="$send" -v p="$smssend" -v g="$get" 'BEGIN {
  printf "send / empty = %.2f (target >= 0.15)\n", s / e;
  printf "SmsSend / empty = %.2f; SmsSend / send = %.2f (target >= 0.9)\n", p / e, p / s;
  printf "get  / empty = %.2f (target >= 0.35)\n", g / e }'

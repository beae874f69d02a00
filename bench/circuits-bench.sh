#!/usr/bin/env bash
# Circuit benchmark (issue 18): publishes a Release build and runs bench/PartnerPortal.Bench.Circuits against it.
# Usage: bench/circuits-bench.sh [--sessions 10,50,100] [--accounts 100000] [--pages accounts,account,send,audit,reports]
#        [--rounds 3] [--soak 200]. Needs Chromium at /usr/bin/chromium. Not part of `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."
out="bench/PartnerPortal.Bench.Circuits/results/app"
echo "Publishing a Release build..."
dotnet publish PartnerPortal -c Release -o "$out" --nologo -v quiet >/dev/null
dotnet run -c Release --project bench/PartnerPortal.Bench.Circuits -- --app "$out" "$@"

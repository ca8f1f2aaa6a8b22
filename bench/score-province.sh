#!/usr/bin/env bash
# Scoring a province on PostgreSQL, end to end, from an empty database (docs/benchmarks.md,
# "Scoring a province on PostgreSQL"). Needs a PostgreSQL where PGUSER may create databases
# (PGHOST/PGPORT/PGUSER, default 127.0.0.1:55432 as postgres) and hyperfine (apt-get install -y hyperfine).
#
#   bench/score-province.sh [UNITS] [CATEGORIES] [LEAVES]
set -euo pipefail
cd "$(dirname "$0")/.."
UNITS=${1:-10000}
CATEGORIES=${2:-20}
LEAVES=${3:-150}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-55432} PGUSER=${PGUSER:-postgres}
DB=baton_bench_province

psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
export Database__Provider=Postgres
export ConnectionStrings__Postgres="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Database=$DB"

dotnet build -c Release src/Baton.Cli -v q -nologo
BATON="dotnet src/Baton.Cli/bin/Release/net10.0/baton.dll"

$BATON migrate
echo "== seed province: $UNITS units, $CATEGORIES categories, $LEAVES leaves"
/usr/bin/time -f "seed: %e s wall, %M KB max RSS" $BATON seed province --units "$UNITS" --categories "$CATEGORIES" --leaves "$LEAVES"
psql -q -d $DB -c "VACUUM ANALYZE"

echo "== first score (computes and stores the snapshot)"
/usr/bin/time -f "first score: %e s wall, %M KB max RSS" $BATON score --year 2030 --format json --out /tmp/baton-province-score.json

echo "== repeated score (recomputes everything; finds the identical snapshot) beside the hand-written SQL"
hyperfine --warmup 1 --runs 5 --export-markdown /tmp/baton-province-bench.md \
  -n "baton score" "$BATON score --year 2030 --format json --out /tmp/baton-province-score.json" \
  -n "SQL sum of points per unit" "psql -q -d $DB -o /dev/null -f bench/sum-points.sql"
cat /tmp/baton-province-bench.md

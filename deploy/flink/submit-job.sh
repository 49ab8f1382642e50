#!/usr/bin/env bash
# The job submitter of docker-compose.yml: submits jobs/gamma/target/gamma-straddle-job.jar to the
# session cluster (`flink run -d`) unless a job named gamma-straddle is already scheduled or
# running there, so `docker compose up` can be repeated. With RESTORE_SAVEPOINT set, the job starts
# from that savepoint or retained checkpoint, with PARALLELISM set at that parallelism, and with
# ALLOW_NON_RESTORED_STATE=true skipping state no operator claims (a removed operator, a changed
# alert count: docs/alerts.md) (docs/docker.md, "Upgrade the job"). The job's settings come from the GSB_* variables of the
# container (docs/configuration.md).
set -euo pipefail

jar=/opt/gsb/job/gamma-straddle-job.jar
if [[ ! -f "$jar" ]]; then
  echo "No $jar: build the jars first (./mvnw -B -DskipTests -Pdocker package)" >&2
  exit 1
fi

if flink list --running --scheduled | grep -q ' : gamma-straddle ('; then
  echo "gamma-straddle is already on the cluster: nothing to submit"
  exit 0
fi

options=()
if [[ -n "${RESTORE_SAVEPOINT:-}" ]]; then
  options+=(--fromSavepoint "$RESTORE_SAVEPOINT")
fi
if [[ "${ALLOW_NON_RESTORED_STATE:-}" == "true" ]]; then
  options+=(--allowNonRestoredState)
fi
if [[ -n "${PARALLELISM:-}" ]]; then
  options+=(--parallelism "$PARALLELISM")
fi
exec flink run --detached "${options[@]}" --class io.gammastraddle.gamma.GammaJob "$jar"

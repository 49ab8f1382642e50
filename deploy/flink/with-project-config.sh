#!/usr/bin/env bash
# Entry point of the Flink containers in docker-compose.yml: the project's flink-conf/config.yaml,
# mounted read-only at /opt/gsb/flink-conf, replaces the image's conf/config.yaml, then the image's
# own /docker-entrypoint.sh runs with the arguments (jobmanager, taskmanager or a command).
#
# That entry point rewrites conf/config.yaml in place: it loads it, sets jobmanager.rpc.address,
# blob.server.port and query.server.port, then every "key: value" line of FLINK_PROPERTIES (a
# later setting wins), and writes the merged configuration back (bin/config-parser-utils.sh). A
# read-only mount cannot take that, and a writable one would have the repository's file
# rewritten, so the containers work on a copy.
set -euo pipefail

cp /opt/gsb/flink-conf/config.yaml "$FLINK_HOME/conf/config.yaml"
exec /docker-entrypoint.sh "$@"

#!/usr/bin/env bash
# One command, one machine: an Artemis primary/backup pair (shared store, TLS) + 3 gateway nodes (gw-1..gw-3) on
# loopback ports, on the PostgreSQL database tsw_cluster, with one SFTP host key and shared payload/mailbox folders.
# DEMO ONLY: the TLS key store and host key are generated here on first run (labelled DEMO-ONLY) and the passwords
# are the public demo ones of config/demo/demo-secrets.properties. See docs/CLUSTER.md. Stop with config/cluster/stop.sh.
#
#   config/cluster/start.sh            (after: mvn -B -o -DskipTests install)
#   TSW_CLUSTER_DIR=/tmp/c config/cluster/start.sh   (run folder; default target/cluster under the repository)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/gateway/server/target/tsw-gateway.jar"
RUN="${TSW_CLUSTER_DIR:-$ROOT/target/cluster}"
PGHOST="${PGHOST:-127.0.0.1}"
PGUSER="${PGUSER:-postgres}"
JAVA="${JAVA:-java}"
PRIMARY_PORT=61616
BACKUP_PORT=61617
TRUST_PW=tsw-broker-DEMO-ONLY-truststore
KEY_PW=tsw-broker-DEMO-ONLY-keystore-password   # = gateway.broker.tls.password in config/demo/demo-secrets.properties

[ -f "$JAR" ] || { echo "no $JAR: build first (mvn -B -o -DskipTests install)" >&2; exit 2; }
if [ -f "$RUN/pids" ]; then
  for pid in $(cat "$RUN/pids"); do
    kill -0 "$pid" 2>/dev/null && { echo "a cluster from $RUN is still running: config/cluster/stop.sh first" >&2; exit 2; }
  done
fi
mkdir -p "$RUN/logs" "$RUN/tls" "$RUN/broker" "$RUN/shared/payloads" "$RUN/shared/sftp" "$RUN/shared/agencies"
: > "$RUN/pids"

# --- DEMO-ONLY keys, generated once ---------------------------------------------------------------------------------
KS="$RUN/tls/broker-DEMO-ONLY.p12"; TS="$RUN/tls/broker-trust-DEMO-ONLY.p12"; HOSTKEY="$RUN/tls/sftp_host_ed25519-DEMO-ONLY"
if [ ! -f "$KS" ]; then
  keytool -genkeypair -alias broker -keyalg EC -groupname secp256r1 -validity 365 -dname "CN=tsw-broker DEMO-ONLY" \
    -ext SAN=ip:127.0.0.1,dns:localhost -storetype PKCS12 -keystore "$KS" -storepass "$KEY_PW" >/dev/null 2>&1
  keytool -exportcert -rfc -alias broker -keystore "$KS" -storepass "$KEY_PW" -file "$RUN/tls/broker-DEMO-ONLY.crt" >/dev/null 2>&1
  keytool -importcert -noprompt -alias broker -file "$RUN/tls/broker-DEMO-ONLY.crt" -storetype PKCS12 \
    -keystore "$TS" -storepass "$TRUST_PW" >/dev/null 2>&1
fi
[ -f "$HOSTKEY" ] || ssh-keygen -q -t ed25519 -N '' -C 'tsw cluster DEMO-ONLY' -f "$HOSTKEY"
chmod 600 "$KS" "$HOSTKEY"

# --- PostgreSQL: the database tsw_cluster ----------------------------------------------------------------------------
if ! psql -h "$PGHOST" -U "$PGUSER" -tAc "select 1 from pg_database where datname='tsw_cluster'" | grep -q 1; then
  psql -h "$PGHOST" -U "$PGUSER" -c 'create database tsw_cluster' >/dev/null
  echo "created database tsw_cluster"
fi

TLS="sslEnabled=true&verifyHost=true&trustStoreType=PKCS12&trustStorePath=$TS&trustStorePassword=$TRUST_PW"
await_line() { # file, text, what
  for _ in $(seq 1 600); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "$3 did not start within 300 s: see $1" >&2; exit 1
}

# --- the broker pair: one journal folder ($RUN/broker), the primary first ------------------------------------------
start_broker() { # role, port, peer port
  "$JAVA" -Xmx256m -XX:+ExitOnOutOfMemoryError -Dgateway.secrets.file= \
    -Dgateway.broker.acceptor="tcp://127.0.0.1:$2" -Dgateway.broker.tls.keystore="$KS" \
    -Dgateway.broker.ha.role="$1" \
    -Dgateway.broker.ha.connector="tcp://127.0.0.1:$2?$TLS" -Dgateway.broker.ha.peer="tcp://127.0.0.1:$3?$TLS" \
    -jar "$JAR" broker --config "$ROOT/config" --data "$RUN/broker" >> "$RUN/logs/broker-$1.log" 2>&1 &
  echo $! >> "$RUN/pids"
  await_line "$RUN/logs/broker-$1.log" "TSW broker ready" "broker $1"
}
: > "$RUN/logs/broker-primary.log"; : > "$RUN/logs/broker-backup.log"
start_broker primary $PRIMARY_PORT $BACKUP_PORT
start_broker backup $BACKUP_PORT $PRIMARY_PORT

# --- three gateway nodes -----------------------------------------------------------------------------------------------
URL="(tcp://127.0.0.1:$PRIMARY_PORT,tcp://127.0.0.1:$BACKUP_PORT)?ha=true&reconnectAttempts=-1&retryInterval=500"
URL="$URL&retryIntervalMultiplier=2&maxRetryInterval=5000&callTimeout=10000&callFailoverTimeout=5000&consumerWindowSize=0&$TLS"
for i in 1 2 3; do
  D="$RUN/gw-$i"; mkdir -p "$D"
  for f in payloads sftp agencies; do [ -e "$D/$f" ] || ln -s "$RUN/shared/$f" "$D/$f"; done
  : > "$RUN/logs/gw-$i.log"
  # the launcher: the gateway JVM with the jar's AppCDS archive (made by the first node's launcher after a build,
  # the others wait for it); exec, so $! is the gateway's PID
  JAVA="$JAVA" "$ROOT/gateway/bin/tsw-gateway" -Xmx512m -Dgateway.secrets.file= \
    -Dgateway.node.name="gw-$i" -Dgateway.intake.drain.ms=3000 -Dgateway.http.port="8${i}80" -Dgateway.as2.port="8${i}81" \
    -Dgateway.soap.port="8${i}82" -Dgateway.sftp.port="2${i}22" -Dgateway.sftp.hostKey="$HOSTKEY" \
    -Dgateway.db.url="jdbc:postgresql://$PGHOST:5432/tsw_cluster" -Dgateway.db.user="$PGUSER" -Dgateway.db.password= \
    -Dgateway.broker.embedded=false -Dgateway.broker.acceptor= -Dgateway.broker.url="$URL" \
    -Dgateway.mappings.dir="$ROOT/mappings" -Dgateway.xsd.dir="$ROOT/xsd" \
    run --config "$ROOT/config" --data "$D" >> "$RUN/logs/gw-$i.log" 2>&1 &
  echo $! >> "$RUN/pids"
done
for i in 1 2 3; do await_line "$RUN/logs/gw-$i.log" "TSW Gateway ready" "gateway gw-$i"; done

cat <<INFO
TSW cluster up (run folder $RUN, logs in $RUN/logs):
  broker primary  tcp://127.0.0.1:$PRIMARY_PORT (TLS)   broker backup  tcp://127.0.0.1:$BACKUP_PORT (TLS, waiting)
  node   HTTP/API  AS2   SOAP  SFTP
  gw-1   8180      8181  8182  2122
  gw-2   8280      8281  8282  2222
  gw-3   8380      8381  8382  2322
  PostgreSQL: database tsw_cluster on $PGHOST. Payloads, SFTP mailboxes, folder agencies: $RUN/shared (all nodes).
Try it (chmod 600 config/demo/*_ed25519 first: git keeps no file mode; the demo key is DEMO-ONLY):
  sftp -i config/demo/demofwd_ed25519 -o StrictHostKeyChecking=accept-new -P 2122 demofwd@127.0.0.1 <<< 'put config/demo/samples/demofwd-import.edi inbox/'
  sftp -i config/demo/demofwd_ed25519 -P 2322 demofwd@127.0.0.1 <<< 'ls outbox'     # the answer, from another node
  curl -s -H 'Authorization: Bearer <operator token, config/demo/README.md>' http://127.0.0.1:8280/api/singletons
  kill -9 \$(sed -n 1p $RUN/pids)    # the live broker: the backup takes over, the nodes follow
Stop: config/cluster/stop.sh
INFO

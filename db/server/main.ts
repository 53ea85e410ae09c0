// CLI entry of the local libSQL server (the dev/test stand-in for Turso/sqld):
//   node db/server/main.ts [--port 8080] [--host 127.0.0.1] [--data .data] [--token X] [--log]
// Flags override env LIBSQL_PORT, LIBSQL_HOST, LIBSQL_DATA_DIR, LIBSQL_AUTH_TOKEN, LIBSQL_LOG=1.
// Prints one "listening" line; SIGINT/SIGTERM close the server and DB files.

import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { startLibsqlServer } from "./hrana-server.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    data: { type: "string" },
    token: { type: "string" },
    log: { type: "boolean" },
  },
  strict: true,
});

const portText = values.port ?? process.env.LIBSQL_PORT ?? "8080";
const port = Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid port: ${portText}`);
  process.exit(2);
}
const dataDir = resolve(values.data ?? process.env.LIBSQL_DATA_DIR ?? ".data");
const authToken = values.token ?? (process.env.LIBSQL_AUTH_TOKEN || undefined);

const server = await startLibsqlServer({
  port,
  host: values.host ?? process.env.LIBSQL_HOST ?? "127.0.0.1",
  dataDir,
  authToken,
  log: values.log ?? process.env.LIBSQL_LOG === "1",
});
console.log(`libsql server listening on ${server.url} (data: ${dataDir})`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.close().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

// `npm start`: the whole product locally, with the demo vendor seeded.
import { startStack } from "./lib/stack.mjs";
import { demo } from "./lib/seed.mjs";

const env = process.env;
const stack = await startStack({
  libsqlPort: Number(env.LIBSQL_PORT ?? 8080),
  apiPort: Number(env.API_PORT ?? 8787),
  portalPort: Number(env.PORTAL_PORT ?? 5173),
  echo: env.ECHO_LOGS === "1",
}).catch((e) => {
  console.error(`\nCould not start: ${e.message}\nLogs are in .data/logs/.`);
  process.exit(1);
});

console.log(`
Partner portal is running.

  Portal        ${stack.portalUrl}            (demo vendor: ${stack.portalUrl}/t/${demo.slug})
  API           ${stack.apiUrl}/api/health    (docs: ${stack.apiUrl}/api/docs)
  Dev mailbox   ${stack.portalUrl}/dev/mailbox
  libSQL        ${stack.libsqlUrl}             (data in .data/)
  Crons         ${stack.crons.join("  |  ")}  (fired locally on schedule)

Demo accounts (password for all: ${demo.password})
  vendor admin      ${demo.admin.email}
  channel manager   ${demo.channelManager.email}
  partner admin     ${demo.partnerAdmin.email}   (${demo.partnerOrg})
  partner user      ${demo.partnerUser.email}   (${demo.partnerOrg})

${stack.seeded?.created ? "Seeded the demo vendor." : "Reused the existing data."} Logs: .data/logs/. Press Ctrl-C to stop.
`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping…");
    await stack.stop();
    process.exit(0);
  });
}

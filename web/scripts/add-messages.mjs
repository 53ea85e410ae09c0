// Adds translated messages to the four catalogs in one step, so several
// people adding pages at once never overwrite each other's keys:
//   node web/scripts/add-messages.mjs new-messages.json
// where the file is { "en": { "key": "Text {var}" }, "es": {...}, "fr": {...}, "zh": {...} }.
// Every key must be given in every locale; existing keys are replaced.
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = join(import.meta.dirname, "..", "messages");
const locales = ["en", "es", "fr", "zh"];
const input = JSON.parse(readFileSync(process.argv[2], "utf8"));

const keysOf = (l) => Object.keys(input[l] ?? {}).sort().join("\n");
for (const l of locales) {
  if (keysOf(l) !== keysOf("en")) throw new Error(`locale ${l} does not have exactly the keys of en`);
}

const lock = join(dir, ".lock");
for (let i = 0; ; i++) {
  try {
    mkdirSync(lock);
    break;
  } catch {
    if (i > 200) throw new Error(`could not take ${lock}; remove it if no one is writing`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
try {
  for (const l of locales) {
    const file = join(dir, `${l}.json`);
    const catalog = JSON.parse(readFileSync(file, "utf8"));
    Object.assign(catalog, input[l]);
    writeFileSync(file, `${JSON.stringify(catalog, null, "\t")}\n`);
  }
} finally {
  rmdirSync(lock);
}
console.log(`added ${Object.keys(input.en).length} messages to ${locales.join(", ")}`);

// A small five-field cron matcher for the local scheduler: enough for the
// expressions in wrangler.toml (numbers, lists, ranges, steps and *).
function fieldMatches(field, value, min) {
  return field.split(",").some((part) => {
    const [range, stepText] = part.split("/");
    const step = stepText ? Number(stepText) : 1;
    let lo;
    let hi;
    if (range === "*") {
      lo = min;
      hi = Number.MAX_SAFE_INTEGER;
    } else if (range.includes("-")) {
      [lo, hi] = range.split("-").map(Number);
    } else {
      lo = Number(range);
      hi = stepText ? Number.MAX_SAFE_INTEGER : lo;
    }
    return value >= lo && value <= hi && (value - lo) % step === 0;
  });
}

/** Whether `cron` fires at the minute of `date` (UTC, as Cloudflare runs crons). */
export function cronMatches(cron, date) {
  const [min, hour, dom, month, dow] = cron.trim().split(/\s+/);
  return (
    fieldMatches(min, date.getUTCMinutes(), 0) &&
    fieldMatches(hour, date.getUTCHours(), 0) &&
    fieldMatches(dom, date.getUTCDate(), 1) &&
    fieldMatches(month, date.getUTCMonth() + 1, 1) &&
    fieldMatches(dow, date.getUTCDay(), 0)
  );
}

/** The crons declared in a wrangler.toml's [triggers] section. */
export function cronsFromWranglerToml(text) {
  const m = /\[triggers\][^[]*?crons\s*=\s*\[([^\]]*)\]/s.exec(text);
  return m ? [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]) : [];
}

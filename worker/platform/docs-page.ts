// A dependency-free API reference rendered from the OpenAPI document, so the
// docs work offline and under a strict CSP (no CDN scripts).
type Doc = { info: { title: string; description?: string }; paths?: Record<string, Record<string, Operation>> };
type Operation = { summary?: string; requestBody?: unknown; responses?: Record<string, { description?: string }> };

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

export function renderDocsPage(doc: Doc): string {
  const ops = Object.entries(doc.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  const rows = ops
    .map(
      ({ path, method, op }) => `<section><h2><span class="m ${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code></h2>
<p>${esc(op.summary ?? "")}</p>
<p class="r">${Object.entries(op.responses ?? {})
        .map(([status, r]) => `<b>${status}</b> ${esc(r.description ?? "")}`)
        .join(" · ")}</p></section>`,
    )
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(doc.info.title)}</title><style>
body{font-family:system-ui,sans-serif;max-width:960px;margin:0 auto;padding:16px;color:#111827}
section{border-top:1px solid #e5e7eb;padding:8px 0}h2{font-size:1rem;margin:.4rem 0}code{font-size:.95rem}
.m{display:inline-block;min-width:4.5em;text-align:center;border-radius:4px;padding:2px 6px;color:#fff;font-size:.8rem}
.get{background:#2563eb}.post{background:#16a34a}.delete{background:#dc2626}.patch,.put{background:#d97706}.r{color:#4b5563;font-size:.9rem}
</style></head><body><h1>${esc(doc.info.title)}</h1><p>${esc(doc.info.description ?? "")}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a></p>${rows}</body></html>`;
}

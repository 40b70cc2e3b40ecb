/**
 * A self-contained browsable page over /api/openapi.json: no script from a CDN,
 * so it works on an intranet with no internet access.
 */
export const docsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Tongxin API</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1rem;color:#1f2328}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #ddd}
details{border:1px solid #ddd;border-radius:6px;margin:.4rem 0;padding:.4rem .6rem}
summary{cursor:pointer}code.m{display:inline-block;min-width:4.5rem;font-weight:700}
.get{color:#0a7}.post{color:#06c}.patch{color:#b60}.delete{color:#c22}
pre{background:#f6f8fa;padding:.6rem;overflow:auto;font-size:13px}
</style></head><body>
<h1>Tongxin 同心 API</h1><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a></p>
<div id="routes">Loading…</div>
<script>
fetch("/api/openapi.json").then(r => r.json()).then(spec => {
  const byTag = {};
  for (const [path, ops] of Object.entries(spec.paths || {}))
    for (const [method, op] of Object.entries(ops)) (byTag[(op.tags || ["other"])[0]] ||= []).push({ path, method, op });
  const base = (spec.servers && spec.servers[0] && spec.servers[0].url) || "";
  const root = document.getElementById("routes");
  root.textContent = "";
  for (const [tag, list] of Object.entries(byTag)) {
    const h = document.createElement("h2"); h.textContent = tag; root.append(h);
    for (const { path, method, op } of list) {
      const d = document.createElement("details");
      const s = document.createElement("summary");
      s.innerHTML = '<code class="m ' + method + '">' + method.toUpperCase() + '</code> <code></code> ';
      s.querySelector("code:last-child").textContent = base + path;
      s.append(op.summary || "");
      const pre = document.createElement("pre");
      pre.textContent = JSON.stringify({ parameters: op.parameters, requestBody: op.requestBody, responses: op.responses }, null, 2);
      d.append(s, pre); root.append(d);
    }
  }
});
</script></body></html>`;

/**
 * Server-rendered HTML with no framework: every value goes through `html` tagged templates, which
 * escape interpolations unless they are already-rendered `SafeHtml`.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char]!)
}

type Interpolation =
  SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[]

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return ''
  if (value instanceof SafeHtml) return value.value
  if (Array.isArray(value)) return value.map(render).join('')
  return escapeHtml(String(value))
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0]!
  values.forEach((value, index) => {
    out += render(value) + strings[index + 1]!
  })
  return new SafeHtml(out)
}

export function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

const CSS = `
:root { --ink:#1d2433; --muted:#5b6475; --line:#e3e7ee; --bg:#f6f7fb; --card:#fff; --accent:#2f5bea; --warn-bg:#fff7e0; --warn-line:#f0d48a; --ok:#1a7f4b; --bad:#b42318; }
* { box-sizing: border-box; }
body { margin:0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color:var(--ink); background:var(--bg); }
header.top { background:#121826; color:#fff; padding:14px 28px; display:flex; align-items:baseline; gap:18px; flex-wrap:wrap; }
header.top a { color:#fff; text-decoration:none; }
header.top .brand { font-weight:700; font-size:17px; }
header.top nav a { color:#c9d2e3; margin-right:14px; font-size:14px; }
header.top nav a.current { color:#fff; font-weight:600; }
main { max-width:1040px; margin:0 auto; padding:22px 28px 60px; }
h1 { font-size:24px; margin:6px 0 4px; }
h2 { font-size:18px; margin:28px 0 10px; }
h3 { font-size:15px; margin:0 0 8px; }
p.lead { color:var(--muted); margin:0 0 18px; }
.banner { background:var(--warn-bg); border:1px solid var(--warn-line); border-radius:8px; padding:10px 14px; margin:14px 0 20px; font-size:14px; }
.notice { background:#e8f4ee; border:1px solid #b7dcc7; border-radius:8px; padding:10px 14px; margin:0 0 18px; font-size:14px; }
.card { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:16px 18px; margin:0 0 14px; }
.grid { display:grid; grid-template-columns:repeat(auto-fill, minmax(300px, 1fr)); gap:14px; }
.grid .card { margin:0; }
.status { display:inline-block; font-size:12px; font-weight:600; padding:2px 8px; border-radius:999px; }
.status.on { background:#e3f5eb; color:var(--ok); }
.status.off { background:#eef0f4; color:var(--muted); }
.muted { color:var(--muted); font-size:13px; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size:12.5px; }
code { background:#f0f2f7; padding:1px 5px; border-radius:4px; overflow-wrap:anywhere; }
a { color:var(--accent); }
h3 a { text-decoration:none; }
.url { display:block; margin:4px 0 10px; }
table { border-collapse:collapse; width:100%; font-size:13.5px; }
pre.mail-body { white-space:pre-wrap; word-break:break-word; font-size:13px; background:var(--bg); padding:10px; border-radius:6px; }
th, td { text-align:left; padding:6px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
th { color:var(--muted); font-weight:600; font-size:12.5px; }
.post { border-top:1px solid var(--line); padding:12px 0; }
.post:first-of-type { border-top:none; }
.post .meta { color:var(--muted); font-size:12.5px; display:flex; gap:14px; flex-wrap:wrap; }
.post .text { white-space:pre-wrap; word-wrap:break-word; margin:6px 0; }
.media { display:flex; gap:8px; flex-wrap:wrap; margin:6px 0; }
.media span { background:#eef2ff; color:#33408f; border-radius:6px; padding:2px 8px; font-size:12.5px; }
.media img { max-height:120px; border-radius:6px; border:1px solid var(--line); }
ul.activity { list-style:none; margin:8px 0 0; padding:0 0 0 12px; border-left:3px solid #dfe4f3; }
ul.activity li { margin:4px 0; font-size:14px; }
ul.activity .kind { font-size:11.5px; font-weight:600; text-transform:uppercase; letter-spacing:.03em; color:var(--accent); margin-right:6px; }
form.interact { display:grid; grid-template-columns:minmax(0, 2fr) minmax(0, 1fr); gap:10px; margin-top:8px; }
form.interact select, form.interact input, form.interact textarea { width:100%; min-width:0; }
form.interact label { display:flex; flex-direction:column; font-size:12.5px; color:var(--muted); gap:4px; }
form.interact .wide { grid-column:1 / -1; }
input, select, textarea { font:inherit; font-size:14px; padding:7px 9px; border:1px solid #cfd6e2; border-radius:6px; background:#fff; color:var(--ink); }
textarea { min-height:64px; resize:vertical; }
button, .button { font:inherit; font-size:14px; font-weight:600; background:var(--accent); color:#fff; border:none; border-radius:6px; padding:8px 16px; cursor:pointer; text-decoration:none; display:inline-block; }
button.secondary { background:#eef0f4; color:var(--ink); }
.ok { color:var(--ok); } .bad { color:var(--bad); }
.empty { color:var(--muted); font-style:italic; }
`

export interface NavItem {
  href: string
  label: string
  current?: boolean
}

export function layout(input: { title: string; nav: NavItem[]; body: SafeHtml }): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title} · Statex sandbox</title>
<style>${new SafeHtml(CSS)}</style>
</head>
<body>
<header class="top">
  <a class="brand" href="/">Statex Social sandbox</a>
  <nav>${input.nav.map((item) => html`<a href="${item.href}" class="${item.current ? 'current' : ''}">${item.label}</a>`)}</nav>
</header>
<main>
<div class="banner"><strong>Sandbox.</strong> Every platform here is a local simulator and every credential is fake: nothing is published anywhere real.</div>
${input.body}
</main>
</body>
</html>
`.value
}

/**
 * All widget CSS lives inside the shadow root: `:host { all: initial }` cuts inheritance from the host page and
 * nothing here can match the page's elements. `--a` is the widget's accent colour from its config.
 */
export const loaderCss = `:host{all:initial}
*{box-sizing:border-box}
[hidden]{display:none!important}
.w{position:fixed;right:20px;bottom:20px;z-index:2147483647;display:flex;flex-direction:column;align-items:flex-end;gap:12px;font:14px/1.45 system-ui,sans-serif;color:#1f2328;--a:#2563eb;text-align:left}
button{font:inherit;cursor:pointer}
.l{position:relative;width:56px;height:56px;border:0;border-radius:50%;padding:0;background:var(--a);color:#fff;display:grid;place-items:center;box-shadow:0 4px 14px rgba(0,0,0,.25)}
.l svg{width:28px;height:28px;fill:currentColor}
.n{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 5px;border-radius:10px;background:#cf222e;color:#fff;font-size:12px;line-height:20px;font-weight:700}
.i{width:min(300px,calc(100vw - 40px));background:#fff;border-radius:12px;box-shadow:0 6px 24px rgba(0,0,0,.22);padding:14px 16px;animation:bk .2s ease-out}
.i p{margin:0 0 12px;white-space:pre-wrap;overflow-wrap:anywhere}
.r{display:flex;gap:8px;align-items:center}
.b{border:1px solid var(--a);border-radius:8px;padding:6px 12px;background:var(--a);color:#fff}
.s{width:min(370px,calc(100vw - 40px));height:min(560px,calc(100vh - 110px))}
@media (max-width:480px){.s{position:fixed;inset:0;width:auto;height:auto}.s:not([hidden])~.l{display:none}}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@keyframes bk{from{opacity:0;transform:translateY(8px)}}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}`;

export const paneCss = `.p{display:flex;flex-direction:column;width:100%;height:100%;background:#fff;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.25);overflow:hidden;animation:bk .2s ease-out}
@media (max-width:480px){.p{border-radius:0}}
.h{display:flex;align-items:center;gap:6px;padding:10px 12px;background:var(--a);color:#fff}
.h strong{flex:1;min-width:0;font-size:15px;line-height:1.3;overflow-wrap:anywhere;display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;line-clamp:2;overflow:hidden}
.h button{flex:none;border:1px solid rgba(255,255,255,.6);background:transparent;color:#fff;border-radius:6px;padding:3px 8px}
.h button:disabled{opacity:.5;cursor:default}
.st{padding:8px 12px;font-size:13px;color:#57606a;border-bottom:1px solid #eaeef2}
.off{padding:4px 12px;font-size:12px;background:#fff8c5;color:#6b5300}
.m{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px}
.m.in{flex:none;padding-bottom:0}
.row{display:flex;flex-direction:column;align-items:flex-start;max-width:85%}
.row.visitor{align-self:flex-end;align-items:flex-end}
.row.system{align-self:center;align-items:center;max-width:100%}
.who{font-size:11px;color:#57606a;margin:0 4px 2px}
.bub{padding:7px 11px;border-radius:14px;background:#f0f2f5;white-space:pre-wrap;overflow-wrap:anywhere}
.visitor .bub{background:var(--a);color:#fff}
.system .bub{background:transparent;color:#57606a;font-size:12px;font-style:italic}
.meta{font-size:11px;color:#57606a;margin:2px 4px 0}
.meta.failed{color:#cf222e}
.f{display:flex;flex-wrap:wrap;gap:8px;padding:10px;border-top:1px solid #eaeef2;align-items:flex-end}
.f textarea{flex:1;resize:none;min-height:40px;max-height:120px;font:inherit;padding:8px 10px;border:1px solid #8c959f;border-radius:8px;color:inherit;background:#fff}
.end{padding:12px;border-top:1px solid #eaeef2;text-align:center}
.pre{flex:1;overflow-y:auto;padding:14px;display:flex;flex-direction:column;gap:12px}
.pre p{margin:0}
.pre label{display:flex;flex-direction:column;gap:4px;font-size:13px}
.pre input{font:inherit;padding:8px 10px;border:1px solid #8c959f;border-radius:8px;color:inherit;background:#fff}
.req{color:#cf222e}
.pre textarea{font:inherit;padding:8px 10px;border:1px solid #8c959f;border-radius:8px;color:inherit;background:#fff;resize:vertical}
.pb{color:#cf222e;font-size:12px}
.lv{flex:0 1 auto;min-height:0;border-bottom:1px solid #eaeef2}
.ty{padding:0 12px 6px;font-size:12px;font-style:italic;color:#57606a}
.sp{flex-basis:100%;margin:4px 0 0;font-size:11px;color:#57606a}
.sv{margin:0 0 10px;display:flex;flex-direction:column;gap:8px;align-items:center}
.sv fieldset{border:0;margin:0;padding:0}
.sv legend{padding:0;margin:0 auto 4px;font-weight:600}
.stars{display:flex;gap:2px}
.stars label{position:relative;cursor:pointer;font-size:26px;line-height:1;color:#8c959f;padding:2px}
.stars label.on{color:#9a6700}
.stars label:focus-within{outline:2px solid var(--a);outline-offset:1px;border-radius:4px}
.svc{display:flex;flex-direction:column;gap:4px;font-size:13px;width:100%;text-align:left}
.svc textarea,.svc input{font:inherit;padding:6px 8px;border:1px solid #8c959f;border-radius:8px;resize:none;color:inherit;background:#fff}
.b:disabled{opacity:.55;cursor:default}`;

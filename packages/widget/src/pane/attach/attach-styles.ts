/** The attach control and files in the transcript: appended to the pane's styles. */
export const attachCss = `
.p{position:relative}
.at{display:flex;flex-wrap:wrap;gap:6px;align-items:center;padding:6px 10px 0;font-size:13px}
.b2{font:inherit;font-size:13px;padding:4px 10px;border:1px solid #8c959f;border-radius:8px;background:#fff;color:inherit;cursor:pointer}
.ch{display:flex;flex-wrap:wrap;gap:6px;align-items:center;width:100%}
.ch p{margin:0;flex-basis:100%;overflow-wrap:anywhere}
.ch input{flex:1;min-width:0;font:inherit;padding:6px 8px;border:1px solid #8c959f;border-radius:8px;color:inherit;background:#fff}
.at [role=status]{display:flex;flex-wrap:wrap;gap:6px;align-items:center}
.at progress{width:80px}
.er{color:#cf222e}
.dz{flex-basis:100%;margin:0;padding:10px;border:2px dashed var(--a);border-radius:8px;text-align:center}
.th{padding:0;border:0;background:none;cursor:zoom-in;display:block;min-width:40px;min-height:40px}
.th img{display:block;max-width:200px;max-height:160px;width:auto;height:auto;border-radius:8px}
.fl{color:inherit;overflow-wrap:anywhere}
.fv{position:absolute;inset:0;z-index:2;display:flex;flex-direction:column;gap:8px;align-items:center;justify-content:center;padding:12px;background:rgba(0,0,0,.85)}
.fv img{max-width:100%;max-height:85%;object-fit:contain}
`;

// The banner's styles, inlined as a string. Colours meet WCAG AA: #111 on #fff (18.9:1), #fff on #1d4ed8 (6.7:1),
// #1d4ed8 links on #fff (6.7:1), #444 secondary text on #fff (9.7:1). No entrance animation: a slide or fade from
// invisible would hide the banner in the first frame (issue 5: shown no later than first paint), and there is then no
// motion for prefers-reduced-motion to reduce.
export const CSS = `#pc{position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:90vh;overflow:auto;box-sizing:border-box;padding:16px 20px;background:#fff;color:#111;border-top:3px solid #1d4ed8;box-shadow:0 -2px 12px rgba(0,0,0,.25);font:16px/1.5 system-ui,sans-serif}
#pc *{box-sizing:border-box}
#pc h2{margin:0 0 6px;font-size:20px;line-height:1.3}
#pc p{margin:0 0 10px}
#pc a{color:#1d4ed8;text-decoration:underline}
#pc .pb{display:flex;flex-wrap:wrap;gap:10px;align-items:center}
#pc .b{font:inherit;font-size:16px;font-weight:600;line-height:1.25;padding:10px 18px;min-width:140px;border:2px solid #1d4ed8;border-radius:4px;background:#1d4ed8;color:#fff;cursor:pointer}
#pc .l{font:inherit;padding:10px 4px;border:0;background:none;color:#1d4ed8;text-decoration:underline;cursor:pointer}
#pc :focus-visible,#pc:focus-visible{outline:3px solid #111;outline-offset:2px;box-shadow:0 0 0 5px #fde047}
#pc fieldset{border:1px solid #767676;border-radius:4px;margin:0 0 10px;padding:8px 12px}
#pc legend{font-weight:600;padding:0 4px}
#pc label{display:flex;gap:8px;align-items:center;font-weight:600}
#pc input{width:22px;height:22px;margin:0;accent-color:#1d4ed8}
#pc small{display:block;color:#444;font-size:14px}
#pc ul{margin:4px 0 0;padding-left:20px;font-size:14px}
#pc[hidden],#pc [hidden]{display:none}`;

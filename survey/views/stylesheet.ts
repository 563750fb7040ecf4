// The one stylesheet, served by Rootwork itself (no third-party assets). Mobile first:
// readable at 360 px, visible focus, large touch targets.
export const STYLESHEET = `
:root { --fg: #1b1b1b; --bg: #fff; --accent: #0b5394; --error: #b00020; --muted: #555; }
* { box-sizing: border-box; }
body { margin: 0; font: 1.0625rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 44rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; line-height: 1.25; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #f9a825; outline-offset: 2px; }
fieldset { border: 1px solid #ccc; border-radius: 6px; margin: 0 0 1.25rem; padding: .75rem 1rem; }
legend { font-weight: 600; padding: 0 .25rem; }
label { display: block; padding: .35rem 0; }
input[type=radio], input[type=checkbox] { width: 1.2rem; height: 1.2rem; margin-right: .5rem; vertical-align: middle; }
input[type=text], input[type=number], textarea, select { font: inherit; width: 100%; padding: .5rem; border: 1px solid #767676; border-radius: 4px; }
button, .button { font: inherit; padding: .6rem 1.2rem; border-radius: 6px; border: 2px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; min-height: 44px; }
button.secondary { background: #fff; color: var(--accent); }
.error { color: var(--error); font-weight: 600; }
.error-summary { border: 3px solid var(--error); padding: .75rem 1rem; margin-bottom: 1rem; }
.muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #ddd; }
@media (max-width: 400px) { main { padding: .75rem; } h1 { font-size: 1.35rem; } }
`;

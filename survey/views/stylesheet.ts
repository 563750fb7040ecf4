// The one stylesheet, served by Rootwork itself (no third-party assets). Mobile first:
// readable at 360 px, visible focus, large touch targets.
export const STYLESHEET = `
:root { --fg: #1b1b1b; --bg: #fff; --accent: #0b5394; --error: #b00020; --muted: #555; }
* { box-sizing: border-box; }
body { margin: 0; font: 1.0625rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 44rem; margin: 0 auto; padding: 1rem; }
/* admin pages hold wide tables: on a desktop they use the width, so no column hides off to the side */
main.wide { max-width: 80rem; }
h1 { font-size: 1.6rem; line-height: 1.25; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #f9a825; outline-offset: 2px; }
fieldset { border: 1px solid #ccc; border-radius: 6px; margin: 0 0 1.25rem; padding: .75rem 1rem; }
legend { font-weight: 600; padding: 0 .25rem; }
label { display: block; padding: .35rem 0; }
input[type=radio], input[type=checkbox] { width: 1.2rem; height: 1.2rem; margin-right: .5rem; vertical-align: middle; }
input[type=text], input[type=number], textarea, select { font: inherit; width: 100%; padding: .5rem; border: 1px solid #767676; border-radius: 4px; }
button, .button { font: inherit; padding: .6rem 1.2rem; border-radius: 6px; border: 2px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; min-height: 44px; }
button.secondary, .button.secondary { background: #fff; color: var(--accent); }
a.button { display: inline-block; text-decoration: none; }
button.danger { background: var(--error); border-color: var(--error); }
.danger-zone { border: 2px solid var(--error); border-radius: 6px; padding: .25rem 1rem 1rem; margin-top: 2.5rem; }
.danger-zone h3 { color: var(--error); }
.actions { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin-top: 1rem; }
.error { color: var(--error); font-weight: 600; }
.error-summary { border: 3px solid var(--error); padding: .75rem 1rem; margin-bottom: 1rem; }
.muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #ddd; }
/* admin and profile pages */
.admin-nav { display: flex; gap: 1rem; align-items: center; justify-content: space-between; border-bottom: 1px solid #ddd; padding-bottom: .5rem; }
.inline-form { display: inline; }
.notice { border-left: 4px solid var(--accent); padding: .5rem .75rem; background: #eef4fb; }
.hint { margin: 0 0 .25rem; font-size: .95rem; }
.field { margin-bottom: .75rem; }
.table-scroll { overflow-x: auto; position: relative; }
code.link { word-break: break-all; }
.lang-switch { text-align: right; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.likert label { display: block; }
.grid-table input[type=number] { min-width: 4.5rem; }
/* a fieldset is min-content wide by default: let wide tables scroll inside it instead of the page */
fieldset.has-table { min-width: 0; }
/* survey pages */
.survey-top { display: flex; justify-content: space-between; align-items: center; gap: 1rem; flex-wrap: wrap; }
.survey-name { margin: 0; font-weight: 600; color: var(--muted); }
.survey-lang { margin: 1rem 0; }
.link-button { background: none; border: none; color: var(--accent); text-decoration: underline; padding: .5rem .25rem; min-height: 44px; }
.progress-text { margin: .5rem 0 .25rem; color: var(--muted); }
progress { width: 100%; height: .75rem; accent-color: var(--accent); }
.intro { color: var(--muted); }
.question { margin-bottom: 1.25rem; }
.question-label { font-weight: 600; }
.marker { font-weight: 400; color: var(--muted); font-size: .9em; }
.help { margin: .25rem 0; color: var(--muted); }
.has-error fieldset, .has-error > input, .has-error > textarea { border-left: 5px solid var(--error); }
.options label, .scale label { display: flex; align-items: flex-start; gap: .25rem; padding: .45rem 0; min-height: 44px; }
.options label input, .scale label input { flex: none; margin-top: .15rem; }
.exclusive { border-top: 1px solid #ddd; margin-top: .25rem; }
.self-describe { margin-top: .5rem; }
input.short { max-width: 8rem; }
.nav-buttons { display: flex; flex-wrap: wrap; gap: .75rem; margin-top: 1.5rem; }
.error-summary h2 { margin-top: 0; font-size: 1.2rem; }
.error-summary a { color: var(--error); font-weight: 600; }
.review-section { border-bottom: 1px solid #ddd; padding-bottom: 1rem; margin-bottom: 1rem; }
.review-section dt { font-weight: 600; margin-top: .5rem; }
.review-section dd { margin: 0 0 .25rem; }
@media (min-width: 720px) { .scale { display: flex; gap: .5rem; } .scale label { flex: 1; flex-direction: column; align-items: center; text-align: center; font-size: .9rem; } }
@media (max-width: 400px) { main { padding: .75rem; } h1 { font-size: 1.35rem; } }
`;

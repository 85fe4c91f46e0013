import { createJiti } from 'jiti';
const j = createJiti(import.meta.url);
const { TermMaker, norwegianStemmer } = await j.import('/work/wt-probes/src/coverage/matching/index.ts');
const m = new TermMaker(norwegianStemmer);
for (const t of process.argv.slice(2)) { const ts = m.terms(t); console.log(t, '→', ts.map((x) => x + (m.broader(x).size ? '[' + [...m.broader(x)].map(([a, b]) => a + ':' + b.toFixed(2)).join(',') + ']' : '')).join(' ')); }

// JSON.parse loses integers above 2^53, and `camlab frames dump` writes UInt64 values exactly. This small
// parser keeps every integer that is not a safe Number as a BigInt — the representation the JS frame
// reader uses — so expected and decoded values compare exactly.
export function parseExactJson(text) {
  let i = 0;
  const fail = (what) => { throw new SyntaxError(`${what} at ${i} in ${text.slice(0, 80)}`); };
  const ws = () => { while (' \t\r\n'.includes(text[i]) && i < text.length) i++; };
  function value() {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++; const o = {}; ws();
      if (text[i] === '}') { i++; return o; }
      for (;;) {
        ws(); const key = string(); ws();
        if (text[i++] !== ':') fail('expected :');
        o[key] = value(); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i++] === '}') return o;
        fail('expected , or }');
      }
    }
    if (ch === '[') {
      i++; const a = []; ws();
      if (text[i] === ']') { i++; return a; }
      for (;;) {
        a.push(value()); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i++] === ']') return a;
        fail('expected , or ]');
      }
    }
    if (ch === '"') return string();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]]) {
      if (text.startsWith(word, i)) { i += word.length; return v; }
    }
    const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail('unexpected character');
    i += m[0].length;
    if (m[1] || m[2]) return Number(m[0]);
    const n = Number(m[0]);
    return Number.isSafeInteger(n) ? n : BigInt(m[0]);
  }
  function string() {
    if (text[i] !== '"') fail('expected string');
    let end = i + 1;
    while (text[end] !== '"') { if (text[end] === '\\') end++; end++; if (end >= text.length) fail('open string'); }
    const s = JSON.parse(text.slice(i, end + 1));
    i = end + 1;
    return s;
  }
  const result = value(); ws();
  if (i !== text.length) fail('trailing text');
  return result;
}

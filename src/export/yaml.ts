// A small YAML writer for the job configs: mappings of scalars (and one level of nesting, and flat lists), each value
// optionally followed by a `# comment` naming its source. Written to be read the same by PyYAML (YAML 1.1, what
// accelerate and the training script use) and by YAML 1.2 parsers: strings are double-quoted JSON strings (valid YAML
// double-quoted scalars), and floats always carry a '.' and a signed exponent when they need one, because PyYAML
// reads "2e-06" as a string.

export type YamlScalar = string | number | boolean | null;
export type YamlValue = YamlScalar | YamlScalar[];

export interface YamlEntry {
  key: string;
  value: YamlValue | YamlEntry[];
  comment?: string;
}

/** A number as YAML that PyYAML and YAML 1.2 both read back as the same number. */
export function yamlNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`YAML: cannot write ${n}`);
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const plain = String(n);
  if (!plain.includes('e')) return plain; // e.g. 0.05, 0.000002
  const [mantissa, exponent] = n.toExponential().split('e'); // "2e-7" -> ["2", "-7"]
  const signed = exponent.startsWith('-') || exponent.startsWith('+') ? exponent : `+${exponent}`;
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}e${signed}`;
}

export function yamlScalar(v: YamlScalar): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return yamlNumber(v);
  return JSON.stringify(v);
}

function checkKey(key: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) throw new Error(`YAML: key "${key}" needs quoting; not supported`);
  return key;
}

function comment(c: string | undefined): string {
  if (c === undefined) return '';
  if (c.includes('\n')) throw new Error('YAML: a comment must be one line');
  return `  # ${c}`;
}

/** The entries as YAML text, with an optional header of comment lines. */
export function toYaml(entries: readonly YamlEntry[], header: readonly string[] = [], indent = ''): string {
  const lines = header.map((h) => `# ${h}`);
  for (const e of entries) {
    const key = `${indent}${checkKey(e.key)}:`;
    if (Array.isArray(e.value) && e.value.length && typeof e.value[0] === 'object' && e.value[0] !== null) {
      lines.push(`${key}${comment(e.comment)}`);
      lines.push(toYaml(e.value as YamlEntry[], [], `${indent}  `).trimEnd());
    } else if (Array.isArray(e.value)) {
      lines.push(`${key} [${(e.value as YamlScalar[]).map(yamlScalar).join(', ')}]${comment(e.comment)}`);
    } else lines.push(`${key} ${yamlScalar(e.value as YamlScalar)}${comment(e.comment)}`);
  }
  return `${lines.join('\n')}\n`;
}

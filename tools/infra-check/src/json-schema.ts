/**
 * Validates values against the chart's values.schema.json the way `helm install/lint/template`
 * does, for the JSON Schema (draft-07) keywords the schema uses: type, enum, const, properties,
 * required, additionalProperties, propertyNames, items, minimum, maximum, minLength, pattern and
 * local $ref. An unknown keyword is an error, so the schema cannot silently outgrow the check.
 */
export type JsonSchema = { [keyword: string]: unknown };

const SUPPORTED = new Set([
  '$schema',
  'title',
  'description',
  'definitions',
  '$ref',
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'minimum',
  'maximum',
  'minLength',
  'pattern',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

export function validateJsonSchema(root: JsonSchema, value: unknown): string[] {
  const errors: string[] = [];

  const resolve = (schema: JsonSchema): JsonSchema => {
    const ref = schema['$ref'];
    if (typeof ref !== 'string') return schema;
    const match = /^#\/definitions\/(.+)$/.exec(ref);
    const target = match
      ? (root['definitions'] as Record<string, JsonSchema> | undefined)?.[match[1]!]
      : undefined;
    if (!target) throw new Error(`unresolvable $ref ${ref}`);
    return resolve(target);
  };

  const visit = (raw: JsonSchema, current: unknown, path: string): void => {
    const schema = resolve(raw);
    for (const keyword of Object.keys(schema)) {
      if (!SUPPORTED.has(keyword))
        throw new Error(`${path}: schema keyword "${keyword}" is not supported by this validator`);
    }
    const where = path || '(root)';
    const type = schema['type'];
    if (type !== undefined) {
      const types = Array.isArray(type) ? (type as string[]) : [type as string];
      if (!types.some((candidate) => matchesType(current, candidate))) {
        errors.push(`${where}: expected ${types.join(' or ')}, got ${typeOf(current)}`);
        return;
      }
    }
    if ('const' in schema && current !== schema['const'])
      errors.push(`${where}: must be ${JSON.stringify(schema['const'])}`);
    if (Array.isArray(schema['enum']) && !(schema['enum'] as unknown[]).includes(current)) {
      errors.push(
        `${where}: must be one of ${(schema['enum'] as unknown[]).map((item) => JSON.stringify(item)).join(', ')}`,
      );
    }
    if (typeof current === 'number') {
      if (typeof schema['minimum'] === 'number' && current < schema['minimum'])
        errors.push(`${where}: must be >= ${schema['minimum']}`);
      if (typeof schema['maximum'] === 'number' && current > schema['maximum'])
        errors.push(`${where}: must be <= ${schema['maximum']}`);
    }
    if (typeof current === 'string') {
      if (typeof schema['minLength'] === 'number' && current.length < schema['minLength']) {
        errors.push(`${where}: must be at least ${schema['minLength']} characters`);
      }
      if (
        typeof schema['pattern'] === 'string' &&
        !new RegExp(schema['pattern'], 'u').test(current)
      ) {
        errors.push(`${where}: does not match ${schema['pattern']}`);
      }
    }
    if (Array.isArray(current) && schema['items'] !== undefined) {
      current.forEach((item, index) =>
        visit(schema['items'] as JsonSchema, item, `${path}[${index}]`),
      );
    }
    if (typeOf(current) === 'object') {
      const object = current as Record<string, unknown>;
      for (const key of (schema['required'] as string[] | undefined) ?? []) {
        if (!(key in object)) errors.push(`${where}: missing required property "${key}"`);
      }
      const properties = (schema['properties'] as Record<string, JsonSchema> | undefined) ?? {};
      for (const [key, inner] of Object.entries(object)) {
        const child = path ? `${path}.${key}` : key;
        if (schema['propertyNames'] !== undefined)
          visit(schema['propertyNames'] as JsonSchema, key, `${child} (name)`);
        if (key in properties) visit(properties[key]!, inner, child);
        else if (schema['additionalProperties'] === false)
          errors.push(`${where}: unknown property "${key}"`);
        else if (typeof schema['additionalProperties'] === 'object')
          visit(schema['additionalProperties'] as JsonSchema, inner, child);
      }
    }
  };

  visit(root, value, '');
  return errors;
}
